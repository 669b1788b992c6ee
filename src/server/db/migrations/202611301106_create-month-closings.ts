import { sql, type Kysely } from 'kysely';

/** A unit's closed attendance month: punches dated in it are refused (later changes become adjustments). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table month_closings (
    unit_id uuid not null references units(id) on delete cascade,
    month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    closed_by uuid references users(id),
    closed_at timestamptz not null default now(),
    content_hash text,
    primary key (unit_id, month)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table month_closings`.execute(db);
}
