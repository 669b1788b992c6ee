/**
 * Check-ins while a province-sized recap export runs (issue 12 point 5).
 *
 *   npm run bench:export [-- --engine pglite|postgres|both] [--employees 50000] [--connections 10]
 *                          [--baseline 10] [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
 *
 * Starts this same file with `--serve` as the server process (buildApp on a fresh database: PGlite in a temp
 * DATA_DIR, or a PostgreSQL database created and dropped here; the demo province, the repo rulebooks, and a unit
 * of N employees with their January 2026 recap rows made set-based by `addBulkUnit`). From this process,
 * `--connections` loops send JSON check-ins (POST /api/attendance/punches, without photo: judged and stored) and
 * one loop GET /api/health, back to back. Measured in the same run on the same server:
 *   - baseline: the check-in and health latencies (p50, p99) for `--baseline` seconds with no export;
 *   - during: the same while a PDF and an XLSX export of the N-employee unit run as jobs (started together
 *     through POST /api/recap/export-jobs, polled until both are done), with how long each export took;
 *   - the server process's resident memory (VmRSS of /proc/<pid>/status) before and its peak during the exports.
 * The figure of interest is the check-in p99 during the export against the baseline p99 (their ratio), and the
 * peak RSS (the synchronous export took the server to 3.4 GB and held /api/health for 39.5 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { DEMO_PASSWORD } from '../src/server/db/seeds/load-demo.ts';
import { opt } from './pg-admin.ts';

const argv = process.argv.slice(2);
const EMPLOYEES = Number(opt('employees', '50000'));
const MONTH = '2026-01';
const ROOT = path.resolve(import.meta.dirname, '..');

// ------------------------------------------------------------------ load generator
async function main() {
  const ENGINE = opt('engine', 'both');
  if (!['pglite', 'postgres', 'both'].includes(ENGINE)) throw new Error('--engine pglite|postgres|both');
  const CONNECTIONS = Number(opt('connections', '10'));
  const BASELINE_S = Number(opt('baseline', '10'));
  const PG_URL = opt(
    'pg-url',
    process.env.BENCH_DATABASE_URL ??
      process.env.TEST_DATABASE_URL ??
      'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  const engines = ENGINE === 'both' ? (['postgres', 'pglite'] as const) : [ENGINE as 'postgres' | 'pglite'];
  const results: string[] = [];
  for (const engine of engines) results.push(await runEngine(engine, { CONNECTIONS, BASELINE_S, PG_URL }));
  console.log(`\n${results.join('\n')}`);
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function runEngine(
  engine: 'postgres' | 'pglite',
  o: { CONNECTIONS: number; BASELINE_S: number; PG_URL: string },
): Promise<string> {
  const label = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  console.log(`\n=== ${label} — recap export of ${fmt(EMPLOYEES)} employees (PDF + XLSX) ===`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-export-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_MINUTE: '10000',
    DATA_DIR: path.join(tmp, 'data'),
    PHOTO_DIR: path.join(tmp, 'photos'),
    DEMO_DATA: 'false',
  };
  let dbName: string | null = null;
  if (engine === 'postgres') {
    dbName = `abdi_bench_export_${process.pid}`;
    const admin = new pg.Client({ connectionString: o.PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName}`);
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(o.PG_URL);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else delete env.DATABASE_URL;

  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--max-semi-space-size=128',
      path.join(ROOT, 'bench/export-load.ts'),
      '--serve',
      '--employees',
      String(EMPLOYEES),
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const ready = await new Promise<{ port: number; unitId: string }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /READY (\d+) ([0-9a-f-]+)/.exec(out);
        if (m) resolve({ port: Number(m[1]), unitId: m[2]! });
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    console.log(
      `server ready with ${fmt(EMPLOYEES)} generated employees in ${fmt((performance.now() - t0) / 1000, 1)} s`,
    );
    const base = `http://127.0.0.1:${ready.port}`;

    // ---- sessions: admin OPD of Dinas Kesehatan (the exporter) and employees who check in
    const demo = generateDemoData();
    const login = async (identifier: string): Promise<Session> => {
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier, password: DEMO_PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`login ${identifier}: ${r.status} ${await r.text()}`);
      const cookie = /abdi_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
      return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
    };
    const exporter = await login(
      demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
    );
    const grantNips = new Set(demo.roleGrants.map((g) => g.nip));
    const staff = await Promise.all(
      demo.employees
        .filter((e) => e.nip && !grantNips.has(e.nip))
        .slice(0, o.CONNECTIONS)
        .map((e) => login(e.nip!)),
    );

    // ---- load: check-in loops and one health loop, until `stop()`
    let seq = 0;
    const checkin = async (s: Session) => {
      const a = performance.now();
      const r = await fetch(`${base}/api/attendance/punches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: JSON.stringify({
          idempotencyKey: `bench-export-${process.pid}-${++seq}`,
          kind: 'IN',
          location: { lat: -6.12, lon: 106.15, accuracyM: 10 },
        }),
      });
      await r.arrayBuffer();
      if (r.status >= 500) throw new Error(`check-in ${r.status}`);
      return performance.now() - a;
    };
    const health = async () => {
      const a = performance.now();
      const r = await fetch(`${base}/api/health`);
      await r.arrayBuffer();
      return performance.now() - a;
    };
    async function load(until: () => boolean) {
      const checkins: number[] = [];
      const healths: number[] = [];
      await Promise.all([
        ...staff.map(async (s) => {
          while (!until()) checkins.push(await checkin(s));
        }),
        (async () => {
          while (!until()) healths.push(await health());
        })(),
      ]);
      return { checkins, healths };
    }

    // ---- baseline
    const warmEnd = performance.now() + 2000;
    await load(() => performance.now() > warmEnd);
    const rssBefore = rssMb(child.pid!);
    const baseEnd = performance.now() + o.BASELINE_S * 1000;
    const baseline = await load(() => performance.now() > baseEnd);

    // ---- during the exports
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(child.pid!))), 100);
    const startedAt = performance.now();
    const jobs = await Promise.all(
      (['pdf', 'xlsx'] as const).map(async (format) => {
        const r = await fetch(
          `${base}/api/recap/export-jobs?unitId=${ready.unitId}&month=${MONTH}&format=${format}`,
          {
            method: 'POST',
            headers: { cookie: exporter.cookie, 'x-csrf-token': exporter.csrf },
          },
        );
        if (r.status !== 202) throw new Error(`export ${format}: ${r.status} ${await r.text()}`);
        return { format, id: ((await r.json()) as { id: string }).id, doneMs: 0, bytes: 0, state: 'queued' };
      }),
    );
    const poll = (async () => {
      while (jobs.some((j) => j.doneMs === 0)) {
        await sleep(250);
        for (const j of jobs.filter((x) => x.doneMs === 0)) {
          const r = await fetch(`${base}/api/jobs/${j.id}`, { headers: { cookie: exporter.cookie } });
          const body = (await r.json()) as { state: string; fileBytes: number | null; error: unknown };
          if (body.state === 'done' || body.state === 'failed') {
            j.doneMs = performance.now() - startedAt;
            j.state = body.state;
            j.bytes = body.fileBytes ?? 0;
            if (body.state === 'failed')
              console.error(`export ${j.format} failed: ${JSON.stringify(body.error)}`);
          }
        }
      }
    })();
    const during = await load(() => jobs.every((j) => j.doneMs > 0));
    await poll;
    clearInterval(sampler);

    const b99 = pct(baseline.checkins, 99);
    const d99 = pct(during.checkins, 99);
    const lines = [
      `${label}: ${fmt(EMPLOYEES)} employees, ${o.CONNECTIONS} check-in loops + 1 health loop`,
      ...jobs.map(
        (j) =>
          `  ${j.format.toUpperCase().padEnd(4)} export: ${j.state}, ${fmt(j.doneMs / 1000, 1)} s, ${fmt(j.bytes / 1024 / 1024, 1)} MB`,
      ),
      `  check-in  without export: ${fmt(baseline.checkins.length)} requests, p50 ${fmt(pct(baseline.checkins, 50), 1)} ms, p99 ${fmt(b99, 1)} ms`,
      `  check-in  during export:  ${fmt(during.checkins.length)} requests, p50 ${fmt(pct(during.checkins, 50), 1)} ms, p99 ${fmt(d99, 1)} ms, max ${fmt(Math.max(...during.checkins), 0)} ms`,
      `  check-in p99 during / without: ${fmt(d99 / b99, 2)}×`,
      `  health    without export: p99 ${fmt(pct(baseline.healths, 99), 1)} ms; during: p99 ${fmt(pct(during.healths, 99), 1)} ms, max ${fmt(Math.max(...during.healths), 0)} ms`,
      `  server RSS: ${fmt(rssBefore)} MB before, peak ${fmt(peakRss)} MB during the exports (+${fmt(peakRss - rssBefore)} MB)`,
    ];
    console.log(lines.join('\n'));
    return lines.join('\n');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => {
      if (child.exitCode !== null) r(null);
      else child.once('exit', r);
      setTimeout(() => {
        child.kill('SIGKILL');
        r(null);
      }, 10_000).unref();
    });
    if (dbName) {
      const admin = new pg.Client({ connectionString: o.PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    await rm(tmp, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ server mode
async function serve() {
  const { loadConfig } = await import('../src/server/config.ts');
  const { createDatabase } = await import('../src/server/db/database.ts');
  const { migrateToLatest } = await import('../src/server/db/migrate.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const { systemClock } = await import('../src/server/clock.ts');
  const { loadDemoData } = await import('../src/server/db/seeds/load-demo.ts');
  const { addBulkUnit } = await import('../src/server/modules/jobs/bulk-fixture.ts');
  const config = loadConfig();
  const handle = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  await migrateToLatest(handle.db);
  const { app, services } = await buildApp({ config, db: handle.db, clock: systemClock });
  await loadDemoData(handle.db, services.audit, generateDemoData());
  await services.rulebooks.syncRepoRulebooks();
  const bulk = await addBulkUnit(handle.db, {
    code: 'BENCH-EKSPOR',
    parentCode: 'DINKES',
    employees: EMPLOYEES,
    month: MONTH,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`READY ${new URL(address).port} ${bulk.unitId}`);
  process.on('SIGTERM', () => {
    void app.close().then(() => handle.close().then(() => process.exit(0)));
  });
}

if (argv.includes('--serve')) await serve();
else await main();
