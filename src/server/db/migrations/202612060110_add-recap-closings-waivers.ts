import { sql, type Kysely } from 'kysely';

/**
 * The items a unit-month was closed with although still open (a flagged punch not yet reviewed, a request not yet
 * decided), each with the closer's reason, as the rulebook allows (`attendance.monthClosing.waivable`): kept with
 * the closing's snapshot, shown in its history and audited. `[]` for every closing made before. Source: issue 13
 * point 2.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table recap_closings add column waivers jsonb not null default '[]'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table recap_closings drop column waivers`.execute(db);
}
