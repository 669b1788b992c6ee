import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import type { ApprovedAbsence } from '../../../core/attendance/classify-day.ts';
import type { WorkLocation } from '../../../core/attendance/status-codes.ts';
import { addDays, eachDay, isoWeekday, maxDate, minDate } from '../../../core/common/local-date.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import { checkFlexibleWorkCap, type FlexibleDay } from '../../../core/schedule/resolve-schedule.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  isFlexibleKind,
  permitRequestIssues,
  permitsCollide,
  type PermitKind,
  type PermitPart,
} from '../../../core/permits/permit-request.ts';
import type {
  cancelSchema,
  decisionSchema,
  Permit,
  permitInputSchema,
  permitRecordSchema,
  requestListQuerySchema,
} from '../../../shared/api/permits.ts';
import type { PermitRow, PermitsRepo, Exec } from './permits-repo.ts';
import { nameOf, requestPages, type RequestSupport } from './request-support.ts';
import { judgeLateness, presentLateness } from './request-window.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import { messages } from '../../lib/notification-messages.ts';

type Deps = {
  db: Db;
  repo: PermitsRepo;
  support: RequestSupport;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  statuses?: Pick<StatusService, 'markDirty'>;
  /** A request waiting for its decider, a decision for the employee (issue 13 point 6). */
  notifications?: Pick<NotificationService, 'notify' | 'deciders'>;
};

type PermitInput = z.infer<typeof permitInputSchema>;
type ListQuery = z.infer<typeof requestListQuerySchema>;

const KIND_LABEL: Record<PermitKind, string> = {
  I: 'Izin',
  S: 'Sakit',
  DL: 'Dinas luar',
  TGL: 'Tugas luar',
  TB: 'Tugas belajar',
  DIKLAT: 'Diklat',
  WFH: 'WFH',
  WFA: 'WFA',
};

/** Export columns of the scoped permit list. */
export const PERMIT_EXPORT_COLUMNS = [
  { header: 'NIP', key: 'nip', width: 22 },
  { header: 'Nama', key: 'name', width: 36 },
  { header: 'Unit', key: 'unit', width: 36 },
  { header: 'Jenis', key: 'kind', width: 10 },
  { header: 'Bagian', key: 'part', width: 10 },
  { header: 'Dari', key: 'from', width: 12 },
  { header: 'Sampai', key: 'to', width: 12 },
  { header: 'Alasan', key: 'reason', width: 40 },
  { header: 'Nomor surat', key: 'letter', width: 24 },
  { header: 'Tujuan', key: 'destination', width: 30 },
  { header: 'Status', key: 'status', width: 12 },
  { header: 'Diputuskan oleh', key: 'decidedBy', width: 30 },
  { header: 'Catatan', key: 'note', width: 40 },
];

const EXPORT_LIMIT = 10_000;

function toPermit(r: PermitRow): Permit {
  return {
    id: r.id,
    employeeId: r.employeeId,
    employeeName: nameOf(r),
    nip: r.nip,
    unitName: r.unitName,
    kind: r.kind as PermitKind,
    part: r.part as PermitPart,
    dateFrom: r.dateFrom,
    dateTo: r.dateTo,
    reason: r.reason,
    letterNumber: r.letterNumber,
    letterDate: r.letterDate,
    hasFile: r.fileHash !== null,
    destination:
      r.destination !== null && r.lat !== null && r.lon !== null
        ? { name: r.destination, lat: r.lat, lon: r.lon, radiusM: r.radiusM ?? 0 }
        : null,
    status: r.status as Permit['status'],
    recordedByAdmin: r.recordedByAdmin,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    cancelNote: r.cancelNote,
    createdAt: r.createdAt.toISOString(),
    late: presentLateness(r),
  };
}

