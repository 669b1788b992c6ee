/**
 * Benchmark of the phone check-in (POST /api/attendance/punches) through the real server.
 *
 *   npm run bench:checkin [-- --engine pglite|postgres|both] [--duration 10] [--rounds 3] [--warmup 3] [--connections 50]
 *                            [--employees 200] [--seq 300] [--bulk 10000000] [--bulk-budget 300]
 *                            [--pg-url postgresql://postgres@127.0.0.1:5432/postgres] [--no-size]
 *
 * Starts bench/checkin-server.ts as a child process (buildApp on a fresh database with the demo province and the
 * repo rulebooks synced; PGlite in a temp DATA_DIR, PostgreSQL in a database created and dropped here) and drives
 * it with autocannon from this process. N demo employees log in through /api/auth/login, register a device key
 * (ECDSA P-256) and read their office fence from /api/attendance/today; every request is a signed punch with a
 * unique idempotency key from inside the fence, signed before the timed run (on the phones, signing is not the
 * server machine's work). Figures, all measured in the same run on the same server:
 *   - "bare insert": POST /bench/bare-insert (a bench-only route on the same Fastify instance): the same JSON,
 *     validated by the same schema, and ONE insert of a similar row (the baseline);
 *   - "check-in": the JSON punch without photo (the rulebook requires a photo, so these are stored REJECTED
 *     PHOTO_MISSING: the full path including the insert), and the multipart punch with a unique 150 KB JPEG;
 *   - "check-in, arriving": the JSON punch arriving at random (Poisson) at half its saturated rate over at most
 *     the same number of connections: the latency while busy but not saturated;
 *   - where the time goes: CPU per request of the server process, the PostgreSQL backends and this load
 *     generator; per-query wall time and the service calls, sequentially and under load;
 *   - PostgreSQL only: sequential check-in latency with 10,000 punches in the table and after bulk-loading
 *     up to 10,000,000 (1M per `insert … select … generate_series`, within a time budget).
 * Targets (PostgreSQL): check-in without photo ≥ 40% of the bare-insert rate; p99 < 50 ms at 50 connections;
 * sequential latency at 10M punches within ±20% of the latency at 10k.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import {
  getJson,
  makeJpeg,
  prepareEmployees,
  signedPunch,
  spawnBenchServer,
  type Emp,
} from './checkin-client.ts';

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const ENGINE = opt('engine', 'both');
if (!['pglite', 'postgres', 'both'].includes(ENGINE)) throw new Error('--engine pglite|postgres|both');
const DURATION = Number(opt('duration', '10'));
const WARMUP = Number(opt('warmup', '3'));
const ROUNDS = Number(opt('rounds', '3'));
const CONNECTIONS = Number(opt('connections', '50'));
const EMPLOYEES = Number(opt('employees', '200'));
const SEQ = Number(opt('seq', '300'));
const BULK = Number(opt('bulk', '10000000'));
const BULK_BATCH = 1_000_000;
const BULK_BUDGET_S = Number(opt('bulk-budget', '300'));
const SMALL = 10_000;
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
const SIZE_TEST = !argv.includes('--no-size');
const LOG_LEVEL = opt('log-level', 'warn');
const ROOT = path.resolve(import.meta.dirname, '..');

// ------------------------------------------------------------------ autocannon (no bundled types)
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: CannonRequest, context: object) => CannonRequest;
  onResponse?: (status: number, body: string, context: object) => void;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ------------------------------------------------------------------ small helpers
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Busy and total jiffies of the whole machine, and of one process. */
function machineTicks(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - f[3]! - f[4]!, total };
}
function procTicks(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime (fields 14, 15)
  } catch {
    return 0;
  }
}
const TICK_MS = 10; // CLK_TCK = 100 on Linux

const JPEG = makeJpeg();

// ------------------------------------------------------------------ the server process
interface Server {
  url: string;
  port: number;
  pid: number;
  engine: 'pglite' | 'postgres';
  dbName: string | null;
  stop(): Promise<void>;
}

