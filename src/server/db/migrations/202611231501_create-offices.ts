import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table offices (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id) on delete cascade,
    name text not null,
    lat double precision not null check (lat between -90 and 90),
    lon double precision not null check (lon between -180 and 180),
    radius_m integer not null check (radius_m > 0),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index offices_unit_idx on offices (unit_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table offices`.execute(db);
}
