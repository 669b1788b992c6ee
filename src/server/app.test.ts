import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/helpers/test-app.ts';

describe('app basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers health with the database reachable', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('returns the error body with a request id for unknown routes (401 before login, 404 after)', async () => {
    expect((await t.app.inject({ url: '/api/nope' })).statusCode).toBe(401);
    const res = await (await login(t.app, 'admin')).get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' }, requestId: expect.any(String) });
  });

  it('serves OpenAPI docs generated from the route schemas', async () => {
    // API_DOCS=login (default): the document is for a signed-in user (src/server/auth/api-docs.ts).
    const res = await (await login(t.app, 'admin')).get('/docs/json');
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/employees', '/api/imports', '/api/audit']),
    );
  });

  it('rejects malformed JSON with a 400 and no internals', async () => {
    const c = await login(t.app, 'admin');
    const res = await c.request({
      method: 'POST',
      url: '/api/units',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.body).not.toMatch(/at .*\.ts|SELECT|stack/i);
  });

  it('words zod’s own validation details in Indonesian too', async () => {
    const c = await login(t.app, 'admin');
    const res = await c.get('/api/employees?pageSize=500');
    expect(res.statusCode).toBe(400);
    const detail = res.json().error.details.find((d: { path: string }) => d.path.includes('pageSize'));
    expect(detail.message).not.toMatch(/too big|expected/i);
    expect(detail.message).toMatch(/terlalu besar/i);
  });
});

describe('dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts employees by type and today’s audit entries within the caller’s scope', async () => {
    const admin = await login(t.app, 'admin');
    const all = (await admin.get('/api/dashboard')).json();
    expect(all.employees).toBe(t.demo.employees.length);
    expect(Object.values(all.byType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      all.employees,
    );
    expect(all.auditToday).toBeGreaterThanOrEqual(2); // demo seed + this login
    const grant = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!;
    const opd = (await (await login(t.app, grant.nip!)).get('/api/dashboard')).json();
    expect(opd.employees).toBeGreaterThan(0);
    expect(opd.employees).toBeLessThan(all.employees);
  });
});
