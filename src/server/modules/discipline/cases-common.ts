import type { Transaction } from 'kysely';
import { PERMISSIONS, type Actor } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { Database, NextHolder } from '../../db/schema.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { LegalBasis } from '../../../core/common/legal-basis.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { DeadlineResult } from '../../../core/discipline/deadlines.ts';
import type {
  DisciplineLevel,
  DisciplineRules,
  SanctionType,
} from '../../../core/discipline/discipline-rules.ts';
import type { DisciplineTrack } from '../../../core/discipline/procedure-rules.ts';
import type { CaseDeadline } from '../../../shared/api/discipline-cases.ts';
import type { CaseRole, CaseRow, DisciplineContext } from './discipline-context.ts';

/** Notification kinds of the procedure (the holder of the next step; the examinee about their case). */
export const CASE_WAITING = 'discipline_case_waiting';
export const CASE_UPDATE = 'discipline_case_update';

/** `Regulation Article` of a legal basis, for messages. */
export function basisText(b: LegalBasis): string {
  return b.article ? `${b.regulation} ${b.article}` : b.regulation;
}

/**
 * Who examines the case now: the team once formed (examiner TIM), else the direct superior today (or Plt/Plh).
 * Source: PP 94/2021 Pasal 26–27; regulations.md §1.6.
 */
export function isExaminer(c: Pick<CaseRow, 'examinerKind'>, role: CaseRole): boolean {
  return c.examinerKind === 'TIM' ? role.teamMember : role.superior;
}

/** May see the team's notes and confidential steps: the examiners, the superior, BKD (Peraturan BKN 6/2022 Pasal 57). */
export const seesConfidential = (role: CaseRole) => role.superior || role.teamMember || role.manager;

/** A deadline of the core in the contract's shape; `waiting` false once the step it bounds is done. */
export function deadlineOut(d: DeadlineResult, today: LocalDate, waiting = true): CaseDeadline {
  return {
    date: d.date,
    bound: d.bound,
    explanation: d.explanation,
    legalBasis: d.legalBasis,
    overdue: waiting && d.bound === 'onOrBefore' && today > d.date,
  };
}

/** The track of the rulebook for an employee type (null when the rulebook has none: PP 94 by default). */
export function trackOf(rules: DisciplineRules, employeeType: string): DisciplineTrack | null {
  return (
    rules.procedure.tracks.find((t) => (t.employeeTypes as readonly string[]).includes(employeeType)) ?? null
  );
}

/**
 * The lightest sanction of a level in the employee's track, standing for "a sanction of this level" when the PyB
 * is named before a sanction is proposed (after two missed summonses). Null on a track without sanctions.
 * Source: PP 94/2021 Pasal 8; regulations.md §1.5, §2.
 */
export function representativeSanction(
  rules: DisciplineRules,
  employeeType: string,
  level: DisciplineLevel,
): SanctionType | null {
  const allowed = trackOf(rules, employeeType)?.sanctions ?? rules.sanctionTypes.map((s) => s.code);
  return (
    rules.sanctionTypes
      .filter((s) => s.level === level && allowed.includes(s.code))
      .sort((a, b) => a.rank - b.rank)[0] ?? null
  );
}

/** Helpers of the cases section bound to the module's context. */
export function createCaseTools(ctx: DisciplineContext) {
  const { db, relations, notifications } = ctx;

  /** The unit's time zone. */
  async function zoneOf(unitId: string, exec: Exec = db): Promise<IndonesianTimeZone> {
    const u = await exec.selectFrom('units').select('timeZone').where('id', '=', unitId).executeTakeFirst();
    return (u?.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone;
  }

  /** The local date the case was opened on (its unit's zone). */
  async function openedOn(c: Pick<CaseRow, 'unitId' | 'createdAt'>, exec: Exec = db): Promise<LocalDate> {
    return localDateAt(c.createdAt.getTime(), await zoneOf(c.unitId, exec));
  }

  /** Who decides for the employee today as direct superior (holder and Plt/Plh); empty when none. */
  async function superiorsToday(employeeId: string, exec: Exec = db): Promise<string[]> {
    try {
      return await relations.decidersToday(employeeId, exec);
    } catch (err) {
      if (err instanceof AppError) return [];
      throw err;
    }
  }

  /** The examiners of the case today: the team members (TIM) or the direct superior (holder and Plt/Plh). */
  async function examinerIds(c: Pick<CaseRow, 'id' | 'employeeId' | 'examinerKind'>, exec: Exec = db) {
    if (c.examinerKind === 'TIM') {
      const rows = await exec
        .selectFrom('disciplineTeamMembers')
        .select('employeeId')
        .where('caseId', '=', c.id)
        .execute();
      return rows.map((r) => r.employeeId);
    }
    return superiorsToday(c.employeeId, exec);
  }

  /**
   * How the actor acts as the employee's direct superior today: as Plt/Plh of the superior's post, or null (the
   * superior of record, or not a superior at all).
   */
  async function actingAs(actor: Actor, employeeId: string, exec: Exec = db): Promise<'PLT' | 'PLH' | null> {
    if (!actor.employeeId) return null;
    try {
      const today = await relations.todayOf(employeeId, exec);
      const slot = await relations.superiorOn(employeeId, today, exec);
      if (!slot || slot.definitiveId === actor.employeeId) return null;
      const post = await relations.actingPostAt(actor.employeeId, [slot.positionId], ctx.clock.now(), exec);
      return post?.kind ?? null;
    } catch (err) {
      if (err instanceof AppError) return null;
      throw err;
    }
  }

  /** Accounts holding discipline.manage over the unit (BKD for the PPK). */
  const managers = (exec: Exec, unitPath: string) =>
    notifications.grantHolders(exec, PERMISSIONS['discipline.manage'], unitPath);

  /**
   * Notifies whoever holds the next step (employees, or the accounts of the roles over the case's unit), never the
   * actor nor the examinee.
   */
  async function notifyHolder(
    trx: Transaction<Database>,
    actor: Actor,
    c: Pick<CaseRow, 'id' | 'employeeId' | 'unitPath' | 'caseNumber'>,
    holder: NextHolder,
    title: string,
    body: string,
  ): Promise<void> {
    const userIds = holder.roles.includes('discipline.manage') ? await managers(trx, c.unitPath) : [];
    await notifications.notify(trx, {
      employeeIds: holder.employeeIds,
      userIds,
      kind: CASE_WAITING,
      title,
      body,
      link: `/disiplin/kasus/${c.id}`,
      entity: { type: 'discipline_case', id: c.id },
      subjectEmployeeId: c.employeeId,
      once: false,
      exceptUserIds: [actor.userId],
      exceptEmployeeIds: [c.employeeId],
    });
  }

  /** Tells the examinee about a step of their case (not the actor). */
  async function notifyExaminee(
    trx: Transaction<Database>,
    actor: Actor,
    c: Pick<CaseRow, 'id' | 'employeeId'>,
    title: string,
    body: string,
  ): Promise<void> {
    if (actor.employeeId === c.employeeId) return;
    await notifications.notify(trx, {
      employeeIds: [c.employeeId],
      kind: CASE_UPDATE,
      title,
      body,
      link: `/disiplin/kasus/${c.id}`,
      entity: { type: 'discipline_case', id: c.id },
      subjectEmployeeId: c.employeeId,
      once: false,
      exceptUserIds: [actor.userId],
    });
  }

  return { zoneOf, openedOn, superiorsToday, examinerIds, actingAs, managers, notifyHolder, notifyExaminee };
}
export type CaseTools = ReturnType<typeof createCaseTools>;
