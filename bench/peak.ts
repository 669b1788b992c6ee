/**
 * The morning peak of a large province, open loop, on PostgreSQL (issue 20 point 5).
 *
 *   npm run bench:peak [-- --employees 70000] [--seconds 150] [--punchers N] [--photo-share 0.3] [--procs 1,2]
 *                          [--pg-url postgresql://postgres@127.0.0.1:5432/postgres] [--max-sockets 512]
 *
 * A fresh database gets the demo province plus `--employees` employees (default 70,000) generated in SQL, each with
 * a placement in a unit that has an office fence, a user, a live session (last seen 10 minutes ago, so every
 * check-in also refreshes it, as a phone's first punch of the morning does) and an ACTIVE device. The punchers of
 * the run get their own ECDSA P-256 keys; their punches are signed before the timed run (signing is the phones'
 * work, not the server machine's).
 *
 * The morning: every employee punches IN once between 06:30 and 07:45 (75 minutes). Arrivals follow a curve
 * with its peak at 07:20 — 15% spread evenly over the 75 minutes plus 85% normally distributed around 07:20 with
 * σ = 6.6 min — whose busiest minute is ≈ 4× the average minute (printed as measured from the drawn schedule).
 * At real time that is 70,000 / 4,500 s = 15.6 punches/s on average and ≈ 62/s in the peak minute.
 *
 * Time compression: the 75 minutes run in `--seconds` (default 150 s, a factor 30). Played whole, that would
 * multiply every rate by 30 (a 1,900/s peak), far beyond what two shared cores can serve while also generating
 * the load. So by default the run thins the arrivals by the same factor: `--punchers` (default employees ×
 * seconds / 4,500, 2,333 for 70,000 in 150 s) employees drawn at random punch, on the same curve, which gives
 * the real morning's rates at every (compressed) instant — the same 15.6/s average and ≈ 62/s peak — against a
 * 70,000-employee database. `--punchers 70000` plays the whole province compressed (30× the real rates).
 *
 * Open loop: every request is sent at its scheduled instant whether or not earlier ones were answered (each on
 * its own keep-alive socket from a pool of `--max-sockets` per server), and its latency runs from that instant,
 * so a slow server cannot slow the arrivals down and hide its queue (no coordinated omission).
 *
 * For each process count (`--procs`, default one then two bench/checkin-server processes on the same database,
 * the punchers split between them by employee), the same schedule is played three times: check-ins (a share
 * `--photo-share` of them multipart with a unique 150 KB JPEG); check-ins without photos (JSON, by as many other
 * punchers); then the bench-only bare-insert endpoint (the same punch JSON, validated, ONE insert). Printed per
 * run: p50/p95/p99 latency overall and in the peak minute, errors (non-2xx, network errors, timeouts after 30 s),
 * CPU per request of the server process(es) and of the PostgreSQL backends, and the check-in's cost as a share
 * of the bare insert's.
 * Targets: p99 ≤ 100 ms and 0 errors in the peak minute of the check-ins with photos; the check-in's CPU ≥ 40% of
 * the bare insert's (within 2.5×), the check-in as the bare insert is: a punch's JSON without a photo, against the
 * same JSON and one insert (as bench/checkin measures it). The ratio with photos is printed too: each photo is
 * 150 KB received, hashed, stripped of metadata and written to disk, which the bare insert does not do.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { canonicalPunchPayload, type PunchBody } from '../src/shared/api/attendance.ts';
import { jwkThumbprint, type PublicJwk } from '../src/server/modules/attendance/device-crypto.ts';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import { makeJpeg, spawnBenchServer, type BenchServerProcess } from './checkin-client.ts';

// ------------------------------------------------------------------ options
const EMPLOYEES = Number(opt('employees', '70000'));
const SECONDS = Number(opt('seconds', '150'));
const MORNING_S = 75 * 60;
const PUNCHERS = Number(opt('punchers', String(Math.round((EMPLOYEES * SECONDS) / MORNING_S))));
const PHOTO_SHARE = Number(opt('photo-share', '0.3'));
const PROCS = opt('procs', '1,2').split(',').map(Number);
const MAX_SOCKETS = Number(opt('max-sockets', '512'));
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
const ROOT = path.resolve(import.meta.dirname, '..');
if (PUNCHERS * PROCS.length > EMPLOYEES)
  throw new Error(`--punchers ${PUNCHERS} × ${PROCS.length} runs needs more than ${EMPLOYEES} employees`);

// ------------------------------------------------------------------ helpers
const fmt = (n: number, d = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '—';
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const TICK_MS = 10; // CLK_TCK = 100 on Linux
function procTicks(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}
/** A seeded PRNG (mulberry32), so a schedule can be drawn again identically. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ the photo (bench/checkin-client.ts)
const photos = makeJpeg();
const jpeg = (i: number) => photos.unique(i);

// ------------------------------------------------------------------ server processes
type Server = BenchServerProcess;
const running = new Set<Server>();
/** A bench/checkin-server.ts process on `databaseUrl` (stopped at the end, also on failure). */
async function startServer(databaseUrl: string, photoDir: string): Promise<Server> {
  const srv = await spawnBenchServer({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
    WEB_DIST_DIR: path.join(ROOT, '.no-web'),
    PHOTO_DIR: photoDir,
    LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_URL: databaseUrl,
    DATA_DIR: undefined,
  });
  running.add(srv);
  return srv;
}

