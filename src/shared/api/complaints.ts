import { z } from 'zod';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintStatus,
} from '../../core/oversight/complaints.ts';
import { DISCIPLINE_LEVELS } from '../../core/discipline/discipline-rules.ts';
import { dateRange, id, localDate, pageQuerySchema, paged, searchText, text } from './common.ts';

/**
 * The HTTP contract of public complaints (issue 18 point 2; docs/complaints.md): the public page (no account), the
 * public tracking page, and the officials' list, routing, answer and import.
 */

export { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, COMPLAINT_CHANNELS };
export type { ComplaintCategory, ComplaintStatus };

export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  PERILAKU: 'Perilaku ASN',
  KEHADIRAN: 'Kehadiran / ketidakhadiran ASN',
  LAYANAN: 'Pelayanan unit kerja',
  NETRALITAS: 'Pelanggaran netralitas ASN',
};
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  DITERIMA: 'Diterima, menunggu diteruskan',
  DITERUSKAN: 'Diteruskan ke OPD, menunggu jawaban',
  DIJAWAB: 'Dijawab',
  DITOLAK: 'Ditutup tanpa tindak lanjut',
};

const category = z.enum(COMPLAINT_CATEGORIES, {
  message: 'Kategori harus PERILAKU, KEHADIRAN, LAYANAN atau NETRALITAS',
});
const status = z.enum(COMPLAINT_STATUSES, { message: 'Status pengaduan tidak dikenal' });

// ---------------------------------------------------------------------------------------------------- public

