import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { fixedClock } from '../../src/server/clock.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { loadDemoData } from '../../src/server/db/seeds/load-demo.ts';
import { createAuditService } from '../../src/server/modules/audit/audit-service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a migrated data-dir tarball to clone. */
    pgliteTemplate: string;
    /** PGlite: the same with the demo province loaded (`DEMO_TEMPLATE_NOW`). */
    pgliteDemoTemplate: string;
    /** PostgreSQL: URL of the server and name of a migrated template database (empty on PGlite). */
    pgServerUrl: string;
    pgTemplateDb: string;
    /** PostgreSQL: the same with the demo province loaded (empty on PGlite). */
    pgDemoTemplateDb: string;
  }
}

/**
 * The clock at which the demo template's province is loaded (its one audit entry, "demo.seeded", carries it):
 * the test app's default clock, so a test app cloned from the template holds what loading the demo into a fresh
 * database at its own clock writes (test/helpers/test-app.ts uses the template only at this clock).
 */
export const DEMO_TEMPLATE_NOW = '2026-01-15T02:00:00Z';

/** Load the demo province as a test app does, at {@link DEMO_TEMPLATE_NOW}. */
async function loadDemo(handle: DatabaseHandle) {
  await loadDemoData(handle.db, createAuditService({ db: handle.db, clock: fixedClock(DEMO_TEMPLATE_NOW) }));
}

/**
 * Waits (up to `attempts` × 50 ms) until no session is connected to database `db`: a template is copied only then,
 * and a closed pool or a stopped server may still be disconnecting. `query` runs a statement on the server.
 * @returns whether none is connected
 */
export async function untilNoSessions(
  query: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>,
  db: string,
  attempts = 100,
): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const { rows } = await query('select count(*)::int as n from pg_stat_activity where datname = $1', [db]);
    if ((rows[0] as { n: number }).n === 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/**
 * Builds the run's templates once, so each test file gets a fresh database by cloning one: migrated, and migrated
 * with the demo province loaded (what most test apps start from; loading it costs seconds per file). A PGlite
 * data-dir tarball (uncompressed: quicker to load), or (when TEST_DATABASE_URL is set) a PostgreSQL template
 * database.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const suffix = randomBytes(4).toString('hex');
    const name = `abdi_tpl_${suffix}`;
    const demoName = `abdi_tpl_demo_${suffix}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const handle = await createDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 1 });
    const disconnected = (db: string) => untilNoSessions((text, params) => admin.query(text, params), db);
    await migrateToLatest(handle.db);
    await handle.close();
    await disconnected(name);
    await admin.query(`create database ${demoName} template ${name}`);
    const demo = await createDatabase({ databaseUrl: withDatabase(serverUrl, demoName), poolSize: 1 });
    await loadDemo(demo);
    await demo.close();
    await disconnected(demoName);
    project.provide('pgServerUrl', serverUrl);
    project.provide('pgTemplateDb', name);
    project.provide('pgDemoTemplateDb', demoName);
    project.provide('pgliteTemplate', '');
    project.provide('pgliteDemoTemplate', '');
    return async () => {
      await admin.query(`drop database if exists ${demoName} with (force)`);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const handle = await createDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  const dir = path.resolve('.data-test');
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, `template-${process.pid}-${randomBytes(4).toString('hex')}`);
  const file = `${base}.tar`;
  const demoFile = `${base}-demo.tar`;
  await writeFile(file, Buffer.from(await (await handle.pglite!.dumpDataDir('none')).arrayBuffer()));
  await loadDemo(handle);
  await writeFile(demoFile, Buffer.from(await (await handle.pglite!.dumpDataDir('none')).arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgliteDemoTemplate', demoFile);
  project.provide('pgServerUrl', '');
  project.provide('pgTemplateDb', '');
  project.provide('pgDemoTemplateDb', '');
  return async () => {
    await rm(file, { force: true });
    await rm(demoFile, { force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
