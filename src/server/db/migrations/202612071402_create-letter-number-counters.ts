import { sql, type Kysely } from 'kysely';

/**
 * The last letter number issued per scheme and year (issue 14 point 4). A number is taken by
 * `insert … on conflict do update set last_number = last_number + 1 returning` inside the transaction that issues
 * the letter: the row lock serialises concurrent issuers (no duplicate) and a rollback gives the number back (no
 * gap).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table letter_number_counters (
    scheme_id uuid not null references letter_number_schemes(id) on delete cascade,
    year integer not null check (year between 1900 and 2100),
    last_number integer not null check (last_number > 0),
    primary key (scheme_id, year)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table letter_number_counters`.execute(db);
}
