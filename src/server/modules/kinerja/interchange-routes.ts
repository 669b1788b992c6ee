import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KinerjaService } from './kinerja-service.ts';

/** Routes of e-Kinerja, section interchange: thin, one service call each; schemas from src/shared/api/kinerja-interchange.ts. */
export function interchangeRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  void service;
  return async () => {};
}
