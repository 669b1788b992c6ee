import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import {
  leaveBalanceQuerySchema,
  leaveBalanceSchema,
  leaveCancelSchema,
  leaveDecideSchema,
  leaveInboxCountSchema,
  leaveInputSchema,
  leaveListQuerySchema,
  leaveListSchema,
  leaveOpeningInputSchema,
  leaveOptionsSchema,
  leavePageSchema,
  leavePreviewQuerySchema,
  leavePreviewSchema,
  leaveRequestSchema,
} from '../../../shared/api/leave.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import { fieldError } from '../../errors.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import { parseInput } from '../../plugins/validation.ts';
import { actorOf } from '../../plugins/session.ts';
import { sendTable, type TableColumn } from '../../lib/table-export.ts';
import type { LeaveService, UploadedFile } from './leave-service.ts';

const tags = ['Cuti'];

const LEAVE_COLUMNS: TableColumn[] = [
  { header: 'NIP', key: 'nip', width: 22 },
  { header: 'Nama', key: 'name', width: 36 },
  { header: 'Unit', key: 'unit', width: 36 },
  { header: 'Jenis cuti', key: 'type', width: 28 },
  { header: 'Mulai', key: 'from', width: 12 },
  { header: 'Selesai', key: 'to', width: 12 },
  { header: 'Hari kerja', key: 'workingDays', width: 10 },
  { header: 'Status', key: 'status', width: 18 },
  { header: 'Nomor surat', key: 'letter', width: 36 },
  { header: 'Catatan', key: 'note', width: 40 },
];

