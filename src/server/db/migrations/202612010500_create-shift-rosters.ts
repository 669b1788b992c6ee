import { sql, type Kysely } from 'kysely';

/**
 * Shift rosters (jadwal shift): the shift of an employee on a date, set by admin OPD / BKD. `shift_code` null is
 * a scheduled day off (libur); no row = the regular schedule of the unit. Shift codes are rulebook data
 * (schedule.shifts), checked by the service against the rulebook in force on the date.
 * Source: regulations.md §3.3 (shift rosters), §10; PermenPANRB 4/2025 (shift work).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table shift_rosters (
    employee_id uuid not null references employees(id) on delete cascade,
    local_date date not null,
    shift_code text check (shift_code is null or length(shift_code) between 1 and 40),
    created_by uuid references users(id),
    updated_at timestamptz not null default now(),
    primary key (employee_id, local_date)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table shift_rosters`.execute(db);
}
