import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, StatusAdjustmentsTable } from '../../db/schema.ts';

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

/**
 * The rows as a subquery with the table's columns in order, from one array parameter per column. Employee ids,
 * unit ids and reason lists repeat across a batch: they are sent once each and referenced by position (parsing
 * 60,000 uuids and JSON documents per statement was most of its cost). Ordered by key, as the primary key likes.
 */
function rowsSource(rows: DayStatusRow[]) {
  const intern = <T>(f: (r: DayStatusRow) => T) => {
    const index = new Map<T, number>();
    const refs = rows.map((r) => {
      const v = f(r);
      let i = index.get(v);
      if (i === undefined) index.set(v, (i = index.size + 1));
      return i;
    });
    return { values: [...index.keys()], refs };
  };
  const emp = intern((r) => r.employeeId);
  const unit = intern((r) => r.unitId);
  const reasons = intern((r) => JSON.stringify(r.reasons));
  const base = rows.reduce((m, r) => (r.localDate < m ? r.localDate : m), rows[0]!.localDate);
  const baseDay = Date.parse(`${base}T00:00:00Z`) / 86_400_000;
  const col = <T>(f: (r: DayStatusRow) => T) => rows.map(f);
  return sql`(
    select e.id as employee_id, ${base}::date + k.day as local_date, u.id as unit_id, k.code, k.late_band,
           k.early_band, k.late_minutes, k.early_minutes, k.missing_check_in, k.missing_check_out,
           k.work_location, k.non_working_day, r.reasons, k.rulebook_id
    from unnest(${emp.refs}::int4[], ${col((x) => Date.parse(`${x.localDate}T00:00:00Z`) / 86_400_000 - baseDay)}::int4[],
                ${unit.refs}::int4[], ${col((x) => x.code)}::text[], ${col((x) => x.lateBand)}::text[],
                ${col((x) => x.earlyBand)}::text[], ${col((x) => x.lateMinutes)}::int4[],
                ${col((x) => x.earlyMinutes)}::int4[], ${col((x) => x.missingCheckIn)}::bool[],
                ${col((x) => x.missingCheckOut)}::bool[], ${col((x) => x.workLocation)}::text[],
                ${col((x) => x.nonWorkingDay)}::bool[], ${reasons.refs}::int4[], ${col((x) => x.rulebookId)}::text[])
         as k(emp, day, unit, code, late_band, early_band, late_minutes, early_minutes, missing_check_in,
              missing_check_out, work_location, non_working_day, reasons, rulebook_id)
    join unnest(${emp.values}::uuid[]) with ordinality as e(id, n) on e.n = k.emp
    join unnest(${unit.values}::uuid[]) with ordinality as u(id, n) on u.n = k.unit
    join unnest(${reasons.values}::jsonb[]) with ordinality as r(reasons, n) on r.n = k.reasons
    order by 1, 2)`;
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
    /** The latest date already filled (every employee-day queued after it ended), or null. */
    lastFilled: async () =>
      (
        await db
          .selectFrom('statusFills')
          .select((eb) => eb.fn.max('localDate').as('d'))
          .executeTakeFirst()
      )?.d ?? null,

    /**
     * Fill ended dates: in one transaction, mark each date filled and queue every active employee's day on it.
     * A date another process filled meanwhile is left alone. Returns the days queued.
     */
    fillDates: (dates: string[], reason: string) =>
      db.transaction().execute(async (trx) => {
        let queued = 0;
        for (const d of dates) {
          const mark = await trx
            .insertInto('statusFills')
            .values({ localDate: d, queuedDays: 0 })
            .onConflict((oc) => oc.column('localDate').doNothing())
            .returning('localDate')
            .executeTakeFirst();
          if (!mark) continue;
          const r = await sql<{ n: number }>`
            with q as (
              insert into status_queue (employee_id, local_date, reason)
              select e.id, ${d}::date, ${reason} from employees e
              where e.active_from <= ${d}::date and (e.active_to is null or e.active_to >= ${d}::date)
              on conflict (employee_id, local_date) do nothing
              returning 1)
            select count(*)::int as n from q`.execute(trx);
          const n = r.rows[0]!.n;
          await trx.updateTable('statusFills').set({ queuedDays: n }).where('localDate', '=', d).execute();
          queued += n;
        }
        return queued;
      }),

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

    /** The oldest queued keys up to a date (nothing later can be computed yet), with why they were queued. */
    peekQueue: (upTo: string, limit: number) =>
      db
        .selectFrom('statusQueue')
        .select(['employeeId', 'localDate', 'reason'])
        .where('localDate', '<=', upTo)
        .orderBy('queuedAt')
        .orderBy('employeeId')
        .orderBy('localDate')
        .limit(limit)
        .execute(),

    /** Take keys off the queue (inside the recompute transaction); returns those that were still queued. */
    takeFromQueue: async (trx: Transaction<Database>, keys: DayKey[]) => {
      if (keys.length === 0) return [];
      const r = await sql<{ employeeId: string; localDate: string; reason: string }>`
        delete from status_queue q
        using unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.localDate)}::date[]) as k(e, d)
        where q.employee_id = k.e and q.local_date = k.d
        returning q.employee_id, q.local_date, q.reason`.execute(trx);
      return r.rows;
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

    /** Ids of employees in service at some time in `from`..`to`, optionally placed within a unit subtree then. */
    employeeIdsInRange: async (exec: Exec, from: string, to: string, unitPath?: string) =>
      (
        await sql<{ id: string }>`
          select e.id from employees e join units u on u.id = e.unit_id
          where e.active_from <= ${to}::date and (e.active_to is null or e.active_to >= ${from}::date)
            and (${unitPath ?? null}::text is null or u.path like ${(unitPath ?? '') + '%'}
              or exists (select 1 from placements p join units pu on pu.id = p.unit_id
                         where p.employee_id = e.id and pu.path like ${(unitPath ?? '') + '%'}
                           and p.valid_from <= ${to}::date and (p.valid_to is null or p.valid_to >= ${from}::date)))
          order by e.id`.execute(exec)
      ).rows.map((r) => r.id),

    /** Employees with their service dates and current unit. */
    employeesById: (exec: Exec, ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('employees')
            .select(['id', 'nip', 'activeFrom', 'activeTo', 'unitId'])
            .where('id', '=', sql<string>`any(${ids}::uuid[])`)
            .execute(),

    /** Placements (mutasi) of the employees overlapping `from`..`to`, oldest first. */
    placementsOf: (exec: Exec, ids: string[], from: string, to: string) =>
      ids.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('placements')
            .select(['employeeId', 'unitId', 'validFrom', 'validTo'])
            .where('employeeId', '=', sql<string>`any(${ids}::uuid[])`)
            .where('validFrom', '<=', to)
            .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', from)]))
            .orderBy('validFrom')
            .orderBy('createdAt')
            .execute(),

    /** Units with what the classifier needs (code for the calendar and schedule, zone, path for closings). */
    unitsById: (exec: Exec, ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('units')
            .select(['id', 'code', 'path', 'timeZone'])
            .where('id', '=', sql<string>`any(${ids}::uuid[])`)
            .execute(),

    /** Closed months from `fromMonth` on of the units, through the unit itself or an ancestor (units.path). */
    closedMonths: async (exec: Exec, unitIds: string[], fromMonth: string) =>
      unitIds.length === 0
        ? []
        : (
            await sql<{ unitId: string; month: string }>`
              select distinct u.id as unit_id, mc.month
              from units u join month_closings mc on strpos(u.path, '/' || mc.unit_id::text || '/') > 0
              where u.id = any(${unitIds}::uuid[]) and mc.month >= ${fromMonth}`.execute(exec)
          ).rows,

    /**
     * Punch instants (epoch ms, unsorted) per employee whose punch local date is within a run's `from`..`to`
     * and whose effective verdict (after review) is not REJECTED: one query for many employees.
     */
    punchInstants: async (exec: Exec, runs: { employeeId: string; from: string; to: string }[]) => {
      const out = new Map<string, number[]>();
      if (runs.length === 0) return out;
      const r = await sql<{ employeeId: string; ms: string }>`
        select p.employee_id, string_agg(round(date_part('epoch', p.occurred_at) * 1000)::bigint::text, ',') as ms
        from unnest(${runs.map((x) => x.employeeId)}::uuid[], ${runs.map((x) => x.from)}::date[],
                    ${runs.map((x) => x.to)}::date[]) as k(e, f, t)
        join punches p on p.employee_id = k.e and p.local_date between k.f and k.t
        left join punch_reviews r on r.punch_id = p.id
        where coalesce(r.decision, p.verdict) <> 'REJECTED'
        group by p.employee_id`.execute(exec);
      for (const row of r.rows) out.set(row.employeeId, row.ms.split(',').map(Number));
      return out;
    },

    /** Stored rows of the keys (to compare a closed day with what was closed). */
    storedRows: async (exec: Exec, keys: DayKey[]) =>
      keys.length === 0
        ? []
        : (
            await sql<DayStatusRow & { computedAt: Date }>`
              select s.* from day_statuses s
              join unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.localDate)}::date[]) as k(e, d)
                on s.employee_id = k.e and s.local_date = k.d`.execute(exec)
          ).rows,

    /**
     * Insert or update many rows in one statement (column arrays through unnest). A row equal to the stored one
     * is not written. Returns the employee-months whose rows changed.
     */
    upsertMany: async (exec: Exec, rows: DayStatusRow[], computedAt: Date) => {
      if (rows.length === 0) return [];
      const r = await sql<{ employeeId: string; month: string; rows: number }>`
        with up as (
          insert into day_statuses (employee_id, local_date, unit_id, code, late_band, early_band, late_minutes,
            early_minutes, missing_check_in, missing_check_out, work_location, non_working_day, reasons,
            rulebook_id, computed_at)
          select k.*, ${computedAt}::timestamptz from ${rowsSource(rows)} as k
          on conflict (employee_id, local_date) do update set
            unit_id = excluded.unit_id, code = excluded.code, late_band = excluded.late_band,
            early_band = excluded.early_band, late_minutes = excluded.late_minutes,
            early_minutes = excluded.early_minutes, missing_check_in = excluded.missing_check_in,
            missing_check_out = excluded.missing_check_out, work_location = excluded.work_location,
            non_working_day = excluded.non_working_day, reasons = excluded.reasons,
            rulebook_id = excluded.rulebook_id, computed_at = excluded.computed_at
          where (day_statuses.unit_id, day_statuses.code, day_statuses.late_band, day_statuses.early_band,
                 day_statuses.late_minutes, day_statuses.early_minutes, day_statuses.missing_check_in,
                 day_statuses.missing_check_out, day_statuses.work_location, day_statuses.non_working_day,
                 day_statuses.reasons, day_statuses.rulebook_id)
            is distinct from
                (excluded.unit_id, excluded.code, excluded.late_band, excluded.early_band, excluded.late_minutes,
                 excluded.early_minutes, excluded.missing_check_in, excluded.missing_check_out,
                 excluded.work_location, excluded.non_working_day, excluded.reasons, excluded.rulebook_id)
          returning employee_id, local_date
        )
        select employee_id, to_char(local_date, 'YYYY-MM') as month, count(*)::int as rows from up group by 1, 2`.execute(
        exec,
      );
      return r.rows;
    },

    /** Stored rows of the employees in `from`..`to` (a bulk recompute compares before writing). */
    storedRange: async (exec: Exec, ids: string[], from: string, to: string) =>
      ids.length === 0
        ? []
        : (
            await sql<DayStatusRow>`
              select employee_id, local_date, unit_id, code, late_band, early_band, late_minutes, early_minutes,
                     missing_check_in, missing_check_out, work_location, non_working_day, reasons, rulebook_id
              from day_statuses
              where employee_id = any(${ids}::uuid[]) and local_date between ${from}::date and ${to}::date`.execute(
              exec,
            )
          ).rows,

    /** Whether any day in from..to is stored (for anyone). */
    anyStoredBetween: async (exec: Exec, from: string, to: string) =>
      (
        await sql<{ found: boolean }>`select exists (select 1 from day_statuses
          where local_date between ${from}::date and ${to}::date) as found`.execute(exec)
      ).rows[0]!.found,

    /** Insert rows known to be new (plain insert from column arrays; a concurrent insert fails the batch). */
    insertMany: async (exec: Exec, rows: DayStatusRow[], computedAt: Date) => {
      if (rows.length === 0) return;
      await sql`
        insert into day_statuses (employee_id, local_date, unit_id, code, late_band, early_band, late_minutes,
          early_minutes, missing_check_in, missing_check_out, work_location, non_working_day, reasons,
          rulebook_id, computed_at)
        select k.*, ${computedAt}::timestamptz from ${rowsSource(rows)} as k`.execute(exec);
    },

    /** Update stored rows (known to exist and to differ) from column arrays. */
    updateMany: async (exec: Exec, rows: DayStatusRow[], computedAt: Date) => {
      if (rows.length === 0) return;
      await sql`
        update day_statuses s set unit_id = k.unit_id, code = k.code, late_band = k.late_band,
          early_band = k.early_band, late_minutes = k.late_minutes, early_minutes = k.early_minutes,
          missing_check_in = k.missing_check_in, missing_check_out = k.missing_check_out,
          work_location = k.work_location, non_working_day = k.non_working_day, reasons = k.reasons,
          rulebook_id = k.rulebook_id, computed_at = ${computedAt}::timestamptz
        from ${rowsSource(rows)} as k
        where s.employee_id = k.employee_id and s.local_date = k.local_date`.execute(exec);
    },

    /** Write (or replace) the open adjustment of each employee-day. */
    upsertAdjustments: async (exec: Exec, rows: Insertable<StatusAdjustmentsTable>[]) => {
      if (rows.length === 0) return;
      await exec
        .insertInto('statusAdjustments')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['employeeId', 'localDate']).doUpdateSet((eb) => ({
            unitId: eb.ref('excluded.unitId'),
            monthClosed: eb.ref('excluded.monthClosed'),
            carriedToMonth: eb.ref('excluded.carriedToMonth'),
            oldCode: eb.ref('excluded.oldCode'),
            newCode: eb.ref('excluded.newCode'),
            oldStatus: eb.ref('excluded.oldStatus'),
            newStatus: eb.ref('excluded.newStatus'),
            reason: eb.ref('excluded.reason'),
            createdAt: eb.ref('excluded.createdAt'),
          })),
        )
        .execute();
    },

    /** Remove the open adjustments of employee-days (the day returned to its stored row); returns those removed. */
    deleteAdjustments: async (exec: Exec, keys: DayKey[]) =>
      keys.length === 0
        ? []
        : (
            await sql<{ employeeId: string; carriedToMonth: string }>`
              delete from status_adjustments a
              using unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.localDate)}::date[]) as k(e, d)
              where a.employee_id = k.e and a.local_date = k.d
              returning a.employee_id, a.carried_to_month`.execute(exec)
          ).rows,

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
