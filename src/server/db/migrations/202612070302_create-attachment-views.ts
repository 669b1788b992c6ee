import { sql, type Kysely } from 'kysely';

/**
 * One access log for every attachment (UU 27/2022: who viewed which personal data, when, from where): the
 * attachment, its owning record, the viewer and their address. The views of permit letters and correction
 * evidence logged before (`request_file_views`) move into it; that name stays as a view over it for its readers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table attachment_views (
    id bigint generated always as identity primary key,
    attachment_id uuid references attachments(id),
    owner_kind text not null,
    owner_id uuid not null,
    sha256 text not null,
    viewer_id uuid not null references users(id),
    viewed_at timestamptz not null default now(),
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create index attachment_views_owner on attachment_views (owner_kind, owner_id, viewed_at)`.execute(
    db,
  );
  await sql`insert into attachment_views
      (attachment_id, owner_kind, owner_id, sha256, viewer_id, viewed_at, ip, user_agent)
    select a.id, v.entity_type, v.entity_id, v.file_hash, v.viewer_id, v.viewed_at, v.ip, v.user_agent
    from request_file_views v
    left join attachments a on a.owner_kind = v.entity_type and a.owner_id = v.entity_id
    order by v.id`.execute(db);
  await sql`drop table request_file_views`.execute(db);
  await sql`create view request_file_views as
    select id, sha256 as file_hash, owner_kind as entity_type, owner_id as entity_id, viewer_id, viewed_at, ip,
      user_agent
    from attachment_views where owner_kind in ('permit', 'correction')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view request_file_views`.execute(db);
  await sql`create table request_file_views (
    id bigint generated always as identity primary key,
    file_hash text not null,
    entity_type text not null,
    entity_id uuid not null,
    viewer_id uuid not null references users(id),
    viewed_at timestamptz not null default now(),
    ip text,
    user_agent text
  )`.execute(db);
  await sql`insert into request_file_views (file_hash, entity_type, entity_id, viewer_id, viewed_at, ip, user_agent)
    select sha256, owner_kind, owner_id, viewer_id, viewed_at, ip, user_agent from attachment_views
    where owner_kind in ('permit', 'correction') order by id`.execute(db);
  await sql`create index request_file_views_entity_idx on request_file_views (entity_id, viewed_at)`.execute(
    db,
  );
  await sql`drop table attachment_views`.execute(db);
}
