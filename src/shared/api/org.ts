import { z } from 'zod';
import { dateRange, id, localDate, paged, searchText, text, TABLE_EXPORT_FORMATS } from './common.ts';

export const UNIT_KINDS = ['INSTANSI', 'OPD', 'BIDANG', 'UPTD', 'SEKOLAH', 'PUSKESMAS'] as const;
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
import { EMPLOYEE_TYPES } from '../../core/people/employee-types.ts';

export { EMPLOYEE_TYPES };
export const POSITION_KINDS = [
  'JPT_MADYA',
  'JPT_PRATAMA',
  'ADMINISTRATOR',
  'PENGAWAS',
  'PELAKSANA',
  'JF_AHLI_UTAMA',
  'JF_AHLI_MADYA',
  'JF_AHLI_MUDA',
  'JF_AHLI_PERTAMA',
  'JF_PENYELIA',
  'JF_MAHIR',
  'JF_TERAMPIL',
  'JF_PEMULA',
] as const;

export const officeSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  radiusM: z.number().int(),
  /** Corners of a polygon fence; null = the circle (lat, lon, radiusM) is the fence. */
  polygon: z.array(z.object({ lat: z.number(), lon: z.number() })).nullable(),
});
const indonesianLat = z.number().min(-11.5).max(6.5, 'Lintang di luar wilayah Indonesia');
const indonesianLon = z.number().min(94).max(141.5, 'Bujur di luar wilayah Indonesia');
export const officeInputSchema = z.object({
  name: text({ min: 1, max: 200, label: 'Nama kantor' }),
  lat: indonesianLat,
  lon: indonesianLon,
  radiusM: z.number().int().min(10).max(5000),
  /** Optional polygon fence (3–200 corners); the circle then only centres the map. */
  polygon: z
    .array(z.object({ lat: indonesianLat, lon: indonesianLon }))
    .min(3, 'Poligon minimal 3 titik')
    .max(200)
    .optional(),
});

export const unitSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().uuid().nullable(),
  timeZone: z.enum(TIME_ZONES),
  address: z.string().nullable(),
  /**
   * Go-live: the first day Abdi is this unit's attendance record. Days before it are "no data" (never TK, never in
   * a recap). Each unit has its own date (src/core/recap/no-data.ts).
   */
  attendanceStart: localDate,
  offices: z.array(officeSchema),
});
export type Unit = z.infer<typeof unitSchema>;

export interface UnitTreeNode {
  id: string;
  code: string;
  name: string;
  kind: (typeof UNIT_KINDS)[number];
  timeZone: (typeof TIME_ZONES)[number];
  employeeCount: number;
  children: UnitTreeNode[];
}
export const unitTreeNodeSchema: z.ZodType<UnitTreeNode> = z.lazy(() =>
  z.object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    timeZone: z.enum(TIME_ZONES),
    employeeCount: z.number().int(),
    children: z.array(unitTreeNodeSchema),
  }),
);

export const unitInputSchema = z.object({
  code: text({ min: 1, max: 40, label: 'Kode unit' }).regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Kode unit hanya huruf, angka, titik, garis bawah dan tanda hubung',
  ),
  name: text({ min: 2, max: 200, label: 'Nama unit' }),
  kind: z.enum(UNIT_KINDS),
  parentId: id.nullable(),
  timeZone: z.enum(TIME_ZONES),
  address: text({ max: 500, label: 'Alamat', multiline: true }).nullable().optional(),
  /**
   * Go-live date (not in the future; a new unit: today when absent). Changing it is refused when it would change
   * days of a month already closed for the unit; the days between the old and the new date are recomputed.
   */
  attendanceStart: localDate.optional(),
  /** Apply `attendanceStart` to every sub-unit as well (each keeps its own date otherwise). */
  attendanceStartSubunits: z.boolean().optional(),
});

export const positionSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(POSITION_KINDS),
  kelasJabatan: z.number().int(),
  unitId: z.string().uuid(),
  isHead: z.boolean(),
});

export const employeeListQuerySchema = z.object({
  q: searchText.optional(),
  unitId: id.optional(),
  // Not z.coerce.boolean(): that turns the query string "false" into true.
  includeSubunits: z.stringbool().default(true),
  type: z.enum(EMPLOYEE_TYPES).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  sort: z.enum(['name', 'nip', 'unit']).default('name'),
});

export const employeeListItemSchema = z.object({
  id: z.string().uuid(),
  nip: z.string().nullable(),
  fullName: z.string(),
  employeeType: z.enum(EMPLOYEE_TYPES),
  golongan: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  positionName: z.string().nullable(),
  active: z.boolean(),
});

export const placementSchema = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  positionId: z.string().uuid().nullable(),
  positionName: z.string().nullable(),
  superiorId: z.string().uuid().nullable(),
  superiorName: z.string().nullable(),
  validFrom: localDate,
  validTo: localDate.nullable(),
  decree: z.string().nullable(),
});

