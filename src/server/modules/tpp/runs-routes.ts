import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  myTppQuerySchema,
  myTppSchema,
  runComputeBodySchema,
  runDetailSchema,
  runLineDetailSchema,
  runLineListSchema,
  runLineParamsSchema,
  runLinesQuerySchema,
  runListQuerySchema,
  runListSchema,
  runStepBodySchema,
  runVerificationSchema,
  staffTppListSchema,
  staffTppQuerySchema,
} from '../../../shared/api/tpp-runs.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppRunsSection } from './runs-service.ts';

const tags = ['TPP'];

/**
 * Routes of the TPP runs (issue 17 points 2–4): thin, one service call each; schemas from
 * src/shared/api/tpp-runs.ts (which lists who may call each).
 */
export function runsRoutes(runs: TppRunsSection): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/tpp/runs',
      {
        schema: {
          tags,
          summary: 'Hitung TPP satu unit untuk bulan yang rekapnya sudah ditutup (admin OPD, BKD)',
          body: runComputeBodySchema,
          response: { 201: runDetailSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await runs.compute(actorOf(request), request.body)),
    );

    app.get(
      '/api/tpp/runs',
      {
        schema: {
          tags,
          summary: 'Daftar perhitungan TPP dalam kewenangan Anda',
          querystring: runListQuerySchema,
          response: { 200: runListSchema },
        },
      },
      (request) => runs.list(actorOf(request), request.query),
    );

    app.get(
      '/api/tpp/runs/:id',
      {
        schema: {
          tags,
          summary: 'Satu perhitungan TPP: jumlah, riwayat dan langkah yang dapat Anda ambil',
          params: idParamSchema,
          response: { 200: runDetailSchema },
        },
      },
      (request) => runs.detail(actorOf(request), request.params.id),
    );

    app.get(
      '/api/tpp/runs/:id/lines',
      {
        schema: {
          tags,
          summary: 'Baris TPP per pegawai (cari nama atau NIP)',
          params: idParamSchema,
          querystring: runLinesQuerySchema,
          response: { 200: runLineListSchema },
        },
      },
      (request) => runs.lines(actorOf(request), request.params.id, request.query),
    );

    app.get(
      '/api/tpp/runs/:id/lines/:employeeId',
      {
        schema: {
          tags,
          summary:
            'Rincian TPP satu pegawai: setiap potongan dengan tanggal, kode, persentase, rupiah dan dasar hukum',
          params: runLineParamsSchema,
          response: { 200: runLineDetailSchema },
        },
      },
      (request) => runs.line(actorOf(request), request.params.id, request.params.employeeId),
    );

    app.get(
      '/api/tpp/runs/:id/lines/:employeeId/slip.pdf',
      {
        schema: { tags, summary: 'Rincian TPP satu pegawai sebagai PDF', params: runLineParamsSchema },
      },
      async (request, reply) => {
        const f = await runs.slip(actorOf(request), request.params.id, request.params.employeeId);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `inline; filename="${f.name}"`)
          .send(Buffer.from(f.bytes));
      },
    );

    app.get(
      '/api/tpp/runs/:id/verification',
      {
        schema: {
          tags,
          summary: 'Hitung ulang dari data masukan tersimpan dan bandingkan dengan hasil tersimpan',
          params: idParamSchema,
          response: { 200: runVerificationSchema },
        },
      },
      (request) => runs.verify(actorOf(request), request.params.id),
    );

    const steps = [
      ['check', 'Tandai TPP sudah diperiksa (admin OPD)', runs.check],
      ['publish', 'Umumkan TPP kepada pegawai; masa keberatan dimulai (admin OPD)', runs.publish],
      [
        'approve-opd',
        'Setujui TPP sebagai kepala OPD (atau Plt/Plh) setelah masa keberatan',
        runs.approveOpd,
      ],
      ['approve', 'Setujui TPP (BKD)', runs.approve],
      ['lock', 'Kunci TPP (BKD)', runs.lock],
    ] as const;
    for (const [path, summary, handler] of steps)
      app.post(
        `/api/tpp/runs/:id/${path}`,
        {
          schema: {
            tags,
            summary,
            params: idParamSchema,
            body: runStepBodySchema,
            response: { 200: runDetailSchema },
          },
        },
        (request) => handler(actorOf(request), request.params.id, request.body),
      );

    app.get(
      '/api/tpp/mine',
      {
        schema: {
          tags,
          summary: 'TPP saya bulan ini: setiap komponen dan potongan (setelah diumumkan)',
          querystring: myTppQuerySchema,
          response: { 200: myTppSchema },
        },
      },
      (request) => runs.mine(actorOf(request), request.query.month),
    );

    app.get(
      '/api/tpp/staff',
      {
        schema: {
          tags,
          summary: 'TPP bawahan langsung Anda (setelah diumumkan)',
          querystring: staffTppQuerySchema,
          response: { 200: staffTppListSchema },
        },
      },
      (request) => runs.staff(actorOf(request), request.query),
    );
  };
}
