import { z } from 'zod';
import { id, localDate, paged, pageQuerySchema, searchText, text, year } from './common.ts';
import {
  INDICATOR_ASPECTS,
  INDICATOR_ASPECT_LABELS,
  RHK_KINDS,
  RHK_KIND_LABELS,
  SKP_APPROACHES,
  SKP_APPROACH_LABELS,
  SKP_STATUSES,
  SKP_STATUS_LABELS,
} from '../../core/performance/skp.ts';
import { BERAKHLAK, BERAKHLAK_LABELS } from '../../core/performance/performance-rules.ts';

/**
 * The HTTP contract of e-Kinerja, section SKP (issue 15 points 1 and 4): eligibility, the SKP with its RHK,
 * indicators and cascade, perilaku kerja (BerAKHLAK with the leader's ekspektasi khusus) and lampiran; the
 * workflow draft → submitted → approved / returned; the cascade picker, the matriks peran hasil and the inbox;
 * the SKP document (PDF); continuous feedback and evidence (eviden).
 * Source: PermenPANRB 6/2022; BKN e-Kinerja; regulations.md §6.2, §6.4.
 *
 * Routes (all under /api/kinerja):
 * - GET  /skp/eligibility?employeeId=&date=      → skpEligibilitySchema
 * - GET  /skp?unitId&year&status&q&page&pageSize  → skpPageSchema (readers in scope, a penilai's staff; `mine=true` own)
 * - GET  /skp/mine?year=                         → skpListSchema (own SKPs, every period)
 * - POST /skp                                    ← skpCreateSchema → 201 skpCreatedSchema (own; `copyFrom` copies)
 * - GET  /skp/:id                                → skpSchema
 * - PUT  /skp/:id                                ← skpUpdateSchema → skpSchema (DRAFT/RETURNED only; 409 otherwise)
 * - POST /skp/:id/submit                         → skpSchema (the employee)
 * - POST /skp/:id/decision                       ← skpDecisionSchema → skpSchema (pejabat penilai or Plt/Plh)
 * - GET  /skp/:id/pdf                            → application/pdf (the SKP document)
 * - GET  /skp/superior-rhk?date=                 → superiorRhkSchema (the cascade picker)
 * - GET  /skp/matriks?skpId=                     → skpMatriksSchema (a head's matriks peran hasil)
 * - GET  /skp/inbox?page&pageSize&q              → skpPageSchema (SUBMITTED SKPs the caller decides)
 * - GET  /skp/inbox/count                        → skpInboxCountSchema
 * - POST /feedback                               ← feedbackInputSchema → 201 feedbackSchema
 * - GET  /feedback?skpId=&rhkId=                 → feedbackListSchema
 * - POST /evidence (multipart: fields of evidenceFieldsSchema + `file`) → 201 evidenceSchema (413/415 for a bad file)
 * - GET  /evidence?skpId=&rhkId=                 → evidenceListSchema
 * - GET  /evidence/:id/file                      → the file (its own content type)
 */

export {
  SKP_STATUSES,
  SKP_STATUS_LABELS,
  SKP_APPROACHES,
  SKP_APPROACH_LABELS,
  RHK_KINDS,
  RHK_KIND_LABELS,
  INDICATOR_ASPECTS,
  INDICATOR_ASPECT_LABELS,
  BERAKHLAK,
  BERAKHLAK_LABELS,
};
export type { SkpStatus, SkpApproach, RhkKind, IndicatorAspect } from '../../core/performance/skp.ts';

/** The notification kinds of this section (entity type 'skp', link /kinerja/skp/<id>). */
export const SKP_NOTIFICATION_KINDS = {
  /** An SKP waits for the pejabat penilai's decision. */
  waiting: 'skp.waiting',
  /** The employee's SKP was approved or returned (with the note). */
  decided: 'skp.decided',
  /** The pejabat penilai recorded feedback on the employee's SKP. */
  feedback: 'kinerja.feedback',
} as const;

