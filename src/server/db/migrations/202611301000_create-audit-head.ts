import { sql, type Kysely } from 'kysely';

/**
 * The audit chain's head checkpoint: one row with the id, hash and number of the newest entry. Kept in step
 * with every append (by the trigger of the next migration), so `verify()` notices when the newest entries are
 * deleted or the whole chain is rewritten. Starts from the entries already in the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table audit_head (
    id smallint primary key default 1 check (id = 1),
    last_id bigint not null,
    last_hash text not null,
    entry_count bigint not null,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`insert into audit_head (id, last_id, last_hash, entry_count)
    select 1,
      coalesce(max(id), 0),
      coalesce((select hash from audit_log order by id desc limit 1), repeat('0', 64)),
      count(*)
    from audit_log`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_head`.execute(db);
}
