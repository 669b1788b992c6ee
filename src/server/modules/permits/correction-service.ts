import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import type { Actor } from '../../auth/authz.ts';
import type { StatusService } from '../statuses/status-service.ts';
import { addDays } from '../../../core/common/local-date.ts';
import {
  formatHhmm,
  fromZoned,
  parseHhmm,
  toZoned,
  ZONE_LABEL,
  type IndonesianTimeZone,
} from '../../../core/common/zoned-time.ts';
import type {
  cancelSchema,
  Correction,
  correctionInputSchema,
  decisionSchema,
  requestListQuerySchema,
} from '../../../shared/api/permits.ts';
import type { CorrectionRow, Exec, PermitsRepo } from './permits-repo.ts';
import { nameOf, requestPages, type RequestSupport } from './request-support.ts';
import { judgeLateness, presentLateness, type RequestWindowDeps } from './request-window.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import { messages } from '../../lib/notification-messages.ts';

type Deps = {
  db: Db;
  repo: PermitsRepo;
  support: RequestSupport;
  audit: AuditService;
  clock: Clock;
  statuses?: Pick<StatusService, 'markDirty'>;
  /** The rulebook's window for corrections (`attendance.requestWindows`); without it none is late. */
  window?: Omit<RequestWindowDeps, 'clock'>;
  /** A correction waiting for its decider, a decision for the employee (issue 13 point 6). */
  notifications?: Pick<NotificationService, 'notify' | 'deciders'>;
};
type ListQuery = z.infer<typeof requestListQuerySchema>;

export const CORRECTION_EXPORT_COLUMNS = [
  { header: 'NIP', key: 'nip', width: 22 },
  { header: 'Nama', key: 'name', width: 36 },
  { header: 'Unit', key: 'unit', width: 36 },
  { header: 'Tanggal', key: 'date', width: 12 },
  { header: 'Masuk', key: 'checkIn', width: 8 },
  { header: 'Pulang', key: 'checkOut', width: 8 },
  { header: 'Zona', key: 'zone', width: 6 },
  { header: 'Kategori', key: 'category', width: 20 },
  { header: 'Alasan', key: 'reason', width: 40 },
  { header: 'Status', key: 'status', width: 12 },
  { header: 'Diputuskan oleh', key: 'decidedBy', width: 30 },
  { header: 'Catatan', key: 'note', width: 40 },
];

const localTime = (at: Date | null, zone: string) =>
  at === null ? null : formatHhmm(toZoned(at.getTime(), zone as IndonesianTimeZone).minute);

