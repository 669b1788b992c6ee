import { z } from 'zod';
import { CASE_STATES, CASE_STATE_LABELS, type CaseState } from '../../core/discipline/case-machine.ts';
import { DISCIPLINE_LEVELS } from '../../core/discipline/discipline-rules.ts';
import { dateRange, id, localDate, searchText, text, TABLE_EXPORT_FORMATS, year } from './common.ts';

/**
 * The HTTP contract of the discipline module (issue 16), sections documents, inbox and registry: the confidential
 * documents of a case generated as PDF in the Peraturan BKN 6/2022 annex layouts (summons I/II, SK of the
 * examination team, BAP, examination report, SK hukuman disiplin, delivery record) and the signed scans uploaded
 * with it, every view logged (Pasal 57); the inbox of what waits for the caller; the registry and dashboards for BKD,
 * the Inspektorat and the Sekda (cases by OPD, state, level and age, overdue steps, sanctions in force, the share of
 * employees with a violation this year: "indisipliner < 1 %"), and their exports. Every route is under
 * `/api/discipline`. Source: PP 94/2021 Pasal 26–41; Peraturan BKN 6/2022 Pasal 29, 49–50, 57 and annex;
 * regulations.md §1.6–1.9.
 *
 * Routes:
 * - GET  /cases/:id/documents                      → caseDocumentsSchema (what can be generated + uploads)
 * - GET  /cases/:id/documents/:kind[?download=1]   → application/pdf (409 while its data does not exist)
 * - POST /cases/:id/documents (multipart: kind, title, file) → 201 caseDocumentUploadSchema (413/415 refused)
 * - GET  /cases/:id/documents/files/:docId         → the uploaded file (its own content type)
 * - GET  /cases/:id/document-views                 → documentViewsSchema (discipline.manage / readers in scope)
 * - GET  /inbox                                    → disciplineInboxSchema
 * - GET  /registry?unitId&year                     → registrySchema
 * - GET  /registry/export?format=xlsx|csv&unitId&year → the per-OPD table
 * - GET  /cases/export?format=xlsx|csv&unitId&state&level&source&from&to&q → the cases list
 * - (façade only) discipline.registry.summaryFor(actor) → disciplineSummarySchema, for the home page
 */

export { CASE_STATES, CASE_STATE_LABELS, DISCIPLINE_LEVELS };
export type { CaseState };

// ---------------------------------------------------------------------------------------------------- documents

/** The documents Abdi generates from a case's data (annex layouts of Peraturan BKN 6/2022). */
export const GENERATED_DOCUMENT_KINDS = [
  'PANGGILAN_I',
  'PANGGILAN_II',
  'SK_TIM',
  'BAP',
  'LHP',
  'SK_HUKDIS',
  'BA_PENYAMPAIAN',
] as const;
export type GeneratedDocumentKind = (typeof GENERATED_DOCUMENT_KINDS)[number];

