import { sql, type Kysely } from 'kysely';

/**
 * The rencana hasil kerja (RHK) of an SKP, utama or tambahan, in order, and the cascade: the superior's RHK it
 * intervenes (`intervenes_rhk_id`, required for JA/JF and checked by the service to belong to the pejabat
 * penilai's SKP of an overlapping period) or, for a JPT, the organisation's Perjanjian Kinerja it comes from
 * (`penugasan_dari`). Source: PermenPANRB 6/2022; regulations.md §6.2, §6.4.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table skp_rhk (
    id uuid primary key default gen_random_uuid(),
    skp_id uuid not null references skp(id) on delete cascade,
    kind text not null check (kind in ('UTAMA', 'TAMBAHAN')),
    seq integer not null check (seq > 0),
    text text not null,
    intervenes_rhk_id uuid references skp_rhk(id),
    penugasan_dari text,
    unique (skp_id, seq)
  )`.execute(db);
  await sql`create index skp_rhk_intervenes on skp_rhk (intervenes_rhk_id) where intervenes_rhk_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table skp_rhk`.execute(db);
}
