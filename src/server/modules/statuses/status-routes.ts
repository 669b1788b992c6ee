import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { statusListSchema, statusQuerySchema } from '../../../shared/api/statuses.ts';
import { actorOf } from '../../plugins/session.ts';
import type { StatusService } from './status-service.ts';

const tags = ['Status harian'];

export function statusRoutes({ statuses }: { statuses: StatusService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/statuses',
      {
        schema: {
          tags,
          summary: 'Status harian tersimpan seorang pegawai (H, TL/PSW, TK, LIBUR, …) dalam rentang tanggal',
          description:
            'Pegawai sendiri, atasan (termasuk Plt/Plh) atau pemegang attendance.read dalam lingkup. Hanya membaca: ' +
            'hari yang sudah berakhir tetapi belum tersimpan dihitung di memori (provisional), tidak disimpan. ' +
            'Hari sebelum unit mulai tercatat di Abdi (go-live) atau di luar masa tugas pegawai tidak ada datanya ' +
            '(noData, dengan alasannya): bukan TK.',
          querystring: statusQuerySchema,
          response: { 200: statusListSchema },
        },
      },
      async (request) => statuses.list(actorOf(request), request.query),
    );
  };
}
