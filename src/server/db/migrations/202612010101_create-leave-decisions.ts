import { sql, type Kysely } from 'kysely';

/**
 * Every decision on a leave request (superior, PyBMC, cancellation) with the decider's name, NIP and position
 * as they were at the time (for the leave letter) and the note shown to the employee. Append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table leave_decisions (
    id integer generated always as identity primary key,
    request_id uuid not null references leave_requests(id),
    step text not null check (step in ('ATASAN', 'PYBMC', 'PEGAWAI')),
    decision text not null check (decision in ('APPROVE', 'REJECT', 'CANCEL')),
    note text,
    decided_by uuid not null references users(id),
    decider_employee_id uuid references employees(id),
    decider_name text not null,
    decider_nip text,
    decider_position text,
    decided_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index leave_decisions_request_idx on leave_decisions (request_id, decided_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table leave_decisions`.execute(db);
}
