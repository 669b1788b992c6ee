import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb } from '../../../test/helpers/test-db.ts';
import { PREPARED, type DatabaseHandle } from './database.ts';

describe('database layer (runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set)', () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => {
    await h.close();
  });

  it('parses int8, numeric, date and timestamptz the same way on both engines', async () => {
    const { rows } = await sql<{
      big: number;
      cnt: number;
      num: string;
      day: string;
      at: Date;
    }>`select 9007199254740991::int8 as big, count(*) as cnt, 12.345::numeric(10,3) as num,
              '2025-03-31'::date as day, '2025-03-14T01:05:00Z'::timestamptz as at
       from (values (1), (2)) v(x)`.execute(h.db);
    const row = rows[0]!;
    expect(row.big).toBe(9007199254740991);
    expect(row.cnt).toBe(2);
    expect(row.num).toBe('12.345');
    expect(row.day).toBe('2025-03-31');
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe('2025-03-14T01:05:00.000Z');
  });

  it('runs a query marked PREPARED as one named statement per connection on PostgreSQL, others unprepared', async () => {
    const marked = (n: number) => sql<{ v: number }>`${sql.raw(PREPARED)} select ${n}::int + 1 as v`;
    const plain = (n: number) => sql<{ v: number }>`select ${n}::int + 2 as v`;
    await h.db.transaction().execute(async (trx) => {
      expect((await marked(1).execute(trx)).rows[0]!.v).toBe(2);
      expect((await marked(41).execute(trx)).rows[0]!.v).toBe(42);
      expect((await plain(40).execute(trx)).rows[0]!.v).toBe(42);
      if (h.engine !== 'postgres') return;
      const count = async (pattern: string) =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
            where statement like ${pattern}`.execute(trx)
        ).rows[0]!.n;
      expect(await count('%prepared */ select%+ 1 as v')).toBe(1);
      expect(await count('%+ 2 as v')).toBe(0);
    });
  });

  it('refuses int8 values beyond the safe integer range instead of rounding them', async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(h.db)).rejects.toThrow(/safe integer/);
  });

  it('keeps a committed row when a parallel transaction rolls back', async () => {
    await sql`create table t_parallel (id int primary key)`.execute(h.db);
    const committed = h.db.transaction().execute(async (trx) => {
      await sql`insert into t_parallel values (1)`.execute(trx);
      await new Promise((r) => setTimeout(r, 20));
      await sql`insert into t_parallel values (2)`.execute(trx);
    });
    const failed = h.db.transaction().execute(async (trx) => {
      await sql`insert into t_parallel values (3)`.execute(trx);
      throw new Error('boom');
    });
    const plain = Promise.all(
      Array.from({ length: 20 }, (_, i) => sql`insert into t_parallel values (${100 + i})`.execute(h.db)),
    );
    await Promise.allSettled([committed, failed, plain]);
    await expect(failed).rejects.toThrow('boom');
    const { rows } = await sql<{ id: number }>`select id from t_parallel order by id`.execute(h.db);
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(1);
    expect(ids).toContain(2);
    expect(ids).not.toContain(3);
    expect(ids.filter((i) => i >= 100)).toHaveLength(20);
  });

  it('rejects updates and deletes of the audit log at the database level', async () => {
    await sql`insert into audit_log (at, action, entity_type, prev_hash, hash) values (now(), 'x', 'y', '0', '1')`.execute(
      h.db,
    );
    await expect(sql`update audit_log set action = 'z'`.execute(h.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
  });
});
