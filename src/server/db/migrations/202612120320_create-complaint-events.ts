import { sql, type Kysely } from 'kysely';

/** The steps of a complaint (received, routed, answered, rejected, case opened) with the officials' notes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table complaint_events (
      id uuid primary key default gen_random_uuid(),
      complaint_id uuid not null references complaints (id) on delete cascade,
      action text not null,
      from_status text,
      to_status text not null,
      note text,
      actor_id uuid references users (id),
      actor_name text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index complaint_events_complaint on complaint_events (complaint_id, at)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table complaint_events`.execute(db);
}
