import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  dismissIndicationSchema,
  indicationDetailSchema,
  indicationListQuerySchema,
  indicationListSchema,
  indicationScanResultSchema,
  indicationScanSchema,
  openFromIndicationSchema,
} from '../../../shared/api/discipline-indications.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DisciplineService } from './discipline-service.ts';

const tags = ['Disiplin: indikasi'];

/**
 * Routes of the discipline module, section indications: thin, one service call each; schemas from
 * src/shared/api/discipline-indications.ts.
 */
export function indicationsRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  const indications = discipline.indications;
  return async (app) => {
    app.get(
      '/api/discipline/indications',
      {
        schema: {
          tags,
          summary:
            'Indikasi pelanggaran disiplin dari rekap (TK kumulatif, TK berturut-turut): bawahan Anda atau unit dalam kewenangan',
          querystring: indicationListQuerySchema,
          response: { 200: indicationListSchema },
        },
      },
      (request) => indications.list(actorOf(request), request.query),
    );

    app.post(
      '/api/discipline/indications/scan',
      {
        schema: {
          tags,
          summary:
            'Pindai indikasi disiplin unit (dan sub-unit) sampai akhir bulan; pemindaian ulang tidak menggandakan',
          body: indicationScanSchema,
          response: { 200: indicationScanResultSchema },
        },
      },
      (request) => indications.scanUnit(actorOf(request), request.body),
    );

    app.get(
      '/api/discipline/indications/:id',
      {
        schema: {
          tags,
          summary: 'Satu indikasi dengan bukti hari, alasan sah yang tercatat dan hukuman yang diusulkan',
          params: idParamSchema,
          response: { 200: indicationDetailSchema },
        },
      },
      (request) => indications.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/discipline/indications/:id/open',
      {
        schema: {
          tags,
          summary: 'Buka kasus disiplin dari indikasi (atasan langsung atau Plt/Plh-nya, atau BKD)',
          params: idParamSchema,
          body: openFromIndicationSchema,
          response: { 201: indicationDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await indications.open(actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/discipline/indications/:id/dismiss',
      {
        schema: {
          tags,
          summary: 'Abaikan indikasi dengan alasan (atasan langsung atau Plt/Plh-nya, atau BKD)',
          params: idParamSchema,
          body: dismissIndicationSchema,
          response: { 200: indicationDetailSchema },
        },
      },
      (request) => indications.dismiss(actorOf(request), request.params.id, request.body),
    );
  };
}
