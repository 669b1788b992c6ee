import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { unitScopeCondition, type UnitScope } from '../../auth/authz.ts';

/** A punch row as the terminal import writes it (only the columns a terminal log can fill). */
export interface TerminalPunchRow {
  employeeId: string;
  unitId: string;
  kind: 'IN' | 'OUT' | 'ANY';
  occurredAt: Date;
  receivedAt: Date;
  localDate: string;
  idempotencyKey: string;
  bodyHash: string;
  terminalSerial: string | null;
  verdict: string;
  reasons: string;
}

export interface TerminalUserFilter {
  q?: string | undefined;
  unitPath?: string | undefined;
}

/** Queries of terminal logs: terminal-user mappings, the employees they name, month closings, punches. */
export function createTerminalRepo(db: Db) {
  const mappingQuery = (scope: UnitScope, f: TerminalUserFilter) => {
    let q = db
      .selectFrom('terminalUsers as t')
      .innerJoin('employees as e', 'e.id', 't.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'));
    if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
    if (f.q) {
      const like = `%${f.q.toLowerCase()}%`;
      const digits = f.q.replace(/\s+/g, '');
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['t.terminalUserId']), 'like', like),
          eb(eb.fn('lower', ['t.terminalSerial']), 'like', like),
          eb(eb.fn('lower', ['e.name']), 'like', like),
          eb('e.internalId', '=', f.q!),
          ...(/^\d+$/.test(digits) ? [eb('e.nip', 'like', `${digits}%`)] : []),
        ]),
      );
    }
    return q;
  };

  const mappingColumns = [
    't.id',
    't.terminalSerial',
    't.terminalUserId',
    't.employeeId',
    'e.name as employeeName',
    'e.frontTitle',
    'e.backTitle',
    'e.nip',
    'e.internalId',
    'e.unitId',
    'u.name as unitName',
    'u.path as unitPath',
    't.createdAt',
  ] as const;

  return {
    findUnit: (id: string) =>
      db.selectFrom('units').select(['id', 'path', 'timeZone']).where('id', '=', id).executeTakeFirst(),

    /** Every mapping of the given terminal user ids (serial-specific and serial-less), with the employee's unit. */
    mappingsFor: async (terminalUserIds: string[]) => {
      const out = [];
      for (let i = 0; i < terminalUserIds.length; i += 1000) {
        const chunk = terminalUserIds.slice(i, i + 1000);
        out.push(
          ...(await db
            .selectFrom('terminalUsers as t')
            .innerJoin('employees as e', 'e.id', 't.employeeId')
            .innerJoin('units as u', 'u.id', 'e.unitId')
            .select([
              't.terminalSerial',
              't.terminalUserId',
              't.employeeId',
              'e.unitId',
              'u.path as unitPath',
              'u.timeZone',
            ])
            .where('t.terminalUserId', 'in', chunk)
            .execute()),
        );
      }
      return out;
    },

    /** Closed months (`YYYY-MM`) among `months`, per unit. */
    closedMonths: (months: string[]) =>
      months.length === 0
        ? Promise.resolve([])
        : db.selectFrom('monthClosings').select(['unitId', 'month']).where('month', 'in', months).execute(),

    /** Which of these (employee, key) pairs are stored already. */
    existingKeys: async (pairs: { employeeId: string; idempotencyKey: string }[]) => {
      const found = new Set<string>();
      for (let i = 0; i < pairs.length; i += 1000) {
        const chunk = pairs.slice(i, i + 1000);
        const rows = await db
          .selectFrom('punches')
          .select(['employeeId', 'idempotencyKey'])
          .where('employeeId', 'in', [...new Set(chunk.map((p) => p.employeeId))])
          .where(
            'idempotencyKey',
            'in',
            chunk.map((p) => p.idempotencyKey),
          )
          .execute();
        for (const r of rows) found.add(`${r.employeeId}|${r.idempotencyKey}`);
      }
      return found;
    },

    /** Insert punches, skipping (employee, idempotency key) pairs already stored. @returns rows inserted */
    insertPunches: async (trx: Transaction<Database>, rows: TerminalPunchRow[]) => {
      if (rows.length === 0) return [];
      return trx
        .insertInto('punches')
        .values(rows.map((r) => ({ ...r, source: 'TERMINAL' })))
        .onConflict((oc) => oc.columns(['employeeId', 'idempotencyKey']).doNothing())
        .returning(['id', 'verdict'])
        .execute();
    },

    listMappings: (scope: UnitScope, f: TerminalUserFilter, limit: number, offset: number) =>
      mappingQuery(scope, f)
        .select(mappingColumns)
        .orderBy('t.terminalSerial', (ob) => ob.nullsFirst())
        .orderBy(sql`length(t.terminal_user_id)`)
        .orderBy('t.terminalUserId')
        .orderBy('t.id')
        .limit(limit)
        .offset(offset)
        .execute(),

    countMappings: (scope: UnitScope, f: TerminalUserFilter) =>
      mappingQuery(scope, f)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),

    findMapping: (id: string) =>
      db
        .selectFrom('terminalUsers as t')
        .innerJoin('employees as e', 'e.id', 't.employeeId')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(mappingColumns)
        .where('t.id', '=', id)
        .executeTakeFirst(),

    /** The mapping holding a key (serial or none + terminal user id), if any. */
    findMappingByKey: (serial: string | null, terminalUserId: string) =>
      db
        .selectFrom('terminalUsers')
        .select(['id', 'employeeId'])
        .where(sql<string>`coalesce(terminal_serial, '')`, '=', serial ?? '')
        .where('terminalUserId', '=', terminalUserId)
        .executeTakeFirst(),

    /** Every mapping, for a bulk import's duplicate checks. */
    allMappingKeys: () =>
      db.selectFrom('terminalUsers').select(['terminalSerial', 'terminalUserId', 'employeeId']).execute(),

    findEmployee: (id: string) =>
      db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'e.name', 'e.nip', 'e.unitId', 'u.path as unitPath'])
        .where('e.id', '=', id)
        .executeTakeFirst(),

    /** Employees by NIP or internal number. */
    employeesByKey: async (keys: string[]) => {
      const out = [];
      for (let i = 0; i < keys.length; i += 1000) {
        const chunk = keys.slice(i, i + 1000);
        out.push(
          ...(await db
            .selectFrom('employees as e')
            .innerJoin('units as u', 'u.id', 'e.unitId')
            .select(['e.id', 'e.nip', 'e.internalId', 'e.unitId', 'u.path as unitPath'])
            .where((eb) => eb.or([eb('e.nip', 'in', chunk), eb('e.internalId', 'in', chunk)]))
            .execute()),
        );
      }
      return out;
    },

    insertMappings: (
      trx: Transaction<Database>,
      rows: {
        terminalSerial: string | null;
        terminalUserId: string;
        employeeId: string;
        createdBy: string;
      }[],
    ) =>
      rows.length === 0
        ? Promise.resolve([])
        : trx.insertInto('terminalUsers').values(rows).returningAll().execute(),

    deleteMapping: (trx: Transaction<Database>, id: string) =>
      trx.deleteFrom('terminalUsers').where('id', '=', id).executeTakeFirst(),
  };
}

export type TerminalRepo = ReturnType<typeof createTerminalRepo>;