// ------------------------------------------------------------------ the province
interface Puncher {
  employeeId: string;
  unitId: string;
  token: string;
  csrf: string;
  deviceId: string;
  key: KeyObject;
  lat: number;
  lon: number;
  radiusM: number;
}

/**
 * Generates the employees in SQL (one statement per table), then gives `punchers` of them, drawn at random,
 * their own device keys (the others get an ACTIVE device with a placeholder key: they do not punch in this run).
 */
async function seedProvince(c: pg.Client, punchers: number): Promise<Puncher[]> {
  const q = (text: string, values?: unknown[]) => c.query(text, values);
  // Units with an office on their path, and the fence that applies to each (the deepest unit with offices).
  await q(`create table peak_units as
    select row_number() over (order by u.path) - 1 as idx, u.id, f.lat, f.lon, f.radius_m, f.polygon
    from units u cross join lateral (
      select o.lat, o.lon, o.radius_m, o.polygon from offices o join units ou on ou.id = o.unit_id
      where o.unit_id = any(string_to_array(trim(both '/' from u.path), '/')::uuid[])
      order by length(ou.path) desc limit 1) f`);
  await q(
    `insert into employees (nip, name, gender, employee_type, unit_id, active_from)
    select (199001012020000000 + g)::text, 'Pegawai Puncak ' || g, case when g % 2 = 0 then 'L' else 'P' end, 'PNS',
      pu.id, date '2020-01-01'
    from generate_series(1, $1::int) g join peak_units pu on pu.idx = g % (select count(*) from peak_units)`,
    [EMPLOYEES],
  );
  await q(`create table peak_emps as select row_number() over (order by nip) as g, e.id, e.unit_id
    from employees e where e.name like 'Pegawai Puncak %'`);
  await q(`insert into placements (employee_id, unit_id, valid_from)
    select id, unit_id, date '2020-01-01' from peak_emps`);
  await q(`insert into users (username, employee_id, display_name, password_hash, must_change_password)
    select 'peak' || g, id, 'Pegawai Puncak ' || g, 'x', false from peak_emps`);
  // Tokens are 'peak-<run>-<g>'; the session id is their SHA-256 (auth-service sessionIdOf).
  const run = randomBytes(4).toString('hex');
  await q(
    `insert into sessions (id, user_id, csrf_token, expires_at, last_seen_at)
    select encode(sha256(convert_to('peak-' || $1 || '-' || pe.g, 'UTF8')), 'hex'), u.id, md5('csrf' || pe.g),
      now() + interval '12 hours', now() - interval '10 minutes'
    from peak_emps pe join users u on u.employee_id = pe.id`,
    [run],
  );
  const placeholder = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  await q(
    `insert into devices (employee_id, public_key, key_thumbprint, label, status)
    select id, $1::jsonb, 'placeholder-' || g, 'Ponsel', 'ACTIVE' from peak_emps`,
    [JSON.stringify({ kty: 'EC', crv: 'P-256', x: placeholder.x, y: placeholder.y })],
  );
  // The punchers: random employees, each with a key of their own.
  const rows = (
    await q(
      `select pe.g, pe.id, pe.unit_id, d.id as device_id, pu.lat, pu.lon, pu.radius_m, pu.polygon
      from peak_emps pe join devices d on d.employee_id = pe.id join employees e on e.id = pe.id
      join peak_units pu on pu.id = e.unit_id order by random() limit $1`,
      [punchers],
    )
  ).rows as {
    g: string;
    id: string;
    unit_id: string;
    device_id: string;
    lat: number;
    lon: number;
    radius_m: number;
    polygon: [number, number][] | null;
  }[];
  const out: Puncher[] = [];
  const keys: { id: string; jwk: string; thumb: string }[] = [];
  for (const r of rows) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const j = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    const jwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: j.x, y: j.y };
    keys.push({ id: r.device_id, jwk: JSON.stringify(jwk), thumb: jwkThumbprint(jwk) });
    // A polygon fence: its vertex average (the demo's polygons are convex), as bench/checkin.ts does.
    const centre = r.polygon
      ? {
          lat: r.polygon.reduce((s, p) => s + p[0], 0) / r.polygon.length,
          lon: r.polygon.reduce((s, p) => s + p[1], 0) / r.polygon.length,
        }
      : { lat: r.lat, lon: r.lon };
    out.push({
      employeeId: r.id,
      unitId: r.unit_id,
      token: `peak-${run}-${r.g}`,
      csrf: createHash('md5').update(`csrf${r.g}`).digest('hex'),
      deviceId: r.device_id,
      key: privateKey,
      ...centre,
      radiusM: r.radius_m,
    });
  }
  await q(
    `update devices d set public_key = k.jwk::jsonb, key_thumbprint = k.thumb
     from unnest($1::uuid[], $2::text[], $3::text[]) as k(id, jwk, thumb) where d.id = k.id`,
    [keys.map((k) => k.id), keys.map((k) => k.jwk), keys.map((k) => k.thumb)],
  );
  await q(`analyze`);
  return out;
}

