import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { UnitScope } from '../../auth/authz.ts';
import { unitScopeCondition } from '../../auth/authz.ts';

type Q = Db | Transaction<Database>;
/** A connection or the open transaction the org queries read through. */
export type Exec = Q;

export interface EmployeeFilter {
  q?: string | undefined;
  unitPath?: string | undefined;
  /** Only this unit, not its subunits. */
  unitId?: string | undefined;
  type?: string | undefined;
  status: 'active' | 'inactive' | 'all';
  today: string;
}

/** Who else an actor may see besides their scope: themselves and the staff they supervise. */
export interface Relations {
  selfId: string | null;
  /** Employee ids whose position the actor holds as Plt/Plh on their own today (src/server/relations). */
  actingForIds: string[];
}

/** Queries for units, offices, positions, employees, placements and acting assignments. */
export function createOrgRepo(db: Db) {
  const fullName = sql<string>`concat_ws(' ', e.front_title, e.name) || coalesce(', ' || e.back_title, '')`;

  function employeeQuery(scope: UnitScope, rel: Relations, f: EmployeeFilter) {
    let q = db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .where((eb) => {
        const ors = [unitScopeCondition(eb, scope, 'u.path')];
        if (rel.selfId) {
          ors.push(eb('e.id', '=', rel.selfId));
          ors.push(eb('e.superiorId', '=', rel.selfId));
        }
        if (rel.actingForIds.length > 0) ors.push(eb('e.superiorId', 'in', rel.actingForIds));
        return eb.or(ors);
      });
    if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
    if (f.unitId) q = q.where('e.unitId', '=', f.unitId);
    if (f.type) q = q.where('e.employeeType', '=', f.type);
    if (f.status === 'active')
      q = q.where((eb) => eb.or([eb('e.activeTo', 'is', null), eb('e.activeTo', '>=', f.today)]));
    if (f.status === 'inactive') q = q.where('e.activeTo', '<', f.today);
    if (f.q) {
      const digits = f.q.replace(/\s+/g, '');
      const like = `%${f.q.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['e.name']), 'like', like),
          ...(/^\d+$/.test(digits) ? [eb('e.nip', 'like', `${digits}%`)] : []),
          eb(eb.fn('lower', ['e.internalId']), '=', f.q!.toLowerCase()),
          eb(eb.fn('lower', ['p.name']), 'like', like),
        ]),
      );
    }
    return q;
  }

  return {
    fullName,
    listUnits: (q: Q = db) => q.selectFrom('units').selectAll().orderBy('path').execute(),
    unitCounts: () =>
      db
        .selectFrom('employees')
        .select(['unitId', sql<number>`count(*)`.as('n')])
        .where('activeTo', 'is', null)
        .groupBy('unitId')
        .execute(),
    findUnit: (id: string, q: Q = db) =>
      q.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst(),
    /** A unit and every unit below it (materialised path), the unit first. */
    subtreeUnits: (path: string, q: Q = db) =>
      q.selectFrom('units').selectAll().where('path', 'like', `${path}%`).orderBy('path').execute(),
    findUnitByCode: (code: string, q: Q = db) =>
      q.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst(),
    officesOf: (unitId: string) =>
      db.selectFrom('offices').selectAll().where('unitId', '=', unitId).orderBy('name').execute(),
    positionsOf: (unitId: string) =>
      db
        .selectFrom('positions')
        .selectAll()
        .where('unitId', '=', unitId)
        .orderBy('kelasJabatan', 'desc')
        .orderBy('name')
        .execute(),
    findPosition: (id: string, q: Q = db) =>
      q.selectFrom('positions').selectAll().where('id', '=', id).executeTakeFirst(),
    findEmployee: (id: string, q: Q = db) =>
      q
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .leftJoin('positions as p', 'p.id', 'e.positionId')
        .leftJoin('employees as s', 's.id', 'e.superiorId')
        .selectAll('e')
        .select([
          fullName.as('fullName'),
          'u.name as unitName',
          'u.path as unitPath',
          'p.name as positionName',
          sql<
            string | null
          >`case when s.id is null then null else concat_ws(' ', s.front_title, s.name) || coalesce(', ' || s.back_title, '') end`.as(
            'superiorName',
          ),
        ])
        .where('e.id', '=', id)
        .executeTakeFirst(),
    findEmployeeByNip: (nip: string, q: Q = db) =>
      q.selectFrom('employees').selectAll().where('nip', '=', nip).executeTakeFirst(),
    findEmployeeByInternalId: (internalId: string, q: Q = db) =>
      q.selectFrom('employees').select('id').where('internalId', '=', internalId).executeTakeFirst(),
    superiorIdOf: (id: string, q: Q = db) =>
      q.selectFrom('employees').select(['superiorId']).where('id', '=', id).executeTakeFirst(),

    countEmployees: (scope: UnitScope, rel: Relations, f: EmployeeFilter) =>
      employeeQuery(scope, rel, f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    listEmployees: (
      scope: UnitScope,
      rel: Relations,
      f: EmployeeFilter,
      sort: 'name' | 'nip' | 'unit',
      limit: number,
      offset: number,
    ) =>
      employeeQuery(scope, rel, f)
        .select([
          'e.id',
          'e.nip',
          fullName.as('fullName'),
          'e.employeeType',
          'e.golongan',
          'e.unitId',
          'u.name as unitName',
          'p.name as positionName',
          'e.activeTo',
          'e.gender',
          'e.email',
          'e.phone',
          'e.education',
          'e.activeFrom',
          'p.kelasJabatan',
        ])
        .orderBy(sort === 'nip' ? 'e.nip' : sort === 'unit' ? 'u.name' : 'e.name')
        .orderBy('e.id')
        .limit(limit)
        .offset(offset)
        .execute(),
    countByType: (scope: UnitScope, rel: Relations, today: string) =>
      employeeQuery(scope, rel, { status: 'active', today })
        .select(['e.employeeType', sql<number>`count(*)`.as('n')])
        .groupBy('e.employeeType')
        .execute(),
    countByTopUnit: (scope: UnitScope, rel: Relations, today: string) =>
      employeeQuery(scope, rel, { status: 'active', today })
        .select(['u.id as unitId', 'u.name as unitName', 'u.kind', sql<number>`count(*)`.as('n')])
        .groupBy(['u.id', 'u.name', 'u.kind'])
        .orderBy(sql`count(*)`, 'desc')
        .limit(12)
        .execute(),

    placementsOf: (employeeId: string) =>
      db
        .selectFrom('placements as pl')
        .innerJoin('units as u', 'u.id', 'pl.unitId')
        .leftJoin('positions as p', 'p.id', 'pl.positionId')
        .leftJoin('employees as s', 's.id', 'pl.superiorId')
        .selectAll('pl')
        .select([
          'u.name as unitName',
          'p.name as positionName',
          sql<
            string | null
          >`case when s.id is null then null else concat_ws(' ', s.front_title, s.name) || coalesce(', ' || s.back_title, '') end`.as(
            'superiorName',
          ),
        ])
        .where('pl.employeeId', '=', employeeId)
        .orderBy('pl.validFrom', 'desc')
        .execute(),
    actingOf: (employeeId: string) =>
      db
        .selectFrom('actingAssignments as a')
        .innerJoin('positions as p', 'p.id', 'a.positionId')
        .innerJoin('units as u', 'u.id', 'p.unitId')
        .selectAll('a')
        .select(['p.name as positionName', 'u.name as unitName'])
        .where('a.employeeId', '=', employeeId)
        .orderBy('a.validFrom', 'desc')
        .execute(),
    countSubordinates: (employeeId: string, today: string) =>
      db
        .selectFrom('employees')
        .select(sql<number>`count(*)`.as('n'))
        .where('superiorId', '=', employeeId)
        .where((eb) => eb.or([eb('activeTo', 'is', null), eb('activeTo', '>=', today)]))
        .executeTakeFirstOrThrow(),
    /** The positions held by the employee's superiors, up the chain (the posts above the employee). */
    superiorChainPositions: async (employeeId: string) => {
      const rows = await sql<{ positionId: string | null }>`
        with recursive chain(id, depth) as (
          select superior_id, 1 from employees where id = ${employeeId} and superior_id is not null
          union
          select e.superior_id, c.depth + 1 from employees e join chain c on e.id = c.id
          where e.superior_id is not null and c.depth < 50
        )
        select e.position_id as "positionId" from chain c join employees e on e.id = c.id`.execute(db);
      return rows.rows.flatMap((r) => (r.positionId ? [r.positionId] : []));
    },
    placementAt: (employeeId: string, date: string) =>
      db
        .selectFrom('placements as pl')
        .innerJoin('units as u', 'u.id', 'pl.unitId')
        .leftJoin('positions as p', 'p.id', 'pl.positionId')
        .select([
          'pl.id',
          'pl.unitId',
          'u.name as unitName',
          'u.timeZone',
          'pl.positionId',
          'p.name as positionName',
          'pl.superiorId',
          'pl.validFrom',
          'pl.validTo',
        ])
        .where('pl.employeeId', '=', employeeId)
        .where('pl.validFrom', '<=', date)
        .where((eb) => eb.or([eb('pl.validTo', 'is', null), eb('pl.validTo', '>=', date)]))
        .orderBy('pl.validFrom', 'desc')
        .limit(1)
        .executeTakeFirst(),

    /** Bring the denormalised current placement of every employee in line with the placement valid on `today`. */
    syncCurrentPlacements: (today: string) =>
      sql`update employees e set unit_id = p.unit_id, position_id = p.position_id, superior_id = p.superior_id, updated_at = now()
          from placements p
          where p.employee_id = e.id and p.valid_from <= ${today}::date and (p.valid_to is null or p.valid_to >= ${today}::date)
            and (e.unit_id <> p.unit_id or e.position_id is distinct from p.position_id or e.superior_id is distinct from p.superior_id)`.execute(
        db,
      ),
  };
}

export type OrgRepo = ReturnType<typeof createOrgRepo>;
