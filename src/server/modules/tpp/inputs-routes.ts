import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TppInputsSection } from './inputs-service.ts';

/** Routes of the inputs section under /api/tpp (filled in by the inputs helper). */
export function inputsRoutes(inputs: TppInputsSection): FastifyPluginAsyncZod {
  return async () => {
    void inputs;
  };
}
