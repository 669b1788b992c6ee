import { sql, type Kysely } from 'kysely';

/**
 * Permits and assignments (izin, sakit, dinas luar, tugas luar, tugas belajar, diklat, WFH/WFA days): requested by
 * the employee and decided by the direct superior, or recorded by admin OPD on a letter of assignment.
 * Source: regulations.md §4.3; PermenPANRB 4/2025 (WFH/WFA).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table permits (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id) on delete cascade,
    kind text not null check (kind in ('I', 'S', 'DL', 'TGL', 'TB', 'DIKLAT', 'WFH', 'WFA')),
    part text not null default 'full' check (part in ('full', 'late', 'early')),
    date_from date not null,
    date_to date not null,
    reason text not null,
    letter_number text,
    letter_date date,
    file_hash text,
    destination text,
    lat double precision check (lat between -90 and 90),
    lon double precision check (lon between -180 and 180),
    radius_m integer check (radius_m > 0),
    work_location text check (work_location in ('WFO', 'WFH', 'WFA')),
    status text not null check (status in ('DIAJUKAN', 'DISETUJUI', 'DITOLAK', 'DIBATALKAN')),
    requested_by uuid not null references users(id),
    recorded_by_admin boolean not null default false,
    decided_by uuid references users(id),
    decided_at timestamptz,
    decision_note text,
    cancelled_by uuid references users(id),
    cancelled_at timestamptz,
    cancel_note text,
    field_assignment_id uuid references field_assignments(id),
    created_at timestamptz not null default now(),
    check (date_to >= date_from),
    check (part = 'full' or date_to = date_from)
  )`.execute(db);
  await sql`create index permits_employee_idx on permits (employee_id, date_from)`.execute(db);
  await sql`create index permits_pending_idx on permits (status) where status = 'DIAJUKAN'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table permits`.execute(db);
}
