import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  kinerjaEvaluationExportQuerySchema,
  kinerjaImportColumnsSchema,
  kinerjaImportDryRunSchema,
  kinerjaImportReportSchema,
  kinerjaSkpExportQuerySchema,
  kinerjaTemplateQuerySchema,
} from '../../../shared/api/kinerja-interchange.ts';
import { jobSchema } from '../../../shared/api/jobs.ts';
import { requireAny } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import { attachment, sendExport } from '../../lib/send-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { KinerjaService } from './kinerja-service.ts';

const tags = ['Kinerja: pertukaran data'];

/**
 * Routes of e-Kinerja, section interchange: thin, one service call each; schemas from
 * src/shared/api/kinerja-interchange.ts (docs/kinerja-interchange.md).
 */
export function interchangeRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  const x = service.interchange;
  const jobs = x.jobs;
  return async (app) => {
    app.get(
      '/api/kinerja/import/skp/template',
      {
        schema: {
          tags,
          summary: 'Templat berkas impor SKP dan RHK (satu baris per indikator)',
          querystring: kinerjaTemplateQuerySchema,
        },
      },
      async (request, reply) => {
        requireAny(actorOf(request), 'kinerja.manage');
        const format = request.query.format;
        return reply
          .header(
            'content-type',
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', attachment(`templat-impor-skp.${format}`))
          .send(await x.template(format));
      },
    );

    app.get(
      '/api/kinerja/import/skp/columns',
      {
        schema: {
          tags,
          summary: 'Tata letak kolom berkas impor SKP',
          response: { 200: kinerjaImportColumnsSchema },
        },
      },
      async (request) => {
        requireAny(actorOf(request), 'kinerja.manage');
        return x.columns();
      },
    );

    app.post(
      '/api/kinerja/import/skp',
      {
        schema: {
          tags,
          summary: 'Impor SKP dan RHK dari XLSX/CSV (multipart: file, dryRun)',
          description:
            'dryRun=true (bawaan): laporan per baris tanpa menulis. dryRun=false: semua SKP ditulis dalam satu ' +
            'transaksi bila tidak ada baris bermasalah (201); bila ada, tidak ada yang ditulis: 422 ' +
            'IMPORT_INVALID dengan daftar kesalahan (baris, kolom, alasan) di details. kinerja.manage atas ' +
            'setiap pegawai dalam berkas.',
          consumes: ['multipart/form-data'],
          response: { 200: kinerjaImportReportSchema, 201: kinerjaImportReportSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        requireAny(actor, 'kinerja.manage');
        const { fields, file } = await readUpload(request, {
          fields: ['dryRun'],
          maxBytes: x.columns().maxBytes,
        });
        const dry = kinerjaImportDryRunSchema.safeParse(fields.dryRun);
        if (!dry.success)
          throw new AppError('VALIDATION', 'dryRun harus "true" atau "false"', [
            { path: 'dryRun', message: 'Isi "true" atau "false"' },
          ]);
        if (!file)
          throw new AppError('VALIDATION', 'Berkas belum dipilih', [
            { path: 'file', message: 'Berkas belum dipilih' },
          ]);
        const report = await x.importSkp(actor, file.name, file.buf, dry.data);
        return reply.status(report.committed ? 201 : 200).send(report);
      },
    );

    app.get(
      '/api/kinerja/export/skp',
      {
        schema: {
          tags,
          summary: 'Unduh SKP (satu baris per indikator) berformat e-Kinerja BKN / SIASN (XLSX atau CSV)',
          description:
            'kinerja.read atau kinerja.manage dalam lingkup (tanpa unitId: seluruh lingkup). Untuk data besar ' +
            'gunakan POST /api/kinerja/export/skp/jobs.',
          querystring: kinerjaSkpExportQuerySchema,
        },
      },
      async (request, reply) => sendExport(reply, jobs, await x.skpExport(actorOf(request), request.query)),
    );

    app.post(
      '/api/kinerja/export/skp/jobs',
      {
        schema: {
          tags,
          summary: 'Mulai ekspor SKP sebagai pekerjaan latar (202); pantau di /api/jobs/:id',
          querystring: kinerjaSkpExportQuerySchema,
          response: { 202: jobSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const spec = await x.skpExport(actor, request.query);
        return reply.status(202).send(await jobs.start(actor, spec));
      },
    );

    app.get(
      '/api/kinerja/export/evaluations',
      {
        schema: {
          tags,
          summary:
            'Unduh penilaian kinerja (realisasi per indikator, rating, predikat) berformat e-Kinerja BKN / SIASN',
          description: 'kinerja.read atau kinerja.manage dalam lingkup. periodStart: satu periode saja.',
          querystring: kinerjaEvaluationExportQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, jobs, await x.evaluationExport(actorOf(request), request.query)),
    );

    app.post(
      '/api/kinerja/export/evaluations/jobs',
      {
        schema: {
          tags,
          summary: 'Mulai ekspor penilaian kinerja sebagai pekerjaan latar (202); pantau di /api/jobs/:id',
          querystring: kinerjaEvaluationExportQuerySchema,
          response: { 202: jobSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const spec = await x.evaluationExport(actor, request.query);
        return reply.status(202).send(await jobs.start(actor, spec));
      },
    );
  };
}
