import { sql, type Kysely } from 'kysely';

/**
 * What finance needs of an employee for TPP: the gaji pokok history (the BPJS ceiling is on gaji + TPP, Perpres
 * 64/2020; regulations.md §5.1) and the bank account the TPP is transferred to, with NPWP for tax.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table employee_salaries (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    valid_from date not null,
    gaji_pokok bigint not null check (gaji_pokok >= 0),
    reference text,
    recorded_by uuid not null references users(id),
    recorded_at timestamptz not null default now(),
    unique (employee_id, valid_from)
  )`.execute(db);
  await sql`create table employee_bank_accounts (
    employee_id uuid primary key references employees(id),
    bank_name text not null,
    account_number text not null,
    account_holder text not null,
    npwp text,
    updated_by uuid not null references users(id),
    updated_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table employee_bank_accounts`.execute(db);
  await sql`drop table employee_salaries`.execute(db);
}
