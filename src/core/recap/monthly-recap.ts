/**
 * The monthly recap of one employee: what the stored daily statuses of a month add up to. The server stores
 * the same figures with one set-based SQL statement (src/server/modules/recap/recap-repo.ts); this pure version
 * is the reference the tests compare it with and the definition of each figure.
 * Source: regulations.md §0 (HK), §1.3–§1.4 (TK days, minutes → days, 7.5 h = 1 day, PerBKN 6/2022), §3.3
 * (WFO/WFH/WFA), §5.3 (TL1–TL4, PSW1–PSW4), §5.4 (apel against its target).
 */
import type { DayStatus } from '../attendance/day-status.ts';
import { accumulateDiscipline } from '../discipline/accumulate.ts';
import type { DisciplineEmployeeType, DisciplineRules } from '../discipline/discipline-rules.ts';
import type { EarlyBandFigure, LateBandFigure, MonthlyRecapFigures } from './recap-figures.ts';

export { EARLY_BAND_FIGURES, LATE_BAND_FIGURES, RECAP_FIGURES } from './recap-figures.ts';
export type { MonthlyRecapFigures, RecapCountFigure, RecapFigure } from './recap-figures.ts';

/**
 * Add up a month of stored daily statuses of one employee. TK days and the minute total are those of the
 * discipline accumulation (`accumulateDiscipline`, one month instead of a year), so the recap and the
 * discipline ladder never disagree. The month's TK-equivalent is floor(month minutes / divisor); the yearly
 * count (early warning) converts the year's minute total instead, so monthly equivalents need not add up to it.
 * @param days the month's stored days (one per date)
 * @param rules the discipline section in force at the end of the month
 * @param employeeType selects the ladder (does not change the figures)
 */
export function recapOfDays(
  days: readonly DayStatus[],
  rules: DisciplineRules,
  employeeType: DisciplineEmployeeType = 'PNS',
): MonthlyRecapFigures {
  const year = days.length > 0 ? Number((days[0] as DayStatus).date.slice(0, 4)) : 1970;
  const acc = accumulateDiscipline(days, rules, employeeType, year);
  const codeCounts: Record<string, number> = {};
  const f: MonthlyRecapFigures = {
    recordedDays: days.length,
    workingDays: 0,
    codeCounts,
    lateMinutes: acc.lateMinutes,
    earlyMinutes: acc.earlyMinutes,
    tl1: 0,
    tl2: 0,
    tl3: 0,
    tl4: 0,
    psw1: 0,
    psw2: 0,
    psw3: 0,
    psw4: 0,
    missingIn: 0,
    missingOut: 0,
    onTimeDays: 0,
    tkDays: acc.tkDays,
    minutesPerDay: acc.minutesPerDay,
    tkEquivalentDays: acc.minutesAsDays,
    wfoDays: 0,
    wfhDays: 0,
    wfaDays: 0,
  };
  for (const d of days) {
    codeCounts[d.code] = (codeCounts[d.code] ?? 0) + 1;
    if (d.lateBand) f[d.lateBand.toLowerCase() as LateBandFigure]++;
    if (d.earlyBand) f[d.earlyBand.toLowerCase() as EarlyBandFigure]++;
    if (d.workLocation === 'WFO') f.wfoDays++;
    else if (d.workLocation === 'WFH') f.wfhDays++;
    else if (d.workLocation === 'WFA') f.wfaDays++;
    if (d.nonWorkingDay === true) continue;
    f.workingDays++;
    if (d.missingCheckIn) f.missingIn++;
    if (d.missingCheckOut) f.missingOut++;
    if (d.code === 'H' && d.lateBand === null && !d.missingCheckIn) f.onTimeDays++;
  }
  return f;
}

/** Apel attended against its target, as a whole percentage (null when there was no apel to attend). */
export function apelPercent(attended: number, target: number): number | null {
  if (target <= 0) return null;
  return Math.round((Math.min(attended, target) / target) * 100);
}

/** A recap row as frozen by a closing (the fields that make up the content hash). */
export interface CanonicalRecapRow {
  employeeId: string;
  month: string;
  unitId: string;
  [figure: string]: unknown;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/**
 * The canonical text of a unit-month's recap rows: rows ordered by employee id, keys sorted at every level,
 * no whitespace. Its SHA-256 is the closing's content hash, so the same figures always give the same hash
 * whatever order the database returned them in.
 */
export function canonicalRecapText(rows: readonly CanonicalRecapRow[]): string {
  const sorted = [...rows].sort((a, b) =>
    a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0,
  );
  return JSON.stringify(sorted.map(sortKeys));
}
