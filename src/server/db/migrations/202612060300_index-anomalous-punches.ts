import { sql, type Kysely } from 'kysely';

/**
 * The Inspektorat's home page and anomaly lists read the punches of the last days that were not accepted
 * (flagged, rejected, outside every allowed place): a partial index keeps that read proportional to those few
 * punches, whatever the size of the punch history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index punches_anomalous_day on punches (local_date, unit_id) where verdict <> 'ACCEPTED'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index punches_anomalous_day`.execute(db);
}
