/**
 * Yearly accumulation of unexcused absence (TK) for the discipline ladder: TK days, late/early minutes converted to
 * days, and runs of consecutive TK working days.
 * Source: PP 94/2021 Pasal 4 huruf f, Pasal 15 ayat (1)–(2); Peraturan BKN 6/2022 (7.5 hours = 1 day);
 * regulations.md §1.3, §1.4, §1.8.
 */
import type { DayStatus } from '../attendance/day-status.ts';
import type { DayCode } from '../attendance/status-codes.ts';
import type { LocalDate } from '../common/local-date.ts';
import type { DisciplineEmployeeType, DisciplineRules } from './discipline-rules.ts';
import { findLadder } from './discipline-rules.ts';

/** A run of consecutive TK working days (non-working days inside it do not break it and are not counted). */
export interface TkStreak {
  /** TK working days in the run. */
  days: number;
  from: LocalDate;
  to: LocalDate;
}

/** One day that added to the yearly count, with the running totals after it. */
export interface DisciplineContribution {
  date: LocalDate;
  /** The day is a TK day (counts one whole day). */
  isTk: boolean;
  /** Minutes late / left early on a non-TK day (0 on TK days, which count as whole days instead). */
  lateMinutes: number;
  earlyMinutes: number;
  /** TK days so far in the year, including this day. */
  runningTkDays: number;
  /** Late + early minutes so far in the year, including this day. */
  runningMinutes: number;
  /** runningTkDays + floor(runningMinutes / minutesPerDay): the ladder count after this day. */
  runningTotalDays: number;
}

/** The yearly discipline count of one employee. */
export interface DisciplineAccumulation {
  year: number;
  employeeType: DisciplineEmployeeType;
  /** Id of the ladder that applies, or null when the rulebook has none for the employee type. */
  ladderId: string | null;
  tkDays: number;
  lateMinutes: number;
  earlyMinutes: number;
  /** The divisor used (450 under PerBKN 6/2022). */
  minutesPerDay: number;
  /** floor((lateMinutes + earlyMinutes) / minutesPerDay). */
  minutesAsDays: number;
  /** Minutes not yet making a whole day (carried to year-end, not reset monthly). */
  remainderMinutes: number;
  /** tkDays + minutesAsDays: the number the ladder is read with. */
  totalDays: number;
  /** The longest run of consecutive TK working days touching the year, or null when there was no TK day. */
  longestTkStreak: TkStreak | null;
  /** The run still open at the last working day in the data (0 days when that day was not TK). */
  currentStreak: TkStreak | null;
  /** The consecutive-run threshold of the employee type's ladder, or null when it has none. */
  consecutiveThreshold: number | null;
  /** The date a run first reached `consecutiveThreshold` days, or null. */
  consecutiveReachedOn: LocalDate | null;
  /** Days that added to the count, in date order. */
  breakdown: DisciplineContribution[];
  /** Human-readable summary (Bahasa Indonesia). */
  reasons: string[];
}

function byDate(a: DayStatus, b: DayStatus): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** `days` in strictly ascending date order (the input itself when it already is). @throws on a duplicate date. */
function inDateOrder(days: readonly DayStatus[]): readonly DayStatus[] {
  let i = 1;
  while (i < days.length && (days[i - 1] as DayStatus).date < (days[i] as DayStatus).date) i++;
  if (i >= days.length) return days;
  const sorted = [...days].sort(byDate);
  for (let j = 1; j < sorted.length; j++) {
    const date = (sorted[j] as DayStatus).date;
    if ((sorted[j - 1] as DayStatus).date === date)
      throw new Error(`Tanggal ganda dalam data kehadiran: ${date}`);
  }
  return sorted;
}

const OTHER = 0;
const TK = 1;
const NON_WORKING = 2;

