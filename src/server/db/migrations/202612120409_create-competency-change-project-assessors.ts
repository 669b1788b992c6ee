import { sql, type Kysely } from 'kysely';

/**
 * The assessors of a change project (issue 19 point 5), assigned by BKD: internal (an employee, never the
 * participant) or external (a name and an institution, optionally an account to rate through). An assessor is on a
 * project once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_change_project_assessors (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references competency_change_projects (id),
      kind text not null check (kind in ('INTERNAL', 'EXTERNAL')),
      employee_id uuid references employees (id),
      user_id uuid references users (id),
      name text not null,
      institution text not null,
      assigned_by uuid references users (id),
      assigned_at timestamptz not null,
      check ((kind = 'INTERNAL') = (employee_id is not null))
    )`.execute(db);
  await sql`create unique index competency_change_project_assessors_employee
              on competency_change_project_assessors (project_id, employee_id) where employee_id is not null`.execute(
    db,
  );
  await sql`create unique index competency_change_project_assessors_user
              on competency_change_project_assessors (project_id, user_id) where user_id is not null`.execute(
    db,
  );
  await sql`create index competency_change_project_assessors_of_employee
              on competency_change_project_assessors (employee_id)`.execute(db);
  await sql`create index competency_change_project_assessors_of_user
              on competency_change_project_assessors (user_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_change_project_assessors`.execute(db);
}
