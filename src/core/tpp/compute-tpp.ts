/**
 * Monthly TPP of one employee, with a breakdown that explains every rupiah.
 * Source: PP 12/2019 Pasal 58 (TPP by Perkada); PP 94/2021 Pasal 8 and regional Perkada (hukdis cuts);
 * Perpres 64/2020 / Jatim deck (BPJS 4 % + 1 %); regulations.md §1.10, §5.1–§5.5 (computation skeleton).
 *
 * Steps (regulations.md §5.5):
 *   base            = tariff(kelas) × employee-type % × placed / period days
 *   kinerja share   = base × w_kinerja;  disiplin share = base − kinerja share
 *   kinerja earned  = kinerja share × kinerja score (0..1)
 *   deductions      = Σ per-day code / lateness / early-leave / missing LKH / missed apel, each a % of the
 *                     deduction base (the whole base, or the disiplin share), capped so the TPP never goes negative
 *   after deductions= kinerja earned + disiplin share − deductions
 *   sanction cut    = % of (after deductions | kinerja | disiplin) for sanctions active in the month, keyed on the
 *                     sanction actually imposed (the interim substitute of a type not yet active, §1.2)
 *   gross           = after deductions − sanction cut
 *   BPJS            = rate × (min(gaji + gross, ceiling) − min(gaji, ceiling)); net = gross − employee share
 *
 * Rounding: amounts are whole rupiah, rounded only with `roundRupiah`, at exactly these points:
 *   1. the prorated base; 2. the kinerja share (the disiplin share is base − kinerja share, so the two add up
 *   exactly); 3. the kinerja earned; 4. each deduction line; 5. each sanction-cut line; 6. each BPJS share.
 *   Totals are sums of already-rounded integers, so the lines always add up exactly to the totals.
 */
import type { LegalBasis } from '../common/legal-basis.ts';
import type { LocalDate } from '../common/local-date.ts';
import type { Rupiah } from '../common/money.ts';
import { roundRupiah } from '../common/money.ts';
import type { DayStatus } from '../attendance/day-status.ts';
import type { DayCode } from '../attendance/status-codes.ts';
import type { DisciplineRules, SanctionType } from '../discipline/discipline-rules.ts';
import type { EmployeeType } from '../leave/leave-rules.ts';
import type { PerformanceRules, Predikat } from '../performance/performance-rules.ts';
import { PREDIKAT_LABELS } from '../performance/performance-rules.ts';
import type { TppDeductionCode, TppRules, TppWeights } from './tpp-rules.ts';

export interface TppEmployee {
  nip: string;
  employeeType: EmployeeType;
  kelasJabatan: number;
  /** Matched against `components.byPositionGroup` (e.g. `JPT_PRATAMA`, `PELAKSANA`). */
  positionGroup?: string;
}

export interface TppSanction {
  /**
   * Sanction type code from the discipline catalogue: the type decided (e.g. `S1`) or the form imposed
   * (`KGB_TUNDA_1TH`). A type not yet active is resolved to its interim substitute before the cut is looked up.
   */
  type: string;
  /** Date the sanction takes effect. */
  from: LocalDate;
  /** Set when the sanction ended early (e.g. annulled on appeal): no cut after this date's month. */
  to?: LocalDate | null;
}

export interface TppInput {
  employee: TppEmployee;
  /** `YYYY-MM`. */
  month: string;
  /**
   * Part-month placement, counted in the unit of `rules.proration.method` (calendar or working days).
   * Absent = placed for the whole month.
   */
  placement?: { daysPlaced: number; daysInPeriod: number };
  /** Monthly salary already subject to the BPJS contribution; only used for the BPJS ceiling. */
  gajiPokok: Rupiah;
  days: DayStatus[];
  apelMisses: { date: LocalDate; kind: string }[];
  /** Working days for which no daily activity report (LKH) was filed / validated. */
  missingActivityReportDates: LocalDate[];
  /** Kinerja factor 0..1, or a predikat converted with the performance rulebook. */
  kinerjaScore: number | { predikat: Predikat };
  activeSanctions: TppSanction[];
  /** Exclusion reasons known from personnel data (codes as in `rules.exclusions`). */
  exclusions: { code: string; reason: string }[];
}

