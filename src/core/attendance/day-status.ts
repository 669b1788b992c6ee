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
  /** Human-readable reasons (Bahasa Indonesia) explaining how the code was reached. */
  reasons: string[];
}
