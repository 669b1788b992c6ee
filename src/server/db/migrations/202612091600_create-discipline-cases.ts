import { sql, type Kysely } from 'kysely';

/**
 * Discipline cases (issue 16; PP 94/2021, Peraturan BKN 6/2022, regulations.md §1.7): one case per examined
 * employee, opened from an indication or by hand (inspection, public complaint, neutrality recommendation, another
 * violation of Pasal 3–5), with the snapshot of the discipline rules in force on the date of the violation, its
 * state in the procedure's state machine (core/discipline/case-machine.ts) and the step that waits next (who, by
 * when) for inboxes and the overdue registry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_cases (
    id uuid primary key default gen_random_uuid(),
    case_number text not null unique,
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    unit_path text not null,
    employee_type text not null,
    position_kind text,
    source text not null check (source in ('INDIKASI', 'INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA')),
    source_ref text,
    track text not null default 'disiplin' check (track in ('disiplin', 'etika')),
    procedure text not null default 'PP94' check (procedure in ('PP94', 'INTERNAL')),
    violation_date date not null,
    summary text not null,
    expected_level text not null check (expected_level in ('ringan', 'sedang', 'berat')),
    examiner_kind text check (examiner_kind in ('ATASAN', 'TIM')),
    state text not null,
    state_since timestamptz not null default now(),
    rules jsonb not null,
    regulation_set text not null,
    rulebook_version text,
    next_step text,
    next_due date,
    next_holder jsonb,
    relieved_from date,
    relieved_to date,
    relief_plh_id uuid references employees(id),
    ended_reason text,
    opened_by uuid not null references users(id),
    opened_by_employee uuid references employees(id),
    opened_as text check (opened_as in ('PLT', 'PLH')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index discipline_cases_unit on discipline_cases (unit_path text_pattern_ops, state)`.execute(
    db,
  );
  await sql`create index discipline_cases_employee on discipline_cases (employee_id, created_at)`.execute(db);
  await sql`create index discipline_cases_due on discipline_cases (next_due) where next_due is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_cases`.execute(db);
}
