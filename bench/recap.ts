/**
 * Benchmark of the daily statuses (src/server/modules/statuses) built from raw punches for a whole province, and
 * of the monthly recap stored from them when the recap service exists.
 *
 *   npm run bench:recap [-- --engine postgres|pglite|both] [--employees 50000] [--reps 20]
 *                          [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
 *                          [--concurrency N] [--batch N]   (default: the status service's batching; PGlite 1)
 *                          [--keep]                        (keep the PostgreSQL database for later runs)
 *
 * Each engine gets a fresh database (PostgreSQL: a database created and dropped here; PGlite: a temp data dir),
 * migrated, with the repo rulebooks synced. It generates a province of N employees in ~1,000 units (WIB) and
 * their punches for January 2026 with `insert … select … generate_series` (on time, late, early, missing
 * check-in or check-out, absent, flagged and rejected punches), every unit live in Abdi from 1 January
 * (`units.attendance_start`: otherwise each day before the unit's creation is "no data" and nothing is built),
 * then times, against baselines measured in the
 * same run on the same database:
 *   (a) full build: `statuses.recomputeRange` of the month from raw punches, stored (≈ N × 31 employee-days),
 *       with the app's `onRecomputed` (each batch's recap rows written in its transaction), as the app runs
 *       it. `recap.storeMonth` (the month's recap again from the stored statuses) is timed after it, for
 *       reference. Baseline: a plain
 *       `insert … select` of the same employee-days into a table of one row per day with a primary key and a
 *       unit index (the layout statuses had before they were stored as month rows, migration 202612010600).
 *   (b) incremental: one new punch on an absent day → `markDirty` → `processQueue` → row updated →
 *       `onRecomputed` (the recap's `refreshEmployeeMonths` when it exists), median and p95 over the reps.
 *       Baseline: one bare single-row upsert into the scratch table.
 * Targets: full build ≤ 10 s on PostgreSQL, ≤ 30 s on PGlite; incremental ≤ 50 ms (2-core machine).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildServices, statusSources } from '../src/server/app.ts';
import { fixedClock } from '../src/server/clock.ts';
import { createStatusRepo } from '../src/server/modules/statuses/status-repo.ts';
import {
  createStatusService,
  type RecomputedListener,
} from '../src/server/modules/statuses/status-service.ts';
import { adminQuery, opt, withDatabase } from './pg-admin.ts';
import { loadProvince, loadUnits } from './province.ts';
import { quantile, timed } from './measure.ts';

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const ENGINE = opt('engine', 'both');
if (!['pglite', 'postgres', 'both'].includes(ENGINE)) throw new Error('--engine pglite|postgres|both');
const EMPLOYEES = Number(opt('employees', '50000'));
const REPS = Number(opt('reps', '20'));
const PG_URL = opt(
  'pg-url',
  process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres',
);
const MONTH = '2026-01';
const FROM = '2026-01-01';
const TO = '2026-01-31';
/** "Now": 10 Feb 2026, 10:00 WIB — January is complete. */
const NOW = '2026-02-10T03:00:00Z';
const PROVINCE = { employees: EMPLOYEES, opds: 42, unitsPerOpd: 24, from: FROM, to: TO };
const TARGET_FULL_S = { postgres: 10, pglite: 30 } as const;
const TARGET_INCREMENTAL_MS = 50;

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtMs = (ms: number) => `${ms.toFixed(1)} ms`;

/** Busy and total CPU time of the whole machine (all processes, /proc/stat), since `since` when given. */
function machineCpu(since?: { busyMs: number; totalMs: number }) {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const totalMs = ticks.reduce((a, b) => a + b, 0) * 10;
  const busyMs = totalMs - (ticks[3]! + ticks[4]!) * 10;
  return since ? { busyMs: busyMs - since.busyMs, totalMs: totalMs - since.totalMs } : { busyMs, totalMs };
}

