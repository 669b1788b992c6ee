import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KinerjaService } from './kinerja-service.ts';
import { skpRoutes } from './skp-routes.ts';
import { reportsRoutes } from './reports-routes.ts';
import { evaluationsRoutes } from './evaluations-routes.ts';
import { figuresRoutes } from './figures-routes.ts';
import { interchangeRoutes } from './interchange-routes.ts';

/** Every e-Kinerja route, section by section (each thin; contracts in src/shared/api/kinerja-*.ts). */
export function kinerjaRoutes(deps: { kinerja: KinerjaService }): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(skpRoutes(deps.kinerja));
    await app.register(reportsRoutes(deps.kinerja));
    await app.register(evaluationsRoutes(deps.kinerja));
    await app.register(figuresRoutes(deps.kinerja));
    await app.register(interchangeRoutes(deps.kinerja));
  };
}
