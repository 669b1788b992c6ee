import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../../auth/authz.ts';
import { inScope, scopeOf } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { minDate, type LocalDate } from '../../../core/common/local-date.ts';
import {
  checkCurve,
  objectionDecideBy,
  objectionWindow,
  type EvaluationKind,
} from '../../../core/performance/evaluation.ts';
import { ORG_PERFORMANCE_LABELS, type OrgPerformance } from '../../../core/performance/performance-rules.ts';
import type { CurveCheck, ObjectionInfo } from '../../../shared/api/kinerja-evaluations.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { createEvaluationsRepo, nameOf, type EvaluationRow } from './evaluations-repo.ts';

/** How an assessor acts: as the holder (null) or as Plt/Plh, and who the assessor of record is. */
export interface Acting {
  as: 'PLT' | 'PLH' | null;
  assessor: Awaited<ReturnType<KinerjaContext['penilaiOn']>> & object;
}

/**
 * What the parts of the evaluation section share (evaluations-service.ts, evaluations-objections.ts,
 * evaluations-document.ts): the repo, the dates an assessor is checked on, the read check, the curve and the
 * objection's presentation. Source: PermenPANRB 6/2022; regulations.md §6.3.
 */
export function createEvaluationCommon(ctx: KinerjaContext) {
  const { db, relations, clock } = ctx;
  const repo = createEvaluationsRepo();

  /** The employee's today (their unit's zone). */
  const todayOf = (employeeId: string, exec: Exec = db) => relations.todayOf(employeeId, exec);

  /**
   * The dates an assessor is checked on: the period's end, then the employee's today (a Plt appointed after the
   * period, or a superior who took over since). Each date is tried in turn; the first refusal is thrown.
   */
  async function onEither<T>(
    row: { employeeId: string; periodEnd: string },
    exec: Exec,
    check: (date: LocalDate) => Promise<T>,
  ): Promise<T> {
    const today = await todayOf(row.employeeId, exec);
    const dates = [...new Set([row.periodEnd, today])];
    let first: unknown = null;
    for (const d of dates) {
      try {
        return await check(d);
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'FORBIDDEN' && err.code !== 'VALIDATION')) throw err;
        first ??= err;
      }
    }
    if (first instanceof AppError && first.code === 'VALIDATION')
      throw forbidden('Anda bukan pejabat yang berwenang atas penilaian ini');
    throw first;
  }

  /** Requires the actor to be the pejabat penilai (or Plt/Plh) on the period end or today. @throws FORBIDDEN */
  const requirePenilai = (actor: Actor, row: { employeeId: string; periodEnd: string }, exec: Exec = db) =>
    onEither(row, exec, (d) => ctx.requirePenilai(actor, row.employeeId, d, exec));

  /** Requires the actor to be the atasan pejabat penilai (or Plt/Plh) on the period end or today. */
  const requireAtasan = (actor: Actor, row: { employeeId: string; periodEnd: string }, exec: Exec = db) =>
    onEither(row, exec, (d) => ctx.requireAtasanPenilai(actor, row.employeeId, d, exec));

  /** Whether `check` passes (a refusal is false). */
  async function passes(check: () => Promise<unknown>): Promise<boolean> {
    try {
      await check();
      return true;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'VALIDATION')) return false;
      throw err;
    }
  }

  /** The atasan pejabat penilai on the period end (else today); null when Abdi has none. */
  async function atasanOf(row: { employeeId: string; periodEnd: string }, exec: Exec = db) {
    try {
      return await ctx.atasanPenilaiOn(row.employeeId, row.periodEnd, exec);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
      return ctx.atasanPenilaiOn(row.employeeId, await todayOf(row.employeeId, exec), exec);
    }
  }

  /**
   * May the actor read the evaluation: the employee, the assessors on its period end or today (with Plt/Plh),
   * those who rated or approved it, and kinerja readers over its unit.
   */
  async function mayRead(actor: Actor, row: EvaluationRow): Promise<boolean> {
    if (actor.employeeId && [row.employeeId, row.penilaiId, row.atasanPenilaiId].includes(actor.employeeId))
      return true;
    if (await ctx.canRead(actor, row.employeeId, row.periodEnd, row.unitPath)) return true;
    const today = await todayOf(row.employeeId);
    return today !== row.periodEnd && ctx.canRead(actor, row.employeeId, today, row.unitPath);
  }

  /** The evaluation if the actor may read it. @throws NOT_FOUND, FORBIDDEN */
  async function load(actor: Actor, id: string): Promise<EvaluationRow> {
    const row = await repo.byId(db, id);
    if (!row) throw notFound('Penilaian kinerja');
    if (!(await mayRead(actor, row))) throw forbidden('Anda tidak berwenang melihat penilaian kinerja ini');
    return row;
  }

  /**
   * The curve check for a unit and period (a soft check): the organisational performance of the unit or its
   * nearest parent; the curve then covers that rated unit's subtree.
   */
  async function curve(
    unit: { id: string; name: string; path: string },
    kind: EvaluationKind,
    start: LocalDate,
    end: LocalDate,
    exec: Exec = db,
    opts: { followRatedUnit?: boolean } = {},
  ): Promise<CurveCheck> {
    const rules = await ctx.rulesOn(end, exec);
    const org = await repo.orgPerformanceFor(exec, unit.path, start, end);
    const over = opts.followRatedUnit && org ? { id: org.unitId, name: org.name, path: org.path } : unit;
    const counts = await repo.predikatCounts(exec, over.path, kind, start, end);
    const rating = (org?.rating ?? null) as OrgPerformance | null;
    const r = checkCurve(counts, rating, rules.distributionCurves);
    return {
      unitId: over.id,
      unitName: over.name,
      periodStart: start,
      periodEnd: end,
      kind,
      orgPerformance: rating,
      orgPerformanceLabel: rating ? ORG_PERFORMANCE_LABELS[rating] : null,
      tolerancePercent: rules.distributionCurves.tolerancePercent,
      isExample: rules.distributionCurves.isExample,
      total: r.total,
      rows: r.rows,
      warnings: r.warnings,
      notes: r.notes,
      checkedAt: clock.now().toISOString(),
    };
  }

  /** The curve of an evaluation's unit and period. */
  const curveOfEvaluation = (row: EvaluationRow, exec: Exec = db) =>
    curve(
      { id: row.unitId, name: row.unitName, path: row.unitPath },
      row.kind as EvaluationKind,
      row.periodStart,
      row.periodEnd,
      exec,
      { followRatedUnit: true },
    );

  /** The objection window of an approved evaluation (employee's local dates), null before approval. */
  async function windowOf(row: EvaluationRow, exec: Exec = db) {
    if (row.status !== 'APPROVED' || !row.approvedAt) return null;
    const rules = await ctx.rulesOn(row.periodEnd, exec);
    const approvedOn = await relations.localDateOf(row.employeeId, row.approvedAt, exec);
    return objectionWindow(
      approvedOn,
      rules.evaluation.objection.fileWithinDays,
      await todayOf(row.employeeId, exec),
    );
  }

  /** The objection of an evaluation as answered. */
  async function objectionInfo(row: EvaluationRow, exec: Exec = db): Promise<ObjectionInfo | null> {
    const o = await repo.objectionOf(exec, row.id);
    if (!o) return null;
    const rules = await ctx.rulesOn(row.periodEnd, exec);
    const filedOn = await relations.localDateOf(row.employeeId, o.filedAt, exec);
    const due = objectionDecideBy(
      filedOn,
      rules.evaluation.objection.decideWithinDays,
      await todayOf(row.employeeId, exec),
    );
    return {
      id: o.id,
      evaluationId: o.evaluationId,
      status: o.status as ObjectionInfo['status'],
      reason: o.reason,
      filedAt: o.filedAt.toISOString(),
      decideBy: due.decideBy,
      overdue: o.status === 'DIAJUKAN' && due.overdue,
      decidedAt: o.decidedAt ? o.decidedAt.toISOString() : null,
      decidedByName: o.dName ? nameOf({ name: o.dName, frontTitle: o.dFront, backTitle: o.dBack }) : null,
      decidedAs: o.decidedAs as 'PLT' | 'PLH' | null,
      decisionNote: o.decisionNote,
      predikatBefore: o.predikatBefore as ObjectionInfo['predikatBefore'],
      predikatAfter: o.predikatAfter as ObjectionInfo['predikatAfter'],
    };
  }

  /** kinerja.read / kinerja.manage over a unit path. */
  const readsUnit = (actor: Actor, path: string) =>
    (['kinerja.read', 'kinerja.manage'] as const).some((p) => inScope(scopeOf(actor, p), path));

  /** The date relations of peers are judged on: the period end, or today when the period is still running. */
  const relationDate = async (row: EvaluationRow, exec: Exec = db) =>
    minDate(row.periodEnd, await todayOf(row.employeeId, exec));

  return {
    repo,
    todayOf,
    requirePenilai,
    requireAtasan,
    passes,
    atasanOf,
    mayRead,
    load,
    curve,
    curveOfEvaluation,
    windowOf,
    objectionInfo,
    readsUnit,
    relationDate,
  };
}
export type EvaluationCommon = ReturnType<typeof createEvaluationCommon>;

/** The link of an evaluation in the app. */
export const evaluationLink = (id: string) => `/kinerja/penilaian/${id}`;
