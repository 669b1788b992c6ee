import { z } from 'zod';
import {
  id,
  localDate,
  pageQuerySchema,
  paged,
  rupiah,
  searchText,
  text,
  year,
  yearMonth,
} from './common.ts';
import { kinerjaImportDryRunSchema } from './kinerja-interchange.ts';
import {
  KELAS_MAX,
  KELAS_MIN,
  TARIFF_AMOUNT_MAX,
  TPP_CRITERIA,
  TPP_CRITERION_LABELS,
} from '../../core/tpp/tariff-table.ts';
import { normalizeAccountNumber, normalizeNpwp } from '../../core/tpp/bank-account.ts';

export { TPP_CRITERIA, TPP_CRITERION_LABELS };

/*
 * TPP inputs (issue 17 point 1; PP 12/2019 Pasal 58; regulations.md §5.1, §10): the tariff tables BKD enters or
 * imports from the Perkada, the pagu per OPD and year, each employee's gaji pokok history and bank account, and the
 * records that exclude an employee from TPP for a period.
 *
 * Routes (all under /api/tpp)
 *   GET  /tariff-tables                 ?year&status&q&page&pageSize → tariffTableListSchema (tpp.read/run/manage)
 *   POST /tariff-tables                 tariffTableCreateSchema → 201 tariffTableSchema (tpp.manage); replaces the
 *                                       year's active table (its status becomes DIGANTI, kept for the runs)
 *   POST /tariff-tables/import          multipart: file (XLSX/CSV), year, perkadaRef, perkadaDate, note, dryRun
 *                                       ('true' default) → 200 report / 201 committed; a bad row on commit: 422
 *                                       IMPORT_INVALID, details = the row errors, nothing written (tpp.manage)
 *   GET  /tariff-tables/:id             → tariffTableSchema
 *   GET  /tariff-tables/:id/export      → XLSX (first sheet in the import's columns; "Keterangan" sheet)
 *   GET  /budgets                       ?year&unitId&q&page → budgetListSchema (tpp readers, their scope)
 *   PUT  /budgets                       budgetSetSchema → budgetSchema (tpp.manage over the unit)
 *   GET  /pay                           ?unitId&q&missing&page → payListSchema (tpp readers, their scope)
 *   POST /pay/import                    multipart: file, dryRun → payImportReportSchema (tpp.run over each row)
 *   GET  /employees/:id/pay             → employeePaySchema (the employee herself, tpp readers over her unit)
 *   POST /employees/:id/salaries        salaryAddSchema → 201 employeePaySchema (tpp.run over her unit)
 *   PUT  /employees/:id/bank-account    bankAccountSetSchema → employeePaySchema (tpp.run over her unit)
 *   GET  /exclusions                    ?unitId&month&code&employeeId&q&page → exclusionListSchema (tpp readers)
 *   GET  /exclusions/codes              ?date → exclusionCodesSchema (the rulebook's tpp.exclusions on the date)
 *   POST /exclusions                    exclusionCreateSchema → 201 exclusionSchema (tpp.run over her unit)
 *   POST /exclusions/:id/end            exclusionEndSchema → exclusionSchema (tpp.run over her unit)
 *
 * Refusals: 400 VALIDATION `{ details: [{ path, message }] }` (a tariff table's details name every bad row:
 * `rows.3.amount`, or `rows` for the table as a whole), 403 FORBIDDEN, 404 NOT_FOUND (also an employee outside
 * the reader's scope), 409 CONFLICT, 413 / 415 / 422 for uploads. Messages in Bahasa Indonesia, dates dd/MM/yyyy.
 */

const nullIfEmpty = (v: unknown) => (v === '' ? null : v);

// ------------------------------------------------------------------------------------------ tariffs

export const TARIFF_TABLE_STATUSES = ['AKTIF', 'DIGANTI'] as const;
export type TariffTableStatus = (typeof TARIFF_TABLE_STATUSES)[number];
export const TARIFF_TABLE_STATUS_LABELS: Record<TariffTableStatus, string> = {
  AKTIF: 'Berlaku',
  DIGANTI: 'Diganti',
};

