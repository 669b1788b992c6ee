/**
 * Punches partitioned by month, measured on a simulated table against the plain table (issue 20 point 8,
 * docs/scaling.md).
 *
 *   npm run bench:partitions [-- --rows 100000000] [--employees 70000] [--months 24] [--samples 2000]
 *                                [--pg-url postgresql://postgres@127.0.0.1:5432/postgres] [--keep] [--force]
 *
 * On a database it creates (and drops at the end, also on failure, unless --keep) on the local PostgreSQL, after
 * the app's migrations, it builds two simulated punch tables with the columns, defaults and checks of the real
 * `punches` (`like punches`) and the same indexes (read from the migrated `punches`, so they follow the migrations):
 *   sim_plain — one table, as today;
 *   sim_part  — natively partitioned by month: `partition by range (local_date)`, one partition per month and a
 *               default one. Every unique index must contain the partition key, so the primary key becomes
 *               (id, local_date) and the idempotency index (employee_id, idempotency_key, local_date).
 * Both get the same rows (`--rows`, default 100 M, over `--employees` × `--months` months from January 2025:
 * check-in, check-out and a share of third punches on working days, apel, QR, terminal and offline punches, 1.5 %
 * flagged and 1 % rejected), written by one `insert … select … generate_series` per month into both tables at
 * once (`with g as (insert into sim_plain … returning *) insert into sim_part select * from g`). The tables are
 * UNLOGGED (no WAL on a shared cluster: loading is faster than on a real one, reads are the same) and their
 * indexes are built after the load; then `vacuum analyze`, as autovacuum would have done in production.
 *
 * Measured, both tables, same run (the plain table is the baseline; ratios partitioned/plain are printed):
 *   (a) the check-in's reads of `punchContext` (attendance-repo.ts): the latest counted punch of an employee
 *       (`… where employee_id = $1 and verdict <> 'REJECTED' order by occurred_at desc limit 1`) and the punch
 *       already stored under an idempotency key, p50/p99 over `--samples` random employees, warm (a first pass
 *       not counted); and the latest-punch read bounded by date (`and local_date >= $2`, the change that lets
 *       the planner skip old partitions);
 *   (b) the month build's read (status-repo.ts `punchInstants`) of the last full month for every employee, in
 *       the status service's batches of 1,500 employees, each run from two days before to two days after the
 *       month: wall time, sequential batches, a first pass and a warm second one;
 *   (c) the check-in's insert (`insert … on conflict (idempotency key) do nothing`), p50/p99;
 *   (d) sizes (heap and indexes);
 *   (e) retention: removing the oldest month — `delete` from the plain table against `detach partition` + `drop
 *       table` of the partitioned one.
 * Disk: before the load it estimates what both tables need (bytes per row measured on this script's rows) and
 * refuses when the data directory's file system has less than that free (unless --force); during the load it
 * stops when less than 5 GB remain.
 */
import { createHash, randomBytes } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import { quantile, timed } from './measure.ts';

const argv = process.argv.slice(2);
const ROWS = Number(opt('rows', '100000000'));
const EMPLOYEES_ASKED = Number(opt('employees', '70000'));
const MONTHS = Number(opt('months', '24'));
const SAMPLES = Number(opt('samples', '2000'));
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
for (const [name, v] of Object.entries({
  rows: ROWS,
  employees: EMPLOYEES_ASKED,
  months: MONTHS,
  samples: SAMPLES,
}))
  if (!Number.isInteger(v) || v <= 0)
    throw new Error(`--${name} harus bilangan bulat positif (diberikan: ${v})`);
if (MONTHS < 3) throw new Error('--months minimal 3 (bulan tertua dilepas, bulan penuh terakhir dibaca)');
/**
 * Punches per employee and working day in the default run (100 M over 70,000 employees × 24 months): check-in,
 * check-out and ~80 % of a third punch. A smaller --rows keeps that density (and the 24 monthly partitions) and
 * takes fewer employees, so that a quick run still looks like the real history of a smaller region.
 */
