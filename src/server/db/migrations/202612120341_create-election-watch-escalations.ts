import { sql, type Kysely } from 'kysely';

/**
 * Election-period watch: escalations raised by the daily tick (a day's list not acknowledged by its due time; a
 * head of OPD who missed their own attendance, escalated to the Sekda). The unique key makes the tick idempotent:
 * a second run inserts nothing and notifies nobody. Issue 18 point 3.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table election_watch_escalations (
      id uuid primary key default gen_random_uuid(),
      period_id uuid not null references election_watch_periods (id),
      unit_id uuid not null references units (id),
      local_date date not null,
      kind text not null check (kind in ('KONFIRMASI_TIDAK_ADA', 'KEPALA_TIDAK_HADIR')),
      employee_id uuid references employees (id),
      subject_key text not null,
      reason text not null,
      recipients int not null,
      created_at timestamptz not null,
      unique (period_id, unit_id, local_date, kind, subject_key)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table election_watch_escalations`.execute(db);
}
