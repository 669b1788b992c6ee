import { sql, type Kysely } from 'kysely';

/**
 * users.is_demo now means "the password is still the demo password" (a production server refuses to start while
 * an active account has it): a demo account whose owner has changed the password is no longer one. The
 * password reset and `admin:create --reset` already cleared the flag; the change of one's own password did not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update users set is_demo = false where is_demo and password_changed_at is not null`.execute(db);
}

export async function down(): Promise<void> {
  // The old flag values are not kept; nothing to undo.
}
