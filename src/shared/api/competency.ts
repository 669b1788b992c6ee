import { z } from 'zod';
import {
  id,
  localDate,
  pageQuerySchema,
  paged,
  rupiah,
  searchText,
  TABLE_EXPORT_FORMATS,
  text,
} from './common.ts';
import { TRAINING_KINDS } from '../../core/performance/training-needs.ts';
import { kinerjaImportDryRunSchema } from './kinerja-interchange.ts';

/**
 * The HTTP contract of Competency and development (issue 19; docs/competency.md): request and response schemas, used
 * by the routes for validation and the API documentation, and by the web client for its types (`import type`).
 *
 *   GET  /api/competency/dictionary                      signed in: managerial, socio-cultural and technical
 *   PUT  /api/competency/technicals/{code}                competency.manage: a technical competency (set/replace)
 *   GET  /api/competency/positions/{id}/standard         signed in: a position's standard (defaults + BKD's levels)
 *   PUT  /api/competency/positions/{id}/standard         competency.manage over the position's unit
 *   POST /api/competency/standards/import                competency.manage: XLSX/CSV (kode_jabatan, kode_kompetensi, level)
 *   POST /api/competency/assessments                     competency.manage over the employee: one result
 *   POST /api/competency/assessments/import              competency.manage: XLSX/CSV, one row per competency
 *   GET  /api/competency/assessments                     competency.read: results in scope (views logged)
 *   GET  /api/competency/me                              the caller's own competencies
 *   GET  /api/competency/employees/{id}                  the employee, their superior chain, BKD (views logged)
 *   GET  /api/competency/staff                           the caller's direct subordinates (views logged)
 *   GET  /api/competency/trainings                       signed in: the training catalogue
 *   POST /api/competency/trainings                       competency.manage: a catalogue entry
 *   PUT  /api/competency/trainings/{id}                  competency.manage: change an entry (or retire it)
 *   PUT  /api/competency/training-budgets                competency.manage over the OPD: its yearly budget
 *   GET  /api/competency/training-needs                  competency.read over the OPD: needs, cost, budget (logged)
 *   POST /api/competency/training-records                the employee (own) or competency.manage: one record + certificate
 *   POST /api/competency/training-records/import         competency.manage: XLSX/CSV, one row per training taken
 *   PUT  /api/competency/training-records/{id}/certificate  the employee or competency.manage: a missing certificate
 *   GET  /api/competency/analytics                       competency.read: JPM bands, gaps, JP coverage per OPD (counts)
 *   GET  /api/competency/analytics/export.xlsx|csv       the same as a table
 */

/** Assessment methods. Source: issue 19 point 2 (assessment centre or potential test; BKN SJT, regulations.md §7.2). */
export const ASSESSMENT_METHODS = ['ASSESSMENT_CENTER', 'UJI_POTENSI', 'SJT', 'LAINNYA'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];
export const ASSESSMENT_METHOD_LABELS: Record<AssessmentMethod, string> = {
  ASSESSMENT_CENTER: 'Assessment center',
  UJI_POTENSI: 'Uji potensi',
  SJT: 'Situational judgement test (SJT)',
  LAINNYA: 'Metode lain',
};

const competencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,3}\.\d{2,3}$/, 'Kode kompetensi seperti M.01, SK.01 atau T.001');
/** A competency level: 1–5 (PermenPANRB 38/2017). */
const level = z
  .number({ message: 'Level kompetensi harus angka 1–5' })
  .int('Level kompetensi harus bilangan bulat 1–5')
  .min(1, 'Level kompetensi harus 1–5')
  .max(5, 'Level kompetensi harus 1–5');

export const competencyCodeParamSchema = z.object({ code: competencyCode });

// ------------------------------------------------------------------------------------------ dictionary

export const competencyEntrySchema = z.object({
  code: z.string(),
  group: z.enum(['MANAJERIAL', 'SOSIAL_KULTURAL', 'TEKNIS']),
  name: z.string(),
  family: z.string().nullable(),
  definition: z.string().nullable(),
  levels: z.array(
    z.object({ level: z.number().int(), description: z.string(), indicators: z.array(z.string()) }),
  ),
});
export type CompetencyEntry = z.output<typeof competencyEntrySchema>;

export const competencyDictionarySchema = z.object({
  legalBasis: z.string(),
  minJpPerYear: z.number().int(),
  developmentBasis: z.string(),
  entries: z.array(competencyEntrySchema),
});
export type CompetencyDictionary = z.output<typeof competencyDictionarySchema>;

