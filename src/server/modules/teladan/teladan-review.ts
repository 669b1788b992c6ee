import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import { rankTeladan } from '../../../core/oversight/teladan-ranking.ts';
import type { DecisionInput, RankingQuery, TeladanRanking } from '../../../shared/api/teladan.ts';
import type { TeladanContext } from './teladan-context.ts';
import { gatherFigures } from './teladan-figures.ts';
import type { Exec, PeriodRow, StoredCandidate } from './teladan-repo.ts';

/**
 * The ranking and the committee's work (issue 18 point 4): GET computes the ranking from the current figures while
 * the period is a draft (nothing stored); starting the review (POST) stores it, with every figure, and the committee
 * decides on that stored ranking; publishing stores the published ranking, records the awards and notifies the
 * winners. Later changes to attendance, e-Kinerja or discipline never move a stored ranking.
 */
export function createTeladanReview(ctx: TeladanContext) {
  const { db, repo, audit, clock } = ctx;

  /** The ranking of a period from the figures as they are now (every candidate of the region or the units). */
  async function compute(p: PeriodRow, exec: Exec): Promise<StoredCandidate[]> {
    const criteria = ctx.criteriaOf(p);
    const candidates = await repo.candidates(
      {
        paths: await ctx.periodPaths(p, exec),
        employeeTypes: p.employeeTypes,
        from: `${p.fromMonth}-01`,
        to: monthRange(p.toMonth).to,
      },
      exec,
    );
    const figures = await gatherFigures(
      ctx,
      repo,
      exec,
      p,
      candidates.map((c) => c.employeeId),
    );
    const byId = new Map(candidates.map((c) => [c.employeeId, c]));
    return rankTeladan(
      criteria,
      candidates.map((c) => ({
        employeeId: c.employeeId,
        nip: c.nip,
        name: c.name,
        opdId: c.opdId,
        figures: figures.get(c.employeeId) ?? {},
      })),
    ).map((r) => ({
      ...r,
      opdName: byId.get(r.employeeId)!.opdName,
      unitPath: byId.get(r.employeeId)!.unitPath,
    }));
  }

  /** The ranking the period stands on: the stored one once the review started, else computed now. */
  async function current(p: PeriodRow, exec: Exec) {
    if (p.status === 'DRAFT')
      return { source: 'LIVE' as const, takenAt: null, ranking: await compute(p, exec) };
    const stage: 'PUBLISHED' | 'REVIEW' = p.status === 'PUBLISHED' ? 'PUBLISHED' : 'REVIEW';
    const s = await repo.snapshot(p.id, stage, exec);
    if (!s) throw new AppError('INTERNAL', 'Peringkat tersimpan periode ini tidak ditemukan');
    return { source: stage, takenAt: s.takenAt.toISOString(), ranking: s.ranking };
  }

  /** The committee member (any role, or the chair) of a period, else 403. */
  async function requireCommittee(actor: Actor, periodId: string, trx: Exec, chair = false) {
    const role = await ctx.committeeRole(actor, periodId, trx);
    if (!role) throw forbidden('Hanya anggota tim penilai periode ini yang dapat melakukan ini');
    if (chair && role !== 'KETUA') throw forbidden('Hanya ketua tim penilai yang dapat mengumumkan pemenang');
  }

  const api = {
    /**
     * GET /api/teladan/periods/:id/ranking: the candidates the caller may see (committee: all; teladan.read: the
     * scope, an OPD admin their OPD), ranked first then excluded, with every criterion's figure and the decision.
     */
    async ranking(
      actor: Actor,
      id: string,
      q: RankingQuery & { page: number; pageSize: number },
    ): Promise<TeladanRanking> {
      const p = await ctx.periodOr404(id);
      const scope = await ctx.candidateView(actor, p);
      let unitPath: string | null = null;
      if (q.unitId) {
        unitPath = await repo.unitPath(q.unitId);
        if (!unitPath) throw notFound('Unit');
        if (!inScope(scope, unitPath)) throw forbidden('Unit ini di luar lingkup Anda');
      }
      const { source, takenAt, ranking } = await current(p, db);
      const term = q.q?.trim().toLowerCase();
      const visible = ranking.filter(
        (r) =>
          inScope(scope, r.unitPath) &&
          (!unitPath || r.unitPath.startsWith(unitPath)) &&
          (!term || r.name.toLowerCase().includes(term) || (r.nip ?? '').includes(term)),
      );
      const shown = visible.filter((r) =>
        q.show === 'ranked' ? !r.excluded : q.show === 'excluded' ? r.excluded : true,
      );
      const decisions = await repo.decisions(id);
      const page = shown.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return {
        source,
        takenAt,
        criteria: (await ctx.criteriaOf(p)).map((c) => ({
          key: c.key,
          label: c.label,
          figure: c.figure,
          kind: c.kind,
          direction: c.direction,
          threshold: c.kind === 'hard' ? c.threshold : null,
          weight: c.kind === 'scored' ? c.weight : null,
          scale: c.kind === 'scored' ? c.scale : null,
        })),
        counts: {
          ranked: visible.filter((r) => !r.excluded).length,
          excluded: visible.filter((r) => r.excluded).length,
        },
        items: page.map((r) => {
          const d = decisions.get(r.employeeId);
          return {
            employeeId: r.employeeId,
            name: r.name,
            nip: r.nip,
            opdId: r.opdId,
            opdName: r.opdName,
            excluded: r.excluded,
            reasons: r.reasons,
            score: r.score,
            regionRank: r.regionRank,
            opdRank: r.opdRank,
            results: r.results,
            decision: d
              ? {
                  decision: d.decision,
                  category: d.category,
                  note: d.note,
                  decidedByName: d.decidedByName,
                  decidedAt: d.decidedAt.toISOString(),
                }
              : null,
          };
        }),
        total: shown.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /**
     * POST /api/teladan/periods/:id/review: a committee member (or BKD) starts the review; the ranking computed now is
     * stored with every figure and the period moves to REVIEW (nominations close).
     */
    async startReview(actor: Actor, id: string): Promise<{ ranked: number; excluded: number }> {
      return db.transaction().execute(async (trx) => {
        const p = await ctx.periodOr404(id, trx, true);
        const role = await ctx.committeeRole(actor, id, trx);
        if (!role && !ctx.manages(actor, await ctx.periodPaths(p, trx)))
          throw forbidden('Hanya tim penilai atau BKD yang dapat memulai penilaian');
        if (p.status !== 'DRAFT') throw new AppError('CONFLICT', 'Penilaian periode ini sudah dimulai');
        if ((await repo.committee([id], trx)).length === 0)
          throw new AppError('CONFLICT', 'Tetapkan tim penilai sebelum penilaian dimulai');
        const ranking = await compute(p, trx);
        const now = clock.now();
        await repo.putSnapshot(trx, { periodId: id, stage: 'REVIEW', ranking, by: actor.userId, at: now });
        await repo.setStatus(trx, id, 'REVIEW', now, actor.userId);
        const members = await repo.committee([id], trx);
        await ctx.notifications.notify(trx, {
          employeeIds: members.map((m) => m.employeeId),
          kind: 'teladan_review.waiting',
          title: 'Penilaian ASN teladan menunggu tim penilai',
          body: `${p.name}: peringkat calon sudah disimpan; catat keputusan tiap calon lalu ketua mengumumkan pemenang.`,
          link: '/teladan',
          entity: { type: 'teladan_period', id },
          exceptUserIds: [actor.userId],
        });
        const counts = {
          ranked: ranking.filter((r) => !r.excluded).length,
          excluded: ranking.filter((r) => r.excluded).length,
        };
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_period.review_started',
          entityType: 'teladan_period',
          entityId: id,
          before: { status: p.status },
          after: { status: 'REVIEW', ...counts },
        });
        return counts;
      });
    },

    /**
     * POST /api/teladan/periods/:id/decisions: a committee member records the decision and note on a candidate of
     * the stored ranking (a winner must be ranked, not excluded). Anyone else: 403, nothing stored.
     */
    async decide(actor: Actor, id: string, input: DecisionInput): Promise<{ ok: true }> {
      return db.transaction().execute(async (trx) => {
        const p = await ctx.periodOr404(id, trx, true);
        await requireCommittee(actor, id, trx);
        if (p.status !== 'REVIEW')
          throw new AppError(
            'CONFLICT',
            p.status === 'DRAFT'
              ? 'Penilaian periode ini belum dimulai'
              : 'Pemenang periode ini sudah diumumkan',
          );
        const s = await repo.snapshot(id, 'REVIEW', trx);
        const c = s?.ranking.find((r) => r.employeeId === input.employeeId);
        if (!c) throw notFound('Calon pada peringkat periode ini');
        if (input.decision === 'WINNER' && c.excluded)
          throw new AppError('CONFLICT', `Calon ini gugur kriteria wajib: ${c.reasons.join('; ')}`);
        const category = input.decision === 'WINNER' ? (input.category ?? null) : null;
        await repo.upsertDecision(trx, {
          periodId: id,
          employeeId: c.employeeId,
          decision: input.decision,
          category,
          note: input.note ?? null,
          by: actor.userId,
          at: clock.now(),
        });
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_decision.recorded',
          entityType: 'teladan_period',
          entityId: id,
          after: { employeeId: c.employeeId, decision: input.decision, category, note: input.note ?? null },
        });
        return { ok: true as const };
      });
    },

    /**
     * POST /api/teladan/periods/:id/publish: the chair publishes. Winners within the period's numbers (per OPD and
     * for the region); the published ranking is stored, each winner gets an award (with its certificate number)
     * and a notification.
     */
    async publish(actor: Actor, id: string): Promise<{ awards: number }> {
      return db.transaction().execute(async (trx) => {
        const p = await ctx.periodOr404(id, trx, true);
        await requireCommittee(actor, id, trx, true);
        if (p.status !== 'REVIEW')
          throw new AppError(
            'CONFLICT',
            p.status === 'DRAFT'
              ? 'Penilaian periode ini belum dimulai'
              : 'Pemenang periode ini sudah diumumkan',
          );
        const s = (await repo.snapshot(id, 'REVIEW', trx))!;
        const decisions = await repo.decisions(id, trx);
        const winners = s.ranking
          .filter((r) => decisions.get(r.employeeId)?.decision === 'WINNER')
          .sort((a, b) => a.regionRank! - b.regionRank!);
        if (winners.length === 0)
          throw new AppError('CONFLICT', 'Belum ada pemenang yang diputuskan tim penilai');
        const regional = winners.filter((w) => decisions.get(w.employeeId)!.category === 'REGION');
        if (regional.length > p.winnersRegion)
          throw new AppError(
            'CONFLICT',
            `Pemenang tingkat daerah ${regional.length}, paling banyak ${p.winnersRegion} menurut periode`,
          );
        const perOpd = new Map<string, { name: string; n: number }>();
        for (const w of winners.filter((x) => decisions.get(x.employeeId)!.category === 'OPD')) {
          const o = perOpd.get(w.opdId) ?? { name: w.opdName, n: 0 };
          o.n += 1;
          perOpd.set(w.opdId, o);
        }
        for (const o of perOpd.values())
          if (o.n > p.winnersPerOpd)
            throw new AppError(
              'CONFLICT',
              `Pemenang ${o.name} ${o.n}, paling banyak ${p.winnersPerOpd} per OPD menurut periode`,
            );
        const now = clock.now();
        await repo.putSnapshot(trx, {
          periodId: id,
          stage: 'PUBLISHED',
          ranking: s.ranking,
          by: actor.userId,
          at: now,
        });
        await repo.setStatus(trx, id, 'PUBLISHED', now, actor.userId);
        let n = 0;
        for (const w of winners) {
          n += 1;
          const category = decisions.get(w.employeeId)!.category!;
          const letterNumber = `${n}/TELADAN/${p.year}`;
          const awardId = await repo.insertAward(trx, {
            periodId: id,
            employeeId: w.employeeId,
            category,
            opdId: w.opdId,
            score: w.score!,
            regionRank: w.regionRank!,
            opdRank: w.opdRank!,
            letterNumber,
            publishedAt: now,
          });
          await ctx.notifications.notify(trx, {
            employeeIds: [w.employeeId],
            kind: 'teladan_award.published',
            title: 'Selamat: Anda ASN teladan',
            body: `${p.name}: ${category === 'REGION' ? 'tingkat daerah' : `tingkat ${w.opdName}`}. Piagam dapat diunduh.`,
            link: '/teladan?tab=penghargaan',
            entity: { type: 'teladan_award', id: awardId },
            subjectEmployeeId: w.employeeId,
          });
        }
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_period.published',
          entityType: 'teladan_period',
          entityId: id,
          before: { status: 'REVIEW' },
          after: { status: 'PUBLISHED', winners: winners.map((w) => w.employeeId).join(', ') },
        });
        return { awards: winners.length };
      });
    },

    /**
     * GET /api/teladan/periods/:id/ranking/export.:format: the whole ranking the caller may see, with the same
     * filters, as one table (candidates are the nominated few, not the whole region): ranks, score, every
     * criterion's figure, why a candidate is excluded, and the committee's decision. Reads only.
     */
    async rankingTable(actor: Actor, id: string, q: Omit<RankingQuery, 'page' | 'pageSize'>) {
      const r = await api.ranking(actor, id, {
        ...q,
        show: q.show ?? 'all',
        page: 1,
        pageSize: Number.MAX_SAFE_INTEGER,
      });
      const columns = [
        { header: 'Peringkat daerah', key: 'regionRank', width: 10 },
        { header: 'Peringkat OPD', key: 'opdRank', width: 10 },
        { header: 'NIP', key: 'nip', width: 22 },
        { header: 'Nama', key: 'name', width: 32 },
        { header: 'OPD', key: 'opd', width: 32 },
        { header: 'Skor', key: 'score', width: 10 },
        ...r.criteria.map((c, i) => ({ header: `${c.label} (${c.figure})`, key: `c${i}`, width: 18 })),
        { header: 'Status', key: 'status', width: 16 },
        { header: 'Alasan dikecualikan', key: 'reasons', width: 40 },
        { header: 'Keputusan tim', key: 'decision', width: 24 },
      ];
      const rows = r.items.map((c) => ({
        regionRank: c.regionRank,
        opdRank: c.opdRank,
        nip: c.nip ?? '',
        name: c.name,
        opd: c.opdName,
        score: c.score,
        ...Object.fromEntries(
          r.criteria.map((k, i) => [`c${i}`, c.results.find((x) => x.key === k.key)?.value ?? null]),
        ),
        status: c.excluded ? 'Dikecualikan' : 'Diperingkat',
        reasons: c.reasons.join('; '),
        decision: !c.decision
          ? ''
          : c.decision.decision === 'WINNER'
            ? `Pemenang ${c.decision.category === 'REGION' ? 'tingkat daerah' : 'tingkat OPD'}`
            : 'Tidak terpilih',
      }));
      const p = await ctx.periodOr404(id);
      return { fileBase: `peringkat-asn-teladan-${p.year}`, columns, rows };
    },
  };
  return api;
}
export type TeladanReview = ReturnType<typeof createTeladanReview>;
