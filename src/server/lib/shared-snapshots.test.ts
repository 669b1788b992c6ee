import { describe, expect, it } from 'vitest';
import { sharedSnapshots } from './shared-snapshots.ts';

/** A cache over a fake computation: each call returns `{ n, at, size }` with a counter, at the fake clock. */
function setup(size = 10) {
  let clock = 1_000_000;
  let n = 0;
  const pending: (() => void)[] = [];
  let hold = false;
  const cache = sharedSnapshots<{ n: number; at: number; size: number }>({
    compute: async () => {
      const value = { n: ++n, at: clock, size };
      if (hold) await new Promise<void>((r) => pending.push(r));
      return value;
    },
    size: (v) => v.size,
    at: (v) => v.at,
    now: () => clock,
    minSize: 5,
    freshMs: 15_000,
    staleMs: 60_000,
    max: 2,
  });
  return {
    cache,
    tick: (ms: number) => (clock += ms),
    hold: (on: boolean) => (hold = on),
    release: () => pending.splice(0).forEach((r) => r()),
    calls: () => n,
  };
}

describe('shared snapshots (the today view of a province)', () => {
  it('shares a large answer while fresh, serves it stale while one refresh runs, recomputes when too old', async () => {
    const s = setup();
    expect((await s.cache.get('k')).n).toBe(1);
    s.tick(14_000);
    expect((await s.cache.get('k')).n).toBe(1);
    expect(s.calls()).toBe(1);
    // Stale: the old answer at once, one refresh beside it (not two).
    s.tick(2_000);
    s.hold(true);
    expect((await s.cache.get('k')).n).toBe(1);
    expect((await s.cache.get('k')).n).toBe(1);
    expect(s.calls()).toBe(2);
    s.release();
    await new Promise((r) => setTimeout(r, 0));
    s.hold(false);
    expect((await s.cache.get('k')).n).toBe(2);
    // Too old: computed again before answering.
    s.tick(61_000);
    expect((await s.cache.get('k')).n).toBe(3);
  });

  it('never keeps a small answer, keeps keys apart and at most `max` of them', async () => {
    const small = setup(4);
    await small.cache.get('k');
    await small.cache.get('k');
    expect(small.calls()).toBe(2);
    const s = setup();
    expect((await s.cache.get('a')).n).toBe(1);
    expect((await s.cache.get('b')).n).toBe(2);
    expect((await s.cache.get('a')).n).toBe(1);
    expect((await s.cache.get('c')).n).toBe(3); // 'a' (the oldest kept) goes
    expect((await s.cache.get('a')).n).toBe(4);
    expect((await s.cache.get('c')).n).toBe(3);
  });
});
