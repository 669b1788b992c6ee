import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { pageQuerySchema, searchText, text, yearMonth } from '../../../shared/api/common.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/session.ts';
import type { RecapService } from './recap-service.ts';
import { employeeCsv, employeePdf, employeeXlsx, unitExportSpec } from './recap-export.ts';
import { jobSchema } from '../../../shared/api/jobs.ts';
import { CLOSING_ITEM_KINDS } from '../../../core/recap/closing-check.ts';
import { sendExport } from '../jobs/job-routes.ts';
import type { JobService } from '../jobs/job-service.ts';

const tags = ['Rekap bulanan'];

const month = yearMonth;
const format = z.enum(['xlsx', 'pdf', 'csv']);
const counts = z.record(z.string(), z.number());

export const recapRowSchema = z.object({
  employeeId: z.string(),
  month: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  positionName: z.string().nullable(),
  recordedDays: z.number(),
  workingDays: z.number(),
  codeCounts: counts,
  lateMinutes: z.number(),
  earlyMinutes: z.number(),
  tl1: z.number(),
  tl2: z.number(),
  tl3: z.number(),
  tl4: z.number(),
  psw1: z.number(),
  psw2: z.number(),
  psw3: z.number(),
  psw4: z.number(),
  missingIn: z.number(),
  missingOut: z.number(),
  onTimeDays: z.number(),
  tkDays: z.number(),
  minutesPerDay: z.number(),
  tkEquivalentDays: z.number(),
  wfoDays: z.number(),
  wfhDays: z.number(),
  wfaDays: z.number(),
  apelTarget: z.number(),
  apelAttended: z.number(),
  apelPercent: z.number().nullable(),
  adjustmentCount: z.number(),
  adjustmentDelta: counts,
  computedAt: z.string(),
});

const closingSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    closedAt: z.string(),
    closedByName: z.string().nullable(),
    contentHash: z.string().nullable(),
  })
  .nullable();

const adjustmentSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  localDate: z.string(),
  monthClosed: z.string(),
  carriedToMonth: z.string(),
  oldCode: z.string().nullable(),
  newCode: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

const unitQuery = z.object({ unitId: z.string().uuid().optional(), month });
const unitMonthBody = z.object({ unitId: z.string().uuid(), month });

