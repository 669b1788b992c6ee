import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  financeRecapExportQuerySchema,
  financeRecapQuerySchema,
  financeRecapSchema,
  myTreasurerUnitsSchema,
  nominativeQuerySchema,
  treasurerSchema,
  treasurerSetBodySchema,
  unitParamsSchema,
} from '../../../shared/api/tpp-finance.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppFinanceSection } from './finance-service.ts';

const tags = ['TPP'];
const file = (f: { bytes: Uint8Array; name: string; contentType: string }, inline = false) => ({
  'content-type': f.contentType,
  'cache-control': 'private, no-store',
  'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${f.name}"`,
});

/**
 * Routes of the TPP finance documents (issue 17 point 5): thin, one service call each; schemas from
 * src/shared/api/tpp-finance.ts (which lists who may call each).
 */
export function financeRoutes(section: TppFinanceSection): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/tpp/runs/:id/nominative',
      {
        schema: {
          tags,
          summary: 'Daftar nominatif TPP satu perhitungan (XLSX atau PDF; KONSEP sebelum disetujui BKD)',
          params: idParamSchema,
          querystring: nominativeQuerySchema,
        },
      },
      async (request, reply) => {
        const f = await section.nominative(actorOf(request), request.params.id, request.query.format);
        return reply.headers(file(f, request.query.format === 'pdf')).send(Buffer.from(f.bytes));
      },
    );

    app.post(
      '/api/tpp/runs/:id/bank-file',
      {
        schema: {
          tags,
          summary:
            'Berkas transfer bank (CSV) TPP yang sudah disetujui BKD (bendahara/admin keuangan OPD, BKD)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const f = await section.bank(actorOf(request), request.params.id);
        return reply
          .headers(file({ bytes: Buffer.from(f.csv), name: f.name, contentType: 'text/csv; charset=utf-8' }))
          .header('x-row-count', String(f.rows))
          .header('x-total-amount', String(f.sum))
          .send(f.csv);
      },
    );

    app.get(
      '/api/tpp/finance/recap',
      {
        schema: {
          tags,
          summary: 'Rekap TPP per OPD satu bulan (BKD, BPKAD, pimpinan, Inspektorat dalam kewenangannya)',
          querystring: financeRecapQuerySchema,
          response: { 200: financeRecapSchema },
        },
      },
      (request) => section.recap(actorOf(request), request.query),
    );

    app.get(
      '/api/tpp/finance/recap/export',
      {
        schema: {
          tags,
          summary: 'Rekap TPP per OPD satu bulan sebagai XLSX atau CSV',
          querystring: financeRecapExportQuerySchema,
        },
      },
      async (request, reply) => {
        const f = await section.recapExport(actorOf(request), request.query);
        return reply.headers(file(f)).send(f.bytes);
      },
    );

    app.get(
      '/api/tpp/finance/treasurer',
      {
        schema: {
          tags,
          summary:
            'Unit yang bendahara pengeluarannya adalah pengguna ini (bendahara melihat daftar nominatif, ' +
            'membuat berkas transfer setelah disetujui, tanpa mengubah perhitungan)',
          response: { 200: myTreasurerUnitsSchema },
        },
      },
      (request) => section.myTreasurerUnits(actorOf(request)),
    );

    app.get(
      '/api/tpp/treasurers/:unitId',
      {
        schema: {
          tags,
          summary: 'Bendahara pengeluaran OPD yang menandatangani daftar nominatif TPP',
          params: unitParamsSchema,
          response: { 200: treasurerSchema },
        },
      },
      (request) => section.treasurer(actorOf(request), request.params.unitId),
    );

    app.put(
      '/api/tpp/treasurers/:unitId',
      {
        schema: {
          tags,
          summary: 'Tetapkan bendahara pengeluaran OPD (admin OPD, BKD)',
          params: unitParamsSchema,
          body: treasurerSetBodySchema,
          response: { 200: treasurerSchema },
        },
      },
      (request) => section.setTreasurer(actorOf(request), request.params.unitId, request.body),
    );
  };
}
