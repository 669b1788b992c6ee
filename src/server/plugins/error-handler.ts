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

/**
 * One error handler for every route: `{ error: { code, message, details? }, requestId }`.
 * Validation → 400 with the issues; AppError → its status; client errors from Fastify keep their status;
 * anything else → 500 without internals (logged with the request id).
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.message, err.details);
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
    request.log.error({ err }, 'unhandled error');
    return sendError(
      reply,
      'INTERNAL',
      'Terjadi kesalahan pada server. Sampaikan kode permintaan ini kepada admin.',
    );
  });
}
