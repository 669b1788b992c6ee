import { sql, type Kysely } from 'kysely';

/**
 * Public complaints (issue 18 point 2): one row per complaint, from the public page, SP4N-LAPOR! or another
 * channel. The tracking code is kept only as its SHA-256 (a database reader cannot follow a case as the citizen);
 * the reporter's name and contact are read only by the handling officials (docs/complaints.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table complaints (
      id uuid primary key default gen_random_uuid(),
      number bigint generated always as identity unique,
      tracking_hash text unique,
      channel text not null check (channel in ('WEB', 'LAPOR', 'LAINNYA')),
      lapor_id text unique,
      category text not null check (category in ('PERILAKU', 'KEHADIRAN', 'LAYANAN', 'NETRALITAS')),
      unit_id uuid not null references units (id),
      handling_unit_id uuid references units (id),
      reported_employee_id uuid references employees (id),
      reported_name text,
      title text not null,
      description text not null,
      incident_date date,
      latitude double precision,
      longitude double precision,
      reporter_name text,
      reporter_contact text,
      status text not null check (status in ('DITERIMA', 'DITERUSKAN', 'DIJAWAB', 'DITOLAK')),
      routed_at timestamptz,
      due_on date,
      answer text,
      answered_at timestamptz,
      answered_by uuid references users (id),
      discipline_case_id uuid,
      received_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index complaints_unit on complaints (unit_id, received_at desc)`.execute(db);
  await sql`create index complaints_handling_unit on complaints (handling_unit_id, status)`.execute(db);
  await sql`create index complaints_status on complaints (status, received_at desc)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table complaints`.execute(db);
}
