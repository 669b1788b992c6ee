import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../e2e/harness.ts';
import { PERIODIC_LOCK_CLASS } from '../../src/server/lib/periodic.ts';
import { createCliDatabase, REPO_ROOT, type CliDatabase } from '../helpers/cli.ts';

/*
 * Issue 20 point 1, several processes: `npm start` with SERVER_PROCESSES=3 on one PostgreSQL. Every periodic job
 * runs under its advisory lock (src/server/lib/periodic.ts): the runs of one job never overlap across processes,
 * a worker killed (SIGKILL) in the middle of a run leaves no lock behind and another process completes the work,
 * the primary starts a new worker, and an export job whose process died is failed by the sweep with the reason.
 * Bad input: a worker count of 0, a non-number, or several on PGlite is refused with the reason (exit 2), nothing
 * written. The server and its workers are real processes (scripts/start.ts).
 */

const START = path.join(REPO_ROOT, 'scripts/start.ts');

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return { ...env, NODE_ENV: 'test', HOST: '127.0.0.1', DEMO_DATA: 'false', ...extra };
}

/** Run scripts/start.ts to its end (a refused configuration exits at once). */
function runStart(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [START], { cwd: REPO_ROOT, env: childEnv(env) });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('SERVER_PROCESSES: bad input is refused before anything is opened', () => {
  it.concurrent.each([
    ['0', 'diberikan "0"'],
    ['abc', 'diberikan "abc"'],
    ['65', 'diberikan "65"'],
  ])(
    'SERVER_PROCESSES=%s → exit 2 naming the variable and the range; the data folder is not created',
    async (n, says) => {
      const dataDir = path.join(os.tmpdir(), `abdi-procs-${process.pid}-${n}`);
      const r = await runStart({ SERVER_PROCESSES: n, DATA_DIR: dataDir });
      expect(r.code, r.output).toBe(2);
      expect(r.output).toContain('SERVER_PROCESSES: jumlah proses server harus bilangan bulat 1–64');
      expect(r.output).toContain(says);
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it.concurrent(
    'several processes on PGlite (no DATABASE_URL) → exit 2: PGlite is one in-process database',
    async () => {
      const dataDir = path.join(os.tmpdir(), `abdi-procs-${process.pid}-pglite`);
      const r = await runStart({ SERVER_PROCESSES: '3', DATA_DIR: dataDir });
      expect(r.code, r.output).toBe(2);
      expect(r.output).toContain('SERVER_PROCESSES: 3 proses memerlukan PostgreSQL (DATABASE_URL)');
      expect(existsSync(dataDir)).toBe(false);
    },
  );
});

interface RunLine {
  job: string;
  pid: number;
  startedAt: string;
  ms: number;
  time: number;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('three server processes on one PostgreSQL', () => {
  // PGlite is one in-process database: several processes need PostgreSQL (TEST_DATABASE_URL); the refusal of
  // SERVER_PROCESSES>1 on PGlite is tested above.
  let cdb: CliDatabase;
  let admin: pg.Client;
  let server: ChildProcess;
  let output = '';
  let webDir: string;
  let port: number;

  const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await admin.query<T>(text, values)).rows;
  /** OS pids of the server processes connected to the database (application_name `abdi <pid>`). */
  const connectedPids = async () =>
    (
      await q<{ pid: string }>(
        `select distinct substr(application_name, 6) as pid from pg_stat_activity
         where datname = current_database() and application_name like 'abdi %'`,
      )
    ).map((r) => Number(r.pid));
  const runs = (): RunLine[] =>
    output
      .split('\n')
      .filter((l) => l.includes('"periodic job done"'))
      .map((l) => JSON.parse(l) as RunLine);
  async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 120_000, every = 100) {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, every));
    }
  }

  beforeAll(async () => {
    cdb = await createCliDatabase();
    admin = new pg.Client({ connectionString: cdb.env.DATABASE_URL });
    await admin.connect();
    // A built web app is not what this test is about: a stub page, so the start does not build it.
    webDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-procs-web-'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
    await mkdir(path.join(webDir, 'data'), { recursive: true });
    const [user] = await q<{ id: string }>(
      `insert into users (username, display_name, password_hash) values ('ekspor', 'Ekspor', 'x') returning id`,
    );
    // An export whose process died half-way (its lease passed), and one whose process is alive (lease ahead).
    await q(
      `insert into jobs (owner_id, kind, params, state, file_name, content_type, owner, lease_until, started_at)
       values ($1, 'employees', '{}', 'running', 'mati.csv', 'text/csv', 'vm:1:mati', now() - interval '1 second', now()),
              ($1, 'employees', '{}', 'running', 'hidup.csv', 'text/csv', 'vm:2:hidup', now() + interval '1 hour', now())`,
      [user!.id],
    );
    port = await findFreePort();
    server = spawn(process.execPath, [START], {
      cwd: REPO_ROOT,
      env: childEnv({
        ...cdb.env,
        SERVER_PROCESSES: '3',
        PORT: String(port),
        DATA_DIR: path.join(webDir, 'data'),
        WEB_DIST_DIR: webDir,
        TEST_JOB_INTERVAL_SECONDS: '1',
        NOTIFICATION_DIGEST_HOUR: '0',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => (output += c.toString());
    server.stdout!.on('data', keep);
    server.stderr!.on('data', keep);
  }, 30_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    for (const pid of await connectedPids().catch(() => [])) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await admin?.end();
    await cdb?.dispose();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  it('each periodic job runs in one process at a time; a worker killed in the middle of a run leaves no lock, another completes it, the primary restarts the worker, and SIGTERM stops all', async () => {
    // Three worker processes, each connected under its own pid, none of them the primary.
    const workers = await until('three workers', async () => {
      const pids = await connectedPids();
      return output.includes('3 proses pekerja') && pids.length === 3 && pids;
    });
    expect(workers).not.toContain(server.pid);
    const res = await fetch(`http://127.0.0.1:${port}/api/health/live`);
    expect(res.status).toBeLessThan(500);

    // The export of the dead process is failed once with the reason; the live one is left alone.
    await until('the dead export failed', async () => {
      const rows = await q<{ state: string }>(`select state from jobs where file_name = 'mati.csv'`);
      return rows[0]?.state === 'failed';
    });
    const jobs = await q<{ fileName: string; state: string; message: string | null }>(
      `select file_name as "fileName", state, error->>'message' as message from jobs
         where file_name in ('mati.csv','hidup.csv') order by file_name`,
    );
    expect(jobs).toEqual([
      { fileName: 'hidup.csv', state: 'running', message: null },
      {
        fileName: 'mati.csv',
        state: 'failed',
        message: 'Proses server berhenti saat membuat berkas; silakan minta ulang',
      },
    ]);

    // A sweep with a lot to do: 3000 finished exports past their time, expired one by one.
    const [owner] = await q<{ id: string }>(`select id from users where username = 'ekspor'`);
    await q(
      `insert into jobs (owner_id, kind, params, state, file_name, content_type, expires_at, finished_at)
         select $1, 'employees', '{}', 'done', 'lama-' || i || '.csv', 'text/csv', now() - interval '1 hour', now()
         from generate_series(1, 3000) i`,
      [owner!.id],
    );
    // Catch the sweep half-way: its lock held (pg_locks) and part of the rows expired; kill that worker.
    const victim = await until(
      'a sweep half-way',
      async () => {
        const [held] = await q<{ pid: string; expired: number }>(
          `select substr(a.application_name, 6) as pid,
                    (select count(*)::int from jobs where file_name like 'lama-%' and state = 'expired') as expired
             from pg_locks l join pg_stat_activity a on a.pid = l.pid
             where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = hashtext('jobs.sweep')::oid`,
          [PERIODIC_LOCK_CLASS],
        );
        return held && held.expired > 0 && held.expired < 3000 && Number(held.pid);
      },
      120_000,
      20,
    );
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    const [half] = await q<{ n: number }>(
      `select count(*)::int as n from jobs where file_name like 'lama-%' and state = 'expired'`,
    );
    expect(half!.n).toBeLessThan(3000);

    // Another process takes the lock and completes the work: every row expired, each once (no row twice).
    await until(
      'the sweep completed elsewhere',
      async () =>
        (
          await q<{ n: number }>(
            `select count(*)::int as n from jobs where file_name like 'lama-%' and state = 'expired'`,
          )
        )[0]!.n === 3000,
      150_000,
    );
    await until('a sweep done after the kill by another process', async () =>
      runs().some((r) => r.job === 'jobs.sweep' && r.pid !== victim && r.time > killedAt),
    );
    // The primary started a new worker in its place: three processes again, the killed one gone.
    expect(output).toMatch(new RegExp(`Proses pekerja ${victim} berhenti \\(SIGKILL\\); dimulai ulang`));
    const again = await until('three workers again', async () => {
      const pids = await connectedPids();
      return pids.length === 3 && !pids.includes(victim) && pids;
    });
    expect(again.filter((p) => !workers.includes(p))).toHaveLength(1);

    // Runs of one job never overlapped across processes, and the jobs were spread over the processes.
    const all = runs();
    const names = [
      'jobs.sweep',
      'discipline.settle',
      'election-watch.tick',
      'competency.change-project-tick',
      'notifications.digest',
      'retention.purge',
      'org.sync-placements',
    ];
    for (const name of names) {
      const spans = all
        .filter((r) => r.job === name)
        .map((r) => ({ pid: r.pid, from: Date.parse(r.startedAt), to: Date.parse(r.startedAt) + r.ms }))
        .sort((a, b) => a.from - b.from);
      expect(spans.length, name).toBeGreaterThan(1);
      for (let i = 1; i < spans.length; i++)
        expect(spans[i]!.from, `${name}: run ${i} began before run ${i - 1} ended`).toBeGreaterThanOrEqual(
          spans[i - 1]!.to,
        );
    }
    expect(new Set(all.map((r) => r.pid)).size).toBeGreaterThanOrEqual(2);
    // The digest of each zone-day was claimed and finished once, however many processes ticked.
    const digests = await q<{ runKey: string; finished: boolean }>(
      `select run_key as "runKey", finished_at is not null as finished from notification_runs where kind = 'digest'`,
    );
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(new Set(digests.map((d) => d.runKey)).size).toBe(digests.length);
    expect(digests.every((d) => d.finished)).toBe(true);

    // SIGTERM to the primary: the workers stop gracefully, then the primary exits 0.
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: menutup 3 proses pekerja');
    await until('no server connection left', async () => (await connectedPids()).length === 0, 15_000);
  }, 420_000);
});
