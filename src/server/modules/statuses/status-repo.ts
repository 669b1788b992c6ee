import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

type Exec = Db | Transaction<Database>;

/** One employee-day of the dirty set (or of a range being filled). */
export interface DayKey {
  employeeId: string;
  localDate: string;
}

/** A stored daily status as written by the status service. */
export interface DayStatusRow {
  employeeId: string;
  localDate: string;
  unitId: string;
  code: string;
  lateBand: string | null;
  earlyBand: string | null;
  lateMinutes: number;
  earlyMinutes: number;
  missingCheckIn: boolean;
  missingCheckOut: boolean;
  workLocation: string | null;
  nonWorkingDay: boolean;
  reasons: string[];
  rulebookId: string;
}

/** Queries of the stored daily statuses and their dirty queue. */
export function createStatusRepo(db: Db) {
  return {
    /** Queue employee-days; an entry already queued stays as it is. */
    markDirty: (keys: DayKey[], reason: string, exec: Exec = db) =>
      keys.length === 0
        ? Promise.resolve()
        : exec
            .insertInto('statusQueue')
            .values(keys.map((k) => ({ employeeId: k.employeeId, localDate: k.localDate, reason })))
            .onConflict((oc) => oc.columns(['employeeId', 'localDate']).doNothing())
            .execute()
            .then(() => undefined),

    /** Queue every day from `from` to `to` of each employee active on it (optionally within a unit subtree). */
    markAllDirty: async (from: string, to: string, reason: string, unitPath?: string) => {
      const r = await sql`
        insert into status_queue (employee_id, local_date, reason)
        select e.id, d::date, ${reason}
        from employees e
        join units u on u.id = e.unit_id
        cross join generate_series(${from}::date, ${to}::date, interval '1 day') as d
        where e.active_from <= d::date and (e.active_to is null or e.active_to >= d::date)
          and (${unitPath ?? null}::text is null or u.path like ${(unitPath ?? '') + '%'})
        on conflict (employee_id, local_date) do nothing`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },

    /** The oldest queued keys up to a date (nothing later can be computed yet). */
    peekQueue: (upTo: string, limit: number) =>
      db
        .selectFrom('statusQueue')
        .select(['employeeId', 'localDate'])
        .where('localDate', '<=', upTo)
        .orderBy('queuedAt')
        .orderBy('employeeId')
        .orderBy('localDate')
        .limit(limit)
        .execute(),

    /** Take keys off the queue (inside the recompute transaction); returns those that were still queued. */
    takeFromQueue: async (trx: Transaction<Database>, keys: DayKey[]) => {
      if (keys.length === 0) return [];
      return trx
        .deleteFrom('statusQueue')
        .where((eb) =>
          eb.or(
            keys.map((k) => eb.and([eb('employeeId', '=', k.employeeId), eb('localDate', '=', k.localDate)])),
          ),
        )
        .returning(['employeeId', 'localDate'])
        .execute();
    },

    /** Employees as the classifier needs them: current unit, its code and zone, service dates. */
    employees: (ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('employees as e')
            .innerJoin('units as u', 'u.id', 'e.unitId')
            .select([
              'e.id',
              'e.nip',
              'e.activeFrom',
              'e.activeTo',
              'e.unitId',
              'u.code as unitCode',
              'u.path as unitPath',
              'u.timeZone',
            ])
            .where('e.id', 'in', ids)
            .execute(),

    /** Punches of the employee in an instant window whose effective verdict (after review) is not REJECTED. */
    punchesBetween: (exec: Exec, employeeId: string, fromMs: number, toMs: number) =>
      exec
        .selectFrom('punches as p')
        .leftJoin('punchReviews as r', 'r.punchId', 'p.id')
        .select(['p.occurredAt', 'p.source'])
        .where('p.employeeId', '=', employeeId)
        .where('p.occurredAt', '>=', new Date(fromMs))
        .where('p.occurredAt', '<', new Date(toMs))
        .where(sql<string>`coalesce(r.decision, p.verdict)`, '!=', 'REJECTED')
        .execute(),

    upsert: (trx: Exec, row: DayStatusRow, computedAt: Date) =>
      trx
        .insertInto('dayStatuses')
        .values({ ...row, reasons: JSON.stringify(row.reasons), computedAt })
        .onConflict((oc) =>
          oc.columns(['employeeId', 'localDate']).doUpdateSet((eb) => ({
            unitId: eb.ref('excluded.unitId'),
            code: eb.ref('excluded.code'),
            lateBand: eb.ref('excluded.lateBand'),
            earlyBand: eb.ref('excluded.earlyBand'),
            lateMinutes: eb.ref('excluded.lateMinutes'),
            earlyMinutes: eb.ref('excluded.earlyMinutes'),
            missingCheckIn: eb.ref('excluded.missingCheckIn'),
            missingCheckOut: eb.ref('excluded.missingCheckOut'),
            workLocation: eb.ref('excluded.workLocation'),
            nonWorkingDay: eb.ref('excluded.nonWorkingDay'),
            reasons: eb.ref('excluded.reasons'),
            rulebookId: eb.ref('excluded.rulebookId'),
            computedAt: eb.ref('excluded.computedAt'),
          })),
        )
        .execute(),

    storedDates: async (employeeId: string, from: string, to: string) =>
      (
        await db
          .selectFrom('dayStatuses')
          .select('localDate')
          .where('employeeId', '=', employeeId)
          .where('localDate', '>=', from)
          .where('localDate', '<=', to)
          .execute()
      ).map((r) => r.localDate),

    list: (employeeId: string, from: string, to: string) =>
      db
        .selectFrom('dayStatuses')
        .selectAll()
        .where('employeeId', '=', employeeId)
        .where('localDate', '>=', from)
        .where('localDate', '<=', to)
        .orderBy('localDate')
        .execute(),

    /** Employee ids whose position the employee holds as Plt/Plh on the date (same rule as attendance). */
    actingHolders: async (employeeId: string, date: string) =>
      (
        await db
          .selectFrom('actingAssignments as a')
          .innerJoin('employees as h', 'h.positionId', 'a.positionId')
          .select('h.id')
          .where('a.employeeId', '=', employeeId)
          .where('a.validFrom', '<=', date)
          .where((eb) => eb.or([eb('a.validTo', 'is', null), eb('a.validTo', '>=', date)]))
          .where('h.id', '!=', employeeId)
          .execute()
      ).map((r) => r.id),

    /** Whether the employee is a direct staff member of one of the superiors. */
    isStaffOf: async (employeeId: string, superiorIds: string[]) =>
      superiorIds.length > 0 &&
      (await db
        .selectFrom('employees')
        .select('id')
        .where('id', '=', employeeId)
        .where('superiorId', 'in', superiorIds)
        .executeTakeFirst()) !== undefined,
  };
}

export type StatusRepo = ReturnType<typeof createStatusRepo>;
