import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { unitScopeCondition, type UnitScope } from '../../auth/authz.ts';

/** Device states that bind a phone to an employee (a refused or replaced one binds nothing). */
const BINDING_STATES = ['ACTIVE', 'PENDING'];

/**
 * The Inspektorat's anomaly reads that no other module has: punches judged outside every allowed place in a window
 * of days, and phones bound to more than one employee. Read-only; both are bounded by what they look for (the
 * window's non-accepted punches, through the partial index `punches_anomalous_day`; the bound phones), never by
 * the whole punch history.
 */
export function createDashboardRepo(db: Db) {
  function outsideFenceQuery(scope: UnitScope, from: string, to: string) {
    return db
      .selectFrom('punches as p')
      .innerJoin('employees as e', 'e.id', 'p.employeeId')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .leftJoin('punchReviews as r', 'r.punchId', 'p.id')
      .where('p.verdict', '<>', 'ACCEPTED')
      .where('p.localDate', '>=', from)
      .where('p.localDate', '<=', to)
      .where(sql<boolean>`p.reasons @> '[{"code":"OUTSIDE_GEOFENCE"}]'::jsonb`)
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'));
  }

  return {
    /** Punches of the window judged outside every allowed place, farthest first. */
    outsideFence: (scope: UnitScope, from: string, to: string, limit: number, offset: number) =>
      outsideFenceQuery(scope, from, to)
        .select([
          'p.id',
          'p.employeeId',
          'e.nip',
          'e.frontTitle',
          'e.name',
          'e.backTitle',
          'u.name as unitName',
          'u.timeZone',
          'p.occurredAt',
          'p.localDate',
          'p.verdict',
          'p.reasons',
          'p.placeLabel',
          'p.distanceM',
          'r.decision as reviewDecision',
        ])
        .orderBy(sql`p.distance_m desc nulls last`)
        .orderBy('p.occurredAt', 'desc')
        .orderBy('p.id')
        .limit(limit)
        .offset(offset)
        .execute(),

    countOutsideFence: async (scope: UnitScope, from: string, to: string) =>
      Number(
        (
          await outsideFenceQuery(scope, from, to)
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /**
     * Phones (one key thumbprint) bound to more than one employee, with every employee bound to them and whether
     * each lies inside `scope` (the caller filters the names; nothing outside the scope is shown).
     */
    sharedDevices: (scope: UnitScope) =>
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('devices')
            .select('keyThumbprint')
            .where('status', 'in', BINDING_STATES)
            .groupBy('keyThumbprint')
            .having(sql<boolean>`count(distinct employee_id) > 1`)
            .as('s'),
        )
        .innerJoin('devices as d', 'd.keyThumbprint', 's.keyThumbprint')
        .innerJoin('employees as e', 'e.id', 'd.employeeId')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .where('d.status', 'in', BINDING_STATES)
        .select((eb) => [
          'd.keyThumbprint',
          'd.label',
          'd.status',
          'd.lastUsedAt',
          'd.createdAt',
          'e.id as employeeId',
          'e.nip',
          'e.frontTitle',
          'e.name',
          'e.backTitle',
          'u.name as unitName',
          sql<boolean>`${unitScopeCondition(eb, scope, 'u.path')}`.as('inScope'),
        ])
        .orderBy('d.keyThumbprint')
        .orderBy('d.createdAt')
        .execute(),
  };
}

export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