export type TppLineCode = TppDeductionCode | 'LKH' | 'APEL';

export interface TppDeductionLine {
  date: LocalDate;
  code: TppLineCode;
  /** Apel kind for `APEL` lines; the treated-as code for `LKH` lines in `asCode` mode. */
  detail?: string;
  /** Human-readable rule (Bahasa Indonesia). */
  rule: string;
  legalBasis: LegalBasis;
  percent: number;
  /** Deduction computed from the rule: round(deduction base × percent / 100). */
  amount: Rupiah;
  /** What is actually deducted after the cap (earlier lines first); equals `amount` unless the cap was reached. */
  appliedAmount: Rupiah;
}

export interface TppSanctionLine {
  /** The sanction type as given in the input. */
  sanctionType: string;
  /** The sanction actually imposed, whose cut applies: `sanctionType` itself, or its interim substitute. */
  imposedType: string;
  from: LocalDate;
  /** First and last month (`YYYY-MM`) of the cut. */
  cutFromMonth: string;
  cutToMonth: string;
  percent: number;
  base: 'total' | 'kinerja' | 'disiplin';
  baseAmount: Rupiah;
  amount: Rupiah;
  /** Whether this cut is applied (with `combine: 'highest'` only the largest is). */
  applied: boolean;
  appliedAmount: Rupiah;
  legalBasis: LegalBasis;
}

export interface TppBreakdown {
  nip: string;
  month: string;
  kelasJabatan: number;
  /** Tariff of the kelas jabatan (100 %). */
  tariff: Rupiah;
  employeeTypePercent: number;
  /** Placement days in the rulebook's unit; null when placed for the whole month. */
  proration: {
    method: 'calendarDays' | 'workingDays';
    daysPlaced: number | null;
    daysInPeriod: number | null;
  };
  /** tariff × employee-type % × placement, rounded. */
  base: Rupiah;
  weights: TppWeights;
  components: {
    kinerja: { share: Rupiah; score: number; scoreSource: string; amount: Rupiah; afterDeductions: Rupiah };
    disiplin: { share: Rupiah; afterDeductions: Rupiah };
  };
  deductionBase: 'total' | 'disiplin';
  deductionBaseAmount: Rupiah;
  deductions: TppDeductionLine[];
  /** Σ line `amount`. */
  totalDeductionBeforeCap: Rupiah;
  /** The most that can be deducted: the disiplin share, or (base `total`) what was earned before deductions. */
  deductionCap: Rupiah;
  /** Σ line `appliedAmount` = min(before cap, cap). */
  totalDeduction: Rupiah;
  isCapped: boolean;
  afterDeductions: Rupiah;
  sanctions: TppSanctionLine[];
  sanctionCut: Rupiah;
  gross: Rupiah;
  bpjs: { gaji: Rupiah; ceiling: Rupiah; base: Rupiah; employerPercent: number; employeePercent: number };
  bpjsEmployer: Rupiah;
  bpjsEmployee: Rupiah;
  /** gross − BPJS employee share (PPh 21 and other lawful deductions are outside this function). */
  net: Rupiah;
  excluded: { code: string; reason: string; legalBasis: LegalBasis } | null;
  /** Remarks on ignored or unusual inputs (Bahasa Indonesia). */
  notes: string[];
}

