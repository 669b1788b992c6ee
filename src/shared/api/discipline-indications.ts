import { z } from 'zod';
import { DISCIPLINE_LEVELS } from '../../core/discipline/discipline-rules.ts';
import { id, paged, pageQuerySchema, searchText, text, year, yearMonth } from './common.ts';

/**
 * The HTTP contract of the discipline indications and of the salary stops (issue 16 points 1 and 6).
 * Source: PP 94/2021 Pasal 9–11, 15; Peraturan BKN 6/2022 (step-wise escalation, 7.5 hours = 1 day, annex cases of
 * the salary stop); regulations.md §1.3, §1.4, §1.8, §1.11. An indication is what the rules core indicates after a
 * recap build (never a sanction): the direct superior (or their Plt/Plh) opens a case from it or dismisses it.
 *
 * Routes (all under /api/discipline, JSON unless said):
 * - GET    /indications                       {@link indicationListQuerySchema} → {@link indicationListSchema}
 * - POST   /indications/scan                  {@link indicationScanSchema} → {@link indicationScanResultSchema}
 * - GET    /indications/:id                   → {@link indicationDetailSchema}
 * - POST   /indications/:id/open              {@link openFromIndicationSchema} → {@link indicationDetailSchema} (201)
 * - POST   /indications/:id/dismiss           {@link dismissIndicationSchema} → {@link indicationDetailSchema}
 * - GET    /salary-stops                      {@link salaryStopListQuerySchema} → {@link salaryStopListSchema}
 * - POST   /salary-stops                      {@link salaryStopReportSchema} → {@link salaryStopSchema} (201)
 * - POST   /salary-stops/files                multipart `file` (PDF/JPEG/PNG/WebP) → {@link salaryStopUploadSchema}
 * - GET    /salary-stops/:id                  → {@link salaryStopSchema}
 * - POST   /salary-stops/:id/verify           {@link salaryStopVerifySchema} → {@link salaryStopSchema}
 * - POST   /salary-stops/:id/stop             {@link salaryStopStopSchema} → {@link salaryStopSchema}
 * - POST   /salary-stops/:id/reactivation     {@link salaryStopReactivationSchema} → {@link salaryStopSchema}
 * - POST   /salary-stops/:id/reactivate       {@link salaryStopReactivateSchema} → {@link salaryStopSchema}
 * - POST   /salary-stops/:id/settlements      {@link salaryStopSettlementSchema} → {@link salaryStopSchema}
 * - GET    /salary-stops/:id/files/:fileId    → the statement's bytes (view logged)
 *
 * Refusals: 400 VALIDATION `{ details: [{ path, message }] }`, 403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT (the
 * indication or salary stop is no longer in a state that allows the step), 413 / 415 for uploads. Messages in
 * Indonesian, shown as they are.
 */

// ---------------------------------------------------------------------------------------------------------------
// Indications
// ---------------------------------------------------------------------------------------------------------------

export const INDICATION_STATUSES = ['BARU', 'DIPROSES', 'DIABAIKAN', 'DIGANTIKAN'] as const;
export type IndicationStatus = (typeof INDICATION_STATUSES)[number];
export const INDICATION_STATUS_LABELS: Record<IndicationStatus, string> = {
  BARU: 'Baru',
  DIPROSES: 'Diproses menjadi kasus',
  DIABAIKAN: 'Diabaikan',
  DIGANTIKAN: 'Digantikan indikasi tingkat lebih tinggi',
};

export const INDICATION_SOURCES = ['cumulative', 'consecutive'] as const;
export type IndicationSource = (typeof INDICATION_SOURCES)[number];
export const INDICATION_SOURCE_LABELS: Record<IndicationSource, string> = {
  cumulative: 'TK kumulatif tahun berjalan',
  consecutive: 'TK berturut-turut',
};

export const DISCIPLINE_LEVEL_LABELS: Record<(typeof DISCIPLINE_LEVELS)[number], string> = {
  ringan: 'Ringan',
  sedang: 'Sedang',
  berat: 'Berat',
};

const legalBasisOut = z.object({
  regulation: z.string(),
  article: z.string().optional(),
  note: z.string().optional(),
});

/** GET /api/discipline/indications. `unitId`: the unit and its sub-units; `q`: name or NIP. */
export const indicationListQuerySchema = pageQuerySchema.extend({
  status: z.enum(INDICATION_STATUSES).optional(),
  source: z.enum(INDICATION_SOURCES).optional(),
  unitId: id.optional(),
  year: year.optional(),
  q: searchText.optional(),
});
export type IndicationListQuery = z.input<typeof indicationListQuerySchema>;
export type IndicationListParams = z.output<typeof indicationListQuerySchema>;

