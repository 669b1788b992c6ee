import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  rulebookDetailSchema,
  rulebookDocumentSchema,
  rulebookListSchema,
  rulebookParamsSchema,
  rulebookResolveQuerySchema,
  rulebookSummarySchema,
  rulebookValidationSchema,
} from '../../../shared/api/rulebooks.ts';
import { actorOf } from '../../plugins/session.ts';
import type { RulebookService } from './rulebook-service.ts';

const tags = ['Rulebook'];

export function rulebookRoutes({ rulebooks }: { rulebooks: RulebookService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/rulebooks',
      { schema: { tags, summary: 'Semua versi rulebook', response: { 200: rulebookListSchema } } },
      (request) => rulebooks.list(actorOf(request)),
    );
    app.get(
      '/api/rulebooks/resolve',
      {
        schema: {
          tags,
          summary: 'Versi yang berlaku untuk wilayah pada tanggal tertentu',
          querystring: rulebookResolveQuerySchema,
          response: { 200: rulebookSummarySchema },
        },
      },
      (request) => rulebooks.resolve(actorOf(request), request.query.region, request.query.date),
    );
    app.get(
      '/api/rulebooks/:id',
      {
        schema: {
          tags,
          params: rulebookParamsSchema,
          response: { 200: rulebookDetailSchema },
        },
      },
      (request) => rulebooks.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/rulebooks/validate',
      {
        schema: {
          tags,
          summary: 'Periksa dokumen rulebook tanpa menyimpan',
          body: rulebookDocumentSchema,
          response: { 200: rulebookValidationSchema },
        },
      },
      (request) => rulebooks.validate(actorOf(request), request.body),
    );
    app.post(
      '/api/rulebooks',
      {
        schema: {
          tags,
          summary: 'Simpan versi baru sebagai draf (BKD)',
          body: rulebookDocumentSchema,
          response: { 201: rulebookSummarySchema },
        },
        bodyLimit: 5 * 1024 * 1024,
      },
      async (request, reply) =>
        reply.status(201).send(await rulebooks.createDraft(actorOf(request), request.body)),
    );
    app.post(
      '/api/rulebooks/:id/activate',
      {
        schema: {
          tags,
          summary: 'Aktifkan draf (BKD)',
          params: rulebookParamsSchema,
          response: { 200: rulebookSummarySchema },
        },
      },
      (request) => rulebooks.activate(actorOf(request), request.params.id),
    );
  };
}
