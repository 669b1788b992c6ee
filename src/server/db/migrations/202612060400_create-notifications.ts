import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications (issue 13 point 6): one row per recipient account, written by the one notification
 * service inside the transaction of the decision it reports (a rolled-back decision leaves none). `dedupe_key`
 * (kind | entity type | entity id) makes a notification idempotent per recipient where that makes sense: a
 * second notify of the same event stores nothing; null for events that may recur on one item (a month closed
 * again). The unread count of the bell reads the partial index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table notifications (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    kind text not null,
    title text not null,
    body text not null,
    link text not null,
    entity_type text not null,
    entity_id text not null,
    subject_employee_id uuid references employees(id) on delete set null,
    dedupe_key text,
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`.execute(db);
  await sql`create unique index notifications_once on notifications (user_id, dedupe_key)`.execute(db);
  await sql`create index notifications_user_created on notifications (user_id, created_at desc, id)`.execute(
    db,
  );
  await sql`create index notifications_unread on notifications (user_id) where read_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notifications`.execute(db);
}