/** Kinds an uploaded file can be filed under: the generated ones (their signed scan), appeal papers, other evidence. */
export const CASE_DOCUMENT_KINDS = [...GENERATED_DOCUMENT_KINDS, 'UPAYA_ADMINISTRATIF', 'LAINNYA'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

export const CASE_DOCUMENT_KIND_LABELS: Readonly<Record<CaseDocumentKind, string>> = {
  PANGGILAN_I: 'Surat panggilan I',
  PANGGILAN_II: 'Surat panggilan II',
  SK_TIM: 'Keputusan pembentukan tim pemeriksa',
  BAP: 'Berita acara pemeriksaan',
  LHP: 'Laporan hasil pemeriksaan',
  SK_HUKDIS: 'Keputusan hukuman disiplin',
  BA_PENYAMPAIAN: 'Berita acara penyampaian keputusan',
  UPAYA_ADMINISTRATIF: 'Dokumen upaya administratif',
  LAINNYA: 'Bukti / dokumen lain',
};

/**
 * What the examinee may open of their own case (Peraturan BKN 6/2022 Pasal 57: the summonses, their BAP copy, the
 * decision and its delivery record; never the team SK or the examination report). Uploads of these kinds too.
 */
export const EXAMINEE_DOCUMENT_KINDS: readonly CaseDocumentKind[] = [
  'PANGGILAN_I',
  'PANGGILAN_II',
  'BAP',
  'SK_HUKDIS',
  'BA_PENYAMPAIAN',
  'UPAYA_ADMINISTRATIF',
];

/**
 * Content types accepted for an upload (type judged from the bytes, not the name or the declared type): others →
 * 415. The size limit is the installation's ATTACHMENT_MAX_BYTES (default 5 MB): larger → 413, nothing stored.
 */
export const CASE_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const caseDocumentKindParamsSchema = z.object({
  id,
  kind: z.enum(GENERATED_DOCUMENT_KINDS, { message: 'Jenis dokumen tidak dikenal' }),
});
export const caseDocumentFileParamsSchema = z.object({ id, docId: id });
/** `?download=1` sends the PDF as an attachment (otherwise inline, to open in the browser). */
export const caseDocumentQuerySchema = z.object({ download: z.enum(['0', '1']).optional() });

/** The multipart fields of an upload besides the file. */
export const caseDocumentUploadFieldsSchema = z.object({
  kind: z.enum(CASE_DOCUMENT_KINDS, { message: 'Jenis dokumen tidak dikenal' }),
  title: text({ min: 1, max: 200, label: 'Judul dokumen' }),
});
export type CaseDocumentUploadFields = z.input<typeof caseDocumentUploadFieldsSchema>;

/** One document Abdi can generate for the case, and whether its data exists yet. */
export const generatedDocumentSchema = z.object({
  kind: z.enum(GENERATED_DOCUMENT_KINDS),
  label: z.string(),
  /** Its data exists (e.g. a summons was recorded); otherwise `missing` says what is needed (GET answers 409). */
  available: z.boolean(),
  missing: z.string().nullable(),
  /** Given when first issued (or entered with the summons) and kept for every reprint; null before. */
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  /** The PDF's address (`/api/discipline/cases/:id/documents/:kind`); null when not available. */
  url: z.string().nullable(),
});
export type GeneratedDocument = z.output<typeof generatedDocumentSchema>;

/** A file uploaded with the case (signed scan, evidence). */
export const uploadedDocumentSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(CASE_DOCUMENT_KINDS),
  label: z.string(),
  title: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  url: z.string(),
});
export type UploadedDocument = z.output<typeof uploadedDocumentSchema>;

export const caseDocumentsSchema = z.object({
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  /** Only the kinds the caller may open (the examinee sees EXAMINEE_DOCUMENT_KINDS). */
  generated: z.array(generatedDocumentSchema),
  uploads: z.array(uploadedDocumentSchema),
  /**
   * Kinds the caller may upload (empty: none): the examiners (superior, team), the competent official and BKD
   * (discipline.manage) any kind; the examinee only UPAYA_ADMINISTRATIF (their appeal papers); readers none.
   */
  uploadKinds: z.array(z.enum(CASE_DOCUMENT_KINDS)),
  /** The caller may list who viewed the documents. */
  canSeeViews: z.boolean(),
});
export type CaseDocuments = z.output<typeof caseDocumentsSchema>;

export const caseDocumentUploadSchema = uploadedDocumentSchema;

/** One logged view of a case document (generated PDF or uploaded file). */
export const documentViewSchema = z.object({
  at: z.string(),
  userId: z.string().uuid().nullable(),
  viewer: z.string().nullable(),
  /** "Surat panggilan I" or the upload's title. */
  what: z.string(),
  kind: z.string().nullable(),
  /** SHA-256 of the bytes served. */
  sha256: z.string(),
});
export type DocumentView = z.output<typeof documentViewSchema>;
export const documentViewsSchema = z.object({ items: z.array(documentViewSchema) });

