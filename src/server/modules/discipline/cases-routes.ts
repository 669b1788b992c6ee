import type { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/authz.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  absenceBodySchema,
  caseListQuerySchema,
  casePageSchema,
  caseViewSchema,
  endBodySchema,
  examinationBodySchema,
  openCaseBodySchema,
  optionsQuerySchema,
  caseOptionsSchema,
  reliefBodySchema,
  reportBodySchema,
  summonsBodySchema,
  teamBodySchema,
  telaahBodySchema,
  type CaseView,
} from '../../../shared/api/discipline-cases.ts';
import { actorOf } from '../../plugins/session.ts';
import type { DisciplineService } from './discipline-service.ts';

const tags = ['Disiplin: kasus'];

/**
 * Routes of the discipline module, section cases (procedure): thin, one service call each; schemas from
 * src/shared/api/discipline-cases.ts.
 */
export function casesRoutes(discipline: DisciplineService): FastifyPluginAsyncZod {
  const cases = discipline.cases;
  return async (app) => {
    app.get(
      '/api/discipline/options',
      {
        schema: {
          tags,
          summary:
            'Pilihan untuk formulir: katalog pelanggaran dan jenis hukuman menurut jalur pegawai (aturan hari ini, atau salinan aturan kasus)',
          querystring: optionsQuerySchema,
          response: { 200: caseOptionsSchema },
        },
      },
      (request) => cases.options(actorOf(request), request.query),
    );

    app.get(
      '/api/discipline/cases',
      {
        schema: {
          tags,
          summary:
            'Kasus disiplin yang boleh dilihat pemanggil (pihak kasus, atau kewenangan disiplin di lingkupnya)',
          querystring: caseListQuerySchema,
          response: { 200: casePageSchema },
        },
      },
      (request) => cases.list(actorOf(request), request.query),
    );

    app.post(
      '/api/discipline/cases',
      {
        schema: {
          tags,
          summary:
            'Buka kasus disiplin secara manual (inspeksi, pengaduan, netralitas, pelanggaran lain): atasan langsung atau pemegang discipline.read',
          body: openCaseBodySchema,
          response: { 201: caseViewSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await cases.open(actorOf(request), request.body)),
    );

    app.get(
      '/api/discipline/cases/:id',
      {
        schema: {
          tags,
          summary:
            'Tampilan kasus: tahap, langkah berikutnya dan batas waktunya, linimasa, tim, panggilan, BAP, tindakan',
          params: idParamSchema,
          response: { 200: caseViewSchema },
        },
      },
      (request) => cases.get(actorOf(request), request.params.id),
    );

    /** A step of the procedure: POST /cases/:id/<path> with its body, answering the case view. */
    const step = <S extends z.ZodType>(
      path: string,
      summary: string,
      body: S,
      run: (actor: Actor, id: string, b: z.output<S>) => Promise<CaseView>,
    ) =>
      app.post(
        `/api/discipline/cases/:id/${path}`,
        { schema: { tags, summary, params: idParamSchema, body, response: { 200: caseViewSchema } } },
        (request) => run(actorOf(request), request.params.id, request.body as z.output<S>),
      );

    step(
      'telaah',
      'Telaah: tentukan pemeriksa (atasan/tim) dan dugaan tingkat hukuman',
      telaahBodySchema,
      cases.telaah,
    );
    step('team', 'Catat SK tim pemeriksa (BKD)', teamBodySchema, cases.formTeam);
    step('summons', 'Terbitkan surat panggilan I atau II', summonsBodySchema, cases.summon);
    step(
      'absence',
      'Catat ketidakhadiran pegawai pada tanggal pemeriksaan',
      absenceBodySchema,
      cases.recordAbsence,
    );
    step('examination', 'Catat berita acara pemeriksaan (BAP)', examinationBodySchema, cases.examine);
    step(
      'relief',
      'Bebaskan sementara dari tugas jabatan dengan Plh (dugaan berat)',
      reliefBodySchema,
      cases.relieve,
    );
    step(
      'report',
      'Laporan hasil pemeriksaan kepada pejabat yang berwenang menghukum',
      reportBodySchema,
      cases.report,
    );
    step('end', 'Hentikan kasus tanpa hukuman', endBodySchema, cases.end);
  };
}
