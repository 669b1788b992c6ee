/**
 * One employee's TPP for one month, from one or more placement segments (a mid-month transfer, promotion or status
 * change gives two), as one line whose amounts add up exactly to its totals.
 * Source: regulations.md §5.1 (tariff per kelas; BPJS 4 % + 1 % on gaji + TPP up to the ceiling; exclusions),
 * §5.3 (per-day deductions as a percentage of the month's TPP), §5.5 (computation skeleton, PPh 21), §10
 * (proration of a mid-month mutation or status change), §1.8 (salary stop), §1.10 (sanction cuts), §0.1 / §5.1
 * (TPP is for ASN: a non-ASN employee is excluded).
 *
 * Design (exact by construction; every amount a sum of integers rounded once by `roundRupiah`):
 * 1. Each segment is computed by `computeTpp` with its own tariff (the kelas of that placement), its own weights
 *    (its position group) and its placement `daysPlaced / daysInPeriod`, and with **all** the month's days, apel
 *    misses and missing reports. So a day's deduction is its percentage of every segment's base, i.e. of the whole
 *    month's (prorated) TPP, wherever in the month the day falls (§5.3: a percentage of the TPP of the month); a TK
 *    on the last day of a short segment costs the same as one in the long segment. The cap, the sanction cuts and
 *    the whole-month exclusions are then the same in every segment, in proportion.
 * 2. The segments' deduction and sanction lines are built from the same inputs in the same order, so line i of
 *    every segment is the same date and code: the month's line i is their sum (its `segmentAmounts` the shares).
 * 3. The month's gross is the sum of the segments' gross; BPJS is computed once on it (§5.1: rate ×
 *    (min(gaji + TPP, ceiling) − min(gaji, ceiling))), then PPh 21 (`computeTppTax`), then corrections of earlier
 *    months (kekurangan +, kelebihan −; a kelebihan recovers at most the month's net, the rest is noted).
 * Identities (tested, also as a property): kinerja + disiplin − deductions − sanctionCut = gross;
 * net = gross − bpjsEmployee − taxWithheld + correction; every amount ≥ 0 except a correction; net ≥ 0.
 */
import type { LegalBasis } from '../common/legal-basis.ts';
import type { LocalDate } from '../common/local-date.ts';
import { roundRupiah, type Rupiah } from '../common/money.ts';
import type { DayStatus } from '../attendance/day-status.ts';
import type { EmployeeType } from '../leave/leave-rules.ts';
import {
  computeTpp,
  type TppBreakdown,
  type TppContext,
  type TppDeductionLine,
  type TppSanction,
  type TppSanctionLine,
} from './compute-tpp.ts';
import type { TppRules } from './tpp-rules.ts';
import { computeTppTax, type TppTaxLine } from './tpp-tax.ts';

/** One placement within the month, with the tariff already resolved for its kelas (Perkada table or rulebook). */
export interface TppMonthSegment {
  from: LocalDate;
  to: LocalDate;
  unitId: string;
  kelasJabatan: number;
  positionGroup: string | null;
  /** The monthly tariff (100 %) of the kelas for this placement. */
  tariff: Rupiah;
  /** In the unit of `tpp.proration.method`. */
  daysPlaced: number;
  daysInPeriod: number;
}

export interface TppMonthCorrection {
  id: string;
  /** Kekurangan bayar > 0, kelebihan bayar < 0. */
  amount: Rupiah;
  reason: string;
  originMonth: string;
}

export interface TppMonthInput {
  nip: string;
  employeeType: EmployeeType;
  golongan: string | null;
  /** `YYYY-MM`. */
  month: string;
  /** The placements of the month in date order; none = no position with a kelas in the month. */
  segments: TppMonthSegment[];
  gajiPokok: Rupiah;
  days: DayStatus[];
  apelMisses: { date: LocalDate; kind: string }[];
  missingActivityReportDates: LocalDate[];
  /** The kinerja factor 0..1 already resolved (`kinerjaScoreFor`). */
  kinerjaScore: number;
  activeSanctions: TppSanction[];
  /** Exclusion records of the month (codes of `tpp.exclusions`). */
  exclusions: { code: string; reason: string }[];
  /** The salary is stopped for the month (PP 94/2021 Pasal 15 ayat (2)): the TPP is not paid either. */
  salaryStopped: boolean;
  corrections: TppMonthCorrection[];
}

