import { z } from 'zod';
import { EMPLOYEE_TYPES } from '../../core/people/employee-types.ts';
import {
  id,
  pageQuerySchema,
  paged,
  searchText,
  TABLE_EXPORT_FORMATS,
  text,
  year,
  yearMonth,
} from './common.ts';

/**
 * The HTTP contract of ASN teladan (issue 18 point 4; docs/teladan.md): award periods with their criteria and
 * committee, the ranking (computed on GET, stored by an explicit POST when the review starts and at publication),
 * nominations, the committee's decisions, the awards and their certificates.
 */

/** Period states: criteria editable (DRAFT), figures frozen for the committee (REVIEW), winners published. */
export const TELADAN_STATUSES = ['DRAFT', 'REVIEW', 'PUBLISHED'] as const;
export type TeladanStatus = (typeof TELADAN_STATUSES)[number];

/**
 * One criterion as BKD writes it. The figure is any text here: an unknown figure, a weight that makes no sense or a
 * missing threshold is answered 422 RULES_INVALID naming the criterion and the figure (src/core/oversight).
 */
export const criterionInputSchema = z.object({
  key: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,39}$/,
      'Kode kriteria: huruf kecil, angka dan tanda hubung, paling banyak 40',
    ),
  label: text({ max: 120, label: 'Nama kriteria' }),
  figure: z.string().max(60, 'Nama angka paling banyak 60 karakter'),
  kind: z.enum(['hard', 'scored']),
  direction: z.enum(['higher', 'lower']),
  threshold: z.number().nullable().optional(),
  weight: z.number().nullable().optional(),
  scale: z.object({ min: z.number(), max: z.number() }).nullable().optional(),
});
export type CriterionInputBody = z.input<typeof criterionInputSchema>;

/** POST /api/teladan/periods (teladan.manage). */
export const periodCreateSchema = z
  .object({
    name: text({ max: 160, min: 3, label: 'Nama periode' }),
    year: z.number().int().min(2000, 'Tahun tidak valid').max(2100, 'Tahun tidak valid'),
    fromMonth: yearMonth,
    toMonth: yearMonth,
    /** Units whose subtrees take part; empty = the whole region. */
    unitIds: z.array(id).max(200).default([]),
    employeeTypes: z.array(z.enum(EMPLOYEE_TYPES)).min(1, 'Pilih paling sedikit satu jenis pegawai').max(5),
    legalBasis: text({ max: 300, min: 3, label: 'Dasar hukum' }),
    criteria: z.array(criterionInputSchema).max(30, 'Paling banyak 30 kriteria'),
    winnersPerOpd: z.number().int().min(0).max(10),
    winnersRegion: z.number().int().min(0).max(50),
  })
  .refine((p) => p.fromMonth <= p.toMonth, { path: ['toMonth'], message: 'Bulan akhir sebelum bulan awal' })
  .refine((p) => monthsBetween(p.fromMonth, p.toMonth) <= 24, {
    path: ['toMonth'],
    message: 'Periode paling lama 24 bulan',
  })
  .refine((p) => p.winnersPerOpd + p.winnersRegion > 0, {
    path: ['winnersRegion'],
    message: 'Paling sedikit satu pemenang (per OPD atau tingkat daerah)',
  });
export type PeriodCreate = z.input<typeof periodCreateSchema>;

function monthsBetween(from: string, to: string) {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** POST /api/teladan/periods/:id/committee (teladan.manage): the members, exactly one chair. */
export const committeeSchema = z.object({
  members: z
    .array(z.object({ employeeId: id, role: z.enum(['KETUA', 'ANGGOTA']) }))
    .min(1)
    .max(15)
    .refine((m) => m.filter((x) => x.role === 'KETUA').length === 1, 'Tepat satu ketua tim penilai')
    .refine((m) => new Set(m.map((x) => x.employeeId)).size === m.length, 'Anggota tercantum dua kali'),
});
export type CommitteeInput = z.input<typeof committeeSchema>;

export const criterionSchema = z.object({
  key: z.string(),
  label: z.string(),
  figure: z.string(),
  kind: z.enum(['hard', 'scored']),
  direction: z.enum(['higher', 'lower']),
  threshold: z.number().nullable(),
  weight: z.number().nullable(),
  scale: z.object({ min: z.number(), max: z.number() }).nullable(),
});

export const periodSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  fromMonth: z.string(),
  toMonth: z.string(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  employeeTypes: z.array(z.string()),
  legalBasis: z.string(),
  criteria: z.array(criterionSchema),
  winnersPerOpd: z.number(),
  winnersRegion: z.number(),
  status: z.enum(TELADAN_STATUSES),
  committee: z.array(
    z.object({ employeeId: z.string(), name: z.string(), nip: z.string().nullable(), role: z.string() }),
  ),
  /** What the caller may do on this period. */
  can: z.object({
    manage: z.boolean(),
    nominate: z.boolean(),
    review: z.boolean(),
    decide: z.boolean(),
    publish: z.boolean(),
  }),
  createdAt: z.string(),
  reviewStartedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type TeladanPeriod = z.output<typeof periodSchema>;

export const periodListQuerySchema = pageQuerySchema.extend({
  year: year.optional(),
  q: searchText.optional(),
});
export type PeriodListQuery = z.input<typeof periodListQuerySchema>;
export const periodListSchema = paged(periodSchema);
export type PeriodList = z.output<typeof periodListSchema>;

/** GET /api/teladan/periods/:id/ranking */
export const rankingQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  q: searchText.optional(),
  /** 'ranked' (default: those in the ranking), 'excluded', or 'all'. */
  show: z.enum(['ranked', 'excluded', 'all']).default('all'),
});
export type RankingQuery = z.input<typeof rankingQuerySchema>;

