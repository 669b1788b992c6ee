import { sql, type Kysely } from 'kysely';

/** One apel or upacara on one day (from a schedule, or a one-off such as a holiday ceremony). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table apel_sessions (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id) on delete cascade,
    schedule_id uuid references apel_schedules(id) on delete set null,
    kind text not null check (kind in ('APEL_PAGI', 'APEL_SORE', 'UPACARA_SENIN', 'UPACARA_HARI_BESAR')),
    title text not null,
    local_date date not null,
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    check (closes_at > opens_at)
  )`.execute(db);
  await sql`create unique index apel_sessions_schedule_day on apel_sessions (schedule_id, local_date) where schedule_id is not null`.execute(
    db,
  );
  await sql`create index apel_sessions_unit_idx on apel_sessions (unit_id, local_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table apel_sessions`.execute(db);
}
