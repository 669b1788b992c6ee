import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  candidateListSchema,
  candidatesQuerySchema,
  nineBoxQuerySchema,
  nineBoxSchema,
  poolQuerySchema,
  poolSchema,
  positionsQuerySchema,
  successionQuerySchema,
  successionSchema,
  talentExportParamsSchema,
  talentPositionsSchema,
} from '../../../shared/api/competency-talent.ts';
import { sendExport } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { CompetencyService } from './competency-service.ts';

const tags = ['Kompetensi'];

/**
 * Routes of the talent pool and 9-box (issue 19 point 6): thin, one service call each; schemas from the contract
 * (src/shared/api/competency-talent.ts).
 */
export function competencyTalentRoutes(deps: { competency: CompetencyService }): FastifyPluginAsyncZod {
  const { talent } = deps.competency;
  return async (app) => {
    app.get(
      '/api/competency/talent/nine-box',
      {
        schema: {
          tags,
          summary:
            '9-box talenta: kinerja (predikat tahunan e-Kinerja) × potensial (JPM asesmen terakhir); jumlah per kotak dan pegawainya (dicatat)',
          description:
            'unitId: pegawai unit dan bawahannya (BKD, competency.read). Tanpa unitId: staf langsung pemanggil (atasan). ' +
            'family: hanya rumpun jabatan itu. Pegawai tanpa penilaian tahunan yang disetujui atau tanpa hasil asesmen ' +
            'tampil "belum dipetakan" dengan alasannya.',
          querystring: nineBoxQuerySchema,
          response: { 200: nineBoxSchema },
        },
      },
      (request) => talent.nineBox(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/talent/nine-box/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor 9-box talenta (xlsx atau csv), akses dan pencatatan sama dengan daftarnya',
          params: talentExportParamsSchema,
          querystring: nineBoxQuerySchema,
        },
      },
      async (request, reply) => {
        const t = await talent.nineBoxTable(actorOf(request), request.query);
        return sendExport(reply, request.params.format, t);
      },
    );

    app.get(
      '/api/competency/talent/pool',
      {
        schema: {
          tags,
          summary: 'Talent pool (kotak 7–9 menurut rulebook) per rumpun jabatan dalam lingkup (BKD; dicatat)',
          querystring: poolQuerySchema,
          response: { 200: poolSchema },
        },
      },
      (request) => talent.pool(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/talent/positions',
      {
        schema: {
          tags,
          summary: 'Jabatan dalam lingkup dengan pemangkunya: lowong atau tidak, jabatan kunci (BKD)',
          querystring: positionsQuerySchema,
          response: { 200: talentPositionsSchema },
        },
      },
      (request) => talent.positions(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/talent/candidates',
      {
        schema: {
          tags,
          summary:
            'Kandidat suatu jabatan diurutkan menurut JPM terhadap jabatan itu, dengan kotak 9-box, status disiplin, JP dan kesenjangan (BKD; dicatat)',
          description: 'Jabatan tanpa standar kompetensi: 400 NO_STANDARD.',
          querystring: candidatesQuerySchema,
          response: { 200: candidateListSchema },
        },
      },
      (request) => talent.candidates(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/talent/candidates/export.:format',
      {
        schema: {
          tags,
          summary:
            'Ekspor daftar kandidat jabatan (xlsx atau csv), akses dan pencatatan sama dengan daftarnya',
          params: talentExportParamsSchema,
          querystring: candidatesQuerySchema,
        },
      },
      async (request, reply) => {
        const t = await talent.candidatesTable(actorOf(request), request.query);
        return sendExport(reply, request.params.format, t);
      },
    );

    app.get(
      '/api/competency/talent/succession',
      {
        schema: {
          tags,
          summary:
            'Rencana suksesi per jabatan kunci: pemangku, usia dan pensiunnya, kandidat talent pool yang siap (BKD; dicatat)',
          querystring: successionQuerySchema,
          response: { 200: successionSchema },
        },
      },
      (request) => talent.succession(actorOf(request), request.query),
    );
  };
}
