import { sql, type Kysely } from 'kysely';

/** Who looked at which permit letter / correction evidence, when and from where (UU 27/2022 access log). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table request_file_views (
    id bigint generated always as identity primary key,
    file_hash text not null,
    entity_type text not null,
    entity_id uuid not null,
    viewer_id uuid not null references users(id),
    viewed_at timestamptz not null default now(),
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create index request_file_views_entity_idx on request_file_views (entity_id, viewed_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table request_file_views`.execute(db);
}
