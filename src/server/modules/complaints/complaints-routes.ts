import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  complaintsCreatedSchema,
  complaintsCreateSchema,
  complaintsListQuerySchema,
  complaintsListSchema,
} from '../../../shared/api/complaints.ts';
import { actorOf } from '../../plugins/session.ts';
import type { ComplaintsService } from './complaints-service.ts';

const tags = ['Complaints'];

/** Routes of Complaints: thin, one service call each; schemas from the contract (src/shared/api/complaints.ts). */
export function complaintsRoutes(deps: { complaints: ComplaintsService }): FastifyPluginAsyncZod {
  const service = deps.complaints;
  return async (app) => {
    app.get(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Complaints: daftar dalam lingkup pemanggil',
          querystring: complaintsListQuerySchema,
          response: { 200: complaintsListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Complaints: catat satu butir (dicatat di log audit)',
          body: complaintsCreateSchema,
          response: { 201: complaintsCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body)),
    );
  };
}
