import { sql, type Kysely } from 'kysely';

/**
 * An employee's objection to a line of their published TPP (a deduction of a date and code, a sanction cut, the
 * kinerja component, an exclusion), with evidence, decided by the superior or BKD; an upheld objection that
 * changes an input re-runs that employee.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_objections (
    id uuid primary key default gen_random_uuid(),
    run_id uuid not null references tpp_runs(id),
    employee_id uuid not null references employees(id),
    line jsonb not null,
    reason text not null,
    evidence_file_id uuid,
    status text not null default 'DIAJUKAN' check (status in ('DIAJUKAN', 'DITERIMA', 'DITOLAK')),
    filed_by uuid not null references users(id),
    filed_at timestamptz not null default now(),
    decided_by uuid references users(id),
    decided_at timestamptz,
    decision_note text,
    rerun_at timestamptz
  )`.execute(db);
  await sql`create index tpp_objections_run on tpp_objections (run_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_objections`.execute(db);
}
