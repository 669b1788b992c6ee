import { z } from 'zod';
import { localDate, year } from './common.ts';

/*
 * e-Kinerja interchange (issue 15 point 7; docs/kinerja-interchange.md): import of SKP and RHK from XLSX/CSV with a
 * row-by-row report, and exports shaped like BKN e-Kinerja / SIASN "Penilaian Kinerja" data.
 *
 * Routes
 *   GET  /api/kinerja/import/skp/template?format=xlsx|csv   the empty file to fill in (one example row)
 *   GET  /api/kinerja/import/skp/columns                    the column layout (kinerjaImportColumnsSchema)
 *   POST /api/kinerja/import/skp                            multipart: file, dryRun ('true' default | 'false')
 *        → 200 kinerjaImportReportSchema. dryRun=true: the report, nothing written. dryRun=false: when every
 *          row is valid everything is written in one transaction (report.committed = true, 201); when any row
 *          is bad NOTHING is written and the answer is 422 IMPORT_INVALID with `details` = the row errors
 *          (the same `kinerjaImportRowErrorSchema` items as report.errors).
 *   GET  /api/kinerja/export/skp?year=&unitId=&format=xlsx|csv                       download (file)
 *   GET  /api/kinerja/export/evaluations?year=&periodStart=&unitId=&format=xlsx|csv  download (file)
 *   POST /api/kinerja/export/skp/jobs?…  and  POST /api/kinerja/export/evaluations/jobs?…
 *        → 202 job (src/shared/api/jobs.ts jobSchema); follow at /api/jobs/:id (large units).
 * Permissions: import needs kinerja.manage over every employee of the file; exports need kinerja.read or
 * kinerja.manage over the unit (without unitId: the top of the actor's scope).
 */

/** The formats of the template and the exports. */
export const KINERJA_INTERCHANGE_FORMATS = ['xlsx', 'csv'] as const;
export const kinerjaInterchangeFormatSchema = z.enum(KINERJA_INTERCHANGE_FORMATS);

/** One column of the import file: its header, whether it must be filled, an example value and what it means. */
export const kinerjaImportColumnSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  example: z.string(),
  description: z.string(),
});
export type KinerjaImportColumn = z.infer<typeof kinerjaImportColumnSchema>;

export const kinerjaImportColumnsSchema = z.object({
  columns: z.array(kinerjaImportColumnSchema),
  /** Largest file accepted in bytes (IMPORT_MAX_BYTES). */
  maxBytes: z.number().int(),
});
export type KinerjaImportColumns = z.infer<typeof kinerjaImportColumnsSchema>;

/** GET /api/kinerja/import/skp/template */
export const kinerjaTemplateQuerySchema = z.object({
  format: kinerjaInterchangeFormatSchema.default('xlsx'),
});

/** The `dryRun` field of the multipart upload (a form field, so a string); default true. */
export const kinerjaImportDryRunSchema = z
  .enum(['true', 'false', '1', '0'])
  .default('true')
  .transform((v) => v === 'true' || v === '1');

/** A bad row: its line in the file (header = line 1), the column (when one is to blame) and the reason. */
export const kinerjaImportRowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export type KinerjaImportRowError = z.infer<typeof kinerjaImportRowErrorSchema>;

/** One SKP the file makes (the rows grouped by NIP and period start). */
export const kinerjaImportSkpSchema = z.object({
  nip: z.string(),
  name: z.string().nullable(),
  periodStart: localDate,
  periodEnd: localDate,
  approach: z.enum(['KUANTITATIF', 'KUALITATIF']),
  /** DRAFT, or APPROVED when the rows say the SKP came approved from BKN e-Kinerja (column status_bkn). */
  status: z.enum(['DRAFT', 'APPROVED']),
  rhkCount: z.number().int(),
  indicatorCount: z.number().int(),
  /** Lines of the file it comes from. */
  lines: z.array(z.number().int()),
  /** Set once written (dryRun=false). */
  skpId: z.string().uuid().nullable(),
});
export type KinerjaImportSkp = z.infer<typeof kinerjaImportSkpSchema>;

/** The answer of POST /api/kinerja/import/skp. */
export const kinerjaImportReportSchema = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  /** True only when everything was written (dryRun=false and no bad row). */
  committed: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(kinerjaImportRowErrorSchema),
  skp: z.array(kinerjaImportSkpSchema),
  counts: z.object({
    skp: z.number().int(),
    rhk: z.number().int(),
    indicators: z.number().int(),
  }),
  /** When committed: the id the audit entry of the import is filed under (entity `import`, action import.kinerja_skp). */
  importId: z.string().uuid().nullable(),
});
export type KinerjaImportReport = z.infer<typeof kinerjaImportReportSchema>;

/** GET /api/kinerja/export/skp (and …/jobs). */
export const kinerjaSkpExportQuerySchema = z.object({
  year,
  unitId: z.string().uuid().optional(),
  format: kinerjaInterchangeFormatSchema.default('xlsx'),
});
/** What the web sends (query values as the page holds them). */
export interface KinerjaSkpExportQuery {
  year: number;
  unitId?: string;
  format?: 'xlsx' | 'csv';
}

/** GET /api/kinerja/export/evaluations (and …/jobs). periodStart narrows to the evaluations of one period. */
export const kinerjaEvaluationExportQuerySchema = z.object({
  year,
  periodStart: localDate.optional(),
  unitId: z.string().uuid().optional(),
  format: kinerjaInterchangeFormatSchema.default('xlsx'),
});
export interface KinerjaEvaluationExportQuery {
  year: number;
  periodStart?: string;
  unitId?: string;
  format?: 'xlsx' | 'csv';
}

/**
 * Headers of the SKP export, in order (one row per indicator). Names follow BKN e-Kinerja / SIASN where known;
 * docs/kinerja-interchange.md maps each to its counterpart and says which are assumptions.
 */
export const KINERJA_SKP_EXPORT_HEADERS = [
  'NIP',
  'NAMA',
  'JABATAN',
  'UNIT KERJA',
  'PERIODE AWAL',
  'PERIODE AKHIR',
  'PENDEKATAN',
  'STATUS SKP',
  'JENIS RHK',
  'NO RHK',
  'RENCANA HASIL KERJA',
  'NIP ATASAN',
  'RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI',
  'ASPEK',
  'INDIKATOR KINERJA INDIVIDU',
  'TARGET MIN',
  'TARGET MAX',
  'SATUAN',
] as const;

/** Headers of the evaluation export, in order (one row per indicator of each evaluation). */
export const KINERJA_EVALUATION_EXPORT_HEADERS = [
  'NIP',
  'NAMA',
  'UNIT KERJA',
  'JENIS PENILAIAN',
  'PERIODE',
  'PERIODE AWAL',
  'PERIODE AKHIR',
  'NO RHK',
  'RENCANA HASIL KERJA',
  'ASPEK',
  'INDIKATOR KINERJA INDIVIDU',
  'TARGET',
  'SATUAN',
  'REALISASI',
  'RATING HASIL KERJA',
  'RATING PERILAKU KERJA',
  'PREDIKAT KINERJA',
  'STATUS',
  'NIP PENILAI',
  'TANGGAL PENILAIAN',
  'TANGGAL PERSETUJUAN',
] as const;
