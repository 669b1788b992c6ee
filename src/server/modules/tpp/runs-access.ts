import { sql, type Selectable, type Transaction } from 'kysely';
import type { Database, TppRunsTable } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { isPublished, type RunStatus } from '../../../core/tpp/run-machine.ts';
import { TPP_READERS, type TppContext } from './tpp-context.ts';

export type RunRow = Selectable<TppRunsTable>;

/**
 * How the actor stands to a run:
 * - reader: holds tpp.read / tpp.run / tpp.manage over the run's unit (admin OPD, BKD, Inspektorat, pimpinan):
 *   sees the run in every status, all its lines;
 * - runner: tpp.run over it (admin OPD, BKD): computes, checks, publishes;
 * - manager: tpp.manage over it (BKD): approves and locks;
 * - employee: their own line, once the run is published;
 * - staff: the employees whose direct superior the actor is today (or Plt/Plh of that post, relations service):
 *   their lines, once the run is published.
 * Source: issue 17 points 3, 4 ("the superior and admin OPD see the same for their staff"); docs/security.md §2.
 */
export interface RunStanding {
  reader: boolean;
  runner: boolean;
  manager: boolean;
  published: boolean;
}

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
