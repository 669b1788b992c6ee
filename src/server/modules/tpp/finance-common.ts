import type { Selectable } from 'kysely';
import type { TppRunLinesTable } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { LetterheadData } from '../../documents/pdf.ts';
import type { Signer } from '../../documents/parts.ts';
import type { ActingKind } from '../../../core/documents/signer.ts';
import { RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import { PAYABLE_STATUSES } from '../../../shared/api/tpp-finance.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { RunRow, RunsAccess } from './runs-access.ts';
import { readLineInputs, readLineResult, storedLineAmounts } from './runs-engine.ts';
import type { StoredTotals } from './runs-compute.ts';
import { fullName, todayOf } from './inputs-common.ts';

type LineRow = Selectable<TppRunLinesTable>;

/** A line of the nominative list / bank file: the stored amounts, the exclusion reason, the account paid to. */
export interface FinanceLine {
  employeeId: string;
  nip: string | null;
  name: string;
  golongan: string | null;
  positionName: string | null;
  kelas: number | null;
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
  excluded: boolean;
  /** Why the line is not paid (the exclusion's reason and code), or null. */
  excludedReason: string | null;
  bank: { bankName: string; accountNumber: string; accountHolder: string } | null;
}

/** What the finance documents of a run print: the run, its unit, its lines, the signers and the mark. */
export interface FinanceRun {
  run: RunRow;
  status: RunStatus;
  statusLabel: string;
  unit: { id: string; name: string; code: string | null; timeZone: string };
  totals: StoredTotals;
  lines: FinanceLine[];
  head: Signer | null;
  headPosition: string | null;
  treasurer: Signer | null;
  /** "KONSEP" before approval, null when approved, "FINAL" once locked. */
  mark: 'KONSEP' | 'FINAL' | null;
}

export const isPayable = (status: string) => (PAYABLE_STATUSES as readonly string[]).includes(status);

/** The mark of a run's nominative list (issue 17 point 5): a draft before BKD's approval, final once locked. */
export const markOf = (status: string): FinanceRun['mark'] =>
  status === 'DIKUNCI' ? 'FINAL' : isPayable(status) ? null : 'KONSEP';

/**
 * The reads the finance documents share: the run with its lines and the account each is paid to (the employee's
 * current account, else the one stored with the run's inputs), the head of the run's unit (its holder, else the
 * Plt/Plh in the post today) and the treasurer (bendahara pengeluaran) recorded for the unit or its nearest
 * ancestor.
 */
export function createFinanceReads(ctx: TppContext, inputs: TppInputsSection, access: RunsAccess) {
  const { db } = ctx;

  /** The head of the run's unit as the nominative list names them: holder first, else Plt/Plh today. */
  async function headSigner(
    run: RunRow,
    exec: Exec = db,
  ): Promise<{ signer: Signer | null; position: string | null }> {
    const head = await access.headOf(run, exec);
    if (!head) return { signer: null, position: null };
    if (head.deciderIds.length === 0) return { signer: null, position: head.positionName };
    const today = await access.todayOfUnit(run.unitId, exec);
    const acting = await exec
      .selectFrom('actingAssignments')
      .select(['employeeId', 'kind'])
      .where('positionId', '=', head.positionId)
      .where('employeeId', 'in', head.deciderIds)
      .where('validFrom', '<=', today)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
      .execute();
    const actingKind = new Map(acting.map((a) => [a.employeeId, a.kind as ActingKind]));
    const chosen = head.deciderIds.find((d) => !actingKind.has(d)) ?? head.deciderIds[0]!;
    const e = await exec
      .selectFrom('employees')
      .select(['name', 'frontTitle', 'backTitle', 'nip'])
      .where('id', '=', chosen)
      .executeTakeFirstOrThrow();
    return {
      signer: {
        name: fullName(e),
        nip: e.nip,
        position: head.positionName,
        acting: actingKind.get(chosen) ?? null,
      },
      position: head.positionName,
    };
  }

  /** The treasurer record of the unit, or of its nearest ancestor that has one (runs-access: the one rule). */
  const treasurerOf = (unitPath: string, exec: Exec = db) => access.treasurerOf(unitPath, exec);

  /** The run's lines in print order (by name) with the account each is paid to. */
  async function linesOf(run: RunRow, exec: Exec = db): Promise<FinanceLine[]> {
    const rows: LineRow[] = await exec
      .selectFrom('tppRunLines')
      .selectAll()
      .where('runId', '=', run.id)
      .orderBy('name')
      .orderBy('employeeId')
      .execute();
    const accounts = await inputs.bankAccounts(
      exec,
      rows.map((r) => r.employeeId),
    );
    return rows.map((l) => {
      const r = readLineResult(l.breakdown);
      const stored = readLineInputs(l.inputs).bank;
      const current = accounts.get(l.employeeId);
      const bank = current ?? stored ?? null;
      return {
        employeeId: l.employeeId,
        nip: l.nip,
        name: l.name,
        golongan: l.golongan,
        positionName: l.positionName,
        kelas: l.kelas,
        ...storedLineAmounts(l),
        excluded: l.excluded,
        excludedReason: l.excluded
          ? r.excluded
            ? `${r.excluded.reason} (${r.excluded.code})`
            : (l.exclusionCode ?? 'Tidak dibayarkan')
          : null,
        bank: bank
          ? { bankName: bank.bankName, accountNumber: bank.accountNumber, accountHolder: bank.accountHolder }
          : null,
      };
    });
  }

  /** Everything a finance document of the run prints (the caller checked access). */
  async function financeRun(run: RunRow, exec: Exec = db): Promise<FinanceRun> {
    const unit = await ctx.unitOr404(run.unitId, exec);
    const [lines, head, treasurer] = await Promise.all([
      linesOf(run, exec),
      headSigner(run, exec),
      treasurerOf(run.unitPath, exec),
    ]);
    const status = run.status as RunStatus;
    return {
      run,
      status,
      statusLabel: RUN_STATUS_LABELS[status],
      unit: { id: unit.id, name: unit.name, code: unit.code, timeZone: unit.timeZone },
      totals: run.totals as unknown as StoredTotals,
      lines,
      head: head.signer,
      headPosition: head.position,
      treasurer: treasurer
        ? { name: treasurer.name, nip: treasurer.nip, position: 'Bendahara Pengeluaran', acting: null }
        : null,
      mark: markOf(status),
    };
  }

  /** The letterhead of the run's unit (the unit's name alone when none is set). */
  async function letterheadOf(unit: { id: string; name: string }): Promise<LetterheadData> {
    return ctx.documents.letterheadFor(unit.id).catch(() => ({
      regionName: '',
      agencyName: unit.name,
      address: null,
      contact: null,
      logoBase64: null,
    }));
  }

  /**
   * The run the actor may read for finance: as a whole (readers incl. tpp.pay, the head) or as the designated
   * treasurer of its unit once published (`treasurer: true`); 404 otherwise.
   */
  const readable = (actor: Actor, id: string, exec: Exec = db) => access.financeReadableRun(actor, id, exec);

  return { headSigner, treasurerOf, linesOf, financeRun, letterheadOf, readable, today: () => todayOf(ctx) };
}
export type FinanceReads = ReturnType<typeof createFinanceReads>;
