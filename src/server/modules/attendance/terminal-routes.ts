import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { readUpload } from '../../lib/multipart-upload.ts';
import {
  terminalImportFieldsSchema,
  terminalImportResultSchema,
  terminalUserImportResultSchema,
  terminalUserInputSchema,
  terminalUserPageSchema,
  terminalUserQuerySchema,
  terminalUserSchema,
} from '../../../shared/api/attendance.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TerminalService } from './terminal-service.ts';

const tags = ['Presensi: mesin'];

/** The fields and the one file of a multipart request (malformed multipart is a 4xx, see readUpload). */
async function readMultipart(request: FastifyRequest, fieldNames: string[]) {
  const { fields, file } = await readUpload(request, { fields: fieldNames });
  if (!file)
    throw new AppError('VALIDATION', 'Berkas belum dipilih', [
      { path: 'file', message: 'Berkas belum dipilih' },
    ]);
  return { fields, file };
}

export function terminalRoutes({ terminal }: { terminal: TerminalService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/attendance/terminal-imports',
      {
        schema: {
          tags,
          summary:
            'Impor log mesin presensi (attlog ZKTeco atau CSV; multipart: file, serial?, unitId?, dryRun?)',
          description:
            'Setiap baris menjadi presensi sumber TERMINAL milik pegawai yang dipetakan ke ID mesin. Baris yang ' +
            'sudah pernah diimpor dilewati (duplikat); ID yang tidak dikenal atau pegawai di luar kewenangan ' +
            'dilaporkan beserta nomor barisnya; baris rusak dilaporkan dengan alasannya. dryRun=true tidak menulis apa pun.',
          consumes: ['multipart/form-data'],
          response: { 200: terminalImportResultSchema },
        },
      },
      async (request) => {
        const { fields, file } = await readMultipart(request, ['serial', 'unitId', 'dryRun']);
        const f = terminalImportFieldsSchema.safeParse(fields);
        if (!f.success)
          throw new AppError(
            'VALIDATION',
            'Data yang dikirim tidak valid',
            f.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          );
        return terminal.importLog(actorOf(request), {
          fileName: file.name,
          buf: file.buf,
          serial: f.data.serial,
          unitId: f.data.unitId,
          dryRun: f.data.dryRun,
        });
      },
    );
    app.get(
      '/api/attendance/terminal-users',
      {
        schema: {
          tags,
          summary: 'Pemetaan ID pengguna mesin ke pegawai dalam lingkup',
          querystring: terminalUserQuerySchema,
          response: { 200: terminalUserPageSchema },
        },
      },
      (request) => terminal.listUsers(actorOf(request), request.query),
    );
    app.post(
      '/api/attendance/terminal-users',
      {
        schema: {
          tags,
          summary: 'Petakan ID pengguna mesin ke pegawai (serial kosong = berlaku di semua mesin)',
          body: terminalUserInputSchema,
          response: { 201: terminalUserSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await terminal.createUser(actorOf(request), request.body)),
    );
    app.post(
      '/api/attendance/terminal-users/import',
      {
        schema: {
          tags,
          summary: 'Impor pemetaan dari CSV terminal_user_id,nip[,serial] (multipart: file)',
          consumes: ['multipart/form-data'],
          response: { 200: terminalUserImportResultSchema },
        },
      },
      async (request) => {
        const { file } = await readMultipart(request, []);
        return terminal.importUsers(actorOf(request), file.name, file.buf);
      },
    );
    app.delete(
      '/api/attendance/terminal-users/:id',
      { schema: { tags, summary: 'Hapus pemetaan ID mesin', params: idParamSchema } },
      async (request, reply) => {
        await terminal.deleteUser(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
