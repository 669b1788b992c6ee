import { sql, type Kysely } from 'kysely';

/**
 * Clearing an account's lock clears all its failure counters (every source and the account's own). Every path
 * that lifts a lock sets users.locked_until to null: the administrator's unlock and password reset (accounts
 * service) and `npm run admin:create -- --reset`. The sign-in code never sets it to null (it sets a later lock,
 * or an expired one), so a success from one address keeps the counts of the other addresses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function users_clear_login_throttles() returns trigger language plpgsql as $$
    begin
      delete from login_throttles where user_id = new.id;
      return null;
    end;
  $$`.execute(db);
  await sql`create trigger users_unlock_clears_throttles after update of locked_until on users
    for each row when (new.locked_until is null) execute function users_clear_login_throttles()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger users_unlock_clears_throttles on users`.execute(db);
  await sql`drop function users_clear_login_throttles()`.execute(db);
}
