import { sql, type Kysely } from 'kysely';

/**
 * The training catalogue BKD maintains (issue 19 point 3): diklat, courses, coaching, mentoring, partner-university
 * study, each with the competencies it develops, its lesson hours (JP) and its cost per participant.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_trainings (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      kind text not null,
      codes text[] not null,
      jp integer not null check (jp >= 0),
      cost bigint not null check (cost >= 0),
      provider text,
      active boolean not null default true,
      updated_by uuid references users (id),
      updated_at timestamptz not null
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_trainings`.execute(db);
}
