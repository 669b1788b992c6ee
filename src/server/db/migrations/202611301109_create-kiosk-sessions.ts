import { sql, type Kysely } from 'kysely';

/**
 * A kiosk screen showing the rotating QR code of a unit (optionally for one apel session). `secret` keys the
 * HMAC of each 30-second code; `token_hash` authenticates the screen that fetches the codes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table kiosk_sessions (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id) on delete cascade,
    apel_session_id uuid references apel_sessions(id) on delete cascade,
    label text not null,
    secret text not null,
    token_hash text not null,
    opened_by uuid not null references users(id),
    opened_at timestamptz not null default now(),
    expires_at timestamptz not null,
    closed_at timestamptz
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kiosk_sessions`.execute(db);
}
