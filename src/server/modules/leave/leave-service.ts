import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../access/auth-service.ts';
import { inScope, requireAny, scopeOf, type Actor } from '../access/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import type { PhotoStore } from '../attendance/photo-store.ts';
import type { LeaveRepo, LeaveRow } from './leave-repo.ts';
import { renderLeaveLetter } from './leave-letter.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { buildCalendar, cutiBersamaDates } from '../../../core/calendar/calendar.ts';
import { diffDays, eachDay, yearOf } from '../../../core/common/local-date.ts';
import { toZoned, ZONE_LABEL, formatHhmm, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';
import type { ApprovedAbsence } from '../../../core/attendance/classify-day.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { approverFor, type EmployeeType, type LeaveApprover } from '../../../core/leave/leave-rules.ts';
import {
  checkLeaveRequest,
  computeAnnualLeaveBalance,
  type AnnualLeaveBalance,
} from '../../../core/leave/leave-balance.ts';
import {
  afterDecision,
  canCancel,
  countLeaveDays,
  MAX_LEAVE_RANGE_DAYS,
  monthsOf,
  waitingStep,
  type LeaveStatus,
} from '../../../core/leave/leave-workflow.ts';
import {
  LEAVE_ATTACHMENT_MAX_BYTES,
  LEAVE_TYPE_NAMES,
  type LeaveBalance,
  type LeaveInput,
  type LeaveListQuery,
  type LeaveOpeningInput,
  type LeaveOptions,
  type LeavePreview,
  type LeaveProblem,
  type LeaveRequest,
  type LeaveTypeCode,
} from '../../../shared/api/leave.ts';

type Exec = Kysely<Database> | Transaction<Database>;

type Deps = {
  db: Db;
  repo: LeaveRepo;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  /** Content-addressed file store for the attachments (the attendance photo store). */
  files: PhotoStore;
  /** Days whose stored status an approval or a cancellation changes. */
  statuses?: Pick<StatusService, 'markDirty' | 'dutyDates'>;
  /** Each step's decider when a request waits for them, the employee when a step is decided (issue 13). */
  notifications?: Pick<NotificationService, 'leaveSubmitted' | 'leaveDecided' | 'leaveCancelled'>;
};

/** An uploaded attachment as the route received it. */
export interface UploadedFile {
  bytes: Uint8Array;
  fileName: string | null;
}

/** Labels of the document codes a rulebook may require. */
const DOCUMENT_LABELS: Record<string, string> = {
  SURAT_DOKTER: 'Surat keterangan dokter',
  SURAT_DOKTER_PEMERINTAH: 'Surat keterangan dokter pemerintah',
  SURAT_KETERANGAN: 'Surat keterangan pendukung',
};

const EMPLOYEE_TYPE_LABELS: Record<string, string> = {
  PNS: 'PNS',
  CPNS: 'CPNS',
  PPPK: 'PPPK',
  PPPK_PARUH_WAKTU: 'PPPK paruh waktu',
  NON_ASN: 'Non-ASN',
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** PDF, JPEG or PNG by their first bytes; null for anything else. */
export function detectDocumentType(b: Uint8Array): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (b.length >= 5 && String.fromCharCode(...b.slice(0, 5)) === '%PDF-') return 'application/pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  return null;
}

const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

/**
 * Leave (cuti): requests checked against the rulebook and the unit's calendar, the annual-leave balance derived
 * from history (plus an opening balance migrated from an old system), the approval chain (direct superior incl.
 * Plt/Plh, then the PyBMC from the rulebook), cancellation, the leave letter, and the absence source of the
 * daily statuses. Source: PP 11/2017 jo. PP 17/2020 Pasal 309–341; Peraturan BKN 24/2017 jo. 7/2021;
 * PP 49/2018 Pasal 77; Peraturan BKN 7/2022; regulations.md §3.4, §4.1, §4.2.
 */
export function createLeaveService(deps: Deps) {
  const { db, repo, audit, clock, config, rulebooks, files, statuses, notifications } = deps;
  const rulesOn = (date: string) => rulebooks.rulesOn(config.rulebookRegion, date);
  const todayIn = (zone: string) => toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;
  const stamp = (d: Date, zone: string) => {
    const z = toZoned(d.getTime(), zone as IndonesianTimeZone);
    return `${formatDdMmYyyy(z.date)} ${formatHhmm(z.minute)} ${ZONE_LABEL[zone as IndonesianTimeZone] ?? ''}`.trim();
  };

  type Emp = NonNullable<Awaited<ReturnType<LeaveRepo['employee']>>>;

  async function employeeOf(id: string, exec?: Exec): Promise<Emp> {
    const emp = await repo.employee(id, exec);
    if (!emp) throw notFound('Pegawai');
    return emp;
  }

  /** The OPD of a unit: the top unit under the region (second id of the path; the root itself when alone). */
  const opdIdOf = (unitPath: string) => {
    const ids = unitPath.split('/').filter(Boolean);
    return ids[1] ?? ids[0]!;
  };

  // ------------------------------------------------------------------ balance

  /** The rulebook for a year's balance: the one in force on 1 January, else today's. */
  const rulesForYear = (year: number, zone: string) =>
    rulesOn(`${year}-01-01`).catch(() => rulesOn(todayIn(zone)));

  /** `rules` must be loaded before a transaction (PGlite: no query outside an open transaction). */
  async function balanceOf(emp: Emp, year: number, rules: Rulebook, exec: Exec = db): Promise<LeaveBalance> {
    const [annual, hist, opening, worked] = await Promise.all([
      repo.annualByYear(exec, emp.id),
      repo.history(exec, emp.id),
      repo.opening(exec, emp.id, year),
      statuses?.dutyDates(emp.id, cutiBersamaDates(rules.calendar, year), exec) ?? [],
    ]);
    // PP 11/2017 Pasal 333 ayat (3): cuti bersama days the employee was on duty (their stored day a working day,
    // by the unit's work pattern or a roster shift) are added to that year's annual leave.
    const cutiBersamaWorkedDays: Record<number, number> = {};
    for (const d of worked) cutiBersamaWorkedDays[yearOf(d)] = (cutiBersamaWorkedDays[yearOf(d)] ?? 0) + 1;
    const b: AnnualLeaveBalance = computeAnnualLeaveBalance({
      employeeType: emp.employeeType as EmployeeType,
      serviceStartDate: emp.activeFrom,
      year,
      takenByYear: annual.approved,
      cutiBersamaWorkedDays,
      cutiBesarYears: hist.cutiBesarYears,
      ...(opening
        ? {
            opening: {
              year: opening.year,
              carriedFromPreviousYear: opening.carriedFromPreviousYear,
              carriedFromTwoYearsBefore: opening.carriedFromTwoYearsBefore,
              takenBefore: opening.takenBefore,
            },
          }
        : {}),
      rules: rules.leave,
    });
    return {
      employeeId: emp.id,
      year,
      isEligible: b.isEligible,
      eligibleFrom: b.eligibleFrom,
      entitlement: b.entitlement,
      carriedOver: b.carriedOver,
      carriedFromPreviousYear: b.carriedFromPreviousYear,
      carriedFromTwoYearsBefore: b.carriedFromTwoYearsBefore,
      available: b.available,
      taken: b.taken,
      pending: annual.pending[year] ?? 0,
      remaining: b.remaining,
      explanation: b.explanation,
      opening: opening
        ? {
            year: opening.year,
            carriedFromPreviousYear: opening.carriedFromPreviousYear,
            carriedFromTwoYearsBefore: opening.carriedFromTwoYearsBefore,
            takenBefore: opening.takenBefore,
            note: opening.note,
          }
        : null,
    };
  }

  // ------------------------------------------------------------------ evaluation

  /** The rulebook in force on the first day, after the range checks that need no rules. */
  async function rulesFor(from: string, to: string) {
    if (to < from) throw fieldError('to', 'Tanggal selesai tidak boleh sebelum tanggal mulai');
    if (diffDays(from, to) + 1 > MAX_LEAVE_RANGE_DAYS)
      throw fieldError('to', `Rentang cuti paling lama ${MAX_LEAVE_RANGE_DAYS} hari kalender`);
    return rulesOn(from);
  }

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
    let kind: LeaveApprover = approver;
    let approverPositionId: string | null = null;
    let approverIds: string[] = [];
    const opdId = opdIdOf(emp.unitPath);
    if (kind === 'OPD_HEAD') {
      const head = await repo.headOf(opdId);
      if (head) {
        const acting = await repo.actingIn(head.positionId, date);
        approverIds = [...head.holderIds, ...acting].filter((id) => id !== emp.id);
        if (approverIds.length > 0 && emp.positionId !== head.positionId)
          approverPositionId = head.positionId;
      }
      if (!approverPositionId) kind = 'BKD';
    }
    let superiorId = emp.superiorId && emp.superiorId !== emp.id ? emp.superiorId : null;
    if (superiorId && kind === 'OPD_HEAD' && approverIds.includes(superiorId)) superiorId = null;
    return { approverKind: kind, approverPositionId, approverUnitId: opdId, superiorId };
  }

  async function superiorIdsOf(actor: Actor) {
    if (!actor.employeeId) return [];
    const date = todayIn('Asia/Jakarta');
    return [actor.employeeId, ...(await repo.actingHolders(actor.employeeId, date))];
  }

  async function positionIdsOf(actor: Actor) {
    if (!actor.employeeId) return [];
    const emp = await repo.employee(actor.employeeId);
    const acting = await repo.actingPositions(actor.employeeId, todayIn('Asia/Jakarta'));
    return [...(emp?.positionId ? [emp.positionId] : []), ...acting];
  }

  async function inboxWho(actor: Actor) {
    return {
      employeeId: actor.employeeId,
      superiorIds: await superiorIdsOf(actor),
      positionIds: await positionIdsOf(actor),
      bkdScope: scopeOf(actor, 'leave.grant'),
    };
  }

  /** Whether the actor may decide the step the request waits for. */
  async function mayDecide(actor: Actor, r: LeaveRow, step: 'ATASAN' | 'PYBMC') {
    if (!actor.employeeId && step === 'ATASAN') return false;
    if (step === 'ATASAN')
      return r.superiorId !== null && (await superiorIdsOf(actor)).includes(r.superiorId);
    return isPybmc(actor, r);
  }

  async function isPybmc(actor: Actor, r: LeaveRow) {
    if (r.approverKind === 'BKD') return inScope(scopeOf(actor, 'leave.grant'), r.unitPath);
    return r.approverPositionId !== null && (await positionIdsOf(actor)).includes(r.approverPositionId);
  }

  /** Who may see a request: the employee, the deciders on its route, and leave.read in scope. */
  async function canView(actor: Actor, r: LeaveRow) {
    if (actor.employeeId === r.employeeId) return true;
    if (inScope(scopeOf(actor, 'leave.read'), r.unitPath)) return true;
    if (r.superiorId && (await superiorIdsOf(actor)).includes(r.superiorId)) return true;
    return isPybmc(actor, r);
  }

  // ------------------------------------------------------------------ presenting

  async function present(actor: Actor, rows: LeaveRow[], exec: Exec = db): Promise<LeaveRequest[]> {
    const decisions = await repo.decisionsOf(
      rows.map((r) => r.id),
      exec,
    );
    const pybmc = new Map<string, boolean>();
    for (const r of rows) if (r.employeeId !== actor.employeeId) pybmc.set(r.id, await isPybmc(actor, r));
    return rows.map((r) => {
      const ds = decisions.filter((d) => d.requestId === r.id);
      const status = r.status as LeaveStatus;
      const today = todayIn(r.timeZone);
      const mayCancel =
        (r.employeeId === actor.employeeId && canCancel(status, 'EMPLOYEE', r.dateFrom, today).ok) ||
        (pybmc.get(r.id) === true && canCancel(status, 'PYBMC', r.dateFrom, today).ok);
      const last = [...ds].reverse().find((d) => d.note);
      return {
        id: r.id,
        employeeId: r.employeeId,
        employeeName: nameOf({ frontTitle: r.frontTitle, name: r.employeeName, backTitle: r.backTitle }),
        nip: r.nip,
        unitId: r.unitId,
        unitName: r.unitName,
        type: r.type as LeaveTypeCode,
        typeName: LEAVE_TYPE_NAMES[r.type as LeaveTypeCode] ?? r.type,
        variant: r.variant,
        from: r.dateFrom,
        to: r.dateTo,
        workingDays: r.workingDays,
        calendarDays: r.calendarDays,
        reason: r.reason,
        address: r.address,
        status,
        waitingFor: waitingStep(status, r.superiorId !== null),
        hasSuperiorStep: r.superiorId !== null,
        approverKind: r.approverKind as 'OPD_HEAD' | 'BKD',
        attachment: r.attachmentHash
          ? {
              kind: r.attachmentKind,
              name: r.attachmentName,
              mime: r.attachmentMime ?? 'application/octet-stream',
              size: r.attachmentSize ?? 0,
            }
          : null,
        letterNumber: r.letterNumber,
        createdAt: r.createdAt.toISOString(),
        decisions: ds.map((d) => ({
          step: d.step as 'ATASAN' | 'PYBMC' | 'PEGAWAI',
          decision: d.decision as 'APPROVE' | 'REJECT' | 'CANCEL',
          note: d.note,
          deciderName: d.deciderName,
          deciderNip: d.deciderNip,
          deciderPosition: d.deciderPosition,
          decidedAt: d.decidedAt.toISOString(),
        })),
        lastNote: last?.note ?? null,
        canCancel: mayCancel,
      };
    });
  }

  async function load(actor: Actor, id: string, exec: Exec = db) {
    const r = await repo.byId(id, exec);
    if (!r || !(await canView(actor, r))) throw notFound('Permohonan cuti');
    return r;
  }

  async function decider(actor: Actor) {
    const emp = actor.employeeId ? await repo.employee(actor.employeeId) : undefined;
    return {
      decidedBy: actor.userId,
      deciderEmployeeId: actor.employeeId,
      deciderName: emp ? nameOf(emp) : actor.displayName,
      deciderNip: emp?.nip ?? actor.nip,
      deciderPosition: emp?.positionName ?? null,
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
    let attachment: { hash: string; mime: string; size: number; name: string | null } | null = null;
    if (file) {
      if (file.bytes.length === 0) throw fieldError('attachment', 'Berkas lampiran kosong');
      if (file.bytes.length > LEAVE_ATTACHMENT_MAX_BYTES)
        throw new AppError(
          'FILE_TOO_LARGE',
          `Lampiran paling besar ${LEAVE_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
        );
      const mime = detectDocumentType(file.bytes);
      if (!mime) throw new AppError('UNSUPPORTED_FILE', 'Lampiran harus berupa PDF, JPEG, atau PNG');
      if (!input.attachmentKind) throw fieldError('attachmentKind', 'Sebutkan jenis dokumen lampiran');
      attachment = {
        hash: sha256(file.bytes),
        mime,
        size: file.bytes.length,
        name: file.fileName?.slice(0, 200) ?? null,
      };
    }
    const kinds = attachment && input.attachmentKind ? [input.attachmentKind] : [];
    const rules = await rulesFor(input.from, input.to);
    // Check first without the lock so that a clearly wrong request does not store its file.
    const first = await evaluate(emp, input, kinds, rules);
    if (first.problems.length > 0) throw toError(first.problems);
    const route = await routeFor(emp, first.approver, todayIn(emp.timeZone));
    if (attachment && file) await files.put(attachment.hash, file.bytes);
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

  async function get(actor: Actor, id: string) {
    const r = await load(actor, id);
    return (await present(actor, [r]))[0]!;
  }

  const SETTLED_WORD: Record<string, string> = {
    DISETUJUI_ATASAN: 'disetujui atasan',
    DISETUJUI: 'disetujui',
    DITOLAK: 'ditolak',
    DIBATALKAN: 'dibatalkan',
  };

  /**
   * 409 for a request decided or cancelled already (or meanwhile, by a concurrent call), naming its latest
   * decision: "Permohonan cuti ini sudah disetujui atasan oleh Budi pada 15/01/2026 09:00 WIB".
   */
  async function settled(r: LeaveRow, exec: Exec = db): Promise<AppError> {
    const last = (await repo.decisionsOf([r.id], exec)).at(-1);
    const who = last ? decidedByText(last.deciderName, last.decidedAt, r.timeZone as IndonesianTimeZone) : '';
    const word = SETTLED_WORD[r.status] ?? r.status.toLowerCase();
    return new AppError('CONFLICT', `Permohonan cuti ini sudah ${word}${who ? ` ${who}` : ''}`, {
      status: r.status,
    });
  }

  /**
   * POST /api/leave/requests/:id/decision: the waiting step approves or rejects (with a note). Concurrency: the
   * employee's advisory lock (`lockEmployee`) is taken and the request read again under it, and the status
   * update is conditional on the status read (`setStatus`), so of N identical decisions one is written (one
   * decision row, one audit entry) and the others answer 409 naming it. A decider whose step is past (the
   * superior once the request waits for the PyBMC) gets that 409 too, not a 403.
   */
  async function decide(actor: Actor, id: string, input: { decision: 'APPROVE' | 'REJECT'; note: string }) {
    const r0 = await load(actor, id);
    if (actor.employeeId === r0.employeeId)
      throw forbidden('Anda tidak dapat memutuskan permohonan cuti Anda sendiri');
    const step = waitingStep(r0.status as LeaveStatus, r0.superiorId !== null);
    if (!step) throw await settled(r0);
    if (!(await mayDecide(actor, r0, step))) {
      if (step === 'PYBMC' && r0.superiorId !== null && (await mayDecide(actor, r0, 'ATASAN')))
        throw await settled(r0);
      throw forbidden(
        step === 'ATASAN'
          ? 'Permohonan ini menunggu keputusan atasan langsung pegawai'
          : 'Permohonan ini menunggu keputusan pejabat yang berwenang memberikan cuti',
      );
    }
    if (input.decision === 'REJECT' && input.note.trim().length < 3)
      throw fieldError('note', 'Alasan penolakan wajib diisi');
    const next = afterDecision(r0.status as LeaveStatus, r0.superiorId !== null, input.decision)!;
    const who = await decider(actor);
    const now = clock.now();
    const rules = await rulesFor(r0.dateFrom, r0.dateTo);
    const emp = await employeeOf(r0.employeeId);
    const letterUnit = await repo.unit(r0.approverUnitId ?? r0.unitId);
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, r0.employeeId);
      const r = await repo.byId(id, trx);
      if (!r) throw notFound('Permohonan cuti');
      if (r.status !== r0.status) throw await settled(r, trx);
      let letterNumber: string | undefined;
      if (next === 'DISETUJUI') {
        const closed = await repo.closedMonths(trx, r.unitPath, monthsOf(r.dateFrom, r.dateTo));
        if (closed.length > 0)
          throw new AppError(
            'MONTH_CLOSED',
            `Bulan ${closed.join(', ')} sudah ditutup; cuti tidak dapat disetujui`,
          );
        if (r.type === 'CT') {
          const b = await balanceOf(emp, Number(r.dateFrom.slice(0, 4)), rules, trx);
          if (r.workingDays > b.remaining)
            throw new AppError(
              'VALIDATION',
              `Sisa cuti tahunan ${b.remaining} hari kerja, diminta ${r.workingDays} hari kerja`,
              [{ path: 'decision', message: 'Saldo cuti tidak mencukupi', code: 'BALANCE' }],
            );
        }
        const year = Number(now.toISOString().slice(0, 4));
        const seq = await repo.nextLetterSeq(trx, year);
        letterNumber = `800.1.11.4/${String(seq).padStart(4, '0')}/CUTI/${letterUnit?.code ?? 'ASN'}/${year}`;
      }
      const ok = await repo.setStatus(trx, id, r.status, next, now, letterNumber);
      if (!ok) throw await settled((await repo.byId(id, trx))!, trx);
      await repo.insertDecision(trx, {
        requestId: id,
        step,
        decision: input.decision,
        note: input.note.trim() || null,
        ...who,
        decidedAt: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: input.decision === 'APPROVE' ? 'leave.approved' : 'leave.rejected',
        entityType: 'leave_request',
        entityId: id,
        unitId: r.unitId,
        before: { status: r.status },
        after: { status: next, step, note: input.note.trim() || null, letterNumber: letterNumber ?? null },
      });
      await notifications?.leaveDecided(trx, r, next, {
        name: who.deciderName,
        note: input.note.trim() || null,
      });
    });
    if (next === 'DISETUJUI')
      await statuses?.markDirty(r0.employeeId, eachDay(r0.dateFrom, r0.dateTo), 'leave');
    return get(actor, id);
  }

  /**
   * POST /api/leave/requests/:id/cancel: the employee before the start, or the PyBMC with a reason. Concurrency
   * as for `decide`: under the employee's lock, conditional on the status read; the others answer 409 naming the
   * cancellation.
   */
  async function cancel(actor: Actor, id: string, input: { reason: string }) {
    const r0 = await load(actor, id);
    const today = todayIn(r0.timeZone);
    const status = r0.status as LeaveStatus;
    let by: 'EMPLOYEE' | 'PYBMC';
    if (actor.employeeId === r0.employeeId) by = 'EMPLOYEE';
    else if (await isPybmc(actor, r0)) by = 'PYBMC';
    else throw forbidden('Hanya pegawai yang bersangkutan atau pejabat pemberi cuti yang dapat membatalkan');
    const check = canCancel(status, by, r0.dateFrom, today);
    if (!check.ok && (status === 'DIBATALKAN' || status === 'DITOLAK')) throw await settled(r0);
    if (!check.ok) throw new AppError('CONFLICT', check.reason);
    if (by === 'PYBMC' && input.reason.trim().length < 3)
      throw fieldError('reason', 'Alasan pembatalan wajib diisi');
    const who = await decider(actor);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, r0.employeeId);
      const r = await repo.byId(id, trx);
      if (!r) throw notFound('Permohonan cuti');
      if (r.status !== r0.status) throw await settled(r, trx);
      if (status === 'DISETUJUI') {
        const closed = await repo.closedMonths(trx, r.unitPath, monthsOf(r.dateFrom, r.dateTo));
        if (closed.length > 0)
          throw new AppError(
            'MONTH_CLOSED',
            `Bulan ${closed.join(', ')} sudah ditutup; cuti tidak dapat dibatalkan`,
          );
      }
      const ok = await repo.setStatus(trx, id, r.status, 'DIBATALKAN', now);
      if (!ok) throw await settled((await repo.byId(id, trx))!, trx);
      await repo.insertDecision(trx, {
        requestId: id,
        step: by === 'EMPLOYEE' ? 'PEGAWAI' : 'PYBMC',
        decision: 'CANCEL',
        note: input.reason.trim() || null,
        ...who,
        decidedAt: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'leave.cancelled',
        entityType: 'leave_request',
        entityId: id,
        unitId: r.unitId,
        before: { status: r.status },
        after: { status: 'DIBATALKAN', by, reason: input.reason.trim() || null },
      });
      if (by === 'PYBMC')
        await notifications?.leaveCancelled(trx, r, { name: who.deciderName, reason: input.reason.trim() });
    });
    if (status === 'DISETUJUI')
      await statuses?.markDirty(r0.employeeId, eachDay(r0.dateFrom, r0.dateTo), 'leave');
    return get(actor, id);
  }

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

  /** GET /api/leave/balance: own, or leave.read / leave.balance in scope, or the superior. */
  async function balance(actor: Actor, q: { employeeId?: string | undefined; year?: number | undefined }) {
    const employeeId = q.employeeId ?? actor.employeeId;
    if (!employeeId) throw fieldError('employeeId', 'Sebutkan pegawai');
    const emp = await employeeOf(employeeId);
    const allowed =
      actor.employeeId === employeeId ||
      inScope(scopeOf(actor, 'leave.read'), emp.unitPath) ||
      inScope(scopeOf(actor, 'leave.balance'), emp.unitPath) ||
      (emp.superiorId !== null && (await superiorIdsOf(actor)).includes(emp.superiorId));
    if (!allowed) throw notFound('Pegawai');
    const year = q.year ?? Number(todayIn(emp.timeZone).slice(0, 4));
    return balanceOf(emp, year, await rulesForYear(year, emp.timeZone));
  }

  /** PUT /api/leave/opening-balances: admin OPD / BKD set the balance migrated from an old system, audited. */
  async function setOpening(actor: Actor, input: LeaveOpeningInput) {
    const emp = await employeeOf(input.employeeId);
    if (!inScope(scopeOf(actor, 'leave.balance'), emp.unitPath))
      throw forbidden('Pegawai ini berada di luar kewenangan Anda');
    const now = clock.now();
    const rules = await rulesForYear(input.year, emp.timeZone);
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, emp.id);
      const before = await repo.opening(trx, emp.id, input.year);
      await repo.upsertOpening(trx, {
        employeeId: emp.id,
        year: input.year,
        carriedFromPreviousYear: input.carriedFromPreviousYear,
        carriedFromTwoYearsBefore: input.carriedFromTwoYearsBefore,
        takenBefore: input.takenBefore,
        note: input.note ?? null,
        setBy: actor.userId,
        setAt: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'leave.opening_balance_set',
        entityType: 'employee',
        entityId: emp.id,
        unitId: emp.unitId,
        before: before && before.year === input.year ? before : null,
        after: input,
      });
    });
    return balanceOf(emp, input.year, rules);
  }

  /** GET /api/leave/requests/:id/attachment: only for those who may see the request. */
  async function attachment(actor: Actor, id: string) {
    const r = await load(actor, id);
    if (!r.attachmentHash) throw notFound('Lampiran');
    const bytes = await files.get(r.attachmentHash);
    if (!bytes) throw notFound('Lampiran');
    return { bytes, mime: r.attachmentMime ?? 'application/octet-stream', name: r.attachmentName };
  }

  /** GET /api/leave/requests/:id/letter.pdf: the leave letter of an approved request. */
  async function letter(actor: Actor, id: string) {
    const r = await load(actor, id);
    if (r.status !== 'DISETUJUI' || !r.letterNumber)
      throw new AppError('CONFLICT', 'Surat izin cuti hanya tersedia untuk cuti yang sudah disetujui');
    const emp = await employeeOf(r.employeeId);
    const decisions = (await repo.decisionsOf([r.id])).filter((d) => d.decision === 'APPROVE');
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
      approvals: decisions.map((d) => ({
        role:
          d.step === 'ATASAN'
            ? 'Pertimbangan atasan langsung'
            : 'Keputusan pejabat yang berwenang memberikan cuti',
        name: d.deciderName,
        nip: d.deciderNip,
        position: d.deciderPosition,
        decidedAt: stamp(d.decidedAt, r.timeZone),
      })),
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
    options,
    preview,
    submit,
    get,
    decide,
    cancel,
    mine,
    inbox,
    inboxCount,
    granted,
    list,
    exportRows,
    balance,
    setOpening,
    attachment,
    letter,
    approvedAbsences,
  };
}

export type LeaveService = ReturnType<typeof createLeaveService>;