/** One lookup per day: TK, non-working (transparent to a run) or other (breaks a run). */
function codeKinds(rules: DisciplineRules): Map<DayCode, number> {
  const kinds = new Map<DayCode, number>();
  for (const c of rules.absence.nonWorkingCodes) kinds.set(c, NON_WORKING);
  for (const c of rules.absence.tkCodes) kinds.set(c, TK);
  return kinds;
}

/**
 * A filter for the days of many employees fed to {@link accumulateDiscipline} (the early-warning list reads a
 * year of days for up to thousands of employees): keeps only the days that can change an accumulation. A day
 * that is not TK and has no minutes adds nothing; a non-working one also never breaks a run, so it goes; of
 * consecutive plain working days one is kept, as one breaks a run as well as many. Fed each employee's days in
 * date order (the key tells employees apart); the accumulation of the kept days equals that of all days.
 */
export function accumulationFilter(
  rules: DisciplineRules,
): (
  key: string,
  day: { code: string; nonWorkingDay?: boolean | undefined; lateMinutes: number; earlyMinutes: number },
) => boolean {
  const kinds: ReadonlyMap<string, number> = codeKinds(rules);
  let lastKey = '';
  let lastWasBreak = false;
  return (key, day) => {
    if (key !== lastKey) {
      lastKey = key;
      lastWasBreak = false;
    }
    const kind = day.nonWorkingDay === true ? NON_WORKING : (kinds.get(day.code) ?? OTHER);
    if (kind === TK || day.lateMinutes + day.earlyMinutes !== 0) {
      lastWasBreak = false;
      return true;
    }
    if (kind === NON_WORKING) return false;
    if (lastWasBreak) return false;
    lastWasBreak = true;
    return true;
  };
}

/**
 * Counts TK days and late/early minutes for one employee in one calendar year and finds runs of consecutive TK days.
 *
 * Rules applied (decisions documented in the rulebook and in regulations.md):
 * - the count is cumulative January–December of `year` (PP 94/2021 Pasal 15 ayat (1)); days of other years are
 *   ignored for the count;
 * - a day whose code is in `rules.absence.tkCodes` counts one whole day; its minutes are not added again;
 * - late + early minutes of every other day in the year are summed for the year (not reset per month,
 *   regulations.md §1.4 note a) and converted with `floor(minutes / rules.minutesPerDay.minutes)`
 *   (Peraturan BKN 6/2022: each 7.5 hours = 1 day). The caller supplies minutes already net of grace and excused
 *   permits (`DayStatus.lateMinutes`);
 * - runs: TK working days in a row; days coded in `rules.absence.nonWorkingCodes` (weekends, holidays, cuti
 *   bersama: `LIBUR`, and `CBER` where a region records it), days flagged `nonWorkingDay` (no schedule, e.g. a
 *   holiday punch recorded `H`) and dates absent from `days` neither count nor break a run; any other code on a
 *   working day breaks it
 *   (regulations.md §1.3 "Consecutive count", §1.8; PerBKN 6/2022 annex: TK 1–14 Oct 2022 = 10 working days).
 *   Days of the previous year may be supplied so a run crossing 1 January is seen; only runs with a day in `year`
 *   are reported.
 * The result does not depend on the order of `days`.
 *
 * @param days classified days of the employee (any order; one per date)
 * @param rules the discipline section in force for the year
 * @param employeeType selects the ladder (for the consecutive threshold)
 * @param year calendar year counted
 * @returns the counts, runs and per-day breakdown
 * @throws when two entries share a date (a bug in the caller)
 */
