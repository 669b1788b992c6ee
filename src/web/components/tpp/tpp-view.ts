import type {
  DeductionCause,
  RunAction,
  RunDetail,
  RunLineDetail,
  RunStatus,
  TppAmounts,
  TppImportRowError,
} from '../../api/tpp.ts';
import { DEDUCTION_CAUSES } from '../../api/tpp.ts';
import { formatDate } from '../../lib/format.ts';

/*
 * Pure helpers of the TPP pages (issue 17): how a line's amounts, deductions and a run's totals are shown, which
 * lifecycle buttons appear, and how an import's bad rows are grouped. No React here: test/web/tpp-web.test.ts.
 */

/** A percentage as written in Indonesian: 0.5 → "0,5%", 1.25 → "1,25%", 4 → "4%". */
export function percentText(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  const fixed = (Math.round(p * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return `${fixed.replace('.', ',')}%`;
}

/** A month YYYY-MM shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + delta;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, newest first. */
export function monthsBack(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, -i));
}

/**
 * The month "TPP saya" opens on: the newest of `months` (newest first) whose answer has a published line; while an
 * answer is still loading, nothing is decided (null), unless a newer month already has one; without any published
 * month, `fallback`.
 */
export function latestPublishedMonth(
  months: readonly string[],
  answers: readonly ({ items: unknown[] } | undefined)[],
  fallback: string,
): string | null {
  for (let i = 0; i < months.length; i++) {
    const a = answers[i];
    if (a === undefined) return null;
    if (a.items.length > 0) return months[i]!;
  }
  return fallback;
}

/** One row of a line's amounts, from the base to the net, with its sign (+ adds, − takes away, = a subtotal). */
export interface AmountStep {
  key:
    | 'base'
    | 'kinerja'
    | 'disiplin'
    | 'deductions'
    | 'sanctionCut'
    | 'gross'
    | 'bpjsEmployee'
    | 'taxWithheld'
    | 'correction'
    | 'net';
  amount: number;
  sign: '+' | '-' | '=' | '';
}

/**
 * The amounts of a line as the slip reads them: the base (for reference), the two components, the deductions and
 * sanction cuts taken away, the gross, the employee's BPJS 1 % and the tax withheld taken away, the correction added
 * (it may be negative) and the net. The signed rows after the base add up to the net
 * (net = kinerja + disiplin − deductions − sanctionCut − bpjsEmployee − taxWithheld + correction).
 * A correction of 0 is left out.
 */
export function amountSteps(a: TppAmounts): AmountStep[] {
  const steps: AmountStep[] = [
    { key: 'base', amount: a.base, sign: '' },
    { key: 'kinerja', amount: a.kinerja, sign: '+' },
    { key: 'disiplin', amount: a.disiplin, sign: '+' },
    { key: 'deductions', amount: a.deductions, sign: '-' },
    { key: 'sanctionCut', amount: a.sanctionCut, sign: '-' },
    { key: 'gross', amount: a.gross, sign: '=' },
    { key: 'bpjsEmployee', amount: a.bpjsEmployee, sign: '-' },
    { key: 'taxWithheld', amount: a.taxWithheld, sign: '-' },
  ];
  if (a.correction !== 0) steps.push({ key: 'correction', amount: a.correction, sign: '+' });
  steps.push({ key: 'net', amount: a.net, sign: '=' });
  return steps;
}

/** A legal basis as one line: "PP 94/2021 Pasal 26 — note". */
export function basisText(b: { regulation: string; article?: string; note?: string } | null | undefined) {
  if (!b) return '';
  return [b.regulation, b.article].filter(Boolean).join(' ') + (b.note ? ` — ${b.note}` : '');
}

/** A deduction line as shown: the date dd/MM/yyyy, code, percent, rupiah deducted (after the cap) and its rule. */
export interface DeductionRow {
  key: string;
  date: string;
  dateText: string;
  code: string;
  detail: string | null;
  percent: string;
  /** What is deducted (after the cap). */
  amount: number;
  /** round(base × percent) before the cap, when the cap cut it. */
  beforeCap: number | null;
  rule: string;
  basis: string;
  link: string;
}

