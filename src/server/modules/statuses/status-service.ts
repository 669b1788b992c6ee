import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DaySchedule } from '../../../core/schedule/day-schedule.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { fieldError, forbidden, notFound } from '../../errors.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { createRuleViews } from '../../../core/attendance/rule-views.ts';
import { addDays, diffDays, eachDay, maxDate, minDate } from '../../../core/common/local-date.ts';
import { fromZoned, toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  resolveDaySchedule,
  type FlexibleDay,
  type RosterEntry,
} from '../../../core/schedule/resolve-schedule.ts';
import {
  classifyDay,
  type ApprovedAbsence,
  type Punch,
  type CalendarDayType,
  type CompiledAttendanceRules,
} from '../../../core/attendance/classify-day.ts';
import type { DayKey, DayStatusRow, StatusRepo } from './status-repo.ts';
import { DAY_FIELDS, FIGURE_FIELDS, packMadeUp, type MonthRow } from '../../lib/month-rows.ts';
import { nextMonth } from '../../../core/recap/recap-rules.ts';
import { isNoDataDay, noDataReason, type DataPeriod } from '../../../core/recap/no-data.ts';
import { createRelationsService, type RelationsService } from '../../relations/relations-service.ts';

/** Read through this when given: the open recompute transaction (on PGlite a query outside it waits forever). */
export type Exec = Kysely<Database> | Transaction<Database>;

/**
 * Approved absences (leave, permits, assignments) of the employees touching `from`..`to` (the leave and permits
 * services' `approvedAbsences`). Defaults to none.
 */
export type AbsenceSource = (
  employeeIds: string[],
  from: string,
  to: string,
  exec?: Exec,
) => Promise<Array<ApprovedAbsence & { employeeId: string }>>;

/**
 * Approved correction punches of the employees in an instant window (the corrections service's
 * `approvedCorrectionPunches`): extra punches for the classifier. Defaults to none.
 */
export type CorrectionSource = (
  employeeIds: string[],
  fromMs: number,
  toMs: number,
  exec?: Exec,
) => Promise<Array<{ employeeId: string; at: Date; source: 'correction' }>>;

/**
 * What changes an employee's schedule on some days (read through `exec`): roster lines (shift or day off; the
 * rosters service's `rosterLines`) and approved WFH/WFA days (the permits service's `approvedFlexibleDays`).
 * Defaults to none.
 */
export type ScheduleSource = (
  employeeIds: string[],
  from: string,
  to: string,
  exec?: Exec,
) => Promise<{
  roster: Array<RosterEntry & { employeeId: string }>;
  flexibleDays: Array<FlexibleDay & { employeeId: string }>;
}>;

/**
 * Called after stored rows changed (inside the same transaction): the recap refreshes those employee-months.
 * `stored`: the month rows just written (a month touched only through an adjustment is not among them).
 */
export type RecomputedListener = (
  keys: Array<{ employeeId: string; month: string }>,
  exec: Exec,
  stored?: readonly MonthRow[],
) => Promise<void>;

export const noAbsences: AbsenceSource = async () => [];
export const noCorrections: CorrectionSource = async () => [];
export const noScheduleChanges: ScheduleSource = async () => ({ roster: [], flexibleDays: [] });

export type StatusDeps = {
  db: Db;
  repo: StatusRepo;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  absences?: AbsenceSource;
  corrections?: CorrectionSource;
  schedules?: ScheduleSource;
  onRecomputed?: RecomputedListener;
  /** Who acts (Plt/Plh) for whom on the actor's own day; built from `db` and `clock` when not given (tests). */
  relations?: Pick<RelationsService, 'actingForToday'>;
  /** Employees per transaction of a bulk recompute (default 1,500). */
  batchEmployees?: number;
  /**
   * Bulk batches in flight at once (default 3): PostgreSQL works on one batch's reads and writes while this
   * process classifies and packs another. 3 × 1,500 built a province month ~0.7 s faster than 2 × 2,000 in
   * `bench/recap` on the 2-core machine.
   */
  concurrency?: number;
};

/** How often the worker looks at the queue: a change is reflected well within a minute. */
export const STATUS_WORKER_INTERVAL_MS = 15_000;
/** Days the worker recomputes per transaction. */
export const STATUS_WORKER_BATCH = 5_000;

/** Arbitrary advisory-lock key of the status queue worker. */
const QUEUE_LOCK_KEY = 7_426_201;
/** A new rulebook version re-queues at most this many days back. */
export const MAX_BACKFILL_DAYS = 400;
/** An ended date is filled at most this many days back (a server down for longer does not flood the queue). */
export const MAX_FILL_DAYS = 31;
/** A read covers at most this many days. */
export const MAX_READ_DAYS = 400;
/** A batch reads punches (and corrections) from this long before local midnight of its first date (night shifts). */
const WINDOW_BEFORE_MS = 6 * 3_600_000;
/** … and up to this long after local midnight of its last date (a night shift's check-out the next morning). */
const WINDOW_AFTER_MS = 2 * 86_400_000;
const NO_PUNCHES: readonly Punch[] = [];
const NO_INSTANTS: readonly number[] = [];
const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;
/** Queued days of an employee closer than this are read with one punch query range. */
const RUN_GAP_DAYS = 3;

