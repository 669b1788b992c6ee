import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { commandCentreQuerySchema, commandCentreSchema } from '../../../shared/api/command-centre.ts';
import { tableExportParamsSchema } from '../../../shared/api/common.ts';
import { actorOf } from '../../plugins/session.ts';
import { tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { sendExport } from '../../lib/send-export.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { CommandCentreService } from './command-centre-service.ts';

const tags = ['Ruang Kendali'];

/** The per-OPD table of the exports. */
const EXPORT_COLUMNS: TableColumn[] = [
  { header: 'OPD', key: 'unit', width: 34 },
  { header: 'Memakai Abdi', key: 'usingAbdi', width: 18 },
  { header: 'Pegawai', key: 'total', width: 10 },
  { header: 'Hadir', key: 'present', width: 8 },
  { header: 'Terlambat', key: 'late', width: 10 },
  { header: 'Izin/Sakit', key: 'permit', width: 10 },
  { header: 'Cuti', key: 'leave', width: 8 },
  { header: 'Dinas luar', key: 'dinasLuar', width: 10 },
  { header: 'TK', key: 'tk', width: 6 },
  { header: 'Belum presensi', key: 'notYetIn', width: 12 },
  { header: 'Libur', key: 'off', width: 8 },
  { header: 'Tidak ada data', key: 'noData', width: 12 },
  { header: 'Tingkat kehadiran (%)', key: 'rate', width: 12 },
  { header: 'Bulan', key: 'month', width: 9 },
  { header: 'Kepatuhan bulan (%)', key: 'compliance', width: 12 },
  { header: 'Peringkat terendah', key: 'rank', width: 10 },
];

/** Routes of Ruang Kendali: thin, one service call each (src/shared/api/command-centre.ts). */
export function commandCentreRoutes(deps: {
  commandCentre: CommandCentreService;
  jobs: JobService;
}): FastifyPluginAsyncZod {
  const { commandCentre, jobs } = deps;
  return async (app) => {
    app.get(
      '/api/command-centre',
      {
        schema: {
          tags,
          summary:
            'Ruang Kendali pimpinan: kehadiran hari ini per OPD, peta, tren bulanan, kepatuhan terendah, sidak, pengaduan, kasus disiplin, verifikasi e-Kinerja, potongan TPP — dalam lingkup pemanggil',
          querystring: commandCentreQuerySchema,
          response: { 200: commandCentreSchema },
        },
      },
      (request) => commandCentre.read(actorOf(request), request.query),
    );

    app.get(
      '/api/command-centre/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor tabel per OPD Ruang Kendali (xlsx atau csv)',
          params: tableExportParamsSchema,
          querystring: commandCentreQuerySchema,
        },
      },
      async (request, reply) => {
        const { rows } = await commandCentre.exportRows(actorOf(request), request.query);
        const { format } = request.params;
        return sendExport(
          reply,
          jobs,
          tableExportSpec({
            kind: `command-centre-${format}`,
            params: { ...request.query },
            format,
            fileBase: 'ruang-kendali',
            title: 'Ruang Kendali',
            columns: EXPORT_COLUMNS,
            total: rows.length,
            pages: async function* () {
              yield rows;
            },
          }),
        );
      },
    );

    app.get(
      '/api/command-centre/briefing.pdf',
      {
        schema: {
          tags,
          summary: 'Laporan Ringkas Pimpinan bulanan (PDF, kop dan tanda tangan pejabat)',
          querystring: commandCentreQuerySchema,
        },
      },
      async (request, reply) => {
        const { bytes, fileName } = await commandCentre.briefing(actorOf(request), request.query);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    );
  };
}
