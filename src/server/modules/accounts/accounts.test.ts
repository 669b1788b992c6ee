import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';
import { temporaryPassword } from './accounts-service.ts';

/*
 * Accounts and grants on the demo province (clock 2026-01-15): adminOpd = ADMIN_OPD over DINKES,
 * bkd = BKD over PEMPROV, pimpinan = PIMPINAN over DINKES (holds a grant adminOpd could not give),
 * superAdmin = `admin`.
 */
describe('accounts and role grants', () => {
  let t: TestApp;
  let superAdmin: Client;
  let adminOpd: Client;
  let bkd: Client;
  let pegawai: Client;
  const ids = new Map<string, string>();
  const units: Record<string, string> = {};
  let people: Record<
    'adminOpd' | 'bkd' | 'pimpinan' | 'pegawai' | 'dinkesStaff' | 'bapendaStaff',
    DemoEmployee
  >;

  const idOf = (e: DemoEmployee) => ids.get(e.nip!)!;
  const accountIdOf = async (e: DemoEmployee) =>
    (await t.db.selectFrom('users').select('id').where('employeeId', '=', idOf(e)).executeTakeFirstOrThrow())
      .id;
  const auditCount = async (action: string, entityId: string) =>
    (
      await t.db
        .selectFrom('auditLog')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .where('entityId', '=', entityId)
        .executeTakeFirstOrThrow()
    ).n;

  /** A new Dinkes employee created through the API: they have no account yet. */
  async function newDinkesEmployee(nip: string, name: string) {
    const res = await adminOpd.post('/api/employees', {
      nip,
      name,
      gender: nip[14] === '1' ? 'L' : 'P',
      employeeType: 'PNS',
      unitId: units['DINKES-SEK'],
      activeFrom: '2024-03-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    // Many sign-ins from one address: lift the per-IP login rate limit (its own test is in auth.test.ts).
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    const d = t.demo;
    const byNip = (nip: string) => d.employees.find((e) => e.nip === nip)!;
    const subsOf = (e: DemoEmployee) => d.employees.filter((x) => e.nip && x.superiorNip === e.nip);
    const grantee = (role: string, unitCode: string) =>
      byNip(d.roleGrants.find((g) => g.role === role && g.unitCode === unitCode && g.nip)!.nip!);
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const plain = (unitCode: string, not: DemoEmployee[] = []) =>
      d.employees.find(
        (e) =>
          e.unitCode === unitCode &&
          e.nip &&
          !grantNips.has(e.nip) &&
          subsOf(e).length === 0 &&
          !not.includes(e),
      )!;
    const pegawaiPerson = plain('DINKES-PKM-CURUG');
    people = {
      adminOpd: grantee('ADMIN_OPD', 'DINKES'),
      bkd: grantee('BKD', 'PEMPROV'),
      pimpinan: grantee('PIMPINAN', 'DINKES'),
      pegawai: pegawaiPerson,
      dinkesStaff: plain('DINKES-PKM-CURUG', [pegawaiPerson]),
      bapendaStaff: plain('BAPENDA-SEK'),
    };
    for (const r of await t.db.selectFrom('employees').select(['id', 'nip']).execute())
      if (r.nip) ids.set(r.nip, r.id);
    for (const u of await t.db.selectFrom('units').select(['id', 'code']).execute()) units[u.code] = u.id;
    superAdmin = await login(t.app, 'admin');
    adminOpd = await login(t.app, people.adminOpd.nip!);
    bkd = await login(t.app, people.bkd.nip!);
    pegawai = await login(t.app, people.pegawai.nip!);
  });
  afterAll(() => t.close());

  it('makes temporary passwords of three groups of four with letters and digits, never the same twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword();
      expect(p).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
      expect(p).toMatch(/\d/);
      expect(p).toMatch(/[A-Za-z]/);
      expect(p).not.toMatch(/[O0Il1]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  describe('an account for a new employee', () => {
    const nip = '198805172015032001';
    let employeeId: string;
    let temp: string;

    it('starts without one; admin OPD creates it with the NIP as user name and a one-time password', async () => {
      employeeId = await newDinkesEmployee(nip, 'Ratna Akun Baru');
      expect((await adminOpd.get(`/api/employees/${employeeId}/account`)).json()).toEqual({ account: null });
      await expect(login(t.app, nip, 'abdi-demo')).rejects.toThrow(/401/);

      const res = await adminOpd.post(`/api/employees/${employeeId}/account`);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      temp = body.temporaryPassword;
      expect(body.account).toMatchObject({
        username: nip,
        nip,
        employeeId,
        displayName: 'Ratna Akun Baru',
        mustChangePassword: true,
        active: true,
        grants: [],
      });
      expect(JSON.stringify(body.account)).not.toContain('argon2');
      expect(await auditCount('account.created', body.account.id)).toBe(1);
      const entry = await t.db
        .selectFrom('auditLog')
        .select(['after'])
        .where('action', '=', 'account.created')
        .where('entityId', '=', body.account.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(entry.after)).not.toContain(temp);
    });

    it('refuses a second account for the same employee (409) and writes nothing', async () => {
      const res = await adminOpd.post(`/api/employees/${employeeId}/account`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toBe('Pegawai ini sudah memiliki akun');
      const n = await t.db
        .selectFrom('users')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('employeeId', '=', employeeId)
        .executeTakeFirstOrThrow();
      expect(n.n).toBe(1);
    });

    it('lets the employee in with the temporary password only to change it, then with the new one', async () => {
      const first = await login(t.app, nip, temp);
      expect(first.me.user).toMatchObject({ mustChangePassword: true });
      const blocked = await first.get('/api/employees');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const changed = await first.post('/api/auth/change-password', {
        currentPassword: temp,
        newPassword: 'kebun-teh-lembang-2026',
      });
      expect(changed.statusCode, changed.body).toBe(204);
      const again = await login(t.app, nip, 'kebun-teh-lembang-2026');
      expect(again.me.user).toMatchObject({ mustChangePassword: false });
      expect((await again.get(`/api/employees/${employeeId}`)).statusCode).toBe(200);
      await expect(login(t.app, nip, temp)).rejects.toThrow(/401/);
    });
  });

  describe('scope', () => {
    it('refuses accounts for employees outside the caller’s subtree and to plain employees', async () => {
      const bapenda = idOf(people.bapendaStaff);
      expect((await adminOpd.get(`/api/employees/${bapenda}/account`)).statusCode).toBe(403);
      expect((await adminOpd.post(`/api/employees/${bapenda}/account`)).statusCode).toBe(403);
      expect((await pegawai.get('/api/accounts')).statusCode).toBe(403);
      const self = idOf(people.pegawai);
      expect((await pegawai.get(`/api/employees/${self}/account`)).statusCode).toBe(403);
    });

    it('lists only the accounts in scope: admin OPD sees Dinkes, not Bapenda nor the system administrator', async () => {
      const dinkes = await t.db
        .selectFrom('units')
        .select('path')
        .where('code', '=', 'DINKES')
        .executeTakeFirstOrThrow();
      const all = [];
      for (let page = 1; ; page++) {
        const res = await adminOpd.get(`/api/accounts?pageSize=200&page=${page}`);
        expect(res.statusCode).toBe(200);
        all.push(...res.json().items);
        if (all.length >= res.json().total) break;
      }
      const paths = await t.db
        .selectFrom('users as a')
        .innerJoin('employees as e', 'e.id', 'a.employeeId')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['a.id', 'u.path'])
        .execute();
      const expected = paths
        .filter((p) => p.path.startsWith(dinkes.path))
        .map((p) => p.id)
        .sort();
      expect(all.map((a: { id: string }) => a.id).sort()).toEqual(expected);
      expect(all.some((a: { username: string }) => a.username === 'admin')).toBe(false);

      const search = await superAdmin.get('/api/accounts?q=admin');
      expect(search.json().items.map((a: { username: string }) => a.username)).toContain('admin');
      const byRole = await bkd.get('/api/accounts?role=ADMIN_OPD&pageSize=200');
      expect(byRole.json().total).toBeGreaterThan(0);
      for (const a of byRole.json().items)
        expect(a.grants.map((g: { role: string }) => g.role)).toContain('ADMIN_OPD');
    });
  });

  describe('reset, unlock and deactivate', () => {
    it('resets a staff password: old sessions end, the temporary password works once and must be changed', async () => {
      const staff = await login(t.app, people.dinkesStaff.nip!);
      const accountId = await accountIdOf(people.dinkesStaff);
      const res = await adminOpd.post(`/api/accounts/${accountId}/reset-password`);
      expect(res.statusCode, res.body).toBe(200);
      const temp = res.json().temporaryPassword as string;
      expect(res.json().account.mustChangePassword).toBe(true);
      expect((await staff.get('/api/auth/me')).statusCode).toBe(401);
      await expect(login(t.app, people.dinkesStaff.nip!, 'abdi-demo')).rejects.toThrow(/401/);
      const fresh = await login(t.app, people.dinkesStaff.nip!, temp);
      expect(fresh.me.user).toMatchObject({ mustChangePassword: true });
      expect(await auditCount('account.password_reset', accountId)).toBe(1);
    });

    it('refuses resetting one’s own account and an account holding a grant the caller could not give', async () => {
      const own = await accountIdOf(people.adminOpd);
      const self = await adminOpd.post(`/api/accounts/${own}/reset-password`);
      expect(self.statusCode).toBe(403);
      expect(self.json().error.message).toContain('Ganti kata sandi');
      const pimpinan = await accountIdOf(people.pimpinan);
      const res = await adminOpd.post(`/api/accounts/${pimpinan}/reset-password`);
      expect(res.statusCode).toBe(403);
      expect(await auditCount('account.password_reset', pimpinan)).toBe(0);
      // BKD may: the PIMPINAN grant over Dinkes lies inside its own scope.
      expect((await bkd.post(`/api/accounts/${pimpinan}/reset-password`)).statusCode).toBe(200);
    });

    it('unlocks an account locked by failed sign-ins', async () => {
      const who = people.pegawai;
      for (let i = 0; i < t.config.loginMaxFailures; i++)
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { identifier: who.nip, password: 'salah-terus' },
        });
      await expect(login(t.app, who.nip!)).rejects.toThrow(/423|ACCOUNT_LOCKED/);
      const accountId = await accountIdOf(who);
      const listed = (await adminOpd.get(`/api/accounts/${accountId}`)).json();
      expect(listed.lockedUntil).not.toBeNull();
      const res = await adminOpd.patch(`/api/accounts/${accountId}`, { unlock: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
      expect((await login(t.app, who.nip!)).me.user.id).toBe(accountId);
      expect(await auditCount('account.unlocked', accountId)).toBe(1);
    });

    it('deactivates an account: its session ends and it cannot sign in; an empty patch is a 400', async () => {
      const employeeId = await newDinkesEmployee('199001012019031001', 'Budi Akan Nonaktif');
      const created = (await adminOpd.post(`/api/employees/${employeeId}/account`)).json();
      const session = await login(t.app, '199001012019031001', created.temporaryPassword);
      expect((await adminOpd.patch(`/api/accounts/${created.account.id}`, {})).statusCode).toBe(400);
      const res = await adminOpd.patch(`/api/accounts/${created.account.id}`, { active: false });
      expect(res.statusCode).toBe(200);
      expect(res.json().active).toBe(false);
      expect((await session.get('/api/auth/me')).statusCode).toBe(401);
      await expect(login(t.app, '199001012019031001', created.temporaryPassword)).rejects.toThrow(/401/);
      const own = await accountIdOf(people.adminOpd);
      expect((await adminOpd.patch(`/api/accounts/${own}`, { active: false })).statusCode).toBe(403);
    });
  });

  describe('role grants', () => {
    it('BKD grants admin OPD over Bapenda: the grantee then manages Bapenda employees; revoking takes it back', async () => {
      const staff = people.bapendaStaff;
      const accountId = await accountIdOf(staff);
      const target = idOf(
        t.demo.employees.find((e) => e.unitCode === 'BAPENDA-SAMSAT-CIRUAS' && e.nip && e !== staff)!,
      );
      const before = await login(t.app, staff.nip!);
      expect((await before.patch(`/api/employees/${target}`, { phone: '081234567890' })).statusCode).toBe(
        403,
      );

      const res = await bkd.post(`/api/accounts/${accountId}/grants`, {
        role: 'ADMIN_OPD',
        unitId: units.BAPENDA,
      });
      expect(res.statusCode, res.body).toBe(200);
      const grant = res.json().grants.find((g: { role: string }) => g.role === 'ADMIN_OPD');
      expect(grant).toMatchObject({ unitId: units.BAPENDA, unitName: expect.stringContaining('Pendapatan') });
      const after = await login(t.app, staff.nip!);
      expect((await after.patch(`/api/employees/${target}`, { phone: '081234567890' })).statusCode).toBe(200);

      const dup = await bkd.post(`/api/accounts/${accountId}/grants`, {
        role: 'ADMIN_OPD',
        unitId: units.BAPENDA,
      });
      expect(dup.statusCode).toBe(409);

      const revoked = await bkd.del(`/api/accounts/${accountId}/grants/${grant.id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().grants).toEqual([]);
      expect((await after.patch(`/api/employees/${target}`, { phone: '089999999999' })).statusCode).toBe(403);
      expect(await auditCount('grant.added', accountId)).toBe(1);
      expect(await auditCount('grant.revoked', accountId)).toBe(1);
    });

    it('refuses grants by admin OPD, to oneself, of super admin by BKD, and of an unknown unit', async () => {
      const accountId = await accountIdOf(people.dinkesStaff);
      const byAdmin = await adminOpd.post(`/api/accounts/${accountId}/grants`, {
        role: 'ADMIN_OPD',
        unitId: units.DINKES,
      });
      expect(byAdmin.statusCode).toBe(403);
      const own = await accountIdOf(people.bkd);
      expect(
        (await bkd.post(`/api/accounts/${own}/grants`, { role: 'SUPER_ADMIN', unitId: null })).statusCode,
      ).toBe(403);
      const superByBkd = await bkd.post(`/api/accounts/${accountId}/grants`, {
        role: 'SUPER_ADMIN',
        unitId: null,
      });
      expect(superByBkd.statusCode).toBe(403);
      expect(superByBkd.json().error.message).toContain('super admin');
      const unknown = await bkd.post(`/api/accounts/${accountId}/grants`, {
        role: 'BKD',
        unitId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.statusCode).toBe(400);
      const badRole = await bkd.post(`/api/accounts/${accountId}/grants`, { role: 'RAJA', unitId: null });
      expect(badRole.statusCode).toBe(400);
      const grants = await t.db
        .selectFrom('roleGrants')
        .select('id')
        .where('userId', '=', accountId)
        .execute();
      expect(grants).toEqual([]);
      // The super admin may.
      const ok = await superAdmin.post(`/api/accounts/${accountId}/grants`, {
        role: 'SUPER_ADMIN',
        unitId: null,
      });
      expect(ok.statusCode).toBe(200);
    });
  });

  it('after a lock has run out, one more mistake locks again for twice as long (progressive lock, src/core/access/login-throttle.ts)', async () => {
    const who = people.bapendaStaff;
    for (let i = 0; i < t.config.loginMaxFailures; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: who.nip, password: 'x' },
      });
    await expect(login(t.app, who.nip!)).rejects.toThrow(/ACCOUNT_LOCKED/);
    t.clock.advance((t.config.loginLockMinutes + 1) * 60_000);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: who.nip, password: 'x' },
    });
    expect(wrong.json().error.code).toBe('ACCOUNT_LOCKED');
    const lock = 2 * t.config.loginLockMinutes * 60_000;
    expect(new Date(wrong.json().error.details.lockedUntil).getTime()).toBe(t.clock.now().getTime() + lock);
    t.clock.advance(lock);
    expect((await login(t.app, who.nip!)).me.user.employeeId).toBe(idOf(who));
  });
});
