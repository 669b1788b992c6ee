import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardSchema } from '../../../shared/api/tpp-simulation.ts';
import { attachment } from '../../lib/send-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppDashboardSection } from './dashboard-service.ts';

const tags = ['TPP'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Routes of the TPP dashboards (issue 17 point 7) under /api/tpp: readers in scope (tpp.read / run / manage);
 * contract in src/shared/api/tpp-simulation.ts.
 */
export function dashboardRoutes(section: TppDashboardSection): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/tpp/dashboard',
      {
        schema: {
          tags,
          summary:
            'Dasbor TPP: TPP terhadap pagu per OPD dan bulan, potongan per sebab, OPD yang potongannya naik',
          querystring: dashboardQuerySchema,
          response: { 200: dashboardSchema },
        },
      },
      (request) => section.get(actorOf(request), request.query),
    );
    app.get(
      '/api/tpp/dashboard/export.xlsx',
      { schema: { tags, summary: 'Unduh dasbor TPP sebagai XLSX', querystring: dashboardQuerySchema } },
      async (request, reply) => {
        const out = await section.exportXlsx(actorOf(request), request.query);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment(out.fileName))
          .send(out.buf);
      },
    );
  };
}
