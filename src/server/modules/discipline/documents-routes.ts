import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  caseDocumentFileParamsSchema,
  caseDocumentKindParamsSchema,
  caseDocumentQuerySchema,
  caseDocumentsSchema,
  caseDocumentUploadSchema,
  documentViewsSchema,
} from '../../../shared/api/discipline-documents.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DisciplineService } from './discipline-service.ts';

const tags = ['Disiplin · Dokumen'];

/**
 * Routes of the discipline module, section documents: thin, one service call each; schemas from
 * src/shared/api/discipline-documents.ts. Confidential documents: `cache-control: private, no-store`.
 */
export function documentsRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  const docs = discipline.documents;
  return async (app) => {
    app.get(
      '/api/discipline/cases/:id/documents',
      {
        schema: {
          tags,
          summary:
            'Dokumen kasus: yang dapat dicetak (dan yang belum, dengan alasannya) dan berkas yang diunggah, sebatas hak pemanggil',
          params: idParamSchema,
          response: { 200: caseDocumentsSchema },
        },
      },
      (request) => docs.list(actorOf(request), request.params.id),
    );

    app.get(
      '/api/discipline/cases/:id/documents/:kind',
      {
        schema: {
          tags,
          summary:
            'Cetak dokumen kasus (PDF, format lampiran Peraturan BKN 6/2022); nomor surat diberikan sekali dan setiap pembukaan dicatat',
          params: caseDocumentKindParamsSchema,
          querystring: caseDocumentQuerySchema,
        },
      },
      async (request, reply) => {
        const { bytes, fileName } = await docs.pdf(actorOf(request), request.params.id, request.params.kind);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `${request.query.download === '1' ? 'attachment' : 'inline'}; filename="${fileName}"`,
          )
          .send(bytes);
      },
    );

    app.post(
      '/api/discipline/cases/:id/documents',
      {
        schema: {
          tags,
          summary:
            'Unggah pindaian bertanda tangan atau bukti (multipart: kind, title, berkas `file` PDF/JPEG/PNG menurut isinya, paling besar ATTACHMENT_MAX_BYTES)',
          params: idParamSchema,
          consumes: ['multipart/form-data'],
          response: { 201: caseDocumentUploadSchema },
        },
      },
      async (request, reply) => {
        const { fields, file } = await docs.readUpload(request);
        return reply.status(201).send(await docs.upload(actorOf(request), request.params.id, fields, file));
      },
    );

    app.get(
      '/api/discipline/cases/:id/documents/files/:docId',
      {
        schema: {
          tags,
          summary: 'Berkas yang diunggah pada kasus (hanya yang berwenang; setiap pembukaan dicatat)',
          params: caseDocumentFileParamsSchema,
        },
      },
      async (request, reply) => {
        const f = await docs.file(actorOf(request), request.params.id, request.params.docId);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );

    app.get(
      '/api/discipline/cases/:id/document-views',
      {
        schema: {
          tags,
          summary: 'Siapa membuka dokumen kasus apa dan kapan (pembaca disiplin dalam lingkup)',
          params: idParamSchema,
          response: { 200: documentViewsSchema },
        },
      },
      (request) => docs.views(actorOf(request), request.params.id),
    );
  };
}
