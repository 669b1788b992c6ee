import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema } from '../../../shared/api/common.ts';
import {
  awardIdParamSchema,
  awardListSchema,
  awardsQuerySchema,
  committeeSchema,
  decisionSchema,
  figureListSchema,
  nominationCreateSchema,
  nominationListSchema,
  periodCreatedSchema,
  periodCreateSchema,
  periodIdParamSchema,
  periodListQuerySchema,
  periodListSchema,
  periodSchema,
  publicNominationCreateSchema,
  rankingExportParamsSchema,
  rankingExportQuerySchema,
  rankingQuerySchema,
  rankingSchema,
} from '../../../shared/api/teladan.ts';
import { sendTable } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TeladanService } from './teladan-service.ts';

const tags = ['ASN teladan'];

/** Routes of ASN teladan: thin, one service call each; schemas from the contract (src/shared/api/teladan.ts). */
export function teladanRoutes(deps: { teladan: TeladanService }): FastifyPluginAsyncZod {
  const { periods, review, awards } = deps.teladan;
  return async (app) => {
    app.get(
      '/api/teladan/figures',
      {
        schema: {
          tags,
          summary: 'Daftar angka yang dapat dirujuk kriteria ASN teladan',
          response: { 200: figureListSchema },
        },
      },
      () => periods.figures(),
    );

    app.get(
      '/api/teladan/periods',
      {
        schema: {
          tags,
          summary: 'Periode penghargaan ASN teladan',
          querystring: periodListQuerySchema,
          response: { 200: periodListSchema },
        },
      },
      (request) => periods.list(actorOf(request), request.query),
    );

    app.post(
      '/api/teladan/periods',
      {
        schema: {
          tags,
          summary:
            'Tetapkan periode dan kriteria (teladan.manage). Kriteria tidak valid: 422 RULES_INVALID, tidak ada yang disimpan',
          body: periodCreateSchema,
          response: { 201: periodCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await periods.create(actorOf(request), request.body)),
    );

    app.get(
      '/api/teladan/periods/:id',
      {
        schema: {
          tags,
          summary: 'Satu periode',
          params: periodIdParamSchema,
          response: { 200: periodSchema },
        },
      },
      (request) => periods.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/teladan/periods/:id/committee',
      {
        schema: {
          tags,
          summary: 'Tetapkan tim penilai periode (teladan.manage)',
          params: periodIdParamSchema,
          body: committeeSchema,
          response: { 200: periodSchema },
        },
      },
      (request) => periods.setCommittee(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/teladan/periods/:id/ranking',
      {
        schema: {
          tags,
          summary: 'Peringkat calon (dihitung saat dibaca selama draf; tersimpan setelah penilaian dimulai)',
          params: periodIdParamSchema,
          querystring: rankingQuerySchema,
          response: { 200: rankingSchema },
        },
      },
      (request) => review.ranking(actorOf(request), request.params.id, request.query),
    );

    app.get(
      '/api/teladan/periods/:id/ranking/export.:format',
      {
        schema: {
          tags,
          summary:
            'Ekspor peringkat calon (xlsx atau csv) dengan saringan yang sama: setiap kriteria, skor, alasan pengecualian, keputusan',
          params: rankingExportParamsSchema,
          querystring: rankingExportQuerySchema,
        },
      },
      async (request, reply) => {
        const table = await review.rankingTable(actorOf(request), request.params.id, request.query);
        return sendTable(
          reply,
          request.params.format,
          table.fileBase,
          'Peringkat ASN teladan',
          table.columns,
          table.rows,
        );
      },
    );

    app.post(
      '/api/teladan/periods/:id/review',
      {
        schema: {
          tags,
          summary: 'Mulai penilaian: peringkat dan angkanya disimpan (tim penilai atau BKD)',
          params: periodIdParamSchema,
          response: { 200: z.object({ ranked: z.number(), excluded: z.number() }) },
        },
      },
      (request) => review.startReview(actorOf(request), request.params.id),
    );

    app.post(
      '/api/teladan/periods/:id/decisions',
      {
        schema: {
          tags,
          summary: 'Keputusan dan catatan tim penilai atas seorang calon (anggota tim penilai)',
          params: periodIdParamSchema,
          body: decisionSchema,
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      (request) => review.decide(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/teladan/periods/:id/publish',
      {
        schema: {
          tags,
          summary: 'Umumkan pemenang (ketua tim penilai): penghargaan dicatat dan pemenang diberi tahu',
          params: periodIdParamSchema,
          response: { 200: z.object({ awards: z.number() }) },
        },
      },
      (request) => review.publish(actorOf(request), request.params.id),
    );

    app.get(
      '/api/teladan/periods/:id/nominations',
      {
        schema: {
          tags,
          summary: 'Usulan calon periode ini (dalam lingkup pemanggil)',
          params: periodIdParamSchema,
          querystring: pageQuerySchema,
          response: { 200: nominationListSchema },
        },
      },
      (request) => periods.nominations(actorOf(request), request.params.id, request.query),
    );

    app.post(
      '/api/teladan/periods/:id/nominations',
      {
        schema: {
          tags,
          summary: 'Usulan atasan langsung atas bawahannya, dengan alasan',
          params: periodIdParamSchema,
          body: nominationCreateSchema,
          response: { 201: periodCreatedSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await periods.nominate(actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/teladan/periods/:id/public-nominations',
      {
        schema: {
          tags,
          summary: 'Catat usulan masyarakat dari saluran lain (teladan.manage)',
          params: periodIdParamSchema,
          body: publicNominationCreateSchema,
          response: { 201: periodCreatedSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await periods.recordPublic(actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/teladan/awards',
      {
        schema: {
          tags,
          summary: 'Penghargaan ASN teladan seorang pegawai (bawaan: milik sendiri)',
          querystring: awardsQuerySchema,
          response: { 200: awardListSchema },
        },
      },
      (request) => awards.list(actorOf(request), request.query),
    );

    app.get(
      '/api/teladan/awards/:id/certificate',
      { schema: { tags, summary: 'Piagam penghargaan (PDF)', params: awardIdParamSchema } },
      async (request, reply) => {
        const { pdf, fileName } = await awards.certificate(actorOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(pdf);
      },
    );
  };
}
