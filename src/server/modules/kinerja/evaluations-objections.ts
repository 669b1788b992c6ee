import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import type { Actor } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { determinePredikat } from '../../../core/performance/predikat.ts';
import {
  BERAKHLAK,
  BERAKHLAK_LABELS,
  PREDIKAT_LABELS,
  type Predikat,
  type Rating,
} from '../../../core/performance/performance-rules.ts';
import type {
  ObjectionDecideInput,
  PeerFeedbackInput,
  PeerFeedbackSummary,
  PeerRelation,
  PeerRequests,
} from '../../../shared/api/kinerja-evaluations.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { evaluationLink, type EvaluationCommon } from './evaluations-common.ts';
import { evaluationView, nameOf, type EvaluationRow } from './evaluations-repo.ts';

/**
 * Peer and subordinate behaviour feedback (Penilaian Rekan Kerja / Bawahan) and the objection (keberatan) to a
 * predikat with its decision by the atasan pejabat penilai. Source: PermenPANRB 6/2022; BKN e-Kinerja;
 * regulations.md §6.3, §6.4.
 */
export function createEvaluationObjections(ctx: KinerjaContext, c: EvaluationCommon) {
  const { db, relations, audit, notifications, clock } = ctx;
  const { repo } = c;

  /**
   * How the author relates to the employee on the date: REKAN when both have the same direct superior (of record,
   * or the same superior post), BAWAHAN when the author is a direct subordinate; null otherwise.
   */
  async function relationOf(
    authorId: string,
    employeeId: string,
    date: string,
    exec: Exec = db,
  ): Promise<PeerRelation | null> {
    if (authorId === employeeId) return null;
    try {
      const subs = await relations.subordinatesOn(employeeId, date, exec);
      if (subs.some((s) => s.employeeId === authorId)) return 'BAWAHAN';
      const [a, e] = await Promise.all([
        relations.superiorOn(authorId, date, exec),
        relations.superiorOn(employeeId, date, exec),
      ]);
      if (!a || !e) return null;
      if (a.definitiveId && a.definitiveId === e.definitiveId) return 'REKAN';
      if (a.positionId && a.positionId === e.positionId) return 'REKAN';
      return null;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) return null;
      throw err;
    }
  }

  /** Peer feedback summarised: counts per rating per value; the authors' names hidden from the employee. */
  async function peerSummary(actor: Actor, row: EvaluationRow): Promise<PeerFeedbackSummary> {
    const rules = await ctx.rulesOn(row.periodEnd);
    const rows = await repo.peerFeedback(db, row.id);
    const isEmployee = actor.employeeId === row.employeeId;
    const perValue = BERAKHLAK.map((value) => {
      const counts = { DI_ATAS_EKSPEKTASI: 0, SESUAI_EKSPEKTASI: 0, DI_BAWAH_EKSPEKTASI: 0 };
      for (const r of rows) {
        const v = r.ratings[value] as Rating | undefined;
        if (v && v in counts) counts[v]++;
      }
      return { value, label: BERAKHLAK_LABELS[value], counts };
    });
    const givenByMe = !!actor.employeeId && rows.some((r) => r.authorId === actor.employeeId);
    const myRelation =
      actor.employeeId && rules.evaluation.peerFeedback
        ? await relationOf(actor.employeeId, row.employeeId, await c.relationDate(row))
        : null;
    return {
      enabled: rules.evaluation.peerFeedback,
      count: rows.length,
      byRelation: {
        REKAN: rows.filter((r) => r.relation === 'REKAN').length,
        BAWAHAN: rows.filter((r) => r.relation === 'BAWAHAN').length,
      },
      perValue,
      notes: rows
        .filter((r) => r.note)
        .map((r) => ({
          relation: r.relation as PeerRelation,
          note: r.note!,
          authorName: isEmployee ? null : r.authorName,
        })),
      givenByMe,
      canGive: rules.evaluation.peerFeedback && row.status === 'DRAFT' && !givenByMe && myRelation !== null,
      myRelation,
    };
  }

  /**
   * POST /:id/peer-feedback: a peer (same direct superior on the date) or a direct subordinate rates the seven
   * BerAKHLAK values, once (409 on repeat), while the evaluation is a draft and the rulebook allows it.
   * @throws FORBIDDEN (the employee, unrelated people), CONFLICT
   */
  async function givePeerFeedback(actor: Actor, id: string, input: PeerFeedbackInput) {
    const row0 = await repo.byId(db, id);
    if (!row0) throw notFound('Penilaian kinerja');
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat memberi umpan balik perilaku');
    if (actor.employeeId === row0.employeeId)
      throw forbidden('Anda tidak dapat memberi umpan balik perilaku untuk diri sendiri');
    await db.transaction().execute(async (trx) => {
      const row = (await repo.lock(trx, id))!;
      const relation = await relationOf(
        actor.employeeId!,
        row.employeeId,
        await c.relationDate(row, trx),
        trx,
      );
      // Who may give feedback first (403 for anyone unrelated), then whether the rulebook uses it (409).
      if (!relation)
        throw forbidden(
          'Umpan balik perilaku hanya dari rekan kerja (atasan langsung sama) atau bawahan langsung',
        );
      const rules = await ctx.rulesOn(row.periodEnd, trx);
      if (!rules.evaluation.peerFeedback)
        throw new AppError('CONFLICT', 'Umpan balik rekan kerja/bawahan tidak digunakan menurut buku aturan');
      if (row.status !== 'DRAFT')
        throw new AppError('CONFLICT', 'Penilaian ini sudah final; umpan balik tidak dapat ditambahkan');
      const exists = await trx
        .selectFrom('evaluationPeerFeedback')
        .select('id')
        .where('evaluationId', '=', id)
        .where('authorId', '=', actor.employeeId!)
        .executeTakeFirst();
      if (exists) throw new AppError('CONFLICT', 'Anda sudah memberi umpan balik untuk penilaian ini');
      const ins = await trx
        .insertInto('evaluationPeerFeedback')
        .values({
          evaluationId: id,
          authorId: actor.employeeId!,
          relation,
          ratings: JSON.stringify(input.ratings),
          note: input.note || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.peer_feedback_given',
        entityType: 'evaluation',
        entityId: id,
        unitId: row.unitId,
        before: null,
        after: { feedbackId: ins.id, relation },
      });
    });
  }

  /**
   * GET /peer: the drafts waiting for the caller's behaviour feedback. Candidates from the caller's today: the
   * direct superior (and a Plt/Plh acting in the post) with their other subordinates; each draft is kept when the
   * rulebook at its period end uses peer feedback, the caller has not given it yet, and `relationOf` holds on its
   * relation date. Reads only. Source: PermenPANRB 6/2022; regulations.md §6.3.
   */
  async function peerRequests(actor: Actor): Promise<PeerRequests> {
    const me = actor.employeeId;
    if (!me) return { items: [], count: 0 };
    const today = await relations.todayOf(me).catch(() => null);
    const sup = today ? await relations.superiorOn(me, today).catch(() => null) : null;
    // The superior of record and, when a Plt/Plh fills the post, the acting official (whose staff they are today).
    const above = [...new Set([sup?.definitiveId, sup?.official?.employeeId])].filter(
      (x): x is string => !!x && x !== me,
    );
    if (!today || above.length === 0) return { items: [], count: 0 };
    const peers: string[] = [];
    for (const s of above)
      peers.push(...(await relations.subordinatesOn(s, today).catch(() => [])).map((x) => x.employeeId));
    const candidates = [...new Set([...above, ...peers])].filter((x) => x !== me);
    const rows = await evaluationView(db)
      .where('ev.status', '=', 'DRAFT')
      .where('ev.employeeId', 'in', candidates)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('evaluationPeerFeedback as pf')
              .select('pf.id')
              .whereRef('pf.evaluationId', '=', 'ev.id')
              .where('pf.authorId', '=', me),
          ),
        ),
      )
      .orderBy('ev.periodEnd')
      .orderBy('e.name')
      .limit(200)
      .execute();
    const items: PeerRequests['items'] = [];
    for (const r of rows) {
      if (!(await ctx.rulesOn(r.periodEnd)).evaluation.peerFeedback) continue;
      const employeeName = nameOf({ name: r.empName, frontTitle: r.empFront, backTitle: r.empBack });
      const row: EvaluationRow = { ...r, employeeName, penilaiFullName: null };
      const relation = await relationOf(me, r.employeeId, await c.relationDate(row));
      if (!relation) continue;
      items.push({
        evaluationId: r.id,
        employeeId: r.employeeId,
        employeeName,
        label: r.label,
        relation,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
      });
    }
    return { items, count: items.length };
  }

  /**
   * POST /:id/objection: the employee objects to the predikat within the rulebook's window after approval
   * (calendar days, employee's local date); one per evaluation. The atasan pejabat penilai is notified.
   * @throws FORBIDDEN (not the employee), CONFLICT (not approved, already objected, nobody to decide),
   *   VALIDATION (after the window, with the deadline dd/MM/yyyy)
   */
  async function fileObjection(actor: Actor, id: string, input: { reason: string }) {
    const row0 = await repo.byId(db, id);
    if (!row0) throw notFound('Penilaian kinerja');
    if (actor.employeeId !== row0.employeeId)
      throw forbidden('Hanya pegawai yang dinilai yang dapat mengajukan keberatan');
    const atasan = await c.atasanOf(row0);
    await db.transaction().execute(async (trx) => {
      const row = (await repo.lock(trx, id))!;
      if (row.status !== 'APPROVED')
        throw new AppError('CONFLICT', 'Keberatan hanya dapat diajukan atas penilaian yang sudah disetujui');
      if (await repo.objectionOf(trx, id))
        throw new AppError('CONFLICT', 'Keberatan atas penilaian ini sudah pernah diajukan');
      const w = (await c.windowOf(row, trx))!;
      if (!w.open)
        throw fieldError(
          'reason',
          `Batas waktu pengajuan keberatan sudah lewat (paling lambat ${formatDdMmYyyy(w.deadline)})`,
        );
      const deciders = atasan?.deciderIds ?? (row.atasanPenilaiId ? [row.atasanPenilaiId] : []);
      if (deciders.length === 0)
        throw new AppError(
          'CONFLICT',
          'Tidak ada atasan pejabat penilai di Abdi yang dapat memutus keberatan ini; ajukan secara tertulis',
        );
      const ins = await trx
        .insertInto('evaluationObjections')
        .values({
          evaluationId: id,
          filedBy: actor.employeeId!,
          reason: input.reason,
          filedAt: clock.now(),
          predikatBefore: row.predikat!,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.objection_filed',
        entityType: 'evaluation_objection',
        entityId: ins.id,
        unitId: row.unitId,
        before: null,
        after: { evaluationId: id, status: 'DIAJUKAN', predikatBefore: row.predikat, reason: input.reason },
      });
      await notifications.notify(trx, {
        employeeIds: deciders,
        exceptEmployeeIds: [row.employeeId],
        kind: 'kinerja_objection.waiting',
        title: 'Keberatan atas predikat kinerja',
        body: `${row.employeeName} mengajukan keberatan atas predikat ${PREDIKAT_LABELS[row.predikat as Predikat]} (${row.label})`,
        link: evaluationLink(id),
        entity: { type: 'evaluation_objection', id: ins.id },
        subjectEmployeeId: row.employeeId,
      });
    });
  }

  /**
   * POST /api/kinerja/objections/:id/decide: the atasan pejabat penilai (or Plt/Plh) upholds the objection
   * (DITERIMA, with new ratings: the predikat recomputed from the rulebook's matrix at the period end) or rejects
   * it (DITOLAK); audited with the outcome, the employee notified. @throws FORBIDDEN, CONFLICT (decided)
   */
  async function decideObjection(actor: Actor, objectionId: string, input: ObjectionDecideInput) {
    const o0 = await repo.objectionById(db, objectionId);
    if (!o0) throw notFound('Keberatan');
    const evaluationId = o0.evaluationId;
    await db.transaction().execute(async (trx) => {
      const row = (await repo.lock(trx, evaluationId))!;
      const acting = await c.requireAtasan(actor, row, trx);
      const o = (await trx
        .selectFrom('evaluationObjections')
        .selectAll()
        .where('id', '=', objectionId)
        .forUpdate()
        .executeTakeFirst())!;
      if (o.status !== 'DIAJUKAN') throw new AppError('CONFLICT', 'Keberatan ini sudah diputus');
      const rules = await ctx.rulesOn(row.periodEnd, trx);
      const before = {
        hasilKerjaRating: row.hasilKerjaRating,
        perilakuRating: row.perilakuRating,
        predikat: row.predikat,
      };
      let after = before;
      if (input.decision === 'DITERIMA' && (input.hasilKerjaRating || input.perilakuRating)) {
        const h = (input.hasilKerjaRating ?? row.hasilKerjaRating) as Rating;
        const p = (input.perilakuRating ?? row.perilakuRating) as Rating;
        after = { hasilKerjaRating: h, perilakuRating: p, predikat: determinePredikat(h, p, rules).predikat };
        await trx
          .updateTable('evaluations')
          .set({ ...after, updatedAt: clock.now() })
          .where('id', '=', evaluationId)
          .execute();
      }
      await trx
        .updateTable('evaluationObjections')
        .set({
          status: input.decision,
          decidedBy: actor.employeeId,
          decidedAs: acting.as,
          decidedAt: clock.now(),
          decisionNote: input.note,
          predikatAfter: after.predikat,
        })
        .where('id', '=', objectionId)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.objection_decided',
        entityType: 'evaluation_objection',
        entityId: objectionId,
        unitId: row.unitId,
        before: { status: 'DIAJUKAN', ...before },
        after: { status: input.decision, ...after, note: input.note, decidedAs: acting.as },
      });
      const outcome =
        input.decision === 'DITERIMA'
          ? `diterima; predikat ${PREDIKAT_LABELS[after.predikat as Predikat]}`
          : `ditolak; predikat tetap ${PREDIKAT_LABELS[after.predikat as Predikat]}`;
      await notifications.notify(trx, {
        employeeIds: [row.employeeId],
        kind: 'kinerja_objection.decided',
        title: 'Keberatan atas predikat diputus',
        body: `Keberatan Anda atas penilaian ${row.label} ${outcome}`,
        link: evaluationLink(evaluationId),
        entity: { type: 'evaluation_objection', id: objectionId },
        subjectEmployeeId: row.employeeId,
      });
    });
    return evaluationId;
  }

  return { relationOf, peerSummary, peerRequests, givePeerFeedback, fileObjection, decideObjection };
}
export type EvaluationObjections = ReturnType<typeof createEvaluationObjections>;