/** What the actor may do with an indication now (the web shows the buttons from it). */
export const indicationActionsSchema = z.object({
  open: z.boolean(),
  dismiss: z.boolean(),
  /** Report the salary stop (consecutive indication with salary stop, none reported yet). */
  reportSalaryStop: z.boolean(),
});
export type IndicationActions = z.infer<typeof indicationActionsSchema>;

/** One indication in a list. */
export const indicationSummarySchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  employeeType: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  source: z.enum(INDICATION_SOURCES),
  sourceLabel: z.string(),
  /** Ladder step (1-based). */
  step: z.number().int(),
  level: z.enum(DISCIPLINE_LEVELS),
  levelLabel: z.string(),
  sanctionCode: z.string(),
  sanctionName: z.string(),
  /** "3 hari TK → usulan R1 teguran lisan", "10 hari TK berturut-turut → penghentian gaji". */
  headline: z.string(),
  totalDays: z.number().int(),
  /** Day the threshold was reached (YYYY-MM-DD). */
  reachedOn: z.string().nullable(),
  salaryStop: z.boolean(),
  /** First month of the salary stop (YYYY-MM). */
  salaryStopFromMonth: z.string().nullable(),
  status: z.enum(INDICATION_STATUSES),
  statusLabel: z.string(),
  caseId: z.string().nullable(),
  /** ISO timestamp. */
  foundAt: z.string(),
});
export type IndicationSummary = z.infer<typeof indicationSummarySchema>;

export const indicationListSchema = paged(indicationSummarySchema);
export type IndicationList = z.infer<typeof indicationListSchema>;

/** A day with late / early minutes that counted toward the 450-minute conversion. */
export const minuteDaySchema = z.object({
  date: z.string(),
  lateMinutes: z.number().int(),
  earlyMinutes: z.number().int(),
});

/** A day with a valid reason already recorded (leave, permit, DL, sick …) inside the evidence span. */
export const excusedDaySchema = z.object({
  date: z.string(),
  code: z.string(),
  /** "Cuti tahunan", "Dinas luar" … */
  label: z.string(),
});

/** The evidence stored with an indication when it was found. */
export const indicationEvidenceSchema = z.object({
  /** TK days counted in the year up to the threshold (YYYY-MM-DD). */
  tkDays: z.array(z.string()),
  /** Days with late / early minutes that counted (up to the threshold). */
  minuteDays: z.array(minuteDaySchema),
  tkCount: z.number().int(),
  lateMinutes: z.number().int(),
  earlyMinutes: z.number().int(),
  /** Minutes per day of TK used (450 under PerBKN 6/2022). */
  minutesPerDay: z.number().int(),
  minutesAsDays: z.number().int(),
  /** The consecutive run (consecutive indications only). */
  run: z.object({ from: z.string(), to: z.string(), days: z.number().int() }).nullable(),
  /** First and last day the evidence covers. */
  span: z.object({ from: z.string(), to: z.string() }).nullable(),
  excused: z.array(excusedDaySchema),
});
export type IndicationEvidence = z.infer<typeof indicationEvidenceSchema>;

/** GET /api/discipline/indications/:id. */
export const indicationDetailSchema = indicationSummarySchema.extend({
  evidence: indicationEvidenceSchema,
  /** Explanation from the rules core (Bahasa Indonesia). */
  reasons: z.array(z.string()),
  regulationSet: z.string(),
  /** The sanction the indication points to, its legal basis and the interim form applied instead. */
  sanction: z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(DISCIPLINE_LEVELS),
    durationMonths: z.number().int().nullable(),
    appliedAs: z
      .object({ code: z.string(), name: z.string(), durationMonths: z.number().int().nullable() })
      .nullable(),
    legalBasis: legalBasisOut,
  }),
  caseNumber: z.string().nullable(),
  decision: z
    .object({
      byName: z.string().nullable(),
      as: z.enum(['PLT', 'PLH']).nullable(),
      at: z.string(),
      dismissReason: z.string().nullable(),
    })
    .nullable(),
  /** The salary stop reported from this indication, if any. */
  salaryStopRecord: z.object({ id: z.string(), status: z.string(), statusLabel: z.string() }).nullable(),
  actions: indicationActionsSchema,
});
export type IndicationDetail = z.infer<typeof indicationDetailSchema>;