type EmployeeInfo = Awaited<ReturnType<StatusRepo['employeesById']>>[number];
type UnitInfo = Awaited<ReturnType<StatusRepo['unitsById']>>[number];
type Placement = Awaited<ReturnType<StatusRepo['placementsOf']>>[number];

/**
 * What a recompute did. `stored` = keys computed (written, or equal to the stored row); `changed` = rows written;
 * `cleared` = stored days removed because they are "no data" (src/core/recap/no-data.ts).
 */
export interface RecomputeResult {
  stored: DayKey[];
  skipped: DayKey[];
  failed: { key: DayKey; error: string }[];
  /** Days classified (stored, or equal to what was stored, or adjusted). */
  computed: number;
  changed: number;
  adjusted: number;
  cleared: number;
}

const emptyResult = (): RecomputeResult => ({
  stored: [],
  skipped: [],
  failed: [],
  computed: 0,
  changed: 0,
  adjusted: 0,
  cleared: 0,
});

/** A "no data" day met by a recompute: before the unit's go-live or outside the employee's service. */
interface NoDataDay extends DayKey {
  unitId: string;
  month: string;
}

/** What a date is for a unit under a rulebook (shared by its employees without an own schedule). */
interface DayInfo {
  schedule: DaySchedule | null;
  dayType: CalendarDayType;
  holidayName: string | undefined;
  /** The instants whose punches can matter to the day (epoch ms, from inclusive, to exclusive). */
  punchesFrom: number;
  punchesTo: number;
  compiled: CompiledAttendanceRules;
  month: string;
  /** The classification of the day without punches or absences (the same for every such employee). */
  bare?: ReturnType<typeof classifyDay>;
}

/** Per-call caches of a recompute: units, their closed months, schedules. */
interface Context {
  units: Map<string, UnitInfo>;
  closed: Map<string, Set<string>>;
  fromMonth: string;
  rulesByDate: Map<string, Rulebook | Error>;
  /** Per rulebook, unit and zone, then per date: the schedule, the calendar's day type and the span of punches that matter. */
  days: Map<string, Map<string, DayInfo>>;
  now: Date;
  todayByZone: Map<string, string>;
  unitPath?: string | undefined;
  collect: boolean;
}

const monthOf = (date: string) => date.slice(0, 7);
/** The fields of a stored row that make its status (not when it was computed). */
const STATUS_FIELDS = ['unitId', ...DAY_FIELDS, 'reasons'] as const;
function statusOf(r: DayStatusRow): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(STATUS_FIELDS.map((f) => [f, r[f]]));
  if (r.madeUpLate) out.madeUpLate = r.madeUpLate;
  return out;
}
/**
 * Whether two statuses of a day count the same: unit and `FIGURE_FIELDS` (what the recap, discipline and TPP
 * read). The reasons and the rulebook version are the explanation: a day of a closed month whose explanation
 * alone changed keeps its stored row with no adjustment.
 */
function sameFigures(a: DayStatusRow, b: DayStatusRow): boolean {
  return a.unitId === b.unitId && FIGURE_FIELDS.every((f) => a[f] === b[f]);
}

const dayKey = (employeeId: string, localDate: string): DayKey => ({ employeeId, localDate });

/**
 * The punches that can matter to a day (`classifyDay`): those in its check-in or check-out window, and those
 * of the date itself (local midnight to midnight, noted when outside the windows); without a schedule only the
 * date's own. Windows are whole minutes from local midnight, inclusive at both ends. Slicing the employee's
 * punches to this span lets a day with none share one classification (`DayInfo.bare`).
 */
function punchSpan(schedule: DaySchedule | null, midnight: number) {
  if (schedule === null)
    return { punchesFrom: midnight, punchesTo: midnight + MINUTES_PER_DAY * MS_PER_MINUTE };
  const { checkInWindow: i, checkOutWindow: o } = schedule;
  return {
    punchesFrom: midnight + Math.min(0, i.from, o.from) * MS_PER_MINUTE,
    punchesTo: midnight + (Math.max(MINUTES_PER_DAY - 1, i.to, o.to) + 1) * MS_PER_MINUTE,
  };
}

/** Index of the first instant at or after x in instants (epoch ms) in time order. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Daily statuses: each employee-day classified by the rules core (punches with their effective verdict,
 * approved absences and correction punches, the calendar and schedule of the employee's unit on the date) and
 * stored, so reports read rows and never recompute history. Set-based: many employees' punches are read in one
 * query, grouped in memory, classified with the compiled rules and written with one multi-row upsert. Changes
 * queue the affected days (`markDirty`); `processQueue` recomputes them; `recomputeRange` rebuilds a period.
 */