function toCorrection(r: CorrectionRow): Correction {
  return {
    id: r.id,
    employeeId: r.employeeId,
    employeeName: nameOf(r),
    nip: r.nip,
    unitName: r.unitName,
    date: r.localDate,
    timeZone: r.timeZone,
    checkIn: localTime(r.checkInAt, r.timeZone),
    checkOut: localTime(r.checkOutAt, r.timeZone),
    category: r.category as Correction['category'],
    reason: r.reason,
    status: r.status as Correction['status'],
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
 * Attendance corrections (forgot to punch, terminal failure; regulations.md §4.3 "I … forgot to punch", §3.2):
 * the missing check-in and/or check-out of one past date in the unit's local time, with evidence, decided by the
 * direct superior (incl. Plt/Plh). A correction is its own record: punches are append-only and never touched;
 * the daily status reads approved corrections as extra punches (`approvedCorrectionPunches`).
 */
export function createCorrectionService(deps: Deps) {
  const { db, repo, support, audit, clock, statuses, notifications } = deps;

  async function markDirty(employeeId: string, date: string) {
    // The day before too: a night shift's check-out belongs to the previous day.
    await statuses?.markDirty(employeeId, [addDays(date, -1), date], 'correction');
  }

  async function request(actor: Actor, input: z.infer<typeof correctionInputSchema>) {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat mengajukan koreksi presensi');
    const emp = await repo.employeeContext(actor.employeeId);
    if (!emp) throw notFound('Pegawai');
    const zone = emp.timeZone as IndonesianTimeZone;
    const now = clock.now().getTime();
    const today = toZoned(now, zone).date;
    if (input.date > today)
      throw fieldError('date', 'Koreksi tidak dapat diajukan untuk tanggal yang akan datang');
    const inAt = input.checkIn ? fromZoned(input.date, parseHhmm(input.checkIn), zone) : null;
    const outAt = input.checkOut ? fromZoned(input.date, parseHhmm(input.checkOut), zone) : null;
    if (inAt === null && outAt === null)
      throw fieldError('checkIn', 'Isi jam masuk dan/atau jam pulang yang terlewat');
    if (inAt !== null && inAt > now) throw fieldError('checkIn', 'Jam masuk belum terjadi');
    if (outAt !== null && outAt > now) throw fieldError('checkOut', 'Jam pulang belum terjadi');
    if (inAt !== null && outAt !== null && outAt <= inAt)
      throw fieldError('checkOut', 'Jam pulang harus setelah jam masuk');
    if (!input.evidenceHash)
      throw fieldError(
        'evidenceHash',
        'Bukti wajib diunggah (mis. foto daftar hadir manual atau surat keterangan)',
      );
    await support.requireOwnFile(actor, input.evidenceHash, 'evidenceHash');
    await support.assertOpen(emp.unitPath, input.date, input.date);
    // Past the rulebook's window: refused, or stored as late for the approver (issue 13 point 11).
    const late = deps.window
      ? await judgeLateness(
          { ...deps.window, clock },
          emp,
          'correction',
          input.date,
          'date',
          'Koreksi presensi',
        )
      : { lateDays: null, lateWindowDays: null };

    const id = await db.transaction().execute(async (trx) => {
      await sql`select id from employees where id = ${emp.id} for update`.execute(trx);
      const clash = await repo.activeCorrection(emp.id, input.date, trx);
      if (clash)
        throw new AppError(
          'CONFLICT',
          `Sudah ada koreksi presensi (${clash.status.toLowerCase()}) untuk tanggal ${input.date}`,
          { correctionId: clash.id },
        );
      const row = await trx
        .insertInto('corrections')
        .values({
          employeeId: emp.id,
          localDate: input.date,
          timeZone: zone,
          checkInAt: inAt === null ? null : new Date(inAt),
          checkOutAt: outAt === null ? null : new Date(outAt),
          category: input.category,
          reason: input.reason,
          evidenceHash: input.evidenceHash!,
          status: 'DIAJUKAN',
          requestedBy: actor.userId,
          createdAt: clock.now(),
          ...late,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await support.attachFile(trx, actor, input.evidenceHash!, { kind: 'correction', id: row.id });
      await audit.record(trx, ctxOf(actor), {
        action: 'correction.requested',
        entityType: 'correction',
        entityId: row.id,
        unitId: emp.unitId,
        after: { ...input, zone: ZONE_LABEL[zone] },
      });
      if (notifications)
        await notifications.notify(trx, {
          employeeIds: await notifications.deciders(trx, emp.id),
          subjectEmployeeId: emp.id,
          ...messages.correctionWaiting({ id: row.id, employeeName: nameOf(emp), date: input.date }),
        });
      return row.id;
    });
    return toCorrection((await repo.findCorrection(id))!);
  }

  async function get(actor: Actor, id: string) {
    const c = await repo.findCorrection(id);
    if (!c) throw notFound('Koreksi presensi');
    if (!(await support.mayRead(actor, c))) throw forbidden('Anda tidak berwenang melihat koreksi ini');
    return toCorrection(c);
  }

  async function decide(actor: Actor, id: string, input: z.infer<typeof decisionSchema>) {
    const c = await repo.findCorrection(id);
    if (!c) throw notFound('Koreksi presensi');
    const dates = { from: c.localDate, to: c.localDate };
    await support.checkDecision(actor, c, input, 'koreksi', dates);
    const approve = input.decision === 'APPROVE';
    await db.transaction().execute(async (trx) => {
      await support.writeDecision(trx, 'corrections', id, actor, input, 'koreksi');
      await audit.record(trx, ctxOf(actor), {
        action: approve ? 'correction.approved' : 'correction.rejected',
        entityType: 'correction',
        entityId: id,
        unitId: c.unitId,
        before: { status: c.status },
        after: { status: approve ? 'DISETUJUI' : 'DITOLAK', note: input.note },
      });
      await notifications?.notify(trx, {
        employeeIds: [c.employeeId],
        subjectEmployeeId: c.employeeId,
        ...messages.correctionDecided({
          id,
          date: c.localDate,
          approved: approve,
          deciderName: actor.displayName,
          note: input.note,
        }),
      });
    });
    if (approve) await markDirty(c.employeeId, c.localDate);
    return toCorrection((await repo.findCorrection(id))!);
  }

  async function cancel(actor: Actor, id: string, input: z.infer<typeof cancelSchema>) {
    const c = await repo.findCorrection(id);
    if (!c) throw notFound('Koreksi presensi');
    const dates = { from: c.localDate, to: c.localDate };
    await support.checkCancel(c, c.employeeId === actor.employeeId, 'koreksi', dates);
    await db.transaction().execute(async (trx) => {
      await support.writeCancel(trx, 'corrections', c, actor, input.note, 'koreksi');
      await audit.record(trx, ctxOf(actor), {
        action: 'correction.cancelled',
        entityType: 'correction',
        entityId: id,
        unitId: c.unitId,
        before: { status: c.status },
        after: { status: 'DIBATALKAN', note: input.note },
      });
    });
    if (c.status === 'DISETUJUI') await markDirty(c.employeeId, c.localDate);
    return toCorrection((await repo.findCorrection(id))!);
  }

  const { mine, inbox, inboxCount, list } = requestPages(support, {
    count: repo.countCorrections,
    list: repo.listCorrections,
    toItem: toCorrection,
  });

  async function exportRows(actor: Actor, q: ListQuery) {
    const rows = await repo.listCorrections(await support.listFilter(actor, q), 10_000, 0);
    return rows.map((r) => {
      const c = toCorrection(r);
      return {
        nip: c.nip ?? '',
        name: c.employeeName,
        unit: c.unitName,
        date: c.date,
        checkIn: c.checkIn ?? '',
        checkOut: c.checkOut ?? '',
        zone: ZONE_LABEL[c.timeZone as IndonesianTimeZone] ?? c.timeZone,
        category: c.category,
        reason: c.reason,
        status: c.status,
        decidedBy: c.decidedByName ?? '',
        note: c.decisionNote ?? c.cancelNote ?? '',
      };
    });
  }

  /** The correction's evidence, for those who may read the correction (`mayRead`); every view logged. */
  const evidenceOf = (actor: Actor, id: string) => support.serve(actor, 'correction', id);

  /**
   * Approved corrections as punches for the daily status (contract of issue 5): each approved check-in /
   * check-out instant in [fromMs, toMs), read through `exec` when given.
   */
  async function approvedCorrectionPunches(
    employeeIds: string[],
    fromMs: number,
    toMs: number,
    exec?: Exec,
  ): Promise<Array<{ employeeId: string; at: Date; source: 'correction' }>> {
    const rows = await repo.approvedCorrections(employeeIds, fromMs, toMs, exec ?? db);
    const out: Array<{ employeeId: string; at: Date; source: 'correction' }> = [];
    for (const r of rows)
      for (const at of [r.checkInAt, r.checkOutAt])
        if (at !== null && at.getTime() >= fromMs && at.getTime() < toMs)
          out.push({ employeeId: r.employeeId, at, source: 'correction' });
    return out.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  return {
    request,
    get,
    decide,
    cancel,
    mine,
    inbox,
    inboxCount,
    list,
    exportRows,
    evidenceOf,
    approvedCorrectionPunches,
  };
}

export type CorrectionService = ReturnType<typeof createCorrectionService>;
