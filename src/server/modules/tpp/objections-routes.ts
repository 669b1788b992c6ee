import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppObjectionsSection } from './objections-service.ts';

/** Routes of the objections section under /api/tpp (filled in by its helper). */
export function objectionsRoutes(section: TppObjectionsSection): FastifyPluginAsyncZod {
  return async () => {
    void section;
  };
}
