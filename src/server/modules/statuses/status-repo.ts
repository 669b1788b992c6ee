import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, StatusAdjustmentsTable } from '../../db/schema.ts';
import {
  clearDay,
  compactUnits,
  emptyMonth,
  isEmptyMonth,
  monthStart,
  packDays,
  packReasons,
  PACKED_COLUMNS,
  putDay,
  ROW_SEP,
  sameMonth,
  unpackMonth,
  type DayStatusRow,
  type MonthRow,
  type StoredMonthRow,
} from '../../lib/month-rows.ts';

type Exec = Db | Transaction<Database>;

/** One employee-day of the dirty set (or of a range being filled). */
export interface DayKey {
  employeeId: string;
  localDate: string;
}

export type { DayStatusRow } from '../../lib/month-rows.ts';

/**
 * Comma-separated non-negative integers (epoch ms) as numbers, parsed without intermediate strings (~2 M per
 * province month). Plain numbers rather than one object per punch: a batch's instants stay alive while it is
 * classified, and numbers in an array are no garbage to collect.
 */
function parseInstants(s: string): number[] {
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      out.push(v);
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out.push(v);
  return out;
}

/**
 * The month rows as a subquery of the table's columns: each column travels as one string, rows joined by
 * ROW_SEP and split by PostgreSQL (a text[] parameter would be escaped element by element).
 */
function monthRowsSource(rows: MonthRow[]) {
  const column = (f: (m: MonthRow) => string) =>
    sql`string_to_array(${rows.map(f).join(ROW_SEP)}::text, chr(30))`;
  return sql`(
    select k.employee_id, k.month, k.units::uuid[] as units, ${sql.raw(PACKED_COLUMNS.map(([c]) => `k.${c}`).join(', '))},
      k.reasons
    from unnest(${rows.map((m) => m.employeeId)}::uuid[], ${rows.map((m) => m.month)}::date[],
      ${column((m) => `{${m.units.join(',')}}`)},
      ${sql.join(PACKED_COLUMNS.map(([, key]) => column((m) => packDays(m[key]))))},
      ${column((m) => packReasons(m.reasons))})
      as k(employee_id, month, units, ${sql.raw(PACKED_COLUMNS.map(([c]) => c).join(', '))}, reasons))`;
}

const MONTH_COLUMNS = sql.raw(
  `employee_id, month, units, ${PACKED_COLUMNS.map(([c]) => c).join(', ')}, reasons`,
);
/** The same without the days' reasons (the largest column): every day's reasons read as none. */
const MONTH_COLUMNS_NO_REASONS = sql.raw(
  `employee_id, month, units, ${PACKED_COLUMNS.map(([c]) => c).join(', ')}, '' as reasons`,
);

/**
 * The stored month rows of (employee, first day of month) keys, optionally locked for update; `withReasons`
 * false leaves the days' reasons out (a reader that only counts codes and bands, e.g. the TPP run).
 */
async function readMonths(exec: Exec, keys: [string, string][], lock: boolean, withReasons = true) {
  if (keys.length === 0) return [];
  const r = await sql<StoredMonthRow>`
    select ${withReasons ? MONTH_COLUMNS : MONTH_COLUMNS_NO_REASONS} from status_months m
    join unnest(${keys.map((k) => k[0])}::uuid[], ${keys.map((k) => k[1])}::date[]) as k(e, d)
      on m.employee_id = k.e and m.month = k.d
    ${lock ? sql`for update of m` : sql``}`.execute(exec);
  return r.rows.map(unpackMonth);
}

/**
 * Write days into their month rows (`status_months`): the rows of the months concerned are read and locked,
 * the days put in, and only months where some day changed are written (new months inserted, the others
 * updated). A month row inserted meanwhile by another transaction is read again and merged. Returns the
 * employee-months whose days changed, with how many days did and the whole month as now stored.
 */