export function deductionRows(line: Pick<RunLineDetail, 'deductions'>): DeductionRow[] {
  return line.deductions.map((d, i) => ({
    key: `${d.date}-${d.code}-${i}`,
    date: d.date,
    dateText: formatDate(d.date),
    code: d.code,
    detail: d.detail,
    percent: percentText(d.percent),
    amount: d.appliedAmount,
    beforeCap: d.appliedAmount !== d.amount ? d.amount : null,
    rule: d.rule,
    basis: basisText(d.legalBasis),
    link: d.link,
  }));
}

/** The recap calendar page of a day (the link the API gives, else built the same way). */
export function recapLink(employeeId: string, date: string, link?: string | null): string {
  if (link) return link;
  return `/rekap?pegawai=${employeeId}&bulan=${date.slice(0, 7)}&tanggal=${date}`;
}

/** The deductions of a run by cause for the chart: the causes with a non-zero amount, largest first. */
export function causeChartData(byCause: Partial<Record<DeductionCause, number>>): {
  cause: DeductionCause;
  amount: number;
}[] {
  return DEDUCTION_CAUSES.map((cause) => ({ cause, amount: byCause[cause] ?? 0 }))
    .filter((r) => r.amount > 0)
    .sort(
      (a, b) => b.amount - a.amount || DEDUCTION_CAUSES.indexOf(a.cause) - DEDUCTION_CAUSES.indexOf(b.cause),
    );
}

/** The colour of a run status: grey draft, yellow checked, blue published, cyan/teal approved, dark locked. */
export function runStatusColor(status: RunStatus | string): string {
  switch (status) {
    case 'DIPERIKSA':
      return 'yellow';
    case 'DIUMUMKAN':
      return 'blue';
    case 'DISETUJUI_OPD':
      return 'cyan';
    case 'DISETUJUI':
      return 'teal';
    case 'DIKUNCI':
      return 'dark';
    default:
      return 'gray';
  }
}

export type StepAction = Exclude<RunAction, 'compute'>;

/** A lifecycle button of a run: its step, colour, and why it cannot be pressed yet (null when it can). */
export interface StepButton {
  action: StepAction;
  color: string;
  blockedBy: string[] | null;
}

/**
 * The lifecycle buttons of a run for the caller: the steps the server says the caller may take now (`actions`,
 * already filtered by role, scope and status), in lifecycle order, without `compute` (a separate "Hitung ulang").
 * The head's approval waits for the objection window and the pending objections (`blockers`): its button shows,
 * disabled, with those reasons.
 */
export function stepButtons(run: Pick<RunDetail, 'actions' | 'blockers'>): StepButton[] {
  const order: StepAction[] = ['check', 'publish', 'approveOpd', 'approve', 'lock'];
  return order
    .filter((a) => run.actions.includes(a))
    .map((action) => ({
      action,
      color: action === 'lock' ? 'dark' : action === 'publish' ? 'blue' : 'teal',
      blockedBy: action === 'approveOpd' && run.blockers.length > 0 ? [...run.blockers] : null,
    }));
}

/** Whether the run may be computed again by the caller (a draft or a checked run, tpp.run over the unit). */
export const canRecompute = (run: Pick<RunDetail, 'actions'>) => run.actions.includes('compute');

/** The bad rows of an upload grouped by line (the file as a whole, line null, first), each with its messages. */
export function groupImportErrors(errors: readonly TppImportRowError[]): {
  line: number | null;
  messages: { column: string | null; message: string }[];
}[] {
  const byLine = new Map<number | null, { column: string | null; message: string }[]>();
  for (const e of errors) {
    const list = byLine.get(e.line) ?? [];
    list.push({ column: e.column, message: e.message });
    byLine.set(e.line, list);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a - b))
    .map(([line, messages]) => ({ line, messages }));
}

/** Whether a month's objection window is still open on `today` (both YYYY-MM-DD; the end day included). */
export function objectionOpen(objectionUntil: string | null, today: string): boolean {
  return objectionUntil !== null && today <= objectionUntil;
}

/** The share of the pagu a run's gross uses, 0..1 (null without a pagu). Monthly runs against a yearly pagu. */
export function budgetShare(amount: number, budget: { amount: number } | null): number | null {
  if (!budget || budget.amount <= 0) return null;
  return amount / budget.amount;
}
