import { sql, type Kysely } from 'kysely';

/** Recurring apel/upacara of a unit: which weekdays, from when, how long the attendance window stays open. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table apel_schedules (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id) on delete cascade,
    kind text not null check (kind in ('APEL_PAGI', 'APEL_SORE', 'UPACARA_SENIN', 'UPACARA_HARI_BESAR')),
    weekdays integer[] not null,
    start_time text not null check (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    window_minutes integer not null check (window_minutes between 5 and 240),
    valid_from date not null,
    valid_to date,
    created_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index apel_schedules_unit_idx on apel_schedules (unit_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table apel_schedules`.execute(db);
}
