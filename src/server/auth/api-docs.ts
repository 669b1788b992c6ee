import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../plugins/session.ts';
import type { AuthService } from './auth-service.ts';

/**
 * Who may read the API document (/docs, /docs/json, /docs/yaml), by API_DOCS:
 * - `login` (default, every environment): a signed-in user whose session is valid (any role; not while the
 *   initial password must still be changed); others get 401 like an /api route.
 * - `public`: everyone (e.g. an integration test environment).
 * - `off`: not served at all (404); tests and tools read it in-process with `app.swagger()`.
 * The document reveals no data, but it is a map of every route and field for whoever probes the server, so it
 * is not public by default.
 *
 * @returns the route hooks for @fastify/swagger-ui in `login` mode
 */
export function apiDocsHooks(auth: Pick<AuthService, 'authenticate'>) {
  return {
    onRequest: async (request: FastifyRequest, _reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
      const result = await auth.authenticate(token, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      if (result.status === 'expired')
        throw new AppError('SESSION_EXPIRED', 'Sesi Anda telah berakhir, silakan masuk kembali');
      if (result.status !== 'ok') throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
      if (result.actor.mustChangePassword)
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Anda harus mengganti kata sandi sebelum melanjutkan');
    },
  };
}
