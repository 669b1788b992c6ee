import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import type { MonthlyRecapFigures } from '../../../core/recap/monthly-recap.ts';
import { RECAP_FIGURES as MONTH_FIGURES } from '../../../core/recap/recap-figures.ts';
import { createRecapReads } from './recap-reads.ts';

export type Exec = Db | Transaction<Database>;

/** Advisory-lock class of unit-month closings (`lockUnitMonth`); the object is the hash of `<unit id>:<month>`. */
const UNIT_MONTH_LOCK = 7_426_401;

/** One employee-month to aggregate, with the TK codes and the minutes-per-day divisor in force for it. */
export interface RecapKey {
  employeeId: string;
  month: string;
}

/**
 * The stored columns of a recap row (as the API and the exports use them): the month's figures
 * (src/core/recap/recap-figures.ts), then apel and the adjustments carried in.
 */
export const RECAP_FIGURES = [
  ...MONTH_FIGURES,
  'apelTarget',
  'apelAttended',
  'adjustmentCount',
  'adjustmentDelta',
] as const;

/** The ids of the units in a subtree, as a uuid[] expression (for `status_months.units && …`). */
export const unitIdsUnder = (unitPath: string) =>
  sql`array(select id from units where path like ${`${unitPath}%`})`;

/** The figures of one employee-month as stored (`monthly_recaps`), computed by the recap service. */
export type RecapFigureRow = MonthlyRecapFigures & {
  employeeId: string;
  month: string;
  unitId: string;
  apelTarget: number;
  apelAttended: number;
  adjustmentCount: number;
  adjustmentDelta: Record<string, number>;
};

/** The integer figures of `monthly_recaps` ([column, RecapFigureRow key]): every figure but the two JSON ones. */
const INT_COLUMNS = RECAP_FIGURES.filter(
  (k): k is Exclude<(typeof RECAP_FIGURES)[number], 'codeCounts' | 'adjustmentDelta'> =>
    k !== 'codeCounts' && k !== 'adjustmentDelta',
).map((key) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), key] as const);

