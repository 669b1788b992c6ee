import { z } from 'zod';
import {
  TABLE_EXPORT_FORMATS,
  id,
  localDate,
  paged,
  pageQuerySchema,
  searchText,
  text,
  yearMonth,
} from './common.ts';

/**
 * The HTTP contract of the daily activity reports (laporan kinerja harian, issue 15 points 2 and 3) and of the
 * superior's day-by-day supervision page. Source: PermenPANRB 6/2022 (dokumentasi kinerja); regulations.md §5.2,
 * §5.4; the numbers (minimum and maximum minutes per day, entry window, verification deadline, day codes that
 * excuse or flag a day) are the `performance.dailyReports` rulebook data.
 *
 * Routes (all JSON unless said):
 * - POST   /api/kinerja/reports/files          multipart `file` → {@link reportUploadSchema} (evidence staged)
 * - GET    /api/kinerja/reports/options?date=  → {@link reportOptionsSchema} (what the form/offline queue needs)
 * - POST   /api/kinerja/reports                {@link reportInputSchema} → {@link dailyReportSchema}
 *          201 when stored, 200 with the SAME report when this clientId was already stored (offline re-sync)
 * - GET    /api/kinerja/reports/mine?month=|date= → {@link myReportsSchema}
 * - GET    /api/kinerja/reports/inbox          {@link inboxQuerySchema} → {@link inboxSchema}
 * - POST   /api/kinerja/reports/verify         {@link bulkVerifySchema} → {@link bulkVerifyResultSchema}
 * - GET    /api/kinerja/reports/:id            → {@link dailyReportSchema}
 * - PUT    /api/kinerja/reports/:id            {@link reportCorrectionSchema} → {@link dailyReportSchema}
 * - DELETE /api/kinerja/reports/:id            → 204 (own SUBMITTED report only)
 * - POST   /api/kinerja/reports/:id/verify     {@link verifySchema} → {@link dailyReportSchema}
 * - GET    /api/kinerja/reports/:id/evidence   → the evidence file (bytes; view logged)
 * - GET    /api/kinerja/supervision            {@link supervisionQuerySchema} → {@link supervisionPageSchema}
 * - GET    /api/kinerja/supervision/export.:format  (xlsx | csv; also `/export?format=`) same filters → file
 *
 * Refusals: 400 VALIDATION `{ details: [{ path, message }] }` (path = the field: reportDate, minutes, rhkId …),
 * 403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT (verifying / editing a report that is no longer in a state that
 * allows it). Messages are in Indonesian and shown as they are.
 */

export const REPORT_STATUSES = ['SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  SUBMITTED: 'Menunggu verifikasi',
  ACCEPTED: 'Diterima',
  RETURNED: 'Dikembalikan',
};

export const VERIFY_DECISIONS = ['ACCEPT', 'RETURN'] as const;
export type VerifyDecision = (typeof VERIFY_DECISIONS)[number];

/** Most minutes any day has: a report or a day's total above it is refused whatever the rulebook says. */
export const MINUTES_PER_DAY = 1440;

/** Fields of a report the employee writes (create and correction). */
const reportFields = {
  /** The day the work was done (the employee's local date); kept as given, also when synced days later. */
  reportDate: localDate,
  /** One RHK of the employee's SKP that covers `reportDate` (see GET /options). */
  rhkId: id,
  activity: text({ min: 3, max: 2000, label: 'Uraian kegiatan', multiline: true }),
  output: text({ max: 500, label: 'Output' }).nullish(),
  quantity: z
    .number({ message: 'Kuantitas harus berupa angka' })
    .min(0, 'Kuantitas tidak boleh negatif')
    .max(1_000_000_000, 'Kuantitas terlalu besar')
    .nullish(),
  satuan: text({ max: 50, label: 'Satuan' }).nullish(),
  minutes: z
    .number({ message: 'Lama kegiatan harus berupa angka (menit)' })
    .int('Lama kegiatan harus menit bulat')
    .min(1, 'Lama kegiatan paling sedikit 1 menit')
    .max(MINUTES_PER_DAY, 'Lama kegiatan tidak boleh melebihi 24 jam (1440 menit) dalam sehari'),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  accuracyM: z.number().min(0).max(100_000).nullish(),
  /** When the device recorded it (ISO timestamp with offset), kept for the record. */
  recordedAt: z.string().datetime({ offset: true, message: 'Waktu perekaman tidak valid' }).nullish(),
  /** The evidence uploaded first through POST /api/kinerja/reports/files (`attachmentId` of the answer). */
  attachmentId: id.nullish(),
};

