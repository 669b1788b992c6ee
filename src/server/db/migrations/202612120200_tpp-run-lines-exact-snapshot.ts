import { sql, type Kysely } from 'kysely';

/**
 * A TPP line keeps its input snapshot as the exact JSON text it was hashed from (`inputs` text, no longer jsonb,
 * whose key order is its own) and the hash of its result (`result_hash`): a run of 50,000 lines hashes each line
 * once from the text it stores, and a re-run of one line takes the other lines' hashes as stored. Lines stored
 * before this have an empty `result_hash` (their run's verification reports them). Issue 17 points 2 and 8.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tpp_run_lines alter column inputs type text using inputs::text`.execute(db);
  await sql`alter table tpp_run_lines add column result_hash text not null default ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tpp_run_lines drop column result_hash`.execute(db);
  await sql`alter table tpp_run_lines alter column inputs type jsonb using inputs::jsonb`.execute(db);
}
