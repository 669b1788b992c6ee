import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppFinanceSection } from './finance-service.ts';

/** Routes of the finance section under /api/tpp (filled in by its helper). */
export function financeRoutes(section: TppFinanceSection): FastifyPluginAsyncZod {
  return async () => {
    void section;
  };
}
