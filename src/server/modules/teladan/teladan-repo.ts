import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { CriterionInput } from '../../../core/oversight/teladan-criteria.ts';
import type { RankedCandidate } from '../../../core/oversight/teladan-ranking.ts';

export type Exec = Db | Transaction<Database>;

/** An employee's name with their titles, as SQL over the alias `e`. */
const nameSql = (alias: string) =>
  sql.raw(
    `(concat_ws(' ', ${alias}.front_title, ${alias}.name) || coalesce(', ' || ${alias}.back_title, ''))`,
  );

/** The OPD of a unit (`u`): the nearest unit of kind OPD on its path, else the unit itself. */
const opdJoin = sql.raw(`
  left join lateral (select o.id, o.name from units o
                      where o.kind = 'OPD' and u.path like o.path || '%'
                      order by length(o.path) desc limit 1) opd on true`);

export interface PeriodRow {
  id: string;
  name: string;
  year: number;
  fromMonth: string;
  toMonth: string;
  unitIds: string[];
  employeeTypes: string[];
  legalBasis: string;
  criteria: CriterionInput[];
  winnersPerOpd: number;
  winnersRegion: number;
  status: 'DRAFT' | 'REVIEW' | 'PUBLISHED';
  createdAt: Date;
  reviewStartedAt: Date | null;
  publishedAt: Date | null;
}

export interface CandidateRow {
  employeeId: string;
  name: string;
  nip: string | null;
  unitId: string;
  unitPath: string;
  opdId: string;
  opdName: string;
}

/** A stored ranking: the ranked candidates with their names (the snapshot the committee works from). */
export type StoredCandidate = RankedCandidate & { opdName: string; unitPath: string };

const periodColumns = sql.raw(`p.id, p.name, p.year, p.from_month as "fromMonth", p.to_month as "toMonth",
  p.unit_ids::text[] as "unitIds", p.employee_types as "employeeTypes", p.legal_basis as "legalBasis", p.criteria,
  p.winners_per_opd as "winnersPerOpd", p.winners_region as "winnersRegion", p.status, p.created_at as "createdAt",
  p.review_started_at as "reviewStartedAt", p.published_at as "publishedAt"`);

