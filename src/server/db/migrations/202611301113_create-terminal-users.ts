import { sql, type Kysely } from 'kysely';

/**
 * Which employee a fingerprint/face terminal's user id is. `terminal_serial` null = the id means the same
 * person on every terminal of the unit tree (the common single-enrolment set-up).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table terminal_users (
    id uuid primary key default gen_random_uuid(),
    terminal_serial text,
    terminal_user_id text not null,
    employee_id uuid not null references employees(id) on delete cascade,
    created_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index terminal_users_key on terminal_users (coalesce(terminal_serial, ''), terminal_user_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table terminal_users`.execute(db);
}