/** PUT /technicals/{code}: a technical competency of the region's dictionary, with its five level descriptions. */
export const technicalPutSchema = z.object({
  name: text({ max: 200, min: 3, label: 'Nama kompetensi' }),
  family: text({ max: 120, min: 2, label: 'Rumpun jabatan' }),
  definition: text({ max: 2000, multiline: true, label: 'Definisi' }).optional(),
  levels: z
    .array(text({ max: 1000, min: 3, multiline: true, label: 'Uraian level' }))
    .length(5, 'Isi uraian level 1 sampai 5'),
});
export type TechnicalPut = z.input<typeof technicalPutSchema>;

// ------------------------------------------------------------------------------------------ standards

export const requiredLevelSchema = z.object({
  code: z.string(),
  name: z.string(),
  group: z.enum(['MANAJERIAL', 'SOSIAL_KULTURAL', 'TEKNIS']),
  required: z.number().int(),
  source: z.enum(['DEFAULT', 'POSITION']),
});
export type RequiredLevelItem = z.output<typeof requiredLevelSchema>;

export const positionStandardSchema = z.object({
  positionId: z.string(),
  positionName: z.string(),
  positionKind: z.string(),
  unitName: z.string(),
  /** False when the kind has no default and BKD set nothing: no JPM against this position. */
  hasStandard: z.boolean(),
  levels: z.array(requiredLevelSchema),
});
export type PositionStandard = z.output<typeof positionStandardSchema>;

/** PUT /positions/{id}/standard: the levels BKD sets for the position (replacing its earlier ones). */
export const positionStandardPutSchema = z.object({
  levels: z
    .array(z.object({ code: competencyCode, level }))
    .max(60)
    .refine((l) => new Set(l.map((x) => x.code)).size === l.length, 'Kode kompetensi tidak boleh ganda'),
});
export type PositionStandardPut = z.input<typeof positionStandardPutSchema>;

// ------------------------------------------------------------------------------------------ assessments

/** POST /assessments: one result. */
export const assessmentCreateSchema = z.object({
  employeeId: id,
  assessedOn: localDate,
  method: z.enum(ASSESSMENT_METHODS, { message: 'Metode asesmen tidak dikenal' }),
  assessor: text({ max: 200, min: 3, label: 'Asesor / lembaga' }),
  notes: text({ max: 4000, multiline: true, label: 'Catatan asesor' }).optional(),
  recommendation: text({ max: 2000, multiline: true, label: 'Rekomendasi' }).optional(),
  levels: z
    .array(z.object({ code: competencyCode, level }))
    .min(1, 'Isi minimal satu level kompetensi')
    .max(60)
    .refine((l) => new Set(l.map((x) => x.code)).size === l.length, 'Kode kompetensi tidak boleh ganda'),
});
export type AssessmentCreate = z.input<typeof assessmentCreateSchema>;
export const assessmentCreatedSchema = z.object({ id: z.string() });

export const jpmSchema = z.object({
  percent: z.number(),
  code: z.string(),
  label: z.string(),
  requiredTotal: z.number(),
  assessedTotal: z.number(),
  reasons: z.array(z.string()),
});
export type JpmItem = z.output<typeof jpmSchema>;

/** The catalogue training that closes a gap. */
export const plannedTrainingSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  jp: z.number().int(),
  cost: z.number().int(),
});

export const gapSchema = z.object({
  code: z.string(),
  name: z.string(),
  group: z.string(),
  required: z.number().int(),
  assessed: z.number().int().nullable(),
  gap: z.number().int(),
  /** The cheapest active catalogue training developing it (null: none). */
  training: plannedTrainingSchema.nullable(),
});

export const assessmentSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  assessedOn: z.string(),
  method: z.enum(ASSESSMENT_METHODS),
  methodLabel: z.string(),
  assessor: z.string(),
  notes: z.string().nullable(),
  recommendation: z.string().nullable(),
  positionName: z.string().nullable(),
  levels: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().int() })),
  /** JPM against the position held on the date; null with `noStandard` when that position has no standard. */
  selection: jpmSchema.nullable(),
  mapping: jpmSchema.nullable(),
  noStandard: z.string().nullable(),
});
export type AssessmentItem = z.output<typeof assessmentSchema>;

export const assessmentListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  q: searchText.optional(),
});
export type AssessmentListQuery = z.input<typeof assessmentListQuerySchema>;
export const assessmentListSchema = paged(assessmentSchema);
export type AssessmentList = z.output<typeof assessmentListSchema>;

