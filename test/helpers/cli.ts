import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { withDatabase } from './global-setup.ts';
import { dropTestDatabase } from './test-db.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A migrated database for a command-line tool running in a child process: a PGlite data directory on disk
 * (a clone of the run's template) or, with TEST_DATABASE_URL, a PostgreSQL database cloned from the template.
 * `env` points the tool at it (DATA_DIR or DATABASE_URL, exactly as the server is configured).
 */
export interface CliDatabase {
  engine: 'pglite' | 'postgres';
  env: Record<string, string>;
  /** Open the database in the test process (close it before running a tool on PGlite). */
  open(): Promise<DatabaseHandle>;
  /**
   * Open the database, run `fn`, close it. A PGlite directory can be opened by one process at a time, so
   * never run a tool from inside `fn`.
   */
  use<T>(fn: (h: DatabaseHandle) => Promise<T>): Promise<T>;
  /** Remove the database (close every handle first). */
  dispose(): Promise<void>;
}

async function using<T>(open: () => Promise<DatabaseHandle>, fn: (h: DatabaseHandle) => Promise<T>) {
  const h = await open();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

export async function createCliDatabase(): Promise<CliDatabase> {
  const serverUrl = inject('pgServerUrl');
  if (serverUrl) {
    const name = `abdi_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${inject('pgTemplateDb')}`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(serverUrl, name);
    const open = () => createDatabase({ databaseUrl: url, poolSize: 5 });
    return {
      engine: 'postgres',
      env: { DATABASE_URL: url },
      open,
      use: (fn) => using(open, fn),
      async dispose() {
        await dropTestDatabase(serverUrl, name);
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-cli-'));
  // Unpack the template into the directory now, so a tool run first finds the migrated database.
  const init = await createDatabase({
    dataDir: dir,
    loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]),
  });
  await init.close();
  const open = () => createDatabase({ dataDir: dir });
  return {
    engine: 'pglite',
    env: { DATA_DIR: dir },
    open,
    use: (fn) => using(open, fn),
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together (order between the two is not kept). */
  output: string;
}

/**
 * The process environment for a tool: the test process's own, without any database setting of the
 * machine, plus `extra` (e.g. a CliDatabase's env).
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  delete env.IMPORT_MAX_BYTES;
  return { ...env, ...extra };
}

/**
 * The command line of an npm script (package.json), its `node` being this Node: what `npm run --silent <script>`
 * runs, without starting npm itself for every call (a second Node process each time, seconds under load).
 */
function scriptCommand(script: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const line = pkg.scripts[script];
  if (!line) throw new Error(`no npm script ${script}`);
  const [bin, ...rest] = line.split(/\s+/);
  if (bin !== 'node') throw new Error(`npm script ${script} does not start with node: ${line}`);
  return [process.execPath, ...rest];
}

/** `npm run --silent <script> -- <args>` in the repository, as a user would run it (the script's own command). */
export function runNpmScript(script: string, args: string[], env: Record<string, string>): CliResult {
  const [bin, ...rest] = scriptCommand(script);
  const r = spawnSync(bin!, [...rest, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * The same inside a pseudo-terminal (util-linux `script`), so the tool sees a TTY on stdout and stderr.
 * Both streams arrive together on `stdout`. Returns null when `script` is not installed.
 */
export function runNpmScriptInTty(
  script: string,
  args: string[],
  env: Record<string, string>,
): CliResult | null {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error) return null;
  const command = [...scriptCommand(script), ...args].map(shellQuote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...childEnv(env), TERM: 'xterm', COLUMNS: '120' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
}
