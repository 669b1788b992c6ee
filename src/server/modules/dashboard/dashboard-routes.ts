import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  anomalyListSchema,
  anomalyParamsSchema,
  anomalyQuerySchema,
  dashboardSummarySchema,
  homeSchema,
} from '../../../shared/api/dashboard.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DashboardService } from './dashboard-service.ts';

const tags = ['Dasbor'];

export function dashboardRoutes({ dashboard }: { dashboard: DashboardService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboard',
      {
        schema: {
          tags,
          summary: 'Ringkasan jumlah dalam lingkup pengguna',
          response: { 200: dashboardSummarySchema },
        },
      },
      (request) => dashboard.summary(actorOf(request)),
    );

    app.get(
      '/api/dashboard/home',
      {
        schema: {
          tags,
          summary:
            'Beranda: satu bagian per peran pengguna (pegawai, atasan, admin OPD, BKD/pimpinan, Inspektorat), dalam lingkupnya',
          response: { 200: homeSchema },
        },
      },
      (request) => dashboard.home(actorOf(request)),
    );

    app.get(
      '/api/dashboard/anomalies/:kind',
      {
        schema: {
          tags,
          summary:
            'Anomali presensi dalam lingkup (ditandai, ditolak, di luar lokasi, perangkat dipakai bersama, perubahan unit)',
          params: anomalyParamsSchema,
          querystring: anomalyQuerySchema,
          response: { 200: anomalyListSchema },
        },
      },
      (request) => dashboard.anomalies(actorOf(request), request.params.kind, request.query),
    );
  };
}
