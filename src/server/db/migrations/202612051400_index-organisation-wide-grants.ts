import { sql, type Kysely } from 'kysely';

/**
 * One grant of a role over the whole organisation (unit null) per account. The table's unique key
 * (user_id, role, unit_id) treats two nulls as different, so two identical organisation-wide grants made at the
 * same moment were both stored; this partial unique index makes the second one conflict (the accounts service
 * then answers 409). Identical duplicates already stored are removed first, keeping the oldest: they grant
 * nothing more than it does. Source: issue 12 point 6 (one effect under concurrency).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from role_grants a using role_grants b
    where a.unit_id is null and b.unit_id is null and a.user_id = b.user_id and a.role = b.role
      and (a.created_at, a.id) > (b.created_at, b.id)`.execute(db);
  await sql`create unique index role_grants_one_organisation_wide
    on role_grants (user_id, role) where unit_id is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index role_grants_one_organisation_wide`.execute(db);
}
