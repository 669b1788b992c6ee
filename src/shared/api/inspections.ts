import { z } from 'zod';
import { TODAY_STATUSES } from '../../core/attendance/today-status.ts';
import { DISCREPANCY_KINDS } from '../../core/oversight/inspections.ts';
import { dateRange, id, localDate, pageQuerySchema, paged, searchText, text } from './common.ts';

/**
 * The HTTP contract of inspections (sidak, issue 18 point 1; docs/inspections.md): planning, the roster with each
 * employee's status from Abdi, presence marks and findings sent (also from an offline queue) with client ids,
 * the discrepancies, follow-ups tracked to closure, a discipline case from a finding, the report as PDF.
 */

export const INSPECTION_KINDS = ['ANNOUNCED', 'UNANNOUNCED'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  ANNOUNCED: 'Diumumkan',
  UNANNOUNCED: 'Tanpa pemberitahuan',
};
export const INSPECTION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  PLANNED: 'Direncanakan',
  IN_PROGRESS: 'Berlangsung',
  DONE: 'Selesai',
  CANCELLED: 'Dibatalkan',
};
export const CHECKLIST_CATEGORIES = ['ATTENDANCE', 'SERVICE', 'UNIFORM', 'PROGRAMME', 'OTHER'] as const;
export type ChecklistCategory = (typeof CHECKLIST_CATEGORIES)[number];
export const CHECKLIST_CATEGORY_LABELS: Record<ChecklistCategory, string> = {
  ATTENDANCE: 'Kehadiran',
  SERVICE: 'Standar pelayanan',
  UNIFORM: 'Pakaian dinas',
  PROGRAMME: 'Kegiatan program unit',
  OTHER: 'Lainnya',
};
export const FOLLOW_UP_STATUSES = ['NONE', 'OPEN', 'REPORTED', 'CLOSED'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  NONE: 'Tanpa tindak lanjut',
  OPEN: 'Menunggu tindak lanjut',
  REPORTED: 'Tindak lanjut dilaporkan',
  CLOSED: 'Selesai',
};
/** Photos of one finding at most. */
export const MAX_FINDING_PHOTOS = 5;

/** GET /api/inspections: the schedule / history in the caller's scope (a unit's history with `unitId`). */
export const inspectionListQuerySchema = pageQuerySchema
  .extend({
    unitId: id.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    status: z.enum(INSPECTION_STATUSES).optional(),
    q: searchText.optional(),
  })
  .superRefine(dateRange('from', 'to', 3700, { toOptional: true }));
export type InspectionListQuery = z.input<typeof inspectionListQuerySchema>;
/** GET /api/inspections/export.:format: the schedule with the same filters, every page (at most 5,000 rows). */
export const inspectionExportQuerySchema = z
  .object({
    unitId: id.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    status: z.enum(INSPECTION_STATUSES).optional(),
    q: searchText.optional(),
  })
  .superRefine(dateRange('from', 'to', 3700, { toOptional: true }));
export type InspectionExportQuery = z.input<typeof inspectionExportQuerySchema>;

/** POST /api/inspections: plan an inspection (BKD / Inspektorat). */
export const inspectionPlanSchema = z.object({
  title: text({ max: 200, min: 3, label: 'Judul' }),
  kind: z.enum(INSPECTION_KINDS, { message: 'Jenis sidak harus ANNOUNCED atau UNANNOUNCED' }),
  date: localDate,
  unitIds: z
    .array(id)
    .min(1, 'Pilih paling sedikit satu unit')
    .max(50, 'Paling banyak 50 unit')
    .refine((xs) => new Set(xs).size === xs.length, 'Unit tidak boleh berulang'),
  /** Accounts (users) of the team; the planner is always on it. */
  teamUserIds: z.array(id).max(20, 'Paling banyak 20 anggota tim').default([]),
  /** The public complaint this inspection answers (optional; owned by the complaints module). */
  complaintId: id.nullish(),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).nullish(),
});
export type InspectionPlanBody = z.input<typeof inspectionPlanSchema>;
export type InspectionPlanInput = z.output<typeof inspectionPlanSchema>;

