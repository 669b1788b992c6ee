import { sql, type Kysely } from 'kysely';

/**
 * How late a permit was asked for, judged when it was filed against the rulebook's window for its kind
 * (`attendance.requestWindows`): working days past the window (null = on time) and the window then in force, so
 * the approver sees "terlambat N hari kerja" even after the rulebook changes. Source: issue 13 point 11.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table permits add column late_days int check (late_days > 0),
    add column late_window_days int check (late_window_days >= 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table permits drop column late_days, drop column late_window_days`.execute(db);
}