/** GET /api/public/complaints/form: the units a citizen may name (id and name only) and the signed form token. */
export const complaintFormSchema = z.object({
  token: z.string(),
  maxPhotos: z.number(),
  photoMaxBytes: z.number(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ComplaintForm = z.output<typeof complaintFormSchema>;

/** POST /api/public/complaints: what a citizen reports. Text is stored and shown as plain text. */
export const complaintSubmitSchema = z.object({
  /** The signed token of GET /form (the minimum fill time is checked against it). */
  token: z.string().min(1, 'Token formulir wajib ada; muat ulang halaman').max(200),
  /** A field people never see (a honeypot): must stay empty. */
  website: z.string().max(200).optional(),
  category,
  unitId: id,
  /** The employee as the reporter names them (name and/or NIP, free text). */
  reportedName: text({ max: 200, label: 'Nama/NIP pegawai yang dilaporkan' }).optional(),
  title: text({ min: 5, max: 200, label: 'Judul' }),
  description: text({ min: 20, max: 4000, multiline: true, label: 'Uraian' }),
  incidentDate: localDate.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  reporterName: text({ max: 120, label: 'Nama pelapor' }).optional(),
  reporterContact: text({ max: 120, label: 'Kontak pelapor' }).optional(),
});
export type ComplaintSubmit = z.input<typeof complaintSubmitSchema>;
export type ComplaintSubmitInput = z.output<typeof complaintSubmitSchema>;

/** 201: the tracking code (shown once; only its hash is stored). */
export const complaintSubmittedSchema = z.object({ trackingCode: z.string(), receivedAt: z.string() });
export type ComplaintSubmitted = z.output<typeof complaintSubmittedSchema>;

export const trackingCodeParamSchema = z.object({
  code: z.string().min(1).max(40, 'Kode pelacakan tidak valid'),
});

/** GET /api/public/complaints/:code: what the complainant sees (no officials' notes, no employee data). */
export const complaintTrackSchema = z.object({
  trackingCode: z.string(),
  category,
  unitName: z.string(),
  title: z.string(),
  status,
  receivedAt: z.string(),
  routedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
  photoCount: z.number(),
});
export type ComplaintTrack = z.output<typeof complaintTrackSchema>;

/** POST /api/public/complaints/:code/photos: 201 with how many photos the complaint now has. */
export const complaintPhotoAddedSchema = z.object({ photoCount: z.number() });

// ---------------------------------------------------------------------------------------------------- officials

/** GET /api/complaints: a page in the caller's scope, newest first; filters by unit, status, category, period. */
export const complaintsListQuerySchema = pageQuerySchema
  .extend({
    unitId: id.optional(),
    status: status.optional(),
    category: category.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    q: searchText.optional(),
  })
  .superRefine(dateRange('from', 'to', 3700, { toOptional: true }));
export type ComplaintsListQuery = z.input<typeof complaintsListQuerySchema>;
export type ComplaintsListInput = z.output<typeof complaintsListQuerySchema>;

export const complaintsItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  laporId: z.string().nullable(),
  category,
  unitId: z.string(),
  unitName: z.string(),
  handlingUnitId: z.string().nullable(),
  handlingUnitName: z.string().nullable(),
  title: z.string(),
  status,
  receivedAt: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type ComplaintsItem = z.output<typeof complaintsItemSchema>;
export const complaintsListSchema = paged(complaintsItemSchema);
export type ComplaintsList = z.output<typeof complaintsListSchema>;

/** GET /api/complaints/:id: one complaint; `reporter` is null for whoever may not see who reported it. */
export const complaintDetailSchema = complaintsItemSchema.extend({
  description: z.string(),
  reportedName: z.string().nullable(),
  reportedEmployeeId: z.string().nullable(),
  reportedEmployeeName: z.string().nullable(),
  incidentDate: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  reporter: z.object({ name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
  /** True when the caller may see who reported (a handling official, not the reported employee). */
  identityVisible: z.boolean(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  routedAt: z.string().nullable(),
  disciplineCaseId: z.string().nullable(),
  photos: z.array(z.object({ id: z.string() })),
  events: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      note: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  can: z.object({ route: z.boolean(), reject: z.boolean(), answer: z.boolean(), openCase: z.boolean() }),
});
export type ComplaintDetail = z.output<typeof complaintDetailSchema>;

export const complaintPhotoParamsSchema = z.object({ id, photoId: id });

/** POST /api/complaints/:id/route (BKD): the responsible OPD, optionally the employee concerned, a note. */
export const complaintRouteSchema = z.object({
  handlingUnitId: id,
  reportedEmployeeId: id.nullish(),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).optional(),
});
export type ComplaintRoute = z.input<typeof complaintRouteSchema>;

/** POST /api/complaints/:id/reject (BKD): the reason the complainant sees. */
export const complaintRejectSchema = z.object({
  reason: text({ min: 10, max: 2000, multiline: true, label: 'Alasan' }),
});
export type ComplaintReject = z.input<typeof complaintRejectSchema>;

/** POST /api/complaints/:id/answer (the OPD's handler): the answer the complainant sees, and an internal note. */
export const complaintAnswerSchema = z.object({
  answer: text({ min: 10, max: 4000, multiline: true, label: 'Jawaban' }),
  note: text({ max: 2000, multiline: true, label: 'Catatan internal' }).optional(),
});
export type ComplaintAnswer = z.input<typeof complaintAnswerSchema>;

/** POST /api/complaints/:id/discipline-case: opens a discipline case (source PENGADUAN or NETRALITAS). */
export const complaintOpenCaseSchema = z.object({
  employeeId: id,
  violationCode: z.string().regex(/^[A-Z0-9_]+$/, 'Kode pelanggaran tidak valid'),
  violationDate: localDate,
  description: text({ min: 10, max: 4000, multiline: true, label: 'Uraian pelanggaran' }),
  expectedLevel: z.enum(DISCIPLINE_LEVELS, { message: 'Tingkat harus ringan, sedang atau berat' }),
});
export type ComplaintOpenCase = z.input<typeof complaintOpenCaseSchema>;
export const complaintCaseOpenedSchema = z.object({ disciplineCaseId: z.string() });

/** GET /api/complaints/inbox-count: what waits on the caller (to route, to answer). */
export const complaintInboxCountSchema = z.object({
  toRoute: z.number(),
  toAnswer: z.number(),
  overdue: z.number(),
});
export type ComplaintInboxCount = z.output<typeof complaintInboxCountSchema>;

// ---------------------------------------------------------------------------------------------------- import

/** POST /api/complaints/import?mode=all|valid (multipart CSV of SP4N-LAPOR!). */
export const complaintImportQuerySchema = z.object({
  mode: z.enum(['all', 'valid'], { message: 'mode harus all atau valid' }).default('all'),
});
export const complaintImportResultSchema = z.object({
  rows: z.number(),
  created: z.number(),
  skipped: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
});
export type ComplaintImportResult = z.output<typeof complaintImportResultSchema>;