/** A segment's own computation, without what is only decided on the whole month (BPJS, net, the line lists). */
export type TppSegmentBreakdown = Omit<
  TppBreakdown,
  'bpjs' | 'bpjsEmployer' | 'bpjsEmployee' | 'net' | 'notes' | 'deductions' | 'sanctions'
>;

export interface TppMonthDeductionLine extends TppDeductionLine {
  /** With several segments: each segment's applied share, in segment order (they add up to `appliedAmount`). */
  segmentAmounts?: Rupiah[];
}

export interface TppMonthSanctionLine extends TppSanctionLine {
  segmentAmounts?: Rupiah[];
}

export const TPP_DEDUCTION_CAUSES = ['TL', 'PSW', 'TK', 'APEL', 'LKH', 'LAINNYA', 'SANKSI'] as const;
export type TppDeductionCause = (typeof TPP_DEDUCTION_CAUSES)[number];

export interface TppMonthAmounts {
  /** Σ segment base (tariff × employee-type % × placement); 0 when excluded. */
  base: Rupiah;
  /** Kinerja earned: Σ kinerja share × score. */
  kinerja: Rupiah;
  /** Σ disiplin share. */
  disiplin: Rupiah;
  /** Attendance, apel and LKH deductions applied (after the cap). */
  deductions: Rupiah;
  sanctionCut: Rupiah;
  /** kinerja + disiplin − deductions − sanctionCut. */
  gross: Rupiah;
  bpjsEmployer: Rupiah;
  bpjsEmployee: Rupiah;
  /** PPh 21 computed (0 without a tax rule). */
  tax: Rupiah;
  /** The part of `tax` deducted from the net (0 when borne by the government). */
  taxWithheld: Rupiah;
  /** Corrections of earlier months applied (may be negative). */
  correction: Rupiah;
  /** gross − bpjsEmployee − taxWithheld + correction. */
  net: Rupiah;
}

export interface TppMonthResult {
  nip: string;
  month: string;
  employeeType: EmployeeType;
  golongan: string | null;
  excluded: { code: string; reason: string; legalBasis: LegalBasis } | null;
  kinerjaScore: number;
  segments: (TppMonthSegment & { breakdown: TppSegmentBreakdown })[];
  deductions: TppMonthDeductionLine[];
  sanctions: TppMonthSanctionLine[];
  isCapped: boolean;
  bpjs: { gaji: Rupiah; ceiling: Rupiah; base: Rupiah; employerPercent: number; employeePercent: number };
  tax: TppTaxLine | null;
  corrections: (TppMonthCorrection & { applied: Rupiah })[];
  amounts: TppMonthAmounts;
  /** Applied deductions by cause (`SANKSI` = sanction cuts); they add up to deductions + sanctionCut. */
  byCause: Record<TppDeductionCause, Rupiah>;
  notes: string[];
}

/** The exclusion of an employee whose salary is stopped (regulations.md §1.8). */
export const SALARY_STOP_EXCLUSION = {
  code: 'GAJI_DIHENTIKAN',
  description: 'Gaji dihentikan karena tidak masuk kerja 10 hari kerja berturut-turut',
  legalBasis: {
    regulation: 'PP 94/2021',
    article: 'Pasal 15 ayat (2)',
    note: 'Gaji dihentikan mulai bulan berikutnya; TPP yang dibayar bersama penghasilan ikut tidak dibayarkan [INF]; regulations.md §1.8',
  },
} as const;

/** Non-ASN staff (honorer, PPNPN, THL) are not paid TPP: PP 12/2019 Pasal 58 gives it to ASN (regulations.md §5.1). */
export const NON_ASN_EXCLUSION = {
  code: 'BUKAN_ASN',
  description: 'Bukan pegawai ASN: TPP hanya diberikan kepada pegawai ASN',
  legalBasis: {
    regulation: 'PP 12/2019',
    article: 'Pasal 58',
    note: 'Tambahan penghasilan diberikan kepada pegawai ASN; regulations.md §0.1, §5.1',
  },
} as const;

