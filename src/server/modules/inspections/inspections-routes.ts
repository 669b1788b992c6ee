import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, tableExportParamsSchema } from '../../../shared/api/common.ts';
import {
  assignableQuerySchema,
  assignableSchema,
  checklistCreateSchema,
  checklistSchema,
  checklistUpdateSchema,
  findingCaseOpenedSchema,
  findingCaseSchema,
  findingCreateSchema,
  findingParamsSchema,
  findingSchema,
  finishSchema,
  followUpAssignSchema,
  followUpCloseSchema,
  followUpCountSchema,
  followUpListQuerySchema,
  followUpListSchema,
  followUpReportSchema,
  inspectionCreatedSchema,
  inspectionDetailSchema,
  inspectionExportQuerySchema,
  inspectionListQuerySchema,
  inspectionListSchema,
  inspectionPlanSchema,
  inspectorsSchema,
  markSchema,
  photoParamsSchema,
  storedSchema,
} from '../../../shared/api/inspections.ts';
import { AppError } from '../../errors.ts';
import { sendTable, type TableColumn } from '../../lib/table-export.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import { actorOf } from '../../plugins/session.ts';
import type { InspectionsService } from './inspections-service.ts';

const tags = ['Inspections'];
const EXPORT_COLUMNS: TableColumn[] = [
  { header: 'Tanggal', key: 'date', width: 12 },
  { header: 'Judul', key: 'title', width: 40 },
  { header: 'Jenis', key: 'kind', width: 20 },
  { header: 'Status', key: 'status', width: 14 },
  { header: 'Unit', key: 'units', width: 40 },
  { header: 'Tim', key: 'team', width: 40 },
  { header: 'Temuan', key: 'findings', width: 10 },
  { header: 'Tindak lanjut terbuka', key: 'openFollowUps', width: 12 },
  { header: 'Pengaduan', key: 'complaintId', width: 38 },
];
const findingIdParams = z.object({ findingId: z.string().uuid('Pengenal tidak valid') });

