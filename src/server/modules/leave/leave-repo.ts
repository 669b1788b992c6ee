import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { unitScopeCondition, type UnitScope } from '../../auth/authz.ts';

export type Exec = Kysely<Database> | Transaction<Database>;

/** Filters of the admin list (already checked by the service). */
export interface LeaveFilter {
  scope: UnitScope;
  q?: string | undefined;
  unitPath?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
}

/** Who may be waiting to decide: the caller as a superior (incl. Plt/Plh) and as PyBMC (position / BKD role). */
export interface InboxWho {
  employeeId: string | null;
  superiorIds: string[];
  positionIds: string[];
  bkdScope: UnitScope;
}

/** All I/O of the leave module. */
export function createLeaveRepo(db: Db) {
  const requestView = (exec: Exec = db) =>
    exec
      .selectFrom('leaveRequests as r')
      .innerJoin('employees as e', 'e.id', 'r.employeeId')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .selectAll('r')
      .select([
        'e.name as employeeName',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'u.name as unitName',
        'u.path as unitPath',
        'u.timeZone',
      ]);

  const NONE = '00000000-0000-0000-0000-000000000000';
  const idList = (ids: string[]) => sql.join(ids.length ? ids : [NONE]);

  /** The caller is the PyBMC of the request (the OPD head position they hold / act in, or BKD in scope). */
  const pybmcCondition = (who: InboxWho) =>
    sql<boolean>`(
      (r.approver_kind = 'OPD_HEAD' and r.approver_position_id in (${idList(who.positionIds)}))
      or (r.approver_kind = 'BKD' and ${
        who.bkdScope === 'all'
          ? sql`true`
          : who.bkdScope.length === 0
            ? sql`false`
            : sql.join(
                who.bkdScope.map((p) => sql`u.path like ${`${p}%`}`),
                sql` or `,
              )
      })
    )`;

  /** Requests waiting for the caller, as one condition over `r` / `u`. */
  const waitingCondition = (who: InboxWho) =>
    sql<boolean>`(
      (r.status = 'DIAJUKAN' and r.superior_id is not null and r.superior_id in (${idList(who.superiorIds)}))
      or ((r.status = 'DISETUJUI_ATASAN' or (r.status = 'DIAJUKAN' and r.superior_id is null))
        and ${pybmcCondition(who)})
    ) and r.employee_id <> ${who.employeeId ?? NONE}`;

  return {
    /** The employee as leave needs them: type, service start, unit (code, path, zone), position, superior. */
    employee: (id: string, exec: Exec = db) =>
      exec
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
          'e.activeFrom',
          'e.activeTo',
          'e.superiorId',
          'e.positionId',
          'e.unitId',
          'p.name as positionName',
          'u.code as unitCode',
          'u.name as unitName',
          'u.path as unitPath',
          'u.timeZone',
        ])
        .where('e.id', '=', id)
        .executeTakeFirst(),

    unit: (id: string) =>
      db.selectFrom('units').select(['id', 'name', 'path', 'code']).where('id', '=', id).executeTakeFirst(),

    /** Closed months among `months` for the unit or one of its ancestors (ids from its path). */
    closedMonths: async (exec: Exec, unitPath: string, months: string[]) => {
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

    /** Serialise writes of one employee's leave (overlap and balance checks) until the transaction ends. */
    lockEmployee: (trx: Transaction<Database>, employeeId: string) =>
      sql`select pg_advisory_xact_lock(7426301, hashtext(${employeeId}))`.execute(trx),

    /** Active (pending or approved) requests of the employee touching the range. */
    overlapping: (exec: Exec, employeeId: string, from: string, to: string, exceptId?: string) =>
      exec
        .selectFrom('leaveRequests')
        .select(['id', 'type', 'dateFrom', 'dateTo', 'status'])
        .where('employeeId', '=', employeeId)
        .where('status', 'in', ['DIAJUKAN', 'DISETUJUI_ATASAN', 'DISETUJUI'])
        .where('dateFrom', '<=', to)
        .where('dateTo', '>=', from)
        .$if(exceptId !== undefined, (qb) => qb.where('id', '!=', exceptId!))
        .execute(),

    /** Working days of annual leave per year and state group (approved / pending). */
    annualByYear: async (exec: Exec, employeeId: string) => {
      const rows = await exec
        .selectFrom('leaveRequests')
        .select([
          sql<number>`extract(year from date_from)::int`.as('year'),
          sql<boolean>`status = 'DISETUJUI'`.as('approved'),
          sql<number>`sum(working_days)::int`.as('days'),
        ])
        .where('employeeId', '=', employeeId)
        .where('type', '=', 'CT')
        .where('status', 'in', ['DIAJUKAN', 'DISETUJUI_ATASAN', 'DISETUJUI'])
        .groupBy([sql`1`, sql`2`])
        .execute();
      const approved: Record<number, number> = {};
      const pending: Record<number, number> = {};
      for (const r of rows) (r.approved ? approved : pending)[Number(r.year)] = Number(r.days);
      return { approved, pending };
    },

    /** Years with approved cuti besar, and approved requests per type (for maxOccurrences). */
    history: async (exec: Exec, employeeId: string) => {
      const rows = await exec
        .selectFrom('leaveRequests')
        .select(['type', 'dateFrom'])
        .where('employeeId', '=', employeeId)
        .where('status', '=', 'DISETUJUI')
        .execute();
      return {
        cutiBesarYears: rows.filter((r) => r.type === 'CB').map((r) => Number(r.dateFrom.slice(0, 4))),
        countByType: rows.reduce<Record<string, number>>(
          (acc, r) => ((acc[r.type] = (acc[r.type] ?? 0) + 1), acc),
          {},
        ),
      };
    },

    /** The latest opening balance at or before the year. */
    opening: (exec: Exec, employeeId: string, year: number) =>
      exec
        .selectFrom('leaveOpeningBalances')
        .selectAll()
        .where('employeeId', '=', employeeId)
        .where('year', '<=', year)
        .orderBy('year', 'desc')
        .executeTakeFirst(),

    upsertOpening: (
      trx: Transaction<Database>,
      row: {
        employeeId: string;
        year: number;
        carriedFromPreviousYear: number;
        carriedFromTwoYearsBefore: number;
        takenBefore: number;
        note: string | null;
        setBy: string;
        setAt: Date;
      },
    ) =>
      trx
        .insertInto('leaveOpeningBalances')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['employeeId', 'year']).doUpdateSet({
            carriedFromPreviousYear: row.carriedFromPreviousYear,
            carriedFromTwoYearsBefore: row.carriedFromTwoYearsBefore,
            takenBefore: row.takenBefore,
            note: row.note,
            setBy: row.setBy,
            setAt: row.setAt,
          }),
        )
        .execute(),

    insertRequest: (trx: Transaction<Database>, row: Insertable<Database['leaveRequests']>) =>
      trx.insertInto('leaveRequests').values(row).returning('id').executeTakeFirstOrThrow(),

    insertDecision: (trx: Transaction<Database>, row: Insertable<Database['leaveDecisions']>) =>
      trx.insertInto('leaveDecisions').values(row).execute(),

    setStatus: (
      trx: Transaction<Database>,
      id: string,
      from: string,
      status: string,
      at: Date,
      letterNumber?: string,
    ) =>
      trx
        .updateTable('leaveRequests')
        .set({ status, updatedAt: at, ...(letterNumber ? { letterNumber } : {}) })
        .where('id', '=', id)
        .where('status', '=', from)
        .returning('id')
        .executeTakeFirst(),

    /** Next letter number of the year (under the caller's lock). */
    nextLetterSeq: async (trx: Transaction<Database>, year: number) => {
      await sql`select pg_advisory_xact_lock(7426302, ${year})`.execute(trx);
      const r = await trx
        .selectFrom('leaveRequests')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('letterNumber', 'like', `%/${year}`)
        .executeTakeFirstOrThrow();
      return Number(r.n) + 1;
    },

    byId: (id: string, exec: Exec = db) => requestView(exec).where('r.id', '=', id).executeTakeFirst(),

    decisionsOf: async (ids: string[], exec: Exec = db) =>
      ids.length === 0
        ? []
        : exec
            .selectFrom('leaveDecisions')
            .selectAll()
            .where('requestId', 'in', ids)
            .orderBy('decidedAt')
            .orderBy('id')
            .execute(),

    mine: (employeeId: string, limit: number) =>
      requestView()
        .where('r.employeeId', '=', employeeId)
        .orderBy('r.dateFrom', 'desc')
        .orderBy('r.createdAt', 'desc')
        .limit(limit)
        .execute(),

    inbox: (who: InboxWho, limit: number) =>
      requestView().where(waitingCondition(who)).orderBy('r.createdAt').limit(limit).execute(),

    /** Approved leave granted by the caller as PyBMC that has not ended (they may still cancel it). */
    granted: (who: InboxWho, today: string, limit: number) =>
      requestView()
        .where('r.status', '=', 'DISETUJUI')
        .where('r.dateTo', '>=', today)
        .where(pybmcCondition(who))
        .where('r.employeeId', '<>', who.employeeId ?? NONE)
        .orderBy('r.dateFrom')
        .limit(limit)
        .execute(),

    inboxCount: async (who: InboxWho) =>
      Number(
        (
          await db
            .selectFrom('leaveRequests as r')
            .innerJoin('units as u', 'u.id', 'r.unitId')
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .where(waitingCondition(who))
            .executeTakeFirstOrThrow()
        ).n,
      ),

    list: async (f: LeaveFilter, page: number, pageSize: number) => {
      let q = requestView().where((eb) => unitScopeCondition(eb, f.scope, 'u.path'));
      if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
      if (f.status) q = q.where('r.status', '=', f.status);
      if (f.type) q = q.where('r.type', '=', f.type);
      if (f.from) q = q.where('r.dateTo', '>=', f.from);
      if (f.to) q = q.where('r.dateFrom', '<=', f.to);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
      }
      const [rows, total] = await Promise.all([
        q
          .orderBy('r.dateFrom', 'desc')
          .orderBy('r.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q
          .clearSelect()
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Final-approved, not cancelled leave touching `from`..`to` (the absence source of daily statuses). */
    approvedBetween: (exec: Exec, employeeIds: string[], from: string, to: string) =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('leaveRequests')
            .select(['employeeId', 'type', 'dateFrom', 'dateTo'])
            .where('employeeId', 'in', employeeIds)
            .where('status', '=', 'DISETUJUI')
            .where('dateFrom', '<=', to)
            .where('dateTo', '>=', from)
            .orderBy('dateFrom')
            .execute(),
  };
}

export type LeaveRepo = ReturnType<typeof createLeaveRepo>;
export type LeaveRow = NonNullable<Awaited<ReturnType<LeaveRepo['byId']>>>;