const ZERO_AMOUNTS: TppMonthAmounts = {
  base: 0,
  kinerja: 0,
  disiplin: 0,
  deductions: 0,
  sanctionCut: 0,
  gross: 0,
  bpjsEmployer: 0,
  bpjsEmployee: 0,
  tax: 0,
  taxWithheld: 0,
  correction: 0,
  net: 0,
};

/** The cause a deduction line counts under in the run's totals (TL / PSW / TK / apel / LKH / other day codes). */
export function causeOf(code: string): TppDeductionCause {
  if (code.startsWith('TL')) return 'TL';
  if (code.startsWith('PSW')) return 'PSW';
  if (code === 'TK') return 'TK';
  if (code === 'APEL') return 'APEL';
  if (code === 'LKH') return 'LKH';
  return 'LAINNYA';
}

/**
 * The kinerja factor of the month from the e-Kinerja figure (regulations.md §5.5 "K = base × w_kinerja ×
 * kinerja_score (0..1, REG mapping)"). Policy for a figure that is not final (PENDING: waiting for the periodic
 * evaluation; NONE: no figure): the rulebook's `performance.kinerjaFigure.whenNoEvaluation` when the region set
 * one, else 0 with a note: the month is paid on what is known, and the kinerja part is paid later as a correction
 * (kekurangan bayar) of the locked run (issue 17 point 4) once the figure is final.
 *
 * @returns the factor and, when it is not the figure itself, why
 */
export function kinerjaScoreFor(
  kinerja: { score: number | null; status: 'FINAL' | 'PENDING' | 'NONE' },
  whenNoEvaluation: number | null,
): { score: number; note: string | null } {
  if (kinerja.status === 'FINAL' && kinerja.score !== null) {
    if (!(kinerja.score >= 0 && kinerja.score <= 1))
      throw new Error(`Kinerja score must be 0..1: ${kinerja.score}`);
    return { score: kinerja.score, note: null };
  }
  const why =
    kinerja.status === 'NONE' ? 'belum ada angka kinerja bulanan' : 'angka kinerja menunggu penilaian';
  if (whenNoEvaluation !== null)
    return {
      score: whenNoEvaluation,
      note: `Komponen kinerja: ${why}; dipakai nilai pengganti rulebook ${whenNoEvaluation}`,
    };
  return {
    score: 0,
    note:
      `Komponen kinerja dihitung 0 karena ${why}; bila angka kinerja ditetapkan kemudian, ` +
      'selisihnya dibayar sebagai kekurangan bayar pada bulan berikutnya',
  };
}

/**
 * Computes one employee's month from its placement segments (design at the top of this file).
 * Source: regulations.md §5.1, §5.3, §5.5, §10 (proration), §1.8, §1.10.
 *
 * @param input the employee-month with tariffs resolved per segment and the kinerja factor resolved
 * @param rules the TPP section in force for the month (validated)
 * @param context the discipline section (sanction catalogue, non-working codes) of the same rulebook
 * @returns the month's line; amounts in whole rupiah, adding up exactly
 * @throws on caller bugs (as `computeTpp`: bad month, placement or score)
 */
