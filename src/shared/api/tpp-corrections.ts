import { z } from 'zod';
import { id, pageQuerySchema, paged, yearMonth } from './common.ts';

/**
 * The HTTP contract of the corrections of locked TPP runs (issue 17 point 4: "a change after locking is never an
 * edit of the locked run, it becomes a correction line in the employee's next run"). A locked run's lines are
 * computed again from fresh inputs under the run's stored rules and tariff source; an employee's correction is
 * fresh net − paid net − the corrections already recorded for that run and employee: positive = kekurangan bayar,
 * negative = kelebihan bayar, paid (or recovered) by the employee's next run and marked paid when that run is locked.
 *
 * Routes (all under /api/tpp):
 * - GET  /runs/:id/corrections/preview?employeeId  → {@link correctionPreviewSchema} (tpp.run over the run's unit:
 *   admin OPD of the OPD, BKD; reading never writes)
 * - POST /runs/:id/corrections {@link correctionRecordBodySchema} → {@link correctionRecordResultSchema} (same;
 *   records the non-zero differences, idempotent: a second call records nothing; audited; each employee told)
 * - GET  /corrections?unitId&month&status&page&pageSize → {@link correctionListSchema} (readers of TPP in scope)
 * Refusals: 403 (may read the run, may not record), 404 (may not see the run), 409 (the run is not locked).
 */

export const CORRECTION_STATUSES = ['OPEN', 'PAID'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_STATUS_LABELS: Readonly<Record<CorrectionStatus, string>> = {
  OPEN: 'Belum dibayar',
  PAID: 'Sudah dibayar',
};

export const correctionPreviewQuerySchema = z.object({ employeeId: id.optional() });
export type CorrectionPreviewQuery = z.infer<typeof correctionPreviewQuerySchema>;

export const correctionRecordBodySchema = z.object({ employeeId: id.optional() }).strict().default({});
export type CorrectionRecordBody = z.infer<typeof correctionRecordBodySchema>;

/** One employee of a locked run recomputed: what was paid, what it is now, and the correction due. */
export const correctionPreviewItemSchema = z.object({
  employeeId: id,
  name: z.string(),
  nip: z.string().nullable(),
  /** Net paid by the locked run. */
  paidNet: z.number().int(),
  /** Net of the line computed again from fresh inputs (null: the employee has no data in the month any more). */
  recomputedNet: z.number().int().nullable(),
  /** Corrections already recorded for this run and employee. */
  recorded: z.number().int(),
  /** recomputed − paid − recorded: > 0 kekurangan bayar, < 0 kelebihan bayar, 0 nothing to record. */
  amount: z.number().int(),
  reason: z.string(),
});
export type CorrectionPreviewItem = z.infer<typeof correctionPreviewItemSchema>;

export const correctionPreviewSchema = z.object({
  runId: id,
  month: z.string(),
  items: z.array(correctionPreviewItemSchema),
  /** Sum of the non-zero amounts. */
  total: z.number().int(),
});
export type CorrectionPreview = z.infer<typeof correctionPreviewSchema>;

/** A recorded correction. */
export const correctionSchema = z.object({
  id,
  employeeId: id,
  name: z.string(),
  nip: z.string().nullable(),
  originRunId: id,
  originMonth: z.string(),
  amount: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  /** The run that paid (or recovered) it, and its month. */
  appliedRunId: id.nullable(),
  appliedMonth: z.string().nullable(),
});
export type Correction = z.infer<typeof correctionSchema>;

export const correctionRecordResultSchema = z.object({
  runId: id,
  recorded: z.array(correctionSchema),
});
export type CorrectionRecordResult = z.infer<typeof correctionRecordResultSchema>;

export const correctionListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  /** The month of the locked run the correction comes from. */
  month: yearMonth.optional(),
  status: z.enum(CORRECTION_STATUSES).optional(),
  /** The locked run the corrections come from. */
  runId: id.optional(),
});
export type CorrectionListQuery = z.infer<typeof correctionListQuerySchema>;

export const correctionListSchema = paged(correctionSchema);
export type CorrectionList = z.infer<typeof correctionListSchema>;
