import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  evidenceListQuerySchema,
  evidenceListSchema,
  evidenceSchema,
  feedbackInputSchema,
  feedbackListQuerySchema,
  feedbackListSchema,
  feedbackSchema,
  skpCreatedSchema,
  skpCreateSchema,
  skpDecisionSchema,
  skpEligibilityQuerySchema,
  skpEligibilitySchema,
  skpInboxCountSchema,
  skpInboxQuerySchema,
  skpListQuerySchema,
  skpListSchema,
  skpMatriksQuerySchema,
  skpMatriksSchema,
  skpMineQuerySchema,
  skpPageSchema,
  skpSchema,
  skpUpdateSchema,
  superiorRhkQuerySchema,
  superiorRhkSchema,
} from '../../../shared/api/kinerja-skp.ts';
import { actorOf } from '../../plugins/session.ts';
import type { KinerjaService } from './kinerja-service.ts';

const tags = ['Kinerja · SKP'];

/** Routes of e-Kinerja, section skp: thin, one service call each; schemas from src/shared/api/kinerja-skp.ts. */
export function skpRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  const skp = service.skp;
  return async (app) => {
    app.get(
      '/api/kinerja/skp/eligibility',
      {
        schema: {
          tags,
          summary:
            'Apakah pegawai menyusun SKP (jenis pegawai), jabatan, kewajiban cascading, pejabat penilai',
          querystring: skpEligibilityQuerySchema,
          response: { 200: skpEligibilitySchema },
        },
      },
      (request) => skp.eligibility(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/skp',
      {
        schema: {
          tags,
          summary:
            'Daftar SKP dalam lingkup (kinerja.read) dan SKP bawahan, dengan filter unit, tahun, status, nama/NIP',
          querystring: skpListQuerySchema,
          response: { 200: skpPageSchema },
        },
      },
      (request) => skp.list(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/skp/mine',
      {
        schema: {
          tags,
          summary: 'SKP saya (semua periode)',
          querystring: skpMineQuerySchema,
          response: { 200: skpListSchema },
        },
      },
      (request) => skp.mine(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/skp/inbox',
      {
        schema: {
          tags,
          summary: 'SKP bawahan yang menunggu persetujuan Anda (sebagai pejabat penilai atau Plt/Plh-nya)',
          querystring: skpInboxQuerySchema,
          response: { 200: skpPageSchema },
        },
      },
      (request) => skp.inbox(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/skp/inbox/count',
      {
        schema: {
          tags,
          summary: 'Jumlah SKP yang menunggu persetujuan Anda',
          response: { 200: skpInboxCountSchema },
        },
      },
      (request) => skp.inboxCount(actorOf(request)),
    );

    app.get(
      '/api/kinerja/skp/superior-rhk',
      {
        schema: {
          tags,
          summary: 'RHK pejabat penilai Anda yang dapat diintervensi pada tanggal (pemilih cascading)',
          querystring: superiorRhkQuerySchema,
          response: { 200: superiorRhkSchema },
        },
      },
      (request) => skp.superiorRhk(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/skp/matriks',
      {
        schema: {
          tags,
          summary: 'Matriks peran hasil: setiap RHK pimpinan dengan RHK bawahan yang mengintervensinya',
          querystring: skpMatriksQuerySchema,
          response: { 200: skpMatriksSchema },
        },
      },
      (request) => skp.matriks(actorOf(request), request.query.skpId),
    );

    app.post(
      '/api/kinerja/skp',
      {
        schema: {
          tags,
          summary:
            'Susun SKP baru (atau salin SKP tahun lalu dengan copyFrom); pindah jabatan memotong periode SKP lama',
          body: skpCreateSchema,
          response: { 201: skpCreatedSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await skp.create(actorOf(request), request.body)),
    );

    app.get(
      '/api/kinerja/skp/:id',
      { schema: { tags, summary: 'SKP lengkap', params: idParamSchema, response: { 200: skpSchema } } },
      (request) => skp.get(actorOf(request), request.params.id),
    );

    app.put(
      '/api/kinerja/skp/:id',
      {
        schema: {
          tags,
          summary: 'Ubah SKP draf/dikembalikan (RHK dan indikator diganti sekaligus)',
          params: idParamSchema,
          body: skpUpdateSchema,
          response: { 200: skpSchema },
        },
      },
      (request) => skp.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/kinerja/skp/:id/submit',
      {
        schema: {
          tags,
          summary: 'Ajukan SKP kepada pejabat penilai',
          params: idParamSchema,
          response: { 200: skpSchema },
        },
      },
      (request) => skp.submit(actorOf(request), request.params.id),
    );

    app.post(
      '/api/kinerja/skp/:id/decision',
      {
        schema: {
          tags,
          summary: 'Setujui atau kembalikan SKP (pejabat penilai atau Plt/Plh-nya)',
          params: idParamSchema,
          body: skpDecisionSchema,
          response: { 200: skpSchema },
        },
      },
      (request) => skp.decide(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/kinerja/skp/:id/pdf',
      { schema: { tags, summary: 'Dokumen SKP (PDF)', params: idParamSchema } },
      async (request, reply) => {
        const { bytes, fileName } = await skp.pdf(actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    );

    app.post(
      '/api/kinerja/feedback',
      {
        schema: {
          tags,
          summary:
            'Umpan balik berkelanjutan atas RHK atau laporan harian (pejabat penilai atau Plt/Plh-nya)',
          body: feedbackInputSchema,
          response: { 201: feedbackSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await skp.addFeedback(actorOf(request), request.body)),
    );

    app.get(
      '/api/kinerja/feedback',
      {
        schema: {
          tags,
          summary: 'Umpan balik atas SKP',
          querystring: feedbackListQuerySchema,
          response: { 200: feedbackListSchema },
        },
      },
      (request) => skp.listFeedback(actorOf(request), request.query),
    );

    app.post(
      '/api/kinerja/evidence',
      {
        schema: {
          tags,
          summary:
            'Lampirkan eviden realisasi RHK (multipart: skpId, rhkId, periodStart, periodEnd, description, link, berkas `file` PDF/JPEG/PNG/WebP menurut isinya, paling besar ATTACHMENT_MAX_BYTES)',
          response: { 201: evidenceSchema },
        },
      },
      async (request, reply) => {
        const { fields, file } = await skp.readEvidenceUpload(request);
        return reply.status(201).send(await skp.addEvidence(actorOf(request), fields, file));
      },
    );

    app.get(
      '/api/kinerja/evidence',
      {
        schema: {
          tags,
          summary: 'Eviden atas SKP',
          querystring: evidenceListQuerySchema,
          response: { 200: evidenceListSchema },
        },
      },
      (request) => skp.listEvidence(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/evidence/:id/file',
      { schema: { tags, summary: 'Berkas eviden (hanya yang berwenang; dicatat)', params: idParamSchema } },
      async (request, reply) => {
        const f = await skp.evidenceFile(actorOf(request), request.params.id);
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