async function writeDays(exec: Exec, rows: DayStatusRow[], computedAt: Date) {
  const out: { employeeId: string; month: string; rows: number; stored: MonthRow }[] = [];
  if (rows.length === 0) return out;
  const byKey = new Map<string, DayStatusRow[]>();
  // Rows come grouped by employee, dates in order: a key is built once per run of the same month.
  let prev: DayStatusRow | undefined;
  let xs: DayStatusRow[] = [];
  for (const r of rows) {
    if (!prev || prev.employeeId !== r.employeeId || !sameMonth(prev.localDate, r.localDate)) {
      const k = `${r.employeeId}|${monthStart(r.localDate)}`;
      xs = byKey.get(k) ?? [];
      byKey.set(k, xs);
    }
    xs.push(r);
    prev = r;
  }
  let pending = [...byKey.keys()];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 3) throw new Error('Baris status bulanan terus berubah bersamaan; coba lagi');
    const keys = pending.map((k) => k.split('|') as [string, string]);
    const storedOf = new Map(
      (await readMonths(exec, keys, true)).map((m) => [`${m.employeeId}|${m.month}`, m]),
    );
    const inserts: MonthRow[] = [];
    const updates: MonthRow[] = [];
    const changed = new Map<string, { n: number; m: MonthRow }>();
    const nowMs = computedAt.getTime();
    for (const [i, key] of pending.entries()) {
      const [employeeId, month] = keys[i]!;
      const old = storedOf.get(key);
      const m = old ?? emptyMonth(employeeId, month);
      let n = 0;
      for (const r of byKey.get(key)!) if (putDay(m, r, nowMs)) n++;
      if (n === 0) continue;
      compactUnits(m);
      (old ? updates : inserts).push(m);
      changed.set(key, { n, m });
    }
    await updateMonths(exec, updates, computedAt);
    let lost = new Set<string>();
    if (inserts.length > 0) {
      const r = await sql<{ employeeId: string; month: string }>`
        insert into status_months (${MONTH_COLUMNS}, computed_at)
        select k.*, ${computedAt}::timestamptz from ${monthRowsSource(inserts)} as k
        order by k.employee_id, k.month
        on conflict (employee_id, month) do nothing
        returning employee_id, month`.execute(exec);
      if (r.rows.length < inserts.length) {
        lost = new Set(inserts.map((m) => `${m.employeeId}|${m.month}`));
        for (const x of r.rows) lost.delete(`${x.employeeId}|${x.month}`);
      }
    }
    for (const [key, { n, m }] of changed)
      if (!lost.has(key))
        out.push({ employeeId: m.employeeId, month: m.month.slice(0, 7), rows: n, stored: m });
    pending = [...lost];
  }
  return out;
}

/** Write changed month rows back (rows that exist). */
async function updateMonths(exec: Exec, rows: MonthRow[], computedAt: Date) {
  if (rows.length === 0) return;
  await sql`
    update status_months s set units = k.units,
      ${sql.raw(PACKED_COLUMNS.map(([c]) => `${c} = k.${c}`).join(', '))},
      reasons = k.reasons, computed_at = ${computedAt}::timestamptz
    from ${monthRowsSource(rows)} as k
    where s.employee_id = k.employee_id and s.month = k.month`.execute(exec);
}

/**
 * Remove days from their month rows ("no data": before the unit's go-live or outside the employee's service):
 * the months concerned are read and locked, the days cleared, changed months written back and months left
 * without any day deleted. Returns the employee-months that changed, with how many days were removed and the
 * month as now stored (null when deleted).
 */
