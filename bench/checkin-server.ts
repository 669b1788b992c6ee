/**
 * The server side of bench/checkin.ts, run as its own process so the load generator does not share its event
 * loop: the real app (buildApp) on a fresh database with the demo province and the repo rulebooks synced, as
 * src/server/main.ts starts it, plus a few routes that exist only in this bench process:
 *
 *   POST /bench/bare-insert   the same punch JSON, validated by the same zod schema, and ONE insert of a similar
 *                             row into `bench_punches` (a copy of `punches` with its defaults and indexes):
 *                             the floor for any check-in on this Fastify instance and this database
 *   GET  /bench/stats         verdict/reason mix of the punches received in a time window
 *   POST /bench/profile/start[?cpu=1], GET /bench/profile/stop
 *                             per-query wall time (a Kysely plugin timing every query by its SQL), time spent
 *                             in session authentication and in AttendanceService.punch, CPU and event-loop use; with cpu=1 also a V8 CPU profile
 *   GET  /bench/cpu           CPU time and event-loop utilisation of this process
 *
 * Configuration comes from the environment (DATABASE_URL or DATA_DIR, PHOTO_DIR, LOG_LEVEL, ...), read by
 * loadConfig like the real server. Prints `READY <port>` on stdout once listening.
 */
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
} from 'kysely';
import type { QueryResult, UnknownRow, RootOperationNode } from 'kysely';
import { z } from 'zod';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { systemClock } from '../src/server/clock.ts';
import { loadDemoData } from '../src/server/db/seeds/load-demo.ts';
import { punchBodySchema } from '../src/shared/api/attendance.ts';

const config = loadConfig();
const handle = await createDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.databasePoolSize,
});
await migrateToLatest(handle.db);

// ------------------------------------------------------------------ query timing (only while profiling)
let profiling = false;
type Agg = { n: number; ms: number; maxMs: number };
const queries = new Map<string, Agg>();
const inflight = new Map<string, { t0: number; node: RootOperationNode }>();
const add = (m: Map<string, Agg>, k: string, ms: number) => {
  const a = m.get(k) ?? { n: 0, ms: 0, maxMs: 0 };
  a.n++;
  a.ms += ms;
  if (ms > a.maxMs) a.maxMs = ms;
  m.set(k, a);
};
/** A short, stable name for a statement: the verb, the table and the conditions, without the column list. */
function labelOf(text: string): string {
  return text
    .replace(/^select .*? from /s, 'select … from ')
    .replace(/^insert into ("\w+") \(.*?\) values \(.*?\)/s, 'insert into $1 (…) values (…)')
    .replace(/ returning .*/s, ' returning …')
    .replace(/"/g, '')
    .replace(/\$\d+/g, '?')
    .replace(/in \((\?, )*\?\)/g, 'in (…)')
    .replace(/\s+/g, ' ')
    .slice(0, 150);
}
const timer: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (profiling) inflight.set(args.queryId.queryId, { t0: performance.now(), node: args.node });
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = inflight.get(args.queryId.queryId);
    if (started) {
      inflight.delete(args.queryId.queryId);
      const ms = performance.now() - started.t0;
      const text = handle.db.getExecutor().compileQuery(started.node, args.queryId).sql;
      add(queries, labelOf(text), ms);
    }
    return args.result;
  },
};
const db = handle.db.withPlugin(timer);

const { app, services } = await buildApp({ config, db, clock: systemClock });
const any = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
if (!any) await loadDemoData(db, services.audit);
await services.rulebooks.syncRepoRulebooks();
await services.org.syncCurrentPlacements();

// ------------------------------------------------------------------ service timing (only while profiling)
const calls = new Map<string, Agg>();
function timed<F extends (...a: never[]) => Promise<unknown>>(name: string, fn: F): F {
  return (async (...a: Parameters<F>) => {
    if (!profiling) return fn(...a);
    const t0 = performance.now();
    try {
      return await fn(...a);
    } finally {
      add(calls, name, performance.now() - t0);
    }
  }) as F;
}
// The routes call these through the services object at request time, so wrapping the properties times them.
services.auth.authenticate = timed('session authenticate (preHandler)', services.auth.authenticate);
services.attendance.punch = timed('AttendanceService.punch', services.attendance.punch);
services.rulebooks.rulesOn = timed('rulebooks.rulesOn', services.rulebooks.rulesOn);

// ------------------------------------------------------------------ bench-only routes
await sql`create table if not exists bench_punches (like punches including defaults including indexes)`.execute(
  db,
);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const benchBody = punchBodySchema;
app.post(
  '/bench/bare-insert',
  { schema: { body: benchBody, response: { 201: z.object({ id: z.string() }) } } },
  async (request, reply) => {
    const b = request.body as z.infer<typeof benchBody>;
    const employeeId = String(request.headers['x-bench-employee']);
    const unitId = String(request.headers['x-bench-unit']);
    const { signature: _sig, ...unsigned } = b;
    const now = new Date();
    const row = await sql<{ id: string }>`insert into bench_punches
      (employee_id, unit_id, kind, source, occurred_at, received_at, local_date, idempotency_key, body_hash,
       lat, lon, accuracy_m, mock_location, device_id, verdict, reasons)
      values (${employeeId}, ${unitId}, ${b.kind}, 'ONLINE', ${now}, ${now}, ${now.toISOString().slice(0, 10)},
       ${b.idempotencyKey}, ${sha256(JSON.stringify(unsigned))}, ${b.location?.lat ?? null},
       ${b.location?.lon ?? null}, ${b.location?.accuracyM ?? null}, ${b.location?.mocked ?? null},
       ${b.deviceId ?? null}, 'ACCEPTED', '[]')
      returning id`.execute(db);
    return reply.status(201).send({ id: row.rows[0]!.id });
  },
);

