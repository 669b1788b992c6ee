import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DisciplineService } from './discipline-service.ts';

/** PLACEHOLDER: the sanctions routes (filled in by their owner). */
export function sanctionsRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  return async (app) => {
    void app;
    void discipline;
  };
}