/** SQL of ASN teladan: no rules and no access checks (the service does both). */
export function createTeladanRepo(db: Db) {
  return {
    async units(ids: readonly string[], exec: Exec = db) {
      if (ids.length === 0) return [];
      const r = await sql<{ id: string; name: string; path: string }>`
        select id, name, path from units where id = any(${[...ids]}::uuid[]) order by name, id`.execute(exec);
      return r.rows;
    },

    async unitPath(unitId: string, exec: Exec = db): Promise<string | null> {
      const r = await sql<{ path: string }>`select path from units where id = ${unitId}::uuid`.execute(exec);
      return r.rows[0]?.path ?? null;
    },

    async employee(employeeId: string, exec: Exec = db) {
      const r = await sql<{
        id: string;
        name: string;
        nip: string | null;
        unitId: string;
        unitPath: string;
        employeeType: string;
      }>`
        select e.id, ${nameSql('e')} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath",
               e.employee_type as "employeeType"
          from employees e join units u on u.id = e.unit_id where e.id = ${employeeId}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async insertPeriod(
      trx: Exec,
      p: Omit<PeriodRow, 'id' | 'status' | 'reviewStartedAt' | 'publishedAt'> & { createdBy: string },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into teladan_periods (name, year, from_month, to_month, unit_ids, employee_types, legal_basis, criteria,
                                     winners_per_opd, winners_region, created_by, created_at)
        values (${p.name}, ${p.year}, ${p.fromMonth}, ${p.toMonth}, ${p.unitIds}::uuid[], ${p.employeeTypes}::text[],
                ${p.legalBasis}, ${JSON.stringify(p.criteria)}::jsonb, ${p.winnersPerOpd}, ${p.winnersRegion},
                ${p.createdBy}::uuid, ${p.createdAt})
        returning id`.execute(trx);
      return r.rows[0]!.id;
    },

    /** One period; `lock` takes its row lock (state changes run one at a time). */
    async period(id: string, exec: Exec = db, lock = false): Promise<PeriodRow | null> {
      const r = await sql<PeriodRow>`
        select ${periodColumns} from teladan_periods p where p.id = ${id}::uuid
        ${lock ? sql`for update` : sql``}`.execute(exec);
      return r.rows[0] ?? null;
    },

    async periods(f: { year?: number | undefined; q?: string | undefined }, page: number, pageSize: number) {
      const where = sql.join(
        [
          sql<boolean>`true`,
          ...(f.year ? [sql<boolean>`p.year = ${f.year}`] : []),
          ...(f.q ? [sql<boolean>`p.name ilike ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}`] : []),
        ],
        sql` and `,
      );
      const rows = await sql<PeriodRow>`
        select ${periodColumns} from teladan_periods p where ${where}
         order by p.year desc, p.created_at desc, p.id
         limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from teladan_periods p where ${where}`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async setStatus(trx: Exec, id: string, status: 'REVIEW' | 'PUBLISHED', at: Date, by: string) {
      await sql`
        update teladan_periods
           set status = ${status},
               review_started_at = case when ${status} = 'REVIEW' then ${at}::timestamptz else review_started_at end,
               published_at = case when ${status} = 'PUBLISHED' then ${at}::timestamptz else published_at end,
               published_by = case when ${status} = 'PUBLISHED' then ${by}::uuid else published_by end
         where id = ${id}::uuid`.execute(trx);
    },

    async committee(periodIds: readonly string[], exec: Exec = db) {
      if (periodIds.length === 0) return [];
      const r = await sql<{
        periodId: string;
        employeeId: string;
        name: string;
        nip: string | null;
        role: string;
      }>`
        select c.period_id as "periodId", c.employee_id as "employeeId", ${nameSql('e')} as name, e.nip, c.role
          from teladan_committee c join employees e on e.id = c.employee_id
         where c.period_id = any(${[...periodIds]}::uuid[])
         order by c.role desc, e.name, e.id`.execute(exec);
      return r.rows;
    },

    async replaceCommittee(trx: Exec, periodId: string, members: { employeeId: string; role: string }[]) {
      await sql`delete from teladan_committee where period_id = ${periodId}::uuid`.execute(trx);
      for (const m of members)
        await sql`insert into teladan_committee (period_id, employee_id, role)
                  values (${periodId}::uuid, ${m.employeeId}::uuid, ${m.role})`.execute(trx);
    },

    async existingEmployees(ids: readonly string[], exec: Exec = db): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const r = await sql<{ id: string }>`
        select id from employees where id = any(${[...ids]}::uuid[])`.execute(exec);
      return new Set(r.rows.map((x) => x.id));
    },

    /**
     * The candidates of a period: employees of the given types, in service during the period (joined by its last
     * day, not gone before its first), whose current unit is in one of the subtrees (`'all'` = the region).
     */
    async candidates(
      f: { paths: 'all' | string[]; employeeTypes: string[]; from: string; to: string },
      exec: Exec = db,
    ): Promise<CandidateRow[]> {
      const inPaths =
        f.paths === 'all'
          ? sql<boolean>`true`
          : f.paths.length === 0
            ? sql<boolean>`false`
            : sql<boolean>`(${sql.join(
                f.paths.map((p) => sql`u.path like ${`${p}%`}`),
                sql` or `,
              )})`;
      const r = await sql<CandidateRow>`
        select e.id as "employeeId", ${nameSql('e')} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath",
               coalesce(opd.id, u.id) as "opdId", coalesce(opd.name, u.name) as "opdName"
          from employees e join units u on u.id = e.unit_id ${opdJoin}
         where ${inPaths} and e.employee_type = any(${f.employeeTypes}::text[])
           and e.active_from <= ${f.to}::date and (e.active_to is null or e.active_to >= ${f.from}::date)
         order by e.id`.execute(exec);
      return r.rows;
    },

    /** Nominations per employee and kind in a period. */
    async nominationCounts(periodId: string, exec: Exec = db) {
      const r = await sql<{ employeeId: string; superior: number; public: number }>`
        select employee_id as "employeeId", count(*) filter (where kind = 'SUPERIOR')::int as superior,
               count(*) filter (where kind = 'PUBLIC')::int as public
          from teladan_nominations where period_id = ${periodId}::uuid group by employee_id`.execute(exec);
      return new Map(r.rows.map((x) => [x.employeeId, x]));
    },

    async insertNomination(
      trx: Exec,
      n: {
        periodId: string;
        employeeId: string;
        kind: 'SUPERIOR' | 'PUBLIC';
        reason: string;
        nominatorEmployeeId: string | null;
        source: string | null;
        reference: string | null;
        recordedBy: string;
        createdAt: Date;
      },
    ): Promise<string | null> {
      const r = await sql<{ id: string }>`
        insert into teladan_nominations (period_id, employee_id, kind, reason, nominator_employee_id, source, reference,
                                         recorded_by, created_at)
        values (${n.periodId}::uuid, ${n.employeeId}::uuid, ${n.kind}, ${n.reason}, ${n.nominatorEmployeeId}::uuid,
                ${n.source}, ${n.reference}, ${n.recordedBy}::uuid, ${n.createdAt})
        on conflict do nothing
        returning id`.execute(trx);
      return r.rows[0]?.id ?? null;
    },

    async nominations(
      periodId: string,
      f: { paths: 'all' | string[]; nominatorEmployeeId?: string | undefined },
      page: number,
      pageSize: number,
    ) {
      const where = sql.join(
        [
          sql<boolean>`n.period_id = ${periodId}::uuid`,
          f.paths === 'all'
            ? sql<boolean>`true`
            : f.paths.length === 0
              ? sql<boolean>`false`
              : sql<boolean>`(${sql.join(
                  f.paths.map((p) => sql`u.path like ${`${p}%`}`),
                  sql` or `,
                )})`,
          ...(f.nominatorEmployeeId
            ? [sql<boolean>`n.nominator_employee_id = ${f.nominatorEmployeeId}::uuid`]
            : []),
        ],
        sql` and `,
      );
      const from = sql`from teladan_nominations n join employees e on e.id = n.employee_id
                       join units u on u.id = e.unit_id ${opdJoin}
                       left join employees ne on ne.id = n.nominator_employee_id`;
      const rows = await sql<{
        id: string;
        employeeId: string;
        employeeName: string;
        opdName: string;
        kind: 'SUPERIOR' | 'PUBLIC';
        reason: string;
        nominatorName: string | null;
        source: string | null;
        reference: string | null;
        createdAt: Date;
      }>`
        select n.id, n.employee_id as "employeeId", ${nameSql('e')} as "employeeName",
               coalesce(opd.name, u.name) as "opdName", n.kind, n.reason,
               case when ne.id is null then null else ${nameSql('ne')} end as "nominatorName", n.source, n.reference,
               n.created_at as "createdAt"
          ${from} where ${where}
         order by n.created_at desc, n.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`select count(*)::int as n ${from} where ${where}`.execute(db);
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async snapshot(periodId: string, stage: 'REVIEW' | 'PUBLISHED', exec: Exec = db) {
      const r = await sql<{ ranking: StoredCandidate[]; takenAt: Date }>`
        select ranking, taken_at as "takenAt" from teladan_snapshots
         where period_id = ${periodId}::uuid and stage = ${stage}`.execute(exec);
      return r.rows[0] ?? null;
    },

    async putSnapshot(
      trx: Exec,
      s: {
        periodId: string;
        stage: 'REVIEW' | 'PUBLISHED';
        ranking: StoredCandidate[];
        by: string;
        at: Date;
      },
    ) {
      await sql`
        insert into teladan_snapshots (period_id, stage, ranking, taken_by, taken_at)
        values (${s.periodId}::uuid, ${s.stage}, ${JSON.stringify(s.ranking)}::jsonb, ${s.by}::uuid, ${s.at})`.execute(
        trx,
      );
    },

    async decisions(periodId: string, exec: Exec = db) {
      const r = await sql<{
        employeeId: string;
        decision: 'WINNER' | 'NOT_SELECTED';
        category: 'OPD' | 'REGION' | null;
        note: string | null;
        decidedByName: string | null;
        decidedAt: Date;
      }>`
        select d.employee_id as "employeeId", d.decision, d.category, d.note, us.display_name as "decidedByName",
               d.decided_at as "decidedAt"
          from teladan_decisions d left join users us on us.id = d.decided_by
         where d.period_id = ${periodId}::uuid`.execute(exec);
      return new Map(r.rows.map((x) => [x.employeeId, x]));
    },

    async upsertDecision(
      trx: Exec,
      d: {
        periodId: string;
        employeeId: string;
        decision: string;
        category: string | null;
        note: string | null;
        by: string;
        at: Date;
      },
    ) {
      await sql`
        insert into teladan_decisions (period_id, employee_id, decision, category, note, decided_by, decided_at)
        values (${d.periodId}::uuid, ${d.employeeId}::uuid, ${d.decision}, ${d.category}, ${d.note}, ${d.by}::uuid,
                ${d.at})
        on conflict (period_id, employee_id) do update
          set decision = excluded.decision, category = excluded.category, note = excluded.note,
              decided_by = excluded.decided_by, decided_at = excluded.decided_at`.execute(trx);
    },

    async insertAward(
      trx: Exec,
      a: {
        periodId: string;
        employeeId: string;
        category: string;
        opdId: string;
        score: number;
        regionRank: number;
        opdRank: number;
        letterNumber: string | null;
        publishedAt: Date;
      },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into teladan_awards (period_id, employee_id, category, opd_id, score, region_rank, opd_rank,
                                    letter_number, published_at)
        values (${a.periodId}::uuid, ${a.employeeId}::uuid, ${a.category}, ${a.opdId}::uuid, ${a.score},
                ${a.regionRank}, ${a.opdRank}, ${a.letterNumber}, ${a.publishedAt})
        returning id`.execute(trx);
      return r.rows[0]!.id;
    },

    /** Awards by id, by employee or by period (newest first), with the unit path of the employee for scope checks. */
    async awards(f: { id?: string; employeeId?: string; periodId?: string }, exec: Exec = db) {
      const where = sql.join(
        [
          sql<boolean>`true`,
          ...(f.id ? [sql<boolean>`a.id = ${f.id}::uuid`] : []),
          ...(f.employeeId ? [sql<boolean>`a.employee_id = ${f.employeeId}::uuid`] : []),
          ...(f.periodId ? [sql<boolean>`a.period_id = ${f.periodId}::uuid`] : []),
        ],
        sql` and `,
      );
      const r = await sql<{
        id: string;
        periodId: string;
        periodName: string;
        year: number;
        legalBasis: string;
        employeeId: string;
        employeeName: string;
        nip: string | null;
        category: 'OPD' | 'REGION';
        opdId: string;
        opdName: string;
        score: string;
        regionRank: number;
        opdRank: number;
        letterNumber: string | null;
        publishedAt: Date;
        unitPath: string;
        timeZone: string;
      }>`
        select a.id, a.period_id as "periodId", p.name as "periodName", p.year, p.legal_basis as "legalBasis",
               a.employee_id as "employeeId", ${nameSql('e')} as "employeeName", e.nip, a.category, a.opd_id as "opdId",
               o.name as "opdName", a.score::text as score, a.region_rank as "regionRank", a.opd_rank as "opdRank",
               a.letter_number as "letterNumber", a.published_at as "publishedAt", u.path as "unitPath",
               o.time_zone as "timeZone"
          from teladan_awards a join teladan_periods p on p.id = a.period_id join employees e on e.id = a.employee_id
          join units u on u.id = e.unit_id join units o on o.id = a.opd_id
         where ${where}
         order by a.published_at desc, a.region_rank, a.id`.execute(exec);
      return r.rows;
    },
  };
}
export type TeladanRepo = ReturnType<typeof createTeladanRepo>;