// ------------------------------------------------------------------ the schedule
const PEAK_MIN = 50; // 07:20, minutes after 06:30
const SIGMA_MIN = 6.6;
const UNIFORM_SHARE = 0.15;
/** Arrival instants (seconds of the real morning, 0 = 06:30) of n punches on the morning curve, sorted. */
function morning(n: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  while (out.length < n) {
    let m: number;
    if (r() < UNIFORM_SHARE) m = r() * 75;
    else {
      // Box–Muller; draws outside 06:30–07:45 are drawn again (truncation).
      m = PEAK_MIN + SIGMA_MIN * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
      if (m < 0 || m >= 75) continue;
    }
    out.push(m * 60);
  }
  return out.sort((a, b) => a - b);
}
/** Arrivals per real minute and the busiest minute. */
function perMinute(times: number[]) {
  const counts = new Array<number>(75).fill(0);
  for (const t of times) counts[Math.min(74, Math.floor(t / 60))]!++;
  const peak = counts.indexOf(Math.max(...counts));
  return { counts, peak, peakToAverage: counts[peak]! / (times.length / 75) };
}
const clock = (min: number) =>
  `${String(6 + Math.floor((30 + min) / 60)).padStart(2, '0')}:${String((30 + min) % 60).padStart(2, '0')}`;