/** POST /api/kinerja/reports. `clientId` is made on the device (uuid): the same clientId is stored once. */
export const reportInputSchema = z.object({
  clientId: z.string().uuid('clientId harus UUID yang dibuat perangkat'),
  ...reportFields,
});
export type ReportInput = z.input<typeof reportInputSchema>;

/**
 * PUT /api/kinerja/reports/:id: a correction by the owner while SUBMITTED or RETURNED (revision + 1, back to
 * SUBMITTED, same checks as a new report). `attachmentId` omitted keeps the evidence; null removes it from view.
 */
export const reportCorrectionSchema = z.object(reportFields);
export type ReportCorrection = z.input<typeof reportCorrectionSchema>;

/** POST /api/kinerja/reports/files: the staged evidence, cited as `attachmentId` by the report. */
export const reportUploadSchema = z.object({
  attachmentId: z.string(),
  hash: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
});
export type ReportUpload = z.infer<typeof reportUploadSchema>;

/** Why a report is flagged for the superior: reported on a day whose attendance code is in `flagDayCodes`. */
export const dayFlagSchema = z.object({
  code: z.string(),
  /** "Dilaporkan pada hari cuti tahunan (CT)". */
  reason: z.string(),
});
export type DayFlag = z.infer<typeof dayFlagSchema>;

export const dailyReportSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  skpId: z.string(),
  rhkId: z.string(),
  rhkText: z.string(),
  rhkKind: z.string(),
  reportDate: z.string(),
  activity: z.string(),
  output: z.string().nullable(),
  quantity: z.number().nullable(),
  satuan: z.string().nullable(),
  minutes: z.number().int(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accuracyM: z.number().nullable(),
  recordedAt: z.string().nullable(),
  hasEvidence: z.boolean(),
  status: z.enum(REPORT_STATUSES),
  verifierId: z.string().nullable(),
  verifierName: z.string().nullable(),
  /** The verifier acted as Plt / Plh of the pejabat penilai (null: as holder). */
  verifiedAs: z.enum(['PLT', 'PLH']).nullable(),
  verifiedAt: z.string().nullable(),
  verifyNote: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Last day the superior should verify it (submission date + verifyWithinDays). */
  verifyDueDate: z.string(),
  /** SUBMITTED and past `verifyDueDate`. */
  overdue: z.boolean(),
  dayFlag: dayFlagSchema.nullable(),
});
export type DailyReport = z.infer<typeof dailyReportSchema>;

/** GET /api/kinerja/reports/options?date= (default: the employee's today). */
export const reportOptionsQuerySchema = z.object({ date: localDate.optional() });

export const reportOptionsSchema = z.object({
  /** The employee's local today (their unit's zone). */
  today: z.string(),
  /** Earliest date a report is still accepted (today − entryWindowDays). */
  earliestDate: z.string(),
  date: z.string(),
  rules: z.object({
    minMinutesPerDay: z.number().int(),
    maxMinutesPerDay: z.number().int(),
    entryWindowDays: z.number().int(),
    verifyWithinDays: z.number().int(),
  }),
  /** Minutes already reported on `date` (SUBMITTED + ACCEPTED; returned reports do not count). */
  minutesUsed: z.number().int(),
  /** The SKP covering `date` that reports may cite (SUBMITTED or APPROVED), null when none. */
  skp: z
    .object({ id: z.string(), periodStart: z.string(), periodEnd: z.string(), status: z.string() })
    .nullable(),
  /** Why no report can be written for `date` (no SKP, outside the window …), else null. */
  blockedReason: z.string().nullable(),
  rhk: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      seq: z.number().int(),
      text: z.string(),
      indicators: z.array(
        z.object({ text: z.string(), aspect: z.string(), satuan: z.string(), target: z.number() }),
      ),
    }),
  ),
});
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

