import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema, auditVerifySchema } from '../../../shared/api/audit.ts';
import { actorOf } from '../../plugins/session.ts';
import { requireAny } from '../../auth/authz.ts';
import { sendTable } from '../../lib/table-export.ts';
import { AUDIT_EXPORT_COLUMNS, AUDIT_EXPORT_LIMIT, type AuditService } from './audit-service.ts';

export function auditRoutes({ audit }: { audit: AuditService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['Audit'],
          summary:
            'Jejak audit dalam lingkup pengguna, dengan nama untuk setiap ID (saring: unit, periode, aksi, pegawai, teks)',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema },
        },
      },
      (request) => audit.list(requireAny(actorOf(request), 'audit.read'), request.query),
    );
    app.get(
      '/api/audit/export.csv',
      {
        schema: {
          tags: ['Audit'],
          summary: `Ekspor CSV jejak audit yang tersaring (label, nama, perubahan; paling banyak ${AUDIT_EXPORT_LIMIT.toLocaleString('id-ID')} entri terbaru)`,
          querystring: auditQuerySchema,
        },
      },
      async (request, reply) => {
        const rows = await audit.exportRows(requireAny(actorOf(request), 'audit.read'), request.query);
        return sendTable(reply, 'csv', 'jejak-audit', 'Jejak audit', AUDIT_EXPORT_COLUMNS, rows);
      },
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
