/**
 * The TPP section of a rulebook: tariffs per kelas jabatan, component weights, deduction table and base,
 * apel and daily-activity-report (LKH) deductions, exclusions, sanction (hukdis) cuts, BPJS and proration.
 * Every item carries its legal basis; almost everything here is [REG] (set by the Peraturan Kepala Daerah).
 * Percentages are written as in the Perkada: `0.5` means 0.5 %.
 * Source: PP 12/2019 Pasal 58; Kepmendagri 900-4700/2020; regulations.md §1.10, §5, §10 (TPP).
 */
import { z } from 'zod';
import { legalBasisSchema, localDateSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { DAY_CODES, EARLY_BANDS, LATE_BANDS } from '../attendance/status-codes.ts';
import { EMPLOYEE_TYPES } from '../leave/leave-rules.ts';
import type { AttendanceRules } from '../attendance/attendance-rules.ts';
import type { DisciplineRules } from '../discipline/discipline-rules.ts';

const percentSchema = z
  .number()
  .min(0, 'Persentase tidak boleh negatif')
  .max(100, 'Persentase paling besar 100');
const rupiahSchema = z.number().int('Nominal harus rupiah bulat').min(0, 'Nominal tidak boleh negatif');
/** A golongan (`III`, `III/a`; PPPK `IX`): a roman group, optionally with its ruang letter. */
const GOLONGAN_RE = /^[IVX]{1,5}(\/[a-e])?$/;

/** Codes a per-day deduction can be attached to: lateness / early-leave bands and day codes (TK, leave, permits). */
export const TPP_DEDUCTION_CODES = [...LATE_BANDS, ...EARLY_BANDS, ...DAY_CODES] as const;
export type TppDeductionCode = (typeof TPP_DEDUCTION_CODES)[number];

/** One tariff row: the monthly TPP (100 %) for a kelas jabatan. */
export const tppTariffSchema = z.object({
  kelas: z.number().int().min(1, 'Kelas jabatan paling kecil 1').max(17, 'Kelas jabatan paling besar 17'),
  amount: rupiahSchema,
  /** E.g. "nilai contoh" or "sesuai dek Rapergub". */
  note: z.string().optional(),
});

/** Kinerja / disiplin weights in percent; they must add up to 100. */
export const tppWeightsSchema = z.object({ kinerja: percentSchema, disiplin: percentSchema });
export type TppWeights = z.infer<typeof tppWeightsSchema>;

/** A per-day (per occurrence) deduction for one code. */
export const tppDayDeductionSchema = z.object({
  code: z.enum(TPP_DEDUCTION_CODES),
  percent: percentSchema,
  legalBasis: legalBasisSchema,
});
export type TppDayDeduction = z.infer<typeof tppDayDeductionSchema>;

/** A deduction per missed apel / upacara of a kind (e.g. `apel_pagi`, `upacara_senin`). */
export const tppApelDeductionSchema = z.object({
  kind: z.string().min(1),
  label: z.string().min(1),
  percent: percentSchema,
  legalBasis: legalBasisSchema,
});
export type TppApelDeduction = z.infer<typeof tppApelDeductionSchema>;

/**
 * What a working day without a daily activity report (LKH) costs:
 * - `asCode`: the day is treated as the given code (Ogan Ilir: "treated as absent" → TK) and replaces the
 *   lateness / early-leave deductions of that day;
 * - `percent`: a fixed extra percentage per day;
 * - `none`: no deduction.
 */
export const tppMissingReportSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('asCode'), code: z.enum(TPP_DEDUCTION_CODES), legalBasis: legalBasisSchema }),
  z.object({ mode: z.literal('percent'), percent: percentSchema, legalBasis: legalBasisSchema }),
  z.object({ mode: z.literal('none'), legalBasis: legalBasisSchema }),
]);
export type TppMissingReportRule = z.infer<typeof tppMissingReportSchema>;

