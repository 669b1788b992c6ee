import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { checkCriteria, TELADAN_FIGURES } from '../../../core/oversight/teladan-criteria.ts';
import type {
  CommitteeInput,
  FigureList,
  NominationCreate,
  NominationList,
  PeriodCreate,
  PeriodList,
  PeriodListQuery,
  PublicNominationCreate,
  TeladanPeriod,
} from '../../../shared/api/teladan.ts';
import type { TeladanContext } from './teladan-context.ts';
import type { Exec, PeriodRow } from './teladan-repo.ts';

/** Figures no module provides yet: a criterion may name them and then fails with "angka tidak tersedia". */
const NOT_BUILT = new Set(['competency.score']);

/**
 * Periods, committees and nominations of ASN teladan (issue 18 point 4): BKD defines a period with its criteria
 * (checked; an unknown figure or a senseless weight is 422 RULES_INVALID naming the criterion, nothing stored) and
 * designates its committee; superiors nominate their staff; BKD records public nominations from other channels.
 */
export function createTeladanPeriods(ctx: TeladanContext) {
  const { db, repo, audit, clock } = ctx;

  async function present(actor: Actor, rows: PeriodRow[], exec: Exec = db): Promise<TeladanPeriod[]> {
    const committee = await repo.committee(
      rows.map((r) => r.id),
      exec,
    );
    const units = new Map(
      (await repo.units([...new Set(rows.flatMap((r) => r.unitIds))], exec)).map((u) => [u.id, u]),
    );
    const paths = new Map<string, 'all' | string[]>();
    for (const p of rows)
      paths.set(p.id, p.unitIds.length === 0 ? 'all' : p.unitIds.map((id) => units.get(id)?.path ?? id));
    return rows.map((p) => {
      const manage = ctx.manages(actor, paths.get(p.id)!);
      const members = committee.filter((m) => m.periodId === p.id);
      const member = members.some((m) => m.employeeId === actor.employeeId);
      return {
        id: p.id,
        name: p.name,
        year: p.year,
        fromMonth: p.fromMonth,
        toMonth: p.toMonth,
        units: p.unitIds.map((id) => ({ id, name: units.get(id)?.name ?? id })),
        employeeTypes: p.employeeTypes,
        legalBasis: p.legalBasis,
        criteria: p.criteria.map((c) => ({
          key: c.key,
          label: c.label,
          figure: c.figure,
          kind: c.kind,
          direction: c.direction,
          threshold: c.threshold ?? null,
          weight: c.weight ?? null,
          scale: c.scale ?? null,
        })),
        winnersPerOpd: p.winnersPerOpd,
        winnersRegion: p.winnersRegion,
        status: p.status,
        committee: members.map((m) => ({ employeeId: m.employeeId, name: m.name, nip: m.nip, role: m.role })),
        can: {
          manage,
          nominate: p.status === 'DRAFT' && (actor.isAtasan || manage),
          review: p.status === 'DRAFT' && (manage || member),
          decide: member && p.status === 'REVIEW',
          publish:
            p.status === 'REVIEW' &&
            members.some((m) => m.employeeId === actor.employeeId && m.role === 'KETUA'),
        },
        createdAt: p.createdAt.toISOString(),
        reviewStartedAt: p.reviewStartedAt?.toISOString() ?? null,
        publishedAt: p.publishedAt?.toISOString() ?? null,
      };
    });
  }

  /** Whoever may look at periods at all: readers, managers, committee members, superiors (to nominate). */
  function requirePeriodReader(actor: Actor) {
    const reader = scopeOf(actor, 'teladan.read');
    if (reader === 'all' || reader.length > 0 || actor.isAtasan || actor.employeeId) return;
    throw forbidden();
  }

  return {
    /** GET /api/teladan/figures: the figures a criterion may name (closed list). */
    figures(): FigureList {
      return {
        items: Object.entries(TELADAN_FIGURES).map(([name, description]) => ({
          name,
          description,
          available: !NOT_BUILT.has(name),
        })),
      };
    },

    /** GET /api/teladan/periods: the periods (newest year first). */
    async list(actor: Actor, q: PeriodListQuery & { page: number; pageSize: number }): Promise<PeriodList> {
      requirePeriodReader(actor);
      const { rows, total } = await repo.periods(
        { year: q.year as number | undefined, q: q.q },
        q.page,
        q.pageSize,
      );
      return { items: await present(actor, rows), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string): Promise<TeladanPeriod> {
      requirePeriodReader(actor);
      return (await present(actor, [await ctx.periodOr404(id)]))[0]!;
    },

    /**
     * POST /api/teladan/periods (teladan.manage over every unit named; a region-wide period needs the whole
     * region). The criteria are checked first: 422 RULES_INVALID with one detail per problem, nothing stored.
     */
    async create(actor: Actor, input: PeriodCreate): Promise<{ id: string }> {
      const checked = checkCriteria(input.criteria);
      return db.transaction().execute(async (trx) => {
        requireAny(actor, 'teladan.manage');
        const unitIds = [...new Set(input.unitIds ?? [])];
        const units = await repo.units(unitIds, trx);
        if (units.length !== unitIds.length) throw notFound('Unit');
        ctx.requireManager(
          actor,
          unitIds.length === 0 ? 'all' : units.map((u) => u.path),
          'unit periode ini',
        );
        if (!checked.ok)
          throw new AppError(
            'RULES_INVALID',
            `Kriteria tidak valid: ${checked.issues.map((i) => i.message).join('; ')}`,
            checked.issues,
          );
        if (
          input.year < Number(input.fromMonth.slice(0, 4)) - 1 ||
          input.year > Number(input.toMonth.slice(0, 4)) + 1
        )
          throw fieldError('year', 'Tahun penghargaan jauh dari bulan-bulan periode');
        const id = await repo.insertPeriod(trx, {
          name: input.name,
          year: input.year,
          fromMonth: input.fromMonth,
          toMonth: input.toMonth,
          unitIds,
          employeeTypes: input.employeeTypes,
          legalBasis: input.legalBasis,
          criteria: input.criteria.map((c) => ({
            ...c,
            threshold: c.threshold ?? null,
            weight: c.weight ?? null,
            scale: c.scale ?? null,
          })),
          winnersPerOpd: input.winnersPerOpd,
          winnersRegion: input.winnersRegion,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_period.created',
          entityType: 'teladan_period',
          entityId: id,
          after: { name: input.name, year: input.year, fromMonth: input.fromMonth, toMonth: input.toMonth },
        });
        return { id };
      });
    },

    /** PUT /api/teladan/periods/:id/committee (teladan.manage; before publication): replaces the members. */
    async setCommittee(actor: Actor, id: string, input: CommitteeInput): Promise<TeladanPeriod> {
      return db.transaction().execute(async (trx) => {
        const p = await ctx.periodOr404(id, trx, true);
        ctx.requireManager(actor, await ctx.periodPaths(p, trx), 'tim penilai periode ini');
        if (p.status === 'PUBLISHED')
          throw new AppError(
            'CONFLICT',
            'Pemenang periode ini sudah diumumkan; tim penilai tidak dapat diubah',
          );
        const found = await repo.existingEmployees(
          input.members.map((m) => m.employeeId),
          trx,
        );
        const missing = input.members.findIndex((m) => !found.has(m.employeeId));
        if (missing >= 0) throw fieldError(`members.${missing}.employeeId`, 'Pegawai tidak ditemukan');
        await repo.replaceCommittee(trx, id, input.members);
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_period.committee_set',
          entityType: 'teladan_period',
          entityId: id,
          after: { members: input.members.map((m) => `${m.role}:${m.employeeId}`).join(', ') },
        });
        return (await present(actor, [p], trx))[0]!;
      });
    },

    /**
     * POST /api/teladan/periods/:id/nominations: the direct superior (of record or Plt/Plh, today) nominates a
     * candidate of the period with the reason, once per period. Only while the period is a draft.
     */
    async nominate(actor: Actor, id: string, input: NominationCreate): Promise<{ id: string }> {
      return db.transaction().execute(async (trx) => {
        const p = await ctx.periodOr404(id, trx, true);
        const e = await repo.employee(input.employeeId, trx);
        if (!e) throw notFound('Pegawai');
        if (!actor.employeeId) throw forbidden('Usulan atasan diajukan dari akun pegawai');
        const slot = await ctx.relations.superiorOn(e.id, await ctx.relations.todayOf(e.id, trx), trx);
        const isSuperior =
          slot?.official?.employeeId === actor.employeeId || slot?.definitiveId === actor.employeeId;
        if (!isSuperior) throw forbidden('Hanya atasan langsung pegawai ini yang dapat mengusulkannya');
        await requireCandidate(p, e, trx);
        const nid = await repo.insertNomination(trx, {
          periodId: id,
          employeeId: e.id,
          kind: 'SUPERIOR',
          reason: input.reason,
          nominatorEmployeeId: actor.employeeId,
          source: null,
          reference: null,
          recordedBy: actor.userId,
          createdAt: clock.now(),
        });
        if (!nid) throw new AppError('CONFLICT', 'Anda sudah mengusulkan pegawai ini pada periode ini');
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_nomination.recorded',
          entityType: 'teladan_nomination',
          entityId: nid,
          unitId: e.unitId,
          after: { employeeId: e.id, kind: 'SUPERIOR', reason: input.reason },
        });
        return { id: nid };
      });
    },

    /** POST /api/teladan/periods/:id/public-nominations (teladan.manage): a public nomination from a channel. */
    async recordPublic(actor: Actor, id: string, input: PublicNominationCreate): Promise<{ id: string }> {
      return db.transaction().execute(async (trx) => {
        const p = await ctx.periodOr404(id, trx, true);
        const e = await repo.employee(input.employeeId, trx);
        if (!e) throw notFound('Pegawai');
        requireUnit(actor, 'teladan.manage', e.unitPath);
        await requireCandidate(p, e, trx);
        const nid = await repo.insertNomination(trx, {
          periodId: id,
          employeeId: e.id,
          kind: 'PUBLIC',
          reason: input.reason,
          nominatorEmployeeId: null,
          source: input.source,
          reference: input.reference ?? null,
          recordedBy: actor.userId,
          createdAt: clock.now(),
        });
        if (!nid) throw new AppError('CONFLICT', 'Usulan dengan saluran dan nomor rujukan ini sudah dicatat');
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan_nomination.recorded',
          entityType: 'teladan_nomination',
          entityId: nid,
          unitId: e.unitId,
          after: {
            employeeId: e.id,
            kind: 'PUBLIC',
            source: input.source,
            reference: input.reference ?? null,
          },
        });
        return { id: nid };
      });
    },

    /**
     * GET /api/teladan/periods/:id/nominations: those of the candidates the caller may see (committee: all;
     * teladan.read: the scope), or, for a superior without either, the ones they made.
     */
    async nominations(
      actor: Actor,
      id: string,
      q: { page: number; pageSize: number },
    ): Promise<NominationList> {
      const p = await ctx.periodOr404(id);
      let paths: 'all' | string[];
      let mine: string | undefined;
      try {
        paths = await ctx.candidateView(actor, p);
      } catch (err) {
        if (!actor.employeeId) throw err;
        paths = 'all';
        mine = actor.employeeId;
      }
      const { rows, total } = await repo.nominations(
        id,
        { paths, nominatorEmployeeId: mine },
        q.page,
        q.pageSize,
      );
      return {
        items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };

  /** A nomination is for a candidate of a draft period: in its units and of its employee types. */
  async function requireCandidate(
    p: PeriodRow,
    e: { unitPath: string; employeeType: string },
    trx: Exec,
  ): Promise<void> {
    if (p.status !== 'DRAFT')
      throw new AppError('CONFLICT', 'Penilaian periode ini sudah dimulai; usulan tidak dapat ditambahkan');
    const paths = await ctx.periodPaths(p, trx);
    const inside = paths === 'all' || paths.some((path) => e.unitPath.startsWith(path));
    if (!inside || !p.employeeTypes.includes(e.employeeType))
      throw new AppError('CONFLICT', 'Pegawai ini bukan calon pada periode ini (unit atau jenis pegawai)');
  }
}
export type TeladanPeriods = ReturnType<typeof createTeladanPeriods>;