/** POST /api/discipline/indications/scan: store what the core indicates for a unit subtree up to a month. */
export const indicationScanSchema = z.object({ unitId: id, month: yearMonth });
export type IndicationScanInput = z.input<typeof indicationScanSchema>;

export const indicationScanResultSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  /** Employees with at least the first threshold or a consecutive run. */
  employeesIndicated: z.number().int(),
  /** New indications stored. */
  created: z.number().int(),
  /** Lower BARU indications marked DIGANTIKAN by a higher step. */
  superseded: z.number().int(),
  /** Indications already stored (a rescan stores nothing twice). */
  unchanged: z.number().int(),
});
export type IndicationScanResult = z.infer<typeof indicationScanResultSchema>;

/** POST /api/discipline/indications/:id/open. `expectedLevel` defaults to the indication's level. */
export const openFromIndicationSchema = z.object({
  summary: text({ min: 10, max: 2000, label: 'Ringkasan', multiline: true }).optional(),
  expectedLevel: z.enum(DISCIPLINE_LEVELS).optional(),
});
export type OpenFromIndicationInput = z.input<typeof openFromIndicationSchema>;

/** POST /api/discipline/indications/:id/dismiss. */
export const dismissIndicationSchema = z.object({
  reason: text({ min: 10, max: 2000, label: 'Alasan', multiline: true }),
});
export type DismissIndicationInput = z.input<typeof dismissIndicationSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Salary stops
// ---------------------------------------------------------------------------------------------------------------

export const SALARY_STOP_STATUSES = [
  'DILAPORKAN',
  'DIVERIFIKASI',
  'DIHENTIKAN',
  'PENGAKTIFAN_DIAJUKAN',
  'DIAKTIFKAN',
  'DIBATALKAN',
] as const;
export type SalaryStopStatus = (typeof SALARY_STOP_STATUSES)[number];
export const SALARY_STOP_STATUS_LABELS: Record<SalaryStopStatus, string> = {
  DILAPORKAN: 'Dilaporkan ke BKD',
  DIVERIFIKASI: 'Terverifikasi, menunggu keputusan KPA',
  DIHENTIKAN: 'Gaji dihentikan',
  PENGAKTIFAN_DIAJUKAN: 'Pengaktifan kembali diajukan',
  DIAKTIFKAN: 'Gaji diaktifkan kembali',
  DIBATALKAN: 'Dibatalkan (kurang dari ambang hari)',
};

export const SETTLEMENT_KINDS = ['BAYAR_KEMBALI', 'SETOR_KEMBALI'] as const;
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];
export const SETTLEMENT_KIND_LABELS: Record<SettlementKind, string> = {
  BAYAR_KEMBALI: 'Gaji yang dihentikan dibayarkan kembali',
  SETOR_KEMBALI: 'Gaji yang terlanjur dibayar disetor kembali',
};

/** GET /api/discipline/salary-stops. */
export const salaryStopListQuerySchema = pageQuerySchema.extend({
  status: z.enum(SALARY_STOP_STATUSES).optional(),
  unitId: id.optional(),
  q: searchText.optional(),
});
export type SalaryStopListQuery = z.input<typeof salaryStopListQuerySchema>;
export type SalaryStopListParams = z.output<typeof salaryStopListQuerySchema>;

export const salaryStopActionsSchema = z.object({
  verify: z.boolean(),
  stop: z.boolean(),
  requestReactivation: z.boolean(),
  reactivate: z.boolean(),
  settle: z.boolean(),
});
export type SalaryStopActions = z.infer<typeof salaryStopActionsSchema>;

const uploadedFileSchema = z.object({ id: z.string(), fileName: z.string().nullable(), mime: z.string() });

export const settlementSchema = z.object({
  kind: z.enum(SETTLEMENT_KINDS),
  kindLabel: z.string(),
  months: z.array(z.string()),
  note: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
});
export type Settlement = z.infer<typeof settlementSchema>;

