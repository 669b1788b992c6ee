/**
 * Benchmark of e-Kinerja (issue 15 point 9): daily reports submitted and verified over HTTP at a morning peak, and
 * the monthly kinerja figure of a province of 50,000 employees built from stored reports.
 *
 *   npm run bench:kinerja [-- --engine pglite|postgres|both] [--employees 50000] [--reports-per-day 1]
 *                            [--duration 10] [--connections 20] [--http-employees 100]
 *                            [--region contoh-provinsi-a] [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
 *
 * Per engine (default PGlite; PostgreSQL in a scratch database created and dropped here): the real app
 * (buildApp) with the demo province and the repo rulebooks, listening on a local port, plus one bench-only route.
 *   (a) HTTP, closed loop with `--connections` concurrent clients for `--duration` seconds each:
 *       - "bare insert": POST /bench/bare-insert, the same report JSON validated by the same zod schema and ONE
 *         insert into `bench_reports` (a copy of daily_reports): the floor on this Fastify instance and database;
 *       - "submit": POST /api/kinerja/reports by `--http-employees` demo employees (each its own session, an
 *         approved SKP inserted for the bench), today's date, a unique clientId per request;
 *       - "verify": POST /api/kinerja/reports/:id/verify ACCEPT by each report's superior (their own sessions).
 *       The load generator is a child process (this file with `--load-worker`), as in bench/checkin.ts, so the
 *       server's event loop serves requests only: the ratios between the three, measured in the same run, are
 *       what to read.
 *   (b) the figures: a separate province of `--employees` PNS under 50 OPDs, bulk-loaded with SQL — stored day
 *       statuses for last month (weekdays H), an approved SKP and RHK each, and 22 accepted reports each (one per
 *       weekday) — then the monthly figure of every one of them built from the stored rows (`storeMonth`, one
 *       transaction, the same code as POST /api/kinerja/figures/build), timed twice (first insert, then upsert),
 *       with the baseline `select employee_id, sum(minutes) … group by employee_id` over the same rows.
 * Targets: the figures of 50,000 employees in ≤ 10 s on PostgreSQL, ≤ 30 s on PGlite.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { systemClock } from '../src/server/clock.ts';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { DEMO_PASSWORD, loadDemoData } from '../src/server/db/seeds/load-demo.ts';
import { reportInputSchema } from '../src/shared/api/kinerja-reports.ts';
import { toZoned } from '../src/core/common/zoned-time.ts';
import { daysInMonth } from '../src/core/common/local-date.ts';
import { DAY_SEP } from '../src/server/lib/month-rows.ts';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import { createFiguresRepo } from '../src/server/modules/kinerja/figures-repo.ts';

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const ENGINE = opt('engine', 'pglite');
if (!['pglite', 'postgres', 'both'].includes(ENGINE)) throw new Error('--engine pglite|postgres|both');
const EMPLOYEES = Number(opt('employees', '50000'));
const DURATION = Number(opt('duration', '10'));
const CONNECTIONS = Number(opt('connections', '20'));
const HTTP_EMPLOYEES = Number(opt('http-employees', '100'));
/** The region whose rulebook sets the figure's method (default contoh-provinsi-a: LAPORAN_HARIAN). */
const REGION = opt('region', 'contoh-provinsi-a');
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
const OPDS = 50;

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
async function timed<T>(label: string, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  console.log(`  ${label.padEnd(58)} ${fmt(ms / 1000, 2).padStart(8)} s`);
  return { ms, value };
}

// ------------------------------------------------------------------ HTTP load (closed loop)
interface LoadResult {
  done: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}
/** `connections` workers each sending `next()` requests back to back for `seconds` (or until it returns null). */
async function load(
  seconds: number,
  connections: number,
  next: (i: number) => { url: string; init: RequestInit; ok: (status: number, body: string) => void } | null,
): Promise<LoadResult> {
  const lat: number[] = [];
  const statuses: Record<number, number> = {};
  let done = 0;
  let errors = 0;
  let i = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() < until) {
      const r = next(i++);
      if (!r) return;
      const s = performance.now();
      try {
        const res = await fetch(r.url, r.init);
        const body = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 300) errors++;
        else r.ok(res.status, body);
      } catch {
        errors++;
      }
      lat.push(performance.now() - s);
      done++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const secs = (performance.now() - t0) / 1000;
  return { done, errors, rps: done / secs, p50: pct(lat, 50), p99: pct(lat, 99), statuses };
}
/** What a load worker (this file with `--load-worker`, a child process) sends: like bench/checkin.ts's autocannon. */
interface LoadSpec {
  mode: 'bare' | 'submit' | 'verify';
  seconds: number;
  base: string;
  today: string;
  /** The RHK cited by the bare insert's body. */
  rhk: string;
  emps: { rhk: string; headers: Record<string, string> }[];
  verify?: { id: string; headers: Record<string, string> }[];
}
interface LoadAnswer {
  result: LoadResult;
  /** Reports stored by a submit load, with the index of their employee in `emps`. */
  created: { id: string; emp: number }[];
}

