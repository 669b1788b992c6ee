import { sql, type Kysely } from 'kysely';

/**
 * The history of month closings: each closing's frozen snapshot of the unit's recap rows, their SHA-256
 * (the same hash as `month_closings.content_hash`), and, when BKD reopened it, by whom, when and why.
 * `month_closings` holds only the closings in force; this table keeps every one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table recap_closings (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id) on delete cascade,
    month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    closed_by uuid references users(id),
    closed_at timestamptz not null,
    content_hash text not null,
    row_count integer not null,
    snapshot jsonb not null,
    reopened_by uuid references users(id),
    reopened_at timestamptz,
    reopen_reason text
  )`.execute(db);
  await sql`create index recap_closings_unit_month on recap_closings (unit_id, month)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table recap_closings`.execute(db);
}
