import { sql, type Kysely } from 'kysely';

/**
 * Annual-leave balance at the start of a year brought over from an old system (e-cuti N-1 / N-2 and days
 * already taken there), set by admin OPD / BKD per employee and year.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table leave_opening_balances (
    employee_id uuid not null references employees(id),
    year integer not null check (year between 2000 and 2100),
    carried_from_previous_year integer not null check (carried_from_previous_year >= 0),
    carried_from_two_years_before integer not null check (carried_from_two_years_before >= 0),
    taken_before integer not null check (taken_before >= 0),
    note text,
    set_by uuid not null references users(id),
    set_at timestamptz not null default now(),
    primary key (employee_id, year)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table leave_opening_balances`.execute(db);
}
