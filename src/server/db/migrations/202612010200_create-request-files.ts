import { sql, type Kysely } from 'kysely';

/**
 * Letters of assignment and evidence uploaded for permits and corrections, addressed by the SHA-256 of their
 * bytes (the bytes live in the file store). One row per uploader: a request may only cite its uploader's files.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table request_files (
    hash text not null check (hash ~ '^[0-9a-f]{64}$'),
    uploaded_by uuid not null references users(id),
    mime text not null,
    size_bytes integer not null check (size_bytes > 0),
    file_name text,
    created_at timestamptz not null default now(),
    primary key (hash, uploaded_by)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table request_files`.execute(db);
}
