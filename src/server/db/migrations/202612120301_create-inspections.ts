import { sql, type Kysely } from 'kysely';

/**
 * Inspections (sidak, issue 18 point 1): the plan — announced or unannounced, a date, the units inspected and the
 * team that works it; optionally the public complaint it answers (`complaint_id`, no foreign key: the complaints
 * module owns that table).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspections (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      kind text not null check (kind in ('ANNOUNCED', 'UNANNOUNCED')),
      date date not null,
      status text not null default 'PLANNED' check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      complaint_id uuid,
      note text,
      created_by uuid not null references users (id),
      created_at timestamptz not null,
      started_at timestamptz,
      roster_at timestamptz,
      finished_at timestamptz,
      summary text
    )`.execute(db);
  await sql`create index inspections_date on inspections (date desc, id)`.execute(db);
  await sql`
    create table inspection_units (
      inspection_id uuid not null references inspections (id) on delete cascade,
      unit_id uuid not null references units (id),
      primary key (inspection_id, unit_id)
    )`.execute(db);
  await sql`create index inspection_units_unit on inspection_units (unit_id)`.execute(db);
  await sql`
    create table inspection_team (
      inspection_id uuid not null references inspections (id) on delete cascade,
      user_id uuid not null references users (id),
      primary key (inspection_id, user_id)
    )`.execute(db);
  await sql`create index inspection_team_user on inspection_team (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inspection_team`.execute(db);
  await sql`drop table inspection_units`.execute(db);
  await sql`drop table inspections`.execute(db);
}
