import { z } from 'zod';
import { CLOSING_ITEM_KINDS } from '../../core/recap/closing-check.ts';
import { RECAP_FIGURES, type RecapFigure } from '../../core/recap/recap-figures.ts';
import { pageQuerySchema, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of the monthly recap (`/api/recap/…`): an employee's month, a unit's rows, the month closing,
 * the early warnings and the charts. The routes (src/server/modules/recap/recap-routes.ts) validate and serialise
 * with these schemas and the web client (src/web/api/recap.ts) takes its types from them.
 * Source: issue 5 points 5–8, issue 13 point 2; the figures are those of src/core/recap/recap-figures.ts.
 */

export { CLOSING_ITEM_KINDS, RECAP_FIGURES };
export type { RecapFigure };

const month = yearMonth;
/** The formats a recap downloads in. */
export const RECAP_EXPORT_FORMATS = ['xlsx', 'pdf', 'csv'] as const;
export const recapExportFormatSchema = z.enum(RECAP_EXPORT_FORMATS);
export type RecapExportFormat = z.output<typeof recapExportFormatSchema>;

/** Days (or a change in days) per status code. */
const counts = z.record(z.string(), z.number());

type FigureShape = { [K in RecapFigure]: K extends 'codeCounts' ? typeof counts : z.ZodNumber };
/** One schema per figure of RECAP_FIGURES, in its order: a count, or days per code for `codeCounts`. */
const figureShape = Object.fromEntries(
  RECAP_FIGURES.map((figure) => [figure, figure === 'codeCounts' ? counts : z.number()]),
) as FigureShape;

/** One employee-month of the stored recap (`monthly_recaps`) with the employee's name, unit and position. */
export const recapRowSchema = z.object({
  employeeId: z.string(),
  month: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  positionName: z.string().nullable(),
  ...figureShape,
  apelTarget: z.number(),
  apelAttended: z.number(),
  apelPercent: z.number().nullable(),
  adjustmentCount: z.number(),
  adjustmentDelta: counts,
  computedAt: z.string(),
});
export type RecapRow = z.output<typeof recapRowSchema>;

/** Who closed a unit-month, when, and the content hash of its frozen rows. */
export const recapClosingSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  closedAt: z.string(),
  closedByName: z.string().nullable(),
  contentHash: z.string().nullable(),
});
const closingOrNull = recapClosingSchema.nullable();

/** A difference found on a day of a closed month, carried into the next open month. */
export const recapAdjustmentSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  localDate: z.string(),
  monthClosed: z.string(),
  carriedToMonth: z.string(),
  oldCode: z.string().nullable(),
  newCode: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

/** A unit (default: the top of the caller's scope) and a month: warnings and charts. */
export const recapUnitQuerySchema = z.object({ unitId: z.string().uuid().optional(), month });
/** A unit and a month, both required. */
const unitMonthBody = z.object({ unitId: z.string().uuid(), month });

const closingItemKind = z.enum(CLOSING_ITEM_KINDS);
/** One thing missing or pending in a unit-month (src/core/recap/closing-check.ts). */
export const closingItemSchema = z.object({
  kind: closingItemKind,
  ref: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  dates: z.array(z.string()),
  count: z.number(),
  label: z.string(),
  waivable: z.boolean(),
});
/** What a closing status and a refusal to close list: counts per kind and the first items. */
export const closingItemsSchema = z.object({
  complete: z.boolean(),
  counts: z.record(closingItemKind, z.number()),
  total: z.number(),
  items: z.array(closingItemSchema),
});

/** GET /api/recap/employee: the caller's own month without `employeeId`. */
export const employeeMonthQuerySchema = z.object({ employeeId: z.string().uuid().optional(), month });

/** A stored (or, `provisional`, computed for the answer) day of the month with its reasons. */
export const recapDaySchema = z.object({
  localDate: z.string(),
  code: z.string(),
  lateBand: z.string().nullable(),
  earlyBand: z.string().nullable(),
  lateMinutes: z.number(),
  earlyMinutes: z.number(),
  missingCheckIn: z.boolean(),
  missingCheckOut: z.boolean(),
  workLocation: z.string().nullable(),
  nonWorkingDay: z.boolean(),
  reasons: z.array(z.string()),
  provisional: z.boolean(),
});

/** A day on which Abdi is not the employee's record (before the unit's go-live, outside service): never TK. */
export const noDataDaySchema = z.object({ localDate: z.string(), reason: z.string() });

/** GET /api/recap/employee. */
export const employeeMonthSchema = z.object({
  employee: z.object({
    id: z.string(),
    nip: z.string().nullable(),
    name: z.string(),
    positionName: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    timeZone: z.string(),
  }),
  month: z.string(),
  closing: closingOrNull,
  recap: recapRowSchema.nullable(),
  /** The figures were computed for this answer (some day not stored yet), not read from storage. */
  recapProvisional: z.boolean(),
  days: z.array(recapDaySchema),
  noData: z.array(noDataDaySchema),
  adjustments: z.array(recapAdjustmentSchema),
});

