import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { z } from 'zod';
import { importCommitBodySchema, importJobSchema, IMPORT_KINDS } from '../../../shared/api/imports.ts';
import { paged, pageQuerySchema } from '../../../shared/api/common.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import type { ImportService } from './import-service.ts';
import { requireAny } from '../access/authz.ts';

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
          consumes: ['multipart/form-data'],
          response: { 201: importJobSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('UNSUPPORTED_FILE', 'Kirim berkas sebagai multipart/form-data', undefined);
        let kind: string | undefined;
        let file: { name: string; buf: Buffer } | undefined;
        for await (const part of request.parts()) {
          if (part.type === 'field' && part.fieldname === 'kind') kind = String(part.value);
          else if (part.type === 'file' && part.fieldname === 'file') {
            file = { name: part.filename, buf: await part.toBuffer() };
          } else if (part.type === 'file') {
            // A file under another field name must still be drained, or the request never ends.
            await part.toBuffer();
          }
        }
        const k = z.enum(IMPORT_KINDS).safeParse(kind);
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
          response: { 200: paged(importJobSchema) },
        },
      },
      (request) => imports.list(actorOf(request), request.query.page, request.query.pageSize),
    );
    app.get(
      '/api/imports/:id',
      { schema: { tags, params: z.object({ id: z.string().uuid() }), response: { 200: importJobSchema } } },
      (request) => imports.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/imports/:id/commit',
      {
        schema: {
          tags,
          summary: 'Tulis impor: semua (hanya jika tanpa kesalahan) atau baris valid saja',
          params: z.object({ id: z.string().uuid() }),
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
          params: z.object({ file: z.enum(['units.csv', 'units.xlsx', 'employees.csv', 'employees.xlsx']) }),
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
