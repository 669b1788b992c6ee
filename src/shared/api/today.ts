import { z } from 'zod';
import { TODAY_STATUSES } from '../../core/attendance/today-status.ts';
import { id, pageQuerySchema, searchText } from './common.ts';

/**
 * The HTTP contract of *Kehadiran hari ini* (who is in today): one list of the caller's scope or of a unit,
 * with the count per status, and a per-unit summary for drill-down and ranking (BKD, Sekda).
 * Source: issue 13 point 3; the statuses are those of src/core/attendance/today-status.ts.
 */

export { TODAY_STATUSES };
export type { TodayStatus } from '../../core/attendance/today-status.ts';

/** `true` / `false` in a query string (z.coerce.boolean would read "false" as true). */
const queryBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true');

/** GET /api/today. */
export const todayQuerySchema = pageQuerySchema.extend({
  /** A unit in the caller's scope; omitted = the caller's natural scope (staff, unit subtree, organisation). */
  unitId: id.optional(),
  /** With `unitId`: also the employees of its sub-units (default true). */
  includeSubunits: queryBoolean(true),
  /**
   * Only the caller's own staff (direct, and those of a post they hold as Plt/Plh), also when the caller reads
   * whole units (a head of OPD or the Inspektur on their home page); 403 for a caller without staff.
   */
  staff: queryBoolean(false),
  /** Only this status in `items` (the summary always counts every status). */
  status: z.enum(TODAY_STATUSES).optional(),
  /** Name or NIP (part of it). */
  q: searchText.optional(),
});
export type TodayQuery = z.input<typeof todayQuerySchema>;

/** GET /api/today/export.:format: the current list (same filters, every page). */
export const todayExportQuerySchema = todayQuerySchema.omit({ page: true, pageSize: true });

/** Employees per status, and in all. */
export const todaySummarySchema = z.object({
  counts: z.record(z.enum(TODAY_STATUSES), z.number().int()),
  total: z.number().int(),
  /**
   * Of the employees expected at work today and already judged (see `compliant` of an item), the share who
   * checked in on time (0..1, three decimals); null when nobody is judged yet.
   */
  compliance: z.number().nullable(),
  /** Employees judged for `compliance` (its denominator). */
  judged: z.number().int(),
});
export type TodaySummary = z.infer<typeof todaySummarySchema>;

const punchSchema = z.object({
  /** Instant of the punch (ISO 8601); shown in the employee's zone (`timeZone`). */
  at: z.string(),
  /** Where it was made (an office, a dinas luar destination, home …), as judged on arrival; null = unknown. */
  place: z.object({ kind: z.string(), label: z.string() }).nullable(),
  /** The punch's verdict after review: ACCEPTED, or FLAGGED while a review is pending. */
  verdict: z.string(),
});

export const todayItemSchema = z.object({
  employeeId: z.string(),
  nip: z.string().nullable(),
  /** Full name with academic titles. */
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** The employee's "today": the local date in their unit's zone. */
  date: z.string(),
  status: z.enum(TODAY_STATUSES),
  /** The day code behind LEAVE / PERMIT / DINAS_LUAR / OFF (CT, S, DL, LIBUR …); null otherwise. */
  code: z.string().nullable(),
  /** The first counted punch in the check-in window, or null. */
  checkIn: punchSchema.nullable(),
  /** The last counted punch in the check-out window, or null (none yet). */
  checkOut: punchSchema.nullable(),
  /** The day's latest counted punch at any time of the day (also on a day off or outside the windows), or null. */
  lastPunch: punchSchema.nullable(),
  /** Minutes late counted (after the grace period), 0 when on time or not in. */
  lateMinutes: z.number().int(),
  /** Lateness band (TL1–TL4) of a check-in, null when none. */
  lateBand: z.string().nullable(),
  /** Minutes left early, once checked out before the end of the schedule; 0 otherwise. */
  earlyMinutes: z.number().int(),
  earlyBand: z.string().nullable(),
  /** Why, in Bahasa Indonesia (leave approved, schedule, go-live …); null when the status says it all. */
  reason: z.string().nullable(),
  /** Scheduled hours today (`HH:mm`), null on a day off or without data. */
  schedule: z.object({ start: z.string(), end: z.string() }).nullable(),
  /**
   * Counts toward compliance: true = at work on time, false = late, absent or not in after the start plus
   * grace, null = not judged (off, no data, excused, or the start has not passed).
   */
  compliant: z.boolean().nullable(),
  /** The unit's zone (Asia/Jakarta = WIB, Asia/Makassar = WITA, Asia/Jayapura = WIT). */
  timeZone: z.string(),
});
export type TodayItem = z.infer<typeof todayItemSchema>;

export const todayListSchema = z.object({
  /** Today in the zone of the unit asked for (WIB for a whole scope); each item carries its own date. */
  date: z.string(),
  /** When the answer was computed (ISO 8601). */
  generatedAt: z.string(),
  /** The unit asked for, or null for the caller's natural scope. */
  unit: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }).nullable(),
  /** Which people: `unit` = a unit subtree, `scope` = the caller's natural scope, `staff` = their staff only. */
  mode: z.enum(['unit', 'scope', 'staff']),
  /** Every employee of the unit or scope, per status (the `status` and `q` filters do not apply). */
  summary: todaySummarySchema,
  items: z.array(todayItemSchema),
  /** Items matching `status` and `q`. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TodayList = z.infer<typeof todayListSchema>;

/** GET /api/today/units. */
export const todayUnitsQuerySchema = z.object({
  /** The unit whose sub-units are listed; omitted = the top of the caller's scope (the OPDs for BKD/Sekda). */
  parentId: id.optional(),
});
export type TodayUnitsQuery = z.input<typeof todayUnitsQuerySchema>;

export const todayUnitRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitCode: z.string(),
  /** True for the row of the parent's own employees (not in any sub-unit). */
  direct: z.boolean(),
  /** The unit has sub-units to drill into. */
  hasChildren: z.boolean(),
  summary: todaySummarySchema,
});
export type TodayUnitRow = z.infer<typeof todayUnitRowSchema>;

export const todayUnitsSchema = z.object({
  date: z.string(),
  generatedAt: z.string(),
  /** The unit whose sub-units these are; null when the rows are the roots of the caller's scope. */
  parent: z
    .object({
      id: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      /** One level up, when the caller may open it; null = back to the top of the caller's scope. */
      upId: z.string().nullable(),
    })
    .nullable(),
  /** The whole parent (or scope), all rows together. */
  summary: todaySummarySchema,
  /** Worst compliance first (units nobody is judged in yet last), then by name. */
  rows: z.array(todayUnitRowSchema),
});
export type TodayUnits = z.infer<typeof todayUnitsSchema>;