/**
 * Permits and assignments (regulations.md §4.3): izin (a day, lateness, early leave), sakit, dinas luar with its
 * letter and destination (a punch geofence once approved), tugas luar, tugas belajar, diklat, and WFH/WFA days
 * within the weekly cap (PermenPANRB 4/2025). Requested by the employee and decided by the direct superior
 * (incl. Plt/Plh); admin OPD may record DL / TB / DIKLAT on a signed letter (final at once). Every step audited
 * in its transaction; approved days queued for the daily status after commit.
 */
export function createPermitService(deps: Deps) {
  const { db, repo, support, audit, clock, config, rulebooks, statuses, notifications } = deps;
  const rulesOn = (date: string) => rulebooks.rulesOn(config.rulebookRegion, date);

  async function markDirty(employeeId: string, from: string, to: string) {
    await statuses?.markDirty(employeeId, eachDay(from, to), 'permit');
  }

  async function employee(employeeId: string) {
    const emp = await repo.employeeContext(employeeId);
    if (!emp) throw notFound('Pegawai');
    return emp;
  }
  type Emp = Awaited<ReturnType<typeof employee>>;

  function invalid(issues: { path: string; message: string }[]): never {
    throw new AppError('VALIDATION', issues.map((i) => i.message).join('; '), issues);
  }

  /**
   * WFH/WFA: only allowed locations and at most `schedule.flexible.maxFlexibleDaysPerWeek` working days per ISO
   * week, counting the employee's pending and approved flexible days. Source: PermenPANRB 4/2025;
   * regulations.md §3.3; rulebook schedule.flexible.
   */
  async function checkFlexible(
    emp: Emp,
    input: PermitInput,
    rules: Awaited<ReturnType<typeof rulesOn>>,
    exec: Exec,
  ) {
    const calendar = buildCalendar(rules.calendar, {
      unitCode: emp.unitCode,
      zone: emp.timeZone as IndonesianTimeZone,
    });
    const location = input.kind as WorkLocation;
    const wanted = eachDay(input.dateFrom, input.dateTo).filter((d) => calendar.isWorkingDay(d));
    if (wanted.length === 0)
      invalid([{ path: 'dateFrom', message: 'Tidak ada hari kerja pada tanggal yang dipilih' }]);
    const weekFrom = addDays(input.dateFrom, 1 - isoWeekday(input.dateFrom));
    const weekTo = addDays(input.dateTo, 7 - isoWeekday(input.dateTo));
    const existing = (await repo.activePermits(emp.id, weekFrom, weekTo, exec)).filter((p) =>
      isFlexibleKind(p.kind),
    );
    const days: FlexibleDay[] = [];
    for (const p of existing)
      for (const d of eachDay(maxDate(p.dateFrom, weekFrom), minDate(p.dateTo, weekTo)))
        if (calendar.isWorkingDay(d)) days.push({ date: d, location: p.kind as WorkLocation });
    for (const d of wanted) days.push({ date: d, location });
    const r = checkFlexibleWorkCap({ rules: rules.schedule, days });
    const issues = [
      ...r.disallowed.map((x) => ({ path: 'kind', message: x.message })),
      ...r.violations.map((v) => ({
        path: 'dateFrom',
        message: `Melebihi batas kerja fleksibel: ${v.message} (${rules.schedule.flexible.legalBasis.regulation})`,
      })),
    ];
    if (issues.length > 0) invalid(issues);
  }

  /** Validate and store a request (pending), or a record by admin (approved at once). */
  async function create(actor: Actor, emp: Emp, input: PermitInput, byAdmin: boolean) {
    const rules = await rulesOn(input.dateFrom);
    const kindRule = rules.attendance.permitRules?.kinds.find((k) => k.code === input.kind) ?? null;
    const destination = input.destination?.name?.trim() ? input.destination : null;
    const issues = permitRequestIssues({ ...input, destination }, kindRule);
    if (byAdmin && !isFlexibleKind(input.kind) && kindRule && !kindRule.adminMayRecord)
      issues.push({
        path: 'kind',
        message: `${KIND_LABEL[input.kind]} tidak dapat dicatat oleh admin; diajukan pegawai`,
      });
    if (byAdmin && isFlexibleKind(input.kind))
      issues.push({ path: 'kind', message: 'WFH/WFA diajukan sendiri oleh pegawai' });
    if (issues.length > 0) invalid(issues);
    if (input.fileHash) await support.requireOwnFile(actor, input.fileHash, 'fileHash');
    await support.assertOpen(emp.unitPath, input.dateFrom, input.dateTo);
    // Past the rulebook's window for the kind: refused, or stored as late for the approver (issue 13 point 11).
    const late = byAdmin
      ? { lateDays: null, lateWindowDays: null }
      : await judgeLateness(deps, emp, input.kind, input.dateFrom, 'dateFrom', KIND_LABEL[input.kind]);

    const withDestination = kindRule?.destinationRequired || (input.kind === 'DL' && destination !== null);
    const row = await db.transaction().execute(async (trx) => {
      // One employee's requests are checked and written one at a time.
      await sql`select id from employees where id = ${emp.id} for update`.execute(trx);
      const active = await repo.activePermits(emp.id, input.dateFrom, input.dateTo, trx);
      const clash = active.find((p) => permitsCollide(p, { ...input, part: input.part }));
      if (clash)
        throw new AppError(
          'CONFLICT',
          `Sudah ada ${KIND_LABEL[clash.kind as PermitKind]} (${clash.status.toLowerCase()}) pada ${clash.dateFrom}${clash.dateTo !== clash.dateFrom ? ` s.d. ${clash.dateTo}` : ''} yang bertumpang tindih`,
          { permitId: clash.id },
        );
      if (isFlexibleKind(input.kind)) await checkFlexible(emp, input, rules, trx);
      const now = clock.now();
      const inserted = await trx
        .insertInto('permits')
        .values({
          employeeId: emp.id,
          kind: input.kind,
          part: input.part,
          dateFrom: input.dateFrom,
          dateTo: input.dateTo,
          reason: input.reason,
          letterNumber: input.letterNumber?.trim() || null,
          letterDate: input.letterDate ?? null,
          fileHash: input.fileHash ?? null,
          destination: withDestination ? destination!.name.trim() : null,
          lat: withDestination ? destination!.lat : null,
          lon: withDestination ? destination!.lon : null,
          radiusM: withDestination ? destination!.radiusM : null,
          workLocation: isFlexibleKind(input.kind) ? input.kind : (kindRule?.workLocation ?? null),
          status: byAdmin ? 'DISETUJUI' : 'DIAJUKAN',
          requestedBy: actor.userId,
          recordedByAdmin: byAdmin,
          decidedBy: byAdmin ? actor.userId : null,
          decidedAt: byAdmin ? now : null,
          decisionNote: byAdmin ? `Dicatat admin atas dasar surat ${input.letterNumber ?? ''}`.trim() : null,
          createdAt: now,
          ...late,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.fileHash)
        await support.attachFile(trx, actor, input.fileHash, { kind: 'permit', id: inserted.id });
      if (byAdmin) await addFieldAssignment(trx, inserted.id, actor);
      await audit.record(trx, ctxOf(actor), {
        action: byAdmin ? 'permit.recorded' : 'permit.requested',
        entityType: 'permit',
        entityId: inserted.id,
        unitId: emp.unitId,
        after: { ...input, employeeId: emp.id, status: byAdmin ? 'DISETUJUI' : 'DIAJUKAN' },
      });
      if (!byAdmin && notifications)
        await notifications.notify(trx, {
          employeeIds: await notifications.deciders(trx, emp.id),
          subjectEmployeeId: emp.id,
          ...messages.permitWaiting({ ...input, id: inserted.id, employeeName: nameOf(emp) }),
        });
      return inserted;
    });
    if (byAdmin) await markDirty(emp.id, input.dateFrom, input.dateTo);
    return toPermit((await repo.findPermit(row.id))!);
  }

  /** The approved dinas luar's destination becomes a punch geofence on its dates (table field_assignments). */
  async function addFieldAssignment(trx: Exec, permitId: string, actor: Actor) {
    const p = await trx
      .selectFrom('permits')
      .selectAll()
      .where('id', '=', permitId)
      .executeTakeFirstOrThrow();
    if (p.kind !== 'DL' || p.destination === null || p.lat === null || p.lon === null) return null;
    const fa = await trx
      .insertInto('fieldAssignments')
      .values({
        employeeId: p.employeeId,
        dateFrom: p.dateFrom,
        dateTo: p.dateTo,
        letterNumber: p.letterNumber ?? '',
        destination: p.destination,
        lat: p.lat,
        lon: p.lon,
        radiusM: p.radiusM ?? 200,
        status: 'APPROVED',
        createdBy: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('permits').set({ fieldAssignmentId: fa.id }).where('id', '=', permitId).execute();
    return fa.id;
  }

  async function request(actor: Actor, input: PermitInput) {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat mengajukan izin');
    return create(actor, await employee(actor.employeeId), input, false);
  }

  async function record(actor: Actor, input: z.infer<typeof permitRecordSchema>) {
    requireAny(actor, 'permit.record');
    const emp = await employee(input.employeeId);
    requireUnit(actor, 'permit.record', emp.unitPath);
    if (emp.id === actor.employeeId)
      throw forbidden('Anda tidak dapat mencatat penugasan untuk diri sendiri');
    const { employeeId: _ignored, ...rest } = input;
    return create(actor, emp, rest, true);
  }

  /** Read one: the employee, their superior (incl. Plt/Plh) or permit.read in scope. */
  async function get(actor: Actor, id: string) {
    const p = await repo.findPermit(id);
    if (!p) throw notFound('Permohonan izin');
    if (!(await support.mayRead(actor, p))) throw forbidden('Anda tidak berwenang melihat permohonan ini');
    return toPermit(p);
  }

  async function decide(actor: Actor, id: string, input: z.infer<typeof decisionSchema>) {
    const p = await repo.findPermit(id);
    if (!p) throw notFound('Permohonan izin');
    await support.checkDecision(actor, p, input, 'permohonan', { from: p.dateFrom, to: p.dateTo });
    const approve = input.decision === 'APPROVE';
    await db.transaction().execute(async (trx) => {
      await support.writeDecision(trx, 'permits', id, actor, input, 'permohonan');
      const fieldAssignmentId = approve ? await addFieldAssignment(trx, id, actor) : null;
      await audit.record(trx, ctxOf(actor), {
        action: approve ? 'permit.approved' : 'permit.rejected',
        entityType: 'permit',
        entityId: id,
        unitId: p.unitId,
        before: { status: p.status },
        after: { status: approve ? 'DISETUJUI' : 'DITOLAK', note: input.note, fieldAssignmentId },
      });
      await notifications?.notify(trx, {
        employeeIds: [p.employeeId],
        subjectEmployeeId: p.employeeId,
        ...messages.permitDecided({
          ...p,
          approved: approve,
          deciderName: actor.displayName,
          note: input.note,
        }),
      });
    });
    if (approve) await markDirty(p.employeeId, p.dateFrom, p.dateTo);
    return toPermit((await repo.findPermit(id))!);
  }

  /**
   * Cancel: the employee (pending or approved), or admin with permit.record in scope for a record they keep.
   * An approved dinas luar's geofence is cancelled with it.
   */
  async function cancel(actor: Actor, id: string, input: z.infer<typeof cancelSchema>) {
    const p = await repo.findPermit(id);
    if (!p) throw notFound('Permohonan izin');
    const own = p.employeeId === actor.employeeId;
    const admin = p.recordedByAdmin && inScope(scopeOf(actor, 'permit.record'), p.unitPath);
    await support.checkCancel(p, own || admin, 'permohonan', { from: p.dateFrom, to: p.dateTo });
    const wasApproved = p.status === 'DISETUJUI';
    await db.transaction().execute(async (trx) => {
      await support.writeCancel(trx, 'permits', p, actor, input.note, 'permohonan');
      if (p.fieldAssignmentId)
        await trx
          .updateTable('fieldAssignments')
          .set({ status: 'CANCELLED' })
          .where('id', '=', p.fieldAssignmentId)
          .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'permit.cancelled',
        entityType: 'permit',
        entityId: id,
        unitId: p.unitId,
        before: { status: p.status },
        after: { status: 'DIBATALKAN', note: input.note, fieldAssignmentId: p.fieldAssignmentId },
      });
    });
    if (wasApproved) await markDirty(p.employeeId, p.dateFrom, p.dateTo);
    return toPermit((await repo.findPermit(id))!);
  }

  const { mine, inbox, inboxCount, list } = requestPages(support, {
    count: repo.countPermits,
    list: repo.listPermits,
    toItem: toPermit,
  });

  async function exportRows(actor: Actor, q: ListQuery) {
    const rows = await repo.listPermits(await support.listFilter(actor, q), EXPORT_LIMIT, 0);
    return rows.map((r) => ({
      nip: r.nip ?? '',
      name: nameOf(r),
      unit: r.unitName,
      kind: r.kind,
      part: r.part,
      from: r.dateFrom,
      to: r.dateTo,
      reason: r.reason,
      letter: r.letterNumber ?? '',
      destination: r.destination ?? '',
      status: r.status,
      decidedBy: r.decidedByName ?? '',
      note: r.decisionNote ?? r.cancelNote ?? '',
    }));
  }

  /** The permit's letter, for those who may read the permit (request-support `mayRead`); every view logged. */
  const fileOf = (actor: Actor, id: string) => support.serve(actor, 'permit', id);

  /**
   * Approved permits touching from..to as the day classifier takes them (contract of issue 5). Flexible days
   * (WFH/WFA) carry no code and are not absences: see `approvedFlexibleDays`.
   */
  async function approvedAbsences(
    employeeIds: string[],
    from: string,
    to: string,
    exec?: Exec,
  ): Promise<Array<ApprovedAbsence & { employeeId: string }>> {
    const rows = await repo.approvedPermits(employeeIds, from, to, exec ?? db);
    const out: Array<ApprovedAbsence & { employeeId: string }> = [];
    for (const r of rows) {
      if (isFlexibleKind(r.kind)) continue;
      out.push({
        employeeId: r.employeeId,
        code: r.kind as ApprovedAbsence['code'],
        from: r.dateFrom,
        to: r.dateTo,
        part: r.part as PermitPart,
        ...(r.workLocation ? { workLocation: r.workLocation as WorkLocation } : {}),
        note: r.reason,
      });
    }
    return out;
  }

  /**
   * Approved WFH/WFA days touching from..to, one per date (for `resolveDaySchedule({ flexibleDays })`, which
   * sets the day's work location). Source: PermenPANRB 4/2025; regulations.md §3.3.
   */
  async function approvedFlexibleDays(
    employeeIds: string[],
    from: string,
    to: string,
    exec?: Exec,
  ): Promise<Array<FlexibleDay & { employeeId: string }>> {
    const rows = await repo.approvedPermits(employeeIds, from, to, exec ?? db);
    return rows
      .filter((r) => isFlexibleKind(r.kind))
      .flatMap((r) =>
        eachDay(maxDate(r.dateFrom, from), minDate(r.dateTo, to)).map((date) => ({
          employeeId: r.employeeId,
          date,
          location: r.kind as WorkLocation,
        })),
      );
  }

  return {
    request,
    record,
    get,
    decide,
    cancel,
    mine,
    inbox,
    inboxCount,
    list,
    exportRows,
    fileOf,
    approvedAbsences,
    approvedFlexibleDays,
  };
}

export type PermitService = ReturnType<typeof createPermitService>;
