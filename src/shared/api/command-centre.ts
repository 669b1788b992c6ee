import { z } from 'zod';
import { AGE_BUCKETS, TODAY_CATEGORIES } from '../../core/oversight/command-centre.ts';
import { id, localDate, yearMonth } from './common.ts';

/**
 * The HTTP contract of Ruang Kendali, the leaders' command centre (issue 18 point 5; docs/command-centre.md): one
 * answer with every tile in the caller's scope, the per-OPD table's exports and the monthly briefing (PDF).
 */

export { AGE_BUCKETS, TODAY_CATEGORIES };
export type { AgeBucket, TodayCategory } from '../../core/oversight/command-centre.ts';

/** GET /api/command-centre (and its exports and the briefing). */
export const commandCentreQuerySchema = z.object({
  /** Today's attendance is always "now" (Kehadiran hari ini); a past date is refused (see the recap instead). */
  date: localDate.optional(),
  /** The month of the ranking, the trend's last month and the briefing; default: the month before today's. */
  month: yearMonth.optional(),
  /** A unit in the caller's scope: every figure limited to its subtree. */
  unitId: id.optional(),
});
export type CommandCentreQuery = z.input<typeof commandCentreQuerySchema>;

/** A link to the list behind a tile: the web path with its query. */
const link = z.string();

const countsSchema = z.object(
  Object.fromEntries(TODAY_CATEGORIES.map((c) => [c, z.number().int()])) as Record<
    (typeof TODAY_CATEGORIES)[number],
    z.ZodNumber
  >,
);

export const todayRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** False: the OPD has not started using Abdi on this date ("belum memakai Abdi", not absent). */
  usingAbdi: z.boolean(),
  total: z.number().int(),
  counts: countsSchema,
  /** At work (present or late) over expected (everyone but those off or without data); null when none expected. */
  rate: z.number().nullable(),
  link,
});
export type TodayRow = z.infer<typeof todayRowSchema>;

export const mapPointSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  placeName: z.string(),
  lat: z.number(),
  lon: z.number(),
  usingAbdi: z.boolean(),
  total: z.number().int(),
  counts: countsSchema,
  rate: z.number().nullable(),
  link,
});
export type MapPoint = z.infer<typeof mapPointSchema>;

export const commandCentreSchema = z.object({
  /** Today (WIB) of the attendance tile. */
  date: z.string(),
  month: z.string(),
  generatedAt: z.string(),
  /** Whose view: the region of a reader in scope, or the OPD(s) the caller heads (holder or Plt/Plh). */
  scope: z.object({
    kind: z.enum(['region', 'opd']),
    unitId: z.string().nullable(),
    unitName: z.string(),
    /** The units the caller may narrow to (the rows of the tables). */
    units: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  today: z.object({
    rows: z.array(todayRowSchema),
    total: todayRowSchema.omit({ unitId: true, unitName: true, usingAbdi: true }),
    link,
  }),
  map: z.array(mapPointSchema),
  trend: z.object({
    points: z.array(
      z.object({
        month: z.string(),
        /** Every stored recap row of the month lies under a closed month (the figure no longer changes). */
        closed: z.boolean(),
        employees: z.number().int(),
        workingDays: z.number().int(),
        onTimeDays: z.number().int(),
        tkDays: z.number().int(),
        compliance: z.number().nullable(),
      }),
    ),
    link,
  }),
  lowest: z.object({
    month: z.string(),
    closed: z.boolean(),
    rows: z.array(
      z.object({
        rank: z.number().int(),
        unitId: z.string(),
        unitName: z.string(),
        workingDays: z.number().int(),
        onTimeDays: z.number().int(),
        compliance: z.number(),
        link,
      }),
    ),
    link,
  }),
  inspections: z.object({
    planned: z.number().int(),
    inProgress: z.number().int(),
    followUpsOpen: z.number().int(),
    followUpsOverdue: z.number().int(),
    empty: z.boolean(),
    link,
    overdueLink: link,
  }),
  complaints: z.object({
    byStatus: z.record(z.string(), z.number().int()),
    open: z.number().int(),
    ages: z.record(z.string(), z.number().int()),
    slaBreaches: z.number().int(),
    empty: z.boolean(),
    link,
  }),
  discipline: z.object({
    byStage: z.array(z.object({ stage: z.string(), count: z.number().int() })),
    open: z.number().int(),
    empty: z.boolean(),
    link,
  }),
  kinerja: z.object({
    waiting: z.number().int(),
    overdue: z.number().int(),
    verifyWithinDays: z.number().int().nullable(),
    empty: z.boolean(),
    link,
  }),
  tpp: z.object({
    /** The last month with a published run in scope; null when none. */
    month: z.string().nullable(),
    byCause: z.array(z.object({ cause: z.string(), label: z.string(), amount: z.number().int() })),
    total: z.number().int(),
    empty: z.boolean(),
    link,
  }),
});
export type CommandCentre = z.infer<typeof commandCentreSchema>;
