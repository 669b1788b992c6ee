import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a migrated data-dir tarball to clone. */
    pgliteTemplate: string;
    /** PostgreSQL: URL of the server and name of a migrated template database (empty on PGlite). */
    pgServerUrl: string;
    pgTemplateDb: string;
  }
}

/**
 * Builds one migrated template per run, so each test file gets a fresh database by cloning it:
 * a PGlite data-dir tarball, or (when TEST_DATABASE_URL is set) a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `abdi_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = withDatabase(serverUrl, name);
    const handle = await createDatabase({ databaseUrl: url, poolSize: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('pgServerUrl', serverUrl);
    project.provide('pgTemplateDb', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const handle = await createDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  const dir = path.resolve('.data-test');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `template-${process.pid}-${randomBytes(4).toString('hex')}.tar.gz`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgServerUrl', '');
  project.provide('pgTemplateDb', '');
  return async () => {
    await rm(file, { force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
