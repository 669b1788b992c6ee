import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppService } from './tpp-service.ts';
import { inputsRoutes } from './inputs-routes.ts';
import { runsRoutes } from './runs-routes.ts';

/** The TPP API under /api/tpp: inputs (tariffs, pagu, pay data, exclusions) and runs. */
export function tppRoutes(deps: { tpp: TppService }): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(inputsRoutes(deps.tpp.inputs));
    await app.register(runsRoutes(deps.tpp.runs));
  };
}