/** One row as entered: kelas × criterion, optionally only for a position group (`positions.kind`) or a unit. */
export const tariffRowInputSchema = z.object({
  kelas: z
    .number({ error: 'Kelas jabatan harus angka' })
    .int('Kelas jabatan harus bilangan bulat')
    .min(KELAS_MIN, `Kelas jabatan paling kecil ${KELAS_MIN}`)
    .max(KELAS_MAX, `Kelas jabatan paling besar ${KELAS_MAX}`),
  criterion: z.enum(TPP_CRITERIA, { message: `Kriteria harus salah satu dari ${TPP_CRITERIA.join(', ')}` }),
  positionGroup: text({ min: 1, max: 40, label: 'Kelompok jabatan' }).nullable().default(null),
  unitId: id.nullable().default(null),
  amount: z
    .number({ error: 'Besaran TPP harus angka' })
    .int('Besaran TPP harus rupiah bulat')
    .min(0, 'Besaran TPP tidak boleh negatif')
    .max(TARIFF_AMOUNT_MAX, 'Besaran TPP melebihi batas per bulan'),
});
export type TariffRowInput = z.input<typeof tariffRowInputSchema>;

const perkadaRef = text({ min: 1, max: 200, label: 'Nomor Perkada' });
const tableNote = text({ max: 1000, multiline: true, label: 'Catatan' });

/** POST /tariff-tables */
export const tariffTableCreateSchema = z.object({
  year,
  perkadaRef,
  perkadaDate: localDate.nullable().default(null),
  note: tableNote.nullable().default(null),
  rows: z
    .array(tariffRowInputSchema)
    .min(1, 'Tabel besaran TPP kosong')
    .max(5000, 'Paling banyak 5.000 baris'),
});
export type TariffTableCreateInput = z.input<typeof tariffTableCreateSchema>;
export type TariffTableCreate = z.output<typeof tariffTableCreateSchema>;

/** The form fields of POST /tariff-tables/import (strings, as multipart sends them). */
export const tariffImportFieldsSchema = z.object({
  year,
  perkadaRef,
  perkadaDate: z.preprocess(nullIfEmpty, localDate.nullable().default(null)),
  note: z.preprocess(nullIfEmpty, tableNote.nullable().default(null)),
  dryRun: kinerjaImportDryRunSchema,
});
export type TariffImportFields = z.output<typeof tariffImportFieldsSchema>;

export const tariffRowSchema = z.object({
  kelas: z.number().int(),
  criterion: z.enum(TPP_CRITERIA),
  criterionLabel: z.string(),
  positionGroup: z.string().nullable(),
  unitId: id.nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  amount: z.number().int(),
});
export type TariffRow = z.infer<typeof tariffRowSchema>;

export const tariffTableSchema = z.object({
  id,
  year: z.number().int(),
  perkadaRef: z.string(),
  perkadaDate: localDate.nullable(),
  note: z.string().nullable(),
  status: z.enum(TARIFF_TABLE_STATUSES),
  statusLabel: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  rows: z.array(tariffRowSchema),
});
export type TariffTable = z.infer<typeof tariffTableSchema>;

export const tariffTableListQuerySchema = pageQuerySchema.extend({
  year: year.optional(),
  status: z.enum(TARIFF_TABLE_STATUSES, { message: 'Status harus AKTIF atau DIGANTI' }).optional(),
  q: searchText.optional(),
});
export type TariffTableListQuery = z.input<typeof tariffTableListQuerySchema>;
export type TariffTableListParams = z.output<typeof tariffTableListQuerySchema>;
export const tariffTableListSchema = paged(tariffTableSchema);
export type TariffTableList = z.infer<typeof tariffTableListSchema>;

