import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { DAY_CODES } from '../../../core/attendance/status-codes.ts';
import { monthRange } from '../../../core/common/local-date.ts';

export type Exec = Db | Transaction<Database>;

/** One employee-month to aggregate, with the TK codes and the minutes-per-day divisor in force for it. */
export interface RecapKey {
  employeeId: string;
  month: string;
}

/** Parameters of the rulebook in force for a month. */
export interface MonthRules {
  minutesPerDay: number;
  tkCodes: readonly string[];
}

/** The stored columns of a recap row (as the API and the exports use them). */
export const RECAP_FIGURES = [
  'recordedDays',
  'workingDays',
  'codeCounts',
  'lateMinutes',
  'earlyMinutes',
  'tl1',
  'tl2',
  'tl3',
  'tl4',
  'psw1',
  'psw2',
  'psw3',
  'psw4',
  'missingIn',
  'missingOut',
  'onTimeDays',
  'tkDays',
  'minutesPerDay',
  'tkEquivalentDays',
  'wfoDays',
  'wfhDays',
  'wfaDays',
  'apelTarget',
  'apelAttended',
  'adjustmentCount',
  'adjustmentDelta',
] as const;

const codeCountsSql = sql.join(
  DAY_CODES.map((c) => sql`${sql.lit(c)}::text, nullif(count(*) filter (where ds.code = ${sql.lit(c)}), 0)`),
);

/**
 * The one set-based statement that aggregates `day_statuses` into `monthly_recaps` for the keys produced by
 * `keys` (a query giving employee_id, month, d_from, d_to). Figures are defined in src/core/recap/monthly-recap.ts
 * (`recapOfDays`): TK working days count whole days and their minutes are not added again; minutes →
 * days with floor(minutes / divisor) (PerBKN 6/2022, regulations.md §1.4). Apel target: sessions of the
 * employee's unit or an ancestor on days the employee was expected at the office (code H worked at the office,
 * or TK); attended: distinct sessions scanned with an accepted punch (regulations.md §5.4). Adjustments:
 * `status_adjustments` carried into the month (when that table exists). Rows whose unit (or an ancestor) is
 * closed for the month are neither inserted nor updated.
 */
