import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { UnitScope } from '../../auth/authz.ts';

export type Exec = Kysely<Database> | Transaction<Database>;

/** Which rows a list shows: a unit scope, plus (or only) some employees, with the list filters. */
export interface RequestFilter {
  scope?: UnitScope;
  employeeIds?: string[];
  employeeId?: string;
  excludeEmployeeId?: string;
  status?: string;
  kind?: string;
  unitPath?: string;
  from?: string;
  to?: string;
  q?: string;
}

type RequestTable = 'permits' | 'corrections';

/** Per request table: the (from, to) date columns a date filter compares and the column `kind` filters. */
const REQUEST_TABLES: Record<RequestTable, { dateCols: [string, string]; kindCol: string }> = {
  permits: { dateCols: ['date_from', 'date_to'], kindCol: 'kind' },
  corrections: { dateCols: ['local_date', 'local_date'], kindCol: 'category' },
};

/**
 * The employee, unit, decider and canceller columns every request view adds to its own row (who settled a
 * request and when is named in the answer to a decision that came too late).
 */
const REQUEST_VIEW_COLUMNS = [
  'e.nip',
  'e.frontTitle',
  'e.name',
  'e.backTitle',
  'u.name as unitName',
  'u.path as unitPath',
  'u.id as unitId',
  'u.timeZone as unitTimeZone',
  'd.displayName as decidedByName',
  'cb.displayName as cancelledByName',
] as const;

