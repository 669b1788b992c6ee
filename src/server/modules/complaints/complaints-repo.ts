import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UnitScope } from '../../auth/authz.ts';
import type { ComplaintStatus } from '../../../core/oversight/complaints.ts';

/** A complaint as stored, with the names of its units (the reporter's fields are redacted by the service). */
export interface ComplaintRow {
  id: string;
  number: string;
  trackingHash: string | null;
  channel: 'WEB' | 'LAPOR' | 'LAINNYA';
  laporId: string | null;
  category: 'PERILAKU' | 'KEHADIRAN' | 'LAYANAN' | 'NETRALITAS';
  unitId: string;
  unitName: string;
  unitPath: string;
  unitZone: string;
  handlingUnitId: string | null;
  handlingUnitName: string | null;
  handlingUnitPath: string | null;
  reportedEmployeeId: string | null;
  reportedEmployeeName: string | null;
  reportedName: string | null;
  title: string;
  description: string;
  incidentDate: string | null;
  latitude: number | null;
  longitude: number | null;
  reporterName: string | null;
  reporterContact: string | null;
  status: ComplaintStatus;
  routedAt: Date | null;
  dueOn: string | null;
  answer: string | null;
  answeredAt: Date | null;
  disciplineCaseId: string | null;
  receivedAt: Date;
}

export interface ComplaintsFilter {
  /** Who may read routed complaints (by their handling unit). */
  readScope: UnitScope;
  /** Who may also read unrouted ones (by the unit named). */
  manageScope: UnitScope;
  unitId?: string | undefined;
  status?: ComplaintStatus | undefined;
  category?: string | undefined;
  overdueOn?: string | undefined;
  notOverdueOn?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  /** Leave out complaints about the caller (their employee record, or their NIP in the name the citizen gave). */
  notAbout?: { employeeId: string | null; nip: string | null } | undefined;
}

export type NewComplaint = {
  trackingHash: string | null;
  channel: 'WEB' | 'LAPOR' | 'LAINNYA';
  laporId: string | null;
  category: string;
  unitId: string;
  reportedName: string | null;
  title: string;
  description: string;
  incidentDate: string | null;
  latitude: number | null;
  longitude: number | null;
  reporterName: string | null;
  reporterContact: string | null;
  receivedAt: Date;
  now: Date;
};

const inPaths = (scope: UnitScope, column: RawBuilder<unknown>) =>
  scope === 'all'
    ? sql<boolean>`true`
    : scope.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`(${sql.join(
          scope.map((p) => sql`${column} like ${`${p}%`}`),
          sql` or `,
        )})`;

const SELECT = sql`
  select c.id, 'ADU-' || lpad(c.number::text, 6, '0') as number, c.tracking_hash as "trackingHash", c.channel,
         c.lapor_id as "laporId", c.category, c.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
         u.time_zone as "unitZone", c.handling_unit_id as "handlingUnitId", h.name as "handlingUnitName",
         h.path as "handlingUnitPath", c.reported_employee_id as "reportedEmployeeId",
         e.name as "reportedEmployeeName", c.reported_name as "reportedName", c.title, c.description,
         to_char(c.incident_date, 'YYYY-MM-DD') as "incidentDate", c.latitude, c.longitude,
         c.reporter_name as "reporterName", c.reporter_contact as "reporterContact", c.status,
         c.routed_at as "routedAt", to_char(c.due_on, 'YYYY-MM-DD') as "dueOn", c.answer,
         c.answered_at as "answeredAt", c.discipline_case_id as "disciplineCaseId", c.received_at as "receivedAt"
    from complaints c
    join units u on u.id = c.unit_id
    left join units h on h.id = c.handling_unit_id
    left join employees e on e.id = c.reported_employee_id`;

