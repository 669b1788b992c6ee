import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../test/helpers/db-fingerprint.ts';
import { healthRoutes } from './health-routes.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';

/*
 * Liveness and readiness (docs/operations.md "Metrics, logs and health"): live answers while the process does,
 * whatever the database; ready answers 200 only when the database answers in time and every migration is applied,
 * 503 DATABASE_UNAVAILABLE naming the reason otherwise. Both public, both read-only.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('health with the database up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t?.close());

  it('live, ready and the combined check answer 200 without a session, and write nothing', async () => {
    const before = await dbFingerprint(t.db);
    for (const url of ['/api/health/live', '/api/health/ready', '/api/health']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    }
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('ready: 503 naming the migrations not applied yet; live stays 200', async () => {
    const { rows } = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(t.db);
    const { name, timestamp } = rows[0]!;
    await sql`delete from kysely_migration where name = ${name}`.execute(t.db);
    try {
      const res = await t.app.inject({ url: '/api/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'Belum siap: 1 migrasi basis data belum dijalankan',
          details: [{ path: 'migrations', message: name }],
        },
        requestId: expect.stringMatching(UUID),
      });
      expect((await t.app.inject({ url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(t.db);
    }
    expect((await t.app.inject({ url: '/api/health/ready' })).statusCode).toBe(200);
  });

  it('ready: 503 when the database does not answer in time (a held connection)', async () => {
    // An app of the health routes alone, with a short timeout; the database's only free connection held.
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    await app.register(healthRoutes({ db: t.db, timeoutMs: 100 }));
    await app.ready();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holders =
      t.handle.engine === 'postgres'
        ? // The test pool has 5 connections: hold them all.
          Array.from({ length: 5 }, () => t.db.connection().execute(() => held))
        : // PGlite: one connection behind a mutex.
          [t.db.connection().execute(() => held)];
    try {
      // Let the holders take their connections first.
      await new Promise((r) => setTimeout(r, 50));
      const res = await app.inject({ url: '/api/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({
        code: 'DATABASE_UNAVAILABLE',
        message: 'Belum siap: basis data tidak menjawab dalam 0.1 detik',
      });
      expect((await app.inject({ url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      release();
      await Promise.all(holders);
      await app.close();
    }
  });
});

describe('health with the database gone', () => {
  it('ready and the combined check answer 503 DATABASE_UNAVAILABLE; live still 200', async () => {
    const t = await createTestApp({ demo: false });
    try {
      await t.handle.close();
      const ready = await t.app.inject({ url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        error: { code: 'DATABASE_UNAVAILABLE', message: 'Belum siap: basis data tidak dapat dihubungi' },
        requestId: expect.stringMatching(UUID),
      });
      expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(503);
      const live = await t.app.inject({ url: '/api/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
    } finally {
      await t.app.close();
    }
  });
});