interface Planned {
  /** Seconds after the start of the (compressed) run. */
  at: number;
  /** Minute of the real morning it stands for. */
  minute: number;
  who: Puncher;
  server: number;
  body: PunchBody;
  photo: number | null;
}

/** The punches of a run: each puncher once, signed now, at its instant compressed into SECONDS. */
function plan(
  punchers: Puncher[],
  seed: number,
  procs: number,
  tag: string,
  photoShare = PHOTO_SHARE,
): Planned[] {
  const times = morning(punchers.length, seed);
  const r = rng(seed + 1);
  return times.map((t, i) => {
    const who = punchers[i]!;
    const a = r() * 2 * Math.PI;
    const d = (Math.min(15, who.radiusM * 0.25) * r()) / 111_195;
    const photo = r() < photoShare ? i : null;
    const body: PunchBody = {
      idempotencyKey: `peak-${tag}-${i}`,
      kind: 'IN',
      deviceId: who.deviceId,
      location: {
        lat: who.lat + d * Math.sin(a),
        lon: who.lon + d * Math.cos(a),
        accuracyM: 6 + Math.floor(r() * 14),
        provider: 'gps',
        mocked: false,
      },
      ...(photo !== null ? { photoHash: sha256(jpeg(photo)) } : {}),
      network: { type: 'cellular', effectiveType: '4g' },
      appVersion: 'peak-1',
    };
    body.signature = sign('sha256', Buffer.from(canonicalPunchPayload(body)), {
      key: who.key,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    return {
      at: (t / MORNING_S) * SECONDS,
      minute: Math.min(74, Math.floor(t / 60)),
      who,
      // Split by employee (a load balancer hashing the session would do the same).
      server: i % procs,
      body,
      photo,
    };
  });
}

function requestOf(p: Planned, bare: boolean) {
  const auth = {
    cookie: `abdi_session=${p.who.token}`,
    'x-csrf-token': p.who.csrf,
    'user-agent': 'abdi-peak/1 (Android 14)',
  };
  if (bare) {
    const body = { ...p.body, idempotencyKey: `${p.body.idempotencyKey}-bare` };
    return {
      path: '/bench/bare-insert',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'x-bench-employee': p.who.employeeId,
        'x-bench-unit': p.who.unitId,
      },
      body: Buffer.from(JSON.stringify(body)),
    };
  }
  if (p.photo === null)
    return {
      path: '/api/attendance/punches',
      headers: { ...auth, 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(p.body)),
    };
  const boundary = `----abdipeak${p.photo.toString(16)}`;
  return {
    path: '/api/attendance/punches',
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="punch"\r\n\r\n${JSON.stringify(p.body)}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="selfie.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg(p.photo),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

// ------------------------------------------------------------------ open-loop driver
interface Outcome {
  ms: number;
  ok: boolean;
  status: number;
}
/** Sends every planned request at its instant (open loop); latency from the instant to the full answer. */
async function drive(servers: Server[], planned: Planned[], bare: boolean): Promise<Outcome[]> {
  const agents = servers.map(
    () => new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS }),
  );
  const out: Outcome[] = new Array(planned.length);
  const pending: Promise<void>[] = [];
  const t0 = performance.now() + 100;
  const fire = (i: number) => {
    const p = planned[i]!;
    const due = t0 + p.at * 1000;
    const srv = servers[p.server]!;
    const r = requestOf(p, bare);
    pending.push(
      new Promise<void>((resolve) => {
        const done = (status: number) => {
          out[i] = { ms: performance.now() - due, ok: status >= 200 && status < 300, status };
          resolve();
        };
        const req = http.request(
          {
            host: '127.0.0.1',
            port: srv.port,
            method: 'POST',
            path: r.path,
            agent: agents[p.server],
            headers: { ...r.headers, 'content-length': String(r.body.length) },
            timeout: 30_000,
          },
          (res) => {
            res.on('data', () => undefined);
            res.on('end', () => done(res.statusCode ?? 0));
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => done(0));
        req.end(r.body);
      }),
    );
  };
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < planned.length && t0 + planned[next]!.at * 1000 <= now) fire(next++);
      if (next >= planned.length) return resolve();
      setTimeout(tick, Math.max(0, Math.min(2, t0 + planned[next]!.at * 1000 - performance.now())));
    };
    setTimeout(tick, 100);
  });
  await Promise.all(pending);
  for (const a of agents) a.destroy();
  return out;
}

