import { z } from 'zod';
import {
  KINERJA_FIGURE_METHODS,
  ORG_PERFORMANCE,
  PREDIKATS,
  type KinerjaFigureMethod,
} from '../../core/performance/performance-rules.ts';
import { pageQuerySchema, searchText, year, yearMonth } from './common.ts';

/**
 * The HTTP contract of the monthly kinerja figure for TPP (`/api/kinerja/figures…`), of the progress views of
 * admin OPD / BKD (`/api/kinerja/progress`) and of the kinerja part of the home page. The routes
 * (src/server/modules/kinerja/figures-routes.ts) validate and serialise with these schemas; the web client takes its
 * types from them. Source: issue 15 points 6, 8; regulations.md §5.2, §5.4, §5.5, §6.3.
 *
 * A month that is not frozen is computed LIVE on every read (`live: true`, nothing is written); a frozen month
 * (its unit's attendance recap closed) answers the stored row, and later changes appear as adjustments.
 */

export { KINERJA_FIGURE_METHODS, PREDIKATS, ORG_PERFORMANCE };
export type { KinerjaFigureMethod };

/** FINAL: the figure is known; PENDING: it waits for an approved evaluation (rulebook `whenNoEvaluation` null). */
export const KINERJA_FIGURE_STATUSES = ['FINAL', 'PENDING'] as const;
export type KinerjaFigureStatus = (typeof KINERJA_FIGURE_STATUSES)[number];

const count = z.number().int().nonnegative();
/** A share 0..1 (three decimals); null when there was nothing to count. */
const share = z.number().nullable();
const predikat = z.enum(PREDIKATS);
const uuid = z.string().uuid('Pengenal tidak valid');

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** GET /api/kinerja/figures: a month, a unit subtree (default: the caller's scope), a search on name/NIP. */
export const figuresListQuerySchema = pageQuerySchema.extend({
  month: yearMonth,
  unitId: uuid.optional(),
  q: searchText.optional(),
});
/** What a client sends (plain values; the schema coerces the query string). */
export type FiguresListQuery = {
  month: string;
  unitId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
};

/** GET /api/kinerja/figures/mine: the caller's own figure. */
export const figuresMineQuerySchema = z.object({ month: yearMonth });

/** GET /api/kinerja/figures/:employeeId/:month. */
export const figureParamsSchema = z.object({ employeeId: uuid, month: yearMonth });

/** POST /api/kinerja/figures/build: store the month's figures of the employees of a unit (default: the scope). */
export const figuresBuildBodySchema = z.object({ month: yearMonth, unitId: uuid.optional() });
export type FiguresBuildBody = z.input<typeof figuresBuildBodySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Answers

/** One employee-month: stored (frozen or built) or computed for the answer (`live`). */
export const figureRowSchema = z.object({
  employeeId: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  positionName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  month: z.string(),
  method: z.enum(KINERJA_FIGURE_METHODS),
  /** 0..1 with exactly four decimals; null when there is no figure (no required days, or PENDING). */
  score: z.number().nullable(),
  status: z.enum(KINERJA_FIGURE_STATUSES),
  /** Working days with data that require a report (not excused, not LIBUR). */
  requiredDays: count,
  /** Required days whose accepted minutes reach the rulebook minimum (LAPORAN_HARIAN). */
  daysMeetingMinimum: count,
  minutesRequired: count,
  minutesAccepted: count,
  reportsAccepted: count,
  reportsPending: count,
  reportsReturned: count,
  evaluationId: z.string().nullable(),
  predikat: predikat.nullable(),
  rulebookId: z.string(),
  /** Computed now for this answer (the month is not frozen and nothing was stored, or the stored row is older). */
  live: z.boolean(),
  /** When the stored row was computed (null when live). */
  computedAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  /** Adjustments written after the month was frozen (their score deltas go to the next open month). */
  adjustmentCount: count,
});
export type FigureRow = z.output<typeof figureRowSchema>;

/** A change found on a frozen month, carried into the next open month (like the recap's adjustments). */
export const figureAdjustmentSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  monthClosed: z.string(),
  carriedToMonth: z.string(),
  oldScore: z.number().nullable(),
  newScore: z.number().nullable(),
  reason: z.string(),
  createdAt: z.string(),
});
export type FigureAdjustment = z.output<typeof figureAdjustmentSchema>;

