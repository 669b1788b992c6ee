import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** An inspection as the service reads it. */
export interface InspectionRow {
  id: string;
  title: string;
  kind: 'ANNOUNCED' | 'UNANNOUNCED';
  date: string;
  status: 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
  complaintId: string | null;
  note: string | null;
  createdBy: string;
  createdByName: string | null;
  startedAt: Date | null;
  rosterAt: Date | null;
  finishedAt: Date | null;
  summary: string | null;
}
export interface InspectionUnitRow {
  inspectionId: string;
  id: string;
  name: string;
  path: string;
  timeZone: string;
}
export interface TeamRow {
  inspectionId: string;
  userId: string;
  name: string;
}
export interface RosterDbRow {
  employeeId: string;
  nip: string | null;
  name: string;
  frontTitle: string | null;
  backTitle: string | null;
  unitId: string;
  unitName: string;
  status: string;
  code: string | null;
  checkInAt: Date | null;
  reason: string | null;
  found: boolean | null;
  markNote: string | null;
  markedAt: Date | null;
  markCount: number;
}
export interface FindingRow {
  id: string;
  inspectionId: string;
  inspectionTitle: string;
  inspectionDate: string;
  inspectionStatus: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  timeZone: string;
  checklistItemId: string | null;
  checklistLabel: string | null;
  category: string;
  employeeId: string | null;
  employeeName: string | null;
  note: string;
  recordedBy: string;
  recordedByName: string | null;
  recordedAt: Date;
  followUpStatus: 'NONE' | 'OPEN' | 'REPORTED' | 'CLOSED';
  assigneeUserId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  actionTaken: string | null;
  actionAt: Date | null;
  closedAt: Date | null;
  closeNote: string | null;
  disciplineCaseId: string | null;
  photoIds: string[];
}
export interface GrantRow {
  userId: string;
  name: string;
  role: string;
  unitPath: string | null;
}

