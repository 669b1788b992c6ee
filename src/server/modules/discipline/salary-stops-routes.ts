import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  salaryStopFileParamsSchema,
  salaryStopListQuerySchema,
  salaryStopListSchema,
  salaryStopReactivateSchema,
  salaryStopReactivationSchema,
  salaryStopReportSchema,
  salaryStopSchema,
  salaryStopSettlementSchema,
  salaryStopStopSchema,
  salaryStopUploadSchema,
  salaryStopVerifySchema,
} from '../../../shared/api/discipline-indications.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DisciplineService } from './discipline-service.ts';

const tags = ['Disiplin: penghentian gaji'];

/**
 * Routes of the discipline module, section salary stops (PP 94/2021 Pasal 15 ayat (2)): thin, one service call
 * each; schemas from src/shared/api/discipline-indications.ts.
 */
export function salaryStopsRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  const stops = discipline.salaryStops;
  return async (app) => {
    app.get(
      '/api/discipline/salary-stops',
      {
        schema: {
          tags,
          summary: 'Penghentian gaji karena TK 10 hari kerja berturut-turut dalam kewenangan Anda',
          querystring: salaryStopListQuerySchema,
          response: { 200: salaryStopListSchema },
        },
      },
      (request) => stops.list(actorOf(request), request.query),
    );

    app.post(
      '/api/discipline/salary-stops',
      {
        schema: {
          tags,
          summary: 'Laporkan penghentian gaji ke BKD dan pejabat keuangan (atasan langsung atau Plt/Plh-nya)',
          body: salaryStopReportSchema,
          response: { 201: salaryStopSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await stops.report(actorOf(request), request.body)),
    );

    app.post(
      '/api/discipline/salary-stops/files',
      {
        schema: {
          tags,
          summary:
            'Unggah surat pernyataan (multipart, berkas `file`: PDF, JPEG, PNG atau WebP menurut isinya; metadata gambar dihapus)',
          response: { 201: salaryStopUploadSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('VALIDATION', 'Kirim berkas sebagai multipart/form-data');
        const { file } = await stops.readUpload(request);
        if (!file) throw new AppError('VALIDATION', 'Berkas `file` tidak terkirim');
        return reply.status(201).send(await stops.upload(actorOf(request), file));
      },
    );

    app.get(
      '/api/discipline/salary-stops/:id',
      {
        schema: {
          tags,
          summary: 'Satu penghentian gaji: verifikasi, keputusan KPA, pengaktifan kembali, penyelesaian',
          params: idParamSchema,
          response: { 200: salaryStopSchema },
        },
      },
      (request) => stops.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/discipline/salary-stops/:id/verify',
      {
        schema: {
          tags,
          summary: 'Verifikasi data kehadiran oleh BKD (kurang dari ambang hari: dibatalkan)',
          params: idParamSchema,
          body: salaryStopVerifySchema,
          response: { 200: salaryStopSchema },
        },
      },
      (request) => stops.verify(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/discipline/salary-stops/:id/stop',
      {
        schema: {
          tags,
          summary: 'Keputusan KPA menghentikan pembayaran gaji mulai bulan berikutnya',
          params: idParamSchema,
          body: salaryStopStopSchema,
          response: { 200: salaryStopSchema },
        },
      },
      (request) => stops.stop(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/discipline/salary-stops/:id/reactivation',
      {
        schema: {
          tags,
          summary:
            'Ajukan pengaktifan kembali gaji: surat pernyataan pegawai dan atasan (diunggah lebih dulu) dan bulan rekap kehadiran',
          params: idParamSchema,
          body: salaryStopReactivationSchema,
          response: { 200: salaryStopSchema },
        },
      },
      (request) => stops.requestReactivation(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/discipline/salary-stops/:id/reactivate',
      {
        schema: {
          tags,
          summary: 'Keputusan KPA mengaktifkan kembali pembayaran gaji',
          params: idParamSchema,
          body: salaryStopReactivateSchema,
          response: { 200: salaryStopSchema },
        },
      },
      (request) => stops.reactivate(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/discipline/salary-stops/:id/settlements',
      {
        schema: {
          tags,
          summary: 'Catat gaji yang dibayarkan kembali atau disetor kembali (contoh lampiran PerBKN 6/2022)',
          params: idParamSchema,
          body: salaryStopSettlementSchema,
          response: { 200: salaryStopSchema },
        },
      },
      (request) => stops.settle(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/discipline/salary-stops/:id/files/:fileId',
      {
        schema: {
          tags,
          summary: 'Surat pernyataan pengajuan pengaktifan kembali (hanya yang berwenang; dicatat)',
          params: salaryStopFileParamsSchema,
        },
      },
      async (request, reply) => {
        const f = await stops.statement(actorOf(request), request.params.id, request.params.fileId);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );
  };
}
