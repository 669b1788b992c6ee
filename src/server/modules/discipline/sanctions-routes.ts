import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  activeSanctionsQuerySchema,
  activeSanctionsSchema,
  appealBodySchema,
  appealDecisionBodySchema,
  competentOfficialQuerySchema,
  competentOfficialSchema,
  decisionBodySchema,
  deliveryBodySchema,
  designationBodySchema,
  designationListQuerySchema,
  designationListSchema,
  designationSchema,
  disciplineRecordSchema,
  employeeIdParamSchema,
  endDesignationBodySchema,
  sanctionStepResultSchema,
  siasnExportQuerySchema,
} from '../../../shared/api/discipline-sanctions.ts';
import { sendExport } from '../../lib/send-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DisciplineService } from './discipline-service.ts';

const tags = ['Disiplin: hukuman'];

/**
 * Routes of discipline cases, section sanctions: thin, one service call each; schemas from
 * src/shared/api/discipline-sanctions.ts.
 */
export function sanctionsRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  const s = discipline.sanctions;
  return async (app) => {
    app.get(
      '/api/discipline/cases/:id/competent-official',
      {
        schema: {
          tags,
          summary:
            'Pejabat yang berwenang menghukum (PyB) untuk suatu jenis hukuman pada kasus ini, dan alasannya',
          params: idParamSchema,
          querystring: competentOfficialQuerySchema,
          response: { 200: competentOfficialSchema },
        },
      },
      (request) => s.competentOfficial(actorOf(request), request.params.id, request.query.sanctionCode),
    );

    app.post(
      '/api/discipline/cases/:id/decision',
      {
        schema: {
          tags,
          summary:
            'Keputusan hukuman disiplin oleh PyB (atau dicatat BKD untuk PPK): satu hukuman, yang terberat',
          params: idParamSchema,
          body: decisionBodySchema,
          response: { 200: sanctionStepResultSchema },
        },
      },
      (request) => s.decide(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/discipline/cases/:id/delivery',
      {
        schema: {
          tags,
          summary:
            'Penyampaian keputusan (langsung atau dikirim ke alamat), tanggal berlaku dan masa menjalani',
          params: idParamSchema,
          body: deliveryBodySchema,
          response: { 200: sanctionStepResultSchema },
        },
      },
      (request) => s.deliver(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/discipline/cases/:id/appeals',
      {
        schema: {
          tags,
          summary: 'Keberatan atau banding administratif oleh pegawai (PP 79/2021)',
          params: idParamSchema,
          body: appealBodySchema,
          response: { 201: sanctionStepResultSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await s.fileAppeal(actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/discipline/appeals/:id/decision',
      {
        schema: {
          tags,
          summary: 'Putusan keberatan/banding (dikuatkan, diubah, dibatalkan), dicatat BKD',
          params: idParamSchema,
          body: appealDecisionBodySchema,
          response: { 200: sanctionStepResultSchema },
        },
      },
      (request) => s.decideAppeal(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/discipline/employees/:employeeId/record',
      {
        schema: {
          tags,
          summary: 'Riwayat hukuman disiplin pegawai dan penanda KGB, kenaikan pangkat dan mutasi',
          params: employeeIdParamSchema,
          response: { 200: disciplineRecordSchema },
        },
      },
      (request) => s.record(actorOf(request), request.params.employeeId),
    );

    app.get(
      '/api/discipline/sanctions/active',
      {
        schema: {
          tags,
          summary: 'Hukuman disiplin yang berlaku pada suatu bulan per pegawai (untuk TPP)',
          querystring: activeSanctionsQuerySchema,
          response: { 200: activeSanctionsSchema },
        },
      },
      (request) => s.active(actorOf(request), request.query),
    );

    app.get(
      '/api/discipline/sanctions/siasn-export',
      {
        schema: {
          tags,
          summary:
            'Ekspor riwayat hukuman disiplin bentuk SIASN (xlsx atau csv); kolom: docs/discipline-siasn.md',
          querystring: siasnExportQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, s.renderer, await s.siasnExportSpec(actorOf(request), request.query)),
    );

    app.get(
      '/api/discipline/designations',
      {
        schema: {
          tags,
          summary: 'Penunjukan pejabat fungsional sebagai pejabat yang berwenang menghukum oleh PPK',
          querystring: designationListQuerySchema,
          response: { 200: designationListSchema },
        },
      },
      (request) => s.designations.list(actorOf(request), request.query),
    );

    app.post(
      '/api/discipline/designations',
      {
        schema: {
          tags,
          summary: 'Catat penunjukan JF Ahli Madya/Ahli Muda sebagai pejabat yang berwenang menghukum',
          body: designationBodySchema,
          response: { 201: designationSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await s.designations.create(actorOf(request), request.body)),
    );

    app.post(
      '/api/discipline/designations/:id/end',
      {
        schema: {
          tags,
          summary: 'Akhiri penunjukan pejabat yang berwenang menghukum',
          params: idParamSchema,
          body: endDesignationBodySchema,
          response: { 200: designationSchema },
        },
      },
      (request) => s.designations.end(actorOf(request), request.params.id, request.body),
    );
  };
}