function upsertSql(keys: RawBuilder<unknown>, rules: MonthRules, now: Date, withAdjustments: boolean) {
  const tk = sql.join(rules.tkCodes.map((c) => sql.lit(c)));
  const isTk = sql`(ds.code in (${tk}) and not ds.non_working_day)`;
  const adj = withAdjustments
    ? sql`select t.employee_id, t.month, count(distinct t.id)::int as n,
          coalesce(jsonb_object_agg(t.code, t.d) filter (where t.d <> 0), '{}'::jsonb) as delta
        from (
          select c.*, sum(c.delta) over (partition by c.employee_id, c.month, c.code)::int as d
          from (
            select a.employee_id, k.month, a.id, a.new_code as code, 1 as delta
              from status_adjustments a join k on k.employee_id = a.employee_id and a.carried_to_month = k.month
            union all
            select a.employee_id, k.month, a.id, a.old_code as code, -1 as delta
              from status_adjustments a join k on k.employee_id = a.employee_id and a.carried_to_month = k.month
          ) c
        ) t
        group by t.employee_id, t.month`
    : sql`select null::uuid as employee_id, null::text as month, 0 as n, '{}'::jsonb as delta where false`;
  return sql`
    with k as (${keys}),
    d as (
      select k.employee_id, k.month,
        (array_agg(ds.unit_id order by ds.local_date desc))[1] as unit_id,
        count(*)::int as recorded_days,
        (count(*) filter (where not ds.non_working_day))::int as working_days,
        jsonb_strip_nulls(jsonb_build_object(${codeCountsSql})) as code_counts,
        coalesce(sum(ds.late_minutes) filter (where not ${isTk}), 0)::int as late_minutes,
        coalesce(sum(ds.early_minutes) filter (where not ${isTk}), 0)::int as early_minutes,
        (count(*) filter (where ds.late_band = 'TL1'))::int as tl1,
        (count(*) filter (where ds.late_band = 'TL2'))::int as tl2,
        (count(*) filter (where ds.late_band = 'TL3'))::int as tl3,
        (count(*) filter (where ds.late_band = 'TL4'))::int as tl4,
        (count(*) filter (where ds.early_band = 'PSW1'))::int as psw1,
        (count(*) filter (where ds.early_band = 'PSW2'))::int as psw2,
        (count(*) filter (where ds.early_band = 'PSW3'))::int as psw3,
        (count(*) filter (where ds.early_band = 'PSW4'))::int as psw4,
        (count(*) filter (where not ds.non_working_day and ds.missing_check_in))::int as missing_in,
        (count(*) filter (where not ds.non_working_day and ds.missing_check_out))::int as missing_out,
        (count(*) filter (where not ds.non_working_day and ds.code = 'H' and ds.late_band is null
          and not ds.missing_check_in))::int as on_time_days,
        (count(*) filter (where ${isTk}))::int as tk_days,
        (count(*) filter (where ds.work_location = 'WFO'))::int as wfo_days,
        (count(*) filter (where ds.work_location = 'WFH'))::int as wfh_days,
        (count(*) filter (where ds.work_location = 'WFA'))::int as wfa_days
      from k join day_statuses ds on ds.employee_id = k.employee_id and ds.local_date between k.d_from and k.d_to
      group by k.employee_id, k.month
    ),
    at as (
      select k.employee_id, k.month, count(*)::int as n
      from k
      join day_statuses ds on ds.employee_id = k.employee_id and ds.local_date between k.d_from and k.d_to
      join apel_sessions s on s.local_date = ds.local_date
      join units eu on eu.id = ds.unit_id
      join units su on su.id = s.unit_id
      where not ds.non_working_day
        and ((ds.code = 'H' and coalesce(ds.work_location, 'WFO') = 'WFO') or ${isTk})
        and eu.path like su.path || '%'
      group by k.employee_id, k.month
    ),
    aa as (
      select k.employee_id, k.month, count(distinct p.apel_session_id)::int as n
      from k
      join punches p on p.employee_id = k.employee_id and p.local_date between k.d_from and k.d_to
      left join punch_reviews r on r.punch_id = p.id
      where p.apel_session_id is not null and coalesce(r.decision, p.verdict) = 'ACCEPTED'
      group by k.employee_id, k.month
    ),
    adj as (${adj})
    insert into monthly_recaps (employee_id, month, unit_id, recorded_days, working_days, code_counts,
      late_minutes, early_minutes, tl1, tl2, tl3, tl4, psw1, psw2, psw3, psw4, missing_in, missing_out,
      on_time_days, tk_days, minutes_per_day, tk_equivalent_days, wfo_days, wfh_days, wfa_days, apel_target,
      apel_attended, adjustment_count, adjustment_delta, computed_at)
    select d.employee_id, d.month, d.unit_id, d.recorded_days, d.working_days, d.code_counts,
      d.late_minutes, d.early_minutes, d.tl1, d.tl2, d.tl3, d.tl4, d.psw1, d.psw2, d.psw3, d.psw4,
      d.missing_in, d.missing_out, d.on_time_days, d.tk_days, ${rules.minutesPerDay}::int,
      ((d.late_minutes + d.early_minutes) / ${rules.minutesPerDay}::int)::int,
      d.wfo_days, d.wfh_days, d.wfa_days, coalesce(at.n, 0), coalesce(aa.n, 0), coalesce(adj.n, 0),
      coalesce(adj.delta, '{}'::jsonb), ${now}::timestamptz
    from d
    join units ru on ru.id = d.unit_id
    left join at on at.employee_id = d.employee_id and at.month = d.month
    left join aa on aa.employee_id = d.employee_id and aa.month = d.month
    left join adj on adj.employee_id = d.employee_id and adj.month = d.month
    where not exists (
      select 1 from month_closings mc join units cu on cu.id = mc.unit_id
      where mc.month = d.month and ru.path like cu.path || '%')
    on conflict (employee_id, month) do update set
      unit_id = excluded.unit_id, recorded_days = excluded.recorded_days, working_days = excluded.working_days,
      code_counts = excluded.code_counts, late_minutes = excluded.late_minutes,
      early_minutes = excluded.early_minutes, tl1 = excluded.tl1, tl2 = excluded.tl2, tl3 = excluded.tl3,
      tl4 = excluded.tl4, psw1 = excluded.psw1, psw2 = excluded.psw2, psw3 = excluded.psw3, psw4 = excluded.psw4,
      missing_in = excluded.missing_in, missing_out = excluded.missing_out, on_time_days = excluded.on_time_days,
      tk_days = excluded.tk_days, minutes_per_day = excluded.minutes_per_day,
      tk_equivalent_days = excluded.tk_equivalent_days, wfo_days = excluded.wfo_days,
      wfh_days = excluded.wfh_days, wfa_days = excluded.wfa_days, apel_target = excluded.apel_target,
      apel_attended = excluded.apel_attended, adjustment_count = excluded.adjustment_count,
      adjustment_delta = excluded.adjustment_delta, computed_at = excluded.computed_at
    where not exists (
      select 1 from month_closings mc join units cu on cu.id = mc.unit_id join units ou on ou.id = monthly_recaps.unit_id
      where mc.month = monthly_recaps.month and ou.path like cu.path || '%')`;
}

