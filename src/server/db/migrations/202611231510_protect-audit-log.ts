import { sql, type Kysely } from 'kysely';

/** Reject UPDATE and DELETE on audit_log at the database level (tamper-evidence is the hash chain). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end;
  $$`.execute(db);
  await sql`create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_no_update on audit_log`.execute(db);
  await sql`drop function audit_log_append_only()`.execute(db);
}
