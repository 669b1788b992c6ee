import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { buildApp } from './app.ts';
import { fixedClock } from './clock.ts';
import { loadConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import { isDatabaseUnavailable } from './plugins/error-handler.ts';
import { statusByCode } from './errors.ts';
import { ERROR_CODES } from '../shared/api/errors.ts';

/*
 * The one error body for failures that are not the client's: 500 INTERNAL for an unexpected error and 503
 * DATABASE_UNAVAILABLE when the database cannot be reached — neither with the stack, the SQL or the error's
 * own message.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Things that must never reach a client: stack frames, file names, SQL, SQLSTATE, the thrown message. */
const INTERNALS =
  /\bat \S|\.ts\b|\.js\b|stack|select |no_such_table|secret_column|42P01|hunter2|ECONNREFUSED/i;

const login = (t: { app: TestApp['app'] }) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { identifier: 'admin', password: 'abdi-demo' },
  });

describe('error codes', () => {
  it('every shared code has an HTTP status; DATABASE_UNAVAILABLE is 503', () => {
    for (const code of ERROR_CODES) expect(statusByCode[code], code).toBeGreaterThanOrEqual(400);
    expect(statusByCode.DATABASE_UNAVAILABLE).toBe(503);
    expect(statusByCode.INTERNAL).toBe(500);
  });

  it.each<[string, unknown, boolean]>([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      true,
    ],
    ['SQLSTATE 08006 connection failure', Object.assign(new Error('x'), { code: '08006' }), true],
    [
      'SQLSTATE 57P01 admin shutdown',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
      true,
    ],
    ['SQLSTATE 53300 too many connections', Object.assign(new Error('sorry'), { code: '53300' }), true],
    ['a pool that was ended', new Error('Cannot use a pool after calling end on the pool'), true],
    ['a closed PGlite', new Error('PGlite is closed'), true],
    [
      'refused, wrapped as a cause',
      new Error('query failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
      true,
    ],
    [
      'refused inside an AggregateError',
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
      true,
    ],
    [
      'undefined table 42P01',
      Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }),
      false,
    ],
    ['unique violation 23505', Object.assign(new Error('duplicate key'), { code: '23505' }), false],
    ['a plain error', new Error('boom'), false],
    ['not an error', 'ECONNREFUSED', false],
  ])('isDatabaseUnavailable: %s → %s', (_name, err, want) => {
    expect(isDatabaseUnavailable(err)).toBe(want);
  });
});

describe('unexpected errors in a route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('a failing SQL statement answers 500 INTERNAL with the request id and no internals', async () => {
    const spy = vi.spyOn(t.services.auth, 'login').mockImplementation(async () => {
      await sql`select secret_column from no_such_table`.execute(t.db);
      throw new Error('unreachable');
    });
    try {
      const res = await login(t);
      expect(spy).toHaveBeenCalledOnce();
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(body).toEqual({
        error: { code: 'INTERNAL', message: expect.any(String) },
        requestId: expect.stringMatching(UUID),
      });
      expect(body.error.message).toMatch(/kesalahan pada server/);
      expect(res.body).not.toMatch(INTERNALS);
    } finally {
      spy.mockRestore();
    }
  });

  it('a plain Error with a sensitive message: 500 without the message; each response its own request id', async () => {
    const spy = vi.spyOn(t.services.auth, 'login').mockRejectedValue(new Error('db password hunter2'));
    try {
      const first = await login(t);
      const second = await login(t);
      expect(first.statusCode).toBe(500);
      expect(first.json().error.code).toBe('INTERNAL');
      expect(first.body).not.toMatch(INTERNALS);
      expect(first.json().requestId).not.toBe(second.json().requestId);
    } finally {
      spy.mockRestore();
    }
  });

  it('the route answers normally again once the service works', async () => {
    const res = await login(t); // no users without the demo data
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('/api/health', () => {
  it('answers 200 while the database is reachable and 503 DATABASE_UNAVAILABLE once it is gone', async () => {
    const t = await createTestApp({ demo: false });
    try {
      expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
      await t.handle.close();
      const res = await t.app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: { code: 'DATABASE_UNAVAILABLE', message: 'Basis data tidak dapat dihubungi' },
        requestId: expect.stringMatching(UUID),
      });
      expect(res.body).not.toMatch(INTERNALS);
    } finally {
      await t.app.close();
    }
  });

  describe('with a PostgreSQL server that refuses connections', () => {
    let app: TestApp['app'];
    let db: Kysely<Database>;
    beforeAll(async () => {
      // Port 1 on the loopback: nothing listens there, so every connection attempt is refused.
      const pool = new pg.Pool({ connectionString: 'postgres://abdi@127.0.0.1:1/abdi', max: 1 });
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: './.no-web' });
      ({ app } = await buildApp({ config, db, clock: fixedClock('2026-01-15T02:00:00Z') }));
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await db.destroy();
    });

    it('health answers 503 DATABASE_UNAVAILABLE, not 500', async () => {
      const res = await app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
      expect(res.body).not.toMatch(INTERNALS);
    });

    it('any other route that needs the database answers 503 DATABASE_UNAVAILABLE too', async () => {
      const res = await login({ app });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'Basis data sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.',
        },
        requestId: expect.stringMatching(UUID),
      });
      expect(res.body).not.toMatch(INTERNALS);
    });
  });
});
