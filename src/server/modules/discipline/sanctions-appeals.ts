import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { maxDate } from '../../../core/common/local-date.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { findSanction, type DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import { appealWindow } from '../../../core/discipline/deadlines.ts';
import { sanctionBlocks } from '../../../core/discipline/sanctions.ts';
import { CASE_STATE_LABELS } from '../../../core/discipline/case-machine.ts';
import {
  APPEAL_KIND_LABELS,
  APPEAL_OUTCOME_LABELS,
  type AppealBody,
  type AppealDecisionBody,
  type SanctionStepResult,
} from '../../../shared/api/discipline-sanctions.ts';
import type { DisciplineContext } from './discipline-context.ts';
import { refuseAppeal, refuseAppealDecision } from './sanctions-access.ts';
import {
  appealKindFor,
  appliedTypeOf,
  requireInTrack,
  sanctionTypeOf,
  type SanctionsShared,
} from './sanctions-shared.ts';

/**
 * Upaya administratif (issue 16 point 5; PP 79/2021, regulations.md §1.9): keberatan against sanctions other than
 * dismissal, banding administratif against dismissal / termination, filed by the employee within the rulebook's
 * window; the sanction has no effect while one is pending; the outcome (confirmed, changed, annulled) is recorded
 * by BKD (discipline.manage) from the official's or BPASN's decision; an annulled sanction stops its effects.
 */
