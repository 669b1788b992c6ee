import { sql, type Kysely } from 'kysely';

/** Punches are append-only: no UPDATE, DELETE or TRUNCATE (PRODUCT.md principle 3, "nothing is lost"). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function punches_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'punches are append-only';
    end;
  $$`.execute(db);
  await sql`create trigger punches_no_change before update or delete on punches
    for each row execute function punches_append_only()`.execute(db);
  await sql`create trigger punches_no_truncate before truncate on punches
    for each statement execute function punches_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger punches_no_truncate on punches`.execute(db);
  await sql`drop trigger punches_no_change on punches`.execute(db);
  await sql`drop function punches_append_only()`.execute(db);
}
