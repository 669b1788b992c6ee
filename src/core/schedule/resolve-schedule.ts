/**
 * Resolution of one employee-day's schedule (the `DaySchedule` consumed by the daily classifier) from the
 * schedule rules, the unit calendar, overrides, the shift roster and the flexible-work plan.
 * Source: Perpres 21/2023 Pasal 3–8; SE MenPANRB on Ramadan hours; PermenPANRB 4/2025; regulations.md §3.
 */
import type { LocalDate } from '../common/local-date.ts';
import { addDays, isoWeekday } from '../common/local-date.ts';
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import type { WorkLocation } from '../attendance/status-codes.ts';
import type { Calendar } from '../calendar/calendar.ts';
import { unitCodeMatches } from '../calendar/calendar.ts';
import type { DaySchedule } from './day-schedule.ts';
import type {
  DayRule,
  ScheduleOverride,
  ScheduleProfile,
  ScheduleRules,
  UnitScheduleOverride,
} from './schedule-rules.ts';
import { resolvePunchWindow, toMinuteSpans } from './schedule-rules.ts';

/** One roster line: the shift of an employee on a date; `shiftCode: null` = scheduled day off. */
export interface RosterEntry {
  nip: string;
  date: LocalDate;
  shiftCode: string | null;
}

/**
 * Roster lines indexed by employee, then date, for O(1) lookups per employee-day (no key strings are built per
 * lookup). Build once per roster with {@link indexRoster}; a long array passed to {@link resolveDaySchedule} is
 * indexed on first use.
 */
export interface RosterIndex {
  readonly kind: 'roster-index';
  readonly byNip: ReadonlyMap<string, ReadonlyMap<LocalDate, RosterEntry>>;
}

/**
 * Index roster lines by employee and date. The first line of an employee-date wins, as with a scan in order.
 * Source: regulations.md §3.3 (shift rosters), §10 (per-unit shift schedules); performance of daily resolution.
 */
export function indexRoster(entries: readonly RosterEntry[]): RosterIndex {
  const byNip = new Map<string, Map<LocalDate, RosterEntry>>();
  for (const e of entries) {
    let byDate = byNip.get(e.nip);
    if (byDate === undefined) {
      byDate = new Map();
      byNip.set(e.nip, byDate);
    }
    if (!byDate.has(e.date)) byDate.set(e.date, e);
  }
  return { kind: 'roster-index', byNip };
}

// Arrays passed directly are indexed once (weakly held: no growth, no effect on results).
const rosterIndexCache = new WeakMap<readonly RosterEntry[], RosterIndex>();

function rosterLine(
  roster: readonly RosterEntry[] | RosterIndex | undefined,
  nip: string,
  date: LocalDate,
): RosterEntry | undefined {
  if (roster === undefined) return undefined;
  let index: RosterIndex;
  if ('kind' in roster) index = roster;
  else {
    if (roster.length < 16) return roster.find((e) => e.nip === nip && e.date === date);
    let cached = rosterIndexCache.get(roster);
    if (cached === undefined) {
      cached = indexRoster(roster);
      rosterIndexCache.set(roster, cached);
    }
    index = cached;
  }
  return index.byNip.get(nip)?.get(date);
}

/** An approved flexible-location day of an employee. */
export interface FlexibleDay {
  date: LocalDate;
  location: WorkLocation;
}

/** Input of {@link resolveDaySchedule}. */
export interface ResolveDayScheduleInput {
  rules: ScheduleRules;
  /** The calendar of the employee's unit (built with `buildCalendar`). */
  calendar: Calendar;
  date: LocalDate;
  zone: IndonesianTimeZone;
  unitCode: string;
  employeeNip: string;
  /**
   * Roster lines (any employees/dates; only this employee's line for `date` is used), preferably indexed once
   * with {@link indexRoster}; a long array is indexed on first use.
   */
  roster?: readonly RosterEntry[] | RosterIndex;
  /** Approved flexible-location days of this employee (the weekly cap is checked with `checkFlexibleWorkCap`). */
  flexibleDays?: readonly FlexibleDay[];
}