export const inspectionItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  date: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  team: z.array(z.object({ userId: z.string(), name: z.string() })),
  complaintId: z.string().nullable(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  findings: z.number().int(),
  openFollowUps: z.number().int(),
  /** The caller may work it (a team member). */
  canRecord: z.boolean(),
});
export type InspectionItem = z.output<typeof inspectionItemSchema>;
export const inspectionListSchema = paged(inspectionItemSchema);
export type InspectionList = z.output<typeof inspectionListSchema>;
export const inspectionCreatedSchema = z.object({ id: z.string() });

/** One employee of the roster: their status in Abdi when the roster was taken, the team's mark, the discrepancy. */
export const rosterRowSchema = z.object({
  employeeId: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  status: z.enum(TODAY_STATUSES),
  statusLabel: z.string(),
  code: z.string().nullable(),
  checkInAt: z.string().nullable(),
  reason: z.string().nullable(),
  found: z.boolean().nullable(),
  markNote: z.string().nullable(),
  markedAt: z.string().nullable(),
  /** How many marks are stored for the employee (each sent once; a correction is a new mark). */
  markCount: z.number().int(),
  discrepancy: z.enum(DISCREPANCY_KINDS).nullable(),
  discrepancyLabel: z.string().nullable(),
});
export type RosterRow = z.output<typeof rosterRowSchema>;

export const findingSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  inspectionDate: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  checklistItemId: z.string().nullable(),
  checklistLabel: z.string().nullable(),
  category: z.enum(CHECKLIST_CATEGORIES),
  employeeId: z.string().nullable(),
  employeeName: z.string().nullable(),
  note: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  photos: z.array(z.object({ id: z.string() })),
  followUp: z.object({
    status: z.enum(FOLLOW_UP_STATUSES),
    assigneeUserId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    dueDate: z.string().nullable(),
    actionTaken: z.string().nullable(),
    actionAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    closeNote: z.string().nullable(),
    overdue: z.boolean(),
  }),
  disciplineCaseId: z.string().nullable(),
  /** What the caller may do with it. */
  can: z.object({ assign: z.boolean(), report: z.boolean(), close: z.boolean(), openCase: z.boolean() }),
});
export type Finding = z.output<typeof findingSchema>;

export const inspectionDetailSchema = inspectionItemSchema.extend({
  startedAt: z.string().nullable(),
  rosterAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  summary: z.string().nullable(),
  roster: z.array(rosterRowSchema),
  discrepancies: z.object({
    CHECKED_IN_NOT_FOUND: z.number().int(),
    ABSENT_NO_RECORD: z.number().int(),
    AWAY_BUT_FOUND: z.number().int(),
    FOUND_WITHOUT_CHECK_IN: z.number().int(),
    marked: z.number().int(),
    total: z.number().int(),
  }),
  findings: z.array(findingSchema),
});
export type InspectionDetail = z.output<typeof inspectionDetailSchema>;

/** POST /api/inspections/:id/marks: who the team found at their post (`id` generated on the phone). */
export const markSchema = z.object({
  id,
  employeeId: id,
  found: z.boolean({ message: 'Tandai ditemukan atau tidak' }),
  note: text({ max: 500, label: 'Catatan' }).nullish(),
  /** When the inspector marked it on the phone (ISO); the server's time when absent or in the future. */
  markedAt: z.string().datetime({ offset: true, message: 'Waktu penandaan tidak valid' }).optional(),
});
export type MarkBody = z.input<typeof markSchema>;
export const storedSchema = z.object({ id: z.string(), duplicate: z.boolean() });
export type Stored = z.output<typeof storedSchema>;

/** POST /api/inspections/:id/findings: a finding against the checklist (`id` generated on the phone). */
export const findingCreateSchema = z.object({
  id,
  unitId: id,
  checklistItemId: id.nullish(),
  category: z.enum(CHECKLIST_CATEGORIES).optional(),
  employeeId: id.nullish(),
  note: text({ min: 3, max: 2000, multiline: true, label: 'Uraian temuan' }),
  recordedAt: z.string().datetime({ offset: true, message: 'Waktu pencatatan tidak valid' }).optional(),
});
export type FindingCreateBody = z.input<typeof findingCreateSchema>;

export const findingParamsSchema = z.object({ id, findingId: id });
export const photoParamsSchema = z.object({ id, findingId: id, photoId: id });

