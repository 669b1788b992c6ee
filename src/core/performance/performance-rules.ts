/**
 * The performance and talent section of a rulebook: the predikat matrix, predikat conversions
 * (angka kredit, talent score, TPP kinerja score), JPM bands with both label sets and the 9-box.
 * Source: PermenPANRB 6/2022 (predikat); PermenPANRB 1/2023 (angka kredit); PermenPANRB 38/2017 (JPM);
 * PermenPANRB 3/2020 (9-box); regulations.md §6.3, §7.2, §7.3, §10 (Performance, Competency/talent).
 */
import { z } from 'zod';
import { legalBasisSchema, localDateSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { competencyRulesSchema, validateCompetencyRules } from './competency-rules.ts';

/** Rating of hasil kerja and of perilaku kerja. Source: PermenPANRB 6/2022; regulations.md §6.3. */
export const RATINGS = ['DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = {
  DI_BAWAH_EKSPEKTASI: 'Di Bawah Ekspektasi',
  SESUAI_EKSPEKTASI: 'Sesuai Ekspektasi',
  DI_ATAS_EKSPEKTASI: 'Di Atas Ekspektasi',
};

/** The five official predikat. Source: PermenPANRB 6/2022; regulations.md §6.3. */
export const PREDIKATS = [
  'SANGAT_BAIK',
  'BAIK',
  'BUTUH_PERBAIKAN',
  'KURANG_MISCONDUCT',
  'SANGAT_KURANG',
] as const;
export type Predikat = (typeof PREDIKATS)[number];

/** Official names (the fourth is "Kurang/Misconduct", not just "Kurang"). Source: regulations.md §6.3. */
export const PREDIKAT_LABELS: Record<Predikat, string> = {
  SANGAT_BAIK: 'Sangat Baik',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG_MISCONDUCT: 'Kurang/Misconduct',
  SANGAT_KURANG: 'Sangat Kurang',
};

/** Potential axis of the 9-box. Source: PermenPANRB 3/2020; regulations.md §7.3. */
export const POTENTIAL_LEVELS = ['RENDAH', 'MENENGAH', 'TINGGI'] as const;
export type PotentialLevel = (typeof POTENTIAL_LEVELS)[number];

export const POTENTIAL_LABELS: Record<PotentialLevel, string> = {
  RENDAH: 'Rendah',
  MENENGAH: 'Menengah',
  TINGGI: 'Tinggi',
};

/** Organisational performance of a unit, which selects its distribution curve. Source: PermenPANRB 6/2022; regulations.md §6.3. */
export const ORG_PERFORMANCE = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type OrgPerformance = (typeof ORG_PERFORMANCE)[number];

export const ORG_PERFORMANCE_LABELS: Record<OrgPerformance, string> = {
  ISTIMEWA: 'Istimewa',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG: 'Kurang',
  SANGAT_KURANG: 'Sangat Kurang',
};

/** The seven BerAKHLAK core values rated as perilaku kerja. Source: PermenPANRB 6/2022; regulations.md §6.2. */
export const BERAKHLAK = [
  'BERORIENTASI_PELAYANAN',
  'AKUNTABEL',
  'KOMPETEN',
  'HARMONIS',
  'LOYAL',
  'ADAPTIF',
  'KOLABORATIF',
] as const;
export type BerakhlakValue = (typeof BERAKHLAK)[number];

export const BERAKHLAK_LABELS: Record<BerakhlakValue, string> = {
  BERORIENTASI_PELAYANAN: 'Berorientasi Pelayanan',
  AKUNTABEL: 'Akuntabel',
  KOMPETEN: 'Kompeten',
  HARMONIS: 'Harmonis',
  LOYAL: 'Loyal',
  ADAPTIF: 'Adaptif',
  KOLABORATIF: 'Kolaboratif',
};

/**
 * How the monthly kinerja figure for TPP is made [REG] (regulations.md §5.2, §5.4, §5.5):
 * - `PREDIKAT`: the TPP score of the predikat of the approved periodic evaluation covering the month;
 * - `LAPORAN_HARIAN`: the share of required working days with accepted daily reports of at least the daily minimum
 *   (Ogan Ilir: no LKH = the day counts as absent);
 * - `MENIT_EFEKTIF`: accepted minutes (each day capped at the effective minutes per day) over the effective minutes
 *   of the required days (DKI: 300 minutes a day, reduced by absence);
 * - `GABUNGAN`: a weighted sum of the predikat score and one of the two report-based scores.
 */
export const KINERJA_FIGURE_METHODS = ['PREDIKAT', 'LAPORAN_HARIAN', 'MENIT_EFEKTIF', 'GABUNGAN'] as const;
export type KinerjaFigureMethod = (typeof KINERJA_FIGURE_METHODS)[number];

const predikatRecord = (value: z.ZodNumber) => z.record(z.enum(PREDIKATS), value);

/** A JPM band: from `minPercent` (inclusive) up to the next band's minimum (exclusive). */
export const jpmBandSchema = z.object({
  minPercent: z.number().min(0).max(100),
  code: z.string().min(1),
  label: z.string().min(1),
});
export type JpmBand = z.infer<typeof jpmBandSchema>;

const jpmLabelSetSchema = z.object({ legalBasis: legalBasisSchema, bands: z.array(jpmBandSchema).min(1) });

/** Lower bounds of the upper two levels of a 0–100 axis: `highFrom` ≥ … ; `middleFrom` ≤ … < `highFrom`. */
const axisThresholdsSchema = z.object({
  middleFrom: z.number().min(0).max(100),
  highFrom: z.number().min(0).max(100),
});

/**
 * How the 9-box is fed and used (issue 19 point 6): the performance axis from the annual predikat, the potential axis
 * from the latest assessment's JPM, position families for the talent pool, key positions and readiness for
 * succession, and the retirement age shown for a holder. Source: PermenPANRB 3/2020 (Manajemen Talenta ASN);
 * PermenPANRB 6/2022 (predikat); UU 5/2014 Pasal 90 jo. PP 11/2017 Pasal 239 (batas usia pensiun); regulations.md
 * §6.3, §7.2, §7.3.
 */
export const talentRulesSchema = z.object({
  legalBasis: legalBasisSchema,
  /** The performance axis: the level of each annual predikat (PermenPANRB 6/2022 → PermenPANRB 3/2020). */
  performanceByPredikat: z.object({
    legalBasis: legalBasisSchema,
    levels: z.record(z.enum(PREDIKATS), z.enum(RATINGS)),
  }),
  /**
   * The potential axis: `JPM_MAPPING` = the JPM % of the latest assessment result against the position held on its
   * date, classified with `nineBox.potential` thresholds.
   */
  potential: z.object({ legalBasis: legalBasisSchema, source: z.enum(['JPM_MAPPING']) }),
  /** Position families of the talent pool: each a set of position kinds (a kind in no family is `LAINNYA`). */
  families: z
    .array(
      z.object({
        code: z.string().min(1),
        label: z.string().min(1),
        kinds: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
  /** Kinds of position whose succession is planned (jabatan kunci). */
  keyPositionKinds: z.array(z.string().min(1)),
  /** Selection (tipe 1) JPM bands meaning "ready now" and "ready in 1–2 years" for a succession candidate. */
  readiness: z.object({
    legalBasis: legalBasisSchema,
    readyNowBands: z.array(z.string().min(1)).min(1),
    readySoonBands: z.array(z.string().min(1)),
  }),
  /** Retirement age (batas usia pensiun) by position kind; `defaultAge` for the others. */
  retirement: z.object({
    legalBasis: legalBasisSchema,
    defaultAge: z.number().int().min(40).max(80),
    byPositionKind: z.array(
      z.object({ positionKind: z.string().min(1), age: z.number().int().min(40).max(80) }),
    ),
  }),
});
export type TalentRules = z.infer<typeof talentRulesSchema>;

export const performanceRulesSchema = z.object({
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  legalBasis: legalBasisSchema,
  note: z.string().optional(),
  predikatMatrix: z.object({
    legalBasis: legalBasisSchema,
    cells: z.array(
      z.object({ hasilKerja: z.enum(RATINGS), perilaku: z.enum(RATINGS), predikat: z.enum(PREDIKATS) }),
    ),
  }),
  /** Annual angka kredit = coefficient × this percentage (JF). */
  angkaKreditPercent: z.object({
    legalBasis: legalBasisSchema,
    byPredikat: predikatRecord(z.number().min(0).max(200)),
  }),
  /**
   * Annual angka kredit coefficient (the 100 % value) per jenjang of jabatan fungsional, e.g. Terampil 5: the
   * annual credit is coefficient × `angkaKreditPercent` (Terampil: 7.5 / 5 / 3.75 / 2.5 / 1.25).
   * Source: PermenPANRB 1/2023 Lampiran; regulations.md §6.3.
   */
  angkaKreditCoefficients: z
    .object({
      legalBasis: legalBasisSchema,
      byJenjang: z.array(
        z.object({
          jenjang: z.string().min(1),
          coefficient: z.number().positive('Koefisien angka kredit harus lebih dari 0'),
          note: z.string().optional(),
        }),
      ),
    })
    .optional(),
  /** Who draws up an SKP. Source: PermenPANRB 6/2022 (PNS, CPNS, PPPK; PP 30/2019, PP 49/2018); regulations.md §6.1. */
  skp: z.object({
    legalBasis: legalBasisSchema,
    /** Employee types with an SKP (the others are told they have none). */
    employeeTypes: z.array(z.string().min(1)).min(1),
  }),
  /** When and how SKP are evaluated, and the objection window. [REG] Source: PermenPANRB 6/2022; regulations.md §6.1, §6.3. */
  evaluation: z.object({
    legalBasis: legalBasisSchema,
    /** The periodic evaluation: every month or every quarter (Triwulan I–IV); the annual one always follows. */
    periodicFrequency: z.enum(['MONTHLY', 'QUARTERLY']),
    /** Whether peers and subordinates may give behaviour feedback (Penilaian Rekan Kerja / Bawahan). */
    peerFeedback: z.boolean(),
    objection: z.object({
      legalBasis: legalBasisSchema,
      /** Calendar days after the evaluation is approved within which the employee may object. */
      fileWithinDays: z.number().int().positive(),
      /** Calendar days within which the atasan pejabat penilai must decide (shown as overdue after). */
      decideWithinDays: z.number().int().positive(),
    }),
  }),
  /** Daily activity reports (laporan kinerja harian). [REG] Source: regulations.md §5.2, §5.4. */
  dailyReports: z.object({
    legalBasis: legalBasisSchema,
    /** Minutes of work a day should show (the employee's day view compares against it). */
    minMinutesPerDay: z.number().int().min(0).max(1440),
    /** Most minutes one employee may report on one day (never above 24 hours). */
    maxMinutesPerDay: z.number().int().min(1).max(1440),
    /** A report may be entered up to this many calendar days after the day it reports; later is refused. */
    entryWindowDays: z.number().int().min(0).max(366),
    /** The superior should verify within this many calendar days of submission; later the report is overdue. */
    verifyWithinDays: z.number().int().min(1).max(366),
    /** Day codes on which no report is expected (leave, sick, CLTN …): not counted as required days. */
    excusedDayCodes: z.array(z.string().min(1)),
    /** Day codes on which a report is flagged for the superior (TK, leave …). */
    flagDayCodes: z.array(z.string().min(1)),
  }),
  /**
   * Expected distribution of predikat in a unit by its organisational performance (pola distribusi), a soft check
   * shown to the penilai. Percentages per predikat add up to 100 for each class. [REG] The official percentages
   * were not found (regulations.md §11 item 5): `isExample` marks illustrative figures.
   */
  distributionCurves: z.object({
    legalBasis: legalBasisSchema,
    isExample: z.boolean().default(false),
    /** A share this many percentage points above the curve is a warning. */
    tolerancePercent: z.number().min(0).max(100),
    byOrgPerformance: z.record(z.enum(ORG_PERFORMANCE), predikatRecord(z.number().min(0).max(100))),
  }),
  /** The monthly kinerja figure (0..1) for TPP. [REG] Source: regulations.md §5.2, §5.4, §5.5. */
  kinerjaFigure: z.object({
    legalBasis: legalBasisSchema,
    method: z.enum(KINERJA_FIGURE_METHODS),
    /** MENIT_EFEKTIF: effective minutes of one required day (DKI: 300). */
    effectiveMinutesPerDay: z.number().int().min(1).max(1440).optional(),
    /** GABUNGAN: the weight (%) of the predikat score; the rest comes from `reportsMethod`. */
    evaluationWeightPercent: z.number().min(0).max(100).optional(),
    /** GABUNGAN: which report-based score makes up the rest. */
    reportsMethod: z.enum(['LAPORAN_HARIAN', 'MENIT_EFEKTIF']).optional(),
    /** The score of a month with no approved evaluation yet (PREDIKAT, GABUNGAN); null = the figure is pending. */
    whenNoEvaluation: z.number().min(0).max(1).nullable(),
  }),
  /** Predikat → 0–100 score used as the performance axis of the talent 9-box. */
  talentScore: z.object({
    legalBasis: legalBasisSchema,
    byPredikat: predikatRecord(z.number().min(0).max(100)),
  }),
  /** Predikat → 0..1 factor of the TPP kinerja component. [REG] */
  tppKinerjaScore: z.object({
    legalBasis: legalBasisSchema,
    isExample: z.boolean().default(false),
    byPredikat: predikatRecord(z.number().min(0).max(1)),
  }),
  jpm: z.object({
    legalBasis: legalBasisSchema,
    /** JPM above 100 % is reported as 100 %. */
    capAt100: z.boolean(),
    selection: jpmLabelSetSchema,
    mapping: jpmLabelSetSchema,
  }),
  nineBox: z.object({
    legalBasis: legalBasisSchema,
    performance: axisThresholdsSchema,
    potential: axisThresholdsSchema,
    /** Talent value = performance × w.performance % + potential × w.potential %. */
    talentValueWeights: z.object({
      performance: z.number().min(0).max(100),
      potential: z.number().min(0).max(100),
    }),
    talentPoolBoxes: z.array(z.number().int().min(1).max(9)),
    boxes: z.array(
      z.object({
        performance: z.enum(RATINGS),
        potential: z.enum(POTENTIAL_LEVELS),
        box: z.number().int().min(1).max(9),
        label: z.string().min(1),
      }),
    ),
    /** Talent pool, candidate lists and succession (issue 19 point 6); absent = not configured (409 NO_TALENT_RULES). */
    talent: talentRulesSchema.optional(),
  }),
  /** Competency standards and development (src/core/performance/competency-rules.ts); absent = not configured. */
  competency: competencyRulesSchema.optional(),
});
export type PerformanceRules = z.infer<typeof performanceRulesSchema>;
export type JpmLabelSet = 'selection' | 'mapping';

/**
 * Checks a parsed performance section: the predikat matrix and the 9-box each cover every cell exactly once,
 * JPM bands start at 0 without duplicates, axis thresholds are ordered, talent weights add up to 100 %.
 * Source: PermenPANRB 6/2022 Lampiran (matrix); PermenPANRB 3/2020 (9-box); regulations.md §6.3, §7.2, §7.3.
 *
 * @param rules the parsed section
 * @param path JSON path prefix for the issues
 * @returns the problems found (Bahasa Indonesia); empty when the section is usable
 */
export function validatePerformanceRules(rules: PerformanceRules, path = 'performance'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const jenjang = new Set<string>();
  rules.angkaKreditCoefficients?.byJenjang.forEach((j, i) => {
    if (jenjang.has(j.jenjang))
      issues.push({
        path: `${path}.angkaKreditCoefficients.byJenjang[${i}].jenjang`,
        message: `Koefisien angka kredit jenjang ${j.jenjang} tercantum lebih dari sekali`,
      });
    jenjang.add(j.jenjang);
  });
  const add = (p: string, message: string) => issues.push({ path: `${path}.${p}`, message });

  if (rules.effectiveTo !== null && rules.effectiveTo < rules.effectiveFrom) {
    add(
      'effectiveTo',
      `Tanggal akhir berlaku ${rules.effectiveTo} sebelum tanggal mulai ${rules.effectiveFrom}`,
    );
  }

  const cells = new Set<string>();
  rules.predikatMatrix.cells.forEach((c, i) => {
    const key = `${c.hasilKerja}/${c.perilaku}`;
    if (cells.has(key))
      add(
        `predikatMatrix.cells[${i}]`,
        `Sel hasil kerja ${RATING_LABELS[c.hasilKerja]} × perilaku ${RATING_LABELS[c.perilaku]} tercantum lebih dari sekali`,
      );
    cells.add(key);
  });
  for (const h of RATINGS) {
    for (const p of RATINGS) {
      if (!cells.has(`${h}/${p}`))
        add(
          'predikatMatrix.cells',
          `Sel hasil kerja ${RATING_LABELS[h]} × perilaku ${RATING_LABELS[p]} belum diisi`,
        );
    }
  }

  for (const set of ['selection', 'mapping'] as const) {
    const bands = rules.jpm[set].bands;
    const mins = new Set<number>();
    const codes = new Set<string>();
    bands.forEach((b, i) => {
      if (mins.has(b.minPercent))
        add(`jpm.${set}.bands[${i}].minPercent`, `Batas bawah ${b.minPercent}% tercantum lebih dari sekali`);
      mins.add(b.minPercent);
      if (codes.has(b.code)) add(`jpm.${set}.bands[${i}].code`, `Kode ${b.code} tercantum lebih dari sekali`);
      codes.add(b.code);
    });
    if (!mins.has(0)) add(`jpm.${set}.bands`, 'Harus ada rentang JPM yang dimulai dari 0%');
  }

  for (const axis of ['performance', 'potential'] as const) {
    const t = rules.nineBox[axis];
    if (t.middleFrom >= t.highFrom)
      add(
        `nineBox.${axis}`,
        `Batas menengah (${t.middleFrom}) harus lebih kecil dari batas tinggi (${t.highFrom})`,
      );
  }
  const w = rules.nineBox.talentValueWeights;
  if (w.performance + w.potential !== 100)
    add(
      'nineBox.talentValueWeights',
      `Bobot kinerja (${w.performance}%) dan potensial (${w.potential}%) harus berjumlah 100%`,
    );

  const boxCells = new Set<string>();
  const boxNumbers = new Set<number>();
  rules.nineBox.boxes.forEach((b, i) => {
    const key = `${b.performance}/${b.potential}`;
    if (boxCells.has(key))
      add(
        `nineBox.boxes[${i}]`,
        `Kotak kinerja ${RATING_LABELS[b.performance]} × potensial ${POTENTIAL_LABELS[b.potential]} tercantum lebih dari sekali`,
      );
    boxCells.add(key);
    if (boxNumbers.has(b.box))
      add(`nineBox.boxes[${i}].box`, `Nomor kotak ${b.box} dipakai lebih dari sekali`);
    boxNumbers.add(b.box);
  });
  for (const r of RATINGS) {
    for (const p of POTENTIAL_LEVELS) {
      if (!boxCells.has(`${r}/${p}`))
        add(
          'nineBox.boxes',
          `Kotak kinerja ${RATING_LABELS[r]} × potensial ${POTENTIAL_LABELS[p]} belum diisi`,
        );
    }
  }
  rules.nineBox.talentPoolBoxes.forEach((b, i) => {
    if (!boxNumbers.has(b)) add(`nineBox.talentPoolBoxes[${i}]`, `Kotak ${b} tidak ada di tabel 9-box`);
  });
  const talent = rules.nineBox.talent;
  if (talent) {
    for (const p of PREDIKATS)
      if (!talent.performanceByPredikat.levels[p])
        add(
          'nineBox.talent.performanceByPredikat.levels',
          `Tingkat kinerja untuk predikat ${PREDIKAT_LABELS[p]} belum diisi`,
        );
    const kinds = new Map<string, string>();
    talent.families.forEach((f, i) =>
      f.kinds.forEach((k) => {
        const other = kinds.get(k);
        if (other !== undefined)
          add(`nineBox.talent.families[${i}].kinds`, `Jenis jabatan ${k} sudah masuk rumpun ${other}`);
        kinds.set(k, f.code);
      }),
    );
    const bandCodes = new Set(rules.jpm.selection.bands.map((b) => b.code));
    for (const [key, list] of [
      ['readyNowBands', talent.readiness.readyNowBands],
      ['readySoonBands', talent.readiness.readySoonBands],
    ] as const)
      for (const code of list)
        if (!bandCodes.has(code))
          add(`nineBox.talent.readiness.${key}`, `Kode ${code} bukan rentang JPM seleksi/promosi`);
  }

  const dr = rules.dailyReports;
  if (dr.minMinutesPerDay > dr.maxMinutesPerDay)
    add(
      'dailyReports.minMinutesPerDay',
      `Menit minimum per hari (${dr.minMinutesPerDay}) melebihi menit maksimum (${dr.maxMinutesPerDay})`,
    );
  for (const [org, curve] of Object.entries(rules.distributionCurves.byOrgPerformance)) {
    const total = PREDIKATS.reduce((sum, p) => sum + (curve[p] ?? 0), 0);
    if (Math.abs(total - 100) > 1e-9)
      add(`distributionCurves.byOrgPerformance.${org}`, `Kurva ${org} berjumlah ${total}%, harus 100%`);
    for (const p of PREDIKATS)
      if (curve[p] === undefined)
        add(
          `distributionCurves.byOrgPerformance.${org}.${p}`,
          `Kurva ${org} belum memuat predikat ${PREDIKAT_LABELS[p]}`,
        );
  }
  for (const org of ORG_PERFORMANCE)
    if (!rules.distributionCurves.byOrgPerformance[org])
      add(
        'distributionCurves.byOrgPerformance',
        `Kurva untuk kinerja organisasi ${ORG_PERFORMANCE_LABELS[org]} belum diisi`,
      );
  const kf = rules.kinerjaFigure;
  const needsMinutes =
    kf.method === 'MENIT_EFEKTIF' || (kf.method === 'GABUNGAN' && kf.reportsMethod === 'MENIT_EFEKTIF');
  if (needsMinutes && kf.effectiveMinutesPerDay === undefined)
    add('kinerjaFigure.effectiveMinutesPerDay', 'Metode menit efektif memerlukan menit efektif per hari');
  if (kf.method === 'GABUNGAN') {
    if (kf.evaluationWeightPercent === undefined)
      add('kinerjaFigure.evaluationWeightPercent', 'Metode gabungan memerlukan bobot penilaian (%)');
    if (kf.reportsMethod === undefined)
      add(
        'kinerjaFigure.reportsMethod',
        'Metode gabungan memerlukan metode laporan (LAPORAN_HARIAN atau MENIT_EFEKTIF)',
      );
  }

  if (rules.competency) issues.push(...validateCompetencyRules(rules.competency, `${path}.competency`));

  return issues;
}
