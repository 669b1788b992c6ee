import { sql, type Kysely } from 'kysely';

/**
 * The checklist BKD maintains for inspections (issue 18 point 1): items per category (attendance, service
 * standards, uniforms, the unit's programme activities, other). Starts with a few items BKD may change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection_checklist_items (
      id uuid primary key default gen_random_uuid(),
      category text not null check (category in ('ATTENDANCE', 'SERVICE', 'UNIFORM', 'PROGRAMME', 'OTHER')),
      label text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (category, label)
    )`.execute(db);
  await sql`
    insert into inspection_checklist_items (category, label) values
      ('ATTENDANCE', 'Pegawai berada di tempat tugas sesuai status presensi'),
      ('ATTENDANCE', 'Izin/cuti/dinas luar didukung surat yang sah'),
      ('SERVICE', 'Standar pelayanan dipajang dan dipatuhi'),
      ('UNIFORM', 'Pakaian dinas dan tanda pengenal sesuai ketentuan'),
      ('PROGRAMME', 'Kegiatan program unit berjalan sesuai jadwal')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inspection_checklist_items`.execute(db);
}
