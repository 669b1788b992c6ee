import { sql, type Kysely } from 'kysely';

/**
 * Periodic and annual evaluations of an SKP (issue 15 point 5; PermenPANRB 6/2022, regulations.md §6.3): the
 * realisation per indicator, the ratings of hasil kerja and perilaku kerja by the pejabat penilai, the predikat
 * from the rulebook's matrix, the unit's organisational performance and the curve shown to the penilai when they
 * finalised, and the approval by the atasan pejabat penilai. Workflow: DRAFT → FINAL (penilai) → APPROVED (atasan
 * penilai) or back to DRAFT with a note.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table evaluations (
    id uuid primary key default gen_random_uuid(),
    skp_id uuid not null references skp(id),
    employee_id uuid not null references employees(id),
    unit_id uuid not null references units(id),
    kind text not null check (kind in ('PERIODIK', 'TAHUNAN')),
    period_start date not null,
    period_end date not null check (period_end >= period_start),
    label text not null,
    status text not null default 'DRAFT' check (status in ('DRAFT', 'FINAL', 'APPROVED')),
    realisation jsonb not null default '[]',
    hasil_kerja_rating text check (hasil_kerja_rating in ('DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI')),
    perilaku_rating text check (perilaku_rating in ('DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI')),
    perilaku_notes jsonb not null default '[]',
    rating_note text,
    predikat text check (predikat in ('SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG')),
    penilai_id uuid references employees(id),
    penilai_as text check (penilai_as in ('PLT', 'PLH')),
    atasan_penilai_id uuid references employees(id),
    atasan_as text check (atasan_as in ('PLT', 'PLH')),
    org_performance text,
    curve_check jsonb,
    return_note text,
    finalised_at timestamptz,
    approved_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (skp_id, kind, period_start)
  )`.execute(db);
  await sql`create index evaluations_unit_period on evaluations (unit_id, period_start)`.execute(db);
  await sql`create index evaluations_employee on evaluations (employee_id, period_start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table evaluations`.execute(db);
}
