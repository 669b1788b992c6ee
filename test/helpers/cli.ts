import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import { CliExit, type CliIo } from '../../scripts/cli-db.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { withDatabase } from './global-setup.ts';
import { dropTestDatabase } from './test-db.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A migrated database for a command-line tool running in a child process: a PGlite data directory on disk
 * (a clone of the run's template) or, with TEST_DATABASE_URL, a PostgreSQL database cloned from the template;
 * with `demo`, the template holding the demo province.
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

export async function createCliDatabase(opts: { demo?: boolean } = {}): Promise<CliDatabase> {
  const serverUrl = inject('pgServerUrl');
  if (serverUrl) {
    const name = `abdi_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(
        `create database ${name} template ${inject(opts.demo ? 'pgDemoTemplateDb' : 'pgTemplateDb')}`,
      );
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
    loadDataDir: new Blob([await readFile(inject(opts.demo ? 'pgliteDemoTemplate' : 'pgliteTemplate'))]),
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

/** A tool's exported entry point (scripts/*.ts): arguments, environment, output; resolves to the exit code. */
export type CliMain = (args: string[], env: Record<string, string | undefined>, io: CliIo) => Promise<number>;

/**
 * A tool's `main`, run in this process: what its npm script runs, without starting a Node process and loading the
 * whole server for every call. The environment is built as for a spawned tool (this process's, without the
 * machine's database settings, plus `env`). Output is captured: `stdout` as console.log writes it, `stderr` as
 * console.error and the progress output write it; an early exit ends the tool with its code. With `tty`, stderr
 * is a terminal (progress bars are drawn) and both streams arrive together on `stdout`, in order, as in a
 * pseudo-terminal. One spawned run per tool (`runNpmScript`) still proves its npm command line.
 */
export async function runCli(
  main: CliMain,
  args: string[],
  env: Record<string, string>,
  opts: { tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let both = '';
  const out = (s: string) => {
    stdout += s;
    both += s;
  };
  const err = (s: string) => {
    stderr += s;
    both += s;
  };
  const stream = Object.assign(
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _enc, done) {
        err(chunk.toString());
        done();
      },
    }),
    opts.tty ? { isTTY: true, columns: 120, rows: 40 } : { isTTY: false },
  );
  const io: CliIo = {
    log: (line) => out(`${line}\n`),
    error: (line) => err(`${line}\n`),
    stderr: stream,
    exit: (code) => {
      throw new CliExit(code);
    },
  };
  const status = await main(args, childEnv(env), io);
  await new Promise<void>((resolve) => stream.end(resolve));
  if (opts.tty) return { status, stdout: both, stderr: '', output: both };
  return { status, stdout, stderr, output: `${stdout}\n${stderr}` };
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