export function createStatusService(deps: StatusDeps) {
  const { db, repo, clock, config, rulebooks } = deps;
  const relations = deps.relations ?? createRelationsService({ db, clock });
  const absences = deps.absences ?? noAbsences;
  const corrections = deps.corrections ?? noCorrections;
  const schedules = deps.schedules ?? noScheduleChanges;
  const batchEmployees = deps.batchEmployees ?? 1_500;
  const concurrency = Math.max(1, deps.concurrency ?? 3);

  /** The latest local date anywhere in Indonesia (WIT): nothing after it can be computed. */
  const latestToday = () => toZoned(clock.now().getTime(), 'Asia/Jayapura').date;

  const { attendanceRulesOf, calendarOf, nipsWithOverride } = createRuleViews();

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

  /**
   * Every employee-day is stored once the date has ended everywhere (WIB ends last), including days nobody
   * touched (an absence without any punch, a holiday): each ended date is queued once for all active employees.
   * The first run fills only the last ended date (days before an installation went live are not made TK); a
   * server that was down catches up, at most MAX_FILL_DAYS back. Returns the days queued.
   */
  async function fillEndedDays() {
    const lastEnded = addDays(toZoned(clock.now().getTime(), 'Asia/Jakarta').date, -1);
    const filled = await repo.lastFilled();
    const from = maxDate(filled ? addDays(filled, 1) : lastEnded, addDays(lastEnded, -MAX_FILL_DAYS));
    if (from > lastEnded) return 0;
    return repo.fillDates(eachDay(from, lastEnded), 'day-ended');
  }

  /** Hook for the rulebook service: a version activated → its days are queued (the worker recomputes them). */
  async function onRulebookActivated(v: { effectiveFrom: string }) {
    return markUnitDirty(v.effectiveFrom, undefined, 'rulebook');
  }

  /** Rulebooks of the dates (read on the plain connection, before any transaction). */
  async function rulesFor(dates: Iterable<string>, into = new Map<string, Rulebook | Error>()) {
    for (const d of dates)
      if (!into.has(d))
        into.set(d, await rulebooks.rulesOn(config.rulebookRegion, d).catch((e: unknown) => e as Error));
    return into;
  }

  function newContext(
    dates: Iterable<string>,
    rulesByDate: Map<string, Rulebook | Error>,
    collect: boolean,
  ): Context {
    const now = clock.now();
    let first = '9999-12-31';
    for (const d of dates) if (d < first) first = d;
    return {
      units: new Map(),
      closed: new Map(),
      fromMonth: monthOf(first),
      rulesByDate,
      days: new Map(),
      now,
      todayByZone: new Map(
        (['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const).map((z) => [
          z,
          toZoned(now.getTime(), z).date,
        ]),
      ),
      collect,
    };
  }

  /** The unit of the employee on the date: the placement in force then, else the current unit. */
  function unitOn(emp: EmployeeInfo, places: Placement[] | undefined, date: string) {
    if (places)
      for (let i = places.length - 1; i >= 0; i--) {
        const p = places[i]!;
        if (p.validFrom <= date && (p.validTo === null || p.validTo >= date)) return p.unitId;
      }
    return emp.unitId;
  }

  /**
   * Classify the given days of a batch of employees, reading through `trx`: one query each for the employees,
   * their placements, new units and closings, the punches, the absences and the corrections; classification in
   * memory. Nothing is written. Days before the go-live of the employee's unit on the date, or outside their
   * service, are "no data" (`noData`), never classified; days in the employee's future are to be requeued.
   */
  async function classifyBatch(trx: Exec, work: Map<string, string[]>, ctx: Context) {
    const result = emptyResult();
    const requeue: DayKey[] = [];
    const noData: NoDataDay[] = [];
    const open: DayStatusRow[] = [];
    const closedRows: { row: DayStatusRow; month: string }[] = [];
    const done = { result, requeue, noData, open, closedRows };
    const ids = [...work.keys()];
    if (ids.length === 0) return done;
    let lo = '9999-12-31';
    let hi = '0000-01-01';
    let seen: string[] | undefined;
    for (const dates of work.values()) {
      // A range rebuild gives every employee the same array of dates: looked at once.
      if (dates === seen) continue;
      seen = dates;
      for (const d of dates) {
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
    const [emps, places] = await Promise.all([
      repo.employeesById(trx, ids),
      repo.placementsOf(trx, ids, lo, hi),
    ]);
    const placesOf = new Map<string, Placement[]>();
    for (const p of places) {
      let xs = placesOf.get(p.employeeId);
      if (!xs) placesOf.set(p.employeeId, (xs = []));
      xs.push(p);
    }
    const newUnits = new Set<string>();
    for (const u of [...emps.map((e) => e.unitId), ...places.map((p) => p.unitId)])
      if (!ctx.units.has(u)) newUnits.add(u);
    if (newUnits.size > 0) {
      const fresh = [...newUnits];
      const [units, closings] = await Promise.all([
        repo.unitsById(trx, fresh),
        repo.closedMonths(trx, fresh, ctx.fromMonth),
      ]);
      for (const u of units) ctx.units.set(u.id, u);
      for (const c of closings) {
        let m = ctx.closed.get(c.unitId);
        if (!m) ctx.closed.set(c.unitId, (m = new Set()));
        m.add(c.month);
      }
    }

    // Punch reads: per employee, runs of nearby days, widened by the classifier's window (in any zone).
    const runs: { employeeId: string; from: string; to: string }[] = [];
    for (const [employeeId, dates] of work) {
      let from = dates[0]!;
      let to = from;
      for (const d of dates.slice(1)) {
        if (diffDays(to, d) > RUN_GAP_DAYS) {
          runs.push({ employeeId, from: addDays(from, -2), to: addDays(to, 2) });
          from = d;
        }
        to = d;
      }
      runs.push({ employeeId, from: addDays(from, -2), to: addDays(to, 2) });
    }
    const fromMs = fromZoned(lo, 0, 'Asia/Jayapura') - WINDOW_BEFORE_MS;
    const toMs = fromZoned(hi, 0, 'Asia/Jakarta') + WINDOW_AFTER_MS;
    const [instants, absenceRows, correctionRows, scheduleRows] = await Promise.all([
      repo.punchInstants(trx, runs),
      absences(ids, lo, hi, trx),
      corrections(ids, fromMs, toMs, trx),
      schedules(ids, lo, hi, trx),
    ]);
    // Employees with a roster line or a WFH/WFA day get their own schedule on every day of the batch.
    const rosterOf = new Map<string, RosterEntry[]>();
    for (const r of scheduleRows.roster) {
      let xs = rosterOf.get(r.employeeId);
      if (!xs) rosterOf.set(r.employeeId, (xs = []));
      xs.push(r);
    }
    const flexibleOf = new Map<string, FlexibleDay[]>();
    for (const f of scheduleRows.flexibleDays) {
      let xs = flexibleOf.get(f.employeeId);
      if (!xs) flexibleOf.set(f.employeeId, (xs = []));
      xs.push({ date: f.date, location: f.location });
    }
    const absencesOf = new Map<string, ApprovedAbsence[]>();
    for (const a of absenceRows) {
      const { employeeId, ...rest } = a;
      let xs = absencesOf.get(employeeId);
      if (!xs) absencesOf.set(employeeId, (xs = []));
      xs.push(rest);
    }
    // Approved corrections count as punches: merged in, and those employees' punches put back in time order.
    const corrected = new Set<number[]>();
    for (const c of correctionRows) {
      let xs = instants.get(c.employeeId);
      if (!xs) instants.set(c.employeeId, (xs = []));
      xs.push(c.at.getTime());
      corrected.add(xs);
    }
    for (const xs of corrected) xs.sort((x, y) => x - y);

    const empById = new Map(emps.map((e) => [e.id, e]));
    const NONE: readonly ApprovedAbsence[] = [];
    for (const [employeeId, dates] of work) {
      const emp = empById.get(employeeId);
      const punches = instants.get(employeeId) ?? NO_INSTANTS;
      const empAbsences = absencesOf.get(employeeId) ?? NONE;
      const empPlaces = placesOf.get(employeeId);
      // Roster lines are looked up by NIP (possibly empty): give them this employee's, so no one else's match.
      const roster = rosterOf.get(employeeId)?.map((r) => ({ ...r, nip: emp?.nip ?? '' }));
      const flexibleDays = flexibleOf.get(employeeId);
      // The unit's day cache, looked up again only when the rulebook or the unit changes.
      let lastRules: Rulebook | undefined;
      let lastUnit: UnitInfo | undefined;
      let unitDays: Map<string, DayInfo> | undefined;
      // The unit (and its zone's today) looked up again only when the placement changes.
      let lastUnitId: string | undefined;
      let unit: UnitInfo | undefined;
      let today = '';
      // What decides a "no data" day (isNoDataDay): built again only when the unit changes.
      let period: DataPeriod | undefined;
      // Whether the employee has a schedule of their own, looked up again only when the rulebook changes.
      let ownRules: Rulebook | undefined;
      let own = false;
      for (const date of dates) {
        if (!emp) {
          if (ctx.collect) result.skipped.push(dayKey(employeeId, date));
          continue;
        }
        const unitId = unitOn(emp, empPlaces, date);
        if (unitId !== lastUnitId) {
          lastUnitId = unitId;
          unit = ctx.units.get(unitId);
          if (unit) {
            today = ctx.todayByZone.get(unit.timeZone as IndonesianTimeZone)!;
            period = {
              activeFrom: emp.activeFrom,
              activeTo: emp.activeTo,
              attendanceStart: unit.attendanceStart,
            };
          }
        }
        if (!unit) {
          if (ctx.collect) result.skipped.push(dayKey(employeeId, date));
          continue;
        }
        if (ctx.unitPath && !unit.path.startsWith(ctx.unitPath)) continue;
        // "No data" (src/core/recap/no-data.ts): never classified; a day stored before is removed (storeBatch).
        if (isNoDataDay(date, period!)) {
          noData.push({ employeeId, localDate: date, unitId, month: monthOf(date) });
          if (ctx.collect) result.skipped.push(dayKey(employeeId, date));
          continue;
        }
        const zone = unit.timeZone as IndonesianTimeZone;
        if (date > today) {
          if (ctx.collect) result.skipped.push(dayKey(employeeId, date));
          requeue.push(dayKey(employeeId, date));
          continue;
        }
        try {
          const rules = ctx.rulesByDate.get(date);
          if (!rules || rules instanceof Error) throw rules ?? new Error('Rulebook tidak ditemukan');
          const nip = emp.nip ?? '';
          // What the day is for the unit (calendar, schedule, window): shared by its employees without an override.
          if (rules !== ownRules) {
            ownRules = rules;
            own = nipsWithOverride(rules).has(nip) || roster !== undefined || flexibleDays !== undefined;
          }
          if (rules !== lastRules || unit !== lastUnit || !unitDays) {
            const uKey = `${rules.meta.id}|${unit.code}|${zone}`;
            unitDays = ctx.days.get(uKey);
            if (!unitDays) ctx.days.set(uKey, (unitDays = new Map()));
            lastRules = rules;
            lastUnit = unit;
          }
          let day = own ? undefined : unitDays.get(date);
          if (!day) {
            const calendar = calendarOf(rules, unit.code, zone);
            const schedule = resolveDaySchedule({
              rules: rules.schedule,
              calendar,
              date,
              zone,
              unitCode: unit.code,
              employeeNip: nip,
              ...(roster ? { roster } : {}),
              ...(flexibleDays ? { flexibleDays } : {}),
            });
            day = {
              schedule,
              dayType: calendar.dayType(date),
              holidayName: calendar.holidayName(date) ?? undefined,
              ...punchSpan(schedule, fromZoned(date, 0, zone)),
              compiled: attendanceRulesOf(rules),
              month: monthOf(date),
            };
            if (!own) unitDays.set(date, day);
          }
          const { schedule } = day;
          const a = lowerBound(punches, day.punchesFrom);
          const b = lowerBound(punches, day.punchesTo);
          let dayPunches = NO_PUNCHES;
          if (a < b) {
            const xs: Punch[] = [];
            for (let k = a; k < b; k++) xs.push({ at: punches[k]! });
            dayPunches = xs;
          }
          const input = {
            date,
            zone,
            schedule,
            dayType: day.dayType,
            holidayName: day.holidayName,
            punches: dayPunches,
            absences: empAbsences,
            rules: day.compiled,
          };
          // classifyDay is pure: a day without punches or absences classifies the same for everyone sharing it.
          const s =
            a === b && empAbsences.length === 0 && !own
              ? (day.bare ??= classifyDay(input))
              : classifyDay(input);
          const row: DayStatusRow = {
            employeeId,
            localDate: date,
            unitId,
            code: s.code,
            lateBand: s.lateBand,
            earlyBand: s.earlyBand,
            lateMinutes: s.lateMinutes,
            earlyMinutes: s.earlyMinutes,
            missingCheckIn: s.missingCheckIn,
            missingCheckOut: s.missingCheckOut,
            workLocation: s.workLocation,
            nonWorkingDay: s.nonWorkingDay ?? schedule === null,
            madeUpLate: packMadeUp(s.madeUpLate),
            reasons: s.reasons,
            rulebookId: rules.meta.id,
          };
          const month = day.month;
          if (ctx.closed.get(unitId)?.has(month)) closedRows.push({ row, month });
          else open.push(row);
          result.computed++;
          if (ctx.collect) result.stored.push(dayKey(employeeId, date));
        } catch (err) {
          // E.g. a year missing from the rulebook's calendar: retried later, behind the rest of the queue.
          result.failed.push({
            key: dayKey(employeeId, date),
            error: err instanceof Error ? err.message : String(err),
          });
          requeue.push(dayKey(employeeId, date));
        }
      }
    }
    return done;
  }

  /**
   * Write what `classifyBatch` found inside `trx`: one multi-row upsert of the open days; for days of closed
   * months an adjustment where the day now counts differently; "no data" days removed from their month rows
   * (with their open adjustments), or, in a closed month, an adjustment to "no data"; `onRecomputed` for what
   * changed. `reasonOf` names the cause of each day (for adjustments).
   */
  async function storeBatch(
    trx: Exec,
    c: Awaited<ReturnType<typeof classifyBatch>>,
    ctx: Context,
    reasonOf: (key: DayKey) => string,
  ) {
    const { result, open, closedRows, noData } = c;
    const adjustments: Parameters<StatusRepo['upsertAdjustments']>[1] = [];
    const carriedTo = (unitId: string, month: string) => {
      const closedSet = ctx.closed.get(unitId)!;
      let carried = nextMonth(month);
      while (closedSet.has(carried)) carried = nextMonth(carried);
      return carried;
    };
    // Closed months: the stored row stays; a day that now counts differently (sameFigures) becomes (or replaces)
    // the day's open adjustment.
    const touched = new Map<string, { employeeId: string; month: string }>();
    let last = { employeeId: '', month: '' };
    const touch = (employeeId: string, month: string) => {
      // Rows come grouped by employee: skip the repeats cheaply.
      if (last.employeeId === employeeId && last.month === month) return;
      last = { employeeId, month };
      touched.set(`${employeeId}|${month}`, last);
    };
    if (closedRows.length > 0) {
      const storedMap = new Map(
        (
          await repo.storedRows(
            trx,
            closedRows.map((c) => c.row),
          )
        ).map((r) => [`${r.employeeId}|${r.localDate}`, r]),
      );
      const back: DayKey[] = [];
      for (const { row, month } of closedRows) {
        const old = storedMap.get(`${row.employeeId}|${row.localDate}`);
        // Never stored: nothing closed to overwrite, the day is stored as computed.
        if (!old) open.push(row);
        else if (sameFigures(old, row)) back.push(row);
        else {
          const carried = carriedTo(row.unitId, month);
          adjustments.push({
            employeeId: row.employeeId,
            unitId: row.unitId,
            localDate: row.localDate,
            monthClosed: month,
            carriedToMonth: carried,
            oldCode: old.code,
            newCode: row.code,
            oldStatus: JSON.stringify(statusOf(old)),
            newStatus: JSON.stringify(statusOf(row)),
            reason: reasonOf(row),
            createdAt: ctx.now,
          });
          touch(row.employeeId, carried);
        }
      }
      for (const r of await repo.deleteAdjustments(trx, back)) touch(r.employeeId, r.carriedToMonth);
    }

    // "No data" days: removed where stored. In a closed month the stored row stays and its removal is carried as an
    // adjustment to no data; in an open month the day leaves its row, and an adjustment it had is void.
    const stillStored: MonthRow[] = [];
    if (noData.length > 0) {
      const closedNoData = noData.filter((n) => ctx.closed.get(n.unitId)?.has(n.month));
      const openNoData = noData.filter((n) => !ctx.closed.get(n.unitId)?.has(n.month));
      for (const old of await repo.storedRows(trx, closedNoData)) {
        const month = monthOf(old.localDate);
        const carried = carriedTo(old.unitId, month);
        adjustments.push({
          employeeId: old.employeeId,
          unitId: old.unitId,
          localDate: old.localDate,
          monthClosed: month,
          carriedToMonth: carried,
          oldCode: old.code,
          newCode: null,
          oldStatus: JSON.stringify(statusOf(old)),
          newStatus: null,
          reason: reasonOf(old),
          createdAt: ctx.now,
        });
        touch(old.employeeId, carried);
      }
      for (const x of await repo.clearDays(trx, openNoData, ctx.now)) {
        touch(x.employeeId, x.month);
        result.cleared += x.rows;
        if (x.stored) stillStored.push(x.stored);
      }
      for (const r of await repo.deleteAdjustments(trx, openNoData)) touch(r.employeeId, r.carriedToMonth);
    }
    await repo.upsertAdjustments(trx, adjustments);
    result.adjusted = adjustments.length;

    // Days equal to what is stored are not written; months with a changed day are.
    const written = await repo.writeDays(trx, open, ctx.now);
    for (const c of written) {
      touch(c.employeeId, c.month);
      result.changed += c.rows;
    }
    if (deps.onRecomputed && touched.size > 0)
      await deps.onRecomputed(
        [...touched.values()],
        trx,
        stillStored.length === 0
          ? written.map((c) => c.stored)
          : // A month written after a day was cleared from it is passed as written (the later state).
            [
              ...new Map(
                [...stillStored, ...written.map((c) => c.stored)].map((m) => [
                  `${m.employeeId}|${m.month}`,
                  m,
                ]),
              ).values(),
            ],
      );
    return result;
  }

  /** Classify and store a batch inside `trx` (see `classifyBatch`, `storeBatch`). */
  async function computeBatch(
    trx: Exec,
    work: Map<string, string[]>,
    ctx: Context,
    reasonOf: (key: DayKey) => string,
  ) {
    const c = await classifyBatch(trx, work, ctx);
    return { result: await storeBatch(trx, c, ctx, reasonOf), requeue: c.requeue };
  }

  /** Group keys by employee, dates sorted and unique. */
  function byEmployee(keys: DayKey[]) {
    const work = new Map<string, string[]>();
    for (const k of keys) {
      let xs = work.get(k.employeeId);
      if (!xs) work.set(k.employeeId, (xs = []));
      xs.push(k.localDate);
    }
    for (const [e, xs] of work) work.set(e, [...new Set(xs)].sort());
    return work;
  }

  /**
   * Recompute keys: rulebooks are loaded first (plain connection), then one transaction takes the keys off the
   * queue (when `fromQueue`), reads what the days need and upserts the rows. Days in the employee's future
   * (requeued) or outside their service are not stored. Returns the computed keys.
   */
  async function recompute(
    keys: DayKey[],
    fromQueue: boolean,
    reasons?: Map<string, string>,
  ): Promise<RecomputeResult> {
    const ctx = newContext(
      keys.map((k) => k.localDate),
      await rulesFor(new Set(keys.map((k) => k.localDate))),
      true,
    );
    let result = emptyResult();
    await db.transaction().execute(async (trx) => {
      if (fromQueue) {
        const lock = await sql<{
          ok: boolean;
        }>`select pg_try_advisory_xact_lock(${QUEUE_LOCK_KEY}) as ok`.execute(trx);
        if (!lock.rows[0]?.ok) return;
        // Deleting first makes a concurrent markDirty of the same day wait for this commit and queue it again.
        const taken = await repo.takeFromQueue(trx, keys);
        for (const k of taken) reasons?.set(`${k.employeeId}|${k.localDate}`, k.reason);
        keys = taken;
      }
      const r = await computeBatch(
        trx,
        byEmployee(keys),
        ctx,
        (k) => reasons?.get(`${k.employeeId}|${k.localDate}`) ?? 'recompute',
      );
      result = r.result;
      if (r.requeue.length > 0) await repo.markDirty(r.requeue, 'retry', trx);
    });
    return result;
  }

  /**
   * Recompute a batch of the dirty set, oldest first. Under a PostgreSQL advisory lock so that one server
   * process of several does it (another finds the lock taken and returns nothing processed). Idempotent.
   */
  async function processQueue(limit = STATUS_WORKER_BATCH) {
    const keys = await repo.peekQueue(latestToday(), limit);
    if (keys.length === 0) return emptyResult();
    return recompute(keys, true, new Map(keys.map((k) => [`${k.employeeId}|${k.localDate}`, k.reason])));
  }

  /**
   * Rebuild every employee-day in `from`..`to` (up to today) from raw punches, optionally only days whose unit
   * (on the date) is within the subtree `unitPath`: employees in batches of `batchEmployees`, each batch one
   * transaction (the rows of a batch are all written or none), `concurrency` batches in flight. For backfills
   * and benchmarks; the dirty queue is left as it is. Returns counts.
   */
  async function recomputeRange(from: string, to: string, unitPath?: string, reason = 'recompute') {
    const hi = minDate(to, latestToday());
    const totals = { employees: 0, days: 0, changed: 0, adjusted: 0, cleared: 0, failed: 0, requeued: 0 };
    if (from > hi) return totals;
    const dates = eachDay(from, hi);
    const ctx = newContext(dates, await rulesFor(dates), false);
    ctx.unitPath = unitPath;
    const ids = await repo.employeeIdsInRange(db, from, hi, unitPath);
    totals.employees = ids.length;
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const batch = ids.slice(next, (next += batchEmployees));
        const work = new Map(batch.map((id) => [id, dates]));
        const { result, requeue } = await db.transaction().execute(async (trx) => {
          const r = await computeBatch(trx, work, ctx, () => reason);
          if (r.requeue.length > 0) await repo.markDirty(r.requeue, 'retry', trx);
          return r;
        });
        totals.days += result.computed;
        totals.changed += result.changed;
        totals.adjusted += result.adjusted;
        totals.cleared += result.cleared;
        totals.failed += result.failed.length;
        totals.requeued += requeue.length;
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, Math.ceil(ids.length / batchEmployees)) }, worker),
    );
    return totals;
  }

  /**
   * Store the missing days of the employee in `from`..`to` (up to today; stored days and "no data" days are left
   * alone). A write: for commands and tests, never for a read (a GET stores nothing: `employeeDays`).
   */
  async function ensureRange(employeeId: string, from: string, to: string) {
    const [emp] = await repo.employees([employeeId]);
    if (!emp) throw notFound('Pegawai');
    const today = toZoned(clock.now().getTime(), emp.timeZone as IndonesianTimeZone).date;
    const lo = maxDate(from, emp.activeFrom);
    const hi = minDate(minDate(to, today), emp.activeTo ?? to);
    if (lo > hi) return emptyResult();
    const have = new Set(await repo.storedDates(employeeId, lo, hi));
    const missing = eachDay(lo, hi).filter((d) => !have.has(d));
    if (missing.length === 0) return emptyResult();
    return recompute(
      missing.map((localDate) => ({ employeeId, localDate })),
      false,
    );
  }

  /**
   * The days of one employee in `from`..`to` as a reader sees them, writing nothing ("reading never writes"):
   * days with data that are stored; days with data that have ended but are not stored yet (the queue is behind,
   * or the unit's go-live was moved earlier) classified in memory exactly as the worker will store them
   * (`provisional`); and the "no data" days with their reason (before the go-live of the employee's unit on the
   * date, outside their service; src/core/recap/no-data.ts), a stored row of such a day being ignored until the
   * worker or `statuses:repair` removes it. Today and later days that are not stored are left out.
   * Source: issue 13 point 1.
   */
  async function employeeDays(employeeId: string, from: string, to: string) {
    const [emp] = await repo.employees([employeeId]);
    if (!emp) throw notFound('Pegawai');
    const [rows, places] = await Promise.all([
      repo.list(employeeId, from, to),
      repo.placementsOf(db, [employeeId], from, to),
    ]);
    const unitIds = new Set([emp.unitId, ...places.map((p) => p.unitId), ...rows.map((r) => r.unitId)]);
    const units = new Map((await repo.unitsById(db, [...unitIds])).map((u) => [u.id, u]));
    const storedOn = new Map(rows.map((r) => [r.localDate, r]));
    const noData: { localDate: string; reason: string }[] = [];
    const stored: typeof rows = [];
    const missing: DayKey[] = [];
    const nowMs = clock.now().getTime();
    for (const date of eachDay(from, to)) {
      const unit = units.get(unitOn(emp, places, date));
      if (!unit) continue;
      const reason = noDataReason(date, { ...emp, attendanceStart: unit.attendanceStart });
      const row = storedOn.get(date);
      if (reason) noData.push({ localDate: date, reason });
      else if (row) stored.push(row);
      else if (date < toZoned(nowMs, unit.timeZone as IndonesianTimeZone).date)
        missing.push(dayKey(employeeId, date));
    }
    let provisional: DayStatusRow[] = [];
    let failed: RecomputeResult['failed'] = [];
    if (missing.length > 0) {
      const dates = missing.map((k) => k.localDate);
      const ctx = newContext(dates, await rulesFor(dates), true);
      const c = await classifyBatch(db, byEmployee(missing), ctx);
      provisional = [...c.open, ...c.closedRows.map((x) => x.row)];
      failed = c.result.failed;
    }
    const days = [
      ...stored.map((r) => ({ ...r, provisional: false })),
      ...provisional.map((r) => ({ ...r, computedAt: clock.now(), provisional: true })),
    ].sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
    return {
      employee: emp,
      days,
      noData,
      /** Days stored before that are "no data" now (ignored here; removed by the worker or the repair). */
      staleNoData: rows.filter((r) => noData.some((n) => n.localDate === r.localDate)).length,
      failed,
    };
  }

  /** Read access: the employee, their superiors (incl. Plt/Plh on the superior's own day) and attendance.read in scope. */
  async function canRead(actor: Actor, employeeId: string, unitPath: string) {
    if (actor.employeeId === employeeId) return true;
    if (inScope(scopeOf(actor, 'attendance.read'), unitPath)) return true;
    if (!actor.employeeId) return false;
    const holders = await relations.actingForToday(actor.employeeId);
    return repo.isStaffOf(employeeId, [actor.employeeId, ...holders]);
  }

  /**
   * GET /api/statuses: the days of one employee (`employeeDays`): stored ones, ended ones not stored yet computed
   * in memory (`provisional`), and the "no data" days with their reason. Stores nothing.
   */
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
    const v = await employeeDays(employeeId, q.from, q.to);
    return {
      items: v.days.map((r) => ({
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
        provisional: r.provisional,
      })),
      noData: v.noData,
    };
  }

  /**
   * A unit's go-live date changed (org service, after its commit): the days between the old and the new date
   * of the employees placed in the unit then — now "no data" (to be removed) or now with data (to be stored) —
   * are queued, at most MAX_BACKFILL_DAYS back and up to today; the worker recomputes them and their recaps.
   * Returns how many days were queued.
   */
  async function markGoLiveChanged(changes: { unitId: string; from: string; to: string }[]) {
    const today = latestToday();
    const floor = addDays(today, -MAX_BACKFILL_DAYS);
    const ranges = changes
      .map((c) => ({ unitId: c.unitId, from: maxDate(c.from, floor), to: minDate(c.to, today) }))
      .filter((c) => c.from <= c.to);
    if (ranges.length === 0) return 0;
    return repo.markUnitDaysDirty(ranges, 'go-live');
  }

  /**
   * Repair an installation (issue 13): every stored day that is "no data" — before the go-live of its unit, or
   * outside the employee's service (e.g. the false TK days a read stored before the installation existed) — is
   * removed through the recompute path, month by month, batch by batch: its month row loses the day, an open
   * adjustment of it is void, a day of a closed month is carried into the next open month as an adjustment to no
   * data, and the recap of every touched employee-month is stored again (a month left without days loses its
   * recap row). Idempotent: a second run finds nothing. Returns counts.
   */
  async function repairNoData(onMonth?: (month: string, days: number) => void) {
    const totals = { months: 0, employees: 0, days: 0, cleared: 0, adjusted: 0 };
    const employees = new Set<string>();
    for (const month of await repo.storedMonths(db)) {
      const keys = await repo.noDataKeys(db, month);
      onMonth?.(month.slice(0, 7), keys.length);
      if (keys.length === 0) continue;
      totals.months++;
      totals.days += keys.length;
      const work = byEmployee(keys);
      for (const id of work.keys()) employees.add(id);
      const ids = [...work.keys()];
      for (let i = 0; i < ids.length; i += batchEmployees) {
        const batch = new Map(ids.slice(i, i + batchEmployees).map((id) => [id, work.get(id)!]));
        const dates = [...new Set([...batch.values()].flat())];
        const ctx = newContext(dates, await rulesFor(dates), false);
        const { result } = await db
          .transaction()
          .execute((trx) => computeBatch(trx, batch, ctx, () => 'go-live'));
        totals.cleared += result.cleared;
        totals.adjusted += result.adjusted;
      }
    }
    totals.employees = employees.size;
    return totals;
  }

  /** Stored month rows (employee, first day of the month), unpacked, read through `exec`: the recap reads them. */
  /** Stored month rows; `withReasons` false leaves the days' reasons out (readers that count codes only). */
  const monthRows = (keys: [employeeId: string, month: string][], exec: Exec = db, withReasons = true) =>
    repo.months(exec, keys, withReasons);

  /**
   * The open adjustments of the days of a closed month (`YYYY-MM`) of some employees, read through `exec`: a day
   * that counts differently since the closing (a permit approved late, …), its new status (null: "no data") and
   * why. The TPP run of the month reads them over the frozen rows.
   */
  const adjustmentsOfMonth = (employeeIds: readonly string[], month: string, exec: Exec = db) =>
    repo.adjustmentsOfMonth(exec, employeeIds, month);

  /**
   * Of these dates, the ones the employee's stored days show as working days for them (by work pattern or
   * roster), read through `exec`: the leave balance counts the cuti bersama days worked.
   */
  const dutyDates = (employeeId: string, dates: string[], exec: Exec = db) =>
    repo.dutyDates(exec, employeeId, dates);

  /**
   * The dirty queue's lag for GET /metrics: computable employee-days waiting (counted up to STATUS_QUEUE_COUNT_CAP)
   * and the age in seconds of the oldest (null when the queue is empty). Reading never writes.
   */
  const queueLag = () => repo.queueLag(latestToday(), STATUS_QUEUE_COUNT_CAP);

  return {
    queueLag,
    monthRows,
    adjustmentsOfMonth,
    dutyDates,
    markDirty,
    markUnitDirty,
    onRulebookActivated,
    processQueue,
    fillEndedDays,
    recomputeRange,
    ensureRange,
    employeeDays,
    list,
    markGoLiveChanged,
    repairNoData,
  };
}

export type StatusService = ReturnType<typeof createStatusService>;

/** The queue depth the metrics count up to (a count over a backfill's queue stays cheap). */
export const STATUS_QUEUE_COUNT_CAP = 100_000;

/**
 * Run `processQueue` every `intervalMs` (draining while full batches come back) until the returned function
 * is called. Errors go to `onError` and the loop carries on.
 */
export function startStatusWorker(
  service: Pick<StatusService, 'processQueue' | 'fillEndedDays'>,
  intervalMs = STATUS_WORKER_INTERVAL_MS,
  onError: (err: unknown) => void = () => {},
  batch = STATUS_WORKER_BATCH,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    running = (async () => {
      try {
        await service.fillEndedDays();
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