/** Queries of permits and corrections (Kysely, CamelCasePlugin); their files are attachments (src/server/files). */
export function createPermitsRepo(db: Db) {
  const employeeContext = (employeeId: string, exec: Exec = db) =>
    exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select([
        'e.id',
        'e.nip',
        'e.frontTitle',
        'e.name',
        'e.backTitle',
        'e.superiorId',
        'e.unitId',
        'u.code as unitCode',
        'u.name as unitName',
        'u.path as unitPath',
        'u.timeZone',
      ])
      .where('e.id', '=', employeeId)
      .executeTakeFirst();

  /**
   * A filter as one SQL condition over `x` (permits or corrections) joined with `e` employees and `u` units:
   * (unit scope OR listed employees) AND the list filters (`kind` matches the table's kind column).
   */
  function filterCondition(f: RequestFilter, table: RequestTable): RawBuilder<SqlBool> {
    const { dateCols, kindCol } = REQUEST_TABLES[table];
    const ors: RawBuilder<SqlBool>[] = [];
    if (f.scope !== undefined) {
      if (f.scope === 'all') ors.push(sql<SqlBool>`true`);
      else for (const p of f.scope) ors.push(sql<SqlBool>`u.path like ${`${p}%`}`);
      if (f.scope !== 'all' && f.scope.length === 0) ors.push(sql<SqlBool>`false`);
    }
    if (f.employeeIds && f.employeeIds.length > 0)
      ors.push(sql<SqlBool>`x.employee_id in (${sql.join(f.employeeIds)})`);
    const ands: RawBuilder<SqlBool>[] = [
      ors.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(ors, sql` or `)})`,
    ];
    if (f.employeeId) ands.push(sql<SqlBool>`x.employee_id = ${f.employeeId}`);
    if (f.excludeEmployeeId) ands.push(sql<SqlBool>`x.employee_id <> ${f.excludeEmployeeId}`);
    if (f.status) ands.push(sql<SqlBool>`x.status = ${f.status}`);
    if (f.unitPath) ands.push(sql<SqlBool>`u.path like ${`${f.unitPath}%`}`);
    if (f.to) ands.push(sql<SqlBool>`${sql.ref(`x.${dateCols[0]}`)} <= ${f.to}`);
    if (f.from) ands.push(sql<SqlBool>`${sql.ref(`x.${dateCols[1]}`)} >= ${f.from}`);
    if (f.kind) ands.push(sql<SqlBool>`${sql.ref(`x.${kindCol}`)} = ${f.kind}`);
    if (f.q) {
      const like = `%${f.q.toLowerCase()}%`;
      ands.push(sql<SqlBool>`(lower(e.name) like ${like} or e.nip like ${like})`);
    }
    return sql<SqlBool>`${sql.join(ands, sql` and `)}`;
  }

  const permitView = (exec: Exec = db) =>
    exec
      .selectFrom('permits as x')
      .innerJoin('employees as e', 'e.id', 'x.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('users as d', 'd.id', 'x.decidedBy')
      .leftJoin('users as cb', 'cb.id', 'x.cancelledBy')
      .selectAll('x')
      .select(REQUEST_VIEW_COLUMNS);

  const correctionView = (exec: Exec = db) =>
    exec
      .selectFrom('corrections as x')
      .innerJoin('employees as e', 'e.id', 'x.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('users as d', 'd.id', 'x.decidedBy')
      .leftJoin('users as cb', 'cb.id', 'x.cancelledBy')
      .selectAll('x')
      .select(REQUEST_VIEW_COLUMNS);

  /** How many rows of the table match the filter. */
  async function countRequests(table: RequestTable, f: RequestFilter) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n
      from ${sql.table(table)} as x
      join employees as e on e.id = x.employee_id
      join units as u on u.id = e.unit_id
      where ${filterCondition(f, table)}`.execute(db);
    return Number(rows[0]!.n);
  }

  return {
    employeeContext,

    staffOf: async (superiorIds: string[]) =>
      superiorIds.length === 0
        ? []
        : (
            await db.selectFrom('employees').select('id').where('superiorId', 'in', superiorIds).execute()
          ).map((r) => r.id),

    /** The closed months among `months` for the unit or one of its ancestors. */
    closedMonths: async (unitPath: string, months: string[], exec: Exec = db) => {
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

    // ------------------------------------------------------------ permits
    permitView,
    findPermit: (id: string, exec: Exec = db) => permitView(exec).where('x.id', '=', id).executeTakeFirst(),
    /** Active (pending or approved) permits of the employee touching from..to. */
    activePermits: (employeeId: string, from: string, to: string, exec: Exec = db) =>
      exec
        .selectFrom('permits')
        .select(['id', 'kind', 'part', 'dateFrom', 'dateTo', 'status'])
        .where('employeeId', '=', employeeId)
        .where('status', 'in', ['DIAJUKAN', 'DISETUJUI'])
        .where('dateFrom', '<=', to)
        .where('dateTo', '>=', from)
        .execute(),
    listPermits: (f: RequestFilter, limit: number, offset: number) =>
      permitView()
        .where(filterCondition(f, 'permits'))
        .orderBy('x.createdAt', 'desc')
        .orderBy('x.id')
        .limit(limit)
        .offset(offset)
        .execute(),
    countPermits: (f: RequestFilter) => countRequests('permits', f),
    /** Approved permits of the employees touching from..to (for the daily status). */
    approvedPermits: (employeeIds: string[], from: string, to: string, exec: Exec = db) =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('permits')
            .select(['employeeId', 'kind', 'part', 'dateFrom', 'dateTo', 'reason', 'workLocation'])
            .where('employeeId', 'in', employeeIds)
            .where('status', '=', 'DISETUJUI')
            .where('dateFrom', '<=', to)
            .where('dateTo', '>=', from)
            .orderBy('dateFrom')
            .execute(),

    // ------------------------------------------------------------ corrections
    correctionView,
    findCorrection: (id: string, exec: Exec = db) =>
      correctionView(exec).where('x.id', '=', id).executeTakeFirst(),
    activeCorrection: (employeeId: string, date: string, exec: Exec = db) =>
      exec
        .selectFrom('corrections')
        .select(['id', 'status'])
        .where('employeeId', '=', employeeId)
        .where('localDate', '=', date)
        .where('status', 'in', ['DIAJUKAN', 'DISETUJUI'])
        .executeTakeFirst(),
    listCorrections: (f: RequestFilter, limit: number, offset: number) =>
      correctionView()
        .where(filterCondition(f, 'corrections'))
        .orderBy('x.createdAt', 'desc')
        .orderBy('x.id')
        .limit(limit)
        .offset(offset)
        .execute(),
    countCorrections: (f: RequestFilter) => countRequests('corrections', f),
    approvedCorrections: (employeeIds: string[], fromMs: number, toMs: number, exec: Exec = db) =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('corrections')
            .select(['employeeId', 'checkInAt', 'checkOutAt'])
            .where('employeeId', 'in', employeeIds)
            .where('status', '=', 'DISETUJUI')
            .where((eb) =>
              eb.or([
                eb.and([eb('checkInAt', '>=', new Date(fromMs)), eb('checkInAt', '<', new Date(toMs))]),
                eb.and([eb('checkOutAt', '>=', new Date(fromMs)), eb('checkOutAt', '<', new Date(toMs))]),
              ]),
            )
            .execute(),

    unitPath: async (unitId: string) =>
      (await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path ?? null,
  };
}

export type PermitsRepo = ReturnType<typeof createPermitsRepo>;
export type PermitRow = NonNullable<Awaited<ReturnType<PermitsRepo['findPermit']>>>;
export type CorrectionRow = NonNullable<Awaited<ReturnType<PermitsRepo['findCorrection']>>>;