export function accumulateDiscipline(
  days: readonly DayStatus[],
  rules: DisciplineRules,
  employeeType: DisciplineEmployeeType,
  year: number,
): DisciplineAccumulation {
  const sorted = inDateOrder(days);
  const kinds = codeKinds(rules);
  const minutesPerDay = rules.minutesPerDay.minutes;
  const ladder = findLadder(rules, employeeType);
  const threshold = ladder?.consecutive?.days ?? null;
  const yearPrefix = `${year}-`;

  let tkDays = 0;
  let lateMinutes = 0;
  let earlyMinutes = 0;
  const breakdown: DisciplineContribution[] = [];

  let runDays = 0;
  let runFrom: LocalDate = '';
  let runTo: LocalDate = '';
  let runTouchesYear = false;
  let longest: TkStreak | null = null;
  let reachedOn: LocalDate | null = null;

  // Sorted input: when the first and last days are in the year, every day is.
  const allInYear =
    sorted.length > 0 &&
    (sorted[0] as DayStatus).date.startsWith(yearPrefix) &&
    (sorted[sorted.length - 1] as DayStatus).date.startsWith(yearPrefix);

  for (let i = 0; i < sorted.length; i++) {
    const day = sorted[i] as DayStatus;
    const inYear = allInYear || day.date.startsWith(yearPrefix);
    // A date without a schedule is never a working day, whatever its code (e.g. a holiday punch recorded H).
    const kind = day.nonWorkingDay === true ? NON_WORKING : (kinds.get(day.code) ?? OTHER);
    const isTk = kind === TK;

    if (isTk) {
      if (runDays === 0) {
        runFrom = day.date;
        runTouchesYear = false;
      }
      runDays++;
      runTo = day.date;
      if (inYear) runTouchesYear = true;
      if (runTouchesYear && (longest === null || runDays > longest.days)) {
        longest = { days: runDays, from: runFrom, to: runTo };
      }
      if (threshold !== null && runDays === threshold && reachedOn === null && inYear) reachedOn = day.date;
    } else if (kind === OTHER) {
      runDays = 0;
    }

    if (!inYear) continue;
    let late = 0;
    let early = 0;
    if (isTk) {
      tkDays++;
    } else {
      late = day.lateMinutes;
      early = day.earlyMinutes;
      if (late + early === 0) continue;
      lateMinutes += late;
      earlyMinutes += early;
    }
    const runningMinutes = lateMinutes + earlyMinutes;
    breakdown.push({
      date: day.date,
      isTk,
      lateMinutes: late,
      earlyMinutes: early,
      runningTkDays: tkDays,
      runningMinutes,
      runningTotalDays: tkDays + Math.floor(runningMinutes / minutesPerDay),
    });
  }

  const currentStreak: TkStreak | null =
    runDays > 0 && runTouchesYear ? { days: runDays, from: runFrom, to: runTo } : null;
  const totalMinutes = lateMinutes + earlyMinutes;
  const minutesAsDays = Math.floor(totalMinutes / minutesPerDay);
  const remainderMinutes = totalMinutes - minutesAsDays * minutesPerDay;
  const totalDays = tkDays + minutesAsDays;

  const reasons = [
    `Tahun ${year}: ${tkDays} hari tidak masuk kerja tanpa alasan yang sah (TK).`,
    `Terlambat ${lateMinutes} menit + pulang sebelum waktunya ${earlyMinutes} menit = ${totalMinutes} menit; ` +
      `setiap ${minutesPerDay} menit dihitung 1 hari → ${minutesAsDays} hari (sisa ${remainderMinutes} menit).`,
    `Jumlah kumulatif: ${tkDays} + ${minutesAsDays} = ${totalDays} hari.`,
  ];
  if (longest !== null) {
    reasons.push(
      `TK berturut-turut terpanjang: ${longest.days} hari kerja (${longest.from} s.d. ${longest.to}).`,
    );
  }
  if (reachedOn !== null && threshold !== null) {
    reasons.push(`TK ${threshold} hari kerja berturut-turut tercapai pada ${reachedOn}.`);
  }

  return {
    year,
    employeeType,
    ladderId: ladder?.id ?? null,
    tkDays,
    lateMinutes,
    earlyMinutes,
    minutesPerDay,
    minutesAsDays,
    remainderMinutes,
    totalDays,
    longestTkStreak: longest,
    currentStreak,
    consecutiveThreshold: threshold,
    consecutiveReachedOn: reachedOn,
    breakdown,
    reasons,
  };
}
