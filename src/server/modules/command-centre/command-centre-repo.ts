import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UnitScope } from '../../auth/authz.ts';

/** A unit as the command centre needs it. */
export interface CcUnit {
  id: string;
  name: string;
  path: string;
  kind: string;
  timeZone: string;
  goLive: string;
}

/** `col` lies in the scope (a list of unit paths; 'all' = everywhere). */
function inScopeSql(scope: UnitScope, col: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope === 'all') return sql<boolean>`true`;
  if (scope.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    scope.map((p) => sql`${col} like ${`${p}%`}`),
    sql` or `,
  )})`;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * The command centre's reads (issue 18 point 5): counts over the tables the oversight modules keep (inspections,
 * complaints, discipline cases, daily reports, TPP run totals, stored recaps and month closings, offices), each
 * limited to a scope of unit paths the service has decided. Aggregates only, read-only, no rules and no clock: the
 * service passes today and the rulebook's numbers. Like the home page's repo (dashboard-repo.ts) it reads what
 * no other module offers as an aggregate over a scope of units.
 */
export function createCommandCentreRepo(db: Db) {
  const unitCols = sql`u.id, u.name, u.path, u.kind, u.time_zone as "timeZone", u.attendance_start::text as "goLive"`;
  return {
    async unit(id: string): Promise<CcUnit | null> {
      const r = await sql<CcUnit>`select ${unitCols} from units u where u.id = ${id}::uuid`.execute(db);
      return r.rows[0] ?? null;
    },

    /** The units whose head post is one of `postIds` (the OPDs a caller heads, as holder or Plt/Plh). */
    async headedUnits(postIds: readonly string[]): Promise<CcUnit[]> {
      if (postIds.length === 0) return [];
      const r = await sql<CcUnit>`
        select distinct ${unitCols} from positions p join units u on u.id = p.unit_id
         where p.is_head and u.kind = 'OPD' and p.id = any(${[...postIds]}::uuid[])
         order by u.name`.execute(db);
      return r.rows;
    },

    /** The first root unit (the region), for a briefing of the whole region. */
    async rootId(): Promise<string | null> {
      const r = await sql<{ id: string }>`
        select id from units where parent_id is null order by name, id limit 1`.execute(db);
      return r.rows[0]?.id ?? null;
    },

    /** The head post of a unit (the first by code when several are marked). */
    async headPost(unitId: string): Promise<{ id: string; name: string } | null> {
      const r = await sql<{ id: string; name: string }>`
        select id, name from positions where unit_id = ${unitId}::uuid and is_head order by code, id limit 1`.execute(
        db,
      );
      return r.rows[0] ?? null;
    },

    /** An employee's name parts and NIP (the briefing's signer). */
    async employee(id: string) {
      const r = await sql<{
        name: string;
        frontTitle: string | null;
        backTitle: string | null;
        nip: string | null;
      }>`
        select name, front_title as "frontTitle", back_title as "backTitle", nip from employees
         where id = ${id}::uuid`.execute(db);
      return r.rows[0] ?? null;
    },

    /** The OPDs in a scope (kind OPD), by name. */
    async opds(scope: UnitScope): Promise<CcUnit[]> {
      const r = await sql<CcUnit>`
        select ${unitCols} from units u where u.kind = 'OPD' and ${inScopeSql(scope, sql`u.path`)}
         order by u.name`.execute(db);
      return r.rows;
    },

    /** Units by path (the tops of a scope). */
    async unitsByPaths(paths: readonly string[]): Promise<CcUnit[]> {
      if (paths.length === 0) return [];
      const r = await sql<CcUnit>`
        select ${unitCols} from units u where u.path = any(${[...paths]}::text[]) order by u.name`.execute(
        db,
      );
      return r.rows;
    },

    /** The attendance places (offices) of the units in scope, with their unit. */
    async places(scope: UnitScope) {
      const r = await sql<{
        unitId: string;
        unitName: string;
        unitPath: string;
        placeName: string;
        lat: number;
        lon: number;
      }>`
        select u.id as "unitId", u.name as "unitName", u.path as "unitPath", o.name as "placeName", o.lat, o.lon
          from offices o join units u on u.id = o.unit_id
         where ${inScopeSql(scope, sql`u.path`)}
         order by u.name, o.name`.execute(db);
      return r.rows.map((x) => ({ ...x, lat: Number(x.lat), lon: Number(x.lon) }));
    },

    /**
     * Stored recaps per unit and month (months listed), with whether each row lies under a closed month (a
     * closing of its unit or an ancestor).
     */
    async recapsByUnit(scope: UnitScope, months: readonly string[]) {
      const r = await sql<{
        unitPath: string;
        month: string;
        employees: number;
        workingDays: number;
        onTimeDays: number;
        tkDays: number;
        openRows: number;
      }>`
        select u.path as "unitPath", r.month, count(*)::int as employees,
               coalesce(sum(r.working_days), 0)::int as "workingDays",
               coalesce(sum(r.on_time_days), 0)::int as "onTimeDays",
               coalesce(sum(r.tk_days), 0)::int as "tkDays",
               count(*) filter (where not exists (
                 select 1 from month_closings mc join units cu on cu.id = mc.unit_id
                  where mc.month = r.month and u.path like cu.path || '%'))::int as "openRows"
          from monthly_recaps r join units u on u.id = r.unit_id
         where r.month = any(${[...months]}::text[]) and ${inScopeSql(scope, sql`u.path`)}
         group by u.path, r.month`.execute(db);
      return r.rows.map((x) => ({
        ...x,
        employees: n(x.employees),
        workingDays: n(x.workingDays),
        onTimeDays: n(x.onTimeDays),
        tkDays: n(x.tkDays),
        openRows: n(x.openRows),
      }));
    },

    /**
     * Inspections touching a unit in scope, per status; follow-ups of their findings in scope. `inspected`: the
     * caller is the inspected side (a head of OPD), who must not learn of an unannounced sidak before it starts
     * (core/oversight/inspections `visibleToInspected`).
     */
    async inspections(scope: UnitScope, today: string, inspected: boolean) {
      const i = await sql<{ status: string; n: number }>`
        select i.status, count(distinct i.id)::int as n
          from inspections i join inspection_units iu on iu.inspection_id = i.id join units u on u.id = iu.unit_id
         where ${inScopeSql(scope, sql`u.path`)}
           and (not ${inspected}::boolean or i.kind <> 'UNANNOUNCED' or i.status <> 'PLANNED')
         group by i.status`.execute(db);
      const f = await sql<{ open: number; overdue: number }>`
        select count(*) filter (where f.follow_up_status in ('OPEN', 'REPORTED'))::int as open,
               count(*) filter (where f.follow_up_status in ('OPEN', 'REPORTED') and f.due_date is not null
                                  and f.due_date < ${today}::date)::int as overdue
          from inspection_findings f join units u on u.id = f.unit_id
         where ${inScopeSql(scope, sql`u.path`)}`.execute(db);
      return {
        byStatus: Object.fromEntries(i.rows.map((x) => [x.status, n(x.n)])) as Record<string, number>,
        followUpsOpen: n(f.rows[0]?.open),
        followUpsOverdue: n(f.rows[0]?.overdue),
      };
    },

    /**
     * Complaints of units in scope (the unit handling it once routed, else the unit it concerns): the count per
     * status, and the open ones (received, routed) with the date received (WIB) and the answer's due date — what
     * the ages and the SLA breaches need; closed complaints are only counted, however many years they span.
     */
    async complaints(scope: UnitScope) {
      const where = sql`from complaints c join units u on u.id = coalesce(c.handling_unit_id, c.unit_id)
         where ${inScopeSql(scope, sql`u.path`)}`;
      const counts = await sql<{ status: string; n: number }>`
        select c.status, count(*)::int as n ${where} group by c.status`.execute(db);
      const open = await sql<{ status: string; receivedOn: string; dueOn: string | null }>`
        select c.status, (c.received_at at time zone 'Asia/Jakarta')::date::text as "receivedOn",
               c.due_on::text as "dueOn"
          ${where} and c.status in ('DITERIMA', 'DITERUSKAN')`.execute(db);
      return {
        byStatus: new Map(counts.rows.map((x) => [x.status, n(x.n)])),
        open: open.rows,
      };
    },

    /** Discipline cases of employees in scope (the case's unit), per state. */
    async disciplineStates(scope: UnitScope) {
      const r = await sql<{ state: string; n: number }>`
        select state, count(*)::int as n from discipline_cases
         where ${inScopeSql(scope, sql`unit_path`)} group by state`.execute(db);
      return r.rows.map((x) => ({ state: x.state, n: n(x.n) }));
    },

    /** Daily reports waiting for verification in scope; overdue when submitted more than `days` days ago. */
    async kinerjaBacklog(scope: UnitScope, days: number | null, now: Date) {
      const r = await sql<{ waiting: number; overdue: number }>`
        select count(*)::int as waiting,
               count(*) filter (where ${days}::int is not null
                 and r.created_at + make_interval(days => ${days ?? 0}::int) < ${now}::timestamptz)::int as overdue
          from daily_reports r join units u on u.id = r.unit_id
         where r.status = 'SUBMITTED' and ${inScopeSql(scope, sql`u.path`)}`.execute(db);
      return { waiting: n(r.rows[0]?.waiting), overdue: n(r.rows[0]?.overdue) };
    },

    /** The last month with a run of `statuses` in scope, and the stored totals of that month's runs. */
    async tppLastMonth(scope: UnitScope, statuses: readonly string[]) {
      const m = await sql<{ month: string | null }>`
        select max(month) as month from tpp_runs
         where kind = 'RUN' and status = any(${[...statuses]}::text[]) and ${inScopeSql(scope, sql`unit_path`)}`.execute(
        db,
      );
      const month = m.rows[0]?.month ?? null;
      if (!month) return { month: null, totals: [] as Record<string, unknown>[] };
      const r = await sql<{ totals: Record<string, unknown> | string }>`
        select totals from tpp_runs
         where kind = 'RUN' and month = ${month} and status = any(${[...statuses]}::text[])
           and ${inScopeSql(scope, sql`unit_path`)}`.execute(db);
      return {
        month,
        totals: r.rows.map((x) =>
          typeof x.totals === 'string' ? (JSON.parse(x.totals) as Record<string, unknown>) : x.totals,
        ),
      };
    },
  };
}

export type CommandCentreRepo = ReturnType<typeof createCommandCentreRepo>;
