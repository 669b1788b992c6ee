import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor } from '../auth/authz.ts';
import { sessionIdOf, type AuthService } from '../auth/auth-service.ts';
import type { DeferredSession } from '../auth/session-sql.ts';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'abdi_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (health, login, docs). */
    public?: boolean;
    /** Reachable while the user still has to change the initial password. */
    allowDuringPasswordChange?: boolean;
    /**
     * A JSON request's handler reads the session itself, in its own first statement, through
     * `sessionOf(request)` (the check-in hot path: one statement fewer); the hook only requires the cookie.
     * Multipart requests are still admitted by the hook, before any part is read.
     */
    sessionInHandler?: boolean;
    /**
     * false: the route manages its own transactions and is not rolled back on an error response (a failed login
     * must still be counted). Default: a state-changing route runs in the request's unit of work.
     */
    unitOfWork?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** The cookie's token on a `sessionInHandler` route not yet admitted. */
    sessionToken: string | null;
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

type Auth = Pick<AuthService, 'authenticate' | 'admit' | 'sessionDate' | 'touchSession'>;
type AuthResult = Awaited<ReturnType<AuthService['authenticate']>>;

const metaOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

/** Admit a request with what its session allows, or refuse it (clearing a dead session's cookie). */
function admitRequest(request: FastifyRequest, reply: FastifyReply, result: AuthResult): Actor {
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
  if (result.actor.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Anda harus mengganti kata sandi sebelum melanjutkan');
  }
  request.actor = result.actor;
  request.sessionId = result.sessionId;
  request.csrfToken = result.csrfToken;
  request.sessionToken = null;
  return result.actor;
}

/**
 * Every /api route needs a valid database session unless it is marked public; state-changing requests must
 * carry the session's CSRF token in `x-csrf-token` (synchroniser token); a user who must change the initial
 * password can reach only the routes that allow it.
 */
export function registerSession(app: FastifyInstance, auth: Auth) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  // preValidation: a caller without a session learns nothing, not even what the route would have accepted.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const cfg = request.routeOptions.config;
    if (cfg.public) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    if (cfg.sessionInHandler && !request.isMultipart()) {
      request.sessionToken = token;
      return;
    }
    admitRequest(request, reply, await auth.authenticate(token, metaOf(request)));
  });

  return {
    /**
     * The session of a `sessionInHandler` route, for its handler to read in its own statement and admit (an
     * actor the hook already admitted comes back as it is).
     */
    sessionOf(request: FastifyRequest, reply: FastifyReply): DeferredSession {
      const token = request.sessionToken;
      if (!token) {
        const actor = actorOf(request);
        return { id: request.sessionId!, date: auth.sessionDate(), admit: async () => actor };
      }
      const id = sessionIdOf(token);
      let touchAt: Date | null = null;
      return {
        id,
        date: auth.sessionDate(),
        admit: async (row) => {
          const result = await auth.admit(id, row, metaOf(request), true);
          if (result.status === 'ok') touchAt = result.touchAt;
          return admitRequest(request, reply, result);
        },
        pendingTouch: () => touchAt,
        touched: () => void (touchAt = null),
        flushTouch: async () => {
          const at = touchAt;
          touchAt = null;
          if (at) await auth.touchSession(id, at);
        },
      };
    },
    /**
     * Admit a `sessionInHandler` request the usual way, when the handler stops before its own read (invalid
     * input): a caller without a session must get 401, not learn what the route accepts.
     */
    async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
      const token = request.sessionToken;
      if (!token) return actorOf(request);
      return admitRequest(request, reply, await auth.authenticate(token, metaOf(request)));
    },
  };
}

export type SessionGate = ReturnType<typeof registerSession>;

/** The actor of an authenticated route (the session hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
  return request.actor;
}
