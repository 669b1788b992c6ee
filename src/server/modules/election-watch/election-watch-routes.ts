import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  electionWatchCreatedSchema,
  electionWatchCreateSchema,
  electionWatchListQuerySchema,
  electionWatchListSchema,
} from '../../../shared/api/election-watch.ts';
import { actorOf } from '../../plugins/session.ts';
import type { ElectionWatchService } from './election-watch-service.ts';

const tags = ['ElectionWatch'];

/** Routes of ElectionWatch: thin, one service call each; schemas from the contract (src/shared/api/election-watch.ts). */
export function electionWatchRoutes(deps: { electionWatch: ElectionWatchService }): FastifyPluginAsyncZod {
  const service = deps.electionWatch;
  return async (app) => {
    app.get(
      '/api/election-watch',
      {
        schema: {
          tags,
          summary: 'ElectionWatch: daftar dalam lingkup pemanggil',
          querystring: electionWatchListQuerySchema,
          response: { 200: electionWatchListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      '/api/election-watch',
      {
        schema: {
          tags,
          summary: 'ElectionWatch: catat satu butir (dicatat di log audit)',
          body: electionWatchCreateSchema,
          response: { 201: electionWatchCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body)),
    );
  };
}