// ------------------------------------------------------------------ one engine
async function runEngine(engine: 'postgres' | 'pglite') {
  console.log(
    `\n=== ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${EMPLOYEES.toLocaleString('en')} employees, ${MONTH} ===`,
  );
  const cleanups: (() => Promise<unknown>)[] = [];
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  if (engine === 'postgres') {
    const name = `abdi_bench_recap_${randomBytes(5).toString('hex')}`;
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
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-bench-recap-'));
    cleanups.push(() => rm(dataDir!, { recursive: true, force: true }));
  }
  const handle = await createDatabase({ databaseUrl, dataDir, poolSize: 4 });
  cleanups.unshift(() => handle.close());
  const out: Record<string, number | string | boolean> = { engine };
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const clock = fixedClock(NOW);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', WEB_DIST_DIR: './.no-web' });
    const services = buildServices({ config, db, clock }) as ReturnType<typeof buildServices> & {
      recap?: {
        storeMonth?: (month: string, unitPath?: string) => Promise<unknown>;
        refreshEmployeeMonths?: RecomputedListener;
      };
    };
    await services.rulebooks.syncRepoRulebooks();

    // ---- load
    const [, unitMs] = await timed(() => loadUnits(db, PROVINCE));
    const [counts, loadMs] = await timed(() => loadProvince(db, PROVINCE));
    // Every unit live in Abdi before the month (a unit created today would make every day of it "no data").
    await sql`update units set attendance_start = ${FROM}::date`.execute(db);
    // Setup, not timed: statistics, the visibility map of the loaded punches (else autovacuum does it during the
    // build) and a checkpoint (else the load's dirty pages are written during the build).
    const [, analyzeMs] = await timed(async () => {
      await sql`vacuum analyze`.execute(db);
      await sql`checkpoint`.execute(db);
    });
    console.log(
      `load: ${counts.employees.toLocaleString('en')} employees, ${counts.punches.toLocaleString('en')} punches in ` +
        `${fmtS(unitMs + loadMs)} (+ vacuum analyze, checkpoint ${fmtS(analyzeMs)})`,
    );
    out.loadS = (unitMs + loadMs) / 1000;

    // ---- baseline (a): plain insert … select of the same number of rows
    // The machine's baseline: the same employee-days as one plain row each (the layout before month rows),
    // with its primary key and unit index, filled by one server-side insert … select.
    await sql`create table bench_scratch (
      employee_id uuid not null, local_date date not null, unit_id uuid not null, code text not null,
      late_band text, early_band text, late_minutes integer not null default 0,
      early_minutes integer not null default 0, missing_check_in boolean not null default false,
      missing_check_out boolean not null default false, work_location text,
      non_working_day boolean not null default false, reasons jsonb not null default '[]',
      rulebook_id text not null, computed_at timestamptz not null default now(),
      primary key (employee_id, local_date))`.execute(db);
    await sql`create index bench_scratch_unit_day on bench_scratch (unit_id, local_date)`.execute(db);
    const [, baseFullMs] = await timed(() =>
      sql`insert into bench_scratch (employee_id, local_date, unit_id, code, reasons, rulebook_id)
          select e.id, d::date, e.unit_id, 'H', '[]'::jsonb, 'national'
          from employees e cross join generate_series(${FROM}::date, ${TO}::date, interval '1 day') d`.execute(
        db,
      ),
    );
    // Not timed: the baseline table is vacuumed now (else autovacuum takes it on during the build) and its dirty
    // pages are written now rather than by the checkpointer during the build.
    await sql`vacuum analyze bench_scratch`.execute(db);
    await sql`checkpoint`.execute(db);

    // ---- (a) full build
    let recomputedCalls = 0;
    const refresh = services.recap?.refreshEmployeeMonths;
    const onRecomputed: RecomputedListener = async (keys, exec, stored) => {
      recomputedCalls++;
      if (refresh) await refresh(keys, exec, stored);
    };
    // Where the time goes: cumulative wall time per repository call (overlapping when batches run in parallel).
    const spent = new Map<string, number>();
    const timedRepo = () => {
      const repo = createStatusRepo(db);
      for (const [name, fn] of Object.entries(repo) as [string, (...a: unknown[]) => Promise<unknown>][])
        (repo as Record<string, unknown>)[name] = async (...a: unknown[]) => {
          const t0 = performance.now();
          try {
            return await fn(...a);
          } finally {
            spent.set(name, (spent.get(name) ?? 0) + performance.now() - t0);
          }
        };
      return repo;
    };
    // The service's batching defaults unless given; PGlite runs one statement at a time: one batch in flight.
    const concurrency = opt('concurrency', engine === 'pglite' ? '1' : '');
    const batch = opt('batch', '');
    const batching = {
      ...(concurrency ? { concurrency: Number(concurrency) } : {}),
      ...(batch ? { batchEmployees: Number(batch) } : {}),
    };
    const mk = (listener?: RecomputedListener) =>
      createStatusService({
        db,
        repo: timedRepo(),
        clock,
        config,
        rulebooks: services.rulebooks,
        // The sources the app wires (leave, permits, corrections, rosters; empty here, but queried per batch).
        ...statusSources(() => services),
        ...(listener ? { onRecomputed: listener } : { onRecomputed: undefined }),
        ...batching,
      });
    // As the app runs it: each batch's changed months refresh their recap rows in the same transaction.
    const bulk = mk(onRecomputed);
    const cpu0 = process.cpuUsage();
    const machine0 = machineCpu();
    const [totals, fullMs] = await timed(() => bulk.recomputeRange(FROM, TO));
    const cpu = process.cpuUsage(cpu0);
    const machine = machineCpu(machine0);
    const recapRows = Number(
      (
        await db
          .selectFrom('monthlyRecaps')
          .select(db.fn.countAll<number>().as('n'))
          .where('month', '=', MONTH)
          .executeTakeFirstOrThrow()
      ).n,
    );
    console.log(
      `    repository time: ${[...spent]
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${k} ${fmtS(v)}`)
        .join(', ')}`,
    );
    console.log(
      `    CPU: this process ${fmtS((cpu.user + cpu.system) / 1000)}, whole machine ${fmtS(machine.busyMs)} ` +
        `of ${fmtS(machine.totalMs)} (${os.cpus().length} cores)`,
    );
    spent.clear();
    const rows = await db
      .selectFrom('dayStatuses')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const mix = await db
      .selectFrom('dayStatuses')
      .select(['code', db.fn.countAll<number>().as('n')])
      .groupBy('code')
      .orderBy('code')
      .execute();
    const expected = await sql<{ n: number }>`
      select count(*)::int as n from employees e cross join generate_series(${FROM}::date, ${TO}::date, interval '1 day') d
      where e.active_from <= d::date`.execute(db);
    console.log(
      `rows stored: ${Number(rows.n).toLocaleString('en')} (expected ${expected.rows[0]!.n.toLocaleString('en')}; ` +
        `failed ${totals.failed}) — ${mix.map((m) => `${m.code} ${Number(m.n).toLocaleString('en')}`).join(', ')}`,
    );
    out.rows = Number(rows.n);
    out.rowsOk =
      Number(rows.n) === expected.rows[0]!.n && totals.failed === 0 && recapRows === counts.employees;
    const target = TARGET_FULL_S[engine] * 1000;
    const fullTotal = fullMs;
    console.log(
      `(a) statuses from raw punches + store, with each batch's recap rows: ${fmtS(fullMs)}  ` +
        `(${Math.round(Number(rows.n) / (fullMs / 1000)).toLocaleString('en')} days/s; ` +
        `${recapRows.toLocaleString('en')} recap rows)`,
    );
    // For reference: the recap of the month stored again from the stored statuses alone (what an admin's
    // "refresh" or a unit page on stale rows does).
    let recapMs: number | null = null;
    if (services.recap?.storeMonth) {
      const storeMonth = services.recap.storeMonth;
      [, recapMs] = await timed(() => storeMonth(MONTH));
      console.log(`    recap storeMonth again from stored statuses: ${fmtS(recapMs)}`);
    }
    console.log(
      `    total ${fmtS(fullTotal)} vs baseline insert…select of ${Number(rows.n).toLocaleString('en')} rows ` +
        `${fmtS(baseFullMs)} → ratio ${(fullTotal / baseFullMs).toFixed(2)}× — target ≤ ${TARGET_FULL_S[engine]} s: ` +
        `${fullTotal <= target ? 'PASS' : 'FAIL'}`,
    );
    out.fullS = fullMs / 1000;
    out.recapS = recapMs === null ? 'n/a' : recapMs / 1000;
    out.baseFullS = baseFullMs / 1000;
    out.fullPass = fullTotal <= target;

    // ---- (b) incremental: one new punch on an absent (TK) day
    const inc = mk(onRecomputed);
    const tk = await db
      .selectFrom('dayStatuses as s')
      .innerJoin('employees as e', 'e.id', 's.employeeId')
      .select(['s.employeeId', 's.localDate', 'e.unitId'])
      .where('s.code', '=', 'TK')
      .orderBy('s.employeeId')
      .limit(REPS + 3)
      .execute();
    const times: number[] = [];
    const base: number[] = [];
    let updated = 0;
    for (const [i, day] of tk.entries()) {
      const at = new Date(`${day.localDate}T00:15:00Z`); // 07:15 WIB
      const t0 = performance.now();
      await db
        .insertInto('punches')
        .values({
          employeeId: day.employeeId,
          unitId: day.unitId,
          kind: 'ANY',
          source: 'ONLINE',
          occurredAt: at,
          receivedAt: at,
          localDate: day.localDate,
          idempotencyKey: `inc-${i}`,
          bodyHash: 'bench',
          verdict: 'ACCEPTED',
        })
        .execute();
      await inc.markDirty(day.employeeId, [day.localDate], 'punch');
      const r = await inc.processQueue();
      const ms = performance.now() - t0;
      const row = await db
        .selectFrom('dayStatuses')
        .select('code')
        .where('employeeId', '=', day.employeeId)
        .where('localDate', '=', day.localDate)
        .executeTakeFirstOrThrow();
      if (row.code !== 'TK' && r.changed === 1) updated++;
      // Baseline: one bare single-row upsert.
      const b0 = performance.now();
      await sql`insert into bench_scratch (employee_id, local_date, unit_id, code, reasons, rulebook_id)
                values (${day.employeeId}, ${day.localDate}, ${day.unitId}, 'H', '[]'::jsonb, 'national')
                on conflict (employee_id, local_date) do update set code = excluded.code, computed_at = now()`.execute(
        db,
      );
      const bms = performance.now() - b0;
      if (i >= 3) {
        times.push(ms);
        base.push(bms);
      }
    }
    const p50 = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    const b50 = quantile(base, 0.5);
    console.log(
      `(b) incremental (insert punch → markDirty → processQueue → stored → onRecomputed${refresh !== undefined ? ' = recap refresh' : ', no recap yet'}), ` +
        `${times.length} reps after 3 warm-up: median ${fmtMs(p50)}, p95 ${fmtMs(p95)}; baseline single-row upsert ` +
        `median ${fmtMs(b50)} → ratio ${(p50 / b50).toFixed(1)}× — target ≤ ${TARGET_INCREMENTAL_MS} ms (p95): ` +
        `${p95 <= TARGET_INCREMENTAL_MS ? 'PASS' : 'FAIL'}; rows updated ${updated}/${tk.length}, onRecomputed calls ${recomputedCalls}`,
    );
    out.incP50 = p50;
    out.incP95 = p95;
    out.incBase = b50;
    out.incPass = p95 <= TARGET_INCREMENTAL_MS && updated === tk.length;
  } finally {
    for (const c of cleanups)
      await c().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
  }
  return out;
}

const results = [];
for (const engine of ENGINE === 'both'
  ? (['postgres', 'pglite'] as const)
  : [ENGINE as 'postgres' | 'pglite'])
  results.push(await runEngine(engine));
console.log('\nsummary:');
console.table(results);
const ok = results.every((r) => r.fullPass && r.incPass && r.rowsOk);
console.log(ok ? 'PASS' : 'FAIL');
process.exitCode = ok ? 0 : 1;
