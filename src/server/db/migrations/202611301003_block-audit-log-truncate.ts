import { sql, type Kysely } from 'kysely';

/**
 * The per-row trigger of 202611231510 does not fire on TRUNCATE; this statement-level trigger rejects it
 * with the same "append-only" error.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
}
