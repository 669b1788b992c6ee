import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { idParamSchema, noContentSchema } from '../../../shared/api/common.ts';
import {
  bulkVerifyResultSchema,
  bulkVerifySchema,
  dailyReportSchema,
  inboxQuerySchema,
  inboxSchema,
  myReportsQuerySchema,
  myReportsSchema,
  reportCorrectionSchema,
  reportInputSchema,
  reportOptionsQuerySchema,
  reportOptionsSchema,
  reportUploadSchema,
  supervisionExportParamsSchema,
  supervisionExportQuerySchema,
  supervisionPageSchema,
  supervisionQuerySchema,
  verifySchema,
} from '../../../shared/api/kinerja-reports.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import { sendTable } from '../../lib/table-export.ts';
import type { KinerjaService } from './kinerja-service.ts';
import { SUPERVISION_EXPORT_COLUMNS } from './reports-supervision.ts';

const tags = ['e-Kinerja: laporan harian'];

/** Routes of e-Kinerja, section reports: thin, one service call each; schemas from src/shared/api/kinerja-reports.ts. */
export function reportsRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  const reports = service.reports;
  return async (app) => {
    app.post(
      '/api/kinerja/reports/files',
      {
        schema: {
          tags,
          summary:
            'Unggah bukti laporan harian (multipart, berkas `file`: PDF, JPEG, PNG atau WebP menurut isinya; metadata gambar dihapus)',
          response: { 201: reportUploadSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('VALIDATION', 'Kirim berkas sebagai multipart/form-data');
        const { file } = await reports.readUpload(request);
        if (!file) throw new AppError('VALIDATION', 'Berkas `file` tidak terkirim');
        return reply.status(201).send(await reports.upload(actorOf(request), file));
      },
    );

    app.get(
      '/api/kinerja/reports/options',
      {
        schema: {
          tags,
          summary:
            'RHK dan batas yang berlaku untuk menulis laporan pada suatu tanggal (juga untuk antrean luring)',
          querystring: reportOptionsQuerySchema,
          response: { 200: reportOptionsSchema },
        },
      },
      (request) => reports.options(actorOf(request), request.query.date),
    );

    app.post(
      '/api/kinerja/reports',
      {
        schema: {
          tags,
          summary:
            'Kirim laporan kinerja harian (tepat sekali per clientId: kiriman ulang menjawab 200 dengan laporan yang sama)',
          body: reportInputSchema,
          response: { 200: dailyReportSchema, 201: dailyReportSchema },
        },
      },
      async (request, reply) => {
        const { report, created } = await reports.create(actorOf(request), request.body);
        return reply.status(created ? 201 : 200).send(report);
      },
    );

    app.get(
      '/api/kinerja/reports/mine',
      {
        schema: {
          tags,
          summary:
            'Laporan saya per hari dan per bulan: menit dilaporkan, diterima, dikembalikan dan alasannya',
          querystring: myReportsQuerySchema,
          response: { 200: myReportsSchema },
        },
      },
      (request) => reports.mine(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/reports/inbox',
      {
        schema: {
          tags,
          summary:
            'Laporan bawahan yang menunggu verifikasi Anda (termasuk sebagai Plt/Plh), dengan jumlah dan yang terlambat',
          querystring: inboxQuerySchema,
          response: { 200: inboxSchema },
        },
      },
      (request) => reports.inbox(actorOf(request), request.query),
    );

    app.post(
      '/api/kinerja/reports/verify',
      {
        schema: {
          tags,
          summary:
            'Verifikasi beberapa laporan sekaligus dengan satu keputusan (masing-masing diputus sendiri)',
          body: bulkVerifySchema,
          response: { 200: bulkVerifyResultSchema },
        },
      },
      (request) => reports.verifyMany(actorOf(request), request.body),
    );

    app.get(
      '/api/kinerja/reports/:id',
      {
        schema: {
          tags,
          summary: 'Satu laporan kinerja harian',
          params: idParamSchema,
          response: { 200: dailyReportSchema },
        },
      },
      (request) => reports.get(actorOf(request), request.params.id),
    );

    app.put(
      '/api/kinerja/reports/:id',
      {
        schema: {
          tags,
          summary: 'Perbaiki laporan sendiri yang menunggu verifikasi atau dikembalikan',
          params: idParamSchema,
          body: reportCorrectionSchema,
          response: { 200: dailyReportSchema },
        },
      },
      (request) => reports.correct(actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/kinerja/reports/:id',
      {
        schema: {
          tags,
          summary: 'Hapus laporan sendiri yang belum diterima',
          params: idParamSchema,
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await reports.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/kinerja/reports/:id/verify',
      {
        schema: {
          tags,
          summary: 'Terima, atau kembalikan dengan catatan (pejabat penilai atau Plt/Plh-nya)',
          params: idParamSchema,
          body: verifySchema,
          response: { 200: dailyReportSchema },
        },
      },
      (request) => reports.verify(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/kinerja/reports/:id/evidence',
      { schema: { tags, summary: 'Bukti laporan (hanya yang berwenang; dicatat)', params: idParamSchema } },
      async (request, reply) => {
        const f = await reports.evidence(actorOf(request), request.params.id);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );

    app.get(
      '/api/kinerja/supervision',
      {
        schema: {
          tags,
          summary:
            'Pemantauan harian: kehadiran, laporan, menit diterima, verifikasi tertunda dan capaian tiap pegawai',
          querystring: supervisionQuerySchema,
          response: { 200: supervisionPageSchema },
        },
      },
      (request) => reports.supervision(actorOf(request), request.query),
    );

    const exportHandler = async (
      actor: ReturnType<typeof actorOf>,
      format: 'xlsx' | 'csv',
      query: Parameters<typeof reports.supervisionExport>[1],
      reply: Parameters<typeof sendTable>[0],
    ) => {
      const { date, rows } = await reports.supervisionExport(actor, query);
      return sendTable(
        reply,
        format,
        `pemantauan-kinerja-${date}`,
        `Pemantauan kinerja ${date}`,
        SUPERVISION_EXPORT_COLUMNS,
        rows,
      );
    };

    app.get(
      '/api/kinerja/supervision/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor pemantauan harian (xlsx atau csv) dengan saringan yang sama',
          params: supervisionExportParamsSchema,
          querystring: supervisionExportQuerySchema,
        },
      },
      (request, reply) => exportHandler(actorOf(request), request.params.format, request.query, reply),
    );

    app.get(
      '/api/kinerja/supervision/export',
      {
        schema: {
          tags,
          summary: 'Ekspor pemantauan harian (?format=xlsx|csv)',
          querystring: supervisionExportQuerySchema,
        },
      },
      (request, reply) =>
        exportHandler(actorOf(request), request.query.format ?? 'xlsx', request.query, reply),
    );
  };
}
