import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, statusByCode } from '../errors.ts';
import type { ErrorCode } from '../../shared/api/errors.ts';

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: unknown,
  status?: number,
) {
  return reply.status(status ?? statusByCode[code]).send({
    error: { code, message, ...(details === undefined ? {} : { details }) },
    requestId: reply.request.id,
  });
}

const camel = (column: string) => column.trim().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A query the database refused because of the request's data, when no earlier check caught it: a constraint
 * (SQLSTATE class 23: a duplicate, a missing or still-used reference, a check) → 409 CONFLICT naming the
 * field(s) from the error's detail; a serialisation failure or deadlock of concurrent requests (40001, 40P01)
 * or a lock not available (55P03) → 409 CONFLICT to try again; a value the column cannot hold (class 22: out of
 * range, too long, an invalid byte) → 400 VALIDATION. Null for anything else. Never the SQL or the values.
 */
export function databaseRefusal(
  err: unknown,
): { code: ErrorCode; message: string; details?: { path: string; message: string }[] } | null {
  const state = (err as { code?: unknown } | null)?.code;
  if (typeof state !== 'string' || !/^[0-9A-Z]{5}$/.test(state)) return null;
  if (state.startsWith('23')) {
    const detail = String((err as { detail?: unknown }).detail ?? '');
    const cols = /\(([^)]+)\)=/.exec(detail)?.[1]?.split(',').map(camel) ?? [];
    const column = (err as { column?: unknown }).column;
    if (cols.length === 0 && typeof column === 'string') cols.push(camel(column));
    const message =
      state === '23505'
        ? 'Data dengan nilai yang sama sudah ada'
        : state === '23503'
          ? 'Data yang dirujuk tidak ada, atau data ini masih dirujuk data lain'
          : 'Data bertentangan dengan aturan penyimpanan';
    return {
      code: 'CONFLICT',
      message,
      ...(cols.length ? { details: cols.map((path) => ({ path, message })) } : {}),
    };
  }
  if (state === '40001' || state === '40P01' || state === '55P03')
    return {
      code: 'CONFLICT',
      message:
        'Permintaan ini bertabrakan dengan perubahan lain pada waktu yang sama. Muat ulang lalu coba lagi.',
    };
  if (state.startsWith('22'))
    return {
      code: 'VALIDATION',
      message: 'Ada nilai yang tidak dapat disimpan (terlalu panjang, di luar rentang atau tidak sah)',
    };
  return null;
}

/** Node socket errors of a database server that cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
/** Messages of node-postgres, Kysely and PGlite once a connection or the database handle is gone. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
  /^Client was closed and is not queryable/,
  /^PGlite is closed/,
  /^driver has already been destroyed/,
];

/**
 * True when an error means the database cannot be reached (rather than a bad query): SQLSTATE class 08
 * (connection exception), 57P01–57P03 (server shutting down or starting), 53300 (too many connections), a
 * socket error, or a closed pool / PGlite instance. Follows `cause` a few levels.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(err.message))) return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}

/**
 * Errors of the router itself, before any route runs (Fastify's `frameworkErrors`): a path with broken percent
 * encoding, or a path parameter longer than the router takes. Same body shape as every other error.
 */
export function frameworkErrors(err: FastifyError, _request: unknown, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(reply, 'VALIDATION', 'Alamat terlalu panjang', undefined, 414);
  return sendError(reply, 'VALIDATION', 'Alamat tidak valid (penyandian karakter rusak)', undefined, 400);
}

/**
 * One error handler for every route: `{ error: { code, message, details? }, requestId }`.
 * Validation → 400 with the issues; AppError → its status; client errors from Fastify keep their status;
 * an unreachable database → 503 DATABASE_UNAVAILABLE; anything else → 500 INTERNAL. Neither 5xx body
 * carries internals (stack, SQL, the error's own message); they are logged with the request id.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, err.message);
      return sendError(reply, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path:
          [
            v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
            (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.'),
          ].filter(Boolean)[0] ?? '',
        message: v.message ?? 'tidak valid',
      }));
      return sendError(reply, 'VALIDATION', 'Data yang dikirim tidak valid', details);
    }
    if (err.validation) {
      return sendError(
        reply,
        'VALIDATION',
        'Data yang dikirim tidak valid',
        err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      );
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return sendError(reply, 'FILE_TOO_LARGE', 'Berkas terlalu besar');
    }
    if (err.statusCode === 429)
      return sendError(reply, 'RATE_LIMITED', 'Terlalu banyak permintaan, coba lagi sebentar lagi');
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 'UNSUPPORTED_FILE', 'Jenis konten tidak didukung', undefined, 415);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, empty body and similar client mistakes.
      return sendError(reply, 'VALIDATION', 'Permintaan tidak dapat dibaca', undefined, 400);
    }
    const refusal = databaseRefusal(err);
    if (refusal) {
      request.log.warn({ err }, 'database refused the request');
      return sendError(reply, refusal.code, refusal.message, refusal.details);
    }
    if (isDatabaseUnavailable(err)) {
      request.log.error({ err }, 'database unavailable');
      return sendError(
        reply,
        'DATABASE_UNAVAILABLE',
        'Basis data sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.',
      );
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(
      reply,
      'INTERNAL',
      'Terjadi kesalahan pada server. Sampaikan kode permintaan ini kepada admin.',
    );
  });
}
