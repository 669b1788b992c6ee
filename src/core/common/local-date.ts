/**
 * Calendar dates without a time zone, as ISO strings `YYYY-MM-DD`.
 * All arithmetic is done on the proleptic Gregorian calendar via UTC epoch days,
 * so it never depends on the machine's time zone.
 */

/** A calendar date `YYYY-MM-DD` (e.g. a work date, an effective date). */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
// Bounded memo of date → epoch day: daily rule evaluation touches few distinct dates (a month, a year) many
// times (schedule resolution, weekday checks). Deterministic; it never changes a result.
const epochDayCache = new Map<string, number>();
// And the other way (formatting a Date is slow; addDays over a month of employees asks for the same few dates).
const dateOfEpochDayCache = new Map<number, LocalDate>();

/**
 * True when `value` is a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30).
 * Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates).
 */
export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Number of days in a month (month 1–12). Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Days since 1970-01-01 for a local date. Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates).
 * @throws on a malformed date (a bug in the caller).
 */
export function toEpochDay(date: LocalDate): number {
  let day = epochDayCache.get(date);
  if (day === undefined) {
    const m = DATE_RE.exec(date);
    if (!m) throw new Error(`Invalid LocalDate: ${date}`);
    day = Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
    if (epochDayCache.size >= 4096) epochDayCache.clear();
    epochDayCache.set(date, day);
  }
  return day;
}

/** The local date for a count of days since 1970-01-01. Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function fromEpochDay(epochDay: number): LocalDate {
  let date = dateOfEpochDayCache.get(epochDay);
  if (date === undefined) {
    date = new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
    if (dateOfEpochDayCache.size >= 4096) dateOfEpochDayCache.clear();
    dateOfEpochDayCache.set(epochDay, date);
  }
  return date;
}

/** `date` plus `days` calendar days (negative goes back). Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function diffDays(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const d = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return (d + 1) as IsoWeekday;
}

/** Inclusive list of dates from `from` to `to`; empty when `to` is before `from`. Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function eachDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const out: LocalDate[] = [];
  for (let d = start; d <= end; d++) out.push(fromEpochDay(d));
  return out;
}

/** Year of a local date (the discipline count runs per calendar year, PP 94/2021 Pasal 15 ayat (1)). Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** First and last day of the month `YYYY-MM` (TPP is computed per month, regulations.md §5.5). Source: ISO 8601 calendar dates (proleptic Gregorian); regulations.md §0 (HK counted on local dates). */
export function monthRange(yearMonth: string): { from: LocalDate; to: LocalDate } {
  const y = Number(yearMonth.slice(0, 4));
  const m = Number(yearMonth.slice(5, 7));
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** The earlier of two dates (ISO strings compare correctly as text). Source: ISO 8601 (lexical order = date order). */
export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

/** The later of two dates (ISO strings compare correctly as text). Source: ISO 8601 (lexical order = date order). */
export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}