/** The worker's side: the requests of one load, sent from a process of its own. */
async function loadWorker(spec: LoadSpec): Promise<LoadAnswer> {
  const body = (rhk: string) =>
    JSON.stringify({
      clientId: randomUUID(),
      reportDate: spec.today,
      rhkId: rhk,
      activity: 'Melayani pemohon izin',
      minutes: 5,
    });
  const created: LoadAnswer['created'] = [];
  let k = 0;
  const result = await load(spec.seconds, CONNECTIONS, (i) => {
    if (spec.mode === 'bare')
      return {
        url: `${spec.base}/bench/bare-insert`,
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(spec.rhk) },
        ok: () => undefined,
      };
    if (spec.mode === 'submit') {
      const emp = i % spec.emps.length;
      const e = spec.emps[emp]!;
      return {
        url: `${spec.base}/api/kinerja/reports`,
        init: { method: 'POST', headers: e.headers, body: body(e.rhk) },
        ok: (_s, text) => created.push({ id: (JSON.parse(text) as { id: string }).id, emp }),
      };
    }
    const r = spec.verify?.[k++];
    if (!r) return null;
    return {
      url: `${spec.base}/api/kinerja/reports/${r.id}/verify`,
      init: { method: 'POST', headers: r.headers, body: JSON.stringify({ decision: 'ACCEPT' }) },
      ok: () => undefined,
    };
  });
  return { result, created };
}

/**
 * One load sent by a child process (this file with `--load-worker`), so the server's event loop serves requests
 * only, as in bench/checkin.ts: the ratios to the bare insert are the server's own.
 */
async function loadInChild(spec: LoadSpec): Promise<LoadAnswer> {
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=128',
      import.meta.filename,
      '--load-worker',
      '--connections',
      String(CONNECTIONS),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin.end(JSON.stringify(spec));
  const code = await done;
  if (code !== 0) throw new Error(`load worker exited with ${code}`);
  return JSON.parse(out) as LoadAnswer;
}

const show = (label: string, r: LoadResult, base?: LoadResult) =>
  console.log(
    `  ${label.padEnd(30)} ${fmt(r.rps, 0).padStart(7)} req/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  ` +
      `${r.done} requests, ${r.errors} errors ${JSON.stringify(r.statuses)}` +
      (base ? `  (${fmt((100 * r.rps) / base.rps, 0)}% of bare insert)` : ''),
  );