/** Visibility of a list row for a caller (the service passes the caller's scopes; SQL only). */
export interface ListFilter {
  userId: string;
  readPaths: 'all' | string[];
  writePaths: 'all' | string[];
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

const like = (p: string) => `${p}%`;
const pathsCond = (paths: 'all' | string[], col: string) =>
  paths === 'all'
    ? sql<boolean>`true`
    : paths.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`(${sql.join(
          paths.map((p) => sql`${sql.ref(col)} like ${like(p)}`),
          sql` or `,
        )})`;

const FINDING_SELECT = sql`
  select f.id, f.inspection_id as "inspectionId", i.title as "inspectionTitle",
         to_char(i.date, 'YYYY-MM-DD') as "inspectionDate", i.status as "inspectionStatus",
         f.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", u.time_zone as "timeZone",
         f.checklist_item_id as "checklistItemId", c.label as "checklistLabel", f.category,
         f.employee_id as "employeeId", e.name as "employeeName", f.note, f.recorded_by as "recordedBy",
         rb.display_name as "recordedByName", f.recorded_at as "recordedAt", f.follow_up_status as "followUpStatus",
         f.assignee_user_id as "assigneeUserId", au.display_name as "assigneeName",
         to_char(f.due_date, 'YYYY-MM-DD') as "dueDate", f.action_taken as "actionTaken", f.action_at as "actionAt",
         f.closed_at as "closedAt", f.close_note as "closeNote", f.discipline_case_id as "disciplineCaseId",
         coalesce((select array_agg(p.id::text order by p.created_at, p.id) from inspection_photos p
                    where p.finding_id = f.id), '{}') as "photoIds"
    from inspection_findings f
    join inspections i on i.id = f.inspection_id
    join units u on u.id = f.unit_id
    left join inspection_checklist_items c on c.id = f.checklist_item_id
    left join employees e on e.id = f.employee_id
    left join users rb on rb.id = f.recorded_by
    left join users au on au.id = f.assignee_user_id`;

/** SQL of inspections: no rules and no access checks (the service does both). */
export function createInspectionsRepo(db: Db) {
  /** A list row is visible: a unit in read scope and (announced or started, or the caller inspects or plans it). */
  const visible = (f: ListFilter) => sql<boolean>`(
    i.created_by = ${f.userId}::uuid
    or exists (select 1 from inspection_team t where t.inspection_id = i.id and t.user_id = ${f.userId}::uuid)
    or not exists (select 1 from inspection_units x join units xu on xu.id = x.unit_id
                    where x.inspection_id = i.id and not ${pathsCond(f.writePaths, 'xu.path')})
    or ((i.kind = 'ANNOUNCED' or i.status <> 'PLANNED')
        and exists (select 1 from inspection_units x join units xu on xu.id = x.unit_id
                     where x.inspection_id = i.id and ${pathsCond(f.readPaths, 'xu.path')})))`;
  const where = (f: ListFilter) => {
    const parts = [visible(f)];
    if (f.unitId)
      parts.push(
        sql<boolean>`exists (select 1 from inspection_units x where x.inspection_id = i.id and x.unit_id = ${f.unitId}::uuid)`,
      );
    if (f.from) parts.push(sql<boolean>`i.date >= ${f.from}::date`);
    if (f.to) parts.push(sql<boolean>`i.date <= ${f.to}::date`);
    if (f.status) parts.push(sql<boolean>`i.status = ${f.status}`);
    if (f.q) parts.push(sql<boolean>`i.title ilike ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}`);
    return sql.join(parts, sql` and `);
  };
  const INSPECTION_SELECT = sql`
    select i.id, i.title, i.kind, to_char(i.date, 'YYYY-MM-DD') as date, i.status, i.complaint_id as "complaintId",
           i.note, i.created_by as "createdBy", us.display_name as "createdByName", i.started_at as "startedAt",
           i.roster_at as "rosterAt", i.finished_at as "finishedAt", i.summary
      from inspections i left join users us on us.id = i.created_by`;

  return {
    async unit(unitId: string, trx: Db = db) {
      const r = await sql<{ id: string; name: string; path: string; timeZone: string }>`
        select id, name, path, time_zone as "timeZone" from units where id = ${unitId}::uuid`.execute(trx);
      return r.rows[0] ?? null;
    },

    async units(ids: readonly string[], trx: Db = db) {
      if (ids.length === 0) return [];
      const r = await sql<{ id: string; name: string; path: string; timeZone: string }>`
        select id, name, path, time_zone as "timeZone" from units
         where id in (${sql.join(ids.map((i) => sql`${i}::uuid`))})`.execute(trx);
      return r.rows;
    },

    /** Grants of active accounts (with names), for checking and offering team members and assignees. */
    async grantsOf(userIds: readonly string[] | null, trx: Db = db): Promise<GrantRow[]> {
      const r = await sql<GrantRow>`
        select g.user_id as "userId", us.display_name as name, g.role, gu.path as "unitPath"
          from role_grants g join users us on us.id = g.user_id left join units gu on gu.id = g.unit_id
         where us.active
           and ${userIds === null ? sql`true` : userIds.length === 0 ? sql`false` : sql`g.user_id in (${sql.join(userIds.map((u) => sql`${u}::uuid`))})`}
         order by us.display_name, g.user_id`.execute(trx);
      return r.rows;
    },

    async list(f: ListFilter, page: number, pageSize: number) {
      const rows = await sql<InspectionRow>`
        with page as (select i.id from inspections i where ${where(f)}
                       order by i.date desc, i.id limit ${pageSize} offset ${(page - 1) * pageSize})
        select x.* from (${INSPECTION_SELECT}) x join page p on p.id = x.id
         order by x.date desc, x.id`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from inspections i where ${where(f)}`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async get(id: string, trx: Db = db, forUpdate = false): Promise<InspectionRow | null> {
      // The lock first, then the read: a caller that waited for the lock reads the row as the winner left it.
      if (forUpdate) await sql`select 1 from inspections where id = ${id}::uuid for update`.execute(trx);
      const r = await sql<InspectionRow>`
        select * from (${INSPECTION_SELECT}) i where i.id = ${id}::uuid`.execute(trx);
      return r.rows[0] ?? null;
    },

    async unitsOf(ids: readonly string[], trx: Db = db): Promise<InspectionUnitRow[]> {
      if (ids.length === 0) return [];
      const r = await sql<InspectionUnitRow>`
        select x.inspection_id as "inspectionId", u.id, u.name, u.path, u.time_zone as "timeZone"
          from inspection_units x join units u on u.id = x.unit_id
         where x.inspection_id in (${sql.join(ids.map((i) => sql`${i}::uuid`))})
         order by u.name, u.id`.execute(trx);
      return r.rows;
    },

    async teamOf(ids: readonly string[], trx: Db = db): Promise<TeamRow[]> {
      if (ids.length === 0) return [];
      const r = await sql<TeamRow>`
        select t.inspection_id as "inspectionId", t.user_id as "userId", us.display_name as name
          from inspection_team t join users us on us.id = t.user_id
         where t.inspection_id in (${sql.join(ids.map((i) => sql`${i}::uuid`))})
         order by us.display_name, t.user_id`.execute(trx);
      return r.rows;
    },

    async counts(ids: readonly string[]) {
      if (ids.length === 0) return new Map<string, { findings: number; open: number }>();
      const r = await sql<{ id: string; findings: number; open: number }>`
        select inspection_id as id, count(*)::int as findings,
               count(*) filter (where follow_up_status in ('OPEN', 'REPORTED'))::int as open
          from inspection_findings where inspection_id in (${sql.join(ids.map((i) => sql`${i}::uuid`))})
         group by inspection_id`.execute(db);
      return new Map(r.rows.map((x) => [x.id, { findings: x.findings, open: x.open }]));
    },

    async insert(
      trx: Db,
      row: {
        title: string;
        kind: string;
        date: string;
        complaintId: string | null;
        note: string | null;
        createdBy: string;
        createdAt: Date;
        unitIds: readonly string[];
        teamUserIds: readonly string[];
      },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into inspections (title, kind, date, complaint_id, note, created_by, created_at)
        values (${row.title}, ${row.kind}, ${row.date}::date, ${row.complaintId}::uuid, ${row.note},
                ${row.createdBy}::uuid, ${row.createdAt})
        returning id`.execute(trx);
      const id = r.rows[0]!.id;
      await sql`insert into inspection_units (inspection_id, unit_id)
                values ${sql.join(row.unitIds.map((u) => sql`(${id}::uuid, ${u}::uuid)`))}`.execute(trx);
      await sql`insert into inspection_team (inspection_id, user_id)
                values ${sql.join(row.teamUserIds.map((u) => sql`(${id}::uuid, ${u}::uuid)`))}`.execute(trx);
      return id;
    },

    async setStatus(
      trx: Db,
      id: string,
      patch: {
        status: string;
        startedAt?: Date;
        rosterAt?: Date;
        finishedAt?: Date;
        summary?: string;
      },
    ) {
      await sql`update inspections set status = ${patch.status},
                  started_at = coalesce(started_at, ${patch.startedAt ?? null}),
                  roster_at = coalesce(${patch.rosterAt ?? null}, roster_at),
                  finished_at = coalesce(${patch.finishedAt ?? null}, finished_at),
                  summary = coalesce(${patch.summary ?? null}, summary)
                where id = ${id}::uuid`.execute(trx);
    },

    async upsertRoster(
      trx: Db,
      inspectionId: string,
      rows: readonly {
        employeeId: string;
        unitId: string;
        status: string;
        code: string | null;
        checkInAt: string | null;
        reason: string | null;
      }[],
    ) {
      if (rows.length === 0) return;
      await sql`
        insert into inspection_roster (inspection_id, employee_id, unit_id, status, code, check_in_at, reason)
        select ${inspectionId}::uuid, (r->>'employeeId')::uuid, (r->>'unitId')::uuid, r->>'status', r->>'code',
               (r->>'checkInAt')::timestamptz, r->>'reason'
          from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r
        on conflict (inspection_id, employee_id) do update
          set unit_id = excluded.unit_id, status = excluded.status, code = excluded.code,
              check_in_at = excluded.check_in_at, reason = excluded.reason`.execute(trx);
    },

    async roster(inspectionId: string, trx: Db = db): Promise<RosterDbRow[]> {
      const r = await sql<RosterDbRow>`
        select r.employee_id as "employeeId", e.nip, e.name, e.front_title as "frontTitle",
               e.back_title as "backTitle", r.unit_id as "unitId", u.name as "unitName", r.status, r.code,
               r.check_in_at as "checkInAt", r.reason, m.found, m.note as "markNote", m.marked_at as "markedAt",
               (select count(*)::int from inspection_marks c
                 where c.inspection_id = r.inspection_id and c.employee_id = r.employee_id) as "markCount"
          from inspection_roster r
          join employees e on e.id = r.employee_id
          join units u on u.id = r.unit_id
          left join lateral (select found, note, marked_at from inspection_marks m
                              where m.inspection_id = r.inspection_id and m.employee_id = r.employee_id
                              order by m.marked_at desc, m.received_at desc limit 1) m on true
         where r.inspection_id = ${inspectionId}::uuid
         order by u.name, e.name, e.id`.execute(trx);
      return r.rows;
    },

    async rosterRow(trx: Db, inspectionId: string, employeeId: string) {
      const r = await sql<{ unitId: string; unitPath: string; status: string }>`
        select r.unit_id as "unitId", u.path as "unitPath", r.status from inspection_roster r
          join units u on u.id = r.unit_id
         where r.inspection_id = ${inspectionId}::uuid and r.employee_id = ${employeeId}::uuid`.execute(trx);
      return r.rows[0] ?? null;
    },

    /** Inserts a mark unless its id exists; returns the stored row's inspection and author when it did. */
    async insertMark(
      trx: Db,
      m: {
        id: string;
        inspectionId: string;
        employeeId: string;
        found: boolean;
        note: string | null;
        markedBy: string;
        markedAt: Date;
        receivedAt: Date;
      },
    ): Promise<{ inserted: boolean; inspectionId: string; employeeId: string }> {
      const r = await sql<{ id: string }>`
        insert into inspection_marks (id, inspection_id, employee_id, found, note, marked_by, marked_at, received_at)
        values (${m.id}::uuid, ${m.inspectionId}::uuid, ${m.employeeId}::uuid, ${m.found}, ${m.note},
                ${m.markedBy}::uuid, ${m.markedAt}, ${m.receivedAt})
        on conflict (id) do nothing returning id`.execute(trx);
      if (r.rows.length) return { inserted: true, inspectionId: m.inspectionId, employeeId: m.employeeId };
      const old = await sql<{ inspectionId: string; employeeId: string }>`
        select inspection_id as "inspectionId", employee_id as "employeeId" from inspection_marks
         where id = ${m.id}::uuid`.execute(trx);
      return { inserted: false, ...old.rows[0]! };
    },

    async checklistItem(id: string, trx: Db = db) {
      const r = await sql<{ id: string; category: string; label: string; active: boolean }>`
        select id, category, label, active from inspection_checklist_items where id = ${id}::uuid`.execute(
        trx,
      );
      return r.rows[0] ?? null;
    },

    async checklist(trx: Db = db) {
      const r = await sql<{ id: string; category: string; label: string; active: boolean }>`
        select id, category, label, active from inspection_checklist_items
         order by array_position(array['ATTENDANCE','SERVICE','UNIFORM','PROGRAMME','OTHER'], category), label, id`.execute(
        trx,
      );
      return r.rows;
    },

    async insertChecklistItem(trx: Db, category: string, label: string, at: Date) {
      const r = await sql<{ id: string }>`
        insert into inspection_checklist_items (category, label, created_at) values (${category}, ${label}, ${at})
        on conflict (category, label) do nothing returning id`.execute(trx);
      return r.rows[0]?.id ?? null;
    },

    async setChecklistActive(trx: Db, id: string, active: boolean) {
      await sql`update inspection_checklist_items set active = ${active} where id = ${id}::uuid`.execute(trx);
    },

    async insertFinding(
      trx: Db,
      f: {
        id: string;
        inspectionId: string;
        unitId: string;
        checklistItemId: string | null;
        category: string;
        employeeId: string | null;
        note: string;
        recordedBy: string;
        recordedAt: Date;
        receivedAt: Date;
      },
    ): Promise<{ inserted: boolean; inspectionId: string | null }> {
      const r = await sql<{ id: string }>`
        insert into inspection_findings (id, inspection_id, unit_id, checklist_item_id, category, employee_id, note,
                                         recorded_by, recorded_at, received_at)
        values (${f.id}::uuid, ${f.inspectionId}::uuid, ${f.unitId}::uuid, ${f.checklistItemId}::uuid, ${f.category},
                ${f.employeeId}::uuid, ${f.note}, ${f.recordedBy}::uuid, ${f.recordedAt}, ${f.receivedAt})
        on conflict (id) do nothing returning id`.execute(trx);
      if (r.rows.length) return { inserted: true, inspectionId: f.inspectionId };
      const old = await sql<{ inspectionId: string }>`
        select inspection_id as "inspectionId" from inspection_findings where id = ${f.id}::uuid`.execute(
        trx,
      );
      return { inserted: false, inspectionId: old.rows[0]?.inspectionId ?? null };
    },

    async finding(id: string, trx: Db = db, forUpdate = false): Promise<FindingRow | null> {
      // The lock first, then the read (as `get`).
      if (forUpdate)
        await sql`select 1 from inspection_findings where id = ${id}::uuid for update`.execute(trx);
      const r = await sql<FindingRow>`${FINDING_SELECT} where f.id = ${id}::uuid`.execute(trx);
      return r.rows[0] ?? null;
    },

    async findingsOf(inspectionId: string, trx: Db = db): Promise<FindingRow[]> {
      const r = await sql<FindingRow>`${FINDING_SELECT} where f.inspection_id = ${inspectionId}::uuid
        order by f.recorded_at, f.id`.execute(trx);
      return r.rows;
    },

    /** Follow-ups assigned to a user, or of units in the scope; `overdueBefore` = the day before which due dates are late. */
    async followUps(
      f: {
        assignee?: string | undefined;
        paths?: 'all' | string[] | undefined;
        status?: string | undefined;
        overdueBefore?: string | undefined;
        unitId?: string | undefined;
      },
      page: number,
      pageSize: number,
    ) {
      const parts = [sql<boolean>`f.follow_up_status <> 'NONE'`];
      if (f.assignee) parts.push(sql<boolean>`f.assignee_user_id = ${f.assignee}::uuid`);
      if (f.paths) parts.push(pathsCond(f.paths, 'u.path'));
      if (f.status) parts.push(sql<boolean>`f.follow_up_status = ${f.status}`);
      if (f.unitId) parts.push(sql<boolean>`f.unit_id = ${f.unitId}::uuid`);
      if (f.overdueBefore)
        parts.push(
          sql<boolean>`f.follow_up_status in ('OPEN', 'REPORTED') and f.due_date < ${f.overdueBefore}::date`,
        );
      const w = sql.join(parts, sql` and `);
      const rows = await sql<FindingRow>`${FINDING_SELECT} where ${w}
        order by (f.follow_up_status = 'CLOSED'), f.due_date nulls last, f.id
        limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from inspection_findings f join units u on u.id = f.unit_id where ${w}`.execute(
        db,
      );
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    /** Open follow-ups assigned to a user, and how many are overdue in their unit's zone. */
    async openCount(userId: string) {
      const r = await sql<{ dueDate: string | null; timeZone: string }>`
        select to_char(f.due_date, 'YYYY-MM-DD') as "dueDate", u.time_zone as "timeZone"
          from inspection_findings f join units u on u.id = f.unit_id
         where f.assignee_user_id = ${userId}::uuid and f.follow_up_status = 'OPEN'`.execute(db);
      return r.rows;
    },

    async assign(trx: Db, id: string, assignee: string, dueDate: string) {
      await sql`update inspection_findings set follow_up_status = 'OPEN', assignee_user_id = ${assignee}::uuid,
                  due_date = ${dueDate}::date where id = ${id}::uuid`.execute(trx);
    },

    async report(trx: Db, id: string, actionTaken: string, at: Date) {
      await sql`update inspection_findings set follow_up_status = 'REPORTED', action_taken = ${actionTaken},
                  action_at = ${at} where id = ${id}::uuid`.execute(trx);
    },

    async close(trx: Db, id: string, accept: boolean, note: string, by: string, at: Date) {
      await sql`update inspection_findings
                   set follow_up_status = ${accept ? 'CLOSED' : 'OPEN'}, close_note = ${note},
                       closed_by = ${accept ? by : null}::uuid, closed_at = ${accept ? at : null}
                 where id = ${id}::uuid`.execute(trx);
    },

    async setCase(trx: Db, id: string, caseId: string) {
      await sql`update inspection_findings set discipline_case_id = ${caseId}::uuid where id = ${id}::uuid`.execute(
        trx,
      );
    },

    async photoCount(trx: Db, findingId: string) {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from inspection_photos where finding_id = ${findingId}::uuid`.execute(trx);
      return r.rows[0]!.n;
    },

    async insertPhoto(trx: Db, findingId: string, sha256: string, at: Date) {
      const r = await sql<{ id: string }>`
        insert into inspection_photos (finding_id, sha256, created_at) values (${findingId}::uuid, ${sha256}, ${at})
        on conflict (finding_id, sha256) do nothing returning id`.execute(trx);
      if (r.rows[0]) return { id: r.rows[0].id, inserted: true };
      const old = await sql<{ id: string }>`
        select id from inspection_photos where finding_id = ${findingId}::uuid and sha256 = ${sha256}`.execute(
        trx,
      );
      return { id: old.rows[0]!.id, inserted: false };
    },

    async photo(photoId: string) {
      const r = await sql<{ findingId: string; inspectionId: string }>`
        select p.finding_id as "findingId", f.inspection_id as "inspectionId"
          from inspection_photos p join inspection_findings f on f.id = p.finding_id
         where p.id = ${photoId}::uuid`.execute(db);
      return r.rows[0] ?? null;
    },
  };
}
export type InspectionsRepo = ReturnType<typeof createInspectionsRepo>;
