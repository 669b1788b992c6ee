import { sql, type Kysely } from 'kysely';

/**
 * An assessor's rating of one goal of a change project (issue 19 point 5): the score on the rulebook's scale and the
 * evidence (a note, and optionally a PDF or image attached to the row, kind `competency_change_project_evidence`).
 * One per assessor and goal; a new rating of the same goal replaces the score and note while the project is not
 * judged.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_change_project_ratings (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references competency_change_projects (id),
      assessor_id uuid not null references competency_change_project_assessors (id),
      goal_id text not null,
      score integer not null,
      note text not null,
      rated_by uuid references users (id),
      rated_at timestamptz not null,
      unique (assessor_id, goal_id)
    )`.execute(db);
  await sql`create index competency_change_project_ratings_project on competency_change_project_ratings (project_id)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_change_project_ratings`.execute(db);
}
