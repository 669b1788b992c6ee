import { sql, type Kysely } from 'kysely';

/** The TPP budget ceiling (pagu) of an OPD for a year, with its DPA reference (regulations.md §5.1). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_budgets (
    unit_id uuid not null references units(id),
    year int not null check (year between 2000 and 2100),
    amount bigint not null check (amount >= 0),
    reference text,
    updated_by uuid not null references users(id),
    updated_at timestamptz not null default now(),
    primary key (unit_id, year)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_budgets`.execute(db);
}
