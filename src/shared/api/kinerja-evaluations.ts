import { z } from 'zod';
import {
  BERAKHLAK,
  BERAKHLAK_LABELS,
  ORG_PERFORMANCE,
  ORG_PERFORMANCE_LABELS,
  PREDIKATS,
  PREDIKAT_LABELS,
  RATINGS,
  RATING_LABELS,
} from '../../core/performance/performance-rules.ts';
import { dateRange, id, localDate, paged, pageQuerySchema, searchText, text, year } from './common.ts';

/**
 * The HTTP contract of e-Kinerja, section evaluations (issue 15 point 5): the periods of an SKP (monthly or
 * quarterly as the rulebook says, plus the annual one), the evaluation by the pejabat penilai (realisation per
 * indicator, ratings of hasil kerja and perilaku kerja, predikat from the rulebook's matrix), approval by the
 * atasan pejabat penilai, peer/subordinate behaviour feedback, the unit's organisational performance and the
 * distribution curve as a soft check, the objection (keberatan) and the inbox. Every route is under
 * `/api/kinerja`. Source: PermenPANRB 6/2022; regulations.md §6.1–§6.4.
 *
 * Routes:
 * - GET  /api/kinerja/evaluations/periods?skpId=        → evaluationPeriodsSchema
 * - GET  /api/kinerja/evaluations?unitId&year&periodStart&status&kind&q&page&pageSize → evaluationPageSchema
 * - GET  /api/kinerja/evaluations/inbox                  → evaluationInboxSchema
 * - GET  /api/kinerja/evaluations/peer                   → peerRequestsSchema
 * - GET  /api/kinerja/evaluations/curve?unitId&periodStart&periodEnd[&kind] → curveCheckSchema
 * - POST /api/kinerja/evaluations {skpId, kind, periodStart} → 201 evaluationDetailSchema (409 if it exists)
 * - GET  /api/kinerja/evaluations/:id                    → evaluationDetailSchema
 * - PUT  /api/kinerja/evaluations/:id (penilai, DRAFT)   → evaluationDetailSchema
 * - POST /api/kinerja/evaluations/:id/finalise (penilai) → evaluationFinaliseResultSchema
 * - POST /api/kinerja/evaluations/:id/approve (atasan penilai, FINAL only, else 409) → evaluationDetailSchema
 * - POST /api/kinerja/evaluations/:id/return {note} (atasan penilai) → evaluationDetailSchema
 * - POST /api/kinerja/evaluations/:id/peer-feedback {ratings, note} → 201 evaluationDetailSchema
 * - POST /api/kinerja/evaluations/:id/objection {reason} (employee) → 201 evaluationDetailSchema
 * - GET  /api/kinerja/evaluations/:id/pdf                → application/pdf
 * - POST /api/kinerja/objections/:id/decide {decision, …} (atasan penilai) → evaluationDetailSchema
 * - GET  /api/kinerja/unit-performance?unitId&year&page  → unitPerformancePageSchema
 * - PUT  /api/kinerja/unit-performance {unitId, periodStart, periodEnd, rating, note} → unitPerformanceSchema
 */

export { BERAKHLAK, BERAKHLAK_LABELS, ORG_PERFORMANCE, ORG_PERFORMANCE_LABELS, PREDIKATS, PREDIKAT_LABELS };
export { RATINGS, RATING_LABELS };
export type {
  BerakhlakValue,
  OrgPerformance,
  Predikat,
  Rating,
} from '../../core/performance/performance-rules.ts';

