import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  todayExportQuerySchema,
  todayListSchema,
  todayQuerySchema,
  todayUnitsQuerySchema,
  todayUnitsSchema,
} from '../../../shared/api/today.ts';
import { notModifiedSchema, tableExportParamsSchema } from '../../../shared/api/common.ts';
import { actorOf } from '../../plugins/session.ts';
import { tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { sendExport } from '../../lib/send-export.ts';
import type { JobService } from '../jobs/job-service.ts';
import { todayEtag, type TodayService } from './today-service.ts';

const tags = ['Kehadiran hari ini'];

const EXPORT_COLUMNS: TableColumn[] = [
  { header: 'Tanggal', key: 'date', width: 12 },
  { header: 'NIP', key: 'nip', width: 22 },
  { header: 'Nama', key: 'name', width: 34 },
  { header: 'Unit', key: 'unit', width: 30 },
  { header: 'Status', key: 'status', width: 18 },
  { header: 'Kode', key: 'code', width: 8 },
  { header: 'Masuk', key: 'checkIn', width: 8 },
  { header: 'Tempat masuk', key: 'place', width: 24 },
  { header: 'Pulang', key: 'checkOut', width: 8 },
  { header: 'Terlambat (menit)', key: 'late', width: 10 },
  { header: 'Pita', key: 'lateBand', width: 6 },
  { header: 'Pulang cepat (menit)', key: 'early', width: 10 },
  { header: 'Zona', key: 'zone', width: 6 },
  { header: 'Keterangan', key: 'reason', width: 48 },
];

/**
 * Send a today answer with a strong ETag (the answer without its `generatedAt`) and `Cache-Control: no-cache`,
 * or 304 without a body when the client's `If-None-Match` holds it: the page polls every few seconds and the
 * browser revalidates on its own, so an unchanged list costs no transfer and no re-render.
 */
function withEtag<T extends { generatedAt: string }>(request: FastifyRequest, reply: FastifyReply, body: T) {
  const etag = todayEtag(body);
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  const asked = request.headers['if-none-match'];
  if (asked && asked.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return reply.code(304).send();
  return reply.send(body);
}

/** Routes of the today view: thin, one service call each. */
export function todayRoutes(deps: { today: TodayService; jobs: JobService }): FastifyPluginAsyncZod {
  const { today, jobs } = deps;
  return async (app) => {
    app.get(
      '/api/today',
      {
        schema: {
          tags,
          summary:
            'Kehadiran hari ini: status setiap pegawai dalam lingkup (atau satu unit) dengan jumlah per status; ETag/If-None-Match → 304 bila tidak berubah',
          querystring: todayQuerySchema,
          response: { 200: todayListSchema, 304: notModifiedSchema },
        },
      },
      async (request, reply) => withEtag(request, reply, await today.list(actorOf(request), request.query)),
    );

    app.get(
      '/api/today/units',
      {
        schema: {
          tags,
          summary:
            'Kehadiran hari ini per sub-unit (atau per OPD di puncak lingkup), kepatuhan terendah dahulu, untuk telusur dan peringkat',
          querystring: todayUnitsQuerySchema,
          response: { 200: todayUnitsSchema, 304: notModifiedSchema },
        },
      },
      async (request, reply) => withEtag(request, reply, await today.units(actorOf(request), request.query)),
    );

    app.get(
      '/api/today/export.:format',
      {
        schema: {
          tags,
          summary:
            'Ekspor daftar kehadiran hari ini (xlsx atau csv) dengan saringan yang sama, semua halaman',
          params: tableExportParamsSchema,
          querystring: todayExportQuerySchema,
        },
      },
      async (request, reply) => {
        const rows = await today.exportRows(actorOf(request), request.query);
        const { format } = request.params;
        return sendExport(
          reply,
          jobs,
          tableExportSpec({
            kind: `today-${format}`,
            params: { ...request.query },
            format,
            fileBase: 'kehadiran-hari-ini',
            title: 'Kehadiran hari ini',
            columns: EXPORT_COLUMNS,
            total: rows.length,
            pages: async function* () {
              for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000);
            },
          }),
        );
      },
    );
  };
}
