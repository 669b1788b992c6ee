import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/session.ts';
import type { DashboardService } from './dashboard-service.ts';

export function dashboardRoutes({ dashboard }: { dashboard: DashboardService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboard',
      {
        schema: {
          tags: ['Dasbor'],
          summary: 'Ringkasan jumlah dalam lingkup pengguna',
          response: {
            200: z.object({
              units: z.number(),
              employees: z.number(),
              byType: z.record(z.string(), z.number()),
              byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), count: z.number() })),
              subordinates: z.number(),
              auditToday: z.number(),
              imports: z.number(),
            }),
          },
        },
      },
      (request) => dashboard.summary(actorOf(request)),
    );
  };
}
