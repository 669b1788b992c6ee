import { sql, type Kysely } from 'kysely';

/**
 * Leave (cuti) requests: type, dates and the days counted on the unit's calendar at submission, the approval
 * route fixed at submission (direct superior, then the PyBMC's position or the BKD role), the attached document
 * (bytes in the file store, addressed by SHA-256), the state and the letter number once approved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table leave_requests (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    type text not null,
    variant text,
    date_from date not null,
    date_to date not null check (date_to >= date_from),
    working_days integer not null check (working_days >= 0),
    calendar_days integer not null check (calendar_days > 0),
    reason text not null,
    address text,
    status text not null check (status in ('DIAJUKAN', 'DISETUJUI_ATASAN', 'DISETUJUI', 'DITOLAK', 'DIBATALKAN')),
    superior_id uuid references employees(id),
    approver_kind text not null check (approver_kind in ('OPD_HEAD', 'BKD')),
    approver_position_id uuid references positions(id),
    approver_unit_id uuid references units(id),
    attachment_hash text check (attachment_hash ~ '^[0-9a-f]{64}$'),
    attachment_kind text,
    attachment_mime text,
    attachment_name text,
    attachment_size integer,
    letter_number text unique,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index leave_requests_employee_idx on leave_requests (employee_id, date_from)`.execute(db);
  await sql`create index leave_requests_status_idx on leave_requests (status, superior_id)`.execute(db);
  await sql`create index leave_requests_unit_idx on leave_requests (unit_id, date_from)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table leave_requests`.execute(db);
}