export function createAppealsPart(ctx: DisciplineContext, shared: SanctionsShared) {
  const { db } = ctx;

  /** POST /cases/:id/appeals: the employee files a keberatan or banding → UPAYA_ADMINISTRATIF. */
  async function file(actor: Actor, caseId: string, body: AppealBody): Promise<SanctionStepResult> {
    return db.transaction().execute(async (trx) => {
      const { c, role } = await ctx.loadCase(actor, caseId, trx, true);
      const refused = refuseAppeal(role);
      if (refused) throw forbidden(refused);
      const pending = await trx
        .selectFrom('disciplineAppeals')
        .select(['id', 'status', 'kind'])
        .where('caseId', '=', c.id)
        .execute();
      if (pending.some((a) => a.status === 'DIAJUKAN'))
        throw new AppError(
          'CONFLICT',
          'Masih ada upaya administratif yang belum diputus untuk keputusan ini',
        );
      ctx.requireAction(c, 'appeal', 'Pengajuan upaya administratif');
      const s = await shared.sanctionOfCase(c.id, trx);
      if (!s || !s.receivedOn)
        throw new AppError('CONFLICT', 'Upaya administratif diajukan setelah keputusan hukuman diterima');
      if (pending.length)
        throw new AppError(
          'CONFLICT',
          'Upaya administratif atas keputusan ini sudah diputus; putusan tersebut bersifat final (PP 79/2021)',
        );
      const rules = ctx.rulesOf(c);
      const applied = findSanction(rules, s.appliedCode);
      const allowed = appealKindFor(
        applied ?? { level: s.level as DisciplineLevel, durationMonths: s.durationMonths },
      );
      if (body.kind !== allowed)
        throw fieldError(
          'kind',
          allowed === 'BANDING'
            ? 'Terhadap hukuman pemberhentian diajukan banding administratif ke BPASN, bukan keberatan (PP 79/2021)'
            : 'Banding administratif hanya terhadap hukuman pemberhentian; terhadap hukuman ini diajukan keberatan (PP 79/2021)',
        );
      const today = await ctx.todayOfUnit(c.unitId, trx);
      const cal = await ctx.calendarOfUnit(c.unitId, today, trx);
      const w = appealWindow(
        s.receivedOn,
        allowed === 'BANDING' ? 'banding' : 'keberatan',
        rules,
        cal,
        today,
      );
      if (today > w.filing.date)
        throw fieldError(
          'kind',
          `Batas waktu pengajuan ${APPEAL_KIND_LABELS[allowed].toLowerCase()} telah lewat: paling lambat ${formatDdMmYyyy(w.filing.date)} (${rules.deadlines[allowed === 'BANDING' ? 'appeal' : 'objection'].filing.count} hari kerja sejak keputusan diterima ${formatDdMmYyyy(s.receivedOn)})`,
        );
      const row = await trx
        .insertInto('disciplineAppeals')
        .values({
          sanctionId: s.id,
          caseId: c.id,
          kind: body.kind,
          filedOn: today,
          filingDeadline: w.filing.date,
          responseDue: w.answer!.date,
          reason: body.reason,
          filedBy: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // No effect while pending: no serving period, so no TPP cut and no flags; the others are scheduled again.
      await trx
        .updateTable('disciplineSanctions')
        .set({
          status: 'DITUNDA_UPAYA',
          startsOn: null,
          endsOn: null,
          replacedBy: null,
          updatedAt: ctx.clock.now(),
        })
        .where('id', '=', s.id)
        .execute();
      const changed = await shared.reschedule(trx, c.employeeId);
      await shared.noteRescheduled(trx, actor, changed, c.id);
      await ctx.addEvent(trx, actor, c, {
        action: 'appeal',
        from: c.state,
        to: 'UPAYA_ADMINISTRATIF',
        data: { appealId: row.id, kind: body.kind, filedOn: today, responseDue: w.answer!.date },
        reason: body.reason,
      });
      await ctx.setState(trx, c, 'UPAYA_ADMINISTRATIF', {
        step: `Catat putusan ${APPEAL_KIND_LABELS[body.kind].toLowerCase()}`,
        due: w.answer!.date,
        holder: { employeeIds: [], roles: ['discipline.manage'] },
      });
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'discipline.appeal_filed',
        entityType: 'discipline_case',
        entityId: c.id,
        unitId: c.unitId,
        before: { sanctionStatus: s.status, startsOn: s.startsOn, endsOn: s.endsOn },
        after: { appealId: row.id, kind: body.kind, filedOn: today, responseDue: w.answer!.date },
      });
      const managers = await ctx.notifications.grantHolders(trx, ['BKD', 'SUPER_ADMIN'], c.unitPath);
      await ctx.notifications.notify(trx, {
        userIds: managers,
        kind: 'discipline_appeal_filed',
        title: `${APPEAL_KIND_LABELS[body.kind]} diajukan atas kasus ${c.caseNumber}`,
        body: `Diajukan ${formatDdMmYyyy(today)}; putusan paling lambat ${formatDdMmYyyy(w.answer!.date)}. Selama belum diputus, hukuman tidak berlaku.`,
        link: `/disiplin/kasus/${c.id}`,
        entity: { type: 'discipline_case', id: c.id },
        subjectEmployeeId: c.employeeId,
        exceptUserIds: [actor.userId],
        exceptEmployeeIds: [c.employeeId],
      });
      return {
        caseId: c.id,
        state: 'UPAYA_ADMINISTRATIF',
        stateLabel: CASE_STATE_LABELS.UPAYA_ADMINISTRATIF,
        sanction: await shared.viewOf(s.id, today, trx),
      };
    });
  }

  /**
   * POST /appeals/:id/decision (discipline.manage in scope): DIKUATKAN → the sanction takes effect on the later of
   * the decision and its original effective date; DIUBAH → the new sanction (in the employee's track) takes effect
   * on the decision date; DIBATALKAN → the sanction is annulled, the case ends (DIHENTIKAN) and its effects stop.
   */
  async function decide(
    actor: Actor,
    appealId: string,
    body: AppealDecisionBody,
  ): Promise<SanctionStepResult> {
    return db.transaction().execute(async (trx) => {
      if (!/^[0-9a-f-]{36}$/i.test(appealId)) throw notFound('Upaya administratif');
      const a0 = await trx
        .selectFrom('disciplineAppeals')
        .select('caseId')
        .where('id', '=', appealId)
        .executeTakeFirst();
      if (!a0) throw notFound('Upaya administratif');
      const { c, role } = await ctx.loadCase(actor, a0.caseId, trx, true);
      const refusedDecision = refuseAppealDecision(role);
      if (refusedDecision) throw forbidden(refusedDecision);
      const a = await trx
        .selectFrom('disciplineAppeals')
        .selectAll()
        .where('id', '=', appealId)
        .executeTakeFirstOrThrow();
      if (a.status !== 'DIAJUKAN') throw new AppError('CONFLICT', 'Upaya administratif ini sudah diputus');
      ctx.requireAction(c, 'decideAppeal', 'Putusan upaya administratif');
      const s = await trx
        .selectFrom('disciplineSanctions')
        .selectAll()
        .where('id', '=', a.sanctionId)
        .executeTakeFirstOrThrow();
      const rules = ctx.rulesOf(c);
      const today = await ctx.todayOfUnit(c.unitId, trx);
      if (body.decidedOn < a.filedOn)
        throw fieldError(
          'decidedOn',
          `Tanggal putusan tidak boleh sebelum tanggal pengajuan (${formatDdMmYyyy(a.filedOn)})`,
        );
      if (body.decidedOn > today)
        throw fieldError(
          'decidedOn',
          `Tanggal putusan tidak boleh setelah hari ini (${formatDdMmYyyy(today)})`,
        );
      const before = {
        sanctionCode: s.sanctionCode,
        appliedCode: s.appliedCode,
        status: s.status,
        effectiveOn: s.effectiveOn,
        blocksKgb: s.blocksKgb,
        blocksPromotion: s.blocksPromotion,
        caseState: c.state,
      };
      let next: 'MENUNGGU_BERLAKU' | 'BERLAKU' | 'DIHENTIKAN';
      let message: string;
      if (body.outcome === 'DIBATALKAN') {
        await trx
          .updateTable('disciplineSanctions')
          .set({
            status: 'DIBATALKAN',
            annulledOn: body.decidedOn,
            startsOn: null,
            endsOn: null,
            replacedBy: null,
            blocksKgb: false,
            blocksPromotion: false,
            updatedAt: ctx.clock.now(),
          })
          .where('id', '=', s.id)
          .execute();
        next = 'DIHENTIKAN';
        message = 'Hukuman dibatalkan; kasus dihentikan dan hukuman tidak berakibat apa pun.';
      } else {
        let patch: Record<string, unknown> = {};
        let effectiveOn = maxDate(body.decidedOn, s.effectiveOn ?? body.decidedOn);
        if (body.outcome === 'DIUBAH') {
          const t = sanctionTypeOf(rules, body.newSanctionCode!, 'newSanctionCode');
          requireInTrack(rules, c, t, 'newSanctionCode');
          const applied = appliedTypeOf(rules, t);
          const blocks = sanctionBlocks(t.level);
          patch = {
            sanctionCode: t.code,
            appliedCode: applied.code,
            level: t.level,
            name: t.name,
            durationMonths: applied.durationMonths,
            blocksKgb: blocks.blocksKgb,
            blocksPromotion: blocks.blocksPromotion,
          };
          effectiveOn = body.decidedOn;
        }
        await trx
          .updateTable('disciplineSanctions')
          .set({ ...patch, effectiveOn, status: 'DISAMPAIKAN', updatedAt: ctx.clock.now() })
          .where('id', '=', s.id)
          .execute();
        next = effectiveOn > today ? 'MENUNGGU_BERLAKU' : 'BERLAKU';
        message = `${APPEAL_OUTCOME_LABELS[body.outcome]}; berlaku ${formatDdMmYyyy(effectiveOn)}.`;
      }
      const changed = await shared.reschedule(trx, c.employeeId);
      await shared.noteRescheduled(trx, actor, changed, c.id);
      await trx
        .updateTable('disciplineAppeals')
        .set({
          status: 'DIPUTUS',
          outcome: body.outcome,
          newSanctionCode: body.newSanctionCode ?? null,
          decidedOn: body.decidedOn,
          decisionNumber: body.decisionNumber,
          decisionNote: body.note,
          decidedBy: actor.userId,
        })
        .where('id', '=', a.id)
        .execute();
      if (next === 'DIHENTIKAN')
        await trx
          .updateTable('disciplineCases')
          .set({ endedReason: `DIBATALKAN_UPAYA_ADMINISTRATIF: ${body.decisionNumber}` })
          .where('id', '=', c.id)
          .execute();
      await ctx.addEvent(trx, actor, c, {
        action: 'decideAppeal',
        from: c.state,
        to: next,
        data: {
          appealId: a.id,
          outcome: body.outcome,
          newSanctionCode: body.newSanctionCode ?? null,
          decidedOn: body.decidedOn,
          decisionNumber: body.decisionNumber,
        },
        reason: body.note,
      });
      await ctx.setState(
        trx,
        c,
        next,
        next === 'DIHENTIKAN' ? null : { step: message, due: null, holder: { employeeIds: [], roles: [] } },
      );
      const after = await trx
        .selectFrom('disciplineSanctions')
        .select([
          'sanctionCode',
          'appliedCode',
          'status',
          'effectiveOn',
          'startsOn',
          'endsOn',
          'annulledOn',
          'blocksKgb',
          'blocksPromotion',
        ])
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow();
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'discipline.appeal_decided',
        entityType: 'discipline_case',
        entityId: c.id,
        unitId: c.unitId,
        before,
        after: {
          ...after,
          caseState: next,
          appealId: a.id,
          outcome: body.outcome,
          decidedOn: body.decidedOn,
          decisionNumber: body.decisionNumber,
        },
      });
      await ctx.notifications.notify(trx, {
        employeeIds: [c.employeeId],
        kind: 'discipline_appeal_decided',
        title: `Putusan ${APPEAL_KIND_LABELS[a.kind as 'KEBERATAN' | 'BANDING'].toLowerCase()} kasus ${c.caseNumber}`,
        body: `${message} Nomor ${body.decisionNumber} tanggal ${formatDdMmYyyy(body.decidedOn)}.`,
        link: `/disiplin/kasus/${c.id}`,
        entity: { type: 'discipline_case', id: c.id },
        subjectEmployeeId: c.employeeId,
        exceptUserIds: [actor.userId],
      });
      return {
        caseId: c.id,
        state: next,
        stateLabel: CASE_STATE_LABELS[next],
        sanction: await shared.viewOf(s.id, today, trx),
      };
    });
  }

  return { file, decide };
}
