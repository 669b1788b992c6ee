import { z } from 'zod';
import {
  RUN_ACTIONS,
  RUN_STATUSES,
  RUN_STATUS_LABELS,
  type RunAction,
  type RunStatus,
} from '../../core/tpp/run-machine.ts';
import { TPP_DEDUCTION_CAUSES } from '../../core/tpp/tpp-month.ts';
import { id, localDate, pageQuerySchema, paged, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of the TPP runs (issue 17 points 2–4): computing a unit's month, its lifecycle, the run and its
 * lines, one line's full explanation (the slip, also as PDF), the employee's own TPP and the superior's view of
 * their staff. Source: regulations.md §5, §1.10, §10; core/tpp/tpp-month.ts (how a line is computed).
 *
 * Routes (all under /api/tpp; months `YYYY-MM`, dates `YYYY-MM-DD`, the web shows dd/MM/yyyy; money in whole rupiah):
 * - POST /runs {@link runComputeBodySchema}          → 201 {@link runDetailSchema} (tpp.run over the unit)
 * - GET  /runs?unitId&month&status&page&pageSize      → {@link runListSchema} (readers: their subtree)
 * - GET  /runs/:id                                    → {@link runDetailSchema} (readers)
 * - GET  /runs/:id/lines?q&page&pageSize              → {@link runLineListSchema} (readers: all; once published, the
 *   employee their own and the superior their staff's)
 * - GET  /runs/:id/lines/:employeeId                  → {@link runLineDetailSchema} (same)
 * - GET  /runs/:id/lines/:employeeId/slip.pdf         → the slip as PDF (same)
 * - GET  /runs/:id/verification                       → {@link runVerificationSchema} (readers)
 * - POST /runs/:id/check | publish | approve-opd | approve | lock {@link runStepBodySchema} → {@link runDetailSchema}
 * - GET  /mine?month=                                 → {@link myTppSchema} (the caller's published lines)
 * - GET  /staff?month&q&page&pageSize                 → {@link staffTppListSchema} (the caller's staff, published)
 * Refusals: 400 VALIDATION (bad input; a rulebook whose TPP section has issues), 403 (a reader without the step's
 * role), 404 (a run or line the caller may not see), 409 CONFLICT (the month's recap not closed, a run already
 * published or locked, a step out of order, a kelas without tariff, the objection window still open, objections
 * pending). Messages in Indonesian.
 */

export { RUN_STATUSES, RUN_STATUS_LABELS, RUN_ACTIONS, TPP_DEDUCTION_CAUSES };
export type { RunStatus, RunAction };

// ---------------------------------------------------------------------------------------------------- requests

export const runComputeBodySchema = z.object({ unitId: id, month: yearMonth });
export type RunComputeBody = z.input<typeof runComputeBodySchema>;

export const runListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  month: yearMonth.optional(),
  status: z.enum(RUN_STATUSES).optional(),
});
export type RunListQuery = z.output<typeof runListQuerySchema>;

export const runLinesQuerySchema = pageQuerySchema.extend({ q: searchText.optional() });
export type RunLinesQuery = z.output<typeof runLinesQuerySchema>;

export const runLineParamsSchema = z.object({ id, employeeId: id });

/** A lifecycle step: an optional note, and the version the actor looked at (refused when re-run since). */
export const runStepBodySchema = z
  .object({
    note: text({ max: 1000, multiline: true, label: 'Catatan' }).optional(),
    version: z.number().int().min(1).optional(),
  })
  .default({});
export type RunStepBody = z.input<typeof runStepBodySchema>;

export const myTppQuerySchema = z.object({ month: yearMonth });
export const staffTppQuerySchema = pageQuerySchema.extend({ month: yearMonth, q: searchText.optional() });
export type StaffTppQuery = z.output<typeof staffTppQuerySchema>;

// ---------------------------------------------------------------------------------------------------- responses

const rupiah = z.number().int();
const legalBasis = z.object({
  regulation: z.string(),
  article: z.string().optional(),
  note: z.string().optional(),
});

/** The amounts of a line or of a run (the run's are the lines' sums). */
export const tppAmountsSchema = z.object({
  base: rupiah,
  kinerja: rupiah,
  disiplin: rupiah,
  deductions: rupiah,
  sanctionCut: rupiah,
  gross: rupiah,
  bpjsEmployer: rupiah,
  bpjsEmployee: rupiah,
  tax: rupiah,
  taxWithheld: rupiah,
  correction: rupiah,
  net: rupiah,
});
export type TppAmounts = z.output<typeof tppAmountsSchema>;

const byCauseSchema = z.record(z.enum(TPP_DEDUCTION_CAUSES), rupiah);

export const runTotalsSchema = z.object({
  employees: z.number().int(),
  paid: z.number().int(),
  excluded: z.number().int(),
  kinerjaNotFinal: z.number().int(),
  amounts: tppAmountsSchema,
  /** Deductions by cause: TL, PSW, TK, APEL, LKH, LAINNYA (other day codes), SANKSI (sanction cuts). */
  byCause: byCauseSchema,
  /** The OPD's TPP pagu of the year, when recorded. */
  budget: z.object({ amount: rupiah, reference: z.string().nullable() }).nullable(),
});

const tariffSourceSchema = z.union([
  z.object({ kind: z.literal('table'), tableId: z.string(), perkadaRef: z.string() }),
  z.object({ kind: z.literal('rulebook') }),
]);

export const runSummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  month: z.string(),
  status: z.enum(RUN_STATUSES),
  statusLabel: z.string(),
  version: z.number().int(),
  rulebook: z.object({ id: z.string(), name: z.string(), version: z.string(), isExample: z.boolean() }),
  tariffSource: tariffSourceSchema,
  inputsHash: z.string(),
  resultHash: z.string(),
  totals: runTotalsSchema,
  objectionUntil: localDate.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lockedAt: z.string().nullable(),
});
export type RunSummary = z.output<typeof runSummarySchema>;