// ------------------------------------------------------------------ CPU accounting
async function pgPids(dbName: string): Promise<number[]> {
  const r = await adminQuery(
    PG_URL,
    `select pid from pg_stat_activity where datname = '${dbName}' and pid <> pg_backend_pid()`,
  );
  return r.rows.map((x: { pid: number }) => x.pid);
}
async function cpuSnap(servers: Server[], dbName: string) {
  const pids = await pgPids(dbName);
  const self = process.cpuUsage();
  return {
    server: servers.reduce((a, s) => a + procTicks(s.pid) * TICK_MS, 0),
    pg: new Map(pids.map((p) => [p, procTicks(p) * TICK_MS])),
    self: (self.user + self.system) / 1000,
  };
}
async function cpuSince(servers: Server[], dbName: string, a: Awaited<ReturnType<typeof cpuSnap>>) {
  const b = await cpuSnap(servers, dbName);
  let pgMs = 0;
  for (const [pid, ms] of b.pg) pgMs += ms - (a.pg.get(pid) ?? 0);
  return { serverMs: b.server - a.server, pgMs, clientMs: b.self - a.self };
}
/** Waits until the servers are idle again (CPU under 5% over half a second). */
async function settle(servers: Server[]) {
  for (let i = 0; i < 60; i++) {
    const a = servers.reduce((s, x) => s + procTicks(x.pid), 0);
    await sleep(500);
    if ((servers.reduce((s, x) => s + procTicks(x.pid), 0) - a) * TICK_MS < 25 * servers.length) return;
  }
}

// ------------------------------------------------------------------ one run
interface RunResult {
  label: string;
  n: number;
  errors: number;
  statuses: string;
  all: { p50: number; p95: number; p99: number };
  peak: { p50: number; p95: number; p99: number; n: number; errors: number };
  cpu: { serverMs: number; pgMs: number; clientMs: number };
  mix: string;
}
async function run(
  servers: Server[],
  dbName: string,
  planned: Planned[],
  bare: boolean,
  peakMinute: number,
  photoShare = PHOTO_SHARE,
): Promise<RunResult> {
  const since = Date.now();
  const c0 = await cpuSnap(servers, dbName);
  const out = await drive(servers, planned, bare);
  const cpu = await cpuSince(servers, dbName, c0);
  await settle(servers);
  const stat = (xs: Outcome[]) => {
    const ms = xs.filter((o) => o.ok).map((o) => o.ms);
    return { p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99) };
  };
  const inPeak = out.filter((_, i) => planned[i]!.minute === peakMinute);
  const statuses = new Map<number, number>();
  for (const o of out) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  let mix = '';
  if (!bare) {
    const s = (await (
      await fetch(`${servers[0]!.url}/bench/stats?since=${since - 1000}&until=${Date.now() + 1000}`)
    ).json()) as { mix: { verdict: string; reason: string | null; n: number }[] };
    const n = s.mix.reduce((a, m) => a + m.n, 0);
    mix = s.mix
      .map((m) => `${m.verdict}${m.reason ? `/${m.reason}` : ''} ${fmt((100 * m.n) / n, 1)}%`)
      .join(', ');
  }
  return {
    label: bare ? 'bare insert' : `check-in (${fmt(photoShare * 100)}% photo)`,
    n: out.length,
    errors: out.filter((o) => !o.ok).length,
    statuses: [...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([k, v]) => `${k || 'net/timeout'}×${fmt(v)}`)
      .join(' '),
    all: stat(out),
    peak: { ...stat(inPeak), n: inPeak.length, errors: inPeak.filter((o) => !o.ok).length },
    cpu,
    mix,
  };
}

