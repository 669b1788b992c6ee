import { createHash } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { Rupiah } from '../../../core/common/money.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import type { TppContext as TppCoreContext } from '../../../core/tpp/compute-tpp.ts';
import type { TppRules } from '../../../core/tpp/tpp-rules.ts';
import {
  computeTppMonth,
  kinerjaScoreFor,
  TPP_DEDUCTION_CAUSES,
  type TppDeductionCause,
  type TppMonthAmounts,
  type TppMonthResult,
} from '../../../core/tpp/tpp-month.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { DayCode, EarlyBand, LateBand } from '../../../core/attendance/status-codes.ts';
import type { EmployeeMonthInput, PlacementSegment } from './runs-inputs.ts';

/*
 * The run engine without I/O: from the gathered inputs of a unit's month, the tariffs and the rules to every
 * employee's line, the run's totals and the hashes that make it reproducible. The runs section (runs-compute.ts)
 * reads and stores; `runs.verify` recomputes a stored run with `computeLine` from the stored snapshots.
 * Source: issue 17 point 2; regulations.md §5 (computation: core/tpp/tpp-month.ts).
 */

/** A kelas tariff as the inputs section resolves it: the sum over the Perkada's criteria, and the parts. */
export interface TariffAnswer {
  amount: number;
  parts: { criterion: string; amount: number }[];
}

/** The tariffs of a year (inputs section `tariffsFor`): a Perkada table, or the rulebook's rows without one. */
export interface TariffLookup {
  source: { kind: 'table'; tableId: string; perkadaRef: string } | { kind: 'rulebook' };
  amountFor(
    kelas: number,
    positionGroup: string | null,
    unitId: string,
    unitPath: string,
    rules: TppRules,
  ): TariffAnswer | null;
}

/** The rules a run was computed under, stored with it (`tpp_runs.rules`) so it can be recomputed. */
export interface RunRules {
  /** The TPP section as used (its tariff rows are only used without a Perkada table: `tariffSource`). */
  tpp: TppRules;
  /** What the computation reads of the discipline section: the sanction catalogue, the non-working codes. */
  discipline: TppCoreContext['discipline'];
  /** `performance.kinerjaFigure.whenNoEvaluation`: the kinerja factor of a month without a final figure. */
  whenNoEvaluation: number | null;
  tariffSource: TariffLookup['source'];
}

/** A placement of the line with the tariff resolved for it. */
export type LineSegment = PlacementSegment & { tariff: Rupiah; tariffParts: TariffAnswer['parts'] };

/**
 * A day of the line's snapshot: what the computation reads of a day status (`core/tpp`: the code, the bands,
 * whether it is a working day, a lateness made up), members at their default left out; the day's reasons and
 * punch details stay in the recap. Keeps a 50,000-line run's snapshots small (issue 17 point 8).
 */
export interface SnapshotDay {
  date: string;
  code: DayCode;
  lateBand?: LateBand;
  earlyBand?: EarlyBand;
  lateMinutes?: number;
  earlyMinutes?: number;
  nonWorkingDay?: true;
  madeUpLate?: { band: LateBand; minutes: number };
}

/** A day status as the line's snapshot keeps it. */
export function snapshotDay(d: DayStatus): SnapshotDay {
  const s: SnapshotDay = { date: d.date, code: d.code };
  if (d.lateBand) s.lateBand = d.lateBand;
  if (d.earlyBand) s.earlyBand = d.earlyBand;
  if (d.lateMinutes) s.lateMinutes = d.lateMinutes;
  if (d.earlyMinutes) s.earlyMinutes = d.earlyMinutes;
  if (d.nonWorkingDay) s.nonWorkingDay = true;
  if (d.madeUpLate) s.madeUpLate = { band: d.madeUpLate.band, minutes: d.madeUpLate.minutes };
  return s;
}

/** A snapshot day as the computation takes it (what was left out at its default). */
function dayOf(s: SnapshotDay): DayStatus {
  return {
    date: s.date,
    code: s.code,
    lateBand: s.lateBand ?? null,
    earlyBand: s.earlyBand ?? null,
    lateMinutes: s.lateMinutes ?? 0,
    earlyMinutes: s.earlyMinutes ?? 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation: null,
    nonWorkingDay: s.nonWorkingDay ?? false,
    madeUpLate: s.madeUpLate ?? null,
    reasons: [],
  };
}

