import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type {
  BulkVerifyInput,
  BulkVerifyResult,
  DailyReport,
  ReportInbox,
  ReportStatus,
  VerifyInput,
} from '../../../shared/api/kinerja-reports.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import type { ReportRow, ReportsRepo } from './reports-repo.ts';
import type { RulesMemo } from './reports-service.ts';

type Present = (
  rows: (ReportRow & { dayCode?: string | null })[],
  exec?: Exec,
  rules?: RulesMemo,
) => Promise<DailyReport[]>;

export interface InboxQuery {
  page: number;
  pageSize: number;
  scope: 'mine' | 'overdue-below';
  q?: string;
  employeeId?: string;
  from?: string;
  to?: string;
  overdueOnly?: 'true' | 'false';
}

/**
 * Verification of daily reports by the employee's pejabat penilai on the report date (holder or Plt/Plh, never the
 * employee): accept, or return with a note; one at a time or several with one decision; the inbox with counts and
 * overdue reports, and the overdue reports of the staff below for the superior's superior.
 * Source: regulations.md §5.4 (atasan must validate activities; missing validation is the atasan's negligence);
 * PermenPANRB 6/2022 (pejabat penilai); rulebook `dailyReports.verifyWithinDays` [REG].
 */
export function createReportsVerification(
  ctx: KinerjaContext,
  repo: ReportsRepo,
  present: Present,
  rulesMemo: () => RulesMemo,
) {
  const { db, clock, relations, audit, notifications } = ctx;

  /**
   * Decide one report in the caller's transaction: 403 not its penilai, 404 unknown, 409 not SUBMITTED.
   * @returns the decision and the report as shown after it (the row read first, with the columns the update
   * returned: the answer needs no second read of the view)
   */
  async function decideIn(
    trx: Transaction<Database>,
    actor: Actor,
    id: string,
    input: VerifyInput,
    rules?: RulesMemo,
  ) {
    const row = await repo.shownById(id, trx);
    if (!row) throw notFound('Laporan kinerja harian');
    const { as } = await ctx.requirePenilai(actor, row.employeeId, row.reportDate, trx);
    const status: ReportStatus = input.decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED';
    const note = input.note?.trim() || null;
    const updated = await trx
      .updateTable('dailyReports')
      .set({
        status,
        verifierId: actor.employeeId,
        verifiedAs: as,
        verifiedAt: clock.now(),
        verifyNote: note,
      })
      .where('id', '=', id)
      .where('status', '=', 'SUBMITTED')
      .returningAll()
      .returning((eb) =>
        eb
          .selectFrom('employees as v')
          .select('v.name')
          .whereRef('v.id', '=', 'dailyReports.verifierId')
          .as('verifierName'),
      )
      .executeTakeFirst();
    if (!updated) {
      // Decided by a call that committed after this one read the row: name the state it is in now.
      const current = (await repo.row(id, trx))?.status ?? row.status;
      throw new AppError(
        'CONFLICT',
        current === 'ACCEPTED'
          ? 'Laporan ini sudah diterima; hanya laporan yang menunggu verifikasi yang dapat diverifikasi'
          : 'Laporan ini sudah dikembalikan; tunggu perbaikan dari pegawai',
      );
    }
    if (status === 'RETURNED')
      await notifications.notify(trx, {
        employeeIds: [row.employeeId],
        kind: 'daily_report.returned',
        title: 'Laporan kinerja harian dikembalikan',
        body: `Laporan ${formatDdMmYyyy(row.reportDate)} dikembalikan atasan: ${note ?? ''}. Perbaiki lalu kirim lagi.`,
        link: `/kinerja/bulan?tanggal=${row.reportDate}`,
        entity: { type: 'daily_report', id },
        subjectEmployeeId: row.employeeId,
        once: false,
        exceptUserIds: [actor.userId],
      });
    // The rules the answer shows read before the audit entry, whose append holds the installation-wide audit lock
    // until the request commits.
    if (rules) await rules(clock.now().toISOString().slice(0, 10), trx);
    await audit.record(trx, ctxOf(actor), {
      action: status === 'ACCEPTED' ? 'daily_report.accepted' : 'daily_report.returned',
      entityType: 'daily_report',
      entityId: id,
      unitId: row.unitId,
      before: { status: row.status },
      after: { status, note, verifiedAs: as, reportDate: row.reportDate, minutes: row.minutes },
    });
    // What the view joins by (employee, unit, RHK) unchanged since the first read: the row as it is now.
    const same =
      updated.revision === row.revision &&
      updated.unitId === row.unitId &&
      updated.rhkId === row.rhkId &&
      updated.employeeId === row.employeeId;
    const shown = same
      ? { ...row, ...updated, verifierName: updated.verifierName ?? null, dayCode: row.dayCode }
      : null;
    return { status, shown };
  }

  /** POST /api/kinerja/reports/:id/verify. */
  async function verify(actor: Actor, id: string, input: VerifyInput): Promise<DailyReport> {
    const rules = rulesMemo();
    const { shown } = await db.transaction().execute((trx) => decideIn(trx, actor, id, input, rules));
    const row = shown ?? (await repo.shownById(id));
    return (await present([row!], db, rules))[0]!;
  }

  /** POST /api/kinerja/reports/verify: each report decided on its own; a refused one is reported, not fatal. */
  async function verifyMany(actor: Actor, input: BulkVerifyInput): Promise<BulkVerifyResult> {
    const items: BulkVerifyResult['items'] = [];
    for (const id of [...new Set(input.ids)]) {
      try {
        const { status } = await db
          .transaction()
          .execute((trx) => decideIn(trx, actor, id, { decision: input.decision, note: input.note }));
        items.push({ id, ok: true, status, error: null });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        items.push({ id, ok: false, status: null, error: { code: err.code, message: err.message } });
      }
    }
    const done = items.filter((i) => i.ok).length;
    return { done, failed: items.length - done, items };
  }

  /** The staff the actor verifies today (direct subordinates, also through a Plt/Plh post). */
  async function staffOf(employeeId: string): Promise<string[]> {
    const today = await relations.todayOf(employeeId);
    try {
      return (await relations.subordinatesOn(employeeId, today)).map((s) => s.employeeId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION') return [];
      throw err;
    }
  }

  /**
   * GET /api/kinerja/reports/inbox: SUBMITTED reports of the actor's staff (scope mine) or the overdue reports of
   * their subordinates' staff (scope overdue-below, read only), with counts; filtered, paged, newest date first
   * within each employee (employees by name).
   */
  async function inbox(actor: Actor, q: InboxQuery): Promise<ReportInbox> {
    if (!actor.employeeId) throw forbidden('Kotak verifikasi hanya untuk pejabat penilai');
    let staff = await staffOf(actor.employeeId);
    if (q.scope === 'overdue-below') {
      const below = await Promise.all(staff.map(staffOf));
      staff = [...new Set(below.flat())].filter((id) => id !== actor.employeeId);
    }
    if (q.employeeId && !staff.includes(q.employeeId))
      throw forbidden('Pegawai ini bukan bawahan yang laporannya Anda verifikasi');
    const ids = q.employeeId ? [q.employeeId] : staff;
    let rows: ReportRow[] = [];
    if (ids.length > 0) {
      let query = repo.view().where('r.employeeId', 'in', ids).where('r.status', '=', 'SUBMITTED');
      if (q.from) query = query.where('r.reportDate', '>=', q.from);
      if (q.to) query = query.where('r.reportDate', '<=', q.to);
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'ilike', like), eb('r.activity', 'ilike', like)]),
        );
      }
      rows = (await query
        .orderBy('e.name')
        .orderBy('r.reportDate', 'desc')
        .orderBy('r.createdAt')
        .execute()) as ReportRow[];
    }
    let all = await present(rows);
    if (q.scope === 'overdue-below' || q.overdueOnly === 'true') all = all.filter((r) => r.overdue);
    const byEmployee = new Map<string, ReportInbox['byEmployee'][number]>();
    for (const r of all) {
      const b = byEmployee.get(r.employeeId) ?? {
        employeeId: r.employeeId,
        employeeName: r.employeeName,
        pending: 0,
        overdue: 0,
      };
      b.pending++;
      if (r.overdue) b.overdue++;
      byEmployee.set(r.employeeId, b);
    }
    const start = (q.page - 1) * q.pageSize;
    return {
      scope: q.scope,
      items: all.slice(start, start + q.pageSize),
      total: all.length,
      page: q.page,
      pageSize: q.pageSize,
      counts: {
        total: all.length,
        overdue: all.filter((r) => r.overdue).length,
        flagged: all.filter((r) => r.dayFlag).length,
      },
      byEmployee: [...byEmployee.values()],
    };
  }

  return { verify, verifyMany, inbox };
}
