/**
 * *Kehadiran hari ini*: where an employee stands today, while the day is still running, from the same inputs
 * as the daily classifier (punches so far, approved absences, the resolved schedule, the calendar) plus the
 * time of day, the unit's go-live and the employee's service period.
 *
 * Sources: regulations.md §3.2 (windows, first punch, late after the start plus grace), §3.3 (WFH/WFA days are
 * worked), §4.3 (leave, permit and assignment codes), §5.3 (TL bands); issue 13 points 1 and 3 (go-live: days
 * before it are no data; after the end of the working day a person without a record is absent).
 */
import type { LocalDate } from '../common/local-date.ts';
import { formatDdMmYyyy } from '../common/date-text.ts';
import { formatHhmm, UTC_OFFSET_MINUTES, ZONE_LABEL, type IndonesianTimeZone } from '../common/zoned-time.ts';
import type { DaySchedule } from '../schedule/day-schedule.ts';
import {
  classifyDay,
  type ApprovedAbsence,
  type CalendarDayType,
  type CompiledAttendanceRules,
  type Punch,
} from './classify-day.ts';
import { LEAVE_CODES } from './status-codes.ts';
import { noDataReason } from '../recap/no-data.ts';

/**
 * The statuses of the today view:
 * - `PRESENT` checked in on time (or excused lateness), `LATE` checked in late (or only checked out);
 * - `LEAVE` approved cuti, `PERMIT` approved izin / sakit / dispensasi, `DINAS_LUAR` an approved assignment away
 *   (dinas luar, tugas luar, diklat, tugas belajar), `WFH_WFA` an approved work-from-home/anywhere day;
 * - `NOT_YET_IN` no check-in while the working day runs, `ABSENT` none when it has ended (no record, no leave);
 * - `NO_DATA` before the unit's go-live or outside the employee's service; `OFF` not a working day for them.
 */
export const TODAY_STATUSES = [
  'PRESENT',
  'LATE',
  'LEAVE',
  'PERMIT',
  'DINAS_LUAR',
  'WFH_WFA',
  'NOT_YET_IN',
  'ABSENT',
  'NO_DATA',
  'OFF',
] as const;
export type TodayStatus = (typeof TODAY_STATUSES)[number];

/** Assignment codes shown as "dinas luar" (away on duty). Source: regulations.md §4.3. */
const AWAY_CODES: ReadonlySet<string> = new Set(['DL', 'TGL', 'DIKLAT', 'TB']);
const LEAVE: ReadonlySet<string> = new Set(LEAVE_CODES);

/** Input of {@link todayStatusOf}. */
export interface TodayStatusInput {
  /** The employee's today: the local date in their unit's zone. */
  date: LocalDate;
  zone: IndonesianTimeZone;
  /** Now, as minutes after local midnight of `date`. */
  nowMinute: number;
  /** The unit's go-live (`units.attendance_start`): days before it are no data. */
  goLive: LocalDate;
  activeFrom: LocalDate;
  activeTo: LocalDate | null;
  /** The employee's resolved schedule for `date`; null = not a working day for them. */
  schedule: DaySchedule | null;
  dayType: CalendarDayType;
  holidayName?: string | undefined;
  /** Counted punches (verdict not rejected, corrections included) around the date, in time order. */
  punches: readonly Punch[];
  absences: readonly ApprovedAbsence[];
  rules: CompiledAttendanceRules;
}

/** Where the employee stands today. */
export interface TodayStatusResult {
  status: TodayStatus;
  /** The day code behind LEAVE / PERMIT / DINAS_LUAR / OFF, else null. */
  code: string | null;
  /** Index in `punches` of the check-in (first punch in the check-in window), or null. */
  checkIn: number | null;
  /** Index in `punches` of the check-out (last punch in the check-out window), or null. */
  checkOut: number | null;
  /** Index in `punches` of the day's latest punch (local midnight to midnight, any window), or null. */
  lastPunch: number | null;
  lateMinutes: number;
  lateBand: string | null;
  /** Early leave, only once checked out. */
  earlyMinutes: number;
  earlyBand: string | null;
  reason: string | null;
  /** At work on time (true), late / absent / not in after the deadline (false), not judged (null). */
  compliant: boolean | null;
}

