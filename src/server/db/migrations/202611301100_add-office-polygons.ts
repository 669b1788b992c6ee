import { sql, type Kysely } from 'kysely';

/**
 * An office may be a polygon (a campus, a field) instead of a circle: `polygon` holds its corners as
 * `[[lat, lon], …]`; lat/lon/radius stay as its centre and enclosing radius for maps and quick filters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table offices add column polygon jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table offices drop column polygon`.execute(db);
}
