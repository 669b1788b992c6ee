import type { Transaction } from 'kysely';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { Database, NextHolder } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import type { CaseRole, CaseRow, DisciplineContext } from './discipline-context.ts';
import { createPybResolver, type CompetentOfficial } from './pyb.ts';
import { isExaminer, type CaseTools } from './cases-common.ts';

/** A step's transaction. */
export type Trx = Transaction<Database>;
/** Dates in messages. */
export const dd = formatDdMmYyyy;
/** Summons numbers in words. */
export const ROMAN = { 1: 'I', 2: 'II' } as const;

/** A VALIDATION error on one field whose details also carry extra data (the limit, the legal basis). */
export function limitError(path: string, message: string, extra: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', message, [{ path, message, ...extra }]);
}

/**
 * What every step of the procedure shares: the transaction with the case row locked and the caller's role, the
 * examiner check, who holds the next step, the audit entry, the competent official.
 * Source: PP 94/2021 Pasal 26–35; regulations.md §1.5–1.7.
 */
export function createStepKit(ctx: DisciplineContext, tools: CaseTools) {
  const { db, audit } = ctx;
  const pyb = createPybResolver(ctx);

  /**
   * Runs one step on a case: locks it, loads the caller's role (404 for outsiders), runs `fn` and returns the id.
   */
  async function step(
    actor: Actor,
    id: string,
    fn: (trx: Trx, c: CaseRow, role: CaseRole) => Promise<void>,
  ): Promise<string> {
    await db.transaction().execute(async (trx) => {
      const { c, role } = await ctx.loadCase(actor, id, trx, true);
      await fn(trx, c, role);
    });
    return id;
  }

  /** The step's actor must be an examiner of the case (the team, or the direct superior / Plt / Plh). */
  function requireExaminer(c: CaseRow, role: CaseRole): void {
    if (!isExaminer(c, role))
      throw forbidden(
        c.examinerKind === 'TIM'
          ? 'Hanya anggota tim pemeriksa kasus ini yang dapat melakukan langkah ini'
          : 'Hanya atasan langsung pegawai (atau Plt/Plh-nya) yang dapat melakukan langkah ini',
      );
  }

  /** The next holder: the examiners of the case. */
  async function examinersHolder(c: CaseRow, exec: Exec): Promise<NextHolder> {
    return { employeeIds: await tools.examinerIds(c, exec), roles: [] };
  }

  /** Who holds the decision: the PyB's deciders, or BKD (discipline.manage) recording the PPK's decision. */
  function decisionHolder(o: CompetentOfficial | null): NextHolder {
    if (!o || o.kind === 'ppk' || o.deciderIds.length === 0)
      return { employeeIds: [], roles: ['discipline.manage'] };
    return { employeeIds: o.deciderIds, roles: [] };
  }

  const audited = (
    trx: Trx,
    actor: Actor,
    c: CaseRow,
    action: string,
    after: Record<string, unknown>,
    before?: Record<string, unknown>,
  ) =>
    audit.record(trx, ctxOf(actor), {
      action,
      entityType: 'discipline_case',
      entityId: c.id,
      unitId: c.unitId,
      ...(before ? { before } : {}),
      after: { caseNumber: c.caseNumber, ...after },
    });

  /** The decision holder after two missed summonses (or the report): the PyB for the level, BKD for the PPK. */
  async function officialFor(c: CaseRow, level: DisciplineLevel, sanctionCode: string | null, exec: Exec) {
    if (c.procedure === 'INTERNAL' || c.track === 'etika' || !sanctionCode) return null;
    try {
      return await pyb.competentOfficial(c, level, sanctionCode, exec);
    } catch (err) {
      // A rulebook gap (no matrix row): BKD holds the decision and sees the gap when deciding.
      if (err instanceof AppError && err.code === 'VALIDATION') return null;
      throw err;
    }
  }

  return { step, requireExaminer, examinersHolder, decisionHolder, audited, officialFor };
}
export type StepKit = ReturnType<typeof createStepKit>;
