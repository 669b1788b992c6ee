import { sql, type Kysely } from 'kysely';

/**
 * TPP tariffs as BKD enters or imports them from the Perkada (regulations.md §5.1; PP 12/2019 Pasal 58): per year,
 * kelas jabatan and criterion (beban kerja, prestasi kerja, tempat bertugas, kondisi kerja, kelangkaan profesi),
 * optionally only for a position group or a unit (e.g. tempat bertugas for remote UPTDs). One tariff table per
 * year and Perkada reference; the run uses the table in force for its year (else the rulebook's tariffs).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_tariff_tables (
    id uuid primary key default gen_random_uuid(),
    year int not null check (year between 2000 and 2100),
    perkada_ref text not null,
    perkada_date date,
    note text,
    status text not null default 'AKTIF' check (status in ('AKTIF', 'DIGANTI')),
    created_by uuid not null references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index tpp_tariff_tables_active on tpp_tariff_tables (year) where status = 'AKTIF'`.execute(
    db,
  );
  await sql`create table tpp_tariffs (
    id uuid primary key default gen_random_uuid(),
    table_id uuid not null references tpp_tariff_tables(id) on delete cascade,
    kelas int not null check (kelas between 1 and 17),
    criterion text not null check (criterion in ('BEBAN_KERJA', 'PRESTASI_KERJA', 'TEMPAT_BERTUGAS', 'KONDISI_KERJA', 'KELANGKAAN_PROFESI', 'PERTIMBANGAN_OBJEKTIF')),
    position_group text,
    unit_id uuid references units(id),
    amount bigint not null check (amount >= 0)
  )`.execute(db);
  await sql`create unique index tpp_tariffs_key on tpp_tariffs (table_id, kelas, criterion, coalesce(position_group, ''), coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_tariffs`.execute(db);
  await sql`drop table tpp_tariff_tables`.execute(db);
}
