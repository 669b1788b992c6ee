import { sql, type Kysely } from 'kysely';

/**
 * Daily activity reports (laporan kinerja harian, issue 15 point 2; regulations.md §5.4): what an employee did on
 * a day, linked to one RHK of their SKP, the minutes spent, the output and quantity, an optional location, and the
 * superior's verification (accepted / returned with a note; who, when, as Plt/Plh). `client_id` is the device's id
 * of the report: a report synced twice from an offline phone is stored once. `revision` counts corrections
 * after a return.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table daily_reports (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    skp_id uuid not null references skp(id),
    rhk_id uuid not null references skp_rhk(id),
    report_date date not null,
    activity text not null,
    output text,
    quantity numeric(12, 2) check (quantity is null or quantity >= 0),
    satuan text,
    minutes integer not null check (minutes between 1 and 1440),
    latitude double precision,
    longitude double precision,
    accuracy_m double precision,
    client_id uuid not null,
    recorded_at timestamptz,
    status text not null default 'SUBMITTED' check (status in ('SUBMITTED', 'ACCEPTED', 'RETURNED')),
    verifier_id uuid references employees(id),
    verified_as text check (verified_as in ('PLT', 'PLH')),
    verified_at timestamptz,
    verify_note text,
    revision integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (employee_id, client_id)
  )`.execute(db);
  await sql`create index daily_reports_employee_date on daily_reports (employee_id, report_date)`.execute(db);
  await sql`create index daily_reports_unit_date on daily_reports (unit_id, report_date)`.execute(db);
  await sql`create index daily_reports_pending on daily_reports (unit_id, created_at) where status = 'SUBMITTED'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table daily_reports`.execute(db);
}