/** Limits of one SKP (a sanity bound, not a regulation). */
export const SKP_MAX_RHK = 40;
export const SKP_MAX_INDICATORS_PER_RHK = 10;
export const SKP_MAX_LAMPIRAN_ITEMS = 30;
/** Largest target value accepted (numeric(18,2)). */
export const SKP_TARGET_MAX_VALUE = 1e15;

const targetNumber = (label: string) =>
  z
    .number({ error: `${label} harus berupa angka` })
    .refine(Number.isFinite, `${label} harus berupa angka`)
    .refine((n) => n >= 0, `${label} tidak boleh negatif`)
    .refine((n) => n <= SKP_TARGET_MAX_VALUE, `${label} terlalu besar`);

/** One indicator of an RHK with its target (a range min–max, or one value when max is empty). */
export const skpIndicatorInputSchema = z
  .object({
    text: text({ min: 1, max: 1000, label: 'Indikator', multiline: true }),
    aspect: z.enum(INDICATOR_ASPECTS, { error: 'Aspek harus Kuantitas, Kualitas, Waktu atau Biaya' }),
    targetMin: targetNumber('Target'),
    targetMax: targetNumber('Target maksimum').nullish(),
    satuan: text({ min: 1, max: 60, label: 'Satuan' }),
  })
  .superRefine((v, ctx) => {
    if (v.targetMax != null && v.targetMax < v.targetMin)
      ctx.addIssue({
        code: 'custom',
        path: ['targetMax'],
        message: 'Target maksimum tidak boleh lebih kecil dari target minimum',
      });
  });
export type SkpIndicatorInput = z.input<typeof skpIndicatorInputSchema>;

/**
 * One RHK. `id` keeps an existing RHK's identity when the SKP is edited (staff RHK that intervene it stay linked);
 * without it a new RHK is made. JA/JF: `intervenesRhkId` (from GET /skp/superior-rhk) is required; a structural
 * head may instead give `penugasanDari` (e.g. "Perjanjian Kinerja OPD 2027").
 */
export const skpRhkInputSchema = z.object({
  id: id.optional(),
  kind: z.enum(RHK_KINDS, { error: 'Jenis RHK harus Utama atau Tambahan' }),
  text: text({ min: 3, max: 2000, label: 'Rencana hasil kerja', multiline: true }),
  intervenesRhkId: id.nullish(),
  penugasanDari: text({ max: 300, label: 'Penugasan dari' }).nullish(),
  indicators: z
    .array(skpIndicatorInputSchema)
    .min(1, 'Setiap RHK harus memiliki paling sedikit satu indikator')
    .max(SKP_MAX_INDICATORS_PER_RHK, `Paling banyak ${SKP_MAX_INDICATORS_PER_RHK} indikator per RHK`),
});
export type SkpRhkInput = z.input<typeof skpRhkInputSchema>;

/** The leader's ekspektasi khusus for one BerAKHLAK value (empty = none). */
export const skpPerilakuInputSchema = z.object({
  value: z.enum(BERAKHLAK),
  ekspektasiKhusus: text({ max: 1000, label: 'Ekspektasi khusus', multiline: true }).nullish(),
});

const lampiranList = (label: string) =>
  z
    .array(text({ min: 1, max: 500, label, multiline: true }))
    .max(SKP_MAX_LAMPIRAN_ITEMS, `${label}: paling banyak ${SKP_MAX_LAMPIRAN_ITEMS} butir`)
    .default([]);

/** Lampiran SKP: dukungan sumber daya, skema pertanggungjawaban, konsekuensi. */
export const skpLampiranSchema = z.object({
  dukunganSumberDaya: lampiranList('Dukungan sumber daya'),
  skemaPertanggungjawaban: lampiranList('Skema pertanggungjawaban'),
  konsekuensi: lampiranList('Konsekuensi'),
});
export type SkpLampiran = z.output<typeof skpLampiranSchema>;

