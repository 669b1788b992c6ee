import { sql, type Kysely } from 'kysely';

/** Dinas luar with its letter of assignment and destination: the destination is a geofence on those days. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table field_assignments (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id) on delete cascade,
    date_from date not null,
    date_to date not null,
    letter_number text not null,
    destination text not null,
    lat double precision not null check (lat between -90 and 90),
    lon double precision not null check (lon between -180 and 180),
    radius_m integer not null check (radius_m > 0),
    status text not null check (status in ('APPROVED', 'CANCELLED')),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    check (date_to >= date_from)
  )`.execute(db);
  await sql`create index field_assignments_employee_idx on field_assignments (employee_id, date_from)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table field_assignments`.execute(db);
}
