import { sql, type Kysely } from 'kysely';

/**
 * A day of a closed month whose recomputed status differs from the stored (closed) one: the stored row is kept
 * and the difference is carried to `carried_to_month`, the first later month not closed for the unit.
 * One open adjustment per employee-day (replaced when the day changes again, deleted when it returns to the
 * stored row). Source: PRODUCT.md principle 3 (closed months are frozen; later changes are adjustments), issue 5 item 6.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table status_adjustments (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    local_date date not null,
    month_closed text not null check (month_closed ~ '^[0-9]{4}-[0-9]{2}$'),
    carried_to_month text not null check (carried_to_month ~ '^[0-9]{4}-[0-9]{2}$'),
    old_code text,
    new_code text not null,
    old_status jsonb,
    new_status jsonb not null,
    reason text not null,
    created_at timestamptz not null default now(),
    unique (employee_id, local_date)
  )`.execute(db);
  await sql`create index status_adjustments_carried on status_adjustments (carried_to_month, unit_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table status_adjustments`.execute(db);
}
