import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntrySchema, auditQuerySchema, auditVerifySchema } from '../../../shared/api/audit.ts';
import { paged } from '../../../shared/api/common.ts';
import { actorOf } from '../../plugins/session.ts';
import { requireAny } from '../access/authz.ts';
import type { AuditService } from './audit-service.ts';

export function auditRoutes({ audit }: { audit: AuditService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['Audit'],
          summary: 'Jejak audit dalam lingkup pengguna',
          querystring: auditQuerySchema,
          response: { 200: paged(auditEntrySchema) },
        },
      },
      (request) => audit.list(requireAny(actorOf(request), 'audit.read'), request.query),
    );
    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['Audit'],
          summary: 'Periksa keutuhan rantai hash jejak audit',
          response: { 200: auditVerifySchema },
        },
      },
      (request) => {
        requireAny(actorOf(request), 'audit.verify');
        return audit.verify();
      },
    );
  };
}