async function clearDays(exec: Exec, keys: DayKey[], computedAt: Date) {
  const out: { employeeId: string; month: string; rows: number; stored: MonthRow | null }[] = [];
  if (keys.length === 0) return out;
  const byKey = new Map<string, string[]>();
  for (const k of keys) {
    const key = `${k.employeeId}|${monthStart(k.localDate)}`;
    const xs = byKey.get(key) ?? [];
    byKey.set(key, xs);
    xs.push(k.localDate);
  }
  const months = await readMonths(
    exec,
    [...byKey.keys()].map((k) => k.split('|') as [string, string]),
    true,
  );
  const updates: MonthRow[] = [];
  const emptied: MonthRow[] = [];
  for (const m of months) {
    let n = 0;
    for (const d of byKey.get(`${m.employeeId}|${m.month}`) ?? []) if (clearDay(m, d)) n++;
    if (n === 0) continue;
    if (isEmptyMonth(m)) emptied.push(m);
    else {
      compactUnits(m);
      updates.push(m);
    }
    out.push({
      employeeId: m.employeeId,
      month: m.month.slice(0, 7),
      rows: n,
      stored: isEmptyMonth(m) ? null : m,
    });
  }
  await updateMonths(exec, updates, computedAt);
  if (emptied.length > 0)
    await sql`delete from status_months s
      using unnest(${emptied.map((m) => m.employeeId)}::uuid[], ${emptied.map((m) => m.month)}::date[]) as k(e, d)
      where s.employee_id = k.e and s.month = k.d`.execute(exec);
  return out;
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
              select e.id, ${d}::date, ${reason} from employees e join units u on u.id = e.unit_id
              where e.active_from <= ${d}::date and (e.active_to is null or e.active_to >= ${d}::date)
                and u.attendance_start <= ${d}::date
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

    /**
     * Queue the days `from`..`to` of each unit's employees — those whose current unit it is, and those placed in
     * it at some time in the range — within their service (a go-live date moved: the days between the old and the
     * new date change from data to "no data" or back). Returns the days queued.
     */
    markUnitDaysDirty: async (ranges: { unitId: string; from: string; to: string }[], reason: string) => {
      if (ranges.length === 0) return 0;
      const r = await sql`
        insert into status_queue (employee_id, local_date, reason)
        select distinct e.id, d::date, ${reason}
        from unnest(${ranges.map((x) => x.unitId)}::uuid[], ${ranges.map((x) => x.from)}::date[],
                    ${ranges.map((x) => x.to)}::date[]) as k(u, f, t)
        join employees e on e.unit_id = k.u
          or exists (select 1 from placements p where p.employee_id = e.id and p.unit_id = k.u
                       and p.valid_from <= k.t and (p.valid_to is null or p.valid_to >= k.f))
        cross join lateral generate_series(k.f, k.t, interval '1 day') as d
        where e.active_from <= d::date and (e.active_to is null or e.active_to >= d::date)
        on conflict (employee_id, local_date) do nothing`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },

    /** The months (first day) with stored days, oldest first. */
    storedMonths: async (exec: Exec) =>
      (
        await sql<{
          month: string;
        }>`select distinct month::text as month from status_months order by 1`.execute(exec)
      ).rows.map((r) => r.month),

    /**
     * Stored days of a month (first day) that are "no data": before the go-live of the day's unit, or outside the
     * employee's service (src/core/recap/no-data.ts); a day of a closed month already carried as an adjustment to
     * "no data" (its row stays frozen) is done.
     */
    noDataKeys: async (exec: Exec, month: string): Promise<DayKey[]> =>
      (
        await sql<DayKey>`
          select ds.employee_id, ds.local_date::text as local_date
          from day_statuses ds join employees e on e.id = ds.employee_id join units u on u.id = ds.unit_id
          where ds.month = ${month}::date
            and (ds.local_date < u.attendance_start or ds.local_date < e.active_from
                 or (e.active_to is not null and ds.local_date > e.active_to))
            and not exists (select 1 from status_adjustments a where a.employee_id = ds.employee_id
                              and a.local_date = ds.local_date and a.new_code is null)
          order by ds.employee_id, ds.local_date`.execute(exec)
      ).rows,

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

    /**
     * The queue's lag (read by GET /metrics): how many computable days wait (counted up to `cap`, so a backfill of
     * hundreds of thousands stays a cheap read) and the age in seconds of the oldest one (null when none waits),
     * both by the database's clock, which stamped `queued_at`. The oldest comes from the `status_queue_order` index.
     */
    queueLag: async (upTo: string, cap: number) => {
      const r = await sql<{ days: number; oldestSeconds: number | null }>`
        select
          (select count(*) from (select 1 from status_queue where local_date <= ${upTo} limit ${cap}) c)::int as days,
          (select extract(epoch from now() - queued_at) from status_queue where local_date <= ${upTo}
            order by queued_at limit 1)::float8 as oldest_seconds`.execute(db);
      const row = r.rows[0];
      return { days: Number(row?.days ?? 0), oldestSeconds: row?.oldestSeconds ?? null };
    },

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
            .select(['id', 'code', 'path', 'timeZone', 'attendanceStart'])
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
     * Punch instants (epoch ms, in time order, as plain numbers) per employee whose punch local date is within a run's
     * `from`..`to` and whose effective verdict (after review) is not REJECTED: one query for many employees.
     */
    punchInstants: async (exec: Exec, runs: { employeeId: string; from: string; to: string }[]) => {
      const out = new Map<string, number[]>();
      if (runs.length === 0) return out;
      const r = await sql<{ employeeId: string; ms: string }>`
        select p.employee_id, string_agg(round(date_part('epoch', p.occurred_at) * 1000)::bigint::text, ',' order by p.occurred_at) as ms
        from unnest(${runs.map((x) => x.employeeId)}::uuid[], ${runs.map((x) => x.from)}::date[],
                    ${runs.map((x) => x.to)}::date[]) as k(e, f, t)
        join punches p on p.employee_id = k.e and p.local_date between k.f and k.t
        left join punch_reviews r on r.punch_id = p.id
        where coalesce(r.decision, p.verdict) <> 'REJECTED'
        group by p.employee_id`.execute(exec);
      for (const row of r.rows) out.set(row.employeeId, parseInstants(row.ms));
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
                on s.employee_id = k.e and s.month = date_trunc('month', k.d)::date and s.local_date = k.d`.execute(
              exec,
            )
          ).rows,

    /** Write days into their month rows; returns the employee-months whose days changed. */
    writeDays,

    /** Remove "no data" days from their month rows; returns the employee-months that changed. */
    clearDays,

    /** The stored month rows of (employee, first day of the month) keys, unpacked. */
    months: (exec: Exec, keys: [string, string][], withReasons = true) =>
      readMonths(exec, keys, false, withReasons),

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

    /**
     * The open adjustments of days of a closed month (`month_closed`, `YYYY-MM`) for some employees, in date
     * order: the day as it counts now (`newStatus`, null when it became "no data") and why. Reading never writes.
     */
    adjustmentsOfMonth: async (exec: Exec, employeeIds: readonly string[], month: string) =>
      employeeIds.length === 0
        ? []
        : exec
            .selectFrom('statusAdjustments')
            .select(['id', 'employeeId', 'unitId', 'localDate', 'oldCode', 'newCode', 'newStatus', 'reason'])
            .select('createdAt')
            .where('employeeId', 'in', [...employeeIds])
            .where('monthClosed', '=', month)
            .orderBy('employeeId')
            .orderBy('localDate')
            .execute(),

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
          .where('month', '>=', monthStart(from))
          .where('month', '<=', to)
          .where('localDate', '>=', from)
          .where('localDate', '<=', to)
          .execute()
      ).map((r) => r.localDate),

    /** Of these dates, the ones whose stored day is a working day for the employee (on duty, by pattern or roster). */
    dutyDates: async (exec: Exec, employeeId: string, dates: string[]) =>
      dates.length === 0
        ? []
        : (
            await exec
              .selectFrom('dayStatuses')
              .select('localDate')
              .where('employeeId', '=', employeeId)
              .where('month', 'in', [...new Set(dates.map(monthStart))])
              .where('localDate', 'in', dates)
              .where('nonWorkingDay', '=', false)
              .orderBy('localDate')
              .execute()
          ).map((r) => r.localDate),

    list: (employeeId: string, from: string, to: string) =>
      db
        .selectFrom('dayStatuses')
        .selectAll()
        .where('employeeId', '=', employeeId)
        .where('month', '>=', monthStart(from))
        .where('month', '<=', to)
        .where('localDate', '>=', from)
        .where('localDate', '<=', to)
        .orderBy('localDate')
        .execute(),

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
