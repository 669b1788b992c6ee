import { sql, type Kysely } from 'kysely';

/** The steps of a run's lifecycle (computed, checked, published, approved, locked, an employee re-run), by whom. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tpp_run_events (
    id uuid primary key default gen_random_uuid(),
    run_id uuid not null references tpp_runs(id) on delete cascade,
    action text not null,
    from_status text,
    to_status text,
    actor_user_id uuid references users(id),
    note text,
    data jsonb not null default '{}',
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index tpp_run_events_run on tpp_run_events (run_id, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tpp_run_events`.execute(db);
}