/** A bad row of an upload: its line (header = 1; null for the table as a whole), the column and the reason. */
export const tppImportRowErrorSchema = z.object({
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type TppImportRowError = z.infer<typeof tppImportRowErrorSchema>;

/** The answer of POST /tariff-tables/import. */
export const tariffImportReportSchema = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  /** True only when the table was stored (dryRun=false and no error). */
  committed: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(tppImportRowErrorSchema),
  /** The valid rows as they would be (or were) stored. */
  rows: z.array(tariffRowSchema),
  /** The year's active table the new one replaces (status DIGANTI once committed). */
  replaces: z.object({ id, perkadaRef: z.string() }).nullable(),
  table: tariffTableSchema.nullable(),
});
export type TariffImportReport = z.infer<typeof tariffImportReportSchema>;

// ------------------------------------------------------------------------------------------ budgets (pagu)

/** PUT /budgets: the pagu of an OPD for a year, with its DPA reference (set or replaced). */
export const budgetSetSchema = z.object({
  unitId: id,
  year,
  amount: rupiah,
  reference: text({ min: 1, max: 200, label: 'Nomor DPA' }),
});
export type BudgetSetInput = z.input<typeof budgetSetSchema>;
export type BudgetSet = z.output<typeof budgetSetSchema>;

export const budgetSchema = z.object({
  unitId: id,
  unitCode: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  amount: z.number().int(),
  reference: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type Budget = z.infer<typeof budgetSchema>;

export const budgetListQuerySchema = pageQuerySchema.extend({
  year: year.optional(),
  unitId: id.optional(),
  q: searchText.optional(),
});
export type BudgetListQuery = z.input<typeof budgetListQuerySchema>;
export type BudgetListParams = z.output<typeof budgetListQuerySchema>;
export const budgetListSchema = paged(budgetSchema).extend({
  /** The sum of the pagu of every row matching the filters (all pages). */
  totalAmount: z.number().int(),
});
export type BudgetList = z.infer<typeof budgetListSchema>;

// ------------------------------------------------------------------------------------------ pay data

const accountNumber = z.string().transform((v, c) => {
  const r = normalizeAccountNumber(v);
  if (!r.ok) {
    c.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});
const npwp = z.string().transform((v, c) => {
  const r = normalizeNpwp(v);
  if (!r.ok) {
    c.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});

/** POST /employees/:id/salaries: a gaji pokok valid from a date (the same date again corrects that entry). */
export const salaryAddSchema = z.object({
  validFrom: localDate,
  gajiPokok: rupiah,
  reference: text({ max: 200, label: 'Dasar (nomor SK/KGB)' }).nullable().default(null),
});
export type SalaryAddInput = z.input<typeof salaryAddSchema>;
export type SalaryAdd = z.output<typeof salaryAddSchema>;

/** PUT /employees/:id/bank-account */
export const bankAccountSetSchema = z.object({
  bankName: text({ min: 1, max: 100, label: 'Nama bank' }),
  accountNumber,
  accountHolder: text({ min: 1, max: 200, label: 'Nama pemilik rekening' }),
  npwp: z.preprocess(nullIfEmpty, npwp.nullable().default(null)),
});
export type BankAccountSetInput = z.input<typeof bankAccountSetSchema>;
export type BankAccountSet = z.output<typeof bankAccountSetSchema>;

export const salaryEntrySchema = z.object({
  id,
  validFrom: localDate,
  gajiPokok: z.number().int(),
  reference: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});

export const bankAccountSchema = z.object({
  bankName: z.string(),
  accountNumber: z.string(),
  accountHolder: z.string(),
  npwp: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
});

export const employeePaySchema = z.object({
  employeeId: id,
  nip: z.string().nullable(),
  name: z.string(),
  unitId: id,
  unitName: z.string(),
  /** The gaji pokok in force today (null when none is recorded). */
  gajiPokok: z.number().int().nullable(),
  /** Newest first. */
  salaries: z.array(salaryEntrySchema),
  bankAccount: bankAccountSchema.nullable(),
  /** Whether the reader may record gaji and the account (tpp.run over the employee's unit). */
  canEdit: z.boolean(),
});
export type EmployeePay = z.infer<typeof employeePaySchema>;

export const PAY_MISSING = ['GAJI', 'REKENING'] as const;
export const payListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  q: searchText.optional(),
  /** Only employees without a gaji pokok in force today, or without a bank account. */
  missing: z.enum(PAY_MISSING, { message: 'missing harus GAJI atau REKENING' }).optional(),
});
export type PayListQuery = z.input<typeof payListQuerySchema>;
export type PayListParams = z.output<typeof payListQuerySchema>;

export const payListItemSchema = z.object({
  employeeId: id,
  nip: z.string().nullable(),
  name: z.string(),
  unitId: id,
  unitName: z.string(),
  positionName: z.string().nullable(),
  gajiPokok: z.number().int().nullable(),
  gajiValidFrom: localDate.nullable(),
  bankName: z.string().nullable(),
  accountNumber: z.string().nullable(),
  accountHolder: z.string().nullable(),
  npwp: z.string().nullable(),
});
export const payListSchema = paged(payListItemSchema);
export type PayList = z.infer<typeof payListSchema>;

/** The answer of POST /pay/import. */
export const payImportReportSchema = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  committed: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(tppImportRowErrorSchema),
  counts: z.object({
    employees: z.number().int(),
    /** Gaji entries added or corrected. */
    salaries: z.number().int(),
    /** Bank accounts set or changed. */
    bankAccounts: z.number().int(),
    /** Rows that change nothing (the same gaji and account are already recorded). */
    unchanged: z.number().int(),
  }),
  /** When committed: the id of the import's audit entry (entity `import`, action import.tpp_pay). */
  importId: id.nullable(),
});
export type PayImportReport = z.infer<typeof payImportReportSchema>;

