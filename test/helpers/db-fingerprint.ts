import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.ts';

/**
 * What a database holds, cheaply enough to compare before and after every request of a test: per table its row
 * count and the newest row version (`xmin`). Any committed insert, update or delete changes one of the two (an
 * update writes a new row version with a newer xmin). Views are not tables and are left out.
 */
export async function dbFingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await tablesOf(db);
  const parts = tables.map(
    (t) =>
      sql`select ${t} as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as f from ${sql.table(t)}`,
  );
  const { rows } = await sql<{ t: string; f: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

const tableLists = new WeakMap<Db, Promise<string[]>>();
function tablesOf(db: Db): Promise<string[]> {
  let list = tableLists.get(db);
  if (!list) {
    list = sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`
      .execute(db)
      .then((r) => r.rows.map((x) => x.name));
    tableLists.set(db, list);
  }
  return list;
}

/** The tables whose fingerprint differs (for a readable failure). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}
