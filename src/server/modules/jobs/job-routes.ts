import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import { jobListSchema, jobSchema } from '../../../shared/api/jobs.ts';
import { actorOf } from '../../plugins/session.ts';
import { attachment } from '../../lib/send-export.ts';
import type { JobService } from './job-service.ts';

const tags = ['Pekerjaan latar'];

export function jobRoutes({ jobs }: { jobs: JobService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/jobs',
      {
        schema: {
          tags,
          summary: 'Pekerjaan latar (ekspor besar) saya, terbaru dahulu',
          response: { 200: jobListSchema },
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
