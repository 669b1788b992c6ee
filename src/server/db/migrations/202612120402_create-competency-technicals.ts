import { sql, type Kysely } from 'kysely';

/**
 * Technical competencies (kompetensi teknis) of the region's dictionary, kept by BKD per position family, each with
 * its five level descriptions. The managerial and socio-cultural ones are rulebook data (PermenPANRB 38/2017).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table competency_technicals (
      code text primary key,
      name text not null,
      family text not null,
      definition text,
      levels jsonb not null,
      updated_by uuid references users (id),
      updated_at timestamptz not null
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table competency_technicals`.execute(db);
}