/** A reason TPP is not paid for the month (regulations.md §5.1 list). */
export const tppExclusionSchema = z.object({
  /** Code the personnel data uses, e.g. `CLTN`, `CUTI_BESAR`, `MPP`, `TPG`. */
  code: z.string().min(1),
  description: z.string().min(1),
  /**
   * Optional: also applies automatically when every working day of the month carries one of these day codes
   * (e.g. a whole month of cuti besar). Non-working days do not count: `LIBUR`, the discipline section's
   * `absence.nonWorkingCodes` (e.g. `CBER`) and days flagged `nonWorkingDay`.
   */
  dayCodes: z.array(z.enum(DAY_CODES)).optional(),
  legalBasis: legalBasisSchema,
});
export type TppExclusion = z.infer<typeof tppExclusionSchema>;

/** A cut of TPP for an active disciplinary sanction (regulations.md §1.10 `tpp_hukdis_cut`). */
export const tppSanctionCutSchema = z.object({
  /**
   * Code of a sanction type in the discipline catalogue (`discipline.sanctionTypes`), e.g. `R1`…`R3`,
   * `KGB_TUNDA_1TH` (interim form of S1), `B1`, `B3`. The cut applies to the sanction actually imposed: while a
   * type is not `active` (S1–S3, PP 94/2021 Pasal 42) its interim substitute is imposed, so a cut keyed on the
   * inactive type only takes effect once the type is activated (regulations.md §1.2, §1.10).
   */
  sanctionType: z.string().min(1),
  percent: percentSchema,
  months: z.number().int().min(1, 'Lama pemotongan paling sedikit 1 bulan').max(120),
  /** What the percentage applies to: the TPP after attendance deductions, or only one component of it. */
  base: z.enum(['total', 'kinerja', 'disiplin']),
  legalBasis: legalBasisSchema,
});
export type TppSanctionCut = z.infer<typeof tppSanctionCutSchema>;

/**
 * How PPh 21 on the TPP is handled, as the region configures it (regulations.md §5.5 "net = gross − pph21 − bpjs
 * − other lawful deductions" [REG]; §10 "tax/BPJS/zakat" configurable [INF]). No source in regulations.md gives the
 * rates: the default is `none` (no tax line; the treasurer withholds outside Abdi).
 * - `none`: no tax line.
 * - `byGolongan`: a flat rate per golongan (a row `III` covers `III/a`…`III/e`; a row `III/a` only that one and
 *   wins over `III`), `otherPercent` for an employee whose golongan matches no row (PPPK, non-ASN, none
 *   recorded), on the gross TPP or the gross plus the employer's BPJS share; `borneByGovernment` = ditanggung
 *   pemerintah: the tax is shown and reported but not deducted from the net.
 */
export const tppTaxSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none'), legalBasis: legalBasisSchema.optional() }),
  z.object({
    mode: z.literal('byGolongan'),
    legalBasis: legalBasisSchema,
    /** True when the rates are illustrations, not the region's decision. */
    isExample: z.boolean().default(false),
    base: z.enum(['gross', 'grossPlusEmployerBpjs']).default('gross'),
    borneByGovernment: z.boolean(),
    rates: z
      .array(
        z.object({
          golongan: z.string().regex(GOLONGAN_RE, 'Golongan tidak dikenal'),
          percent: percentSchema,
        }),
      )
      .min(1, 'Tarif pajak per golongan kosong'),
    otherPercent: percentSchema,
  }),
]);
export type TppTax = z.infer<typeof tppTaxSchema>;

/**
 * Working days (HK, on the unit's calendar) employees have to object to a published run, counted from the day
 * after publication. [REG][INF] No source in regulations.md names a window (§10: configurable); 5 HK is this
 * project's default until the region's Perkada sets one.
 */
export const DEFAULT_OBJECTION_DAYS = 5;

