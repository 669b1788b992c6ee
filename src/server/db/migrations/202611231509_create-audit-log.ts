import { sql, type Kysely } from 'kysely';

/** Append-only, hash-chained audit log: each entry carries the hash of the previous one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    actor_id uuid,
    actor_name text,
    action text not null,
    entity_type text not null,
    entity_id text,
    unit_id uuid,
    before jsonb,
    after jsonb,
    ip text,
    user_agent text,
    prev_hash text not null,
    hash text not null
  )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
  await sql`create index audit_log_unit_idx on audit_log (unit_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
}
