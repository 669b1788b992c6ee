import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { z } from 'zod';
import { idParamSchema, paged, pageQuerySchema } from '../../../shared/api/common.ts';
import {
  cancelSchema,
  correctionInputSchema,
  correctionSchema,
  decisionSchema,
  inboxCountSchema,
  permitInputSchema,
  permitRecordSchema,
  permitSchema,
  requestListQuerySchema,
  uploadedFileSchema,
} from '../../../shared/api/permits.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import { sendTable } from '../../lib/table-export.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/authz.ts';
import type { PermitService } from './permit-service.ts';
import { PERMIT_EXPORT_COLUMNS } from './permit-service.ts';
import type { CorrectionService } from './correction-service.ts';
import { CORRECTION_EXPORT_COLUMNS } from './correction-service.ts';
import type { RequestSupport, UploadedFile } from './request-support.ts';

const permitTags = ['Izin dan penugasan'];
const correctionTags = ['Koreksi presensi'];

const auditCtx = (request: FastifyRequest, actor: Actor) => ({
  actorId: actor.userId,
  actorName: actor.displayName,
  ip: request.ip,
  userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
});

const sendFile = (reply: FastifyReply, f: { bytes: Uint8Array; mime: string }) =>
  reply
    .header('content-type', f.mime)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .send(Buffer.from(f.bytes));

