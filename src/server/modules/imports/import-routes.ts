import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  importCommitBodySchema,
  importIdParamsSchema,
  importJobPageSchema,
  importJobSchema,
  importKindSchema,
  importTemplateParamsSchema,
} from '../../../shared/api/imports.ts';
import { pageQuerySchema } from '../../../shared/api/common.ts';
import { AppError } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import { actorOf } from '../../plugins/session.ts';
import type { ImportService } from './import-service.ts';
import { requireAny } from '../../auth/authz.ts';

const tags = ['Impor'];

export function importRoutes({ imports }: { imports: ImportService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/imports',
      {
        schema: {
          tags,
          summary:
            'Unggah berkas CSV/XLSX (multipart: kind, file); memeriksa setiap baris tanpa menulis data',
          description:
            'Berkas dibaca sebagai aliran dalam batas IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, ' +
            'IMPORT_MAX_CELL_CHARS, IMPORT_MAX_ENTRY_BYTES dan IMPORT_MAX_UNZIPPED_BYTES; di atas batas: 413 ' +
            'FILE_TOO_LARGE dengan nama batasnya (details.limit), tanpa menyimpan apa pun.',
          consumes: ['multipart/form-data'],
          response: { 201: importJobSchema },
        },
        // Reading and validating run in a worker thread; no request transaction may hold a connection meanwhile.
        config: { unitOfWork: false },
      },
      async (request, reply) => {
        const { fields, file } = await readUpload(request, {
          fields: ['kind'],
          maxBytes: imports.columns.maxBytes,
        });
        const kind = fields.kind;
        const k = importKindSchema.safeParse(kind);
        if (!k.success)
          throw new AppError('VALIDATION', 'Jenis impor harus "units" atau "employees"', [
            { path: 'kind', message: 'Pilih jenis impor' },
          ]);
        if (!file)
          throw new AppError('VALIDATION', 'Berkas belum dipilih', [
            { path: 'file', message: 'Berkas belum dipilih' },
          ]);
        return reply.status(201).send(await imports.validate(actorOf(request), k.data, file.name, file.buf));
      },
    );
    app.get(
      '/api/imports',
      {
        schema: {
          tags,
          summary: 'Riwayat impor saya',
          querystring: pageQuerySchema,
          response: { 200: importJobPageSchema },
        },
      },
      (request) => imports.list(actorOf(request), request.query.page, request.query.pageSize),
    );
    app.get(
      '/api/imports/:id',
      { schema: { tags, params: importIdParamsSchema, response: { 200: importJobSchema } } },
      (request) => imports.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/imports/:id/commit',
      {
        schema: {
          tags,
          summary: 'Tulis impor: semua (hanya jika tanpa kesalahan) atau baris valid saja',
          params: importIdParamsSchema,
          body: importCommitBodySchema,
          response: { 200: importJobSchema },
        },
      },
      (request) => imports.commit(actorOf(request), request.params.id, request.body.mode),
    );
    app.get(
      '/api/imports/template/:file',
      {
        schema: {
          tags,
          summary: 'Templat berkas impor',
          params: importTemplateParamsSchema,
        },
      },
      async (request, reply) => {
        requireAny(actorOf(request), 'import.run');
        const [kind, format] = request.params.file.split('.') as ['units' | 'employees', 'csv' | 'xlsx'];
        const body = await imports.template(kind, format);
        return reply
          .header(
            'content-type',
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="templat-${kind}.${format}"`)
          .send(body);
      },
    );
    app.get(
      '/api/imports/columns',
      { schema: { tags, summary: 'Tata letak kolom berkas impor' } },
      async (request) => {
        requireAny(actorOf(request), 'import.run');
        return imports.columns;
      },
    );
  };
}
