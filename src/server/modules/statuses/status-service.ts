import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { fieldError, forbidden, notFound } from '../../errors.ts';
import { inScope, scopeOf, type Actor } from '../access/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { addDays, diffDays, eachDay, maxDate, minDate } from '../../../core/common/local-date.ts';
import { fromZoned, toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { buildCalendar, type Calendar } from '../../../core/calendar/calendar.ts';
import { resolveDaySchedule } from '../../../core/schedule/resolve-schedule.ts';
import {
  classifyDay,
  compileAttendanceRules,
  type ApprovedAbsence,
  type CompiledAttendanceRules,
} from '../../../core/attendance/classify-day.ts';
import type { DayKey, DayStatusRow, StatusRepo } from './status-repo.ts';

/**
 * Approved absences (leave, permits, assignments) of an employee touching `from`..`to`. The leave module plugs
 * in here; until then there are none. `exec`, when given, is the open recompute transaction: read through it
 * (on PGlite a query outside it would wait for it forever).
 */
export type AbsenceSource = (
  employeeId: string,
  from: string,
  to: string,
  exec?: unknown,
) => Promise<ApprovedAbsence[]>;

export const noAbsences: AbsenceSource = async () => [];

type Deps = {
  db: Db;
  repo: StatusRepo;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  absences?: AbsenceSource;
};

/** Arbitrary advisory-lock key of the status queue worker. */
const QUEUE_LOCK_KEY = 7_426_201;
/** A new rulebook version re-queues at most this many days back. */
export const MAX_BACKFILL_DAYS = 400;
/** A read covers at most this many days. */
export const MAX_READ_DAYS = 400;
/** Punches before local midnight that may still belong to the day (night shifts). */
const WINDOW_BEFORE_MS = 6 * 3_600_000;

type EmployeeRow = Awaited<ReturnType<StatusRepo['employees']>>[number];

/**
 * Daily statuses: each employee-day classified by the rules core (punches with their effective verdict,
 * approved absences, the unit's calendar and schedule) and stored, so reports read rows and never recompute
 * history. Changes queue the affected days (`markDirty`); `processQueue` recomputes them.
 */
export function createStatusService(deps: Deps) {
  const { db, repo, clock, config, rulebooks } = deps;
  const absences = deps.absences ?? noAbsences;

  /** The latest local date anywhere in Indonesia (WIT): nothing after it can be computed. */
  const latestToday = () => toZoned(clock.now().getTime(), 'Asia/Jayapura').date;

  const compiled = new WeakMap<Rulebook, CompiledAttendanceRules>();
  const calendars = new WeakMap<Rulebook, Map<string, Calendar>>();
  function calendarOf(rules: Rulebook, unitCode: string, zone: IndonesianTimeZone) {
    let byUnit = calendars.get(rules);
    if (!byUnit) calendars.set(rules, (byUnit = new Map()));
    const key = `${unitCode}|${zone}`;
    let cal = byUnit.get(key);
    if (!cal) byUnit.set(key, (cal = buildCalendar(rules.calendar, { unitCode, zone })));
    return cal;
  }
  function attendanceRulesOf(rules: Rulebook) {
    let c = compiled.get(rules);
    if (!c) compiled.set(rules, (c = compileAttendanceRules(rules.attendance)));
    return c;
  }

  async function markDirty(employeeId: string, dates: string[], reason: string) {
    await repo.markDirty(
      [...new Set(dates)].map((localDate) => ({ employeeId, localDate })),
      reason,
    );
  }

  /**
   * A new rulebook version from `fromDate`: every active employee's days from then to today (at most
   * MAX_BACKFILL_DAYS back), optionally only within a unit subtree. Returns how many days were queued.
   */
  async function markUnitDirty(fromDate: string, unitPath?: string, reason = 'rulebook') {
    const to = latestToday();
    const from = maxDate(fromDate, addDays(to, -MAX_BACKFILL_DAYS));
    if (from > to) return 0;
    return repo.markAllDirty(from, to, reason, unitPath);
  }

  /** Classify one employee-day (pure apart from the punches read through `exec`). */
  async function classify(
    exec: Parameters<StatusRepo['punchesBetween']>[0],
    emp: EmployeeRow,
    date: string,
    rules: Rulebook,
  ): Promise<DayStatusRow> {
    const zone = emp.timeZone as IndonesianTimeZone;
    const calendar = calendarOf(rules, emp.unitCode, zone);
    const schedule = resolveDaySchedule({
      rules: rules.schedule,
      calendar,
      date,
      zone,
      unitCode: emp.unitCode,
      employeeNip: emp.nip ?? '',
    });
    const start = fromZoned(date, 0, zone);
    const [punches, approved] = await Promise.all([
      repo.punchesBetween(exec, emp.id, start - WINDOW_BEFORE_MS, fromZoned(addDays(date, 2), 0, zone)),
      absences(emp.id, date, date, exec),
    ]);
    const s = classifyDay({
      date,
      zone,
      schedule,
      dayType: calendar.dayType(date),
      holidayName: calendar.holidayName(date) ?? undefined,
      punches: punches.map((p) => ({ at: p.occurredAt.getTime(), source: p.source })),
      absences: approved,
      rules: attendanceRulesOf(rules),
    });
    return {
      employeeId: emp.id,
      localDate: date,
      unitId: emp.unitId,
      code: s.code,
      lateBand: s.lateBand,
      earlyBand: s.earlyBand,
      lateMinutes: s.lateMinutes,
      earlyMinutes: s.earlyMinutes,
      missingCheckIn: s.missingCheckIn,
      missingCheckOut: s.missingCheckOut,
      workLocation: s.workLocation,
      nonWorkingDay: s.nonWorkingDay ?? schedule === null,
      reasons: s.reasons,
      rulebookId: rules.meta.id,
    };
  }

  /**
   * Recompute keys: what needs the plain connection (employees, rulebooks) is loaded first, then one
   * transaction takes the keys off the queue (when `fromQueue`), reads punches and upserts the rows.
   * Days in the employee's future or outside their service are not stored. Returns the stored keys.
   */
  async function recompute(keys: DayKey[], fromQueue: boolean) {
    const emps = new Map(
      (await repo.employees([...new Set(keys.map((k) => k.employeeId))])).map((e) => [e.id, e]),
    );
    const now = clock.now();
    const rulesByDate = new Map<string, Rulebook | Error>();
    for (const d of new Set(keys.map((k) => k.localDate)))
      rulesByDate.set(d, await rulebooks.rulesOn(config.rulebookRegion, d).catch((e: unknown) => e as Error));
    const result = {
      stored: [] as DayKey[],
      skipped: [] as DayKey[],
      failed: [] as { key: DayKey; error: string }[],
    };
    await db.transaction().execute(async (trx) => {
      if (fromQueue) {
        const lock = await sql<{
          ok: boolean;
        }>`select pg_try_advisory_xact_lock(${QUEUE_LOCK_KEY}) as ok`.execute(trx);
        if (!lock.rows[0]?.ok) return;
        // Deleting first makes a concurrent markDirty of the same day wait for this commit and queue it again.
        keys = await repo.takeFromQueue(trx, keys);
      }
      const requeue: DayKey[] = [];
      for (const key of keys) {
        const emp = emps.get(key.employeeId);
        const rules = rulesByDate.get(key.localDate);
        if (!emp || key.localDate < emp.activeFrom || (emp.activeTo && key.localDate > emp.activeTo)) {
          result.skipped.push(key);
          continue;
        }
        if (key.localDate > toZoned(now.getTime(), emp.timeZone as IndonesianTimeZone).date) {
          result.skipped.push(key);
          requeue.push(key);
          continue;
        }
        try {
          if (!rules || rules instanceof Error) throw rules ?? new Error('Rulebook tidak ditemukan');
          await repo.upsert(trx, await classify(trx, emp, key.localDate, rules), now);
          result.stored.push(key);
        } catch (err) {
          // E.g. a year missing from the rulebook's calendar: retried later, behind the rest of the queue.
          result.failed.push({ key, error: err instanceof Error ? err.message : String(err) });
          requeue.push(key);
        }
      }
      if (fromQueue) await repo.markDirty(requeue, 'retry', trx);
    });
    return result;
  }

  /**
   * Recompute a batch of the dirty set, oldest first. Under a PostgreSQL advisory lock so that one server
   * process of several does it (another finds the lock taken and returns nothing processed). Idempotent.
   */
  async function processQueue(limit = 200) {
    const keys = await repo.peekQueue(latestToday(), limit);
    if (keys.length === 0) return { stored: [], skipped: [], failed: [] };
    return recompute(keys, true);
  }

  /** Store the missing days of the employee in `from`..`to` (up to today; stored days are left alone). */
  async function ensureRange(employeeId: string, from: string, to: string) {
    const [emp] = await repo.employees([employeeId]);
    if (!emp) throw notFound('Pegawai');
    const today = toZoned(clock.now().getTime(), emp.timeZone as IndonesianTimeZone).date;
    const lo = maxDate(from, emp.activeFrom);
    const hi = minDate(minDate(to, today), emp.activeTo ?? to);
    if (lo > hi) return { stored: [], skipped: [], failed: [] };
    const have = new Set(await repo.storedDates(employeeId, lo, hi));
    const missing = eachDay(lo, hi).filter((d) => !have.has(d));
    if (missing.length === 0) return { stored: [], skipped: [], failed: [] };
    return recompute(
      missing.map((localDate) => ({ employeeId, localDate })),
      false,
    );
  }

  /** Read access: the employee, their superiors (incl. Plt/Plh on the day) and attendance.read in scope. */
  async function canRead(actor: Actor, employeeId: string, unitPath: string) {
    if (actor.employeeId === employeeId) return true;
    if (inScope(scopeOf(actor, 'attendance.read'), unitPath)) return true;
    if (!actor.employeeId) return false;
    const date = toZoned(clock.now().getTime(), 'Asia/Jakarta').date;
    const holders = await repo.actingHolders(actor.employeeId, date);
    return repo.isStaffOf(employeeId, [actor.employeeId, ...holders]);
  }

  /** GET /api/statuses: the stored days of one employee, filling days not stored yet first. */
  async function list(actor: Actor, q: { employeeId?: string | undefined; from: string; to: string }) {
    const employeeId = q.employeeId ?? actor.employeeId;
    if (!employeeId) throw fieldError('employeeId', 'Sebutkan pegawai');
    if (q.to < q.from) throw fieldError('to', 'Tanggal akhir tidak boleh sebelum tanggal mulai');
    if (diffDays(q.from, q.to) >= MAX_READ_DAYS)
      throw fieldError('to', `Rentang paling lama ${MAX_READ_DAYS} hari`);
    const [emp] = await repo.employees([employeeId]);
    if (!emp) throw notFound('Pegawai');
    if (!(await canRead(actor, employeeId, emp.unitPath)))
      throw forbidden('Anda tidak berwenang melihat status harian pegawai ini');
    await ensureRange(employeeId, q.from, q.to);
    const rows = await repo.list(employeeId, q.from, q.to);
    return {
      items: rows.map((r) => ({
        employeeId: r.employeeId,
        localDate: r.localDate,
        unitId: r.unitId,
        code: r.code,
        lateBand: r.lateBand,
        earlyBand: r.earlyBand,
        lateMinutes: r.lateMinutes,
        earlyMinutes: r.earlyMinutes,
        missingCheckIn: r.missingCheckIn,
        missingCheckOut: r.missingCheckOut,
        workLocation: r.workLocation,
        nonWorkingDay: r.nonWorkingDay,
        reasons: r.reasons,
        rulebookId: r.rulebookId,
        computedAt: r.computedAt.toISOString(),
      })),
    };
  }

  return { markDirty, markUnitDirty, processQueue, ensureRange, list };
}

export type StatusService = ReturnType<typeof createStatusService>;

/**
 * Run `processQueue` every `intervalMs` (draining while full batches come back) until the returned function
 * is called. Errors go to `onError` and the loop carries on.
 */
export function startStatusWorker(
  service: Pick<StatusService, 'processQueue'>,
  intervalMs = 15_000,
  onError: (err: unknown) => void = () => {},
  batch = 200,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    running = (async () => {
      try {
        for (let i = 0; i < 50 && !stopped; i++) {
          const r = await service.processQueue(batch);
          if (r.stored.length === 0 || r.stored.length + r.skipped.length + r.failed.length < batch) break;
        }
      } catch (err) {
        onError(err);
      }
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
        timer.unref?.();
      }
    })();
  };
  timer = setTimeout(tick, 0);
  timer.unref?.();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
