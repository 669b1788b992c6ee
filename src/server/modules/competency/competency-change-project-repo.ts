import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { ChangeProjectStatus, ChangeProjectVerdict } from '../../../core/performance/change-project.ts';

export interface GoalRow {
  id: string;
  goal: string;
  indicator: string;
  target: string;
}
export interface MilestoneRow {
  title: string;
  dueDate: string;
}

/** A change project with its participant and training record. */
export interface ProjectRow {
  id: string;
  employeeId: string;
  employeeName: string;
  nip: string | null;
  unitId: string;
  unitPath: string;
  unitName: string;
  trainingRecordId: string;
  trainingTitle: string;
  trainingStart: string;
  trainingEnd: string;
  program: string;
  title: string;
  problem: string;
  goals: GoalRow[];
  milestones: MilestoneRow[];
  impactInstitution: string;
  impactPublic: string;
  status: ChangeProjectStatus;
  evaluationDate: string;
  score: number | null;
  verdict: ChangeProjectVerdict | null;
  evaluatedAt: Date | null;
  assessors: number;
}

export interface AssessorRow {
  id: string;
  projectId: string;
  kind: 'INTERNAL' | 'EXTERNAL';
  employeeId: string | null;
  userId: string | null;
  name: string;
  institution: string;
}

export interface RatingRow {
  id: string;
  projectId: string;
  assessorId: string;
  goalId: string;
  score: number;
  note: string;
  hasEvidence: boolean;
  ratedAt: Date;
}

const NAME = sql<string>`concat_ws(' ', nullif(e.front_title, ''), e.name || coalesce(', ' || nullif(e.back_title, ''), ''))`;

const PROJECT_SELECT = sql`
  select p.id, p.employee_id as "employeeId", ${NAME} as "employeeName", e.nip, p.unit_id as "unitId",
         u.path as "unitPath", u.name as "unitName", p.training_record_id as "trainingRecordId",
         r.title as "trainingTitle", to_char(r.start_date, 'YYYY-MM-DD') as "trainingStart",
         to_char(r.end_date, 'YYYY-MM-DD') as "trainingEnd", p.program, p.title, p.problem, p.goals, p.milestones,
         p.impact_institution as "impactInstitution", p.impact_public as "impactPublic", p.status,
         to_char(p.evaluation_date, 'YYYY-MM-DD') as "evaluationDate", p.score::float8 as score, p.verdict,
         p.evaluated_at as "evaluatedAt",
         (select count(*)::int from competency_change_project_assessors a where a.project_id = p.id) as assessors
    from competency_change_projects p
    join employees e on e.id = p.employee_id
    join units u on u.id = p.unit_id
    join competency_training_records r on r.id = p.training_record_id`;

