import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppService } from './tpp-service.ts';
import { inputsRoutes } from './inputs-routes.ts';
import { runsRoutes } from './runs-routes.ts';
import { objectionsRoutes } from './objections-routes.ts';
import { financeRoutes } from './finance-routes.ts';
import { simulationRoutes } from './simulation-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { correctionsRoutes } from './corrections-routes.ts';

/** The TPP API under /api/tpp: inputs, runs, objections, finance documents, simulations, dashboards and corrections. */
export function tppRoutes(deps: { tpp: TppService }): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(inputsRoutes(deps.tpp.inputs));
    await app.register(runsRoutes(deps.tpp.runs));
    await app.register(objectionsRoutes(deps.tpp.objections));
    await app.register(financeRoutes(deps.tpp.finance));
    await app.register(simulationRoutes(deps.tpp.simulation));
    await app.register(dashboardRoutes(deps.tpp.dashboard));
    await app.register(correctionsRoutes(deps.tpp.corrections));
  };
}
