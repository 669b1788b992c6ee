/**
 * The working calendar of one unit: which days are working days, holidays, cuti bersama or weekend,
 * whether a day falls in Ramadan, and working-day (HK) arithmetic over it.
 * Source: Perpres 21/2023 Pasal 3 (5 working days) and Pasal 7 (unit exceptions); Keppres 8/2024 and the
 * yearly SKB 3 Menteri (holidays, cuti bersama); regulations.md §0 ("HK"), §3.1, §3.4.
 */
import type { LocalDate } from '../common/local-date.ts';
import { isoWeekday, yearOf } from '../common/local-date.ts';
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import { toZoned } from '../common/zoned-time.ts';
import type {
  CalendarRules,
  Holiday,
  RamadanPeriod,
  RegionalHoliday,
  WorkPattern,
} from './calendar-rules.ts';
import type { IsWorkingDay } from './working-days.ts';
import { addWorkingDays, countWorkingDays, nthWorkingDayAfter } from './working-days.ts';

/** Kind of a day for one unit. A holiday the unit does not observe is `working` (or `weekend`). */
export type DayType = 'working' | 'weekend' | 'holiday' | 'cuti_bersama';

/** A holiday on a date, whatever its source. */
export interface HolidayInfo {
  date: LocalDate;
  name: string;
  kind: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';
  note?: string;
}

/** The calendar of one unit, built by {@link buildCalendar}. */
export interface Calendar {
  unitCode: string;
  zone: IndonesianTimeZone;
  workPattern: WorkPattern;
  /** Whether this unit takes cuti bersama as a day off (rule setting per pattern/unit). */
  observesCutiBersama: boolean;
  dayType(date: LocalDate): DayType;
  /** A working day for the unit (usable directly as an `IsWorkingDay` predicate). */
  isWorkingDay: IsWorkingDay;
  /** Holiday on the date (national, cuti bersama or regional for this unit), observed or not. */
  holiday(date: LocalDate): HolidayInfo | null;
  holidayName(date: LocalDate): string | null;
  isRamadan(date: LocalDate): boolean;
  ramadanPeriod(date: LocalDate): RamadanPeriod | null;
  /** True when the rulebook has the national holiday list of that year (else HK counts are unreliable). */
  hasHolidayYear(year: number): boolean;
  /** `date` plus `n` working days of this unit (negative goes back). */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** The n-th working day strictly after `date`. */
  nthWorkingDayAfter(date: LocalDate, n: number): LocalDate;
  /** Working days in the inclusive range. */
  countWorkingDays(from: LocalDate, to: LocalDate): number;
  /** The unit's local date of an instant (epoch ms), in the unit's time zone. */
  localDateOf(epochMs: number): LocalDate;
}

/** Options of {@link buildCalendar}. */
export interface BuildCalendarOptions {
  unitCode: string;
  /** Force a work pattern code; by default the unit's assignment in `rules.units`, else the default pattern. */
  workPattern?: string;
  /** The unit's time zone (WIB by default). */
  zone?: IndonesianTimeZone;
}

/**
 * True when `unitCode` is `code` or one of its sub-units (`code.` prefix), e.g. "1.02" covers "1.02.03".
 * Source: internal convention for unit trees (instansi → OPD → bidang/UPTD), PRODUCT.md "Organisation".
 */
export function unitCodeMatches(code: string, unitCode: string): boolean {
  return unitCode === code || unitCode.startsWith(`${code}.`);
}

/** Length of the most specific code in `codes` matching the unit, or -1. */
function matchDepth(codes: readonly string[] | undefined, unitCode: string): number {
  if (!codes) return 0;
  let best = -1;
  for (const c of codes) if (unitCodeMatches(c, unitCode) && c.length > best) best = c.length;
  return best;
}

/**
 * Build the calendar of one unit from the calendar rules.
 * Work pattern: `options.workPattern`, else the most specific `rules.units` entry for the unit, else
 * `rules.defaultWorkPattern`. Cuti bersama is a day off unless the pattern or the unit entry says otherwise
 * (SKB 3 Menteri: essential public services keep running).
 * Source: Perpres 21/2023 Pasal 3 and 7; SKB 3 Menteri per year; PP 11/2017 Pasal 333; regulations.md §3.1, §3.4.
 * @throws when the work pattern code is unknown (the rulebook failed validation).
 */
