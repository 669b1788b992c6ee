import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/test-db.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createPeriodicScheduler } from './periodic.ts';

const quiet = { info() {}, debug() {}, error() {} };

describe('periodic scheduler', () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => {
    await h.close();
  });

  it('two schedulers (two processes) on one database: a run while the other holds the job is skipped, and the lock is free after', async () => {
    const a = createPeriodicScheduler({ db: h.db, log: quiet });
    const b = createPeriodicScheduler({ db: h.db, log: quiet });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const job = (wait: boolean) => ({
      name: 'test.job',
      everyMs: 3600_000,
      run: async () => {
        runs++;
        if (wait) await gate;
      },
    });
    const first = a.runExclusive(job(true));
    // Let the first take its lock before the second tries.
    for (let i = 0; i < 50 && runs === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
    // A second run in the same scheduler joins the run in progress; the other scheduler finds the lock taken
    // (PostgreSQL) — on PGlite there is one process, no lock, and the job simply runs.
    expect(a.runExclusive(job(false))).toBe(first);
    const second = await b.runExclusive(job(false));
    expect(second).toBe(a.locking ? 'busy' : 'done');
    release();
    expect(await first).toBe('done');
    // Released: the other scheduler now runs it.
    expect(await b.runExclusive(job(false))).toBe('done');
    expect(runs).toBe(a.locking ? 2 : 3);
    await a.stop();
    await b.stop();
  });

  it('a job that throws is reported as failed and its lock released', async () => {
    const errors: unknown[] = [];
    const s = createPeriodicScheduler({ db: h.db, log: { ...quiet, error: (o) => errors.push(o) } });
    const boom = {
      name: 'test.boom',
      everyMs: 3600_000,
      run: () => Promise.reject(new Error('boom')),
    };
    expect(await s.runExclusive(boom)).toBe('failed');
    expect(errors).toHaveLength(1);
    const other = createPeriodicScheduler({ db: h.db, log: quiet });
    expect(await other.runExclusive({ ...boom, run: async () => 1 })).toBe('done');
    await s.stop();
    await other.stop();
  });
});