const PER_DAY = 2.74;
let EMPLOYEES = EMPLOYEES_ASKED;
let UNITS = 1; // ~70 employees per unit (1,000 units for 70,000), set in main()
const BATCH_EMPLOYEES = 1_500; // the status service's default batch (status-service.ts)
const FIRST_MONTH = '2025-01-01';
/**
 * Bytes per row of both tables together, heap and indexes, measured by this script (the sizes of a 10 M-row run:
 * ~330 B of heap and ~290 B of indexes per row and table). Used only to refuse a run that cannot fit on the disk.
 */
const BYTES_PER_ROW_BOTH = 1_250;
const MIN_FREE_BYTES = 5 * 1024 ** 3;

const GB = 1024 ** 3;
const fmtGB = (b: number) => `${(b / GB).toFixed(2)} GB`;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtMs = (ms: number) => `${ms.toFixed(2)} ms`;
/** The uuid the generator gives employee n (md5 of 'e' || n, as `md5(…)::uuid` in SQL). */
function employeeId(n: number) {
  const h = createHash('md5').update(`e${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const monthStart = (i: number) => {
  const d = new Date(`${FIRST_MONTH}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + i);
  return d.toISOString().slice(0, 10);
};
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** Working days (Monday–Friday) of all the generated months, to spread --rows over them. */
function workingDays() {
  let n = 0;
  for (let d = monthStart(0); d < monthStart(MONTHS); d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

async function freeBytes(c: pg.Client) {
  const dir = (await c.query<{ d: string }>('select current_setting($1) as d', ['data_directory'])).rows[0]!
    .d;
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/**
 * One month of punches into both tables. Per employee and working day: a check-in and a check-out (each kept
 * 97 % of the time), a third punch with probability `extra` (apel QR, a field visit, a retry), so that the
 * months add up to --rows. WIB times around 07:00 and 16:00; sources and verdicts in realistic shares.
 */
function monthInsert(from: string, to: string, extra: number) {
  return `
    with g as (
      insert into sim_plain (id, employee_id, unit_id, kind, source, occurred_at, received_at, local_date,
        idempotency_key, body_hash, lat, lon, accuracy_m, provider, mock_location, device_id, photo_hash, network,
        app_version, place_kind, place_id, place_label, distance_m, offline, kiosk_session_id, qr_window,
        apel_session_id, terminal_serial, verdict, reasons)
      select gen_random_uuid(), md5('e' || e)::uuid, md5('u' || (e % ${UNITS}))::uuid,
        case k when 1 then 'IN' when 2 then 'OUT' else 'ANY' end,
        case when r < 0.80 then 'ONLINE' when r < 0.88 then 'QR' when r < 0.96 then 'TERMINAL' else 'OFFLINE' end,
        at, at + (case when r >= 0.96 then interval '3 hours' else interval '300 milliseconds' end),
        d, gen_random_uuid()::text, md5(e::text || at::text) || md5(at::text),
        case when r < 0.80 or r >= 0.96 then -6.2 + (e % 997) * 0.0001 end,
        case when r < 0.80 or r >= 0.96 then 106.8 + (e % 991) * 0.0001 end,
        case when r < 0.80 or r >= 0.96 then 5 + r * 20 end,
        case when r < 0.80 or r >= 0.96 then 'gps' end,
        case when r < 0.80 or r >= 0.96 then false end,
        case when r < 0.80 or r >= 0.96 then md5('d' || e)::uuid end,
        case when r < 0.30 then md5('p' || e::text || at::text) end,
        null, case when r < 0.80 or r >= 0.96 then '2.3.1' end,
        case when r < 0.88 then 'OFFICE' end, case when r < 0.88 then md5('o' || (e % ${UNITS}))::uuid end,
        case when r < 0.88 then 'Kantor' end, case when r < 0.80 or r >= 0.96 then r * 80 end,
        case when r >= 0.96 then '{"capturedAt":"device","clockDriftMs":1200}'::jsonb end,
        case when r >= 0.80 and r < 0.88 then md5('k' || (e % ${UNITS}))::uuid end,
        case when r >= 0.80 and r < 0.88 then (extract(epoch from at) / 30)::bigint end,
        case when k = 3 and r < 0.88 then md5('a' || (e % ${UNITS}) || d)::uuid end,
        case when r >= 0.88 and r < 0.96 then 'SN' || (e % ${UNITS}) end,
        case when v < 0.01 then 'REJECTED' when v < 0.025 then 'FLAGGED' else 'ACCEPTED' end,
        case when v < 0.025 then '["OUTSIDE_ALLOWED_PLACE"]'::jsonb else '[]'::jsonb end
      from (
        select e, d::date as d, k, random() as r, random() as v, random() as keep,
          (d::date + (case k when 1 then 390 + floor(random() * 90) when 2 then 960 + floor(random() * 90)
                      else 420 + floor(random() * 480) end) * interval '1 minute') at time zone 'Asia/Jakarta' as at
        from generate_series(date '${from}', date '${to}' - 1, interval '1 day') d
        cross join generate_series(1, ${EMPLOYEES}) e
        cross join generate_series(1, 3) k
        where extract(isodow from d) < 6
      ) s
      -- Outside the subquery: a qual on random() that names only k would be pushed down to the 3-row
      -- generate_series and drawn once per k for the whole month. A volatile output column is drawn per row.
      where s.keep < case s.k when 3 then ${extra} else 0.97 end
      returning *
    )
    insert into sim_part select * from g`;
}

/** The indexes of the migrated `punches`, rewritten for a simulated table (partition key added to uniques). */
async function indexDefs(c: pg.Client, table: 'sim_plain' | 'sim_part') {
  const r = await c.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename = 'punches'
     order by indexname`,
  );
  return r.rows.map(({ name, def }) => {
    let d = def
      .replace(
        `INDEX ${name} ON public.punches `,
        `INDEX ${name.replace(/^punches/, table)} ON public.${table} `,
      )
      .replace(/^CREATE UNIQUE INDEX punches_pkey/, `CREATE UNIQUE INDEX ${table}_pkey`);
    if (table === 'sim_part' && d.startsWith('CREATE UNIQUE INDEX'))
      d = d.replace(/\(([^)]*)\)/, '($1, local_date)');
    return d;
  });
}

async function main() {
  const name = `abdi_bench_partitions_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(PG_URL, name);
  const keep = argv.includes('--keep');
  const t0 = performance.now();
  await adminQuery(PG_URL, `create database ${name}`);
  console.log(`database ${name}${keep ? ' (kept)' : ''}`);
  const c = new pg.Client({ connectionString: url });
  // Interrupted (Ctrl-C): drop the database all the same, the tables can take tens of GB.
  process.once('SIGINT', () => {
    console.error('interrupted: dropping the database');
    void adminQuery(PG_URL, `drop database if exists ${name} with (force)`).finally(() => process.exit(130));
  });
  try {
    const handle = await createDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    await c.connect();
    await c.query(`set maintenance_work_mem = '1GB'`);

    const free = await freeBytes(c);
    const need = ROWS * BYTES_PER_ROW_BOTH;
    console.log(
      `disk: ${fmtGB(free)} free on the data directory, ~${fmtGB(need)} needed for ${ROWS.toLocaleString('en')} rows × 2 tables`,
    );
    if (need > free - MIN_FREE_BYTES && !argv.includes('--force'))
      throw new Error(
        `Ruang disk tidak cukup: perlu ~${fmtGB(need)} untuk dua tabel, tersedia ${fmtGB(free)} (sisakan 5 GB). ` +
          'Kecilkan --rows atau pakai --force.',
      );

    // ---- tables
    await c.query(`create unlogged table sim_plain (like punches including defaults including constraints)`);
    await c.query(
      `create table sim_part (like punches including defaults including constraints) partition by range (local_date)`,
    );
    for (let i = 0; i < MONTHS + 1; i++) {
      const from = monthStart(i);
      await c.query(
        `create unlogged table sim_part_${from.slice(0, 7).replace('-', '_')} partition of sim_part
         for values from ('${from}') to ('${monthStart(i + 1)}')`,
      );
    }
    await c.query(`create unlogged table sim_part_default partition of sim_part default`);

    // ---- load: one statement per month into both tables
    EMPLOYEES = Math.max(1, Math.min(EMPLOYEES_ASKED, Math.round(ROWS / (workingDays() * PER_DAY))));
    UNITS = Math.max(1, Math.round(EMPLOYEES / 70));
    const extra = Math.min(1, Math.max(0, ROWS / (EMPLOYEES * workingDays()) - 2 * 0.97));
    console.log(
      `load: ${EMPLOYEES.toLocaleString('en')} employees in ${UNITS} units, ${MONTHS} months from ${FIRST_MONTH}, ` +
        `2 × 97 % + ${(extra * 100).toFixed(0)} % punches per working day`,
    );
    let loaded = 0;
    const [, loadMs] = await timed(async () => {
      for (let i = 0; i < MONTHS; i++) {
        const [r, ms] = await timed(() => c.query(monthInsert(monthStart(i), monthStart(i + 1), extra)));
        loaded += r.rowCount ?? 0;
        const left = await freeBytes(c);
        console.log(
          `  ${monthStart(i).slice(0, 7)}: ${(r.rowCount ?? 0).toLocaleString('en')} rows in ${fmtS(ms)} ` +
            `(${loaded.toLocaleString('en')} so far, ${fmtS(performance.now() - t0)} elapsed, ${fmtGB(left)} free)`,
        );
        if (left < MIN_FREE_BYTES) throw new Error(`Ruang disk tinggal ${fmtGB(left)}: pemuatan dihentikan.`);
      }
    });
    const idx: Record<string, number> = {};
    for (const table of ['sim_plain', 'sim_part'] as const) {
      const [, ms] = await timed(async () => {
        for (const d of await indexDefs(c, table)) await c.query(d);
      });
      idx[table] = ms;
      console.log(`  indexes of ${table}: ${fmtS(ms)}`);
    }
    const [, vacMs] = await timed(() => c.query('vacuum analyze sim_plain, sim_part'));
    console.log(
      `loaded ${loaded.toLocaleString('en')} rows per table in ${fmtS(loadMs)}; indexes ${fmtS(idx.sim_plain!)} ` +
        `(plain) / ${fmtS(idx.sim_part!)} (partitioned); vacuum analyze ${fmtS(vacMs)}`,
    );

    const results: { what: string; plain: number; part: number; unit: string }[] = [];
    const add = (what: string, plain: number, part: number, unit: string) =>
      results.push({ what, plain, part, unit });

    // ---- (d) sizes (before the measurements add rows)
    const sizes = async (table: string) => {
      const r = await c.query<{ heap: string; idx: string }>(
        `select sum(pg_table_size(t.r))::bigint as heap, sum(pg_indexes_size(t.r))::bigint as idx
         from (select relid as r from pg_partition_tree($1::regclass) union select $1::regclass) t`,
        [table],
      );
      return { heap: Number(r.rows[0]!.heap), idx: Number(r.rows[0]!.idx) };
    };
    const [sp, sq] = [await sizes('sim_plain'), await sizes('sim_part')];

    // ---- (a) check-in reads
    const today = addDays(monthStart(MONTHS), -1); // "today": the last generated day
    const employees = Array.from({ length: SAMPLES }, () =>
      employeeId(1 + Math.floor(Math.random() * EMPLOYEES)),
    );
    const latest = (t: string) =>
      `select p.occurred_at from ${t} p where p.employee_id = $1 and p.verdict <> 'REJECTED'
       order by p.occurred_at desc limit 1`;
    const latestBounded = (t: string) =>
      `select p.occurred_at from ${t} p where p.employee_id = $1 and p.verdict <> 'REJECTED' and p.local_date >= $2
       order by p.occurred_at desc limit 1`;
    const existing = (t: string) =>
      `select json_build_object('id', p.id, 'bodyHash', p.body_hash) from ${t} p
       where p.employee_id = $1 and p.idempotency_key = $2`;
    async function readLatencies(label: string, q: (t: string) => string, params: (e: string) => unknown[]) {
      const out: Record<string, number[]> = {};
      for (const t of ['sim_plain', 'sim_part']) {
        const stmt = { name: `${label}_${t}`, text: q(t) };
        for (const e of employees) await c.query({ ...stmt, values: params(e) }); // warm-up, not counted
        const ms: number[] = [];
        for (const e of employees) {
          const s = performance.now();
          await c.query({ ...stmt, values: params(e) });
          ms.push(performance.now() - s);
        }
        out[t] = ms;
      }
      for (const [qn, qq] of [
        ['p50', 0.5],
        ['p99', 0.99],
      ] as const)
        add(`(a) ${label} ${qn}`, quantile(out.sim_plain!, qq), quantile(out.sim_part!, qq), 'ms');
    }
    await readLatencies('latest punch', latest, (e) => [e]);
    await readLatencies('idempotency key', existing, (e) => [e, randomBytes(16).toString('hex')]);
    await readLatencies('latest punch, local_date >= today-2', latestBounded, (e) => [e, addDays(today, -2)]);
    const plan = async (t: string) =>
      (
        await c.query<{ 'QUERY PLAN': string }>(
          `explain (costs off) ${latest(t).replace('$1', `'${employees[0]}'`)}`,
        )
      ).rows
        .map((r) => r['QUERY PLAN'])
        .filter((l) => /Index (Only )?Scan/.test(l)).length;
    const planBounded = async (t: string) =>
      (
        await c.query<{ 'QUERY PLAN': string }>(
          `explain (costs off) ${latestBounded(t)
            .replace('$1', `'${employees[0]}'`)
            .replace('$2', `'${addDays(today, -2)}'`)}`,
        )
      ).rows
        .map((r) => r['QUERY PLAN'])
        .filter((l) => /Index (Only )?Scan/.test(l)).length;
    add('(a) latest punch: index scans in the plan', await plan('sim_plain'), await plan('sim_part'), 'n');
    add(
      '(a) bounded: index scans in the plan',
      await planBounded('sim_plain'),
      await planBounded('sim_part'),
      'n',
    );

    // ---- (b) the month build's read of the last full month, the whole province
    const month = monthStart(MONTHS - 1);
    const [mFrom, mTo] = [addDays(month, -2), addDays(monthStart(MONTHS), 1)];
    const monthRead = (t: string) => `
      select p.employee_id, string_agg(round(date_part('epoch', p.occurred_at) * 1000)::bigint::text, ','
        order by p.occurred_at) as ms
      from unnest($1::uuid[], $2::date[], $3::date[]) as k(e, f, t)
      join ${t} p on p.employee_id = k.e and p.local_date between k.f and k.t
      left join punch_reviews r on r.punch_id = p.id
      where coalesce(r.decision, p.verdict) <> 'REJECTED'
      group by p.employee_id`;
    const all = Array.from({ length: EMPLOYEES }, (_, i) => employeeId(i + 1));
    async function monthBuild(t: string) {
      let punches = 0;
      const [, ms] = await timed(async () => {
        for (let i = 0; i < all.length; i += BATCH_EMPLOYEES) {
          const ids = all.slice(i, i + BATCH_EMPLOYEES);
          const r = await c.query<{ ms: string }>(monthRead(t), [
            ids,
            ids.map(() => mFrom),
            ids.map(() => mTo),
          ]);
          for (const row of r.rows) punches += row.ms.split(',').length;
        }
      });
      return { ms, punches };
    }
    const b1 = { plain: await monthBuild('sim_plain'), part: await monthBuild('sim_part') };
    const b2 = { part: await monthBuild('sim_part'), plain: await monthBuild('sim_plain') };
    if (b1.plain.punches !== b1.part.punches)
      throw new Error(`month read differs: ${b1.plain.punches} vs ${b1.part.punches} punches`);
    add(`(b) month build read ${month.slice(0, 7)}, first pass`, b1.plain.ms, b1.part.ms, 'ms');
    add(`(b) month build read ${month.slice(0, 7)}, warm`, b2.plain.ms, b2.part.ms, 'ms');

    // ---- (c) the check-in's insert
    const insertLat: Record<string, number[]> = {};
    for (const t of ['sim_plain', 'sim_part']) {
      const conflict =
        t === 'sim_part' ? '(employee_id, idempotency_key, local_date)' : '(employee_id, idempotency_key)';
      const stmt = {
        name: `insert_${t}`,
        text: `insert into ${t} (employee_id, unit_id, kind, source, occurred_at, received_at, local_date,
                 idempotency_key, body_hash, verdict)
               values ($1, $2, 'ANY', 'ONLINE', now(), now(), $3, $4, 'bench', 'ACCEPTED')
               on conflict ${conflict} do nothing returning id`,
      };
      const ms: number[] = [];
      for (const e of employees) {
        const s = performance.now();
        await c.query({ ...stmt, values: [e, e, today, randomBytes(16).toString('hex')] });
        ms.push(performance.now() - s);
      }
      insertLat[t] = ms.slice(Math.floor(ms.length / 10)); // the first tenth warms the plan and the pages
    }
    add(
      '(c) check-in insert p50',
      quantile(insertLat.sim_plain!, 0.5),
      quantile(insertLat.sim_part!, 0.5),
      'ms',
    );
    add(
      '(c) check-in insert p99',
      quantile(insertLat.sim_plain!, 0.99),
      quantile(insertLat.sim_part!, 0.99),
      'ms',
    );

    add('(d) heap size', sp.heap / GB, sq.heap / GB, 'GB');
    add('(d) index size', sp.idx / GB, sq.idx / GB, 'GB');
    add('(d) indexes built after load', idx.sim_plain!, idx.sim_part!, 'ms');

    // ---- (e) retention: the oldest month out
    const oldest = monthStart(0);
    const [del, delMs] = await timed(() =>
      c.query(`delete from sim_plain where local_date >= $1 and local_date < $2`, [oldest, monthStart(1)]),
    );
    const oldPart = `sim_part_${oldest.slice(0, 7).replace('-', '_')}`;
    const [, detachMs] = await timed(async () => {
      await c.query(`alter table sim_part detach partition ${oldPart}`);
      await c.query(`drop table ${oldPart}`);
    });
    add(
      `(e) remove ${oldest.slice(0, 7)} (${(del.rowCount ?? 0).toLocaleString('en')} rows)`,
      delMs,
      detachMs,
      'ms',
    );
    const [, vacDelMs] = await timed(() => c.query('vacuum sim_plain'));
    add('(e) vacuum after the removal (partitioned: none needed)', vacDelMs, 0, 'ms');

    // ---- report
    console.log(
      `\n${loaded.toLocaleString('en')} rows per table, ${EMPLOYEES.toLocaleString('en')} employees, ${MONTHS} months; ` +
        `${SAMPLES.toLocaleString('en')} samples; total ${fmtS(performance.now() - t0)}\n`,
    );
    const w = Math.max(...results.map((r) => r.what.length));
    const num = (v: number, unit: string) =>
      unit === 'ms' ? (v >= 1000 ? fmtS(v) : fmtMs(v)) : unit === 'GB' ? fmtGB(v * GB) : String(v);
    console.log(
      `${'measure'.padEnd(w)} | ${'plain'.padStart(10)} | ${'partitioned'.padStart(11)} | part/plain`,
    );
    console.log(`${'-'.repeat(w)}-|-${'-'.repeat(10)}-|-${'-'.repeat(11)}-|-----------`);
    for (const r of results)
      console.log(
        `${r.what.padEnd(w)} | ${num(r.plain, r.unit).padStart(10)} | ${num(r.part, r.unit).padStart(11)} | ` +
          `${r.plain > 0 ? (r.part / r.plain).toFixed(2) : '—'}`,
      );
  } finally {
    await c.end().catch(() => undefined);
    if (!keep) await adminQuery(PG_URL, `drop database if exists ${name} with (force)`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
