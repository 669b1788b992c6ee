import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppSimulationSection } from './simulation-service.ts';

/** Routes of the simulation section under /api/tpp (filled in by its helper). */
export function simulationRoutes(section: TppSimulationSection): FastifyPluginAsyncZod {
  return async () => {
    void section;
  };
}
