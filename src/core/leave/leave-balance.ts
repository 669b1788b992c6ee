/**
 * Annual-leave balance with carry-over, and the rule checks of a leave request.
 * Source: PP 11/2017 as amended by PP 17/2020 (cuti PNS, Pasal 333 cuti bersama); Peraturan BKN 24/2017 as amended
 * by 7/2021; PP 49/2018 Pasal 77 and Peraturan BKN 7/2022 (PPPK); regulations.md §3.4, §4.1, §4.2.
 */
import { formatDdMmYyyy } from '../common/date-text.ts';
import type { LegalBasis } from '../common/legal-basis.ts';
import type { LocalDate } from '../common/local-date.ts';
import { addDays, daysInMonth, diffDays, isLocalDate, yearOf } from '../common/local-date.ts';
import type { LeaveCode } from '../attendance/status-codes.ts';
import type { AnnualLeaveRule, Duration, EmployeeType, LeaveRules } from './leave-rules.ts';

export interface AnnualLeaveBalanceInput {
  employeeType: EmployeeType;
  /** Start of continuous service (TMT CPNS for PNS, contract start for PPPK). */
  serviceStartDate: LocalDate;
  year: number;
  /** Annual-leave working days taken per year (missing years = 0). */
  takenByYear: Record<number, number>;
  /** Cuti bersama days the employee had to work, per year (PP 11/2017 Pasal 333: added to annual leave). */
  cutiBersamaWorkedDays?: Record<number, number>;
  /** Years in which cuti besar was taken (no annual leave in that year). */
  cutiBesarYears?: number[];
  /**
   * Balance brought over from an earlier system for the start of a year (the e-cuti "N-1" and "N-2" columns and
   * the days of that year already taken there). History before `opening.year` is then ignored.
   */
  opening?: LeaveOpeningBalance;
  rules: LeaveRules;
}

/** An opening balance set by admin OPD / BKD when migrating from an old system. Source: regulations.md §4.1. */
export interface LeaveOpeningBalance {
  year: number;
  /** Days carried into `year` from the year before (N-1); capped at maxWithOneYearCarry − entitlement. */
  carriedFromPreviousYear: number;
  /** Days carried into `year` from two years before (N-2); capped at maxWithTwoYearsCarry − maxWithOneYearCarry. */
  carriedFromTwoYearsBefore: number;
  /** Annual-leave days of `year` already taken in the old system. */
  takenBefore: number;
}

export interface AnnualLeaveBalance {
  year: number;
  /** Whether the service requirement is met by the end of `year`. */
  isEligible: boolean;
  /** First day annual leave may be taken (service start + minimum service); null when no annual leave at all. */
  eligibleFrom: LocalDate | null;
  /** Fresh days of `year` (12 HK, plus cuti bersama worked). */
  entitlement: number;
  /** Days carried into `year`: from the previous year (≤ 6) and from two years before (≤ 6). */
  carriedOver: number;
  carriedFromPreviousYear: number;
  carriedFromTwoYearsBefore: number;
  /** entitlement + carriedOver: at most 12 → 18 → 24 HK (plus cuti bersama worked). */
  available: number;
  taken: number;
  /** available − taken, never below 0. */
  remaining: number;
  explanation: string[];
}

/**
 * Annual-leave balance of a year. Model (BKN e-cuti "N, N-1, N-2"): each eligible year gives a fresh
 * entitlement (12 HK); unused fresh days carry to the next year up to `maxWithOneYearCarry − entitlement`
 * (6 → total 18); days carried and again unused carry one more year up to `maxWithTwoYearsCarry −
 * maxWithOneYearCarry` (6 → total 24), then lapse. Days taken use the oldest days first. Cuti bersama does not
 * reduce the balance; cuti bersama days worked are added to that year's entitlement.
 * Source: PP 11/2017 Pasal 309–341 (12 HK, 18 HK, 24 HK), Pasal 333 (cuti bersama); PP 49/2018 Pasal 77 (PPPK);
 * regulations.md §4.1 ("carry-over"), §4.2, §3.4.
 *
 * @returns the balance with an explanation in Bahasa Indonesia, year by year
 */
