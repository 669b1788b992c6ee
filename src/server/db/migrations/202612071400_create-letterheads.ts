import { sql, type Kysely } from 'kysely';

/**
 * Letterheads (kop surat) configured by BKD (issue 14 point 4): one row for the region (`unit_id` null: the region's
 * name and its logo) and at most one per unit (the agency's name, address and contact line, optionally its own
 * logo). The logo is kept here as bytes (PNG or JPEG, checked by content and stripped of metadata before it is
 * stored; at most 512 KB), so it is backed up, replicated and rolled back with the row that names it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table letterheads (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid references units(id) on delete cascade,
    region_name text,
    agency_name text,
    address text,
    contact text,
    logo bytea,
    logo_type text check (logo_type in ('image/png', 'image/jpeg')),
    logo_sha256 text,
    updated_by uuid references users(id),
    updated_at timestamptz not null default now(),
    constraint letterheads_unit_key unique nulls not distinct (unit_id),
    constraint letterheads_logo_complete check ((logo is null) = (logo_type is null) and (logo is null) = (logo_sha256 is null)),
    constraint letterheads_logo_size check (logo is null or octet_length(logo) <= 524288)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table letterheads`.execute(db);
}
