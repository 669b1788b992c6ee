import { sql, type Kysely } from 'kysely';

/**
 * Web Push subscriptions (issue 13 point 6): one per device (the browser's push endpoint is unique), owned by
 * the account signed in on it (a new sign-in on the same phone takes it over). Removed when the push service
 * answers 404/410 (the subscription expired or the app was uninstalled) or when the user turns push off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table push_subscriptions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    endpoint text not null unique,
    p256dh text not null,
    auth text not null,
    user_agent text,
    created_at timestamptz not null default now(),
    last_sent_at timestamptz
  )`.execute(db);
  await sql`create index push_subscriptions_user on push_subscriptions (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table push_subscriptions`.execute(db);
}