export function computeAnnualLeaveBalance(input: AnnualLeaveBalanceInput): AnnualLeaveBalance {
  const { employeeType, serviceStartDate, year, rules } = input;
  const opening = input.opening && input.opening.year <= year ? input.opening : undefined;
  const takenIn = (y: number) =>
    Math.max(0, input.takenByYear[y] ?? 0) + (opening?.year === y ? Math.max(0, opening.takenBefore) : 0);
  const annual = annualRuleFor(rules, employeeType);
  const taken = takenIn(year);
  const none = (why: string, eligibleFrom: LocalDate | null): AnnualLeaveBalance => ({
    year,
    isEligible: false,
    eligibleFrom,
    entitlement: 0,
    carriedOver: 0,
    carriedFromPreviousYear: 0,
    carriedFromTwoYearsBefore: 0,
    available: 0,
    taken,
    remaining: 0,
    explanation: [why],
  });
  if (!annual) return none(`Jenis pegawai ${employeeType} tidak memiliki hak cuti tahunan`, null);

  const eligibleFrom = addYears(serviceStartDate, annual.minServiceYears);
  const firstYear = yearOf(eligibleFrom);
  if (firstYear > year) {
    return none(
      `Hak cuti tahunan baru ada setelah masa kerja ${annual.minServiceYears} tahun, yaitu mulai ${formatDdMmYyyy(eligibleFrom)}`,
      eligibleFrom,
    );
  }

  const cap1 = annual.maxWithOneYearCarry - annual.entitlementDays;
  const cap2 = annual.maxWithTwoYearsCarry - annual.maxWithOneYearCarry;
  const addsCutiBersama =
    rules.cutiBersama.workedDaysAddedToAnnualLeave && !rules.cutiBersama.reducesAnnualLeave;
  const cutiBesar = new Set(input.cutiBesarYears ?? []);
  const cancelsOnCutiBesar = rules.cutiBesarCancelsAnnualLeaveOfYear.value;

  const freshOf = (y: number) => {
    const worked = addsCutiBersama ? (input.cutiBersamaWorkedDays?.[y] ?? 0) : 0;
    const cancelled = cancelsOnCutiBesar && cutiBesar.has(y);
    return { worked, cancelled, fresh: cancelled || y < firstYear ? 0 : annual.entitlementDays + worked };
  };

  let n1 = 0; // carried from the previous year
  let n2 = 0; // carried from two years before
  let start = firstYear;
  if (opening) {
    // An opening balance replaces the history before its year (data migrated from an old system).
    start = opening.year;
    n1 = Math.min(cap1, Math.max(0, opening.carriedFromPreviousYear));
    n2 = Math.min(cap2, Math.max(0, opening.carriedFromTwoYearsBefore));
  }
  for (let y = start; y < year; y++) {
    const { fresh } = freshOf(y);
    // Oldest days are used first.
    let use = takenIn(y);
    const fromN2 = Math.min(n2, use);
    use -= fromN2;
    const fromN1 = Math.min(n1, use);
    use -= fromN1;
    const fromFresh = Math.min(fresh, use);
    n2 = Math.min(cap2, n1 - fromN1);
    n1 = Math.min(cap1, fresh - fromFresh);
  }

  const { worked, cancelled, fresh } = freshOf(year);
  const explanation = [
    `Masa kerja ${annual.minServiceYears} tahun terpenuhi pada ${formatDdMmYyyy(eligibleFrom)}`,
    `Hak cuti tahunan ${year}: ${annual.entitlementDays} hari kerja`,
  ];
  if (opening)
    explanation.push(
      `Saldo awal dari sistem lama per ${opening.year}: sisa N-1 ${opening.carriedFromPreviousYear}, sisa N-2 ${opening.carriedFromTwoYearsBefore}, telah diambil ${opening.takenBefore} hari kerja`,
    );
  if (worked > 0)
    explanation.push(
      `Ditambah ${worked} hari cuti bersama yang tetap bekerja (cuti bersama tidak mengurangi hak cuti tahunan)`,
    );
  if (cancelled)
    explanation.push(`Mengambil cuti besar pada ${year}: tidak berhak atas cuti tahunan tahun ${year}`);
  if (n1 > 0)
    explanation.push(
      `Sisa dari ${year - 1}: ${n1} hari kerja (paling banyak ${cap1}; jumlah paling banyak ${annual.maxWithOneYearCarry})`,
    );
  if (n2 > 0)
    explanation.push(
      `Sisa dari ${year - 2}: ${n2} hari kerja (paling banyak ${cap2}; jumlah paling banyak ${annual.maxWithTwoYearsCarry})`,
    );
  const available = fresh + n1 + n2;
  explanation.push(
    `Tersedia ${available} hari kerja, diambil ${taken}, sisa ${Math.max(0, available - taken)}`,
  );
  if (taken > available) explanation.push(`Tercatat diambil ${taken} hari kerja, melebihi yang tersedia`);
  return {
    year,
    isEligible: true,
    eligibleFrom,
    entitlement: fresh,
    carriedOver: n1 + n2,
    carriedFromPreviousYear: n1,
    carriedFromTwoYearsBefore: n2,
    available,
    taken,
    remaining: Math.max(0, available - taken),
    explanation,
  };
}

