import { sql, type Kysely } from 'kysely';

/**
 * SKP (Sasaran Kinerja Pegawai) per employee and period (issue 15 point 1; PermenPANRB 6/2022, regulations.md §6.2):
 * the position and unit it was drawn up for, the approach, the workflow state (draft → submitted → approved or
 * returned with a note) with who decided and whether as Plt/Plh, the perilaku kerja expectations (seven BerAKHLAK
 * values) and the lampiran, and the SKP it was copied from. A change of position mid-year starts a new SKP for
 * the rest of the year; both stay (one SKP per employee and period start).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table skp (
    id uuid primary key default gen_random_uuid(),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    position_id uuid references positions(id),
    year integer not null check (year between 2000 and 2100),
    period_start date not null,
    period_end date not null,
    approach text not null check (approach in ('KUANTITATIF', 'KUALITATIF')),
    status text not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
    penilai_id uuid references employees(id),
    atasan_penilai_id uuid references employees(id),
    return_note text,
    submitted_at timestamptz,
    decided_at timestamptz,
    decided_by uuid references employees(id),
    decided_as text check (decided_as in ('PLT', 'PLH')),
    copied_from uuid references skp(id),
    perilaku jsonb not null default '[]',
    lampiran jsonb not null default '{}',
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (period_end >= period_start),
    check (extract(year from period_start) = year and extract(year from period_end) = year),
    unique (employee_id, period_start)
  )`.execute(db);
  await sql`create index skp_unit_year on skp (unit_id, year)`.execute(db);
  await sql`create index skp_penilai on skp (penilai_id) where status = 'SUBMITTED'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table skp`.execute(db);
}
