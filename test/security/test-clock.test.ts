import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../helpers/test-app.ts';
import { factories } from '../factories/index.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { offsetClock } from '../../src/server/clock.ts';

/*
 * The test clock (TEST_CLOCK=true, browser tests only): the route exists only with the variable, only the
 * organisation-wide super admin moves the clock, only forward, audited; production refuses the variable at start.
 */

const NOW = '2027-03-10T02:00:00.000Z';

async function world(env: Record<string, string>) {
  const t = await createTestApp({ demo: false, now: NOW, env });
  const f = factories(t);
  const admin = await f.admin();
  const unit = await f.unit({ code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'OPD' });
  const bkdAccount = await f.account(await f.employee({ unit, name: 'Budi BKD' }));
  await f.grant(bkdAccount, 'BKD', null);
  return {
    t,
    adminName: admin.username,
    admin: await login(t.app, admin.username),
    bkd: await login(t.app, bkdAccount.username),
  };
}

describe('without TEST_CLOCK', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => ({ t, admin } = await world({})));
  afterAll(() => t?.close());

  it('the route does not exist (404), even for the super admin', async () => {
    const res = await admin.post('/api/test/clock', { advanceDays: 10 });
    expect(res.statusCode, res.body).toBe(404);
    expect(t.clock.now().toISOString()).toBe(NOW);
  });
});

describe('with TEST_CLOCK=true', () => {
  let t: TestApp;
  let admin: Client;
  let bkd: Client;
  let adminName: string;
  beforeAll(async () => ({ t, admin, bkd, adminName } = await world({ TEST_CLOCK: 'true' })));
  afterAll(() => t?.close());

  it('anyone but the super admin is refused, nothing written', async () => {
    const before = await dbFingerprint(t.db);
    const res = await bkd.post('/api/test/clock', { advanceDays: 10 });
    expect(res.statusCode, res.body).toBe(403);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    expect(t.clock.now().toISOString()).toBe(NOW);
  });

  it('refuses a body with neither or both, and a move backwards', async () => {
    expect((await admin.post('/api/test/clock', {})).statusCode).toBe(400);
    expect((await admin.post('/api/test/clock', { advanceDays: 1, to: NOW })).statusCode).toBe(400);
    const back = await admin.post('/api/test/clock', { to: '2027-03-01T00:00:00Z' });
    expect(back.statusCode, back.body).toBe(409);
    expect(t.clock.now().toISOString()).toBe(NOW);
  });

  it('the super admin moves it forward by days or to an instant, audited', async () => {
    const res = await admin.post('/api/test/clock', { advanceDays: 9 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ now: '2027-03-19T02:00:00.000Z', offsetMs: 9 * 86_400_000 });
    expect(t.clock.now().toISOString()).toBe('2027-03-19T02:00:00.000Z');
    const admin2 = await login(t.app, adminName);
    const to = await admin2.post('/api/test/clock', { to: '2027-03-20T02:00:00+00:00' });
    expect(to.json()).toMatchObject({ now: '2027-03-20T02:00:00.000Z' });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'test_clock.advanced')
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('the configuration', () => {
  it('refuses TEST_CLOCK=true in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK: 'true' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'test', TEST_CLOCK: 'true' }).testClock).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).testClock).toBe(false);
  });

  it('the offset clock follows its base plus the offset, forward only', () => {
    let base = 1_000;
    const c = offsetClock({ now: () => new Date(base) });
    c.advance(500);
    base = 2_000;
    expect(c.now().getTime()).toBe(2_500);
    expect(c.offsetMs()).toBe(500);
    expect(() => c.advance(-1)).toThrow();
  });
});
