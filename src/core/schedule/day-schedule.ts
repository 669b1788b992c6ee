import type { LocalDate } from '../common/local-date.ts';
import type { IndonesianTimeZone, MinuteOfDay } from '../common/zoned-time.ts';
import type { WorkLocation } from '../attendance/status-codes.ts';

/**
 * The resolved working schedule of one employee on one date, in the unit's local time.
 * Minutes are counted from local midnight of `date`; an overnight shift has `end` > 1440.
 * Produced by the schedule resolver; consumed by the daily classifier.
 */
export interface DaySchedule {
  date: LocalDate;
  zone: IndonesianTimeZone;
  kind: 'regular' | 'ramadan' | 'shift' | 'flexible';
  /** Shift code when `kind` is `shift` (e.g. "MALAM"). */
  shiftCode?: string;
  /** Scheduled start and end (end may exceed 1440 for overnight shifts). */
  start: MinuteOfDay;
  end: MinuteOfDay;
  breaks: { start: MinuteOfDay; end: MinuteOfDay }[];
  /** Minutes after `start` during which a check-in is not late. */
  graceMinutes: number;
  /** Window in which a punch counts as a check-in (minutes from local midnight of `date`). */
  checkInWindow: { from: MinuteOfDay; to: MinuteOfDay };
  /** Window in which a punch counts as a check-out (may run past midnight). */
  checkOutWindow: { from: MinuteOfDay; to: MinuteOfDay };
  /** Planned work location for the day (flexible working), WFO by default. */
  workLocation: WorkLocation;
}