/** Everything one line was computed from (`tpp_run_lines.inputs`); its hash is the line's `inputs_hash`. */
export interface LineInputs {
  employee: {
    id: string;
    nip: string | null;
    name: string;
    golongan: string | null;
    employeeType: EmployeeMonthInput['employeeType'];
    unitId: string;
    positionName: string | null;
  };
  month: string;
  /** Placements with a kelas (with their tariffs); placements without a position are not paid (`notes`). */
  segments: LineSegment[];
  /** Placements of the month outside the run's unit (paid by that unit's run). */
  segmentsOutside: PlacementSegment[];
  gajiPokok: Rupiah;
  bank: EmployeeMonthInput['bank'];
  days: SnapshotDay[];
  apelMisses: EmployeeMonthInput['apelMisses'];
  missingActivityReportDates: EmployeeMonthInput['missingActivityReportDates'];
  kinerja: EmployeeMonthInput['kinerja'];
  sanctions: EmployeeMonthInput['sanctions'];
  salaryStopped: boolean;
  exclusions: EmployeeMonthInput['exclusions'];
  corrections: EmployeeMonthInput['corrections'];
  notes: string[];
}

/** One computed line: its amounts (the line table's columns), the explanation, and where it came from. */
export interface ComputedLine {
  inputs: LineInputs;
  inputsHash: string;
  /** SHA-256 over the employee and the result (`lineResultHash`). */
  resultHash: string;
  /**
   * The JSON texts the hashes were taken over (`inputs` is stored as is), kept only until the line is stored
   * (runs-compute.ts drops them chunk by chunk).
   */
  json?: { inputs: string; result: string };
  result: TppMonthResult;
  amounts: TppMonthAmounts;
  /** The kelas of the last placement (the nominative list's column). */
  kelas: number | null;
}

export interface RunTotals {
  employees: number;
  paid: number;
  excluded: number;
  /** Lines whose kinerja figure was not final (paid on the policy of `kinerjaScoreFor`). */
  kinerjaNotFinal: number;
  amounts: TppMonthAmounts;
  byCause: Record<TppDeductionCause, Rupiah>;
}