/** A periodic evaluation (month or quarter, as the rulebook says) or the annual one. */
export const EVALUATION_KINDS = ['PERIODIK', 'TAHUNAN'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
export const EVALUATION_KIND_LABELS: Record<EvaluationKind, string> = {
  PERIODIK: 'Periodik',
  TAHUNAN: 'Tahunan',
};

/** DRAFT (penilai fills it) → FINAL (waits for the atasan penilai) → APPROVED; a return goes back to DRAFT. */
export const EVALUATION_STATUSES = ['DRAFT', 'FINAL', 'APPROVED'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  DRAFT: 'Draf',
  FINAL: 'Final (menunggu persetujuan)',
  APPROVED: 'Disetujui',
};

export const OBJECTION_STATUSES = ['DIAJUKAN', 'DITERIMA', 'DITOLAK'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  DIAJUKAN: 'Diajukan',
  DITERIMA: 'Diterima',
  DITOLAK: 'Ditolak',
};
export const OBJECTION_DECISIONS = ['DITERIMA', 'DITOLAK'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

export const PERIODIC_FREQUENCIES = ['MONTHLY', 'QUARTERLY'] as const;
export type PeriodicFrequency = (typeof PERIODIC_FREQUENCIES)[number];

/** Who gave peer feedback: a colleague under the same direct superior, or a direct subordinate. */
export const PEER_RELATIONS = ['REKAN', 'BAWAHAN'] as const;
export type PeerRelation = (typeof PEER_RELATIONS)[number];
export const PEER_RELATION_LABELS: Record<PeerRelation, string> = {
  REKAN: 'Rekan kerja',
  BAWAHAN: 'Bawahan',
};

/** The aspects of an indicator (WAKTU and BIAYA: lower realisation is better). */
export const INDICATOR_ASPECTS = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const;
export type IndicatorAspect = (typeof INDICATOR_ASPECTS)[number];

const RATING_MESSAGE =
  'Penilaian harus salah satu dari: Di Atas Ekspektasi, Sesuai Ekspektasi, Di Bawah Ekspektasi';
/** A rating on the official scale; anything else is a 400 with an Indonesian reason. */
export const ratingInput = z.enum(RATINGS, { message: RATING_MESSAGE });
const orgPerformanceInput = z.enum(ORG_PERFORMANCE, {
  message: 'Kinerja organisasi harus Istimewa, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang',
});
const berakhlakInput = z.enum(BERAKHLAK, { message: 'Nilai BerAKHLAK tidak dikenal' });
const kindInput = z.enum(EVALUATION_KINDS, { message: 'Jenis penilaian harus PERIODIK atau TAHUNAN' });

// ---------------------------------------------------------------------------------------------------- periods

export const evaluationPeriodsQuerySchema = z.object({ skpId: id });

/** One period of an SKP to be evaluated, and its evaluation if one was started. */
export const evaluationPeriodSchema = z.object({
  kind: z.enum(EVALUATION_KINDS),
  /** "Triwulan I 2027", "Januari 2027", "Tahunan 2027". */
  label: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  evaluation: z
    .object({
      id: z.string().uuid(),
      status: z.enum(EVALUATION_STATUSES),
      predikat: z.enum(PREDIKATS).nullable(),
    })
    .nullable(),
  /** The caller is the pejabat penilai (or Plt/Plh) and may start the evaluation now. */
  canCreate: z.boolean(),
});
export type EvaluationPeriod = z.output<typeof evaluationPeriodSchema>;

export const evaluationPeriodsSchema = z.object({
  skpId: z.string().uuid(),
  employeeId: z.string().uuid(),
  skpStatus: z.string(),
  frequency: z.enum(PERIODIC_FREQUENCIES),
  items: z.array(evaluationPeriodSchema),
});
export type EvaluationPeriods = z.output<typeof evaluationPeriodsSchema>;

// ---------------------------------------------------------------------------------------------------- inputs

/** POST /api/kinerja/evaluations: `periodStart` is one of the starts listed by /periods. */
export const evaluationCreateSchema = z.object({ skpId: id, kind: kindInput, periodStart: localDate });
export type EvaluationCreateInput = z.infer<typeof evaluationCreateSchema>;

export const realisationInputSchema = z.object({
  indicatorId: id,
  value: z
    .number({ message: 'Realisasi harus berupa angka' })
    .min(0, 'Realisasi tidak boleh negatif')
    .max(1e15, 'Realisasi terlalu besar'),
  note: text({ max: 500, label: 'Catatan realisasi', multiline: true }).optional(),
});

/**
 * PUT /api/kinerja/evaluations/:id (DRAFT only). Every field optional: only those sent change. `realisation`
 * replaces the values of the indicators listed (an indicator not of this SKP → 400); a rating may be set to null
 * to clear it.
 */
export const evaluationUpdateSchema = z.object({
  realisation: z.array(realisationInputSchema).max(500).optional(),
  hasilKerjaRating: ratingInput.nullable().optional(),
  perilakuRating: ratingInput.nullable().optional(),
  perilakuNotes: z
    .array(
      z.object({
        value: berakhlakInput,
        note: text({ max: 1000, label: 'Catatan perilaku', multiline: true }),
      }),
    )
    .max(BERAKHLAK.length)
    .optional(),
  note: text({ max: 2000, label: 'Catatan penilaian', multiline: true }).optional(),
});
export type EvaluationUpdateInput = z.infer<typeof evaluationUpdateSchema>;

export const evaluationReturnSchema = z.object({
  note: text({ min: 3, max: 1000, label: 'Catatan pengembalian', multiline: true }),
});

/** A peer's or subordinate's rating of each of the seven BerAKHLAK values (all seven required). */
export const peerFeedbackInputSchema = z.object({
  ratings: z.object(
    Object.fromEntries(BERAKHLAK.map((v) => [v, ratingInput])) as Record<
      (typeof BERAKHLAK)[number],
      typeof ratingInput
    >,
  ),
  note: text({ max: 1000, label: 'Catatan', multiline: true }).optional(),
});
export type PeerFeedbackInput = z.infer<typeof peerFeedbackInputSchema>;

export const objectionInputSchema = z.object({
  reason: text({ min: 10, max: 2000, label: 'Alasan keberatan', multiline: true }),
});

/** DITERIMA may carry new ratings (the predikat is recomputed); DITOLAK keeps the predikat. */
export const objectionDecideSchema = z.object({
  decision: z.enum(OBJECTION_DECISIONS, { message: 'Keputusan harus DITERIMA atau DITOLAK' }),
  hasilKerjaRating: ratingInput.optional(),
  perilakuRating: ratingInput.optional(),
  note: text({ min: 3, max: 1000, label: 'Catatan keputusan', multiline: true }),
});
export type ObjectionDecideInput = z.infer<typeof objectionDecideSchema>;

// ---------------------------------------------------------------------------------------------------- curve

export const curveQuerySchema = z
  .object({
    unitId: id,
    periodStart: localDate,
    periodEnd: localDate,
    /** Which evaluations count; default TAHUNAN when the range is a whole calendar year, else PERIODIK. */
    kind: kindInput.optional(),
  })
  .superRefine(dateRange('periodStart', 'periodEnd', 366));
export type CurveQuery = z.infer<typeof curveQuerySchema>;

export const curveRowSchema = z.object({
  predikat: z.enum(PREDIKATS),
  label: z.string(),
  /** Expected share (%) from the rulebook's curve for the unit's organisational performance; null when unknown. */
  expectedPercent: z.number().nullable(),
  count: z.number().int(),
  /** Actual share (%) of FINAL + APPROVED evaluations, one decimal. */
  actualPercent: z.number(),
  /** The actual share exceeds expected + tolerance. */
  warning: z.boolean(),
});

/** The distribution curve as a soft check (regulations.md §6.3): it never blocks. */
export const curveCheckSchema = z.object({
  unitId: z.string().uuid(),
  unitName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  kind: z.enum(EVALUATION_KINDS),
  /** The unit's organisational performance for the period (its own or the nearest parent's); null = not set. */
  orgPerformance: z.enum(ORG_PERFORMANCE).nullable(),
  orgPerformanceLabel: z.string().nullable(),
  tolerancePercent: z.number(),
  /** The curve figures of the rulebook are illustrative (no official percentages found). */
  isExample: z.boolean(),
  total: z.number().int(),
  rows: z.array(curveRowSchema),
  /** Indonesian sentences: one per predikat over the curve, and notes (example data, no org performance). */
  warnings: z.array(z.string()),
  notes: z.array(z.string()),
  checkedAt: z.string(),
});
export type CurveCheck = z.output<typeof curveCheckSchema>;

// ---------------------------------------------------------------------------------------------------- answers

export const assessorSchema = z.object({
  employeeId: z.string().uuid(),
  name: z.string(),
  nip: z.string().nullable(),
  positionName: z.string().nullable(),
  /** Acting as Plt/Plh of the post. */
  as: z.enum(['PLT', 'PLH']).nullable(),
});
export type AssessorInfo = z.output<typeof assessorSchema>;

export const objectionSchema = z.object({
  id: z.string().uuid(),
  evaluationId: z.string().uuid(),
  status: z.enum(OBJECTION_STATUSES),
  reason: z.string(),
  filedAt: z.string(),
  /** Last day (employee's local date) for the atasan penilai to decide; overdue after. */
  decideBy: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAs: z.enum(['PLT', 'PLH']).nullable(),
  decisionNote: z.string().nullable(),
  predikatBefore: z.enum(PREDIKATS),
  predikatAfter: z.enum(PREDIKATS).nullable(),
});
export type ObjectionInfo = z.output<typeof objectionSchema>;

const ratingCountsSchema = z.object({
  DI_ATAS_EKSPEKTASI: z.number().int(),
  SESUAI_EKSPEKTASI: z.number().int(),
  DI_BAWAH_EKSPEKTASI: z.number().int(),
});

/** Peer feedback summarised: counts per rating per BerAKHLAK value; author names hidden from the employee. */
export const peerFeedbackSummarySchema = z.object({
  enabled: z.boolean(),
  count: z.number().int(),
  byRelation: z.object({ REKAN: z.number().int(), BAWAHAN: z.number().int() }),
  perValue: z.array(z.object({ value: z.enum(BERAKHLAK), label: z.string(), counts: ratingCountsSchema })),
  notes: z.array(
    z.object({
      relation: z.enum(PEER_RELATIONS),
      note: z.string(),
      /** Null for the employee being evaluated. */
      authorName: z.string().nullable(),
    }),
  ),
  /** The caller already gave feedback on this evaluation. */
  givenByMe: z.boolean(),
  /** The caller may give feedback now (peer or direct subordinate, not yet given, feedback enabled). */
  canGive: z.boolean(),
  /** How the caller relates to the employee (REKAN/BAWAHAN), null when unrelated. */
  myRelation: z.enum(PEER_RELATIONS).nullable(),
});
export type PeerFeedbackSummary = z.output<typeof peerFeedbackSummarySchema>;

export const evaluationIndicatorSchema = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  text: z.string(),
  aspect: z.enum(INDICATOR_ASPECTS),
  targetMin: z.number(),
  /** Null when the target is one value. */
  targetMax: z.number().nullable(),
  satuan: z.string(),
  realisation: z.number().nullable(),
  realisationNote: z.string().nullable(),
  /** KUANTITAS: the sum of the quantities of accepted daily reports on the RHK in the period; else null. */
  suggested: z.number().nullable(),
  /** Realisation against target (%), one decimal; WAKTU/BIAYA inverted (lower is better); null before entry. */
  capaianPercent: z.number().nullable(),
  /** Where the realisation stands against the target (e.g. "dalam rentang target"). */
  capaianNote: z.string().nullable(),
});

