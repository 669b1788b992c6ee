import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, localDate } from '../../../shared/api/common.ts';
import {
  ackCreateSchema,
  conductListSchema,
  createdSchema,
  dayListSchema,
  dayQuerySchema,
  escalationListQuerySchema,
  escalationListSchema,
  neutralityCreateSchema,
  neutralityDecisionSchema,
  neutralityListQuerySchema,
  neutralityListSchema,
  neutralitySchema,
  periodCreateSchema,
  periodListQuerySchema,
  periodListSchema,
  periodSchema,
  reportExportParamsSchema,
  reportQuerySchema,
  reportSchema,
} from '../../../shared/api/election-watch.ts';
import { sendTable } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import { REPORT_COLUMNS } from './election-watch-report.ts';
import type { ElectionWatchService } from './election-watch-service.ts';

const tags = ['Pengawasan masa pemilu'];
const base = '/api/election-watch';

/** Routes of the election-period watch: thin, one service call each; schemas from src/shared/api/election-watch.ts. */
export function electionWatchRoutes(deps: { electionWatch: ElectionWatchService }): FastifyPluginAsyncZod {
  const service = deps.electionWatch;
  return async (app) => {
    app.get(
      `${base}/periods`,
      {
        schema: {
          tags,
          summary: 'Masa pengawasan dalam lingkup pemanggil',
          querystring: periodListQuerySchema,
          response: { 200: periodListSchema },
        },
      },
      (request) => service.list(actorOf(request), request.query),
    );
    app.get(
      `${base}/periods/headed`,
      {
        schema: {
          tags,
          summary: 'Masa pengawasan yang mencakup OPD yang dipimpin pemanggil (kepala OPD, Plt/Plh)',
          response: { 200: periodListSchema },
        },
      },
      (request) => service.headed(actorOf(request)),
    );
    app.post(
      `${base}/periods`,
      {
        schema: {
          tags,
          summary: 'BKD menetapkan masa pengawasan dengan tahapannya (dicatat di log audit)',
          body: periodCreateSchema,
          response: { 201: createdSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await service.declare(actorOf(request), request.body)),
    );
    app.get(
      `${base}/periods/:id`,
      {
        schema: {
          tags,
          summary: 'Satu masa pengawasan',
          params: idParamSchema,
          response: { 200: periodSchema },
        },
      },
      (request) => service.get(actorOf(request), request.params.id),
    );
    app.get(
      `${base}/periods/:id/days`,
      {
        schema: {
          tags,
          summary: 'Daftar ketidakhadiran harian satu OPD (dihitung saat dibaca; tidak menyimpan apa pun)',
          params: idParamSchema,
          querystring: dayQuerySchema,
          response: { 200: dayListSchema },
        },
      },
      (request) => service.day(actorOf(request), request.params.id, request.query),
    );
    app.post(
      `${base}/periods/:id/acknowledgements`,
      {
        schema: {
          tags,
          summary: 'Kepala OPD (atau Plt/Plh) mengonfirmasi telah memeriksa daftar harian',
          params: idParamSchema,
          body: ackCreateSchema,
          response: { 201: createdSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.acknowledge(actorOf(request), request.params.id, request.body)),
    );
    app.get(
      `${base}/periods/:id/report`,
      {
        schema: {
          tags,
          summary: 'Laporan masa pengawasan per OPD',
          params: idParamSchema,
          querystring: reportQuerySchema,
          response: { 200: reportSchema },
        },
      },
      (request) => service.report(actorOf(request), request.params.id, request.query.unitId),
    );
    app.get(
      `${base}/periods/:id/report.pdf`,
      {
        schema: {
          tags,
          summary: 'Laporan per OPD (PDF)',
          params: idParamSchema,
          querystring: reportQuerySchema,
        },
      },
      async (request, reply) => {
        const { bytes, name } = await service.reportPdf(
          actorOf(request),
          request.params.id,
          request.query.unitId,
        );
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(bytes);
      },
    );
    app.get(
      `${base}/periods/:id/report/:format`,
      {
        schema: {
          tags,
          summary: 'Laporan per OPD sebagai XLSX atau CSV',
          params: reportExportParamsSchema,
          querystring: reportQuerySchema,
        },
      },
      async (request, reply) => {
        const r = await service.reportRows(actorOf(request), request.params.id, request.query.unitId);
        return sendTable(reply, request.params.format, r.name, r.title, REPORT_COLUMNS, r.rows);
      },
    );
    app.get(
      `${base}/periods/:id/escalations`,
      {
        schema: {
          tags,
          summary: 'Eskalasi masa pengawasan (konfirmasi tidak ada; kepala OPD tidak hadir)',
          params: idParamSchema,
          querystring: escalationListQuerySchema,
          response: { 200: escalationListSchema },
        },
      },
      (request) => service.escalations(actorOf(request), request.params.id, request.query),
    );

    // Neutrality reports.
    app.get(
      `${base}/neutrality/conducts`,
      {
        schema: {
          tags,
          summary: 'Katalog perbuatan netralitas dari buku aturan (jalur etik / disiplin, tingkat)',
          querystring: z.object({ date: localDate }),
          response: { 200: conductListSchema },
        },
      },
      (request) => service.neutrality.conducts(actorOf(request), request.query.date),
    );
    app.get(
      `${base}/neutrality`,
      {
        schema: {
          tags,
          summary: 'Laporan netralitas ASN dalam lingkup pemanggil',
          querystring: neutralityListQuerySchema,
          response: { 200: neutralityListSchema },
        },
      },
      (request) => service.neutrality.list(actorOf(request), request.query),
    );
    app.post(
      `${base}/neutrality`,
      {
        schema: {
          tags,
          summary: 'Catat laporan netralitas (rekomendasi Bawaslu, pengaduan, lainnya)',
          body: neutralityCreateSchema,
          response: { 201: createdSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.neutrality.record(actorOf(request), request.body)),
    );
    app.get(
      `${base}/neutrality/:id`,
      {
        schema: {
          tags,
          summary: 'Satu laporan netralitas',
          params: idParamSchema,
          response: { 200: neutralitySchema },
        },
      },
      (request) => service.neutrality.get(actorOf(request), request.params.id),
    );
    app.post(
      `${base}/neutrality/:id/decision`,
      {
        schema: {
          tags,
          summary: 'Putuskan jalur: kode etik (sanksi moral) atau disiplin (membuka kasus disiplin)',
          params: idParamSchema,
          body: neutralityDecisionSchema,
          response: { 200: neutralitySchema },
        },
      },
      (request) => service.neutrality.decide(actorOf(request), request.params.id, request.body),
    );
  };
}
