import { sql, type Kysely } from 'kysely';

/**
 * Runs of scheduled notification jobs claimed in the database (issue 13 point 6, the daily digest): the
 * primary key (kind, run key) lets exactly one server process claim a run (`insert … on conflict do nothing
 * returning`), however many run the timer; a claim left unfinished by a crashed process can be taken over later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table notification_runs (
    kind text not null,
    run_key text not null,
    claimed_by text not null,
    claimed_at timestamptz not null,
    finished_at timestamptz,
    sent integer not null default 0,
    primary key (kind, run_key)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notification_runs`.execute(db);
}
