import { sql, type Kysely } from 'kysely';

/** Who looked at which punch photo, when and from where (UU 27/2022: a log of access to personal data). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table photo_views (
    id bigint generated always as identity primary key,
    photo_hash text not null,
    viewer_id uuid not null references users(id),
    viewed_at timestamptz not null default now(),
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create index photo_views_photo_idx on photo_views (photo_hash, viewed_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table photo_views`.execute(db);
}