export const profileQuerySchema = z.object({ targetPositionId: id.optional() });

// ------------------------------------------------------------------------------------------ training records (point 4)

/**
 * POST /training-records (multipart): the form fields (strings, as multipart sends them) and the `certificate` file
 * (PDF or image, checked by content). `employeeId` defaults to the caller.
 */
export const trainingRecordFieldsSchema = z
  .object({
    employeeId: id.optional(),
    title: text({ max: 200, min: 3, label: 'Nama pelatihan' }),
    provider: text({ max: 200, min: 2, label: 'Penyelenggara' }),
    startDate: localDate,
    endDate: localDate,
    jp: z.coerce.number().int('JP harus bilangan bulat').min(1, 'JP minimal 1').max(2000),
    cost: z.coerce.number().int('Biaya harus rupiah bulat').min(0).max(1_000_000_000_000).default(0),
    trainingId: id.optional(),
  })
  .refine((r) => r.endDate >= r.startDate, {
    path: ['endDate'],
    message: 'Tanggal selesai sebelum tanggal mulai',
  });

export const trainingRecordSchema = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  jp: z.number().int(),
  cost: z.number().int(),
  hasCertificate: z.boolean(),
});
export type TrainingRecordItem = z.output<typeof trainingRecordSchema>;

/** The yearly development hours against the target (PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4), rulebook data). */
export const developmentSchema = z.object({
  year: z.number().int(),
  jp: z.number().int(),
  target: z.number().int(),
  remaining: z.number().int(),
  met: z.boolean(),
  basis: z.string(),
  records: z.array(trainingRecordSchema),
});

/** GET /me and /employees/{id}: an employee's standard, results over time, gaps and JPM. */
export const competencyProfileSchema = z.object({
  employee: z.object({
    id: z.string(),
    name: z.string(),
    nip: z.string().nullable(),
    unitName: z.string(),
    positionName: z.string().nullable(),
  }),
  /** Why the caller may see it: the employee, a superior above them, or BKD. */
  viewer: z.enum(['SELF', 'CHAIN', 'BKD']),
  standard: positionStandardSchema.nullable(),
  /** Newest first. */
  assessments: z.array(assessmentSchema),
  /** Below the current position's standard, by the latest assessment, largest first. */
  gaps: z.array(gapSchema),
  /** This year's development hours and training records (issue 19 point 4). */
  development: developmentSchema,
  target: z
    .object({
      standard: positionStandardSchema,
      selection: jpmSchema.nullable(),
      mapping: jpmSchema.nullable(),
      gaps: z.array(gapSchema),
    })
    .nullable(),
});
export type CompetencyProfile = z.output<typeof competencyProfileSchema>;

/** GET /staff: the caller's direct subordinates with their latest result. */
export const staffListSchema = z.object({
  items: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      latestOn: z.string().nullable(),
      mapping: jpmSchema.nullable(),
      gaps: z.number().int(),
    }),
  ),
});
export type StaffList = z.output<typeof staffListSchema>;

// ------------------------------------------------------------------------------------------ imports

/** The form fields of an import: dryRun (default true) and, for a commit, whether to write only the good rows. */
export const competencyImportFieldsSchema = z.object({
  dryRun: kinerjaImportDryRunSchema,
  validOnly: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export const competencyImportReportSchema = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  committed: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** What was (or would be) written: assessments or position levels. */
  written: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() })),
});
export type CompetencyImportReport = z.output<typeof competencyImportReportSchema>;

// ------------------------------------------------------------------------------------------ training (point 3)

export { TRAINING_KINDS };
export const TRAINING_KIND_LABELS: Record<(typeof TRAINING_KINDS)[number], string> = {
  DIKLAT: 'Diklat / pelatihan klasikal',
  KURSUS: 'Kursus',
  COACHING: 'Coaching',
  MENTORING: 'Mentoring',
  STUDI_MITRA: 'Studi di perguruan tinggi mitra',
};

/** POST /trainings and PUT /trainings/{id}: a catalogue entry. */
export const trainingBodySchema = z.object({
  title: text({ max: 200, min: 3, label: 'Nama pelatihan' }),
  kind: z.enum(TRAINING_KINDS, { message: 'Jenis pengembangan tidak dikenal' }),
  codes: z
    .array(competencyCode)
    .min(1, 'Pilih minimal satu kompetensi yang dikembangkan')
    .max(20)
    .refine((c) => new Set(c).size === c.length, 'Kode kompetensi tidak boleh ganda'),
  jp: z.number().int('JP harus bilangan bulat').min(0).max(2000),
  cost: rupiah,
  provider: text({ max: 200, label: 'Penyelenggara' }).optional(),
  active: z.boolean().default(true),
});
export type TrainingBody = z.input<typeof trainingBodySchema>;

