import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DisciplineService } from './discipline-service.ts';
import { indicationsRoutes } from './indications-routes.ts';
import { casesRoutes } from './cases-routes.ts';
import { sanctionsRoutes } from './sanctions-routes.ts';
import { salaryStopsRoutes } from './salary-stops-routes.ts';
import { documentsRoutes } from './documents-routes.ts';
import { registryRoutes } from './registry-routes.ts';

/** Every discipline route, section by section (each thin; contracts in src/shared/api/discipline-*.ts). */
export function disciplineRoutes(deps: { discipline: DisciplineService }): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(indicationsRoutes(deps.discipline));
    await app.register(casesRoutes(deps.discipline));
    await app.register(sanctionsRoutes(deps.discipline));
    await app.register(salaryStopsRoutes(deps.discipline));
    await app.register(documentsRoutes(deps.discipline));
    await app.register(registryRoutes(deps.discipline));
  };
}
