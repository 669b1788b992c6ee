/**
 * The monthly kinerja figure (0..1) an employee brings to the TPP kinerja component, made the way the region's
 * rulebook says (`performance.kinerjaFigure`). Pure: the caller reads the month's stored day codes, the accepted
 * minutes per day and the predikat of the approved periodic evaluation covering the month.
 * Source: regulations.md §5.2 (kinerja component; DKI effective minutes, 300 a day, reduced by absence; Ogan Ilir
 * daily reports), §5.4 (no LKH = day absent / zero effective minutes), §5.5 (`kinerja_score(e,m)` 0..1, REG mapping),
 * §6.3 (predikat); the rulebook sections `kinerjaFigure`, `dailyReports`, `tppKinerjaScore`.
 *
 * Rounding: every ratio is computed on integers (days, minutes, basis points of 1/10,000) and rounded half up to
 * four decimals (`ratioBp`); a predikat score is taken to four decimals; GABUNGAN weighs the two rounded parts
 * and rounds the weighted sum half up again.
 */
import type { KinerjaFigureMethod, PerformanceRules, Predikat } from './performance-rules.ts';
import { PREDIKAT_LABELS } from './performance-rules.ts';

/** What the figure reads of the rulebook. */
export type KinerjaFigureRules = Pick<PerformanceRules, 'kinerjaFigure' | 'dailyReports' | 'tppKinerjaScore'>;

/** One day of the month of one employee. */
export interface KinerjaFigureDay {
  /** YYYY-MM-DD. */
  date: string;
  /** The stored day code (H, TK, LIBUR, CT …); null = no data for the day (never required). */
  code: string | null;
  /** Minutes of the day's ACCEPTED reports. */
  minutesAccepted: number;
  /** Whether at least one report of the day was accepted. */
  hasAcceptedReport: boolean;
}

/** How a day counted. */
export interface KinerjaFigureDayResult {
  date: string;
  required: boolean;
  /** Minutes counted toward the figure (MENIT_EFEKTIF: capped at the effective minutes a day). */
  minutesCounted: number;
  /** Accepted minutes reach the daily minimum (with at least one accepted report). */
  meetsMinimum: boolean;
  note: string | null;
}

export type KinerjaFigureStatus = 'FINAL' | 'PENDING';

export interface KinerjaFigureResult {
  /** 0..1 with four decimals; null when there are no required days (report methods) or the figure is pending. */
  score: number | null;
  method: KinerjaFigureMethod;
  status: KinerjaFigureStatus;
  requiredDays: number;
  daysMeetingMinimum: number;
  /** Required days × the daily minimum (MENIT_EFEKTIF: × the effective minutes a day). */
  minutesRequired: number;
  /** Accepted minutes of every day of the month (also days without data). */
  minutesAccepted: number;
  /** Accepted minutes that count (required days; MENIT_EFEKTIF capped per day). */
  minutesCounted: number;
  /** The predikat part (PREDIKAT, GABUNGAN) and the report part (the other methods, GABUNGAN). */
  evaluationScore: number | null;
  reportScore: number | null;
  days: KinerjaFigureDayResult[];
  /** Indonesian lines explaining the figure. */
  explanation: string[];
}

/** Basis points (1/10,000) of num/den rounded half up, on integers. Source: this module's rounding rule. */
export function ratioBp(num: number, den: number): number {
  if (den <= 0) throw new Error('ratioBp: denominator must be positive');
  return Math.floor((2 * num * 10_000 + den) / (2 * den));
}

/** A 0..1 value to basis points (four decimals, half up). */
const toBp = (x: number) => Math.floor(x * 10_000 + 0.5 + 1e-9);
const fromBp = (bp: number) => bp / 10_000;

/** "0,9000": four decimals with a decimal comma (Indonesian). */
export function formatScore(score: number): string {
  return score.toFixed(4).replace('.', ',');
}
/** "6.600": thousands with a dot (Indonesian). */
const num = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Whether a day requires a report: a working day with data, not LIBUR, not an excused code. */
export function isRequiredDay(code: string | null, rules: Pick<PerformanceRules, 'dailyReports'>): boolean {
  return code !== null && code !== 'LIBUR' && !rules.dailyReports.excusedDayCodes.includes(code);
}

type ReportsMethod = 'LAPORAN_HARIAN' | 'MENIT_EFEKTIF';

/**
 * The monthly kinerja figure of one employee.
 * - PREDIKAT: `tppKinerjaScore` of the predikat; without an approved evaluation `whenNoEvaluation`, or PENDING
 *   when that is null (regulations.md §5.5, §6.3).
 * - LAPORAN_HARIAN: required days whose accepted minutes reach `minMinutesPerDay` / required days (§5.2 Ogan Ilir,
 *   §5.4: no LKH = the day counts as absent).
 * - MENIT_EFEKTIF: Σ min(accepted minutes, effectiveMinutesPerDay) over required days / (effectiveMinutesPerDay ×
 *   required days); TK days stay required, so absence lowers the figure (§5.2 DKI).
 * - GABUNGAN: evaluationWeightPercent % of the predikat part + the rest of the `reportsMethod` part.
 * No required days (report methods) → score null with the reason.
 *
 * @param rules the rulebook's performance section in force at the end of the month
 * @param days every day of the month (code null = no data)
 * @param predikat the predikat of the approved periodic evaluation covering the month, or null
 */