// ---------------------------------------------------------------------------------------------------- inbox

export const INBOX_ITEM_TYPES = ['case', 'indication', 'salary_stop', 'appeal'] as const;
export type InboxItemType = (typeof INBOX_ITEM_TYPES)[number];

/** One thing waiting for the caller. */
export const inboxItemSchema = z.object({
  type: z.enum(INBOX_ITEM_TYPES),
  /** Id of the case / indication / salary stop / appeal. */
  id: z.string().uuid(),
  /** The case it belongs to (null for indications and salary stops without a case). */
  caseId: z.string().uuid().nullable(),
  caseNumber: z.string().nullable(),
  employee: z.object({ id: z.string().uuid(), name: z.string(), nip: z.string().nullable() }),
  unitName: z.string(),
  /** What to do next, in Indonesian ("Terbitkan surat panggilan I", "Verifikasi data kehadiran"). */
  step: z.string(),
  /** The case's state or the item's status, and its label. */
  state: z.string(),
  stateLabel: z.string(),
  due: z.string().nullable(),
  overdue: z.boolean(),
  /** Why it is in the caller's inbox: named as holder, by role over the unit, as superior, as BKD watching. */
  reason: z.enum(['HOLDER', 'ROLE', 'SUPERIOR', 'OVERSIGHT']),
  /** Web page to open (`/disiplin/kasus/:id`, `/disiplin/indikasi/:id`, `/disiplin/gaji/:id`). */
  link: z.string(),
});
export type InboxItem = z.output<typeof inboxItemSchema>;

/** The employee's own cases and salary stops (their state, never the team's internals). */
export const mineItemSchema = z.object({
  type: z.enum(['case', 'salary_stop']),
  id: z.string().uuid(),
  caseNumber: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  /** What happens next, when it concerns the employee ("Hadir pada pemeriksaan 12/03/2027"). */
  step: z.string().nullable(),
  due: z.string().nullable(),
  link: z.string(),
});
export type MineItem = z.output<typeof mineItemSchema>;

export const disciplineInboxSchema = z.object({
  /** Oldest due first; overdue first. */
  items: z.array(inboxItemSchema),
  /** For the navigation badge: items waiting for the caller's own action (excludes OVERSIGHT items). */
  count: z.number().int(),
  /** Items of `items` past their due date (including OVERSIGHT items). */
  overdue: z.number().int(),
  mine: z.array(mineItemSchema),
});
export type DisciplineInbox = z.output<typeof disciplineInboxSchema>;

// ---------------------------------------------------------------------------------------------------- registry

export const registryQuerySchema = z.object({
  unitId: id.optional().describe('OPD/unit (dengan sub-unitnya); kosong: seluruh lingkup pengguna'),
  year: year.optional().describe('Tahun (kasus dibuka / hukuman ditetapkan); kosong: tahun berjalan'),
});
export type RegistryQuery = z.input<typeof registryQuerySchema>;

