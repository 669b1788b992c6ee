import { describe, expect, it } from 'vitest';
import {
  FORGET_AFTER_MS,
  lockAfter,
  loginSource,
  MAX_LOCK_MS,
  reserveAttempt,
  type FailureCounter,
  type ThrottlePolicy,
} from './login-throttle.ts';

const MIN = 60_000;
const policy: ThrottlePolicy = {
  sourceMaxFailures: 5,
  accountMaxFailures: 100,
  baseLockMs: 15 * MIN,
  maxLockMs: MAX_LOCK_MS,
  forgetAfterMs: FORGET_AFTER_MS,
};
const T0 = Date.parse('2026-01-15T02:00:00Z');
const fresh: FailureCounter = { failures: 0, lockedUntil: null, lastFailedAt: null };

describe('lockAfter', () => {
  it.each<[number, number | null]>([
    [1, null],
    [4, null],
    [5, 15 * MIN],
    [6, 30 * MIN],
    [7, 60 * MIN],
    [11, 960 * MIN],
    [12, MAX_LOCK_MS], // 1,920 min capped at 24 h
    [60, MAX_LOCK_MS],
  ])('failure %i → lock %s ms', (failures, ms) => expect(lockAfter(failures, 5, policy)).toBe(ms));
});

describe('reserveAttempt', () => {
  it('counts attempts 1–4 without a lock and engages the source lock on the 5th', () => {
    let source: FailureCounter | undefined;
    let account = fresh;
    for (let i = 1; i <= 5; i++) {
      const r = reserveAttempt(source, account, T0, policy);
      if (r.kind !== 'reserved') throw new Error('refused');
      expect(r.source.failures).toBe(i);
      expect(r.account.failures).toBe(i);
      expect(r.engaged).toEqual(i < 5 ? null : { scope: 'source', lockedUntil: T0 + 15 * MIN });
      expect(r.accountLock).toBeNull();
      source = r.source;
      account = r.account;
    }
    expect(reserveAttempt(source, account, T0 + 15 * MIN - 1, policy)).toEqual({
      kind: 'refused',
      scope: 'source',
      lockedUntil: T0 + 15 * MIN,
    });
    // Another source is not locked.
    expect(reserveAttempt(undefined, account, T0 + 1, policy).kind).toBe('reserved');
  });

  it('doubles the lock for each failure after the lock ends', () => {
    const source = { failures: 5, lockedUntil: T0 + 15 * MIN, lastFailedAt: T0 };
    const r = reserveAttempt(source, { ...fresh, failures: 5, lastFailedAt: T0 }, T0 + 15 * MIN, policy);
    expect(r).toMatchObject({
      kind: 'reserved',
      source: { failures: 6 },
      engaged: { scope: 'source', lockedUntil: T0 + 15 * MIN + 30 * MIN },
    });
  });

  it('forgets a source 24 h after its lock ended', () => {
    const source = { failures: 9, lockedUntil: T0 + 4 * 60 * MIN, lastFailedAt: T0 };
    const at = T0 + 4 * 60 * MIN + FORGET_AFTER_MS;
    const r = reserveAttempt(source, fresh, at, policy);
    expect(r).toMatchObject({ kind: 'reserved', source: { failures: 1 }, engaged: null });
    const justBefore = reserveAttempt(source, fresh, at - 1, policy);
    expect(justBefore).toMatchObject({ kind: 'reserved', source: { failures: 10 } });
  });

  it('locks the whole account at the ceiling, whatever the source, and refuses every source then', () => {
    const account = { failures: 99, lockedUntil: null, lastFailedAt: T0 - MIN };
    const r = reserveAttempt(undefined, account, T0, policy);
    expect(r).toMatchObject({
      kind: 'reserved',
      account: { failures: 100, lockedUntil: T0 + 15 * MIN },
      accountLock: T0 + 15 * MIN,
      engaged: { scope: 'account', lockedUntil: T0 + 15 * MIN },
    });
    if (r.kind !== 'reserved') return;
    expect(reserveAttempt(undefined, r.account, T0 + 1, policy)).toEqual({
      kind: 'refused',
      scope: 'account',
      lockedUntil: T0 + 15 * MIN,
    });
  });

  it('does not count an attempt refused by a lock', () => {
    const source = { failures: 5, lockedUntil: T0 + MIN, lastFailedAt: T0 };
    expect(reserveAttempt(source, fresh, T0, policy).kind).toBe('refused');
  });
});

describe('loginSource', () => {
  it.each<[string | null, string]>([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::198.51.100.1', '64:ff9b:0:0::/64'],
    ['', 'unknown'],
    [null, 'unknown'],
  ])('%s → %s', (ip, source) => expect(loginSource(ip)).toBe(source));
});
