import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, type Actor, type UnitScope } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { determinePredikat } from '../../../core/performance/predikat.ts';
import {
  BERAKHLAK_LABELS,
  ORG_PERFORMANCE_LABELS,
  PREDIKAT_LABELS,
  type BerakhlakValue,
  type OrgPerformance,
  type Predikat,
  type Rating,
} from '../../../core/performance/performance-rules.ts';
import {
  capaianOf,
  curveKindFor,
  periodsOfSkp,
  type EvaluationKind,
} from '../../../core/performance/evaluation.ts';
import type {
  CurveQuery,
  EvaluationCreateInput,
  EvaluationDetail,
  EvaluationInbox,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationPeriods,
  EvaluationSummary,
  EvaluationUpdateInput,
  UnitPerformance,
  UnitPerformanceInput,
  UnitPerformancePage,
} from '../../../shared/api/kinerja-evaluations.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { createEvaluationCommon, evaluationLink } from './evaluations-common.ts';
import { createEvaluationObjections } from './evaluations-objections.ts';
import { renderEvaluationDocument } from './evaluations-document.ts';
import type { EvaluationRow } from './evaluations-repo.ts';

type Realisation = { indicatorId: string; realisasi: number | null; note: string | null };

/**
 * e-Kinerja, section evaluations (issue 15 point 5): the periods of an SKP, the periodic and annual evaluation by
 * the pejabat penilai (realisation, ratings, predikat from the rulebook's matrix), approval by the atasan pejabat
 * penilai, peer feedback, the unit's organisational performance and the distribution curve as a soft check, the
 * objection, the inbox, the list and the evaluation document. Source: PermenPANRB 6/2022; regulations.md §6.
 */