/** The amounts of a stored line (int8 columns), as every view and finance document shows them. */
export function storedLineAmounts(l: {
  base: number;
  kinerja: number;
  disiplin: number;
  deductions: number;
  sanctionCut: number;
  gross: number;
  bpjsEmployer: number;
  bpjsEmployee: number;
  tax: number;
  correction: number;
  net: number;
}) {
  return {
    base: Number(l.base),
    kinerja: Number(l.kinerja),
    disiplin: Number(l.disiplin),
    deductions: Number(l.deductions),
    sanctionCut: Number(l.sanctionCut),
    gross: Number(l.gross),
    bpjsEmployer: Number(l.bpjsEmployer),
    bpjsEmployee: Number(l.bpjsEmployee),
    tax: Number(l.tax),
    correction: Number(l.correction),
    net: Number(l.net),
  };
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** SHA-256 of the canonical JSON (keys sorted) of a value. */
export const hashOf = (value: unknown) => sha256(canonicalJson(value));

/**
 * A line's inputs from the gathered employee-month: each placement with a kelas gets its tariff from `tariffs`.
 * Problems a run cannot be computed with (a position without a kelas, a kelas without a tariff, a negative tariff)
 * are collected in `problems` and no inputs are returned.
 */
function lineInputsOf(
  e: EmployeeMonthInput,
  month: string,
  tariffs: TariffLookup,
  rules: TppRules,
  problems: { missingKelas: Set<number>; noKelas: Set<string>; negative: Set<number> },
): LineInputs | null {
  const notes = [...e.notes];
  for (const s of e.segmentsOutside ?? [])
    notes.push(
      `Penempatan ${formatDdMmYyyy(s.from)}–${formatDdMmYyyy(s.to)} di luar unit ini` +
        `${s.positionName ? ` (${s.positionName})` : ''} dibayar oleh TPP unit tersebut`,
    );
  const segments: LineSegment[] = [];
  let ok = true;
  for (const s of e.segments) {
    const span = `${formatDdMmYyyy(s.from)}–${formatDdMmYyyy(s.to)}`;
    if (s.kelasJabatan === null) {
      if (s.positionId !== null) {
        problems.noKelas.add(`${s.positionName ?? 'jabatan tanpa nama'} (${e.name})`);
        ok = false;
      } else notes.push(`Tanpa jabatan ${span}: tidak ada TPP untuk masa itu`);
      continue;
    }
    const t = tariffs.amountFor(s.kelasJabatan, s.positionGroup, s.unitId, s.unitPath, rules);
    if (t === null) {
      problems.missingKelas.add(s.kelasJabatan);
      ok = false;
      continue;
    }
    if (!Number.isSafeInteger(t.amount) || t.amount < 0) {
      problems.negative.add(s.kelasJabatan);
      ok = false;
      continue;
    }
    segments.push({ ...s, tariff: t.amount, tariffParts: t.parts });
  }
  if (!ok) return null;
  return {
    employee: {
      id: e.employeeId,
      nip: e.nip,
      name: e.name,
      golongan: e.golongan,
      employeeType: e.employeeType,
      unitId: e.unitId,
      positionName: e.positionName,
    },
    month,
    segments,
    segmentsOutside: e.segmentsOutside ?? [],
    gajiPokok: e.gajiPokok,
    bank: e.bank,
    days: e.days.map(snapshotDay),
    apelMisses: e.apelMisses,
    missingActivityReportDates: e.missingActivityReportDates,
    kinerja: e.kinerja,
    sanctions: e.sanctions,
    salaryStopped: e.salaryStopped,
    exclusions: e.exclusions,
    corrections: e.corrections,
    notes,
  };
}

/**
 * One employee's line from its stored inputs and the run's rules: the kinerja factor by the policy of
 * `kinerjaScoreFor`, then `computeTppMonth`. Deterministic: the same inputs and rules give the same line, byte for
 * byte in canonical JSON (what `runs.verify` checks).
 */
export function computeLine(given: LineInputs, rules: RunRules): ComputedLine {
  return computeLineFromJson(JSON.stringify(given), rules);
}

/**
 * `computeLine` from the snapshot's JSON text (what is stored and hashed as `inputs`): how a run's worker thread
 * takes its lines (line-computer-worker.ts).
 */
export function computeLineFromJson(inputsJson: string, rules: RunRules): ComputedLine {
  // Computed from its snapshot text, as the verification computes it: the same objects (no member left
  // undefined, the text's key order) give the same result text, so the result is hashed as JSON text.
  const inputs = JSON.parse(inputsJson) as LineInputs;
  const kinerja = kinerjaScoreFor(inputs.kinerja, rules.whenNoEvaluation);
  const { from, to } = monthRange(inputs.month);
  const notes: string[] = [];
  // An exclusion record excludes the month when it covers every day of it (regulations.md §5.1 "TPP not paid"
  // for the month); a record covering part of the month does not: its days count by their day codes, as the
  // rulebook's per-day table says (e.g. CB / CLTN per day in regional-60-40) [REG].
  const exclusions = inputs.exclusions.filter((x) => {
    const whole = (!x.validFrom || x.validFrom <= from) && (!x.validTo || x.validTo >= to);
    if (!whole)
      notes.push(
        `Pengecualian ${x.code} berlaku ${x.validFrom ? formatDdMmYyyy(x.validFrom) : '…'}–` +
          `${x.validTo ? formatDdMmYyyy(x.validTo) : '…'}, tidak sebulan penuh: bulan ini tetap dihitung, ` +
          'hari-harinya menurut kode harinya',
      );
    return whole;
  });
  const result = computeTppMonth(
    {
      nip: inputs.employee.nip ?? '',
      employeeType: inputs.employee.employeeType,
      golongan: inputs.employee.golongan,
      month: inputs.month,
      segments: inputs.segments.map((s) => ({
        from: s.from,
        to: s.to,
        unitId: s.unitId,
        kelasJabatan: s.kelasJabatan!,
        positionGroup: s.positionGroup,
        tariff: s.tariff,
        daysPlaced: s.daysPlaced,
        daysInPeriod: s.daysInPeriod,
      })),
      gajiPokok: inputs.gajiPokok,
      days: inputs.days.map(dayOf),
      apelMisses: inputs.apelMisses,
      missingActivityReportDates: inputs.missingActivityReportDates,
      kinerjaScore: kinerja.score,
      activeSanctions: inputs.sanctions,
      exclusions: exclusions.map((x) => ({
        code: x.code,
        reason: x.reference ? `${x.reason} (${x.reference})` : x.reason,
      })),
      salaryStopped: inputs.salaryStopped,
      corrections: inputs.corrections,
    },
    rules.tpp,
    { discipline: rules.discipline },
  );
  result.notes.unshift(...inputs.notes, ...(kinerja.note ? [kinerja.note] : []), ...notes);
  const resultJson = JSON.stringify(result);
  return {
    inputs,
    inputsHash: sha256(inputsJson),
    resultHash: lineResultHash(inputs.employee.id, resultJson),
    json: { inputs: inputsJson, result: resultJson },
    result,
    amounts: result.amounts,
    kelas: inputs.segments.at(-1)?.kelasJabatan ?? null,
  };
}

/**
 * Every employee's line of a run. Refuses (409, in Indonesian, naming them) when a position in use has no kelas,
 * a kelas in use has no tariff for the year, or a tariff is negative: no line is computed then.
 */
export function computeLines(
  gathered: readonly EmployeeMonthInput[],
  month: string,
  tariffs: TariffLookup,
  rules: RunRules,
): ComputedLine[] {
  return prepareLines(gathered, month, tariffs, rules.tpp).map((i) => computeLine(i, rules));
}

/**
 * Every employee's line inputs (tariffs resolved), before any line is computed; refuses as `computeLines` says.
 */
export function prepareLines(
  gathered: readonly EmployeeMonthInput[],
  month: string,
  tariffs: TariffLookup,
  rules: TppRules,
): LineInputs[] {
  const preparer = linePreparer(month, tariffs, rules);
  const inputs = preparer.add(gathered);
  preparer.finish();
  return inputs;
}

/**
 * Line inputs batch by batch (a run gathers, computes and stores 2,000 employees at a time): `add` resolves a
 * batch's tariffs and collects the problems a run cannot be computed with (a position without a kelas, a kelas
 * without a tariff, a negative tariff) — once one is found `ok` is false and the rest is only checked — and
 * `finish` refuses (409, in Indonesian, naming every one of them) when there were any.
 */
export function linePreparer(month: string, tariffs: TariffLookup, rules: TppRules) {
  const problems = {
    missingKelas: new Set<number>(),
    noKelas: new Set<string>(),
    negative: new Set<number>(),
  };
  const ok = () => problems.missingKelas.size + problems.noKelas.size + problems.negative.size === 0;
  return {
    ok,
    add(gathered: readonly EmployeeMonthInput[]): LineInputs[] {
      const inputs = gathered.map((e) => lineInputsOf(e, month, tariffs, rules, problems));
      return ok() ? (inputs as LineInputs[]) : [];
    },
    finish(): void {
      if (ok()) return;
      const year = month.slice(0, 4);
      const source =
        tariffs.source.kind === 'table'
          ? `tabel besaran TPP ${year} (${tariffs.source.perkadaRef})`
          : `tabel besaran TPP rulebook (belum ada tabel Perkada tahun ${year})`;
      const messages: string[] = [];
      const list = (s: Set<number>) => [...s].sort((a, b) => a - b).join(', ');
      if (problems.missingKelas.size)
        messages.push(
          `Besaran TPP untuk kelas jabatan ${list(problems.missingKelas)} tidak ada di ${source}`,
        );
      if (problems.negative.size)
        messages.push(
          `Besaran TPP kelas jabatan ${list(problems.negative)} di ${source} tidak valid (negatif)`,
        );
      if (problems.noKelas.size)
        messages.push(`Kelas jabatan belum diisi untuk ${[...problems.noKelas].sort().join('; ')}`);
      throw new AppError('CONFLICT', `TPP tidak dapat dihitung: ${messages.join('. ')}`, {
        missingKelas: [...problems.missingKelas].sort((a, b) => a - b),
        negativeKelas: [...problems.negative].sort((a, b) => a - b),
        positionsWithoutKelas: [...problems.noKelas].sort(),
      });
    },
  };
}

/**
 * What storing a line needs besides its input snapshot: the hashes, the result's JSON text, the amounts and what the
 * run's totals read. Plain data: a run's worker thread sends it back (line-computer-worker.ts).
 */
export interface LineOutcome {
  inputsHash: string;
  resultHash: string;
  resultJson: string;
  exclusionCode: string | null;
  kelas: number | null;
  summary: LineSummary;
}

/** A computed line's outcome. */
export function outcomeOf(line: ComputedLine): LineOutcome {
  return {
    inputsHash: line.inputsHash,
    resultHash: line.resultHash,
    resultJson: line.json?.result ?? JSON.stringify(line.result),
    exclusionCode: line.result.excluded?.code ?? null,
    kelas: line.kelas,
    summary: summaryOf(line),
  };
}

/** What a run's totals and hashes need of a line: kept for every line of a run (so small). */
export interface LineSummary {
  employeeId: string;
  inputsHash: string;
  resultHash: string;
  amounts: TppMonthAmounts;
  byCause: Record<TppDeductionCause, Rupiah>;
  excluded: boolean;
  /** Paid on a kinerja figure that was not final (the policy of `kinerjaScoreFor`). */
  kinerjaNotFinal: boolean;
}

/** A computed (or stored) line's summary. */
export function summaryOf(
  l: Pick<ComputedLine, 'inputs' | 'inputsHash' | 'resultHash' | 'result'>,
): LineSummary {
  const excluded = l.result.excluded !== null;
  return {
    employeeId: l.inputs.employee.id,
    inputsHash: l.inputsHash,
    resultHash: l.resultHash,
    amounts: l.result.amounts,
    byCause: l.result.byCause,
    excluded,
    kinerjaNotFinal: !excluded && (l.inputs.kinerja.status !== 'FINAL' || l.inputs.kinerja.score === null),
  };
}

/** The run's totals: sums of the lines' amounts (so they add up exactly) and the deductions by cause. */
export function totalsOf(lines: readonly LineSummary[]): RunTotals {
  const amounts: TppMonthAmounts = {
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
  const byCause = Object.fromEntries(TPP_DEDUCTION_CAUSES.map((c) => [c, 0])) as Record<
    TppDeductionCause,
    Rupiah
  >;
  let excluded = 0;
  let kinerjaNotFinal = 0;
  for (const l of lines) {
    for (const k of Object.keys(amounts) as (keyof TppMonthAmounts)[]) amounts[k] += l.amounts[k];
    for (const c of TPP_DEDUCTION_CAUSES) byCause[c] += l.byCause[c];
    if (l.excluded) excluded++;
    else if (l.kinerjaNotFinal) kinerjaNotFinal++;
  }
  return {
    employees: lines.length,
    paid: lines.length - excluded,
    excluded,
    kinerjaNotFinal,
    amounts,
    byCause,
  };
}

/** A line's result hash: the employee and the result's JSON text (amounts and explanation). */
export const lineResultHash = (employeeId: string, resultJson: string) =>
  sha256(`${employeeId}\n${resultJson}`);

/**
 * A run's rules as every line is computed under them: keys sorted at every level (canonical JSON, parsed). The
 * run computes with them and stores them (jsonb, whose key order is its own); whoever computes a line again
 * (verification, a re-run, a correction) reads them through here, so a line's explanation — which copies texts
 * and legal bases from the rules — is the same JSON text both times.
 */
export function runRulesOf(rules: unknown): RunRules {
  return JSON.parse(canonicalJson(rules)) as RunRules;
}

/**
 * A stored line's input snapshot: the JSON text its hash was taken over (`tpp_run_lines.inputs`), parsed. Lines
 * are hashed over the JSON text of the objects the engine builds (their key order is the code's, the same for the
 * same inputs), so a snapshot is stored and checked as that exact text, never re-serialized.
 */
export function readLineInputs(stored: unknown): LineInputs {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as LineInputs;
}

/**
 * A stored line's result (`tpp_run_lines.breakdown`): the JSON text its `resultHash` was taken over, parsed (lines
 * stored while the column was jsonb were converted to jsonb's own text: the same values).
 */
export function readLineResult(stored: unknown): TppMonthResult {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as TppMonthResult;
}

/**
 * The hashes a run is stored with, from its lines' hashes in employee-id order: `inputs` over the rules' hash
 * (canonical JSON: the rules are read back from jsonb) and every line's inputs hash, `result` over every line's
 * result hash (each line is serialized once; one changed line changes both run hashes).
 */
export function runHashes(
  run: { unitId: string; month: string },
  rules: RunRules,
  lines: readonly Pick<LineSummary, 'employeeId' | 'inputsHash' | 'resultHash'>[],
): { inputsHash: string; resultHash: string } {
  const sorted = [...lines].sort((a, b) =>
    a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0,
  );
  let inputs = hashOf({ unitId: run.unitId, month: run.month, rules });
  let result = '';
  for (const l of sorted) {
    inputs += l.inputsHash;
    result += l.resultHash;
  }
  return { inputsHash: sha256(inputs), resultHash: sha256(result) };
}
