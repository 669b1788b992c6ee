import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, login, type TestApp } from '../../../test/helpers/test-app.ts';

const MINUTE = 60_000;
const ATTACKER = '203.0.113.66';
const OWNER = '198.51.100.10';

/**
 * Failed attempts are counted atomically and per account AND source (src/core/access/login-throttle.ts): a
 * guesser at one address cannot lock the owner out at another, locks double, a per-account ceiling over all
 * sources stops distributed guessing, and an administrator's unlock clears every lock. Sources are set with
 * `remoteAddress` in `app.inject` (what Fastify reports as request.ip); time moves with the test clock.
 */
function helpers(t: () => TestApp) {
  const attempt = (identifier: string, password: string, ip = '127.0.0.1') =>
    t().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { identifier, password },
    });
  const userOf = (username: string) =>
    t().db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  /** The per-source counters (`all`: with the account's own, source `*`). */
  const throttlesOf = async (username: string, all = false) => {
    const u = await userOf(username);
    return t()
      .db.selectFrom('loginThrottles')
      .selectAll()
      .where('userId', '=', u.id)
      .$if(!all, (q) => q.where('source', '!=', '*'))
      .orderBy('source')
      .execute();
  };
  const auditOf = async (username: string, action: string) => {
    const u = await userOf(username);
    return t()
      .db.selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', u.id)
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  };
  const codes = (rs: LightMyRequestResponse[]) => rs.map((r) => `${r.statusCode}`).sort();
  return { attempt, userOf, throttlesOf, auditOf, codes };
}

/** Demo PNS accounts without any grant, one per test. */
function plainNips(t: TestApp) {
  const granted = new Set(t.demo.roleGrants.map((g) => g.nip));
  return t.demo.employees
    .filter((e) => e.employeeType === 'PNS' && e.nip && !granted.has(e.nip))
    .map((e) => e.nip!);
}

describe('failed attempts counted atomically (default limits: 5 per account and source)', () => {
  let t: TestApp;
  let nips: string[];
  const h = helpers(() => t);

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
    nips = plainNips(t);
  });
  afterAll(() => t.close());

  it('evaluates exactly 5 of 15 concurrent wrong passwords; the other 10 are refused as locked, and all 15 are audited', async () => {
    const nip = nips[0]!;
    const rs = await Promise.all(Array.from({ length: 15 }, (_, i) => h.attempt(nip, `salah-${i}-xyz`)));
    expect(h.codes(rs)).toEqual([...Array(4).fill('401'), ...Array(11).fill('423')]);
    expect((await h.throttlesOf(nip)).map((r) => [r.source, r.failures])).toEqual([['127.0.0.1', 5]]);
    expect((await h.userOf(nip)).failedAttempts).toBe(5);
    const failed = await h.auditOf(nip, 'auth.login_failed');
    const evaluated = failed.filter((a) => (a.after as { reason?: string }).reason !== 'locked');
    expect(evaluated.map((a) => (a.after as { failedAttempts: number }).failedAttempts).sort()).toEqual([
      1, 2, 3, 4,
    ]);
    expect(failed.length - evaluated.length).toBe(10);
    expect(await h.auditOf(nip, 'auth.locked')).toHaveLength(1);
  });

  it('refuses the right password sent after 14 concurrent wrong ones (the issue’s 14 + 1)', async () => {
    const nip = nips[1]!;
    await Promise.all(Array.from({ length: 14 }, (_, i) => h.attempt(nip, `salah-${i}-xyz`)));
    const right = await h.attempt(nip, 'abdi-demo');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    const u = await h.userOf(nip);
    expect(await t.db.selectFrom('sessions').select('id').where('userId', '=', u.id).execute()).toEqual([]);
    expect(u.failedAttempts).toBe(5);
  });

  it('counts the current password of change-password the same way: 15 concurrent wrong → 5 evaluated, then even the right one is refused (and so is a sign-in from that address)', async () => {
    const nip = nips[2]!;
    const c = await login(t.app, nip);
    const hashBefore = (await h.userOf(nip)).passwordHash;
    const rs = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        c.post('/api/auth/change-password', {
          currentPassword: `tebakan-${i}-xyz`,
          newPassword: 'Kebun-Teh-Lembang-2026',
        }),
      ),
    );
    expect(h.codes(rs)).toEqual([...Array(4).fill('401'), ...Array(11).fill('423')]);
    const right = await c.post('/api/auth/change-password', {
      currentPassword: 'abdi-demo',
      newPassword: 'Kebun-Teh-Lembang-2026',
    });
    expect(right.statusCode).toBe(423);
    expect((await h.userOf(nip)).passwordHash).toBe(hashBefore);
    expect(await h.auditOf(nip, 'auth.password_changed')).toHaveLength(0);
    // 4 wrong evaluated + 11 refused while locked (10 of the burst and the right one); the 5th is auth.locked.
    expect(await h.auditOf(nip, 'auth.password_change_failed')).toHaveLength(15);
    expect(await h.auditOf(nip, 'auth.locked')).toHaveLength(1);
    expect((await h.attempt(nip, 'abdi-demo')).statusCode).toBe(423);
    // The owner elsewhere is not locked out.
    expect((await h.attempt(nip, 'abdi-demo', OWNER)).statusCode).toBe(200);
  });
});