export function createRecapRepo(db: Db) {
  // The reads at province scale (heatmap, warnings) live in recap-reads.ts.
  const reads = createRecapReads(db);
  async function hasAdjustments(exec: Exec) {
    const r = await sql<{ t: string | null }>`select to_regclass('status_adjustments')::text as t`.execute(
      exec,
    );
    return r.rows[0]?.t != null;
  }

  return {
    ...reads,
    hasAdjustments,

    /** Employees to recap for a month: everyone in service in it, or those with a day in a unit subtree. */
    employeesOfMonth: async (month: string, unitPath?: string, exec: Exec = db) => {
      const { from, to } = monthRange(month);
      const r =
        unitPath === undefined
          ? await sql<{ id: string }>`select e.id from employees e
              where e.active_from <= ${to}::date and (e.active_to is null or e.active_to >= ${from}::date)
              order by e.id`.execute(exec)
          : await sql<{ id: string }>`select x.employee_id as id from status_months x
              where x.month = ${from}::date and x.units && ${unitIdsUnder(unitPath)}
              order by x.employee_id`.execute(exec);
      return r.rows.map((x) => x.id);
    },

    /**
     * What a month's recap needs besides the days, for some employees: the apel sessions of the month (with
     * their unit's path), accepted apel scans per employee, adjustments carried into the month, the paths of
     * the units given and of the units closed for the month.
     */
    monthInputs: async (exec: Exec, employeeIds: string[], unitIds: string[], month: string) => {
      const { from, to } = monthRange(month);
      const sessions = await sql<{ localDate: string; path: string }>`
        select s.local_date, u.path from apel_sessions s join units u on u.id = s.unit_id
        where s.local_date between ${from}::date and ${to}::date`.execute(exec);
      const attended =
        sessions.rows.length === 0
          ? { rows: [] }
          : await sql<{ employeeId: string; n: number }>`
              select p.employee_id, count(distinct p.apel_session_id)::int as n
              from punches p left join punch_reviews r on r.punch_id = p.id
              where p.employee_id = any(${employeeIds}::uuid[]) and p.local_date between ${from}::date and ${to}::date
                and p.apel_session_id is not null and coalesce(r.decision, p.verdict) = 'ACCEPTED'
              group by p.employee_id`.execute(exec);
      const adjustments = (await hasAdjustments(exec))
        ? (
            await sql<{ employeeId: string; id: string; oldCode: string | null; newCode: string | null }>`
              select a.employee_id, a.id, a.old_code, a.new_code from status_adjustments a
              where a.carried_to_month = ${month} and a.employee_id = any(${employeeIds}::uuid[])`.execute(
              exec,
            )
          ).rows
        : [];
      const units = await sql<{ id: string; path: string }>`
        select id, path from units where id = any(${unitIds}::uuid[])`.execute(exec);
      const closed = await sql<{ path: string }>`
        select u.path from month_closings mc join units u on u.id = mc.unit_id
        where mc.month = ${month}`.execute(exec);
      return {
        sessions: sessions.rows,
        attended: new Map(attended.rows.map((x) => [x.employeeId, x.n])),
        adjustments,
        unitPaths: new Map(units.rows.map((u) => [u.id, u.path])),
        closedPaths: closed.rows.map((c) => c.path),
      };
    },

    /**
     * The apel sessions held in a month (rows in `apel_sessions`: a scheduled session nobody opened has no row and
     * is not counted) by the units of a subtree and their ancestors (the sessions its staff can be expected at),
     * with the holding unit's path and the session's kind.
     */
    apelSessionsOfMonth: async (exec: Exec, month: string, unitPath: string) => {
      const { from, to } = monthRange(month);
      const r = await sql<{ id: string; localDate: string; kind: string; path: string }>`
        select s.id, s.local_date::text as local_date, s.kind, u.path
        from apel_sessions s join units u on u.id = s.unit_id
        where s.local_date between ${from}::date and ${to}::date
          and (u.path like ${`${unitPath}%`} or ${unitPath} like u.path || '%')
        order by s.local_date, s.opens_at, s.id`.execute(exec);
      return r.rows;
    },

    /**
     * Per employee, the apel sessions of the month attended with an accepted scan (`coalesce(review decision,
     * verdict) = 'ACCEPTED'`, as `monthInputs` counts them).
     */
    apelAttendedOf: async (exec: Exec, employeeIds: readonly string[], month: string) => {
      const { from, to } = monthRange(month);
      if (employeeIds.length === 0) return new Map<string, Set<string>>();
      const r = await sql<{ employeeId: string; sessionIds: string[] }>`
        select p.employee_id, array_agg(distinct p.apel_session_id::text) as session_ids
        from punches p left join punch_reviews r on r.punch_id = p.id
        where p.employee_id = any(${[...employeeIds]}::uuid[])
          and p.local_date between ${from}::date and ${to}::date
          and p.apel_session_id is not null and coalesce(r.decision, p.verdict) = 'ACCEPTED'
        group by p.employee_id`.execute(exec);
      return new Map(r.rows.map((x) => [x.employeeId, new Set(x.sessionIds)]));
    },

    /**
     * The stored recap rows of employees for the months in `fromMonth`..`toMonth` whose unit (or an ancestor) has
     * the month closed: the attendance figures the ASN teladan ranking reads (issue 18 point 4).
     */
    closedRecapsOf: async (
      exec: Exec,
      employeeIds: readonly string[],
      fromMonth: string,
      toMonth: string,
    ) => {
      if (employeeIds.length === 0) return [];
      const r = await sql<{
        employeeId: string;
        month: string;
        workingDays: number;
        onTimeDays: number;
        tl: number;
        psw: number;
        tkDays: number;
      }>`
        select r.employee_id as "employeeId", r.month, r.working_days as "workingDays", r.on_time_days as "onTimeDays",
               (r.tl1 + r.tl2 + r.tl3 + r.tl4)::int as tl, (r.psw1 + r.psw2 + r.psw3 + r.psw4)::int as psw,
               r.tk_days as "tkDays"
          from monthly_recaps r join units ru on ru.id = r.unit_id
         where r.employee_id = any(${[...employeeIds]}::uuid[]) and r.month between ${fromMonth} and ${toMonth}
           and exists (select 1 from month_closings mc join units cu on cu.id = mc.unit_id
                        where mc.month = r.month and ru.path like cu.path || '%')
         order by r.employee_id, r.month`.execute(exec);
      return r.rows;
    },

    /**
     * Insert or update recap rows in one statement (column arrays). A stored row whose unit (or an ancestor) is
     * closed for its month is left as it is. Returns the rows written.
     */
    upsertRows: async (exec: Exec, rows: RecapFigureRow[], now: Date) => {
      if (rows.length === 0) return 0;
      // JSON values as one string split by PostgreSQL: a jsonb[] parameter is escaped element by element, and
      // JSON text never holds a raw U+001E (JSON.stringify escapes control characters).
      const jsonColumn = (values: object[]) =>
        sql`string_to_array(${values.map((v) => JSON.stringify(v)).join('\x1e')}::text, chr(30))::jsonb[]`;
      // Each integer column as one comma-separated string (escaping ~50,000 array elements per batch cost more).
      const ints = INT_COLUMNS.map(
        ([, key]) => sql`string_to_array(${rows.map((r) => r[key]).join(',')}::text, ',')::int4[]`,
      );
      const r = await sql`
        insert into monthly_recaps (employee_id, month, unit_id, code_counts, adjustment_delta,
          ${sql.raw(INT_COLUMNS.map(([c]) => c).join(', '))}, computed_at)
        select k.*, ${now}::timestamptz
        from unnest(${rows.map((r) => r.employeeId)}::uuid[], ${rows.map((r) => r.month)}::text[],
          ${rows.map((r) => r.unitId)}::uuid[], ${jsonColumn(rows.map((r) => r.codeCounts))},
          ${jsonColumn(rows.map((r) => r.adjustmentDelta))}, ${sql.join(ints)}) as k
        on conflict (employee_id, month) do update set
          unit_id = excluded.unit_id, code_counts = excluded.code_counts,
          adjustment_delta = excluded.adjustment_delta,
          ${sql.raw(INT_COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(', '))},
          computed_at = excluded.computed_at
        where not exists (
          select 1 from month_closings mc join units cu on cu.id = mc.unit_id join units ou on ou.id = monthly_recaps.unit_id
          where mc.month = monthly_recaps.month and ou.path like cu.path || '%')`.execute(exec);
      return Number(r.numAffectedRows ?? 0);
    },

    /**
     * Remove the recap rows of employee-months that have no day any more (all became "no data"), except a row
     * whose unit (or an ancestor) is closed for its month (frozen). Returns the rows removed.
     */
    deleteRows: async (exec: Exec, keys: RecapKey[]) => {
      if (keys.length === 0) return 0;
      const r = await sql`
        delete from monthly_recaps r
        using unnest(${keys.map((k) => k.employeeId)}::uuid[], ${keys.map((k) => k.month)}::text[]) as k(e, m)
        where r.employee_id = k.e and r.month = k.m
          and not exists (
            select 1 from month_closings mc join units cu on cu.id = mc.unit_id join units ou on ou.id = r.unit_id
            where mc.month = r.month and ou.path like cu.path || '%')`.execute(exec);
      return Number(r.numAffectedRows ?? 0);
    },

    /** Months in `fromMonth`..`toMonth` closed for the unit by its own closing or an ancestor's, oldest first. */
    closedMonthsOf: (exec: Exec, unitPath: string, fromMonth: string, toMonth: string) =>
      exec
        .selectFrom('monthClosings as mc')
        .innerJoin('units as u', 'u.id', 'mc.unitId')
        .select(['mc.month', 'u.name as unitName'])
        .where('mc.month', '>=', fromMonth)
        .where('mc.month', '<=', toMonth)
        .where(sql<boolean>`${unitPath} like u.path || '%'`)
        .orderBy('mc.month')
        .execute(),

    /** The closing in force for the unit or an ancestor in the month, if any. */
    closingOf: (unitPath: string, month: string, exec: Exec = db) =>
      exec
        .selectFrom('monthClosings as mc')
        .innerJoin('units as u', 'u.id', 'mc.unitId')
        .leftJoin('users as us', 'us.id', 'mc.closedBy')
        .select([
          'mc.unitId',
          'u.name as unitName',
          'u.path',
          'mc.month',
          'mc.closedAt',
          'mc.contentHash',
          'us.displayName as closedByName',
        ])
        .where('mc.month', '=', month)
        .where(sql<boolean>`${unitPath} like u.path || '%'`)
        .orderBy(sql`length(u.path)`)
        .executeTakeFirst(),

    /**
     * Lock a unit-month for closing or reopening, until the end of the transaction: advisory locks keyed by
     * (unit, month), shared on each ancestor and exclusive on the unit, taken root first (one fixed order, so
     * no deadlock). A closing of the unit or of an ancestor (exclusive where this one is shared) or of a
     * descendant (shared where this one is exclusive) waits for this transaction; siblings do not.
     */
    lockUnitMonth: async (trx: Transaction<Database>, unitPath: string, month: string) => {
      const ids = unitPath.split('/').filter(Boolean);
      for (const [i, id] of ids.entries()) {
        const key = sql`${UNIT_MONTH_LOCK}::int, hashtext(${`${id}:${month}`})`;
        if (i < ids.length - 1) await sql`select pg_advisory_xact_lock_shared(${key})`.execute(trx);
        else await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
      }
    },

    /** A closing in force for a sub-unit (strictly below the unit) in the month, if any. */
    closingBelow: (exec: Exec, unitPath: string, month: string) =>
      exec
        .selectFrom('monthClosings as mc')
        .innerJoin('units as u', 'u.id', 'mc.unitId')
        .leftJoin('users as us', 'us.id', 'mc.closedBy')
        .select(['u.name as unitName', 'mc.closedAt', 'us.displayName as closedByName'])
        .where('mc.month', '=', month)
        .where('u.path', 'like', `${unitPath}%`)
        .where('u.path', '!=', unitPath)
        .orderBy(sql`length(u.path)`)
        .orderBy('u.name')
        .executeTakeFirst(),

    /** The latest closing of the unit-month in the history, with who reopened it and when. */
    lastClosing: (exec: Exec, unitId: string, month: string) =>
      exec
        .selectFrom('recapClosings as c')
        .leftJoin('users as b', 'b.id', 'c.reopenedBy')
        .select(['c.reopenedAt', 'b.displayName as reopenedByName'])
        .where('c.unitId', '=', unitId)
        .where('c.month', '=', month)
        .orderBy('c.closedAt', 'desc')
        .orderBy('c.id')
        .executeTakeFirst(),

    /** Closed subtrees of the month (for marking rows). */
    closedPaths: async (month: string) =>
      (
        await db
          .selectFrom('monthClosings as mc')
          .innerJoin('units as u', 'u.id', 'mc.unitId')
          .select('u.path')
          .where('mc.month', '=', month)
          .execute()
      ).map((r) => r.path),

    /** Recap rows of a subtree for a month, canonical order (for hashing and snapshots). */
    rowsOfSubtree: (exec: Exec, unitPath: string, month: string) =>
      exec
        .selectFrom('monthlyRecaps as r')
        .innerJoin('units as u', 'u.id', 'r.unitId')
        .select(['r.employeeId', 'r.month', 'r.unitId', ...RECAP_FIGURES.map((f) => `r.${f}` as const)])
        .where('r.month', '=', month)
        .where('u.path', 'like', `${unitPath}%`)
        .orderBy('r.employeeId')
        .execute(),

    /**
     * What keeps a unit-month from being complete, item by item (src/core/recap/closing-check.ts), for the
     * employees of the subtree (their current unit) and the punches and requests of its units:
     * - per employee, the days with data up to `lastDay` (within their service, from their unit's go-live) whose
     *   status is not stored (read from the month row's packed `code` column: no unpacking of the other columns);
     * - per employee, the days of the month waiting in the recompute queue;
     * - flagged punches not yet reviewed; leave, permits and corrections touching the month not yet decided.
     */
    closingItems: async (exec: Exec, unitPath: string, from: string, to: string, lastDay: string) => {
      const path = `${unitPath}%`;
      const days =
        lastDay < from
          ? []
          : (
              await sql<{
                employeeId: string;
                frontTitle: string | null;
                name: string;
                backTitle: string | null;
                lo: string;
                hi: string;
                code: string | null;
              }>`
                select x.* from (
                  select e.id as employee_id, e.front_title, e.name, e.back_title,
                    greatest(${from}::date, e.active_from, u.attendance_start)::text as lo,
                    least(${lastDay}::date, coalesce(e.active_to, ${lastDay}::date))::text as hi, m.code
                  from employees e join units u on u.id = e.unit_id
                  left join status_months m on m.employee_id = e.id and m.month = ${from}::date
                  where u.path like ${path} and e.active_from <= ${lastDay}::date
                    and (e.active_to is null or e.active_to >= ${from}::date)
                    and u.attendance_start <= ${lastDay}::date) x
                where x.lo <= x.hi
                order by x.name, x.employee_id`.execute(exec)
            ).rows;
      const queued = await sql<{
        employeeId: string;
        frontTitle: string | null;
        name: string;
        backTitle: string | null;
        dates: string[];
      }>`
        select q.employee_id, e.front_title, e.name, e.back_title,
          array_agg(q.local_date::text order by q.local_date) as dates
        from status_queue q join employees e on e.id = q.employee_id join units u on u.id = e.unit_id
        where q.local_date between ${from}::date and ${to}::date and u.path like ${path}
        group by q.employee_id, e.front_title, e.name, e.back_title
        order by e.name, q.employee_id`.execute(exec);
      const flagged = await sql<{
        id: string;
        employeeId: string;
        frontTitle: string | null;
        name: string;
        backTitle: string | null;
        localDate: string;
      }>`
        select p.id, p.employee_id, e.front_title, e.name, e.back_title, p.local_date::text as local_date
        from punches p join units u on u.id = p.unit_id join employees e on e.id = p.employee_id
        left join punch_reviews r on r.punch_id = p.id
        where p.verdict = 'FLAGGED' and r.punch_id is null and p.local_date between ${from}::date and ${to}::date
          and u.path like ${path}
        order by p.local_date, e.name, p.id`.execute(exec);
      const requests = await sql<{
        kind: 'pendingLeave' | 'pendingPermit' | 'pendingCorrection';
        id: string;
        employeeId: string;
        frontTitle: string | null;
        name: string;
        backTitle: string | null;
        code: string;
        dateFrom: string;
        dateTo: string;
      }>`
        select 'pendingLeave' as kind, l.id, l.employee_id, e.front_title, e.name, e.back_title, l.type as code,
          l.date_from::text as date_from, l.date_to::text as date_to
        from leave_requests l join employees e on e.id = l.employee_id join units u on u.id = e.unit_id
        where l.status in ('DIAJUKAN', 'DISETUJUI_ATASAN') and l.date_from <= ${to} and l.date_to >= ${from}
          and u.path like ${path}
        union all
        select 'pendingPermit', p.id, p.employee_id, e.front_title, e.name, e.back_title, p.kind,
          p.date_from::text, p.date_to::text
        from permits p join employees e on e.id = p.employee_id join units u on u.id = e.unit_id
        where p.status = 'DIAJUKAN' and p.date_from <= ${to} and p.date_to >= ${from} and u.path like ${path}
        union all
        select 'pendingCorrection', c.id, c.employee_id, e.front_title, e.name, e.back_title, 'KOREKSI',
          c.local_date::text, c.local_date::text
        from corrections c join employees e on e.id = c.employee_id join units u on u.id = e.unit_id
        where c.status = 'DIAJUKAN' and c.local_date between ${from} and ${to} and u.path like ${path}
        order by 8, 5, 2`.execute(exec);
      return { days, queued: queued.rows, flagged: flagged.rows, requests: requests.rows };
    },

    unit: (id: string) =>
      db
        .selectFrom('units')
        .select(['id', 'code', 'name', 'path', 'timeZone', 'parentId'])
        .where('id', '=', id)
        .executeTakeFirst(),

    /** The head of a unit (for the signature block): the holder of its head position. */
    headOf: (unitId: string) =>
      db
        .selectFrom('positions as p')
        .innerJoin('employees as e', 'e.positionId', 'p.id')
        .select(['e.name', 'e.frontTitle', 'e.backTitle', 'e.nip', 'p.name as positionName'])
        .where('p.unitId', '=', unitId)
        .where('p.isHead', '=', true)
        .executeTakeFirst(),

    employee: (id: string) =>
      db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .leftJoin('positions as p', 'p.id', 'e.positionId')
        .select([
          'e.id',
          'e.nip',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.employeeType',
          'e.unitId',
          'e.superiorId',
          'u.name as unitName',
          'u.path as unitPath',
          'u.timeZone',
          'p.name as positionName',
        ])
        .where('e.id', '=', id)
        .executeTakeFirst(),

    days: (employeeId: string, from: string, to: string) =>
      db
        .selectFrom('dayStatuses')
        .selectAll()
        .where('employeeId', '=', employeeId)
        .where('localDate', '>=', from)
        .where('localDate', '<=', to)
        .orderBy('localDate')
        .execute(),

    /** Adjustments carried into a month for some employees (empty while the table does not exist). */
    adjustments: async (employeeIds: string[] | 'all', month: string, unitPath?: string) => {
      if (!(await hasAdjustments(db))) return [];
      if (employeeIds !== 'all' && employeeIds.length === 0) return [];
      const r = await sql<{
        id: string;
        employeeId: string;
        employeeName: string;
        nip: string | null;
        localDate: string;
        monthClosed: string;
        carriedToMonth: string;
        oldCode: string | null;
        newCode: string | null;
        reason: string | null;
        createdAt: Date;
      }>`select a.id, a.employee_id, e.name as employee_name, e.nip, a.local_date::text as local_date,
           a.month_closed, a.carried_to_month, a.old_code, a.new_code, a.reason, a.created_at
         from status_adjustments a join employees e on e.id = a.employee_id
         left join units u on u.id = a.unit_id
         where a.carried_to_month = ${month}
           ${employeeIds === 'all' ? sql`` : sql`and a.employee_id in (${sql.join(employeeIds)})`}
           ${unitPath === undefined ? sql`` : sql`and u.path like ${`${unitPath}%`}`}
         order by a.local_date, e.name`.execute(db);
      return r.rows;
    },
  };
}

export type RecapRepo = ReturnType<typeof createRecapRepo>;
