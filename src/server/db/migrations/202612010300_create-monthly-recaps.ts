import { sql, type Kysely } from 'kysely';

/**
 * The stored monthly recap of each employee, aggregated from `day_statuses` (never recomputed from punches):
 * counts per code, late/early minutes and bands, TK and TK-equivalent days, work locations, apel, and the
 * adjustments carried into the month. `unit_id` is the unit of the employee's last stored day in the month.
 * Rows of a closed unit-month are not changed any more (the closing keeps a snapshot and its hash).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table monthly_recaps (
    employee_id uuid not null references employees(id),
    month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    unit_id uuid not null references units(id),
    recorded_days integer not null default 0,
    working_days integer not null default 0,
    code_counts jsonb not null default '{}',
    late_minutes integer not null default 0,
    early_minutes integer not null default 0,
    tl1 integer not null default 0,
    tl2 integer not null default 0,
    tl3 integer not null default 0,
    tl4 integer not null default 0,
    psw1 integer not null default 0,
    psw2 integer not null default 0,
    psw3 integer not null default 0,
    psw4 integer not null default 0,
    missing_in integer not null default 0,
    missing_out integer not null default 0,
    on_time_days integer not null default 0,
    tk_days integer not null default 0,
    minutes_per_day integer not null,
    tk_equivalent_days integer not null default 0,
    wfo_days integer not null default 0,
    wfh_days integer not null default 0,
    wfa_days integer not null default 0,
    apel_target integer not null default 0,
    apel_attended integer not null default 0,
    adjustment_count integer not null default 0,
    adjustment_delta jsonb not null default '{}',
    computed_at timestamptz not null default now(),
    primary key (employee_id, month)
  )`.execute(db);
  await sql`create index monthly_recaps_unit_month on monthly_recaps (unit_id, month)`.execute(db);
  await sql`create index monthly_recaps_month on monthly_recaps (month)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table monthly_recaps`.execute(db);
}
