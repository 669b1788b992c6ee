import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table employees (
    id uuid primary key default gen_random_uuid(),
    nip text unique check (nip is null or nip ~ '^[0-9]{18}$'),
    internal_id text unique,
    front_title text,
    name text not null,
    back_title text,
    gender text not null check (gender in ('L','P')),
    birth_date date,
    employee_type text not null check (employee_type in ('PNS','CPNS','PPPK','PPPK_PARUH_WAKTU','NON_ASN')),
    golongan text,
    education text,
    email text,
    phone text,
    unit_id uuid not null references units(id),
    position_id uuid references positions(id),
    superior_id uuid references employees(id),
    active_from date not null,
    active_to date,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (nip is not null or internal_id is not null)
  )`.execute(db);
  await sql`create index employees_unit_idx on employees (unit_id)`.execute(db);
  await sql`create index employees_superior_idx on employees (superior_id)`.execute(db);
  await sql`create index employees_name_idx on employees (lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table employees`.execute(db);
}
