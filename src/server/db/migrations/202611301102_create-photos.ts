import { sql, type Kysely } from 'kysely';

/** Punch photos, stored by content hash (the bytes live in the photo store: local folder or S3). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table photos (
    hash text primary key,
    mime text not null,
    size_bytes integer not null,
    employee_id uuid not null references employees(id) on delete cascade,
    created_at timestamptz not null default now(),
    purged_at timestamptz
  )`.execute(db);
  await sql`create index photos_created_idx on photos (created_at) where purged_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table photos`.execute(db);
}
