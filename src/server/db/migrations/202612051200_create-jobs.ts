import { sql, type Kysely } from 'kysely';

/**
 * Background jobs (large exports): who started it, what, its state and progress, the file when ready (under
 * DATA_DIR/jobs, deleted after JOB_FILE_TTL_HOURS) or the error. Only the owner sees and downloads a job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table jobs (
    id uuid primary key default gen_random_uuid(),
    owner_id uuid not null references users(id),
    kind text not null,
    params jsonb not null,
    state text not null check (state in ('queued','running','done','failed','expired')),
    progress integer not null default 0 check (progress between 0 and 100),
    file_name text not null,
    content_type text not null,
    file_path text,
    file_bytes bigint,
    error jsonb,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    expires_at timestamptz
  )`.execute(db);
  await sql`create index jobs_owner_created on jobs (owner_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs`.execute(db);
}
