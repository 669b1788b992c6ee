import { sql, type Kysely } from 'kysely';

/** Rulebook versions (regulation as data): drafts, the active versions per region, and retired ones. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rulebook_versions (
    id uuid primary key default gen_random_uuid(),
    rulebook_id text not null unique,
    region text not null,
    name text not null,
    version text not null,
    effective_from date not null,
    effective_to date,
    status text not null check (status in ('draft','active','retired')),
    source text not null check (source in ('repo','api')),
    content jsonb not null,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    activated_by uuid references users(id),
    activated_at timestamptz
  )`.execute(db);
  await sql`create index rulebook_versions_region_idx on rulebook_versions (region, effective_from)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rulebook_versions`.execute(db);
}
