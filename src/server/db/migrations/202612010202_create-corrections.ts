import { sql, type Kysely } from 'kysely';

/**
 * Attendance corrections (forgot to punch, terminal failure): the missing check-in and/or check-out of one date,
 * with evidence, decided by the direct superior. A correction is its own record: punches are never changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table corrections (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id) on delete cascade,
    local_date date not null,
    time_zone text not null,
    check_in_at timestamptz,
    check_out_at timestamptz,
    category text not null,
    reason text not null,
    evidence_hash text not null,
    status text not null check (status in ('DIAJUKAN', 'DISETUJUI', 'DITOLAK', 'DIBATALKAN')),
    requested_by uuid not null references users(id),
    decided_by uuid references users(id),
    decided_at timestamptz,
    decision_note text,
    cancelled_by uuid references users(id),
    cancelled_at timestamptz,
    cancel_note text,
    created_at timestamptz not null default now(),
    check (check_in_at is not null or check_out_at is not null),
    check (check_in_at is null or check_out_at is null or check_out_at > check_in_at)
  )`.execute(db);
  await sql`create index corrections_employee_idx on corrections (employee_id, local_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table corrections`.execute(db);
}
