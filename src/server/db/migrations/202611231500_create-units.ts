import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table units (
    id uuid primary key default gen_random_uuid(),
    code text not null unique,
    name text not null,
    kind text not null check (kind in ('INSTANSI','OPD','BIDANG','UPTD','SEKOLAH','PUSKESMAS')),
    parent_id uuid references units(id),
    time_zone text not null check (time_zone in ('Asia/Jakarta','Asia/Makassar','Asia/Jayapura')),
    address text,
    path text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index units_parent_idx on units (parent_id)`.execute(db);
  await sql`create index units_path_idx on units (path text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table units`.execute(db);
}