export function createEvaluationSection(ctx: KinerjaContext) {
  const { db, audit, notifications, clock, documents } = ctx;
  const c = createEvaluationCommon(ctx);
  const { repo } = c;
  const ob = createEvaluationObjections(ctx, c);

  const readScope = (actor: Actor): UnitScope => {
    const a = scopeOf(actor, 'kinerja.read');
    const b = scopeOf(actor, 'kinerja.manage');
    if (a === 'all' || b === 'all') return 'all';
    return [...a, ...b];
  };

  const summary = (r: EvaluationRow): EvaluationSummary => ({
    id: r.id,
    skpId: r.skpId,
    employeeId: r.employeeId,
    employeeName: r.employeeName,
    nip: r.nip,
    unitId: r.unitId,
    unitName: r.unitName,
    kind: r.kind as EvaluationKind,
    label: r.label,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    status: r.status as EvaluationSummary['status'],
    hasilKerjaRating: r.hasilKerjaRating as Rating | null,
    perilakuRating: r.perilakuRating as Rating | null,
    predikat: r.predikat as Predikat | null,
    predikatLabel: r.predikat ? PREDIKAT_LABELS[r.predikat as Predikat] : null,
    penilaiName: r.penilaiFullName,
    finalisedAt: r.finalisedAt ? r.finalisedAt.toISOString() : null,
    approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
    objectionStatus: (r.objectionStatus ?? null) as EvaluationSummary['objectionStatus'],
    updatedAt: r.updatedAt.toISOString(),
  });

  /** The whole evaluation as the caller sees it (with what they may do). */
  async function present(actor: Actor, row: EvaluationRow): Promise<EvaluationDetail> {
    const rules = await ctx.rulesOn(row.periodEnd);
    const [rhk, reports, feedback, evidence, peer, objection, window] = await Promise.all([
      repo.rhkOf(db, row.skpId),
      repo.acceptedReports(db, row.skpId, row.periodStart, row.periodEnd),
      repo.feedback(db, row.skpId, row.periodStart, row.periodEnd, row.timeZone),
      repo.evidence(db, row.skpId, row.periodStart, row.periodEnd),
      ob.peerSummary(actor, row),
      c.objectionInfo(row),
      c.windowOf(row),
    ]);
    const real = new Map(row.realisation.map((x) => [x.indicatorId, x]));
    const isPenilai = row.status === 'DRAFT' && (await c.passes(() => c.requirePenilai(actor, row)));
    const isAtasan =
      (row.status === 'FINAL' || objection?.status === 'DIAJUKAN') &&
      (await c.passes(() => c.requireAtasan(actor, row)));
    const atasan = await c.atasanOf(row).catch(() => null);
    const penilaiNow = await ctx.penilaiOn(row.employeeId, row.periodEnd).catch(() => null);
    const penilaiId = row.penilaiId ?? penilaiNow?.slot.definitiveId ?? penilaiNow?.slot.official?.employeeId;
    const atasanId = row.atasanPenilaiId ?? atasan?.slot.definitiveId ?? atasan?.slot.official?.employeeId;
    const penilaiPerson = penilaiId ? await repo.person(db, penilaiId) : null;
    const atasanPerson = atasanId ? await repo.person(db, atasanId) : null;
    const snapshot = row.curveCheck as EvaluationDetail['curveCheck'] | null;
    const h = row.hasilKerjaRating as Rating | null;
    const p = row.perilakuRating as Rating | null;
    return {
      ...summary(row),
      positionName: row.positionName,
      skpPeriodStart: row.skpStart,
      skpPeriodEnd: row.skpEnd,
      // Acting as Plt/Plh: signed for the post acted in (the assessor's post), not the actor's own position.
      penilai: penilaiPerson
        ? {
            ...penilaiPerson,
            positionName: (row.penilaiAs && penilaiNow?.slot.positionName) || penilaiPerson.positionName,
            as: (row.penilaiAs as 'PLT' | 'PLH' | null) ?? null,
          }
        : null,
      atasanPenilai: atasanPerson
        ? {
            ...atasanPerson,
            positionName: (row.atasanAs && atasan?.slot.positionName) || atasanPerson.positionName,
            as: (row.atasanAs as 'PLT' | 'PLH' | null) ?? null,
          }
        : null,
      hasAtasanPenilai: !!atasanId,
      approvedWithoutAtasan: row.status === 'APPROVED' && !row.atasanPenilaiId,
      rhk: rhk.map((r) => {
        const rep = reports.get(r.id);
        return {
          id: r.id,
          kind: r.kind,
          seq: r.seq,
          text: r.text,
          reportsAccepted: rep?.count ?? 0,
          minutesAccepted: rep?.minutes ?? 0,
          indicators: r.indicators.map((i) => {
            const x = real.get(i.id);
            const value = x?.realisasi ?? null;
            const cap = value === null ? null : capaianOf(i, value);
            return {
              id: i.id,
              seq: i.seq,
              text: i.text,
              aspect: i.aspect,
              targetMin: i.targetMin,
              targetMax: i.targetMax,
              satuan: i.satuan,
              realisation: value,
              realisationNote: x?.note ?? null,
              suggested: i.aspect === 'KUANTITAS' ? (rep?.quantity ?? 0) : null,
              capaianPercent: cap?.percent ?? null,
              capaianNote: cap?.note ?? null,
            };
          }),
        };
      }),
      perilakuNotes: row.perilakuNotes.map((n) => ({
        value: n.value as BerakhlakValue,
        label: BERAKHLAK_LABELS[n.value as BerakhlakValue] ?? n.value,
        note: n.note,
      })),
      note: row.ratingNote,
      returnNote: row.returnNote,
      predikatPreview: h && p ? determinePredikat(h, p, rules).predikat : null,
      feedback,
      evidence,
      peerFeedback: peer,
      curveCheck: snapshot ?? (await c.curveOfEvaluation(row)),
      curveCheckIsSnapshot: !!snapshot,
      objection,
      objectionWindow: window,
      can: {
        edit: isPenilai,
        finalise: isPenilai,
        approve: row.status === 'FINAL' && isAtasan,
        return: row.status === 'FINAL' && isAtasan,
        fileObjection:
          actor.employeeId === row.employeeId && !objection && !!window?.open && row.status === 'APPROVED',
        decideObjection: objection?.status === 'DIAJUKAN' && isAtasan,
        givePeerFeedback: peer.canGive,
        pdf: true,
      },
    };
  }

  /** GET /api/kinerja/evaluations/:id. */
  async function detail(actor: Actor, id: string): Promise<EvaluationDetail> {
    return present(actor, await c.load(actor, id));
  }

  /**
   * For notifications (ids of evaluations and of objections): resolves when the actor may read the evaluation.
   * @throws NOT_FOUND, FORBIDDEN
   */
  async function get(actor: Actor, id: string): Promise<unknown> {
    const row = await repo.byId(db, id);
    if (row) return c.load(actor, id);
    const o = await repo.objectionById(db, id);
    if (!o) throw notFound('Penilaian kinerja');
    return c.load(actor, o.evaluationId);
  }

  /** GET /periods?skpId=: the SKP's periods (rulebook frequency, clipped) and the annual one, with their evaluations. */
  async function periods(actor: Actor, skpId: string): Promise<EvaluationPeriods> {
    const skp = await repo.skp(db, skpId);
    if (!skp) throw notFound('SKP');
    const today = await c.todayOf(skp.employeeId);
    if (
      !(await ctx.canRead(actor, skp.employeeId, skp.periodEnd, skp.unitPath)) &&
      !(await ctx.canRead(actor, skp.employeeId, today, skp.unitPath))
    )
      throw forbidden('Anda tidak berwenang melihat SKP pegawai ini');
    const rules = await ctx.rulesOn(skp.periodEnd);
    const existing = await repo.ofSkp(db, skpId);
    const frequency = rules.evaluation.periodicFrequency;
    const items = [];
    for (const p of periodsOfSkp(skp.periodStart, skp.periodEnd, frequency)) {
      const e = existing.find((x) => x.kind === p.kind && x.periodStart === p.start);
      const canCreate =
        !e &&
        skp.status === 'APPROVED' &&
        (await c.passes(() => c.requirePenilai(actor, { employeeId: skp.employeeId, periodEnd: p.end })));
      items.push({
        kind: p.kind,
        label: p.label,
        periodStart: p.start,
        periodEnd: p.end,
        evaluation: e
          ? { id: e.id, status: e.status as 'DRAFT', predikat: e.predikat as Predikat | null }
          : null,
        canCreate,
      });
    }
    return { skpId, employeeId: skp.employeeId, skpStatus: skp.status, frequency, items };
  }

  /**
   * POST /api/kinerja/evaluations: the pejabat penilai (or Plt/Plh, on the period end or today) starts the
   * evaluation of an approved SKP for one of its periods. @throws 400 (not a period), 403, 409 (exists, SKP not
   * approved)
   */
  async function create(actor: Actor, input: EvaluationCreateInput): Promise<EvaluationDetail> {
    const skp = await repo.skp(db, input.skpId);
    if (!skp) throw notFound('SKP');
    const rules = await ctx.rulesOn(skp.periodEnd);
    const period = periodsOfSkp(skp.periodStart, skp.periodEnd, rules.evaluation.periodicFrequency).find(
      (p) => p.kind === input.kind && p.start === input.periodStart,
    );
    const id = await db.transaction().execute(async (trx) => {
      const acting = await c.requirePenilai(
        actor,
        { employeeId: skp.employeeId, periodEnd: period?.end ?? skp.periodEnd },
        trx,
      );
      if (!period)
        throw fieldError(
          'periodStart',
          input.kind === 'TAHUNAN'
            ? 'Penilaian tahunan dimulai pada awal periode SKP'
            : 'Tanggal awal bukan awal salah satu periode penilaian SKP ini',
        );
      const s = await trx
        .selectFrom('skp')
        .select('status')
        .where('id', '=', skp.id)
        .forUpdate()
        .executeTakeFirst();
      if (s?.status !== 'APPROVED')
        throw new AppError('CONFLICT', 'SKP belum disetujui; penilaian hanya untuk SKP yang sudah disetujui');
      const exists = await trx
        .selectFrom('evaluations')
        .select('id')
        .where('skpId', '=', skp.id)
        .where('kind', '=', input.kind)
        .where('periodStart', '=', period.start)
        .executeTakeFirst();
      if (exists) throw new AppError('CONFLICT', `Penilaian ${period.label} sudah ada`, { id: exists.id });
      const ins = await trx
        .insertInto('evaluations')
        .values({
          skpId: skp.id,
          employeeId: skp.employeeId,
          unitId: skp.unitId,
          kind: input.kind,
          periodStart: period.start,
          periodEnd: period.end,
          label: period.label,
          penilaiId: actor.employeeId,
          penilaiAs: acting.as,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.created',
        entityType: 'evaluation',
        entityId: ins.id,
        unitId: skp.unitId,
        before: null,
        after: { skpId: skp.id, kind: input.kind, periodStart: period.start, periodEnd: period.end },
      });
      return ins.id;
    });
    return detail(actor, id);
  }

  /** The evaluation locked for the penilai's change: DRAFT only. */
  async function lockDraft(actor: Actor, trx: Exec, id: string) {
    const row = await repo.lock(trx, id);
    if (!row) throw notFound('Penilaian kinerja');
    const acting = await c.requirePenilai(actor, row, trx);
    if (row.status !== 'DRAFT')
      throw new AppError(
        'CONFLICT',
        row.status === 'FINAL'
          ? 'Penilaian ini sudah final dan menunggu persetujuan atasan pejabat penilai'
          : 'Penilaian ini sudah disetujui',
      );
    return { row, acting };
  }

  /**
   * PUT /api/kinerja/evaluations/:id: the penilai fills the draft (realisation per indicator of this SKP,
   * ratings, perilaku notes per BerAKHLAK value, note). @throws 400 (an indicator not of this SKP), 403, 409
   */
  async function update(actor: Actor, id: string, input: EvaluationUpdateInput): Promise<EvaluationDetail> {
    await db.transaction().execute(async (trx) => {
      const { row } = await lockDraft(actor, trx, id);
      const before = {
        realisation: row.realisation,
        hasilKerjaRating: row.hasilKerjaRating,
        perilakuRating: row.perilakuRating,
        perilakuNotes: row.perilakuNotes,
        ratingNote: row.ratingNote,
      };
      const after: Record<string, unknown> = {};
      if (input.realisation) {
        const ids = new Set((await repo.rhkOf(trx, row.skpId)).flatMap((r) => r.indicators.map((i) => i.id)));
        input.realisation.forEach((x, i) => {
          if (!ids.has(x.indicatorId))
            throw fieldError(
              `realisation.${i}.indicatorId`,
              'Indikator ini bukan indikator SKP yang dinilai',
            );
        });
        const map = new Map<string, Realisation>(row.realisation.map((x) => [x.indicatorId, x]));
        for (const x of input.realisation)
          map.set(x.indicatorId, { indicatorId: x.indicatorId, realisasi: x.value, note: x.note || null });
        after.realisation = [...map.values()];
      }
      if (input.hasilKerjaRating !== undefined) after.hasilKerjaRating = input.hasilKerjaRating;
      if (input.perilakuRating !== undefined) after.perilakuRating = input.perilakuRating;
      if (input.perilakuNotes)
        after.perilakuNotes = [
          ...new Map(input.perilakuNotes.filter((n) => n.note).map((n) => [n.value, n])).values(),
        ];
      if (input.note !== undefined) after.ratingNote = input.note || null;
      const set = Object.fromEntries(
        Object.entries(after).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v]),
      );
      if (Object.keys(set).length === 0) return;
      await trx
        .updateTable('evaluations')
        .set({ ...set, updatedAt: clock.now() })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.updated',
        entityType: 'evaluation',
        entityId: id,
        unitId: row.unitId,
        before: Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof typeof before]])),
        after,
      });
    });
    return detail(actor, id);
  }

  /**
   * POST /:id/finalise: both ratings required; the predikat from the rulebook's matrix in force at the period
   * end; the curve check (never blocking) stored; FINAL and the atasan pejabat penilai notified — or APPROVED at
   * once when Abdi has no atasan pejabat penilai for the employee.
   */
  async function finalise(actor: Actor, id: string) {
    const result = await db.transaction().execute(async (trx) => {
      const { row, acting } = await lockDraft(actor, trx, id);
      const missing = [
        !row.hasilKerjaRating && 'hasil kerja',
        !row.perilakuRating && 'perilaku kerja',
      ].filter(Boolean);
      if (missing.length)
        throw fieldError(
          row.hasilKerjaRating ? 'perilakuRating' : 'hasilKerjaRating',
          `Penilaian ${missing.join(' dan ')} wajib diisi sebelum difinalkan`,
        );
      const rules = await ctx.rulesOn(row.periodEnd, trx);
      const predikat = determinePredikat(row.hasilKerjaRating as Rating, row.perilakuRating as Rating, rules);
      const atasan = await c.atasanOf(row, trx);
      const now = clock.now();
      const approvedAtOnce = !atasan;
      await trx
        .updateTable('evaluations')
        .set({
          status: approvedAtOnce ? 'APPROVED' : 'FINAL',
          predikat: predikat.predikat,
          penilaiId: actor.employeeId,
          penilaiAs: acting.as,
          atasanPenilaiId: null,
          atasanAs: null,
          returnNote: null,
          finalisedAt: now,
          approvedAt: approvedAtOnce ? now : null,
          updatedAt: now,
        })
        .where('id', '=', id)
        .execute();
      const curve = await c.curveOfEvaluation({ ...row, status: 'FINAL', predikat: predikat.predikat }, trx);
      await trx
        .updateTable('evaluations')
        .set({ curveCheck: JSON.stringify(curve), orgPerformance: curve.orgPerformance })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.finalised',
        entityType: 'evaluation',
        entityId: id,
        unitId: row.unitId,
        before: { status: 'DRAFT' },
        after: {
          status: approvedAtOnce ? 'APPROVED' : 'FINAL',
          hasilKerjaRating: row.hasilKerjaRating,
          perilakuRating: row.perilakuRating,
          predikat: predikat.predikat,
          penilaiAs: acting.as,
          approvedWithoutAtasan: approvedAtOnce,
          curveWarnings: curve.warnings,
        },
      });
      if (atasan)
        await notifications.notify(trx, {
          employeeIds: atasan.deciderIds,
          exceptEmployeeIds: [row.employeeId],
          kind: 'kinerja_evaluation.waiting',
          title: 'Penilaian kinerja menunggu persetujuan',
          body: `Penilaian ${row.label} ${row.employeeName}: predikat ${predikat.label}`,
          link: evaluationLink(id),
          entity: { type: 'evaluation', id },
          subjectEmployeeId: row.employeeId,
          once: false,
        });
      else
        await notifications.notify(trx, {
          employeeIds: [row.employeeId],
          kind: 'kinerja_evaluation.decided',
          title: 'Penilaian kinerja ditetapkan',
          body: `Penilaian ${row.label}: predikat ${predikat.label}`,
          link: evaluationLink(id),
          entity: { type: 'evaluation', id },
          subjectEmployeeId: row.employeeId,
          once: false,
        });
      return curve;
    });
    return { evaluation: await detail(actor, id), curveCheck: result };
  }

  /** The evaluation locked for the atasan penilai's decision: FINAL only (409 otherwise). */
  async function lockFinal(actor: Actor, trx: Exec, id: string) {
    const row = await repo.lock(trx, id);
    if (!row) throw notFound('Penilaian kinerja');
    const acting = await c.requireAtasan(actor, row, trx);
    if (row.status !== 'FINAL')
      throw new AppError(
        'CONFLICT',
        row.status === 'DRAFT'
          ? 'Penilaian ini belum difinalkan pejabat penilai'
          : 'Penilaian ini sudah disetujui',
      );
    return { row, acting };
  }

  /** POST /:id/approve: the atasan pejabat penilai (or Plt/Plh) approves; the employee is told the predikat. */
  async function approve(actor: Actor, id: string): Promise<EvaluationDetail> {
    await db.transaction().execute(async (trx) => {
      const { row, acting } = await lockFinal(actor, trx, id);
      const now = clock.now();
      await trx
        .updateTable('evaluations')
        .set({
          status: 'APPROVED',
          atasanPenilaiId: actor.employeeId,
          atasanAs: acting.as,
          approvedAt: now,
          updatedAt: now,
        })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.approved',
        entityType: 'evaluation',
        entityId: id,
        unitId: row.unitId,
        before: { status: 'FINAL' },
        after: { status: 'APPROVED', predikat: row.predikat, atasanAs: acting.as },
      });
      await notifications.notify(trx, {
        employeeIds: [row.employeeId],
        kind: 'kinerja_evaluation.decided',
        title: 'Penilaian kinerja disetujui',
        body: `Penilaian ${row.label}: predikat ${PREDIKAT_LABELS[row.predikat as Predikat]}`,
        link: evaluationLink(id),
        entity: { type: 'evaluation', id },
        subjectEmployeeId: row.employeeId,
        once: false,
      });
    });
    return detail(actor, id);
  }

  /** POST /:id/return {note}: back to DRAFT with the note; the penilai is notified. */
  async function returnToPenilai(
    actor: Actor,
    id: string,
    input: { note: string },
  ): Promise<EvaluationDetail> {
    await db.transaction().execute(async (trx) => {
      const { row, acting } = await lockFinal(actor, trx, id);
      await trx
        .updateTable('evaluations')
        .set({
          status: 'DRAFT',
          returnNote: input.note,
          predikat: null,
          curveCheck: null,
          updatedAt: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'evaluation.returned',
        entityType: 'evaluation',
        entityId: id,
        unitId: row.unitId,
        before: { status: 'FINAL', predikat: row.predikat },
        after: { status: 'DRAFT', note: input.note, atasanAs: acting.as },
      });
      const penilai = await ctx.penilaiOn(row.employeeId, row.periodEnd, trx).catch(() => null);
      await notifications.notify(trx, {
        employeeIds: [
          ...new Set([...(row.penilaiId ? [row.penilaiId] : []), ...(penilai?.deciderIds ?? [])]),
        ],
        exceptEmployeeIds: [row.employeeId],
        kind: 'kinerja_evaluation.returned',
        title: 'Penilaian kinerja dikembalikan',
        body: `Penilaian ${row.label} ${row.employeeName} dikembalikan: ${input.note}`,
        link: evaluationLink(id),
        entity: { type: 'evaluation', id },
        subjectEmployeeId: row.employeeId,
        once: false,
      });
    });
    return detail(actor, id);
  }

  /** POST /:id/peer-feedback. */
  async function peerFeedback(actor: Actor, id: string, input: Parameters<typeof ob.givePeerFeedback>[2]) {
    await ob.givePeerFeedback(actor, id, input);
    const row = (await repo.byId(db, id))!;
    // The author may not read the whole evaluation: they get their own view of it only when they may.
    return (await c.mayRead(actor, row)) ? present(actor, row) : present(actor, row).then((d) => redact(d));
  }

  /** What a peer who gave feedback sees: identity and period, the summary of the feedback, not the ratings. */
  function redact(d: EvaluationDetail): EvaluationDetail {
    return {
      ...d,
      rhk: [],
      hasilKerjaRating: null,
      perilakuRating: null,
      predikat: null,
      predikatLabel: null,
      predikatPreview: null,
      perilakuNotes: [],
      note: null,
      returnNote: null,
      feedback: [],
      evidence: [],
      objection: null,
      peerFeedback: { ...d.peerFeedback, notes: [] },
    };
  }

  /** POST /:id/objection. */
  async function fileObjection(actor: Actor, id: string, input: { reason: string }) {
    await ob.fileObjection(actor, id, input);
    return detail(actor, id);
  }

  /** POST /api/kinerja/objections/:id/decide. */
  async function decideObjection(
    actor: Actor,
    objectionId: string,
    input: Parameters<typeof ob.decideObjection>[2],
  ) {
    const evaluationId = await ob.decideObjection(actor, objectionId, input);
    return detail(actor, evaluationId);
  }

  /** GET /api/kinerja/evaluations: one page in the caller's scope, their own and those they assess. */
  async function list(actor: Actor, q: EvaluationListQuery): Promise<EvaluationPage> {
    let unitPath: string | undefined;
    if (q.unitId) {
      const u = await repo.unit(db, q.unitId);
      if (!u) throw notFound('Unit');
      unitPath = u.path;
    }
    const { rows, total } = await repo.page(db, {
      scope: readScope(actor),
      employeeId: actor.employeeId,
      unitPath,
      year: q.year,
      periodStart: q.periodStart,
      status: q.status,
      kind: q.kind,
      q: q.q,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * GET /inbox: drafts the caller rates as pejabat penilai (or Plt/Plh), FINAL evaluations waiting for them as
   * atasan pejabat penilai, objections they decide (overdue flagged).
   */
  async function inbox(actor: Actor): Promise<EvaluationInbox> {
    const me = actor.employeeId;
    if (!me)
      return {
        toFinalise: [],
        toApprove: [],
        objections: [],
        counts: { toFinalise: 0, toApprove: 0, objections: 0, objectionsOverdue: 0 },
      };
    const today = await c.todayOf(me);
    const staff = (await ctx.relations.subordinatesOn(me, today).catch(() => [])).map((s) => s.employeeId);
    const staff2: string[] = [];
    for (const s of staff)
      staff2.push(...(await ctx.relations.subordinatesOn(s, today).catch(() => [])).map((x) => x.employeeId));
    const drafts = await repo.candidates(db, 'DRAFT', staff, me);
    const finals = await repo.candidates(db, 'FINAL', [...staff, ...staff2], me);
    const pending = await repo.pendingObjections(db, [...staff, ...staff2], me);
    const toFinalise = [];
    for (const r of drafts) if (await c.passes(() => c.requirePenilai(actor, r))) toFinalise.push(summary(r));
    const toApprove = [];
    for (const r of finals) if (await c.passes(() => c.requireAtasan(actor, r))) toApprove.push(summary(r));
    const objections = [];
    for (const r of pending) {
      if (!(await c.passes(() => c.requireAtasan(actor, r)))) continue;
      const o = await c.objectionInfo(r);
      if (o)
        objections.push({
          ...o,
          employeeName: r.employeeName,
          nip: r.nip,
          unitName: r.unitName,
          label: r.label,
        });
    }
    return {
      toFinalise,
      toApprove,
      objections,
      counts: {
        toFinalise: toFinalise.length,
        toApprove: toApprove.length,
        objections: objections.length,
        objectionsOverdue: objections.filter((o) => o.overdue).length,
      },
    };
  }

  /** GET /peer: drafts of colleagues and of the direct superior waiting for the caller's behaviour feedback. */
  const peerRequests = (actor: Actor) => ob.peerRequests(actor);

  /**
   * GET /curve: the distribution curve of a unit (subtree) and period; for kinerja readers in scope and for
   * superiors within the unit's tree (counts only).
   */
  async function curve(actor: Actor, q: CurveQuery) {
    const u = await repo.unit(db, q.unitId);
    if (!u) throw notFound('Unit');
    let allowed = c.readsUnit(actor, u.path);
    if (!allowed && actor.employeeId && actor.isAtasan) {
      const mine = await ctx.employeeUnitPath(actor.employeeId).catch(() => null);
      allowed = !!mine && (mine.startsWith(u.path) || u.path.startsWith(mine));
    }
    if (!allowed) throw forbidden('Anda tidak berwenang melihat pola distribusi unit ini');
    return c.curve(u, q.kind ?? curveKindFor(q.periodStart, q.periodEnd), q.periodStart, q.periodEnd);
  }

  const presentUnitPerformance = (r: {
    id: string;
    unitId: string;
    unitName: string;
    periodStart: string;
    periodEnd: string;
    rating: string;
    note: string | null;
    setAt: Date;
  }): UnitPerformance => ({
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    rating: r.rating as OrgPerformance,
    ratingLabel: ORG_PERFORMANCE_LABELS[r.rating as OrgPerformance],
    note: r.note,
    setAt: r.setAt.toISOString(),
  });

  /** PUT /api/kinerja/unit-performance: kinerja.manage in scope sets a unit's organisational performance. */
  async function setUnitPerformance(actor: Actor, input: UnitPerformanceInput): Promise<UnitPerformance> {
    const u = await repo.unit(db, input.unitId);
    if (!u) throw notFound('Unit');
    if (!inScope(scopeOf(actor, 'kinerja.manage'), u.path))
      throw forbidden('Anda tidak berwenang menetapkan kinerja organisasi unit ini');
    const row = await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('unitPerformance')
        .selectAll()
        .where('unitId', '=', u.id)
        .where('periodStart', '=', input.periodStart)
        .where('periodEnd', '=', input.periodEnd)
        .forUpdate()
        .executeTakeFirst();
      const now = clock.now();
      const saved = await trx
        .insertInto('unitPerformance')
        .values({
          unitId: u.id,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          rating: input.rating,
          note: input.note || null,
          setBy: actor.userId,
          setAt: now,
        })
        .onConflict((oc) =>
          oc.columns(['unitId', 'periodStart', 'periodEnd']).doUpdateSet({
            rating: input.rating,
            note: input.note || null,
            setBy: actor.userId,
            setAt: now,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'unit_performance.set',
        entityType: 'unit_performance',
        entityId: saved.id,
        unitId: u.id,
        before: before ? { rating: before.rating, note: before.note } : null,
        after: {
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          rating: input.rating,
          note: input.note || null,
        },
      });
      return saved;
    });
    return presentUnitPerformance({ ...row, unitName: u.name });
  }

  /** GET /api/kinerja/unit-performance: kinerja readers in scope. */
  async function listUnitPerformance(
    actor: Actor,
    q: { unitId?: string; year?: number; page: number; pageSize: number },
  ): Promise<UnitPerformancePage> {
    const scope = readScope(actor);
    if (scope !== 'all' && scope.length === 0 && !actor.isAtasan)
      throw forbidden('Anda tidak berwenang melihat kinerja organisasi');
    let query = db
      .selectFrom('unitPerformance as up')
      .innerJoin('units as u', 'u.id', 'up.unitId')
      .selectAll('up')
      .select('u.name as unitName');
    if (scope !== 'all') {
      // Superiors see their own unit's tree; readers their scope.
      const mine = actor.employeeId ? await ctx.employeeUnitPath(actor.employeeId).catch(() => null) : null;
      const paths = [...scope, ...(mine && actor.isAtasan ? [mine] : [])];
      query = query.where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))));
    }
    if (q.unitId) {
      const u = await repo.unit(db, q.unitId);
      if (!u) throw notFound('Unit');
      query = query.where('u.path', 'like', `${u.path}%`);
    }
    if (q.year)
      query = query
        .where('up.periodStart', '<=', `${q.year}-12-31`)
        .where('up.periodEnd', '>=', `${q.year}-01-01`);
    const total = await db
      .selectFrom(query.as('x'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .orderBy('up.periodStart', 'desc')
      .orderBy('u.name')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      items: rows.map(presentUnitPerformance),
      total: Number(total.n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** GET /:id/pdf: the evaluation document through the document layer. */
  async function pdf(actor: Actor, id: string) {
    const row = await c.load(actor, id);
    const d = await present(actor, row);
    const rootId = row.unitPath.split('/').filter(Boolean)[0]!;
    const [root, unit] = await Promise.all([repo.unit(db, rootId), repo.unit(db, row.unitId)]);
    const letterhead = await documents.letterheadFor(row.unitId).catch(() => null);
    const bytes = await renderEvaluationDocument({
      detail: d,
      regionName: root?.name ?? '',
      unitAddress: unit?.address ?? null,
      letterhead,
      employeeType: row.employeeType,
      golongan: row.golongan,
      timeZone: row.timeZone,
      issuedOn: clock.now(),
    });
    const safe = `${row.label}-${row.nip ?? row.employeeId}`.replace(/[^A-Za-z0-9-]+/g, '-');
    return { bytes, fileName: `penilaian-kinerja-${safe}.pdf` };
  }

  /**
   * For the competency module's talent 9-box (no actor: the caller checks its own access): each employee's latest
   * annual evaluation approved by the atasan pejabat penilai, with its predikat. Reading never writes.
   */
  function latestAnnual(employeeIds: readonly string[], exec: Exec = db) {
    return repo.latestAnnual(exec, employeeIds);
  }

  return {
    latestAnnual,
    get,
    detail,
    periods,
    create,
    update,
    finalise,
    approve,
    returnToPenilai,
    peerFeedback,
    fileObjection,
    decideObjection,
    list,
    inbox,
    peerRequests,
    curve,
    setUnitPerformance,
    listUnitPerformance,
    pdf,
  };
}
export type EvaluationSection = ReturnType<typeof createEvaluationSection>;
