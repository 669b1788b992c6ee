import { z } from 'zod';
import { dateRange, id, localDate } from './common.ts';

/**
 * The HTTP contract of the stored daily statuses (`GET /api/statuses`): an employee's days in a date range, with
 * the days that have no data and why. The route (src/server/modules/statuses/status-routes.ts) validates and
 * serialises with these schemas.
 * Source: docs/architecture.md ("Daily statuses"; "Go-live and 'no data'; reading never writes", issue 13 point 1).
 */

/** GET /api/statuses: the caller's own days without `employeeId`; at most 400 days. */
export const statusQuerySchema = z
  .object({
    employeeId: id.optional(),
    from: localDate,
    to: localDate,
  })
  .superRefine(dateRange('from', 'to', 400));
export type StatusQuery = z.input<typeof statusQuerySchema>;

/** One day of an employee as classified (src/core/attendance/classify-day.ts). */
export const dayStatusSchema = z.object({
  employeeId: z.string(),
  localDate: z.string(),
  unitId: z.string(),
  code: z.string(),
  lateBand: z.string().nullable(),
  earlyBand: z.string().nullable(),
  lateMinutes: z.number().int(),
  earlyMinutes: z.number().int(),
  missingCheckIn: z.boolean(),
  missingCheckOut: z.boolean(),
  workLocation: z.string().nullable(),
  nonWorkingDay: z.boolean(),
  reasons: z.array(z.string()),
  rulebookId: z.string(),
  computedAt: z.string(),
  /** Not stored yet: classified in memory for this answer, exactly as the worker will store it. */
  provisional: z.boolean(),
});
export type DayStatusItem = z.output<typeof dayStatusSchema>;

/** GET /api/statuses. */
export const statusListSchema = z.object({
  items: z.array(dayStatusSchema),
  /** Days without data (before the unit's go-live, outside the employee's service), with the reason: not TK. */
  noData: z.array(z.object({ localDate: z.string(), reason: z.string() })),
});
export type StatusList = z.output<typeof statusListSchema>;
