import { sql, type Kysely } from 'kysely';

/**
 * The indicators of an RHK with their targets on the aspects kuantitas / kualitas / waktu / biaya (a range
 * `target_min`–`target_max`, or one value when max is null) and the unit of measure (satuan); the realisation
 * is recorded in the evaluation. Source: PermenPANRB 6/2022; regulations.md §6.2.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table skp_indicators (
    id uuid primary key default gen_random_uuid(),
    rhk_id uuid not null references skp_rhk(id) on delete cascade,
    seq integer not null check (seq > 0),
    text text not null,
    aspect text not null check (aspect in ('KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA')),
    target_min numeric(18, 2) not null check (target_min >= 0),
    target_max numeric(18, 2) check (target_max is null or target_max >= target_min),
    satuan text not null,
    unique (rhk_id, seq)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table skp_indicators`.execute(db);
}
