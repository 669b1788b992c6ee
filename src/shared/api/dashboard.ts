import { z } from 'zod';
import { pageQuerySchema } from './common.ts';
import { homeKinerjaSchema } from './kinerja-figures.ts';

/**
 * The HTTP contract of the home page (`/`): one answer with a section per role the caller holds, each built from
 * the reads of the module that owns it (inbox counts, leave balance, the month's recap, reviews, devices, the
 * closing state, the recap charts) and limited to what the caller may see. "Who is in today" is not here: the web
 * page asks `GET /api/today` and `GET /api/today/units` (src/shared/api/today.ts) for it.
 * Source: issue 13 point 4.
 */

const count = z.number().int().nonnegative();
/** A share 0..1 with three decimals; null when there was nothing to count. */
const share = z.number().nullable();

/** GET /api/dashboard: counts in the caller's scope (units, employees by type and by unit, audit, imports). */
export const dashboardSummarySchema = z.object({
  units: z.number(),
  employees: z.number(),
  /** Employees per employee type (PNS, CPNS, PPPK, …); a type without employees is absent. */
  byType: z.record(z.string(), z.number()),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), count: z.number() })),
  subordinates: z.number(),
  auditToday: z.number(),
  imports: z.number(),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;

/** The pegawai's own day (from the Presensi page's read). */
export const homeMyDaySchema = z.object({
  localDate: z.string(),
  timeZone: z.string(),
  /** Scheduled hours today (`HH:mm`), null on a day off. */
  schedule: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** Today's status as far as it can be told now (BELUM = the working day runs, no check-in yet). */
  status: z.object({ code: z.string(), label: z.string(), reason: z.string() }).nullable(),
  /** First and last counted punch (`HH:mm` in the unit's zone), null when none. */
  checkIn: z.string().nullable(),
  checkOut: z.string().nullable(),
  /** What the punch button of /presensi offers next. */
  nextPunch: z.enum(['IN', 'OUT']),
  /** The phone bound for check-in: ACTIVE, PENDING (a change waits for admin OPD) or NONE. */
  device: z.enum(['ACTIVE', 'PENDING', 'NONE']),
  /** Punches of today that were rejected or wait for review. */
  rejected: count,
  flagged: count,
});
export type HomeMyDay = z.infer<typeof homeMyDaySchema>;

export const MY_REQUEST_KINDS = ['LEAVE', 'PERMIT', 'CORRECTION'] as const;
export const homeMyRequestSchema = z.object({
  kind: z.enum(MY_REQUEST_KINDS),
  id: z.string(),
  /** The leave type, permit kind or correction category (code). */
  type: z.string(),
  /** Leave type name (Indonesian) for leave; null otherwise (the web names kinds and categories itself). */
  typeName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** DIAJUKAN, DISETUJUI_ATASAN (leave), DISETUJUI, DITOLAK, DIBATALKAN. */
  status: z.string(),
  createdAt: z.string(),
});
export type HomeMyRequest = z.infer<typeof homeMyRequestSchema>;

export const homePegawaiSchema = z.object({
  employeeId: z.string(),
  today: homeMyDaySchema.nullable(),
  /** Annual leave (cuti tahunan) of this year; null when the rulebook has no year for it. */
  leave: z
    .object({
      year: z.number().int(),
      isEligible: z.boolean(),
      available: z.number(),
      taken: z.number(),
      pending: z.number(),
      remaining: z.number(),
    })
    .nullable(),
  /** My latest requests of every kind, newest first, and how many still wait for a decision. */
  requests: z.object({ waiting: count, items: z.array(homeMyRequestSchema) }),
  /** My month so far: the stored day codes and the recap figures. */
  month: z
    .object({
      month: z.string(),
      workingDays: count,
      onTimeDays: count,
      lateDays: count,
      earlyDays: count,
      tkDays: count,
      lateMinutes: count,
      earlyMinutes: count,
      codeCounts: z.record(z.string(), z.number()),
      /** Stored days: the code, and whether the employee came late or left early (TL / PSW band). */
      days: z.array(
        z.object({
          date: z.string(),
          code: z.string(),
          nonWorkingDay: z.boolean(),
          late: z.boolean(),
          early: z.boolean(),
        }),
      ),
    })
    .nullable(),
});
export type HomePegawai = z.infer<typeof homePegawaiSchema>;

/** What waits for the caller's own decision (the navigation's badges, as numbers). */
export const homeWaitingSchema = z.object({
  reviews: count,
  permits: count,
  corrections: count,
  leave: count,
});

/** The team itself (who is in today) comes from `GET /api/today`, whose natural scope for an atasan is their staff. */
export const homeAtasanSchema = z.object({ waiting: homeWaitingSchema });
export type HomeAtasan = z.infer<typeof homeAtasanSchema>;

export const homeAdminSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  units: count,
  employees: count,
  /** Work waiting in the unit subtree: flagged punches, phone changes, requests not decided yet. */
  pending: z.object({
    reviews: count,
    devices: count,
    permits: count,
    corrections: count,
    leave: count,
  }),
  /** The closing state of last month for the unit. */
  closing: z.object({
    month: z.string(),
    closed: z.boolean(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    opensOn: z.string(),
    canCloseNow: z.boolean(),
    /** Employee-days of the month without a stored status. */
    missingDays: count,
    /** Items of the month that wait (flagged punches, queued days, requests). */
    pendingItems: count,
  }),
});
export type HomeAdmin = z.infer<typeof homeAdminSchema>;

