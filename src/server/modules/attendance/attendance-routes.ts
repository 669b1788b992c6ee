import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import type { z } from 'zod';
import {
  apelScheduleInputSchema,
  apelScheduleQuerySchema,
  apelSessionInputSchema,
  apelSessionListSchema,
  apelSessionQuerySchema,
  attendanceTodaySchema,
  deviceDecisionSchema,
  deviceListQuerySchema,
  deviceListSchema,
  devicePageSchema,
  deviceRegisterSchema,
  deviceSchema,
  employeePlacesQuerySchema,
  fieldAssignmentInputSchema,
  kioskCodeSchema,
  kioskOpenSchema,
  punchBodySchema,
  punchExportJobQuerySchema,
  punchListQuerySchema,
  punchPageSchema,
  punchResultSchema,
  punchSchema,
  reviewBodySchema,
  reviewCountSchema,
  workLocationInputSchema,
  type PunchBody,
} from '../../../shared/api/attendance.ts';
import { idParamSchema, pageQuerySchema, tableExportParamsSchema } from '../../../shared/api/common.ts';
import { fieldError } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import { parseInput } from '../../plugins/validation.ts';
import { actorOf, type SessionGate } from '../../plugins/session.ts';
import { pagesOf, tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { jobSchema } from '../../../shared/api/jobs.ts';
import { sendExport } from '../../lib/send-export.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { Actor } from '../../auth/authz.ts';
import type { AttendanceService, UploadedPhoto } from './attendance-service.ts';
import type { KioskService } from './kiosk-service.ts';

const tags = ['Presensi'];
type PunchListQuery = z.infer<typeof punchListQuerySchema>;
/** At most this many rows in a punch history export. */
const PUNCH_EXPORT_CAP = 50_000;

const PUNCH_COLUMNS: TableColumn[] = [
  { header: 'Tanggal', key: 'date', width: 12 },
  { header: 'Jam', key: 'time', width: 8 },
  { header: 'NIP', key: 'nip', width: 22 },
  { header: 'Nama', key: 'name', width: 36 },
  { header: 'Unit', key: 'unit', width: 36 },
  { header: 'Jenis', key: 'kind', width: 10 },
  { header: 'Sumber', key: 'source', width: 10 },
  { header: 'Keputusan', key: 'verdict', width: 12 },
  { header: 'Alasan', key: 'reasons', width: 50 },
  { header: 'Lokasi', key: 'place', width: 36 },
  { header: 'Tinjauan', key: 'review', width: 40 },
];
const ctx = (request: { ip: string; headers: Record<string, unknown> }) => ({
  ip: request.ip,
  userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
});

export function attendanceRoutes(deps: {
  attendance: AttendanceService;
  kiosk: KioskService;
  sessions: SessionGate;
  jobs: JobService;
}): FastifyPluginAsyncZod {
  const { attendance, kiosk, sessions, jobs } = deps;
  return async (app) => {
    app.get(
      '/api/attendance/today',
      { schema: { tags, summary: 'Hari ini di halaman Presensi', response: { 200: attendanceTodaySchema } } },
      (request) => attendance.today(actorOf(request)),
    );

    app.post(
      '/api/attendance/punches',
      {
        schema: {
          tags,
          summary:
            'Presensi masuk/pulang (JSON, atau multipart: field `punch` berisi JSON dan berkas `photo`); waktu dari jam server',
          response: { 200: punchResultSchema, 201: punchResultSchema },
        },
        // The check-in reads its session in the same statement as everything else it needs, and judges the
        // punch before its one write: no request transaction around it (two statements instead of four).
        config: { sessionInHandler: true, unitOfWork: false },
      },
      async (request, reply) => {
        let raw: unknown = request.body;
        let photo: UploadedPhoto | null = null;
        if (request.isMultipart()) {
          const upload = await readUpload(request, { fields: ['punch'], fileField: 'photo' });
          // A Buffer is a Uint8Array: taken as it is (no copy of the bytes).
          if (upload.file) photo = { bytes: upload.file.buf };
          try {
            raw = upload.fields.punch === undefined ? undefined : JSON.parse(upload.fields.punch);
          } catch {
            throw fieldError('punch', 'Field punch harus berisi JSON yang valid');
          }
        }
        let body: PunchBody;
        try {
          body = parseInput(punchBodySchema, raw, 'Data presensi tidak valid');
        } catch (err) {
          // A caller without a session learns nothing about what the route accepts.
          await sessions.authenticate(request, reply);
          throw err;
        }
        // No audit entry: the stored punch, with its evidence and verdict, is itself the record.
        const result = await attendance.punch(sessions.sessionOf(request, reply), body, photo);
        return reply.status(result.replayed ? 200 : 201).send(result);
      },
    );

    app.get(
      '/api/attendance/punches',
      {
        schema: {
          tags,
          summary: 'Riwayat presensi (sendiri, bawahan, atau dalam lingkup)',
          querystring: punchListQuerySchema,
          response: { 200: punchPageSchema },
        },
      },
      (request) => attendance.listPunches(actorOf(request), request.query),
    );

    /** The punch history export (same filters as the list), read in pages and rendered in a worker. */
    const punchExport = async (actor: Actor, format: 'xlsx' | 'csv', q: PunchListQuery) => {
      const { total } = await attendance.listPunches(actor, { ...q, page: 1, pageSize: 1 });
      return tableExportSpec({
        kind: `punches-${format}`,
        params: { ...q },
        format,
        fileBase: 'presensi',
        title: 'Riwayat Presensi',
        columns: PUNCH_COLUMNS,
        total: Math.min(total, PUNCH_EXPORT_CAP),
        pages: () =>
          pagesOf((limit, offset) => attendance.exportPunches(actor, q, limit, offset), {
            cap: PUNCH_EXPORT_CAP,
          }),
      });
    };
    app.get(
      '/api/attendance/punches/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor riwayat presensi (xlsx atau csv) dengan saringan yang sama',
          description:
            'Dibuat di thread pekerja; untuk riwayat besar gunakan POST /api/attendance/punches/export-jobs.',
          params: tableExportParamsSchema,
          querystring: punchListQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, jobs, await punchExport(actorOf(request), request.params.format, request.query)),
    );
    app.post(
      '/api/attendance/punches/export-jobs',
      {
        schema: {
          tags,
          summary: 'Mulai ekspor riwayat presensi sebagai pekerjaan latar (202); pantau di /api/jobs/:id',
          querystring: punchExportJobQuerySchema,
          response: { 202: jobSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { format, ...q } = request.query;
        return reply.status(202).send(await jobs.start(actor, await punchExport(actor, format, q)));
      },
    );

    app.get(
      '/api/attendance/punches/:id/photo',
      {
        schema: {
          tags,
          summary: 'Foto presensi (hanya yang berwenang; setiap akses dicatat)',
          params: idParamSchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { bytes, mime } = await attendance.photoOf(actor, request.params.id, {
          actorId: actor.userId,
          actorName: actor.displayName,
          ...ctx(request),
        });
        return reply
          .header('content-type', mime)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(bytes));
      },
    );

    // Review queue.
    app.get(
      '/api/attendance/reviews',
      {
        schema: {
          tags,
          summary: 'Presensi yang ditandai dan menunggu keputusan Anda',
          querystring: pageQuerySchema,
          response: { 200: punchPageSchema },
        },
      },
      (request) => attendance.reviewInbox(actorOf(request), request.query.page, request.query.pageSize),
    );
    app.get(
      '/api/attendance/reviews/count',
      {
        schema: {
          tags,
          summary: 'Jumlah presensi yang menunggu tinjauan',
          response: { 200: reviewCountSchema },
        },
      },
      (request) => attendance.reviewCount(actorOf(request)),
    );
    app.post(
      '/api/attendance/punches/:id/review',
      {
        schema: {
          tags,
          summary: 'Terima atau tolak presensi yang ditandai, dengan catatan',
          params: idParamSchema,
          body: reviewBodySchema,
          response: { 200: punchSchema },
        },
      },
      (request) => {
        const actor = actorOf(request);
        return attendance.review(actor, request.params.id, request.body, {
          actorId: actor.userId,
          actorName: actor.displayName,
          ...ctx(request),
        });
      },
    );

    // Devices.
    app.post(
      '/api/attendance/devices',
      {
        schema: {
          tags,
          summary: 'Daftarkan perangkat (kunci publik WebCrypto)',
          body: deviceRegisterSchema,
          response: { 201: deviceSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await attendance.registerDevice(actorOf(request), request.body)),
    );
    app.get(
      '/api/attendance/devices/mine',
      { schema: { tags, summary: 'Perangkat saya', response: { 200: deviceListSchema } } },
      (request) => attendance.myDevices(actorOf(request)),
    );
    app.get(
      '/api/attendance/devices',
      {
        schema: {
          tags,
          summary: 'Perangkat pegawai dalam lingkup (admin OPD)',
          querystring: deviceListQuerySchema,
          response: { 200: devicePageSchema },
        },
      },
      (request) => attendance.listDevices(actorOf(request), request.query),
    );
    app.post(
      '/api/attendance/devices/:id/decision',
      {
        schema: {
          tags,
          summary: 'Setujui/tolak pergantian perangkat atau cabut perangkat',
          params: idParamSchema,
          body: deviceDecisionSchema,
          response: { 200: deviceSchema },
        },
      },
      (request) => attendance.decideDevice(actorOf(request), request.params.id, request.body),
    );

    // Places.
    const employeeQuery = employeePlacesQuerySchema;
    app.get(
      '/api/attendance/work-locations',
      { schema: { tags, summary: 'Lokasi WFH/WFA seorang pegawai', querystring: employeeQuery } },
      (request) => attendance.listWorkLocations(actorOf(request), request.query.employeeId),
    );
    app.post(
      '/api/attendance/work-locations',
      { schema: { tags, summary: 'Tambah lokasi WFH/WFA', body: workLocationInputSchema } },
      async (request, reply) =>
        reply.status(201).send(await attendance.addWorkLocation(actorOf(request), request.body)),
    );
    app.delete(
      '/api/attendance/work-locations/:id',
      { schema: { tags, summary: 'Hapus lokasi WFH/WFA', params: idParamSchema } },
      async (request, reply) => {
        await attendance.deleteWorkLocation(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/attendance/field-assignments',
      { schema: { tags, summary: 'Dinas luar seorang pegawai', querystring: employeeQuery } },
      (request) => attendance.listFieldAssignments(actorOf(request), request.query.employeeId),
    );
    app.post(
      '/api/attendance/field-assignments',
      {
        schema: {
          tags,
          summary: 'Catat dinas luar (surat tugas, tujuan, tanggal)',
          body: fieldAssignmentInputSchema,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await attendance.addFieldAssignment(actorOf(request), request.body)),
    );

    // Kiosk and apel.
    app.post(
      '/api/attendance/kiosks',
      { schema: { tags, summary: 'Buka layar kios QR untuk satu unit', body: kioskOpenSchema } },
      async (request, reply) => reply.status(201).send(await kiosk.open(actorOf(request), request.body)),
    );
    app.get(
      '/api/attendance/kiosks/:id/code',
      {
        schema: {
          tags,
          summary: 'Kode QR kios saat ini (header x-kiosk-token, tanpa login)',
          params: idParamSchema,
          response: { 200: kioskCodeSchema },
        },
        config: { public: true },
      },
      (request) => kiosk.code(request.params.id, String(request.headers['x-kiosk-token'] ?? '')),
    );
    app.delete(
      '/api/attendance/kiosks/:id',
      { schema: { tags, summary: 'Tutup kios', params: idParamSchema } },
      async (request, reply) => {
        await kiosk.closeKiosk(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/attendance/apel-schedules',
      {
        schema: {
          tags,
          summary: 'Jadwal apel/upacara',
          querystring: apelScheduleQuerySchema,
        },
      },
      (request) => kiosk.listSchedules(actorOf(request), request.query.unitId),
    );
    app.post(
      '/api/attendance/apel-schedules',
      { schema: { tags, summary: 'Tambah jadwal apel/upacara', body: apelScheduleInputSchema } },
      async (request, reply) =>
        reply.status(201).send(await kiosk.addSchedule(actorOf(request), request.body)),
    );
    app.get(
      '/api/attendance/apel-sessions',
      {
        schema: {
          tags,
          summary: 'Sesi apel satu unit pada satu tanggal, dengan kehadirannya',
          querystring: apelSessionQuerySchema,
          response: { 200: apelSessionListSchema },
        },
      },
      (request) => kiosk.sessionsOn(actorOf(request), request.query.unitId, request.query.date),
    );
    app.post(
      '/api/attendance/apel-sessions',
      {
        schema: {
          tags,
          summary: 'Tambah apel/upacara sekali (mis. upacara hari besar)',
          body: apelSessionInputSchema,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await kiosk.addSession(actorOf(request), request.body)),
    );
  };
}
