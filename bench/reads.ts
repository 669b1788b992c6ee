/**
 * Benchmark of the reads behind the home pages, the today view and the leaders' views at province scale
 * (issue 13 point 12): each endpoint's median answer time at 10,000 and at 50,000 employees with a year of
 * history, next to a primary-key lookup measured in the same run as the baseline.
 *
 *   npm run bench:reads [-- --engine postgres|pglite] [--sizes 10000,50000] [--months 12] [--reps 7]
 *                          [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
 *                          [--keep] [--load-only]   (keep the loaded PostgreSQL database; stop after loading)
 *                          [--reuse NAME]           (measure on a database kept earlier, nothing loaded)
 *                          [--only REGEX]           (only the endpoints whose label matches)
 *
 * Per size a fresh database (PostgreSQL: created and dropped here; PGlite: a temp data dir), migrated, repo
 * rulebooks synced, then loaded set-based (`insert … select … generate_series`, as bench/recap): ~1,000 units
 * (one OPD in WITA), N employees, `--months` of punches before "now" (Mon 7 Dec 2026 10:00 WIB; each working day
 * a check-in and a check-out with lateness, early leave, absences, ~1 % flagged — most reviewed — and ~0.5 %
 * rejected; today only the check-ins so far), the daily statuses of those months as packed month rows with the
 * same mix, and the monthly recaps stored from them by the recap service, then `vacuum analyze`. Requests go through the
 * real app (`app.inject`: routing, session, validation, serialisation) as BKD over the province, admin OPD of one
 * OPD, a superior with 12 staff and a plain employee. Each endpoint: one cold call, then `--reps` calls; the median
 * is printed with its ratio to the median primary-key lookup (`select … from employees where id = $1`).
 * Target: every read ≤ 1 s at 50,000 employees, its cost following the page asked for, not the table.
 * With `BENCH_LOG_SLOW=ms` PostgreSQL logs every statement slower than that (as in bench/recap).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { fixedClock } from '../src/server/clock.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { addDays } from '../src/core/common/local-date.ts';
import { ANOMALY_KINDS } from '../src/shared/api/dashboard.ts';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import { timed } from './measure.ts';

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
// `npm run bench -- --engine both` passes its engine to every bench: these reads are measured on PostgreSQL then
// (a year of a 50,000-employee province is a production database's load, not the embedded one's).
const ENGINE = (opt('engine', 'postgres') === 'pglite' ? 'pglite' : 'postgres') as 'postgres' | 'pglite';
const SIZES = opt('sizes', '10000,50000').split(',').map(Number);
const MONTHS = Number(opt('months', '12'));
const REPS = Number(opt('reps', '7'));
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
/** "Now": Monday 7 December 2026, 10:00 WIB — the morning's check-ins are in, the check-outs are not. */
const NOW = '2026-12-07T03:00:00Z';
const TODAY = '2026-12-07';
const FROM = `${addMonths('2026-12', -MONTHS)}-01`;
/** The last complete month (the recap page, heatmap, warnings) and the current one. */
const MONTH = '2026-11';
const OPDS = 42;
const UNITS_PER_OPD = 24;
const TARGET_MS = 1000;
/** The bench accounts' password: random per run (the accounts live only in the bench's own database). */
const PASSWORD = randomBytes(18).toString('base64url');