async function startServer(engine: 'pglite' | 'postgres'): Promise<Server> {
  const cleanups: (() => Promise<void>)[] = [];
  const photoDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-photos-'));
  cleanups.push(() => rm(photoDir, { recursive: true, force: true }));
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL,
    DEMO_DATA: 'true',
    WEB_DIST_DIR: path.join(ROOT, '.no-web'),
    PHOTO_DIR: photoDir,
    LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_URL: undefined,
    DATA_DIR: undefined,
  };
  let dbName: string | null = null;
  if (engine === 'postgres') {
    dbName = `abdi_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(PG_URL, `create database ${dbName}`);
    const name = dbName;
    cleanups.push(() =>
      adminQuery(PG_URL, `drop database if exists ${name} with (force)`).then(() => undefined),
    );
    env.DATABASE_URL = withDatabase(PG_URL, dbName);
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-pglite-'));
    env.DATA_DIR = dataDir;
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  }
  const proc = await spawnBenchServer(env);
  const { port } = proc;
  const srv: Server = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: proc.pid,
    engine,
    dbName,
    async stop() {
      running.delete(srv);
      await proc.stop();
      for (const c of cleanups.reverse())
        await c().catch((e: Error) => console.error(`cleanup: ${e.message}`));
    },
  };
  running.add(srv);
  return srv;
}
/** Servers to stop (and databases to drop) if the bench is interrupted. */
const running = new Set<Server>();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(sig, () => {
    console.error(`\n${sig}: stopping the bench server and dropping its database…`);
    void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
  });
process.stdout.on('error', () => undefined); // e.g. piped into `head`: keep going so the cleanup still runs

/** Waits until the server has finished the requests still queued from a load run (CPU use under 10%). */
async function settle(srv: Server) {
  for (let i = 0; i < 40; i++) {
    const a = await getJson<{ cpuMs: number }>(`${srv.url}/bench/cpu`);
    await sleep(500);
    const b = await getJson<{ cpuMs: number }>(`${srv.url}/bench/cpu`);
    if (b.cpuMs - a.cpuMs < 50) return;
  }
}

// ------------------------------------------------------------------ request factory
type Kind = 'bare' | 'json' | 'photo';
let seq = 0;
const runTag = randomBytes(3).toString('hex');

/** The next request of a kind: a signed punch of the next employee, from inside their office fence. */
function nextRequest(
  kind: Kind,
  emps: Emp[],
): { path: string; headers: Record<string, string>; body: Buffer | string } {
  const i = seq++;
  const e = emps[i % emps.length]!;
  const photo = kind === 'photo' ? JPEG.unique(i) : null;
  const body = signedPunch(e, i, `bench-${runTag}-${kind}-${i}`, photo ? sha256(photo) : undefined);
  const auth = { cookie: e.cookie, 'x-csrf-token': e.csrf, 'user-agent': 'abdi-bench/1 (Android 14)' };
  if (kind === 'bare')
    return {
      path: '/bench/bare-insert',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'x-bench-employee': e.employeeId,
        'x-bench-unit': e.unitId,
      },
      body: JSON.stringify(body),
    };
  if (kind === 'json')
    return {
      path: '/api/attendance/punches',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  const boundary = `----abdibench${i.toString(16)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="punch"\r\n\r\n${JSON.stringify(body)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="selfie.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    photo!,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    path: '/api/attendance/punches',
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: payload,
  };
}

/**
 * The requests of a load run, signed before it starts: on the phones signing is the phones' work, so the load
 * generator, which shares this machine's two cores with the server and PostgreSQL, should not do it while the
 * server is measured. Enough for `seconds` at `maxRate`; past that they are built as they are sent. Photo
 * requests (150 KB each) are always built as they are sent.
 */
function requestFeed(kind: Kind, emps: Emp[], seconds: number, maxRate = 4_000) {
  const ready =
    kind === 'photo' ? [] : Array.from({ length: seconds * maxRate }, () => nextRequest(kind, emps));
  let i = 0;
  return () => (i < ready.length ? ready[i++]! : nextRequest(kind, emps));
}

// ------------------------------------------------------------------ CPU accounting
interface CpuSnap {
  t: number;
  machine: { busy: number; total: number };
  server: number;
  self: number;
  pg: Map<number, number>;
}
async function pgBackends(srv: Server): Promise<number[]> {
  if (!srv.dbName) return [];
  const r = await adminQuery(
    PG_URL,
    `select pid from pg_stat_activity where datname = '${srv.dbName}' and pid <> pg_backend_pid()`,
  );
  return r.rows.map((x: { pid: number }) => x.pid);
}
async function cpuSnap(srv: Server): Promise<CpuSnap> {
  const pids = await pgBackends(srv);
  const self = process.cpuUsage();
  return {
    t: performance.now(),
    machine: machineTicks(),
    server: procTicks(srv.pid) * TICK_MS,
    self: (self.user + self.system) / 1000,
    pg: new Map(pids.map((p) => [p, procTicks(p) * TICK_MS])),
  };
}
async function cpuSince(srv: Server, a: CpuSnap) {
  const b = await cpuSnap(srv);
  let pgMs = 0;
  for (const [pid, ms] of b.pg) pgMs += ms - (a.pg.get(pid) ?? 0);
  const wall = b.t - a.t;
  const machineMs =
    ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * wall * os.cpus().length;
  const serverMs = b.server - a.server;
  const selfMs = b.self - a.self;
  return {
    wall,
    machineMs,
    serverMs,
    pgMs,
    selfMs,
    otherMs: Math.max(0, machineMs - serverMs - pgMs - selfMs),
  };
}

// ------------------------------------------------------------------ load runs
interface LoadResult {
  kind: Kind;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  total: number;
  bad: number;
  statuses: string;
  mix: string;
  cpu: Awaited<ReturnType<typeof cpuSince>>;
  seconds: number;
  since: number;
  until: number;
}

/** The verdicts (and first reason) of the punches received in a time window. */
async function verdictMix(srv: Server, since: number, until: number): Promise<string> {
  const s = await getJson<{ mix: { verdict: string; reason: string | null; n: number }[] }>(
    `${srv.url}/bench/stats?since=${since}&until=${until + 1000}`,
  );
  const n = s.mix.reduce((a, m) => a + m.n, 0);
  return s.mix
    .map((m) => `${m.verdict}${m.reason ? `/${m.reason}` : ''} ${fmt((100 * m.n) / n, 1)}%`)
    .join(', ');
}

/**
 * Bare insert and check-in in alternating rounds after one warm-up each. This machine's speed drifts by tens
 * of percent within a minute, so two runs one after the other can differ by more than the code does; rounds
 * expose both figures to the same drift. Rates are totals over all rounds, p50/p99 the median of the rounds'.
 */
async function alternating(
  srv: Server,
  emps: Emp[],
): Promise<{ bare: LoadResult; json: LoadResult; ratios: number[] }> {
  const rounds: Record<'bare' | 'json', LoadResult[]> = { bare: [], json: [] };
  for (const kind of ['bare', 'json'] as const) await warmUp(srv, emps, kind, WARMUP);
  for (let i = 0; i < ROUNDS; i++)
    for (const kind of ['bare', 'json'] as const) rounds[kind].push(await load(srv, emps, kind, DURATION, 0));
  const merge = async (rs: LoadResult[]): Promise<LoadResult> => {
    const sum = (f: (r: LoadResult) => number) => rs.reduce((a, r) => a + f(r), 0);
    const statuses = new Map<string, number>();
    for (const r of rs)
      for (const part of r.statuses.split(' ').filter(Boolean)) {
        const [k, v] = part.split('×') as [string, string];
        statuses.set(k, (statuses.get(k) ?? 0) + Number(v.replace(/,/g, '')));
      }
    const first = rs[0]!;
    return {
      kind: first.kind,
      seconds: sum((r) => r.seconds),
      since: first.since,
      until: rs[rs.length - 1]!.until,
      rps: sum((r) => r.total) / sum((r) => r.seconds),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      mean: sum((r) => r.mean * r.total) / sum((r) => r.total),
      total: sum((r) => r.total),
      bad: sum((r) => r.bad),
      statuses: [...statuses].map(([k, v]) => `${k}×${fmt(v)}`).join(' '),
      mix: first.kind === 'bare' ? '' : await verdictMix(srv, first.since, rs[rs.length - 1]!.until),
      cpu: {
        wall: sum((r) => r.cpu.wall),
        machineMs: sum((r) => r.cpu.machineMs),
        serverMs: sum((r) => r.cpu.serverMs),
        pgMs: sum((r) => r.cpu.pgMs),
        selfMs: sum((r) => r.cpu.selfMs),
        otherMs: sum((r) => r.cpu.otherMs),
      },
    };
  };
  return {
    bare: await merge(rounds.bare),
    json: await merge(rounds.json),
    ratios: rounds.json.map((r, i) => r.rps / rounds.bare[i]!.rps),
  };
}

/** Requests of a kind for a few seconds, unmeasured; the first failure's answer is printed. */
async function warmUp(srv: Server, emps: Emp[], kind: Kind, seconds: number) {
  const next = requestFeed(kind, emps, seconds);
  let sample = '';
  await autocannon({
    url: srv.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, ...next() }),
        onResponse: (status, body) => {
          if (status >= 300 && !sample) sample = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  if (sample) console.log(`  !! ${kind} warm-up answered ${sample}`);
  await settle(srv);
}

async function load(
  srv: Server,
  emps: Emp[],
  kind: Kind,
  seconds: number,
  warmup: number,
  profile = false,
): Promise<LoadResult & { profile?: Profile }> {
  if (warmup > 0) await warmUp(srv, emps, kind, warmup);
  const next = requestFeed(kind, emps, seconds);
  const request = (): CannonRequest => ({ method: 'POST', setupRequest: (req) => ({ ...req, ...next() }) });
  const since = Date.now();
  const c0 = await cpuSnap(srv);
  if (profile) await fetch(`${srv.url}/bench/profile/start?cpu=1`, { method: 'POST' });
  const r = await autocannon({
    url: srv.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [request()],
  });
  const prof = profile ? await getJson<Profile>(`${srv.url}/bench/profile/stop`) : undefined;
  const cpu = await cpuSince(srv, c0);
  await settle(srv);
  const until = Date.now();
  const mix = kind === 'bare' ? '' : await verdictMix(srv, since, until);
  return {
    kind,
    seconds: r.duration || seconds,
    since,
    until,
    rps: r.requests.total / (r.duration || seconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    total: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    statuses: Object.entries(r.statusCodeStats)
      .map(([k, v]) => `${k}×${fmt(v.count)}`)
      .join(' '),
    mix,
    cpu,
    ...(prof ? { profile: prof } : {}),
  };
}

// ------------------------------------------------------------------ sequential requests
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(
  srv: Server,
  r: { path: string; headers: Record<string, string>; body: Buffer | string },
  via: http.Agent = agent,
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: 'POST',
        path: r.path,
        agent: via,
        headers: { ...r.headers, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
/**
 * Check-ins arriving at random (Poisson, `rate` per second on average) over at most CONNECTIONS keep-alive
 * connections, for `seconds`: how phones arrive, unlike autocannon's closed loop (each connection sends the
 * next request when the previous is answered) or its fixed pace (all connections fire together). A latency runs
 * from the planned arrival, so a request waiting for a free connection counts its wait.
 */
async function poisson(srv: Server, emps: Emp[], rate: number, seconds: number) {
  const next = requestFeed('json', emps, seconds, rate * 2);
  const via = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const times: number[] = [];
  let bad = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  let due = start;
  while (due - start < seconds * 1000) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const planned = due;
    inflight.push(
      post(srv, next(), via).then(
        (res) => {
          if (res.status >= 300) bad++;
          else times.push(performance.now() - planned);
        },
        () => void bad++,
      ),
    );
    due += (-Math.log(1 - Math.random()) * 1000) / rate;
  }
  await Promise.all(inflight);
  via.destroy();
  return { rate: times.length / seconds, p50: pct(times, 50), p99: pct(times, 99), bad };
}

async function sequential(srv: Server, emps: Emp[], kind: Kind, n: number, warm = 20) {
  const times: number[] = [];
  for (let i = 0; i < n + warm; i++) {
    const r = nextRequest(kind, emps);
    const t0 = performance.now();
    const res = await post(srv, r);
    const ms = performance.now() - t0;
    if (res.status >= 300) throw new Error(`${kind} answered ${res.status}: ${res.body.slice(0, 300)}`);
    if (i >= warm) times.push(ms);
  }
  return {
    median: median(times),
    p99: pct(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

type SeqStats = { median: number; p99: number; mean: number };
const statsOf = (times: number[]): SeqStats => ({
  median: median(times),
  p99: pct(times, 99),
  mean: times.reduce((a, b) => a + b, 0) / times.length,
});
/**
 * Sequential latency of the three kinds, interleaved request by request (check-in, bare insert, check-in with
 * photo), so a change in the machine's background load hits all three alike; plus that background load.
 */
async function sequentialMix(srv: Server, emps: Emp[], n: number, warm = 20) {
  const times: Record<Kind, number[]> = { bare: [], json: [], photo: [] };
  const c0 = await cpuSnap(srv);
  for (let i = 0; i < n + warm; i++)
    for (const kind of ['json', 'bare', 'photo'] as const) {
      const r = nextRequest(kind, emps);
      const t0 = performance.now();
      const res = await post(srv, r);
      const ms = performance.now() - t0;
      if (res.status >= 300) throw new Error(`${kind} answered ${res.status}: ${res.body.slice(0, 300)}`);
      if (i >= warm) times[kind].push(ms);
    }
  const cpu = await cpuSince(srv, c0);
  return {
    bare: statsOf(times.bare),
    json: statsOf(times.json),
    photo: statsOf(times.photo),
    otherPct: (cpu.otherMs / cpu.wall) * 50,
  };
}
type Mix = Awaited<ReturnType<typeof sequentialMix>>;

// ------------------------------------------------------------------ profile
interface Profile {
  wallMs: number;
  cpuMs: number;
  elu: number;
  queries: { label: string; n: number; ms: number; maxMs: number }[];
  calls: { label: string; n: number; ms: number; maxMs: number }[];
  cpuProfile: {
    busyMs: number;
    idleMs: number;
    self: { label: string; ms: number }[];
    inclusive: { label: string; ms: number }[];
  } | null;
}
async function profiled<T>(srv: Server, fn: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  await fetch(`${srv.url}/bench/profile/start`, { method: 'POST' });
  const result = await fn();
  const profile = await getJson<Profile>(`${srv.url}/bench/profile/stop`);
  return { result, profile };
}
function printProfile(title: string, p: Profile, requests: number, cpu = false) {
  const nq = p.queries.reduce((a, q) => a + q.n, 0);
  const qms = p.queries.reduce((a, q) => a + q.ms, 0);
  console.log(
    `  ${title}: ${fmt(requests)} check-ins, ${fmt(nq / requests, 1)} queries each (sum of query wall time ` +
      `${fmt(qms / requests, 2)} ms/check-in); server CPU ${fmt(p.cpuMs / requests, 2)} ms/check-in, ` +
      `event loop ${fmt(p.elu * 100)}% busy`,
  );
  for (const c of p.calls)
    console.log(
      `    ${fmt(c.ms / c.n, 2).padStart(7)} ms avg  ${fmt(c.n / requests, 2).padStart(5)}×  ${c.label}`,
    );
  for (const q of p.queries.slice(0, 22))
    console.log(
      `    ${fmt(q.ms / q.n, 2).padStart(7)} ms avg  ${fmt(q.n / requests, 2).padStart(5)}×  ${q.label}`,
    );
  const c = p.cpuProfile;
  if (!cpu || !c) return;
  console.log(
    `    V8 CPU profile of the server: ${fmt(c.busyMs / requests, 2)} ms busy per check-in; self time by package/file (ms per check-in):`,
  );
  console.log('      ' + c.self.map((x) => `${x.label} ${fmt(x.ms / requests, 2)}`).join(' · '));
  console.log(
    '    inclusive time of src/ functions (ms per check-in; async functions count only their synchronous parts):',
  );
  for (const x of c.inclusive.slice(0, 12))
    console.log(`      ${fmt(x.ms / requests, 3).padStart(7)}  ${x.label}`);
}

// ------------------------------------------------------------------ bulk load (PostgreSQL)
async function benchClient(srv: Server) {
  const c = new pg.Client({ connectionString: withDatabase(PG_URL, srv.dbName!) });
  await c.connect();
  return c;
}
/** Inserts punches g = from..to-1, spread over all demo employees and back in time one day per two punches. */
async function bulkInsert(c: pg.Client, from: number, to: number, yesterday: string) {
  await c.query(
    `insert into punches (employee_id, unit_id, kind, source, occurred_at, received_at, local_date,
      idempotency_key, body_hash, lat, lon, accuracy_m, provider, mock_location, place_kind, place_label, distance_m,
      verdict, reasons)
    select e.id, e.unit_id, case when g % 2 = 0 then 'IN' else 'OUT' end, 'ONLINE', t.ts, t.ts + interval '2 seconds', d.d,
      'bulk-' || g, md5(g::text), -6.1489 + (g % 997) * 1e-6, 106.1616 + (g % 991) * 1e-6, 5 + g % 40, 'gps', false,
      'OFFICE', 'Kantor', (g % 37)::float8,
      case when g % 53 = 0 then 'FLAGGED' when g % 71 = 0 then 'REJECTED' else 'ACCEPTED' end,
      case when g % 53 = 0 then '[{"code":"LOCATION_UNCERTAIN","action":"FLAG","message":"bulk"}]'::jsonb
           when g % 71 = 0 then '[{"code":"TOO_SOON","action":"REJECT","message":"bulk"}]'::jsonb
           else '[]'::jsonb end
    from generate_series($1::bigint, $2::bigint) g
    join bench_emps e on e.idx = g % (select count(*) from bench_emps)
    cross join lateral (select ($3::date - ((g / (select count(*) from bench_emps)) / 2)::int) as d) d
    cross join lateral (select ((d.d + case when (g / (select count(*) from bench_emps)) % 2 = 0 then time '07:10'
      else time '16:05' end) at time zone 'Asia/Jakarta') + make_interval(secs => (g % 1800)::float8) as ts) t`,
    [from, to - 1, yesterday],
  );
}
async function explainLastPunch(c: pg.Client, employeeId: string): Promise<string> {
  const r = await c.query(
    `explain (analyze, buffers, format text) select occurred_at from punches where employee_id = $1
     and verdict != 'REJECTED' order by occurred_at desc limit 1`,
    [employeeId],
  );
  const lines = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']!);
  const exec = lines.find((l) => l.startsWith('Execution Time')) ?? '';
  const scan =
    lines
      .find((l) => /Scan/.test(l))
      ?.trim()
      .replace(/\s+\(cost=[^)]*\)/, '') ?? '';
  const buffers = lines.find((l) => /Buffers/.test(l))?.trim() ?? '';
  return `${exec}; ${scan}; ${buffers}`;
}

// ------------------------------------------------------------------ one engine
async function runEngine(engine: 'pglite' | 'postgres') {
  const label =
    engine === 'pglite'
      ? 'PGlite (embedded, WASM)'
      : `PostgreSQL 15 (pg pool of DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? 10})`;
  console.log(
    `\n=== ${label}: ${CONNECTIONS} connections, ${DURATION} s per figure after ${WARMUP} s warm-up ===`,
  );
  const t0 = performance.now();
  const srv = await startServer(engine);
  try {
    console.log(`  server up with demo data and rulebooks in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const t1 = performance.now();
    const emps = await prepareEmployees(srv.url, EMPLOYEES);
    console.log(
      `  ${emps.length} employees logged in, device keys registered, office fences read in ${fmt((performance.now() - t1) / 1000, 1)} s`,
    );

    let small: { mix: Mix; explain: string } | null = null;
    let pgc: pg.Client | null = null;
    const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    let loaded = 0;
    if (engine === 'postgres' && SIZE_TEST) {
      pgc = await benchClient(srv);
      await pgc.query(
        `create table bench_emps as select (row_number() over (order by id)) - 1 as idx, id, unit_id from employees`,
      );
      await pgc.query(`create unique index on bench_emps (idx)`);
      const have = Number((await pgc.query(`select count(*) as n from punches`)).rows[0].n);
      await bulkInsert(pgc, 1, SMALL - have + 1, yesterday);
      loaded = SMALL - have;
      await pgc.query(`vacuum analyze punches`);
      small = {
        mix: await sequentialMix(srv, emps, SEQ),
        explain: await explainLastPunch(pgc, emps[0]!.employeeId),
      };
    }

    const { bare, json, ratios } = await alternating(srv, emps);
    const results: LoadResult[] = [bare, json, await load(srv, emps, 'photo', DURATION, WARMUP)];
    console.log(
      `\n  ${'figure'.padEnd(22)}${'req/s'.padStart(8)}${'p50'.padStart(10)}${'p99'.padStart(10)}   ratio/bare   statuses; verdicts`,
    );
    for (const r of results) {
      const name =
        r.kind === 'bare'
          ? 'bare insert (baseline)'
          : r.kind === 'json'
            ? 'check-in, no photo'
            : 'check-in + 150 KB photo';
      console.log(
        `  ${name.padEnd(22)}${fmt(r.rps).padStart(8)}${`${fmt(r.p50)} ms`.padStart(10)}${`${fmt(r.p99)} ms`.padStart(10)}   ` +
          `${r.kind === 'bare' ? '    1.00  ' : fmt(r.rps / bare.rps, 2).padStart(8) + '  '}   ${r.statuses}${r.mix ? `; ${r.mix}` : ''}` +
          (r.bad ? `  !! ${r.bad} non-2xx/errors` : ''),
      );
    }
    console.log(
      `  (bare insert and check-in alternate in ${ROUNDS} rounds of ${DURATION} s; check-in/bare by round: ${ratios.map((x) => fmt(x, 2)).join(' · ')}; p50/p99 are the rounds' medians)`,
    );
    // The same check-in arriving at random instead of as fast as answered: the latency a phone sees while the
    // server is busy but not saturated. Half the saturated rate is still far above a province's peak (50,000
    // employees checking in within 30 minutes is 28/s).
    const paceRate = Math.max(10, Math.round(json.rps / 2 / 10) * 10);
    const paced = await poisson(srv, emps, paceRate, DURATION);
    console.log(
      `  ${'check-in, arriving'.padEnd(22)}${fmt(paced.rate).padStart(8)}${`${fmt(paced.p50)} ms`.padStart(10)}${`${fmt(paced.p99)} ms`.padStart(10)}   ` +
        `   (Poisson arrivals at ${fmt(paceRate)}/s, half the saturated rate, over at most ${CONNECTIONS} connections)` +
        (paced.bad ? `  !! ${paced.bad} non-2xx/errors` : ''),
    );
    console.log(`\n  CPU per request, ms (2 cores = ${fmt(2000)} ms/s available):`);
    console.log(
      `  ${'figure'.padEnd(22)}${'server'.padStart(8)}${'pg'.padStart(8)}${'client'.padStart(8)}${'other'.padStart(8)}  machine busy`,
    );
    for (const r of results) {
      const c = r.cpu;
      const per = (ms: number) => fmt(ms / r.total, 2).padStart(8);
      console.log(
        `  ${r.kind.padEnd(22)}${per(c.serverMs)}${engine === 'postgres' ? per(c.pgMs) : '   (in server)'.padStart(8)}${per(c.selfMs)}${per(c.otherMs)}  ${fmt((c.machineMs / c.wall) * 50)}%`,
      );
    }
    // Less sensitive to what else runs on the machine than req/s: the CPU the server and its database spend.
    const cost = (r: LoadResult) => (r.cpu.serverMs + (engine === 'postgres' ? r.cpu.pgMs : 0)) / r.total;
    console.log(
      `  capacity ratio from CPU cost (server${engine === 'postgres' ? ' + pg' : ''} ms per request, bare ÷ figure): ` +
        `check-in ${fmt((100 * cost(bare)) / cost(json))}%, with photo ${fmt((100 * cost(bare)) / cost(results[2]!))}%` +
        `; at ${CONNECTIONS} connections p50 ≈ ${CONNECTIONS}/rate, so p99 < 50 ms needs > ${fmt(CONNECTIONS / 0.05)} req/s`,
    );

    // Where the time goes: sequentially (no contention) and under the same load.
    console.log('\n  Where a check-in (no photo) spends its time:');
    const seqProf = await profiled(srv, () => sequential(srv, emps, 'json', 100, 0));
    printProfile(`sequential (median ${fmt(seqProf.result.median, 2)} ms)`, seqProf.profile, 100);
    const loadProf = await load(srv, emps, 'json', 5, 0, true);
    printProfile(
      `under load, ${CONNECTIONS} connections (${fmt(loadProf.rps)} req/s, p50 ${loadProf.p50} ms)`,
      loadProf.profile!,
      loadProf.total,
      true,
    );
    const bareProf = await load(srv, emps, 'bare', 5, 0, true);
    console.log(
      `  bare insert under the same load for comparison: ${fmt(bareProf.rps)} req/s, server CPU ${fmt(bareProf.profile!.cpuMs / bareProf.total, 2)} ms/request, ` +
        `V8 busy ${fmt(bareProf.profile!.cpuProfile!.busyMs / bareProf.total, 2)} ms/request: ` +
        bareProf
          .profile!.cpuProfile!.self.slice(0, 8)
          .map((x) => `${x.label} ${fmt(x.ms / bareProf.total, 2)}`)
          .join(' · '),
    );

    const ratio = json.rps / bare.rps;
    const verdicts: string[] = [];
    if (engine === 'postgres') {
      verdicts.push(
        `  target check-in (no photo) ≥ 40% of bare-insert rate: ${fmt(ratio * 100)}% → ${ratio >= 0.4 ? 'MET' : 'NOT MET'}`,
        `  target check-in (no photo) p99 < 50 ms at ${CONNECTIONS} connections: ${json.p99} ms → ${json.p99 < 50 ? 'MET' : 'NOT MET'}` +
          ` (saturated: ${CONNECTIONS} requests always in flight; arriving at random at ${fmt(paceRate)}/s: p99 ${fmt(paced.p99)} ms)`,
      );
    } else {
      verdicts.push(
        `  (PGlite: for reference; the targets are for PostgreSQL) check-in/bare ${fmt(ratio * 100)}%, p99 ${json.p99} ms`,
      );
    }

    if (engine === 'postgres' && SIZE_TEST && pgc && small) {
      console.log(
        `\n  Latency vs table size (sequential, ${SEQ} requests after 20 warm-up, one connection):`,
      );
      let count = Number((await pgc.query(`select count(*) as n from punches`)).rows[0].n);
      const tb = performance.now();
      const batchTimes: number[] = [];
      let next = loaded + 1;
      while (count < BULK) {
        const n = Math.min(BULK_BATCH, BULK - count);
        const tb0 = performance.now();
        await bulkInsert(pgc, next, next + n, yesterday);
        const s = (performance.now() - tb0) / 1000;
        batchTimes.push(s);
        next += n;
        count += n;
        const elapsed = (performance.now() - tb) / 1000;
        console.log(
          `    bulk: ${fmt(count)} punches (+${fmt(n)} in ${fmt(s, 1)} s, ${fmt(elapsed, 0)} s so far)`,
        );
        if (count < BULK && elapsed + s * 1.1 > BULK_BUDGET_S) break;
      }
      const loadS = (performance.now() - tb) / 1000;
      const tv = performance.now();
      await pgc.query(`vacuum analyze punches`);
      const vacuumS = (performance.now() - tv) / 1000;
      const last = batchTimes.at(-1) ?? 0;
      const projected = loadS + (Math.max(0, BULK - count) / BULK_BATCH) * last;
      const size = Number((await pgc.query(`select pg_total_relation_size('punches') as b`)).rows[0].b);
      const sizeNote =
        count >= BULK
          ? `${fmt(count)} rows (loaded in ${fmt(loadS / 60, 1)} min + vacuum analyze ${fmt(vacuumS, 0)} s, ${fmt(size / 1e9, 2)} GB with indexes)`
          : `${fmt(count)} rows (${fmt(BULK)} would take ~${fmt(projected / 60, 0)} min at the last batch's pace; loaded in ${fmt(loadS / 60, 1)} min, vacuum analyze ${fmt(vacuumS, 0)} s, ${fmt(size / 1e9, 2)} GB)`;
      const big = await sequentialMix(srv, emps, SEQ);
      const bigExplain = await explainLastPunch(pgc, emps[0]!.employeeId);
      const bigProf = await profiled(srv, () => sequential(srv, emps, 'json', 100, 0));
      console.log(`    size: ${sizeNote}`);
      console.log(
        `  ${'punches'.padEnd(12)}${'bare p50/p99'.padStart(18)}${'check-in p50/p99'.padStart(20)}${'+photo p50/p99'.padStart(20)}${'check-in/bare'.padStart(15)}  other load`,
      );
      const row = (name: string, m: Mix) =>
        console.log(
          `  ${name.padEnd(12)}${`${fmt(m.bare.median, 1)} / ${fmt(m.bare.p99, 1)} ms`.padStart(18)}` +
            `${`${fmt(m.json.median, 1)} / ${fmt(m.json.p99, 1)} ms`.padStart(20)}` +
            `${`${fmt(m.photo.median, 1)} / ${fmt(m.photo.p99, 1)} ms`.padStart(20)}` +
            `${fmt(m.json.median / m.bare.median, 2).padStart(15)}  ${fmt(m.otherPct)}% of 2 cores`,
        );
      row(fmt(SMALL), small.mix);
      row(fmt(count), big);
      const r = big.json.median / small.mix.json.median;
      const rNorm = big.json.median / big.bare.median / (small.mix.json.median / small.mix.bare.median);
      console.log(
        `    ratio @${fmt(count)} / @${fmt(SMALL)}: check-in median ${fmt(r, 2)}, p99 ${fmt(big.json.p99 / small.mix.json.p99, 2)}; ` +
          `with photo median ${fmt(big.photo.median / small.mix.photo.median, 2)}; ` +
          `normalised by the interleaved bare insert ${fmt(rNorm, 2)}`,
      );
      const nEmp = Number((await pgc.query(`select count(*) as n from bench_emps`)).rows[0].n);
      console.log(`    EXPLAIN ANALYZE of the latest-punch read (in repo.punchContext) for one employee:`);
      console.log(`      @${fmt(SMALL)} (~${fmt(SMALL / nEmp)} punches/employee): ${small.explain}`);
      console.log(`      @${fmt(count)} (~${fmt(count / nEmp)} punches/employee): ${bigExplain}`);
      printProfile(
        `sequential @${fmt(count)} (median ${fmt(bigProf.result.median, 2)} ms)`,
        bigProf.profile,
        100,
      );
      // This machine's speed drifts during the bulk load (minutes): the bare insert measured alongside shows by
      // how much, so both the raw and the drift-corrected change are given.
      const verdict = (x: number) =>
        `${x >= 1 ? '+' : ''}${fmt((x - 1) * 100, 0)}% → ${Math.abs(x - 1) <= 0.2 ? 'MET' : 'NOT MET'}`;
      verdicts.push(
        `  target latency @${fmt(count)} within ±20% of @${fmt(SMALL)} (median): raw ${verdict(r)}; ` +
          `against the bare insert interleaved with it ${verdict(rNorm)} (the bare insert itself moved ${fmt((big.bare.median / small.mix.bare.median - 1) * 100, 0)}%)` +
          (count < BULK ? ` (measured at ${fmt(count)}, not ${fmt(BULK)})` : ''),
      );
    }
    if (pgc) await pgc.end();
    console.log('\n' + verdicts.join('\n'));
  } finally {
    await srv.stop();
  }
}

console.log(
  `Check-in benchmark — ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => fmt(l, 2))
    .join(' ')} ` + `(other processes share the machine; the ratios are from the same run)`,
);
for (const e of ENGINE === 'both' ? (['pglite', 'postgres'] as const) : [ENGINE as 'pglite' | 'postgres'])
  await runEngine(e);
agent.destroy();
await sleep(10);
