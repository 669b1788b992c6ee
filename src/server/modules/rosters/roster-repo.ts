import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

/** Read / write through this when given (an open transaction). */
export type Exec = Kysely<Database> | Transaction<Database>;

/** Employees who are (or were) active in a date range. */
export interface RosterEmployeeFilter {
  unitPath: string;
  from: string;
  to: string;
  q?: string | undefined;
}

const CHUNK = 1_000;

/** All I/O of shift rosters. */
export function createRosterRepo(db: Db) {
  const employeeBase = (exec: Exec) =>
    exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select([
        'e.id',
        'e.nip',
        'e.frontTitle',
        'e.name',
        'e.backTitle',
        'e.unitId',
        'u.path as unitPath',
        'u.name as unitName',
        'e.activeFrom',
        'e.activeTo',
      ]);

  function filtered(exec: Exec, f: RosterEmployeeFilter) {
    let q = exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .where('u.path', 'like', `${f.unitPath}%`)
      .where('e.activeFrom', '<=', f.to)
      .where((eb) => eb.or([eb('e.activeTo', 'is', null), eb('e.activeTo', '>=', f.from)]));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const digits = f.q.replace(/\D/g, '');
      q = q.where((eb) =>
        eb.or([
          eb('e.name', 'ilike', like),
          ...(digits.length >= 3 ? [eb('e.nip', 'like', `%${digits}%`)] : []),
        ]),
      );
    }
    return q;
  }

  return {
    employeesByIds: (ids: string[], exec: Exec = db) =>
      ids.length === 0 ? Promise.resolve([]) : employeeBase(exec).where('e.id', 'in', ids).execute(),

    employeesByNips: (nips: string[], exec: Exec = db) =>
      nips.length === 0 ? Promise.resolve([]) : employeeBase(exec).where('e.nip', 'in', nips).execute(),

    unit: (id: string) =>
      db
        .selectFrom('units')
        .select(['id', 'code', 'name', 'path', 'timeZone'])
        .where('id', '=', id)
        .executeTakeFirst(),

    /** Employees of a unit subtree active in the range, by name, one page. */
    async pageOfEmployees(f: RosterEmployeeFilter, limit: number, offset: number) {
      const [rows, count] = await Promise.all([
        filtered(db, f)
          .select([
            'e.id',
            'e.nip',
            'e.frontTitle',
            'e.name',
            'e.backTitle',
            'e.unitId',
            'u.path as unitPath',
            'u.name as unitName',
          ])
          .orderBy('e.name')
          .orderBy('e.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        filtered(db, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** Every employee of the filter (for the export). */
    allEmployees: (f: RosterEmployeeFilter) =>
      filtered(db, f)
        .select(['e.id', 'e.nip', 'e.frontTitle', 'e.name', 'e.backTitle'])
        .orderBy('e.name')
        .orderBy('e.id')
        .execute(),

    /** Roster lines of the employees in from..to, with the employee's NIP. */
    lines: (employeeIds: string[], from: string, to: string, exec: Exec = db) =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('shiftRosters as r')
            .innerJoin('employees as e', 'e.id', 'r.employeeId')
            .select(['r.employeeId', 'e.nip', 'r.localDate', 'r.shiftCode'])
            .where('r.employeeId', 'in', employeeIds)
            .where('r.localDate', '>=', from)
            .where('r.localDate', '<=', to)
            .orderBy('r.employeeId')
            .orderBy('r.localDate')
            .execute(),

    /** The months of `months` closed for the unit or one of its ancestors (`units.path` lists them). */
    async closedMonths(unitPath: string, months: string[], exec: Exec = db) {
      const ids = unitPath.split('/').filter(Boolean);
      if (ids.length === 0 || months.length === 0) return [];
      const rows = await exec
        .selectFrom('monthClosings')
        .select('month')
        .where('unitId', 'in', ids)
        .where('month', 'in', months)
        .execute();
      return [...new Set(rows.map((r) => r.month))].sort();
    },

    /** Insert or replace roster lines (last writer recorded in `created_by`). */
    async upsert(
      exec: Exec,
      rows: Array<{ employeeId: string; localDate: string; shiftCode: string | null }>,
      userId: string,
    ) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await exec
          .insertInto('shiftRosters')
          .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, createdBy: userId })))
          .onConflict((oc) =>
            oc.columns(['employeeId', 'localDate']).doUpdateSet({
              shiftCode: (eb) => eb.ref('excluded.shiftCode'),
              createdBy: (eb) => eb.ref('excluded.createdBy'),
              updatedAt: sql`now()`,
            }),
          )
          .execute();
      }
    },

    /** Remove the lines of one employee on the dates. */
    async remove(exec: Exec, employeeId: string, dates: string[]) {
      for (let i = 0; i < dates.length; i += CHUNK)
        await exec
          .deleteFrom('shiftRosters')
          .where('employeeId', '=', employeeId)
          .where('localDate', 'in', dates.slice(i, i + CHUNK))
          .execute();
    },
  };
}

export type RosterRepo = ReturnType<typeof createRosterRepo>;
