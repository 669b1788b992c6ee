import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { UnitScope } from '../../auth/authz.ts';

/** An employee as this module needs them (current placement). */
export interface EmployeeBasics {
  id: string;
  name: string;
  nip: string | null;
  unitId: string;
  unitPath: string;
  unitName: string;
  positionId: string | null;
  positionName: string | null;
  positionKind: string | null;
}

export interface PositionInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
  unitId: string;
  unitPath: string;
  unitName: string;
}

export interface AssessmentRow {
  id: string;
  employeeId: string;
  employeeName: string;
  nip: string | null;
  unitName: string;
  assessedOn: string;
  method: string;
  assessor: string;
  notes: string | null;
  recommendation: string | null;
  positionId: string | null;
  positionName: string | null;
  positionKind: string | null;
  levels: { code: string; level: number }[];
}

export interface TrainingRow {
  id: string;
  title: string;
  kind: string;
  codes: string[];
  jp: number;
  cost: number;
  provider: string | null;
  active: boolean;
}

export interface TechnicalRow {
  code: string;
  name: string;
  family: string;
  definition: string | null;
  levels: string[];
}

const NAME = sql<string>`concat_ws(' ', nullif(e.front_title, ''), e.name || coalesce(', ' || nullif(e.back_title, ''), ''))`;
const inPaths = (scope: UnitScope) =>
  scope === 'all'
    ? sql<boolean>`true`
    : scope.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`(${sql.join(
          scope.map((p) => sql`u.path like ${`${p}%`}`),
          sql` or `,
        )})`;
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

const ASSESSMENT_SELECT = sql`
  select a.id, a.employee_id as "employeeId", ${NAME} as "employeeName", e.nip, u.name as "unitName",
         to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn", a.method, a.assessor, a.notes, a.recommendation,
         a.position_id as "positionId", p.name as "positionName", p.kind as "positionKind", a.levels
    from competency_assessments a
    join employees e on e.id = a.employee_id
    join units u on u.id = a.unit_id
    left join positions p on p.id = a.position_id`;

