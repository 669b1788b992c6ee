import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import { jobSchema } from '../../../shared/api/jobs.ts';
import { actorOf } from '../../plugins/session.ts';
import type { ExportSpec, JobService } from './job-service.ts';

const tags = ['Pekerjaan latar'];

/** `attachment; filename=…` with a plain-ASCII name and the UTF-8 one (RFC 6266). */
export function attachment(fileName: string) {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The direct download of an export: rendered off the event loop to a temporary file (see `JobService.runNow`),
 * then streamed and deleted. For large exports the web starts a job instead.
 */
export async function sendExport(reply: FastifyReply, jobs: JobService, spec: ExportSpec) {
  const out = await jobs.runNow(spec);
  const stream = createReadStream(out.filePath);
  stream.once('close', () => void out.cleanup());
  return reply
    .header('content-type', out.contentType)
    .header('content-length', out.size)
    .header('content-disposition', `attachment; filename="${out.fileName.replace(/[^A-Za-z0-9._-]+/g, '-')}"`)
    .send(stream);
}

export function jobRoutes({ jobs }: { jobs: JobService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/jobs',
      {
        schema: {
          tags,
          summary: 'Pekerjaan latar (ekspor besar) saya, terbaru dahulu',
          response: { 200: z.object({ items: z.array(jobSchema) }) },
        },
      },
      (request) => jobs.list(actorOf(request)),
    );
    app.get(
      '/api/jobs/:id',
      {
        schema: {
          tags,
          summary: 'Status dan kemajuan (0–100) sebuah pekerjaan; hanya pemiliknya (lainnya 404)',
          params: idParamSchema,
          response: { 200: jobSchema },
        },
      },
      (request) => jobs.get(actorOf(request), request.params.id),
    );
    app.get(
      '/api/jobs/:id/download',
      {
        schema: {
          tags,
          summary: 'Unduh berkas pekerjaan yang selesai (409 bila belum selesai, 404 bila bukan milik Anda)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const f = await jobs.download(actorOf(request), request.params.id);
        return reply
          .header('content-type', f.contentType)
          .header('content-length', f.size)
          .header('content-disposition', attachment(f.fileName))
          .send(f.stream);
      },
    );
  };
}
