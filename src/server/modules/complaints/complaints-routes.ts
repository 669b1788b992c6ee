import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { idParamSchema, tableExportParamsSchema } from '../../../shared/api/common.ts';
import {
  complaintAnswerSchema,
  complaintCaseOpenedSchema,
  complaintDetailSchema,
  complaintFormSchema,
  complaintImportQuerySchema,
  complaintImportResultSchema,
  complaintInboxCountSchema,
  complaintOpenCaseSchema,
  complaintPhotoAddedSchema,
  complaintPhotoParamsSchema,
  complaintRejectSchema,
  complaintRouteSchema,
  complaintsListQuerySchema,
  complaintsListSchema,
  complaintSubmitSchema,
  complaintSubmittedSchema,
  complaintTrackSchema,
  trackingCodeParamSchema,
} from '../../../shared/api/complaints.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import { sendExport } from '../../lib/send-export.ts';
import { pagesOf, tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { ComplaintsService } from './complaints-service.ts';

const tags = ['Pengaduan'];
const EXPORT_CAP = 50_000;
const COLUMNS: TableColumn[] = [
  { header: 'Nomor', key: 'number', width: 12 },
  { header: 'Kanal', key: 'channel', width: 8 },
  { header: 'ID LAPOR!', key: 'laporId', width: 16 },
  { header: 'Kategori', key: 'category', width: 12 },
  { header: 'Unit yang diadukan', key: 'unit', width: 36 },
  { header: 'OPD penanggung jawab', key: 'handlingUnit', width: 36 },
  { header: 'Judul', key: 'title', width: 50 },
  { header: 'Status', key: 'status', width: 30 },
  { header: 'Diterima', key: 'receivedAt', width: 12 },
  { header: 'Batas jawab', key: 'dueOn', width: 12 },
  { header: 'Terlambat', key: 'overdue', width: 10 },
];

/** A per-address limit of a public route, answered 429 RATE_LIMITED with a message naming the wait. */
const limit = (max: number, what: string) => ({
  max,
  timeWindow: '1 minute',
  errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number; max: number }) =>
    new AppError(
      'RATE_LIMITED',
      `Terlalu banyak ${what} dari alamat ini (paling banyak ${ctx.max} per menit). Coba lagi dalam ${Math.max(
        1,
        Math.ceil(ctx.ttl / 1000),
      )} detik; yang sudah terkirim tetap tersimpan.`,
      { max: ctx.max, retryAfterSeconds: Math.ceil(ctx.ttl / 1000) },
    ),
});

/**
 * Routes of public complaints: the public page under /api/public/complaints (no account; rate-limited per address,
 * COMPLAINT_*_PER_MINUTE) and the officials' routes under /api/complaints. Thin: schema, one service call.
 */
