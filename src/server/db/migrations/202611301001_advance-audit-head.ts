import { sql, type Kysely } from 'kysely';

/**
 * Every insert into audit_log moves the head checkpoint to the new entry, in the same transaction, whoever
 * inserts (the audit service, a seed, a manual insert). A missing head row makes the insert fail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function audit_head_advance() returns trigger language plpgsql as $$
    begin
      update audit_head
        set last_id = new.id, last_hash = new.hash, entry_count = entry_count + 1, updated_at = now()
        where id = 1;
      if not found then
        raise exception 'audit_head is missing: the audit chain checkpoint row was deleted';
      end if;
      return null;
    end;
  $$`.execute(db);
  await sql`create trigger audit_log_advance_head after insert on audit_log
    for each row execute function audit_head_advance()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_advance_head on audit_log`.execute(db);
  await sql`drop function audit_head_advance()`.execute(db);
}
