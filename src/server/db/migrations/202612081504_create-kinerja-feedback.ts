import { sql, type Kysely } from 'kysely';

/**
 * Continuous feedback (umpan balik berkelanjutan, issue 15 point 4; PermenPANRB 6/2022, regulations.md §6.1):
 * a superior's note on an RHK or a daily report of one of their staff, shown again in the evaluation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table kinerja_feedback (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    skp_id uuid not null references skp(id),
    rhk_id uuid references skp_rhk(id),
    report_id uuid references daily_reports(id),
    author_id uuid not null references employees(id),
    author_as text check (author_as in ('PLT', 'PLH')),
    text text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index kinerja_feedback_skp on kinerja_feedback (skp_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kinerja_feedback`.execute(db);
}
