import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  curveCheckSchema,
  curveQuerySchema,
  evaluationCreateSchema,
  evaluationDetailSchema,
  evaluationFinaliseResultSchema,
  evaluationInboxSchema,
  evaluationListQuerySchema,
  evaluationPageSchema,
  evaluationPeriodsQuerySchema,
  evaluationPeriodsSchema,
  evaluationReturnSchema,
  evaluationUpdateSchema,
  objectionDecideSchema,
  objectionInputSchema,
  peerFeedbackInputSchema,
  peerRequestsSchema,
  unitPerformanceInputSchema,
  unitPerformancePageSchema,
  unitPerformanceQuerySchema,
  unitPerformanceSchema,
} from '../../../shared/api/kinerja-evaluations.ts';
import { actorOf } from '../../plugins/session.ts';
import type { KinerjaService } from './kinerja-service.ts';

const tags = ['Kinerja: penilaian'];

/** Routes of e-Kinerja, section evaluations: thin, one service call each; schemas from src/shared/api/kinerja-evaluations.ts. */
export function evaluationsRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  const ev = service.evaluations;
  return async (app) => {
    app.get(
      '/api/kinerja/evaluations/periods',
      {
        schema: {
          tags,
          summary:
            'Periode penilaian SKP (bulanan/triwulanan menurut buku aturan, dan tahunan) dengan statusnya',
          querystring: evaluationPeriodsQuerySchema,
          response: { 200: evaluationPeriodsSchema },
        },
      },
      (request) => ev.periods(actorOf(request), request.query.skpId),
    );

    app.get(
      '/api/kinerja/evaluations/inbox',
      {
        schema: {
          tags,
          summary: 'Penilaian untuk difinalkan, disetujui, dan keberatan untuk diputus oleh pemanggil',
          response: { 200: evaluationInboxSchema },
        },
      },
      (request) => ev.inbox(actorOf(request)),
    );

    app.get(
      '/api/kinerja/evaluations/peer',
      {
        schema: {
          tags,
          summary:
            'Penilaian rekan kerja dan atasan langsung yang menunggu umpan balik perilaku dari pemanggil',
          response: { 200: peerRequestsSchema },
        },
      },
      (request) => ev.peerRequests(actorOf(request)),
    );

    app.get(
      '/api/kinerja/evaluations/curve',
      {
        schema: {
          tags,
          summary:
            'Pola distribusi predikat unit dan periode dibandingkan kurva buku aturan (pemeriksaan lunak)',
          querystring: curveQuerySchema,
          response: { 200: curveCheckSchema },
        },
      },
      (request) => ev.curve(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/evaluations',
      {
        schema: {
          tags,
          summary: 'Daftar penilaian kinerja dalam lingkup (filter unit, tahun, periode, status, pencarian)',
          querystring: evaluationListQuerySchema,
          response: { 200: evaluationPageSchema },
        },
      },
      (request) => ev.list(actorOf(request), request.query),
    );

    app.post(
      '/api/kinerja/evaluations',
      {
        schema: {
          tags,
          summary: 'Mulai penilaian periodik/tahunan SKP yang disetujui (pejabat penilai, Plt/Plh)',
          body: evaluationCreateSchema,
          response: { 201: evaluationDetailSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await ev.create(actorOf(request), request.body)),
    );

    app.get(
      '/api/kinerja/evaluations/:id',
      {
        schema: {
          tags,
          summary: 'Penilaian kinerja',
          params: idParamSchema,
          response: { 200: evaluationDetailSchema },
        },
      },
      (request) => ev.detail(actorOf(request), request.params.id),
    );

    app.put(
      '/api/kinerja/evaluations/:id',
      {
        schema: {
          tags,
          summary: 'Isi realisasi, rating hasil kerja dan perilaku, catatan (pejabat penilai, draf)',
          params: idParamSchema,
          body: evaluationUpdateSchema,
          response: { 200: evaluationDetailSchema },
        },
      },
      (request) => ev.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/kinerja/evaluations/:id/finalise',
      {
        schema: {
          tags,
          summary: 'Finalkan penilaian: predikat dari matriks, pemeriksaan kurva disimpan (pejabat penilai)',
          params: idParamSchema,
          response: { 200: evaluationFinaliseResultSchema },
        },
      },
      (request) => ev.finalise(actorOf(request), request.params.id),
    );

    app.post(
      '/api/kinerja/evaluations/:id/approve',
      {
        schema: {
          tags,
          summary: 'Setujui penilaian final (atasan pejabat penilai, Plt/Plh)',
          params: idParamSchema,
          response: { 200: evaluationDetailSchema },
        },
      },
      (request) => ev.approve(actorOf(request), request.params.id),
    );

    app.post(
      '/api/kinerja/evaluations/:id/return',
      {
        schema: {
          tags,
          summary: 'Kembalikan penilaian final ke pejabat penilai dengan catatan (atasan pejabat penilai)',
          params: idParamSchema,
          body: evaluationReturnSchema,
          response: { 200: evaluationDetailSchema },
        },
      },
      (request) => ev.returnToPenilai(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/kinerja/evaluations/:id/peer-feedback',
      {
        schema: {
          tags,
          summary: 'Umpan balik perilaku dari rekan kerja atau bawahan langsung (sekali per orang)',
          params: idParamSchema,
          body: peerFeedbackInputSchema,
          response: { 201: evaluationDetailSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await ev.peerFeedback(actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/kinerja/evaluations/:id/objection',
      {
        schema: {
          tags,
          summary: 'Ajukan keberatan atas predikat dalam batas waktu buku aturan (pegawai yang dinilai)',
          params: idParamSchema,
          body: objectionInputSchema,
          response: { 201: evaluationDetailSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await ev.fileObjection(actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/kinerja/evaluations/:id/pdf',
      { schema: { tags, summary: 'Dokumen evaluasi kinerja pegawai (PDF)', params: idParamSchema } },
      async (request, reply) => {
        const { bytes, fileName } = await ev.pdf(actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    );

    app.post(
      '/api/kinerja/objections/:id/decide',
      {
        schema: {
          tags,
          summary: 'Putus keberatan: diterima (dengan rating baru) atau ditolak (atasan pejabat penilai)',
          params: idParamSchema,
          body: objectionDecideSchema,
          response: { 200: evaluationDetailSchema },
        },
      },
      (request) => ev.decideObjection(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/kinerja/unit-performance',
      {
        schema: {
          tags,
          summary: 'Kinerja organisasi unit per periode',
          querystring: unitPerformanceQuerySchema,
          response: { 200: unitPerformancePageSchema },
        },
      },
      (request) => ev.listUnitPerformance(actorOf(request), request.query),
    );

    app.put(
      '/api/kinerja/unit-performance',
      {
        schema: {
          tags,
          summary: 'Tetapkan kinerja organisasi unit untuk periode (kinerja.manage dalam lingkup)',
          body: unitPerformanceInputSchema,
          response: { 200: unitPerformanceSchema },
        },
      },
      (request) => ev.setUnitPerformance(actorOf(request), request.body),
    );
  };
}
