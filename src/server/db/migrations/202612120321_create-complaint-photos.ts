import { sql, type Kysely } from 'kysely';

/** The photos of a complaint: one row each, the owner of one attachment (src/server/files, kind complaint_photo). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table complaint_photos (
      id uuid primary key default gen_random_uuid(),
      complaint_id uuid not null references complaints (id) on delete cascade,
      position int not null,
      created_at timestamptz not null,
      unique (complaint_id, position)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table complaint_photos`.execute(db);
}
