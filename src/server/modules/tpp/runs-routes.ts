import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppRunsSection } from './runs-service.ts';

/** Routes of the runs section under /api/tpp (filled in by the runs helper). */
export function runsRoutes(runs: TppRunsSection): FastifyPluginAsyncZod {
  return async () => {
    void runs;
  };
}