/** SQL of change projects (issue 19 point 5): no rules and no access checks (the service does both). */
export function createChangeProjectRepo(db: Db) {
  return {
    /** A project; `lock` takes its row for the caller's transaction (writers of one project go one at a time). */
    async project(id: string, exec: Exec = db, lock = false): Promise<ProjectRow | null> {
      if (lock)
        await sql`select id from competency_change_projects where id = ${id}::uuid for update`.execute(exec);
      const r = await sql<ProjectRow>`${PROJECT_SELECT} where p.id = ${id}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    async projectsOf(employeeId: string, exec: Exec = db): Promise<ProjectRow[]> {
      const r = await sql<ProjectRow>`${PROJECT_SELECT}
        where p.employee_id = ${employeeId}::uuid order by p.evaluation_date desc, p.created_at desc`.execute(
        exec,
      );
      return r.rows;
    },

    /** Projects whose participant's unit (at registration) is in the subtree, evaluated in the year. */
    async projectsUnder(
      unitPath: string,
      year: number,
      status: string | undefined,
      exec: Exec = db,
    ): Promise<ProjectRow[]> {
      const r = await sql<ProjectRow>`${PROJECT_SELECT}
        where u.path like ${`${unitPath}%`}
          and p.evaluation_date >= ${`${year}-01-01`}::date and p.evaluation_date <= ${`${year}-12-31`}::date
          ${status ? sql`and p.status = ${status}` : sql``}
        order by p.evaluation_date, e.name, p.id`.execute(exec);
      return r.rows;
    },

    /** Projects where the account or employee is an assessor (through the assessors' indexes: the home page asks). */
    async assignedTo(userId: string, employeeId: string | null, exec: Exec = db): Promise<ProjectRow[]> {
      const r = await sql<ProjectRow>`${PROJECT_SELECT}
        where p.id in (select a.project_id from competency_change_project_assessors a where a.user_id = ${userId}::uuid
                       union
                       select a.project_id from competency_change_project_assessors a
                        where a.employee_id = ${employeeId}::uuid)
        order by p.evaluation_date, p.id`.execute(exec);
      return r.rows;
    },

    /** Registered or rated projects whose evaluation date is within the window (the reminder tick). */
    async dueBetween(from: string, to: string, exec: Exec = db): Promise<ProjectRow[]> {
      const r = await sql<ProjectRow>`${PROJECT_SELECT}
        where p.status in ('REGISTERED', 'UNDER_EVALUATION')
          and p.evaluation_date >= ${from}::date and p.evaluation_date <= ${to}::date
        order by p.evaluation_date, p.id`.execute(exec);
      return r.rows;
    },

    async projectOfRecord(trainingRecordId: string, exec: Exec = db): Promise<string | null> {
      const r = await sql<{ id: string }>`
        select id from competency_change_projects where training_record_id = ${trainingRecordId}::uuid`.execute(
        exec,
      );
      return r.rows[0]?.id ?? null;
    },

    /** A training record with its catalogue entry's title (to tell a leadership training). */
    async trainingRecord(id: string, exec: Exec = db) {
      const r = await sql<{
        id: string;
        employeeId: string;
        title: string;
        catalogueTitle: string | null;
        startDate: string;
        endDate: string;
      }>`
        select r.id, r.employee_id as "employeeId", r.title, t.title as "catalogueTitle",
               to_char(r.start_date, 'YYYY-MM-DD') as "startDate", to_char(r.end_date, 'YYYY-MM-DD') as "endDate"
          from competency_training_records r left join competency_trainings t on t.id = r.training_id
         where r.id = ${id}::uuid`.execute(exec);
      return r.rows[0] ?? null;
    },

    /** An employee's training records without a change project (the form's choices). */
    async recordsWithoutProject(employeeId: string, exec: Exec = db) {
      const r = await sql<{ id: string; title: string; catalogueTitle: string | null; endDate: string }>`
        select r.id, r.title, t.title as "catalogueTitle", to_char(r.end_date, 'YYYY-MM-DD') as "endDate"
          from competency_training_records r left join competency_trainings t on t.id = r.training_id
         where r.employee_id = ${employeeId}::uuid
           and not exists (select 1 from competency_change_projects p where p.training_record_id = r.id)
         order by r.end_date desc`.execute(exec);
      return r.rows;
    },

    async insertProject(
      exec: Exec,
      p: {
        employeeId: string;
        unitId: string;
        trainingRecordId: string;
        program: string;
        title: string;
        problem: string;
        goals: GoalRow[];
        milestones: MilestoneRow[];
        impactInstitution: string;
        impactPublic: string;
        status: ChangeProjectStatus;
        evaluationDate: string;
        createdBy: string;
        at: Date;
      },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into competency_change_projects (employee_id, unit_id, training_record_id, program, title, problem,
               goals, milestones, impact_institution, impact_public, status, evaluation_date, registered_at,
               created_by, created_at, updated_at)
        values (${p.employeeId}::uuid, ${p.unitId}::uuid, ${p.trainingRecordId}::uuid, ${p.program}, ${p.title},
                ${p.problem}, ${JSON.stringify(p.goals)}::jsonb, ${JSON.stringify(p.milestones)}::jsonb,
                ${p.impactInstitution}, ${p.impactPublic}, ${p.status}, ${p.evaluationDate}::date,
                ${p.status === 'REGISTERED' ? p.at : null}, ${p.createdBy}::uuid, ${p.at}, ${p.at})
        returning id`.execute(exec);
      return r.rows[0]!.id;
    },

    async updateProject(
      exec: Exec,
      id: string,
      p: {
        title: string;
        problem: string;
        goals: GoalRow[];
        milestones: MilestoneRow[];
        impactInstitution: string;
        impactPublic: string;
        register: boolean;
        at: Date;
      },
    ): Promise<void> {
      await sql`
        update competency_change_projects set title = ${p.title}, problem = ${p.problem},
               goals = ${JSON.stringify(p.goals)}::jsonb, milestones = ${JSON.stringify(p.milestones)}::jsonb,
               impact_institution = ${p.impactInstitution}, impact_public = ${p.impactPublic},
               status = case when ${p.register} and status = 'DRAFT' then 'REGISTERED' else status end,
               registered_at = case when ${p.register} and status = 'DRAFT' then ${p.at} else registered_at end,
               updated_at = ${p.at}
         where id = ${id}::uuid`.execute(exec);
    },

    async setStatus(exec: Exec, id: string, status: ChangeProjectStatus, at: Date): Promise<void> {
      await sql`
        update competency_change_projects set status = ${status}, updated_at = ${at},
               registered_at = case when ${status} = 'REGISTERED' then ${at} else registered_at end
         where id = ${id}::uuid`.execute(exec);
    },

    async setVerdict(
      exec: Exec,
      id: string,
      v: { score: number; verdict: ChangeProjectVerdict; at: Date },
    ): Promise<void> {
      await sql`
        update competency_change_projects set status = 'EVALUATED', score = ${v.score}, verdict = ${v.verdict},
               evaluated_at = ${v.at}, updated_at = ${v.at}
         where id = ${id}::uuid`.execute(exec);
    },

    async assessors(projectIds: readonly string[], exec: Exec = db): Promise<AssessorRow[]> {
      if (projectIds.length === 0) return [];
      const r = await sql<AssessorRow>`
        select a.id, a.project_id as "projectId", a.kind, a.employee_id as "employeeId", a.user_id as "userId",
               a.name, a.institution
          from competency_change_project_assessors a
         where a.project_id = any(${[...projectIds]}::uuid[]) order by a.kind desc, a.assigned_at, a.id`.execute(
        exec,
      );
      return r.rows;
    },

    async deleteAssessors(exec: Exec, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await sql`delete from competency_change_project_assessors where id = any(${[...ids]}::uuid[])`.execute(
        exec,
      );
    },

    async insertAssessor(
      exec: Exec,
      a: Omit<AssessorRow, 'id'> & { assignedBy: string; at: Date },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into competency_change_project_assessors (project_id, kind, employee_id, user_id, name, institution,
                                                        assigned_by, assigned_at)
        values (${a.projectId}::uuid, ${a.kind}, ${a.employeeId}::uuid, ${a.userId}::uuid, ${a.name},
                ${a.institution}, ${a.assignedBy}::uuid, ${a.at})
        returning id`.execute(exec);
      return r.rows[0]!.id;
    },

    async ratings(projectIds: readonly string[], exec: Exec = db): Promise<RatingRow[]> {
      if (projectIds.length === 0) return [];
      const r = await sql<RatingRow>`
        select g.id, g.project_id as "projectId", g.assessor_id as "assessorId", g.goal_id as "goalId", g.score,
               g.note, g.rated_at as "ratedAt",
               exists (select 1 from attachments f where f.owner_kind = 'competency_change_project_rating'
                        and f.owner_id = g.id) as "hasEvidence"
          from competency_change_project_ratings g
         where g.project_id = any(${[...projectIds]}::uuid[]) order by g.rated_at, g.id`.execute(exec);
      return r.rows;
    },

    async insertRating(
      exec: Exec,
      g: {
        projectId: string;
        assessorId: string;
        goalId: string;
        score: number;
        note: string;
        ratedBy: string;
        at: Date;
      },
    ): Promise<string | null> {
      const r = await sql<{ id: string }>`
        insert into competency_change_project_ratings (project_id, assessor_id, goal_id, score, note, rated_by, rated_at)
        values (${g.projectId}::uuid, ${g.assessorId}::uuid, ${g.goalId}, ${g.score}, ${g.note}, ${g.ratedBy}::uuid,
                ${g.at})
        on conflict (assessor_id, goal_id) do nothing
        returning id`.execute(exec);
      return r.rows[0]?.id ?? null;
    },

    async ratingProject(ratingId: string, exec: Exec = db): Promise<string | null> {
      const r = await sql<{ projectId: string }>`
        select project_id as "projectId" from competency_change_project_ratings where id = ${ratingId}::uuid`.execute(
        exec,
      );
      return r.rows[0]?.projectId ?? null;
    },

    async userExists(userId: string, exec: Exec = db): Promise<boolean> {
      const r = await sql<{ one: number }>`select 1 as one from users where id = ${userId}::uuid`.execute(
        exec,
      );
      return r.rows.length > 0;
    },
  };
}
export type ChangeProjectRepo = ReturnType<typeof createChangeProjectRepo>;
