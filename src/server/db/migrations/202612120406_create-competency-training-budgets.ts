import { sql, type Kysely } from 'kysely';

/** The yearly training budget of an OPD (issue 19 point 3: training needs with cost against a budget). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_training_budgets (
      unit_id uuid not null references units (id),
      year integer not null,
      amount bigint not null check (amount >= 0),
      reference text,
      updated_by uuid references users (id),
      updated_at timestamptz not null,
      primary key (unit_id, year)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_training_budgets`.execute(db);
}
