import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { inScope, requireAny, type Actor } from '../../auth/authz.ts';
import { renderLeaveLetter } from './leave-letter.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { toZoned, ZONE_LABEL, formatHhmm, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { ApprovedAbsence } from '../../../core/attendance/classify-day.ts';
import { LEAVE_TYPE_NAMES, type LeaveListQuery, type LeaveTypeCode } from '../../../shared/api/leave.ts';
import { nameOf, type LeaveContext } from './leave-context.ts';

const EMPLOYEE_TYPE_LABELS: Record<string, string> = {
  PNS: 'PNS',
  CPNS: 'CPNS',
  PPPK: 'PPPK',
  PPPK_PARUH_WAKTU: 'PPPK paruh waktu',
  NON_ASN: 'Non-ASN',
};

/**
 * Reading leave (a section of the leave service, leave-service.ts): the employee's own requests, the deciders'
 * inbox and what a PyBMC granted, the list in scope and its export, the attachment (every view logged), the leave
 * letter of an approved request, and the absence source of the daily statuses. Source: regulations.md §4.1–4.3.
 */
export function createLeaveReads(ctx: LeaveContext) {
  const { db, repo, clock, files, documents, relations } = ctx.deps;
  const { rulesOn, todayIn, employeeOf, inboxWho, present, load } = ctx;
  const stamp = (d: Date, zone: string) => {
    const z = toZoned(d.getTime(), zone as IndonesianTimeZone);
    return `${formatDdMmYyyy(z.date)} ${formatHhmm(z.minute)} ${ZONE_LABEL[zone as IndonesianTimeZone] ?? ''}`.trim();
  };

  /** GET /api/leave/mine */
  async function mine(actor: Actor) {
    if (!actor.employeeId) return { items: [], total: 0 };
    const rows = await repo.mine(actor.employeeId, 200);
    return { items: await present(actor, rows), total: rows.length };
  }

  /** GET /api/leave/inbox: requests waiting for the caller's decision. */
  async function inbox(actor: Actor) {
    const who = await inboxWho(actor);
    const [rows, total] = await Promise.all([repo.inbox(who, 200), repo.inboxCount(who)]);
    return { items: await present(actor, rows), total };
  }

  /** GET /api/leave/granted: approved leave the caller granted as PyBMC that has not ended (to cancel). */
  async function granted(actor: Actor) {
    const rows = await repo.granted(await inboxWho(actor), todayIn('Asia/Jayapura'), 200);
    return { items: await present(actor, rows), total: rows.length };
  }

  async function inboxCount(actor: Actor) {
    return { count: await repo.inboxCount(await inboxWho(actor)) };
  }

  async function listFilter(actor: Actor, q: LeaveListQuery) {
    const scope = requireAny(actor, 'leave.read');
    let unitPath: string | undefined;
    if (q.unitId) {
      const unit = await repo.unit(q.unitId);
      if (!unit) throw notFound('Unit');
      if (!inScope(scope, unit.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      unitPath = unit.path;
    }
    return { scope, q: q.q, unitPath, from: q.from, to: q.to, status: q.status, type: q.type };
  }

  /** GET /api/leave/requests: admin OPD / BKD / Inspektorat / pimpinan list in scope. */
  async function list(actor: Actor, q: LeaveListQuery) {
    const f = await listFilter(actor, q);
    const { rows, total } = await repo.list(f, q.page, q.pageSize);
    return { items: await present(actor, rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** Rows of the CSV export (same filters, at most 10 000). */
  async function exportRows(actor: Actor, q: LeaveListQuery) {
    const f = await listFilter(actor, q);
    const { rows } = await repo.list(f, 1, 10_000);
    const items = await present(actor, rows);
    return items.map((r) => ({
      nip: r.nip ?? '',
      name: r.employeeName,
      unit: r.unitName,
      type: r.typeName,
      from: formatDdMmYyyy(r.from),
      to: formatDdMmYyyy(r.to),
      workingDays: r.workingDays,
      status: r.status,
      letter: r.letterNumber ?? '',
      note: r.lastNote ?? '',
    }));
  }

  /** GET /api/leave/requests/:id/attachment: only for those who may see the request; every view logged. */
  async function attachment(actor: Actor, id: string) {
    const f = await files.view(actor, 'leave_request', id);
    return { bytes: f.bytes, mime: f.mime, name: f.fileName };
  }

  /** GET /api/leave/requests/:id/letter.pdf: the leave letter of an approved request. */
  async function letter(actor: Actor, id: string) {
    const r = await load(actor, id);
    if (r.status !== 'DISETUJUI' || !r.letterNumber)
      throw new AppError('CONFLICT', 'Surat izin cuti hanya tersedia untuk cuti yang sudah disetujui');
    const emp = await employeeOf(r.employeeId);
    const decisions = (await repo.decisionsOf([r.id])).filter((d) => d.decision === 'APPROVE');
    /**
     * A decision taken as Plt/Plh of the post that decides this step (the superior's post for the atasan's step,
     * the PyBMC's post for the grant) is signed "Plt./Plh. <that post>"; otherwise with the decider's own position.
     */
    const actingSigner = async (d: (typeof decisions)[number]) => {
      if (!d.deciderEmployeeId) return null;
      let post: string | null = null;
      if (d.step === 'ATASAN' && r.superiorId) {
        const date = await relations.localDateOf(d.deciderEmployeeId, d.decidedAt).catch(() => null);
        post = date
          ? ((await relations.placementOn(r.superiorId, date).catch(() => null))?.positionId ?? null)
          : null;
      } else post = r.approverPositionId;
      return relations.actingPostAt(d.deciderEmployeeId, [post], d.decidedAt).catch(() => null);
    };
    const rootId = r.unitPath.split('/').filter(Boolean)[0]!;
    const [root, opd] = await Promise.all([repo.unit(rootId), repo.unit(r.approverUnitId ?? r.unitId)]);
    const rules = await rulesOn(r.dateFrom);
    const variantName = r.variant
      ? (rules.leave.types.find((t) => t.code === r.type)?.variants.find((v) => v.key === r.variant)?.name ??
        r.variant)
      : null;
    const unitRow = await db
      .selectFrom('units')
      .select('address')
      .where('id', '=', opd?.id ?? r.unitId)
      .executeTakeFirst();
    const bytes = await renderLeaveLetter({
      regionName: root?.name ?? '',
      unitName: opd?.name ?? r.unitName,
      unitAddress: unitRow?.address ?? null,
      letterhead: (await documents?.letterheadFor(opd?.id ?? r.unitId)) ?? null,
      letterNumber: r.letterNumber,
      employee: {
        name: nameOf(emp),
        nip: emp.nip,
        position: emp.positionName,
        unitName: r.unitName,
        type: EMPLOYEE_TYPE_LABELS[emp.employeeType] ?? emp.employeeType,
      },
      typeName: LEAVE_TYPE_NAMES[r.type as LeaveTypeCode] ?? r.type,
      variantName,
      from: r.dateFrom,
      to: r.dateTo,
      workingDays: r.workingDays,
      calendarDays: r.calendarDays,
      reason: r.reason,
      address: r.address,
      approvals: await Promise.all(
        decisions.map(async (d) => {
          const acting = await actingSigner(d);
          return {
            role:
              d.step === 'ATASAN'
                ? 'Pertimbangan atasan langsung'
                : 'Keputusan pejabat yang berwenang memberikan cuti',
            name: d.deciderName,
            nip: d.deciderNip,
            position: acting?.positionName ?? d.deciderPosition,
            acting: acting?.kind ?? null,
            decidedAt: stamp(d.decidedAt, r.timeZone),
          };
        }),
      ),
      issuedAt: stamp(clock.now(), r.timeZone),
      issuedOn: clock.now(),
    });
    return { bytes, fileName: `surat-izin-cuti-${r.letterNumber.replace(/[^A-Za-z0-9]+/g, '-')}.pdf` };
  }

  /**
   * The absence source of the daily statuses (brief contract): final-approved, not cancelled leave touching
   * `from`..`to`, read through `exec` when given. Source: regulations.md §4.1–4.3.
   */
  async function approvedAbsences(
    employeeIds: string[],
    from: string,
    to: string,
    exec?: Kysely<Database> | Transaction<Database>,
  ): Promise<Array<ApprovedAbsence & { employeeId: string }>> {
    const rows = await repo.approvedBetween(exec ?? db, employeeIds, from, to);
    return rows.map((r) => ({
      employeeId: r.employeeId,
      code: r.type as ApprovedAbsence['code'],
      from: r.dateFrom,
      to: r.dateTo,
    }));
  }

  return {
    mine,
    inbox,
    inboxCount,
    granted,
    list,
    exportRows,
    attachment,
    letter,
    approvedAbsences,
  };
}
