import { z } from 'zod';
import { TPP_DEDUCTION_CAUSES } from '../../core/tpp/tpp-month.ts';
import { id, pageQuerySchema, paged, searchText, text, year, yearMonth } from './common.ts';

/**
 * The HTTP contract of the TPP simulation of a new Perkada and of the TPP dashboards (issue 17 points 6, 7).
 *
 * Simulation (BKD, tpp.manage over every unit simulated): a draft rulebook version (its TPP section: tariffs,
 * weights, deduction table) and/or other tariffs (a stored Perkada table, or an inline list) run on a past closed
 * month for chosen OPDs or the whole region, stored as runs of kind SIMULASI that no employee, superior, admin OPD
 * or finance file ever sees, and that notify nobody.
 * - POST   /api/tpp/simulations {@link simulationCreateBodySchema} → 201 {@link simulationDetailSchema}
 * - GET    /api/tpp/simulations                                     → {@link simulationListSchema}
 * - GET    /api/tpp/simulations/:id?top=                            → {@link simulationDetailSchema}
 * - GET    /api/tpp/simulations/:id/employees?q&change&page&pageSize → {@link simulationEmployeeListSchema}
 * - GET    /api/tpp/simulations/:id/export.xlsx                     → XLSX (per OPD, per employee, gainers/losers)
 * - DELETE /api/tpp/simulations/:id                                 → 204
 * Dashboard (readers in scope: tpp.read / tpp.run / tpp.manage; admin OPD sees only its OPD):
 * - GET /api/tpp/dashboard?year&unitId&basis&month                   → {@link dashboardSchema}
 * - GET /api/tpp/dashboard/export.xlsx?same                          → XLSX
 * Refusals: 400 VALIDATION (a draft whose TPP section has issues: weights not 100, a gap in the tariff table …, with
 * the rulebook validator's issues), 403, 404, 409 (a month not closed, a kelas without tariff). Money: whole rupiah.
 */

export { TPP_DEDUCTION_CAUSES };

/** Where the simulated tariffs come from. */
export const simulationTariffsSchema = z.discriminatedUnion('kind', [
  /** As a run would: the year's active Perkada table, else the rulebook's rows. */
  z.object({ kind: z.literal('year') }),
  /** The (draft) rulebook's own tariff rows, even when a Perkada table exists for the year. */
  z.object({ kind: z.literal('rulebook') }),
  /** A stored tariff table (any year, also a replaced one): an uploaded table used as a draft. */
  z.object({ kind: z.literal('table'), tableId: id }),
  /** A tariff list given with the request (a Perkada still being drafted): one amount per kelas. */
  z.object({
    kind: z.literal('inline'),
    rows: z
      .array(
        z.object({
          kelas: z
            .number()
            .int()
            .min(1, 'Kelas jabatan paling kecil 1')
            .max(17, 'Kelas jabatan paling besar 17'),
          amount: z
            .number()
            .int('Besaran harus rupiah bulat')
            .min(0, 'Besaran TPP tidak boleh negatif')
            .max(1_000_000_000, 'Besaran TPP terlalu besar'),
        }),
      )
      .min(1, 'Daftar besaran TPP kosong')
      .max(17),
  }),
]);
export type SimulationTariffs = z.infer<typeof simulationTariffsSchema>;

export const simulationCreateBodySchema = z.object({
  label: text({ min: 1, max: 200, label: 'Nama simulasi' }),
  month: yearMonth,
  /** A rulebook version of status `draft` (GET /api/rulebooks); absent: the rulebook in force in the month. */
  rulebookVersionId: id.optional(),
  tariffs: simulationTariffsSchema.default({ kind: 'year' }),
  /** The OPDs (units) simulated, each with its subtree; empty = every OPD of the region whose month is closed. */
  unitIds: z.array(id).max(500).default([]),
});
export type SimulationCreateBody = z.input<typeof simulationCreateBodySchema>;

export const simulationDetailQuerySchema = z.object({
  top: z.coerce.number().int().min(1).max(100).default(10),
});
export const simulationEmployeesQuerySchema = pageQuerySchema.extend({
  q: searchText.optional(),
  change: z.enum(['all', 'up', 'down', 'same']).default('all'),
});
export type SimulationEmployeesQuery = z.output<typeof simulationEmployeesQuerySchema>;

const money = z.number().int();
const budgetSchema = z.object({ amount: money, reference: z.string().nullable() }).nullable();

/** What was paid in the month for comparison: the month's RUN of the unit (any status) or none. */
const paidRunSchema = z
  .object({ runId: id, unitName: z.string(), status: z.string(), statusLabel: z.string() })
  .nullable();

