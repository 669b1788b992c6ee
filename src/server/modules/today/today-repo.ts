import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Who a today view covers, as SQL: employees in unit subtrees (`paths`, 'all' = everyone), exactly in one unit
 * (`unitId`), or some employees by id; a subtree and ids together are OR-ed, `within` narrows the result to a
 * subtree.
 */
export interface TodayAudience {
  paths: 'all' | string[];
  employeeIds: string[];
  /** Only employees placed exactly in this unit (a unit without its sub-units). */
  unitId?: string | undefined;
  /** Only employees in this subtree (a staff list narrowed to a unit). */
  within?: string | undefined;
}

/** The SQL condition of an audience on `employees e join units u`. */
function audienceCondition(a: TodayAudience): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (a.paths === 'all') parts.push(sql<boolean>`true`);
  else for (const p of a.paths) parts.push(sql<boolean>`u.path like ${`${p}%`}`);
  if (a.employeeIds.length > 0) parts.push(sql<boolean>`e.id = any(${a.employeeIds}::uuid[])`);
  let cond = parts.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(parts, sql` or `)})`;
  if (a.unitId !== undefined) cond = sql<boolean>`${cond} and e.unit_id = ${a.unitId}::uuid`;
  if (a.within !== undefined) cond = sql<boolean>`${cond} and u.path like ${`${a.within}%`}`;
  return cond;
}

export interface TodayEmployeeRow {
  id: string;
  nip: string | null;
  frontTitle: string | null;
  name: string;
  backTitle: string | null;
  unitId: string;
  activeFrom: string;
  activeTo: string | null;
}

/** A unit as the today view needs it: name, code (calendar, schedule), path (scope), zone, go-live. */
export interface TodayUnitRow {
  id: string;
  name: string;
  code: string;
  path: string;
  timeZone: string;
  goLive: string;
}

export interface TodayPunchRow {
  employeeId: string;
  /** Epoch ms. */
  at: number;
  verdict: string;
  placeKind: string | null;
  placeLabel: string | null;
}

/** Queries of the today view: the people of an audience with their unit, and their punches of the day. */
export function createTodayRepo(db: Db) {
  return {
    unit: (id: string) =>
      db
        .selectFrom('units')
        .select(['id', 'name', 'code', 'path', 'parentId', 'timeZone'])
        .where('id', '=', id)
        .executeTakeFirst(),

    /** The root units (no parent), by name. */
    roots: () =>
      db
        .selectFrom('units')
        .select(['id', 'name', 'code', 'path', 'parentId', 'timeZone'])
        .where('parentId', 'is', null)
        .orderBy('name')
        .execute(),

    /** Units by id (in any order). */
    units: (ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('units')
            .select(['id', 'name', 'code', 'path', 'parentId', 'timeZone'])
            .where(sql<boolean>`id = any(${ids}::uuid[])`)
            .execute(),

    /** The direct sub-units of a unit, with whether each has sub-units of its own. */
    children: (parentId: string) =>
      db
        .selectFrom('units as c')
        .select([
          'c.id',
          'c.name',
          'c.code',
          'c.path',
          sql<boolean>`exists (select 1 from units g where g.parent_id = c.id)`.as('hasChildren'),
        ])
        .where('c.parentId', '=', parentId)
        .execute(),

    /** Whether units have sub-units. */
    withChildren: async (ids: string[]) =>
      ids.length === 0
        ? new Set<string>()
        : new Set(
            (
              await db
                .selectFrom('units')
                .select('parentId')
                .distinct()
                .where(sql<boolean>`parent_id = any(${ids}::uuid[])`)
                .execute()
            ).map((r) => r.parentId!),
          ),

    /**
     * The employees of an audience still in service on `fromDate` or later (those not yet started are kept: they
     * show as no data). One statement, any size; only the employee's own columns (their units are read once each
     * with `unitsOf`).
     */
    employees: async (a: TodayAudience, fromDate: string) =>
      (
        await sql<TodayEmployeeRow>`
          select e.id, e.nip, e.front_title, e.name, e.back_title, e.unit_id, e.active_from::text as active_from,
            e.active_to::text as active_to
          from employees e join units u on u.id = e.unit_id
          where ${audienceCondition(a)} and (e.active_to is null or e.active_to >= ${fromDate}::date)`.execute(
          db,
        )
      ).rows,

    /** Units by id with what the today view needs of them. */
    unitsOf: async (ids: string[]) =>
      ids.length === 0
        ? []
        : (
            await sql<TodayUnitRow>`
              select id, name, code, path, time_zone, attendance_start::text as go_live
              from units where id = any(${ids}::uuid[])`.execute(db)
          ).rows,

    /**
     * The counted punches (effective verdict after review not REJECTED) of an audience's employees made in
     * [fromMs, toMs), in time order per employee: read by time through `punches_occurred_at` (migration
     * 202612060200), so the cost follows the day's punches, not the table.
     */
    punches: async (a: TodayAudience, fromMs: number, toMs: number) =>
      (
        await sql<{
          employeeId: string;
          at: string;
          verdict: string;
          placeKind: string | null;
          placeLabel: string | null;
        }>`
          select p.employee_id, round(date_part('epoch', p.occurred_at) * 1000)::bigint::text as at,
            coalesce(r.decision, p.verdict) as verdict, p.place_kind, p.place_label
          from punches p
          join employees e on e.id = p.employee_id
          join units u on u.id = e.unit_id
          left join punch_reviews r on r.punch_id = p.id
          where p.occurred_at >= ${new Date(fromMs)}::timestamptz and p.occurred_at < ${new Date(toMs)}::timestamptz
            and coalesce(r.decision, p.verdict) <> 'REJECTED' and ${audienceCondition(a)}
          order by p.employee_id, p.occurred_at`.execute(db)
      ).rows.map((r): TodayPunchRow => ({
        employeeId: r.employeeId,
        at: Number(r.at),
        verdict: r.verdict,
        placeKind: r.placeKind,
        placeLabel: r.placeLabel,
      })),

    /** Direct staff of the superiors, with the path of their unit. */
    staffOf: (superiorIds: string[]) =>
      superiorIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('employees as e')
            .innerJoin('units as u', 'u.id', 'e.unitId')
            .select(['e.id', 'u.path'])
            .where(sql<boolean>`e.superior_id = any(${superiorIds}::uuid[])`)
            .execute(),
  };
}

export type TodayRepo = ReturnType<typeof createTodayRepo>;