/** GET /api/recap/employee/export. */
export const employeeExportQuerySchema = z.object({
  employeeId: z.string().uuid().optional(),
  month,
  format: recapExportFormatSchema,
});

/** GET /api/recap/units. */
export const unitRecapQuerySchema = pageQuerySchema.extend({
  month,
  unitId: z.string().uuid().optional(),
  q: searchText.optional(),
});

/** GET /api/recap/units: the rows of a unit subtree (`unit`) or of the caller's staff (`staff`). */
export const unitRecapSchema = z.object({
  mode: z.enum(['unit', 'staff']),
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }).nullable(),
  closing: closingOrNull,
  items: z.array(recapRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** GET /api/recap/export and POST /api/recap/export-jobs. */
export const unitExportQuerySchema = z.object({
  unitId: z.string().uuid(),
  month,
  format: recapExportFormatSchema,
});

/** GET /api/recap/adjustments and GET /api/recap/closing. */
export const unitMonthQuerySchema = z.object({ unitId: z.string().uuid(), month });

/** GET /api/recap/adjustments. */
export const adjustmentListSchema = z.object({ items: z.array(recapAdjustmentSchema) });

/** GET /api/recap/closing. */
export const closingStatusSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  opensOn: z.string(),
  canCloseNow: z.boolean(),
  closing: closingOrNull,
  intact: z.boolean().nullable(),
  pending: z.object({ flaggedPunches: z.number(), queuedDays: z.number(), requests: z.number() }),
  missingDays: z.number(),
  ...closingItemsSchema.shape,
  /** What the rulebook lets the closer leave open with a reason per item (null: nothing). */
  waivable: z.object({ kinds: z.array(closingItemKind), minReasonChars: z.number() }).nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      closedAt: z.string(),
      closedByName: z.string().nullable(),
      contentHash: z.string(),
      rowCount: z.number(),
      reopenedAt: z.string().nullable(),
      reopenedByName: z.string().nullable(),
      reopenReason: z.string().nullable(),
      waivers: z.array(
        z.object({ kind: z.string(), ref: z.string(), label: z.string(), reason: z.string() }),
      ),
    }),
  ),
});

/** A reason given for an item left open when closing (kinds the rulebook allows). */
export const closingWaiverSchema = z.object({
  kind: closingItemKind,
  ref: text({ max: 100, label: 'Butir' }),
  reason: text({ max: 1000, label: 'Alasan pengecualian', multiline: true }),
});

/** POST /api/recap/closing/close. */
export const closeMonthBodySchema = unitMonthBody.extend({
  waivers: z.array(closingWaiverSchema).max(1000).default([]),
});

/** POST /api/recap/closing/close: the closing made. */
export const closeMonthResultSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  month: z.string(),
  closedAt: z.string(),
  closedByName: z.string(),
  contentHash: z.string(),
  rows: z.number(),
});

/** POST /api/recap/closing/queue-missing. */
export const queueMissingBodySchema = unitMonthBody;
export const queueMissingResultSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  employees: z.number(),
  days: z.number(),
});

/** POST /api/recap/closing/reopen. */
export const reopenMonthBodySchema = unitMonthBody.extend({
  reason: text({ max: 1000, label: 'Alasan membuka kembali', multiline: true }),
});
export const reopenMonthResultSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  reopenedAt: z.string(),
  reason: z.string(),
});

/** One employee near a discipline threshold (PP 94/2021 Pasal 4 huruf f). */
export const earlyWarningSchema = z.object({
  employeeId: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  unitName: z.string(),
  employeeType: z.string(),
  totalDays: z.number(),
  tkDays: z.number(),
  minutesAsDays: z.number(),
  remainderMinutes: z.number(),
  cumulativeStep: z.number().nullable(),
  next: z
    .object({
      atDays: z.number(),
      inDays: z.number(),
      level: z.string(),
      sanction: z.string(),
    })
    .nullable(),
  consecutive: z.object({ atDays: z.number(), currentDays: z.number(), inDays: z.number() }).nullable(),
  reasons: z.array(z.string()),
});

/** GET /api/recap/warnings. */
export const warningListSchema = z.object({
  month: z.string(),
  marginDays: z.number(),
  items: z.array(earlyWarningSchema),
});

/** GET /api/recap/charts/heatmap. */
export const heatmapSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      days: z.array(
        z.object({
          date: z.string(),
          share: z.number().nullable(),
          working: z.number(),
          onTime: z.number(),
        }),
      ),
    }),
  ),
});

/** GET /api/recap/charts/trend. */
export const trendQuerySchema = recapUnitQuerySchema.extend({
  months: z.coerce.number().int().min(2).max(24).default(6),
});
export const trendSchema = z.object({
  unitId: z.string(),
  points: z.array(
    z.object({
      month: z.string(),
      employees: z.number(),
      workingDays: z.number(),
      onTimeDays: z.number(),
      compliance: z.number().nullable(),
      tkDays: z.number(),
      lateMinutes: z.number(),
      earlyMinutes: z.number(),
    }),
  ),
});

/** GET /api/recap/charts/codes. */
export const codeDistributionSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  items: z.array(z.object({ code: z.string(), days: z.number() })),
});
