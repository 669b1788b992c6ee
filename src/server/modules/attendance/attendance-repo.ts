import { sql, type Insertable, type Transaction } from 'kysely';
import { PREPARED, type Db } from '../../db/database.ts';
import type { Database, PunchesTable } from '../../db/schema.ts';
import type { UnitScope } from '../../auth/authz.ts';
import { unitScopeCondition } from '../../auth/authz.ts';
import { sessionActorSelect, sessionTouchSql, type SessionActorRow } from '../../auth/session-sql.ts';

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

/** A punch count stops here (the list shows "more than" it): see `countPunches`. */
export const PUNCH_COUNT_CAP = 10_000;

/** Queries of attendance capture: who, where they may punch, devices, punches and their reviews. */
/** The columns a check-in writes, in the order of the insert (all but the generated id). */
const PUNCH_COLUMNS = [
  'employeeId',
  'unitId',
  'kind',
  'source',
  'occurredAt',
  'receivedAt',
  'localDate',
  'idempotencyKey',
  'bodyHash',
  'lat',
  'lon',
  'accuracyM',
  'provider',
  'mockLocation',
  'deviceId',
  'photoHash',
  'network',
  'appVersion',
  'placeKind',
  'placeId',
  'placeLabel',
  'distanceM',
  'offline',
  'kioskSessionId',
  'qrWindow',
  'apelSessionId',
  'terminalSerial',
  'verdict',
  'reasons',
] as const satisfies readonly (keyof PunchesTable)[];
const PUNCH_COLUMNS_SQL = PUNCH_COLUMNS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(
  ', ',
);
/** A punch as the check-in stores it: every column given (null where there is no value). */
export type PunchValues = {
  [K in (typeof PUNCH_COLUMNS)[number]]: Exclude<Insertable<PunchesTable>[K], undefined>;
};

