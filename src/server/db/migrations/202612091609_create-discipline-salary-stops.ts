import { sql, type Kysely } from 'kysely';

/**
 * Salary stops after ten consecutive TK days (PP 94/2021 Pasal 15 ayat (2); regulations.md §1.8): the superior's
 * notification to BKD and the finance official, BKD's verification of the attendance data, the stop from the next
 * month (KPA), the re-activation on request with its attachments, and the settlement cases of the annex (salary to
 * pay back when fewer than ten days are confirmed; salary to refund when a month was paid although confirmed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_salary_stops (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_path text not null,
    indication_id uuid references discipline_indications(id),
    case_id uuid references discipline_cases(id),
    streak_from date not null,
    streak_to date not null,
    streak_days int not null,
    from_month text not null,
    status text not null default 'DILAPORKAN' check (status in ('DILAPORKAN', 'DIVERIFIKASI', 'DIHENTIKAN', 'PENGAKTIFAN_DIAJUKAN', 'DIAKTIFKAN', 'DIBATALKAN')),
    notified_by uuid not null references users(id),
    notified_at timestamptz not null default now(),
    verified_by uuid references users(id),
    verified_at timestamptz,
    verification_note text,
    confirmed_days int,
    stopped_by uuid references users(id),
    stop_decision_number text,
    stopped_at timestamptz,
    reactivation jsonb,
    reactivated_from_month text,
    settlements jsonb not null default '[]',
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index discipline_salary_stops_open on discipline_salary_stops (employee_id) where status in ('DILAPORKAN', 'DIVERIFIKASI', 'DIHENTIKAN', 'PENGAKTIFAN_DIAJUKAN')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_salary_stops`.execute(db);
}