app.get('/bench/employees', async () => {
  const rows = await sql<{ id: string; unitId: string }>`select id, unit_id from employees`.execute(db);
  return rows.rows;
});

app.get('/bench/stats', async (request) => {
  const q = request.query as { since?: string; until?: string };
  const since = new Date(Number(q.since ?? 0));
  const until = new Date(Number(q.until ?? Date.now() + 86_400_000));
  const rows = await sql<{ verdict: string; reason: string | null; n: number }>`
    select verdict, reasons->0->>'code' as reason, count(*)::int as n from punches
    where received_at >= ${since} and received_at < ${until} group by 1, 2 order by 3 desc`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from punches`.execute(db);
  return { mix: rows.rows, total: total.rows[0]!.n };
});

// ------------------------------------------------------------------ CPU profile of this process (V8 sampler)
const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
await inspector.post('Profiler.setSamplingInterval', { interval: 1000 });
type ProfNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
const ROOT_DIR = path.resolve(import.meta.dirname, '..');
function categoryOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `native ${fn || '(anonymous)'}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const local = url.replace(/^file:\/\//, '');
  return local.startsWith(ROOT_DIR) ? path.relative(ROOT_DIR, local) : local;
}
/** Self time by package/file, and inclusive time of this repo's functions (ms), from a V8 CPU profile. */
function summarise(profile: { nodes: ProfNode[]; startTime: number; endTime: number; samples?: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples?.length ?? profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const msPerHit = samples ? (profile.endTime - profile.startTime) / 1000 / samples : 0;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let idle = 0;
  const visit = (n: ProfNode, stack: Set<string>): number => {
    const cat = categoryOf(n.callFrame.url, n.callFrame.functionName);
    const own = (n.hitCount ?? 0) * msPerHit;
    if (cat === '(idle)') idle += own;
    else self.set(cat, (self.get(cat) ?? 0) + own);
    const key = `${n.callFrame.functionName || '(anonymous)'} ${cat}:${n.callFrame.lineNumber + 1}`;
    const mine = cat.startsWith('src/') && !stack.has(key);
    if (mine) stack.add(key);
    let total = own;
    for (const c of n.children ?? []) total += visit(byId.get(c)!, stack);
    if (mine) {
      stack.delete(key);
      incl.set(key, (incl.get(key) ?? 0) + total);
    }
    return total;
  };
  visit(profile.nodes[0]!, new Set());
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([label, ms]) => ({ label, ms }));
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  return { busyMs: busy, idleMs: idle, self: top(self, 14), inclusive: top(incl, 16) };
}

let cpu0 = process.cpuUsage();
let elu0 = performance.eventLoopUtilization();
let t0 = performance.now();
let v8 = false;
let profiles = 0;
app.post('/bench/profile/start', async (request) => {
  queries.clear();
  calls.clear();
  inflight.clear();
  profiling = true;
  cpu0 = process.cpuUsage();
  elu0 = performance.eventLoopUtilization();
  t0 = performance.now();
  v8 = (request.query as { cpu?: string }).cpu === '1';
  if (v8) await inspector.post('Profiler.start');
  return { ok: true };
});
app.get('/bench/profile/stop', async () => {
  profiling = false;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  const profile = v8 ? (await inspector.post('Profiler.stop')).profile : null;
  // BENCH_PROFILE_FILE=/tmp/p: each CPU profile also written whole, as /tmp/p.1.cpuprofile, /tmp/p.2.cpuprofile, …
  if (profile && process.env.BENCH_PROFILE_FILE)
    writeFileSync(`${process.env.BENCH_PROFILE_FILE}.${++profiles}.cpuprofile`, JSON.stringify(profile));
  const entries = (m: Map<string, Agg>) =>
    [...m.entries()].map(([label, a]) => ({ label, ...a })).sort((x, y) => y.ms - x.ms);
  return {
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    elu: elu.utilization,
    queries: entries(queries),
    calls: entries(calls),
    cpuProfile: profile ? summarise(profile as unknown as Parameters<typeof summarise>[0]) : null,
  };
});
app.get('/bench/cpu', async () => {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return { cpuMs: (cpu.user + cpu.system) / 1000, eluActiveMs: elu.active, eluIdleMs: elu.idle };
});

await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
console.log(`READY ${port} ${handle.engine}`);

const shutdown = async () => {
  await app.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
// The bench holds our stdin open: when it goes away (even killed), so do we.
process.stdin.on('end', () => void shutdown());
process.stdin.resume();
