import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDb } from '../../../test/helpers/test-db.ts';
import type { DatabaseHandle } from './database.ts';
import { afterCommit, outsideUnitOfWork, UnitOfWork } from './unit-of-work.ts';

/** A scratch table of this file, outside the application schema. */
type Scratch = { uowT: { id: number; v: string } };

describe('request unit of work (PGlite, and PostgreSQL when TEST_DATABASE_URL is set)', () => {
  let h: DatabaseHandle;
  let db: Kysely<Scratch>;
  const values = async () =>
    (await db.selectFrom('uowT').select(['id', 'v']).orderBy('id').execute()).map((r) => `${r.id}:${r.v}`);
  const put = (id: number, v = 'x', exec: Kysely<Scratch> = db) =>
    exec.insertInto('uowT').values({ id, v }).execute();

  beforeAll(async () => {
    h = await createTestDb();
    db = h.db as unknown as Kysely<Scratch>;
    await sql`create table uow_t (id int primary key, v text not null)`.execute(h.db);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await db.deleteFrom('uowT').execute();
  });

  it('rolls back every write of a refused unit: plain queries and committed db.transaction() alike', async () => {
    const uow = new UnitOfWork();
    await uow.run(async () => {
      await put(1);
      await db.transaction().execute((trx) => put(2, 'x', trx));
      expect(await values()).toEqual(['1:x', '2:x']); // the unit sees its own writes
    });
    // Nobody else sees them before the end (on PGlite nobody else can even read before the end: one connection).
    if (h.engine === 'postgres') expect(await outsideUnitOfWork(values)).toEqual([]);
    await uow.finish(false);
    expect(await values()).toEqual([]);
  });

  it('commits a successful unit; a failing inner transaction rolls back only itself', async () => {
    const uow = new UnitOfWork();
    await uow.run(async () => {
      await put(1);
      await expect(
        db.transaction().execute(async (trx) => {
          await put(2, 'x', trx);
          await put(1, 'duplicate', trx); // unique violation inside the savepoint
        }),
      ).rejects.toMatchObject({ code: '23505' });
      await put(3);
    });
    await uow.finish(true);
    expect(await values()).toEqual(['1:x', '3:x']);
  });

  it('refuses to report a commit when a plain query failed and was swallowed (PostgreSQL would roll back silently)', async () => {
    const uow = new UnitOfWork();
    await uow.run(async () => {
      await put(1);
      await put(1).catch(() => undefined);
    });
    await expect(uow.finish(true)).rejects.toMatchObject({ code: '23505' });
    expect(await values()).toEqual([]);
  });

  it('runs afterCommit work after the commit, outside the unit, and never after a rollback', async () => {
    const seen: string[][] = [];
    const committed = new UnitOfWork();
    await committed.run(async () => {
      await put(1);
      await afterCommit(async () => {
        seen.push(await values());
      });
    });
    expect(seen).toEqual([]);
    await committed.finish(true);
    expect(seen).toEqual([['1:x']]);

    const refused = new UnitOfWork();
    await refused.run(async () => {
      await put(2);
      await afterCommit(() => seen.push(['never']));
    });
    await refused.finish(false);
    expect(seen).toEqual([['1:x']]);

    // Outside any unit it runs at once, before the caller goes on.
    await afterCommit(() => seen.push(['now']));
    expect(seen).toEqual([['1:x'], ['now']]);
  });

  it('keeps concurrent units apart and serialises the savepoints of one unit', async () => {
    const a = new UnitOfWork();
    const b = new UnitOfWork();
    await Promise.all([
      a.run(() =>
        Promise.all([
          db.transaction().execute((trx) => put(1, 'a', trx)),
          db.transaction().execute((trx) => put(2, 'a', trx)),
        ]),
      ),
      // On PGlite the second unit waits for the first one's connection; on PostgreSQL it has its own.
      h.engine === 'postgres' ? b.run(() => put(3, 'b')) : Promise.resolve(),
    ]);
    await a.finish(true);
    if (h.engine === 'pglite') await b.run(() => put(3, 'b'));
    await b.finish(false);
    expect(await values()).toEqual(['1:a', '2:a']);
  });

  it('leaves queries outside any unit as they were (autocommit)', async () => {
    await put(7);
    expect(await values()).toEqual(['7:x']);
  });
});