/** CPU of the server process(es) and the PostgreSQL backends per request of a run, ms. */
const cost = (r: RunResult) => (r.cpu.serverMs + r.cpu.pgMs) / r.n;

// ------------------------------------------------------------------ main
const dbName = `abdi_peak_${randomBytes(4).toString('hex')}`;
const photoDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-peak-photos-'));
const cleanup = async () => {
  await Promise.all([...running].map((s) => s.stop()));
  await adminQuery(PG_URL, `drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await rm(photoDir, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(sig, () => {
    console.error(`\n${sig}: stopping the servers and dropping ${dbName}…`);
    void cleanup().finally(() => process.exit(130));
  });

console.log(
  `Morning peak (open loop) — ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => fmt(l, 2))
    .join(' ')}; other processes share this machine (and the load generator runs on it): compare with ` +
    `the bare insert of the same run`,
);
try {
  await adminQuery(PG_URL, `create database ${dbName}`);
  const url = withDatabase(PG_URL, dbName);
  const t0 = performance.now();
  const first = await startServer(url, photoDir);
  console.log(
    `  server up on a fresh database with the demo province in ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t1 = performance.now();
  // Per process count: the punchers of the check-ins with photos, and as many others for those without.
  const all = await seedProvince(c, 2 * PUNCHERS * PROCS.length);
  const nEmp = Number((await c.query(`select count(*)::int as n from employees`)).rows[0].n);
  await c.end();
  console.log(
    `  ${fmt(nEmp)} employees (${fmt(EMPLOYEES)} generated in SQL with placements, users, sessions, devices), ` +
      `${fmt(all.length)} punchers with their own keys, in ${fmt((performance.now() - t1) / 1000, 1)} s`,
  );
  const shape = perMinute(morning(100_000, 7));
  const real = perMinute(morning(EMPLOYEES, 7));
  const factor = MORNING_S / SECONDS;
  const thinning = EMPLOYEES / PUNCHERS;
  console.log(
    `  the morning: 06:30–07:45, busiest minute ${clock(shape.peak)} at ${fmt(shape.peakToAverage, 2)}× the average ` +
      `minute; at real time ${fmt(EMPLOYEES)} employees punch ${fmt(EMPLOYEES / MORNING_S, 1)}/s on average and ` +
      `${fmt(real.counts[real.peak]! / 60, 1)}/s in the busiest minute`,
  );
  console.log(
    `  this run: 75 min in ${fmt(SECONDS)} s (×${fmt(factor, 1)}), ${fmt(PUNCHERS)} punchers per run ` +
      `(1 in ${fmt(thinning, 1)}): ${fmt(PUNCHERS / SECONDS, 1)}/s on average, ≈ ${fmt(
        ((PUNCHERS / SECONDS) * shape.peakToAverage) | 0,
      )}/s at the peak = ${fmt((factor / thinning) * 100)}% of the real morning's rates`,
  );

  const results: { procs: number; checkin: RunResult; json: RunResult; bare: RunResult }[] = [];
  const servers = [first];
  for (const [k, procs] of PROCS.entries()) {
    while (servers.length < procs) servers.push(await startServer(url, photoDir));
    const use = servers.slice(0, procs);
    const punchers = all.slice(2 * k * PUNCHERS, (2 * k + 1) * PUNCHERS);
    const planned = plan(punchers, 1000 + k, procs, `${k}`);
    // The same instants, by other employees, every punch JSON without a photo.
    const others = all.slice((2 * k + 1) * PUNCHERS, (2 * k + 2) * PUNCHERS);
    const plannedJson = plan(others, 1000 + k, procs, `${k}json`, 0);
    const pm = perMinute(planned.map((p) => (p.at / SECONDS) * MORNING_S));
    // Warm-up: a few seconds of the bare route and of check-ins by employees outside the runs' punchers.
    const warm = plan(all.slice(0, 200), 99 + k, procs, `warm${k}`).map((p, i) => ({
      ...p,
      at: i * 0.02,
      body: p.body,
    }));
    await drive(use, warm, true);
    await settle(use);
    console.log(
      `\n=== ${procs} server process${procs > 1 ? 'es' : ''} on one PostgreSQL: ${fmt(planned.length)} punches, ` +
        `busiest minute ${clock(pm.peak)} (${fmt(pm.counts[pm.peak]!)} punches in ${fmt(SECONDS / 75, 1)} s = ` +
        `${fmt(pm.counts[pm.peak]! / (SECONDS / 75), 1)}/s, ${fmt(pm.peakToAverage, 2)}× the average) ===`,
    );
    const checkin = await run(use, dbName, planned, false, pm.peak);
    const json = await run(use, dbName, plannedJson, false, pm.peak, 0);
    const bare = await run(use, dbName, planned, true, pm.peak);
    results.push({ procs, checkin, json, bare });
    const ms = (x: number) => `${fmt(x, x < 10 ? 1 : 0)}`.padStart(6);
    console.log(
      `  ${'figure'.padEnd(24)}${'sent'.padStart(7)}${'errors'.padStart(8)}   all p50/p95/p99 ms     peak minute p50/p95/p99 ms (errors)   CPU ms/req server + pg`,
    );
    for (const r of [checkin, json, bare])
      console.log(
        `  ${r.label.padEnd(24)}${fmt(r.n).padStart(7)}${fmt(r.errors).padStart(8)}   ${ms(r.all.p50)} ${ms(r.all.p95)} ${ms(r.all.p99)}` +
          `      ${ms(r.peak.p50)} ${ms(r.peak.p95)} ${ms(r.peak.p99)} (${fmt(r.peak.errors)})` +
          `            ${fmt(r.cpu.serverMs / r.n, 2)} + ${fmt(r.cpu.pgMs / r.n, 2)}`,
      );
    console.log(
      `  statuses: check-in ${checkin.statuses}; without photo ${json.statuses}; bare ${bare.statuses}`,
    );
    console.log(`  verdicts of the check-ins: ${checkin.mix}; without photo: ${json.mix}`);
    for (const r of [checkin, json])
      console.log(
        `  ${r.label} CPU (server + pg) ${fmt(cost(r), 2)} ms vs bare ${fmt(cost(bare), 2)} ms: ratio ` +
          `${fmt((100 * cost(bare)) / cost(r))}% (${fmt(cost(r) / cost(bare), 2)}×); load generator ` +
          `${fmt(r.cpu.clientMs / r.n, 2)} ms/check-in`,
      );
  }

  console.log(
    '\n  Targets (latency and errors: the peak minute of the check-ins with photos; CPU ratio: the whole run of ' +
      'the check-ins without photo, which carry what the bare insert carries):',
  );
  for (const r of results) {
    const ratio = cost(r.bare) / cost(r.json);
    console.log(
      `  ${r.procs} process${r.procs > 1 ? 'es' : ''}: p99 ${fmt(r.checkin.peak.p99)} ms ≤ 100 → ${r.checkin.peak.p99 <= 100 ? 'MET' : 'NOT MET'}; ` +
        `errors ${r.checkin.peak.errors} → ${r.checkin.peak.errors === 0 ? 'MET' : 'NOT MET'}; ` +
        `check-in ${fmt(ratio * 100)}% of the bare insert's CPU ≥ 40 → ${ratio >= 0.4 ? 'MET' : 'NOT MET'} ` +
        `(with ${fmt(PHOTO_SHARE * 100)}% photos ${fmt((100 * cost(r.bare)) / cost(r.checkin))}%; bare p99 at the ` +
        `peak ${fmt(r.bare.peak.p99)} ms)`,
    );
  }
} finally {
  await cleanup();
}
