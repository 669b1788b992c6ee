import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import {
  adjustmentListSchema,
  closeMonthBodySchema,
  closeMonthResultSchema,
  closingStatusSchema,
  codeDistributionSchema,
  employeeExportQuerySchema,
  employeeMonthQuerySchema,
  employeeMonthSchema,
  heatmapSchema,
  queueMissingBodySchema,
  queueMissingResultSchema,
  recapUnitQuerySchema,
  reopenMonthBodySchema,
  reopenMonthResultSchema,
  trendQuerySchema,
  trendSchema,
  unitExportQuerySchema,
  unitMonthQuerySchema,
  unitRecapQuerySchema,
  unitRecapSchema,
  warningListSchema,
} from '../../../shared/api/recap.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import type { RecapService } from './recap-service.ts';
import { employeeCsv, employeePdf, employeeXlsx, unitExportSpec } from './recap-export.ts';
import { jobSchema } from '../../../shared/api/jobs.ts';
import { sendExport } from '../../lib/send-export.ts';
import type { JobService } from '../jobs/job-service.ts';

const tags = ['Rekap bulanan'];

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

function sendFile(reply: FastifyReply, fmt: keyof typeof CONTENT_TYPES, base: string, body: Buffer | string) {
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-');
  return reply
    .header('content-type', CONTENT_TYPES[fmt])
    .header('content-disposition', `attachment; filename="${safe}.${fmt}"`)
    .send(body);
}