/** The form field of POST /pay/import. */
export const payImportFieldsSchema = z.object({ dryRun: kinerjaImportDryRunSchema });

// ------------------------------------------------------------------------------------------ exclusions

/** POST /exclusions: an employee excluded from TPP in a period, by a code of the rulebook's `tpp.exclusions`. */
export const exclusionCreateSchema = z.object({
  employeeId: id,
  code: text({ min: 1, max: 40, label: 'Kode pengecualian' }),
  validFrom: localDate,
  validTo: localDate.nullable().default(null),
  reason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan' }),
  reference: text({ min: 1, max: 200, label: 'Nomor keputusan' }),
});
export type ExclusionCreateInput = z.input<typeof exclusionCreateSchema>;
export type ExclusionCreate = z.output<typeof exclusionCreateSchema>;

/** POST /exclusions/:id/end */
export const exclusionEndSchema = z.object({ validTo: localDate });

export const exclusionSchema = z.object({
  id,
  employeeId: id,
  nip: z.string().nullable(),
  name: z.string(),
  unitId: id,
  unitName: z.string(),
  code: z.string(),
  /** The code's description in the rulebook in force at validFrom (null when the rulebook no longer has it). */
  codeDescription: z.string().nullable(),
  validFrom: localDate,
  validTo: localDate.nullable(),
  reason: z.string(),
  reference: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  endedByName: z.string().nullable(),
  canEdit: z.boolean(),
});
export type Exclusion = z.infer<typeof exclusionSchema>;

export const exclusionListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  employeeId: id.optional(),
  /** Records overlapping the month. */
  month: yearMonth.optional(),
  code: text({ max: 40, label: 'Kode pengecualian' }).optional(),
  q: searchText.optional(),
});
export type ExclusionListQuery = z.input<typeof exclusionListQuerySchema>;
export type ExclusionListParams = z.output<typeof exclusionListQuerySchema>;
export const exclusionListSchema = paged(exclusionSchema);
export type ExclusionList = z.infer<typeof exclusionListSchema>;

export const exclusionCodesQuerySchema = z.object({ date: localDate.optional() });
export const exclusionCodesSchema = z.object({
  date: localDate,
  codes: z.array(z.object({ code: z.string(), description: z.string(), legalBasis: z.string() })),
});
export type ExclusionCodes = z.infer<typeof exclusionCodesSchema>;
