/**
 * The criteria of an ASN teladan (exemplary civil servant) award period: what each criterion reads (one of a closed
 * list of figures), whether it excludes (hard, a threshold) or scores (a weight and a scale), and which way is
 * better. A period's criteria are data BKD sets when it defines the period (docs/teladan.md), checked here before
 * anything is stored. Source: issue 18 point 4 and "Bad input" (a criterion naming a figure that does not exist is
 * refused with the criterion and the figure named).
 */

/**
 * The figures a criterion may read, with what each counts. All are numbers over the period's months (a figure a
 * candidate lacks is `null`: "not available"). Source: issue 18 point 4 (attendance without TL/PSW/TK from the
 * closed recaps, verified daily reports and SKP predikat from e-Kinerja, no sanction from discipline, competency
 * results once they exist, nominations by superiors and by the public).
 */
export const TELADAN_FIGURES = {
  'attendance.late': 'Jumlah terlambat masuk (TL1–TL4) pada bulan yang rekapnya sudah ditutup',
  'attendance.earlyLeave':
    'Jumlah pulang sebelum waktunya (PSW1–PSW4) pada bulan yang rekapnya sudah ditutup',
  'attendance.absentWithoutLeave': 'Jumlah hari tanpa keterangan (TK) pada bulan yang rekapnya sudah ditutup',
  'attendance.violations': 'Jumlah TL + PSW + TK pada bulan yang rekapnya sudah ditutup',
  'attendance.onTimePercent':
    'Persentase hari kerja hadir tepat waktu (0–100) pada bulan yang rekapnya ditutup',
  'attendance.closedMonths': 'Banyaknya bulan periode yang rekap presensinya sudah ditutup',
  'kinerja.score': 'Rata-rata angka kinerja bulanan e-Kinerja (0–100; laporan harian yang diterima atasan)',
  'kinerja.missingReports': 'Jumlah hari wajib lapor tanpa laporan kinerja harian yang diterima atasan',
  'kinerja.predikat': 'Predikat kinerja terakhir dalam periode (1 Sangat Kurang … 5 Sangat Baik)',
  'discipline.sanctions': 'Jumlah hukuman disiplin yang berlaku dalam periode',
  'competency.score': 'Nilai uji kompetensi (belum tersedia di Abdi)',
  'nominations.superior': 'Jumlah usulan dari atasan dalam periode ini',
  'nominations.public': 'Jumlah usulan masyarakat yang dicatat BKD dalam periode ini',
  'nominations.total': 'Jumlah seluruh usulan (atasan + masyarakat)',
} as const;
export type TeladanFigure = keyof typeof TELADAN_FIGURES;
export const TELADAN_FIGURE_NAMES = Object.keys(TELADAN_FIGURES) as TeladanFigure[];

/** Figure values of one candidate: a number, or null when the figure is not available for them. */
export type FigureValues = Partial<Record<TeladanFigure, number | null>>;

/** Which way a figure is better. */
export type Direction = 'higher' | 'lower';

/** A criterion as BKD writes it (before checking). */
export interface CriterionInput {
  key: string;
  label: string;
  figure: string;
  kind: 'hard' | 'scored';
  direction: Direction;
  /** Hard: the figure must be ≥ (higher) or ≤ (lower) this to stay in the ranking. */
  threshold?: number | null | undefined;
  /** Scored: its share of the score, relative to the other scored criteria (> 0). */
  weight?: number | null | undefined;
  /** Scored: a fixed scale (clamped); absent = min–max over the candidates still in the ranking. */
  scale?: { min: number; max: number } | null | undefined;
}

/** A checked criterion. */
export type Criterion =
  | {
      key: string;
      label: string;
      figure: TeladanFigure;
      kind: 'hard';
      direction: Direction;
      threshold: number;
    }
  | {
      key: string;
      label: string;
      figure: TeladanFigure;
      kind: 'scored';
      direction: Direction;
      weight: number;
      scale: { min: number; max: number } | null;
    };

/** One problem with a criteria document: the criterion (by position and key), the figure, the reason. */
export interface CriteriaIssue {
  path: string;
  criterion: string | null;
  figure: string | null;
  message: string;
}

/** The largest weight a criterion may carry (weights are relative; a bigger number is a typing mistake). */
export const MAX_WEIGHT = 1000;
/** At most this many criteria in one period. */
export const MAX_CRITERIA = 30;

const isFigure = (f: string): f is TeladanFigure => Object.hasOwn(TELADAN_FIGURES, f);

/**
 * Checks a period's criteria: every figure from `TELADAN_FIGURES`; keys unique; a hard criterion has a finite
 * threshold and no weight; a scored one has a finite weight in (0, MAX_WEIGHT], no threshold, and a scale with
 * min < max when it has one; at least one scored criterion (else nobody can be ranked). All problems at once.
 * Source: issue 18 point 4 and "Bad input".
 */