export const runListSchema = paged(runSummarySchema);

export const runEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const runDetailSchema = runSummarySchema.extend({
  events: z.array(runEventSchema),
  /** The steps the caller may take now (role, scope and status; the window and objections are in `blockers`). */
  actions: z.array(z.enum(RUN_ACTIONS)),
  /** Why an approval cannot be given yet (objection window, pending objections), in Indonesian. */
  blockers: z.array(z.string()),
  pendingObjections: z.number().int(),
  head: z.object({ positionName: z.string(), vacant: z.boolean() }).nullable(),
  /** The run is locked and the caller may record its corrections (tpp.run over its unit; tpp-corrections.ts). */
  canRecordCorrections: z.boolean(),
});
export type RunDetail = z.output<typeof runDetailSchema>;

/** One employee's row of a run (the nominative list's columns). */
export const runLineRowSchema = tppAmountsSchema.omit({ taxWithheld: true }).extend({
  employeeId: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  golongan: z.string().nullable(),
  positionName: z.string().nullable(),
  employeeType: z.string(),
  kelas: z.number().int().nullable(),
  excluded: z.boolean(),
  exclusionCode: z.string().nullable(),
});
export type RunLineRow = z.output<typeof runLineRowSchema>;
export const runLineListSchema = paged(runLineRowSchema);

const deductionLineSchema = z.object({
  date: z.string(),
  code: z.string(),
  detail: z.string().nullable(),
  percent: z.number(),
  /** round(deduction base × percent), summed over the placements. */
  amount: rupiah,
  /** What is deducted after the cap. */
  appliedAmount: rupiah,
  rule: z.string(),
  legalBasis,
  /** The web page of that day in the recap calendar. */
  link: z.string(),
  /** With several placements in the month: each placement's share, in placement order. */
  segmentAmounts: z.array(rupiah).nullable(),
});

const sanctionLineSchema = z.object({
  sanctionType: z.string(),
  imposedType: z.string(),
  from: z.string(),
  cutFromMonth: z.string(),
  cutToMonth: z.string(),
  percent: z.number(),
  base: z.enum(['total', 'kinerja', 'disiplin']),
  baseAmount: rupiah,
  amount: rupiah,
  applied: z.boolean(),
  appliedAmount: rupiah,
  legalBasis,
});