export const tppRulesSchema = z.object({
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  legalBasis: legalBasisSchema,
  /** True when the numbers are illustrations, not a real Perkada. */
  isExample: z.boolean().default(false),
  note: z.string().optional(),
  tariffs: z.object({
    legalBasis: legalBasisSchema,
    /** The kelas jabatan range the table must cover without gaps (usually 1–17). */
    kelasFrom: z.number().int().min(1).max(17),
    kelasTo: z.number().int().min(1).max(17),
    rows: z.array(tppTariffSchema).min(1, 'Tabel besaran TPP kosong'),
  }),
  /** Percentage of the tariff paid per employee type (e.g. CPNS 80 %); absent types get 100 %. [REG] */
  employeeTypePercent: z
    .array(
      z.object({
        employeeType: z.enum(EMPLOYEE_TYPES),
        percent: percentSchema,
        legalBasis: legalBasisSchema,
      }),
    )
    .default([]),
  components: z.object({
    legalBasis: legalBasisSchema,
    weights: tppWeightsSchema,
    /** Different weights for some position groups (DKI weights by position group). */
    byPositionGroup: z
      .array(
        z.object({
          positionGroup: z.string().min(1),
          weights: tppWeightsSchema,
          legalBasis: legalBasisSchema,
        }),
      )
      .default([]),
  }),
  deductions: z.object({
    legalBasis: legalBasisSchema,
    /** `total` = % of the (prorated) TPP; `disiplin` = % of the discipline component (Toba). */
    base: z.enum(['total', 'disiplin']),
    perDay: z.array(tppDayDeductionSchema),
    apel: z.array(tppApelDeductionSchema).default([]),
    missingActivityReport: tppMissingReportSchema,
    /**
     * Monthly allowance of latenesses made up the same day (KemenPANRB 2018: a late tolerance made up the same
     * day; the allowance is cut only when there are more than N such days in a month). Null = off: a made-up
     * lateness is never cut. Needs `attendance.lateMakeUp`, which decides per day that a lateness was made up
     * (`DayStatus.madeUpLate`). Source: regulations.md §3.2 [C1][REG].
     */
    lateMakeUp: z
      .object({
        /** Made-up days per month that are not cut (KemenPANRB 2018: 5). */
        allowedDaysPerMonth: z.number().int().min(0).max(31),
        /**
         * Beyond the allowance: `excessDays` = only the made-up days after the first `allowedDaysPerMonth` (in date
         * order) are cut at their late band; `allDays` = every made-up day of the month is cut.
         */
        beyond: z.enum(['excessDays', 'allDays']),
        legalBasis: legalBasisSchema,
      })
      .nullable()
      .default(null),
  }),
  exclusions: z.array(tppExclusionSchema).default([]),
  sanctionCuts: z.object({
    legalBasis: legalBasisSchema,
    /** First month of the cut: the month the sanction takes effect, or the month after. [REG][INF] */
    startsIn: z.enum(['effectiveMonth', 'nextMonth']),
    /** Several sanctions in one month: apply only the highest cut, or add them up (capped at 100 %). */
    combine: z.enum(['highest', 'sum']),
    cuts: z.array(tppSanctionCutSchema),
  }),
  bpjs: z.object({
    legalBasis: legalBasisSchema,
    employerPercent: percentSchema,
    employeePercent: percentSchema,
    /** Ceiling on gaji + TPP the contribution is computed on. */
    ceiling: rupiahSchema,
  }),
  proration: z.object({
    legalBasis: legalBasisSchema,
    /** Unit in which placement days are counted for a part-month placement. */
    method: z.enum(['calendarDays', 'workingDays']),
  }),
  /** PPh 21 on the TPP (`tppTaxSchema`); absent = none. */
  tax: tppTaxSchema.default({ mode: 'none' }),
  /** The objection window after publication, in working days (`DEFAULT_OBJECTION_DAYS`). [REG][INF] */
  objectionDays: z
    .number()
    .int()
    .min(1, 'Masa keberatan paling sedikit 1 hari kerja')
    .max(30)
    .default(DEFAULT_OBJECTION_DAYS),
});
export type TppRules = z.infer<typeof tppRulesSchema>;

/**
 * Checks a parsed TPP section for consistency the schema cannot express. Messages in Bahasa Indonesia.
 * Source: regulations.md §5.2 ("weights must sum to 100; allow weight differences by position group"),
 * §5.1 (tariff per kelas jabatan), §5.3 (deduction table), §5.1 (BPJS 4 % + 1 %, ceiling), §1.10 (hukdis cuts),
 * §5.5 (PPh 21 rates per golongan, one row each).
 *
 * @param rules the parsed section
 * @param path JSON path prefix for the issues
 * @returns the problems found; empty when the section is usable
 */