/** SQL of Competency: no rules and no access checks (the service does both). */
export function createCompetencyRepo(db: Db) {
  return {
    async employee(id: string, exec: Exec = db): Promise<EmployeeBasics | null> {
      const r = await sql<EmployeeBasics>`
        select e.id, ${NAME} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath", u.name as "unitName",
               e.position_id as "positionId", p.name as "positionName", p.kind as "positionKind"
          from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
         where e.id = ${id}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async employeesByNip(nips: readonly string[], exec: Exec = db): Promise<Map<string, EmployeeBasics>> {
      if (nips.length === 0) return new Map();
      const r = await sql<EmployeeBasics>`
        select e.id, ${NAME} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath", u.name as "unitName",
               e.position_id as "positionId", p.name as "positionName", p.kind as "positionKind"
          from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
         where e.nip = any(${[...nips]}::text[])`.execute(exec);
      return new Map(r.rows.map((e) => [e.nip!, e]));
    },

    async position(id: string, exec: Exec = db): Promise<PositionInfo | null> {
      const r = await sql<PositionInfo>`
        select p.id, p.code, p.name, p.kind, p.unit_id as "unitId", u.path as "unitPath", u.name as "unitName"
          from positions p join units u on u.id = p.unit_id where p.id = ${id}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async positionsByCode(codes: readonly string[], exec: Exec = db): Promise<Map<string, PositionInfo>> {
      if (codes.length === 0) return new Map();
      const r = await sql<PositionInfo>`
        select p.id, p.code, p.name, p.kind, p.unit_id as "unitId", u.path as "unitPath", u.name as "unitName"
          from positions p join units u on u.id = p.unit_id where p.code = any(${[...codes]}::text[])`.execute(
        exec,
      );
      return new Map(r.rows.map((p) => [p.code, p]));
    },

    async positionLevels(
      positionIds: readonly string[],
      exec: Exec = db,
    ): Promise<{ positionId: string; code: string; level: number }[]> {
      if (positionIds.length === 0) return [];
      const r = await sql<{ positionId: string; code: string; level: number }>`
        select position_id as "positionId", code, level from competency_position_levels
         where position_id = any(${[...new Set(positionIds)]}::uuid[]) order by code`.execute(exec);
      return r.rows;
    },

    /** Locks the position row: writers of one position's standard go one at a time. */
    async lockPosition(exec: Exec, positionId: string): Promise<void> {
      await sql`select id from positions where id = ${positionId}::uuid for update`.execute(exec);
    },

    async replacePositionLevels(
      exec: Exec,
      positionId: string,
      levels: readonly { code: string; level: number }[],
      by: string,
      at: Date,
    ): Promise<void> {
      await sql`delete from competency_position_levels where position_id = ${positionId}::uuid`.execute(exec);
      for (const l of levels)
        await sql`insert into competency_position_levels (position_id, code, level, updated_by, updated_at)
                  values (${positionId}::uuid, ${l.code}, ${l.level}, ${by}::uuid, ${at})`.execute(exec);
    },

    async upsertPositionLevel(
      exec: Exec,
      row: { positionId: string; code: string; level: number },
      by: string,
      at: Date,
    ): Promise<void> {
      await sql`insert into competency_position_levels (position_id, code, level, updated_by, updated_at)
                values (${row.positionId}::uuid, ${row.code}, ${row.level}, ${by}::uuid, ${at})
                on conflict (position_id, code)
                do update set level = excluded.level, updated_by = excluded.updated_by,
                              updated_at = excluded.updated_at`.execute(exec);
    },

    async technicals(exec: Exec = db): Promise<TechnicalRow[]> {
      const r = await sql<TechnicalRow>`
        select code, name, family, definition, levels from competency_technicals order by code`.execute(exec);
      return r.rows;
    },

    async technical(code: string, exec: Exec = db): Promise<TechnicalRow | null> {
      const r = await sql<TechnicalRow>`
        select code, name, family, definition, levels from competency_technicals where code = ${code}`.execute(
        exec,
      );
      return r.rows[0] ?? null;
    },

    async upsertTechnical(exec: Exec, row: TechnicalRow, by: string, at: Date): Promise<void> {
      await sql`insert into competency_technicals (code, name, family, definition, levels, updated_by, updated_at)
                values (${row.code}, ${row.name}, ${row.family}, ${row.definition}, ${JSON.stringify(row.levels)}::jsonb,
                        ${by}::uuid, ${at})
                on conflict (code) do update set name = excluded.name, family = excluded.family,
                   definition = excluded.definition, levels = excluded.levels, updated_by = excluded.updated_by,
                   updated_at = excluded.updated_at`.execute(exec);
    },

    async assessmentExists(
      employeeId: string,
      on: string,
      method: string,
      exec: Exec = db,
    ): Promise<boolean> {
      const r = await sql<{ one: number }>`
        select 1 as one from competency_assessments
         where employee_id = ${employeeId}::uuid and assessed_on = ${on}::date and method = ${method}`.execute(
        exec,
      );
      return r.rows.length > 0;
    },

    async insertAssessment(
      exec: Exec,
      a: {
        employeeId: string;
        assessedOn: string;
        method: string;
        assessor: string;
        unitId: string;
        positionId: string | null;
        levels: { code: string; level: number }[];
        notes: string | null;
        recommendation: string | null;
        importId: string | null;
        createdBy: string;
        createdAt: Date;
      },
    ): Promise<string | null> {
      const r = await sql<{ id: string }>`
        insert into competency_assessments (employee_id, assessed_on, method, assessor, unit_id, position_id, levels,
                                            notes, recommendation, import_id, created_by, created_at)
        values (${a.employeeId}::uuid, ${a.assessedOn}::date, ${a.method}, ${a.assessor}, ${a.unitId}::uuid,
                ${a.positionId}::uuid, ${JSON.stringify(a.levels)}::jsonb, ${a.notes}, ${a.recommendation},
                ${a.importId}::uuid, ${a.createdBy}::uuid, ${a.createdAt})
        on conflict (employee_id, assessed_on, method) do nothing
        returning id`.execute(exec);
      return r.rows[0]?.id ?? null;
    },

    /** Every result of an employee, newest first. */
    async assessmentsOf(employeeId: string, exec: Exec = db): Promise<AssessmentRow[]> {
      const r = await sql<AssessmentRow>`${ASSESSMENT_SELECT}
         where a.employee_id = ${employeeId}::uuid order by a.assessed_on desc, a.created_at desc`.execute(
        exec,
      );
      return r.rows;
    },

    /** The newest result of each employee. */
    async latestOf(employeeIds: readonly string[], exec: Exec = db): Promise<AssessmentRow[]> {
      if (employeeIds.length === 0) return [];
      const r = await sql<AssessmentRow>`
        select distinct on (x."employeeId") x.* from (${ASSESSMENT_SELECT}
         where a.employee_id = any(${[...employeeIds]}::uuid[])) x
         order by x."employeeId", x."assessedOn" desc`.execute(exec);
      return r.rows;
    },

    /** A page of results in units of the scope (by the unit the employee was in when assessed). */
    async assessmentsIn(
      scope: UnitScope,
      f: { unitPath?: string | undefined; q?: string | undefined },
      page: number,
      pageSize: number,
    ): Promise<{ rows: AssessmentRow[]; total: number }> {
      const parts = [inPaths(scope)];
      if (f.unitPath) parts.push(sql<boolean>`u.path like ${`${f.unitPath}%`}`);
      if (f.q) parts.push(sql<boolean>`(e.name ilike ${likeOf(f.q)} or e.nip like ${likeOf(f.q)})`);
      const where = sql.join(parts, sql` and `);
      const rows = await sql<AssessmentRow>`${ASSESSMENT_SELECT} where ${where}
         order by a.assessed_on desc, a.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: string }>`
        select count(*) as n from competency_assessments a join employees e on e.id = a.employee_id
          join units u on u.id = a.unit_id where ${where}`.execute(db);
      return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
    },

    async trainings(exec: Exec = db): Promise<TrainingRow[]> {
      const r = await sql<TrainingRow>`
        select id, title, kind, codes, jp, cost::float8 as cost, provider, active from competency_trainings
         order by active desc, title, id`.execute(exec);
      return r.rows;
    },

    async training(id: string, exec: Exec = db): Promise<TrainingRow | null> {
      const r = await sql<TrainingRow>`
        select id, title, kind, codes, jp, cost::float8 as cost, provider, active from competency_trainings
         where id = ${id}::uuid for update`.execute(exec);
      return r.rows[0] ?? null;
    },

    async saveTraining(exec: Exec, t: Omit<TrainingRow, 'id'> & { id?: string }, by: string, at: Date) {
      const codes = sql`${t.codes}::text[]`;
      const r = t.id
        ? await sql<{ id: string }>`
            update competency_trainings set title = ${t.title}, kind = ${t.kind}, codes = ${codes}, jp = ${t.jp},
                   cost = ${t.cost}, provider = ${t.provider}, active = ${t.active}, updated_by = ${by}::uuid,
                   updated_at = ${at}
             where id = ${t.id}::uuid returning id`.execute(exec)
        : await sql<{ id: string }>`
            insert into competency_trainings (title, kind, codes, jp, cost, provider, active, updated_by, updated_at)
            values (${t.title}, ${t.kind}, ${codes}, ${t.jp}, ${t.cost}, ${t.provider}, ${t.active}, ${by}::uuid, ${at})
            returning id`.execute(exec);
      return r.rows[0]!.id;
    },

    async budget(unitId: string, year: number, exec: Exec = db): Promise<number | null> {
      const r = await sql<{ amount: number }>`
        select amount::float8 as amount from competency_training_budgets
         where unit_id = ${unitId}::uuid and year = ${year}`.execute(exec);
      return r.rows[0]?.amount ?? null;
    },

    async setBudget(
      exec: Exec,
      b: { unitId: string; year: number; amount: number; reference: string | null },
      by: string,
      at: Date,
    ): Promise<void> {
      await sql`insert into competency_training_budgets (unit_id, year, amount, reference, updated_by, updated_at)
                values (${b.unitId}::uuid, ${b.year}, ${b.amount}, ${b.reference}, ${by}::uuid, ${at})
                on conflict (unit_id, year) do update set amount = excluded.amount, reference = excluded.reference,
                   updated_by = excluded.updated_by, updated_at = excluded.updated_at`.execute(exec);
    },

    /** Employees placed (now) in the unit's subtree and in service on the date. */
    async employeesUnder(unitPath: string, date: string, exec: Exec = db): Promise<EmployeeBasics[]> {
      const r = await sql<EmployeeBasics>`
        select e.id, ${NAME} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath", u.name as "unitName",
               e.position_id as "positionId", p.name as "positionName", p.kind as "positionKind"
          from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
         where u.path like ${`${unitPath}%`} and e.active_from <= ${date}::date
           and (e.active_to is null or e.active_to >= ${date}::date)
         order by e.name, e.id`.execute(exec);
      return r.rows;
    },

    /**
     * The people in service on a date in units of a scope (and under a unit path), each with their OPD (the nearest
     * unit of kind OPD above or at their unit; their unit itself when none) and the JP of their records that ended
     * in the year: the analytics' population.
     */
    async analyticsPeople(scope: UnitScope, unitPath: string | null, date: string, year: number) {
      const r = await sql<{
        id: string;
        positionId: string | null;
        positionKind: string | null;
        groupId: string;
        groupName: string;
        jp: number;
      }>`
        select e.id, e.position_id as "positionId", p.kind as "positionKind",
               coalesce(o.id, u.id) as "groupId", coalesce(o.name, u.name) as "groupName",
               coalesce((select sum(r.jp) from competency_training_records r
                          where r.employee_id = e.id
                            and r.end_date between make_date(${year}, 1, 1) and make_date(${year}, 12, 31)), 0)::int as jp
          from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
          left join lateral (select o.id, o.name from units o where o.kind = 'OPD' and u.path like o.path || '%'
                              order by length(o.path) desc limit 1) o on true
         where ${inPaths(scope)} and u.path like ${`${unitPath ?? ''}%`}
           and e.active_from <= ${date}::date and (e.active_to is null or e.active_to >= ${date}::date)`.execute(
        db,
      );
      return r.rows;
    },

    /**
     * The analytics' totals for a scope in one aggregate (the home page's card): the people in service on a date,
     * those whose records that ended in the year reach `jpTarget`, and those with any result. Same population as
     * `analyticsPeople`, without loading it.
     */
    async analyticsTotals(scope: UnitScope, date: string, year: number, jpTarget: number) {
      const r = await sql<{ employees: number; jpMet: number; assessed: number }>`
        select count(*)::int as employees,
               count(*) filter (where coalesce(j.jp, 0) >= ${jpTarget})::int as "jpMet",
               count(*) filter (where exists (select 1 from competency_assessments a
                                               where a.employee_id = e.id))::int as assessed
          from employees e join units u on u.id = e.unit_id
          left join (select r.employee_id, sum(r.jp) as jp from competency_training_records r
                      where r.end_date between make_date(${year}, 1, 1) and make_date(${year}, 12, 31)
                      group by r.employee_id) j on j.employee_id = e.id
         where ${inPaths(scope)}
           and e.active_from <= ${date}::date and (e.active_to is null or e.active_to >= ${date}::date)`.execute(
        db,
      );
      return r.rows[0]!;
    },

    async unit(unitId: string, exec: Exec = db): Promise<{ id: string; name: string; path: string } | null> {
      const r = await sql<{ id: string; name: string; path: string }>`
        select id, name, path from units where id = ${unitId}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async insertRecord(
      exec: Exec,
      r: {
        employeeId: string;
        unitId: string;
        title: string;
        provider: string;
        startDate: string;
        endDate: string;
        jp: number;
        cost: number;
        trainingId: string | null;
        createdBy: string;
        createdAt: Date;
      },
    ): Promise<string> {
      const res = await sql<{ id: string }>`
        insert into competency_training_records (employee_id, unit_id, title, provider, start_date, end_date, jp, cost,
                                                 training_id, created_by, created_at)
        values (${r.employeeId}::uuid, ${r.unitId}::uuid, ${r.title}, ${r.provider}, ${r.startDate}::date,
                ${r.endDate}::date, ${r.jp}, ${r.cost}, ${r.trainingId}::uuid, ${r.createdBy}::uuid, ${r.createdAt})
        returning id`.execute(exec);
      return res.rows[0]!.id;
    },

    /** An employee's training records, newest first, with whether a certificate is attached. */
    async recordsOf(employeeId: string, exec: Exec = db) {
      const r = await sql<{
        id: string;
        title: string;
        provider: string;
        startDate: string;
        endDate: string;
        jp: number;
        cost: number;
        hasCertificate: boolean;
      }>`
        select r.id, r.title, r.provider, to_char(r.start_date, 'YYYY-MM-DD') as "startDate",
               to_char(r.end_date, 'YYYY-MM-DD') as "endDate", r.jp, r.cost::float8 as cost,
               exists (select 1 from attachments a where a.owner_kind = 'competency_training_record'
                        and a.owner_id = r.id) as "hasCertificate"
          from competency_training_records r where r.employee_id = ${employeeId}::uuid
         order by r.end_date desc, r.created_at desc`.execute(exec);
      return r.rows;
    },

    /** `employeeId|title (lower case)|startDate` of the stored records of these employees (an import's duplicates). */
    async recordKeys(employeeIds: readonly string[], exec: Exec = db): Promise<Set<string>> {
      if (employeeIds.length === 0) return new Set();
      const r = await sql<{ k: string }>`
        select employee_id || '|' || lower(title) || '|' || to_char(start_date, 'YYYY-MM-DD') as k
          from competency_training_records where employee_id = any(${[...employeeIds]}::uuid[])`.execute(
        exec,
      );
      return new Set(r.rows.map((x) => x.k));
    },

    async hasCertificate(recordId: string, exec: Exec = db): Promise<boolean> {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from attachments
         where owner_kind = 'competency_training_record' and owner_id = ${recordId}::uuid`.execute(exec);
      return (r.rows[0]?.n ?? 0) > 0;
    },

    async recordOwner(id: string, exec: Exec = db): Promise<string | null> {
      const r = await sql<{ employeeId: string }>`
        select employee_id as "employeeId" from competency_training_records where id = ${id}::uuid`.execute(
        exec,
      );
      return r.rows[0]?.employeeId ?? null;
    },

    // ------------------------------------------------------------------ talent (point 6)

    /** Employees placed (now) in units of the scope (optionally one subtree) and in service on the date. */
    async employeesIn(
      scope: UnitScope,
      unitPath: string | null,
      date: string,
      exec: Exec = db,
    ): Promise<EmployeeBasics[]> {
      const r = await sql<EmployeeBasics>`
        select e.id, ${NAME} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath", u.name as "unitName",
               e.position_id as "positionId", p.name as "positionName", p.kind as "positionKind"
          from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
         where ${inPaths(scope)} and ${unitPath ? sql<boolean>`u.path like ${`${unitPath}%`}` : sql<boolean>`true`}
           and e.active_from <= ${date}::date and (e.active_to is null or e.active_to >= ${date}::date)
         order by e.name, e.id`.execute(exec);
      return r.rows;
    },

    /** Employees by id with their current placement (for a superior's staff). */
    async employeesById(ids: readonly string[], exec: Exec = db): Promise<EmployeeBasics[]> {
      if (ids.length === 0) return [];
      const r = await sql<EmployeeBasics>`
        select e.id, ${NAME} as name, e.nip, e.unit_id as "unitId", u.path as "unitPath", u.name as "unitName",
               e.position_id as "positionId", p.name as "positionName", p.kind as "positionKind"
          from employees e join units u on u.id = e.unit_id left join positions p on p.id = e.position_id
         where e.id = any(${[...ids]}::uuid[]) order by e.name, e.id`.execute(exec);
      return r.rows;
    },

    /**
     * Positions in units of the scope (optionally one subtree) with their holder: the employee now placed on it and
     * in service on the date (null: vacant).
     */
    async positionsIn(
      scope: UnitScope,
      f: { unitPath: string | null; positionId?: string; q?: string | undefined },
      date: string,
      exec: Exec = db,
    ) {
      const parts = [inPaths(scope)];
      if (f.unitPath) parts.push(sql<boolean>`u.path like ${`${f.unitPath}%`}`);
      if (f.positionId) parts.push(sql<boolean>`p.id = ${f.positionId}::uuid`);
      if (f.q) parts.push(sql<boolean>`(p.name ilike ${likeOf(f.q)} or p.code ilike ${likeOf(f.q)})`);
      const r = await sql<
        PositionInfo & { holderId: string | null; holderName: string | null; holderBirthDate: string | null }
      >`
        select p.id, p.code, p.name, p.kind, p.unit_id as "unitId", u.path as "unitPath", u.name as "unitName",
               h.id as "holderId", h.name as "holderName", to_char(h.birth_date, 'YYYY-MM-DD') as "holderBirthDate"
          from positions p join units u on u.id = p.unit_id
          left join lateral (
            select e.id, ${NAME} as name, e.birth_date from employees e
             where e.position_id = p.id and e.active_from <= ${date}::date
               and (e.active_to is null or e.active_to >= ${date}::date)
             order by e.name, e.id limit 1) h on true
         where ${sql.join(parts, sql` and `)}
         order by u.path, p.is_head desc, p.name, p.id
         limit 2000`.execute(exec);
      return r.rows;
    },

    /** Training records of these employees that ended in the year (JP of the year). */
    async recordsInYear(
      employeeIds: readonly string[],
      year: number,
      exec: Exec = db,
    ): Promise<{ employeeId: string; title: string; endDate: string; jp: number }[]> {
      if (employeeIds.length === 0) return [];
      const r = await sql<{ employeeId: string; title: string; endDate: string; jp: number }>`
        select employee_id as "employeeId", title, to_char(end_date, 'YYYY-MM-DD') as "endDate", jp
          from competency_training_records
         where employee_id = any(${[...employeeIds]}::uuid[])
           and end_date between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
         order by end_date desc, created_at desc`.execute(exec);
      return r.rows;
    },

    async unitPath(unitId: string, exec: Exec = db): Promise<string | null> {
      const r = await sql<{ path: string }>`select path from units where id = ${unitId}::uuid`.execute(exec);
      return r.rows[0]?.path ?? null;
    },
  };
}
export type CompetencyRepo = ReturnType<typeof createCompetencyRepo>;