/** POST /api/inspections/:id/findings/:findingId/follow-up: who must act and by when. */
export const followUpAssignSchema = z.object({
  assigneeUserId: id,
  dueDate: localDate,
});
export type FollowUpAssignBody = z.input<typeof followUpAssignSchema>;
/** POST …/follow-up/report: what was done (by the assignee). */
export const followUpReportSchema = z.object({
  actionTaken: text({ min: 5, max: 2000, multiline: true, label: 'Tindak lanjut' }),
});
export type FollowUpReportBody = z.input<typeof followUpReportSchema>;
/** POST …/follow-up/close: the team accepts it (closed) or sends it back (reopened) with a note. */
export const followUpCloseSchema = z.object({
  accept: z.boolean(),
  note: text({ min: 3, max: 1000, multiline: true, label: 'Catatan' }),
});
export type FollowUpCloseBody = z.input<typeof followUpCloseSchema>;

/** POST …/discipline-case: open a discipline case (source INSPEKSI) from a finding about an employee. */
export const findingCaseSchema = z.object({
  violationCode: z.string().regex(/^[A-Z0-9_]+$/, 'Kode pelanggaran tidak valid'),
  expectedLevel: z.enum(['ringan', 'sedang', 'berat'], {
    message: 'Tingkat harus ringan, sedang atau berat',
  }),
});
export type FindingCaseBody = z.input<typeof findingCaseSchema>;
export const findingCaseOpenedSchema = z.object({ caseId: z.string() });

/** POST /api/inspections/:id/finish. */
export const finishSchema = z.object({
  summary: text({ min: 3, max: 4000, multiline: true, label: 'Ringkasan hasil' }),
});
export type FinishBody = z.input<typeof finishSchema>;

/** GET /api/inspections/follow-ups: the caller's inbox (assigned to them) or the follow-ups in scope. */
export const followUpListQuerySchema = pageQuerySchema.extend({
  mine: z.enum(['1', '0']).default('1'),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  overdue: z.enum(['1', '0']).optional(),
  unitId: id.optional(),
});
export type FollowUpListQuery = z.input<typeof followUpListQuerySchema>;
export const followUpListSchema = paged(findingSchema);
export type FollowUpList = z.output<typeof followUpListSchema>;
export const followUpCountSchema = z.object({ count: z.number().int(), overdue: z.number().int() });
export type FollowUpCount = z.output<typeof followUpCountSchema>;

/** The checklist BKD maintains. */
export const checklistItemSchema = z.object({
  id: z.string(),
  category: z.enum(CHECKLIST_CATEGORIES),
  label: z.string(),
  active: z.boolean(),
});
export type ChecklistItem = z.output<typeof checklistItemSchema>;
export const checklistSchema = z.object({ items: z.array(checklistItemSchema) });
export type Checklist = z.output<typeof checklistSchema>;
export const checklistCreateSchema = z.object({
  category: z.enum(CHECKLIST_CATEGORIES),
  label: text({ min: 3, max: 300, label: 'Butir periksa' }),
});
export type ChecklistCreateBody = z.input<typeof checklistCreateSchema>;
export const checklistUpdateSchema = z.object({ active: z.boolean() });

/** GET /api/inspections/assignable?unitId=: accounts who may be told to act on a finding of the unit. */
export const assignableQuerySchema = z.object({ unitId: id });
export const assignableSchema = z.object({
  items: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
});
export type Assignable = z.output<typeof assignableSchema>;
/** GET /api/inspections/inspectors: accounts who may sit on an inspection team (hold inspections.write). */
export const inspectorsSchema = assignableSchema;

/** Labels of the statuses from Abdi in the roster (Bahasa Indonesia; the page has its own in text files). */
export const ROSTER_STATUS_LABELS: Record<(typeof TODAY_STATUSES)[number], string> = {
  PRESENT: 'Hadir',
  LATE: 'Terlambat',
  LEAVE: 'Cuti',
  PERMIT: 'Izin/sakit',
  DINAS_LUAR: 'Dinas luar',
  WFH_WFA: 'WFH/WFA',
  NOT_YET_IN: 'Belum presensi',
  ABSENT: 'Tidak hadir tanpa keterangan',
  NO_DATA: 'Tidak ada data',
  OFF: 'Libur',
};