function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  return `${yy}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
}
const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ------------------------------------------------------------------ data
/** The unit tree: a province root, OPDs (the last one in WITA), sub-units under each; go-live at FROM. */
async function loadUnits(db: Db) {
  const root = randomUUID();
  const rows: Record<string, unknown>[] = [
    { id: root, code: 'BENCH', name: 'Provinsi Bench', kind: 'INSTANSI', parentId: null, path: `/${root}/` },
  ];
  const opds: { id: string; path: string }[] = [];
  for (let o = 0; o < OPDS; o++) {
    const id = randomUUID();
    const opdPath = `/${root}/${id}/`;
    const zone = o === OPDS - 1 ? 'Asia/Makassar' : 'Asia/Jakarta';
    opds.push({ id, path: opdPath });
    rows.push({
      id,
      code: `B-OPD${o}`,
      name: `OPD ${o}`,
      kind: 'OPD',
      parentId: root,
      path: opdPath,
      timeZone: zone,
    });
    for (let u = 0; u < UNITS_PER_OPD; u++) {
      const sub = randomUUID();
      rows.push({
        id: sub,
        code: `B-OPD${o}-U${u}`,
        name: `Unit ${o}.${u}`,
        kind: u % 3 === 0 ? 'SEKOLAH' : u % 3 === 1 ? 'UPTD' : 'BIDANG',
        parentId: id,
        path: `${opdPath}${sub}/`,
        timeZone: zone,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('units')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          ...(r as {
            id: string;
            code: string;
            name: string;
            kind: string;
            parentId: string | null;
            path: string;
          }),
          timeZone: (r.timeZone as string | undefined) ?? 'Asia/Jakarta',
          attendanceStart: FROM,
        })),
      )
      .execute();
  return { root, opds };
}

/**
 * Employees and their punches, set-based. Per employee-day on weekdays: ~3 % absent, ~3 % only a check-out,
 * ~5 % only a check-in, ~12 % late (07:31–09:30), ~6 % early out (13:00–15:59), the rest on time; ~1 % of
 * check-ins FLAGGED (reviewed when older than a week, 97 %), ~0.5 % REJECTED. Today: check-ins before 10:00 only.
 */
async function loadPeople(db: Db, n: number) {
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    insert into employees (id, nip, name, gender, employee_type, unit_id, active_from)
    select gen_random_uuid(), '19' || lpad(g::text, 16, '0'), 'Pegawai ' || g,
           case when g % 2 = 0 then 'L' else 'P' end, 'PNS', u.id, date '2020-01-01'
    from generate_series(1, ${n}) g
    join (select id, row_number() over (order by code) - 1 as n from units where kind <> 'INSTANSI') u
      on u.n = g % ${OPDS * (UNITS_PER_OPD + 1)}`.execute(db);
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename = 'punches' and indexname <> 'punches_pkey'`.execute(db);
  for (const i of indexes.rows) await sql`drop index ${sql.ref(i.name)}`.execute(db);
  // The review queue's row triggers are off for the bulk load; the queue is filled in one statement after it.
  await sql`alter table punches disable trigger punches_review_queue`.execute(db);
  await sql`
    insert into punches (employee_id, unit_id, kind, source, occurred_at, received_at, local_date,
                         idempotency_key, body_hash, verdict, place_kind, place_label)
    select x.id, x.unit_id, 'ANY', 'ONLINE', x.at, x.at, x.d, x.key, 'bench', x.verdict, 'OFFICE', 'Kantor'
    from (
      select s0.id, s0.unit_id, s0.d, s0.r, s0.v, s0.zone,
             (s0.d + (case when s0.r < 0.12 then 451 + floor(s0.j1 * 120) else 390 + floor(s0.j1 * 61) end)
               * interval '1 minute') at time zone s0.zone as at_in,
             (s0.d + (case when s0.r >= 0.12 and s0.r < 0.18 then 780 + floor(s0.j2 * 180)
               else 960 + floor(s0.j2 * 91) end) * interval '1 minute') at time zone s0.zone as at_out
      from (
        select e.id, e.unit_id, u.time_zone as zone, d::date as d, random() as r, random() as v,
               random() as j1, random() as j2
        from generate_series(${FROM}::date, ${TODAY}::date, interval '1 day') d
        cross join employees e join units u on u.id = e.unit_id
        where extract(isodow from d) < 6
        offset 0
      ) s0
    ) s
    cross join lateral (values
      (s.at_in, s.d::text || '-in', case when s.v < 0.005 then 'REJECTED' when s.v < 0.015 then 'FLAGGED'
                                          else 'ACCEPTED' end, s.r < 0.97 and not (s.r >= 0.92 and s.r < 0.95)),
      (s.at_out, s.d::text || '-out', 'ACCEPTED',
        s.d < ${TODAY}::date and (s.r < 0.92 or (s.r >= 0.95 and s.r < 0.97)))
    ) as x0(at, key, verdict, keep)
    cross join lateral (select s.id, s.unit_id, s.d, x0.at, x0.key, x0.verdict) x
    where x0.keep and x.at < ${NOW}::timestamptz`.execute(db);
  for (const i of indexes.rows) await sql.raw(i.def).execute(db);
  await sql`alter table punches enable trigger punches_review_queue`.execute(db);
  const [e, p] = await Promise.all([
    db.selectFrom('employees').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('punches').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { employees: Number(e.n), punches: Number(p.n) };
}

/**
 * The daily statuses of the history, set-based: one month row per employee-month written straight into
 * `status_months` in its packed form (src/server/lib/month-rows.ts), with the mix of the punches
 * above — on time ~75 %, late ~12 % (TL1–TL4 by minutes), early ~6 % (PSW), no check-out ~2 %, no check-in ~2 %,
 * TK ~3 %, weekends LIBUR — and reasons of the length the classifier writes; today is not stored yet (the day
 * runs). Then the recap of each month is stored by the recap service from those rows, as the app would.
 */
async function loadStatuses(db: Db) {
  const packed = (expr: string) =>
    sql.raw(`string_agg(case when x.stored then ${expr} else '' end, chr(31) order by x.d)`);
  for (let m = addMonths('2026-12', -MONTHS); m <= '2026-12'; m = addMonths(m, 1)) {
    const first = `${m}-01`;
    const last = addDays(`${addMonths(m, 1)}-01`, -1);
    await sql`
      insert into status_months (employee_id, month, units, unit_ix, code, late_band, early_band, late_minutes,
        early_minutes, missing_check_in, missing_check_out, work_location, non_working_day, reasons, rulebook_id,
        computed_ms, computed_at)
      select x.id, ${first}::date, array[x.unit_id], ${packed("'1'")}, ${packed('x.code')}, ${packed('x.lb')},
        ${packed('x.eb')}, ${packed('x.lm::text')}, ${packed('x.em::text')}, ${packed('x.mci::text')},
        ${packed('x.mco::text')}, ${packed('x.wl')}, ${packed('x.off::text')}, ${packed('x.reason')},
        ${packed("'national'")}, ${packed('(extract(epoch from x.d + 1) * 1000)::bigint::text')}, ${NOW}::timestamptz
      from (
        select y.*,
          case when y.off then 'LIBUR' when y.r < 0.03 then 'TK' else 'H' end as code,
          case when not y.off and y.r >= 0.03 and y.r < 0.15 then
              case when y.m < 31 then 'TL1' when y.m < 61 then 'TL2' when y.m < 91 then 'TL3' else 'TL4' end
            when not y.off and y.r >= 0.23 and y.r < 0.25 then 'TL4' else '' end as lb,
          case when not y.off and y.r >= 0.15 and y.r < 0.21 then
              case when y.m < 31 then 'PSW1' when y.m < 61 then 'PSW2' when y.m < 91 then 'PSW3' else 'PSW4' end
            when not y.off and y.r >= 0.21 and y.r < 0.23 then 'PSW4' else '' end as eb,
          case when not y.off and y.r >= 0.03 and y.r < 0.15 then y.m when not y.off and y.r >= 0.23 and y.r < 0.25
            then 225 else 0 end as lm,
          case when not y.off and y.r >= 0.15 and y.r < 0.21 then y.m when not y.off and y.r >= 0.21 and y.r < 0.23
            then 225 else 0 end as em,
          not y.off and y.r >= 0.23 and y.r < 0.25 as mci,
          not y.off and y.r >= 0.21 and y.r < 0.23 as mco,
          case when y.off or y.r < 0.03 then '' else 'WFO' end as wl,
          case when y.off then 'Akhir pekan'
            when y.r < 0.03 then 'Tidak ada presensi masuk maupun pulang dan tidak ada cuti/izin yang disetujui → TK'
            else 'Masuk 07:' || lpad((y.m % 60)::text, 2, '0') || ' WIB (jadwal 07:30)' || chr(29)
              || 'Pulang 16:' || lpad((y.m % 60)::text, 2, '0') || ' WIB (jadwal 16:00)' end as reason
        from (
          select e.id, e.unit_id, d::date as d, d::date < ${TODAY}::date as stored,
            extract(isodow from d) >= 6 as off, random() as r, 1 + floor(random() * 120)::int as m
          from generate_series(${first}::date, ${last}::date, interval '1 day') d cross join employees e
        ) y
      ) x
      group by x.id, x.unit_id`.execute(db);
  }
}

/** Flagged punches older than a week are mostly reviewed (a reviewer's inbox holds the recent ones). */
async function loadReviews(db: Db) {
  await sql`alter table punch_reviews disable trigger punch_reviews_review_queue`.execute(db);
  await sql`
    insert into punch_reviews (punch_id, decision, note, decided_by)
    select p.id, case when random() < 0.8 then 'ACCEPTED' else 'REJECTED' end, 'bench',
      (select id from users where username = 'bench-bkd')
    from punches p where p.verdict = 'FLAGGED' and p.local_date < ${addDays(TODAY, -7)}::date and random() < 0.97`.execute(
    db,
  );
  await sql`alter table punch_reviews enable trigger punch_reviews_review_queue`.execute(db);
  await sql`insert into review_queue (punch_id)
    select p.id from punches p
    where p.verdict = 'FLAGGED' and not exists (select 1 from punch_reviews r where r.punch_id = p.id)
    on conflict do nothing`.execute(db);
}

/** Accounts: BKD over the province, admin OPD of the first OPD, a superior with 12 staff, a plain employee. */
async function loadAccounts(db: Db, root: string, opd: string) {
  const hash = await hashPassword(PASSWORD);
  const [boss, ...rest] = (
    await sql<{ id: string }>`select id from employees order by nip limit 14`.execute(db)
  ).rows.map((r) => r.id);
  const staff = rest.slice(0, 12);
  const plain = rest[12]!;
  await sql`update employees set superior_id = ${boss!} where id = any(${staff}::uuid[])`.execute(db);
  const users = [
    ['bench-bkd', null],
    ['bench-inspektorat', null],
    ['bench-admin', null],
    ['bench-atasan', boss!],
    ['bench-pegawai', plain],
  ] as const;
  for (const [username, employeeId] of users)
    await db
      .insertInto('users')
      .values({ username, employeeId, displayName: username, passwordHash: hash, mustChangePassword: false })
      .execute();
  const idOf = async (u: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  await db
    .insertInto('roleGrants')
    .values([
      { userId: await idOf('bench-bkd'), role: 'BKD', unitId: root },
      { userId: await idOf('bench-inspektorat'), role: 'INSPEKTORAT', unitId: root },
      { userId: await idOf('bench-admin'), role: 'ADMIN_OPD', unitId: opd },
    ])
    .execute();
}

// ------------------------------------------------------------------ one size
interface Row {
  size: number;
  endpoint: string;
  who: string;
  status: number;
  coldMs: number;
  medianMs: number;
  ratio: number;
}

async function runSize(n: number): Promise<Row[]> {
  console.log(
    `\n=== ${ENGINE === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${n.toLocaleString('en')} employees, ${FROM} … ${TODAY} ===`,
  );
  const cleanups: (() => Promise<unknown>)[] = [];
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  const reuse = opt('reuse', '');
  if (reuse) databaseUrl = withDatabase(PG_URL, reuse);
  else if (ENGINE === 'postgres') {
    const name = `abdi_bench_reads_${randomBytes(5).toString('hex')}`;
    await adminQuery(PG_URL, `create database ${name}`);
    if (process.env.BENCH_LOG_SLOW)
      await adminQuery(
        PG_URL,
        `alter database ${name} set log_min_duration_statement = ${Number(process.env.BENCH_LOG_SLOW)}`,
      );
    if (!argv.includes('--keep'))
      cleanups.push(() => adminQuery(PG_URL, `drop database if exists ${name} with (force)`));
    else console.log(`keeping database ${name}`);
    databaseUrl = withDatabase(PG_URL, name);
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-reads-'));
    cleanups.push(() => rm(dataDir!, { recursive: true, force: true }));
  }
  const handle = await createDatabase({ databaseUrl, dataDir, poolSize: 4 });
  cleanups.unshift(() => handle.close());
  const rows: Row[] = [];
  try {
    const db = handle.db;
    if (!reuse) await migrateToLatest(db);
    const clock = fixedClock(NOW);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', WEB_DIST_DIR: './.no-web' });
    const { app, services } = await buildApp({ config, db, clock });
    cleanups.unshift(() => app.close());
    await services.rulebooks.syncRepoRulebooks();

    // ---- load (unless an existing bench database is reused: `--reuse name`, kept by an earlier `--keep`)
    const opds = reuse
      ? (await sql<{ id: string }>`select id from units where kind = 'OPD' order by code limit 1`.execute(db))
          .rows
      : await load();
    async function load() {
      const [{ root, opds }, unitMs] = await timed(() => loadUnits(db));
      const [counts, loadMs] = await timed(() => loadPeople(db, n));
      await loadAccounts(db, root, opds[0]!.id);
      await loadReviews(db);
      console.log(
        `load: ${counts.employees.toLocaleString('en')} employees, ${counts.punches.toLocaleString('en')} punches in ${fmtMs(unitMs + loadMs)}`,
      );
      const [, statusMs] = await timed(async () => {
        await loadStatuses(db);
        for (let m = addMonths('2026-12', -MONTHS); m <= '2026-12'; m = addMonths(m, 1))
          await services.recap.storeMonth(m);
      });
      const st = await sql<{ months: number; recaps: number }>`
      select (select count(*) from status_months)::int as months, (select count(*) from monthly_recaps)::int as recaps`.execute(
        db,
      );
      console.log(
        `statuses: ${st.rows[0]!.months.toLocaleString('en')} employee-months, ${st.rows[0]!.recaps.toLocaleString('en')} recap rows in ${fmtMs(statusMs)}`,
      );
      await sql`vacuum analyze`.execute(db);
      if (ENGINE === 'postgres') await sql`checkpoint`.execute(db);
      return opds;
    }

    if (argv.includes('--load-only')) return rows;

    // ---- clients
    const login = async (identifier: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${identifier}: ${res.statusCode} ${res.body}`);
      return `abdi_session=${res.cookies.find((c) => c.name === 'abdi_session')!.value}`;
    };
    const who = {
      bkd: await login('bench-bkd'),
      inspektorat: await login('bench-inspektorat'),
      admin: await login('bench-admin'),
      atasan: await login('bench-atasan'),
      pegawai: await login('bench-pegawai'),
    };
    const anyEmployee = (
      await db
        .selectFrom('users')
        .select('employeeId')
        .where('username', '=', 'bench-pegawai')
        .executeTakeFirstOrThrow()
    ).employeeId!;
    const lastPage = Math.max(1, Math.ceil(n / 50));

    // ---- baseline: a primary-key lookup on the same database, same pool
    const pk = async () => {
      await sql`select id, name, unit_id from employees where id = ${anyEmployee}`.execute(db);
    };
    await pk();
    const pkTimes: number[] = [];
    for (let i = 0; i < Math.max(REPS, 15); i++) pkTimes.push((await timed(pk))[1]);
    const base = median(pkTimes);
    console.log(`baseline: primary-key lookup median ${fmtMs(base)}`);

    const endpoints: [string, keyof typeof who, string][] = [
      ['today (province)', 'bkd', '/api/today?pageSize=50'],
      ['today (province, LATE, name)', 'bkd', '/api/today?status=LATE&q=pegawai%201&pageSize=50'],
      ['today/units (OPDs)', 'bkd', '/api/today/units'],
      ['today/units (drill into an OPD)', 'bkd', `/api/today/units?parentId=${opds[0]!.id}`],
      ['today export CSV (one OPD)', 'admin', '/api/today/export.csv'],
      ['today (one OPD)', 'admin', '/api/today?pageSize=50'],
      ['today (staff)', 'atasan', '/api/today'],
      ['recap/units page 1', 'bkd', `/api/recap/units?month=${MONTH}&pageSize=50`],
      ['recap/units last page', 'bkd', `/api/recap/units?month=${MONTH}&pageSize=50&page=${lastPage}`],
      ['recap/units search', 'bkd', `/api/recap/units?month=${MONTH}&pageSize=50&q=pegawai%2012`],
      ['recap/units (staff)', 'atasan', `/api/recap/units?month=${MONTH}`],
      ['recap heatmap', 'bkd', `/api/recap/charts/heatmap?month=${MONTH}`],
      ['recap trend (6 months)', 'bkd', `/api/recap/charts/trend?month=${MONTH}`],
      ['recap codes', 'bkd', `/api/recap/charts/codes?month=${MONTH}`],
      ['recap warnings', 'bkd', `/api/recap/warnings?month=${MONTH}`],
      ['recap closing status (OPD)', 'admin', `/api/recap/closing?unitId=${opds[0]!.id}&month=${MONTH}`],
      ['punch list page 1', 'bkd', '/api/attendance/punches?pageSize=50'],
      ['punch list page 100', 'bkd', '/api/attendance/punches?pageSize=50&page=100'],
      ['punch list (one OPD)', 'admin', '/api/attendance/punches?pageSize=50'],
      ['review badge (admin OPD)', 'admin', '/api/attendance/reviews/count'],
      ['review badge (superior)', 'atasan', '/api/attendance/reviews/count'],
      ['review inbox (admin OPD)', 'admin', '/api/attendance/reviews?pageSize=20'],
      ['home (BKD)', 'bkd', '/api/dashboard/home'],
      ['home (admin OPD)', 'admin', '/api/dashboard/home'],
      ['home (superior)', 'atasan', '/api/dashboard/home'],
      ['home (employee)', 'pegawai', '/api/dashboard/home'],
      ['home (Inspektorat)', 'inspektorat', '/api/dashboard/home'],
      ...ANOMALY_KINDS.map(
        (k) =>
          [`anomalies: ${k}`, 'inspektorat', `/api/dashboard/anomalies/${k}?pageSize=20`] as [
            string,
            'inspektorat',
            string,
          ],
      ),
      ['notification bell (employee)', 'pegawai', '/api/notifications/unread-count'],
      ['notifications (superior)', 'atasan', '/api/notifications?pageSize=20'],
      ['my recap (employee)', 'pegawai', `/api/recap/employee?employeeId=${anyEmployee}&month=${MONTH}`],
    ];
    const only = opt('only', '');
    for (const [label, role, url] of endpoints) {
      if (only && !new RegExp(only).test(label)) continue;
      const call = async () => app.inject({ method: 'GET', url, headers: { cookie: who[role] } });
      const [first, coldMs] = await timed(call);
      const times: number[] = [];
      for (let i = 0; i < REPS; i++) times.push((await timed(call))[1]);
      const med = median(times);
      rows.push({
        size: n,
        endpoint: label,
        who: role,
        status: first.statusCode,
        coldMs,
        medianMs: med,
        ratio: med / base,
      });
      console.log(
        `${label.padEnd(36)} ${String(first.statusCode).padEnd(4)} cold ${fmtMs(coldMs).padStart(9)}  median ${fmtMs(med).padStart(9)}  ` +
          `= ${(med / base).toFixed(0).padStart(6)}× pk  ${med <= TARGET_MS ? '' : 'OVER 1 s'}`,
      );
    }
  } finally {
    for (const c of cleanups)
      await c().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
  }
  return rows;
}

