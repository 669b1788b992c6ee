import { sql, type Kysely } from 'kysely';

/**
 * Indications of the rules core stored after a recap build (issue 16 point 1; regulations.md §1.11): per employee
 * and year, each ladder step reached (cumulative TK days, with lateness converted) and the consecutive-TK run, with
 * the evidence days and the valid reasons already recorded. Never a sanction: the direct superior (or Plt/Plh)
 * opens a case from it or dismisses it with a reason. One row per employee, year, source and step, so a rescan never
 * duplicates and a dismissed indication stays dismissed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table discipline_indications (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    unit_path text not null,
    year int not null,
    source text not null check (source in ('cumulative', 'consecutive')),
    step int not null,
    level text not null check (level in ('ringan', 'sedang', 'berat')),
    sanction_code text not null,
    total_days int not null,
    reached_on date,
    salary_stop boolean not null default false,
    salary_stop_from_month text,
    evidence jsonb not null,
    reasons jsonb not null default '[]',
    regulation_set text not null,
    status text not null default 'BARU' check (status in ('BARU', 'DIPROSES', 'DIABAIKAN', 'DIGANTIKAN')),
    case_id uuid references discipline_cases(id),
    decided_by uuid references users(id),
    decided_by_employee uuid references employees(id),
    decided_as text check (decided_as in ('PLT', 'PLH')),
    decided_at timestamptz,
    dismiss_reason text,
    found_at timestamptz not null default now(),
    unique (employee_id, year, source, step)
  )`.execute(db);
  await sql`create index discipline_indications_unit on discipline_indications (unit_path text_pattern_ops, status)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table discipline_indications`.execute(db);
}
