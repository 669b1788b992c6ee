import { sql, type Kysely } from 'kysely';

/**
 * The files stored before issue 14 become attachments, nothing lost: every upload of `request_files` (a waiting
 * upload of its uploader), the letter each permit cites, the evidence each correction cites, and each leave
 * request's attachment (from its own columns, which stay). Then `request_files` goes: `attachments` holds it.
 * The bytes move from PHOTO_DIR/request-files and PHOTO_DIR/leave-files into the attachment store at the next
 * start (`files/legacy-blobs.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into attachments
      (owner_kind, owner_id, kind, mime, size_bytes, sha256, file_name, uploaded_by, created_at, retention_class)
    select null, null, 'request_upload', mime, size_bytes, hash, file_name, uploaded_by, created_at, 'staging'
    from request_files`.execute(db);
  await sql`insert into attachments
      (owner_kind, owner_id, kind, mime, size_bytes, sha256, file_name, uploaded_by, created_at, retention_class)
    select 'permit', p.id, 'permit_letter', coalesce(f.mime, 'application/octet-stream'), coalesce(f.size_bytes, 0),
      p.file_hash, f.file_name, p.requested_by, p.created_at, 'personnel'
    from permits p
    left join lateral (select * from request_files r where r.hash = p.file_hash
      order by (r.uploaded_by = p.requested_by) desc, r.created_at limit 1) f on true
    where p.file_hash is not null and p.file_hash ~ '^[0-9a-f]{64}$'`.execute(db);
  await sql`insert into attachments
      (owner_kind, owner_id, kind, mime, size_bytes, sha256, file_name, uploaded_by, created_at, retention_class)
    select 'correction', c.id, 'correction_evidence', coalesce(f.mime, 'application/octet-stream'),
      coalesce(f.size_bytes, 0), c.evidence_hash, f.file_name, c.requested_by, c.created_at, 'attendance'
    from corrections c
    left join lateral (select * from request_files r where r.hash = c.evidence_hash
      order by (r.uploaded_by = c.requested_by) desc, r.created_at limit 1) f on true
    where c.evidence_hash ~ '^[0-9a-f]{64}$'`.execute(db);
  await sql`insert into attachments
      (owner_kind, owner_id, kind, mime, size_bytes, sha256, file_name, uploaded_by, created_at, retention_class)
    select 'leave_request', id, 'leave_evidence', coalesce(attachment_mime, 'application/octet-stream'),
      coalesce(attachment_size, 0), attachment_hash, attachment_name, created_by, created_at, 'personnel'
    from leave_requests where attachment_hash is not null`.execute(db);
  await sql`drop table request_files`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create table request_files (
    hash text not null check (hash ~ '^[0-9a-f]{64}$'),
    uploaded_by uuid not null references users(id),
    mime text not null,
    size_bytes integer not null check (size_bytes > 0),
    file_name text,
    created_at timestamptz not null default now(),
    primary key (hash, uploaded_by)
  )`.execute(db);
  await sql`insert into request_files (hash, uploaded_by, mime, size_bytes, file_name, created_at)
    select sha256, uploaded_by, mime, size_bytes, file_name, created_at from attachments
    where owner_id is null and uploaded_by is not null and size_bytes > 0`.execute(db);
  await sql`delete from attachments where owner_kind is null or owner_kind in ('permit', 'correction', 'leave_request')`.execute(
    db,
  );
}
