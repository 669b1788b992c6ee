import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateRange, id, localDate } from '../../../shared/api/common.ts';
import { actorOf } from '../../plugins/session.ts';
import type { StatusService } from './status-service.ts';

const tags = ['Status harian'];

export const statusQuerySchema = z
  .object({
    employeeId: id.optional(),
    from: localDate,
    to: localDate,
  })
  .superRefine(dateRange('from', 'to', 400));

export const dayStatusSchema = z.object({
  employeeId: z.string(),
  localDate: z.string(),
  unitId: z.string(),
  code: z.string(),
  lateBand: z.string().nullable(),
  earlyBand: z.string().nullable(),
  lateMinutes: z.number().int(),
  earlyMinutes: z.number().int(),
  missingCheckIn: z.boolean(),
  missingCheckOut: z.boolean(),
  workLocation: z.string().nullable(),
  nonWorkingDay: z.boolean(),
  reasons: z.array(z.string()),
  rulebookId: z.string(),
  computedAt: z.string(),
  /** Not stored yet: classified in memory for this answer, exactly as the worker will store it. */
  provisional: z.boolean(),
});

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
          response: {
            200: z.object({
              items: z.array(dayStatusSchema),
              noData: z.array(z.object({ localDate: z.string(), reason: z.string() })),
            }),
          },
        },
      },
      async (request) => statuses.list(actorOf(request), request.query),
    );
  };
}
