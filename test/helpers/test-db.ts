import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { withDatabase } from './global-setup.ts';

/**
 * A fresh, migrated database for one test file: a clone of the run's template (PGlite tarball, or a
 * PostgreSQL `create database … template …` when TEST_DATABASE_URL is set). With `demo`, the template holding
 * the demo province loaded at the test app's default clock (test/helpers/global-setup.ts). Close it in afterAll.
 */
export async function createTestDb(opts: { demo?: boolean } = {}): Promise<DatabaseHandle> {
  const serverUrl = inject('pgServerUrl');
  if (serverUrl) {
    const name = `abdi_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(
        `create database ${name} template ${inject(opts.demo ? 'pgDemoTemplateDb' : 'pgTemplateDb')}`,
      );
    } finally {
      await admin.end();
    }
    const handle = await createDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropTestDatabase(serverUrl, name);
      },
    };
  }
  const tarball = await readFile(inject(opts.demo ? 'pgliteDemoTemplate' : 'pgliteTemplate'));
  return createDatabase({ dataDir: 'memory://', loadDataDir: new Blob([tarball]) });
}

/**
 * Drop a test database. A closed pg pool does not wait for its connections to be gone, and dropping
 * "with (force)" while one is still closing makes pg raise an unhandled error in this process: wait first.
 */
export async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  const drop = new pg.Client({ connectionString: serverUrl });
  await drop.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await drop.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await drop.query(`drop database if exists ${name} with (force)`);
  } finally {
    await drop.end();
  }
}
