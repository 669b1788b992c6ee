import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

/*
 * The rulebook versions cache under concurrency (issue 16, the server that hung on PGlite): a transaction outside
 * a request's unit of work (the status worker refreshing recaps, a GET that prints a document) asks for the
 * rulebook while a plain read of another caller has begun loading the versions and waits for the connection. On
 * PGlite there is one connection: the transaction must not wait for that load (it waits for the transaction), or
 * the whole server stops. On PostgreSQL the load runs on another connection either way.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false, now: '2026-06-10T03:00:00Z' });
  await t.services.rulebooks.syncRepoRulebooks();
});
afterAll(() => t?.close());

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);

describe('rulebook versions cache', () => {
  it('a transaction asking for the rulebook never waits for a load begun outside it', async () => {
    const region = t.config.rulebookRegion;
    // The cached versions are stale (more than the cache's few seconds old): the next reader loads them again.
    t.clock.set('2026-06-10T03:10:00Z');
    const run = t.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx); // the transaction holds the connection
      // Another caller (a plain read, as a GET reading a case's deadlines) begins the load and waits for it.
      const other = t.services.rulebooks.rulesOn(region, '2026-06-10');
      await new Promise((r) => setTimeout(r, 20));
      const mine = await t.services.rulebooks.rulesOn(region, '2026-06-10', trx);
      return { mine, other };
    });
    const { mine, other } = await within(run, 10_000);
    expect(mine.meta.region).toBe(region);
    expect((await within(other, 10_000)).meta.id).toBe(mine.meta.id);
  });
});
