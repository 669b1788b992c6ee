import { sql, type Selectable } from 'kysely';
import type { TppObjectionsTable } from '../../db/schema.ts';
import { scopeOf, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { objectionLineLabel, type ObjectionLine } from '../../../core/tpp/objection-lines.ts';
import { RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import {
  OBJECTION_STATUS_LABELS,
  type Objection,
  type ObjectionInboxQuery,
  type ObjectionStatus,
} from '../../../shared/api/tpp-objections.ts';
import type { TppContext } from './tpp-context.ts';
import type { RunRow, RunsAccess } from './runs-access.ts';
import { isUuid } from './runs-access.ts';

export type ObjectionRow = Selectable<TppObjectionsTable>;

/** The event a decision leaves on the run (`tpp_run_events.data`), read back for the objection's `rerun`. */
export interface DecisionEventData {
  objectionId: string;
  employeeId: string;
  rerun: { changed: boolean; netBefore: number; netAfter: number; version: number } | null;
}

/**
 * Who may do what with objections (issue 17 point 4): the employee files on her own published line; her direct
 * superior today (or whoever acts in the superior's post as Plt/Plh: relations service) or BKD (tpp.manage over
 * the run's unit) decides; readers of the run and its head see a run's objections. Plus the lists.
 */
export function createObjectionsView(ctx: TppContext, access: RunsAccess) {
  const { db, holds } = ctx;

  /** The objection row or 404. */
  async function rowOr404(id: string, exec: Exec = db, forUpdate = false): Promise<ObjectionRow> {
    if (!isUuid(id)) throw notFound('Keberatan');
    let q = exec.selectFrom('tppObjections').selectAll().where('id', '=', id);
    if (forUpdate) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound('Keberatan');
    return row;
  }

  /** Whether the actor decides objections of this employee in this run: BKD over the unit, or the superior. */
  async function mayDecide(actor: Actor, run: RunRow, employeeId: string, exec: Exec = db) {
    if (actor.employeeId === employeeId) return false;
    if (holds(actor, ['tpp.manage'], run.unitPath)) return true;
    return (await access.staffOf(actor, exec)).has(employeeId);
  }

  /** Whether the actor sees the objection: the employee, a decider, a reader of the run or its head. */
  async function maySee(actor: Actor, run: RunRow, o: ObjectionRow, exec: Exec = db) {
    if (actor.employeeId === o.employeeId) return true;
    if (await access.mayRead(actor, run, exec)) return true;
    return mayDecide(actor, run, o.employeeId, exec);
  }

  /** Objection rows as the API shows them (one query for the runs, people and decision events). */
  async function present(actor: Actor, rows: ObjectionRow[], exec: Exec = db): Promise<Objection[]> {
    if (rows.length === 0) return [];
    const runIds = [...new Set(rows.map((r) => r.runId))];
    const runs = new Map(
      (
        await exec
          .selectFrom('tppRuns as r')
          .innerJoin('units as u', 'u.id', 'r.unitId')
          .selectAll('r')
          .select('u.name as unitName')
          .where('r.id', 'in', runIds)
          .execute()
      ).map((r) => [r.id, r]),
    );
    const people = new Map(
      (
        await exec
          .selectFrom('employees')
          .select(['id', 'nip', 'name'])
          .where('id', 'in', [...new Set(rows.map((r) => r.employeeId))])
          .execute()
      ).map((e) => [e.id, e]),
    );
    const deciders = rows.map((r) => r.decidedBy).filter((x): x is string => !!x);
    const names = new Map(
      deciders.length
        ? (
            await exec.selectFrom('users').select(['id', 'displayName']).where('id', 'in', deciders).execute()
          ).map((u) => [u.id, u.displayName])
        : [],
    );
    const events = await exec
      .selectFrom('tppRunEvents')
      .select('data')
      .where('runId', 'in', runIds)
      .where('action', '=', 'objection_upheld')
      .execute();
    const reruns = new Map<string, DecisionEventData['rerun']>();
    for (const e of events) {
      const d = e.data as unknown as DecisionEventData;
      if (d?.objectionId) reruns.set(d.objectionId, d.rerun);
    }
    const evidence = new Map(
      (
        await exec
          .selectFrom('attachments')
          .select(['ownerId', 'fileName', 'mime'])
          .where('ownerKind', '=', 'tpp_objection')
          .where(
            'ownerId',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      ).map((a) => [a.ownerId!, a]),
    );
    const staff = await access.staffOf(actor, exec);
    return rows.map((r) => {
      const run = runs.get(r.runId)!;
      const e = people.get(r.employeeId);
      const line = r.line as unknown as ObjectionLine;
      const status = r.status as ObjectionStatus;
      const ev = evidence.get(r.id);
      const canDecide =
        status === 'DIAJUKAN' &&
        run.status === 'DIUMUMKAN' &&
        actor.employeeId !== r.employeeId &&
        (holds(actor, ['tpp.manage'], run.unitPath) || staff.has(r.employeeId));
      return {
        id: r.id,
        runId: r.runId,
        month: run.month,
        unitName: run.unitName,
        runStatus: RUN_STATUS_LABELS[run.status as RunStatus] ?? run.status,
        objectionUntil: run.objectionUntil,
        employee: { id: r.employeeId, nip: e?.nip ?? null, name: e?.name ?? '' },
        line,
        lineLabel: objectionLineLabel(line),
        reason: r.reason,
        evidence: ev
          ? { fileName: ev.fileName, mime: ev.mime, url: `/api/tpp/objections/${r.id}/evidence` }
          : null,
        status,
        statusLabel: OBJECTION_STATUS_LABELS[status],
        filedAt: new Date(r.filedAt).toISOString(),
        decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
        decidedBy: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
        decisionNote: r.decisionNote,
        rerun: status === 'DITERIMA' ? (reruns.get(r.id) ?? null) : null,
        canDecide,
      };
    });
  }

  /** GET /objections/:id: one objection (the employee, deciders, readers; 404 for anyone else). */
  async function one(actor: Actor, id: string, exec: Exec = db): Promise<Objection> {
    const o = await rowOr404(id, exec);
    const run = await access.runRow(o.runId, exec);
    if (!(await maySee(actor, run, o, exec))) throw notFound('Keberatan');
    return (await present(actor, [o], exec))[0]!;
  }

  /** GET /runs/:id/objections: every objection of a run (readers of the run and its head). */
  async function ofRun(actor: Actor, runId: string) {
    const { run } = await access.readableRun(actor, runId);
    const rows = await db
      .selectFrom('tppObjections')
      .selectAll()
      .where('runId', '=', run.id)
      .orderBy(sql`case when status = 'DIAJUKAN' then 0 else 1 end`)
      .orderBy('filedAt')
      .execute();
    const items = await present(actor, rows);
    return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
  }

  /** GET /objections/mine: the caller's own objections (newest first), optionally of one month. */
  async function mine(actor: Actor, month: string | undefined) {
    if (!actor.employeeId) return { items: [], total: 0, page: 1, pageSize: 1 };
    let q = db
      .selectFrom('tppObjections as o')
      .innerJoin('tppRuns as r', 'r.id', 'o.runId')
      .selectAll('o')
      .where('o.employeeId', '=', actor.employeeId);
    if (month) q = q.where('r.month', '=', month);
    const rows = await q.orderBy('o.filedAt', 'desc').execute();
    const items = await present(actor, rows);
    return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
  }

  /** The pending objections the actor decides: of their staff today, and of runs under their tpp.manage. */
  async function inboxQuery(actor: Actor) {
    const staff = [...(await access.staffOf(actor))];
    const scope = scopeOf(actor, 'tpp.manage');
    return db
      .selectFrom('tppObjections as o')
      .innerJoin('tppRuns as r', 'r.id', 'o.runId')
      .where('o.status', '=', 'DIAJUKAN')
      .where('r.status', '=', 'DIUMUMKAN')
      .where((eb) => {
        const ors = [unitScopeCondition(eb, scope, 'r.unitPath')];
        if (staff.length) ors.push(eb('o.employeeId', 'in', staff));
        return eb.or(ors);
      })
      .where((eb) => (actor.employeeId ? eb('o.employeeId', '<>', actor.employeeId) : sql<boolean>`true`));
  }

  /** GET /objections/inbox: pending objections the caller decides, oldest first. */
  async function inbox(actor: Actor, q: ObjectionInboxQuery) {
    const query = await inboxQuery(actor);
    const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('o')
      .orderBy('o.filedAt')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: await present(actor, rows), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  /** GET /objections/inbox/count: how many wait for the caller (the navigation's badge). */
  async function inboxCount(actor: Actor) {
    const query = await inboxQuery(actor);
    const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { count: Number(n) };
  }

  return { rowOr404, mayDecide, maySee, present, one, ofRun, mine, inbox, inboxCount };
}
export type ObjectionsView = ReturnType<typeof createObjectionsView>;
