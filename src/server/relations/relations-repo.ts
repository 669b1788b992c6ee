import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** A connection or the caller's open transaction (on PGlite a query beside an open transaction would wait). */
export type Exec = Kysely<Database> | Transaction<Database>;

const NONE = '00000000-0000-0000-0000-000000000000';
const idList = (ids: readonly string[]) => sql.join(ids.length > 0 ? [...ids] : [NONE]);

/** Rows (alias) with `valid_from`/`valid_to` in force on `date`, both ends included. */
const inForceSql = (date: string, alias: string): RawBuilder<unknown> =>
  sql`${sql.ref(`${alias}.valid_from`)} <= ${date}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} >= ${date}::date)`;

/**
 * Acting assignments (alias `a`) in force on `date`, both ends included: the one condition every set-based query
 * about Plt/Plh uses (the notification digest, the relations below).
 */
export const actingInForceSql = (date: string, alias = 'a'): RawBuilder<unknown> => inForceSql(date, alias);

/** Employees (alias `e`) in service on `date`. */
const inServiceSql = (date: string) =>
  sql`e.active_from <= ${date}::date and (e.active_to is null or e.active_to >= ${date}::date)`;

/**
 * Placements (alias `pl`) in force on `date`: the one a date falls in. An employee with no placement holding the
 * date (no history recorded) is read from the employees row (the current placement).
 */
const placedOnSql = (date: string) => sql`
  select e.id as employee_id, coalesce(pl.unit_id, e.unit_id) as unit_id,
    case when pl.id is null then e.position_id else pl.position_id end as position_id,
    case when pl.id is null then e.superior_id else pl.superior_id end as superior_id
  from employees e
  left join lateral (
    select pl.id, pl.unit_id, pl.position_id, pl.superior_id from placements pl
    where pl.employee_id = e.id and ${inForceSql(date, 'pl')}
    order by pl.valid_from desc limit 1
  ) pl on true`;

const fullName = (alias: string) =>
  sql<string>`concat_ws(' ', ${sql.ref(`${alias}.front_title`)}, ${sql.ref(`${alias}.name`)}) || coalesce(', ' || ${sql.ref(`${alias}.back_title`)}, '')`;

/** An employee where they were on a date: unit, position and superior of record, with their service. */
export interface PlacedRow {
  employeeId: string;
  fullName: string;
  nip: string | null;
  employeeType: string;
  activeFrom: string;
  activeTo: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  unitKind: string;
  timeZone: string;
  positionId: string | null;
  positionName: string | null;
  positionKind: string | null;
  isHead: boolean | null;
  superiorId: string | null;
}

/** An acting assignment in force, with the acting official's name and service. */
export interface ActingRow {
  employeeId: string;
  positionId: string;
  kind: 'PLT' | 'PLH';
  validFrom: string;
  validTo: string | null;
  fullName: string;
  nip: string | null;
  activeFrom: string;
  activeTo: string | null;
}

/** A head position of a unit. */
export interface HeadPostRow {
  positionId: string;
  positionName: string;
  positionKind: string;
  unitId: string;
  unitName: string;
  unitPath: string;
}

