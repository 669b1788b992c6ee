import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table users (
    id uuid primary key default gen_random_uuid(),
    username text not null unique,
    employee_id uuid unique references employees(id),
    display_name text not null,
    password_hash text not null,
    must_change_password boolean not null default true,
    is_demo boolean not null default false,
    failed_attempts integer not null default 0,
    locked_until timestamptz,
    locale text not null default 'id' check (locale in ('id','en')),
    active boolean not null default true,
    password_changed_at timestamptz,
    created_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table users`.execute(db);
}