describe('no lost update: N concurrent wrong attempts below the limit count N', () => {
  let t: TestApp;
  const h = helpers(() => t);
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', LOGIN_MAX_FAILURES: '20' } });
  });
  afterAll(() => t.close());

  it('15 concurrent wrong passwords: all 15 evaluated and counted (the issue saw 12)', async () => {
    const nip = plainNips(t)[0]!;
    const rs = await Promise.all(Array.from({ length: 15 }, (_, i) => h.attempt(nip, `salah-${i}-xyz`)));
    expect(h.codes(rs)).toEqual(Array(15).fill('401'));
    expect((await h.throttlesOf(nip))[0]!.failures).toBe(15);
    expect((await h.userOf(nip)).failedAttempts).toBe(15);
    expect(await h.auditOf(nip, 'auth.login_failed')).toHaveLength(15);
  });
});

describe('lockout per account and source, progressive, with a per-account ceiling', () => {
  let t: TestApp;
  let nips: string[];
  const h = helpers(() => t);

  beforeAll(async () => {
    // A low ceiling here so that three sources reach it (default 100: at least 20 sources of 5).
    t = await createTestApp({
      env: { LOGIN_RATE_PER_MINUTE: '10000', LOGIN_ACCOUNT_MAX_FAILURES: '12' },
    });
    nips = plainNips(t);
  });
  afterAll(() => t.close());

  it('five wrong passwords from one address do not lock admin out at another address (the issue’s probe)', async () => {
    for (let i = 0; i < 4; i++)
      expect((await h.attempt('admin', `tebak-${i}-xyz`, ATTACKER)).statusCode).toBe(401);
    const locked = await h.attempt('admin', 'tebak-akhir-xyz', ATTACKER);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.details.scope).toBe('source');
    expect((await h.attempt('admin', 'abdi-demo', ATTACKER)).statusCode).toBe(423);

    const owner = await h.attempt('admin', 'abdi-demo', OWNER);
    expect(owner.statusCode).toBe(200);
    // The owner's success does not lift the attacker's lock.
    expect((await h.attempt('admin', 'abdi-demo', ATTACKER)).statusCode).toBe(423);
    expect((await h.throttlesOf('admin')).map((r) => [r.source, r.failures])).toEqual([[ATTACKER, 5]]);
    const locks = await h.auditOf('admin', 'auth.locked');
    expect(locks.at(-1)?.after).toMatchObject({ scope: 'source', source: ATTACKER, failedAttempts: 5 });
  });

  it('doubles the lock with each failure after it ends (15, 30, 60 min), and a right password then starts afresh', async () => {
    const nip = nips[0]!;
    const base = t.config.loginLockMinutes * MINUTE;
    for (let i = 0; i < 5; i++) await h.attempt(nip, `salah-${i}-xyz`, ATTACKER);
    const lockEnd = async (res: LightMyRequestResponse) => {
      expect(res.statusCode).toBe(423);
      return new Date(res.json().error.details.lockedUntil as string).getTime() - t.clock.now().getTime();
    };
    t.clock.advance(base);
    expect(await lockEnd(await h.attempt(nip, 'salah-6-xyz', ATTACKER))).toBe(2 * base);
    t.clock.advance(2 * base - 1);
    expect(await lockEnd(await h.attempt(nip, 'abdi-demo', ATTACKER))).toBe(1); // still locked, not counted
    t.clock.advance(1);
    expect(await lockEnd(await h.attempt(nip, 'salah-7-xyz', ATTACKER))).toBe(4 * base);
    expect((await h.throttlesOf(nip))[0]!.failures).toBe(7);
    t.clock.advance(4 * base);
    expect((await h.attempt(nip, 'abdi-demo', ATTACKER)).statusCode).toBe(200);
    expect(await h.throttlesOf(nip)).toEqual([]);
    expect((await h.attempt(nip, 'salah-lagi-xyz', ATTACKER)).statusCode).toBe(401);
  });

  it('forgets a source’s failures after a quiet day', async () => {
    const nip = nips[1]!;
    for (let i = 0; i < 4; i++) await h.attempt(nip, `salah-${i}-xyz`, ATTACKER);
    t.clock.advance(24 * 60 * MINUTE);
    expect((await h.attempt(nip, 'salah-5-xyz', ATTACKER)).statusCode).toBe(401);
    expect((await h.throttlesOf(nip))[0]!.failures).toBe(1);
  });

  it('counts IPv6 addresses of one /64 as one source', async () => {
    const nip = nips[2]!;
    for (let i = 1; i <= 5; i++) await h.attempt(nip, `salah-${i}-xyz`, `2001:db8:aa:bb::${i}`);
    expect((await h.attempt(nip, 'abdi-demo', '2001:db8:aa:bb::99')).statusCode).toBe(423);
    expect((await h.attempt(nip, 'abdi-demo', '2001:db8:aa:cc::1')).statusCode).toBe(200);
  });

  it('locks the account for everyone at LOGIN_ACCOUNT_MAX_FAILURES over all sources; an administrator’s unlock clears every lock', async () => {
    const nip = nips[3]!;
    const sources = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    const results: number[] = [];
    for (const ip of sources)
      for (let i = 0; i < 4; i++) results.push((await h.attempt(nip, `salah-${ip}-${i}`, ip)).statusCode);
    // 11 × 401, then the 12th failure (ceiling 12) locks the account.
    expect(results).toEqual([...Array(11).fill(401), 423]);
    const owner = await h.attempt(nip, 'abdi-demo', OWNER);
    expect(owner.statusCode).toBe(423);
    expect(owner.json().error.details.scope).toBe('account');
    const u = await h.userOf(nip);
    expect(u.failedAttempts).toBe(12);
    expect(u.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + t.config.loginLockMinutes * MINUTE);

    const admin = await login(t.app, 'admin', 'abdi-demo');
    const unlocked = await admin.patch(`/api/accounts/${u.id}`, { unlock: true });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json()).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    expect(await h.throttlesOf(nip, true)).toEqual([]);
    expect((await h.userOf(nip)).lockedUntil).toBeNull();
    expect((await h.attempt(nip, 'abdi-demo', sources[0])).statusCode).toBe(200);
  });

  it('an administrator’s unlock lifts a lock on one source too', async () => {
    const nip = nips[5]!;
    for (let i = 0; i < 5; i++) await h.attempt(nip, `salah-${i}-xyz`, OWNER);
    expect((await h.attempt(nip, 'abdi-demo', OWNER)).statusCode).toBe(423);
    const admin = await login(t.app, 'admin', 'abdi-demo');
    const u = await h.userOf(nip);
    // Administrators see the lock (accounts list), though it holds for one address only.
    const listed = (await admin.get(`/api/accounts/${u.id}`)).json();
    expect(listed).toMatchObject({ failedAttempts: 5, lockedUntil: expect.any(String) });
    expect((await admin.patch(`/api/accounts/${u.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await h.attempt(nip, 'abdi-demo', OWNER)).statusCode).toBe(200);
  });
});
