import { sql, type Kysely } from 'kysely';

/**
 * Changes to a frozen monthly kinerja figure (a report verified or an evaluation changed after the month was
 * closed), like the attendance recap's adjustments: the old and new figure and why, carried to the next open month
 * for TPP to settle.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table kinerja_adjustments (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    month_closed text not null,
    carried_to_month text not null,
    old_score numeric(7, 4),
    new_score numeric(7, 4),
    reason text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index kinerja_adjustments_employee on kinerja_adjustments (employee_id, month_closed)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kinerja_adjustments`.execute(db);
}
