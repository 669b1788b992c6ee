import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table positions (
    id uuid primary key default gen_random_uuid(),
    code text not null unique,
    name text not null,
    kind text not null,
    kelas_jabatan integer not null check (kelas_jabatan between 1 and 17),
    unit_id uuid not null references units(id),
    is_head boolean not null default false,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index positions_unit_idx on positions (unit_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table positions`.execute(db);
}
