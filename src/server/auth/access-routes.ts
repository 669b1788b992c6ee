import type {} from '@fastify/rate-limit';
import type {} from '@fastify/cookie';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changePasswordBodySchema,
  loginBodySchema,
  meSchema,
  passwordPolicySchema,
} from '../../shared/api/access.ts';
import { noContentSchema } from '../../shared/api/common.ts';
import type { Config } from '../config.ts';
import { actorOf, SESSION_COOKIE, sessionCookieOptions } from '../plugins/session.ts';
import { toMe, type AuthService } from './auth-service.ts';

export function accessRoutes(deps: { auth: AuthService; config: Config }): FastifyPluginAsyncZod {
  const { auth, config } = deps;
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['Akses'],
          summary: 'Masuk dengan NIP atau nama pengguna',
          body: loginBodySchema,
          response: { 200: meSchema },
        },
        config: {
          public: true,
          // A failed login answers 401 but its count and audit entry must stay.
          unitOfWork: false,
          rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' },
        },
      },
      async (request, reply) => {
        const { token, me } = await auth.login(request.body.identifier, request.body.password, {
          actorId: null,
          actorName: null,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
        return me;
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: { tags: ['Akses'], summary: 'Pengguna yang sedang masuk', response: { 200: meSchema } },
        config: { allowDuringPasswordChange: true },
      },
      async (request) => toMe(actorOf(request), request.csrfToken!),
    );

    app.post(
      '/api/auth/logout',
      {
        schema: { tags: ['Akses'], summary: 'Keluar', response: { 204: noContentSchema } },
        config: { allowDuringPasswordChange: true },
      },
      async (request, reply) => {
        await auth.logout(request.sessionId!, actorOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/change-password',
      {
        schema: {
          tags: ['Akses'],
          summary: 'Ganti kata sandi sendiri',
          body: changePasswordBodySchema,
          response: { 204: noContentSchema },
        },
        config: {
          allowDuringPasswordChange: true,
          // A wrong current password answers 401 but must still be counted.
          unitOfWork: false,
          rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' },
        },
      },
      async (request, reply) => {
        await auth.changePassword(
          actorOf(request),
          request.sessionId!,
          request.body.currentPassword,
          request.body.newPassword,
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/password-policy',
      {
        schema: {
          tags: ['Akses'],
          summary: 'Aturan kata sandi baru (panjang minimal; aturan lainnya lihat ganti kata sandi)',
          response: { 200: passwordPolicySchema },
        },
        config: { allowDuringPasswordChange: true },
      },
      async () => auth.passwordRules(),
    );
  };
}
