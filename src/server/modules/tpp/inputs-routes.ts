import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  bankAccountSetSchema,
  budgetListQuerySchema,
  budgetListSchema,
  budgetSchema,
  budgetSetSchema,
  employeePaySchema,
  exclusionCodesQuerySchema,
  exclusionCodesSchema,
  exclusionCreateSchema,
  exclusionEndSchema,
  exclusionListQuerySchema,
  exclusionListSchema,
  exclusionSchema,
  payImportFieldsSchema,
  payImportReportSchema,
  payListQuerySchema,
  payListSchema,
  salaryAddSchema,
  tariffImportFieldsSchema,
  tariffImportReportSchema,
  tariffTableCreateSchema,
  tariffTableListQuerySchema,
  tariffTableListSchema,
  tariffTableSchema,
} from '../../../shared/api/tpp-inputs.ts';
import { requireAny } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import { attachment } from '../../lib/send-export.ts';
import { actorOf } from '../../plugins/session.ts';
import type { TppInputsSection } from './inputs-service.ts';

const tags = ['TPP'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The uploaded file, or 400 VALIDATION when none was sent. */
function uploadedFile(file: Awaited<ReturnType<typeof readUpload>>['file']) {
  if (!file)
    throw new AppError('VALIDATION', 'Berkas belum dipilih', [
      { path: 'file', message: 'Berkas belum dipilih' },
    ]);
  return file;
}

/** The form fields of an upload, checked with `schema` (400 VALIDATION naming the field). */
function formFields<S extends z.ZodType>(schema: S, fields: Record<string, string>): z.output<S> {
  const r = schema.safeParse(fields);
  if (r.success) return r.data;
  throw new AppError(
    'VALIDATION',
    'Data yang dikirim tidak valid',
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/**
 * Routes of the TPP inputs section under /api/tpp (issue 17 point 1): thin, one service call each; contracts in
 * src/shared/api/tpp-inputs.ts (its header lists who may call each route).
 */
export function inputsRoutes(inputs: TppInputsSection): FastifyPluginAsyncZod {
  const { tariffs, budgets, pay, exclusions } = inputs;
  return async (app) => {
    // ---------------------------------------------------------------- tariffs
    app.get(
      '/api/tpp/tariff-tables',
      {
        schema: {
          tags,
          summary: 'Tabel besaran TPP per tahun (Perkada) beserta barisnya',
          querystring: tariffTableListQuerySchema,
          response: { 200: tariffTableListSchema },
        },
      },
      (request) => tariffs.list(actorOf(request), request.query),
    );

    app.post(
      '/api/tpp/tariff-tables',
      {
        schema: {
          tags,
          summary: 'Tetapkan tabel besaran TPP suatu tahun (BKD); menggantikan tabel yang berlaku',
          description:
            'Baris: kelas 1–17 × kriteria, opsional kelompok jabatan (jenis jabatan) atau unit. Ditolak bila ada ' +
            'besaran negatif atau bukan rupiah bulat, baris ganda, kriteria/unit/kelompok tidak dikenal, atau kelas ' +
            'jabatan yang dipakai tanpa besaran (details menyebut setiap baris).',
          body: tariffTableCreateSchema,
          response: { 201: tariffTableSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await tariffs.create(actorOf(request), request.body)),
    );

    app.post(
      '/api/tpp/tariff-tables/import',
      {
        schema: {
          tags,
          summary:
            'Impor tabel besaran TPP dari XLSX/CSV (multipart: file, year, perkadaRef, perkadaDate, note, dryRun)',
          description:
            'Kolom: kelas, kriteria, kelompok_jabatan, unit (kode), besaran. dryRun=true (bawaan): laporan per ' +
            'baris tanpa menulis. dryRun=false: tabel disimpan (201) bila semua baris benar; bila ada yang salah, ' +
            'tidak ada yang disimpan: 422 IMPORT_INVALID dengan daftar kesalahan (baris, kolom, alasan).',
          consumes: ['multipart/form-data'],
          response: { 200: tariffImportReportSchema, 201: tariffImportReportSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await tariffs.requireManager(actor);
        const { fields, file } = await readUpload(request, {
          fields: ['year', 'perkadaRef', 'perkadaDate', 'note', 'dryRun'],
          maxBytes: tariffs.columns().maxBytes,
        });
        const form = formFields(tariffImportFieldsSchema, fields);
        const f = uploadedFile(file);
        const report = await tariffs.importFile(actor, f.name, f.buf, form);
        return reply.status(report.committed ? 201 : 200).send(report);
      },
    );

    app.get(
      '/api/tpp/tariff-tables/:id',
      {
        schema: {
          tags,
          summary: 'Satu tabel besaran TPP',
          params: idParamSchema,
          response: { 200: tariffTableSchema },
        },
      },
      (request) => tariffs.get(actorOf(request), request.params.id),
    );

    app.get(
      '/api/tpp/tariff-tables/:id/export',
      {
        schema: {
          tags,
          summary: 'Unduh tabel besaran TPP sebagai XLSX (kolom yang sama dengan impor)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const out = await tariffs.exportXlsx(actorOf(request), request.params.id);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment(out.fileName))
          .send(out.buf);
      },
    );

    // ---------------------------------------------------------------- budgets
    app.get(
      '/api/tpp/budgets',
      {
        schema: {
          tags,
          summary: 'Pagu TPP per OPD dan tahun dalam lingkup Anda',
          querystring: budgetListQuerySchema,
          response: { 200: budgetListSchema },
        },
      },
      (request) => budgets.list(actorOf(request), request.query),
    );

    app.put(
      '/api/tpp/budgets',
      {
        schema: {
          tags,
          summary: 'Tetapkan atau ganti pagu TPP satu OPD untuk satu tahun, dengan nomor DPA (BKD)',
          body: budgetSetSchema,
          response: { 200: budgetSchema },
        },
      },
      (request) => budgets.set(actorOf(request), request.body),
    );

    // ---------------------------------------------------------------- pay data
    app.get(
      '/api/tpp/pay',
      {
        schema: {
          tags,
          summary: 'Gaji pokok yang berlaku dan rekening pegawai dalam lingkup Anda',
          querystring: payListQuerySchema,
          response: { 200: payListSchema },
        },
      },
      (request) => pay.list(actorOf(request), request.query),
    );

    app.post(
      '/api/tpp/pay/import',
      {
        schema: {
          tags,
          summary: 'Impor gaji pokok dan rekening dari XLSX/CSV (multipart: file, dryRun)',
          description:
            'Kolom: nip, gaji_pokok, berlaku_mulai, dasar, bank, nomor_rekening, nama_pemilik, npwp. dryRun=true ' +
            '(bawaan): laporan per baris tanpa menulis. dryRun=false: semua baris ditulis (201) atau, bila ada ' +
            'yang salah, tidak ada: 422 IMPORT_INVALID dengan daftar kesalahan. tpp.run atas setiap pegawai.',
          consumes: ['multipart/form-data'],
          response: { 200: payImportReportSchema, 201: payImportReportSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        requireAny(actor, 'tpp.run');
        const { fields, file } = await readUpload(request, {
          fields: ['dryRun'],
          maxBytes: pay.columns().maxBytes,
        });
        const form = formFields(payImportFieldsSchema, fields);
        const f = uploadedFile(file);
        const report = await pay.importFile(actor, f.name, f.buf, form.dryRun);
        return reply.status(report.committed ? 201 : 200).send(report);
      },
    );

    app.get(
      '/api/tpp/employees/:id/pay',
      {
        schema: {
          tags,
          summary:
            'Riwayat gaji pokok dan rekening seorang pegawai (pegawai sendiri atau pembaca TPP unitnya)',
          params: idParamSchema,
          response: { 200: employeePaySchema },
        },
      },
      (request) => pay.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/tpp/employees/:id/salaries',
      {
        schema: {
          tags,
          summary: 'Catat gaji pokok yang berlaku mulai suatu tanggal (tanggal yang sama: koreksi)',
          params: idParamSchema,
          body: salaryAddSchema,
          response: { 201: employeePaySchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await pay.addSalary(actorOf(request), request.params.id, request.body)),
    );

    app.put(
      '/api/tpp/employees/:id/bank-account',
      {
        schema: {
          tags,
          summary: 'Catat rekening bank (dan NPWP) tujuan transfer TPP pegawai',
          params: idParamSchema,
          body: bankAccountSetSchema,
          response: { 200: employeePaySchema },
        },
      },
      (request) => pay.setBankAccount(actorOf(request), request.params.id, request.body),
    );

    // ---------------------------------------------------------------- exclusions
    app.get(
      '/api/tpp/exclusions',
      {
        schema: {
          tags,
          summary: 'Pegawai yang dikecualikan dari TPP (per unit, bulan, kode) dalam lingkup Anda',
          querystring: exclusionListQuerySchema,
          response: { 200: exclusionListSchema },
        },
      },
      (request) => exclusions.list(actorOf(request), request.query),
    );

    app.get(
      '/api/tpp/exclusions/codes',
      {
        schema: {
          tags,
          summary: 'Kode pengecualian TPP menurut buku aturan yang berlaku pada tanggal (bawaan: hari ini)',
          querystring: exclusionCodesQuerySchema,
          response: { 200: exclusionCodesSchema },
        },
      },
      (request) => exclusions.codes(actorOf(request), request.query.date),
    );

    app.post(
      '/api/tpp/exclusions',
      {
        schema: {
          tags,
          summary:
            'Catat pengecualian TPP seorang pegawai untuk suatu periode, dengan alasan dan nomor keputusan',
          body: exclusionCreateSchema,
          response: { 201: exclusionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await exclusions.record(actorOf(request), request.body)),
    );

    app.post(
      '/api/tpp/exclusions/:id/end',
      {
        schema: {
          tags,
          summary: 'Akhiri pengecualian TPP (tanggal akhir berlaku)',
          params: idParamSchema,
          body: exclusionEndSchema,
          response: { 200: exclusionSchema },
        },
      },
      (request) => exclusions.end(actorOf(request), request.params.id, request.body),
    );
  };
}