function isEffective(o: ScheduleOverride, date: LocalDate): boolean {
  return o.effectiveFrom <= date && (o.effectiveTo === null || date <= o.effectiveTo);
}

/**
 * The unit override in force on `date` for the unit; the most specific unit code wins.
 * Source: Perpres 21/2023 Pasal 7 (unit exceptions set by the PPK); regulations.md §10.
 */
export function findUnitOverride(
  rules: ScheduleRules,
  unitCode: string,
  date: LocalDate,
): UnitScheduleOverride | null {
  let best: UnitScheduleOverride | null = null;
  let depth = -1;
  for (const o of rules.unitOverrides) {
    if (!isEffective(o, date)) continue;
    for (const c of o.unitCodes)
      if (unitCodeMatches(c, unitCode) && c.length > depth) {
        depth = c.length;
        best = o;
      }
  }
  return best;
}

function findRule(days: readonly DayRule[] | undefined, weekday: number): DayRule | undefined {
  return days?.find((d) => d.weekdays.includes(weekday));
}

/**
 * The resolved schedule of one employee on one date, or `null` when it is not a working day for the employee
 * (weekend, observed holiday or cuti bersama, roster day off, no roster line in a rostered unit).
 *
 * Order: a roster line for the employee-date decides first (shift or day off, holidays included, as rosters
 * cover public-service duty); otherwise the unit calendar decides whether the day is worked, then hours come
 * from the employee override, the unit override, or the profile serving the unit's work pattern, using the
 * Ramadan hours inside the Ramadan period and the Friday rule of the weekday. Overnight shifts end after 1440.
 * Source: Perpres 21/2023 Pasal 3–5 and 7; SE MenPANRB Ramadan (e.g. SE 6/2023); PermenPANRB 4/2025;
 * regulations.md §3.1–3.3.
 * @throws when the rules reference an unknown shift or profile, or a working weekday has no hours
 *   (the rulebook did not pass validation).
 */
export function resolveDaySchedule(input: ResolveDayScheduleInput): DaySchedule | null {
  const { rules, calendar, date, zone, unitCode, employeeNip } = input;
  const workLocation: WorkLocation = input.flexibleDays?.find((d) => d.date === date)?.location ?? 'WFO';
  const unitOverride = findUnitOverride(rules, unitCode, date);
  const employeeOverride =
    rules.employeeOverrides.find((o) => o.nip === employeeNip && isEffective(o, date)) ?? null;

  const rosterEntry = rosterLine(input.roster, employeeNip, date);
  if (rosterEntry) {
    if (rosterEntry.shiftCode === null) return null;
    const shift = rules.shifts.find((s) => s.code === rosterEntry.shiftCode);
    if (!shift) throw new Error(`Shift ${rosterEntry.shiftCode} tidak didefinisikan`);
    const span = toMinuteSpans(shift);
    return {
      date,
      zone,
      kind: 'shift',
      shiftCode: shift.code,
      start: span.start,
      end: span.end,
      breaks: span.breaks,
      graceMinutes:
        shift.graceMinutes ??
        employeeOverride?.graceMinutes ??
        unitOverride?.graceMinutes ??
        rules.punch.graceMinutes,
      checkInWindow: resolvePunchWindow(
        shift.checkInWindow ?? rules.punch.shiftCheckInWindow,
        span.start,
        span.end,
      ),
      checkOutWindow: resolvePunchWindow(
        shift.checkOutWindow ?? rules.punch.shiftCheckOutWindow,
        span.start,
        span.end,
      ),
      workLocation,
    };
  }

  if (calendar.workPattern.dutyFromRoster) return null;
  if (!calendar.isWorkingDay(date)) return null;

  const profileCode =
    employeeOverride?.profile ??
    unitOverride?.profile ??
    rules.profiles.find((p) => p.workPattern === calendar.workPattern.code)?.code ??
    rules.defaultProfile;
  const profile: ScheduleProfile | undefined = rules.profiles.find((p) => p.code === profileCode);
  if (!profile) throw new Error(`Profil jadwal ${profileCode} tidak didefinisikan`);

  const weekday = isoWeekday(date);
  const inRamadan = calendar.isRamadan(date);
  const ramadanRule = inRamadan
    ? (findRule(employeeOverride?.ramadan, weekday) ??
      findRule(unitOverride?.ramadan, weekday) ??
      findRule(profile.ramadan?.days, weekday))
    : undefined;
  const rule =
    ramadanRule ??
    findRule(employeeOverride?.regular, weekday) ??
    findRule(unitOverride?.regular, weekday) ??
    findRule(profile.regular.days, weekday);
  if (!rule) throw new Error(`Jam kerja hari ke-${weekday} pada profil ${profile.code} belum diatur`);

  const span = toMinuteSpans(rule);
  const checkIn = employeeOverride?.checkInWindow ?? unitOverride?.checkInWindow ?? rules.punch.checkInWindow;
  const checkOut =
    employeeOverride?.checkOutWindow ?? unitOverride?.checkOutWindow ?? rules.punch.checkOutWindow;
  const flexibleTime = employeeOverride?.flexibleTime ?? unitOverride?.flexibleTime ?? false;
  return {
    date,
    zone,
    kind: flexibleTime ? 'flexible' : ramadanRule ? 'ramadan' : 'regular',
    start: span.start,
    end: span.end,
    breaks: span.breaks,
    graceMinutes: employeeOverride?.graceMinutes ?? unitOverride?.graceMinutes ?? rules.punch.graceMinutes,
    checkInWindow: resolvePunchWindow(checkIn, span.start, span.end),
    checkOutWindow: resolvePunchWindow(checkOut, span.start, span.end),
    workLocation,
  };
}

