import { sql, type Kysely } from 'kysely';

/** WFH/WFA places of an employee (where the rulebook allows flexible location), each a circle with dates. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table work_locations (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id) on delete cascade,
    kind text not null check (kind in ('WFH', 'WFA')),
    label text not null,
    lat double precision not null check (lat between -90 and 90),
    lon double precision not null check (lon between -180 and 180),
    radius_m integer not null check (radius_m > 0),
    valid_from date not null,
    valid_to date,
    created_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index work_locations_employee_idx on work_locations (employee_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table work_locations`.execute(db);
}
