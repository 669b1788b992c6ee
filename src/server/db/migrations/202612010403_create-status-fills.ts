import { sql, type Kysely } from 'kysely';

/**
 * The dates whose every employee-day has been queued once the date ended, so a day nobody touched (an absence
 * without any punch, a holiday) is stored too and the recap counts it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table status_fills (
    local_date date primary key,
    queued_days integer not null,
    queued_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table status_fills`.execute(db);
}