/** GET /api/kinerja/reports/mine: a month (`month`), or the month of `date` with only that day's reports. */
export const myReportsQuerySchema = z.object({
  month: yearMonth.optional(),
  date: localDate.optional(),
});

export const reportDaySchema = z.object({
  date: z.string(),
  /** The stored daily attendance code (H, TK, CT …), null when none is stored (before go-live, future). */
  attendanceCode: z.string().nullable(),
  /** The code is in `excusedDayCodes`: no report expected. */
  excused: z.boolean(),
  minutesReported: z.number().int(),
  minutesAccepted: z.number().int(),
  minutesPending: z.number().int(),
  minutesReturned: z.number().int(),
  /** The rulebook minimum (`minMinutesPerDay`); 0 on an excused day. */
  minMinutes: z.number().int(),
  /** Minutes reported (accepted + pending) reach the minimum. */
  meetsMinimum: z.boolean(),
  accepted: z.number().int(),
  returned: z.number().int(),
  pending: z.number().int(),
  returnedReasons: z.array(z.string()),
  flag: dayFlagSchema.nullable(),
});
export type ReportDay = z.infer<typeof reportDaySchema>;

export const myReportsSchema = z.object({
  month: z.string(),
  today: z.string(),
  earliestDate: z.string(),
  rules: reportOptionsSchema.shape.rules,
  /** Every day of the month that has a report or a stored attendance code, in date order. */
  days: z.array(reportDaySchema),
  totals: z.object({
    minutesReported: z.number().int(),
    minutesAccepted: z.number().int(),
    minutesPending: z.number().int(),
    minutesReturned: z.number().int(),
    reports: z.number().int(),
    accepted: z.number().int(),
    returned: z.number().int(),
    pending: z.number().int(),
    daysReported: z.number().int(),
    daysMeetingMinimum: z.number().int(),
    flaggedDays: z.number().int(),
  }),
  /** The month's reports (or the day's, with `date`), newest date first. */
  reports: z.array(dailyReportSchema),
});
export type MyReports = z.infer<typeof myReportsSchema>;

/**
 * GET /api/kinerja/reports/inbox. `scope=mine` (default): SUBMITTED reports of the staff the caller verifies
 * (as pejabat penilai, holder or Plt/Plh) today. `scope=overdue-below`: read-only, the overdue reports of the
 * staff of the caller's direct subordinates (the superior's superior sees them).
 */
export const inboxQuerySchema = pageQuerySchema.extend({
  scope: z.enum(['mine', 'overdue-below']).default('mine'),
  q: searchText.optional(),
  employeeId: id.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  overdueOnly: z.enum(['true', 'false']).optional(),
});

