/**
 * Early warning: employees getting close to a discipline threshold of PP 94/2021 Pasal 4 huruf f (cumulative
 * TK days per year, minutes converted to days) or to the consecutive-TK rule. Reads the discipline
 * accumulation and indication (src/core/discipline); it only decides whether to list and how far away
 * each threshold is. Source: PP 94/2021 Pasal 9–11, 15; regulations.md §1.3, §1.8; rulebook
 * `attendance.monthClosing.earlyWarningDays` [REG].
 */
import type { DisciplineAccumulation } from '../discipline/accumulate.ts';
import type { DisciplineIndication } from '../discipline/indicate.ts';

/** One line of the early-warning list. */
export interface EarlyWarning {
  totalDays: number;
  tkDays: number;
  minutesAsDays: number;
  remainderMinutes: number;
  /** The cumulative step already reached (1-based), or null. */
  cumulativeStep: number | null;
  /** The next cumulative threshold and the days still to go, or null past the last step. */
  next: { atDays: number; inDays: number; level: string; sanction: string } | null;
  /** The consecutive-TK rule: run now and days to go, or null when the ladder has none. */
  consecutive: { atDays: number; currentDays: number; inDays: number } | null;
  /** Why the employee is listed (Bahasa Indonesia). */
  reasons: string[];
}

/**
 * The warning for one employee-year, or null when no threshold is within `marginDays` and none is reached.
 * @param acc the yearly accumulation up to the end of the month looked at
 * @param ind the indication computed from it
 * @param marginDays rulebook `earlyWarningDays`
 */
export function earlyWarningOf(
  acc: DisciplineAccumulation,
  ind: DisciplineIndication,
  marginDays: number,
): EarlyWarning | null {
  const next = ind.nextThreshold;
  const cons = ind.consecutive;
  const reasons: string[] = [];
  if (ind.cumulativeStep !== null)
    reasons.push(`Sudah mencapai ambang tingkat ${ind.cumulativeStep} (${acc.totalDays} hari kumulatif).`);
  if (next !== null && next.inDays <= marginDays)
    reasons.push(
      `Ambang ${next.atDays} hari (${next.level}, ${next.sanction}) tinggal ${next.inDays} hari lagi.`,
    );
  if (cons !== null && cons.currentDays > 0 && cons.inDays <= marginDays)
    reasons.push(
      `TK berturut-turut ${cons.currentDays} hari kerja; ambang ${cons.atDays} hari tinggal ${cons.inDays} hari kerja lagi.`,
    );
  if (reasons.length === 0) return null;
  return {
    totalDays: acc.totalDays,
    tkDays: acc.tkDays,
    minutesAsDays: acc.minutesAsDays,
    remainderMinutes: acc.remainderMinutes,
    cumulativeStep: ind.cumulativeStep,
    next:
      next === null
        ? null
        : { atDays: next.atDays, inDays: next.inDays, level: next.level, sanction: next.sanction },
    consecutive: cons,
    reasons,
  };
}
