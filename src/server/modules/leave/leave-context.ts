import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { fieldError, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import type { AttachmentService, Upload } from '../../files/attachment-service.ts';
import type { LeaveRepo, LeaveRow } from './leave-repo.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import { diffDays } from '../../../core/common/local-date.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  canCancel,
  MAX_LEAVE_RANGE_DAYS,
  waitingStep,
  type LeaveStatus,
} from '../../../core/leave/leave-workflow.ts';
import { LEAVE_TYPE_NAMES, type LeaveRequest, type LeaveTypeCode } from '../../../shared/api/leave.ts';

/*
 * What every section of the leave service shares (leave-service.ts is the façade): its dependencies, the
 * rulebook and "today" in a unit's zone, who may see a request and who decides its steps, and rows → contract.
 */

export type Exec = Kysely<Database> | Transaction<Database>;

export type LeaveDeps = {
  db: Db;
  repo: LeaveRepo;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  /**
   * The attachment service: the doctor's note is checked from its content (PDF, JPEG, PNG), stripped, stored by
   * SHA-256 and owned by the request; views go through `load` (registered here) and are logged.
   */
  files: Pick<AttachmentService, 'prepare' | 'put' | 'record' | 'view' | 'registerOwner'>;
  /** Days whose stored status an approval or a cancellation changes. */
  statuses?: Pick<StatusService, 'markDirty' | 'dutyDates'>;
  /** Each step's decider when a request waits for them, the employee when a step is decided (issue 13). */
  notifications?: Pick<NotificationService, 'leaveSubmitted' | 'leaveDecided' | 'leaveCancelled'>;
  /**
   * The document layer (src/server/documents): the letter number from the scheme BKD configured for the granting
   * unit, and its letterhead. Without a scheme (or without this), the built-in number below.
   */
  documents?: Pick<DocumentService, 'issueNumber' | 'letterheadFor'>;
  /** The PyBMC, Plt/Plh and posts on a date (src/server/relations). */
  relations: Pick<
    RelationsService,
    'leaveGrantorOn' | 'actingForToday' | 'postsToday' | 'actingPostAt' | 'placementOn' | 'localDateOf'
  >;
};

/** An uploaded attachment as the route received it. */
export type UploadedFile = Upload;

/** An employee as the leave repository reads them (unit, zone, type, superior, service dates). */
export type Emp = NonNullable<Awaited<ReturnType<LeaveRepo['employee']>>>;

export const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

export function createLeaveContext(deps: LeaveDeps) {
  const { db, repo, clock, config, rulebooks, relations } = deps;
  const rulesOn = (date: string) => rulebooks.rulesOn(config.rulebookRegion, date);
  const todayIn = (zone: string) => toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;

  async function employeeOf(id: string, exec?: Exec): Promise<Emp> {
    const emp = await repo.employee(id, exec);
    if (!emp) throw notFound('Pegawai');
    return emp;
  }

  /** The rulebook in force on the first day, after the range checks that need no rules. */
  async function rulesFor(from: string, to: string) {
    if (to < from) throw fieldError('to', 'Tanggal selesai tidak boleh sebelum tanggal mulai');
    if (diffDays(from, to) + 1 > MAX_LEAVE_RANGE_DAYS)
      throw fieldError('to', `Rentang cuti paling lama ${MAX_LEAVE_RANGE_DAYS} hari kalender`);
    return rulesOn(from);
  }

  // ------------------------------------------------------------------ who sees, who decides

  /** The actor and the holders of the posts they act in (Plt/Plh) on their own today. */
  async function superiorIdsOf(actor: Actor) {
    if (!actor.employeeId) return [];
    return [actor.employeeId, ...(await relations.actingForToday(actor.employeeId))];
  }

  /** The actor's own post and those they act in (Plt/Plh) on their own today. */
  async function positionIdsOf(actor: Actor) {
    if (!actor.employeeId) return [];
    return relations.postsToday(actor.employeeId);
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

  async function get(actor: Actor, id: string) {
    const r = await load(actor, id);
    return (await present(actor, [r]))[0]!;
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

  return {
    deps,
    rulesOn,
    todayIn,
    employeeOf,
    rulesFor,
    superiorIdsOf,
    inboxWho,
    mayDecide,
    isPybmc,
    present,
    load,
    get,
    decider,
  };
}

export type LeaveContext = ReturnType<typeof createLeaveContext>;
