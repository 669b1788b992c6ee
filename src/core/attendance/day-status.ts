import type { LocalDate } from '../common/local-date.ts';
import type { DayCode, EarlyBand, LateBand, WorkLocation } from './status-codes.ts';

/**
 * The classified status of one employee-day: the output of the daily classifier and the input of the
 * monthly recap, the discipline accumulation and the TPP deductions.
 * A day can carry both a late band and an early band (e.g. "TL2-PSW1"); regulations.md §5.3.
 */
export interface DayStatus {
  date: LocalDate;
  code: DayCode;
  /** Late band when checked in late, or when the check-in is missing and the rulebook maps that to a band. */
  lateBand: LateBand | null;
  /** Early band when checked out early, or when the check-out is missing and the rulebook maps that to a band. */
  earlyBand: EarlyBand | null;
  /** Minutes late counted toward the PP 94/2021 accumulation (after grace, after excusing permits). */
  lateMinutes: number;
  /** Minutes left early counted toward the accumulation. */
  earlyMinutes: number;
  missingCheckIn: boolean;
  missingCheckOut: boolean;
  /** Work location on a day worked; null when not worked. */
  workLocation: WorkLocation | null;
  /**
   * True when the date was not a working day for the employee (no schedule: weekend, holiday, cuti bersama,
   * roster day off), whatever the code says, e.g. a holiday punch recorded as `H`. Such a day neither counts
   * toward nor breaks a run of TK working days, and does not count as a working day of the month.
   * Absent = judged by the code alone. Source: regulations.md §0 (HK), §1.3 ("Consecutive count").
   */
  nonWorkingDay?: boolean;
  /**
   * A lateness made up the same day (KemenPANRB 2018 tolerance, rulebook `attendance.lateMakeUp`): the band and
   * minutes it would have had. Not in `lateBand` / `lateMinutes`; the TPP computation cuts it only beyond the
   * monthly allowance (`tpp.deductions.lateMakeUp`). Null / absent when there was none. Source: regulations.md §3.2.
   */
  madeUpLate?: { band: LateBand; minutes: number } | null;
  /** Human-readable reasons (Bahasa Indonesia) explaining how the code was reached. */
  reasons: string[];
}
