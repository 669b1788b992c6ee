import { sql, type Kysely } from 'kysely';

/**
 * Export jobs held by a server process (issue 20 point 1): `owner` names the process rendering the job and
 * `lease_until` how long it is known alive; the process moves the lease on while it works (a heartbeat), and the
 * sweep of any process fails a queued or running job whose lease has passed (its process stopped half-way), so a
 * killed process no longer leaves a job "running" for hours. Rows written before have no lease (the older 6-hour
 * rule still fails them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs add column owner text, add column lease_until timestamptz`.execute(db);
  await sql`create index jobs_open_lease on jobs (lease_until) where state in ('queued','running')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index jobs_open_lease`.execute(db);
  await sql`alter table jobs drop column owner, drop column lease_until`.execute(db);
}
