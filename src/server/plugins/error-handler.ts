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
