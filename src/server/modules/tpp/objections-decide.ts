import type { Actor } from '../../auth/authz.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { formatDdMmYyyy, formatMonthId } from '../../../core/common/date-text.ts';
import { objectionLineLabel, type ObjectionLine } from '../../../core/tpp/objection-lines.ts';
import { RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import type { ObjectionDecisionBody } from '../../../shared/api/tpp-objections.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { TppContext } from './tpp-context.ts';
import type { RunsAccess } from './runs-access.ts';
import type { TppRunsSection } from './runs-service.ts';
import type { DecisionEventData, ObjectionsView } from './objections-view.ts';

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/**
 * Deciding an objection (issue 17 point 4): the employee's direct superior today (or the Plt/Plh of that post) or
 * BKD (tpp.manage over the run's unit) upholds (DITERIMA) or rejects (DITOLAK) it with a note. An upheld objection
 * re-runs that employee's line from fresh inputs in the same transaction (`runs.rerunEmployee`): when an input
 * changed (a permit approved, a correction, a gaji fixed, an exclusion ended) the line is replaced (version + 1)
 * and the run's totals and hashes follow; when nothing changed the line stays and the decision says so. Checks,
 * in order, with the run and the objection locked: who (403 to whoever sees it, 404 to anyone else), the
 * objection still pending (409), the run still published (409). Writes the decision, an event on the run, an
 * audit entry with the net before and after, and tells the employee.
 */
export function createObjectionsDecide(
  ctx: TppContext,
  access: RunsAccess,
  view: ObjectionsView,
  runs: TppRunsSection,
) {
  const { db, audit, clock, notifications } = ctx;

  async function decide(actor: Actor, id: string, input: Required<ObjectionDecisionBody>) {
    return db.transaction().execute(async (trx) => {
      const peek = await view.rowOr404(id, trx);
      const run = await access.runRow(peek.runId, trx, true);
      const o = await view.rowOr404(id, trx, true);
      if (!(await view.mayDecide(actor, run, o.employeeId, trx))) {
        if (await view.maySee(actor, run, o, trx))
          throw forbidden('Keberatan TPP diputus oleh atasan langsung pegawai (atau Plt/Plh-nya) atau BKD');
        throw notFound('Keberatan');
      }
      if (o.status !== 'DIAJUKAN') {
        const by = o.decidedBy
          ? await trx
              .selectFrom('users')
              .select('displayName')
              .where('id', '=', o.decidedBy)
              .executeTakeFirst()
          : undefined;
        throw new AppError(
          'CONFLICT',
          `Keberatan ini sudah ${o.status === 'DITERIMA' ? 'diterima' : 'ditolak'}` +
            (by ? ` oleh ${by.displayName}` : '') +
            (o.decidedAt ? ` pada ${formatDdMmYyyy(await dateOf(o.decidedAt, run.unitId, trx))}` : ''),
          { status: o.status },
        );
      }
      if (run.status !== 'DIUMUMKAN')
        throw new AppError(
          'CONFLICT',
          `TPP bulan ${formatMonthId(run.month)} berstatus ${RUN_STATUS_LABELS[run.status as RunStatus].toLowerCase()}; ` +
            'keberatan hanya diputus selama TPP diumumkan',
          { status: run.status },
        );
      const upheld = input.decision === 'DITERIMA';
      const r = upheld ? await runs.rerunEmployee(trx, run, o.employeeId) : null;
      const rerun = r
        ? { changed: r.changed, netBefore: r.before.net, netAfter: r.after.net, version: r.after.version }
        : null;
      const now = clock.now();
      await trx
        .updateTable('tppObjections')
        .set({
          status: input.decision,
          decidedBy: actor.userId,
          decidedAt: now,
          decisionNote: input.note,
          rerunAt: r?.changed ? now : null,
        })
        .where('id', '=', o.id)
        .execute();
      const line = o.line as unknown as ObjectionLine;
      const data: DecisionEventData = { objectionId: o.id, employeeId: o.employeeId, rerun };
      await access.addEvent(trx, actor, run.id, {
        action: upheld ? 'objection_upheld' : 'objection_rejected',
        from: null,
        to: null,
        note: input.note,
        data,
      });
      await audit.record(trx, ctxOf(actor), {
        action: upheld ? 'tpp_objection.upheld' : 'tpp_objection.rejected',
        entityType: 'tpp_objection',
        entityId: o.id,
        unitId: run.unitId,
        before: {
          status: o.status,
          ...(rerun ? { net: rerun.netBefore, lineVersion: r!.before.version } : {}),
        },
        after: {
          status: input.decision,
          runId: run.id,
          employeeId: o.employeeId,
          line: objectionLineLabel(line),
          note: input.note,
          ...(rerun ? { net: rerun.netAfter, lineVersion: rerun.version, recomputed: rerun.changed } : {}),
        },
      });
      const month = formatMonthId(run.month);
      await notifications.notify(trx, {
        employeeIds: [o.employeeId],
        exceptUserIds: [actor.userId],
        entity: { type: 'tpp_run', id: run.id },
        once: false,
        kind: 'tpp_objection.decided',
        title: `Keberatan TPP ${month} ${upheld ? 'diterima' : 'ditolak'}`,
        body:
          `${objectionLineLabel(line)}: ${input.note}` +
          (rerun
            ? rerun.changed
              ? ` TPP Anda dihitung ulang: ${rupiah(rerun.netBefore)} menjadi ${rupiah(rerun.netAfter)}.`
              : ' Data masukan tidak berubah; rincian TPP Anda tetap.'
            : ''),
        link: `/tpp?bulan=${run.month}`,
      });
      return o.id;
    });
  }

  /** The local date of an instant in the run's unit zone (for messages). */
  async function dateOf(at: Date | string, unitId: string, exec: Exec) {
    const unit = await ctx.unitOr404(unitId, exec);
    return localDateAt(new Date(at).getTime(), unit.timeZone as IndonesianTimeZone);
  }

  return { decide };
}
