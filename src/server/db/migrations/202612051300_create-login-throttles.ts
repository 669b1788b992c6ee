import { sql, type Kysely } from 'kysely';

/**
 * Failed sign-in / current-password attempts per account and source (client address, IPv6 by /64), and per
 * account over all sources (source `*`): the counters of src/core/access/login-throttle.ts. users.failed_attempts
 * and users.locked_until keep what administrators see (the account's count, its latest lock).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table login_throttles (
    user_id uuid not null references users(id) on delete cascade,
    source text not null,
    failures integer not null,
    locked_until timestamptz,
    last_failed_at timestamptz not null,
    primary key (user_id, source)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_throttles`.execute(db);
}
