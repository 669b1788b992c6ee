import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  assessmentCreatedSchema,
  assessmentCreateSchema,
  assessmentListQuerySchema,
  assessmentListSchema,
  competencyAnalyticsQuerySchema,
  competencyAnalyticsSummaryQuerySchema,
  competencyAnalyticsSummarySchema,
  competencyAnalyticsSchema,
  competencyCodeParamSchema,
  competencyDictionarySchema,
  competencyImportFieldsSchema,
  competencyImportReportSchema,
  competencyProfileSchema,
  positionStandardPutSchema,
  positionStandardSchema,
  profileQuerySchema,
  staffListSchema,
  technicalPutSchema,
  trainingBodySchema,
  trainingBudgetPutSchema,
  trainingListSchema,
  trainingNeedsExportParamsSchema,
  trainingNeedsQuerySchema,
  trainingNeedsSchema,
  trainingSchema,
} from '../../../shared/api/competency.ts';
import { AppError } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import { sendExport } from '../../lib/table-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { CompetencyService } from './competency-service.ts';

const tags = ['Kompetensi'];

/** The form fields and the file of an import upload (400 VALIDATION without a file or with a bad field). */
async function importUpload(request: Parameters<typeof readUpload>[0]) {
  const { fields, file } = await readUpload(request, { fields: ['dryRun', 'validOnly'] });
  if (!file)
    throw new AppError('VALIDATION', 'Berkas belum dipilih', [
      { path: 'file', message: 'Berkas belum dipilih' },
    ]);
  const form = competencyImportFieldsSchema.safeParse(fields);
  if (!form.success)
    throw new AppError(
      'VALIDATION',
      'Data yang dikirim tidak valid',
      form.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  return {
    file: { name: file.name, buf: file.buf },
    opts: form.data,
  };
}

const IMPORT_DESCRIPTION =
  'Multipart: file (XLSX/CSV), dryRun (bawaan true: laporan per baris tanpa menulis), validOnly (bawaan false). ' +
  'Simpan (dryRun=false): semua baris benar → ditulis; ada yang salah → 422 IMPORT_INVALID dengan baris, kolom dan ' +
  'alasan, tidak ada yang disimpan, kecuali validOnly=true: hanya baris yang benar yang ditulis.';

/** Routes of Competency (issue 19): thin, one service call each; schemas from the contract (src/shared/api/competency.ts). */
export function competencyRoutes(deps: { competency: CompetencyService }): FastifyPluginAsyncZod {
  const { standards, assessments, training, records, analytics } = deps.competency;
  return async (app) => {
    app.get(
      '/api/competency/analytics',
      {
        schema: {
          tags,
          summary:
            'Analitik kompetensi per OPD: sebaran JPM (pemetaan), kesenjangan per kompetensi, cakupan JP tahun itu',
          description:
            'competency.read (BKD) dalam lingkup; hanya jumlah, tidak menampilkan hasil perorangan.',
          querystring: competencyAnalyticsQuerySchema,
          response: { 200: competencyAnalyticsSchema },
        },
      },
      (request) => analytics.report(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/analytics/summary',
      {
        schema: {
          tags,
          summary: 'Ringkasan kompetensi lingkup: pegawai, yang sudah dinilai, yang mencapai JP tahun itu',
          description: 'competency.read (BKD) dalam lingkup; hanya jumlah.',
          querystring: competencyAnalyticsSummaryQuerySchema,
          response: { 200: competencyAnalyticsSummarySchema },
        },
      },
      (request) => analytics.summary(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/analytics/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor analitik kompetensi per OPD (xlsx/csv)',
          params: trainingNeedsExportParamsSchema,
          querystring: competencyAnalyticsQuerySchema,
        },
      },
      async (request, reply) => {
        const table = await analytics.table(actorOf(request), request.query);
        return sendExport(reply, request.params.format, table);
      },
    );

    app.get(
      '/api/competency/dictionary',
      {
        schema: {
          tags,
          summary:
            'Kamus kompetensi: manajerial dan sosial kultural (rulebook) serta teknis (BKD), level 1–5',
          response: { 200: competencyDictionarySchema },
        },
      },
      (request) => {
        actorOf(request);
        return standards.dictionary();
      },
    );

    app.put(
      '/api/competency/technicals/:code',
      {
        schema: {
          tags,
          summary: 'Tetapkan satu kompetensi teknis dengan uraian level 1–5 (BKD; dicatat di log audit)',
          params: competencyCodeParamSchema,
          body: technicalPutSchema,
          response: { 200: competencyDictionarySchema },
        },
      },
      (request) => standards.putTechnical(actorOf(request), request.params.code, request.body),
    );

    app.get(
      '/api/competency/positions/:id/standard',
      {
        schema: {
          tags,
          summary:
            'Standar kompetensi suatu jabatan: level bawaan jenis jabatan dan level yang ditetapkan BKD',
          params: idParamSchema,
          response: { 200: positionStandardSchema },
        },
      },
      (request) => {
        actorOf(request);
        return standards.standard(request.params.id);
      },
    );

    app.put(
      '/api/competency/positions/:id/standard',
      {
        schema: {
          tags,
          summary:
            'Tetapkan level kompetensi yang disyaratkan suatu jabatan (BKD; menggantikan yang lama; diaudit)',
          description: 'Kode yang tidak ada di kamus: 400 UNKNOWN_COMPETENCY. Level di luar 1–5: 400.',
          params: idParamSchema,
          body: positionStandardPutSchema,
          response: { 200: positionStandardSchema },
        },
      },
      (request) => standards.putStandard(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/competency/standards/import',
      {
        schema: {
          tags,
          summary: 'Impor standar kompetensi jabatan dari XLSX/CSV (kode_jabatan, kode_kompetensi, level)',
          description: IMPORT_DESCRIPTION,
          consumes: ['multipart/form-data'],
          response: { 200: competencyImportReportSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { file, opts } = await importUpload(request);
        return standards.importStandards(actor, file, opts);
      },
    );

    app.post(
      '/api/competency/assessments',
      {
        schema: {
          tags,
          summary: 'Catat hasil asesmen kompetensi seorang pegawai (BKD; dicatat di log audit)',
          description:
            'Ditolak: pegawai tidak dalam masa kerja pada tanggal itu (400 OUT_OF_SERVICE), kode tidak ada di kamus ' +
            '(400 UNKNOWN_COMPETENCY), level di luar 1–5 (400), hasil metode yang sama pada tanggal yang sama (409).',
          body: assessmentCreateSchema,
          response: { 201: assessmentCreatedSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await assessments.record(actorOf(request), request.body)),
    );

    app.post(
      '/api/competency/assessments/import',
      {
        schema: {
          tags,
          summary:
            'Impor hasil asesmen dari XLSX/CSV, satu baris per kompetensi (nip, tanggal, metode, asesor, kode_kompetensi, level, catatan, rekomendasi)',
          description: IMPORT_DESCRIPTION,
          consumes: ['multipart/form-data'],
          response: { 200: competencyImportReportSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { file, opts } = await importUpload(request);
        return assessments.importFile(actor, file, opts);
      },
    );

    app.get(
      '/api/competency/assessments',
      {
        schema: {
          tags,
          summary: 'Hasil asesmen dalam lingkup (BKD) dengan JPM; setiap tampilan dicatat',
          querystring: assessmentListQuerySchema,
          response: { 200: assessmentListSchema },
        },
      },
      (request) => assessments.list(actorOf(request), request.query),
    );

    app.get(
      '/api/competency/me',
      {
        schema: {
          tags,
          summary: 'Kompetensi saya: standar jabatan, hasil asesmen, JPM dan kesenjangan',
          querystring: profileQuerySchema,
          response: { 200: competencyProfileSchema },
        },
      },
      (request) => assessments.mine(actorOf(request), request.query.targetPositionId),
    );

    app.get(
      '/api/competency/employees/:id',
      {
        schema: {
          tags,
          summary: 'Kompetensi seorang pegawai (pegawai itu, atasannya, BKD); setiap tampilan dicatat',
          description:
            'targetPositionId: JPM terhadap jabatan sasaran; jabatan tanpa standar → 400 NO_STANDARD.',
          params: idParamSchema,
          querystring: profileQuerySchema,
          response: { 200: competencyProfileSchema },
        },
      },
      (request) => assessments.profile(actorOf(request), request.params.id, request.query.targetPositionId),
    );

    app.get(
      '/api/competency/staff',
      {
        schema: {
          tags,
          summary: 'Staf langsung saya dengan hasil asesmen terakhir dan jumlah kesenjangan; dicatat',
          response: { 200: staffListSchema },
        },
      },
      (request) => assessments.staff(actorOf(request)),
    );

    app.post(
      '/api/competency/training-records',
      {
        schema: {
          tags,
          summary:
            'Catat pelatihan yang diikuti dengan sertifikatnya (multipart: data = JSON {employeeId, title, provider, startDate, endDate, jp, cost, trainingId}, certificate)',
          description:
            'Pegawai mencatat pelatihannya sendiri; BKD mencatat pelatihan pegawai dalam lingkupnya. Sertifikat wajib, ' +
            'PDF atau gambar menurut isinya (lainnya 415 UNSUPPORTED_FILE, tidak ada yang disimpan).',
          consumes: ['multipart/form-data'],
          response: { 201: assessmentCreatedSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await records.create(actorOf(request), request)),
    );

    app.post(
      '/api/competency/training-records/import',
      {
        schema: {
          tags,
          summary:
            'Impor riwayat pelatihan dari XLSX/CSV (nip, nama_pelatihan, penyelenggara, tanggal_mulai, tanggal_selesai, jp, biaya)',
          description:
            IMPORT_DESCRIPTION +
            ' Baris yang sudah tercatat (pegawai, nama pelatihan dan tanggal mulai sama) ditolak; sertifikat diunggah sesudahnya per catatan.',
          consumes: ['multipart/form-data'],
          response: { 200: competencyImportReportSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { file, opts } = await importUpload(request);
        return records.importFile(actor, file, opts);
      },
    );

    app.put(
      '/api/competency/training-records/:id/certificate',
      {
        schema: {
          tags,
          summary:
            'Unggah sertifikat untuk catatan pelatihan yang belum memilikinya (multipart: certificate)',
          description:
            'Pegawai itu sendiri atau BKD dalam lingkupnya. PDF atau gambar menurut isinya (lainnya 415 ' +
            'UNSUPPORTED_FILE); catatan yang sudah bersertifikat: 409 CERTIFICATE_EXISTS, sertifikat lama tetap.',
          consumes: ['multipart/form-data'],
          params: idParamSchema,
          response: { 200: assessmentCreatedSchema },
        },
      },
      async (request) => records.attachCertificate(actorOf(request), request.params.id, request),
    );

    app.get(
      '/api/competency/training-records/:id/certificate',
      {
        schema: {
          tags,
          summary: 'Sertifikat pelatihan (pegawai itu, atasannya, BKD); setiap tampilan dicatat',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const f = await records.certificate(actorOf(request), request.params.id);
        return reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(Buffer.from(f.bytes));
      },
    );

    app.get(
      '/api/competency/trainings',
      {
        schema: {
          tags,
          summary: 'Katalog pengembangan kompetensi (diklat, kursus, coaching, mentoring, studi mitra)',
          response: { 200: trainingListSchema },
        },
      },
      (request) => {
        actorOf(request);
        return training.list();
      },
    );

    app.post(
      '/api/competency/trainings',
      {
        schema: {
          tags,
          summary: 'Tambah pelatihan ke katalog (BKD; dicatat di log audit)',
          description: 'Kode kompetensi yang tidak ada di kamus: 400 UNKNOWN_COMPETENCY.',
          body: trainingBodySchema,
          response: { 201: trainingSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await training.save(actorOf(request), request.body)),
    );

    app.put(
      '/api/competency/trainings/:id',
      {
        schema: {
          tags,
          summary: 'Ubah atau nonaktifkan pelatihan katalog (BKD; dicatat di log audit)',
          params: idParamSchema,
          body: trainingBodySchema,
          response: { 200: trainingSchema },
        },
      },
      (request) => training.save(actorOf(request), request.body, request.params.id),
    );

    app.put(
      '/api/competency/training-budgets',
      {
        schema: {
          tags,
          summary: 'Tetapkan anggaran pengembangan kompetensi OPD per tahun (BKD; dicatat di log audit)',
          body: trainingBudgetPutSchema,
          response: { 200: z.object({ amount: z.number().int() }) },
        },
      },
      (request) => training.setBudget(actorOf(request), request.body),
    );

    app.get(
      '/api/competency/training-needs',
      {
        schema: {
          tags,
          summary:
            'Analisis kebutuhan diklat OPD per tahun: pelatihan, peserta, biaya terhadap anggaran (dicatat)',
          querystring: trainingNeedsQuerySchema,
          response: { 200: trainingNeedsSchema },
        },
      },
      (request) => training.needs(actorOf(request), request.query.unitId, request.query.year),
    );

    app.get(
      '/api/competency/training-needs/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor analisis kebutuhan diklat OPD (xlsx atau csv) untuk perencanaan (dicatat)',
          params: trainingNeedsExportParamsSchema,
          querystring: trainingNeedsQuerySchema,
        },
      },
      async (request, reply) => {
        const table = await training.needsTable(actorOf(request), request.query.unitId, request.query.year);
        return sendExport(reply, request.params.format, table);
      },
    );
  };
}