const skpBody = {
  approach: z.enum(SKP_APPROACHES).default('KUANTITATIF'),
  rhk: z.array(skpRhkInputSchema).max(SKP_MAX_RHK, `Paling banyak ${SKP_MAX_RHK} RHK`).default([]),
  /** Values not listed keep no ekspektasi khusus; all seven are always shown. */
  perilaku: z.array(skpPerilakuInputSchema).max(BERAKHLAK.length).default([]),
  lampiran: skpLampiranSchema.default({
    dukunganSumberDaya: [],
    skemaPertanggungjawaban: [],
    konsekuensi: [],
  }),
};

/**
 * POST /api/kinerja/skp: a new SKP of the caller for a year. Period defaults to the whole year (or, after a change
 * of position mid-year, from the placement date; the older SKP is then cut to the day before). With `copyFrom`
 * (an earlier SKP of the caller) its RHK, indicators, perilaku and lampiran are copied (the body's rhk/perilaku/
 * lampiran are then ignored) and the cascade links are cleared to be picked again.
 */
export const skpCreateSchema = z.object({
  year,
  periodStart: localDate.optional(),
  periodEnd: localDate.optional(),
  copyFrom: id.optional(),
  ...skpBody,
});
export type SkpCreateInput = z.input<typeof skpCreateSchema>;

/** PUT /api/kinerja/skp/:id: replaces the period, approach, RHK with indicators, perilaku and lampiran at once. */
export const skpUpdateSchema = z.object({
  periodStart: localDate.optional(),
  periodEnd: localDate.optional(),
  ...skpBody,
});
export type SkpUpdateInput = z.input<typeof skpUpdateSchema>;

/**
 * POST /api/kinerja/skp/:id/decision by the pejabat penilai (or Plt/Plh): approve, or return with a note. The
 * leader may set the ekspektasi khusus of perilaku kerja with the decision (values listed replace the stored ones).
 */
export const skpDecisionSchema = z
  .object({
    decision: z.enum(['APPROVE', 'RETURN']),
    note: text({ max: 2000, label: 'Catatan', multiline: true }).default(''),
    perilaku: z.array(skpPerilakuInputSchema).max(BERAKHLAK.length).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'RETURN' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Tuliskan catatan mengapa SKP dikembalikan' });
  });
export type SkpDecisionInput = z.input<typeof skpDecisionSchema>;

/** A person as SKP pages show them (identity table of the document too). */
export const skpPersonSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  pangkatGolongan: z.string().nullable(),
  positionName: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type SkpPerson = z.infer<typeof skpPersonSchema>;

export const skpIndicatorSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  text: z.string(),
  aspect: z.enum(INDICATOR_ASPECTS),
  targetMin: z.number(),
  targetMax: z.number().nullable(),
  satuan: z.string(),
});
export type SkpIndicator = z.infer<typeof skpIndicatorSchema>;

/** The superior's RHK an RHK intervenes, with its text and owner (for the detail and the PDF). */
export const intervenedRhkSchema = z.object({
  rhkId: z.string(),
  text: z.string(),
  skpId: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
});

export const skpRhkSchema = z.object({
  id: z.string(),
  kind: z.enum(RHK_KINDS),
  seq: z.number().int(),
  text: z.string(),
  intervenesRhkId: z.string().nullable(),
  intervenes: intervenedRhkSchema.nullable(),
  penugasanDari: z.string().nullable(),
  indicators: z.array(skpIndicatorSchema),
  /** How many staff RHK intervene this RHK (an RHK of an approved SKP with links cannot be removed). */
  intervenedByCount: z.number().int(),
});
export type SkpRhk = z.infer<typeof skpRhkSchema>;

export const skpPerilakuSchema = z.object({
  value: z.enum(BERAKHLAK),
  label: z.string(),
  ekspektasiKhusus: z.string().nullable(),
});

