import { sql, type Kysely } from 'kysely';

/**
 * The organisational performance of a unit for a period (Istimewa / Baik / Butuh Perbaikan / Kurang / Sangat
 * Kurang), which selects the expected distribution curve of its employees' predikat (PermenPANRB 6/2022; SE
 * MenPANRB 3/2023; regulations.md §6.3).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table unit_performance (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    period_start date not null,
    period_end date not null check (period_end >= period_start),
    rating text not null check (rating in ('ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG')),
    note text,
    set_by uuid references users(id),
    set_at timestamptz not null default now(),
    unique (unit_id, period_start, period_end)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table unit_performance`.execute(db);
}