/** Other sections of the same rulebook the TPP computation reads. */
export interface TppContext {
  /**
   * The discipline section: the sanction catalogue (which types are active, their interim substitutes) and the
   * day codes that are not working days (`absence.nonWorkingCodes`, e.g. `LIBUR`, `CBER`).
   */
  discipline: Pick<DisciplineRules, 'sanctionTypes' | 'absence'>;
  /** Needed only when `kinerjaScore` is a predikat. */
  performance?: Pick<PerformanceRules, 'tppKinerjaScore'>;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Computes the monthly TPP of one employee with a line-by-line breakdown.
 * Source: PP 12/2019 Pasal 58; regional Perkada on TPP; regulations.md §5.5 (skeleton), §5.1 (tariff, exclusions,
 * BPJS), §5.2 (weights), §5.3 (TL/PSW/TK per day, deduction base), §5.4 (apel, LKH), §1.10 (hukdis cuts).
 *
 * Decisions (documented in the breakdown): deductions on `total` are taken from the disiplin share first, then
 * kinerja; a missing LKH counts only on working days with code `H` (or no status) and in `asCode` mode replaces
 * that day's lateness / early-leave lines; apel misses on days the employee was not present (code other than `H`,
 * or a non-working day) are ignored; with several sanctions, `combine` decides.
 * Non-working days (`LIBUR`, the discipline `absence.nonWorkingCodes` such as `CBER`, days flagged
 * `nonWorkingDay`) are not working days of the month for the whole-month exclusions (§5.1: a whole month of
 * cuti besar is not paid).
 * A sanction cut is keyed on the sanction actually imposed: a type not yet active (S1–S3 until the PP on
 * allowances is issued) is applied as its interim substitute, so only a cut on the substitute applies (§1.2).
 * Latenesses made up the same day (`DayStatus.madeUpLate`) are cut at their band only beyond the monthly
 * allowance `deductions.lateMakeUp` (KemenPANRB 2018, §3.2).
 *
 * @param input the employee-month (statuses, apel, LKH, kinerja, sanctions, exclusions)
 * @param rules the TPP section effective for the month (validated)
 * @param context the discipline section of the same rulebook, and the performance section when `kinerjaScore`
 *   is a predikat
 * @returns the breakdown; amounts in whole rupiah
 * @throws on caller bugs: malformed month, kelas jabatan without tariff, score outside 0..1, bad placement,
 *   predikat without performance rules
 */
