import { sql, type Kysely } from 'kysely';

/**
 * Change projects (proyek perubahan, issue 19 point 5): the project a participant of a leadership training (PKN /
 * PKA / PKP) registers on its training record (one per record): title, problem, goals (each with its indicator and
 * target; ids the ratings refer to), milestones with dates, the expected impact for the institution and for the
 * public, the status, the evaluation date (training end + the rulebook's months) and, once judged, the score and
 * the verdict.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_change_projects (
      id uuid primary key default gen_random_uuid(),
      employee_id uuid not null references employees (id),
      unit_id uuid not null references units (id),
      training_record_id uuid not null unique references competency_training_records (id),
      program text not null,
      title text not null,
      problem text not null,
      goals jsonb not null,
      milestones jsonb not null,
      impact_institution text not null,
      impact_public text not null,
      status text not null default 'DRAFT'
        check (status in ('DRAFT', 'REGISTERED', 'UNDER_EVALUATION', 'EVALUATED')),
      evaluation_date date not null,
      score numeric(5, 2),
      verdict text check (verdict in ('DELIVERED', 'PARTLY', 'NOT_DELIVERED')),
      evaluated_at timestamptz,
      registered_at timestamptz,
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'EVALUATED') = (verdict is not null))
    )`.execute(db);
  await sql`create index competency_change_projects_employee on competency_change_projects (employee_id)`.execute(
    db,
  );
  await sql`create index competency_change_projects_due on competency_change_projects (evaluation_date)
              where status in ('REGISTERED', 'UNDER_EVALUATION')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_change_projects`.execute(db);
}
