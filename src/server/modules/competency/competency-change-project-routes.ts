import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  assessorsPutSchema,
  assignedChangeProjectsSchema,
  changeProjectCreatedSchema,
  changeProjectCreateSchema,
  changeProjectExportParamsSchema,
  changeProjectListQuerySchema,
  changeProjectListSchema,
  changeProjectSchema,
  changeProjectUpdateSchema,
  goalParamsSchema,
  myChangeProjectsSchema,
} from '../../../shared/api/competency-change-projects.ts';
import { sendExport } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { CompetencyService } from './competency-service.ts';

const tags = ['Kompetensi'];

/**
 * Routes of change projects (issue 19 point 5): thin, one service call each; schemas from the contract
 * (src/shared/api/competency-change-projects.ts).
 */
export function competencyChangeProjectRoutes(deps: {
  competency: CompetencyService;
}): FastifyPluginAsyncZod {
  const s = deps.competency.changeProjects;
  return async (app) => {
    app.get(
      '/api/competency/change-projects/mine',
      {
        schema: {
          tags,
          summary: 'Proyek perubahan saya dan pelatihan kepemimpinan saya yang belum memilikinya',
          response: { 200: myChangeProjectsSchema },
        },
      },
      (request) => s.mine(actorOf(request)),
    );

    app.get(
      '/api/competency/change-projects/assigned',
      {
        schema: {
          tags,
          summary: 'Proyek perubahan yang saya nilai dan jumlah yang menunggu penilaian saya',
          response: { 200: assignedChangeProjectsSchema },
        },
      },
      (request) => s.assigned(actorOf(request)),
    );

    app.get(
      '/api/competency/change-projects',
      {
        schema: {
          tags,
          summary: 'Proyek perubahan OPD yang dievaluasi pada suatu tahun dan hasilnya (BKD; dicatat)',
          querystring: changeProjectListQuerySchema,
          response: { 200: changeProjectListSchema },
        },
      },
      (request) => s.list(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/change-projects/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor laporan proyek perubahan OPD per tahun (xlsx atau csv; dicatat)',
          params: changeProjectExportParamsSchema,
          querystring: changeProjectListQuerySchema,
        },
      },
      async (request, reply) => {
        const t = await s.table(actorOf(request), request.query);
        return sendExport(reply, request.params.format, t);
      },
    );

    app.post(
      '/api/competency/change-projects',
      {
        schema: {
          tags,
          summary:
            'Daftarkan proyek perubahan atas pelatihan kepemimpinan (peserta sendiri, atau BKD; diaudit)',
          description:
            'Pelatihan harus PKN/PKA/PKP milik pegawai itu (400 NOT_LEADERSHIP_TRAINING), tujuan paling sedikit satu ' +
            '(400), satu proyek per pelatihan (409 DUPLICATE_CHANGE_PROJECT). Tanggal evaluasi = selesai pelatihan + ' +
            'bulan dalam rulebook.',
          body: changeProjectCreateSchema,
          response: { 201: changeProjectCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await s.create(actorOf(request), request.body)),
    );

    app.get(
      '/api/competency/change-projects/evidence/:id',
      {
        schema: {
          tags,
          summary: 'Berkas bukti suatu penilaian proyek perubahan; setiap tampilan dicatat',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const f = await s.evidence(actorOf(request), request.params.id);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );

    app.get(
      '/api/competency/change-projects/:id',
      {
        schema: {
          tags,
          summary: 'Satu proyek perubahan (peserta, atasannya, penilainya, BKD)',
          params: idParamSchema,
          response: { 200: changeProjectSchema },
        },
      },
      (request) => s.get(actorOf(request), request.params.id),
    );

    app.put(
      '/api/competency/change-projects/:id',
      {
        schema: {
          tags,
          summary: 'Ubah proyek perubahan (peserta atau BKD) selama belum ada penilaian; diaudit',
          params: idParamSchema,
          body: changeProjectUpdateSchema,
          response: { 200: changeProjectCreatedSchema },
        },
      },
      (request) => s.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/competency/change-projects/:id/register',
      {
        schema: {
          tags,
          summary: 'Daftarkan draf proyek perubahan (peserta atau BKD); diaudit',
          params: idParamSchema,
          response: { 200: changeProjectCreatedSchema },
        },
      },
      (request) => s.register(actorOf(request), request.params.id),
    );

    app.put(
      '/api/competency/change-projects/:id/assessors',
      {
        schema: {
          tags,
          summary:
            'Tetapkan penilai internal dan eksternal proyek perubahan (BKD; diaudit, penilai diberi tahu)',
          description: 'Peserta tidak dapat menjadi penilai (400 ASSESSOR_IS_PARTICIPANT).',
          params: idParamSchema,
          body: assessorsPutSchema,
          response: { 200: changeProjectSchema },
        },
      },
      (request) => s.setAssessors(actorOf(request), request.params.id, request.body),
    );

    app.put(
      '/api/competency/change-projects/:id/goals/:goalId/rating',
      {
        schema: {
          tags,
          summary:
            'Nilai satu tujuan proyek perubahan (penilai; multipart: data = JSON {score, note, assessorId}, evidence)',
          description:
            'Mulai tanggal evaluasi (sebelumnya 409 NOT_YET_DUE); nilai di luar skala 400 OUT_OF_SCALE; bukti ' +
            'bukan PDF/gambar 415 UNSUPPORTED_FILE. Semua penilai menilai semua tujuan → hasil dihitung.',
          consumes: ['multipart/form-data'],
          params: goalParamsSchema,
          response: { 201: changeProjectCreatedSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await s.rate(actorOf(request), request.params.id, request.params.goalId, request)),
    );

    app.post(
      '/api/competency/change-projects/:id/close',
      {
        schema: {
          tags,
          summary: 'Tutup evaluasi dengan penilaian yang sudah masuk (BKD; diaudit)',
          params: idParamSchema,
          response: { 200: changeProjectSchema },
        },
      },
      (request) => s.close(actorOf(request), request.params.id),
    );

    app.get(
      '/api/competency/change-projects/:id/report.pdf',
      {
        schema: {
          tags,
          summary: 'Laporan evaluasi proyek perubahan (PDF; peserta, atasannya, BKD)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const { bytes, fileName } = await s.report(actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    );
  };
}
