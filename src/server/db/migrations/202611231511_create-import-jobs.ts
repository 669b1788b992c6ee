import { sql, type Kysely } from 'kysely';

/** Validated imports waiting for the user's decision (import all, valid rows only, or nothing). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table import_jobs (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('units','employees')),
    file_name text not null,
    status text not null check (status in ('validated','committed','rejected')),
    total_rows integer not null,
    valid_rows integer not null,
    errors jsonb not null,
    payload jsonb not null,
    result jsonb,
    scope_unit_id uuid references units(id),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    committed_at timestamptz
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_jobs`.execute(db);
}
