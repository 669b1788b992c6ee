import { sql, type Kysely } from 'kysely';

/**
 * The treasurer (bendahara pengeluaran) of an OPD, who signs the TPP nominative list next to the head of the OPD:
 * an employee chosen per unit with the decree that appointed them (issue 17 point 5). One row per unit (upsert).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_treasurers (
    unit_id uuid primary key references units(id),
    employee_id uuid not null references employees(id),
    decree text,
    updated_by uuid not null references users(id),
    updated_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_treasurers`.execute(db);
}
