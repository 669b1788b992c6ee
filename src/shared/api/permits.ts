import { z } from 'zod';
import { dateRange, id, localDate, paged, pageQuerySchema, searchText, text } from './common.ts';
import { CORRECTION_CATEGORIES, PERMIT_KINDS, REQUEST_STATUSES } from '../../core/permits/permit-request.ts';

export { CORRECTION_CATEGORIES, PERMIT_KINDS, REQUEST_STATUSES };

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'Sidik berkas tidak valid');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm');

/**
 * The longest span one permit or assignment may cover: a tugas belajar for a doctorate, 4 years extendable by
 * 2 (PermenPANRB 41/2021 jo. Perka BKN on tugas belajar); each kind's own limit is the rulebook's, checked by the core.
 */
export const PERMIT_MAX_SPAN_DAYS = 6 * 366;

const permitFields = {
  kind: z.enum(PERMIT_KINDS),
  part: z.enum(['full', 'late', 'early']).default('full'),
  dateFrom: localDate,
  dateTo: localDate,
  reason: text({ min: 3, max: 1000, label: 'Alasan', multiline: true }),
  letterNumber: text({ max: 100, label: 'Nomor surat' }).nullish(),
  letterDate: localDate.nullish(),
  fileHash: hash.nullish(),
  destination: z
    .object({
      name: text({ max: 200, label: 'Tujuan' }),
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      radiusM: z.number().int().min(10).max(10_000).default(200),
    })
    .nullish(),
};
const permitRange = dateRange('dateFrom', 'dateTo', PERMIT_MAX_SPAN_DAYS);

/** A permit / assignment request by the employee. Fields other than kind, dates and reason depend on the kind. */
export const permitInputSchema = z.object(permitFields).superRefine(permitRange);
export type PermitInput = z.input<typeof permitInputSchema>;

/** Admin OPD records an assignment on behalf of an employee (with the letter): approved at once. */
export const permitRecordSchema = z.object({ ...permitFields, employeeId: id }).superRefine(permitRange);

export const decisionSchema = z.object({
  decision: z.enum(['APPROVE', 'REJECT']),
  note: text({ max: 1000, label: 'Catatan', multiline: true }).default(''),
});
export const cancelSchema = z.object({
  note: text({ max: 1000, label: 'Catatan', multiline: true }).default(''),
});

export const permitSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  kind: z.enum(PERMIT_KINDS),
  part: z.enum(['full', 'late', 'early']),
  dateFrom: z.string(),
  dateTo: z.string(),
  reason: z.string(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  hasFile: z.boolean(),
  destination: z
    .object({ name: z.string(), lat: z.number(), lon: z.number(), radiusM: z.number() })
    .nullable(),
  status: z.enum(REQUEST_STATUSES),
  recordedByAdmin: z.boolean(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelNote: z.string().nullable(),
  createdAt: z.string(),
  /** Filed past the rulebook's window (`attendance.requestWindows`): working days late, and the window. */
  late: z.object({ days: z.number().int(), windowDays: z.number().int() }).nullable(),
});
export type Permit = z.infer<typeof permitSchema>;

/** GET /api/permits/inbox, /api/permits/mine and /api/permits: one page of permits. */
export const permitPageSchema = paged(permitSchema);
export type PermitPage = z.output<typeof permitPageSchema>;

/** Filters of the scoped lists (admin OPD / BKD / Inspektorat) and of the CSV exports. */
export const requestListQuerySchema = pageQuerySchema.extend({
  q: searchText.optional(),
  unitId: id.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  kind: text({ max: 20, label: 'Jenis' }).optional(),
});

/** The `:format` of GET /api/permits/export.:format and /api/corrections/export.:format. */
export const requestExportParamsSchema = z.object({ format: z.enum(['csv', 'xlsx']) });

export const correctionInputSchema = z
  .object({
    date: localDate,
    checkIn: hhmm.nullish(),
    checkOut: hhmm.nullish(),
    category: z.enum(CORRECTION_CATEGORIES),
    reason: text({ min: 3, max: 1000, label: 'Alasan', multiline: true }),
    evidenceHash: hash.nullish(),
  })
  .refine((v) => Boolean(v.checkIn) || Boolean(v.checkOut), {
    message: 'Isi jam masuk dan/atau jam pulang yang terlewat',
    path: ['checkIn'],
  });
export type CorrectionInput = z.input<typeof correctionInputSchema>;

export const correctionSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  date: z.string(),
  timeZone: z.string(),
  checkIn: z.string().nullable(),
  checkOut: z.string().nullable(),
  category: z.enum(CORRECTION_CATEGORIES),
  reason: z.string(),
  status: z.enum(REQUEST_STATUSES),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelNote: z.string().nullable(),
  createdAt: z.string(),
  /** Filed past the rulebook's window (`attendance.requestWindows`): working days late, and the window. */
  late: z.object({ days: z.number().int(), windowDays: z.number().int() }).nullable(),
});
export type Correction = z.infer<typeof correctionSchema>;

/** GET /api/corrections/inbox, /api/corrections/mine and /api/corrections: one page of corrections. */
export const correctionPageSchema = paged(correctionSchema);
export type CorrectionPage = z.output<typeof correctionPageSchema>;

/** POST /api/permits/files: the stored file's content hash, type and size. */
export const uploadedFileSchema = z.object({
  hash: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
});

/** GET /api/permits/inbox/count: permits and corrections waiting for the caller. */
export const inboxCountSchema = z.object({
  permits: z.number().int(),
  corrections: z.number().int(),
  total: z.number().int(),
});