/** Routes of inspections (sidak): thin, one service call each; schemas from the contract. */
export function inspectionsRoutes(deps: {
  inspections: InspectionsService;
  files: Pick<AttachmentService, 'read'>;
}): FastifyPluginAsyncZod {
  const s = deps.inspections;
  return async (app) => {
    app.get(
      '/api/inspections',
      {
        schema: {
          tags,
          summary: 'Jadwal dan riwayat sidak dalam lingkup pemanggil (riwayat unit dengan unitId)',
          querystring: inspectionListQuerySchema,
          response: { 200: inspectionListSchema },
        },
      },
      (request) => s.list(actorOf(request), request.query),
    );
    app.get(
      '/api/inspections/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor jadwal/riwayat sidak (xlsx atau csv) dengan saringan yang sama',
          params: tableExportParamsSchema,
          querystring: inspectionExportQuerySchema,
        },
      },
      async (request, reply) =>
        sendTable(
          reply,
          request.params.format,
          'jadwal-sidak',
          'Jadwal sidak',
          EXPORT_COLUMNS,
          await s.exportRows(actorOf(request), request.query),
        ),
    );
    app.post(
      '/api/inspections',
      {
        schema: {
          tags,
          summary: 'Rencanakan sidak (BKD / Inspektorat; dicatat di log audit)',
          body: inspectionPlanSchema,
          response: { 201: inspectionCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await s.plan(actorOf(request), request.body)),
    );
    app.get(
      '/api/inspections/checklist',
      { schema: { tags, summary: 'Daftar periksa sidak', response: { 200: checklistSchema } } },
      (request) => s.checklist(actorOf(request)),
    );
    app.post(
      '/api/inspections/checklist',
      {
        schema: {
          tags,
          summary: 'Tambah butir daftar periksa (BKD)',
          body: checklistCreateSchema,
          response: { 201: inspectionCreatedSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await s.addChecklistItem(actorOf(request), request.body)),
    );
    app.patch(
      '/api/inspections/checklist/:id',
      {
        schema: {
          tags,
          summary: 'Aktifkan / nonaktifkan butir daftar periksa (BKD)',
          params: idParamSchema,
          body: checklistUpdateSchema,
          response: { 200: checklistSchema },
        },
      },
      (request) => s.setChecklistActive(actorOf(request), request.params.id, request.body.active),
    );
    app.get(
      '/api/inspections/inspectors',
      {
        schema: {
          tags,
          summary: 'Akun yang dapat menjadi anggota tim sidak',
          response: { 200: inspectorsSchema },
        },
      },
      (request) => s.inspectors(actorOf(request)),
    );
    app.get(
      '/api/inspections/assignable',
      {
        schema: {
          tags,
          summary: 'Akun yang dapat ditugasi tindak lanjut temuan di unit',
          querystring: assignableQuerySchema,
          response: { 200: assignableSchema },
        },
      },
      (request) => s.followUps.assignable(actorOf(request), request.query.unitId),
    );
    app.get(
      '/api/inspections/follow-ups',
      {
        schema: {
          tags,
          summary: 'Tindak lanjut temuan: kotak masuk pemanggil (mine=1) atau dalam lingkupnya',
          querystring: followUpListQuerySchema,
          response: { 200: followUpListSchema },
        },
      },
      (request) => s.followUps.list(actorOf(request), request.query),
    );
    app.get(
      '/api/inspections/follow-ups/count',
      {
        schema: {
          tags,
          summary: 'Jumlah tindak lanjut temuan yang menunggu pemanggil',
          response: { 200: followUpCountSchema },
        },
      },
      (request) => s.followUps.count(actorOf(request)),
    );
    app.get(
      '/api/inspections/findings/:findingId',
      {
        schema: {
          tags,
          summary: 'Satu temuan sidak',
          params: findingIdParams,
          response: { 200: findingSchema },
        },
      },
      (request) => s.followUps.view(actorOf(request), request.params.findingId),
    );
    app.post(
      '/api/inspections/findings/:findingId/follow-up',
      {
        schema: {
          tags,
          summary: 'Tugaskan tindak lanjut temuan (siapa, batas waktu)',
          params: findingIdParams,
          body: followUpAssignSchema,
          response: { 200: findingSchema },
        },
      },
      (request) => s.followUps.assign(actorOf(request), request.params.findingId, request.body),
    );
    app.post(
      '/api/inspections/findings/:findingId/follow-up/report',
      {
        schema: {
          tags,
          summary: 'Laporkan tindak lanjut yang dilakukan (penanggung jawab)',
          params: findingIdParams,
          body: followUpReportSchema,
          response: { 200: findingSchema },
        },
      },
      (request) => s.followUps.report(actorOf(request), request.params.findingId, request.body),
    );
    app.post(
      '/api/inspections/findings/:findingId/follow-up/close',
      {
        schema: {
          tags,
          summary: 'Terima (selesai) atau kembalikan tindak lanjut (tim sidak)',
          params: findingIdParams,
          body: followUpCloseSchema,
          response: { 200: findingSchema },
        },
      },
      (request) => s.followUps.close(actorOf(request), request.params.findingId, request.body),
    );
    app.post(
      '/api/inspections/findings/:findingId/discipline-case',
      {
        schema: {
          tags,
          summary: 'Buka kasus disiplin dari temuan (sumber INSPEKSI)',
          params: findingIdParams,
          body: findingCaseSchema,
          response: { 201: findingCaseOpenedSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await s.followUps.openCase(actorOf(request), request.params.findingId, request.body)),
    );
    app.get(
      '/api/inspections/:id',
      {
        schema: {
          tags,
          summary: 'Sidak: daftar pegawai dengan status dan ketidaksesuaian, temuan',
          params: idParamSchema,
          response: { 200: inspectionDetailSchema },
        },
      },
      (request) => s.get(actorOf(request), request.params.id),
    );
    app.get(
      '/api/inspections/:id/pdf',
      { schema: { tags, summary: 'Laporan hasil sidak (PDF)', params: idParamSchema } },
      async (request, reply) => {
        const { bytes, fileName } = await s.pdf(actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    );
    app.post(
      '/api/inspections/:id/start',
      {
        schema: {
          tags,
          summary: 'Mulai sidak dan ambil daftar pegawai dengan statusnya saat ini (lagi: perbarui status)',
          params: idParamSchema,
          response: { 200: inspectionDetailSchema },
        },
      },
      (request) => s.start(actorOf(request), request.params.id),
    );
    app.post(
      '/api/inspections/:id/finish',
      {
        schema: {
          tags,
          summary: 'Selesaikan sidak dengan ringkasan hasil',
          params: idParamSchema,
          body: finishSchema,
          response: { 200: inspectionDetailSchema },
        },
      },
      (request) => s.finish(actorOf(request), request.params.id, request.body.summary),
    );
    app.post(
      '/api/inspections/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Batalkan sidak yang belum dimulai',
          params: idParamSchema,
          response: { 200: inspectionDetailSchema },
        },
      },
      (request) => s.cancel(actorOf(request), request.params.id),
    );
    app.post(
      '/api/inspections/:id/marks',
      {
        schema: {
          tags,
          summary: 'Tandai keberadaan pegawai (id dari ponsel; kiriman ulang disimpan sekali)',
          params: idParamSchema,
          body: markSchema,
          response: { 201: storedSchema, 200: storedSchema },
        },
      },
      async (request, reply) => {
        const r = await s.fieldwork.mark(actorOf(request), request.params.id, request.body);
        return reply.code(r.duplicate ? 200 : 201).send(r);
      },
    );
    app.post(
      '/api/inspections/:id/findings',
      {
        schema: {
          tags,
          summary: 'Catat temuan (id dari ponsel; kiriman ulang disimpan sekali)',
          params: idParamSchema,
          body: findingCreateSchema,
          response: { 201: storedSchema, 200: storedSchema },
        },
      },
      async (request, reply) => {
        const r = await s.fieldwork.finding(actorOf(request), request.params.id, request.body);
        return reply.code(r.duplicate ? 200 : 201).send(r);
      },
    );
    app.post(
      '/api/inspections/:id/findings/:findingId/photos',
      {
        schema: {
          tags,
          summary:
            'Unggah foto temuan (multipart, berkas `file`: JPEG, PNG atau WebP menurut isinya, paling besar ATTACHMENT_MAX_BYTES)',
          params: findingParamsSchema,
          consumes: ['multipart/form-data'],
          response: { 201: storedSchema, 200: storedSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('VALIDATION', 'Kirim foto sebagai multipart/form-data');
        const { file } = await deps.files.read(request);
        const r = await s.fieldwork.addPhoto(
          actorOf(request),
          request.params.id,
          request.params.findingId,
          file,
        );
        return reply.code(r.duplicate ? 200 : 201).send(r);
      },
    );
    app.get(
      '/api/inspections/:id/findings/:findingId/photos/:photoId',
      { schema: { tags, summary: 'Foto temuan sidak', params: photoParamsSchema } },
      async (request, reply) => {
        const p = request.params;
        const { bytes, mime } = await s.fieldwork.photo(actorOf(request), p.id, p.findingId, p.photoId);
        return reply
          .header('content-type', mime)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(bytes));
      },
    );
  };
}
