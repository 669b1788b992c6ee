import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { fieldError } from '../../errors.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  latenessRefusal,
  requestLateness,
  windowOf,
  type RequestWindowKind,
} from '../../../core/permits/request-window.ts';

/** What the late-request check reads: the rulebook of the region and the clock. */
export type RequestWindowDeps = {
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
};

/** How late a request was filed, as stored on its row (null columns = on time). */
export interface StoredLateness {
  lateDays: number | null;
  lateWindowDays: number | null;
}

/**
 * Judge a request by the employee for `date` against the rulebook's window for its kind
 * (`attendance.requestWindows`, src/core/permits/request-window.ts), counted in working days of the employee's
 * unit calendar up to today in the unit's zone, under the rulebook in force today: on time → nulls; late and the
 * rulebook flags it → the working days past the window and the window (stored on the row, shown to the approver
 * as "terlambat N hari kerja"); late and the rulebook refuses it → VALIDATION naming the window and its basis.
 * A record by admin OPD on a signed letter is not judged (the caller does not ask). Source: issue 13 point 11.
 * @throws VALIDATION (field `path`) when the rulebook refuses a late request
 */
export async function judgeLateness(
  deps: RequestWindowDeps,
  emp: { unitCode: string; timeZone: string },
  kind: RequestWindowKind,
  date: string,
  path: string,
  what: string,
): Promise<StoredLateness> {
  const zone = emp.timeZone as IndonesianTimeZone;
  const today = toZoned(deps.clock.now().getTime(), zone).date;
  const none = { lateDays: null, lateWindowDays: null };
  if (date >= today) return none;
  const rules = await deps.rulebooks.rulesOn(deps.config.rulebookRegion, today);
  const window = windowOf(rules.attendance.requestWindows, kind);
  if (!window) return none;
  const calendar = buildCalendar(rules.calendar, { unitCode: emp.unitCode, zone });
  const late = requestLateness(window, date, today, calendar.isWorkingDay);
  if (!late) return none;
  if (late.whenLate === 'refuse') throw fieldError(path, latenessRefusal(what, formatDdMmYyyy(date), late));
  return { lateDays: late.lateDays, lateWindowDays: late.withinWorkingDays };
}

/** The lateness of a stored request as the API shows it. */
export const presentLateness = (r: StoredLateness) =>
  r.lateDays === null ? null : { days: r.lateDays, windowDays: r.lateWindowDays ?? 0 };