export const unitComplianceSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** Employee-days on working days, and of them present on time (stored day statuses). */
  workingDays: count,
  onTimeDays: count,
  compliance: share,
});
export type UnitCompliance = z.infer<typeof unitComplianceSchema>;

export const homeLeadersSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  month: z.string(),
  /** Compliance of the whole scope this month, and the sub-units worst first (units without working days last). */
  compliance: share,
  units: z.array(unitComplianceSchema),
  /** Per working day of the month so far, the scope's compliance. */
  days: z.array(z.object({ date: z.string(), compliance: share })),
  /** The last six months of the scope (stored recaps). */
  trend: z.array(
    z.object({ month: z.string(), compliance: share, tkDays: count, lateMinutes: count, employees: count }),
  ),
  /** Sub-units far below the others this month (see `outlierGap`). */
  outliers: z.array(unitComplianceSchema.extend({ median: z.number() })),
  /** How far below the median of the sub-units an outlier lies (share, e.g. 0.1 = 10 points). */
  outlierGap: z.number(),
});
export type HomeLeaders = z.infer<typeof homeLeadersSchema>;

/**
 * What the Inspektorat looks at: punches flagged or rejected in the window, punches outside every allowed place,
 * phones bound to several employees, and units whose compliance moved sharply since last month.
 */
export const ANOMALY_KINDS = ['flagged', 'rejected', 'outsideFence', 'sharedDevices', 'unitChanges'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export const anomalyPunchSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  occurredAt: z.string(),
  localDate: z.string(),
  timeZone: z.string(),
  verdict: z.string(),
  /** The verdict after review (equals `verdict` while nobody reviewed it). */
  effectiveVerdict: z.string(),
  reviewed: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  placeLabel: z.string().nullable(),
  /** Metres from the nearest allowed place, when known. */
  distanceM: z.number().nullable(),
});
export type AnomalyPunch = z.infer<typeof anomalyPunchSchema>;

export const anomalyDeviceSchema = z.object({
  /** The key's RFC 7638 thumbprint: one phone, whoever registered it. */
  thumbprint: z.string(),
  label: z.string(),
  lastUsedAt: z.string().nullable(),
  employees: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      unitName: z.string(),
      status: z.string(),
    }),
  ),
});
export type AnomalyDevice = z.infer<typeof anomalyDeviceSchema>;

export const anomalyUnitSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  previousMonth: z.string(),
  month: z.string(),
  before: share,
  after: share,
  /** after − before (share). */
  change: z.number(),
});
export type AnomalyUnit = z.infer<typeof anomalyUnitSchema>;

const anomalyPage = <K extends AnomalyKind, T extends z.ZodType>(kind: K, item: T) =>
  z.object({
    kind: z.literal(kind),
    /** The window looked at (dates in WIB; months for unit changes). */
    from: z.string(),
    to: z.string(),
    total: count,
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(item),
  });

export const anomalyListSchema = z.discriminatedUnion('kind', [
  anomalyPage('flagged', anomalyPunchSchema),
  anomalyPage('rejected', anomalyPunchSchema),
  anomalyPage('outsideFence', anomalyPunchSchema),
  anomalyPage('sharedDevices', anomalyDeviceSchema),
  anomalyPage('unitChanges', anomalyUnitSchema),
]);
export type AnomalyList = z.infer<typeof anomalyListSchema>;

export const anomalyParamsSchema = z.object({ kind: z.enum(ANOMALY_KINDS) });
export const anomalyQuerySchema = pageQuerySchema;

export const homeOversightSchema = z.object({
  /** Days looked at for punches (WIB), the last `windowDays` up to today. */
  from: z.string(),
  to: z.string(),
  windowDays: z.number().int(),
  /** How much a unit's compliance must move since last month to be listed (share). */
  changeThreshold: z.number(),
  /** Per kind: how many, and the first few. */
  anomalies: z.array(anomalyListSchema),
});
export type HomeOversight = z.infer<typeof homeOversightSchema>;

/** GET /api/dashboard/home. A section is null when the caller does not hold its role. */
export const homeSchema = z.object({
  /** Today in WIB and the current month, as the server sees them. */
  date: z.string(),
  month: z.string(),
  generatedAt: z.string(),
  pegawai: homePegawaiSchema.nullable(),
  atasan: homeAtasanSchema.nullable(),
  admin: homeAdminSchema.nullable(),
  leaders: homeLeadersSchema.nullable(),
  oversight: homeOversightSchema.nullable(),
  /** e-Kinerja (issue 15 point 8): today's report, waiting verifications, SKP/report progress; null when none applies. */
  kinerja: homeKinerjaSchema.nullable().optional(),
  /**
   * Change projects the caller assesses (issue 19 point 5): how many wait for their rating today and how many are
   * assigned; absent when they assess none.
   */
  changeProjects: z.object({ awaiting: count, assigned: count }).optional(),
});
export type Home = z.infer<typeof homeSchema>;