const segmentSchema = z.object({
  from: z.string(),
  to: z.string(),
  unitId: z.string(),
  positionName: z.string().nullable(),
  positionGroup: z.string().nullable(),
  kelas: z.number().int(),
  tariff: rupiah,
  tariffParts: z.array(z.object({ criterion: z.string(), amount: rupiah })),
  prorationMethod: z.enum(['calendarDays', 'workingDays']),
  daysPlaced: z.number(),
  daysInPeriod: z.number(),
  employeeTypePercent: z.number(),
  base: rupiah,
  weights: z.object({ kinerja: z.number(), disiplin: z.number() }),
  kinerjaShare: rupiah,
  kinerjaAmount: rupiah,
  disiplinShare: rupiah,
  deductionBase: z.enum(['total', 'disiplin']),
  deductionBaseAmount: rupiah,
  deductionCap: rupiah,
  totalDeduction: rupiah,
  sanctionCut: rupiah,
  gross: rupiah,
});

/** One line explained: the slip (what the PDF prints too). */
export const runLineDetailSchema = z.object({
  run: z.object({
    id: z.string(),
    month: z.string(),
    status: z.enum(RUN_STATUSES),
    statusLabel: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    version: z.number().int(),
    objectionUntil: localDate.nullable(),
    rulebook: z.object({ id: z.string(), name: z.string(), version: z.string(), isExample: z.boolean() }),
  }),
  employee: z.object({
    id: z.string(),
    nip: z.string().nullable(),
    name: z.string(),
    golongan: z.string().nullable(),
    positionName: z.string().nullable(),
    employeeType: z.string(),
  }),
  amounts: tppAmountsSchema,
  excluded: z.object({ code: z.string(), reason: z.string(), legalBasis }).nullable(),
  kinerja: z.object({
    score: z.number(),
    status: z.enum(['FINAL', 'PENDING', 'NONE']),
    predikat: z.string().nullable(),
    method: z.string().nullable(),
  }),
  segments: z.array(segmentSchema),
  deductions: z.array(deductionLineSchema),
  isCapped: z.boolean(),
  sanctions: z.array(sanctionLineSchema),
  bpjs: z.object({
    gaji: rupiah,
    ceiling: rupiah,
    base: rupiah,
    employerPercent: z.number(),
    employeePercent: z.number(),
  }),
  tax: z
    .object({
      golongan: z.string().nullable(),
      percent: z.number(),
      baseAmount: rupiah,
      amount: rupiah,
      withheld: rupiah,
      borneByGovernment: z.boolean(),
      rule: z.string(),
      legalBasis,
      isExample: z.boolean(),
    })
    .nullable(),
  corrections: z.array(
    z.object({ amount: rupiah, applied: rupiah, reason: z.string(), originMonth: z.string() }),
  ),
  byCause: byCauseSchema,
  /** The account the TPP is paid to: for the employee and readers only (not the superior). */
  bank: z.object({ bankName: z.string(), accountNumber: z.string(), accountHolder: z.string() }).nullable(),
  notes: z.array(z.string()),
});
export type RunLineDetail = z.output<typeof runLineDetailSchema>;

export const myTppSchema = z.object({ month: z.string(), items: z.array(runLineDetailSchema) });
export type MyTpp = z.output<typeof myTppSchema>;

export const staffTppListSchema = paged(
  runLineRowSchema.extend({
    runId: z.string(),
    month: z.string(),
    status: z.enum(RUN_STATUSES),
    unitName: z.string(),
  }),
);

export const runVerificationSchema = z.object({
  runId: z.string(),
  version: z.number().int(),
  lines: z.number().int(),
  inputsHash: z.object({ stored: z.string(), recomputed: z.string() }),
  resultHash: z.object({ stored: z.string(), recomputed: z.string() }),
  mismatches: z.array(z.object({ employeeId: z.string(), name: z.string(), parts: z.array(z.string()) })),
  reproducible: z.boolean(),
});
export type RunVerification = z.output<typeof runVerificationSchema>;
