import { sql, type Kysely } from 'kysely';

/** Database-backed sessions so several server processes share them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table sessions (
    id text primary key,
    user_id uuid not null references users(id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    last_seen_at timestamptz not null,
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sessions`.execute(db);
}