const MS_PER_MINUTE = 60_000;

function result(status: TodayStatus, partial: Partial<TodayStatusResult> = {}): TodayStatusResult {
  return {
    status,
    code: null,
    checkIn: null,
    checkOut: null,
    lastPunch: null,
    lateMinutes: 0,
    lateBand: null,
    earlyMinutes: 0,
    earlyBand: null,
    reason: null,
    compliant: null,
    ...partial,
  };
}

/**
 * Where an employee stands today. Order of the rules:
 * 1. before the unit's go-live, or outside the employee's service → `NO_DATA` (never absent);
 * 2. the daily classifier (`classifyDay`) on the punches so far decides the day's code: an approved full-day
 *    leave / permit / assignment → `LEAVE` / `PERMIT` / `DINAS_LUAR`; no schedule → `OFF` (a punch on such a
 *    day → `PRESENT`, without lateness);
 * 3. a check-in (the first counted punch in the check-in window) → `LATE` with the classifier's minutes and band,
 *    else `PRESENT`; on an approved WFH/WFA day `WFH_WFA` (the lateness is still given); a check-out alone is
 *    `LATE` with the missing-check-in band, as the recap will count it;
 * 4. no check-in: `ABSENT` once the schedule's end has passed, else `NOT_YET_IN` (`WFH_WFA` on such a day).
 * Compliance: judged once the start plus grace has passed (the end, for dynamic hours); excused days, days off
 * and days without data are not judged. The day's latest punch is given whatever the windows (a punch on a day
 * off, or outside the windows, which the rules ignore, still shows).
 * Source: regulations.md §3.2, §3.3, §4.3, §5.3; issue 13 points 1 and 3.
 *
 * @param input the day so far
 * @returns status, the punches used, lateness, early leave (once out), a reason, compliance
 */
export function todayStatusOf(input: TodayStatusInput): TodayStatusResult {
  const midnight = Date.parse(`${input.date}T00:00:00Z`) - UTC_OFFSET_MINUTES[input.zone] * MS_PER_MINUTE;
  const r = statusOf(input, midnight);
  if (r.status === 'NO_DATA') return r;
  // The day's latest punch, whatever the windows: a punch on a day off or outside the windows shows too.
  for (let i = input.punches.length - 1; i >= 0; i--) {
    const at = input.punches[i]!.at;
    if (at >= midnight && at < midnight + 1440 * MS_PER_MINUTE) return { ...r, lastPunch: i };
  }
  return r;
}

