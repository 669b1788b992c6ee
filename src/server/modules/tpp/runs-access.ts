import { sql, type RawBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { Database, TppRunsTable } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { isPublished, PUBLISHED_STATUSES, type RunStatus } from '../../../core/tpp/run-machine.ts';
import { TPP_READERS, type TppContext } from './tpp-context.ts';
import { fullName } from './inputs-common.ts';

export type RunRow = Selectable<TppRunsTable>;

/**
 * How the actor stands to a run:
 * - reader: holds tpp.read / tpp.run / tpp.manage over the run's unit (admin OPD, BKD, Inspektorat, pimpinan):
 *   sees the run in every status, all its lines;
 * - runner: tpp.run over it (admin OPD, BKD): computes, checks, publishes;
 * - manager: tpp.manage over it (BKD): approves and locks;
 * - employee: their own line, once the run is published;
 * - staff: the employees whose direct superior the actor is today (or Plt/Plh of that post, relations service):
 *   their lines, once the run is published;
 * - treasurer: the designated bendahara pengeluaran of the run's unit (`isTreasurer`, by designation, not a
 *   grantable role): the run, its lines and its finance documents once published, nothing else.
 * Source: issue 17 points 3, 4 ("the superior and admin OPD see the same for their staff"), 9 ("a treasurer sees
 * the nominative list but cannot change a run"); docs/security.md §2.
 */
export interface RunStanding {
  reader: boolean;
  runner: boolean;
  manager: boolean;
  published: boolean;
}

/**
 * The employee recorded as treasurer (bendahara pengeluaran, `tpp_treasurers`) of the unit whose path is `path`:
 * the unit's own record, else its nearest ancestor's. A scalar subquery, the one SQL form of `treasurerOf`.
 */
export const nearestTreasurerSql = (path: RawBuilder<unknown>) =>
  sql<string | null>`(select t.employee_id from tpp_treasurers t join units tu on tu.id = t.unit_id
    where ${path} like tu.path || '%' order by length(tu.path) desc limit 1)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** The access rules of the runs section, on the module's context. */
export function createRunsAccess(ctx: TppContext) {
  const { db, clock, relations, holds } = ctx;

  function standing(actor: Actor, run: Pick<RunRow, 'unitPath' | 'status'>): RunStanding {
    return {
      reader: holds(actor, TPP_READERS, run.unitPath),
      runner: holds(actor, ['tpp.run'], run.unitPath),
      manager: holds(actor, ['tpp.manage'], run.unitPath),
      published: isPublished(run.status as RunStatus),
    };
  }

  /**
   * The treasurer record of the unit at `unitPath`, or of its nearest ancestor that has one (null when none): who
   * signs the nominative list as bendahara pengeluaran, and who reads the unit's runs as treasurer.
   */
  async function treasurerOf(unitPath: string, exec: Exec = db) {
    const ids = unitPath.split('/').filter(Boolean);
    if (ids.length === 0) return null;
    const row = await exec
      .selectFrom('tppTreasurers as t')
      .innerJoin('employees as e', 'e.id', 't.employeeId')
      .innerJoin('units as u', 'u.id', 't.unitId')
      .select([
        't.unitId',
        't.employeeId',
        't.decree',
        't.updatedAt',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
      ])
      .where('t.unitId', 'in', ids)
      .orderBy(sql`length(u.path)`, 'desc')
      .executeTakeFirst();
    return row
      ? {
          unitId: row.unitId,
          employeeId: row.employeeId,
          name: fullName(row),
          nip: row.nip,
          decree: row.decree,
          updatedAt: new Date(row.updatedAt).toISOString(),
        }
      : null;
  }

  /**
   * Whether the actor is the designated treasurer of the run: the run is published or later (a draft or a checked
   * run may still change and is not shown to its employees either) and the treasurer record of its unit (or the
   * nearest ancestor's) names the actor's employee. Replacing the treasurer ends it. The treasurer reads the run,
   * its lines and finance documents and produces the bank file; every step, decision and input stays refused.
   */
  async function isTreasurer(actor: Actor, run: Pick<RunRow, 'unitPath' | 'status'>, exec: Exec = db) {
    if (!actor.employeeId || !isPublished(run.status as RunStatus)) return false;
    return (await treasurerOf(run.unitPath, exec))?.employeeId === actor.employeeId;
  }

  /** `isTreasurer` as a condition on a `tpp_runs` row aliased `alias` (lists: the runs, the finance recap). */
  function treasurerRunsCondition(actor: Actor, alias = 'r'): RawBuilder<SqlBool> {
    if (!actor.employeeId) return sql<SqlBool>`false`;
    return sql<SqlBool>`(${sql.ref(`${alias}.status`)} in (${sql.join([...PUBLISHED_STATUSES])})
      and ${nearestTreasurerSql(sql.ref(`${alias}.unitPath`))} = ${actor.employeeId})`;
  }

  /** The units whose treasurer record names the actor's employee (the web's finance entry). */
  async function treasurerUnits(actor: Actor, exec: Exec = db) {
    if (!actor.employeeId) return [];
    return exec
      .selectFrom('tppTreasurers as t')
      .innerJoin('units as u', 'u.id', 't.unitId')
      .select(['u.id as unitId', 'u.name as unitName', 'u.code as unitCode', 't.decree'])
      .where('t.employeeId', '=', actor.employeeId)
      .orderBy('u.path')
      .execute();
  }

  /** The run row or NOT_FOUND (no access check); `forUpdate` locks it in the caller's transaction. */
  async function runRow(id: string, exec: Exec = db, forUpdate = false): Promise<RunRow> {
    if (!isUuid(id)) throw notFound('TPP');
    if (forUpdate) await sql`select id from tpp_runs where id = ${id} for update`.execute(exec);
    const row = await exec
      .selectFrom('tppRuns')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', 'RUN')
      .executeTakeFirst();
    if (!row) throw notFound('TPP');
    return row;
  }

  /** Whether the actor is the head of the run's unit today (holder of its head post, or Plt/Plh in it). */
  async function isHead(actor: Actor, run: Pick<RunRow, 'unitId'>, exec: Exec = db): Promise<boolean> {
    if (!actor.employeeId) return false;
    return !!(await headOf(run, exec))?.deciderIds.includes(actor.employeeId);
  }

  /** Readers in scope, and the head of the run's unit (who approves it), see the whole run in every status. */
  async function mayRead(actor: Actor, run: RunRow, exec: Exec = db): Promise<boolean> {
    return standing(actor, run).reader || (await isHead(actor, run, exec));
  }

  /** A run the actor may read as a whole (404 for anyone else: the run's existence is not told). */
  async function readableRun(actor: Actor, id: string, exec: Exec = db, forUpdate = false) {
    const run = await runRow(id, exec, forUpdate);
    if (!(await mayRead(actor, run, exec))) throw notFound('TPP');
    return { run, who: standing(actor, run) };
  }

  /**
   * A run the actor may read for finance: as a whole (readers, the head), or as its designated treasurer once
   * published (`treasurer`: the run, its lines and finance documents only). 404 for anyone else.
   */
  async function financeReadableRun(actor: Actor, id: string, exec: Exec = db) {
    const run = await runRow(id, exec);
    if (await mayRead(actor, run, exec)) return { run, who: standing(actor, run), treasurer: false };
    if (await isTreasurer(actor, run, exec)) return { run, who: standing(actor, run), treasurer: true };
    throw notFound('TPP');
  }

  /** The employees the actor supervises today (direct staff, and the staff of a post held as Plt/Plh). */
  async function staffOf(actor: Actor, exec: Exec = db): Promise<Set<string>> {
    if (!actor.employeeId) return new Set();
    try {
      const today = await relations.todayOf(actor.employeeId, exec);
      const subs = await relations.subordinatesOn(actor.employeeId, today, exec);
      return new Set(subs.map((s) => s.employeeId).filter((id) => id !== actor.employeeId));
    } catch (err) {
      if (err instanceof AppError) return new Set(); // out of service: supervises nobody today
      throw err;
    }
  }

  /**
   * Whether the actor may see one employee's line of the run: a reader or the head always; the employee and their superior
   * once the run is published (a draft or a checked run is never shown to them).
   */
  async function maySeeLine(
    actor: Actor,
    run: RunRow,
    employeeId: string,
    exec: Exec = db,
  ): Promise<boolean> {
    const who = standing(actor, run);
    if (await mayRead(actor, run, exec)) return true;
    if (!who.published || !actor.employeeId) return false;
    if (employeeId === actor.employeeId) return true;
    return (await staffOf(actor, exec)).has(employeeId);
  }

  /** Today in the run's unit zone. */
  async function todayOfUnit(unitId: string, exec: Exec = db): Promise<LocalDate> {
    const u = await exec.selectFrom('units').select('timeZone').where('id', '=', unitId).executeTakeFirst();
    if (!u) throw notFound('Unit');
    return localDateAt(clock.now().getTime(), u.timeZone as IndonesianTimeZone);
  }

  /**
   * The head post of the run's unit and who decides as its head today: its holders and whoever acts in it as
   * Plt/Plh (relations service, `postDecidersToday`). Null when the unit has no head post.
   */
  async function headOf(run: Pick<RunRow, 'unitId'>, exec: Exec = db) {
    const post = await exec
      .selectFrom('positions')
      .select(['id', 'name'])
      .where('unitId', '=', run.unitId)
      .where('isHead', '=', true)
      .orderBy('code')
      .executeTakeFirst();
    if (!post) return null;
    return {
      positionId: post.id,
      positionName: post.name,
      deciderIds: await relations.postDecidersToday(post.id, exec),
    };
  }

  /** 403 (a reader) or 404 (anyone else) unless `allowed`: the refusal of a step, before anything is written. */
  function refuseUnless(allowed: boolean, who: RunStanding, message: string): void {
    if (allowed) return;
    if (who.reader) throw forbidden(message);
    throw notFound('TPP');
  }

  /**
   * Appends a step to the run's timeline, at the server clock and strictly after the run's previous event (steps
   * in one transaction or at one fixed test instant keep their order).
   */
  async function addEvent(
    trx: Transaction<Database>,
    actor: Actor,
    runId: string,
    e: { action: string; from: string | null; to: string | null; note?: string | null; data?: object },
  ): Promise<void> {
    const last = await trx
      .selectFrom('tppRunEvents')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('runId', '=', runId)
      .executeTakeFirst();
    const now = clock.now();
    const lastAt = last?.at ? new Date(last.at).getTime() : null;
    const at = lastAt !== null && lastAt >= now.getTime() ? new Date(lastAt + 1) : now;
    await trx
      .insertInto('tppRunEvents')
      .values({
        runId,
        action: e.action,
        fromStatus: e.from,
        toStatus: e.to,
        actorUserId: actor.userId,
        note: e.note ?? null,
        data: JSON.stringify(e.data ?? {}),
        at,
      })
      .execute();
  }

  return {
    standing,
    treasurerOf,
    isTreasurer,
    treasurerRunsCondition,
    treasurerUnits,
    financeReadableRun,
    runRow,
    isHead,
    mayRead,
    readableRun,
    staffOf,
    maySeeLine,
    todayOfUnit,
    headOf,
    refuseUnless,
    addEvent,
  };
}
export type RunsAccess = ReturnType<typeof createRunsAccess>;
