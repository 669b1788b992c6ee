/**
 * Benchmark of the monthly TPP run (issue 17 point 8): a run for a whole generated province from stored recaps,
 * kinerja figures and sanctions, against a baseline measured in the same run on the same database.
 *
 *   npm run bench:tpp [-- --engine postgres|pglite|both] [--employees 50000]
 *                        [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
 *
 * Each engine gets a fresh database, migrated, with the repo rulebooks synced. Setup (not timed): the province of
 * bench/province.ts (N employees in ~1,000 units, their January 2026 punches), one position per unit and kind
 * (pelaksana kelas 5, JF ahli pertama kelas 8, pengawas kelas 9), the daily statuses built from the punches by the
 * status service (as the app stores them), a frozen kinerja figure per employee (scores 0.70–1.00), January closed
 * for the province. Timed:
 *   - the run: `tpp.runs.compute` of the whole province for January (gather every input, compute every line,
 *     store the run and its lines with their breakdowns and input snapshots, one transaction);
 *   - baseline: a plain `insert … select` of the same number of result rows (amount columns and a small jsonb)
 *     into a table with a primary key;
 *   - floor: storing the run's own lines alone (read back into memory first, not timed) through the same 500-row
 *     inserts in one transaction into a copy of the table: what any run storing these lines pays at least.
 * Targets (issue 17): ≤ 5 s on PostgreSQL, ≤ 15 s on PGlite for 50,000 employees (2-core machine); on this machine
 * the floor alone is above them (docs/tpp.md "Performance").
 * BENCH_KEEP_DB=1 keeps the PostgreSQL database (its name printed) to look at the stored lines afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../src/server/auth/authz.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildServices } from '../src/server/app.ts';
import { fixedClock } from '../src/server/clock.ts';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import { loadProvince, loadUnits } from './province.ts';
import { timed } from './measure.ts';

const ENGINE = opt('engine', 'both');
if (!['pglite', 'postgres', 'both'].includes(ENGINE)) throw new Error('--engine pglite|postgres|both');
const EMPLOYEES = Number(opt('employees', '50000'));
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
const MONTH = '2026-01';
const PROVINCE = { employees: EMPLOYEES, opds: 42, unitsPerOpd: 24, from: '2026-01-01', to: '2026-01-31' };
/** "Now": 10 Feb 2026, 10:00 WIB — January is complete and closed. */
const NOW = '2026-02-10T03:00:00Z';
const TARGET_S = { postgres: 5, pglite: 15 } as const;

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function runEngine(engine: 'postgres' | 'pglite') {
  console.log(
    `\n=== ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} — TPP run, ${EMPLOYEES.toLocaleString('en')} employees, ${MONTH} ===`,
  );
  const cleanups: (() => Promise<unknown>)[] = [];
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  if (engine === 'postgres') {
    const name = `abdi_bench_tpp_${randomBytes(5).toString('hex')}`;
    await adminQuery(PG_URL, `create database ${name}`);
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`);
    else cleanups.push(() => adminQuery(PG_URL, `drop database if exists ${name} with (force)`));
    databaseUrl = withDatabase(PG_URL, name);
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-tpp-'));
    cleanups.push(() => rm(dataDir!, { recursive: true, force: true }));
  }
  const handle = await createDatabase({ databaseUrl, dataDir, poolSize: 4 });
  cleanups.unshift(() => handle.close());
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const clock = fixedClock(NOW);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', WEB_DIST_DIR: './.no-web' });
    const services = buildServices({ config, db, clock });
    await services.rulebooks.syncRepoRulebooks();

    // ---- setup (not timed)
    const t0 = performance.now();
    const units = await loadUnits(db, PROVINCE);
    const root = units.find((u) => u.parentId === null)!;
    const counts = await loadProvince(db, PROVINCE);
    await sql`update units set attendance_start = date '2025-12-01'`.execute(db);
    await sql`
      insert into positions (code, name, kind, kelas_jabatan, unit_id)
      select u.code || '-' || k.kind, k.name, k.kind, k.kelas, u.id
      from units u cross join (values ('PELAKSANA', 'Pelaksana', 5), ('JF_AHLI_PERTAMA', 'Analis Ahli Pertama', 8),
                                      ('PENGAWAS', 'Kepala Subbagian', 9)) k(kind, name, kelas)
      where u.kind <> 'INSTANSI'`.execute(db);
    await sql`
      update employees e set position_id = p.id
      from (select id, unit_id, row_number() over (partition by unit_id order by kind) - 1 as n from positions) p
      where p.unit_id = e.unit_id and p.n = (('x' || substr(md5(e.id::text), 1, 6))::bit(24)::int % 3)`.execute(
      db,
    );
    await services.statuses.recomputeRange(PROVINCE.from, PROVINCE.to);
    const admin = randomUUID();
    await db
      .insertInto('users')
      .values({ id: admin, username: 'bench', displayName: 'Bench BKD', passwordHash: 'x' })
      .execute();
    await db.insertInto('roleGrants').values({ userId: admin, role: 'SUPER_ADMIN', unitId: null }).execute();
    const rulebook = (await services.rulebooks.rulesOn(config.rulebookRegion, '2026-01-31')).meta.id;
    await sql`
      insert into kinerja_monthly (employee_id, month, unit_id, method, score, required_days, explanation,
                                   rulebook_id, computed_at, frozen_at)
      select e.id, ${MONTH}, e.unit_id, 'MENIT', round((0.7 + random() * 0.3)::numeric, 4), 21,
             '[{"status":"FINAL"}]'::jsonb, ${rulebook}, ${NOW}::timestamptz, ${NOW}::timestamptz
      from employees e`.execute(db);
    await db
      .insertInto('monthClosings')
      .values({ unitId: root.id, month: MONTH, closedBy: admin, contentHash: 'bench' })
      .execute();
    await sql`vacuum analyze`.execute(db);
    if (engine === 'postgres') await sql`checkpoint`.execute(db);
    console.log(
      `setup: ${counts.employees.toLocaleString('en')} employees, ${counts.punches.toLocaleString('en')} punches, ` +
        `statuses built, figures stored, ${MONTH} closed in ${fmtS(performance.now() - t0)}`,
    );

    // ---- baseline: the same number of result rows by one plain insert … select
    await sql`create table bench_tpp_scratch (
      run_id uuid not null, employee_id uuid not null, base bigint not null, net bigint not null,
      deductions bigint not null, breakdown jsonb not null, primary key (run_id, employee_id))`.execute(db);
    const [, baseMs] = await timed(() =>
      sql`insert into bench_tpp_scratch
          select ${randomUUID()}::uuid, e.id, 5000000, 4800000, 200000,
                 jsonb_build_object('lines', jsonb_build_array(jsonb_build_object('date', '2026-01-05', 'code', 'TL1')))
          from employees e`.execute(db),
    );

    // ---- the run
    const actor: Actor = {
      userId: admin,
      username: 'bench',
      displayName: 'Bench BKD',
      employeeId: null,
      nip: null,
      grants: [{ role: 'SUPER_ADMIN', unitId: null, unitName: null, unitPath: null }],
      isAtasan: false,
      mustChangePassword: false,
      ip: null,
      userAgent: null,
    };
    const [run, runMs] = await timed(() =>
      services.tpp.runs.compute(actor, { unitId: root.id, month: MONTH }),
    );
    const lines = await db
      .selectFrom('tppRunLines')
      .select([db.fn.countAll<number>().as('n'), db.fn.sum<number>('net').as('net')])
      .where('runId', '=', run.id)
      .executeTakeFirstOrThrow();
    const size = await sql<{ mb: number }>`
      select round(pg_total_relation_size('tpp_run_lines') / 1048576.0, 1)::float as mb`.execute(db);
    // ---- floor: only storing the same lines (rows read back into memory first, not timed), 500 per insert in one
    // transaction as the run does, into a copy of the table (its indexes and compression)
    await sql`create table bench_tpp_store_floor (like tpp_run_lines including all)`.execute(db);
    const stored = await db.selectFrom('tppRunLines').selectAll().where('runId', '=', run.id).execute();
    const floorDb = db as unknown as Kysely<{ benchTppStoreFloor: (typeof stored)[number] }>;
    const [, floorMs] = await timed(() =>
      floorDb.transaction().execute(async (trx) => {
        for (let i = 0; i < stored.length; i += 500)
          await trx
            .insertInto('benchTppStoreFloor')
            .values(stored.slice(i, i + 500))
            .execute();
      }),
    );
    const perLine = await sql<{ inputs: number; breakdown: number }>`
      select round(avg(octet_length(inputs)))::int as inputs, round(avg(octet_length(breakdown)))::int as breakdown
      from tpp_run_lines where run_id = ${run.id}`.execute(db);
    const target = TARGET_S[engine];
    console.log(
      `run: ${Number(lines.n).toLocaleString('en')} lines (net Rp ${Number(lines.net).toLocaleString('id-ID')}) in ` +
        `${fmtS(runMs)}; tpp_run_lines ${size.rows[0]!.mb} MB`,
    );
    console.log(
      `floor: storing the same lines alone (${perLine.rows[0]!.inputs} + ${perLine.rows[0]!.breakdown} bytes of ` +
        `snapshot and explanation per line, rows already in memory): ${fmtS(floorMs)} (${((100 * floorMs) / runMs).toFixed(0)} % of the run)`,
    );
    console.log(
      `baseline insert … select of ${EMPLOYEES.toLocaleString('en')} rows: ${fmtS(baseMs)} → ratio ` +
        `${(runMs / baseMs).toFixed(1)}× ; target ≤ ${target} s: ${runMs <= target * 1000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    for (const c of cleanups) await c().catch((err: unknown) => console.error(err));
  }
}

for (const engine of ENGINE === 'both'
  ? (['postgres', 'pglite'] as const)
  : [ENGINE as 'postgres' | 'pglite'])
  await runEngine(engine);
