import { sql, type Kysely } from 'kysely';

/**
 * One table for every module's attachments (issue 14 point 3): the owning record (`owner_kind`, `owner_id`;
 * both null for an upload waiting to be cited, owned by its uploader), what it is for (`kind`), its content
 * (`mime`, `size_bytes`, `sha256` of the stored bytes, which live in the file store by that hash), who uploaded
 * it and when, and the retention class that decides when its bytes are deleted (`purged_at`). A record holds one
 * attachment per kind; one uploader holds one waiting upload per content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table attachments (
    id uuid primary key default gen_random_uuid(),
    owner_kind text,
    owner_id uuid,
    kind text not null,
    mime text not null,
    size_bytes integer not null check (size_bytes >= 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    file_name text,
    uploaded_by uuid references users(id),
    created_at timestamptz not null default now(),
    retention_class text not null,
    purged_at timestamptz,
    check ((owner_kind is null) = (owner_id is null))
  )`.execute(db);
  await sql`create unique index attachments_owner on attachments (owner_kind, owner_id, kind) where owner_id is not null`.execute(
    db,
  );
  await sql`create unique index attachments_waiting on attachments (sha256, uploaded_by) where owner_id is null`.execute(
    db,
  );
  await sql`create index attachments_sha256 on attachments (sha256)`.execute(db);
  await sql`create index attachments_retention on attachments (retention_class, created_at) where purged_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table attachments`.execute(db);
}
