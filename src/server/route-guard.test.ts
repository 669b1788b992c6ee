import type {} from '@fastify/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/helpers/test-app.ts';

/**
 * Every route in the OpenAPI document (which is generated from the registered routes) is guarded: without a
 * session it answers 401, and a state-changing request with a session but without the CSRF token answers 403
 * CSRF — except the few public routes listed here. A new route that forgets its guard fails this test.
 */
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /api/attendance/kiosks/{id}/code',
  // Public complaints (issue 18; docs/complaints.md): no account, rate-limited per address.
  'GET /api/public/complaints/form',
  'POST /api/public/complaints',
  'GET /api/public/complaints/{code}',
  'POST /api/public/complaints/{code}/photos',
]);
const UUID = '00000000-0000-4000-8000-000000000000';

function concrete(path: string): string {
  return path
    .replace('{format}', 'csv')
    .replace('{file}', 'units.csv')
    .replace(/\{[^}]+\}/g, UUID);
}

describe('route guard', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    // The document as the app builds it (in-process: /docs/json itself needs a session, API_DOCS=login).
    const spec = t.app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
    );
  });
  afterAll(() => t.close());

  it('finds the routes of every module in the API document', () => {
    const paths = routes.map((r) => r.path);
    for (const prefix of [
      '/api/auth',
      '/api/employees',
      '/api/accounts',
      '/api/attendance',
      '/api/imports',
      '/api/rulebooks',
    ])
      expect(paths.some((p) => p.startsWith(prefix))).toBe(true);
    expect(routes.length).toBeGreaterThan(50);
  });

  it('answers 401 to every non-public route without a session', async () => {
    const open: string[] = [];
    for (const r of routes) {
      if (PUBLIC.has(`${r.method} ${r.path}`)) continue;
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.path), payload: {} });
      if (res.statusCode !== 401) open.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 403 CSRF to every state-changing route called with a session but without the token', async () => {
    const admin = await (async () => {
      await t.db
        .insertInto('users')
        .values({
          username: 'guard',
          displayName: 'Guard',
          passwordHash: await (await import('./auth/password.ts')).hashPassword('sandi-uji-123'),
        })
        .execute();
      return login(t.app, 'guard', 'sandi-uji-123');
    })();
    const missing: string[] = [];
    for (const r of routes) {
      if (r.method === 'GET' || PUBLIC.has(`${r.method} ${r.path}`) || r.path === '/api/auth/logout')
        continue;
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: concrete(r.path),
        headers: { cookie: admin.cookie },
        payload: {},
      });
      if (res.statusCode !== 403 || res.json().error.code !== 'CSRF')
        missing.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(missing).toEqual([]);
  });
});
