import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Exec } from '../../relations/relations-service.ts';

const like = (s: string) => `%${s.replace(/[\\%_]/g, '\\$&')}%`;
const inPaths = (column: string, paths: 'all' | string[]) =>
  paths === 'all'
    ? sql<boolean>`true`
    : paths.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`(${sql.join(
          paths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`),
          sql` or `,
        )})`;

export interface UnitRow {
  id: string;
  name: string;
  path: string;
  timeZone: string;
}

export interface PeriodRow {
  id: string;
  name: string;
  kind: 'PILKADA' | 'PEMILU';
  legalBasis: string;
  startsOn: string;
  endsOn: string;
  ackDueTime: string;
  wholeRegion: boolean;
  createdAt: Date;
}

export interface StageRow {
  kind: 'KAMPANYE' | 'MASA_TENANG' | 'PEMUNGUTAN_SUARA' | 'REKAPITULASI' | 'LAINNYA';
  name: string;
  startsOn: string;
  endsOn: string;
  keyDate: boolean;
}

export interface StaffRow {
  id: string;
  name: string;
  frontTitle: string | null;
  backTitle: string | null;
  nip: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  activeFrom: string;
  activeTo: string | null;
  /** The placement (in the OPD) this row stands for: the employee counts there on dates it covers. */
  placedFrom: string;
  placedTo: string | null;
}

export interface AckRow {
  localDate: string;
  employeeId: string;
  employeeName: string;
  acting: 'PLT' | 'PLH' | null;
  note: string | null;
  acknowledgedAt: Date;
  dueAt: Date;
}

export interface EscalationRow {
  id: string;
  periodId: string;
  unitId: string;
  unitName: string;
  date: string;
  kind: 'KONFIRMASI_TIDAK_ADA' | 'KEPALA_TIDAK_HADIR';
  employeeName: string | null;
  reason: string;
  recipients: number;
  createdAt: Date;
}

export interface NeutralityRow {
  id: string;
  periodId: string | null;
  employeeId: string;
  employeeName: string;
  frontTitle: string | null;
  backTitle: string | null;
  nip: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  source: 'BAWASLU' | 'PENGADUAN' | 'LAINNYA';
  referenceNo: string;
  referenceDate: string;
  conductCode: string;
  conductDate: string;
  description: string;
  track: 'ETIKA' | 'DISIPLIN' | null;
  moralSanction: 'PERNYATAAN_TERTUTUP' | 'PERNYATAAN_TERBUKA' | null;
  decisionNote: string | null;
  disciplineCaseId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** SQL of the election-period watch: no rules, no access checks, no clock (the service does those). */
export function createElectionWatchRepo(db: Db) {
  const periodColumns = sql`p.id, p.name, p.kind, p.legal_basis as "legalBasis", p.starts_on::text as "startsOn",
    p.ends_on::text as "endsOn", p.ack_due_time as "ackDueTime", p.whole_region as "wholeRegion",
    p.created_at as "createdAt"`;
  const neutralityColumns = sql`n.id, n.period_id as "periodId", n.employee_id as "employeeId",
    e.name as "employeeName", e.front_title as "frontTitle", e.back_title as "backTitle", e.nip,
    n.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", n.source, n.reference_no as "referenceNo",
    n.reference_date::text as "referenceDate", n.conduct_code as "conductCode", n.conduct_date::text as "conductDate",
    n.description, n.track, n.moral_sanction as "moralSanction", n.decision_note as "decisionNote",
    n.discipline_case_id as "disciplineCaseId", n.created_at as "createdAt", n.decided_at as "decidedAt"`;

  return {
    async units(ids: readonly string[], exec: Exec = db): Promise<UnitRow[]> {
      if (ids.length === 0) return [];
      const r = await sql<UnitRow>`
        select id, name, path, time_zone as "timeZone" from units where id = any(${[...ids]}::uuid[])`.execute(
        exec,
      );
      return r.rows;
    },

    async employee(id: string, exec: Exec = db) {
      const r = await sql<{ id: string; unitId: string; unitPath: string; activeFrom: string }>`
        select e.id, e.unit_id as "unitId", u.path as "unitPath", e.active_from::text as "activeFrom"
          from employees e join units u on u.id = e.unit_id where e.id = ${id}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    // ------------------------------------------------------------------------------------------ periods

    async insertPeriod(
      trx: Exec,
      p: Omit<PeriodRow, 'id' | 'createdAt'> & { createdBy: string; createdAt: Date },
      stages: StageRow[],
      unitIds: string[],
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into election_watch_periods (name, kind, legal_basis, starts_on, ends_on, ack_due_time, whole_region,
          created_by, created_at)
        values (${p.name}, ${p.kind}, ${p.legalBasis}, ${p.startsOn}::date, ${p.endsOn}::date, ${p.ackDueTime},
          ${p.wholeRegion}, ${p.createdBy}::uuid, ${p.createdAt})
        returning id`.execute(trx);
      const id = r.rows[0]!.id;
      let position = 0;
      for (const s of stages)
        await sql`
          insert into election_watch_stages (period_id, kind, name, starts_on, ends_on, key_date, position)
          values (${id}::uuid, ${s.kind}, ${s.name}, ${s.startsOn}::date, ${s.endsOn}::date, ${s.keyDate},
            ${position++})`.execute(trx);
      for (const unitId of unitIds)
        await sql`insert into election_watch_period_units (period_id, unit_id) values (${id}::uuid, ${unitId}::uuid)`.execute(
          trx,
        );
      return id;
    },

    /** Periods whose covered units meet the scope (a whole-region period meets every scope). */
    async listPeriods(
      q: { paths: 'all' | string[]; q?: string | undefined },
      page: number,
      pageSize: number,
    ) {
      const where = sql.join(
        [
          q.q ? sql`p.name ilike ${like(q.q)}` : sql`true`,
          q.paths === 'all'
            ? sql`true`
            : sql`(p.whole_region or exists (select 1 from election_watch_period_units pu join units u on u.id = pu.unit_id
                 where pu.period_id = p.id and (${inPaths('u.path', q.paths)} or ${
                   q.paths.length === 0
                     ? sql`false`
                     : sql.join(
                         q.paths.map((x) => sql`${x} like u.path || '%'`),
                         sql` or `,
                       )
                 })))`,
        ],
        sql` and `,
      );
      const rows = await sql<PeriodRow>`
        select ${periodColumns} from election_watch_periods p where ${where}
        order by p.starts_on desc, p.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from election_watch_periods p where ${where}`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async period(id: string, exec: Exec = db): Promise<PeriodRow | null> {
      const r =
        await sql<PeriodRow>`select ${periodColumns} from election_watch_periods p where p.id = ${id}::uuid`.execute(
          exec,
        );
      return r.rows[0] ?? null;
    },

    /** Periods with days whose acknowledgement may still fall due or whose days just ended (for the daily tick). */
    async periodsAround(from: string, to: string, exec: Exec = db): Promise<PeriodRow[]> {
      const r = await sql<PeriodRow>`
        select ${periodColumns} from election_watch_periods p
         where p.starts_on <= ${to}::date and p.ends_on >= ${from}::date order by p.starts_on, p.id`.execute(
        exec,
      );
      return r.rows;
    },

    async stages(periodId: string, exec: Exec = db): Promise<StageRow[]> {
      const r = await sql<StageRow>`
        select kind, name, starts_on::text as "startsOn", ends_on::text as "endsOn", key_date as "keyDate"
          from election_watch_stages where period_id = ${periodId}::uuid order by position`.execute(exec);
      return r.rows;
    },

    async periodUnits(periodId: string, exec: Exec = db): Promise<UnitRow[]> {
      const r = await sql<UnitRow>`
        select u.id, u.name, u.path, u.time_zone as "timeZone" from election_watch_period_units pu
          join units u on u.id = pu.unit_id where pu.period_id = ${periodId}::uuid order by u.path`.execute(
        exec,
      );
      return r.rows;
    },

    /**
     * The OPDs (units on the second level of the tree) a period covers: all of them for the whole region, or those
     * containing or inside a covered unit.
     */
    async opdsCovered(periodId: string, wholeRegion: boolean, exec: Exec = db): Promise<UnitRow[]> {
      const second = sql`array_length(string_to_array(trim(both '/' from o.path), '/'), 1) = 2`;
      const r = wholeRegion
        ? await sql<UnitRow>`
            select o.id, o.name, o.path, o.time_zone as "timeZone" from units o where ${second} order by o.name`.execute(
            exec,
          )
        : await sql<UnitRow>`
            select distinct o.id, o.name, o.path, o.time_zone as "timeZone" from units o
              join election_watch_period_units pu on pu.period_id = ${periodId}::uuid
              join units c on c.id = pu.unit_id
             where ${second} and (c.path like o.path || '%' or o.path like c.path || '%') order by o.name`.execute(
            exec,
          );
      return r.rows;
    },

    /**
     * Staff placed under `opdPath` and one of `covered` (null = all) at some time in from..to, by their placement
     * history (a transfer in or out during the period counts them only on the days they were there), in service
     * in from..to: one row per placement in the OPD, with the unit of that placement.
     */
    async staff(
      opdPath: string,
      covered: string[] | null,
      from: string,
      to: string,
      exec: Exec = db,
    ): Promise<StaffRow[]> {
      const r = await sql<StaffRow>`
        select e.id, e.name, e.front_title as "frontTitle", e.back_title as "backTitle", e.nip,
               p.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
               e.active_from::text as "activeFrom", e.active_to::text as "activeTo",
               p.valid_from::text as "placedFrom", p.valid_to::text as "placedTo"
          from placements p join employees e on e.id = p.employee_id join units u on u.id = p.unit_id
         where u.path like ${`${opdPath}%`} and ${covered ? inPaths('u.path', covered) : sql`true`}
           and p.valid_from <= ${to}::date and (p.valid_to is null or p.valid_to >= ${from}::date)
           and e.active_from <= ${to}::date and (e.active_to is null or e.active_to >= ${from}::date)
         order by e.name, e.id, p.valid_from`.execute(exec);
      return r.rows;
    },

    async people(ids: readonly string[], exec: Exec = db) {
      if (ids.length === 0) return [];
      const r = await sql<{ id: string; name: string; frontTitle: string | null; backTitle: string | null }>`
        select id, name, front_title as "frontTitle", back_title as "backTitle" from employees
         where id = any(${[...ids]}::uuid[])`.execute(exec);
      return r.rows;
    },

    /** The head post of a unit (the first by code when several are marked). */
    async headPost(unitId: string, exec: Exec = db): Promise<string | null> {
      const r = await sql<{ id: string }>`
        select id from positions where unit_id = ${unitId}::uuid and is_head order by code, id limit 1`.execute(
        exec,
      );
      return r.rows[0]?.id ?? null;
    },

    /** The head post of each unit (the first by code when several are marked): unit id → position id. */
    async headPosts(unitIds: readonly string[], exec: Exec = db): Promise<Map<string, string>> {
      if (unitIds.length === 0) return new Map();
      const r = await sql<{ unitId: string; id: string }>`
        select distinct on (unit_id) unit_id as "unitId", id from positions
         where unit_id = any(${[...unitIds]}::uuid[]) and is_head order by unit_id, code, id`.execute(exec);
      return new Map(r.rows.map((x) => [x.unitId, x.id]));
    },

    /** Accounts holding `role` over the unit from above (a grant on a strict ancestor, or unscoped). */
    async roleHoldersAbove(role: string, unitPath: string, exec: Exec = db): Promise<string[]> {
      const r = await sql<{ userId: string }>`
        select distinct g.user_id as "userId" from role_grants g join users us on us.id = g.user_id
          left join units u on u.id = g.unit_id
         where g.role = ${role} and us.active
           and (g.unit_id is null or (${unitPath} like u.path || '%' and ${unitPath} <> u.path))`.execute(
        exec,
      );
      return r.rows.map((x) => x.userId);
    },

    /** Accounts holding `role` over the unit (a grant on it or an ancestor, or unscoped). */
    async roleHoldersOver(role: string, unitPath: string, exec: Exec = db): Promise<string[]> {
      const r = await sql<{ userId: string }>`
        select distinct g.user_id as "userId" from role_grants g join users us on us.id = g.user_id
          left join units u on u.id = g.unit_id
         where g.role = ${role} and us.active and (g.unit_id is null or ${unitPath} like u.path || '%')`.execute(
        exec,
      );
      return r.rows.map((x) => x.userId);
    },

    // ------------------------------------------------------------------------------------------ acknowledgements

    async acks(periodId: string, unitId: string, exec: Exec = db): Promise<AckRow[]> {
      const r = await sql<AckRow>`
        select a.local_date::text as "localDate", a.employee_id as "employeeId", e.name as "employeeName", a.acting,
               a.note, a.acknowledged_at as "acknowledgedAt", a.due_at as "dueAt"
          from election_watch_acks a join employees e on e.id = a.employee_id
         where a.period_id = ${periodId}::uuid and a.unit_id = ${unitId}::uuid order by a.local_date`.execute(
        exec,
      );
      return r.rows;
    },

    /** Stores the acknowledgement unless the day has one; the new row's id, or null when it already had one. */
    async insertAck(
      trx: Exec,
      a: {
        periodId: string;
        unitId: string;
        date: string;
        employeeId: string;
        userId: string;
        acting: 'PLT' | 'PLH' | null;
        note: string | null;
        at: Date;
        dueAt: Date;
      },
    ): Promise<string | null> {
      const r = await sql<{ id: string }>`
        insert into election_watch_acks (period_id, unit_id, local_date, employee_id, user_id, acting, note,
          acknowledged_at, due_at)
        values (${a.periodId}::uuid, ${a.unitId}::uuid, ${a.date}::date, ${a.employeeId}::uuid, ${a.userId}::uuid,
          ${a.acting}, ${a.note}, ${a.at}, ${a.dueAt})
        on conflict (period_id, unit_id, local_date) do nothing returning id`.execute(trx);
      return r.rows[0]?.id ?? null;
    },

    // ------------------------------------------------------------------------------------------ escalations

    /** Records an escalation once: the new row's id, or null when the same escalation exists (idempotent tick). */
    async insertEscalation(
      trx: Exec,
      e: {
        periodId: string;
        unitId: string;
        date: string;
        kind: EscalationRow['kind'];
        employeeId: string | null;
        reason: string;
        at: Date;
      },
    ): Promise<string | null> {
      const r = await sql<{ id: string }>`
        insert into election_watch_escalations (period_id, unit_id, local_date, kind, employee_id, subject_key, reason,
          recipients, created_at)
        values (${e.periodId}::uuid, ${e.unitId}::uuid, ${e.date}::date, ${e.kind}, ${e.employeeId}::uuid,
          ${e.employeeId ?? '-'}, ${e.reason}, 0, ${e.at})
        on conflict (period_id, unit_id, local_date, kind, subject_key) do nothing returning id`.execute(trx);
      return r.rows[0]?.id ?? null;
    },

    async escalation(id: string, exec: Exec = db) {
      const r = await sql<{ id: string; unitId: string; unitPath: string }>`
        select x.id, x.unit_id as "unitId", u.path as "unitPath" from election_watch_escalations x
          join units u on u.id = x.unit_id where x.id = ${id}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async setRecipients(trx: Exec, id: string, n: number) {
      await sql`update election_watch_escalations set recipients = ${n} where id = ${id}::uuid`.execute(trx);
    },

    async escalations(
      f: { periodId: string; unitId?: string | undefined; paths: 'all' | string[] },
      page: number,
      pageSize: number,
    ): Promise<{ rows: EscalationRow[]; total: number }> {
      const where = sql.join(
        [
          sql`x.period_id = ${f.periodId}::uuid`,
          f.unitId ? sql`x.unit_id = ${f.unitId}::uuid` : sql`true`,
          inPaths('u.path', f.paths),
        ],
        sql` and `,
      );
      const rows = await sql<EscalationRow>`
        select x.id, x.period_id as "periodId", x.unit_id as "unitId", u.name as "unitName", x.local_date::text as date,
               x.kind, e.name as "employeeName", x.reason, x.recipients, x.created_at as "createdAt"
          from election_watch_escalations x join units u on u.id = x.unit_id
          left join employees e on e.id = x.employee_id
         where ${where} order by x.local_date desc, u.name, x.kind, x.id
         limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from election_watch_escalations x join units u on u.id = x.unit_id
         where ${where}`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    // ------------------------------------------------------------------------------------------ neutrality

    async insertNeutrality(
      trx: Exec,
      n: {
        periodId: string | null;
        employeeId: string;
        unitId: string;
        source: string;
        referenceNo: string;
        referenceDate: string;
        conductCode: string;
        conductDate: string;
        description: string;
        createdBy: string;
        createdAt: Date;
      },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into election_watch_neutrality (period_id, employee_id, unit_id, source, reference_no, reference_date,
          conduct_code, conduct_date, description, created_by, created_at)
        values (${n.periodId}::uuid, ${n.employeeId}::uuid, ${n.unitId}::uuid, ${n.source}, ${n.referenceNo},
          ${n.referenceDate}::date, ${n.conductCode}, ${n.conductDate}::date, ${n.description}, ${n.createdBy}::uuid,
          ${n.createdAt})
        returning id`.execute(trx);
      return r.rows[0]!.id;
    },

    async neutrality(id: string, exec: Exec = db, lock = false): Promise<NeutralityRow | null> {
      const r = await sql<NeutralityRow>`
        select ${neutralityColumns} from election_watch_neutrality n join employees e on e.id = n.employee_id
          join units u on u.id = n.unit_id where n.id = ${id}::uuid ${lock ? sql`for update of n` : sql``}`.execute(
        exec,
      );
      return r.rows[0] ?? null;
    },

    async listNeutrality(
      f: {
        paths: 'all' | string[];
        unitPath?: string | undefined;
        periodId?: string | undefined;
        q?: string | undefined;
      },
      page: number,
      pageSize: number,
    ): Promise<{ rows: NeutralityRow[]; total: number }> {
      const where = sql.join(
        [
          inPaths('u.path', f.paths),
          f.unitPath ? sql`u.path like ${`${f.unitPath}%`}` : sql`true`,
          f.periodId ? sql`n.period_id = ${f.periodId}::uuid` : sql`true`,
          f.q
            ? sql`(e.name ilike ${like(f.q)} or e.nip ilike ${like(f.q)} or n.reference_no ilike ${like(f.q)})`
            : sql`true`,
        ],
        sql` and `,
      );
      const rows = await sql<NeutralityRow>`
        select ${neutralityColumns} from election_watch_neutrality n join employees e on e.id = n.employee_id
          join units u on u.id = n.unit_id where ${where}
         order by n.created_at desc, n.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from election_watch_neutrality n join employees e on e.id = n.employee_id
          join units u on u.id = n.unit_id where ${where}`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async decideNeutrality(
      trx: Exec,
      id: string,
      d: {
        track: 'ETIKA' | 'DISIPLIN';
        moralSanction: string | null;
        note: string;
        disciplineCaseId: string | null;
        decidedBy: string;
        decidedAt: Date;
      },
    ) {
      await sql`
        update election_watch_neutrality set track = ${d.track}, moral_sanction = ${d.moralSanction},
          decision_note = ${d.note}, discipline_case_id = ${d.disciplineCaseId}::uuid, decided_by = ${d.decidedBy}::uuid,
          decided_at = ${d.decidedAt}
         where id = ${id}::uuid`.execute(trx);
    },

    /** Puts a claimed report back undecided (its discipline case could not be opened). */
    async undecideNeutrality(exec: Exec, id: string) {
      await sql`
        update election_watch_neutrality set track = null, moral_sanction = null, decision_note = null,
          discipline_case_id = null, decided_by = null, decided_at = null
         where id = ${id}::uuid and discipline_case_id is null`.execute(exec);
    },
  };
}
export type ElectionWatchRepo = ReturnType<typeof createElectionWatchRepo>;