/** The row of a punch's photo (`photos`; the bytes live in the photo store). */
export type PhotoRow = { hash: string; mime: string; sizeBytes: number; employeeId: string; createdAt: Date };

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
    // The review queue (migration 202612060201) holds exactly the flagged punches without a review: the inbox
    // and its badge read what waits instead of anti-joining every punch ever flagged with its review.
    if (f.undecidedFlagged)
      out = out.where('p.id', 'in', (eb) => eb.selectFrom('reviewQueue').select('reviewQueue.punchId'));
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

    /** A page of punches, newest first: read in that order from `punches_occurred_at` (migration 202612060200). */
    listPunches: (f: PunchFilter, limit: number, offset: number) =>
      withColumns(filtered(base(), f))
        .orderBy('p.occurredAt', 'desc')
        .orderBy('p.id')
        .limit(limit)
        .offset(offset)
        .execute(),

    /**
     * How many punches match, counted up to PUNCH_COUNT_CAP + 1: a list over a year of a province's punches
     * needs only "more than 10,000", and counting them all grew with the whole history (issue 13 point 12).
     */
    countPunches: async (f: PunchFilter) => {
      const r = await sql<{ n: number }>`select count(*)::int as n from (${filtered(base(), f)
        .select(sql.lit(1).as('one'))
        .limit(PUNCH_COUNT_CAP + 1)}) x`.execute(db);
      return { n: Number(r.rows[0]?.n ?? 0) };
    },

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

    /**
     * Everything judging a punch needs, in one statement (the check-in hot path): the caller's session with its
     * actor (`sessionActorSelect`, admitted by the caller), and the session's employee with their unit, the
     * local date of `claimedAt` in the unit's zone (`datesByZone` holds it per zone, computed by the caller),
     * a punch already stored under the idempotency key, the device with how many other employees hold its key,
     * the offices along the unit path, the day's dinas luar and WFH/WFA places, the latest counted punch, and
     * whether the month is closed for the unit or an ancestor. Undefined when there is no such session; `emp`
     * undefined when its user is not an employee.
     */
    async punchContext(a: {
      sessionId: string;
      sessionDate: string;
      idempotencyKey: string;
      deviceId: string | null;
      datesByZone: Record<string, string>;
    }) {
      const r = await sql<PunchContextRow & { session: SessionActorRow }>`${sql.raw(PREPARED)}
        with sess as (${sessionActorSelect(a.sessionId, a.sessionDate)}
        ), emp as (
          select e.id, e.nip, e.front_title, e.name, e.back_title, e.superior_id, e.active_to, e.unit_id,
            u.code as unit_code, u.name as unit_name, u.path as unit_path, u.time_zone,
            (case u.time_zone when 'Asia/Jakarta' then ${a.datesByZone['Asia/Jakarta']}
              when 'Asia/Makassar' then ${a.datesByZone['Asia/Makassar']}
              else ${a.datesByZone['Asia/Jayapura']} end)::date as local_date,
            string_to_array(trim(both '/' from u.path), '/')::uuid[] as path_ids
          from employees e join units u on u.id = e.unit_id
          where e.id = (select "employeeId" from sess)
        ), dev as (
          select d.* from devices d where d.id = ${a.deviceId}::uuid
        )
        select row_to_json(sess) as session, emp.id, emp.nip, emp.front_title as "frontTitle", emp.name, emp.back_title as "backTitle",
          emp.superior_id as "superiorId", emp.active_to as "activeTo", emp.unit_id as "unitId",
          emp.unit_code as "unitCode", emp.unit_name as "unitName", emp.unit_path as "unitPath",
          emp.time_zone as "timeZone", to_char(emp.local_date, 'YYYY-MM-DD') as "localDate",
          (select json_build_object('id', p.id, 'bodyHash', p.body_hash) from punches p
            where p.employee_id = emp.id and p.idempotency_key = ${a.idempotencyKey}) as existing,
          (select json_build_object('id', dev.id, 'employeeId', dev.employee_id, 'publicKey', dev.public_key,
              'keyThumbprint', dev.key_thumbprint, 'label', dev.label, 'status', dev.status,
              'lastUsedAt', dev.last_used_at,
              'otherEmployees', (select count(distinct o.employee_id) from devices o
                where o.key_thumbprint = dev.key_thumbprint and o.employee_id <> emp.id
                  and o.status in ('ACTIVE', 'PENDING')))
            from dev) as device,
          coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name, 'lat', o.lat, 'lon', o.lon,
              'radiusM', o.radius_m, 'polygon', o.polygon, 'depth', length(ou.path)))
            from offices o join units ou on ou.id = o.unit_id where o.unit_id = any(emp.path_ids)), '[]'::json)
            as offices,
          coalesce((select json_agg(json_build_object('id', f.id, 'destination', f.destination, 'lat', f.lat,
              'lon', f.lon, 'radiusM', f.radius_m))
            from field_assignments f where f.employee_id = emp.id and f.status = 'APPROVED'
              and f.date_from <= emp.local_date and f.date_to >= emp.local_date), '[]'::json) as assignments,
          coalesce((select json_agg(json_build_object('id', w.id, 'kind', w.kind, 'label', w.label, 'lat', w.lat,
              'lon', w.lon, 'radiusM', w.radius_m))
            from work_locations w where w.employee_id = emp.id and w.valid_from <= emp.local_date
              and (w.valid_to is null or w.valid_to >= emp.local_date)), '[]'::json) as locations,
          (select p.occurred_at from punches p where p.employee_id = emp.id and p.verdict <> 'REJECTED'
            order by p.occurred_at desc limit 1) as "lastPunchAt",
          exists (select 1 from month_closings mc where mc.unit_id = any(emp.path_ids)
            and mc.month = to_char(emp.local_date, 'YYYY-MM')) as "monthClosed"
        from sess left join emp on true`.execute(db);
      const found = r.rows[0];
      if (!found) return undefined;
      // row_to_json and json_build_object give timestamps as text
      const { session: s, ...row } = found;
      const session: SessionActorRow = {
        ...s,
        expiresAt: new Date(s.expiresAt),
        lastSeenAt: new Date(s.lastSeenAt),
      };
      if (row.id === null) return { session, emp: undefined };
      if (row.device?.lastUsedAt) row.device.lastUsedAt = new Date(row.device.lastUsedAt);
      const deepest = Math.max(0, ...row.offices.map((o) => o.depth));
      return { session, emp: { ...row, offices: row.offices.filter((o) => o.depth === deepest) } };
    },

    /**
     * Store a punch (unless its idempotency key is already used) and queue its day and the day before for the
     * daily status (a night shift's check-out belongs to the previous day), in one statement. Returns the new
     * punch's id, or null when the key was taken meanwhile. `touch`: the caller's session `lastSeenAt` write,
     * when due (DeferredSession), in the same statement: one round trip instead of two.
     */
    insertPunch: async (
      exec: Db | Transaction<Database>,
      values: PunchValues,
      dirty: [string, string],
      touch: { sessionId: string; at: Date } | null = null,
      photo: PhotoRow | null = null,
    ) => {
      // Plain SQL rather than the query builder: the check-in hot path, and the builder's compile of a 29-column
      // insert was a tenth of a check-in's CPU in bench/checkin. The photo's row rides in the same statement (one
      // round trip, atomic without a transaction; before, a transaction of four); a photo already stored (same
      // bytes, same hash) keeps its row.
      const r = await sql<{ id: string }>`${sql.raw(PREPARED)}
        with ${
          photo
            ? sql`ph as (
          insert into photos (hash, mime, size_bytes, employee_id, created_at)
          values (${photo.hash}, ${photo.mime}, ${photo.sizeBytes}, ${photo.employeeId}, ${photo.createdAt})
          on conflict (hash) do nothing
        ), `
            : sql``
        }p as (
          insert into punches (${sql.raw(PUNCH_COLUMNS_SQL)})
          values (${sql.join(PUNCH_COLUMNS.map((k) => values[k]))})
          on conflict (employee_id, idempotency_key) do nothing
          returning id, employee_id
        ), q as (
          insert into status_queue (employee_id, local_date, reason)
          select p.employee_id, v.d, 'punch' from p cross join (values (${dirty[0]}::date), (${dirty[1]}::date)) as v(d)
          on conflict (employee_id, local_date) do nothing
        )${touch ? sql`, t as (${sessionTouchSql(touch.sessionId, touch.at)})` : sql``}
        select id from p`.execute(exec);
      return r.rows[0]?.id ?? null;
    },

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

interface PunchContextRow {
  id: string;
  nip: string | null;
  frontTitle: string | null;
  name: string;
  backTitle: string | null;
  superiorId: string | null;
  activeTo: string | null;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  timeZone: string;
  localDate: string;
  existing: { id: string; bodyHash: string } | null;
  device: {
    id: string;
    employeeId: string;
    publicKey: unknown;
    keyThumbprint: string;
    label: string;
    status: string;
    lastUsedAt: Date | string | null;
    otherEmployees: number;
  } | null;
  offices: Array<{
    id: string;
    name: string;
    lat: number;
    lon: number;
    radiusM: number;
    polygon: Array<[number, number]> | null;
    depth: number;
  }>;
  assignments: Array<{ id: string; destination: string; lat: number; lon: number; radiusM: number }>;
  locations: Array<{ id: string; kind: string; label: string; lat: number; lon: number; radiusM: number }>;
  lastPunchAt: Date | null;
  monthClosed: boolean;
}