export function computeTpp(input: TppInput, rules: TppRules, context: TppContext): TppBreakdown {
  const performance = context.performance;
  const { employee, month } = input;
  if (!MONTH_RE.test(month)) throw new Error(`Invalid month: ${month}`);
  const notes: string[] = [];
  const inMonth = (d: LocalDate) => d.startsWith(`${month}-`);

  if (
    month < rules.effectiveFrom.slice(0, 7) ||
    (rules.effectiveTo !== null && month > rules.effectiveTo.slice(0, 7))
  ) {
    notes.push(
      `Aturan TPP berlaku ${rules.effectiveFrom} s.d. ${rules.effectiveTo ?? 'seterusnya'}, tidak mencakup bulan ${month}`,
    );
  }

  // --- Base: tariff × employee-type % × proration --------------------------------------------------------
  const tariffRow = rules.tariffs.rows.find((r) => r.kelas === employee.kelasJabatan);
  if (!tariffRow) throw new Error(`No TPP tariff for kelas jabatan ${employee.kelasJabatan}`);
  const tariff = tariffRow.amount;
  const employeeTypePercent =
    rules.employeeTypePercent.find((t) => t.employeeType === employee.employeeType)?.percent ?? 100;
  const placement = input.placement ?? { daysPlaced: 1, daysInPeriod: 1 };
  if (
    !(placement.daysInPeriod > 0) ||
    placement.daysPlaced < 0 ||
    placement.daysPlaced > placement.daysInPeriod
  ) {
    throw new Error(`Invalid placement ${placement.daysPlaced}/${placement.daysInPeriod}`);
  }
  const base = roundRupiah(
    (tariff * employeeTypePercent * placement.daysPlaced) / (100 * placement.daysInPeriod),
  );
  const proration = {
    method: rules.proration.method,
    daysPlaced: input.placement ? placement.daysPlaced : null,
    daysInPeriod: input.placement ? placement.daysInPeriod : null,
  };

  // --- Components -------------------------------------------------------------------------------------------
  const group = employee.positionGroup;
  const weights =
    (group !== undefined &&
      rules.components.byPositionGroup.find((g) => g.positionGroup === group)?.weights) ||
    rules.components.weights;
  const kinerjaShare = roundRupiah((base * weights.kinerja) / 100);
  const disiplinShare = base - kinerjaShare;
  const { score, scoreSource } = resolveScore(input.kinerjaScore, performance);
  const kinerjaAmount = roundRupiah(kinerjaShare * score);

  const deductionBase = rules.deductions.base;
  const deductionBaseAmount = deductionBase === 'total' ? base : disiplinShare;
  const deductionCap = deductionBase === 'total' ? kinerjaAmount + disiplinShare : disiplinShare;

  const empty = (excluded: TppBreakdown['excluded']): TppBreakdown => ({
    nip: employee.nip,
    month,
    kelasJabatan: employee.kelasJabatan,
    tariff,
    employeeTypePercent,
    proration,
    base,
    weights,
    components: {
      kinerja: { share: kinerjaShare, score, scoreSource, amount: 0, afterDeductions: 0 },
      disiplin: { share: disiplinShare, afterDeductions: 0 },
    },
    deductionBase,
    deductionBaseAmount,
    deductions: [],
    totalDeductionBeforeCap: 0,
    deductionCap: 0,
    totalDeduction: 0,
    isCapped: false,
    afterDeductions: 0,
    sanctions: [],
    sanctionCut: 0,
    gross: 0,
    bpjs: {
      gaji: input.gajiPokok,
      ceiling: rules.bpjs.ceiling,
      base: 0,
      employerPercent: rules.bpjs.employerPercent,
      employeePercent: rules.bpjs.employeePercent,
    },
    bpjsEmployer: 0,
    bpjsEmployee: 0,
    net: 0,
    excluded,
    notes,
  });

  // --- Exclusions (§5.1) -------------------------------------------------------------------------------------
  const days = [...input.days].filter((d) => {
    if (inMonth(d.date)) return true;
    notes.push(`Status hari ${d.date} di luar bulan ${month} diabaikan`);
    return false;
  });
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byDate = new Map<LocalDate, DayStatus>();
  for (const d of days) {
    if (byDate.has(d.date))
      notes.push(`Status hari ${d.date} tercatat lebih dari sekali; yang pertama dipakai`);
    else byDate.set(d.date, d);
  }

  for (const e of input.exclusions) {
    const rule = rules.exclusions.find((r) => r.code === e.code);
    if (rule)
      return empty({ code: e.code, reason: `${rule.description}: ${e.reason}`, legalBasis: rule.legalBasis });
    notes.push(`Pengecualian ${e.code} tidak dikenal dalam aturan TPP dan diabaikan`);
  }
  const nonWorkingCodes = new Set<DayCode>(['LIBUR', ...context.discipline.absence.nonWorkingCodes]);
  const isWorkingDay = (d: DayStatus) => d.nonWorkingDay !== true && !nonWorkingCodes.has(d.code);
  const workDays = [...byDate.values()].filter(isWorkingDay);
  for (const rule of rules.exclusions) {
    const codes = rule.dayCodes;
    if (codes && workDays.length > 0 && workDays.every((d) => codes.includes(d.code))) {
      return empty({
        code: rule.code,
        reason: `${rule.description}: seluruh hari kerja bulan ${month} berstatus ${[...new Set(workDays.map((d) => d.code))].join('/')}`,
        legalBasis: rule.legalBasis,
      });
    }
  }

  // --- Deduction lines (§5.3, §5.4) ----------------------------------------------------------------------------
  const baseWords = deductionBase === 'total' ? 'TPP' : 'komponen disiplin';
  const perDay = new Map(rules.deductions.perDay.map((r) => [r.code as string, r]));
  const lines: TppDeductionLine[] = [];
  const addLine = (
    date: LocalDate,
    code: TppLineCode,
    percent: number,
    rule: string,
    legalBasis: LegalBasis,
    detail?: string,
  ) => {
    const amount = roundRupiah((deductionBaseAmount * percent) / 100);
    lines.push({
      date,
      code,
      ...(detail === undefined ? {} : { detail }),
      rule,
      legalBasis,
      percent,
      amount,
      appliedAmount: 0,
    });
  };

  const lkh = rules.deductions.missingActivityReport;
  const missingLkh = new Set<LocalDate>();
  for (const d of input.missingActivityReportDates) {
    if (!inMonth(d)) notes.push(`Tanggal LKH ${d} di luar bulan ${month} diabaikan`);
    else missingLkh.add(d);
  }

  // Latenesses made up the same day: cut only beyond the monthly allowance (KemenPANRB 2018; §3.2).
  const madeUpCut = new Set<LocalDate>();
  const makeUp = rules.deductions.lateMakeUp;
  const madeUpDays = days.filter((d) => d.madeUpLate && d.code === 'H' && isWorkingDay(d));
  if (makeUp !== null && madeUpDays.length > makeUp.allowedDaysPerMonth) {
    const cut = makeUp.beyond === 'allDays' ? madeUpDays : madeUpDays.slice(makeUp.allowedDaysPerMonth);
    for (const d of cut) madeUpCut.add(d.date);
    notes.push(
      `Keterlambatan yang diganti pada hari yang sama ${madeUpDays.length} kali, lebih dari ${makeUp.allowedDaysPerMonth} kali ` +
        `dalam bulan ${month}: ${cut.length} hari dipotong menurut pita terlambatnya`,
    );
  }

  const dates = [...new Set([...byDate.keys(), ...missingLkh])].sort();
  for (const date of dates) {
    const day = byDate.get(date);
    // An LKH is expected on working days present (or days without a status); never on TK, leave, permits or
    // non-working days.
    const present = day === undefined || (day.code === 'H' && isWorkingDay(day));
    const lkhMissing = missingLkh.has(date) && lkh.mode !== 'none' && present;
    if (missingLkh.has(date) && day && !present)
      notes.push(
        `LKH kosong tanggal ${date} tidak dipotong karena status hari ${day.code}${day.code === 'H' ? ' (bukan hari kerja)' : ''}`,
      );
    const codeRule = day ? perDay.get(day.code) : undefined;
    if (day && codeRule) {
      addLine(
        date,
        day.code,
        codeRule.percent,
        `${DAY_CODE_WORDS[day.code] ?? day.code} (${day.code}): potongan ${pct(codeRule.percent)} dari ${baseWords} per hari`,
        codeRule.legalBasis,
      );
    }
    if (lkhMissing && lkh.mode === 'asCode') {
      const as = perDay.get(lkh.code);
      if (as) {
        addLine(
          date,
          'LKH',
          as.percent,
          `LKH tidak diisi: hari diperlakukan sebagai ${lkh.code}, potongan ${pct(as.percent)} dari ${baseWords}`,
          lkh.legalBasis,
          lkh.code,
        );
      }
      continue; // the day counts as `lkh.code`: its lateness / early-leave lines do not apply
    }
    for (const band of [day?.lateBand, day?.earlyBand]) {
      if (!band) continue;
      const r = perDay.get(band);
      if (r)
        addLine(
          date,
          band,
          r.percent,
          `${band.startsWith('TL') ? 'Terlambat' : 'Pulang sebelum waktunya'} ${band}: potongan ${pct(r.percent)} dari ${baseWords}`,
          r.legalBasis,
        );
    }
    const madeUp = day?.madeUpLate;
    if (makeUp !== null && madeUp && madeUpCut.has(date)) {
      const r = perDay.get(madeUp.band);
      if (r)
        addLine(
          date,
          madeUp.band,
          r.percent,
          `Terlambat ${madeUp.band} (${madeUp.minutes} menit) diganti pada hari yang sama, tetapi melebihi ` +
            `${makeUp.allowedDaysPerMonth} kali sebulan: potongan ${pct(r.percent)} dari ${baseWords}`,
          makeUp.legalBasis,
        );
    }
    if (lkhMissing && lkh.mode === 'percent') {
      addLine(
        date,
        'LKH',
        lkh.percent,
        `LKH tidak diisi: potongan ${pct(lkh.percent)} dari ${baseWords}`,
        lkh.legalBasis,
      );
    }
  }

  const apelRules = new Map(rules.deductions.apel.map((a) => [a.kind, a]));
  const apelLines: TppDeductionLine[] = [];
  for (const miss of [...input.apelMisses].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (!inMonth(miss.date)) {
      notes.push(`Apel ${miss.kind} tanggal ${miss.date} di luar bulan ${month} diabaikan`);
      continue;
    }
    const r = apelRules.get(miss.kind);
    if (!r) {
      notes.push(`Jenis apel ${miss.kind} tidak ada di tabel potongan; tidak dipotong`);
      continue;
    }
    const day = byDate.get(miss.date);
    if (day && (day.code !== 'H' || !isWorkingDay(day))) {
      notes.push(
        `Apel ${miss.kind} tanggal ${miss.date} tidak dipotong karena status hari ${day.code}${day.code === 'H' ? ' (bukan hari kerja)' : ''}`,
      );
      continue;
    }
    const amount = roundRupiah((deductionBaseAmount * r.percent) / 100);
    apelLines.push({
      date: miss.date,
      code: 'APEL',
      detail: miss.kind,
      rule: `Tidak mengikuti ${r.label}: potongan ${pct(r.percent)} dari ${baseWords}`,
      legalBasis: r.legalBasis,
      percent: r.percent,
      amount,
      appliedAmount: 0,
    });
  }
  // Stable merge by date: day lines keep their order; apel lines go after the day's other lines.
  const allLines = [...lines, ...apelLines]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => (a.l.date < b.l.date ? -1 : a.l.date > b.l.date ? 1 : a.i - b.i))
    .map((x) => x.l);

  // --- Cap: deductions never exceed what they are taken from ----------------------------------------------------
  let remaining = deductionCap;
  let totalDeductionBeforeCap = 0;
  for (const line of allLines) {
    totalDeductionBeforeCap += line.amount;
    line.appliedAmount = Math.min(line.amount, remaining);
    remaining -= line.appliedAmount;
  }
  const totalDeduction = deductionCap - remaining;
  const isCapped = totalDeduction < totalDeductionBeforeCap;
  if (isCapped)
    notes.push(
      `Jumlah potongan dibatasi sebesar ${deductionBase === 'total' ? 'TPP yang diperoleh' : 'komponen disiplin'}`,
    );

  // Attribute deductions to components (base `total`: disiplin first, then kinerja).
  const disiplinAfter = Math.max(0, disiplinShare - totalDeduction);
  const kinerjaAfter = kinerjaAmount - (totalDeduction - (disiplinShare - disiplinAfter));
  const afterDeductions = kinerjaAfter + disiplinAfter;

  // --- Sanction cuts (§1.10) ----------------------------------------------------------------------------------
  const monthIndex = toMonthIndex(month);
  const sanctionLines: TppSanctionLine[] = [];
  const catalogue = new Map(context.discipline.sanctionTypes.map((t) => [t.code, t]));
  for (const s of input.activeSanctions) {
    const imposed = imposedSanction(s.type, catalogue, notes);
    if (imposed === null) continue;
    const cut = rules.sanctionCuts.cuts.find((c) => c.sanctionType === imposed.code);
    if (!cut) {
      notes.push(`Hukuman disiplin ${imposed.code} tidak memiliki pemotongan TPP dalam aturan`);
      continue;
    }
    const start = toMonthIndex(s.from.slice(0, 7)) + (rules.sanctionCuts.startsIn === 'nextMonth' ? 1 : 0);
    let end = start + cut.months - 1;
    if (s.to) end = Math.min(end, toMonthIndex(s.to.slice(0, 7)));
    if (monthIndex < start || monthIndex > end) continue;
    const baseAmount =
      cut.base === 'total' ? afterDeductions : cut.base === 'kinerja' ? kinerjaAfter : disiplinAfter;
    sanctionLines.push({
      sanctionType: s.type,
      imposedType: imposed.code,
      from: s.from,
      cutFromMonth: fromMonthIndex(start),
      cutToMonth: fromMonthIndex(end),
      percent: cut.percent,
      base: cut.base,
      baseAmount,
      amount: roundRupiah((baseAmount * cut.percent) / 100),
      applied: false,
      appliedAmount: 0,
      legalBasis: cut.legalBasis,
    });
  }
  if (rules.sanctionCuts.combine === 'highest') {
    const top = sanctionLines.reduce<TppSanctionLine | undefined>(
      (best, l) => (!best || l.amount > best.amount ? l : best),
      undefined,
    );
    if (top) {
      top.applied = true;
      top.appliedAmount = top.amount;
    }
  } else {
    let left = afterDeductions;
    for (const l of sanctionLines) {
      l.applied = true;
      l.appliedAmount = Math.min(l.amount, left);
      left -= l.appliedAmount;
    }
  }
  const sanctionCut = sanctionLines.reduce((s, l) => s + l.appliedAmount, 0);
  const gross = afterDeductions - sanctionCut;

  // --- BPJS (§5.1): only the part of gaji + TPP below the ceiling that the TPP adds ----------------------------
  const gaji = Math.max(0, input.gajiPokok);
  const bpjsBase = Math.max(
    0,
    Math.min(gaji + gross, rules.bpjs.ceiling) - Math.min(gaji, rules.bpjs.ceiling),
  );
  const bpjsEmployer = roundRupiah((bpjsBase * rules.bpjs.employerPercent) / 100);
  const bpjsEmployee = roundRupiah((bpjsBase * rules.bpjs.employeePercent) / 100);

  return {
    ...empty(null),
    components: {
      kinerja: {
        share: kinerjaShare,
        score,
        scoreSource,
        amount: kinerjaAmount,
        afterDeductions: kinerjaAfter,
      },
      disiplin: { share: disiplinShare, afterDeductions: disiplinAfter },
    },
    deductions: allLines,
    totalDeductionBeforeCap,
    deductionCap,
    totalDeduction,
    isCapped,
    afterDeductions,
    sanctions: sanctionLines,
    sanctionCut,
    gross,
    bpjs: {
      gaji: input.gajiPokok,
      ceiling: rules.bpjs.ceiling,
      base: bpjsBase,
      employerPercent: rules.bpjs.employerPercent,
      employeePercent: rules.bpjs.employeePercent,
    },
    bpjsEmployer,
    bpjsEmployee,
    net: gross - bpjsEmployee,
  };
}