export const evaluationRhkSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['UTAMA', 'TAMBAHAN']),
  seq: z.number().int(),
  text: z.string(),
  /** Accepted daily reports on this RHK in the period: how many and their minutes. */
  reportsAccepted: z.number().int(),
  minutesAccepted: z.number().int(),
  indicators: z.array(evaluationIndicatorSchema),
});

/** A row of the list and the inbox. */
export const evaluationSummarySchema = z.object({
  id: z.string().uuid(),
  skpId: z.string().uuid(),
  employeeId: z.string().uuid(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  kind: z.enum(EVALUATION_KINDS),
  label: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(EVALUATION_STATUSES),
  hasilKerjaRating: z.enum(RATINGS).nullable(),
  perilakuRating: z.enum(RATINGS).nullable(),
  predikat: z.enum(PREDIKATS).nullable(),
  predikatLabel: z.string().nullable(),
  penilaiName: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  objectionStatus: z.enum(OBJECTION_STATUSES).nullable(),
  updatedAt: z.string(),
});
export type EvaluationSummary = z.output<typeof evaluationSummarySchema>;

export const evaluationDetailSchema = evaluationSummarySchema.extend({
  positionName: z.string().nullable(),
  skpPeriodStart: z.string(),
  skpPeriodEnd: z.string(),
  /** The pejabat penilai: who rated (once rated), else who is it on the period end. */
  penilai: assessorSchema.nullable(),
  /** The atasan pejabat penilai: who approved, else who is it on the period end; null when Abdi has none. */
  atasanPenilai: assessorSchema.nullable(),
  /** False when Abdi has no atasan pejabat penilai: the evaluation is approved when finalised. */
  hasAtasanPenilai: z.boolean(),
  /** The evaluation was approved at finalisation because there is no atasan pejabat penilai. */
  approvedWithoutAtasan: z.boolean(),
  rhk: z.array(evaluationRhkSchema),
  perilakuNotes: z.array(z.object({ value: z.enum(BERAKHLAK), label: z.string(), note: z.string() })),
  note: z.string().nullable(),
  returnNote: z.string().nullable(),
  /** Predikat that the current ratings would give (before finalising), from the rulebook in force at the period end. */
  predikatPreview: z.enum(PREDIKATS).nullable(),
  feedback: z.array(
    z.object({
      id: z.string().uuid(),
      rhkId: z.string().uuid().nullable(),
      reportId: z.string().uuid().nullable(),
      authorName: z.string(),
      authorAs: z.enum(['PLT', 'PLH']).nullable(),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.string().uuid(),
      rhkId: z.string().uuid(),
      description: z.string(),
      link: z.string().nullable(),
      periodStart: z.string(),
      periodEnd: z.string(),
      createdAt: z.string(),
    }),
  ),
  peerFeedback: peerFeedbackSummarySchema,
  /** The unit's organisational performance and the curve: the snapshot taken at finalisation, else live. */
  curveCheck: curveCheckSchema,
  curveCheckIsSnapshot: z.boolean(),
  objection: objectionSchema.nullable(),
  /** The objection window after approval (employee's local date); null before approval. */
  objectionWindow: z.object({ deadline: z.string(), open: z.boolean() }).nullable(),
  /** What the caller may do now. */
  can: z.object({
    edit: z.boolean(),
    finalise: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    fileObjection: z.boolean(),
    decideObjection: z.boolean(),
    givePeerFeedback: z.boolean(),
    pdf: z.boolean(),
  }),
});
export type EvaluationDetail = z.output<typeof evaluationDetailSchema>;

/** POST /:id/finalise: the evaluation and the curve check taken (a soft check, never a refusal). */
export const evaluationFinaliseResultSchema = z.object({
  evaluation: evaluationDetailSchema,
  curveCheck: curveCheckSchema,
});
export type EvaluationFinaliseResult = z.output<typeof evaluationFinaliseResultSchema>;

export const evaluationListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  year: year.optional(),
  periodStart: localDate.optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
  kind: z.enum(EVALUATION_KINDS).optional(),
  q: searchText.optional(),
});
export type EvaluationListQuery = z.infer<typeof evaluationListQuerySchema>;
export const evaluationPageSchema = paged(evaluationSummarySchema);
export type EvaluationPage = z.output<typeof evaluationPageSchema>;

