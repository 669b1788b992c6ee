import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/helpers/test-app.ts';
import { formatNip } from '../../core/people/nip.ts';
import { hashPassword } from './password.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('authentication and sessions', () => {
  let t: TestApp;
  /** Distinct demo PNS accounts, one per test that changes account state. */
  let nips: string[];
  let next = 0;
  const freshNip = () => nips[next++]!;

  beforeAll(async () => {
    // A high login rate limit here: the rate limit has its own app below.
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
    const granted = new Set(t.demo.roleGrants.map((g) => g.nip));
    nips = t.demo.employees
      .filter((e) => e.employeeType === 'PNS' && e.nip && !granted.has(e.nip))
      .map((e) => e.nip!);
  });
  afterAll(() => t.close());

  const postLogin = (identifier: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
  const userOf = (username: string) =>
    t.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const auditOf = (action: string, entityId?: string) => {
    let q = t.db.selectFrom('auditLog').selectAll().where('action', '=', action);
    if (entityId) q = q.where('entityId', '=', entityId);
    return q.orderBy('id').execute();
  };
  const sessionsOf = (userId: string) =>
    t.db.selectFrom('sessions').selectAll().where('userId', '=', userId).execute();

  describe('login', () => {
    it('logs in by username, opens a session and sets an httpOnly SameSite=Lax cookie', async () => {
      const admin = await userOf('admin');
      const res = await postLogin('admin', 'abdi-demo');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user).toMatchObject({ id: admin.id, username: 'admin', mustChangePassword: false });
      expect(body.user.roles).toEqual([{ role: 'SUPER_ADMIN', unitId: null, unitName: null }]);
      expect(body.csrfToken).toEqual(expect.any(String));
      const cookie = res.cookies.find((c) => c.name === 'abdi_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(cookie.path).toBe('/');
      const session = (await sessionsOf(admin.id)).find((s) => s.csrfToken === body.csrfToken);
      expect(session).toBeDefined();
      expect(session!.expiresAt.getTime() - t.clock.now().getTime()).toBe(t.config.sessionTtlHours * HOUR);
    });

    it('logs in by NIP, written plain or with the customary spaces; demo accounts are not forced to change the password', async () => {
      const nip = freshNip();
      for (const identifier of [nip, formatNip(nip), ` ${formatNip(nip)} `]) {
        const res = await postLogin(identifier, 'abdi-demo');
        expect(res.statusCode, identifier).toBe(200);
        expect(res.json().user).toMatchObject({ nip, username: nip, mustChangePassword: false });
      }
      const demo = await t.db
        .selectFrom('users')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('mustChangePassword', '=', true)
        .executeTakeFirstOrThrow();
      expect(demo.n).toBe(0);
    });

    it('logs in a non-ASN employee by internal number (case-insensitive)', async () => {
      const nonAsn = t.demo.employees.find((e) => e.employeeType === 'NON_ASN')!;
      const res = await postLogin(nonAsn.internalId!.toUpperCase(), 'abdi-demo');
      expect(res.statusCode).toBe(200);
      expect(res.json().user.username).toBe(nonAsn.internalId!.toLowerCase());
    });

    it('refuses a wrong password and an unknown user with the same 401 and Indonesian message, and audits both', async () => {
      const nip = freshNip();
      const user = await userOf(nip);
      const failedBefore = (await auditOf('auth.login_failed')).length;

      const wrong = await postLogin(nip, 'salah-sekali');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toEqual({
        code: 'INVALID_CREDENTIALS',
        message: 'NIP/nama pengguna atau kata sandi salah',
      });
      expect(wrong.cookies.find((c) => c.name === 'abdi_session')).toBeUndefined();
      expect((await userOf(nip)).failedAttempts).toBe(1);

      const unknown = await postLogin('tidak-ada-orangnya', 'abdi-demo');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().error).toEqual(wrong.json().error);

      const failed = (await auditOf('auth.login_failed')).slice(failedBefore);
      expect(failed).toHaveLength(2);
      expect(failed[0]).toMatchObject({ entityId: user.id, actorId: user.id, after: { failedAttempts: 1 } });
      expect(failed[1]).toMatchObject({
        entityId: null,
        after: { identifier: 'tidak-ada-orangnya', reason: 'unknown' },
      });
      expect(await sessionsOf(user.id)).toHaveLength(0);
    });

    it('validates the login body (400 VALIDATION) before looking anything up', async () => {
      const res = await postLogin('', '');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(
        res
          .json()
          .error.details.map((d: { path: string }) => d.path)
          .sort(),
      ).toEqual(['identifier', 'password']);
    });

    it('locks the account for this address after LOGIN_MAX_FAILURES failures, refuses even the right password while locked, accepts it after lockedUntil', async () => {
      const nip = freshNip();
      const user = await userOf(nip);
      const max = t.config.loginMaxFailures;
      expect(max).toBe(5);
      for (let i = 1; i < max; i++) {
        const res = await postLogin(nip, `salah-${i}`);
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      }
      const locking = await postLogin(nip, 'salah-terakhir');
      expect(locking.statusCode).toBe(423);
      const lockedUntil = locking.json().error.details.lockedUntil as string;
      expect(locking.json().error).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { scope: 'source' } });
      expect(new Date(lockedUntil).getTime()).toBe(
        t.clock.now().getTime() + t.config.loginLockMinutes * MINUTE,
      );
      // The lock is on this account from this address (inject's 127.0.0.1), not on the account as a whole.
      const throttle = await t.db
        .selectFrom('loginThrottles')
        .selectAll()
        .where('userId', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(throttle).toMatchObject({ source: '127.0.0.1', failures: max });
      expect(throttle.lockedUntil?.toISOString()).toBe(lockedUntil);
      // What administrators see (accounts list): the latest lock of the account, from any address.
      expect((await userOf(nip)).lockedUntil?.toISOString()).toBe(lockedUntil);
      expect(await auditOf('auth.locked', user.id)).toHaveLength(1);

      t.clock.advance(t.config.loginLockMinutes * MINUTE - 1000);
      const stillLocked = await postLogin(nip, 'abdi-demo');
      expect(stillLocked.statusCode).toBe(423);
      expect(stillLocked.json().error).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { lockedUntil } });
      expect(await sessionsOf(user.id)).toHaveLength(0);
      // A refused attempt during the lock is a failed login too, and is audited.
      expect((await auditOf('auth.login_failed', user.id)).at(-1)?.after).toMatchObject({
        reason: 'locked',
        scope: 'source',
        source: '127.0.0.1',
        lockedUntil,
      });

      t.clock.advance(2000);
      const ok = await postLogin(nip, 'abdi-demo');
      expect(ok.statusCode).toBe(200);
      const after = await userOf(nip);
      expect(after.failedAttempts).toBe(0);
      // The lock has run out (an expired lock is not shown to administrators); the counts start again.
      expect(after.lockedUntil!.getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
      const counters = await t.db
        .selectFrom('loginThrottles')
        .select(['source', 'failures'])
        .where('userId', '=', user.id)
        .execute();
      expect(counters).toEqual([{ source: '*', failures: 0 }]);
      expect(await sessionsOf(user.id)).toHaveLength(1);
    });

    it('writes an audit entry for every successful login', async () => {
      const nip = freshNip();
      const user = await userOf(nip);
      await login(t.app, nip);
      await login(t.app, formatNip(nip));
      const entries = await auditOf('auth.login', user.id);
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({ actorId: user.id, actorName: user.displayName, entityType: 'user' });
    });
  });

  describe('sessions', () => {
    it('expires a session at the absolute TTL even when it is used all the time', async () => {
      const c = await login(t.app, freshNip());
      const ttl = t.config.sessionTtlHours * HOUR;
      const step = (t.config.sessionIdleMinutes - 10) * MINUTE;
      let elapsed = 0;
      while (elapsed + step < ttl) {
        t.clock.advance(step);
        elapsed += step;
        expect((await c.get('/api/auth/me')).statusCode).toBe(200);
      }
      t.clock.advance(ttl - elapsed);
      const res = await c.get('/api/auth/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
      expect(res.cookies.find((x) => x.name === 'abdi_session')?.value).toBe('');
      expect(await sessionsOf(c.me.user.id)).toHaveLength(0);
    });

    it('expires a session left idle for SESSION_IDLE_MINUTES, and keeps one that is used', async () => {
      const idle = await login(t.app, freshNip());
      const busy = await login(t.app, freshNip());
      t.clock.advance((t.config.sessionIdleMinutes - 1) * MINUTE);
      expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
      t.clock.advance(2 * MINUTE);
      const res = await idle.get('/api/auth/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
      expect(await sessionsOf(idle.me.user.id)).toHaveLength(0);
      expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED without a cookie or with an unknown one', async () => {
      const none = await t.app.inject({ url: '/api/employees' });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe('UNAUTHENTICATED');
      const forged = await t.app.inject({
        url: '/api/employees',
        headers: { cookie: 'abdi_session=bukan-token' },
      });
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('requires the CSRF token on state-changing requests but not on GET', async () => {
      const c = await login(t.app, 'admin');
      const body = {
        code: 'CSRF-TEST',
        name: 'Unit uji CSRF',
        kind: 'OPD',
        parentId: null,
        timeZone: 'Asia/Jakarta',
      };
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/units',
        headers: { cookie: c.cookie },
        payload: body,
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error.code).toBe('CSRF');
      const wrong = await c.request({
        method: 'POST',
        url: '/api/units',
        headers: { 'x-csrf-token': 'salah' },
        payload: body,
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('CSRF');
      const logoutWithout = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: c.cookie },
      });
      expect(logoutWithout.statusCode).toBe(403);
      expect(
        await t.db.selectFrom('units').select('id').where('code', '=', 'CSRF-TEST').executeTakeFirst(),
      ).toBeUndefined();

      const get = await t.app.inject({ url: '/api/units/tree', headers: { cookie: c.cookie } });
      expect(get.statusCode).toBe(200);
      const ok = await c.post('/api/units', body);
      expect(ok.statusCode).toBe(201);
    });

    it('does not accept the CSRF token of another session', async () => {
      const a = await login(t.app, 'admin');
      const b = await login(t.app, 'admin');
      const res = await a.request({
        method: 'PATCH',
        url: `/api/employees/${b.me.user.id}`,
        headers: { 'x-csrf-token': b.csrf },
        payload: { phone: '0800' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF');
    });

    it('logout closes only this session, clears the cookie, audits it, and the old cookie is refused', async () => {
      const nip = freshNip();
      const c = await login(t.app, nip);
      const other = await login(t.app, nip);
      const res = await c.post('/api/auth/logout');
      expect(res.statusCode).toBe(204);
      expect(res.cookies.find((x) => x.name === 'abdi_session')?.value).toBe('');
      const after = await c.get('/api/auth/me');
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('UNAUTHENTICATED');
      expect((await other.get('/api/auth/me')).statusCode).toBe(200);
      expect(await sessionsOf(c.me.user.id)).toHaveLength(1);
      expect(await auditOf('auth.logout', c.me.user.id)).toHaveLength(1);
    });
  });

  describe('change password', () => {
    it('refuses a wrong current password (401) and a weak new one (400 VALIDATION with details); nothing changes', async () => {
      const nip = freshNip();
      const c = await login(t.app, nip);
      const hashBefore = (await userOf(nip)).passwordHash;

      const wrong = await c.post('/api/auth/change-password', {
        currentPassword: 'bukan-ini',
        newPassword: 'KataSandiBaru123',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toEqual({
        code: 'INVALID_CREDENTIALS',
        message: 'Kata sandi saat ini salah',
      });

      const same = await c.post('/api/auth/change-password', {
        currentPassword: 'abdi-demo',
        newPassword: 'abdi-demo',
      });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.details.map((d: { rule: string }) => d.rule)).toEqual([
        'length',
        'reused',
        'common',
      ]);
      expect(same.json().error.details[0].path).toBe('newPassword');

      expect((await userOf(nip)).passwordHash).toBe(hashBefore);
      expect(await auditOf('auth.password_changed', c.me.user.id)).toHaveLength(0);
    });

    it.each<[string, string, string]>([
      ['too short', 'pendek1', 'Kata sandi minimal 10 karakter'],
      [
        'common, with digits (the issue’s password12)',
        'password12',
        'Kata sandi ini terlalu umum atau merupakan kata sandi demo/bawaan; pilih yang lain',
      ],
      [
        'a demo password variant (abdi-demo1)',
        'abdi-demo1',
        'Kata sandi ini terlalu umum atau merupakan kata sandi demo/bawaan; pilih yang lain',
      ],
      [
        'one repeated character (aaaaaaaaa1)',
        'aaaaaaaaa1',
        'Kata sandi tidak boleh berupa karakter atau pola yang diulang-ulang (mis. aaaaaaaaa1)',
      ],
      [
        'a sequence',
        '1234567890',
        'Kata sandi tidak boleh sebagian besar berupa urutan (mis. 12345678, abcdefgh, qwerty)',
      ],
      [
        'an Indonesian common password',
        'Bismillah2026',
        'Kata sandi ini terlalu umum atau merupakan kata sandi demo/bawaan; pilih yang lain',
      ],
      [
        'a common password from the shipped list',
        'Sunshine!2026',
        'Kata sandi ini terlalu umum atau merupakan kata sandi demo/bawaan; pilih yang lain',
      ],
    ])(
      'refuses a new password that is %s (%s) with the reason in Indonesian',
      async (_label, newPassword, message) => {
        const nip = freshNip();
        const c = await login(t.app, nip);
        const res = await c.post('/api/auth/change-password', { currentPassword: 'abdi-demo', newPassword });
        expect(res.statusCode, newPassword).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
        expect(res.json().error.details).toContainEqual(
          expect.objectContaining({ path: 'newPassword', message }),
        );
        // A refused choice costs no attempt: the current password was not even checked.
        expect((await userOf(nip)).failedAttempts).toBe(0);
      },
    );

    it('refuses a new password containing the NIP, its date of birth or a word of the name', async () => {
      const nip = freshNip();
      const employee = t.demo.employees.find((e) => e.nip === nip)!;
      const word = employee.name.split(/\s+/).find((w) => w.length >= 4)!;
      const c = await login(t.app, nip);
      for (const [newPassword, message] of [
        [`kebun-${nip}`, 'Kata sandi tidak boleh memuat NIP atau tanggal lahir Anda'],
        [`lahir-${nip.slice(0, 8)}-teh`, 'Kata sandi tidak boleh memuat NIP atau tanggal lahir Anda'],
        [`${word}-kebun-teh-2026`, 'Kata sandi tidak boleh memuat nama Anda'],
      ]) {
        const res = await c.post('/api/auth/change-password', { currentPassword: 'abdi-demo', newPassword });
        expect(res.statusCode, newPassword).toBe(400);
        expect(res.json().error.details).toEqual([{ path: 'newPassword', message, rule: 'personal' }]);
      }
    });

    it('tells the change-password page the configured minimum length', async () => {
      const c = await login(t.app, freshNip());
      const res = await c.get('/api/auth/password-policy');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ minLength: 10 });
    });

    it('changes the password (204): the old one stops working, other sessions are closed, this one stays', async () => {
      const nip = freshNip();
      const c = await login(t.app, nip);
      const other1 = await login(t.app, nip);
      const other2 = await login(t.app, formatNip(nip));
      expect(await sessionsOf(c.me.user.id)).toHaveLength(3);

      expect((await userOf(nip)).isDemo).toBe(true);
      const res = await c.post('/api/auth/change-password', {
        currentPassword: 'abdi-demo',
        newPassword: 'Rahasia-Baru-2026',
      });
      expect(res.statusCode).toBe(204);
      // No longer a demo password: a production server would start with this account active.
      expect((await userOf(nip)).isDemo).toBe(false);

      const sessions = await sessionsOf(c.me.user.id);
      expect(sessions.map((s) => s.csrfToken)).toEqual([c.csrf]);
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
      for (const o of [other1, other2]) expect((await o.get('/api/auth/me')).statusCode).toBe(401);

      const old = await postLogin(nip, 'abdi-demo');
      expect(old.statusCode).toBe(401);
      expect(old.json().error.code).toBe('INVALID_CREDENTIALS');
      expect((await postLogin(nip, 'Rahasia-Baru-2026')).statusCode).toBe(200);
      const user = await userOf(nip);
      expect(user.passwordChangedAt?.toISOString()).toBe(t.clock.now().toISOString());
      expect(await auditOf('auth.password_changed', user.id)).toHaveLength(1);
    });
  });

  describe('forced password change on first login', () => {
    const username = 'operator.baru';
    let c: Awaited<ReturnType<typeof login>>;

    beforeAll(async () => {
      await t.db
        .insertInto('users')
        .values({
          username,
          displayName: 'Operator Baru',
          passwordHash: await hashPassword('Awal-12345'),
          mustChangePassword: true,
        })
        .execute();
      c = await login(t.app, username, 'Awal-12345');
    });

    it('reports mustChangePassword on login and on /api/auth/me', async () => {
      expect(c.me.user).toMatchObject({ username, mustChangePassword: true });
      const me = await c.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.mustChangePassword).toBe(true);
    });

    it.each([
      ['GET', '/api/employees'],
      ['GET', '/api/units/tree'],
      ['GET', '/api/dashboard'],
      ['GET', '/api/audit'],
      ['GET', '/api/imports'],
      ['POST', '/api/units'],
    ])('refuses %s %s with 403 PASSWORD_CHANGE_REQUIRED', async (method, url) => {
      const res = await c.request({
        method: method as 'GET' | 'POST',
        url,
        ...(method === 'POST'
          ? {
              payload: {
                code: 'X-FORCED',
                name: 'Unit X',
                kind: 'OPD',
                parentId: null,
                timeZone: 'Asia/Jakarta',
              },
            }
          : {}),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    });

    it('lets the user change the password, after which the other routes work', async () => {
      const res = await c.post('/api/auth/change-password', {
        currentPassword: 'Awal-12345',
        newPassword: 'Sandi-Pilihan-77',
      });
      expect(res.statusCode).toBe(204);
      expect((await userOf(username)).mustChangePassword).toBe(false);
      const me = await c.get('/api/auth/me');
      expect(me.json().user.mustChangePassword).toBe(false);
      const tree = await c.get('/api/units/tree');
      expect(tree.statusCode).toBe(200);
      // No grant and no employee record: nothing in scope.
      expect(tree.json()).toEqual([]);
    });

    it('still allows logout while the change is pending', async () => {
      await t.db
        .insertInto('users')
        .values({
          username: 'operator.kedua',
          displayName: 'Operator Kedua',
          passwordHash: await hashPassword('Awal-12345'),
          mustChangePassword: true,
        })
        .execute();
      const d = await login(t.app, 'operator.kedua', 'Awal-12345');
      expect((await d.get('/api/employees')).statusCode).toBe(403);
      expect((await d.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await d.get('/api/auth/me')).statusCode).toBe(401);
    });
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { LOGIN_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED once the per-minute login budget is spent, without checking credentials', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: 'siapa', password: 'apa-saja' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).json().error.code).toBe('INVALID_CREDENTIALS');
    const auditBefore = await t.db
      .selectFrom('auditLog')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/Terlalu banyak/);
    const auditAfter = await t.db
      .selectFrom('auditLog')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
    // Other routes are not limited by the login budget.
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
