import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  figureDetailSchema,
  figureParamsSchema,
  figuresBuildBodySchema,
  figuresBuildResultSchema,
  figuresListQuerySchema,
  figuresListSchema,
  figuresMineQuerySchema,
  progressQuerySchema,
  progressSchema,
} from '../../../shared/api/kinerja-figures.ts';
import { actorOf } from '../../plugins/session.ts';
import type { KinerjaService } from './kinerja-service.ts';

const tags = ['Kinerja · Angka kinerja'];

/** Routes of e-Kinerja, section figures: thin, one service call each; schemas from src/shared/api/kinerja-figures.ts. */
export function figuresRoutes(service: KinerjaService): FastifyPluginAsyncZod {
  const figures = service.figures;
  return async (app) => {
    app.get(
      '/api/kinerja/figures',
      {
        schema: {
          tags,
          summary:
            'Angka kinerja bulanan untuk TPP per pegawai (lingkup kinerja.read, atau bawahan pejabat penilai); dihitung langsung bila bulan belum dibekukan',
          querystring: figuresListQuerySchema,
          response: { 200: figuresListSchema },
        },
      },
      (request) => figures.list(actorOf(request), request.query),
    );

    app.get(
      '/api/kinerja/figures/mine',
      {
        schema: {
          tags,
          summary: 'Angka kinerja saya untuk satu bulan, dengan penjelasannya',
          querystring: figuresMineQuerySchema,
          response: { 200: figureDetailSchema },
        },
      },
      (request) => figures.mine(actorOf(request), request.query.month),
    );

    app.post(
      '/api/kinerja/figures/build',
      {
        schema: {
          tags,
          summary:
            'Simpan angka kinerja bulan untuk pegawai unit (kinerja.manage); angka yang sudah dibekukan tidak ditulis ulang, perubahannya dicatat sebagai penyesuaian',
          body: figuresBuildBodySchema,
          response: { 200: figuresBuildResultSchema },
        },
      },
      (request) => figures.build(actorOf(request), request.body),
    );

    app.get(
      '/api/kinerja/figures/:employeeId/:month',
      {
        schema: {
          tags,
          summary: 'Angka kinerja satu pegawai-bulan dengan penjelasan: laporan, menit, penilaian, rulebook',
          params: figureParamsSchema,
          response: { 200: figureDetailSchema },
        },
      },
      (request) => figures.detail(actorOf(request), request.params.employeeId, request.params.month),
    );

    app.get(
      '/api/kinerja/progress',
      {
        schema: {
          tags,
          summary:
            'Kemajuan SKP, verifikasi laporan harian, penilaian dan sebaran predikat terhadap kurva, per OPD (kinerja.read)',
          querystring: progressQuerySchema,
          response: { 200: progressSchema },
        },
      },
      (request) => figures.progress(actorOf(request), request.query),
    );
  };
}
