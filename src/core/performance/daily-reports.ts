import { addDays, diffDays, type LocalDate } from '../common/local-date.ts';
import { formatDdMmYyyy } from '../common/date-text.ts';
import type { PerformanceRules } from './performance-rules.ts';

/*
 * Rules of the daily activity reports (laporan kinerja harian, LKH): when a report may still be entered, how many
 * minutes a day may hold, when an unverified report is overdue, which days are flagged, the month summary an
 * employee sees, and the capaian so far against the SKP's quantity targets. Pure: no clock, no I/O.
 * Source: PermenPANRB 6/2022 (dokumentasi kinerja, pemantauan); regulations.md §5.2 (DKI effective minutes per
 * day), §5.4 (atasan must validate activities; missing LKH counts against the day); the numbers are the rulebook's
 * `performance.dailyReports` [REG].
 */

export type DailyReportRules = PerformanceRules['dailyReports'];
export type ReportStatus = 'SUBMITTED' | 'ACCEPTED' | 'RETURNED';

/** Minutes in a day: no rulebook may allow more (the rulebook schema caps `maxMinutesPerDay` at it too). */
export const DAY_MINUTES = 1440;

/** A refusal naming the request field it is about. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** "7 jam 30 menit". */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} jam` : '', m || !h ? `${m} menit` : ''].filter(Boolean).join(' ');
}

/**
 * The earliest report date still accepted on `today`: today − entryWindowDays. Source: rulebook
 * `dailyReports.entryWindowDays` [REG]; regulations.md §5.4 (reports are entered close to the day they report).
 */
export const earliestEntryDate = (today: LocalDate, entryWindowDays: number): LocalDate =>
  addDays(today, -entryWindowDays);

/**
 * May a report for `reportDate` be entered on the employee's `today`? Never for a day after today (a report says
 * what was done), never older than the entry window. Source: issue 15 point 2; rulebook
 * `dailyReports.entryWindowDays` [REG]; regulations.md §5.4.
 */
export function entryWindowProblem(
  reportDate: LocalDate,
  today: LocalDate,
  entryWindowDays: number,
): FieldProblem | null {
  if (reportDate > today)
    return {
      path: 'reportDate',
      message: `Tanggal laporan ${formatDdMmYyyy(reportDate)} belum tiba (hari ini ${formatDdMmYyyy(today)}); laporan hanya untuk pekerjaan yang sudah dilakukan`,
    };
  const earliest = earliestEntryDate(today, entryWindowDays);
  if (reportDate < earliest)
    return {
      path: 'reportDate',
      message: `Tanggal laporan ${formatDdMmYyyy(reportDate)} melewati batas pengisian ${entryWindowDays} hari (paling awal ${formatDdMmYyyy(earliest)})`,
    };
  return null;
}

/**
 * The most minutes one day may hold: the rulebook's `maxMinutesPerDay`, never above 24 hours. Source: rulebook
 * `dailyReports.maxMinutesPerDay` [REG]; regulations.md §5.2 (effective minutes per day).
 */
export const dayCapOf = (maxMinutesPerDay: number) => Math.min(Math.max(1, maxMinutesPerDay), DAY_MINUTES);

/**
 * Do the day's counted minutes plus this report stay within the day's cap? Counted are the day's SUBMITTED and
 * ACCEPTED reports (a RETURNED report counts again only once corrected, which resubmits it), excluding the report
 * being corrected. Source: rulebook `dailyReports.maxMinutesPerDay` [REG]; regulations.md §5.2; issue 15 (bad
 * input: "25 hours reported in a day").
 */
export function dayTotalProblem(
  reportDate: LocalDate,
  countedMinutes: number,
  minutes: number,
  maxMinutesPerDay: number,
): FieldProblem | null {
  const cap = dayCapOf(maxMinutesPerDay);
  const total = countedMinutes + minutes;
  if (total <= cap) return null;
  const over24 = total > DAY_MINUTES;
  return {
    path: 'minutes',
    message:
      `Jumlah laporan pada ${formatDdMmYyyy(reportDate)} menjadi ${total} menit (${hoursText(total)}), melebihi batas ` +
      `${cap} menit (${hoursText(cap)}) per hari` +
      (over24 ? '; tidak ada lebih dari 24 jam dalam sehari' : '') +
      (countedMinutes > 0 ? `. Sudah dilaporkan ${countedMinutes} menit pada hari itu` : ''),
  };
}

/** Does a report of this status count toward its day's total and the month's reported minutes? */
export const countsTowardDay = (status: ReportStatus) => status !== 'RETURNED';

/**
 * The last day the superior should verify a report submitted (or resubmitted) on `submittedOn` (the employee's
 * local date): + verifyWithinDays calendar days. Source: rulebook `dailyReports.verifyWithinDays` [REG];
 * regulations.md §5.4 (missing validation by the atasan is the atasan's negligence).
 */
export const verifyDueDate = (submittedOn: LocalDate, verifyWithinDays: number): LocalDate =>
  addDays(submittedOn, verifyWithinDays);

/**
 * Is a report overdue on `today`: still SUBMITTED after its verification due date. Source: rulebook
 * `dailyReports.verifyWithinDays` [REG]; regulations.md §5.4.
 */
export function isOverdue(
  status: ReportStatus,
  submittedOn: LocalDate,
  today: LocalDate,
  verifyWithinDays: number,
): boolean {
  return status === 'SUBMITTED' && today > verifyDueDate(submittedOn, verifyWithinDays);
}

/** How a day code is named in a flag ("cuti tahunan"). */
export const DAY_CODE_WORDS: Readonly<Record<string, string>> = {
  H: 'hadir',
  TK: 'tanpa keterangan (TK)',
  LIBUR: 'libur',
  CT: 'cuti tahunan',
  CB: 'cuti besar',
  CS: 'cuti sakit',
  CM: 'cuti melahirkan',
  CAP: 'cuti karena alasan penting',
  CLTN: 'cuti di luar tanggungan negara',
  CBER: 'cuti bersama',
  I: 'izin',
  S: 'sakit',
  DL: 'dinas luar',
  TGL: 'tugas luar',
  TB: 'tugas belajar',
  DIKLAT: 'diklat',
  DSP: 'dispensasi',
};

/**
 * The flag of a report on a day whose stored attendance code is in the rulebook's `flagDayCodes` (TK, leave …):
 * the superior should look twice. Null when the day is not flagged or no status is stored. Source: issue 15
 * point 2 ("a report on a day the employee was on leave or TK is flagged"); rulebook `dailyReports.flagDayCodes`.
 */
export function dayFlag(
  code: string | null | undefined,
  flagDayCodes: readonly string[],
): { code: string; reason: string } | null {
  if (!code || !flagDayCodes.includes(code)) return null;
  const word = DAY_CODE_WORDS[code];
  return {
    code,
    reason: word
      ? `Dilaporkan pada hari ${word}${word.includes(`(${code})`) ? '' : ` (${code})`}`
      : `Dilaporkan pada hari berkode ${code}`,
  };
}

/** A report as the month summary needs it. */
export interface ReportForSummary {
  date: LocalDate;
  minutes: number;
  status: ReportStatus;
  note: string | null;
}

export interface DaySummary {
  date: LocalDate;
  attendanceCode: string | null;
  excused: boolean;
  minutesReported: number;
  minutesAccepted: number;
  minutesPending: number;
  minutesReturned: number;
  minMinutes: number;
  meetsMinimum: boolean;
  accepted: number;
  returned: number;
  pending: number;
  returnedReasons: string[];
  flag: { code: string; reason: string } | null;
}

export interface MonthSummary {
  days: DaySummary[];
  totals: {
    minutesReported: number;
    minutesAccepted: number;
    minutesPending: number;
    minutesReturned: number;
    reports: number;
    accepted: number;
    returned: number;
    pending: number;
    daysReported: number;
    daysMeetingMinimum: number;
    flaggedDays: number;
  };
}

/**
 * The employee's per-day view of a month: for every day that has a report or a stored attendance code, the minutes
 * reported (accepted + pending; returned minutes are shown apart and do not count), accepted, the rulebook minimum
 * (0 on a day whose code is in `excusedDayCodes`), the counts, the reasons given when returning, and the flag;
 * then the month's totals. A flag is set only on a day that has a report. Source: issue 15 point 2 ("minutes
 * reported against the rulebook minimum, what was accepted, what was returned and why"); rulebook
 * `dailyReports.minMinutesPerDay`, `excusedDayCodes`, `flagDayCodes` [REG]; regulations.md §5.2, §5.4.
 */
export function monthSummary(
  reports: readonly ReportForSummary[],
  codes: ReadonlyMap<LocalDate, string>,
  rules: Pick<DailyReportRules, 'minMinutesPerDay' | 'excusedDayCodes' | 'flagDayCodes'>,
): MonthSummary {
  const byDate = new Map<LocalDate, ReportForSummary[]>();
  for (const r of reports) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  const dates = [...new Set([...byDate.keys(), ...codes.keys()])].sort();
  const days: DaySummary[] = dates.map((date) => {
    const rs = byDate.get(date) ?? [];
    const code = codes.get(date) ?? null;
    const excused = !!code && rules.excusedDayCodes.includes(code);
    const sum = (s: ReportStatus) => rs.filter((r) => r.status === s).reduce((a, r) => a + r.minutes, 0);
    const count = (s: ReportStatus) => rs.filter((r) => r.status === s).length;
    const minutesAccepted = sum('ACCEPTED');
    const minutesPending = sum('SUBMITTED');
    const minutesReported = minutesAccepted + minutesPending;
    const minMinutes = excused ? 0 : rules.minMinutesPerDay;
    return {
      date,
      attendanceCode: code,
      excused,
      minutesReported,
      minutesAccepted,
      minutesPending,
      minutesReturned: sum('RETURNED'),
      minMinutes,
      meetsMinimum: minutesReported >= minMinutes,
      accepted: count('ACCEPTED'),
      returned: count('RETURNED'),
      pending: count('SUBMITTED'),
      returnedReasons: rs
        .filter((r) => r.status === 'RETURNED' && r.note)
        .map((r) => r.note!)
        .filter((n, i, a) => a.indexOf(n) === i),
      flag: rs.length ? dayFlag(code, rules.flagDayCodes) : null,
    };
  });
  const add = (k: keyof DaySummary) => days.reduce((a, d) => a + (d[k] as number), 0);
  return {
    days,
    totals: {
      minutesReported: add('minutesReported'),
      minutesAccepted: add('minutesAccepted'),
      minutesPending: add('minutesPending'),
      minutesReturned: add('minutesReturned'),
      reports: reports.length,
      accepted: add('accepted'),
      returned: add('returned'),
      pending: add('pending'),
      daysReported: days.filter((d) => d.accepted + d.pending > 0).length,
      daysMeetingMinimum: days.filter((d) => d.accepted + d.pending > 0 && d.meetsMinimum).length,
      flaggedDays: days.filter((d) => d.flag).length,
    },
  };
}

/** A KUANTITAS indicator of an RHK with its target (the lower bound of a range). */
export interface QuantityIndicator {
  rhkId: string;
  rhkText: string;
  indicatorText: string;
  satuan: string;
  target: number;
}

/** Accepted report quantity of an RHK in one unit of measure (null satuan: the report named none). */
export interface AcceptedQuantity {
  rhkId: string;
  satuan: string | null;
  quantity: number;
}

const norm = (s: string | null) => (s ?? '').trim().toLowerCase();

/**
 * Capaian so far against the SKP's quantity targets: for each KUANTITAS indicator, the accepted quantity of the
 * reports on its RHK whose satuan matches the indicator's (case and spaces ignored; a report without a satuan
 * counts toward an RHK that has exactly one KUANTITAS indicator), as a percent of the target (the range's lower
 * bound), each capped at 100; `percent` is their mean, rounded to 1 decimal, null without such an indicator.
 * A target of 0 counts as reached. Not a regulation: a monitoring figure for the superior (the realisation is
 * rated in the evaluation). Source: PermenPANRB 6/2022 (pemantauan kinerja); regulations.md §6.1 step 2, §6.2.
 */
export function capaianSoFar(
  indicators: readonly QuantityIndicator[],
  accepted: readonly AcceptedQuantity[],
): {
  percent: number | null;
  indicators: (QuantityIndicator & { accepted: number; percent: number })[];
} {
  const perRhk = new Map<string, number>();
  for (const i of indicators) perRhk.set(i.rhkId, (perRhk.get(i.rhkId) ?? 0) + 1);
  const rows = indicators.map((i) => {
    const got = accepted
      .filter(
        (a) =>
          a.rhkId === i.rhkId &&
          (norm(a.satuan) === norm(i.satuan) || (a.satuan === null && perRhk.get(i.rhkId) === 1)),
      )
      .reduce((s, a) => s + a.quantity, 0);
    const percent = i.target <= 0 ? 100 : Math.min(100, (got / i.target) * 100);
    return { ...i, accepted: got, percent: Math.round(percent * 10) / 10 };
  });
  const percent = rows.length
    ? Math.round((rows.reduce((s, r) => s + r.percent, 0) / rows.length) * 10) / 10
    : null;
  return { percent, indicators: rows };
}

/** Whole calendar days from `from` to `to` (for "overdue by N days"). */
export const daysBetween = (from: LocalDate, to: LocalDate) => diffDays(from, to);

/** Day codes on which the employee is at work (in the office, or on an assignment elsewhere). */
export const PRESENT_DAY_CODES: readonly string[] = ['H', 'DL', 'TGL', 'DIKLAT'];

/**
 * Present or not on a day, from the stored daily status: true at work (H, or on duty elsewhere: DL, TGL, DIKLAT),
 * false for any other stored code (TK, leave, sick, holiday), null when no status is stored (before go-live, or
 * not computed yet), which is not absence. Source: regulations.md §4.3 (assignments are attendance statuses, not
 * absences); issue 15 point 3 ("present or not, from the stored daily status").
 */
export function presentOn(code: string | null | undefined): boolean | null {
  if (!code) return null;
  return PRESENT_DAY_CODES.includes(code);
}
