import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import {
  myRosterQuerySchema,
  myRosterSchema,
  rosterChangeResultSchema,
  rosterClearSchema,
  rosterImportResultSchema,
  rosterMonthSchema,
  rosterQuerySchema,
  rosterSetSchema,
} from '../../../shared/api/rosters.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import { sendTable, type TableColumn } from '../../lib/table-export.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import type { RosterService } from './roster-service.ts';

const tags = ['Jadwal shift'];

/** The export's columns: the first three are the import's (`nip,tanggal,shift`); `nama` is ignored on import. */
export const ROSTER_EXPORT_COLUMNS: TableColumn[] = [
  { header: 'nip', key: 'nip', width: 22 },
  { header: 'tanggal', key: 'tanggal', width: 12 },
  { header: 'shift', key: 'shift', width: 10 },
  { header: 'nama', key: 'nama', width: 32 },
];

export function rosterRoutes(deps: { rosters: RosterService }): FastifyPluginAsyncZod {
  const { rosters } = deps;
  return async (app) => {
    app.get(
      '/api/rosters',
      {
        schema: {
          tags,
          summary:
            'Jadwal shift satu unit (beserta sub-unitnya) selama sebulan: pegawai × tanggal, per halaman pegawai; cari nama/NIP',
          querystring: rosterQuerySchema,
          response: { 200: rosterMonthSchema },
        },
      },
      (request) => rosters.month(actorOf(request), request.query),
    );

    app.get(
      '/api/rosters/mine',
      {
        schema: {
          tags,
          summary:
            'Jadwal shift saya dalam rentang tanggal (paling lama 62 hari); tanggal lain mengikuti jadwal reguler',
          querystring: myRosterQuerySchema,
          response: { 200: myRosterSchema },
        },
      },
      (request) => rosters.mine(actorOf(request), request.query),
    );

    app.put(
      '/api/rosters',
      {
        schema: {
          tags,
          summary:
            'Simpan banyak sel jadwal sekaligus (`lines`: kode shift atau null = libur; `clear`: kembali ke jadwal reguler), semua atau tidak sama sekali',
          body: rosterSetSchema,
          response: { 200: rosterChangeResultSchema },
        },
      },
      (request) => rosters.set(actorOf(request), request.body),
    );

    app.post(
      '/api/rosters/clear',
      {
        schema: {
          tags,
          summary: 'Hapus jadwal shift pegawai pada rentang tanggal (kembali ke jadwal reguler unit)',
          body: rosterClearSchema,
          response: { 200: rosterChangeResultSchema },
        },
      },
      (request) => rosters.clear(actorOf(request), request.body),
    );

    app.post(
      '/api/rosters/import',
      {
        schema: {
          tags,
          summary:
            'Impor jadwal dari CSV (multipart, berkas `file`; kolom nip,tanggal,shift; LIBUR/kosong = libur). Semua baris salah dilaporkan (422 IMPORT_INVALID) dan tidak ada yang disimpan',
          response: { 200: rosterImportResultSchema },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError('VALIDATION', 'Kirim berkas sebagai multipart/form-data');
        const upload = (await readUpload(request)).file;
        if (!upload) throw new AppError('VALIDATION', 'Berkas `file` tidak terkirim');
        const file = { fileName: upload.name || 'jadwal.csv', bytes: upload.buf };
        if (file.bytes.length === 0) throw new AppError('VALIDATION', 'Berkas kosong');
        return rosters.importCsv(actorOf(request), file);
      },
    );

    app.get(
      '/api/rosters/export.csv',
      {
        schema: {
          tags,
          summary: 'Ekspor jadwal shift sebulan (CSV nip,tanggal,shift,nama; dapat diimpor kembali)',
          querystring: rosterQuerySchema,
        },
      },
      async (request, reply) => {
        const { unit, rows } = await rosters.exportRows(actorOf(request), request.query);
        return sendTable(
          reply,
          'csv',
          `jadwal-shift-${unit.code}-${request.query.month}`.replace(/[^A-Za-z0-9._-]/g, '_'),
          'Jadwal Shift',
          ROSTER_EXPORT_COLUMNS,
          rows,
        );
      },
    );
  };
}