export const AGE_BUCKETS = ['0-30', '31-90', '>90'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_BUCKET_LABELS: Readonly<Record<AgeBucket, string>> = {
  '0-30': '0–30 hari',
  '31-90': '31–90 hari',
  '>90': 'Lebih dari 90 hari',
};

const levelCountsSchema = z.object({
  ringan: z.number().int(),
  sedang: z.number().int(),
  berat: z.number().int(),
});

/** The figures of one OPD (or of the whole scope in `total`). */
export const registryRowSchema = z.object({
  unitId: z.string().uuid().nullable(),
  unitName: z.string(),
  /** Cases opened in the year, by state now. */
  byState: z.record(z.string(), z.number().int()),
  casesOpened: z.number().int(),
  /** Open now (not final), whatever the year they were opened. */
  casesOpen: z.number().int(),
  /** Cases opened in the year by expected level. */
  byLevel: levelCountsSchema,
  overdueSteps: z.number().int(),
  /** Sanctions in force today (BERLAKU / MENUNGGU) by level. */
  sanctionsInForce: levelCountsSchema,
  /** Active ASN (PNS, CPNS, PPPK, PPPK paruh waktu) today: the denominator. */
  activeEmployees: z.number().int(),
  /** Employees with a sanction decided in the year and not annulled. */
  sanctionedEmployees: z.number().int(),
  /** sanctionedEmployees ÷ activeEmployees × 100, 2 decimals; null when there are no employees. */
  sanctionedPercent: z.number().nullable(),
  /** Employees with a case opened in the year. */
  employeesWithCase: z.number().int(),
  casePercent: z.number().nullable(),
  /** TK indications (cumulative ladder or consecutive run) found in the year. */
  tkIndications: z.number().int(),
});
export type RegistryRow = z.output<typeof registryRowSchema>;

export const overdueStepSchema = z.object({
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  employeeName: z.string(),
  unitName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  step: z.string().nullable(),
  due: z.string(),
  daysOverdue: z.number().int(),
});
export type OverdueStep = z.output<typeof overdueStepSchema>;

export const registrySchema = z.object({
  year: z.number().int(),
  /** Today in the scope's zone (the age and the overdue flags are counted to it). */
  today: z.string(),
  unit: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  /** One row per OPD (top-level unit under the region) in scope, sorted by name. */
  rows: z.array(registryRowSchema),
  total: registryRowSchema,
  /** Open cases by age since opened. */
  ageBuckets: z.array(z.object({ bucket: z.enum(AGE_BUCKETS), label: z.string(), count: z.number().int() })),
  overdue: z.array(overdueStepSchema),
  /**
   * The region's target the share is compared with ("indisipliner < 1 %"), percent, from the rulebook when it
   * sets one; null otherwise (the web shows the figure without a target).
   */
  targetPercent: z.number().nullable(),
});
export type Registry = z.output<typeof registrySchema>;

export const registryExportQuerySchema = registryQuerySchema.extend({
  format: z.enum(TABLE_EXPORT_FORMATS, { message: 'Format harus xlsx atau csv' }),
});
export type RegistryExportQuery = z.input<typeof registryExportQuerySchema>;

/** The filters of the cases list (as GET /cases), with the file format. */
export const casesExportQuerySchema = z
  .object({
    format: z.enum(TABLE_EXPORT_FORMATS, { message: 'Format harus xlsx atau csv' }),
    unitId: id.optional(),
    state: z.enum(CASE_STATES, { message: 'Tahap kasus tidak dikenal' }).optional(),
    level: z.enum(DISCIPLINE_LEVELS, { message: 'Tingkat harus ringan, sedang atau berat' }).optional(),
    source: z
      .enum(['INDIKASI', 'INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA'], {
        message: 'Sumber tidak dikenal',
      })
      .optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    q: searchText.optional(),
  })
  .superRefine(dateRange('from', 'to', 3700, { toOptional: true }));
export type CasesExportQuery = z.input<typeof casesExportQuerySchema>;

/** The home page's discipline section (façade `registry.summaryFor(actor)`). */
export const disciplineSummarySchema = z.object({
  /** Items waiting for the caller (as the inbox count) and how many are overdue. */
  waiting: z.number().int(),
  overdue: z.number().int(),
  /** Cases open in the caller's reading scope (null without discipline.read). */
  openInScope: z.number().int().nullable(),
  /** Share of active ASN with a sanction decided this year in scope (null without discipline.read). */
  sanctionedPercent: z.number().nullable(),
  targetPercent: z.number().nullable(),
  /** The caller's own open cases (as examinee). */
  mineOpen: z.number().int(),
});
export type DisciplineSummary = z.output<typeof disciplineSummarySchema>;