export const simulationUnitSchema = z.object({
  unitId: id,
  unitCode: z.string(),
  unitName: z.string(),
  employees: z.number().int(),
  /** Simulated month: gross (the cost against the pagu) and net. */
  gross: money,
  net: money,
  /** What the month's RUN computed for the same employees (null without a run). */
  paidGross: money.nullable(),
  paidNet: money.nullable(),
  difference: money.nullable(),
  paidRuns: z.array(paidRunSchema.unwrap()),
  budget: budgetSchema,
  /** Estimate: the simulated month's gross × 12 (not a forecast of the year). */
  annualEstimate: money,
  paidAnnualEstimate: money.nullable(),
  /** annualEstimate as a percentage of the pagu (one decimal); null without a pagu. */
  budgetPercent: z.number().nullable(),
});

export const simulationEmployeeSchema = z.object({
  employeeId: id,
  nip: z.string().nullable(),
  name: z.string(),
  unitName: z.string(),
  kelas: z.number().int().nullable(),
  /** Net of the month's RUN (null when the employee has no line in a run of the month). */
  before: money.nullable(),
  after: money,
  difference: money.nullable(),
  grossBefore: money.nullable(),
  grossAfter: money,
});
export type SimulationEmployee = z.infer<typeof simulationEmployeeSchema>;

const amountsPair = z.object({ before: money.nullable(), after: money, difference: money.nullable() });

export const simulationSummarySchema = z.object({
  id: id,
  label: z.string(),
  month: yearMonth,
  rulebook: z.object({
    versionId: id.nullable(),
    id: z.string(),
    name: z.string(),
    version: z.string(),
    status: z.string(),
  }),
  tariffSource: z.string(),
  units: z.number().int(),
  employees: z.number().int(),
  net: amountsPair,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type SimulationSummary = z.infer<typeof simulationSummarySchema>;
export const simulationListSchema = z.object({ items: z.array(simulationSummarySchema) });

export const simulationDetailSchema = simulationSummarySchema.extend({
  /** Totals side by side: simulated vs the month's runs, for the employees simulated. */
  totals: z.object({
    gross: amountsPair,
    net: amountsPair,
    deductions: amountsPair,
    annualEstimate: amountsPair,
    budget: money.nullable(),
    gainers: z.number().int(),
    losers: z.number().int(),
    unchanged: z.number().int(),
    withoutRun: z.number().int(),
  }),
  perUnit: z.array(simulationUnitSchema),
  gainers: z.array(simulationEmployeeSchema),
  losers: z.array(simulationEmployeeSchema),
  /** OPDs of the region left out (month not closed), with the reason. */
  skipped: z.array(z.object({ unitId: id, unitName: z.string(), reason: z.string() })),
  /** What the annual estimate means (for the page and the export). */
  estimateNote: z.string(),
});
export type SimulationDetail = z.infer<typeof simulationDetailSchema>;
export const simulationEmployeeListSchema = paged(simulationEmployeeSchema);
export type SimulationEmployeeList = z.infer<typeof simulationEmployeeListSchema>;

// ---------------------------------------------------------------------------------------------------- dashboard

export const DASHBOARD_BASES = ['approved', 'published'] as const;
export const DASHBOARD_BASIS_LABELS: Record<(typeof DASHBOARD_BASES)[number], string> = {
  approved: 'TPP disetujui BKD atau dikunci (dibayar)',
  published: 'Semua TPP yang sudah diumumkan (termasuk yang belum disetujui)',
};

export const dashboardQuerySchema = z.object({
  year,
  unitId: id.optional(),
  basis: z.enum(DASHBOARD_BASES).default('approved'),
  /** The month the rising deductions are judged on (default: the year's last month with a run). */
  month: yearMonth.optional(),
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

const byCauseSchema = z.object(
  Object.fromEntries(TPP_DEDUCTION_CAUSES.map((c) => [c, money])) as Record<
    (typeof TPP_DEDUCTION_CAUSES)[number],
    typeof money
  >,
);

export const dashboardSchema = z.object({
  year: z.number().int(),
  basis: z.enum(DASHBOARD_BASES),
  basisLabel: z.string(),
  months: z.array(yearMonth),
  units: z.array(
    z.object({
      unitId: id,
      unitCode: z.string(),
      unitName: z.string(),
      budget: budgetSchema,
      /** Gross per month of the year (0 without a run), in `months` order. */
      gross: z.array(money),
      net: z.array(money),
      deductions: z.array(money),
      grossTotal: money,
      netTotal: money,
      /** grossTotal as a percentage of the pagu (one decimal). */
      budgetPercent: z.number().nullable(),
    }),
  ),
  byMonth: z.array(
    z.object({ month: yearMonth, gross: money, net: money, runs: z.number().int(), byCause: byCauseSchema }),
  ),
  byCause: byCauseSchema,
  totals: z.object({ gross: money, net: money, budget: money, runs: z.number().int() }),
  rising: z.object({
    month: yearMonth.nullable(),
    items: z.array(
      z.object({
        unitId: id,
        unitName: z.string(),
        current: money,
        previousAverage: money,
        increase: money,
        increasePercent: z.number().nullable(),
      }),
    ),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
