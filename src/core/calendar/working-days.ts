/**
 * Working-day ("hari kerja", HK) arithmetic over a predicate supplied by the caller.
 * HK excludes weekends, national holidays and cuti bersama (regulations.md §0 "HK"); the predicate is built
 * from the unit's calendar, so the same functions serve 5-day, 6-day and regional calendars.
 */
import type { LocalDate } from '../common/local-date.ts';
import { addDays, toEpochDay, fromEpochDay } from '../common/local-date.ts';

/** Whether a date is a working day for the unit in question. */
export type IsWorkingDay = (date: LocalDate) => boolean;

/** Guard against calendars with no working days at all (a validation failure upstream). */
const MAX_SCAN_DAYS = 3660;

/**
 * The n-th working day strictly after `date` (n ≥ 1). `nthWorkingDayAfter(d, 1)` is the next working day.
 * Source: Peraturan BKN 6/2022 (deadlines counted in hari kerja), regulations.md §1.7.
 * @throws when no working day is found within ten years (the calendar is broken).
 */
export function nthWorkingDayAfter(isWorkingDay: IsWorkingDay, date: LocalDate, n: number): LocalDate {
  if (n < 1) throw new Error(`nthWorkingDayAfter needs n >= 1, got ${n}`);
  let d = toEpochDay(date);
  let found = 0;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d += 1;
    if (isWorkingDay(fromEpochDay(d)) && ++found === n) return fromEpochDay(d);
  }
  throw new Error('Kalender tidak memiliki hari kerja');
}

/**
 * `date` plus `n` working days; `n = 0` returns `date` itself, negative `n` goes back.
 * Source: regulations.md §0 (deadlines in HK).
 */
export function addWorkingDays(isWorkingDay: IsWorkingDay, date: LocalDate, n: number): LocalDate {
  if (n === 0) return date;
  if (n > 0) return nthWorkingDayAfter(isWorkingDay, date, n);
  let d = date;
  let left = -n;
  for (let i = 0; i < MAX_SCAN_DAYS && left > 0; i++) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  if (left > 0) throw new Error('Kalender tidak memiliki hari kerja');
  return d;
}

/**
 * Working days in the inclusive range `from`..`to` (0 when `to` is before `from`).
 * Source: regulations.md §0 ("HK" excludes weekends, national holidays and cuti bersama), §5.1 (proration in
 * working days); Peraturan BKN 6/2022 (periods counted in hari kerja).
 */
export function countWorkingDays(isWorkingDay: IsWorkingDay, from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let d = toEpochDay(from), end = toEpochDay(to); d <= end; d++) {
    if (isWorkingDay(fromEpochDay(d))) count++;
  }
  return count;
}