/** A week in which the flexible-location cap is exceeded. */
export interface FlexibleCapViolation {
  /** Monday of the ISO week. */
  weekStart: LocalDate;
  dates: LocalDate[];
  count: number;
  max: number;
  message: string;
}

/** Result of {@link checkFlexibleWorkCap}. */
export interface FlexibleCapResult {
  ok: boolean;
  violations: FlexibleCapViolation[];
  /** Days asking for a location the rulebook does not allow. */
  disallowed: { date: LocalDate; location: WorkLocation; message: string }[];
}

/**
 * Check a flexible-location plan (existing plus requested days) against the rulebook: only allowed locations,
 * and at most `maxFlexibleDaysPerWeek` WFH/WFA days per ISO week (Monday–Sunday). WFO days never count.
 * Source: PermenPANRB 4/2025 (flexible location, at most 2 working days per week); regulations.md §3.3, §11.6.
 */
export function checkFlexibleWorkCap(input: {
  rules: Pick<ScheduleRules, 'flexible'>;
  days: readonly FlexibleDay[];
}): FlexibleCapResult {
  const { flexible } = input.rules;
  const byDate = new Map<LocalDate, WorkLocation>();
  for (const d of input.days) byDate.set(d.date, d.location);

  const disallowed: FlexibleCapResult['disallowed'] = [];
  const weeks = new Map<LocalDate, LocalDate[]>();
  for (const [date, location] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!flexible.allowedLocations.includes(location))
      disallowed.push({ date, location, message: `Lokasi kerja ${location} tidak diizinkan (${date})` });
    if (location === 'WFO') continue;
    const weekStart = addDays(date, 1 - isoWeekday(date));
    weeks.set(weekStart, [...(weeks.get(weekStart) ?? []), date]);
  }
  const violations: FlexibleCapViolation[] = [];
  for (const [weekStart, dates] of weeks) {
    if (dates.length > flexible.maxFlexibleDaysPerWeek)
      violations.push({
        weekStart,
        dates,
        count: dates.length,
        max: flexible.maxFlexibleDaysPerWeek,
        message: `Kerja fleksibel (WFH/WFA) ${dates.length} hari pada minggu mulai ${weekStart}, maksimum ${flexible.maxFlexibleDaysPerWeek} hari`,
      });
  }
  return { ok: violations.length === 0 && disallowed.length === 0, violations, disallowed };
}
