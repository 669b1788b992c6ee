import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { actorOf } from '../plugins/session.ts';
import { readUpload } from '../lib/multipart-upload.ts';
import { id } from '../../shared/api/common.ts';
import {
  letterheadInputSchema,
  letterheadLogoQuerySchema,
  letterheadListSchema,
  letterheadSchema,
  letterNumberSchemeInputSchema,
  letterNumberSchemeListSchema,
  letterNumberSchemeSchema,
} from '../../shared/api/documents.ts';
import type { DocumentService } from './document-service.ts';

const tags = ['Dokumen'];

/** Routes of the document layer's configuration: letterheads and letter-number schemes (BKD). */
export function documentRoutes({ documents }: { documents: DocumentService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/documents/letterheads',
      {
        schema: {
          tags,
          summary: 'Kop surat wilayah dan unit (BKD)',
          response: { 200: letterheadListSchema },
        },
      },
      (request) => documents.listLetterheads(actorOf(request)),
    );
    app.put(
      '/api/documents/letterheads',
      {
        schema: {
          tags,
          summary: 'Atur teks kop surat wilayah (unitId null) atau unit (BKD)',
          body: letterheadInputSchema,
          response: { 200: letterheadSchema },
        },
      },
      (request) => documents.setLetterhead(actorOf(request), request.body),
    );
    app.post(
      '/api/documents/letterheads/logo',
      {
        schema: {
          tags,
          summary:
            'Unggah logo kop surat (multipart: berkas `logo`, PNG/JPEG dikenali dari isinya, maks. 512 KB; kolom `unitId`, kosong = kop wilayah) (BKD)',
          response: { 200: letterheadSchema },
        },
      },
      async (request) => {
        const { fields, file } = await readUpload(request, { fields: ['unitId'], fileField: 'logo' });
        if (!file || file.buf.length === 0)
          throw new AppError('VALIDATION', 'Berkas `logo` tidak terkirim', [
            { path: 'logo', message: 'Berkas logo wajib diunggah' },
          ]);
        const unitId = fields.unitId?.trim() || null;
        if (unitId !== null && !id.safeParse(unitId).success)
          throw new AppError('VALIDATION', 'Pengenal unit tidak valid', [
            { path: 'unitId', message: 'Pengenal tidak valid' },
          ]);
        return documents.setLetterheadLogo(actorOf(request), unitId, file.buf);
      },
    );
    app.get(
      '/api/documents/letterheads/logo',
      {
        schema: {
          tags,
          summary: 'Logo kop surat yang tersimpan (unitId kosong = kop wilayah) (BKD)',
          querystring: letterheadLogoQuerySchema,
        },
      },
      async (request, reply) => {
        const logo = await documents.letterheadLogo(actorOf(request), request.query.unitId ?? null);
        return reply
          .header('content-type', logo.type)
          .header('cache-control', 'private, no-cache')
          .header('etag', `"${logo.sha256 ?? ''}"`)
          .send(Buffer.from(logo.bytes));
      },
    );
    app.get(
      '/api/documents/letter-number-schemes',
      {
        schema: {
          tags,
          summary: 'Skema penomoran surat per unit dan jenis surat, dengan nomor berikutnya (BKD)',
          response: { 200: letterNumberSchemeListSchema },
        },
      },
      (request) => documents.listSchemes(actorOf(request)),
    );
    app.put(
      '/api/documents/letter-number-schemes',
      {
        schema: {
          tags,
          summary:
            'Atur skema penomoran surat sebuah unit untuk satu jenis surat (BKD); pola tanpa {nomor} atau {tahun} ditolak (400)',
          body: letterNumberSchemeInputSchema,
          response: { 200: letterNumberSchemeSchema },
        },
      },
      (request) => documents.setScheme(actorOf(request), request.body),
    );
  };
}
