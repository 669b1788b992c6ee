import { ctxOf } from '../../auth/auth-service.ts';
import {
  PERMISSIONS,
  inScope,
  requireAny,
  requireUnit,
  scopeOf,
  type Actor,
  type Grant,
} from '../../auth/authz.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { followUpOverdue } from '../../../core/oversight/inspections.ts';
import type { Finding, FollowUpList } from '../../../shared/api/inspections.ts';
import type { InspectionsContext, InspectionsDeps, Loaded } from './inspections-context.ts';
import { presentFinding } from './inspections-presenter.ts';
import type { FindingRow } from './inspections-repo.ts';

const READERS: readonly string[] = PERMISSIONS['inspections.read'];

/**
 * Follow-up of findings, tracked to closure: the team says who must act (an account with inspections.read over the
 * finding's unit, e.g. the Kasubag Umum / admin OPD) and by when; the assignee reports what was done (an inbox
 * entry and a nav count until then); the team accepts it (closed) or sends it back. A finding about an employee can
 * open a discipline case (source INSPEKSI) through the discipline service. Source: issue 18 point 1.
 */
export function createFollowUpSection(deps: InspectionsDeps, ctx: InspectionsContext) {
  const { db, repo, audit, clock, notifications } = deps;

  /** The finding with its inspection as the caller may see it (404 otherwise); the caller's relation to it. */
  async function loadFinding(actor: Actor, findingId: string, exec = db, forUpdate = false) {
    const f = await repo.finding(findingId, exec, forUpdate);
    if (!f) throw notFound('Temuan');
    const assignee = f.assigneeUserId === actor.userId;
    let l: Loaded | null = null;
    try {
      l = await ctx.load(actor, f.inspectionId, exec);
    } catch (err) {
      if (!assignee) throw err;
    }
    const manages = !!l && (l.role.team || l.role.inspector);
    return { f, l, assignee, manages };
  }

  const canOf = (f: FindingRow, actor: Actor, manages: boolean): Finding['can'] => ({
    assign: manages,
    report: f.assigneeUserId === actor.userId && f.followUpStatus === 'OPEN',
    close: manages && f.followUpStatus === 'REPORTED',
    openCase: manages && !!f.employeeId && !f.disciplineCaseId,
  });

  async function view(actor: Actor, findingId: string): Promise<Finding> {
    const { f, manages } = await loadFinding(actor, findingId);
    return presentFinding(f, ctx.todayIn(f.timeZone), canOf(f, actor, manages));
  }

  /** POST …/follow-up: who must act and by when (the team); the assignee is told (inbox + count). */
  async function assign(actor: Actor, findingId: string, body: { assigneeUserId: string; dueDate: string }) {
    await db.transaction().execute(async (trx) => {
      const { f, manages } = await loadFinding(actor, findingId, trx, true);
      if (!manages) throw forbidden('Hanya tim sidak atau pemeriksa yang dapat menugaskan tindak lanjut');
      if (f.followUpStatus === 'CLOSED')
        throw new AppError('CONFLICT', 'Tindak lanjut temuan ini sudah selesai');
      const today = ctx.todayIn(f.timeZone);
      if (body.dueDate < today)
        throw fieldError('dueDate', `Batas waktu tidak boleh sebelum hari ini (${formatDdMmYyyy(today)})`);
      const rows = await repo.grantsOf([body.assigneeUserId], trx);
      const grants: Grant[] = rows
        .filter((g) => READERS.includes(g.role))
        .map((g) => ({ role: g.role as Grant['role'], unitId: null, unitName: null, unitPath: g.unitPath }));
      if (!inScope(scopeOf({ ...actor, grants }, 'inspections.read'), f.unitPath))
        throw fieldError(
          'assigneeUserId',
          `Akun ini tidak berwenang atas ${f.unitName}; pilih admin OPD atau pimpinan unit tersebut`,
        );
      await repo.assign(trx, findingId, body.assigneeUserId, body.dueDate);
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_finding.assigned',
        entityType: 'inspection_finding',
        entityId: findingId,
        unitId: f.unitId,
        before: { assigneeUserId: f.assigneeUserId, dueDate: f.dueDate },
        after: {
          assigneeUserId: body.assigneeUserId,
          assigneeName: rows[0]?.name ?? null,
          dueDate: body.dueDate,
        },
      });
      await notifications.notify(trx, {
        userIds: [body.assigneeUserId],
        exceptUserIds: [actor.userId],
        kind: 'inspection_follow_up.waiting',
        title: `Tindak lanjut temuan sidak ${f.unitName}`,
        body: `${f.note} Batas waktu: ${formatDdMmYyyy(body.dueDate)}.`,
        link: `/sidak/tindak-lanjut?temuan=${findingId}`,
        entity: { type: 'inspection_finding', id: findingId },
        once: false,
      });
    });
    return view(actor, findingId);
  }

  /** POST …/follow-up/report: the assignee says what was done; the team is told. */
  async function report(actor: Actor, findingId: string, body: { actionTaken: string }) {
    await db.transaction().execute(async (trx) => {
      const { f, assignee } = await loadFinding(actor, findingId, trx, true);
      if (!assignee) throw forbidden('Hanya penanggung jawab tindak lanjut yang dapat melaporkannya');
      if (f.followUpStatus !== 'OPEN')
        throw new AppError(
          'CONFLICT',
          f.followUpStatus === 'REPORTED'
            ? 'Tindak lanjut ini sudah dilaporkan dan menunggu penilaian tim sidak'
            : 'Tindak lanjut ini tidak sedang menunggu laporan',
        );
      await repo.report(trx, findingId, body.actionTaken, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_finding.reported',
        entityType: 'inspection_finding',
        entityId: findingId,
        unitId: f.unitId,
        after: { actionTaken: body.actionTaken },
      });
      const team = await repo.teamOf([f.inspectionId], trx);
      await notifications.notify(trx, {
        userIds: team.map((t) => t.userId),
        exceptUserIds: [actor.userId],
        kind: 'inspection_follow_up.reported',
        title: `Tindak lanjut temuan sidak ${f.unitName} dilaporkan`,
        body: body.actionTaken,
        link: `/sidak/${f.inspectionId}`,
        entity: { type: 'inspection_finding', id: findingId },
        once: false,
      });
    });
    return view(actor, findingId);
  }

  /** POST …/follow-up/close: the team accepts the follow-up (closed) or sends it back (open again), with a note. */
  async function close(actor: Actor, findingId: string, body: { accept: boolean; note: string }) {
    await db.transaction().execute(async (trx) => {
      const { f, manages } = await loadFinding(actor, findingId, trx, true);
      if (!manages) throw forbidden('Hanya tim sidak atau pemeriksa yang dapat menutup tindak lanjut');
      if (f.followUpStatus !== 'REPORTED')
        throw new AppError(
          'CONFLICT',
          f.followUpStatus === 'CLOSED'
            ? 'Tindak lanjut temuan ini sudah diterima dan ditutup'
            : 'Tindak lanjut belum dilaporkan oleh penanggung jawabnya',
        );
      await repo.close(trx, findingId, body.accept, body.note, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: body.accept ? 'inspection_finding.closed' : 'inspection_finding.reopened',
        entityType: 'inspection_finding',
        entityId: findingId,
        unitId: f.unitId,
        after: { note: body.note },
      });
      if (f.assigneeUserId)
        await notifications.notify(trx, {
          userIds: [f.assigneeUserId],
          exceptUserIds: [actor.userId],
          kind: 'inspection_follow_up.decided',
          title: body.accept
            ? `Tindak lanjut temuan sidak ${f.unitName} diterima`
            : `Tindak lanjut temuan sidak ${f.unitName} dikembalikan`,
          body: body.note,
          link: `/sidak/tindak-lanjut?temuan=${findingId}`,
          entity: { type: 'inspection_finding', id: findingId },
          once: false,
        });
    });
    return view(actor, findingId);
  }

  /**
   * POST …/discipline-case: opens a discipline case about the finding's employee (source INSPEKSI, the inspection
   * named as its reference and the finding and discrepancy as its description) through the discipline service,
   * which checks its own authority; then the case is linked to the finding.
   */
  async function openCase(
    actor: Actor,
    findingId: string,
    body: { violationCode: string; expectedLevel: 'ringan' | 'sedang' | 'berat' },
  ) {
    // The finding's row lock is taken first and held by the request's unit of work until the case is linked and
    // committed: a simultaneous second call waits, then finds the case and is refused (409), so one case is opened.
    const { f, manages } = await loadFinding(actor, findingId, db, true);
    if (!manages) throw forbidden('Hanya tim sidak atau pemeriksa yang dapat membuka kasus dari temuan');
    if (!f.employeeId)
      throw fieldError('employeeId', 'Temuan ini tidak menyebut pegawai; kasus tidak dapat dibuka');
    if (f.disciplineCaseId) throw new AppError('CONFLICT', 'Temuan ini sudah membuka kasus disiplin');
    const c = await deps.discipline().cases.open(actor, {
      employeeId: f.employeeId,
      source: 'INSPEKSI',
      sourceRef: `Sidak "${f.inspectionTitle}" ${formatDdMmYyyy(f.inspectionDate)} (temuan ${f.id})`.slice(
        0,
        200,
      ),
      violationCode: body.violationCode,
      violationDate: f.inspectionDate,
      description:
        `Temuan sidak di ${f.unitName} pada ${formatDdMmYyyy(f.inspectionDate)}: ${f.note}${f.photoIds.length ? ` (${f.photoIds.length} foto bukti pada temuan)` : ''}`.slice(
          0,
          4000,
        ),
      expectedLevel: body.expectedLevel,
    });
    await db.transaction().execute(async (trx) => {
      await repo.setCase(trx, findingId, c.case.id);
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_finding.case_opened',
        entityType: 'inspection_finding',
        entityId: findingId,
        unitId: f.unitId,
        after: { caseId: c.case.id, caseNumber: c.case.caseNumber },
      });
    });
    return { caseId: c.case.id };
  }

  /**
   * GET /api/inspections/follow-ups: with mine=1 the caller's inbox (assigned to them); else the follow-ups of units
   * in the caller's read scope. `overdue=1`: only those past their due date.
   */
  async function list(
    actor: Actor,
    q: {
      page: number;
      pageSize: number;
      mine: '1' | '0';
      status?: Finding['followUp']['status'] | undefined;
      overdue?: '1' | '0' | undefined;
      unitId?: string | undefined;
    },
  ): Promise<FollowUpList> {
    let paths: 'all' | string[] | undefined;
    if (q.mine === '0') {
      paths = requireAny(actor, 'inspections.read');
      if (q.unitId) {
        const u = await repo.unit(q.unitId);
        if (!u) throw notFound('Unit');
        requireUnit(actor, 'inspections.read', u.path);
      }
    }
    // Overdue is judged per unit zone in the answer; the filter uses the earliest zone's date (WIB).
    const { rows, total } = await repo.followUps(
      {
        ...(q.mine === '1' ? { assignee: actor.userId } : { paths }),
        status: q.status,
        unitId: q.unitId,
        overdueBefore: q.overdue === '1' ? ctx.todayIn('Asia/Jakarta') : undefined,
      },
      q.page,
      q.pageSize,
    );
    const write = scopeOf(actor, 'inspections.write');
    return {
      items: rows.map((f) =>
        presentFinding(f, ctx.todayIn(f.timeZone), canOf(f, actor, inScope(write, f.unitPath))),
      ),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** GET /api/inspections/follow-ups/count: what waits for the caller (the nav badge), and how much is overdue. */
  async function count(actor: Actor) {
    const rows = await repo.openCount(actor.userId);
    return {
      count: rows.length,
      overdue: rows.filter((r) =>
        followUpOverdue({ status: 'OPEN', dueDate: r.dueDate }, ctx.todayIn(r.timeZone)),
      ).length,
    };
  }

  /** GET /api/inspections/assignable?unitId=: accounts that may be told to act on a finding of the unit. */
  async function assignable(actor: Actor, unitId: string) {
    requireAny(actor, 'inspections.write');
    const u = await repo.unit(unitId);
    if (!u) throw notFound('Unit');
    requireUnit(actor, 'inspections.write', u.path);
    const rows = (await repo.grantsOf(null)).filter(
      (g) =>
        ['ADMIN_OPD', 'PIMPINAN'].includes(g.role) && g.unitPath !== null && u.path.startsWith(g.unitPath),
    );
    return { items: rows.map((r) => ({ userId: r.userId, name: r.name, role: r.role })) };
  }

  /** For the notification service: resolves when the caller may still see the finding. */
  async function canOpen(actor: Actor, entityType: string, id: string) {
    if (entityType !== 'inspection_finding') throw notFound('Temuan');
    return loadFinding(actor, id);
  }

  return { view, assign, report, close, openCase, list, count, assignable, canOpen };
}