const closingItemKind = z.enum(CLOSING_ITEM_KINDS);
/** One thing missing or pending in a unit-month (src/core/recap/closing-check.ts). */
const closingItemSchema = z.object({
  kind: closingItemKind,
  ref: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  dates: z.array(z.string()),
  count: z.number(),
  label: z.string(),
  waivable: z.boolean(),
});
/** What a closing status and a refusal to close list: counts per kind and the first items. */
export const closingItemsSchema = z.object({
  complete: z.boolean(),
  counts: z.record(closingItemKind, z.number()),
  total: z.number(),
  items: z.array(closingItemSchema),
});

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
          querystring: z.object({ employeeId: z.string().uuid().optional(), month }),
          response: {
            200: z.object({
              employee: z.object({
                id: z.string(),
                nip: z.string().nullable(),
                name: z.string(),
                positionName: z.string().nullable(),
                unitId: z.string(),
                unitName: z.string(),
                timeZone: z.string(),
              }),
              month: z.string(),
              closing: closingSchema,
              recap: recapRowSchema.nullable(),
              /** The figures were computed for this answer (some day not stored yet), not read from storage. */
              recapProvisional: z.boolean(),
              days: z.array(
                z.object({
                  localDate: z.string(),
                  code: z.string(),
                  lateBand: z.string().nullable(),
                  earlyBand: z.string().nullable(),
                  lateMinutes: z.number(),
                  earlyMinutes: z.number(),
                  missingCheckIn: z.boolean(),
                  missingCheckOut: z.boolean(),
                  workLocation: z.string().nullable(),
                  nonWorkingDay: z.boolean(),
                  reasons: z.array(z.string()),
                  provisional: z.boolean(),
                }),
              ),
              noData: z.array(z.object({ localDate: z.string(), reason: z.string() })),
              adjustments: z.array(adjustmentSchema),
            }),
          },
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
          querystring: z.object({ employeeId: z.string().uuid().optional(), month, format }),
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
          querystring: pageQuerySchema.extend({
            month,
            unitId: z.string().uuid().optional(),
            q: searchText.optional(),
          }),
          response: {
            200: z.object({
              mode: z.enum(['unit', 'staff']),
              unit: z.object({ id: z.string(), name: z.string(), code: z.string() }).nullable(),
              closing: closingSchema,
              items: z.array(recapRowSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
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
          querystring: z.object({ unitId: z.string().uuid(), month, format }),
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
          querystring: z.object({ unitId: z.string().uuid(), month, format }),
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
          querystring: z.object({ unitId: z.string().uuid(), month }),
          response: { 200: z.object({ items: z.array(adjustmentSchema) }) },
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
          querystring: z.object({ unitId: z.string().uuid(), month }),
          response: {
            200: z.object({
              unitId: z.string(),
              month: z.string(),
              opensOn: z.string(),
              canCloseNow: z.boolean(),
              closing: closingSchema,
              intact: z.boolean().nullable(),
              pending: z.object({ flaggedPunches: z.number(), queuedDays: z.number(), requests: z.number() }),
              missingDays: z.number(),
              ...closingItemsSchema.shape,
              /** What the rulebook lets the closer leave open with a reason per item (null: nothing). */
              waivable: z.object({ kinds: z.array(closingItemKind), minReasonChars: z.number() }).nullable(),
              history: z.array(
                z.object({
                  id: z.string(),
                  closedAt: z.string(),
                  closedByName: z.string().nullable(),
                  contentHash: z.string(),
                  rowCount: z.number(),
                  reopenedAt: z.string().nullable(),
                  reopenedByName: z.string().nullable(),
                  reopenReason: z.string().nullable(),
                  waivers: z.array(
                    z.object({ kind: z.string(), ref: z.string(), label: z.string(), reason: z.string() }),
                  ),
                }),
              ),
            }),
          },
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
          body: unitMonthBody.extend({
            waivers: z
              .array(
                z.object({
                  kind: closingItemKind,
                  ref: text({ max: 100, label: 'Butir' }),
                  reason: text({ max: 1000, label: 'Alasan pengecualian', multiline: true }),
                }),
              )
              .max(1000)
              .default([]),
          }),
          response: {
            200: z.object({
              unitId: z.string(),
              unitName: z.string(),
              month: z.string(),
              closedAt: z.string(),
              closedByName: z.string(),
              contentHash: z.string(),
              rows: z.number(),
            }),
          },
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
          body: unitMonthBody,
          response: {
            200: z.object({
              unitId: z.string(),
              month: z.string(),
              employees: z.number(),
              days: z.number(),
            }),
          },
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
          body: unitMonthBody.extend({
            reason: text({ max: 1000, label: 'Alasan membuka kembali', multiline: true }),
          }),
          response: {
            200: z.object({
              unitId: z.string(),
              month: z.string(),
              reopenedAt: z.string(),
              reason: z.string(),
            }),
          },
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
          querystring: unitQuery,
          response: {
            200: z.object({
              month: z.string(),
              marginDays: z.number(),
              items: z.array(
                z.object({
                  employeeId: z.string(),
                  nip: z.string().nullable(),
                  name: z.string(),
                  unitName: z.string(),
                  employeeType: z.string(),
                  totalDays: z.number(),
                  tkDays: z.number(),
                  minutesAsDays: z.number(),
                  remainderMinutes: z.number(),
                  cumulativeStep: z.number().nullable(),
                  next: z
                    .object({
                      atDays: z.number(),
                      inDays: z.number(),
                      level: z.string(),
                      sanction: z.string(),
                    })
                    .nullable(),
                  consecutive: z
                    .object({ atDays: z.number(), currentDays: z.number(), inDays: z.number() })
                    .nullable(),
                  reasons: z.array(z.string()),
                }),
              ),
            }),
          },
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
          querystring: unitQuery,
          response: {
            200: z.object({
              unitId: z.string(),
              month: z.string(),
              rows: z.array(
                z.object({
                  unitId: z.string(),
                  unitName: z.string(),
                  days: z.array(
                    z.object({
                      date: z.string(),
                      share: z.number().nullable(),
                      working: z.number(),
                      onTime: z.number(),
                    }),
                  ),
                }),
              ),
            }),
          },
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
          querystring: unitQuery.extend({ months: z.coerce.number().int().min(2).max(24).default(6) }),
          response: {
            200: z.object({
              unitId: z.string(),
              points: z.array(
                z.object({
                  month: z.string(),
                  employees: z.number(),
                  workingDays: z.number(),
                  onTimeDays: z.number(),
                  compliance: z.number().nullable(),
                  tkDays: z.number(),
                  lateMinutes: z.number(),
                  earlyMinutes: z.number(),
                }),
              ),
            }),
          },
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
          querystring: unitQuery,
          response: {
            200: z.object({
              unitId: z.string(),
              month: z.string(),
              items: z.array(z.object({ code: z.string(), days: z.number() })),
            }),
          },
        },
      },
      async (request) => recap.codes(actorOf(request), request.query),
    );
  };
}
