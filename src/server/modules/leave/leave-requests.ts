import { AppError, fieldError, forbidden } from '../../errors.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import type { Actor } from '../../auth/authz.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { approverFor, type EmployeeType, type LeaveApprover } from '../../../core/leave/leave-rules.ts';
import { checkLeaveRequest, type AnnualLeaveBalance } from '../../../core/leave/leave-balance.ts';
import { countLeaveDays, monthsOf } from '../../../core/leave/leave-workflow.ts';
import {
  LEAVE_TYPE_NAMES,
  type LeaveBalance,
  type LeaveInput,
  type LeaveOptions,
  type LeavePreview,
  type LeaveProblem,
  type LeaveTypeCode,
} from '../../../shared/api/leave.ts';
import type { Emp, Exec, LeaveContext, UploadedFile } from './leave-context.ts';
import type { LeaveBalances } from './leave-balances.ts';

/** Labels of the document codes a rulebook may require. */
const DOCUMENT_LABELS: Record<string, string> = {
  SURAT_DOKTER: 'Surat keterangan dokter',
  SURAT_DOKTER_PEMERINTAH: 'Surat keterangan dokter pemerintah',
  SURAT_KETERANGAN: 'Surat keterangan pendukung',
};

/**
 * Asking for leave (a section of the leave service, leave-service.ts): the types the employee may ask for, the
 * days counted and every rule problem before submitting, and the submission with its attachment and its approval
 * route fixed. Source: PP 11/2017 jo. PP 17/2020 Pasal 309–341; Peraturan BKN 24/2017; regulations.md §3.4, §4.1,
 * §4.2.
 */