// ------------------------------------------------------------------ one engine
async function run(engine: 'pglite' | 'postgres') {
  console.log(
    `\n=== ${engine} — ${fmt(EMPLOYEES)} employees, ${CONNECTIONS} connections, ${DURATION} s per load`,
  );
  const cleanups: (() => Promise<unknown>)[] = [];
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '10000',
    RULEBOOK_REGION: REGION,
    DATABASE_URL: undefined,
    DATA_DIR: undefined,
  };
  if (engine === 'postgres') {
    const name = `abdi_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(PG_URL, `create database ${name}`);
    cleanups.push(() => adminQuery(PG_URL, `drop database if exists ${name} with (force)`));
    env.DATABASE_URL = withDatabase(PG_URL, name);
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-kinerja-'));
    env.DATA_DIR = dir;
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  }
  const files = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-files-'));
  cleanups.push(() => rm(files, { recursive: true, force: true }));
  env.PHOTO_DIR = files;
  const config = loadConfig(env);
  const handle = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  cleanups.unshift(() => handle.close());
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const { app, services } = await buildApp({ config, db, clock: systemClock });
    await timed('demo province loaded', () => loadDemoData(db, services.audit));
    await services.rulebooks.syncRepoRulebooks();
    await services.org.syncCurrentPlacements();
    const today = toZoned(Date.now(), 'Asia/Jakarta').date;

    // ---------------------------------------------------------------- (a) HTTP
    const demo = generateDemoData();
    const ids = new Map(
      (await db.selectFrom('employees').select(['id', 'nip', 'unitId', 'employeeType']).execute()).map(
        (e) => [e.nip, e],
      ),
    );
    const rhkOf = new Map<string, string>();
    const year = Number(today.slice(0, 4));
    await sql`insert into skp (employee_id, unit_id, year, period_start, period_end, approach, status)
      select e.id, e.unit_id, ${year}, ${`${year}-01-01`}::date, ${`${year}-12-31`}::date, 'KUANTITATIF', 'APPROVED'
      from employees e on conflict do nothing`.execute(db);
    await sql`insert into skp_rhk (skp_id, kind, seq, text) select s.id, 'UTAMA', 1, 'Tugas pokok' from skp s
      where s.year = ${year}`.execute(db);
    for (const r of (
      await sql<{ employeeId: string; rhkId: string }>`select s.employee_id, r.id as rhk_id from skp s
        join skp_rhk r on r.skp_id = s.id where s.year = ${year}`.execute(db)
    ).rows)
      rhkOf.set(r.employeeId, r.rhkId);
    await sql`create table bench_reports (like daily_reports including defaults including indexes)`.execute(
      db,
    );

    const bare = { employee: '', unit: '', skp: '', rhk: '' };
    app.post('/bench/bare-insert', async (request, reply) => {
      const body = reportInputSchema.parse(request.body);
      await db
        .insertInto('benchReports' as never)
        .values({
          employeeId: bare.employee,
          unitId: bare.unit,
          skpId: bare.skp,
          rhkId: bare.rhk,
          reportDate: body.reportDate,
          activity: body.activity,
          minutes: body.minutes,
          clientId: body.clientId,
        } as never)
        .execute();
      return reply.status(201).send({ ok: true });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.unshift(() => app.close());
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

    const skpTypes = new Set(['PNS', 'CPNS', 'PPPK']);
    const staff = demo.employees.filter(
      (e) =>
        e.nip &&
        e.superiorNip &&
        skpTypes.has(e.employeeType) &&
        demo.employees.some((s) => s.nip === e.superiorNip),
    );
    const step = Math.max(1, Math.floor(staff.length / HTTP_EMPLOYEES));
    const picked = staff.filter((_, i) => i % step === 0).slice(0, HTTP_EMPLOYEES);
    const sessions = new Map<string, Record<string, string>>();
    const sessionOf = async (nip: string) => {
      if (!sessions.has(nip)) {
        const res = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: nip, password: DEMO_PASSWORD }),
        });
        if (res.status !== 200) throw new Error(`login ${nip}: ${res.status} ${await res.text()}`);
        const me = (await res.json()) as { csrfToken: string };
        const cookie = res.headers
          .getSetCookie()
          .find((c) => c.startsWith('abdi_session='))!
          .split(';')[0]!;
        sessions.set(nip, { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' });
      }
      return sessions.get(nip)!;
    };
    const emps: { nip: string; id: string; rhk: string; headers: Record<string, string>; sup: string }[] = [];
    for (const e of picked) {
      const row = ids.get(e.nip)!;
      emps.push({
        nip: e.nip!,
        id: row.id,
        rhk: rhkOf.get(row.id)!,
        headers: await sessionOf(e.nip!),
        sup: e.superiorNip!,
      });
    }
    for (const e of emps) await sessionOf(e.sup);
    const first = emps[0]!;
    const firstSkp = await db
      .selectFrom('skp')
      .select('id')
      .where('employeeId', '=', first.id)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    Object.assign(bare, {
      employee: first.id,
      unit: ids.get(first.nip)!.unitId,
      skp: firstSkp.id,
      rhk: first.rhk,
    });
    console.log(
      `  (a) ${emps.length} employees submitting, ${new Set(emps.map((e) => e.sup)).size} superiors verifying`,
    );

    const spec = { base, today, rhk: first.rhk, emps: emps.map((e) => ({ rhk: e.rhk, headers: e.headers })) };
    // Warm-up (JIT, pools): a second each, not counted.
    await loadInChild({ ...spec, mode: 'bare', seconds: 1 });
    const bareR = (await loadInChild({ ...spec, mode: 'bare', seconds: DURATION })).result;
    const submitted = await loadInChild({ ...spec, mode: 'submit', seconds: DURATION });
    const submitR = submitted.result;
    const created = submitted.created.map((c) => ({ id: c.id, sup: emps[c.emp]!.sup }));
    const verifyR = (
      await loadInChild({
        ...spec,
        mode: 'verify',
        seconds: DURATION,
        verify: created.map((r) => ({ id: r.id, headers: sessions.get(r.sup)! })),
      })
    ).result;
    show('bare insert', bareR);
    show('submit report', submitR, bareR);
    show('verify report', verifyR, bareR);

    // ---------------------------------------------------------------- (b) the figures of a province
    // The latest past month with at least 22 weekdays (22 reports each, one per weekday).
    const now = new Date();
    let back = 1;
    const weekdaysOf = (d: Date) =>
      Array.from({ length: daysInMonth(d.getUTCFullYear(), d.getUTCMonth() + 1) }, (_, i) =>
        new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), i + 1)).getUTCDay(),
      ).filter((w) => w !== 0 && w !== 6).length;
    while (weekdaysOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))) < 22) back++;
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const month = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
    const n = daysInMonth(prev.getUTCFullYear(), prev.getUTCMonth() + 1);
    const weekday = (d: number) => {
      const w = new Date(Date.UTC(prev.getUTCFullYear(), prev.getUTCMonth(), d)).getUTCDay();
      return w !== 0 && w !== 6;
    };
    const workDays = Array.from({ length: n }, (_, i) => i + 1)
      .filter(weekday)
      .slice(0, 22);
    const pack = (f: (d: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join(DAY_SEP);
    const root = (
      await db
        .insertInto('units')
        .values({
          code: 'BENCH-PROV',
          name: 'Provinsi Bench',
          kind: 'INSTANSI',
          parentId: null,
          timeZone: 'Asia/Jakarta',
          path: '',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .updateTable('units')
      .set({ path: `/${root}/` })
      .where('id', '=', root)
      .execute();
    console.log(`  (b) ${month}: ${fmt(EMPLOYEES)} employees × ${workDays.length} accepted reports`);
    await timed('bulk load: units, employees, day statuses, SKP, reports', async () => {
      await sql`insert into units (code, name, kind, parent_id, time_zone, path)
        select 'BENCH-OPD-' || g, 'OPD Bench ' || g, 'OPD', ${root}::uuid, 'Asia/Jakarta', ''
        from generate_series(1, ${OPDS}) g`.execute(db);
      await sql`update units set path = ${`/${root}/`} || id || '/' where parent_id = ${root}::uuid`.execute(
        db,
      );
      await sql`insert into employees (internal_id, name, gender, employee_type, unit_id, active_from)
        select 'BENCH-' || g, 'Pegawai Bench ' || g, 'L', 'PNS',
          (select id from units where code = 'BENCH-OPD-' || (1 + g % ${OPDS})), '2015-01-02'
        from generate_series(1, ${EMPLOYEES}) g`.execute(db);
      const scope = sql`s.employee_id in (select e.id from employees e join units u on u.id = e.unit_id where u.path like ${`/${root}/%`})`;
      const inBench = sql`e.unit_id in (select id from units where path like ${`/${root}/%`})`;
      await sql`insert into status_months (employee_id, month, units, unit_ix, code, late_band, early_band,
          late_minutes, early_minutes, missing_check_in, missing_check_out, work_location, non_working_day, reasons,
          rulebook_id, computed_ms)
        select e.id, ${`${month}-01`}::date, array[e.unit_id], ${pack(() => '1')}, ${pack((d) => (weekday(d) ? 'H' : 'LIBUR'))},
          ${pack(() => '')}, ${pack(() => '')}, ${pack(() => '0')}, ${pack(() => '0')}, ${pack(() => 'false')},
          ${pack(() => 'false')}, ${pack(() => '')}, ${pack((d) => String(!weekday(d)))}, ${pack(() => '')},
          ${pack(() => 'national')}, ${pack(() => String(Date.now()))}
        from employees e where ${inBench}`.execute(db);
      const y = prev.getUTCFullYear();
      await sql`insert into skp (employee_id, unit_id, year, period_start, period_end, approach, status)
        select e.id, e.unit_id, ${y}, ${`${y}-01-01`}::date, ${`${y}-12-31`}::date, 'KUANTITATIF', 'APPROVED'
        from employees e where ${inBench} on conflict do nothing`.execute(db);
      await sql`insert into skp_rhk (skp_id, kind, seq, text) select s.id, 'UTAMA', 1, 'Tugas pokok' from skp s
        where s.year = ${y} and ${scope}`.execute(db);
      const dates = workDays.map((d) => `${month}-${String(d).padStart(2, '0')}`);
      await sql`insert into daily_reports (employee_id, unit_id, skp_id, rhk_id, report_date, activity, minutes,
          client_id, status, verified_at, created_at)
        select s.employee_id, s.unit_id, s.id, r.id, d::date, 'Kegiatan harian', 300, gen_random_uuid(), 'ACCEPTED',
          d::date + interval '1 day 2 hours', d::date + interval '9 hours'
        from skp s join skp_rhk r on r.skp_id = s.id cross join unnest(${dates}::text[]) as d
        where s.year = ${y} and ${scope}`.execute(db);
      await sql`analyze`.execute(db);
    });
    const total = await sql<{
      n: number;
    }>`select count(*)::int as n from daily_reports where report_date between ${`${month}-01`}::date and ${`${month}-${n}`}::date`.execute(
      db,
    );
    console.log(`  reports stored for ${month}: ${fmt(total.rows[0]!.n)}`);
    const rootPath = `/${root}/`;
    const baseline = await timed('baseline: select employee_id, sum(minutes) … group by', () =>
      sql`select r.employee_id, sum(r.minutes) from daily_reports r
        where r.report_date between ${`${month}-01`}::date and ${`${month}-${n}`}::date and r.status = 'ACCEPTED'
        group by r.employee_id`.execute(db),
    );
    // Where the time goes: each set-based read of the build on its own.
    const repo = createFiguresRepo();
    const scopeB = { unitPath: rootPath };
    const emps2 = await timed('  read: employees of the scope', () =>
      repo.employees(db, scopeB, month, ['PNS', 'CPNS', 'PPPK']),
    );
    await timed('  read: reports per employee-day', () => repo.reportDays(db, scopeB, month));
    await timed('  read: stored day codes (status_months)', () => repo.dayCodes(db, scopeB, month));
    await timed('  read: approved evaluations', () => repo.approvedEvaluations(db, scopeB, month));
    await timed('  read: stored figures', () => repo.stored(db, scopeB, month));
    void emps2;
    const build1 = await timed(`figures of ${fmt(EMPLOYEES)} employees (first build: insert)`, () =>
      db.transaction().execute((trx) => services.kinerja.figures.storeMonth(trx, rootPath, month, null)),
    );
    const build2 = await timed(`figures of ${fmt(EMPLOYEES)} employees (rebuild: upsert)`, () =>
      db.transaction().execute((trx) => services.kinerja.figures.storeMonth(trx, rootPath, month, null)),
    );
    const check = await sql<{ n: number; avg: string }>`select count(*)::int as n, avg(score)::text as avg
      from kinerja_monthly where month = ${month}`.execute(db);
    const target = engine === 'postgres' ? 10 : 30;
    console.log(
      `  stored ${fmt(check.rows[0]!.n)} figures (mean score ${Number(check.rows[0]!.avg).toFixed(4)}); ` +
        `build ${fmt(build1.ms / 1000, 2)} s / ${fmt(build2.ms / 1000, 2)} s = ${fmt(build1.ms / baseline.ms, 1)}× the baseline ` +
        `(${baseline.value.rows.length} groups, ${fmt(baseline.ms / 1000, 2)} s); target ≤ ${target} s: ` +
        (Math.max(build1.ms, build2.ms) <= target * 1000 ? 'MET' : 'NOT MET'),
    );
  } finally {
    for (const c of cleanups) await c().catch((e: Error) => console.error(`cleanup: ${e.message}`));
  }
}

if (argv.includes('--load-worker')) {
  let input = '';
  for await (const c of process.stdin) input += (c as Buffer).toString();
  process.stdout.write(JSON.stringify(await loadWorker(JSON.parse(input) as LoadSpec)));
} else
  for (const e of ENGINE === 'both' ? (['pglite', 'postgres'] as const) : [ENGINE as 'pglite' | 'postgres'])
    await run(e);
