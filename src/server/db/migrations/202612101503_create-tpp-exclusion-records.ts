import { sql, type Kysely } from 'kysely';

/**
 * Personnel facts that exclude an employee from TPP for a period (regulations.md §5.1: CLTN, non-active, uang
 * tunggu, MPP, seconded outside the Pemda, imprisoned, TPG recipient, …), by the codes of the rulebook's
 * `tpp.exclusions`, with the decree that states them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_exclusion_records (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    code text not null,
    valid_from date not null,
    valid_to date,
    reason text not null,
    reference text,
    recorded_by uuid not null references users(id),
    recorded_at timestamptz not null default now(),
    ended_by uuid references users(id),
    check (valid_to is null or valid_to >= valid_from)
  )`.execute(db);
  await sql`create index tpp_exclusion_records_employee on tpp_exclusion_records (employee_id, valid_from)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_exclusion_records`.execute(db);
}
