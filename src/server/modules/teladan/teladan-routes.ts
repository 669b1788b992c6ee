import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  teladanCreatedSchema,
  teladanCreateSchema,
  teladanListQuerySchema,
  teladanListSchema,
} from '../../../shared/api/teladan.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TeladanService } from './teladan-service.ts';

const tags = ['Teladan'];

/** Routes of Teladan: thin, one service call each; schemas from the contract (src/shared/api/teladan.ts). */
export function teladanRoutes(deps: { teladan: TeladanService }): FastifyPluginAsyncZod {
  const service = deps.teladan;
  return async (app) => {
    app.get(
      '/api/teladan',
      {
        schema: {
          tags,
          summary: 'Teladan: daftar dalam lingkup pemanggil',
          querystring: teladanListQuerySchema,
          response: { 200: teladanListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      '/api/teladan',
      {
        schema: {
          tags,
          summary: 'Teladan: catat satu butir (dicatat di log audit)',
          body: teladanCreateSchema,
          response: { 201: teladanCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body)),
    );
  };
}