export const actingSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['PLT', 'PLH']),
  positionId: z.string().uuid(),
  positionName: z.string(),
  unitName: z.string(),
  validFrom: localDate,
  validTo: localDate.nullable(),
  reason: z.string().nullable(),
});

export const employeeDetailSchema = employeeListItemSchema.extend({
  frontTitle: z.string().nullable(),
  name: z.string(),
  backTitle: z.string().nullable(),
  gender: z.enum(['L', 'P']),
  birthDate: localDate.nullable(),
  education: z.string().nullable(),
  internalId: z.string().nullable(),
  positionId: z.string().uuid().nullable(),
  superiorId: z.string().uuid().nullable(),
  superiorName: z.string().nullable(),
  activeFrom: localDate,
  activeTo: localDate.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  placements: z.array(placementSchema),
  acting: z.array(actingSchema),
  subordinateCount: z.number().int(),
});
export type EmployeeDetail = z.infer<typeof employeeDetailSchema>;

/** A NIP as typed (spaces allowed; 18 digits once normalised, checked by the core). */
const nipInput = text({ max: 30, label: 'NIP' });
/** An e-mail address: one line, at most 254 characters (RFC 5321), of the usual form. */
const email = text({ max: 254, label: 'Surel' }).pipe(z.email('Alamat surel tidak valid'));

export const employeeInputSchema = z.object({
  nip: nipInput.nullable(),
  internalId: text({ max: 40, label: 'Nomor induk internal' }).nullable().optional(),
  frontTitle: text({ max: 60, label: 'Gelar depan' }).nullable().optional(),
  name: text({ min: 2, max: 200, label: 'Nama' }),
  backTitle: text({ max: 100, label: 'Gelar belakang' }).nullable().optional(),
  gender: z.enum(['L', 'P']),
  birthDate: localDate.nullable().optional(),
  employeeType: z.enum(EMPLOYEE_TYPES),
  golongan: text({ max: 10, label: 'Golongan' }).nullable().optional(),
  education: text({ max: 10, label: 'Pendidikan' }).nullable().optional(),
  unitId: id,
  positionId: id.nullable().optional(),
  superiorId: id.nullable().optional(),
  activeFrom: localDate,
  activeTo: localDate.nullable().optional(),
  email: email.nullable().optional(),
  phone: text({ max: 30, label: 'Telepon' }).nullable().optional(),
});

export const placementInputSchema = z.object({
  unitId: id,
  positionId: id.nullable(),
  superiorId: id.nullable(),
  validFrom: localDate,
  decree: text({ max: 200, label: 'Nomor SK' }).nullable().optional(),
});

/** A Plt/Plh assignment: at most a year at a time (BKN Surat Edaran 1/SE/I/2021: Plt/Plh for up to 3 months, extendable). */
export const actingInputSchema = z
  .object({
    kind: z.enum(['PLT', 'PLH']),
    positionId: id,
    validFrom: localDate,
    validTo: localDate.nullable(),
    reason: text({ max: 500, label: 'Alasan', multiline: true }).nullable().optional(),
  })
  .superRefine(dateRange('validFrom', 'validTo', 366, { toOptional: true }));

/*
 * The routes' own request and answer schemas (src/server/modules/org/org-routes.ts).
 */

/** A unit's or an employee's id in the path (`/api/units/{id}`, `/api/employees/{id}`). */
export const orgIdParamsSchema = z.object({ id: z.string().uuid() });

/** GET /api/units/tree: the units of the caller's scope as a tree. */
export const unitTreeSchema = z.array(unitTreeNodeSchema);

/** DELETE /api/units/{unitId}/offices/{officeId}. */
export const officeParamsSchema = z.object({ unitId: z.string().uuid(), officeId: z.string().uuid() });

/** GET /api/positions. */
export const positionQuerySchema = z.object({ unitId: z.string().uuid() });
export const positionListSchema = z.array(positionSchema);

/** GET /api/employees. */
export const employeePageSchema = paged(employeeListItemSchema);

/** POST /api/employees/export-jobs: the list's filters and the file's format. */
export const employeeExportJobQuerySchema = employeeListQuerySchema.extend({
  format: z.enum(TABLE_EXPORT_FORMATS),
});

/** PATCH /api/employees/{id}: personal data only (placement, superior and start go through their own routes). */
export const employeePatchSchema = employeeInputSchema
  .omit({ unitId: true, positionId: true, superiorId: true, activeFrom: true })
  .partial();

/** GET /api/employees/{id}/on. */
export const employeeOnQuerySchema = z.object({ date: localDate });
/** GET /api/employees/{id}/on: the employee's placement and superior (with Plt/Plh) on the date. */
export const employeeOnSchema = z.object({
  date: z.string(),
  placement: z
    .object({
      unitId: z.string(),
      unitName: z.string(),
      timeZone: z.string(),
      positionId: z.string().nullable(),
      positionName: z.string().nullable(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
    })
    .nullable(),
  superior: z
    .object({
      id: z.string(),
      name: z.string(),
      acting: z.enum(['PLT', 'PLH']).nullable(),
      definitiveId: z.string().nullable(),
    })
    .nullable(),
});
