import { sql, type Kysely } from 'kysely';

/** Placement history (mutasi) with effective dates: where a person was, in which position, under whom. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table placements (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    position_id uuid references positions(id),
    superior_id uuid references employees(id),
    valid_from date not null,
    valid_to date,
    decree text,
    created_at timestamptz not null default now(),
    check (valid_to is null or valid_to >= valid_from)
  )`.execute(db);
  await sql`create index placements_employee_idx on placements (employee_id, valid_from)`.execute(db);
  await sql`create index placements_superior_idx on placements (superior_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table placements`.execute(db);
}