export function complaintsRoutes(deps: {
  complaints: ComplaintsService;
  jobs: JobService;
  config: Pick<Config, 'complaints'>;
}): FastifyPluginAsyncZod {
  const { complaints: service, jobs, config } = deps;
  return async (app) => {
    // ------------------------------------------------------------------------------------------ public
    app.get(
      '/api/public/complaints/form',
      {
        config: { public: true, rateLimit: limit(config.complaints.trackPerMinute, 'permintaan formulir') },
        schema: {
          tags,
          summary:
            'Publik: formulir pengaduan (daftar unit: id dan nama saja; token formulir bertanda tangan)',
          security: [],
          response: { 200: complaintFormSchema },
        },
      },
      () => service.form(),
    );

    app.post(
      '/api/public/complaints',
      {
        config: { public: true, rateLimit: limit(config.complaints.submitPerMinute, 'pengaduan') },
        schema: {
          tags,
          summary: 'Publik: kirim pengaduan tanpa akun; menjawab kode pelacakan (hanya sekali ditampilkan)',
          security: [],
          body: complaintSubmitSchema,
          response: { 201: complaintSubmittedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.submit(request.body)),
    );

    app.get(
      '/api/public/complaints/:code',
      {
        config: { public: true, rateLimit: limit(config.complaints.trackPerMinute, 'pelacakan') },
        schema: {
          tags,
          summary: 'Publik: status, tanggal dan jawaban pengaduan menurut kode pelacakannya',
          security: [],
          params: trackingCodeParamSchema,
          response: { 200: complaintTrackSchema },
        },
      },
      (request) => service.track(request.params.code),
    );

    app.post(
      '/api/public/complaints/:code/photos',
      {
        config: { public: true, rateLimit: limit(config.complaints.trackPerMinute, 'unggahan foto') },
        schema: {
          tags,
          summary: 'Publik: tambah satu foto (multipart, field "file") sebelum pengaduan diteruskan',
          security: [],
          params: trackingCodeParamSchema,
          response: { 201: complaintPhotoAddedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.addPhoto(request.params.code, request)),
    );

    // ------------------------------------------------------------------------------------------ officials
    app.get(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Pengaduan dalam lingkup pemanggil (saring unit, status, kategori, periode, terlambat)',
          querystring: complaintsListQuerySchema,
          response: { 200: complaintsListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );

    app.get(
      '/api/complaints/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor daftar pengaduan (xlsx atau csv) dengan saringan yang sama',
          params: tableExportParamsSchema,
          querystring: complaintsListQuerySchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { page: _p, pageSize: _s, ...q } = request.query;
        const total = await service.exportTotal(actor, q);
        return sendExport(
          reply,
          jobs,
          tableExportSpec({
            kind: `complaints-${request.params.format}`,
            params: { ...q },
            format: request.params.format,
            fileBase: 'pengaduan',
            title: 'Pengaduan',
            columns: COLUMNS,
            total: Math.min(total, EXPORT_CAP),
            pages: () =>
              pagesOf((lim, off) => service.exportRows(actor, q, lim, off), {
                cap: EXPORT_CAP,
              }),
          }),
        );
      },
    );

    app.get(
      '/api/complaints/inbox-count',
      {
        schema: {
          tags,
          summary: 'Pengaduan yang menunggu pemanggil (diteruskan, dijawab, terlambat)',
          response: { 200: complaintInboxCountSchema },
        },
      },
      (request) => service.inboxCount(actorOf(request)),
    );

    app.post(
      '/api/complaints/import',
      {
        schema: {
          tags,
          summary: 'Impor pengaduan SP4N-LAPOR! (CSV/XLSX, field "file"); mode=all|valid',
          querystring: complaintImportQuerySchema,
          response: { 200: complaintImportResultSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const up = await readUpload(request);
        if (!up.file) throw fieldError('file', 'Pilih berkas CSV atau XLSX dari SP4N-LAPOR!');
        return service.importFile(actor, { fileName: up.file.name, bytes: up.file.buf }, request.query.mode);
      },
    );

    app.get(
      '/api/complaints/:id',
      {
        schema: {
          tags,
          summary: 'Satu pengaduan (identitas pelapor hanya untuk pejabat yang menanganinya)',
          params: idParamSchema,
          response: { 200: complaintDetailSchema },
        },
      },
      (request) => service.get(actorOf(request), request.params.id),
    );

    app.get(
      '/api/complaints/:id/photos/:photoId',
      {
        schema: {
          tags,
          summary: 'Foto pengaduan (hanya pejabat yang menanganinya; dicatat)',
          params: complaintPhotoParamsSchema,
        },
      },
      async (request, reply) => {
        const f = await service.photo(actorOf(request), request.params.id, request.params.photoId);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );

    app.post(
      '/api/complaints/:id/route',
      {
        schema: {
          tags,
          summary: 'BKD meneruskan pengaduan ke OPD penanggung jawab (batas jawab: COMPLAINT_SLA_DAYS)',
          params: idParamSchema,
          body: complaintRouteSchema,
          response: { 200: complaintDetailSchema },
        },
      },
      (request) => service.route(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/complaints/:id/reject',
      {
        schema: {
          tags,
          summary: 'BKD menutup pengaduan tanpa tindak lanjut (alasan ditampilkan ke pelapor)',
          params: idParamSchema,
          body: complaintRejectSchema,
          response: { 200: complaintDetailSchema },
        },
      },
      (request) => service.reject(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/complaints/:id/answer',
      {
        schema: {
          tags,
          summary: 'OPD menjawab pengaduan (jawaban ditampilkan ke pelapor)',
          params: idParamSchema,
          body: complaintAnswerSchema,
          response: { 200: complaintDetailSchema },
        },
      },
      (request) => service.answer(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/complaints/:id/discipline-case',
      {
        schema: {
          tags,
          summary: 'Buka kasus disiplin dari pengaduan (sumber PENGADUAN atau NETRALITAS)',
          params: idParamSchema,
          body: complaintOpenCaseSchema,
          response: { 201: complaintCaseOpenedSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.openCase(actorOf(request), request.params.id, request.body)),
    );
  };
}