export const decisionViewSchema = z.object({
  decision: z.enum(['WINNER', 'NOT_SELECTED']),
  category: z.enum(['OPD', 'REGION']).nullable(),
  note: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
});

export const rankedCandidateSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  opdId: z.string(),
  opdName: z.string(),
  excluded: z.boolean(),
  reasons: z.array(z.string()),
  score: z.number().nullable(),
  regionRank: z.number().nullable(),
  opdRank: z.number().nullable(),
  results: z.array(
    z.object({
      key: z.string(),
      figure: z.string(),
      value: z.number().nullable(),
      passed: z.boolean().nullable(),
      score: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
  decision: decisionViewSchema.nullable(),
});
export type RankedCandidateView = z.output<typeof rankedCandidateSchema>;

export const rankingSchema = paged(rankedCandidateSchema).extend({
  /** LIVE = computed now from the current figures (nothing stored); REVIEW/PUBLISHED = the stored snapshot. */
  source: z.enum(['LIVE', 'REVIEW', 'PUBLISHED']),
  takenAt: z.string().nullable(),
  criteria: z.array(criterionSchema),
  /** Candidates in the caller's view, ranked and excluded. */
  counts: z.object({ ranked: z.number(), excluded: z.number() }),
});
export type TeladanRanking = z.output<typeof rankingSchema>;

/** POST /api/teladan/periods/:id/nominations: a superior nominates a direct subordinate. */
export const nominationCreateSchema = z.object({
  employeeId: id,
  reason: text({ max: 1000, min: 10, multiline: true, label: 'Alasan usulan' }),
});
export type NominationCreate = z.input<typeof nominationCreateSchema>;

/** POST /api/teladan/periods/:id/public-nominations (teladan.manage): recorded from another channel. */
export const publicNominationCreateSchema = z.object({
  employeeId: id,
  reason: text({ max: 1000, min: 10, multiline: true, label: 'Isi usulan' }),
  source: text({ max: 120, min: 2, label: 'Saluran' }),
  reference: text({ max: 120, label: 'Nomor rujukan' }).optional(),
});
export type PublicNominationCreate = z.input<typeof publicNominationCreateSchema>;

export const nominationSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  opdName: z.string(),
  kind: z.enum(['SUPERIOR', 'PUBLIC']),
  reason: z.string(),
  nominatorName: z.string().nullable(),
  source: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export const nominationListSchema = paged(nominationSchema);
export type NominationList = z.output<typeof nominationListSchema>;

/** POST /api/teladan/periods/:id/decisions (a committee member, period in REVIEW). */
export const decisionSchema = z
  .object({
    employeeId: id,
    decision: z.enum(['WINNER', 'NOT_SELECTED']),
    category: z.enum(['OPD', 'REGION']).nullable().default(null),
    note: text({ max: 1000, multiline: true, label: 'Catatan tim penilai' }).optional(),
  })
  .refine((d) => (d.decision === 'WINNER') === (d.category !== null), {
    path: ['category'],
    message: 'Pemenang wajib berkategori (OPD atau daerah); yang tidak dipilih tanpa kategori',
  });
export type DecisionInput = z.input<typeof decisionSchema>;

export const awardSchema = z.object({
  id: z.string(),
  periodId: z.string(),
  periodName: z.string(),
  year: z.number(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  category: z.enum(['OPD', 'REGION']),
  opdName: z.string(),
  score: z.number(),
  regionRank: z.number(),
  opdRank: z.number(),
  letterNumber: z.string().nullable(),
  publishedAt: z.string(),
});
export type TeladanAward = z.output<typeof awardSchema>;
export const awardListSchema = z.object({ items: z.array(awardSchema) });
export type AwardList = z.output<typeof awardListSchema>;
export const awardsQuerySchema = z.object({ employeeId: id.optional() });

/** GET /api/teladan/figures: the figures a criterion may read. */
export const figureListSchema = z.object({
  items: z.array(z.object({ name: z.string(), description: z.string(), available: z.boolean() })),
});
export type FigureList = z.output<typeof figureListSchema>;

export const periodCreatedSchema = z.object({ id: z.string() });
export const periodIdParamSchema = z.object({ id });
/** GET /api/teladan/periods/:id/ranking/export.:format */
export const rankingExportParamsSchema = z.object({ id, format: z.enum(TABLE_EXPORT_FORMATS) });
export const rankingExportQuerySchema = rankingQuerySchema.omit({ page: true, pageSize: true });
export const awardIdParamSchema = z.object({ id });
