import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { UnitScope } from '../access/authz.ts';
import { unitScopeCondition } from '../access/authz.ts';

export interface PunchFilter {
  employeeId?: string | undefined;
  /** Limit to employees in these unit subtrees, plus `alsoEmployees` (self, staff). */
  scope?: UnitScope | undefined;
  alsoEmployees?: string[] | undefined;
  unitPath?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  verdict?: string | undefined;
  q?: string | undefined;
  /** Review inbox: flagged and not yet decided. */
  undecidedFlagged?: boolean;
}

/** Queries of attendance capture: who, where they may punch, devices, punches and their reviews. */
export function createAttendanceRepo(db: Db) {
  function base(trx: Db | Transaction<Database> = db) {
    return trx
      .selectFrom('punches as p')
      .innerJoin('employees as e', 'e.id', 'p.employeeId')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .leftJoin('devices as d', 'd.id', 'p.deviceId')
      .leftJoin('punchReviews as r', 'r.punchId', 'p.id')
      .leftJoin('users as rb', 'rb.id', 'r.decidedBy');
  }
  type Base = ReturnType<typeof base>;

  function withColumns(q: Base) {
    return q.select([
      'p.id',
      'p.employeeId',
      'e.nip',
      'e.frontTitle',
      'e.name',
      'e.backTitle',
      'e.superiorId',
      'p.unitId',
      'u.name as unitName',
      'u.path as unitPath',
      'u.timeZone',
      'p.kind',
      'p.source',
      'p.occurredAt',
      'p.receivedAt',
      'p.localDate',
      'p.verdict',
      'p.reasons',
      'p.lat',
      'p.lon',
      'p.accuracyM',
      'p.mockLocation',
      'p.placeKind',
      'p.placeLabel',
      'p.distanceM',
      'p.photoHash',
      'd.label as deviceLabel',
      'p.terminalSerial',
      'r.decision as reviewDecision',
      'r.note as reviewNote',
      'r.decidedAt as reviewDecidedAt',
      'rb.displayName as reviewDecidedBy',
    ]);
  }
  const punchView = (trx: Db | Transaction<Database> = db) => withColumns(base(trx));
  function filtered(q: Base, f: PunchFilter): Base {
    let out = q;
    if (f.scope !== undefined) {
      const scope = f.scope;
      const also = f.alsoEmployees ?? [];
      out = out.where((eb) =>
        eb.or([
          unitScopeCondition(eb, scope, 'u.path'),
          ...(also.length > 0 ? [eb('p.employeeId', 'in', also)] : []),
        ]),
      );
    }
    if (f.employeeId) out = out.where('p.employeeId', '=', f.employeeId);
    if (f.unitPath) out = out.where('u.path', 'like', `${f.unitPath}%`);
    if (f.from) out = out.where('p.localDate', '>=', f.from);
    if (f.to) out = out.where('p.localDate', '<=', f.to);
    if (f.verdict) out = out.where('p.verdict', '=', f.verdict);
    if (f.undecidedFlagged) out = out.where('p.verdict', '=', 'FLAGGED').where('r.punchId', 'is', null);
    if (f.q) {
      const like = `%${f.q.toLowerCase()}%`;
      const digits = f.q.replace(/\s+/g, '');
      out = out.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['e.name']), 'like', like),
          ...(/^\d+$/.test(digits) ? [eb('e.nip', 'like', `${digits}%`)] : []),
        ]),
      );
    }
    return out;
  }

  return {
    punchView,

    listPunches: (f: PunchFilter, limit: number, offset: number) =>
      withColumns(filtered(base(), f))
        .orderBy('p.occurredAt', 'desc')
        .orderBy('p.id')
        .limit(limit)
        .offset(offset)
        .execute(),

    countPunches: (f: PunchFilter) =>
      filtered(base(), f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),

    findPunchView: (id: string) => punchView().where('p.id', '=', id).executeTakeFirst(),

    findByKey: (employeeId: string, key: string) =>
      db
        .selectFrom('punches')
        .select(['id', 'bodyHash'])
        .where('employeeId', '=', employeeId)
        .where('idempotencyKey', '=', key)
        .executeTakeFirst(),

    /** The employee as attendance needs them: current unit with its zone and path, superior. */
    employeeContext: (employeeId: string) =>
      db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select([
          'e.id',
          'e.nip',
          'e.frontTitle',
          'e.name',
          'e.backTitle',
          'e.superiorId',
          'e.activeTo',
          'e.unitId',
          'u.code as unitCode',
          'u.name as unitName',
          'u.path as unitPath',
          'u.timeZone',
        ])
        .where('e.id', '=', employeeId)
        .executeTakeFirst(),

    /** Offices of the deepest unit on the path (the unit itself, else its nearest ancestor) that has any. */
    async officesFor(unitPath: string) {
      const ids = unitPath.split('/').filter(Boolean);
      const rows = await db
        .selectFrom('offices as o')
        .innerJoin('units as u', 'u.id', 'o.unitId')
        .select(['o.id', 'o.name', 'o.lat', 'o.lon', 'o.radiusM', 'o.polygon', 'o.unitId', 'u.path'])
        .where('o.unitId', 'in', ids)
        .execute();
      if (rows.length === 0) return [];
      const deepest = Math.max(...rows.map((r) => r.path.length));
      return rows.filter((r) => r.path.length === deepest);
    },

    workLocationsOn: (employeeId: string, date: string) =>
      db
        .selectFrom('workLocations')
        .selectAll()
        .where('employeeId', '=', employeeId)
        .where('validFrom', '<=', date)
        .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
        .execute(),

    fieldAssignmentsOn: (employeeId: string, date: string) =>
      db
        .selectFrom('fieldAssignments')
        .selectAll()
        .where('employeeId', '=', employeeId)
        .where('status', '=', 'APPROVED')
        .where('dateFrom', '<=', date)
        .where('dateTo', '>=', date)
        .execute(),

    /** The latest punch of the employee that was not rejected (for the minimum interval). */
    lastPunchAt: async (employeeId: string) =>
      (
        await db
          .selectFrom('punches')
          .select('occurredAt')
          .where('employeeId', '=', employeeId)
          .where('verdict', '!=', 'REJECTED')
          .orderBy('occurredAt', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.occurredAt ?? null,

    /** Whether the month is closed for the unit or one of its ancestors. */
    monthClosed: async (unitPath: string, month: string) => {
      const ids = unitPath.split('/').filter(Boolean);
      const row = await db
        .selectFrom('monthClosings')
        .select('unitId')
        .where('unitId', 'in', ids)
        .where('month', '=', month)
        .executeTakeFirst();
      return row !== undefined;
    },

    device: (id: string) => db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Other employees holding a live registration of the same key (one phone, two people). */
    otherEmployeesOnKey: async (thumbprint: string, employeeId: string) =>
      (
        await db
          .selectFrom('devices')
          .select(sql<number>`count(distinct employee_id)`.as('n'))
          .where('keyThumbprint', '=', thumbprint)
          .where('employeeId', '!=', employeeId)
          .where('status', 'in', ['ACTIVE', 'PENDING'])
          .executeTakeFirstOrThrow()
      ).n,

    deviceView: () =>
      db
        .selectFrom('devices as d')
        .innerJoin('employees as e', 'e.id', 'd.employeeId')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select([
          'd.id',
          'd.employeeId',
          'e.frontTitle',
          'e.name',
          'e.backTitle',
          'e.nip',
          'u.name as unitName',
          'u.path as unitPath',
          'd.label',
          'd.platform',
          'd.status',
          'd.requestReason',
          'd.decisionNote',
          'd.keyThumbprint',
          'd.lastUsedAt',
          'd.createdAt',
        ]),

    photo: (hash: string) => db.selectFrom('photos').selectAll().where('hash', '=', hash).executeTakeFirst(),

    /** Employee ids whose position the employee holds as Plt/Plh on the date (the holders). */
    actingHolders: async (employeeId: string, date: string) =>
      (
        await db
          .selectFrom('actingAssignments as a')
          .innerJoin('employees as h', 'h.positionId', 'a.positionId')
          .select('h.id')
          .where('a.employeeId', '=', employeeId)
          .where('a.validFrom', '<=', date)
          .where((eb) => eb.or([eb('a.validTo', 'is', null), eb('a.validTo', '>=', date)]))
          .where('h.id', '!=', employeeId)
          .execute()
      ).map((r) => r.id),

    /** Direct staff of the employee or of the holders they act for. */
    staffOf: async (superiorIds: string[]) =>
      superiorIds.length === 0
        ? []
        : (
            await db.selectFrom('employees').select('id').where('superiorId', 'in', superiorIds).execute()
          ).map((r) => r.id),
  };
}

export type AttendanceRepo = ReturnType<typeof createAttendanceRepo>;
export type PunchViewRow = NonNullable<Awaited<ReturnType<AttendanceRepo['findPunchView']>>>;
