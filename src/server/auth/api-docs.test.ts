import type {} from '@fastify/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/helpers/test-app.ts';
import { hashPassword } from './password.ts';

/** The API document (/docs, /docs/json, /docs/yaml) is public only when API_DOCS=public. */
async function addUser(t: TestApp, username: string, mustChangePassword: boolean) {
  await t.db
    .insertInto('users')
    .values({
      username,
      displayName: username,
      passwordHash: await hashPassword('Kebun-Teh-Lembang-2026'),
      mustChangePassword,
    })
    .execute();
  return login(t.app, username, 'Kebun-Teh-Lembang-2026');
}

describe('API_DOCS=login (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('is the default', () => expect(t.config.apiDocs).toBe('login'));

  it.each(['/docs/json', '/docs/yaml', '/docs'])('answers 401 to %s without a session', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    const forged = await t.app.inject({ url, headers: { cookie: 'abdi_session=bukan-token' } });
    expect(forged.statusCode).toBe(401);
  });

  it('serves the document to a signed-in user', async () => {
    const c = await addUser(t, 'pembaca.api', false);
    const json = await c.get('/docs/json');
    expect(json.statusCode).toBe(200);
    expect(Object.keys(json.json().paths)).toContain('/api/auth/login');
    const ui = await c.get('/docs');
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('refuses a user who must still change the initial password', async () => {
    const c = await addUser(t, 'baru.api', true);
    const res = await c.get('/docs/json');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('API_DOCS=public', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { API_DOCS: 'public' } });
  });
  afterAll(() => t.close());

  it('serves /docs/json to anyone; the API itself still needs a session', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
    const api = await t.app.inject({ url: '/api/auth/password-policy' });
    expect(api.statusCode).toBe(401);
    const forged = await t.app.inject({
      url: '/api/auth/password-policy',
      headers: { cookie: 'abdi_session=bukan-token' },
    });
    expect(forged.statusCode).toBe(401);
  });
});

describe('API_DOCS=off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { API_DOCS: 'off' } });
  });
  afterAll(() => t.close());

  it.each(['/docs/json', '/docs'])('answers 404 to %s, even signed in', async (url) => {
    const c = await addUser(t, `admin.${url.length}`, false);
    const res = await c.get(url);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('still builds the document in-process (tests, tools)', () => {
    const spec = t.app.swagger() as unknown as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/auth/change-password');
  });
});
