import { z } from 'zod';
import { localDate, pageQuerySchema } from './common.ts';
import { CORRECTION_CATEGORIES, PERMIT_KINDS, REQUEST_STATUSES } from '../../core/permits/permit-request.ts';

export { CORRECTION_CATEGORIES, PERMIT_KINDS, REQUEST_STATUSES };

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'Sidik berkas tidak valid');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm');

/** A permit / assignment request by the employee. Fields other than kind, dates and reason depend on the kind. */
export const permitInputSchema = z.object({
  kind: z.enum(PERMIT_KINDS),
  part: z.enum(['full', 'late', 'early']).default('full'),
  dateFrom: localDate,
  dateTo: localDate,
  reason: z.string().trim().min(3, 'Alasan wajib diisi (paling sedikit 3 huruf)').max(1000),
  letterNumber: z.string().trim().max(100).nullish(),
  letterDate: localDate.nullish(),
  fileHash: hash.nullish(),
  destination: z
    .object({
      name: z.string().trim().max(200),
      lat: z.number(),
      lon: z.number(),
      radiusM: z.number().int().min(10).max(10_000).default(200),
    })
    .nullish(),
});
export type PermitInput = z.input<typeof permitInputSchema>;

/** Admin OPD records an assignment on behalf of an employee (with the letter): approved at once. */
export const permitRecordSchema = permitInputSchema.extend({ employeeId: z.string().uuid() });

export const decisionSchema = z.object({
  decision: z.enum(['APPROVE', 'REJECT']),
  note: z.string().trim().max(1000).default(''),
});
export const cancelSchema = z.object({ note: z.string().trim().max(1000).default('') });

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
});
export type Permit = z.infer<typeof permitSchema>;

/** Filters of the scoped lists (admin OPD / BKD / Inspektorat) and of the CSV exports. */
export const requestListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  unitId: z.string().uuid().optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  kind: z.string().max(20).optional(),
});

export const correctionInputSchema = z
  .object({
    date: localDate,
    checkIn: hhmm.nullish(),
    checkOut: hhmm.nullish(),
    category: z.enum(CORRECTION_CATEGORIES),
    reason: z.string().trim().min(3, 'Alasan wajib diisi (paling sedikit 3 huruf)').max(1000),
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
});
export type Correction = z.infer<typeof correctionSchema>;

export const uploadedFileSchema = z.object({
  hash: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
});

export const inboxCountSchema = z.object({
  permits: z.number().int(),
  corrections: z.number().int(),
  total: z.number().int(),
});