export function validateTppRules(rules: TppRules, path = 'tpp'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (p: string, message: string) => issues.push({ path: `${path}.${p}`, message });

  if (rules.effectiveTo !== null && rules.effectiveTo < rules.effectiveFrom) {
    add(
      'effectiveTo',
      `Tanggal akhir berlaku ${rules.effectiveTo} sebelum tanggal mulai ${rules.effectiveFrom}`,
    );
  }

  const { kelasFrom, kelasTo, rows } = rules.tariffs;
  if (kelasTo < kelasFrom) add('tariffs.kelasTo', `Rentang kelas jabatan ${kelasFrom}–${kelasTo} terbalik`);
  const seenKelas = new Set<number>();
  rows.forEach((r, i) => {
    if (seenKelas.has(r.kelas))
      add(`tariffs.rows[${i}].kelas`, `Kelas jabatan ${r.kelas} tercantum lebih dari sekali`);
    seenKelas.add(r.kelas);
    if (r.kelas < kelasFrom || r.kelas > kelasTo) {
      add(`tariffs.rows[${i}].kelas`, `Kelas jabatan ${r.kelas} di luar rentang ${kelasFrom}–${kelasTo}`);
    }
    if (r.amount <= 0) add(`tariffs.rows[${i}].amount`, `Besaran TPP kelas ${r.kelas} harus lebih dari nol`);
  });
  for (let k = kelasFrom; k <= kelasTo; k++) {
    if (!seenKelas.has(k)) add('tariffs.rows', `Besaran TPP untuk kelas jabatan ${k} belum diisi`);
  }

  const checkWeights = (p: string, w: TppWeights) => {
    // Compare in hundredths of a percent so 33.33 + 66.67 is accepted.
    if (Math.round(w.kinerja * 100) + Math.round(w.disiplin * 100) !== 10_000) {
      add(p, `Bobot kinerja (${w.kinerja}%) dan disiplin (${w.disiplin}%) harus berjumlah 100%`);
    }
  };
  checkWeights('components.weights', rules.components.weights);
  const seenGroups = new Set<string>();
  rules.components.byPositionGroup.forEach((g, i) => {
    checkWeights(`components.byPositionGroup[${i}].weights`, g.weights);
    if (seenGroups.has(g.positionGroup)) {
      add(
        `components.byPositionGroup[${i}].positionGroup`,
        `Kelompok jabatan ${g.positionGroup} tercantum lebih dari sekali`,
      );
    }
    seenGroups.add(g.positionGroup);
  });

  const seenTypes = new Set<string>();
  rules.employeeTypePercent.forEach((t, i) => {
    if (seenTypes.has(t.employeeType)) {
      add(
        `employeeTypePercent[${i}].employeeType`,
        `Jenis pegawai ${t.employeeType} tercantum lebih dari sekali`,
      );
    }
    seenTypes.add(t.employeeType);
  });

  const seenCodes = new Set<string>();
  rules.deductions.perDay.forEach((d, i) => {
    if (seenCodes.has(d.code))
      add(`deductions.perDay[${i}].code`, `Potongan untuk kode ${d.code} tercantum lebih dari sekali`);
    seenCodes.add(d.code);
    if (d.code === 'H' || d.code === 'LIBUR') {
      add(
        `deductions.perDay[${i}].code`,
        `Kode ${d.code} (hadir / libur) tidak boleh dikenai potongan harian`,
      );
    }
  });
  const seenKinds = new Set<string>();
  rules.deductions.apel.forEach((a, i) => {
    if (seenKinds.has(a.kind))
      add(`deductions.apel[${i}].kind`, `Potongan apel jenis ${a.kind} tercantum lebih dari sekali`);
    seenKinds.add(a.kind);
  });
  const lkh = rules.deductions.missingActivityReport;
  if (lkh.mode === 'asCode' && !seenCodes.has(lkh.code)) {
    add(
      'deductions.missingActivityReport.code',
      `LKH kosong diperlakukan sebagai ${lkh.code}, tetapi kode itu tidak ada di tabel potongan harian`,
    );
  }

  const seenExclusions = new Set<string>();
  rules.exclusions.forEach((e, i) => {
    if (seenExclusions.has(e.code))
      add(`exclusions[${i}].code`, `Pengecualian ${e.code} tercantum lebih dari sekali`);
    seenExclusions.add(e.code);
    if (e.dayCodes?.length === 0)
      add(`exclusions[${i}].dayCodes`, 'Daftar kode hari tidak boleh kosong; hapus saja bila tidak dipakai');
  });

  const seenSanctions = new Set<string>();
  rules.sanctionCuts.cuts.forEach((c, i) => {
    if (seenSanctions.has(c.sanctionType)) {
      add(
        `sanctionCuts.cuts[${i}].sanctionType`,
        `Pemotongan untuk hukuman ${c.sanctionType} tercantum lebih dari sekali`,
      );
    }
    seenSanctions.add(c.sanctionType);
  });

  const lateMakeUp = rules.deductions.lateMakeUp;
  if (lateMakeUp !== null) {
    for (const band of LATE_BANDS) {
      if (!seenCodes.has(band)) {
        add(
          'deductions.lateMakeUp',
          `Keterlambatan yang diganti dipotong menurut pitanya, tetapi potongan ${band} tidak ada di tabel potongan harian`,
        );
      }
    }
  }

  const tax = rules.tax;
  if (tax.mode === 'byGolongan') {
    const seenGolongan = new Set<string>();
    tax.rates.forEach((r, i) => {
      if (seenGolongan.has(r.golongan))
        add(`tax.rates[${i}].golongan`, `Tarif pajak golongan ${r.golongan} tercantum lebih dari sekali`);
      seenGolongan.add(r.golongan);
    });
  }

  const { employerPercent, employeePercent, ceiling } = rules.bpjs;
  if (employerPercent + employeePercent > 100)
    add('bpjs', 'Iuran BPJS pemberi kerja dan pegawai melebihi 100%');
  if (ceiling <= 0) add('bpjs.ceiling', 'Batas atas gaji + TPP untuk iuran BPJS harus lebih dari nol');

  return issues;
}

