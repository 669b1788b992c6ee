import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { formatFullName } from '../../../core/people/names.ts';

/**
 * Names instead of ids in the audit log (issue 13 point 10): the employee an entry is about (a permit's, a
 * device's …) and a name for every id its values hold (employees, units, positions, accounts). Read-only
 * look-ups of the records the entries point to; an id no longer found keeps showing as the id.
 */

/** Where the employee of each kind of record is (entity type → table with an employee_id). */
const SUBJECT_TABLES: Record<string, string> = {
  permit: 'permits',
  correction: 'corrections',
  leave_request: 'leave_requests',
  device: 'devices',
  punch: 'punches',
  work_location: 'work_locations',
  field_assignment: 'field_assignments',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every UUID in a value (any depth). */
function uuidsIn(value: unknown, out: Set<string>) {
  if (typeof value === 'string') {
    if (UUID.test(value)) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) for (const v of value) uuidsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) uuidsIn(v, out);
}

/** The SQL condition "entry `a` is about employee `id`, or made by their account". */
export function aboutPerson(id: string) {
  const inTable = (type: string, table: string) =>
    sql`(a.entity_type = ${type} and a.entity_id in (select x.id::text from ${sql.table(table)} x where x.employee_id = ${id}))`;
  return sql<boolean>`(
    (a.entity_type = 'employee' and a.entity_id = ${id})
    or a.actor_id in (select u.id from users u where u.employee_id = ${id})
    or (a.entity_type = 'user' and a.entity_id in (select u.id::text from users u where u.employee_id = ${id}))
    or ${sql.join(
      Object.entries(SUBJECT_TABLES).map(([type, table]) => inTable(type, table)),
      sql` or `,
    )}
    or a.after->>'employeeId' = ${id}
    or a.before->>'employeeId' = ${id})`;
}

export function createAuditNames(db: Db) {
  /** The employee each entry is about: key `type:id` → employee id. */
  async function subjects(
    entries: { entityType: string; entityId: string | null; before: unknown; after: unknown }[],
  ) {
    const out = new Map<string, string>();
    const byType = new Map<string, string[]>();
    for (const e of entries) {
      if (!e.entityId) continue;
      if (e.entityType === 'employee' && UUID.test(e.entityId)) out.set(`employee:${e.entityId}`, e.entityId);
      else if ((e.entityType in SUBJECT_TABLES || e.entityType === 'user') && UUID.test(e.entityId))
        byType.set(e.entityType, [...(byType.get(e.entityType) ?? []), e.entityId]);
    }
    for (const [type, ids] of byType) {
      const table = type === 'user' ? 'users' : SUBJECT_TABLES[type]!;
      const { rows } = await sql<{ id: string; employeeId: string | null }>`
        select x.id::text as id, x.employee_id from ${sql.table(table)} x
        where x.id in (${sql.join([...new Set(ids)])})`.execute(db);
      for (const r of rows) if (r.employeeId) out.set(`${type}:${r.id}`, r.employeeId);
    }
    for (const e of entries) {
      const key = `${e.entityType}:${e.entityId}`;
      if (out.has(key)) continue;
      const claimed = [e.after, e.before]
        .map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>).employeeId : undefined))
        .find((v): v is string => typeof v === 'string' && UUID.test(v));
      if (claimed) out.set(key, claimed);
    }
    return out;
  }

  /** A name for every UUID found in the values: employee (name · NIP), unit, position or account. */
  async function names(values: unknown[]): Promise<Record<string, string>> {
    const ids = new Set<string>();
    for (const v of values) uuidsIn(v, ids);
    if (ids.size === 0) return {};
    const all = [...ids];
    const [employees, units, positions, users] = await Promise.all([
      db
        .selectFrom('employees')
        .select(['id', 'frontTitle', 'name', 'backTitle', 'nip'])
        .where('id', 'in', all)
        .execute(),
      db.selectFrom('units').select(['id', 'name']).where('id', 'in', all).execute(),
      db.selectFrom('positions').select(['id', 'name']).where('id', 'in', all).execute(),
      db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', all).execute(),
    ]);
    const out: Record<string, string> = {};
    for (const u of users) out[u.id] = u.displayName;
    for (const p of positions) out[p.id] = p.name;
    for (const u of units) out[u.id] = u.name;
    for (const e of employees) {
      const name = formatFullName({
        frontTitle: e.frontTitle ?? undefined,
        name: e.name,
        backTitle: e.backTitle ?? undefined,
      });
      out[e.id] = e.nip ? `${name} (${e.nip})` : name;
    }
    return out;
  }

  return { subjects, names };
}