/** Queries of the monthly recap and its closings. */
export function createRecapRepo(db: Db) {
  async function hasAdjustments(exec: Exec) {
    const r = await sql<{ t: string | null }>`select to_regclass('status_adjustments')::text as t`.execute(
      exec,
    );
    return r.rows[0]?.t != null;
  }

  return {
    hasAdjustments,

    /** Aggregate one month for every employee (optionally those with a day in a unit subtree). */
    storeMonth: async (month: string, rules: MonthRules, now: Date, unitPath?: string, exec: Exec = db) => {
      const { from, to } = monthRange(month);
      const keys =
        unitPath === undefined
          ? sql`select e.id as employee_id, ${month}::text as month, ${from}::date as d_from, ${to}::date as d_to
              from employees e where e.active_from <= ${to}::date and (e.active_to is null or e.active_to >= ${from}::date)`
          : sql`select distinct x.employee_id, ${month}::text as month, ${from}::date as d_from, ${to}::date as d_to
              from day_statuses x join units u on u.id = x.unit_id
              where x.local_date between ${from}::date and ${to}::date and u.path like ${`${unitPath}%`}`;
      const r = await upsertSql(keys, rules, now, await hasAdjustments(exec)).execute(exec);
      return Number(r.numAffectedRows ?? 0);
    },

    /** Aggregate the given employee-months (all sharing the rules given), in one statement. */
    storeKeys: async (keys: RecapKey[], rules: MonthRules, now: Date, exec: Exec = db) => {
      if (keys.length === 0) return 0;
      const values = sql.join(
        keys.map((k) => {
          const { from, to } = monthRange(k.month);
          return sql`(${k.employeeId}::uuid, ${k.month}::text, ${from}::date, ${to}::date)`;
        }),
      );
      const src = sql`select * from (values ${values}) as v(employee_id, month, d_from, d_to)`;
      const r = await upsertSql(src, rules, now, await hasAdjustments(exec)).execute(exec);
      return Number(r.numAffectedRows ?? 0);
    },

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
     * Employee-days of the subtree from `from` to `to` (each employee's active period) without a stored status:
     * a recap closed with such gaps would freeze an incomplete month.
     */
    missingDays: async (unitPath: string, from: string, to: string) => {
      if (to < from) return 0;
      const r = await sql<{ n: number | string | null }>`
        select coalesce(sum(
          (least(${to}::date, coalesce(e.active_to, ${to}::date)) - greatest(${from}::date, e.active_from) + 1)
          - (select count(*) from day_statuses ds where ds.employee_id = e.id
              and ds.local_date between ${from}::date and ${to}::date)
        ), 0) as n
        from employees e join units u on u.id = e.unit_id
        where u.path like ${`${unitPath}%`} and e.active_from <= ${to}::date
          and (e.active_to is null or e.active_to >= ${from}::date)`.execute(db);
      return Math.max(0, Number(r.rows[0]?.n ?? 0));
    },

    /** Items of the unit-month still waiting for a decision: unreviewed flagged punches, queued status days. */
    pendingItems: async (exec: Exec, unitPath: string, from: string, to: string) => {
      const flagged = await exec
        .selectFrom('punches as p')
        .innerJoin('units as u', 'u.id', 'p.unitId')
        .leftJoin('punchReviews as r', 'r.punchId', 'p.id')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('p.verdict', '=', 'FLAGGED')
        .where('r.punchId', 'is', null)
        .where('p.localDate', '>=', from)
        .where('p.localDate', '<=', to)
        .where('u.path', 'like', `${unitPath}%`)
        .executeTakeFirstOrThrow();
      const queued = await exec
        .selectFrom('statusQueue as q')
        .innerJoin('employees as e', 'e.id', 'q.employeeId')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('q.localDate', '>=', from)
        .where('q.localDate', '<=', to)
        .where('u.path', 'like', `${unitPath}%`)
        .executeTakeFirstOrThrow();
      return { flaggedPunches: Number(flagged.n), queuedDays: Number(queued.n) };
    },

    /** Leave, permit and correction requests of the unit subtree touching from..to still waiting for a decision. */
    pendingRequests: async (exec: Exec, unitPath: string, from: string, to: string) => {
      const r = await sql<{ n: number }>`
        select (
          (select count(*) from leave_requests l join employees e on e.id = l.employee_id
            join units u on u.id = e.unit_id
            where l.status in ('DIAJUKAN', 'DISETUJUI_ATASAN') and l.date_from <= ${to} and l.date_to >= ${from}
              and u.path like ${unitPath + '%'})
          + (select count(*) from permits p join employees e on e.id = p.employee_id
            join units u on u.id = e.unit_id
            where p.status = 'DIAJUKAN' and p.date_from <= ${to} and p.date_to >= ${from}
              and u.path like ${unitPath + '%'})
          + (select count(*) from corrections c join employees e on e.id = c.employee_id
            join units u on u.id = e.unit_id
            where c.status = 'DIAJUKAN' and c.local_date between ${from} and ${to}
              and u.path like ${unitPath + '%'})
        )::int as n`.execute(exec);
      return r.rows[0]!.n;
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