const all: Row[] = [];
for (const n of SIZES) all.push(...(await runSize(n)));
if (SIZES.length > 1) {
  console.log('\nmedian per endpoint and size (growth = largest ÷ smallest; 5× employees):');
  const small = SIZES[0]!;
  const large = SIZES[SIZES.length - 1]!;
  const by = (size: number, e: string) => all.find((r) => r.size === size && r.endpoint === e);
  const table = [...new Set(all.map((r) => r.endpoint))].map((e) => ({
    endpoint: e,
    [`${small}`]: fmtMs(by(small, e)?.medianMs ?? NaN),
    [`${large}`]: fmtMs(by(large, e)?.medianMs ?? NaN),
    growth: `${((by(large, e)?.medianMs ?? NaN) / (by(small, e)?.medianMs ?? NaN)).toFixed(1)}×`,
    [`× pk @${large}`]: (by(large, e)?.ratio ?? NaN).toFixed(0),
  }));
  console.table(table);
}
const bad = all.filter((r) => r.status >= 400 || r.medianMs > TARGET_MS);
console.log(
  bad.length === 0
    ? 'PASS'
    : `FAIL: ${bad.map((r) => `${r.endpoint} @${r.size} (${r.status}, ${fmtMs(r.medianMs)})`).join('; ')}`,
);
process.exitCode = bad.length === 0 ? 0 : 1;
