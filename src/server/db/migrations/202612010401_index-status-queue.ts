import { sql, type Kysely } from 'kysely';

/** The worker takes the oldest queued days first: an index in that order (a rulebook backfill queues millions). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index status_queue_order on status_queue (queued_at, employee_id, local_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index status_queue_order`.execute(db);
}
