import { sql, type Kysely } from 'kysely';

/**
 * A TPP line keeps its breakdown as the JSON text its result hash was taken over (`breakdown` text, no longer
 * jsonb): storing a 50,000-line run no longer has the database parse and re-encode every explanation (the insert of
 * the lines took half of the run; measured in bench/tpp, issue 17 point 8). Both large texts of a line are
 * compressed with lz4 where the engine has it (PostgreSQL 14+ built with lz4; PGlite has only pglz and keeps it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tpp_run_lines alter column breakdown type text using breakdown::text`.execute(db);
  await sql`
    do $$
    begin
      alter table tpp_run_lines alter column breakdown set compression lz4, alter column inputs set compression lz4;
    exception when feature_not_supported then
      null;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tpp_run_lines alter column breakdown type jsonb using breakdown::jsonb`.execute(db);
}
