/**
 * The leave request's day counting and approval state machine (pure).
 * Source: PP 11/2017 jo. PP 17/2020 Pasal 309–341 and Peraturan BKN 24/2017 jo. 7/2021 (permohonan cuti diajukan
 * kepada PyBMC melalui atasan langsung; atasan memberi pertimbangan; PyBMC memutuskan); PP 49/2018 Pasal 77;
 * regulations.md §0.1 (PyBMC), §3.4 (cuti bersama), §4.1, §4.2.
 */
import type { LocalDate } from '../common/local-date.ts';
import { addDays, diffDays } from '../common/local-date.ts';

/** What the unit's calendar says about a date (same values as src/core/calendar `DayType`). */
export type LeaveDayType = 'working' | 'weekend' | 'holiday' | 'cuti_bersama';

export interface LeaveDayCount {
  calendarDays: number;
  /** Working days (HK): weekends, holidays and cuti bersama are not counted. */
  workingDays: number;
  /** Cuti bersama days inside the range: they do not reduce the annual-leave balance (PP 11/2017 Pasal 333). */
  cutiBersamaDays: number;
  holidayDays: number;
  weekendDays: number;
}

/** Longest range counted day by day (CLTN 3 + 1 years, with margin). */
export const MAX_LEAVE_RANGE_DAYS = 1500;

/**
 * Counts the days of a leave range on the unit's calendar. Only working days reduce the balance; cuti bersama,
 * holidays and weekends inside the range are counted separately.
 * Source: regulations.md §0 ("HK"), §3.4 (cuti bersama does not reduce CT, PP 11/2017 Pasal 333), §4.1.
 */
export function countLeaveDays(dayType: (d: LocalDate) => LeaveDayType, from: LocalDate, to: LocalDate) {
  const out: LeaveDayCount = {
    calendarDays: 0,
    workingDays: 0,
    cutiBersamaDays: 0,
    holidayDays: 0,
    weekendDays: 0,
  };
  if (to < from) return out;
  const n = Math.min(diffDays(from, to) + 1, MAX_LEAVE_RANGE_DAYS);
  for (let i = 0; i < n; i++) {
    const t = dayType(addDays(from, i));
    out.calendarDays++;
    if (t === 'working') out.workingDays++;
    else if (t === 'cuti_bersama') out.cutiBersamaDays++;
    else if (t === 'holiday') out.holidayDays++;
    else out.weekendDays++;
  }
  return out;
}

/** Request states. */
export const LEAVE_STATUSES = ['DIAJUKAN', 'DISETUJUI_ATASAN', 'DISETUJUI', 'DITOLAK', 'DIBATALKAN'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

/** States that still hold the dates (and, for CT, the balance). */
export const ACTIVE_LEAVE_STATUSES: readonly LeaveStatus[] = ['DIAJUKAN', 'DISETUJUI_ATASAN', 'DISETUJUI'];

/** The step a request waits for: the direct superior, the PyBMC, or nobody (decided). */
export type LeaveStep = 'ATASAN' | 'PYBMC' | null;

/**
 * Whose decision the request waits for. Step 1 (atasan langsung) is skipped when the employee has no superior
 * or the superior is also the PyBMC. Source: Peraturan BKN 24/2017 (alur permohonan cuti); regulations.md §4.1.
 */
export function waitingStep(status: LeaveStatus, hasSuperiorStep: boolean): LeaveStep {
  if (status === 'DIAJUKAN') return hasSuperiorStep ? 'ATASAN' : 'PYBMC';
  if (status === 'DISETUJUI_ATASAN') return 'PYBMC';
  return null;
}

export type LeaveDecision = 'APPROVE' | 'REJECT';

/**
 * The state after a decision at the waiting step. A rejection at any step ends the request (DITOLAK); the
 * superior's approval forwards it to the PyBMC; the PyBMC's approval is final (DISETUJUI).
 * Source: Peraturan BKN 24/2017 jo. 7/2021; regulations.md §4.1.
 * @returns null when no decision is possible in this state
 */
export function afterDecision(
  status: LeaveStatus,
  hasSuperiorStep: boolean,
  decision: LeaveDecision,
): LeaveStatus | null {
  const step = waitingStep(status, hasSuperiorStep);
  if (step === null) return null;
  if (decision === 'REJECT') return 'DITOLAK';
  return step === 'ATASAN' ? 'DISETUJUI_ATASAN' : 'DISETUJUI';
}

/**
 * Whether a request can be cancelled, and by whom: the employee while the leave has not started (any active
 * state); the PyBMC at any time while active, with a reason. Cancelling an approved leave frees its days.
 * Source: PP 11/2017 jo. PP 17/2020 (pembatalan/penangguhan cuti oleh PyBMC) [INF]; regulations.md §4.1.
 */
export function canCancel(
  status: LeaveStatus,
  by: 'EMPLOYEE' | 'PYBMC',
  from: LocalDate,
  today: LocalDate,
): { ok: true } | { ok: false; reason: string } {
  if (!ACTIVE_LEAVE_STATUSES.includes(status))
    return { ok: false, reason: 'Permohonan yang sudah ditolak atau dibatalkan tidak dapat dibatalkan' };
  if (by === 'EMPLOYEE' && from <= today)
    return { ok: false, reason: 'Cuti yang sudah dimulai hanya dapat dibatalkan oleh pejabat pemberi cuti' };
  return { ok: true };
}

/** The 'YYYY-MM' months a range touches (for closed-month checks). */
export function monthsOf(from: LocalDate, to: LocalDate): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