export const skpSchema = z.object({
  id: z.string(),
  employee: skpPersonSchema,
  employeeType: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  positionId: z.string().nullable(),
  positionKind: z.string().nullable(),
  /** JA/JF: every RHK must intervene an RHK of the pejabat penilai. */
  needsCascade: z.boolean(),
  year: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  approach: z.enum(SKP_APPROACHES),
  status: z.enum(SKP_STATUSES),
  /** Set on submit (the current pejabat penilai before that, when known). */
  penilai: skpPersonSchema.nullable(),
  atasanPenilai: skpPersonSchema.nullable(),
  returnNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAs: z.enum(['PLT', 'PLH']).nullable(),
  copiedFrom: z.string().nullable(),
  rhk: z.array(skpRhkSchema),
  perilaku: z.array(skpPerilakuSchema),
  lampiran: skpLampiranSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do now. */
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canDecide: z.boolean(),
});
export type Skp = z.infer<typeof skpSchema>;

/** POST /api/kinerja/skp answer: the new SKP and what happened besides (period cut, cleared links). */
export const skpCreatedSchema = z.object({
  skp: skpSchema,
  /** Indonesian sentences for the page (e.g. "3 tautan RHK atasan dikosongkan; pilih lagi"). */
  notices: z.array(z.string()),
  /** Copy: how many cascade links were cleared. */
  clearedLinks: z.number().int(),
  /** Change of position mid-year: the older SKP and its new end. */
  periodCut: z.object({ skpId: z.string(), periodEnd: z.string() }).nullable(),
});
export type SkpCreated = z.infer<typeof skpCreatedSchema>;

/** One SKP in a list. */
export const skpSummarySchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  positionName: z.string().nullable(),
  year: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  approach: z.enum(SKP_APPROACHES),
  status: z.enum(SKP_STATUSES),
  rhkCount: z.number().int(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type SkpSummary = z.infer<typeof skpSummarySchema>;

export const skpPageSchema = paged(skpSummarySchema);
export type SkpPage = z.output<typeof skpPageSchema>;

/** GET /api/kinerja/skp/mine: every SKP of the caller (newest first). */
export const skpListSchema = z.object({ items: z.array(skpSummarySchema) });

export const skpListQuerySchema = pageQuerySchema.extend({
  q: searchText.optional(),
  unitId: id.optional(),
  year: year.optional(),
  status: z.enum(SKP_STATUSES).optional(),
});
/** The list's filters as a page sends them (numbers as numbers; the query string coerces them). */
export interface SkpListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  unitId?: string;
  year?: number;
  status?: (typeof SKP_STATUSES)[number];
}

export const skpMineQuerySchema = z.object({ year: year.optional() });

export const skpInboxQuerySchema = pageQuerySchema.extend({ q: searchText.optional() });

export const skpInboxCountSchema = z.object({ count: z.number().int() });

export const skpEligibilityQuerySchema = z.object({
  employeeId: id.optional(),
  date: localDate.optional(),
});

/** GET /api/kinerja/skp/eligibility: whether the employee draws up an SKP, and what the cascade asks of them. */
export const skpEligibilitySchema = z.object({
  employeeId: z.string(),
  employeeName: z.string(),
  employeeType: z.string(),
  eligible: z.boolean(),
  /** Why not (e.g. "Pegawai non-ASN / PPPK paruh waktu tidak menyusun SKP"). */
  reason: z.string().nullable(),
  positionKind: z.string().nullable(),
  positionName: z.string().nullable(),
  needsCascade: z.boolean(),
  /** The pejabat penilai on the date (null when nobody is above them in Abdi). */
  penilai: skpPersonSchema.nullable(),
  /** Start of the employee's current placement (a new SKP after a mid-year change starts here). */
  placementStart: z.string().nullable(),
});
export type SkpEligibility = z.infer<typeof skpEligibilitySchema>;