/** Every query about who is where, under whom and acting for whom on a date (the org relations). */
export function createRelationsRepo(db: Db) {
  return {
    /** The employees (by id) where they were on `date`: placement in force, else the employees row. */
    placedOn: async (exec: Exec = db, ids: readonly string[], date: string): Promise<PlacedRow[]> =>
      ids.length === 0
        ? []
        : (
            await sql<PlacedRow>`
              select e.id as employee_id, ${fullName('e')} as full_name, e.nip, e.employee_type,
                e.active_from, e.active_to, u.id as unit_id, u.name as unit_name, u.path as unit_path,
                u.kind as unit_kind, u.time_zone, x.position_id, p.name as position_name,
                p.kind as position_kind, p.is_head, x.superior_id
              from (${placedOnSql(date)} where e.id in (${idList(ids)})) x
              join employees e on e.id = x.employee_id
              join units u on u.id = x.unit_id
              left join positions p on p.id = x.position_id`.execute(exec)
          ).rows,

    /** The placements of an employee with their units' zones, and the zone of the current unit (one statement). */
    zonesOf: async (exec: Exec = db, employeeId: string) => {
      const rows = (
        await sql<{
          current: string;
          validFrom: string | null;
          validTo: string | null;
          timeZone: string | null;
        }>`
          select u.time_zone as current, pl.valid_from, pl.valid_to, pu.time_zone
          from employees e join units u on u.id = e.unit_id
            left join placements pl on pl.employee_id = e.id
            left join units pu on pu.id = pl.unit_id
          where e.id = ${employeeId}`.execute(exec)
      ).rows;
      if (rows.length === 0) return undefined;
      return {
        timeZone: rows[0]!.current,
        placements: rows.flatMap((r) =>
          r.validFrom && r.timeZone
            ? [{ validFrom: r.validFrom, validTo: r.validTo, timeZone: r.timeZone }]
            : [],
        ),
      };
    },

    /** The zone of a position's unit. */
    zoneOfPosition: async (exec: Exec = db, positionId: string) =>
      (
        await exec
          .selectFrom('positions as p')
          .innerJoin('units as u', 'u.id', 'p.unitId')
          .select('u.timeZone')
          .where('p.id', '=', positionId)
          .executeTakeFirst()
      )?.timeZone,

    /** Acting assignments in force on `date` for the posts, with the acting officials. */
    actingInPosts: async (
      exec: Exec = db,
      positionIds: readonly string[],
      date: string,
    ): Promise<ActingRow[]> =>
      positionIds.length === 0
        ? []
        : (
            await sql<ActingRow>`
              select a.employee_id, a.position_id, a.kind, a.valid_from, a.valid_to, ${fullName('e')} as full_name,
                e.nip, e.active_from, e.active_to
              from acting_assignments a join employees e on e.id = a.employee_id
              where a.position_id in (${idList(positionIds)}) and ${actingInForceSql(date)}`.execute(exec)
          ).rows,

    /** The posts the employee acts in (Plt/Plh) on `date`. */
    actingPostsOf: async (exec: Exec = db, employeeId: string, date: string) =>
      (
        await sql<{ positionId: string; kind: 'PLT' | 'PLH' }>`
          select a.position_id, a.kind from acting_assignments a
          where a.employee_id = ${employeeId} and ${actingInForceSql(date)}`.execute(exec)
      ).rows,

    /**
     * Who holds the posts on `date` (placement in force, else the employees row). `inService`: only those in
     * service on that date; without it also a holder who has left (whose staff still name them as superior).
     */
    holdersOn: async (exec: Exec = db, positionIds: readonly string[], date: string, inService: boolean) =>
      positionIds.length === 0
        ? []
        : (
            await sql<{ employeeId: string; positionId: string }>`
              select pl.employee_id, pl.position_id from placements pl
                join employees e on e.id = pl.employee_id
              where pl.position_id in (${idList(positionIds)}) and ${inForceSql(date, 'pl')}
                ${inService ? sql`and ${inServiceSql(date)}` : sql``}
              union
              select e.id, e.position_id from employees e
              where e.position_id in (${idList(positionIds)})
                and not exists (select 1 from placements pl where pl.employee_id = e.id and ${inForceSql(date, 'pl')})
                ${inService ? sql`and ${inServiceSql(date)}` : sql``}
              order by 1`.execute(exec)
          ).rows,

    /** Positions by id: whether each is a head post, and its unit's path. */
    postsByIds: async (exec: Exec = db, positionIds: readonly string[]) =>
      positionIds.length === 0
        ? []
        : exec
            .selectFrom('positions as p')
            .innerJoin('units as u', 'u.id', 'p.unitId')
            .select(['p.id', 'p.isHead', 'u.path as unitPath'])
            .where('p.id', 'in', [...positionIds])
            .execute(),

    /** The head positions of the units. */
    headPosts: async (exec: Exec = db, unitIds: readonly string[]): Promise<HeadPostRow[]> =>
      unitIds.length === 0
        ? []
        : exec
            .selectFrom('positions as p')
            .innerJoin('units as u', 'u.id', 'p.unitId')
            .select([
              'p.id as positionId',
              'p.name as positionName',
              'p.kind as positionKind',
              'p.unitId',
              'u.name as unitName',
              'u.path as unitPath',
            ])
            .where('p.unitId', 'in', [...unitIds])
            .where('p.isHead', '=', true)
            .orderBy('p.code')
            .execute(),

    /** Employees in service on `date` whose superior of record on that date is one of `superiorIds`. */
    staffOn: async (exec: Exec = db, superiorIds: readonly string[], date: string) =>
      superiorIds.length === 0
        ? []
        : (
            await sql<{ employeeId: string }>`
              select pl.employee_id from placements pl join employees e on e.id = pl.employee_id
              where pl.superior_id in (${idList(superiorIds)}) and ${inForceSql(date, 'pl')} and ${inServiceSql(date)}
              union
              select e.id from employees e
              where e.superior_id in (${idList(superiorIds)}) and ${inServiceSql(date)}
                and not exists (select 1 from placements pl where pl.employee_id = e.id and ${inForceSql(date, 'pl')})`.execute(
              exec,
            )
          ).rows.map((r) => r.employeeId),

    /**
     * Employees in service on `date` without a superior of record, placed in the subtrees of the units: those whose
     * superior is found from the unit tree (the head of their unit or of a unit above).
     */
    unsupervisedIn: async (exec: Exec = db, unitPaths: readonly string[], date: string) => {
      if (unitPaths.length === 0) return [];
      const within = sql.join(
        unitPaths.map((p) => sql`u.path like ${`${p}%`}`),
        sql` or `,
      );
      return (
        await sql<{ employeeId: string }>`
          select pl.employee_id from placements pl
            join employees e on e.id = pl.employee_id join units u on u.id = pl.unit_id
          where pl.superior_id is null and ${inForceSql(date, 'pl')} and ${inServiceSql(date)} and (${within})
          union
          select e.id from employees e join units u on u.id = e.unit_id
          where e.superior_id is null and ${inServiceSql(date)} and (${within})
            and not exists (select 1 from placements pl where pl.employee_id = e.id and ${inForceSql(date, 'pl')})`.execute(
          exec,
        )
      ).rows.map((r) => r.employeeId);
    },
  };
}

export type RelationsRepo = ReturnType<typeof createRelationsRepo>;
