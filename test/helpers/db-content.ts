import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.ts';

/**
 * What a database holds, by content, comparable across engines and copies (unlike `dbFingerprint`, whose row
 * versions differ in a restored copy): per table its row count and the md5 of its rows as JSON, sorted bytewise,
 * read in UTC; per sequence its last value. Kysely's migration bookkeeping is left out (its timestamps are when
 * each database was migrated).
 */
export async function dbContent(db: Db): Promise<Record<string, string>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local timezone = 'UTC'`.execute(trx);
    const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables
      where schemaname = 'public' and tablename not like 'kysely_migration%' order by 1`.execute(trx);
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await sql<{ f: string }>`select count(*)::text || ':' ||
          coalesce(md5(string_agg(j, E'\\n' order by j collate "C")), '-') as f
        from (select row_to_json(t)::text as j from ${sql.table(name)} t) x`.execute(trx);
      out[name] = rows[0]!.f;
    }
    const { rows: seqs } = await sql<{ name: string; v: string | null }>`
      select sequencename as name, last_value::text as v from pg_sequences where schemaname = 'public'`.execute(
      trx,
    );
    for (const s of seqs) out[`sequence:${s.name}`] = s.v ?? 'unused';
    return out;
  });
}