/** GET /api/kinerja/figures (and …/mine as a list of one). */
export const figuresListSchema = z.object({
  month: z.string(),
  items: z.array(figureRowSchema),
  total: count,
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The rulebook and method in force for the month. */
  rulebookId: z.string(),
  method: z.enum(KINERJA_FIGURE_METHODS),
  /** Adjustments of this month (made after it was frozen) and carried into it, in the listed scope (newest first, ≤ 200). */
  adjustments: z.array(figureAdjustmentSchema),
});
export type FiguresList = z.output<typeof figuresListSchema>;

/** One day of the month as the figure saw it. */
export const figureDaySchema = z.object({
  date: z.string(),
  /** The stored day code (H, TK, CT, LIBUR …); null = no data for the day (not counted). */
  code: z.string().nullable(),
  required: z.boolean(),
  minutesAccepted: count,
  /** Minutes that count toward the figure (MENIT_EFEKTIF: capped at the effective minutes a day). */
  minutesCounted: count,
  meetsMinimum: z.boolean(),
  note: z.string().nullable(),
});

/** One daily report of the month (any status), as the figure read it. */
export const figureReportSchema = z.object({
  id: z.string(),
  date: z.string(),
  minutes: z.number().int(),
  status: z.enum(['SUBMITTED', 'ACCEPTED', 'RETURNED']),
  activity: z.string(),
  verifiedAt: z.string().nullable(),
  /** Counted in the figure (ACCEPTED). */
  accepted: z.boolean(),
});

/** GET /api/kinerja/figures/:employeeId/:month (and /mine answers the same for the caller). */
export const figureDetailSchema = z.object({
  figure: figureRowSchema,
  /** Indonesian lines, e.g. "20 hari kerja wajib; 18 hari dengan laporan diterima ≥ 300 menit → 0,9000". */
  explanation: z.array(z.string()),
  days: z.array(figureDaySchema),
  reports: z.array(figureReportSchema),
  /** The approved periodic evaluation covering the month, or null. */
  evaluation: z
    .object({
      id: z.string(),
      kind: z.enum(['PERIODIK', 'TAHUNAN']),
      label: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      status: z.string(),
      predikat: predikat.nullable(),
      approvedAt: z.string().nullable(),
      /** The TPP kinerja score of its predikat (rulebook `tppKinerjaScore`). */
      tppScore: z.number().nullable(),
    })
    .nullable(),
  rulebook: z.object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    method: z.enum(KINERJA_FIGURE_METHODS),
    /** The parameters in force: minimum / effective minutes a day, the weight, the fallback. */
    minMinutesPerDay: z.number().int(),
    effectiveMinutesPerDay: z.number().int().nullable(),
    evaluationWeightPercent: z.number().nullable(),
    reportsMethod: z.enum(['LAPORAN_HARIAN', 'MENIT_EFEKTIF']).nullable(),
    whenNoEvaluation: z.number().nullable(),
    legalBasis: z.string(),
  }),
  adjustments: z.array(figureAdjustmentSchema),
});
export type FigureDetail = z.output<typeof figureDetailSchema>;

/** POST /api/kinerja/figures/build. */
export const figuresBuildResultSchema = z.object({
  month: z.string(),
  unitId: z.string(),
  /** Rows stored (inserted or replaced) for a month not frozen. */
  stored: count,
  /** Frozen rows left as they were. */
  frozen: count,
  /** Adjustments written for frozen rows whose figure changed. */
  adjustments: count,
  durationMs: z.number(),
});
export type FiguresBuildResult = z.output<typeof figuresBuildResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Progress for admin OPD / BKD

/**
 * GET /api/kinerja/progress. `period`: the evaluation period — `TW1`…`TW4` (quarter), `B01`…`B12` (month) or
 * `TAHUNAN` (the year); default: the quarter or month (by the rulebook's frequency) containing `month`.
 * `month`: the month of the daily reports (default: the current month of `year`, December for a past year).
 */
export const progressQuerySchema = z.object({
  year,
  unitId: uuid.optional(),
  period: z
    .string()
    .regex(/^(TW[1-4]|B(0[1-9]|1[0-2])|TAHUNAN)$/, 'Periode harus TW1–TW4, B01–B12 atau TAHUNAN')
    .optional(),
  month: yearMonth.optional(),
});
/** What a client sends (plain values; the schema coerces the query string). */
export type ProgressQuery = { year: number; unitId?: string; period?: string; month?: string };

