import { sql, type Kysely } from 'kysely';

/**
 * Election-period watch (issue 18 point 3): the periods BKD declares, their stages (dated ranges, key dates) and
 * the units they cover (none = the whole region; a unit's subtree counts). One concern: the declaration.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table election_watch_periods (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      kind text not null check (kind in ('PILKADA', 'PEMILU')),
      legal_basis text not null,
      starts_on date not null,
      ends_on date not null,
      ack_due_time text not null,
      whole_region boolean not null,
      created_by uuid references users (id),
      created_at timestamptz not null,
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index election_watch_periods_dates on election_watch_periods (ends_on, starts_on)`.execute(
    db,
  );
  await sql`
    create table election_watch_stages (
      id uuid primary key default gen_random_uuid(),
      period_id uuid not null references election_watch_periods (id) on delete cascade,
      kind text not null,
      name text not null,
      starts_on date not null,
      ends_on date not null,
      key_date boolean not null,
      position int not null
    )`.execute(db);
  await sql`create index election_watch_stages_period on election_watch_stages (period_id, position)`.execute(
    db,
  );
  await sql`
    create table election_watch_period_units (
      period_id uuid not null references election_watch_periods (id) on delete cascade,
      unit_id uuid not null references units (id),
      primary key (period_id, unit_id)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table election_watch_period_units`.execute(db);
  await sql`drop table election_watch_stages`.execute(db);
  await sql`drop table election_watch_periods`.execute(db);
}