/** SQL of public complaints: no rules and no access checks (the service does both). */
export function createComplaintsRepo(db: Db) {
  const where = (f: ComplaintsFilter) => {
    const parts = [
      sql<boolean>`((c.handling_unit_id is not null and ${inPaths(f.readScope, sql`h.path`)})
                    or ${inPaths(f.manageScope, sql`u.path`)})`,
    ];
    if (f.unitId)
      parts.push(sql<boolean>`(c.unit_id = ${f.unitId}::uuid or c.handling_unit_id = ${f.unitId}::uuid)`);
    if (f.status) parts.push(sql<boolean>`c.status = ${f.status}`);
    if (f.category) parts.push(sql<boolean>`c.category = ${f.category}`);
    if (f.overdueOn) parts.push(sql<boolean>`(c.status = 'DITERUSKAN' and c.due_on < ${f.overdueOn}::date)`);
    if (f.notOverdueOn)
      parts.push(sql<boolean>`not (c.status = 'DITERUSKAN' and c.due_on < ${f.notOverdueOn}::date)`);
    if (f.from) parts.push(sql<boolean>`c.received_at >= ${f.from}::date - interval '1 day'`);
    if (f.to) parts.push(sql<boolean>`c.received_at < ${f.to}::date + interval '2 day'`);
    if (f.notAbout?.employeeId)
      parts.push(sql<boolean>`c.reported_employee_id is distinct from ${f.notAbout.employeeId}::uuid`);
    if (f.notAbout?.nip)
      parts.push(
        sql<boolean>`position(${f.notAbout.nip} in regexp_replace(coalesce(c.reported_name, ''), '[^0-9]', '', 'g')) = 0`,
      );
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
      parts.push(
        sql<boolean>`(c.title ilike ${like} or c.description ilike ${like} or c.lapor_id ilike ${like}
                      or ('ADU-' || lpad(c.number::text, 6, '0')) ilike ${like})`,
      );
    }
    return sql.join(parts, sql` and `);
  };

  return {
    async unit(unitId: string, exec: Db = db) {
      const r = await sql<{ id: string; name: string; path: string; timeZone: string }>`
        select id, name, path, time_zone as "timeZone" from units where id = ${unitId}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    /** The units a citizen may name: id and name of every active unit, by name. */
    async publicUnits(): Promise<{ id: string; name: string }[]> {
      const r = await sql<{ id: string; name: string }>`
        select id, name from units order by name, id`.execute(db);
      return r.rows;
    },

    async employee(employeeId: string, exec: Db = db) {
      const r = await sql<{ id: string; name: string; unitId: string; unitPath: string }>`
        select e.id, e.name, e.unit_id as "unitId", u.path as "unitPath"
          from employees e join units u on u.id = e.unit_id where e.id = ${employeeId}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async list(f: ComplaintsFilter, limit: number, offset: number): Promise<ComplaintRow[]> {
      const r = await sql<ComplaintRow>`${SELECT} where ${where(f)}
        order by c.received_at desc, c.id limit ${limit} offset ${offset}`.execute(db);
      return r.rows;
    },

    async count(f: ComplaintsFilter): Promise<number> {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from complaints c join units u on u.id = c.unit_id
          left join units h on h.id = c.handling_unit_id where ${where(f)}`.execute(db);
      return r.rows[0]!.n;
    },

    async get(id: string, exec: Db = db, forUpdate = false): Promise<ComplaintRow | null> {
      const r = await sql<ComplaintRow>`${SELECT} where c.id = ${id}::uuid ${
        forUpdate ? sql`for update of c` : sql``
      }`.execute(exec);
      return r.rows[0] ?? null;
    },

    async byTrackingHash(hash: string, exec: Db = db): Promise<ComplaintRow | null> {
      const r = await sql<ComplaintRow>`${SELECT} where c.tracking_hash = ${hash}`.execute(exec);
      return r.rows[0] ?? null;
    },

    async laporIdsExisting(ids: string[], exec: Db = db): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const r = await sql<{ laporId: string }>`
        select lapor_id as "laporId" from complaints where lapor_id = any(${ids}::text[])`.execute(exec);
      return new Set(r.rows.map((x) => x.laporId));
    },

    async insert(exec: Db, c: NewComplaint): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into complaints (tracking_hash, channel, lapor_id, category, unit_id, reported_name, title,
                                description, incident_date, latitude, longitude, reporter_name, reporter_contact,
                                status, received_at, updated_at)
        values (${c.trackingHash}, ${c.channel}, ${c.laporId}, ${c.category}, ${c.unitId}::uuid, ${c.reportedName},
                ${c.title}, ${c.description}, ${c.incidentDate}::date, ${c.latitude}, ${c.longitude},
                ${c.reporterName}, ${c.reporterContact}, 'DITERIMA', ${c.receivedAt}, ${c.now})
        on conflict (lapor_id) do nothing
        returning id`.execute(exec);
      return r.rows[0]?.id ?? '';
    },

    async update(
      exec: Db,
      id: string,
      set: Partial<{
        status: ComplaintStatus;
        handlingUnitId: string;
        reportedEmployeeId: string | null;
        routedAt: Date;
        dueOn: string;
        answer: string;
        answeredAt: Date;
        answeredBy: string;
        disciplineCaseId: string;
      }>,
      now: Date,
    ) {
      const cols: Record<string, string> = {
        status: 'status',
        handlingUnitId: 'handling_unit_id',
        reportedEmployeeId: 'reported_employee_id',
        routedAt: 'routed_at',
        dueOn: 'due_on',
        answer: 'answer',
        answeredAt: 'answered_at',
        answeredBy: 'answered_by',
        disciplineCaseId: 'discipline_case_id',
      };
      const sets = Object.entries(set).map(([k, v]) => sql`${sql.ref(cols[k]!)} = ${v}`);
      sets.push(sql`updated_at = ${now}`);
      await sql`update complaints set ${sql.join(sets, sql`, `)} where id = ${id}::uuid`.execute(exec);
    },

    async addEvent(
      exec: Db,
      e: {
        complaintId: string;
        action: string;
        fromStatus: string | null;
        toStatus: string;
        note: string | null;
        actorId: string | null;
        actorName: string | null;
        at: Date;
      },
    ) {
      await sql`
        insert into complaint_events (complaint_id, action, from_status, to_status, note, actor_id, actor_name, at)
        values (${e.complaintId}::uuid, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.note},
                ${e.actorId}::uuid, ${e.actorName}, ${e.at})`.execute(exec);
    },

    async events(complaintId: string) {
      const r = await sql<{
        action: string;
        fromStatus: string | null;
        toStatus: string;
        note: string | null;
        actorName: string | null;
        at: Date;
      }>`
        select action, from_status as "fromStatus", to_status as "toStatus", note, actor_name as "actorName", at
          from complaint_events where complaint_id = ${complaintId}::uuid order by at, id`.execute(db);
      return r.rows;
    },

    async photos(complaintId: string, exec: Db = db): Promise<{ id: string }[]> {
      const r = await sql<{ id: string }>`
        select id from complaint_photos where complaint_id = ${complaintId}::uuid order by position`.execute(
        exec,
      );
      return r.rows;
    },

    async photo(photoId: string): Promise<{ id: string; complaintId: string } | null> {
      const r = await sql<{ id: string; complaintId: string }>`
        select id, complaint_id as "complaintId" from complaint_photos where id = ${photoId}::uuid`.execute(
        db,
      );
      return r.rows[0] ?? null;
    },

    async addPhoto(exec: Db, complaintId: string, position: number, now: Date): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into complaint_photos (complaint_id, position, created_at)
        values (${complaintId}::uuid, ${position}, ${now}) returning id`.execute(exec);
      return r.rows[0]!.id;
    },

    /** Accounts holding one of `roles` over `unitPath` (a grant on the unit, an ancestor, or organisation-wide). */
    async holders(roles: readonly string[], unitPath: string, exec: Db = db) {
      const r = await sql<{ userId: string; employeeId: string | null }>`
        select distinct us.id as "userId", us.employee_id as "employeeId"
          from role_grants g join users us on us.id = g.user_id left join units gu on gu.id = g.unit_id
         where us.active and g.role = any(${[...roles]}::text[])
           and (g.unit_id is null or ${unitPath} like gu.path || '%')`.execute(exec);
      return r.rows;
    },

    /** Counts for the inbox: unrouted under `manageScope`, waiting for an answer under `handleScope`. */
    async inboxCounts(
      manageScope: UnitScope,
      handleScope: UnitScope,
      today: string,
      notAbout: { employeeId: string | null; nip: string | null },
    ) {
      const r = await sql<{ toRoute: number; toAnswer: number; overdue: number }>`
        select count(*) filter (where c.status = 'DITERIMA' and ${inPaths(manageScope, sql`u.path`)})::int as "toRoute",
               count(*) filter (where c.status = 'DITERUSKAN' and ${inPaths(handleScope, sql`h.path`)})::int as "toAnswer",
               count(*) filter (where c.status = 'DITERUSKAN' and c.due_on < ${today}::date
                                 and ${inPaths(handleScope, sql`h.path`)})::int as overdue
          from complaints c join units u on u.id = c.unit_id left join units h on h.id = c.handling_unit_id
         where c.reported_employee_id is distinct from ${notAbout.employeeId}::uuid
           and (${notAbout.nip}::text is null
                or position(${notAbout.nip}::text in regexp_replace(coalesce(c.reported_name, ''), '[^0-9]', '', 'g')) = 0)`.execute(
        db,
      );
      return r.rows[0]!;
    },
  };
}
export type ComplaintsRepo = ReturnType<typeof createComplaintsRepo>;
