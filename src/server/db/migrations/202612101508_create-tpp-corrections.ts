import { sql, type Kysely } from 'kysely';

/**
 * A change found after a run was locked: never an edit of the locked run, but a correction line (kekurangan bayar
 * when positive, kelebihan bayar when negative) paid in the employee's next run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_corrections (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    origin_run_id uuid not null references tpp_runs(id),
    origin_month text not null,
    amount bigint not null,
    reason text not null,
    created_by uuid not null references users(id),
    created_at timestamptz not null default now(),
    applied_run_id uuid references tpp_runs(id)
  )`.execute(db);
  await sql`create index tpp_corrections_open on tpp_corrections (employee_id) where applied_run_id is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_corrections`.execute(db);
}