export function computeTppMonth(input: TppMonthInput, rules: TppRules, context: TppContext): TppMonthResult {
  const notes: string[] = [];
  const note = (n: string) => {
    if (!notes.includes(n)) notes.push(n);
  };
  const empty = (
    excluded: TppMonthResult['excluded'],
    segments: TppMonthResult['segments'],
  ): TppMonthResult => ({
    nip: input.nip,
    month: input.month,
    employeeType: input.employeeType,
    golongan: input.golongan,
    excluded,
    kinerjaScore: input.kinerjaScore,
    segments,
    deductions: [],
    sanctions: [],
    isCapped: false,
    bpjs: {
      gaji: input.gajiPokok,
      ceiling: rules.bpjs.ceiling,
      base: 0,
      employerPercent: rules.bpjs.employerPercent,
      employeePercent: rules.bpjs.employeePercent,
    },
    tax: null,
    corrections: input.corrections.map((c) => ({ ...c, applied: 0 })),
    amounts: { ...ZERO_AMOUNTS },
    byCause: Object.fromEntries(TPP_DEDUCTION_CAUSES.map((c) => [c, 0])) as Record<TppDeductionCause, Rupiah>,
    notes,
  });
  const pendingCorrections = () => {
    if (input.corrections.length)
      note('Koreksi bulan sebelumnya tidak dibayarkan bulan ini karena TPP tidak dibayar; tetap menunggu');
  };

  if (input.segments.length === 0) {
    const rule = rules.exclusions.find((e) => e.code === 'TANPA_JABATAN');
    pendingCorrections();
    return empty(
      {
        code: rule?.code ?? 'TANPA_JABATAN',
        reason: `${rule?.description ?? 'Tidak memiliki jabatan'}: tidak ada jabatan berkelas pada bulan ${input.month}`,
        legalBasis: rule?.legalBasis ?? {
          regulation: 'PP 12/2019',
          article: 'Pasal 58',
          note: 'regulations.md §5.1',
        },
      },
      [],
    );
  }

  // --- 1. Each segment with the whole month's days -------------------------------------------------------------
  const whole =
    input.segments.length === 1 && input.segments[0]!.daysPlaced === input.segments[0]!.daysInPeriod;
  const parts = input.segments.map((seg) => {
    const segRules: TppRules = {
      ...rules,
      tariffs: { ...rules.tariffs, rows: [{ kelas: seg.kelasJabatan, amount: seg.tariff }] },
    };
    const b = computeTpp(
      {
        employee: {
          nip: input.nip,
          employeeType: input.employeeType,
          kelasJabatan: seg.kelasJabatan,
          ...(seg.positionGroup === null ? {} : { positionGroup: seg.positionGroup }),
        },
        month: input.month,
        ...(whole ? {} : { placement: { daysPlaced: seg.daysPlaced, daysInPeriod: seg.daysInPeriod } }),
        gajiPokok: input.gajiPokok,
        days: input.days,
        apelMisses: input.apelMisses,
        missingActivityReportDates: input.missingActivityReportDates,
        kinerjaScore: input.kinerjaScore,
        activeSanctions: input.activeSanctions,
        exclusions: input.exclusions,
      },
      segRules,
      context,
    );
    for (const n of b.notes) note(n);
    return { seg, b };
  });
  const segments = parts.map(({ seg, b }) => {
    const {
      bpjs: _bpjs,
      bpjsEmployer: _e,
      bpjsEmployee: _w,
      net: _n,
      notes: _notes,
      deductions: _d,
      sanctions: _s,
      ...own
    } = b;
    return { ...seg, breakdown: own };
  });

  // --- Exclusions: the same in every segment (same exclusions, same days) -------------------------------------
  if (input.employeeType === 'NON_ASN') {
    pendingCorrections();
    return empty(
      {
        code: NON_ASN_EXCLUSION.code,
        reason: NON_ASN_EXCLUSION.description,
        legalBasis: { ...NON_ASN_EXCLUSION.legalBasis },
      },
      segments,
    );
  }
  if (input.salaryStopped) {
    pendingCorrections();
    return empty(
      {
        code: SALARY_STOP_EXCLUSION.code,
        reason: SALARY_STOP_EXCLUSION.description,
        legalBasis: { ...SALARY_STOP_EXCLUSION.legalBasis },
      },
      segments,
    );
  }
  const excluded = parts[0]!.b.excluded;
  if (excluded) {
    pendingCorrections();
    return empty(excluded, segments);
  }

  // --- 2. The month's lines: line i of every segment is the same date and code -----------------------------------
  const many = parts.length > 1;
  const deductions: TppMonthDeductionLine[] = parts[0]!.b.deductions.map((first, i) => {
    const same = parts.map(({ b }) => b.deductions[i]);
    if (same.some((l) => !l || l.date !== first.date || l.code !== first.code || l.detail !== first.detail))
      throw new Error(`Segment deduction lines differ at ${i}`);
    return {
      ...first,
      amount: same.reduce((s, l) => s + l!.amount, 0),
      appliedAmount: same.reduce((s, l) => s + l!.appliedAmount, 0),
      ...(many ? { segmentAmounts: same.map((l) => l!.appliedAmount) } : {}),
    };
  });
  const sanctions: TppMonthSanctionLine[] = parts[0]!.b.sanctions.map((first, i) => {
    const same = parts.map(({ b }) => b.sanctions[i]);
    if (same.some((l) => !l || l.sanctionType !== first.sanctionType || l.from !== first.from))
      throw new Error(`Segment sanction lines differ at ${i}`);
    const appliedAmount = same.reduce((s, l) => s + l!.appliedAmount, 0);
    return {
      ...first,
      baseAmount: same.reduce((s, l) => s + l!.baseAmount, 0),
      amount: same.reduce((s, l) => s + l!.amount, 0),
      applied: same.some((l) => l!.applied),
      appliedAmount,
      ...(many ? { segmentAmounts: same.map((l) => l!.appliedAmount) } : {}),
    };
  });

  const sum = (f: (b: TppBreakdown) => number) => parts.reduce((s, { b }) => s + f(b), 0);
  const base = sum((b) => b.base);
  const kinerja = sum((b) => b.components.kinerja.amount);
  const disiplin = sum((b) => b.components.disiplin.share);
  const deducted = sum((b) => b.totalDeduction);
  const sanctionCut = sum((b) => b.sanctionCut);
  const gross = sum((b) => b.gross);

  // --- 3. BPJS once on the month (§5.1), then PPh 21 (§5.5), then corrections ----------------------------------
  const gaji = Math.max(0, input.gajiPokok);
  const { ceiling, employerPercent, employeePercent } = rules.bpjs;
  const bpjsBase = Math.max(0, Math.min(gaji + gross, ceiling) - Math.min(gaji, ceiling));
  const bpjsEmployer = roundRupiah((bpjsBase * employerPercent) / 100);
  const bpjsEmployee = roundRupiah((bpjsBase * employeePercent) / 100);
  if (gaji === 0) note('Gaji pokok tidak tercatat: iuran BPJS dihitung atas TPP saja');
  const tax = computeTppTax(rules.tax, input.golongan, gross, bpjsEmployer);
  const taxWithheld = tax?.withheld ?? 0;
  const beforeCorrection = gross - bpjsEmployee - taxWithheld;
  let room = beforeCorrection;
  const corrections = input.corrections.map((c) => {
    if (c.amount >= 0) {
      room += c.amount;
      return { ...c, applied: c.amount };
    }
    const applied = -Math.min(-c.amount, room);
    room += applied;
    if (applied !== c.amount)
      note(
        `Kelebihan bayar bulan ${c.originMonth} sebesar ${-c.amount} hanya diperhitungkan ${-applied}; ` +
          'sisanya diperhitungkan pada bulan berikutnya',
      );
    return { ...c, applied };
  });
  const correction = corrections.reduce((s, c) => s + c.applied, 0);

  const byCause = Object.fromEntries(TPP_DEDUCTION_CAUSES.map((c) => [c, 0])) as Record<
    TppDeductionCause,
    Rupiah
  >;
  for (const l of deductions) byCause[causeOf(l.code)] += l.appliedAmount;
  byCause.SANKSI = sanctionCut;

  return {
    ...empty(null, segments),
    deductions,
    sanctions,
    isCapped: parts.some(({ b }) => b.isCapped),
    bpjs: { gaji: input.gajiPokok, ceiling, base: bpjsBase, employerPercent, employeePercent },
    tax,
    corrections,
    amounts: {
      base,
      kinerja,
      disiplin,
      deductions: deducted,
      sanctionCut,
      gross,
      bpjsEmployer,
      bpjsEmployee,
      tax: tax?.amount ?? 0,
      taxWithheld,
      correction,
      net: beforeCorrection + correction,
    },
    byCause,
  };
}
