import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppDashboardSection } from './dashboard-service.ts';

/** Routes of the dashboard section under /api/tpp (filled in by its helper). */
export function dashboardRoutes(section: TppDashboardSection): FastifyPluginAsyncZod {
  return async () => {
    void section;
  };
}
