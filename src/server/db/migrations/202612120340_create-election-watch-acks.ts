import { sql, type Kysely } from 'kysely';

/**
 * Election-period watch: the head of OPD's acknowledgement of a day's absence list (one per period, OPD and day;
 * the Mukomuko circular). Issue 18 point 3.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table election_watch_acks (
      id uuid primary key default gen_random_uuid(),
      period_id uuid not null references election_watch_periods (id),
      unit_id uuid not null references units (id),
      local_date date not null,
      employee_id uuid not null references employees (id),
      user_id uuid not null references users (id),
      acting text check (acting in ('PLT', 'PLH')),
      note text,
      acknowledged_at timestamptz not null,
      due_at timestamptz not null,
      unique (period_id, unit_id, local_date)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table election_watch_acks`.execute(db);
}