export function checkCriteria(
  input: readonly CriterionInput[],
): { ok: true; criteria: Criterion[] } | { ok: false; issues: CriteriaIssue[] } {
  const issues: CriteriaIssue[] = [];
  const out: Criterion[] = [];
  const seen = new Set<string>();
  if (input.length === 0)
    issues.push({ path: 'criteria', criterion: null, figure: null, message: 'Belum ada kriteria' });
  if (input.length > MAX_CRITERIA)
    issues.push({
      path: 'criteria',
      criterion: null,
      figure: null,
      message: `Paling banyak ${MAX_CRITERIA} kriteria`,
    });
  input.forEach((c, i) => {
    const at = (field: string, message: string) =>
      issues.push({ path: `criteria.${i}.${field}`, criterion: c.key, figure: c.figure, message });
    const name = `Kriteria "${c.label || c.key}"`;
    if (seen.has(c.key)) at('key', `${name}: kode "${c.key}" dipakai lebih dari sekali`);
    seen.add(c.key);
    if (!isFigure(c.figure)) {
      at('figure', `${name} merujuk angka "${c.figure}" yang tidak ada`);
      return;
    }
    if (c.kind === 'hard') {
      if (typeof c.threshold !== 'number' || !Number.isFinite(c.threshold))
        at('threshold', `${name}: kriteria wajib memerlukan ambang (angka)`);
      if (c.weight != null) at('weight', `${name}: kriteria wajib tidak berbobot (lulus/gugur)`);
      if (c.scale != null) at('scale', `${name}: kriteria wajib tidak memakai skala`);
      if (typeof c.threshold === 'number' && Number.isFinite(c.threshold))
        out.push({
          key: c.key,
          label: c.label,
          figure: c.figure,
          kind: 'hard',
          direction: c.direction,
          threshold: c.threshold,
        });
      return;
    }
    const weightOk = typeof c.weight === 'number' && Number.isFinite(c.weight) && c.weight > 0;
    if (!weightOk) at('weight', `${name}: bobot harus angka lebih dari 0`);
    else if (c.weight! > MAX_WEIGHT) at('weight', `${name}: bobot paling besar ${MAX_WEIGHT}`);
    if (c.threshold != null) at('threshold', `${name}: kriteria berbobot tidak memakai ambang`);
    const scale = c.scale ?? null;
    const scaleOk =
      scale === null || (Number.isFinite(scale.min) && Number.isFinite(scale.max) && scale.min < scale.max);
    if (!scaleOk) at('scale', `${name}: skala harus min < max`);
    if (weightOk && c.weight! <= MAX_WEIGHT && scaleOk)
      out.push({
        key: c.key,
        label: c.label,
        figure: c.figure,
        kind: 'scored',
        direction: c.direction,
        weight: c.weight!,
        scale,
      });
  });
  if (input.length > 0 && !input.some((c) => c.kind === 'scored'))
    issues.push({
      path: 'criteria',
      criterion: null,
      figure: null,
      message: 'Paling sedikit satu kriteria berbobot (kriteria wajib saja tidak dapat memeringkat)',
    });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, criteria: out };
}

/** The figures the criteria read (each once, in the order of first use). */
export function figuresRead(criteria: readonly Criterion[]): TeladanFigure[] {
  return [...new Set(criteria.map((c) => c.figure))];
}

/**
 * The example of docs/teladan.md: two hard criteria, three scored ones (weights 40/40/20); the starting point of the
 * period form (the numbers are BKD's to decide) and a case of the ranking's tests. Issue 18 point 4.
 */
export const TELADAN_EXAMPLE_CRITERIA: CriterionInput[] = [
  {
    key: 'tanpa-tk',
    label: 'Tanpa TK',
    figure: 'attendance.absentWithoutLeave',
    kind: 'hard',
    direction: 'lower',
    threshold: 0,
  },
  {
    key: 'tanpa-hukdis',
    label: 'Tanpa hukuman disiplin',
    figure: 'discipline.sanctions',
    kind: 'hard',
    direction: 'lower',
    threshold: 0,
  },
  {
    key: 'tl-psw-tk',
    label: 'TL/PSW/TK',
    figure: 'attendance.violations',
    kind: 'scored',
    direction: 'lower',
    weight: 40,
  },
  {
    key: 'kinerja',
    label: 'Angka kinerja',
    figure: 'kinerja.score',
    kind: 'scored',
    direction: 'higher',
    weight: 40,
    scale: { min: 0, max: 100 },
  },
  {
    key: 'usulan',
    label: 'Usulan',
    figure: 'nominations.total',
    kind: 'scored',
    direction: 'higher',
    weight: 20,
  },
];