export const objectionInboxItemSchema = objectionSchema.extend({
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  label: z.string(),
});

/** GET /api/kinerja/evaluations/inbox: what waits on the caller. */
export const evaluationInboxSchema = z.object({
  /** Drafts the caller rates as pejabat penilai (or Plt/Plh). */
  toFinalise: z.array(evaluationSummarySchema),
  /** FINAL evaluations waiting for the caller as atasan pejabat penilai. */
  toApprove: z.array(evaluationSummarySchema),
  /** Objections (DIAJUKAN) waiting for the caller's decision, overdue ones flagged. */
  objections: z.array(objectionInboxItemSchema),
  counts: z.object({
    toFinalise: z.number().int(),
    toApprove: z.number().int(),
    objections: z.number().int(),
    objectionsOverdue: z.number().int(),
  }),
});
export type EvaluationInbox = z.output<typeof evaluationInboxSchema>;

/** A draft evaluation of a colleague (same direct superior) or of the direct superior, awaiting the caller's feedback. */
export const peerRequestSchema = z.object({
  evaluationId: z.string().uuid(),
  employeeId: z.string().uuid(),
  employeeName: z.string(),
  /** The period label ("Triwulan I 2027", "Januari 2027", "Tahunan 2027"). */
  label: z.string(),
  relation: z.enum(PEER_RELATIONS),
  periodStart: z.string(),
  periodEnd: z.string(),
});
export type PeerRequest = z.output<typeof peerRequestSchema>;

/** GET /api/kinerja/evaluations/peer: drafts waiting for the caller's behaviour feedback (empty without relation). */
export const peerRequestsSchema = z.object({ items: z.array(peerRequestSchema), count: z.number().int() });
export type PeerRequests = z.output<typeof peerRequestsSchema>;

// ---------------------------------------------------------------------------------------------------- unit performance

export const unitPerformanceInputSchema = z
  .object({
    unitId: id,
    periodStart: localDate,
    periodEnd: localDate,
    rating: orgPerformanceInput,
    note: text({ max: 1000, label: 'Catatan', multiline: true }).optional(),
  })
  .superRefine(dateRange('periodStart', 'periodEnd', 366));
export type UnitPerformanceInput = z.infer<typeof unitPerformanceInputSchema>;

export const unitPerformanceSchema = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  rating: z.enum(ORG_PERFORMANCE),
  ratingLabel: z.string(),
  note: z.string().nullable(),
  setAt: z.string(),
});
export type UnitPerformance = z.output<typeof unitPerformanceSchema>;

export const unitPerformanceQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  year: year.optional(),
});
export const unitPerformancePageSchema = paged(unitPerformanceSchema);
export type UnitPerformancePage = z.output<typeof unitPerformancePageSchema>;