/** Progress of one unit subtree (an OPD) or of the total. */
export const progressRowSchema = z.object({
  /** null for the total row. */
  unitId: z.string().nullable(),
  unitName: z.string(),
  /** Employees whose type has an SKP (rulebook `skp.employeeTypes`). */
  employees: count,
  skp: z.object({
    /** Employees with no SKP in the year. */
    none: count,
    draft: count,
    submitted: count,
    returned: count,
    approved: count,
    /** Employees with an approved SKP / employees. */
    approvedShare: share,
  }),
  reports: z.object({
    month: z.string(),
    submitted: count,
    accepted: count,
    returned: count,
    /** Waiting for verification (of them overdue: past `verifyWithinDays`). */
    pending: count,
    pendingOverdue: count,
    /** Verified (accepted or returned) within `verifyWithinDays` calendar days of submission, and later. */
    verifiedOnTime: count,
    verifiedLate: count,
    /** verifiedOnTime / submitted. */
    onTimeShare: share,
    /** Employees who reported at least once in the month. */
    employeesReporting: count,
  }),
  evaluations: z.object({
    draft: count,
    final: count,
    approved: count,
    /** Employees with an SKP but no evaluation of the period yet. */
    missing: count,
  }),
  predikat: z.object({
    /** The unit's organisational performance for the period, and where it came from. */
    orgPerformance: z.enum(ORG_PERFORMANCE),
    orgPerformanceSource: z.enum(['UNIT_PERFORMANCE', 'DEFAULT']),
    /** Approved (or final) evaluations of the period with a predikat. */
    rated: count,
    counts: z.record(predikat, count),
    /** Share (%) of `rated`, one decimal; null when nothing is rated. */
    actualPercent: z.record(predikat, z.number().nullable()),
    /** The curve's % for the unit's organisational performance. */
    expectedPercent: z.record(predikat, z.number()),
    /** Predikat whose actual share exceeds the curve by more than the tolerance. */
    overCurve: z.array(predikat),
  }),
});
export type ProgressRow = z.output<typeof progressRowSchema>;

export const progressSchema = z.object({
  year: z.number().int(),
  period: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  month: z.string(),
  /** The parent unit whose OPD-level children are the rows. */
  unit: z.object({ id: z.string(), name: z.string() }),
  rows: z.array(progressRowSchema),
  total: progressRowSchema,
  verifyWithinDays: z.number().int(),
  tolerancePercent: z.number(),
  curveIsExample: z.boolean(),
  /** Indonesian notes (e.g. "Kinerja organisasi belum ditetapkan untuk 3 unit; dipakai kurva Baik"). */
  notes: z.array(z.string()),
});
export type Progress = z.output<typeof progressSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Home page part (src/shared/api/dashboard.ts `homeSchema.kinerja`)

export const homeKinerjaSchema = z.object({
  /** The caller as pegawai (has an employee record). */
  pegawai: z
    .object({
      /** Whether the caller's type draws up an SKP. */
      hasSkp: z.boolean(),
      date: z.string(),
      minutesToday: count,
      minutesTodayAccepted: count,
      minMinutesPerDay: z.number().int(),
      reportsToday: count,
      /** Where the page links to (the day's report). */
      link: z.string(),
      month: z.string(),
      minutesMonthAccepted: count,
      reportsReturned: count,
    })
    .nullable(),
  /** The caller as pejabat penilai (or Plt/Plh) of someone. */
  atasan: z
    .object({
      reportsWaiting: count,
      reportsOverdue: count,
      skpWaiting: count,
      link: z.string(),
    })
    .nullable(),
  /** Holders of kinerja.read in a scope (admin OPD, BKD, pimpinan, inspektorat). */
  oversight: z
    .object({
      unit: z.object({ id: z.string(), name: z.string() }),
      year: z.number().int(),
      month: z.string(),
      employees: count,
      skpApproved: count,
      skpApprovedShare: share,
      reportsSubmitted: count,
      reportsVerifiedOnTime: count,
      reportsOnTimeShare: share,
      link: z.string(),
    })
    .nullable(),
});
export type HomeKinerja = z.output<typeof homeKinerjaSchema>;
