import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  myObjectionsQuerySchema,
  objectionCountSchema,
  objectionDecisionBodySchema,
  objectionInboxQuerySchema,
  objectionLineParamsSchema,
  objectionListSchema,
  objectionSchema,
} from '../../../shared/api/tpp-objections.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppObjectionsSection } from './objections-service.ts';

const tags = ['TPP'];

/**
 * Routes of the objections to a published TPP line (issue 17 point 4): thin, one service call each; schemas from
 * src/shared/api/tpp-objections.ts (which lists who may call each). Evidence files: `private, no-store`.
 */
export function objectionsRoutes(section: TppObjectionsSection): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/tpp/runs/:id/lines/:employeeId/objections',
      {
        schema: {
          tags,
          summary:
            'Ajukan keberatan atas satu baris TPP Anda selama masa keberatan (multipart: kind, date, code, sanctionType, reason, berkas `file` opsional PDF/gambar)',
          params: objectionLineParamsSchema,
          consumes: ['multipart/form-data'],
          response: { 201: objectionSchema },
        },
      },
      async (request, reply) => {
        const { fields, file } = await section.readUpload(request);
        const { id, employeeId } = request.params;
        return reply.status(201).send(await section.file(actorOf(request), id, employeeId, fields, file));
      },
    );

    app.get(
      '/api/tpp/runs/:id/objections',
      {
        schema: {
          tags,
          summary: 'Keberatan pegawai atas satu perhitungan TPP',
          params: idParamSchema,
          response: { 200: objectionListSchema },
        },
      },
      (request) => section.ofRun(actorOf(request), request.params.id),
    );

    app.get(
      '/api/tpp/objections/mine',
      {
        schema: {
          tags,
          summary: 'Keberatan TPP saya dengan status dan catatan keputusannya',
          querystring: myObjectionsQuerySchema,
          response: { 200: objectionListSchema },
        },
      },
      (request) => section.mine(actorOf(request), request.query.month),
    );

    app.get(
      '/api/tpp/objections/inbox',
      {
        schema: {
          tags,
          summary: 'Keberatan TPP yang menunggu keputusan Anda (atasan langsung atau BKD)',
          querystring: objectionInboxQuerySchema,
          response: { 200: objectionListSchema },
        },
      },
      (request) => section.inbox(actorOf(request), request.query),
    );

    app.get(
      '/api/tpp/objections/inbox/count',
      {
        schema: {
          tags,
          summary: 'Jumlah keberatan TPP yang menunggu keputusan Anda',
          response: { 200: objectionCountSchema },
        },
      },
      (request) => section.inboxCount(actorOf(request)),
    );

    app.get(
      '/api/tpp/objections/:id',
      {
        schema: {
          tags,
          summary: 'Satu keberatan TPP',
          params: idParamSchema,
          response: { 200: objectionSchema },
        },
      },
      (request) => section.one(actorOf(request), request.params.id),
    );

    app.get(
      '/api/tpp/objections/:id/evidence',
      {
        schema: {
          tags,
          summary: 'Berkas bukti keberatan TPP (setiap pembukaan dicatat)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const f = await section.evidence(actorOf(request), request.params.id);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );

    app.post(
      '/api/tpp/objections/:id/decision',
      {
        schema: {
          tags,
          summary:
            'Putuskan keberatan TPP: diterima (baris pegawai dihitung ulang bila data masukannya berubah) atau ditolak, dengan catatan',
          params: idParamSchema,
          body: objectionDecisionBodySchema,
          response: { 200: objectionSchema },
        },
      },
      (request) => section.decide(actorOf(request), request.params.id, request.body),
    );
  };
}
