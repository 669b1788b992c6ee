import { sql, type Kysely } from 'kysely';

/**
 * The level BKD requires of one position for one competency (overriding the rulebook's default for the position's
 * kind, or adding a technical competency): the position's competency standard (PermenPANRB 38/2017).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_position_levels (
      position_id uuid not null references positions (id),
      code text not null,
      level smallint not null check (level between 1 and 5),
      updated_by uuid references users (id),
      updated_at timestamptz not null,
      primary key (position_id, code)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_position_levels`.execute(db);
}
