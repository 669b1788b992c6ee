import { sql, type Kysely } from 'kysely';

/**
 * Punches by time: the punch list without filters (newest first, `order by occurred_at desc, id`) reads its page
 * from this index instead of sorting every punch, and the today view reads the day's punches of a whole province
 * as one range of it. Source: issue 13 point 12 (the unfiltered punch list sorted all 2 M punches).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index punches_occurred_at on punches (occurred_at desc, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index punches_occurred_at`.execute(db);
}