export const superiorRhkQuerySchema = z.object({ date: localDate.optional() });

/** GET /api/kinerja/skp/superior-rhk: RHK of the caller's pejabat penilai that may be intervened on the date. */
export const superiorRhkSchema = z.object({
  date: z.string(),
  penilai: skpPersonSchema.nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      skpId: z.string(),
      kind: z.enum(RHK_KINDS),
      seq: z.number().int(),
      text: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      skpStatus: z.enum(SKP_STATUSES),
    }),
  ),
  /** Why the list is empty, when it is (no penilai, their SKP not submitted yet …). */
  emptyReason: z.string().nullable(),
});
export type SuperiorRhk = z.infer<typeof superiorRhkSchema>;

export const skpMatriksQuerySchema = z.object({ skpId: id });

/** GET /api/kinerja/skp/matriks: each RHK of a head's SKP with the staff RHK that intervene it. */
export const skpMatriksSchema = z.object({
  skpId: z.string(),
  owner: skpPersonSchema,
  periodStart: z.string(),
  periodEnd: z.string(),
  rows: z.array(
    z.object({
      rhk: z.object({ id: z.string(), kind: z.enum(RHK_KINDS), seq: z.number().int(), text: z.string() }),
      staff: z.array(
        z.object({
          employeeId: z.string(),
          employeeName: z.string(),
          nip: z.string().nullable(),
          positionName: z.string().nullable(),
          skpId: z.string(),
          skpStatus: z.enum(SKP_STATUSES),
          rhkId: z.string(),
          rhkText: z.string(),
        }),
      ),
    }),
  ),
});
export type SkpMatriks = z.infer<typeof skpMatriksSchema>;

// ---------------------------------------------------------------- continuous feedback and evidence (point 4)

/** POST /api/kinerja/feedback by the pejabat penilai (or Plt/Plh): on an RHK or a daily report, or the SKP. */
export const feedbackInputSchema = z.object({
  skpId: id,
  rhkId: id.optional(),
  reportId: id.optional(),
  text: text({ min: 3, max: 4000, label: 'Umpan balik', multiline: true }),
});
export type FeedbackInput = z.input<typeof feedbackInputSchema>;

export const feedbackSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  skpId: z.string(),
  rhkId: z.string().nullable(),
  rhkText: z.string().nullable(),
  reportId: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string(),
  authorAs: z.enum(['PLT', 'PLH']).nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const feedbackListQuerySchema = z.object({ skpId: id, rhkId: id.optional() });
export const feedbackListSchema = z.object({ items: z.array(feedbackSchema) });

/** Accepted evidence files (checked from the bytes; limit ATTACHMENT_MAX_BYTES). */
export const EVIDENCE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * POST /api/kinerja/evidence (multipart/form-data): these text fields and the file in field `file`. A file or a
 * link is required. The period lies inside the SKP's period.
 */
export const evidenceFieldsSchema = z
  .object({
    skpId: id,
    rhkId: id,
    periodStart: localDate,
    periodEnd: localDate,
    description: text({ min: 3, max: 2000, label: 'Uraian eviden', multiline: true }),
    link: z
      .url({ error: 'Tautan harus berupa URL http(s) yang lengkap', protocol: /^https?$/ })
      .max(1000, 'Tautan paling banyak 1000 karakter')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart)
      ctx.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: 'Tanggal akhir tidak boleh sebelum tanggal mulai',
      });
  });
export type EvidenceFields = z.input<typeof evidenceFieldsSchema>;

export const evidenceSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  skpId: z.string(),
  rhkId: z.string(),
  rhkText: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  description: z.string(),
  link: z.string().nullable(),
  file: z.object({ name: z.string().nullable(), mime: z.string(), size: z.number().int() }).nullable(),
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const evidenceListQuerySchema = z.object({ skpId: id, rhkId: id.optional() });
export const evidenceListSchema = z.object({ items: z.array(evidenceSchema) });