export const salaryStopSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  indicationId: z.string().nullable(),
  caseId: z.string().nullable(),
  streak: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
  /** Consecutive TK working days the rule requires (10 under PP 94/2021). */
  requiredDays: z.number().int(),
  /** First month the salary is stopped (YYYY-MM). */
  fromMonth: z.string(),
  status: z.enum(SALARY_STOP_STATUSES),
  statusLabel: z.string(),
  legalBasis: legalBasisOut,
  notified: z.object({ byName: z.string().nullable(), at: z.string() }),
  verification: z
    .object({
      byName: z.string().nullable(),
      at: z.string(),
      confirmedDays: z.number().int(),
      note: z.string(),
    })
    .nullable(),
  stop: z.object({ byName: z.string().nullable(), at: z.string(), decisionNumber: z.string() }).nullable(),
  reactivation: z
    .object({
      requestedByName: z.string().nullable(),
      requestedAt: z.string(),
      recapMonths: z.array(z.string()),
      note: z.string(),
      employeeStatement: uploadedFileSchema.nullable(),
      superiorStatement: uploadedFileSchema.nullable(),
      decidedByName: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decisionNumber: z.string().nullable(),
      fromMonth: z.string().nullable(),
    })
    .nullable(),
  settlements: z.array(settlementSchema),
  /**
   * The settlement the annex suggests now (none recorded of that kind yet): BAYAR_KEMBALI when the salary was
   * stopped but fewer days were confirmed afterwards (cancelled after a stop); SETOR_KEMBALI when the KPA stopped
   * the salary in a month after `fromMonth` (the months between were likely paid although confirmed); else null.
   */
  settlementSuggested: z.enum(SETTLEMENT_KINDS).nullable(),
  actions: salaryStopActionsSchema,
});
export type SalaryStop = z.infer<typeof salaryStopSchema>;

export const salaryStopListSchema = paged(
  salaryStopSchema.omit({ reactivation: true, settlements: true, verification: true, stop: true }),
);
export type SalaryStopList = z.infer<typeof salaryStopListSchema>;

/** POST /api/discipline/salary-stops: the superior reports the stop to BKD and the finance official. */
export const salaryStopReportSchema = z.object({ indicationId: id });
export type SalaryStopReportInput = z.input<typeof salaryStopReportSchema>;

/** POST /api/discipline/salary-stops/:id/verify (BKD). */
export const salaryStopVerifySchema = z.object({
  confirmedDays: z
    .number({ message: 'Jumlah hari harus berupa angka' })
    .int('Jumlah hari harus bilangan bulat')
    .min(0, 'Jumlah hari tidak boleh negatif')
    .max(366, 'Jumlah hari terlalu besar'),
  note: text({ min: 5, max: 2000, label: 'Catatan verifikasi', multiline: true }),
});
export type SalaryStopVerifyInput = z.input<typeof salaryStopVerifySchema>;

const decisionNumber = text({ min: 3, max: 100, label: 'Nomor keputusan' });

/** POST /api/discipline/salary-stops/:id/stop (KPA / finance). */
export const salaryStopStopSchema = z.object({ decisionNumber });
export type SalaryStopStopInput = z.input<typeof salaryStopStopSchema>;

/** POST /api/discipline/salary-stops/files: a staged statement, cited by its `attachmentId`. */
export const salaryStopUploadSchema = z.object({
  attachmentId: z.string(),
  hash: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
});
export type SalaryStopUpload = z.infer<typeof salaryStopUploadSchema>;

/**
 * POST /api/discipline/salary-stops/:id/reactivation (the superior): the employee's statement and the superior's
 * statement (uploaded first), at least the rulebook's `reactivationRecapMonths` recap months, and a note.
 */
export const salaryStopReactivationSchema = z.object({
  employeeStatementId: id,
  superiorStatementId: id,
  recapMonths: z.array(yearMonth).min(1, 'Sebutkan minimal satu bulan rekap kehadiran').max(24),
  note: text({ min: 5, max: 2000, label: 'Catatan', multiline: true }),
});
export type SalaryStopReactivationInput = z.input<typeof salaryStopReactivationSchema>;

/** POST /api/discipline/salary-stops/:id/reactivate (KPA / finance). */
export const salaryStopReactivateSchema = z.object({ fromMonth: yearMonth, decisionNumber });
export type SalaryStopReactivateInput = z.input<typeof salaryStopReactivateSchema>;

/** POST /api/discipline/salary-stops/:id/settlements (finance): the annex's repayment / refund cases. */
export const salaryStopSettlementSchema = z.object({
  kind: z.enum(SETTLEMENT_KINDS),
  months: z.array(yearMonth).min(1, 'Sebutkan minimal satu bulan').max(24),
  note: text({ min: 5, max: 2000, label: 'Catatan', multiline: true }),
});
export type SalaryStopSettlementInput = z.input<typeof salaryStopSettlementSchema>;

export const salaryStopFileParamsSchema = z.object({ id, fileId: id });
