import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runNpmScript, type CliDatabase } from '../../../test/helpers/cli.ts';
import { createTestApp, login, type TestApp } from '../../../test/helpers/test-app.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { loadConfig } from '../config.ts';
import { productionStartRefusal } from './production-check.ts';

const production = { env: 'production' as const, demoData: false };

describe('DEMO_DATA defaults', () => {
  it.each<[Record<string, string>, boolean]>([
    [{}, true], // README's first command: development, PGlite, demo data
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/abdi' }, false],
    [{ DATABASE_URL: 'postgres://x@h/abdi' }, false],
    [{ NODE_ENV: 'production', DEMO_DATA: 'true' }, true],
    [{ DEMO_DATA: 'false' }, false],
  ])('%j → demoData %s', (env, demoData) => expect(loadConfig(env).demoData).toBe(demoData));
});

describe('production start check with the demo province', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses to start, listing the active accounts that still have the demo password', async () => {
    const refusal = await productionStartRefusal({ db: t.db, config: production });
    const demoAccounts = t.demo.employees.length + 1;
    expect(refusal).toContain(`${demoAccounts} akun aktif masih memakai kata sandi demo/bawaan`);
    // Administrators (accounts with a role grant) are named first.
    expect(refusal).toMatch(/\n {2}admin, \d{18}, /);
    expect(refusal).toContain(`… dan ${demoAccounts - 20} akun lainnya`);
    expect(refusal).toContain('npm run admin:create -- --username admin');
  });

  it('starts outside production whatever the accounts (the README’s demo)', async () => {
    for (const env of ['development', 'test'] as const)
      expect(await productionStartRefusal({ db: t.db, config: { env, demoData: true } })).toBeNull();
  });

  it('does not count an account once its password is changed, reset by admin:create, or deactivated', async () => {
    const before = (await t.db.selectFrom('users').select('id').where('isDemo', '=', true).execute()).length;
    // admin:create --reset gives admin a temporary password (that must be changed).
    const reset = await t.services.accounts.bootstrapSuperAdmin({
      username: 'admin',
      displayName: 'Administrator Sistem',
      reset: true,
    });
    const first = await login(t.app, 'admin', reset.temporaryPassword);
    expect(first.me.user).toMatchObject({ mustChangePassword: true });
    // One employee changes the password, one account is deactivated.
    const [a, b] = t.demo.employees.filter((e) => e.nip).map((e) => e.nip!);
    const c = await login(t.app, a!);
    expect(
      (
        await c.post('/api/auth/change-password', {
          currentPassword: 'abdi-demo',
          newPassword: 'Kebun-Teh-Lembang-2026',
        })
      ).statusCode,
    ).toBe(204);
    await t.db.updateTable('users').set({ active: false }).where('username', '=', b!).execute();

    const refusal = await productionStartRefusal({ db: t.db, config: production });
    expect(refusal).toContain(`${before - 3} akun aktif`);
    expect(refusal).not.toMatch(/\badmin\b,/);
    expect(refusal).not.toContain(a!);
    expect(refusal).not.toContain(b!);

    // Every remaining demo account deactivated: the server may start.
    await t.db.updateTable('users').set({ active: false }).where('isDemo', '=', true).execute();
    expect(await productionStartRefusal({ db: t.db, config: production })).toBeNull();
  });
});

describe('production start check on an installation without demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('refuses DEMO_DATA=true on an empty database before anything is loaded', async () => {
    const refusal = await productionStartRefusal({ db: t.db, config: { env: 'production', demoData: true } });
    expect(refusal).toContain('DEMO_DATA=true bersama NODE_ENV=production');
    expect(await t.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('starts after `npm run admin:create`: the temporary password is no default, and must be changed at first sign-in', async () => {
    const created = await t.services.accounts.bootstrapSuperAdmin({
      username: 'admin',
      displayName: 'Administrator Sistem',
      reset: false,
    });
    expect(await productionStartRefusal({ db: t.db, config: production })).toBeNull();
    const c = await login(t.app, 'admin', created.temporaryPassword);
    expect(c.me.user).toMatchObject({ mustChangePassword: true });
    expect((await c.get('/api/units/tree')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // The policy applies to the chosen password: the demo password is refused.
    const demo = await c.post('/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: 'abdi-demo-2026',
    });
    expect(demo.statusCode).toBe(400);
    const ok = await c.post('/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: 'Kebun-Teh-Lembang-2026',
    });
    expect(ok.statusCode).toBe(204);
    expect((await c.get('/api/units/tree')).statusCode).toBe(200);
    expect(await productionStartRefusal({ db: t.db, config: production })).toBeNull();
  });
});

describe('the real processes (npm start, npm run admin:create) in production', () => {
  let cli: CliDatabase;
  beforeAll(async () => {
    cli = await createCliDatabase();
  });
  afterAll(() => cli.dispose());

  const productionEnv = () => ({
    ...cli.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    // A web build is never attempted: the refusal comes first.
    WEB_DIST_DIR: path.join(os.tmpdir(), 'abdi-no-web'),
  });

  it('npm start exits 4 without serving while an account has the demo password; admin:create --reset then lets it past the check', async () => {
    await cli.use(async (h) => {
      await h.db
        .insertInto('users')
        .values({
          username: 'admin',
          displayName: 'Administrator Sistem',
          passwordHash: await hashPassword('abdi-demo'),
          mustChangePassword: false,
          isDemo: true,
        })
        .execute();
    });
    const refused = runNpmScript('start', [], productionEnv());
    expect(refused.status, refused.output).toBe(4);
    expect(refused.stderr).toContain('1 akun aktif masih memakai kata sandi demo/bawaan');
    expect(refused.stderr).toContain('  admin\n');
    expect(refused.output).not.toContain('Abdi berjalan');

    const reset = runNpmScript('admin:create', ['--username', 'admin', '--reset'], cli.env);
    expect(reset.status, reset.output).toBe(0);
    const temp = /Kata sandi sementara: (\S+)/.exec(reset.stdout)![1]!;
    await cli.use(async (h) => {
      expect(await productionStartRefusal({ db: h.db, config: production })).toBeNull();
      const admin = await h.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(admin).toMatchObject({ isDemo: false, mustChangePassword: true });
      expect(await verifyPassword(admin.passwordHash, temp)).toBe(true);
    });
  });
});
