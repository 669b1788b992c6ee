import { sql, type Kysely } from 'kysely';

/** Explicit role grants, each scoped to a unit subtree (null unit = the whole organisation, super admin only). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table role_grants (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    role text not null check (role in ('ADMIN_OPD','BKD','INSPEKTORAT','PIMPINAN','SUPER_ADMIN')),
    unit_id uuid references units(id),
    granted_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (user_id, role, unit_id)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table role_grants`.execute(db);
}
