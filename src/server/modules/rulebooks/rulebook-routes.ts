import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate, text } from '../../../shared/api/common.ts';
import { actorOf } from '../../plugins/session.ts';
import type { RulebookService } from './rulebook-service.ts';

const tags = ['Rulebook'];
const summary = z.object({
  id: z.string().uuid(),
  rulebookId: z.string(),
  region: z.string(),
  name: z.string(),
  version: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.enum(['draft', 'active', 'retired']),
  source: z.enum(['repo', 'api']),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
const issues = z.array(z.object({ path: z.string(), message: z.string() }));

export function rulebookRoutes({ rulebooks }: { rulebooks: RulebookService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/rulebooks',
      { schema: { tags, summary: 'Semua versi rulebook', response: { 200: z.array(summary) } } },
      (request) => rulebooks.list(actorOf(request)),
    );
    app.get(
      '/api/rulebooks/resolve',
      {
        schema: {
          tags,
          summary: 'Versi yang berlaku untuk wilayah pada tanggal tertentu',
          querystring: z.object({ region: text({ min: 1, max: 60, label: 'Wilayah' }), date: localDate }),
          response: { 200: summary },
        },
      },
      (request) => rulebooks.resolve(actorOf(request), request.query.region, request.query.date),
    );
    app.get(
      '/api/rulebooks/:id',
      {
        schema: {
          tags,
          params: z.object({ id: z.string().uuid() }),
          response: { 200: summary.extend({ content: z.record(z.string(), z.unknown()) }) },
        },
      },
      (request) => rulebooks.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/rulebooks/validate',
      {
        schema: {
          tags,
          summary: 'Periksa dokumen rulebook tanpa menyimpan',
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ ok: z.boolean(), issues }) },
        },
      },
      (request) => rulebooks.validate(actorOf(request), request.body),
    );
    app.post(
      '/api/rulebooks',
      {
        schema: {
          tags,
          summary: 'Simpan versi baru sebagai draf (BKD)',
          body: z.record(z.string(), z.unknown()),
          response: { 201: summary },
        },
        bodyLimit: 5 * 1024 * 1024,
      },
      async (request, reply) =>
        reply.status(201).send(await rulebooks.createDraft(actorOf(request), request.body)),
    );
    app.post(
      '/api/rulebooks/:id/activate',
      {
        schema: {
          tags,
          summary: 'Aktifkan draf (BKD)',
          params: z.object({ id: z.string().uuid() }),
          response: { 200: summary },
        },
      },
      (request) => rulebooks.activate(actorOf(request), request.params.id),
    );
  };
}
