import { z } from 'zod';
import { id, searchText, TABLE_EXPORT_FORMATS } from './common.ts';

/**
 * The HTTP contract of the talent pool and 9-box (issue 19 point 6; docs/competency.md "Talent pool and 9-box"):
 *
 *   GET /api/competency/talent/nine-box                 competency.read over unitId (BKD); without unitId: the
 *                                                        caller's direct staff (a superior). People logged as viewed
 *   GET /api/competency/talent/nine-box/export.{format} the same as a table (xlsx/csv), logged the same way
 *   GET /api/competency/talent/pool                     competency.read: boxes of the talent pool per position family
 *   GET /api/competency/talent/positions                competency.read: positions in scope, holder, vacant, key
 *   GET /api/competency/talent/candidates               competency.read over the position: ranked by JPM against it
 *   GET /api/competency/talent/candidates/export.{format}  the same as a table, logged the same way
 *   GET /api/competency/talent/succession               competency.read: key positions, holder's retirement, the
 *                                                        pool's ready candidates
 *
 * Every answer that shows someone else's box, JPM or predikat writes one audit entry `competency_assessment.viewed`
 * per person shown.
 */

const family = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z_]{2,40}$/, 'Kode rumpun jabatan seperti JPT, ADMINISTRATOR atau JF_KEAHLIAN');
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export const familySchema = z.object({ code: z.string(), label: z.string() });

/** One person on the 9-box (placed or not, with why). */
export const talentPersonSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  positionName: z.string().nullable(),
  family: familySchema,
  /** The latest approved annual predikat (e-Kinerja), null when none. */
  predikat: z.string().nullable(),
  predikatLabel: z.string().nullable(),
  evaluationLabel: z.string().nullable(),
  /** JPM % of the latest result against the position held on its date (rounded to 2 decimals). */
  potentialScore: z.number().nullable(),
  assessedOn: z.string().nullable(),
  placed: z.boolean(),
  box: z.number().int().nullable(),
  boxLabel: z.string().nullable(),
  performanceLevel: z.string().nullable(),
  potentialLevel: z.string().nullable(),
  isTalentPool: z.boolean(),
  reasons: z.array(z.string()),
});
export type TalentPerson = z.output<typeof talentPersonSchema>;

export const nineBoxQuerySchema = z.object({ unitId: id.optional(), family: family.optional() });
export type NineBoxQuery = z.input<typeof nineBoxQuerySchema>;
export const talentExportParamsSchema = z.object({ format: z.enum(TABLE_EXPORT_FORMATS) });

export const nineBoxSchema = z.object({
  /** `UNIT`: the people now in the unit's subtree (BKD); `STAFF`: the caller's direct subordinates. */
  scope: z.enum(['UNIT', 'STAFF']),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  family: z.string().nullable(),
  basis: z.array(z.string()),
  thresholds: z.object({ middleFrom: z.number(), highFrom: z.number() }),
  talentPoolBoxes: z.array(z.number().int()),
  /** The nine cells, box 1–9, each with its count. */
  boxes: z.array(
    z.object({
      box: z.number().int(),
      label: z.string(),
      performanceLevel: z.string(),
      potentialLevel: z.string(),
      isTalentPool: z.boolean(),
      count: z.number().int(),
    }),
  ),
  notPlaced: z.number().int(),
  people: z.array(talentPersonSchema),
});
export type NineBox = z.output<typeof nineBoxSchema>;

export const poolQuerySchema = z.object({ unitId: id.optional(), family: family.optional() });
export type PoolQuery = z.input<typeof poolQuerySchema>;
export const poolSchema = z.object({
  talentPoolBoxes: z.array(z.number().int()),
  families: z.array(familySchema.extend({ members: z.array(talentPersonSchema) })),
});
export type TalentPool = z.output<typeof poolSchema>;

export const positionsQuerySchema = z.object({
  unitId: id.optional(),
  vacant: flag,
  key: flag,
  q: searchText.optional(),
});
export type TalentPositionsQuery = z.input<typeof positionsQuerySchema>;
export const talentPositionSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  unitName: z.string(),
  family: familySchema,
  isKey: z.boolean(),
  vacant: z.boolean(),
  holder: z.object({ employeeId: z.string(), name: z.string() }).nullable(),
});
export type TalentPosition = z.output<typeof talentPositionSchema>;
export const talentPositionsSchema = z.object({ items: z.array(talentPositionSchema) });
export type TalentPositions = z.output<typeof talentPositionsSchema>;

export const candidatesQuerySchema = z.object({
  positionId: id,
  family: family.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CandidatesQuery = z.input<typeof candidatesQuerySchema>;

export const disciplineStatusSchema = z.object({
  /** True when a sanction blocks promotion, or the employee is under examination or upaya administratif. */
  flagged: z.boolean(),
  blocksPromotion: z.boolean(),
  underExamination: z.boolean(),
  underAppeal: z.boolean(),
  reasons: z.array(z.string()),
});

export const candidateSchema = z.object({
  rank: z.number().int(),
  employeeId: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  positionName: z.string().nullable(),
  assessedOn: z.string(),
  /** JPM against the position (selection bands) and its totals. */
  jpm: z.object({
    percent: z.number(),
    code: z.string(),
    label: z.string(),
    requiredTotal: z.number(),
    assessedTotal: z.number(),
  }),
  readiness: z.enum(['READY_NOW', 'READY_SOON', 'NOT_READY']),
  readinessLabel: z.string(),
  box: z.number().int().nullable(),
  boxLabel: z.string().nullable(),
  isTalentPool: z.boolean(),
  boxReasons: z.array(z.string()),
  discipline: disciplineStatusSchema,
  development: z.object({
    year: z.number().int(),
    jp: z.number().int(),
    target: z.number().int(),
    met: z.boolean(),
    records: z.array(z.object({ title: z.string(), endDate: z.string(), jp: z.number().int() })),
  }),
  gaps: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      required: z.number().int(),
      assessed: z.number().int().nullable(),
      gap: z.number().int(),
    }),
  ),
});
export type Candidate = z.output<typeof candidateSchema>;

export const candidateListSchema = z.object({
  position: talentPositionSchema.omit({ holder: true, vacant: true }),
  vacant: z.boolean(),
  holder: z.object({ employeeId: z.string(), name: z.string() }).nullable(),
  requiredTotal: z.number().int(),
  basis: z.string(),
  tieBreak: z.string(),
  /** Employees in the caller's scope with a result (the holder excluded), before `family` and `limit`. */
  considered: z.number().int(),
  items: z.array(candidateSchema),
});
export type CandidateList = z.output<typeof candidateListSchema>;

export const successionQuerySchema = z.object({
  unitId: id.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SuccessionQuery = z.input<typeof successionQuerySchema>;
export const successionSchema = z.object({
  basis: z.string(),
  items: z.array(
    z.object({
      position: talentPositionSchema.omit({ holder: true }),
      holder: z
        .object({
          employeeId: z.string(),
          name: z.string(),
          age: z.number().int().nullable(),
          retirementAge: z.number().int().nullable(),
          retiresOn: z.string().nullable(),
          monthsLeft: z.number().int().nullable(),
        })
        .nullable(),
      candidates: z.array(
        candidateSchema.pick({
          rank: true,
          employeeId: true,
          name: true,
          unitName: true,
          jpm: true,
          readiness: true,
          readinessLabel: true,
          box: true,
          discipline: true,
        }),
      ),
    }),
  ),
});
export type Succession = z.output<typeof successionSchema>;
