import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import {
  COMPLAINT_STEPS,
  answerDueOn,
  isOverdue,
  stepAllowed,
  type ComplaintStep,
} from '../../../core/oversight/complaints.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  COMPLAINT_STATUS_LABELS,
  type ComplaintDetail,
  type ComplaintInboxCount,
  type ComplaintsItem,
  type ComplaintsList,
  type ComplaintsListInput,
} from '../../../shared/api/complaints.ts';
import type { Db } from '../../db/database.ts';
import { handles, isReported, manages, mayRead, seesReporter } from './complaints-access.ts';
import type { ComplaintsContext } from './complaints-context.ts';
import type { ComplaintRow, ComplaintsFilter } from './complaints-repo.ts';

/**
 * The officials' side: the list in scope, one complaint (the reporter only for handling officials), BKD's routing
 * to the responsible OPD with the service level's due date, rejection, the OPD's answer, and a discipline case
 * opened from a complaint. Every step is audited and leaves an event. Source: issue 18 point 2.
 */
export function createHandlingSection(ctx: ComplaintsContext) {
  const { db, repo, audit, clock, config } = ctx;

  const item = (c: ComplaintRow): ComplaintsItem => ({
    id: c.id,
    number: c.number,
    channel: c.channel,
    laporId: c.laporId,
    category: c.category,
    unitId: c.unitId,
    unitName: c.unitName,
    handlingUnitId: c.handlingUnitId,
    handlingUnitName: c.handlingUnitName,
    title: c.title,
    status: c.status,
    receivedAt: c.receivedAt.toISOString(),
    dueOn: c.dueOn,
    overdue: isOverdue(c.status, c.dueOn, ctx.todayIn(c.unitZone)),
  });

  /** The list filter of the caller (403 without complaints.read anywhere). */
  /** Who the caller is as a possible subject of a complaint (left out of what they read and count). */
  const notAboutOf = (actor: Actor) => ({
    employeeId: actor.employeeId,
    nip: actor.nip ? actor.nip.replace(/\D/g, '') || null : null,
  });

  async function filterOf(
    actor: Actor,
    q: Omit<ComplaintsListInput, 'page' | 'pageSize'>,
  ): Promise<ComplaintsFilter> {
    const readScope = requireAny(actor, 'complaints.read');
    if (q.unitId) {
      const unit = await repo.unit(q.unitId);
      if (!unit) throw notFound('Unit');
      requireUnit(actor, 'complaints.read', unit.path);
    }
    // Overdue is judged on the day of the Western zone (the earliest of the three): never earlier than the unit's.
    const today = ctx.todayIn('Asia/Jakarta');
    return {
      readScope,
      manageScope: scopeOf(actor, 'complaints.manage'),
      unitId: q.unitId,
      status: q.status,
      category: q.category,
      overdueOn: q.overdue === 'true' ? today : undefined,
      notOverdueOn: q.overdue === 'false' ? today : undefined,
      from: q.from,
      to: q.to,
      q: q.q,
      notAbout: {
        employeeId: actor.employeeId,
        nip: actor.nip ? actor.nip.replace(/\D/g, '') || null : null,
      },
    };
  }

  async function list(actor: Actor, q: ComplaintsListInput): Promise<ComplaintsList> {
    const f = await filterOf(actor, q);
    const rows = await repo.list(f, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(item), total: await repo.count(f), page: q.page, pageSize: q.pageSize };
  }

  /** Rows of the list for an export, page by page. */
  async function exportRows(
    actor: Actor,
    q: Omit<ComplaintsListInput, 'page' | 'pageSize'>,
    limit: number,
    offset: number,
  ) {
    const f = await filterOf(actor, q);
    return (await repo.list(f, limit, offset)).map((c) => {
      const i = item(c);
      return {
        number: i.number,
        channel: i.channel,
        laporId: i.laporId ?? '',
        category: i.category,
        unit: i.unitName,
        handlingUnit: i.handlingUnitName ?? '',
        title: i.title,
        status: COMPLAINT_STATUS_LABELS[i.status],
        receivedAt: formatDdMmYyyy(localDateAt(c.receivedAt.getTime(), c.unitZone as IndonesianTimeZone)),
        dueOn: i.dueOn ? formatDdMmYyyy(i.dueOn) : '',
        overdue: i.overdue ? 'Ya' : '',
      };
    });
  }

  async function exportTotal(actor: Actor, q: Omit<ComplaintsListInput, 'page' | 'pageSize'>) {
    return repo.count(await filterOf(actor, q));
  }

  /** A complaint the caller may read; another's is 404 (its existence is not revealed). */
  async function load(actor: Actor, id: string, exec: Db = db, forUpdate = false): Promise<ComplaintRow> {
    const c = await repo.get(id, exec, forUpdate);
    if (!c || !mayRead(actor, c)) throw notFound('Pengaduan');
    return c;
  }

  const can = (actor: Actor, c: ComplaintRow) => {
    const reported = isReported(actor, c);
    const m = !reported && manages(actor, c);
    const h = !reported && handles(actor, c);
    return {
      route: m && stepAllowed('route', c.status),
      reject: m && stepAllowed('reject', c.status),
      answer: h && stepAllowed('answer', c.status),
      openCase: (m || h) && !c.disciplineCaseId && c.status !== 'DITOLAK',
    };
  };

  async function get(actor: Actor, id: string): Promise<ComplaintDetail> {
    const c = await load(actor, id);
    const identity = seesReporter(actor, c);
    return {
      ...item(c),
      description: c.description,
      reportedName: c.reportedName,
      reportedEmployeeId: c.reportedEmployeeId,
      reportedEmployeeName: c.reportedEmployeeName,
      incidentDate: c.incidentDate,
      latitude: c.latitude,
      longitude: c.longitude,
      reporter: identity ? { name: c.reporterName, contact: c.reporterContact } : null,
      identityVisible: identity,
      answer: c.answer,
      answeredAt: c.answeredAt?.toISOString() ?? null,
      routedAt: c.routedAt?.toISOString() ?? null,
      disciplineCaseId: c.disciplineCaseId,
      photos: identity ? await repo.photos(c.id) : [],
      events: (await repo.events(c.id)).map((e) => ({ ...e, at: e.at.toISOString() })),
      can: can(actor, c),
    };
  }

  /** Loads for a step inside the writing transaction: readable, the caller's role for it, the status allowing it. */
  async function forStep(actor: Actor, id: string, trx: Db, step: ComplaintStep) {
    const c = await load(actor, id, trx, true);
    if (isReported(actor, c))
      throw forbidden('Anda tidak dapat menangani pengaduan yang ditujukan kepada diri Anda sendiri');
    if (step === 'answer' ? !handles(actor, c) : !manages(actor, c))
      throw forbidden(
        step === 'answer'
          ? 'Hanya pengelola pengaduan OPD yang menerima pengaduan ini yang dapat menjawabnya'
          : 'Hanya pengelola pengaduan BKD yang dapat meneruskan atau menutup pengaduan',
      );
    if (!stepAllowed(step, c.status))
      throw new AppError(
        'CONFLICT',
        `Pengaduan berstatus "${COMPLAINT_STATUS_LABELS[c.status]}"; langkah ini hanya untuk status ${COMPLAINT_STEPS[
          step
        ]
          .map((s) => `"${COMPLAINT_STATUS_LABELS[s]}"`)
          .join(' atau ')}`,
      );
    return c;
  }

  /** BKD routes the complaint to the responsible OPD; the due date is the routing day plus COMPLAINT_SLA_DAYS. */
  async function route(
    actor: Actor,
    id: string,
    body: {
      handlingUnitId: string;
      reportedEmployeeId?: string | null | undefined;
      note?: string | undefined;
    },
  ) {
    return db.transaction().execute(async (trx) => {
      const c = await forStep(actor, id, trx, 'route');
      const unit = await repo.unit(body.handlingUnitId, trx);
      if (!unit) throw fieldError('handlingUnitId', 'Unit tujuan tidak ditemukan');
      requireUnit(actor, 'complaints.manage', unit.path);
      // Checked under the row lock: a repeat of the same routing (a double tap, a retry) changes nothing.
      if (c.status === 'DITERUSKAN' && c.handlingUnitId === unit.id)
        throw new AppError(
          'CONFLICT',
          `Pengaduan ini sudah diteruskan ke ${unit.name}; pilih OPD lain untuk meneruskannya ulang`,
        );
      let reportedEmployeeId = c.reportedEmployeeId;
      if (body.reportedEmployeeId !== undefined) {
        if (body.reportedEmployeeId) {
          const emp = await repo.employee(body.reportedEmployeeId, trx);
          if (!emp) throw fieldError('reportedEmployeeId', 'Pegawai tidak ditemukan');
          if (actor.employeeId === emp.id)
            throw forbidden('Anda tidak dapat menangani pengaduan yang ditujukan kepada diri Anda sendiri');
        }
        reportedEmployeeId = body.reportedEmployeeId ?? null;
      }
      const now = clock.now();
      const dueOn = answerDueOn(ctx.todayIn(unit.timeZone), config.complaints.slaDays);
      await repo.update(
        trx,
        c.id,
        { status: 'DITERUSKAN', handlingUnitId: unit.id, reportedEmployeeId, routedAt: now, dueOn },
        now,
      );
      await repo.addEvent(trx, {
        complaintId: c.id,
        action: c.status === 'DITERUSKAN' ? 'rerouted' : 'routed',
        fromStatus: c.status,
        toStatus: 'DITERUSKAN',
        note: body.note ?? null,
        actorId: actor.userId,
        actorName: actor.displayName,
        at: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'complaint.routed',
        entityType: 'complaint',
        entityId: c.id,
        unitId: unit.id,
        before: { status: c.status, handlingUnitId: c.handlingUnitId },
        after: { status: 'DITERUSKAN', handlingUnitId: unit.id, dueOn, slaDays: config.complaints.slaDays },
      });
      await ctx.notifyHandlers(trx, { ...c, reportedEmployeeId }, unit.path, formatDdMmYyyy(dueOn), [
        actor.userId,
      ]);
    });
  }

  /** BKD closes a received complaint without routing it; the reason is the answer the complainant sees. */
  async function reject(actor: Actor, id: string, body: { reason: string }) {
    return db.transaction().execute(async (trx) => {
      const c = await forStep(actor, id, trx, 'reject');
      const now = clock.now();
      await repo.update(
        trx,
        c.id,
        { status: 'DITOLAK', answer: body.reason, answeredAt: now, answeredBy: actor.userId },
        now,
      );
      await repo.addEvent(trx, {
        complaintId: c.id,
        action: 'rejected',
        fromStatus: c.status,
        toStatus: 'DITOLAK',
        note: body.reason,
        actorId: actor.userId,
        actorName: actor.displayName,
        at: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'complaint.rejected',
        entityType: 'complaint',
        entityId: c.id,
        unitId: c.unitId,
        before: { status: c.status },
        after: { status: 'DITOLAK', reason: body.reason },
      });
    });
  }

  /** The OPD's handler answers; the answer is what the complainant sees on the tracking page. */
  async function answer(actor: Actor, id: string, body: { answer: string; note?: string | undefined }) {
    return db.transaction().execute(async (trx) => {
      const c = await forStep(actor, id, trx, 'answer');
      const now = clock.now();
      await repo.update(
        trx,
        c.id,
        { status: 'DIJAWAB', answer: body.answer, answeredAt: now, answeredBy: actor.userId },
        now,
      );
      await repo.addEvent(trx, {
        complaintId: c.id,
        action: 'answered',
        fromStatus: c.status,
        toStatus: 'DIJAWAB',
        note: body.note ?? null,
        actorId: actor.userId,
        actorName: actor.displayName,
        at: now,
      });
      const late = isOverdue(c.status, c.dueOn, ctx.todayIn(c.unitZone));
      await audit.record(trx, ctxOf(actor), {
        action: 'complaint.answered',
        entityType: 'complaint',
        entityId: c.id,
        unitId: c.handlingUnitId,
        before: { status: c.status },
        after: { status: 'DIJAWAB', answer: body.answer, dueOn: c.dueOn, late },
      });
    });
  }

  /**
   * Opens a discipline case from the complaint through the discipline service (its own checks: superior or
   * discipline reader over the employee); source NETRALITAS for a neutrality complaint, PENGADUAN otherwise.
   */
  async function openCase(
    actor: Actor,
    id: string,
    body: {
      employeeId: string;
      violationCode: string;
      violationDate: string;
      description: string;
      expectedLevel: 'ringan' | 'sedang' | 'berat';
    },
  ) {
    // The checks, then the discipline service's own transaction, then ours: the request's unit of work commits the
    // three together (a transaction of ours held open around the discipline call would wait on itself). The row is
    // locked first on the unit of work's connection (held to its commit): simultaneous calls queue here, and the
    // later ones find the case opened (409) before asking the discipline service for another.
    const c = await load(actor, id, db, true);
    if (isReported(actor, c) || !(manages(actor, c) || handles(actor, c)))
      throw forbidden('Hanya pengelola pengaduan yang dapat membuka kasus disiplin dari pengaduan ini');
    if (!can(actor, c).openCase)
      throw new AppError(
        'CONFLICT',
        c.disciplineCaseId
          ? 'Pengaduan ini sudah membuka kasus disiplin'
          : 'Pengaduan yang ditutup tanpa tindak lanjut tidak dapat membuka kasus disiplin',
      );
    const view = await ctx.discipline().cases.open(actor, {
      employeeId: body.employeeId,
      source: c.category === 'NETRALITAS' ? 'NETRALITAS' : 'PENGADUAN',
      sourceRef: `Pengaduan ${c.number}${c.laporId ? ` (SP4N-LAPOR! ${c.laporId})` : ''}`,
      violationCode: body.violationCode,
      violationDate: body.violationDate,
      description: body.description,
      expectedLevel: body.expectedLevel,
    });
    return db.transaction().execute(async (trx) => {
      const locked = await repo.get(c.id, trx, true);
      if (locked?.disciplineCaseId)
        throw new AppError('CONFLICT', 'Pengaduan ini sudah membuka kasus disiplin');
      const now = clock.now();
      await repo.update(
        trx,
        c.id,
        { disciplineCaseId: view.case.id, reportedEmployeeId: body.employeeId },
        now,
      );
      await repo.addEvent(trx, {
        complaintId: c.id,
        action: 'case_opened',
        fromStatus: c.status,
        toStatus: c.status,
        note: null,
        actorId: actor.userId,
        actorName: actor.displayName,
        at: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'complaint.case_opened',
        entityType: 'complaint',
        entityId: c.id,
        unitId: c.handlingUnitId ?? c.unitId,
        after: {
          disciplineCaseId: view.case.id,
          employeeId: body.employeeId,
          violationCode: body.violationCode,
        },
      });
      return { disciplineCaseId: view.case.id };
    });
  }

  /** What waits on the caller: complaints to route (BKD) and to answer (the OPD), and how many are overdue. */
  async function inboxCount(actor: Actor): Promise<ComplaintInboxCount> {
    return repo.inboxCounts(
      scopeOf(actor, 'complaints.manage'),
      scopeOf(actor, 'complaints.handle'),
      ctx.todayIn('Asia/Jakarta'),
      notAboutOf(actor),
    );
  }

  /** A photo of a complaint: only for who sees the reporter (a photo can show them); every view is logged. */
  async function canViewPhoto(actor: Actor, photoId: string): Promise<boolean> {
    const p = await repo.photo(photoId);
    if (!p) throw notFound('Foto pengaduan');
    const c = await load(actor, p.complaintId);
    return seesReporter(actor, c);
  }

  async function photo(actor: Actor, complaintId: string, photoId: string) {
    const p = await repo.photo(photoId);
    if (!p || p.complaintId !== complaintId) throw notFound('Foto pengaduan');
    return ctx.files.view(actor, 'complaint_photo', photoId);
  }

  return {
    list,
    exportRows,
    exportTotal,
    get,
    route,
    reject,
    answer,
    openCase,
    inboxCount,
    canViewPhoto,
    photo,
    load,
  };
}
