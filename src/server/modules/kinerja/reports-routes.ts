import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KinerjaService } from './kinerja-service.ts';

/** Routes of e-Kinerja, section reports: thin, one service call each; schemas from src/shared/api/kinerja-reports.ts. */
export function reportsRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  void service;
  return async () => {};
}
