import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KinerjaService } from './kinerja-service.ts';

/** Routes of e-Kinerja, section skp: thin, one service call each; schemas from src/shared/api/kinerja-skp.ts. */
export function skpRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  void service;
  return async () => {};
}
