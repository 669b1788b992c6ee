import { sql, type Kysely } from 'kysely';

/**
 * The stored daily status of each employee-day, derived by the rules core from punches, approved absences and
 * the calendar. Reports read these rows; they never recompute history. `unit_id` is the unit the day was
 * classified under; `rulebook_id` the rulebook in force.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table day_statuses (
    employee_id uuid not null references employees(id),
    local_date date not null,
    unit_id uuid not null references units(id),
    code text not null,
    late_band text,
    early_band text,
    late_minutes integer not null default 0,
    early_minutes integer not null default 0,
    missing_check_in boolean not null default false,
    missing_check_out boolean not null default false,
    work_location text,
    non_working_day boolean not null default false,
    reasons jsonb not null default '[]',
    rulebook_id text not null,
    computed_at timestamptz not null default now(),
    primary key (employee_id, local_date)
  )`.execute(db);
  await sql`create index day_statuses_unit_day on day_statuses (unit_id, local_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table day_statuses`.execute(db);
}
