import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  simulationCreateBodySchema,
  simulationDetailQuerySchema,
  simulationDetailSchema,
  simulationEmployeeListSchema,
  simulationEmployeesQuerySchema,
  simulationListSchema,
} from '../../../shared/api/tpp-simulation.ts';
import { attachment } from '../../lib/send-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppSimulationSection } from './simulation-service.ts';

const tags = ['TPP'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Routes of the TPP simulation (issue 17 point 6) under /api/tpp: BKD only (tpp.manage); thin, one service call
 * each; contract in src/shared/api/tpp-simulation.ts.
 */
export function simulationRoutes(section: TppSimulationSection): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/tpp/simulations',
      {
        schema: {
          tags,
          summary:
            'Simulasikan draf Perkada (rulebook/tarif) pada bulan yang sudah ditutup, tanpa diumumkan (BKD)',
          body: simulationCreateBodySchema,
          response: { 201: simulationDetailSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await section.create(actorOf(request), request.body)),
    );
    app.get(
      '/api/tpp/simulations',
      { schema: { tags, summary: 'Daftar simulasi TPP (BKD)', response: { 200: simulationListSchema } } },
      (request) => section.list(actorOf(request)),
    );
    app.get(
      '/api/tpp/simulations/:id',
      {
        schema: {
          tags,
          summary: 'Hasil simulasi: biaya per OPD terhadap pagu, perubahan per pegawai (BKD)',
          params: idParamSchema,
          querystring: simulationDetailQuerySchema,
          response: { 200: simulationDetailSchema },
        },
      },
      (request) => section.detail(actorOf(request), request.params.id, request.query.top),
    );
    app.get(
      '/api/tpp/simulations/:id/employees',
      {
        schema: {
          tags,
          summary: 'Perubahan TPP per pegawai dalam simulasi (BKD)',
          params: idParamSchema,
          querystring: simulationEmployeesQuerySchema,
          response: { 200: simulationEmployeeListSchema },
        },
      },
      (request) => section.employees(actorOf(request), request.params.id, request.query),
    );
    app.get(
      '/api/tpp/simulations/:id/export.xlsx',
      { schema: { tags, summary: 'Unduh hasil simulasi sebagai XLSX (BKD)', params: idParamSchema } },
      async (request, reply) => {
        const out = await section.exportXlsx(actorOf(request), request.params.id);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment(out.fileName))
          .send(out.buf);
      },
    );
    app.delete(
      '/api/tpp/simulations/:id',
      { schema: { tags, summary: 'Hapus simulasi TPP (BKD)', params: idParamSchema } },
      async (request, reply) => {
        await section.remove(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
