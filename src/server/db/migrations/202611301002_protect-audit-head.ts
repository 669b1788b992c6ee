import { sql, type Kysely } from 'kysely';

/**
 * The head checkpoint changes only through the audit_log insert trigger (trigger depth 2): a direct UPDATE,
 * any DELETE and TRUNCATE are rejected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function audit_head_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and pg_trigger_depth() > 1 then
        return new;
      end if;
      raise exception 'audit_head is maintained by audit_log inserts only';
    end;
  $$`.execute(db);
  await sql`create trigger audit_head_no_change before update or delete on audit_head
    for each row execute function audit_head_guard()`.execute(db);
  await sql`create trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function audit_head_guard()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_head_no_truncate on audit_head`.execute(db);
  await sql`drop trigger audit_head_no_change on audit_head`.execute(db);
  await sql`drop function audit_head_guard()`.execute(db);
}
