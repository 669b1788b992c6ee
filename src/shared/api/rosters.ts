import { z } from 'zod';
import { dateRange, id, localDate, searchText, text, yearMonth } from './common.ts';

/** Most roster cells in one save (a unit of 200 employees × a month is 6,200). A technical limit. */
export const MAX_ROSTER_LINES = 10_000;
/** Longest range one "clear" may cover, in days. A technical limit. */
export const MAX_ROSTER_CLEAR_DAYS = 400;
export { ROSTER_DAY_OFF } from './roster-codes.ts';

const shiftCode = text({ min: 1, max: 40, label: 'Kode shift' }).transform((s) => s.toUpperCase());

/** One roster cell: the shift of an employee on a date; `shiftCode: null` = scheduled day off (libur). */
export const rosterLineInputSchema = z.object({
  employeeId: id,
  date: localDate,
  shiftCode: shiftCode.nullable(),
});
export type RosterLineInput = z.input<typeof rosterLineInputSchema>;

/** A cell put back to the regular schedule (its roster line removed). */
export const rosterCellSchema = z.object({ employeeId: id, date: localDate });

/** PUT /api/rosters: set many cells (and clear others) in one transaction. */
export const rosterSetSchema = z
  .object({
    lines: z.array(rosterLineInputSchema).max(MAX_ROSTER_LINES).default([]),
    clear: z.array(rosterCellSchema).max(MAX_ROSTER_LINES).default([]),
  })
  .refine((b) => b.lines.length + b.clear.length > 0, { message: 'Tidak ada perubahan untuk disimpan' })
  .refine((b) => b.lines.length + b.clear.length <= MAX_ROSTER_LINES, {
    message: `Paling banyak ${MAX_ROSTER_LINES} sel per simpan`,
  });
export type RosterSetInput = z.input<typeof rosterSetSchema>;

/** POST /api/rosters/clear: remove the roster lines of employees over a date range (back to the regular schedule). */
export const rosterClearSchema = z
  .object({
    employeeIds: z.array(id).min(1).max(2_000),
    from: localDate,
    to: localDate,
  })
  .superRefine(dateRange('from', 'to', MAX_ROSTER_CLEAR_DAYS));
export type RosterClearInput = z.input<typeof rosterClearSchema>;

/** What a save, clear or import changed. */
export const rosterChangeResultSchema = z.object({
  /** Cells whose value changed (set, changed or removed). */
  changed: z.number().int(),
  /** Cells asked for that were already so. */
  unchanged: z.number().int(),
  employees: z.number().int(),
});
export type RosterChangeResult = z.infer<typeof rosterChangeResultSchema>;

/** GET /api/rosters and /api/rosters/export.csv. */
export const rosterQuerySchema = z.object({
  unitId: id,
  month: yearMonth,
  q: searchText.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type RosterQuery = z.input<typeof rosterQuerySchema>;

/** A shift of the rulebook, for the grid's select. */
export const rosterShiftSchema = z.object({
  code: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  /** Ends on the next day (e.g. MALAM 22:00–07:00). */
  overnight: z.boolean(),
});

export const rosterDaySchema = z.object({
  date: z.string(),
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: z.number().int(),
  /** working / weekend / holiday / cuti_bersama in the unit's calendar (null when the rulebook has no such year). */
  dayType: z.string().nullable(),
  holiday: z.string().nullable(),
});

export const rosterEmployeeSchema = z.object({
  employeeId: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  unitName: z.string(),
  /** date → shift code, or null for a day off; a date absent = the regular schedule. */
  lines: z.record(z.string(), z.string().nullable()),
});

export const rosterMonthSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  timeZone: z.string(),
  month: z.string(),
  /** The month is closed for the unit (or an ancestor): nothing in it can change. */
  closed: z.boolean(),
  days: z.array(rosterDaySchema),
  shifts: z.array(rosterShiftSchema),
  items: z.array(rosterEmployeeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RosterMonth = z.infer<typeof rosterMonthSchema>;

/** One bad row of an import (line 1 = the header). */
export const rosterImportIssueSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
export type RosterImportIssue = z.infer<typeof rosterImportIssueSchema>;

export const rosterImportResultSchema = rosterChangeResultSchema.extend({ rows: z.number().int() });
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

/** GET /api/rosters/mine: the caller's own roster lines in a range (at most 62 days). */
export const myRosterQuerySchema = z
  .object({ from: localDate, to: localDate })
  .superRefine(dateRange('from', 'to', 62));

export const myRosterSchema = z.object({
  timeZone: z.string(),
  /** Dates with a roster line: a shift (with its hours) or a day off (`shift: null`); other dates are regular. */
  items: z.array(z.object({ date: z.string(), shift: rosterShiftSchema.nullable() })),
});
export type MyRoster = z.infer<typeof myRosterSchema>;
