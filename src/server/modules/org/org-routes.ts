import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { noContentSchema, tableExportParamsSchema } from '../../../shared/api/common.ts';
import {
  actingInputSchema,
  employeeDetailSchema,
  employeeExportJobQuerySchema,
  employeeInputSchema,
  employeeListQuerySchema,
  employeeOnQuerySchema,
  employeeOnSchema,
  employeePageSchema,
  employeePatchSchema,
  officeInputSchema,
  officeParamsSchema,
  officeSchema,
  orgIdParamsSchema,
  placementInputSchema,
  positionListSchema,
  positionQuerySchema,
  unitInputSchema,
  unitSchema,
  unitTreeSchema,
} from '../../../shared/api/org.ts';
import { actorOf } from '../../plugins/session.ts';
import type { OrgService } from './org-service.ts';
import { pagesOf, tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { jobSchema } from '../../../shared/api/jobs.ts';
import { sendExport } from '../../lib/send-export.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { Actor } from '../../auth/authz.ts';
import { formatNip } from '../../../core/people/nip.ts';

const id = orgIdParamsSchema;
const tags = ['Organisasi & pegawai'];

type EmployeeListQuery = z.infer<typeof employeeListQuerySchema>;

/** At most this many rows in an employee list export. */
const EMPLOYEE_EXPORT_CAP = 100_000;

export function orgRoutes({ org, jobs }: { org: OrgService; jobs: JobService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/units/tree',
      { schema: { tags, summary: 'Pohon unit organisasi', response: { 200: unitTreeSchema } } },
      (request) => org.unitTree(actorOf(request)),
    );
    app.get('/api/units/:id', { schema: { tags, params: id, response: { 200: unitSchema } } }, (request) =>
      org.getUnit(actorOf(request), request.params.id),
    );
    app.post(
      '/api/units',
      { schema: { tags, summary: 'Tambah unit', body: unitInputSchema, response: { 201: unitSchema } } },
      async (request, reply) => reply.status(201).send(await org.createUnit(actorOf(request), request.body)),
    );
    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags,
          summary: 'Ubah unit',
          params: id,
          body: unitInputSchema,
          response: { 200: unitSchema },
        },
      },
      (request) => org.updateUnit(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/units/:id/offices',
      {
        schema: {
          tags,
          summary: 'Tambah lokasi kantor',
          params: id,
          body: officeInputSchema,
          response: { 201: officeSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await org.addOffice(actorOf(request), request.params.id, request.body)),
    );
    app.delete(
      '/api/units/:unitId/offices/:officeId',
      {
        schema: {
          tags,
          summary: 'Hapus lokasi kantor',
          params: officeParamsSchema,
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await org.deleteOffice(actorOf(request), request.params.unitId, request.params.officeId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/positions',
      {
        schema: {
          tags,
          summary: 'Jabatan di satu unit',
          querystring: positionQuerySchema,
          response: { 200: positionListSchema },
        },
      },
      (request) => org.listPositions(actorOf(request), request.query.unitId),
    );

    app.get(
      '/api/employees',
      {
        schema: {
          tags,
          summary: 'Daftar pegawai (cari, saring, halaman)',
          querystring: employeeListQuerySchema,
          response: { 200: employeePageSchema },
        },
      },
      (request) => org.listEmployees(actorOf(request), request.query),
    );

    const columns: TableColumn[] = [
      { header: 'NIP', key: 'nip', width: 24 },
      { header: 'Nama', key: 'fullName', width: 40 },
      { header: 'Jenis pegawai', key: 'employeeType', width: 16 },
      { header: 'Golongan', key: 'golongan', width: 10 },
      { header: 'Jabatan', key: 'positionName', width: 40 },
      { header: 'Kelas jabatan', key: 'kelasJabatan', width: 8 },
      { header: 'Unit', key: 'unitName', width: 40 },
      { header: 'Jenis kelamin', key: 'gender', width: 8 },
      { header: 'Pendidikan', key: 'education', width: 10 },
      { header: 'TMT', key: 'activeFrom', width: 12 },
      { header: 'Email', key: 'email', width: 30 },
      { header: 'Telepon', key: 'phone', width: 16 },
    ];
    /** The employee list export (same filters as the list), read in pages and rendered in a worker. */
    const employeeExport = async (actor: Actor, format: 'xlsx' | 'csv', q: EmployeeListQuery) => {
      const { total } = await org.listEmployees(actor, { ...q, page: 1, pageSize: 1 });
      return tableExportSpec({
        kind: `employees-${format}`,
        params: { ...q },
        format,
        fileBase: 'pegawai',
        title: 'Daftar Pegawai',
        columns,
        total: Math.min(total, EMPLOYEE_EXPORT_CAP),
        pages: () =>
          pagesOf(
            async (limit, offset) =>
              (await org.exportEmployees(actor, q, limit, offset)).map((r) => ({
                ...r,
                nip: r.nip ? formatNip(r.nip) : '',
              })),
            { cap: EMPLOYEE_EXPORT_CAP },
          ),
      });
    };
    app.get(
      '/api/employees/export.:format',
      {
        schema: {
          tags,
          summary: 'Ekspor daftar pegawai (xlsx atau csv) dengan saringan yang sama',
          description:
            'Dibuat di thread pekerja; untuk daftar besar gunakan POST /api/employees/export-jobs.',
          params: tableExportParamsSchema,
          querystring: employeeListQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, jobs, await employeeExport(actorOf(request), request.params.format, request.query)),
    );
    app.post(
      '/api/employees/export-jobs',
      {
        schema: {
          tags,
          summary: 'Mulai ekspor daftar pegawai sebagai pekerjaan latar (202); pantau di /api/jobs/:id',
          querystring: employeeExportJobQuerySchema,
          response: { 202: jobSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { format, ...q } = request.query;
        return reply.status(202).send(await jobs.start(actor, await employeeExport(actor, format, q)));
      },
    );

    app.get(
      '/api/employees/:id',
      { schema: { tags, params: id, response: { 200: employeeDetailSchema } } },
      (request) => org.getEmployee(actorOf(request), request.params.id),
    );
    app.get(
      '/api/employees/:id/on',
      {
        schema: {
          tags,
          summary: 'Penempatan dan atasan pegawai pada suatu tanggal',
          params: id,
          querystring: employeeOnQuerySchema,
          response: { 200: employeeOnSchema },
        },
      },
      (request) => org.whereOn(actorOf(request), request.params.id, request.query.date),
    );
    app.post(
      '/api/employees',
      {
        schema: {
          tags,
          summary: 'Tambah pegawai',
          body: employeeInputSchema,
          response: { 201: employeeDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await org.createEmployee(actorOf(request), request.body)),
    );
    app.patch(
      '/api/employees/:id',
      {
        schema: {
          tags,
          summary: 'Ubah data pribadi pegawai',
          params: id,
          body: employeePatchSchema,
          response: { 200: employeeDetailSchema },
        },
      },
      (request) => org.updateEmployee(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/employees/:id/placements',
      {
        schema: {
          tags,
          summary: 'Mutasi / penempatan baru',
          params: id,
          body: placementInputSchema,
          response: { 201: employeeDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await org.addPlacement(actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/employees/:id/acting',
      {
        schema: {
          tags,
          summary: 'Penugasan Plt/Plh',
          params: id,
          body: actingInputSchema,
          response: { 201: employeeDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await org.addActing(actorOf(request), request.params.id, request.body)),
    );
  };
}
