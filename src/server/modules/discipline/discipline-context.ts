import { sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Database, DisciplineCasesTable, NextHolder } from '../../db/schema.ts';
import type { Selectable, Transaction } from 'kysely';
import { inScope, scopeOf, type Actor, type Permission } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec, RelationsService } from '../../relations/relations-service.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import type { DisciplineRules } from '../../../core/discipline/discipline-rules.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import { createRuleViews } from '../../../core/attendance/rule-views.ts';
import type { IsWorkingDay } from '../../../core/calendar/working-days.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  canTake,
  CASE_STATE_LABELS,
  type CaseAction,
  type CaseState,
} from '../../../core/discipline/case-machine.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { RecapService } from '../recap/recap-service.ts';

/** What the discipline module is built from (wired once in app.ts). */
export interface DisciplineDeps {
  db: Db;
  clock: Clock;
  config: Config;
  audit: AuditService;
  relations: RelationsService;
  rulebooks: RulebookService;
  files: AttachmentService;
  documents: DocumentService;
  notifications: NotificationService;
  jobs: JobService;
  /** Built before this module: indications are read from its accumulations; closings trigger a scan. */
  recap: () => RecapService;
}

export type CaseRow = Selectable<DisciplineCasesTable>;

/**
 * Roles that read the cases, indications and registry of their subtree (PIMPINAN: the head of OPD / Sekda who
 * answer for discipline under them; INSPEKTORAT and BKD: the examination team's unsur pengawasan and kepegawaian).
 * Documents stay confidential: every view is logged (Peraturan BKN 6/2022 Pasal 57).
 */
export const DISCIPLINE_READERS: Permission[] = ['discipline.read', 'discipline.manage'];

/** How the actor is involved in a case (a party sees the case; only examiners see the team's notes). */
export interface CaseRole {
  /** The examinee. */
  examinee: boolean;
  /** Direct superior of the examinee today (or Plt/Plh), the examiner of a case without a team. */
  superior: boolean;
  /** A member of the examination team. */
  teamMember: boolean;
  /** Holds discipline.read / discipline.manage over the case's unit. */
  reader: boolean;
  /** Holds discipline.manage over the case's unit (BKD: team SK, PPK decisions, appeal outcomes). */
  manager: boolean;
  /**
   * The competent official (PyB) by relationship: holds the case's next step (e.g. the decision after the report),
   * was named in the examination report (reported_to.deciderIds), or decided its sanction.
   */
  pyb: boolean;
}

/**
 * The parts every discipline section shares: the rules in force (and a case's snapshot of them), the unit's
 * working-day calendar, loading a case with the caller's role in it, the timeline, the state check and the next step
 * for inboxes. Source: PP 94/2021; Peraturan BKN 6/2022; regulations.md §1.5–1.11.
 */