function statusOf(input: TodayStatusInput, midnight: number): TodayStatusResult {
  const { date, schedule } = input;
  const noData = noDataReason(date, {
    attendanceStart: input.goLive,
    activeFrom: input.activeFrom,
    activeTo: input.activeTo,
  });
  if (noData !== null) {
    const ended = input.activeTo !== null && date > input.activeTo;
    const from = date < input.activeFrom ? input.activeFrom : ended ? null : input.goLive;
    return result('NO_DATA', { reason: from ? `${noData} (mulai ${formatDdMmYyyy(from)})` : noData });
  }

  const day = classifyDay({
    date,
    zone: input.zone,
    schedule,
    dayType: input.dayType,
    holidayName: input.holidayName,
    punches: input.punches,
    absences: input.absences,
    rules: input.rules,
  });
  const zoneLabel = ZONE_LABEL[input.zone];
  const minuteOf = (i: number) => Math.floor((input.punches[i]!.at - midnight) / MS_PER_MINUTE);
  /** First punch with a minute in [from, to], or null. */
  const first = (from: number, to: number) => {
    for (let i = 0; i < input.punches.length; i++) {
      const m = minuteOf(i);
      if (m >= from && m <= to) return i;
    }
    return null;
  };
  const last = (from: number, to: number) => {
    for (let i = input.punches.length - 1; i >= 0; i--) {
      const m = minuteOf(i);
      if (m >= from && m <= to) return i;
    }
    return null;
  };

  if (day.code !== 'H' && day.code !== 'TK' && !day.nonWorkingDay) {
    const status = LEAVE.has(day.code) ? 'LEAVE' : AWAY_CODES.has(day.code) ? 'DINAS_LUAR' : 'PERMIT';
    return result(status, { code: day.code, reason: day.reasons[0] ?? null });
  }
  if (schedule === null) {
    if (day.code === 'H')
      return result('PRESENT', {
        checkIn: first(0, 1439),
        reason: day.reasons[day.reasons.length - 1] ?? null,
      });
    return result('OFF', { code: day.code, reason: day.reasons.join('; ') || null });
  }

  const away = schedule.workLocation !== 'WFO';
  const start = `${formatHhmm(schedule.start)} ${zoneLabel}`;
  const deadline = schedule.kind === 'flexible' ? schedule.end : schedule.start + schedule.graceMinutes;
  const { checkInWindow: iw, checkOutWindow: ow } = schedule;
  if (day.code === 'H') {
    const checkIn = day.missingCheckIn ? null : first(iw.from, iw.to);
    const checkOut = day.missingCheckOut ? null : last(ow.from, ow.to);
    const late = day.lateBand !== null;
    return result(away ? 'WFH_WFA' : late ? 'LATE' : 'PRESENT', {
      checkIn,
      checkOut,
      lateMinutes: day.lateMinutes,
      lateBand: day.lateBand,
      earlyMinutes: checkOut === null ? 0 : day.earlyMinutes,
      earlyBand: checkOut === null ? null : day.earlyBand,
      reason: checkIn === null ? `Tidak ada presensi masuk → ${day.lateBand ?? '-'}` : null,
      compliant: !late,
    });
  }

  // TK so far: no counted punch in either window, or dynamic hours judged on a check-in and a check-out.
  const checkIn = first(iw.from, iw.to);
  const checkOut = checkIn === null ? null : last(ow.from, ow.to);
  if (checkIn !== null && (checkOut === null || checkOut === checkIn))
    // Dynamic hours with a check-in only, while the day runs: at work (the shortfall is judged at the end).
    return result(away ? 'WFH_WFA' : 'PRESENT', { checkIn, compliant: true });
  if (checkIn !== null)
    return result('ABSENT', {
      checkIn,
      checkOut,
      reason: day.reasons[day.reasons.length - 1] ?? null,
      compliant: false,
    });
  if (input.nowMinute >= schedule.end)
    return result('ABSENT', {
      reason: `Tidak ada presensi masuk hingga akhir jam kerja (${formatHhmm(schedule.end)} ${zoneLabel}) dan tidak ada cuti/izin yang disetujui`,
      compliant: false,
    });
  const overdue = input.nowMinute > deadline;
  return result(away ? 'WFH_WFA' : 'NOT_YET_IN', {
    reason: overdue ? `Belum presensi masuk (jadwal ${start})` : null,
    compliant: overdue ? false : null,
  });
}

/** Counts per status, with compliance over the judged. */
export interface TodaySummary {
  counts: Record<TodayStatus, number>;
  total: number;
  compliance: number | null;
  judged: number;
}

/** An empty summary. */
export function emptyTodaySummary(): TodaySummary {
  return {
    counts: Object.fromEntries(TODAY_STATUSES.map((s) => [s, 0])) as Record<TodayStatus, number>,
    total: 0,
    compliance: null,
    judged: 0,
  };
}

/**
 * Add one employee to a summary (compliance is recomputed by {@link finishTodaySummary}).
 * Source: issue 13 point 3 (counts per status; a compliance share for ranking).
 */
export function addToTodaySummary(
  s: TodaySummary & { compliantCount?: number },
  r: Pick<TodayStatusResult, 'status' | 'compliant'>,
) {
  s.counts[r.status]++;
  s.total++;
  if (r.compliant !== null) {
    s.judged++;
    if (r.compliant) s.compliantCount = (s.compliantCount ?? 0) + 1;
  }
}

/**
 * The compliance share of a summary: compliant / judged, three decimals, null when nobody is judged.
 * Source: issue 13 point 3.
 */
export function finishTodaySummary(s: TodaySummary & { compliantCount?: number }): TodaySummary {
  return {
    counts: s.counts,
    total: s.total,
    judged: s.judged,
    compliance: s.judged === 0 ? null : Math.round(((s.compliantCount ?? 0) / s.judged) * 1000) / 1000,
  };
}