/**
 * Cross-section checks of the TPP section against the rest of the rulebook, with Indonesian messages:
 * - every `sanctionCuts.cuts[].sanctionType` is a code of the discipline sanction catalogue (a cut on an unknown
 *   code, e.g. the former `B3_BANDING`, would never apply);
 * - the monthly allowance of made-up latenesses (`deductions.lateMakeUp`) needs the attendance section to allow
 *   a same-day make-up (`attendance.lateMakeUp`), else no day is ever made up.
 * Source: regulations.md §1.2 (sanction catalogue, interim substitutes), §1.10 (`tpp_hukdis_cut` keyed on the
 * sanction type), §3.2 (KemenPANRB 2018 make-up tolerance), §10.
 *
 * @param tpp the parsed TPP section
 * @param related the discipline catalogue and the attendance make-up rule of the same rulebook
 * @param path JSON path prefix for the issues
 * @returns the problems found; empty when consistent
 */
export function validateTppAgainstRulebook(
  tpp: TppRules,
  related: {
    discipline: Pick<DisciplineRules, 'sanctionTypes'>;
    attendance: Pick<AttendanceRules, 'lateMakeUp'>;
  },
  path = 'tpp',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const known = new Map(related.discipline.sanctionTypes.map((s) => [s.code, s]));
  tpp.sanctionCuts.cuts.forEach((c, i) => {
    if (!known.has(c.sanctionType)) {
      issues.push({
        path: `${path}.sanctionCuts.cuts[${i}].sanctionType`,
        message:
          `Jenis hukuman ${c.sanctionType} tidak ada di katalog hukuman disiplin (discipline.sanctionTypes: ` +
          `${[...known.keys()].join(', ')}); pemotongan ini tidak akan pernah berlaku`,
      });
    }
  });
  if (tpp.deductions.lateMakeUp !== null && related.attendance.lateMakeUp === null) {
    issues.push({
      path: `${path}.deductions.lateMakeUp`,
      message:
        'Batas bulanan keterlambatan yang diganti pada hari yang sama diisi, tetapi aturan presensi tidak ' +
        'mengizinkan penggantian (attendance.lateMakeUp kosong)',
    });
  }
  return issues;
}