const DAY_CODE_WORDS: Partial<Record<string, string>> = {
  TK: 'Tidak masuk kerja tanpa keterangan',
  CT: 'Cuti tahunan',
  CB: 'Cuti besar',
  CS: 'Cuti sakit',
  CM: 'Cuti melahirkan',
  CAP: 'Cuti karena alasan penting',
  CLTN: 'Cuti di luar tanggungan negara',
  I: 'Izin',
  S: 'Sakit',
  TB: 'Tugas belajar',
};

/**
 * The sanction actually imposed for a type code: the type itself when active, else its active interim substitute;
 * null (with a note) for a code missing from the catalogue or an inactive type without a usable substitute.
 * Source: PP 94/2021 Pasal 42; Peraturan BKN 6/2022 Pasal 62; regulations.md §1.2 (transitional rule).
 */
function imposedSanction(
  code: string,
  catalogue: ReadonlyMap<string, SanctionType>,
  notes: string[],
): SanctionType | null {
  const type = catalogue.get(code);
  if (type === undefined) {
    notes.push(`Hukuman disiplin ${code} tidak ada di katalog hukuman disiplin; tidak ada pemotongan TPP`);
    return null;
  }
  if (type.active) return type;
  const sub = type.interimSubstitute === null ? undefined : catalogue.get(type.interimSubstitute);
  if (sub === undefined || !sub.active) {
    notes.push(
      `Hukuman ${type.code} belum berlaku dan tidak memiliki pengganti yang berlaku; tidak ada pemotongan TPP`,
    );
    return null;
  }
  notes.push(
    `Hukuman ${type.code} (${type.name}) belum berlaku; yang dijatuhkan adalah penggantinya ${sub.code} (${sub.name}), ` +
      'pemotongan TPP mengikuti hukuman pengganti (regulations.md §1.2)',
  );
  return sub;
}

function resolveScore(
  kinerja: TppInput['kinerjaScore'],
  performance: Pick<PerformanceRules, 'tppKinerjaScore'> | undefined,
): { score: number; scoreSource: string } {
  if (typeof kinerja === 'number') {
    if (!Number.isFinite(kinerja) || kinerja < 0 || kinerja > 1)
      throw new Error(`Kinerja score must be 0..1, got ${kinerja}`);
    return { score: kinerja, scoreSource: `Nilai kinerja ${kinerja}` };
  }
  if (!performance)
    throw new Error('A predikat kinerja needs the performance rules to convert it to a score');
  const score = performance.tppKinerjaScore.byPredikat[kinerja.predikat];
  return { score, scoreSource: `Predikat ${PREDIKAT_LABELS[kinerja.predikat]} → faktor ${score}` };
}

function pct(percent: number): string {
  return `${String(percent).replace('.', ',')}%`;
}

function toMonthIndex(yearMonth: string): number {
  return Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;
}

function fromMonthIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