export function computeKinerjaFigure(
  rules: KinerjaFigureRules,
  days: readonly KinerjaFigureDay[],
  predikat: Predikat | null,
): KinerjaFigureResult {
  const kf = rules.kinerjaFigure;
  const minPerDay = rules.dailyReports.minMinutesPerDay;
  const reportsMethod: ReportsMethod | null =
    kf.method === 'LAPORAN_HARIAN' || kf.method === 'MENIT_EFEKTIF'
      ? kf.method
      : kf.method === 'GABUNGAN'
        ? (kf.reportsMethod ?? 'LAPORAN_HARIAN')
        : null;
  const eff = kf.effectiveMinutesPerDay ?? minPerDay;

  let requiredDays = 0;
  let met = 0;
  let minutesAccepted = 0;
  let minutesCounted = 0;
  const dayResults: KinerjaFigureDayResult[] = days.map((d) => {
    const minutes = Math.max(0, Math.trunc(d.minutesAccepted));
    minutesAccepted += minutes;
    const required = isRequiredDay(d.code, rules);
    const meetsMinimum = d.hasAcceptedReport && minutes >= minPerDay;
    let counted = 0;
    let note: string | null = null;
    if (d.code === null) note = 'Tidak ada data kehadiran: tidak dihitung';
    else if (d.code === 'LIBUR') note = 'Hari libur: tidak wajib lapor';
    else if (!required) note = `Kode ${d.code} dikecualikan: tidak wajib lapor`;
    if (required) {
      requiredDays++;
      if (meetsMinimum) met++;
      counted = reportsMethod === 'MENIT_EFEKTIF' ? Math.min(minutes, eff) : minutes;
      minutesCounted += counted;
      if (d.code === 'TK') note = 'Tanpa keterangan: tetap dihitung sebagai hari wajib';
    }
    return { date: d.date, required, minutesCounted: counted, meetsMinimum: required && meetsMinimum, note };
  });

  const explanation: string[] = [];
  const minutesRequired = requiredDays * (reportsMethod === 'MENIT_EFEKTIF' ? eff : minPerDay);

  // The report part.
  let reportBp: number | null = null;
  if (reportsMethod !== null) {
    if (requiredDays === 0) {
      explanation.push(
        'Tidak ada hari kerja wajib lapor pada bulan ini (tanpa data, libur atau dikecualikan): nilai laporan tidak dapat dihitung',
      );
    } else if (reportsMethod === 'LAPORAN_HARIAN') {
      reportBp = ratioBp(met, requiredDays);
      explanation.push(
        `${requiredDays} hari kerja wajib; ${met} hari dengan laporan diterima ≥ ${num(minPerDay)} menit → ${formatScore(fromBp(reportBp))}`,
      );
    } else {
      reportBp = ratioBp(minutesCounted, eff * requiredDays);
      explanation.push(
        `${requiredDays} hari kerja wajib × ${num(eff)} menit efektif = ${num(eff * requiredDays)} menit; ` +
          `${num(minutesCounted)} menit diterima (paling banyak ${num(eff)} menit per hari) → ${formatScore(fromBp(reportBp))}`,
      );
    }
  }

  // The predikat part.
  let evalBp: number | null = null;
  let pending = false;
  if (kf.method === 'PREDIKAT' || kf.method === 'GABUNGAN') {
    if (predikat) {
      evalBp = toBp(rules.tppKinerjaScore.byPredikat[predikat]);
      explanation.push(
        `Predikat penilaian periodik yang disetujui: ${PREDIKAT_LABELS[predikat]} → ${formatScore(fromBp(evalBp))}`,
      );
    } else if (kf.whenNoEvaluation !== null) {
      evalBp = toBp(kf.whenNoEvaluation);
      explanation.push(
        `Belum ada penilaian periodik yang disetujui untuk bulan ini: dipakai nilai pengganti rulebook ${formatScore(fromBp(evalBp))}`,
      );
    } else {
      pending = true;
      explanation.push(
        'Belum ada penilaian periodik yang disetujui untuk bulan ini: angka kinerja menunggu penilaian',
      );
    }
  }

  let scoreBp: number | null;
  if (kf.method === 'PREDIKAT') scoreBp = evalBp;
  else if (kf.method === 'GABUNGAN') {
    const w = kf.evaluationWeightPercent ?? 0;
    if (evalBp === null || reportBp === null) scoreBp = null;
    else {
      const weighted = w * evalBp + (100 - w) * reportBp;
      scoreBp = Math.floor((2 * weighted + 100) / 200 + 1e-9);
      explanation.push(
        `Gabungan: ${w}% × ${formatScore(fromBp(evalBp))} + ${100 - w}% × ${formatScore(fromBp(reportBp))} = ${formatScore(fromBp(scoreBp))}`,
      );
    }
  } else scoreBp = reportBp;

  return {
    score: scoreBp === null || pending ? null : fromBp(Math.min(10_000, Math.max(0, scoreBp))),
    method: kf.method,
    status: pending ? 'PENDING' : 'FINAL',
    requiredDays,
    daysMeetingMinimum: met,
    minutesRequired,
    minutesAccepted,
    minutesCounted,
    evaluationScore: evalBp === null ? null : fromBp(evalBp),
    reportScore: reportBp === null ? null : fromBp(reportBp),
    days: dayResults,
    explanation,
  };
}
