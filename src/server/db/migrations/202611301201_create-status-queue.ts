import { sql, type Kysely } from 'kysely';

/** The dirty set: employee-days whose stored status must be recomputed (a punch, a review, a new rulebook). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table status_queue (
    employee_id uuid not null references employees(id),
    local_date date not null,
    reason text not null,
    queued_at timestamptz not null default now(),
    primary key (employee_id, local_date)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table status_queue`.execute(db);
}