export function createDisciplineContext(deps: DisciplineDeps) {
  const { db, clock, config, relations, rulebooks } = deps;
  const views = createRuleViews();

  /** The whole rulebook of the installation's region in force on a date. */
  const rulebookOn = (date: LocalDate, exec: Exec = db): Promise<Rulebook> =>
    rulebooks.rulesOn(config.rulebookRegion, date, exec);
  /** The discipline section in force on a date (a case snapshots it on its violation date). */
  const rulesOn = async (date: LocalDate, exec: Exec = db): Promise<DisciplineRules> =>
    (await rulebookOn(date, exec)).discipline;
  /** The rules a case was opened under (its snapshot), never today's. */
  const rulesOf = (c: Pick<CaseRow, 'rules'>): DisciplineRules => c.rules as unknown as DisciplineRules;

  /** Today in the unit's zone. */
  async function todayOfUnit(unitId: string, exec: Exec = db): Promise<LocalDate> {
    const u = await exec.selectFrom('units').select('timeZone').where('id', '=', unitId).executeTakeFirst();
    if (!u) throw notFound('Unit');
    return localDateAt(clock.now().getTime(), u.timeZone as IndonesianTimeZone);
  }

  /**
   * The unit's working-day predicate around a date (the year before to the year after) (weekends, holidays, cuti bersama, the unit's own work pattern) from the
   * rulebook in force on each date: every deadline of the case is counted on it (regulations.md §0 "HK").
   */
  async function calendarOfUnit(unitId: string, around: LocalDate, exec: Exec = db): Promise<IsWorkingDay> {
    const u = await exec
      .selectFrom('units')
      .select(['code', 'timeZone'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!u) throw notFound('Unit');
    // Rulebooks by year around the date (a deadline may cross the year end): each year's calendar from the
    // rulebook in force in the middle of that year.
    const byYear = new Map<string, Rulebook>();
    const y0 = Number(around.slice(0, 4));
    for (const y of [y0 - 1, y0, y0 + 1]) {
      try {
        byYear.set(String(y), await rulebookOn(`${y}-06-30`, exec));
      } catch (err) {
        // No rulebook yet (or any more) in a year around the date: another year's calendar serves for it.
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      }
    }
    if (byYear.size === 0) byYear.set(around.slice(0, 4), await rulebookOn(around, exec));
    const cals = new Map<string, ReturnType<typeof views.calendarOf>>();
    const calOf = (date: LocalDate) => {
      const y = date.slice(0, 4);
      let c = cals.get(y);
      if (!c) {
        const rb = byYear.get(y) ?? [...byYear.values()][0]!;
        c = views.calendarOf(rb, u.code, u.timeZone as IndonesianTimeZone);
        cals.set(y, c);
      }
      return c;
    };
    return (date: LocalDate) => calOf(date).isWorkingDay(date);
  }

  /** The case or NOT_FOUND (no access check: callers go through `loadCase`). */
  async function caseRow(id: string, exec: Exec = db): Promise<CaseRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Kasus disiplin');
    const row = await exec.selectFrom('disciplineCases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Kasus disiplin');
    return row;
  }

  /** How the actor is involved in the case (today, with Plt/Plh for the superior). */
  async function roleIn(actor: Actor, c: CaseRow, exec: Exec = db): Promise<CaseRole> {
    const reader = DISCIPLINE_READERS.some((p) => inScope(scopeOf(actor, p), c.unitPath));
    const manager = inScope(scopeOf(actor, 'discipline.manage'), c.unitPath);
    const me = actor.employeeId;
    if (!me) return { examinee: false, superior: false, teamMember: false, reader, manager, pyb: false };
    const examinee = me === c.employeeId;
    const team = await exec
      .selectFrom('disciplineTeamMembers')
      .select('employeeId')
      .where('caseId', '=', c.id)
      .where('employeeId', '=', me)
      .executeTakeFirst();
    let superior = false;
    if (!examinee) {
      try {
        superior = (await relations.decidersToday(c.employeeId, exec)).includes(me);
      } catch (err) {
        if (!(err instanceof AppError)) throw err; // left service: nobody is their superior today
      }
    }
    let pyb = false;
    if (!examinee) {
      const holder = c.nextHolder as NextHolder | null;
      pyb = !!holder?.employeeIds.includes(me);
      if (!pyb) {
        const exam = await exec
          .selectFrom('disciplineExaminations')
          .select('reportedTo')
          .where('caseId', '=', c.id)
          .executeTakeFirst();
        const named = (exam?.reportedTo as { deciderIds?: string[] } | null | undefined)?.deciderIds;
        pyb = Array.isArray(named) && named.includes(me);
      }
      if (!pyb)
        pyb = !!(await exec
          .selectFrom('disciplineSanctions')
          .select('id')
          .where('caseId', '=', c.id)
          .where('decidedByEmployee', '=', me)
          .executeTakeFirst());
    }
    return { examinee, superior, teamMember: !!team, reader, manager, pyb };
  }

  /** A party to the case or a reader in scope may see it (404 otherwise, so outsiders learn nothing). */
  const mayRead = (r: CaseRole) => r.examinee || r.superior || r.teamMember || r.reader || r.pyb;

  /**
   * Loads a case the actor may see, with their role in it. `forUpdate` locks the row (inside a transaction) so two
   * decisions on one case run one after the other. @throws NOT_FOUND (also for a case the actor may not see)
   */
  async function loadCase(actor: Actor, id: string, exec: Exec = db, forUpdate = false) {
    if (forUpdate) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Kasus disiplin');
      await sql`select id from discipline_cases where id = ${id} for update`.execute(exec);
    }
    const c = await caseRow(id, exec);
    const role = await roleIn(actor, c, exec);
    if (!mayRead(role)) throw notFound('Kasus disiplin');
    return { c, role };
  }

  /** CONFLICT unless `action` is open in the case's state (the case stays as it was). */
  function requireAction(c: CaseRow, action: CaseAction, what: string): void {
    if (!canTake(c.state as CaseState, action))
      throw new AppError(
        'CONFLICT',
        `${what} tidak dapat dilakukan pada tahap ${CASE_STATE_LABELS[c.state as CaseState] ?? c.state}`,
      );
  }

  /** Appends a timeline event. */
  async function addEvent(
    trx: Transaction<Database>,
    actor: Actor,
    c: Pick<CaseRow, 'id'>,
    e: {
      action: string;
      from?: string | null;
      to?: string | null;
      actingAs?: 'PLT' | 'PLH' | 'PPK' | null;
      data?: Record<string, unknown>;
      reason?: string | null;
      confidential?: boolean;
    },
  ): Promise<void> {
    // The server clock (not the database's now()), strictly after the case's previous event so the timeline keeps
    // its order when several steps share an instant (one transaction, a fixed test clock).
    const last = await trx
      .selectFrom('disciplineCaseEvents')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('caseId', '=', c.id)
      .executeTakeFirst();
    const now = clock.now();
    const lastAt = last?.at ? new Date(last.at).getTime() : null;
    const at = lastAt !== null && lastAt >= now.getTime() ? new Date(lastAt + 1) : now;
    await trx
      .insertInto('disciplineCaseEvents')
      .values({
        at,
        caseId: c.id,
        action: e.action,
        fromState: e.from ?? null,
        toState: e.to ?? null,
        actorUserId: actor.userId,
        actorEmployeeId: actor.employeeId,
        actingAs: e.actingAs ?? null,
        data: JSON.stringify(e.data ?? {}),
        reason: e.reason ?? null,
        confidential: e.confidential ?? false,
      })
      .execute();
  }

  /**
   * Moves the case to `state` and records who holds the next step, by when (for inboxes, counts and the overdue
   * registry). Pass `next: null` for a final state.
   */
  async function setState(
    trx: Transaction<Database>,
    c: Pick<CaseRow, 'id'>,
    state: CaseState,
    next: { step: string; due: LocalDate | null; holder: NextHolder } | null,
  ): Promise<void> {
    await trx
      .updateTable('disciplineCases')
      .set({
        state,
        stateSince: clock.now(),
        nextStep: next?.step ?? null,
        nextDue: next?.due ?? null,
        nextHolder: next ? JSON.stringify(next.holder) : null,
        updatedAt: clock.now(),
      })
      .where('id', '=', c.id)
      .execute();
  }

  /** The next case number of the year (`HD/2027/00042`), one at a time per year (advisory lock). */
  async function nextCaseNumber(trx: Transaction<Database>, year: string): Promise<string> {
    await sql`select pg_advisory_xact_lock(hashtext(${`discipline-case-number:${year}`}))`.execute(trx);
    const r = await trx
      .selectFrom('disciplineCases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('caseNumber', 'like', `HD/${year}/%`)
      .executeTakeFirstOrThrow();
    return `HD/${year}/${String(Number(r.n) + 1).padStart(5, '0')}`;
  }

  /**
   * Opens a case (from an indication or by hand) in the caller's transaction: snapshots the discipline rules in
   * force on the violation date (regulations.md §1.11), numbers it, records its violations (an indication at most
   * once: unique key, so a violation is never examined twice), the timeline's first event and the audit entry, and
   * puts it in TELAAH with the direct superior (or Plt/Plh) holding the next step. The caller has checked that the
   * actor may open it. Returns the new case's id and number.
   */
  async function openCase(
    trx: Transaction<Database>,
    actor: Actor,
    input: {
      employeeId: string;
      source: 'INDIKASI' | 'INSPEKSI' | 'PENGADUAN' | 'NETRALITAS' | 'LAINNYA';
      sourceRef: string | null;
      violationDate: LocalDate;
      summary: string;
      expectedLevel: 'ringan' | 'sedang' | 'berat';
      track: 'disiplin' | 'etika';
      openedAs: 'PLT' | 'PLH' | null;
      violations: {
        indicationId: string | null;
        violationCode: string;
        article: string;
        occurredOn: LocalDate;
        description: string;
        level: 'ringan' | 'sedang' | 'berat' | null;
      }[];
    },
  ): Promise<{ id: string; caseNumber: string }> {
    const emp = await trx
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select(['e.id', 'e.employeeType', 'e.unitId', 'u.path as unitPath', 'p.kind as positionKind'])
      .where('e.id', '=', input.employeeId)
      .executeTakeFirst();
    if (!emp) throw notFound('Pegawai');
    const rulebook = await rulebookOn(input.violationDate, trx);
    const rules = rulebook.discipline;
    const track = rules.procedure.tracks.find((t) =>
      (t.employeeTypes as readonly string[]).includes(emp.employeeType),
    );
    const caseNumber = await nextCaseNumber(trx, input.violationDate.slice(0, 4));
    const superiors = await relations.decidersToday(emp.id, trx).catch(() => [] as string[]);
    const row = await trx
      .insertInto('disciplineCases')
      .values({
        caseNumber,
        employeeId: emp.id,
        unitId: emp.unitId,
        unitPath: emp.unitPath,
        employeeType: emp.employeeType,
        positionKind: emp.positionKind ?? null,
        source: input.source,
        sourceRef: input.sourceRef,
        track: input.track,
        procedure: track?.procedure ?? 'PP94',
        violationDate: input.violationDate,
        summary: input.summary,
        expectedLevel: input.expectedLevel,
        state: 'TELAAH',
        rules: JSON.stringify(rules),
        regulationSet: rules.regulationSet,
        rulebookVersion: (rulebook as { version?: string }).version ?? null,
        nextStep: 'Telaah kasus dan tentukan pemeriksa',
        nextDue: null,
        nextHolder: JSON.stringify({ employeeIds: superiors, roles: [] } satisfies NextHolder),
        openedBy: actor.userId,
        openedByEmployee: actor.employeeId,
        openedAs: input.openedAs,
        createdAt: clock.now(),
        updatedAt: clock.now(),
        stateSince: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.violations.length)
      await trx
        .insertInto('disciplineCaseViolations')
        .values(input.violations.map((v) => ({ ...v, caseId: row.id })))
        .execute();
    await addEvent(trx, actor, row, {
      action: 'open',
      to: 'TELAAH',
      actingAs: input.openedAs,
      data: { source: input.source, sourceRef: input.sourceRef, expectedLevel: input.expectedLevel },
      reason: input.summary,
    });
    await deps.audit.record(trx, ctxOf(actor), {
      action: 'discipline.case_opened',
      entityType: 'discipline_case',
      entityId: row.id,
      unitId: emp.unitId,
      after: {
        caseNumber,
        source: input.source,
        expectedLevel: input.expectedLevel,
        violations: input.violations,
      },
    });
    const others = superiors.filter((id) => id !== actor.employeeId);
    if (others.length)
      await deps.notifications.notify(trx, {
        employeeIds: others,
        kind: 'discipline_case_opened',
        title: `Kasus disiplin ${caseNumber} menunggu telaah`,
        body: input.summary,
        link: `/disiplin/kasus/${row.id}`,
        entity: { type: 'discipline_case', id: row.id },
        subjectEmployeeId: emp.id,
      });
    return { id: row.id, caseNumber };
  }

  return {
    ...deps,
    openCase,
    rulebookOn,
    rulesOn,
    rulesOf,
    todayOfUnit,
    calendarOfUnit,
    caseRow,
    roleIn,
    mayRead,
    loadCase,
    requireAction,
    addEvent,
    setState,
    nextCaseNumber,
    forbidden,
  };
}
export type DisciplineContext = ReturnType<typeof createDisciplineContext>;
