import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AdjustableClock } from './clock.ts';
import { AppError, forbidden } from './errors.ts';
import { actorOf } from './plugins/session.ts';
import { ctxOf } from './auth/auth-service.ts';
import type { AuditService } from './modules/audit/audit-service.ts';

const DAY_MS = 86_400_000;

/** Move the test clock forward by whole days, or to a later instant (exactly one of the two). */
export const testClockBodySchema = z
  .object({
    advanceDays: z.number().int().min(1).max(400).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => (b.advanceDays === undefined) !== (b.to === undefined), {
    message: 'Isi salah satu: advanceDays atau to',
  });
export const testClockSchema = z.object({ now: z.string(), offsetMs: z.number() });

/**
 * The test clock's route (TEST_CLOCK=true only; app.ts registers it then, so without the variable it does not
 * exist: 404). Browser tests move the server's clock past a deadline, e.g. the end of a TPP run's objection window.
 * Super admin only (the organisation-wide grant); forward only; audited.
 */
export function testClockRoutes(deps: {
  clock: AdjustableClock;
  audit: AuditService;
}): FastifyPluginAsyncZod {
  let offset = 0;
  return async (app) => {
    app.post(
      '/api/test/clock',
      {
        schema: {
          tags: ['Sistem'],
          summary: 'Jam uji: majukan jam server (hanya bila TEST_CLOCK=true; super admin)',
          body: testClockBodySchema,
          response: { 200: testClockSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        if (!actor.grants.some((g) => g.role === 'SUPER_ADMIN' && g.unitId === null))
          throw forbidden('Hanya super admin yang memajukan jam uji');
        const before = deps.clock.now();
        const ms =
          request.body.advanceDays !== undefined
            ? request.body.advanceDays * DAY_MS
            : new Date(request.body.to!).getTime() - before.getTime();
        if (ms <= 0) throw new AppError('CONFLICT', 'Jam uji hanya dapat dimajukan, tidak dimundurkan');
        deps.clock.advance(ms);
        offset += ms;
        const now = deps.clock.now();
        await deps.audit.recordStandalone(ctxOf(actor), {
          action: 'test_clock.advanced',
          entityType: 'test_clock',
          entityId: null,
          unitId: null,
          before: { now: before.toISOString() },
          after: { now: now.toISOString(), advancedMs: ms },
        });
        return { now: now.toISOString(), offsetMs: offset };
      },
    );
  };
}