export function leaveRoutes(deps: {
  leave: LeaveService;
  /** The one multipart reader of attachments (ATTACHMENT_MAX_BYTES). */
  files: Pick<AttachmentService, 'read'>;
}): FastifyPluginAsyncZod {
  const { leave, files } = deps;
  return async (app) => {
    app.get(
      '/api/leave/options',
      {
        schema: {
          tags,
          summary: 'Jenis cuti untuk jenis pegawai pemanggil, dengan syarat lampiran',
          response: { 200: leaveOptionsSchema },
        },
      },
      (request) => leave.options(actorOf(request)),
    );

    app.get(
      '/api/leave/preview',
      {
        schema: {
          tags,
          summary: 'Hari kerja yang dihitung dan masalah aturan, sebelum mengajukan',
          querystring: leavePreviewQuerySchema,
          response: { 200: leavePreviewSchema },
        },
      },
      (request) => leave.preview(actorOf(request), request.query),
    );

    app.post(
      '/api/leave/requests',
      {
        schema: {
          tags,
          summary:
            'Ajukan cuti (JSON, atau multipart: field `request` berisi JSON dan berkas `attachment` PDF/JPEG/PNG menurut isinya, paling besar ATTACHMENT_MAX_BYTES; metadata gambar dihapus)',
          response: { 201: leaveRequestSchema },
        },
      },
      async (request, reply) => {
        let raw: unknown = request.body;
        let file: UploadedFile | null = null;
        if (request.isMultipart()) {
          const upload = await files.read(request, { fields: ['request'], fileField: 'attachment' });
          file = upload.file;
          try {
            raw = upload.fields.request === undefined ? undefined : JSON.parse(upload.fields.request);
          } catch {
            throw fieldError('request', 'Field request harus berisi JSON yang valid');
          }
        }
        const input = parseInput(leaveInputSchema, raw, 'Data permohonan cuti tidak valid');
        return reply.status(201).send(await leave.submit(actorOf(request), input, file));
      },
    );

    app.get(
      '/api/leave/mine',
      { schema: { tags, summary: 'Permohonan cuti saya', response: { 200: leaveListSchema } } },
      (request) => leave.mine(actorOf(request)),
    );

    app.get(
      '/api/leave/inbox',
      {
        schema: {
          tags,
          summary: 'Permohonan cuti yang menunggu keputusan pemanggil (atasan langsung / PyBMC)',
          response: { 200: leaveListSchema },
        },
      },
      (request) => leave.inbox(actorOf(request)),
    );

    app.get(
      '/api/leave/granted',
      {
        schema: {
          tags,
          summary: 'Cuti yang telah disetujui pemanggil sebagai PyBMC dan belum berakhir (dapat dibatalkan)',
          response: { 200: leaveListSchema },
        },
      },
      (request) => leave.granted(actorOf(request)),
    );

    app.get(
      '/api/leave/inbox/count',
      {
        schema: {
          tags,
          summary: 'Jumlah permohonan cuti yang menunggu keputusan pemanggil',
          response: { 200: leaveInboxCountSchema },
        },
      },
      (request) => leave.inboxCount(actorOf(request)),
    );

    app.get(
      '/api/leave/requests',
      {
        schema: {
          tags,
          summary: 'Daftar permohonan cuti dalam lingkup (admin OPD, BKD, Inspektorat, pimpinan)',
          querystring: leaveListQuerySchema,
          response: { 200: leavePageSchema },
        },
      },
      (request) => leave.list(actorOf(request), request.query),
    );

    app.get(
      '/api/leave/requests/export.csv',
      {
        schema: {
          tags,
          summary: 'Ekspor daftar permohonan cuti (CSV) dengan saringan yang sama',
          querystring: leaveListQuerySchema,
        },
      },
      async (request, reply) => {
        const rows = await leave.exportRows(actorOf(request), request.query);
        return sendTable(reply, 'csv', 'cuti', 'Permohonan Cuti', LEAVE_COLUMNS, rows);
      },
    );

    app.get(
      '/api/leave/requests/:id',
      {
        schema: {
          tags,
          summary: 'Satu permohonan cuti',
          params: idParamSchema,
          response: { 200: leaveRequestSchema },
        },
      },
      (request) => leave.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/leave/requests/:id/decision',
      {
        schema: {
          tags,
          summary: 'Setujui atau tolak (dengan catatan) pada langkah yang menunggu pemanggil',
          params: idParamSchema,
          body: leaveDecideSchema,
          response: { 200: leaveRequestSchema },
        },
      },
      (request) => leave.decide(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/leave/requests/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Batalkan (pegawai sebelum cuti dimulai, atau PyBMC dengan alasan)',
          params: idParamSchema,
          body: leaveCancelSchema,
          response: { 200: leaveRequestSchema },
        },
      },
      (request) => leave.cancel(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/leave/requests/:id/attachment',
      {
        schema: { tags, summary: 'Lampiran permohonan cuti (hanya yang berwenang)', params: idParamSchema },
      },
      async (request, reply) => {
        const { bytes, mime } = await leave.attachment(actorOf(request), request.params.id);
        return reply
          .header('content-type', mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(bytes));
      },
    );

    app.get(
      '/api/leave/requests/:id/letter.pdf',
      {
        schema: { tags, summary: 'Surat izin cuti (PDF) untuk cuti yang disetujui', params: idParamSchema },
      },
      async (request, reply) => {
        const { bytes, fileName } = await leave.letter(actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    );

    app.get(
      '/api/leave/balance',
      {
        schema: {
          tags,
          summary: 'Saldo cuti tahunan (sendiri, bawahan, atau dalam lingkup)',
          querystring: leaveBalanceQuerySchema,
          response: { 200: leaveBalanceSchema },
        },
      },
      (request) => leave.balance(actorOf(request), request.query),
    );

    app.put(
      '/api/leave/opening-balances',
      {
        schema: {
          tags,
          summary: 'Saldo awal cuti tahunan dari sistem lama (admin OPD / BKD), tercatat di audit',
          body: leaveOpeningInputSchema,
          response: { 200: leaveBalanceSchema },
        },
      },
      (request) => leave.setOpening(actorOf(request), request.body),
    );
  };
}