export const inboxSchema = paged(dailyReportSchema).extend({
  scope: z.enum(['mine', 'overdue-below']),
  counts: z.object({ total: z.number().int(), overdue: z.number().int(), flagged: z.number().int() }),
  /** Per employee (all pages): pending and overdue counts, for a grouped view. */
  byEmployee: z.array(
    z.object({
      employeeId: z.string(),
      employeeName: z.string(),
      pending: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});
export type ReportInbox = z.infer<typeof inboxSchema>;

/** POST /api/kinerja/reports/:id/verify. A note is required when returning. */
export const verifySchema = z
  .object({
    decision: z.enum(VERIFY_DECISIONS),
    note: text({ max: 1000, label: 'Catatan', multiline: true }).nullish(),
  })
  .superRefine((v, c) => {
    if (v.decision === 'RETURN' && !v.note)
      c.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Catatan wajib diisi saat mengembalikan laporan',
      });
  });
export type VerifyInput = z.input<typeof verifySchema>;

/** POST /api/kinerja/reports/verify: several reports with one decision; each is decided on its own. */
export const bulkVerifySchema = z
  .object({
    ids: z
      .array(id)
      .min(1, 'Pilih paling sedikit satu laporan')
      .max(200, 'Paling banyak 200 laporan sekaligus'),
    decision: z.enum(VERIFY_DECISIONS),
    note: text({ max: 1000, label: 'Catatan', multiline: true }).nullish(),
  })
  .superRefine((v, c) => {
    if (v.decision === 'RETURN' && !v.note)
      c.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Catatan wajib diisi saat mengembalikan laporan',
      });
  });
export type BulkVerifyInput = z.input<typeof bulkVerifySchema>;

export const bulkVerifyResultSchema = z.object({
  done: z.number().int(),
  failed: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: z.enum(REPORT_STATUSES).nullable(),
      /** Why this one was not decided (FORBIDDEN, NOT_FOUND, CONFLICT) and the Indonesian message. */
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});
export type BulkVerifyResult = z.infer<typeof bulkVerifyResultSchema>;

/**
 * GET /api/kinerja/supervision. Who is listed: the staff the caller assesses (pejabat penilai, with Plt/Plh);
 * for a head of an OPD/unit the whole unit subtree; for kinerja.read / kinerja.manage holders their scope
 * (`unitId` narrows to a unit subtree). Another unit's staff: 403.
 */
export const supervisionQuerySchema = pageQuerySchema.extend({
  date: localDate.optional(),
  unitId: id.optional(),
  q: searchText.optional(),
  /** Which view: `staff` (assessed by me), `unit` (my unit as its head / my read scope). Default: the widest. */
  view: z.enum(['staff', 'unit']).optional(),
});

export const supervisionRowSchema = z.object({
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  positionName: z.string().nullable(),
  /** The stored daily status of `date`: code null = no data (e.g. before go-live), which is not absence. */
  attendance: z.object({
    code: z.string().nullable(),
    /** true present (H and the like), false absent / on leave, null no data. */
    present: z.boolean().nullable(),
  }),
  reportedToday: z.boolean(),
  minutesToday: z.number().int(),
  minutesAcceptedMonth: z.number().int(),
  pending: z.number().int(),
  overdue: z.number().int(),
  skpStatus: z.string().nullable(),
  /**
   * Capaian so far: per KUANTITAS indicator of the SKP covering `date`, accepted report quantity from the SKP's
   * start to `date` against the target (min), each capped at 100%; `percent` = their mean (null: no such
   * indicator or no SKP).
   */
  capaian: z.object({
    percent: z.number().nullable(),
    indicators: z.array(
      z.object({
        rhkText: z.string(),
        indicatorText: z.string(),
        satuan: z.string(),
        target: z.number(),
        accepted: z.number(),
        percent: z.number(),
      }),
    ),
  }),
});
export type SupervisionRow = z.infer<typeof supervisionRowSchema>;

export const supervisionPageSchema = paged(supervisionRowSchema).extend({
  date: z.string(),
  month: z.string(),
  view: z.enum(['staff', 'unit']),
  summary: z.object({
    employees: z.number().int(),
    present: z.number().int(),
    noData: z.number().int(),
    reported: z.number().int(),
    pending: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type SupervisionPage = z.infer<typeof supervisionPageSchema>;

/** GET /api/kinerja/supervision/export.:format (or `/export?format=`), with the page's filters. */
export const supervisionExportParamsSchema = z.object({ format: z.enum(TABLE_EXPORT_FORMATS) });
export const supervisionExportQuerySchema = supervisionQuerySchema
  .omit({ page: true, pageSize: true })
  .extend({ format: z.enum(TABLE_EXPORT_FORMATS).optional() });