export function createLeaveRequests(ctx: LeaveContext, balances: Pick<LeaveBalances, 'balanceOf'>) {
  const { db, repo, audit, clock, files, notifications, relations } = ctx.deps;
  const { rulesOn, todayIn, employeeOf, rulesFor, get } = ctx;
  const { balanceOf } = balances;

  // ------------------------------------------------------------------ evaluation

  interface Evaluation {
    counts: ReturnType<typeof countLeaveDays>;
    problems: (LeaveProblem & { path?: string })[];
    closed: string[];
    overlaps: number;
    balance: LeaveBalance | null;
    requiredAttachments: { label: string; documents: string[] }[];
    approver: LeaveApprover;
  }

  /**
   * Every reason a request cannot be submitted as it is, with the days counted on the unit's calendar.
   * Source: regulations.md §4.1, §4.2 (rules), §3.4 (cuti bersama not counted); brief contracts (MONTH_CLOSED).
   */
  async function evaluate(
    emp: Emp,
    input: Pick<LeaveInput, 'type' | 'from' | 'to' | 'variant' | 'serviceExceptionClaimed'>,
    attachments: string[],
    rules: Rulebook,
    exec: Exec = db,
  ): Promise<Evaluation> {
    const { type, from, to } = input;
    const calendar = buildCalendar(rules.calendar, {
      unitCode: emp.unitCode,
      zone: emp.timeZone as IndonesianTimeZone,
    });
    const counts = countLeaveDays(calendar.dayType, from, to);
    const problems: Evaluation['problems'] = [];
    if (counts.workingDays === 0)
      problems.push({
        code: 'NO_WORKING_DAY',
        path: 'to',
        message: 'Rentang tanggal tidak memuat hari kerja (akhir pekan, libur, atau cuti bersama)',
      });
    if (type === 'CT' && from.slice(0, 4) !== to.slice(0, 4))
      problems.push({
        code: 'SPANS_YEARS',
        path: 'to',
        message: 'Cuti tahunan dihitung per tahun: ajukan terpisah untuk tiap tahun',
      });
    if (emp.activeTo && to > emp.activeTo)
      problems.push({ code: 'SERVICE_END', path: 'to', message: 'Cuti melewati akhir masa kerja pegawai' });

    const [closed, overlaps, hist] = await Promise.all([
      repo.closedMonths(exec, emp.unitPath, monthsOf(from, to)),
      repo.overlapping(exec, emp.id, from, to),
      repo.history(exec, emp.id),
    ]);
    const balance = type === 'CT' ? await balanceOf(emp, Number(from.slice(0, 4)), rules, exec) : null;
    const violations = checkLeaveRequest({
      type,
      from,
      to,
      workingDaysRequested: counts.workingDays,
      ...(input.variant ? { variant: input.variant } : {}),
      employee: { employeeType: emp.employeeType as EmployeeType, serviceStartDate: emp.activeFrom },
      // Pending annual leave holds its days too: two requests cannot spend the same balance.
      ...(balance
        ? {
            balance: {
              ...computeShape(balance),
              remaining: Math.max(0, balance.remaining - balance.pending),
            },
          }
        : {}),
      attachments,
      previousOccurrences: hist.countByType[type] ?? 0,
      serviceExceptionClaimed: input.serviceExceptionClaimed ?? false,
      cutiBesarInYear: hist.cutiBesarYears.includes(Number(from.slice(0, 4))),
      rules: rules.leave,
    });
    for (const v of violations) {
      const pending =
        v.code === 'BALANCE' && balance && balance.pending > 0
          ? ` (${balance.pending} hari kerja masih menunggu keputusan)`
          : '';
      problems.push({
        code: v.code,
        path: v.code === 'ATTACHMENT' ? 'attachment' : 'type',
        message: v.message + pending,
      });
    }
    const rule = rules.leave.types.find(
      (t) => t.code === type && t.employeeTypes.includes(emp.employeeType as EmployeeType),
    );
    const requiredAttachments = (rule?.attachments ?? [])
      .filter(
        (a) =>
          (a.whenLongerThan.unit === 'workingDays' ? counts.workingDays : counts.calendarDays) >
          a.whenLongerThan.amount,
      )
      .map((a) => ({ label: a.label, documents: a.documents }));
    if (closed.length > 0)
      problems.unshift({
        code: 'MONTH_CLOSED',
        path: 'from',
        message: `Bulan ${closed.join(', ')} sudah ditutup; cuti pada bulan itu tidak dapat diajukan atau diubah`,
      });
    if (overlaps.length > 0)
      problems.unshift({
        code: 'OVERLAP',
        path: 'from',
        message: `Tanggal bertumpang tindih dengan cuti lain (${overlaps
          .map(
            (o) =>
              `${LEAVE_TYPE_NAMES[o.type as LeaveTypeCode] ?? o.type} ${formatDdMmYyyy(o.dateFrom)}–${formatDdMmYyyy(o.dateTo)}`,
          )
          .join('; ')})`,
      });
    return {
      counts,
      problems,
      closed,
      overlaps: overlaps.length,
      balance,
      requiredAttachments,
      approver: approverFor(rules.leave, type),
    };
  }

  /** The core balance shape from the API one (for checkLeaveRequest). */
  function computeShape(b: LeaveBalance): AnnualLeaveBalance {
    return {
      year: b.year,
      isEligible: b.isEligible,
      eligibleFrom: b.eligibleFrom,
      entitlement: b.entitlement,
      carriedOver: b.carriedOver,
      carriedFromPreviousYear: b.carriedFromPreviousYear,
      carriedFromTwoYearsBefore: b.carriedFromTwoYearsBefore,
      available: b.available,
      taken: b.taken,
      remaining: b.remaining,
      explanation: b.explanation,
    };
  }

  /** The first blocking problem as the error the API returns. */
  function toError(problems: Evaluation['problems']): AppError {
    const closed = problems.find((p) => p.code === 'MONTH_CLOSED');
    if (closed) return new AppError('MONTH_CLOSED', closed.message, [closed]);
    const overlap = problems.find((p) => p.code === 'OVERLAP');
    if (overlap) return new AppError('CONFLICT', overlap.message, [overlap]);
    return new AppError(
      'VALIDATION',
      problems.map((p) => p.message).join('; '),
      problems.map((p) => ({ path: p.path ?? 'type', message: p.message, code: p.code })),
    );
  }

  // ------------------------------------------------------------------ routing (who decides)

  /**
   * The approval route fixed at submission: step 1 the direct superior, step 2 the PyBMC per the rulebook.
   * OPD_HEAD = the head position of the employee's OPD (its holder or a Plt/Plh); when the head is the employee
   * or nobody holds or acts in it, the request goes to BKD (for the PPK) [INF]. Step 1 is skipped when there is
   * no superior or the superior is also the PyBMC. Source: Peraturan BKN 24/2017; regulations.md §0.1, §4.1.
   */
  async function routeFor(emp: Emp, approver: LeaveApprover, date: string) {
    const grantor = await relations.leaveGrantorOn(emp.id, date, approver);
    const approverIds = grantor.kind === 'OPD_HEAD' ? grantor.deciderIds : [];
    let superiorId = emp.superiorId && emp.superiorId !== emp.id ? emp.superiorId : null;
    if (superiorId && approverIds.includes(superiorId)) superiorId = null;
    return {
      approverKind: grantor.kind,
      approverPositionId: grantor.kind === 'OPD_HEAD' ? grantor.post.positionId : null,
      approverUnitId: grantor.opdUnitId,
      superiorId,
    };
  }

  // ------------------------------------------------------------------ API

  /** GET /api/leave/options: the leave types of the caller's employee type, with attachment thresholds. */
  async function options(actor: Actor): Promise<LeaveOptions> {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat mengajukan cuti');
    const emp = await employeeOf(actor.employeeId);
    const rules = (await rulesOn(todayIn(emp.timeZone))).leave;
    const et = emp.employeeType as EmployeeType;
    const types: LeaveOptions['types'] = [];
    if (rules.annual.some((a) => a.employeeTypes.includes(et)))
      types.push({
        code: 'CT',
        name: LEAVE_TYPE_NAMES.CT,
        max: `${rules.annual.find((a) => a.employeeTypes.includes(et))!.entitlementDays} hari kerja per tahun`,
        attachments: [],
        variants: [],
        serviceExceptions: [],
      });
    for (const t of rules.types.filter((x) => x.employeeTypes.includes(et) && x.code !== 'CBER'))
      types.push({
        code: t.code as LeaveTypeCode,
        name: t.name,
        max: `${String(t.maxDuration.amount).replace('.', ',')} ${{ workingDays: 'hari kerja', calendarDays: 'hari', months: 'bulan', years: 'tahun' }[t.maxDuration.unit]}`,
        attachments: t.attachments.map((a) => ({
          whenLongerThanDays: a.whenLongerThan.amount,
          documents: a.documents,
          label: a.label,
        })),
        variants: t.variants.map((v) => ({ key: v.key, name: v.name })),
        serviceExceptions: t.serviceExceptions,
      });
    const docs = new Set(types.flatMap((t) => t.attachments.flatMap((a) => a.documents)));
    docs.add('SURAT_KETERANGAN');
    return {
      employeeType: emp.employeeType,
      types,
      documentKinds: [...docs].map((code) => ({ code, label: DOCUMENT_LABELS[code] ?? code })),
    };
  }

  /** GET /api/leave/preview: the days counted and every problem, before submitting. */
  async function preview(
    actor: Actor,
    q: { type: LeaveTypeCode; from: string; to: string; variant?: string; attachmentKind?: string },
  ): Promise<LeavePreview> {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat mengajukan cuti');
    const emp = await employeeOf(actor.employeeId);
    const e = await evaluate(
      emp,
      q,
      q.attachmentKind ? [q.attachmentKind] : [],
      await rulesFor(q.from, q.to),
    );
    return {
      ...e.counts,
      problems: e.problems.map(({ code, message }) => ({ code, message })),
      requiredAttachments: e.requiredAttachments,
      balance: e.balance,
    };
  }

  /** POST /api/leave/requests: submit a request (with its attachment), audited. */
  async function submit(actor: Actor, input: LeaveInput, file: UploadedFile | null) {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat mengajukan cuti');
    const emp = await employeeOf(actor.employeeId);
    // Checked from its content and stripped of metadata (415/413/400 before anything is stored).
    const prepared = file ? await files.prepare(file, 'leave_evidence', 'attachment') : null;
    if (prepared && !input.attachmentKind)
      throw fieldError('attachmentKind', 'Sebutkan jenis dokumen lampiran');
    const attachment = prepared
      ? { hash: prepared.sha256, mime: prepared.mime, size: prepared.size, name: prepared.fileName }
      : null;
    const kinds = attachment && input.attachmentKind ? [input.attachmentKind] : [];
    const rules = await rulesFor(input.from, input.to);
    // Check first without the lock so that a clearly wrong request does not store its file.
    const first = await evaluate(emp, input, kinds, rules);
    if (first.problems.length > 0) throw toError(first.problems);
    const route = await routeFor(emp, first.approver, todayIn(emp.timeZone));
    if (prepared) await files.put(prepared);
    const now = clock.now();
    const id = await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, emp.id);
      const e = await evaluate(emp, input, kinds, rules, trx);
      if (e.problems.length > 0) throw toError(e.problems);
      const row = await repo.insertRequest(trx, {
        employeeId: emp.id,
        unitId: emp.unitId,
        type: input.type,
        variant: input.variant ?? null,
        dateFrom: input.from,
        dateTo: input.to,
        workingDays: e.counts.workingDays,
        calendarDays: e.counts.calendarDays,
        reason: input.reason,
        address: input.address ?? null,
        status: 'DIAJUKAN',
        superiorId: route.superiorId,
        approverKind: route.approverKind,
        approverPositionId: route.approverPositionId,
        approverUnitId: route.approverUnitId,
        attachmentHash: attachment?.hash ?? null,
        attachmentKind: attachment ? (input.attachmentKind ?? null) : null,
        attachmentMime: attachment?.mime ?? null,
        attachmentName: attachment?.name ?? null,
        attachmentSize: attachment?.size ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      if (prepared)
        await files.record(trx, prepared, { kind: 'leave_request', id: row.id, uploadedBy: actor.userId });
      await audit.record(trx, ctxOf(actor), {
        action: 'leave.submitted',
        entityType: 'leave_request',
        entityId: row.id,
        unitId: emp.unitId,
        after: {
          type: input.type,
          from: input.from,
          to: input.to,
          workingDays: e.counts.workingDays,
          cutiBersamaDays: e.counts.cutiBersamaDays,
          superiorId: route.superiorId,
          approverKind: route.approverKind,
          approverPositionId: route.approverPositionId,
          attachmentHash: attachment?.hash ?? null,
        },
      });
      if (notifications) await notifications.leaveSubmitted(trx, (await repo.byId(row.id, trx))!);
      return row.id;
    });
    return get(actor, id);
  }

  return { options, preview, submit };
}
