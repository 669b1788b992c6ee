import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  inspectionsCreatedSchema,
  inspectionsCreateSchema,
  inspectionsListQuerySchema,
  inspectionsListSchema,
} from '../../../shared/api/inspections.ts';
import { actorOf } from '../../plugins/session.ts';
import type { InspectionsService } from './inspections-service.ts';

const tags = ['Inspections'];

/** Routes of Inspections: thin, one service call each; schemas from the contract (src/shared/api/inspections.ts). */
export function inspectionsRoutes(deps: { inspections: InspectionsService }): FastifyPluginAsyncZod {
  const service = deps.inspections;
  return async (app) => {
    app.get(
      '/api/inspections',
      {
        schema: {
          tags,
          summary: 'Inspections: daftar dalam lingkup pemanggil',
          querystring: inspectionsListQuerySchema,
          response: { 200: inspectionsListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      '/api/inspections',
      {
        schema: {
          tags,
          summary: 'Inspections: catat satu butir (dicatat di log audit)',
          body: inspectionsCreateSchema,
          response: { 201: inspectionsCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body)),
    );
  };
}
