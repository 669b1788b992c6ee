import { sql, type Kysely } from 'kysely';

/** Acting officials: Plt (pelaksana tugas) and Plh (pelaksana harian) of a position for a period. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table acting_assignments (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    position_id uuid not null references positions(id),
    kind text not null check (kind in ('PLT','PLH')),
    valid_from date not null,
    valid_to date,
    reason text,
    created_at timestamptz not null default now(),
    check (valid_to is null or valid_to >= valid_from)
  )`.execute(db);
  await sql`create index acting_employee_idx on acting_assignments (employee_id)`.execute(db);
  await sql`create index acting_position_idx on acting_assignments (position_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table acting_assignments`.execute(db);
}
