/**
 * The figures of an employee-month's recap, listed once: the pure recap (`recapOfDays`), the stored row
 * (`monthly_recaps`, src/server/modules/recap/recap-repo.ts), the HTTP contract (`recapRowSchema`,
 * src/shared/api/recap.ts) and the web's recap tables are built from this list, in this order (the order of the
 * answer's keys and of the regional rekap form's columns).
 * Source: regulations.md §0 (HK), §1.3–§1.4 (TK days, minutes → days, PerBKN 6/2022), §3.3 (WFO/WFH/WFA), §5.3
 * (TL1–TL4, PSW1–PSW4).
 */
import type { EarlyBand, LateBand } from '../attendance/status-codes.ts';

/** The late bands as figures: days of the month in band TL1…TL4 (regulations.md §5.3). */
export const LATE_BAND_FIGURES = [
  'tl1',
  'tl2',
  'tl3',
  'tl4',
] as const satisfies readonly Lowercase<LateBand>[];
/** The early-leave bands as figures: days of the month in band PSW1…PSW4 (regulations.md §5.3). */
export const EARLY_BAND_FIGURES = [
  'psw1',
  'psw2',
  'psw3',
  'psw4',
] as const satisfies readonly Lowercase<EarlyBand>[];
export type LateBandFigure = (typeof LATE_BAND_FIGURES)[number];
export type EarlyBandFigure = (typeof EARLY_BAND_FIGURES)[number];

/** Every figure of the month, in order. Each is a whole number, but `codeCounts` (days per code). */
export const RECAP_FIGURES = [
  /** Days with a stored status in the month. */
  'recordedDays',
  /** Hari kerja: days that were working days for the employee (not `nonWorkingDay`). */
  'workingDays',
  /** Days per code (H, TK, CT, I, S, DL, LIBUR, …), every stored day counted once. */
  'codeCounts',
  /** Late / early minutes that count toward PP 94/2021 (TK days excluded: they count as whole days). */
  'lateMinutes',
  'earlyMinutes',
  ...LATE_BAND_FIGURES,
  ...EARLY_BAND_FIGURES,
  /** Working days with a missing check-in / check-out. */
  'missingIn',
  'missingOut',
  /** Working days present on time: `H`, no late band, check-in recorded. */
  'onTimeDays',
  /** TK working days (rulebook `discipline.absence.tkCodes`). */
  'tkDays',
  /** The divisor (`discipline.minutesPerDay`, 450 under PerBKN 6/2022). */
  'minutesPerDay',
  /** floor((lateMinutes + earlyMinutes) / minutesPerDay) for the month alone. */
  'tkEquivalentDays',
  /** Days worked from the office, from home, from anywhere. */
  'wfoDays',
  'wfhDays',
  'wfaDays',
] as const;

export type RecapFigure = (typeof RECAP_FIGURES)[number];
/** The figures that are a count (every one but `codeCounts`). */
export type RecapCountFigure = Exclude<RecapFigure, 'codeCounts'>;

/** The figures of one employee-month (apel and adjustments come from other tables). */
export type MonthlyRecapFigures = { [K in RecapCountFigure]: number } & {
  codeCounts: Record<string, number>;
};
