import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  correctionListQuerySchema,
  correctionListSchema,
  correctionPreviewQuerySchema,
  correctionPreviewSchema,
  correctionRecordBodySchema,
  correctionRecordResultSchema,
} from '../../../shared/api/tpp-corrections.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppCorrectionsSection } from './corrections-service.ts';

const tags = ['TPP'];

/**
 * Routes of the corrections of locked TPP runs (issue 17 point 4): thin, one service call each; schemas from
 * src/shared/api/tpp-corrections.ts (which lists who may call each).
 */
export function correctionsRoutes(section: TppCorrectionsSection): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/tpp/runs/:id/corrections/preview',
      {
        schema: {
          tags,
          summary:
            'Pratinjau koreksi TPP yang sudah dikunci: setiap baris dihitung ulang dari data terbaru (tidak menyimpan apa pun)',
          params: idParamSchema,
          querystring: correctionPreviewQuerySchema,
          response: { 200: correctionPreviewSchema },
        },
      },
      (request) => section.preview(actorOf(request), request.params.id, request.query),
    );

    app.post(
      '/api/tpp/runs/:id/corrections',
      {
        schema: {
          tags,
          summary:
            'Catat koreksi (kekurangan / kelebihan bayar) TPP yang sudah dikunci, dibayar pada TPP bulan berikutnya',
          params: idParamSchema,
          body: correctionRecordBodySchema,
          response: { 200: correctionRecordResultSchema },
        },
      },
      (request) => section.record(actorOf(request), request.params.id, request.body ?? {}),
    );

    app.get(
      '/api/tpp/corrections',
      {
        schema: {
          tags,
          summary: 'Koreksi TPP yang tercatat (belum atau sudah dibayar)',
          querystring: correctionListQuerySchema,
          response: { 200: correctionListSchema },
        },
      },
      (request) => section.list(actorOf(request), request.query),
    );
  };
}
