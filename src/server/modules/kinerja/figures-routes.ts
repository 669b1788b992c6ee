import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KinerjaService } from './kinerja-service.ts';

/** Routes of e-Kinerja, section figures: thin, one service call each; schemas from src/shared/api/kinerja-figures.ts. */
export function figuresRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  void service;
  return async () => {};
}