export const trainingSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(TRAINING_KINDS),
  kindLabel: z.string(),
  codes: z.array(z.string()),
  jp: z.number().int(),
  cost: z.number().int(),
  provider: z.string().nullable(),
  active: z.boolean(),
});
export type TrainingItem = z.output<typeof trainingSchema>;
export const trainingListSchema = z.object({ items: z.array(trainingSchema) });
export type TrainingList = z.output<typeof trainingListSchema>;

/** PUT /training-budgets: an OPD's budget for a year (set or replaced). */
export const trainingBudgetPutSchema = z.object({
  unitId: id,
  year: z.number().int().min(2000).max(2100),
  amount: rupiah,
  reference: text({ max: 200, label: 'Dasar anggaran (DPA)' }).optional(),
});
export type TrainingBudgetPut = z.input<typeof trainingBudgetPutSchema>;

export const trainingNeedsQuerySchema = z.object({
  unitId: id,
  year: z.coerce.number().int().min(2000).max(2100),
});
export type TrainingNeedsQuery = z.input<typeof trainingNeedsQuerySchema>;
/** GET /training-needs/export.:format: the same list as a table for planning (xlsx or csv). */
export const trainingNeedsExportParamsSchema = z.object({ format: z.enum(TABLE_EXPORT_FORMATS) });

/** GET /training-needs: an OPD's annual training needs from its employees' latest results. */
export const trainingNeedsSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  employees: z.number().int(),
  assessed: z.number().int(),
  needs: z.array(
    z.object({
      trainingId: z.string(),
      title: z.string(),
      codes: z.array(z.string()),
      participants: z.array(z.object({ employeeId: z.string(), name: z.string() })),
      unitCost: z.number().int(),
      cost: z.number().int(),
    }),
  ),
  uncovered: z.array(z.object({ code: z.string(), name: z.string(), participants: z.number().int() })),
  total: z.number().int(),
  budget: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  overBudget: z.boolean(),
});
export type TrainingNeedsReport = z.output<typeof trainingNeedsSchema>;

/** GET /analytics: across the OPDs of the caller's scope, or under one unit; a year for the development hours. */
export const competencyAnalyticsQuerySchema = z.object({
  unitId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export type CompetencyAnalyticsQuery = z.input<typeof competencyAnalyticsQuerySchema>;

const analyticsFigures = z.object({
  employees: z.number().int(),
  assessed: z.number().int(),
  noStandard: z.number().int(),
  /** Mapping band code → people whose latest result falls in it (against their current post). */
  bands: z.record(z.string(), z.number().int()),
  /** Competency code → people short of the required level and their mean shortfall in levels. */
  gaps: z.record(z.string(), z.object({ people: z.number().int(), meanGap: z.number() })),
  jpMet: z.number().int(),
  jpTotal: z.number().int(),
  jpMean: z.number(),
  coveragePercent: z.number(),
});

/** GET /analytics: JPM distribution, competency gaps and training coverage per OPD (counts only). */
/** GET /analytics/summary: the scope's totals only (the home page's card), without the per-OPD breakdown. */
export const competencyAnalyticsSummaryQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});
export const competencyAnalyticsSummarySchema = z.object({
  year: z.number().int(),
  jpTarget: z.number().int(),
  employees: z.number().int(),
  assessed: z.number().int(),
  jpMet: z.number().int(),
  coveragePercent: z.number(),
});
export type CompetencyAnalyticsSummary = z.infer<typeof competencyAnalyticsSummarySchema>;

export const competencyAnalyticsSchema = z.object({
  year: z.number().int(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  jpTarget: z.number().int(),
  bands: z.array(z.object({ code: z.string(), label: z.string(), minPercent: z.number() })),
  competencies: z.array(z.object({ code: z.string(), name: z.string() })),
  groups: z.array(analyticsFigures.extend({ unitId: z.string(), unitName: z.string() })),
  total: analyticsFigures,
  histogram: z.array(z.object({ from: z.number(), to: z.number(), people: z.number().int() })),
});
export type CompetencyAnalyticsReport = z.infer<typeof competencyAnalyticsSchema>;