export interface LeaveRequest {
  type: LeaveCode;
  from: LocalDate;
  to: LocalDate;
  /** Working days in `from`..`to` per the employee's calendar (cuti bersama and holidays excluded). */
  workingDaysRequested: number;
  /** Special case key from the rulebook (e.g. `KEGUGURAN` for sick leave after a miscarriage). */
  variant?: string;
  employee: { employeeType: EmployeeType; serviceStartDate: LocalDate };
  /** Annual-leave balance of the year (needed for `CT`). */
  balance?: AnnualLeaveBalance;
  /** Document codes attached (e.g. `SURAT_DOKTER`, `SURAT_DOKTER_PEMERINTAH`). */
  attachments: string[];
  /** Earlier approved leaves of this type (cuti melahirkan: births 1–3). */
  previousOccurrences?: number;
  /** The employee invokes a service exception written in the rulebook (e.g. first hajj for cuti besar). */
  serviceExceptionClaimed?: boolean;
  /** Cuti besar taken in the same year (no annual leave then). */
  cutiBesarInYear?: boolean;
  rules: LeaveRules;
}

export interface LeaveViolation {
  code:
    | 'INVALID_RANGE'
    | 'NOT_REQUESTABLE'
    | 'NOT_ENTITLED'
    | 'SERVICE'
    | 'MIN_DAYS'
    | 'BALANCE'
    | 'MAX_DURATION'
    | 'MAX_OCCURRENCES'
    | 'ATTACHMENT'
    | 'CUTI_BESAR_YEAR';
  message: string;
  legalBasis?: LegalBasis;
}

/**
 * Checks a leave request against the rulebook and returns every violation (empty = allowed by the rules;
 * the PyBMC still decides). E.g. no annual leave before one year of service, sick leave over 14 days without a
 * government doctor's letter, PPPK asking for cuti besar.
 * Source: PP 11/2017 Pasal 309–341 and Peraturan BKN 24/2017 (PNS); PP 49/2018 Pasal 77 and Peraturan BKN 7/2022
 * (PPPK); regulations.md §4.1, §4.2.
 */
