import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor } from '../modules/access/authz.ts';
import type { AuthService } from '../modules/access/auth-service.ts';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'abdi_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (health, login, docs). */
    public?: boolean;
    /** Reachable while the user still has to change the initial password. */
    allowDuringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieOptions(config: Pick<Config, 'cookieSecure' | 'sessionTtlHours'>) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
    maxAge: config.sessionTtlHours * 3600,
  };
}

/**
 * Every /api route needs a valid database session unless it is marked public; state-changing requests must
 * carry the session's CSRF token in `x-csrf-token` (synchroniser token); a user who must change the initial
 * password can reach only the routes that allow it.
 */
export function registerSession(app: FastifyInstance, auth: Pick<AuthService, 'authenticate'>) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  // preValidation: a caller without a session learns nothing, not even what the route would have accepted.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const cfg = request.routeOptions.config;
    if (cfg.public) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    const result = await auth.authenticate(token, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (result.status !== 'ok') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw result.status === 'expired'
        ? new AppError('SESSION_EXPIRED', 'Sesi Anda telah berakhir, silakan masuk kembali')
        : new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    }
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== result.csrfToken) {
      throw new AppError(
        'CSRF',
        'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
      );
    }
    if (result.actor.mustChangePassword && !cfg.allowDuringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Anda harus mengganti kata sandi sebelum melanjutkan');
    }
    request.actor = result.actor;
    request.sessionId = result.sessionId;
    request.csrfToken = result.csrfToken;
  });
}

/** The actor of an authenticated route (the session hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
  return request.actor;
}
