import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KinerjaService } from './kinerja-service.ts';

/** Routes of e-Kinerja, section evaluations: thin, one service call each; schemas from src/shared/api/kinerja-evaluations.ts. */
export function evaluationsRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  void service;
  return async () => {};
}