export function recapRoutes({
  recap,
  jobs,
}: {
  recap: RecapService;
  jobs: JobService;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/recap/employee',
      {
        schema: {
          tags,
          summary: 'Rekap bulanan seorang pegawai: kalender kode per hari dengan alasannya, dan jumlahnya',
          description:
            'Pegawai sendiri (tanpa employeeId), atasan (termasuk Plt/Plh) atau attendance.read dalam lingkup. ' +
            'Hanya membaca: hari yang belum tersimpan dihitung di memori (provisional); hari sebelum unit mulai ' +
            'tercatat di Abdi atau di luar masa tugas ada di noData ("Belum ada data"), bukan TK.',
          querystring: employeeMonthQuerySchema,
          response: { 200: employeeMonthSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const id = request.query.employeeId ?? actor.employeeId;
        if (!id)
          throw new AppError('VALIDATION', 'Sebutkan pegawai', [
            { path: 'employeeId', message: 'Sebutkan pegawai' },
          ]);
        return recap.employeeMonth(actor, id, request.query.month);
      },
    );

    app.get(
      '/api/recap/employee/export',
      {
        schema: {
          tags,
          summary: 'Unduh kalender bulanan seorang pegawai (XLSX, PDF atau CSV)',
          querystring: employeeExportQuerySchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = request.query.employeeId ?? actor.employeeId;
        if (!id)
          throw new AppError('VALIDATION', 'Sebutkan pegawai', [
            { path: 'employeeId', message: 'Sebutkan pegawai' },
          ]);
        const d = await recap.employeeExportData(actor, id, request.query.month);
        const fmt = request.query.format;
        const base = `rekap-${d.employee.nip ?? d.employee.id}-${d.month}`;
        const body =
          fmt === 'csv' ? employeeCsv(d) : fmt === 'xlsx' ? await employeeXlsx(d) : await employeePdf(d);
        return sendFile(reply, fmt, base, body);
      },
    );

    app.get(
      '/api/recap/units',
      {
        schema: {
          tags,
          summary:
            'Rekap bulanan unit: satu baris per pegawai (cari nama/NIP, filter unit beserta bawahannya)',
          description:
            'attendance.read dalam lingkup (tanpa unitId: puncak lingkup); atasan tanpa lingkup melihat bawahannya.',
          querystring: unitRecapQuerySchema,
          response: { 200: unitRecapSchema },
        },
      },
      async (request) => recap.listUnit(actorOf(request), request.query),
    );

    app.get(
      '/api/recap/export',
      {
        schema: {
          tags,
          summary: 'Unduh rekap kehadiran unit (format rekap absensi: XLSX, PDF atau CSV)',
          description:
            'Dibuat di thread pekerja tanpa menahan permintaan lain. Untuk unit besar gunakan ' +
            'POST /api/recap/export-jobs (kemajuan dan unduhan saat selesai).',
          querystring: unitExportQuerySchema,
        },
      },
      async (request, reply) => {
        const q = request.query;
        const source = await recap.unitExportSource(actorOf(request), q.unitId, q.month);
        return sendExport(reply, jobs, unitExportSpec(source, q.format));
      },
    );

    app.post(
      '/api/recap/export-jobs',
      {
        schema: {
          tags,
          summary: 'Mulai ekspor rekap unit sebagai pekerjaan latar (202); pantau di /api/jobs/:id',
          description:
            'Kewenangan sama dengan unduhan langsung (attendance.read dalam lingkup), diperiksa sebelum pekerjaan dicatat.',
          querystring: unitExportQuerySchema,
          response: { 202: jobSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = request.query;
        const source = await recap.unitExportSource(actor, q.unitId, q.month);
        return reply.status(202).send(await jobs.start(actor, unitExportSpec(source, q.format)));
      },
    );

    app.get(
      '/api/recap/adjustments',
      {
        schema: {
          tags,
          summary: 'Penyesuaian dari bulan yang sudah ditutup yang dibawa ke bulan ini',
          querystring: unitMonthQuerySchema,
          response: { 200: adjustmentListSchema },
        },
      },
      async (request) => recap.unitAdjustments(actorOf(request), request.query.unitId, request.query.month),
    );

    app.get(
      '/api/recap/closing',
      {
        schema: {
          tags,
          summary:
            'Status penutupan bulan unit: ditutup oleh siapa dan kapan, keutuhan data, yang masih menunggu',
          querystring: unitMonthQuerySchema,
          response: { 200: closingStatusSchema },
        },
      },
      async (request) => recap.closingStatus(actorOf(request), request.query.unitId, request.query.month),
    );

    app.post(
      '/api/recap/closing/close',
      {
        schema: {
          tags,
          summary: 'Tutup bulan unit (admin OPD, setelah masa tinjau): rekap dibekukan dengan hash SHA-256',
          description:
            'Ditolak (409, dengan daftar butir di details) selama bulan belum lengkap: hari yang belum tersimpan ' +
            'atau masih antre, presensi bertanda yang belum ditinjau, pengajuan yang belum diputuskan. Butir yang ' +
            'menurut rulebook boleh dikecualikan (attendance.monthClosing.waivable) dapat dibiarkan dengan alasan ' +
            'per butir di waivers (diaudit).',
          body: closeMonthBodySchema,
          response: { 200: closeMonthResultSchema },
        },
      },
      async (request) =>
        recap.close(actorOf(request), request.body.unitId, request.body.month, request.body.waivers),
    );

    app.post(
      '/api/recap/closing/queue-missing',
      {
        schema: {
          tags,
          summary:
            'Antrekan hari yang belum tersimpan pada bulan unit (yang berwenang menutup, selama bulan belum ditutup) agar dihitung oleh pekerja status',
          body: queueMissingBodySchema,
          response: { 200: queueMissingResultSchema },
        },
      },
      async (request) => recap.queueMissingDays(actorOf(request), request.body.unitId, request.body.month),
    );

    app.post(
      '/api/recap/closing/reopen',
      {
        schema: {
          tags,
          summary: 'Buka kembali bulan yang ditutup (BKD / super admin) dengan alasan',
          body: reopenMonthBodySchema,
          response: { 200: reopenMonthResultSchema },
        },
      },
      async (request) =>
        recap.reopen(actorOf(request), request.body.unitId, request.body.month, request.body.reason),
    );

    app.get(
      '/api/recap/warnings',
      {
        schema: {
          tags,
          summary:
            'Peringatan dini: pegawai yang mendekati ambang hukuman disiplin (PP 94/2021 Pasal 4 huruf f)',
          querystring: recapUnitQuerySchema,
          response: { 200: warningListSchema },
        },
      },
      async (request) => recap.warnings(actorOf(request), request.query),
    );

    app.get(
      '/api/recap/charts/heatmap',
      {
        schema: {
          tags,
          summary: 'Kepatuhan per sub-unit dan hari: bagian pegawai yang hadir tepat waktu pada hari kerja',
          querystring: recapUnitQuerySchema,
          response: { 200: heatmapSchema },
        },
      },
      async (request) => recap.heatmap(actorOf(request), request.query),
    );

    app.get(
      '/api/recap/charts/trend',
      {
        schema: {
          tags,
          summary: 'Tren bulanan unit (kepatuhan, TK, menit terlambat)',
          querystring: trendQuerySchema,
          response: { 200: trendSchema },
        },
      },
      async (request) => recap.trend(actorOf(request), request.query),
    );

    app.get(
      '/api/recap/charts/codes',
      {
        schema: {
          tags,
          summary: 'Sebaran kode status harian unit dalam sebulan',
          querystring: recapUnitQuerySchema,
          response: { 200: codeDistributionSchema },
        },
      },
      async (request) => recap.codes(actorOf(request), request.query),
    );
  };
}