export function buildCalendar(rules: CalendarRules, options: BuildCalendarOptions): Calendar {
  const { unitCode } = options;
  const zone = options.zone ?? 'Asia/Jakarta';

  let assignment: CalendarRules['units'][number] | undefined;
  let depth = -1;
  for (const u of rules.units) {
    const d = matchDepth(u.unitCodes, unitCode);
    if (d > depth) {
      depth = d;
      assignment = u;
    }
  }
  const patternCode = options.workPattern ?? assignment?.workPattern ?? rules.defaultWorkPattern;
  const workPattern = rules.workPatterns.find((p) => p.code === patternCode);
  if (!workPattern) throw new Error(`Pola kerja ${patternCode} tidak didefinisikan`);
  const observesCutiBersama =
    (options.workPattern === undefined ? assignment?.observesCutiBersama : undefined) ??
    workPattern.observesCutiBersama;
  const weekdays = new Set<number>(workPattern.workingWeekdays);

  const national = new Map<LocalDate, Holiday>();
  const years = new Set<number>();
  for (const y of rules.years) {
    years.add(y.year);
    for (const h of y.holidays) national.set(h.date, h);
  }
  const regional = new Map<LocalDate, RegionalHoliday>();
  for (const h of rules.regionalHolidays) if (matchDepth(h.unitCodes, unitCode) >= 0) regional.set(h.date, h);

  const holiday = (date: LocalDate): HolidayInfo | null => {
    const n = national.get(date);
    if (n) return { date, name: n.name, kind: n.kind, ...(n.note ? { note: n.note } : {}) };
    const r = regional.get(date);
    if (r) return { date, name: r.name, kind: 'libur_daerah', ...(r.note ? { note: r.note } : {}) };
    return null;
  };

  const dayType = (date: LocalDate): DayType => {
    const h = holiday(date);
    if (h) {
      if (h.kind === 'cuti_bersama' && observesCutiBersama) return 'cuti_bersama';
      if (h.kind === 'libur_nasional' && workPattern.observesNationalHolidays) return 'holiday';
      if (h.kind === 'libur_daerah') return 'holiday';
    }
    return weekdays.has(isoWeekday(date)) ? 'working' : 'weekend';
  };

  const isWorkingDay: IsWorkingDay = (date) => dayType(date) === 'working';
  const ramadanPeriod = (date: LocalDate): RamadanPeriod | null =>
    rules.ramadan.find((r) => r.start <= date && date <= r.end) ?? null;

  return {
    unitCode,
    zone,
    workPattern,
    observesCutiBersama,
    dayType,
    isWorkingDay,
    holiday,
    holidayName: (date) => holiday(date)?.name ?? null,
    isRamadan: (date) => ramadanPeriod(date) !== null,
    ramadanPeriod,
    hasHolidayYear: (year) => years.has(year),
    addWorkingDays: (date, n) => addWorkingDays(isWorkingDay, date, n),
    nthWorkingDayAfter: (date, n) => nthWorkingDayAfter(isWorkingDay, date, n),
    countWorkingDays: (from, to) => countWorkingDays(isWorkingDay, from, to),
    localDateOf: (epochMs) => toZoned(epochMs, zone).date,
  };
}

/**
 * Years in `from`..`to` for which the calendar has no national holiday list; HK arithmetic in those years
 * would silently treat holidays as working days.
 * Source: regulations.md §0 (HK needs a per-year holiday calendar maintained by an admin).
 */
export function missingHolidayYears(
  calendar: Pick<Calendar, 'hasHolidayYear'>,
  from: LocalDate,
  to: LocalDate,
): number[] {
  const out: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) if (!calendar.hasHolidayYear(y)) out.push(y);
  return out;
}

/**
 * The cuti bersama dates of the rulebook's holiday lists, up to the end of `toYear`, in date order: the days a
 * PNS kept at work "karena jabatannya" gets back as annual leave.
 * Source: PP 11/2017 Pasal 333 ayat (3); regulations.md §3.4.
 */
export function cutiBersamaDates(rules: Pick<CalendarRules, 'years'>, toYear: number): LocalDate[] {
  return rules.years
    .filter((y) => y.year <= toYear)
    .flatMap((y) => y.holidays.filter((h) => h.kind === 'cuti_bersama').map((h) => h.date))
    .sort();
}
