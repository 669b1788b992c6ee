import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { UnitOfWork } from '../db/unit-of-work.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's unit of work (state-changing routes only). */
    unitOfWork: UnitOfWork | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing route (POST/PUT/PATCH/DELETE) runs in a unit of work (`db/unit-of-work.ts`): its queries
 * share one transaction, committed just before the response is sent when the status is below 400, rolled back
 * otherwise. A refused request therefore leaves the database as it was, whatever the handler had written before
 * the refusal. A route whose config says `unitOfWork: false` manages its own transactions (a failed login must
 * still count). A failed commit becomes the response (via the error handler), never a success that did not last.
 * Register before the routes.
 */
export function registerUnitOfWork(app: FastifyInstance) {
  app.decorateRequest('unitOfWork', null);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.every((m) => SAFE_METHODS.has(m))) return;
    if (route.config?.unitOfWork === false) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function (request, reply) {
      const uow = new UnitOfWork();
      request.unitOfWork = uow;
      return uow.run(() => handler.call(this, request, reply));
    };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const uow = request.unitOfWork;
    if (uow && !uow.finished)
      await uow.finish(reply.statusCode < 400, (err) =>
        request.log.error({ err }, 'after-commit work failed'),
      );
    return payload;
  });
  // A response that never went through onSend (a broken connection): nothing of it may stay.
  app.addHook('onResponse', async (request) => {
    const uow = request.unitOfWork;
    if (uow && !uow.finished) await uow.finish(false);
  });
}
