import { z } from 'zod';
import { dateRange, id, localDate, searchText, text } from './common.ts';

/** The audit trail: a year and a bit at a time at most (an export of one year). */
export const auditQuerySchema = z
  .object({
    q: searchText.optional(),
    entityType: text({ max: 50, label: 'Jenis data' }).optional(),
    /** One action (`permit.approved`) or every action of a kind (`permit.`). */
    action: z
      .string()
      .max(60)
      .regex(/^[a-z_]+\.([a-z_]+)?$/, 'Aksi tidak dikenal')
      .optional(),
    /** Entries about an employee, or made by their account. */
    personId: id.optional(),
    unitId: id.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(dateRange('from', 'to', 400, { toOptional: true }));

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  /** The employee the entry is about (a permit's, a device's …), when there is one. */
  subjectEmployeeId: z.string().uuid().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});

/** A page of entries, with the names of the records their ids point to (employees, units, positions, accounts). */
export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  names: z.record(z.string(), z.string()),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
