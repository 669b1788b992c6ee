import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DisciplineService } from './discipline-service.ts';

/** PLACEHOLDER: the cases routes (filled in by their owner). */
export function casesRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  return async (app) => {
    void app;
    void discipline;
  };
}