export function checkLeaveRequest(request: LeaveRequest): LeaveViolation[] {
  const { type, from, to, rules, employee } = request;
  const out: LeaveViolation[] = [];
  if (!isLocalDate(from) || !isLocalDate(to) || to < from) {
    return [{ code: 'INVALID_RANGE', message: `Rentang tanggal cuti ${from} s.d. ${to} tidak valid` }];
  }
  if (type === 'CBER') {
    return [
      {
        code: 'NOT_REQUESTABLE',
        message: 'Cuti bersama ditetapkan Keputusan Presiden dan tidak diajukan',
        legalBasis: rules.cutiBersama.legalBasis,
      },
    ];
  }
  const calendarDays = diffDays(from, to) + 1;

  if (type === 'CT') {
    const annual = annualRuleFor(rules, employee.employeeType);
    if (!annual)
      return [{ code: 'NOT_ENTITLED', message: `${employee.employeeType} tidak berhak atas cuti tahunan` }];
    const eligibleFrom = addYears(employee.serviceStartDate, annual.minServiceYears);
    if (from < eligibleFrom) {
      out.push({
        code: 'SERVICE',
        message: `Cuti tahunan baru dapat diambil setelah masa kerja ${annual.minServiceYears} tahun secara terus-menerus (mulai ${formatDdMmYyyy(eligibleFrom)})`,
        legalBasis: annual.legalBasis,
      });
    }
    if (request.workingDaysRequested < annual.minDaysPerRequest) {
      out.push({
        code: 'MIN_DAYS',
        message: `Cuti tahunan paling sedikit ${annual.minDaysPerRequest} hari kerja per permohonan`,
        legalBasis: annual.legalBasis,
      });
    }
    if (request.cutiBesarInYear && rules.cutiBesarCancelsAnnualLeaveOfYear.value) {
      out.push({
        code: 'CUTI_BESAR_YEAR',
        message: 'Pegawai yang mengambil cuti besar tidak berhak atas cuti tahunan pada tahun yang sama',
        legalBasis: rules.cutiBesarCancelsAnnualLeaveOfYear.legalBasis,
      });
    }
    if (request.balance && request.workingDaysRequested > request.balance.remaining) {
      out.push({
        code: 'BALANCE',
        message: `Sisa cuti tahunan ${request.balance.remaining} hari kerja, diminta ${request.workingDaysRequested} hari kerja`,
        legalBasis: annual.legalBasis,
      });
    }
    return out;
  }

  const rule = rules.types.find((t) => t.code === type && t.employeeTypes.includes(employee.employeeType));
  if (!rule)
    return [{ code: 'NOT_ENTITLED', message: `${employee.employeeType} tidak berhak atas cuti ${type}` }];

  if (rule.minServiceYears > 0 && !(request.serviceExceptionClaimed && rule.serviceExceptions.length > 0)) {
    const eligibleFrom = addYears(employee.serviceStartDate, rule.minServiceYears);
    if (from < eligibleFrom) {
      out.push({
        code: 'SERVICE',
        message: `${rule.name} baru dapat diambil setelah masa kerja ${rule.minServiceYears} tahun secara terus-menerus (mulai ${formatDdMmYyyy(eligibleFrom)})`,
        legalBasis: rule.legalBasis,
      });
    }
  }

  const variant =
    request.variant === undefined ? undefined : rule.variants.find((v) => v.key === request.variant);
  const max = variant?.maxDuration ?? rule.maxDuration;
  if (exceeds(max, from, to, request.workingDaysRequested)) {
    const ext =
      rule.extension && !variant
        ? `; perpanjangan ${extensionText(rule.extension)} (${rule.extension.condition})`
        : '';
    out.push({
      code: 'MAX_DURATION',
      message: `${variant?.name ?? rule.name} paling lama ${describe(max)}${ext}`,
      legalBasis: rule.legalBasis,
    });
  }

  if (rule.maxOccurrences !== undefined && (request.previousOccurrences ?? 0) >= rule.maxOccurrences) {
    out.push({
      code: 'MAX_OCCURRENCES',
      message: `${rule.name} hanya untuk ${rule.maxOccurrences} kali${rule.note ? `; ${rule.note}` : ''}`,
      legalBasis: rule.legalBasis,
    });
  }

  for (const a of rule.attachments) {
    const length = a.whenLongerThan.unit === 'workingDays' ? request.workingDaysRequested : calendarDays;
    if (length > a.whenLongerThan.amount && !a.documents.some((d) => request.attachments.includes(d))) {
      out.push({
        code: 'ATTACHMENT',
        message: `${rule.name} lebih dari ${describe(a.whenLongerThan)} wajib melampirkan ${a.label}`,
        legalBasis: a.legalBasis,
      });
    }
  }
  return out;
}

function annualRuleFor(rules: LeaveRules, employeeType: EmployeeType): AnnualLeaveRule | undefined {
  return rules.annual.find((a) => a.employeeTypes.includes(employeeType));
}

/** `date` plus whole years (29 Feb → 28 Feb in a common year); fractional years are not used. */
function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** `date` plus months; the fraction of a month counts as 30 days (1.5 months = 1 month + 15 days) [INF]. */
function addMonths(date: LocalDate, months: number): LocalDate {
  const whole = Math.floor(months);
  const extraDays = Math.round((months - whole) * 30);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + whole;
  const ny = y + Math.floor(m / 12);
  const nm = (m % 12) + 1;
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(ny, nm));
  return addDays(`${ny}-${String(nm).padStart(2, '0')}-${String(d).padStart(2, '0')}`, extraDays);
}

/** Whether `from`..`to` (inclusive) is longer than `max`. Months / years end the day before the same date. */
function exceeds(max: Duration, from: LocalDate, to: LocalDate, workingDays: number): boolean {
  switch (max.unit) {
    case 'workingDays':
      return workingDays > max.amount;
    case 'calendarDays':
      return diffDays(from, to) + 1 > max.amount;
    case 'months':
      return to >= addMonths(from, max.amount);
    case 'years':
      return to >= addMonths(from, max.amount * 12);
  }
}

/** "paling lama 6 bulan" / "sampai berakhirnya masa perjanjian kerja". Source: regulations.md §4.1, §4.2. */
function extensionText(ext: { duration?: Duration | undefined; untilContractEnd: boolean }): string {
  if (ext.untilContractEnd || ext.duration === undefined) return 'sampai berakhirnya masa perjanjian kerja';
  return `paling lama ${describe(ext.duration)}`;
}

function describe(d: Duration): string {
  const n = String(d.amount).replace('.', ',');
  switch (d.unit) {
    case 'workingDays':
      return `${n} hari kerja`;
    case 'calendarDays':
      return `${n} hari`;
    case 'months':
      return `${n} bulan`;
    case 'years':
      return `${n} tahun`;
  }
}
