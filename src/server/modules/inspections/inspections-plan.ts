import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, scopeOf, type Actor, type Grant } from '../../auth/authz.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { PERMISSIONS } from '../../auth/authz.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { discrepancySummary } from '../../../core/oversight/inspections.ts';
import type {
  InspectionDetail,
  InspectionItem,
  InspectionList,
  InspectionPlanInput,
} from '../../../shared/api/inspections.ts';
import type { InspectionsContext, InspectionsDeps, Loaded } from './inspections-context.ts';
import { presentFinding, presentRoster } from './inspections-presenter.ts';
import type { InspectionRow } from './inspections-repo.ts';

const WRITERS: readonly string[] = PERMISSIONS['inspections.write'];

/**
 * Planning and running an inspection: the schedule and history in scope, the plan (announced or not, units, team,
 * optional complaint), starting it (the roster with each employee's status from Abdi), finishing or cancelling.
 * Source: issue 18 point 1.
 */
export function createPlanSection(deps: InspectionsDeps, ctx: InspectionsContext) {
  const { db, repo, audit, clock } = deps;

  function item(
    i: InspectionRow,
    l: Pick<Loaded, 'units' | 'team' | 'role'>,
    counts?: { findings: number; open: number },
  ): InspectionItem {
    return {
      id: i.id,
      title: i.title,
      kind: i.kind,
      date: i.date,
      status: i.status,
      units: l.units.map((u) => ({ id: u.id, name: u.name })),
      team: l.team.map((t) => ({ userId: t.userId, name: t.name })),
      complaintId: i.complaintId,
      note: i.note,
      createdByName: i.createdByName,
      findings: counts?.findings ?? 0,
      openFollowUps: counts?.open ?? 0,
      canRecord: l.role.team && i.status === 'IN_PROGRESS',
    };
  }

  /** GET /api/inspections: the schedule (by period) or a unit's history, as the caller may see them. */
  async function list(
    actor: Actor,
    q: {
      page: number;
      pageSize: number;
      unitId?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      status?: InspectionRow['status'] | undefined;
      q?: string | undefined;
    },
  ): Promise<InspectionList> {
    const readPaths = requireAny(actor, 'inspections.read');
    if (q.unitId) {
      const u = await repo.unit(q.unitId);
      if (!u) throw notFound('Unit');
      requireUnit(actor, 'inspections.read', u.path);
    }
    const { rows, total } = await repo.list(
      { userId: actor.userId, readPaths, writePaths: scopeOf(actor, 'inspections.write'), ...q },
      q.page,
      q.pageSize,
    );
    const ids = rows.map((r) => r.id);
    const [units, team, counts] = await Promise.all([repo.unitsOf(ids), repo.teamOf(ids), repo.counts(ids)]);
    return {
      items: rows.map((r) => {
        const u = units.filter((x) => x.inspectionId === r.id);
        const t = team.filter((x) => x.inspectionId === r.id);
        return item(r, { units: u, team: t, role: ctx.roleOf(actor, r, u, t) }, counts.get(r.id));
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** GET /api/inspections/:id: the inspection, its roster with the discrepancies, its findings. */
  async function get(actor: Actor, id: string): Promise<InspectionDetail> {
    const l = await ctx.load(actor, id);
    const [roster, findings, counts] = await Promise.all([
      repo.roster(id),
      repo.findingsOf(id),
      repo.counts([id]),
    ]);
    const rows = roster.map(presentRoster);
    return {
      ...item(l.insp, l, counts.get(id)),
      startedAt: l.insp.startedAt?.toISOString() ?? null,
      rosterAt: l.insp.rosterAt?.toISOString() ?? null,
      finishedAt: l.insp.finishedAt?.toISOString() ?? null,
      summary: l.insp.summary,
      roster: rows,
      discrepancies: discrepancySummary(rows.map((r) => ({ status: r.status, found: r.found }))),
      findings: findings.map((f) =>
        presentFinding(f, ctx.todayIn(f.timeZone), {
          assign: l.role.team || l.role.inspector,
          report: f.assigneeUserId === actor.userId && f.followUpStatus === 'OPEN',
          close: (l.role.team || l.role.inspector) && f.followUpStatus === 'REPORTED',
          openCase: (l.role.team || l.role.inspector) && !!f.employeeId && !f.disciplineCaseId,
        }),
      ),
    };
  }

  /** Grants of accounts by user, as `Grant`s (for checking team members' scope). */
  async function grantsByUser(userIds: readonly string[], exec = db) {
    const rows = await repo.grantsOf(userIds, exec);
    const out = new Map<string, { name: string; grants: Grant[] }>();
    for (const r of rows) {
      const e = out.get(r.userId) ?? { name: r.name, grants: [] };
      e.grants.push({ role: r.role as Grant['role'], unitId: null, unitName: null, unitPath: r.unitPath });
      out.set(r.userId, e);
    }
    return out;
  }

  /**
   * POST /api/inspections: BKD or the Inspektorat plans an inspection of units in their scope; every team member
   * must hold inspections.write over every unit (422 naming who does not). The planner is on the team.
   */
  async function plan(actor: Actor, input: InspectionPlanInput): Promise<{ id: string }> {
    return db.transaction().execute(async (trx) => {
      requireAny(actor, 'inspections.write');
      const units = await repo.units(input.unitIds, trx);
      for (const [i, uid] of input.unitIds.entries())
        if (!units.some((u) => u.id === uid)) throw fieldError(`unitIds.${i}`, 'Unit tidak ditemukan');
      for (const u of units) requireUnit(actor, 'inspections.write', u.path);
      const team = [...new Set([actor.userId, ...input.teamUserIds])];
      const grants = await grantsByUser(team, trx);
      for (const [i, uid] of input.teamUserIds.entries()) {
        const g = grants.get(uid);
        const scope = g ? scopeOf({ ...actor, grants: g.grants }, 'inspections.write') : [];
        const outside = units.find((u) => !inScope(scope, u.path));
        if (!g || outside)
          throw fieldError(
            `teamUserIds.${i}`,
            g
              ? `${g.name} tidak berwenang melakukan sidak atas ${outside!.name}`
              : 'Akun anggota tim tidak ditemukan atau tidak berwenang melakukan sidak',
          );
      }
      const id = await repo.insert(trx, {
        title: input.title,
        kind: input.kind,
        date: input.date,
        complaintId: input.complaintId ?? null,
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: clock.now(),
        unitIds: input.unitIds,
        teamUserIds: team,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection.planned',
        entityType: 'inspection',
        entityId: id,
        unitId: units[0]!.id,
        after: {
          title: input.title,
          kind: input.kind,
          date: input.date,
          units: units.map((u) => u.name),
          team: team.map((t) => grants.get(t)?.name ?? t),
          complaintId: input.complaintId ?? null,
        },
      });
      return { id };
    });
  }

  /**
   * POST /api/inspections/:id/start: a team member starts the inspection on (or after) its date and takes the
   * roster: every employee of the units with their status in Abdi right now (Kehadiran hari ini). Again while in
   * progress: the statuses are refreshed (the marks stay). The read runs before the transaction (it reads through
   * the today service); the checks are repeated inside it.
   */
  async function start(actor: Actor, id: string): Promise<InspectionDetail> {
    const first = await ctx.load(actor, id);
    checkStart(actor, first);
    const rows: Parameters<typeof repo.upsertRoster>[2][number][] = [];
    const seen = new Set<string>();
    for (const u of first.units) {
      // The team's authority over the unit was checked above; the today read is scoped to exactly this unit.
      const delegate: Actor = {
        ...actor,
        employeeId: null,
        isAtasan: false,
        grants: [{ role: 'INSPEKTORAT', unitId: u.id, unitName: u.name, unitPath: u.path }],
      };
      const res = await deps
        .today()
        .list(delegate, { unitId: u.id, includeSubunits: true, page: 1, pageSize: 100_000 });
      for (const e of res.items) {
        if (seen.has(e.employeeId)) continue;
        seen.add(e.employeeId);
        rows.push({
          employeeId: e.employeeId,
          unitId: e.unitId,
          status: e.status,
          code: e.code,
          checkInAt: e.checkIn?.at ?? null,
          reason: e.reason,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      const l = await ctx.load(actor, id, trx, true);
      checkStart(actor, l);
      const now = clock.now();
      await repo.upsertRoster(trx, id, rows);
      await repo.setStatus(trx, id, { status: 'IN_PROGRESS', startedAt: now, rosterAt: now });
      await audit.record(trx, ctxOf(actor), {
        action: l.insp.status === 'PLANNED' ? 'inspection.started' : 'inspection.roster_refreshed',
        entityType: 'inspection',
        entityId: id,
        unitId: l.units[0]!.id,
        after: { employees: rows.length },
      });
    });
    return get(actor, id);
  }

  function checkStart(actor: Actor, l: Loaded) {
    if (!l.role.team) throw new AppError('FORBIDDEN', 'Hanya anggota tim sidak ini yang dapat memulai sidak');
    for (const u of l.units) requireUnit(actor, 'inspections.write', u.path);
    if (l.insp.status !== 'PLANNED' && l.insp.status !== 'IN_PROGRESS')
      throw new AppError('CONFLICT', 'Sidak sudah selesai atau dibatalkan');
    const today = ctx.todayIn(l.units[0]!.timeZone);
    if (today < l.insp.date)
      throw new AppError(
        'CONFLICT',
        `Sidak dijadwalkan ${formatDdMmYyyy(l.insp.date)}; belum dapat dimulai (hari ini ${formatDdMmYyyy(today)})`,
      );
  }

  /** POST /api/inspections/:id/finish: a team member closes the inspection with its summary. */
  async function finish(actor: Actor, id: string, summary: string) {
    await db.transaction().execute(async (trx) => {
      const l = await ctx.load(actor, id, trx, true);
      ctx.requireWorking(actor, l);
      await repo.setStatus(trx, id, { status: 'DONE', finishedAt: clock.now(), summary });
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection.finished',
        entityType: 'inspection',
        entityId: id,
        unitId: l.units[0]!.id,
        after: { summary },
      });
    });
    return get(actor, id);
  }

  /** POST /api/inspections/:id/cancel: the planner or a team member cancels a planned inspection. */
  async function cancel(actor: Actor, id: string) {
    await db.transaction().execute(async (trx) => {
      const l = await ctx.load(actor, id, trx, true);
      if (!l.role.team)
        throw new AppError('FORBIDDEN', 'Hanya anggota tim sidak ini yang dapat membatalkannya');
      if (l.insp.status !== 'PLANNED')
        throw new AppError('CONFLICT', 'Hanya sidak yang belum dimulai yang dapat dibatalkan');
      await repo.setStatus(trx, id, { status: 'CANCELLED' });
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection.cancelled',
        entityType: 'inspection',
        entityId: id,
        unitId: l.units[0]!.id,
      });
    });
    return get(actor, id);
  }

  /** GET /api/inspections/inspectors: accounts that hold inspections.write (for the team picker). */
  async function inspectors(actor: Actor) {
    requireAny(actor, 'inspections.write');
    const rows = (await repo.grantsOf(null)).filter((g) => WRITERS.includes(g.role));
    const seen = new Set<string>();
    return {
      items: rows
        .filter((r) => !seen.has(r.userId) && seen.add(r.userId))
        .map((r) => ({ userId: r.userId, name: r.name, role: r.role })),
    };
  }

  return { list, get, plan, start, finish, cancel, inspectors, grantsByUser };
}
