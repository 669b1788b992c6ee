import { sql } from 'kysely';
import type { Exec } from '../../relations/relations-service.ts';
import { monthRange, type LocalDate } from '../../../core/common/local-date.ts';
import type { PlacementPeriod } from '../../../core/tpp/placement-segments.ts';

/**
 * The set-based reads of a run's gathering that TPP owns (employees, placements, positions, units, open
 * corrections; gaji, bank accounts and exclusion records are the inputs section's). Every read takes the caller's `exec` (the run's transaction) and a batch of employee ids; none writes.
 */

/** Ids of the employees with a stored day in a unit of the subtree in the month (`status_months.units`). */
export async function employeesWithDaysIn(exec: Exec, unitPath: string, month: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select x.employee_id as id from status_months x
    where x.month = ${`${month}-01`}::date
      and x.units && array(select id from units where path like ${`${unitPath}%`})
    order by x.employee_id`.execute(exec);
  return r.rows.map((x) => x.id);
}

export interface EmployeeIdentityRow {
  id: string;
  nip: string | null;
  frontTitle: string | null;
  name: string;
  backTitle: string | null;
  golongan: string | null;
  employeeType: string;
  activeFrom: LocalDate;
  activeTo: LocalDate | null;
  unitId: string;
  positionId: string | null;
}

/** The employees' identity, service and current placement (the employee row). */
export function employeesOf(exec: Exec, ids: readonly string[]): Promise<EmployeeIdentityRow[]> {
  return exec
    .selectFrom('employees')
    .select([
      'id',
      'nip',
      'frontTitle',
      'name',
      'backTitle',
      'golongan',
      'employeeType',
      'activeFrom',
      'activeTo',
      'unitId',
      'positionId',
    ])
    .where('id', 'in', [...ids])
    .execute();
}

/** The placements of the employees that touch the month, per employee. */
export async function placementsIn(
  exec: Exec,
  ids: readonly string[],
  month: string,
): Promise<Map<string, PlacementPeriod[]>> {
  const { from, to } = monthRange(month);
  const rows = await exec
    .selectFrom('placements')
    .select(['employeeId', 'validFrom', 'validTo', 'unitId', 'positionId'])
    .where('employeeId', 'in', [...ids])
    .where('validFrom', '<=', to)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', from)]))
    .orderBy('employeeId')
    .orderBy('validFrom')
    .execute();
  const out = new Map<string, PlacementPeriod[]>();
  for (const { employeeId, ...p } of rows) {
    const list = out.get(employeeId) ?? [];
    out.set(employeeId, list);
    list.push(p);
  }
  return out;
}

export interface PositionRow {
  id: string;
  name: string;
  kind: string;
  kelasJabatan: number;
}

/** Positions by id (name, kind = position group, kelas jabatan). */
export async function positionsById(exec: Exec, ids: Iterable<string>): Promise<Map<string, PositionRow>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await exec
    .selectFrom('positions')
    .select(['id', 'name', 'kind', 'kelasJabatan'])
    .where('id', 'in', list)
    .execute();
  return new Map(rows.map((p) => [p.id, p]));
}

export interface UnitRow {
  id: string;
  path: string;
  code: string;
  timeZone: string;
  attendanceStart: LocalDate;
}

/** Units by id (path, code and zone for the calendar, go-live for "no data" days). */
export async function unitsById(exec: Exec, ids: Iterable<string>): Promise<Map<string, UnitRow>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await exec
    .selectFrom('units')
    .select(['id', 'path', 'code', 'timeZone', 'attendanceStart'])
    .where('id', 'in', list)
    .execute();
  return new Map(rows.map((u) => [u.id, u]));
}

export interface OpenCorrection {
  id: string;
  amount: number;
  reason: string;
  originMonth: string;
}

/**
 * Corrections of locked runs not yet paid (`applied_run_id` null) of months before `month`, per employee (oldest
 * first): a run pays the corrections of earlier months, never of its own or a later one.
 */
export async function openCorrections(
  exec: Exec,
  ids: readonly string[],
  month: string,
): Promise<Map<string, OpenCorrection[]>> {
  const rows = await exec
    .selectFrom('tppCorrections')
    .select(['id', 'employeeId', 'amount', 'reason', 'originMonth'])
    .where('employeeId', 'in', [...ids])
    .where('appliedRunId', 'is', null)
    .where('originMonth', '<', month)
    .orderBy('employeeId')
    .orderBy('originMonth')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const out = new Map<string, OpenCorrection[]>();
  for (const { employeeId, ...c } of rows) {
    const list = out.get(employeeId) ?? [];
    out.set(employeeId, list);
    list.push({ ...c, amount: Number(c.amount) });
  }
  return out;
}
