import { z } from 'zod';
import { id, localDate, TABLE_EXPORT_FORMATS, text } from './common.ts';
import {
  CHANGE_PROJECT_STATUSES,
  CHANGE_PROJECT_VERDICTS,
  type ChangeProjectStatus,
  type ChangeProjectVerdict,
} from '../../core/performance/change-project.ts';

/**
 * The HTTP contract of change projects (proyek perubahan, issue 19 point 5; docs/competency.md "Change projects"):
 * a leadership training's participant registers the project, BKD assigns assessors, the assessors rate each goal from
 * the evaluation date (training end + the rulebook's months) on, the verdict says whether it delivered.
 *
 *   GET  /api/competency/change-projects/mine                   the caller's projects and leadership trainings
 *   GET  /api/competency/change-projects/assigned               an assessor: the projects assigned to them
 *   GET  /api/competency/change-projects                        competency.read: projects of an OPD and year, verdicts
 *   GET  /api/competency/change-projects/export.{format}        the same as XLSX/CSV
 *   POST /api/competency/change-projects                        the participant (own) or competency.manage
 *   GET  /api/competency/change-projects/{id}                   participant, superior chain, BKD, its assessors
 *   PUT  /api/competency/change-projects/{id}                   participant or competency.manage, until rated
 *   POST /api/competency/change-projects/{id}/register          DRAFT → REGISTERED
 *   PUT  /api/competency/change-projects/{id}/assessors         competency.manage: internal and external assessors
 *   PUT  /api/competency/change-projects/{id}/goals/{goalId}/rating   an assessor, from the evaluation date on
 *   POST /api/competency/change-projects/{id}/close             competency.manage: the verdict from the ratings in
 *   GET  /api/competency/change-projects/{id}/report.pdf        participant, superior chain, BKD
 *   GET  /api/competency/change-projects/evidence/{id}          a rating's evidence file (as the project)
 */

export const CHANGE_PROJECT_STATUS_LABELS: Record<ChangeProjectStatus, string> = {
  DRAFT: 'Draf',
  REGISTERED: 'Terdaftar',
  UNDER_EVALUATION: 'Sedang dievaluasi',
  EVALUATED: 'Sudah dievaluasi',
};
export const CHANGE_PROJECT_VERDICT_LABELS: Record<ChangeProjectVerdict, string> = {
  DELIVERED: 'Tercapai',
  PARTLY: 'Sebagian tercapai',
  NOT_DELIVERED: 'Tidak tercapai',
};

// ------------------------------------------------------------------------------------------ requests

const goalInput = z.object({
  /** The id of an existing goal (kept on edit); none for a new one. */
  id: z.string().max(40).optional(),
  goal: text({ max: 500, min: 3, label: 'Tujuan' }),
  indicator: text({ max: 300, min: 2, label: 'Indikator' }),
  target: text({ max: 200, min: 1, label: 'Target' }),
});
const milestoneInput = z.object({
  title: text({ max: 300, min: 3, label: 'Tonggak capaian' }),
  dueDate: localDate,
});

const projectFields = {
  title: text({ max: 200, min: 5, label: 'Judul proyek perubahan' }),
  problem: text({ max: 4000, min: 10, multiline: true, label: 'Permasalahan' }),
  goals: z
    .array(goalInput)
    .min(1, 'Tujuan proyek perubahan paling sedikit satu')
    .max(10, 'Tujuan paling banyak 10'),
  milestones: z
    .array(milestoneInput)
    .min(1, 'Tonggak capaian paling sedikit satu')
    .max(20, 'Tonggak capaian paling banyak 20'),
  impactInstitution: text({ max: 2000, min: 10, multiline: true, label: 'Manfaat bagi instansi' }),
  impactPublic: text({ max: 2000, min: 10, multiline: true, label: 'Manfaat bagi masyarakat' }),
  /** true: registered at once (DRAFT otherwise). */
  register: z.boolean().default(false),
};

/** POST /change-projects: `employeeId` defaults to the caller; the training record must be their leadership one. */
export const changeProjectCreateSchema = z.object({
  employeeId: id.optional(),
  trainingRecordId: id,
  ...projectFields,
});
export type ChangeProjectCreate = z.input<typeof changeProjectCreateSchema>;

/** PUT /change-projects/{id}: the project's text, goals and milestones (until the first rating). */
export const changeProjectUpdateSchema = z.object(projectFields);
export type ChangeProjectUpdate = z.input<typeof changeProjectUpdateSchema>;

export const assessorInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('INTERNAL'), employeeId: id }),
  z.object({
    kind: z.literal('EXTERNAL'),
    name: text({ max: 200, min: 3, label: 'Nama penilai' }),
    institution: text({ max: 200, min: 2, label: 'Instansi penilai' }),
    /** An account the external assessor rates through (else BKD records their rating). */
    userId: id.optional(),
  }),
]);
export const assessorsPutSchema = z.object({
  assessors: z.array(assessorInputSchema).max(10, 'Penilai paling banyak 10'),
});
export type AssessorsPut = z.input<typeof assessorsPutSchema>;