export function permitsRoutes(deps: {
  permits: PermitService;
  corrections: CorrectionService;
  support: RequestSupport;
}): FastifyPluginAsyncZod {
  const { permits, corrections, support } = deps;
  return async (app) => {
    app.post(
      '/api/permits/files',
      {
        schema: {
          tags: permitTags,
          summary:
            'Unggah surat tugas / bukti (multipart, berkas `file`: PDF, JPEG, PNG atau WebP, maks. 5 MB)',
          response: { 201: uploadedFileSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('VALIDATION', 'Kirim berkas sebagai multipart/form-data');
        let file: UploadedFile | null = null;
        for await (const part of request.parts()) {
          if (part.type === 'file' && part.fieldname === 'file' && !file)
            file = { bytes: new Uint8Array(await part.toBuffer()), fileName: part.filename ?? null };
          else if (part.type === 'file') await part.toBuffer();
        }
        if (!file) throw new AppError('VALIDATION', 'Berkas `file` tidak terkirim');
        return reply.status(201).send(await support.upload(actorOf(request), file));
      },
    );

    app.get(
      '/api/permits/inbox/count',
      {
        schema: {
          tags: permitTags,
          summary: 'Jumlah izin dan koreksi bawahan yang menunggu keputusan Anda',
          response: { 200: inboxCountSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const [p, c] = await Promise.all([permits.inboxCount(actor), corrections.inboxCount(actor)]);
        return { permits: p, corrections: c, total: p + c };
      },
    );

    app.get(
      '/api/permits/inbox',
      {
        schema: {
          tags: permitTags,
          summary: 'Permohonan izin bawahan (termasuk sebagai Plt/Plh) yang menunggu keputusan Anda',
          querystring: pageQuerySchema,
          response: { 200: paged(permitSchema) },
        },
      },
      (request) => permits.inbox(actorOf(request), request.query),
    );

    app.get(
      '/api/permits/mine',
      {
        schema: {
          tags: permitTags,
          summary: 'Permohonan izin saya dengan status dan catatan keputusan',
          querystring: pageQuerySchema,
          response: { 200: paged(permitSchema) },
        },
      },
      (request) => permits.mine(actorOf(request), request.query),
    );

    app.get(
      '/api/permits',
      {
        schema: {
          tags: permitTags,
          summary:
            'Daftar izin dalam lingkup (admin OPD, BKD, Inspektorat): cari nama/NIP, saring unit/periode/status/jenis',
          querystring: requestListQuerySchema,
          response: { 200: paged(permitSchema) },
        },
      },
      (request) => permits.list(actorOf(request), request.query),
    );

    app.get(
      '/api/permits/export.:format',
      {
        schema: {
          tags: permitTags,
          summary: 'Ekspor daftar izin dalam lingkup (csv atau xlsx) dengan saringan yang sama',
          params: z.object({ format: z.enum(['csv', 'xlsx']) }),
          querystring: requestListQuerySchema,
        },
      },
      async (request, reply) => {
        const rows = await permits.exportRows(actorOf(request), request.query);
        return sendTable(
          reply,
          request.params.format,
          'izin',
          'Izin dan Penugasan',
          PERMIT_EXPORT_COLUMNS,
          rows,
        );
      },
    );

    app.post(
      '/api/permits',
      {
        schema: {
          tags: permitTags,
          summary: 'Ajukan izin, sakit, dinas luar, tugas luar, tugas belajar, diklat atau WFH/WFA',
          body: permitInputSchema,
          response: { 201: permitSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await permits.request(actorOf(request), request.body)),
    );

    app.post(
      '/api/permits/record',
      {
        schema: {
          tags: permitTags,
          summary:
            'Admin OPD mencatat DL/TB/DIKLAT atas nama pegawai berdasarkan surat tugas (langsung disetujui)',
          body: permitRecordSchema,
          response: { 201: permitSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await permits.record(actorOf(request), request.body)),
    );

    app.get(
      '/api/permits/:id',
      {
        schema: {
          tags: permitTags,
          summary: 'Satu permohonan izin',
          params: idParamSchema,
          response: { 200: permitSchema },
        },
      },
      (request) => permits.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/permits/:id/decision',
      {
        schema: {
          tags: permitTags,
          summary: 'Setujui atau tolak (dengan catatan) oleh atasan langsung atau Plt/Plh',
          params: idParamSchema,
          body: decisionSchema,
          response: { 200: permitSchema },
        },
      },
      (request) => permits.decide(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/permits/:id/cancel',
      {
        schema: {
          tags: permitTags,
          summary: 'Batalkan permohonan (pegawai; admin untuk catatan admin)',
          params: idParamSchema,
          body: cancelSchema,
          response: { 200: permitSchema },
        },
      },
      (request) => permits.cancel(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/permits/:id/file',
      {
        schema: {
          tags: permitTags,
          summary: 'Surat tugas / lampiran (hanya yang berwenang; dicatat)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return sendFile(reply, await permits.fileOf(actor, request.params.id, auditCtx(request, actor)));
      },
    );

    // ------------------------------------------------------------ corrections
    app.get(
      '/api/corrections/inbox',
      {
        schema: {
          tags: correctionTags,
          summary: 'Koreksi presensi bawahan yang menunggu keputusan Anda',
          querystring: pageQuerySchema,
          response: { 200: paged(correctionSchema) },
        },
      },
      (request) => corrections.inbox(actorOf(request), request.query),
    );

    app.get(
      '/api/corrections/mine',
      {
        schema: {
          tags: correctionTags,
          summary: 'Koreksi presensi saya',
          querystring: pageQuerySchema,
          response: { 200: paged(correctionSchema) },
        },
      },
      (request) => corrections.mine(actorOf(request), request.query),
    );

    app.get(
      '/api/corrections',
      {
        schema: {
          tags: correctionTags,
          summary: 'Daftar koreksi dalam lingkup (admin OPD, BKD, Inspektorat)',
          querystring: requestListQuerySchema,
          response: { 200: paged(correctionSchema) },
        },
      },
      (request) => corrections.list(actorOf(request), request.query),
    );

    app.get(
      '/api/corrections/export.:format',
      {
        schema: {
          tags: correctionTags,
          summary: 'Ekspor daftar koreksi dalam lingkup (csv atau xlsx)',
          params: z.object({ format: z.enum(['csv', 'xlsx']) }),
          querystring: requestListQuerySchema,
        },
      },
      async (request, reply) => {
        const rows = await corrections.exportRows(actorOf(request), request.query);
        return sendTable(
          reply,
          request.params.format,
          'koreksi-presensi',
          'Koreksi Presensi',
          CORRECTION_EXPORT_COLUMNS,
          rows,
        );
      },
    );

    app.post(
      '/api/corrections',
      {
        schema: {
          tags: correctionTags,
          summary: 'Ajukan koreksi presensi (jam lokal unit) dengan bukti',
          body: correctionInputSchema,
          response: { 201: correctionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await corrections.request(actorOf(request), request.body)),
    );

    app.get(
      '/api/corrections/:id',
      {
        schema: {
          tags: correctionTags,
          summary: 'Satu koreksi presensi',
          params: idParamSchema,
          response: { 200: correctionSchema },
        },
      },
      (request) => corrections.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/corrections/:id/decision',
      {
        schema: {
          tags: correctionTags,
          summary: 'Setujui atau tolak koreksi (atasan langsung atau Plt/Plh)',
          params: idParamSchema,
          body: decisionSchema,
          response: { 200: correctionSchema },
        },
      },
      (request) => corrections.decide(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/corrections/:id/cancel',
      {
        schema: {
          tags: correctionTags,
          summary: 'Batalkan koreksi (pegawai yang mengajukan)',
          params: idParamSchema,
          body: cancelSchema,
          response: { 200: correctionSchema },
        },
      },
      (request) => corrections.cancel(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/corrections/:id/evidence',
      {
        schema: {
          tags: correctionTags,
          summary: 'Bukti koreksi (hanya yang berwenang; dicatat)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return sendFile(
          reply,
          await corrections.evidenceOf(actor, request.params.id, auditCtx(request, actor)),
        );
      },
    );
  };
}
