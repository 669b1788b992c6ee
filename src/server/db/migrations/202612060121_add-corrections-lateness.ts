import { sql, type Kysely } from 'kysely';

/**
 * How late a correction was asked for, judged when it was filed against the rulebook's window
 * (`attendance.requestWindows`, kind `correction`): working days past the window (null = on time) and the window
 * then in force. Source: issue 13 point 11.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table corrections add column late_days int check (late_days > 0),
    add column late_window_days int check (late_window_days >= 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table corrections drop column late_days, drop column late_window_days`.execute(db);
}
