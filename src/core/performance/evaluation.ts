/**
 * The evaluation of an SKP as pure rules: the periods evaluated (monthly or quarterly, and the annual one), the
 * capaian of an indicator (realisation against target), the distribution curve as a soft check and the objection
 * window. No I/O, no clock: every date is given. Source: PermenPANRB 6/2022 (penilaian periodik dan tahunan,
 * pola distribusi, keberatan); regulations.md §6.1, §6.3, §6.4.
 */
import { MONTHS_ID } from '../common/date-text.ts';
import { addDays, daysInMonth, maxDate, minDate, type LocalDate } from '../common/local-date.ts';
import {
  ORG_PERFORMANCE_LABELS,
  PREDIKAT_LABELS,
  PREDIKATS,
  type OrgPerformance,
  type PerformanceRules,
  type Predikat,
} from './performance-rules.ts';

export type PeriodicFrequency = PerformanceRules['evaluation']['periodicFrequency'];
export type EvaluationKind = 'PERIODIK' | 'TAHUNAN';

/** One period to evaluate. */
export interface EvaluationPeriod {
  kind: EvaluationKind;
  label: string;
  start: LocalDate;
  end: LocalDate;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The periodic periods of a calendar year: twelve months ("Januari 2027") or four quarters ("Triwulan I 2027").
 * Source: PermenPANRB 6/2022 Pasal 5 (penilaian periodik, bulanan atau triwulanan sesuai ketetapan instansi);
 * regulations.md §6.1, §6.2 (Triwulan I–IV).
 */
export function periodsOfYear(year: number, frequency: PeriodicFrequency): EvaluationPeriod[] {
  if (frequency === 'MONTHLY')
    return MONTHS_ID.map((name, i) => ({
      kind: 'PERIODIK' as const,
      label: `${name} ${year}`,
      start: `${year}-${pad(i + 1)}-01`,
      end: `${year}-${pad(i + 1)}-${pad(daysInMonth(year, i + 1))}`,
    }));
  return ROMAN.map((r, i) => {
    const last = (i + 1) * 3;
    return {
      kind: 'PERIODIK' as const,
      label: `Triwulan ${r} ${year}`,
      start: `${year}-${pad(i * 3 + 1)}-01`,
      end: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}`,
    };
  });
}

/**
 * The periods an SKP is evaluated in: each periodic period of its year that overlaps the SKP's span, clipped to
 * it (an SKP from 15 May has "Triwulan II 2027" from 15 May), then the annual evaluation over the whole span
 * ("Tahunan 2027"). Source: PermenPANRB 6/2022 Pasal 5; regulations.md §6.1 (a new SKP on a change of position
 * mid-year, both periods kept).
 *
 * @param skpStart first day of the SKP's period
 * @param skpEnd last day of the SKP's period (same year)
 */
export function periodsOfSkp(
  skpStart: LocalDate,
  skpEnd: LocalDate,
  frequency: PeriodicFrequency,
): EvaluationPeriod[] {
  const year = Number(skpStart.slice(0, 4));
  const periodic = periodsOfYear(year, frequency)
    .filter((p) => p.end >= skpStart && p.start <= skpEnd)
    .map((p) => ({ ...p, start: maxDate(p.start, skpStart), end: minDate(p.end, skpEnd) }));
  return [...periodic, { kind: 'TAHUNAN', label: `Tahunan ${year}`, start: skpStart, end: skpEnd }];
}

/** The aspects of an indicator. */
export type IndicatorAspect = 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA';

/** Where a realisation stands against its target. */
export type CapaianStatus = 'DI_ATAS_TARGET' | 'SESUAI_TARGET' | 'DI_BAWAH_TARGET';

export interface Capaian {
  status: CapaianStatus;
  /** Realisation against target (%), one decimal; null when it cannot be a ratio (a realisation of 0 on WAKTU/BIAYA). */
  percent: number | null;
  /** In words, for the evaluation page and document. */
  note: string;
}

/** WAKTU and BIAYA: the target is a ceiling, so a lower realisation is better. */
export const isLowerBetter = (aspect: IndicatorAspect): boolean => aspect === 'WAKTU' || aspect === 'BIAYA';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The capaian of one indicator: its realisation against the target (one value, or the range min–max).
 *
 * - KUANTITAS, KUALITAS (higher is better): below the target (or the range's minimum) is under target with
 *   percent = realisation ÷ minimum; inside the range (or equal to the single target) is on target, 100 %; above
 *   the target (or the range's maximum) is above target with percent = realisation ÷ maximum. A target of 0 is
 *   met by any realisation (100 %).
 * - WAKTU, BIAYA (lower is better: the target is the time or cost allowed): above the target (or the range's
 *   maximum) is under target with percent = maximum ÷ realisation; inside the range is on target, 100 %; below
 *   the target (or the range's minimum) is above target with percent = minimum ÷ realisation (null when the
 *   realisation is 0). A target of 0 is met only by 0.
 *
 * The percent is Abdi's ratio to show the distance to the target [INF]; the rating of hasil kerja stays the
 * pejabat penilai's judgement (PermenPANRB 6/2022: ratings are di atas / sesuai / di bawah ekspektasi, not
 * computed). Source: PermenPANRB 6/2022 (indikator dan target: kuantitas, kualitas, waktu, biaya); regulations.md
 * §6.2.
 */
export function capaianOf(
  indicator: { aspect: IndicatorAspect; targetMin: number; targetMax: number | null },
  realisation: number,
): Capaian {
  const min = indicator.targetMin;
  const max = indicator.targetMax ?? indicator.targetMin;
  const r = realisation;
  if (!isLowerBetter(indicator.aspect)) {
    if (r < min)
      return { status: 'DI_BAWAH_TARGET', percent: round1((r / min) * 100), note: 'di bawah target' };
    if (r > max && max > 0)
      return { status: 'DI_ATAS_TARGET', percent: round1((r / max) * 100), note: 'melampaui target' };
    return {
      status: 'SESUAI_TARGET',
      percent: 100,
      note: indicator.targetMax !== null ? 'dalam rentang target' : 'sesuai target',
    };
  }
  if (r > max)
    return {
      status: 'DI_BAWAH_TARGET',
      percent: round1((max / r) * 100),
      note:
        indicator.aspect === 'WAKTU' ? 'melebihi waktu yang ditargetkan' : 'melebihi biaya yang ditargetkan',
    };
  if (r < min)
    return {
      status: 'DI_ATAS_TARGET',
      percent: r > 0 ? round1((min / r) * 100) : null,
      note: indicator.aspect === 'WAKTU' ? 'lebih cepat dari target' : 'lebih hemat dari target',
    };
  return {
    status: 'SESUAI_TARGET',
    percent: 100,
    note: indicator.targetMax !== null ? 'dalam rentang target' : 'sesuai target',
  };
}

/** One row of the curve check. */
export interface CurveRow {
  predikat: Predikat;
  label: string;
  expectedPercent: number | null;
  count: number;
  actualPercent: number;
  warning: boolean;
}

export interface CurveCheckResult {
  orgPerformance: OrgPerformance | null;
  total: number;
  rows: CurveRow[];
  warnings: string[];
  notes: string[];
}

/**
 * The distribution curve as a soft check: the actual share of each predikat among the unit's evaluations against
 * the share the rulebook's curve expects for the unit's organisational performance; a share above expected +
 * tolerance is a warning (never a refusal). Without an organisational performance there is no curve to compare
 * with (a note says so); example curve data is noted too. Source: PermenPANRB 6/2022 (pola distribusi menurut
 * kinerja organisasi); SE MenPANRB 3/2023; regulations.md §6.3, §11 item 5.
 *
 * @param counts evaluations per predikat (FINAL and APPROVED)
 * @param orgPerformance the unit's organisational performance for the period, or null when not set
 */
export function checkCurve(
  counts: Partial<Record<Predikat, number>>,
  orgPerformance: OrgPerformance | null,
  curves: PerformanceRules['distributionCurves'],
): CurveCheckResult {
  const total = PREDIKATS.reduce((s, p) => s + (counts[p] ?? 0), 0);
  const curve = orgPerformance ? curves.byOrgPerformance[orgPerformance] : undefined;
  const warnings: string[] = [];
  const notes: string[] = [];
  const rows = PREDIKATS.map((p): CurveRow => {
    const count = counts[p] ?? 0;
    const actualPercent = total > 0 ? round1((count / total) * 100) : 0;
    const expectedPercent = curve ? curve[p] : null;
    const warning =
      expectedPercent !== null && total > 0 && actualPercent > expectedPercent + curves.tolerancePercent;
    if (warning)
      warnings.push(
        `Predikat ${PREDIKAT_LABELS[p]} ${fmt(actualPercent)}% (${count} dari ${total} pegawai) melebihi pola distribusi ${fmt(expectedPercent)}% + toleransi ${fmt(curves.tolerancePercent)}%`,
      );
    return { predikat: p, label: PREDIKAT_LABELS[p], expectedPercent, count, actualPercent, warning };
  });
  if (!orgPerformance)
    notes.push(
      'Kinerja organisasi unit untuk periode ini belum ditetapkan; pola distribusi belum dapat dibandingkan',
    );
  else
    notes.push(
      `Kinerja organisasi ${ORG_PERFORMANCE_LABELS[orgPerformance]}: pola distribusi sesuai buku aturan`,
    );
  if (curves.isExample)
    notes.push(
      'Angka pola distribusi pada buku aturan adalah contoh (persentase resmi belum ditetapkan); periksa dengan ketetapan instansi',
    );
  if (total === 0) notes.push('Belum ada penilaian final atau disetujui pada unit dan periode ini');
  return { orgPerformance, total, rows, warnings, notes };
}

const fmt = (n: number) => String(n).replace('.', ',');

export interface ObjectionWindow {
  /** The last day the employee may object (inclusive). */
  deadline: LocalDate;
  open: boolean;
}

/**
 * The objection window: the employee may object from the day the evaluation is approved up to and including
 * `fileWithinDays` calendar days after it (employee's local dates). Source: PermenPANRB 6/2022 (keberatan atas
 * hasil penilaian); regulations.md §6.3 (14 days, [C1, unverified] → rulebook `evaluation.objection`).
 */
export function objectionWindow(
  approvedOn: LocalDate,
  fileWithinDays: number,
  today: LocalDate,
): ObjectionWindow {
  const deadline = addDays(approvedOn, fileWithinDays);
  return { deadline, open: today >= approvedOn && today <= deadline };
}

/**
 * The day by which the atasan pejabat penilai should decide an objection (inclusive) and whether it is overdue.
 * Source: regulations.md §6.3 (7 days to decide [C1, unverified] → rulebook `evaluation.objection.decideWithinDays`).
 */
export function objectionDecideBy(
  filedOn: LocalDate,
  decideWithinDays: number,
  today: LocalDate,
): { decideBy: LocalDate; overdue: boolean } {
  const decideBy = addDays(filedOn, decideWithinDays);
  return { decideBy, overdue: today > decideBy };
}

/**
 * Which evaluations a curve over a date range compares: annual ones for a whole calendar year, else periodic.
 * Source: regulations.md §6.3 (the curve is printed on every evaluation document, periodic and annual).
 */
export function curveKindFor(start: LocalDate, end: LocalDate): EvaluationKind {
  return start.slice(5) === '01-01' && end.slice(5) === '12-31' && start.slice(0, 4) === end.slice(0, 4)
    ? 'TAHUNAN'
    : 'PERIODIK';
}
