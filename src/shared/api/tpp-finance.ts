import { z } from 'zod';
import { RUN_STATUSES } from '../../core/tpp/run-machine.ts';
import { TPP_DEDUCTION_CAUSES } from '../../core/tpp/tpp-month.ts';
import { id, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of the TPP finance documents (issue 17 point 5) and the OPD's treasurer.
 *
 * Routes (all under /api/tpp; money in whole rupiah):
 * - GET  /runs/:id/nominative?format=xlsx|pdf → the daftar nominatif of the run (readers of the run's unit,
 *   tpp.pay, the head of the OPD). Any status: before DISETUJUI marked "KONSEP" (not for payment), DISETUJUI for
 *   payment, DIKUNCI marked "FINAL".
 * - POST /runs/:id/bank-file                 → the bank transfer CSV (tpp.pay over the unit); only for a DISETUJUI
 *   or DIKUNCI run (409 before); refused (409, the names and NIPs) while a paid employee has no bank account.
 *   Audited (who produced the file, its row count and sum).
 * - GET  /finance/recap?month&unitId          → {@link financeRecapSchema}: one row per OPD run of the month in the
 *   caller's scope (tpp.read / tpp.pay), with the pagu of the year and its share used so far.
 * - GET  /finance/recap/export?month&unitId&format=xlsx|csv → the same as a file.
 * - GET  /finance/treasurer                   → {@link myTreasurerUnitsSchema}: the units whose designated treasurer
 *   (bendahara pengeluaran) the caller is (anyone signed in; empty for most). The treasurer of a unit (its record,
 *   else its nearest ancestor's) reads the published runs of it (list, run, lines), their nominative lists, the
 *   bank file once approved and the recap rows of those runs; nothing else (server: runs-access.ts isTreasurer).
 * - GET  /treasurers/:unitId                  → {@link treasurerSchema} (readers of the unit).
 * - PUT  /treasurers/:unitId {@link treasurerSetBodySchema} → {@link treasurerSchema} (tpp.run over the unit; the
 *   employee must be placed in the unit's subtree). An upsert: last writer wins.
 */

export const nominativeQuerySchema = z.object({ format: z.enum(['xlsx', 'pdf']).default('xlsx') });
export type NominativeQuery = z.output<typeof nominativeQuerySchema>;

export const unitParamsSchema = z.object({ unitId: id });

export const financeRecapQuerySchema = z.object({ month: yearMonth, unitId: id.optional() });
export type FinanceRecapQuery = z.output<typeof financeRecapQuerySchema>;
export const financeRecapExportQuerySchema = financeRecapQuerySchema.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type FinanceRecapExportQuery = z.output<typeof financeRecapExportQuerySchema>;

export const treasurerSetBodySchema = z.object({
  employeeId: id,
  decree: text({ max: 200, label: 'Nomor SK' }).optional(),
});
export type TreasurerSetBody = z.input<typeof treasurerSetBodySchema>;

const rupiah = z.number().int();

/** One OPD run of the month in the recap for BKD and the BPKAD. */
export const financeRecapRowSchema = z.object({
  runId: z.string(),
  unitId: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string(),
  status: z.enum(RUN_STATUSES),
  statusLabel: z.string(),
  employees: z.number().int(),
  paid: z.number().int(),
  excluded: z.number().int(),
  base: rupiah,
  deductions: rupiah,
  /** Deductions by cause: TL, PSW, TK, APEL, LKH, LAINNYA; SANKSI = the sanction cuts. */
  byCause: z.record(z.enum(TPP_DEDUCTION_CAUSES), rupiah),
  sanctionCut: rupiah,
  gross: rupiah,
  bpjsEmployer: rupiah,
  bpjsEmployee: rupiah,
  tax: rupiah,
  correction: rupiah,
  net: rupiah,
  /** The OPD's pagu of the year (null when not recorded). */
  budget: rupiah.nullable(),
  /** TPP bruto of the OPD's runs of the year up to and including this month. */
  usedToDate: rupiah,
  /** usedToDate / pagu in percent, one decimal (null without a pagu). */
  usedPercent: z.number().nullable(),
});
export type FinanceRecapRow = z.output<typeof financeRecapRowSchema>;

export const financeRecapSchema = z.object({
  month: z.string(),
  rows: z.array(financeRecapRowSchema),
  /** The sums of the rows (budget and usedToDate: of the rows that have them). */
  totals: financeRecapRowSchema.pick({
    employees: true,
    paid: true,
    excluded: true,
    base: true,
    deductions: true,
    sanctionCut: true,
    gross: true,
    bpjsEmployer: true,
    bpjsEmployee: true,
    tax: true,
    correction: true,
    net: true,
  }),
});
export type FinanceRecap = z.output<typeof financeRecapSchema>;

export const treasurerSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** The record of this unit, or of the nearest ancestor that has one (`inherited`), or null. */
  treasurer: z
    .object({
      unitId: z.string(),
      employeeId: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      decree: z.string().nullable(),
      inherited: z.boolean(),
      updatedAt: z.string(),
    })
    .nullable(),
  /** Whether the caller may set it (tpp.run over the unit). */
  canSet: z.boolean(),
});
export type Treasurer = z.output<typeof treasurerSchema>;

/** The units whose designated treasurer the caller is. */
export const myTreasurerUnitsSchema = z.object({
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      unitCode: z.string().nullable(),
      decree: z.string().nullable(),
    }),
  ),
});
export type MyTreasurerUnits = z.output<typeof myTreasurerUnitsSchema>;

/** The statuses from which a run's nominative list is for payment and its bank file may be produced. */
export const PAYABLE_STATUSES = ['DISETUJUI', 'DIKUNCI'] as const;
