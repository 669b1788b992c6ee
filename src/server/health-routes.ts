import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from './db/database.ts';
import { pendingMigrations } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { sendError } from './plugins/error-handler.ts';

/** How long readiness waits for the database to answer `select 1` (an exhausted pool waits too). */
export const READY_TIMEOUT_MS = 2000;

const ok = z.object({ status: z.literal('ok') });
const tags = ['Sistem'];

class NoAnswer extends Error {}

/** Run `p`, or reject with NoAnswer after `ms` (the query itself carries on and its answer is dropped). */
async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new NoAnswer(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Health for load balancers and orchestrators (docs/operations.md "Metrics, logs and health"), public and read-only:
 * - GET /api/health/live: the process answers (its event loop turns); it asks nothing of the database, so a
 *   database outage never gets a healthy process restarted.
 * - GET /api/health/ready: the process can serve: the database answers `select 1` within READY_TIMEOUT_MS and
 *   every migration this release knows has been applied; otherwise 503 DATABASE_UNAVAILABLE naming the reason.
 *   While the server shuts down Fastify answers 503 to every new request, this one included.
 * - GET /api/health: as before, the database answers `select 1` (200) or not (503); kept for existing monitors.
 */
export function healthRoutes({
  db,
  timeoutMs = READY_TIMEOUT_MS,
}: {
  db: Db;
  /** READY_TIMEOUT_MS; tests shorten it. */
  timeoutMs?: number;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags,
          summary: 'Status server dan basis data (503 DATABASE_UNAVAILABLE bila basis data tidak terjangkau)',
          response: { 200: ok },
        },
        config: { public: true },
      },
      async () => {
        try {
          await sql`select 1`.execute(db);
        } catch (err) {
          throw new AppError('DATABASE_UNAVAILABLE', 'Basis data tidak dapat dihubungi', undefined, {
            cause: err,
          });
        }
        return { status: 'ok' as const };
      },
    );

    app.get(
      '/api/health/live',
      {
        schema: {
          tags,
          summary: 'Liveness: proses server berjalan dan menjawab (tanpa memeriksa basis data)',
          response: { 200: ok },
        },
        config: { public: true },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/api/health/ready',
      {
        schema: {
          tags,
          summary: `Readiness: basis data menjawab dalam ${READY_TIMEOUT_MS / 1000} detik dan semua migrasi sudah dijalankan (503 DATABASE_UNAVAILABLE dengan alasannya bila tidak)`,
          response: { 200: ok },
        },
        config: { public: true },
      },
      async (request, reply) => {
        let pending: string[];
        try {
          await within(sql`select 1`.execute(db), timeoutMs);
          pending = await within(pendingMigrations(db), timeoutMs);
        } catch (err) {
          request.log.warn({ err }, 'not ready: database');
          return sendError(
            reply,
            'DATABASE_UNAVAILABLE',
            err instanceof NoAnswer
              ? `Belum siap: basis data tidak menjawab dalam ${timeoutMs / 1000} detik`
              : 'Belum siap: basis data tidak dapat dihubungi',
          );
        }
        if (pending.length > 0) {
          request.log.warn({ pending }, 'not ready: migrations pending');
          return sendError(
            reply,
            'DATABASE_UNAVAILABLE',
            `Belum siap: ${pending.length} migrasi basis data belum dijalankan`,
            pending.map((name) => ({ path: 'migrations', message: name })),
          );
        }
        return { status: 'ok' as const };
      },
    );
  };
}