/** PUT …/rating (multipart): the JSON field `data`; the `evidence` file (PDF or image) is optional. */
export const ratingFieldsSchema = z.object({
  score: z.number({ message: 'Nilai harus angka' }).int('Nilai harus bilangan bulat'),
  note: text({ max: 2000, min: 3, multiline: true, label: 'Catatan bukti' }),
  /** BKD recording the rating of an external assessor without an account; assessors leave it out. */
  assessorId: id.optional(),
});

export const goalParamsSchema = z.object({ id, goalId: z.string().min(1).max(40) });

export const changeProjectListQuerySchema = z.object({
  unitId: id,
  /** The year of the evaluation date. */
  year: z.coerce.number().int().min(2000).max(2100),
  status: z.enum(CHANGE_PROJECT_STATUSES).optional(),
});
export const changeProjectExportParamsSchema = z.object({ format: z.enum(TABLE_EXPORT_FORMATS) });

// ------------------------------------------------------------------------------------------ answers

const scaleSchema = z.object({
  min: z.number().int(),
  max: z.number().int(),
  labels: z.array(z.object({ score: z.number().int(), label: z.string() })),
  deliveredThreshold: z.number(),
  partlyThreshold: z.number(),
  basis: z.string(),
});
export type ChangeProjectScale = z.output<typeof scaleSchema>;

export const changeProjectSummarySchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  program: z.string(),
  title: z.string(),
  status: z.enum(CHANGE_PROJECT_STATUSES),
  evaluationDate: z.string(),
  score: z.number().nullable(),
  verdict: z.enum(CHANGE_PROJECT_VERDICTS).nullable(),
  assessors: z.number().int(),
});
export type ChangeProjectSummary = z.output<typeof changeProjectSummarySchema>;

export const changeProjectSchema = changeProjectSummarySchema.extend({
  trainingRecord: z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string() }),
  programName: z.string(),
  problem: z.string(),
  goals: z.array(
    z.object({
      id: z.string(),
      goal: z.string(),
      indicator: z.string(),
      target: z.string(),
      /** The mean of the scores shown to the caller (all of them once judged). */
      average: z.number().nullable(),
      ratings: z.number().int(),
    }),
  ),
  milestones: z.array(z.object({ title: z.string(), dueDate: z.string() })),
  impactInstitution: z.string(),
  impactPublic: z.string(),
  evaluatedAt: z.string().nullable(),
  assessorList: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['INTERNAL', 'EXTERNAL']),
      employeeId: z.string().nullable(),
      name: z.string(),
      institution: z.string(),
      hasAccount: z.boolean(),
      /** How many goals this assessor rated. */
      rated: z.number().int(),
    }),
  ),
  /** The ratings the caller may see: all for BKD and once judged; an assessor's own before. */
  ratings: z.array(
    z.object({
      id: z.string(),
      assessorId: z.string(),
      assessorName: z.string(),
      goalId: z.string(),
      score: z.number().int(),
      note: z.string(),
      hasEvidence: z.boolean(),
      ratedAt: z.string(),
    }),
  ),
  /** Why the caller may see it. */
  viewer: z.enum(['SELF', 'CHAIN', 'BKD', 'ASSESSOR']),
  canEdit: z.boolean(),
  canManage: z.boolean(),
  /** The caller's assessor row on the project (they may rate from the evaluation date on), or null. */
  myAssessorId: z.string().nullable(),
  /** Why ratings cannot be given yet (before the date, assessors missing, a draft), or null. */
  ratingBlocked: z.string().nullable(),
  scale: scaleSchema,
});
export type ChangeProject = z.output<typeof changeProjectSchema>;

/** GET /mine: the caller's projects and their leadership training records that have none yet. */
export const myChangeProjectsSchema = z.object({
  items: z.array(changeProjectSchema),
  trainings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      endDate: z.string(),
      program: z.string(),
      evaluationDate: z.string(),
    }),
  ),
  scale: scaleSchema.nullable(),
});
export type MyChangeProjects = z.output<typeof myChangeProjectsSchema>;

/** GET /assigned: the projects the caller assesses; `awaiting` = those open for rating that still miss a score. */
export const assignedChangeProjectsSchema = z.object({
  items: z.array(
    changeProjectSummarySchema.extend({
      awaiting: z.boolean(),
      ratedGoals: z.number().int(),
      goals: z.number().int(),
    }),
  ),
  awaiting: z.number().int(),
});
export type AssignedChangeProjects = z.output<typeof assignedChangeProjectsSchema>;

/** GET /change-projects: an OPD's projects evaluated in a year and which delivered. */
export const changeProjectListSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  items: z.array(changeProjectSummarySchema),
  totals: z.object({
    projects: z.number().int(),
    evaluated: z.number().int(),
    delivered: z.number().int(),
    partly: z.number().int(),
    notDelivered: z.number().int(),
  }),
});
export type ChangeProjectList = z.output<typeof changeProjectListSchema>;

export const changeProjectCreatedSchema = z.object({ id: z.string() });
