import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  casesExportQuerySchema,
  disciplineInboxSchema,
  registryExportQuerySchema,
  registryQuerySchema,
  registrySchema,
} from '../../../shared/api/discipline-documents.ts';
import { sendExport } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DisciplineService } from './discipline-service.ts';

const tags = ['Disiplin · Register'];

/**
 * Routes of the discipline module, section registry: the inbox, the registry and its exports; thin, one service
 * call each; schemas from src/shared/api/discipline-documents.ts.
 */
export function registryRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  const registry = discipline.registry;
  return async (app) => {
    app.get(
      '/api/discipline/inbox',
      {
        schema: {
          tags,
          summary:
            'Yang menunggu tindakan pemanggil (langkah kasus, indikasi bawahan, penghentian gaji, upaya administratif) dengan jumlah dan keterlambatan; kasus pegawai sendiri',
          response: { 200: disciplineInboxSchema },
        },
      },
      (request) => registry.inbox(actorOf(request)),
    );

    app.get(
      '/api/discipline/registry',
      {
        schema: {
          tags,
          summary:
            'Register disiplin per OPD: kasus per tahap, tingkat dan umur, langkah terlambat, hukuman berlaku, persentase pegawai indisipliner',
          querystring: registryQuerySchema,
          response: { 200: registrySchema },
        },
      },
      (request) => registry.registry(actorOf(request), request.query),
    );

    app.get(
      '/api/discipline/registry/export',
      {
        schema: {
          tags,
          summary: 'Unduh register disiplin per OPD (XLSX/CSV)',
          querystring: registryExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { format, ...q } = request.query;
        const t = await registry.registryExport(actorOf(request), q);
        return sendExport(reply, format, t);
      },
    );

    app.get(
      '/api/discipline/cases/export',
      {
        schema: {
          tags,
          summary: 'Unduh daftar kasus disiplin dengan filter yang sama seperti daftar kasus (XLSX/CSV)',
          querystring: casesExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { format, ...q } = request.query;
        const t = await registry.casesExport(actorOf(request), q);
        return sendExport(reply, format, t);
      },
    );
  };
}
