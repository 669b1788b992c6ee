import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { inScope, scopeOf } from '../../auth/authz.ts';
import { createElectionWatchContext, READ, type ElectionWatchDeps } from './election-watch-context.ts';
import { createDaysSection } from './election-watch-days.ts';
import { createNeutralitySection } from './election-watch-neutrality.ts';
import { createReportSection } from './election-watch-report.ts';
import { createTickSection } from './election-watch-tick.ts';

/**
 * The election-period watch (issue 18 point 3): the module's façade, the only part other modules may use (its type,
 * wired in app.ts). Sections: periods and the daily list with the head's acknowledgement (election-watch-days.ts),
 * the daily tick of escalations (election-watch-tick.ts), neutrality reports on the ethics or discipline track
 * (election-watch-neutrality.ts), the report per OPD (election-watch-report.ts). Every write checks the caller's
 * role, scope or relation first, inside its transaction, and leaves an audit entry; reads store nothing.
 */
export function createElectionWatchService(deps: ElectionWatchDeps) {
  const ctx = createElectionWatchContext(deps);
  const days = createDaysSection(ctx);
  const tick = createTickSection(ctx);
  const neutrality = createNeutralitySection(ctx);
  const report = createReportSection(ctx);

  /**
   * For the notification service: resolves when the reader may (still) open an escalation or a day's list waiting for
   * acknowledgement (`periodId:unitId:date`) — electionWatch.read over its OPD (BKD, the Sekda's PIMPINAN desk) or the
   * OPD's head — and throws 403/404 otherwise.
   */
  async function canOpen(actor: Actor, entityType: string, id: string): Promise<unknown> {
    if (entityType === 'election_watch_day') {
      const [periodId, unitId] = id.split(':');
      const p = await ctx.periodOrThrow(periodId ?? '');
      const opd = await ctx.coveredOpd(p, unitId ?? '');
      await ctx.requireOpdReader(actor, opd);
      return opd;
    }
    if (entityType !== 'election_watch_escalation') throw notFound('Data');
    const r = await deps.repo.escalation(id);
    if (!r) throw notFound('Eskalasi');
    if (inScope(scopeOf(actor, READ), r.unitPath)) return r;
    const [opd] = await deps.repo.units([r.unitId]);
    if (!opd) throw notFound('Unit');
    await ctx.requireOpdReader(actor, opd);
    return r;
  }

  return {
    ...days,
    tick: tick.tick,
    neutrality,
    report: report.report,
    reportRows: report.exportRows,
    reportPdf: report.pdf,
    escalations: report.escalations,
    canOpen,
  };
}
export type ElectionWatchService = ReturnType<typeof createElectionWatchService>;
