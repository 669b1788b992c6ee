import { z } from 'zod';
import { REQUESTABLE_LEAVE_CODES } from '../../core/leave/leave-rules.ts';
import { LEAVE_STATUSES } from '../../core/leave/leave-workflow.ts';
import { dateRange, id, localDate, paged, pageQuerySchema, searchText, text, year } from './common.ts';

/**
 * The HTTP contract of leave (cuti): options per employee type, a preview of the days counted and the rule
 * problems, requests with their approval chain, the inbox of deciders, balances and opening balances.
 * Source: PP 11/2017 jo. PP 17/2020; PP 49/2018 Pasal 77; regulations.md §4.1, §4.2.
 */

export { LEAVE_STATUSES };
export type { LeaveStatus } from '../../core/leave/leave-workflow.ts';
export const LEAVE_TYPE_CODES = REQUESTABLE_LEAVE_CODES;
export type LeaveTypeCode = (typeof LEAVE_TYPE_CODES)[number];

/** Names of the leave types (PP 11/2017 Pasal 310). */
export const LEAVE_TYPE_NAMES: Record<LeaveTypeCode, string> = {
  CT: 'Cuti tahunan',
  CB: 'Cuti besar',
  CS: 'Cuti sakit',
  CM: 'Cuti melahirkan',
  CAP: 'Cuti karena alasan penting',
  CLTN: 'Cuti di luar tanggungan negara',
};

/** Accepted attachment files and their limit. */
export const LEAVE_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const LEAVE_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The longest leave one request may span: CLTN, at most 3 years extendable by 1 (PP 11/2017 Pasal 363); each
 * type's own maximum is the rulebook's, checked by the core.
 */
export const LEAVE_MAX_SPAN_DAYS = 4 * 366;
const code = (max: number, label: string) =>
  text({ max, label }).regex(/^[A-Za-z0-9_]*$/, `${label} hanya huruf, angka dan garis bawah`);

export const leaveInputSchema = z
  .object({
    type: z.enum(LEAVE_TYPE_CODES),
    variant: code(40, 'Varian').optional(),
    from: localDate,
    to: localDate,
    reason: text({ min: 3, max: 1000, label: 'Alasan cuti', multiline: true }),
    address: text({ max: 500, label: 'Alamat selama cuti', multiline: true }).optional(),
    /** Document code of the attached file (e.g. SURAT_DOKTER, SURAT_DOKTER_PEMERINTAH). */
    attachmentKind: code(60, 'Jenis lampiran').optional(),
    /** The employee invokes a service exception of the rulebook (e.g. first hajj for cuti besar). */
    serviceExceptionClaimed: z.boolean().optional(),
  })
  .superRefine(dateRange('from', 'to', LEAVE_MAX_SPAN_DAYS));
export type LeaveInput = z.infer<typeof leaveInputSchema>;

export const leavePreviewQuerySchema = z
  .object({
    type: z.enum(LEAVE_TYPE_CODES),
    from: localDate,
    to: localDate,
    variant: code(40, 'Varian').optional(),
    attachmentKind: code(60, 'Jenis lampiran').optional(),
  })
  .superRefine(dateRange('from', 'to', LEAVE_MAX_SPAN_DAYS));

export const leaveProblemSchema = z.object({ code: z.string(), message: z.string() });
export type LeaveProblem = z.infer<typeof leaveProblemSchema>;

export const leaveBalanceSchema = z.object({
  employeeId: z.string().uuid(),
  year: z.number().int(),
  isEligible: z.boolean(),
  eligibleFrom: z.string().nullable(),
  entitlement: z.number(),
  carriedOver: z.number(),
  carriedFromPreviousYear: z.number(),
  carriedFromTwoYearsBefore: z.number(),
  available: z.number(),
  /** Approved annual leave of the year (incl. days taken in an old system). */
  taken: z.number(),
  /** Annual leave of the year still waiting for a decision. */
  pending: z.number(),
  remaining: z.number(),
  explanation: z.array(z.string()),
  opening: z
    .object({
      year: z.number().int(),
      carriedFromPreviousYear: z.number(),
      carriedFromTwoYearsBefore: z.number(),
      takenBefore: z.number(),
      note: z.string().nullable(),
    })
    .nullable(),
});
export type LeaveBalance = z.infer<typeof leaveBalanceSchema>;

export const leavePreviewSchema = z.object({
  calendarDays: z.number().int(),
  workingDays: z.number().int(),
  cutiBersamaDays: z.number().int(),
  holidayDays: z.number().int(),
  weekendDays: z.number().int(),
  problems: z.array(leaveProblemSchema),
  requiredAttachments: z.array(z.object({ label: z.string(), documents: z.array(z.string()) })),
  balance: leaveBalanceSchema.nullable(),
});
export type LeavePreview = z.infer<typeof leavePreviewSchema>;

export const leaveOptionsSchema = z.object({
  employeeType: z.string(),
  types: z.array(
    z.object({
      code: z.enum(LEAVE_TYPE_CODES),
      name: z.string(),
      max: z.string(),
      attachments: z.array(
        z.object({ whenLongerThanDays: z.number(), documents: z.array(z.string()), label: z.string() }),
      ),
      variants: z.array(z.object({ key: z.string(), name: z.string() })),
      serviceExceptions: z.array(z.string()),
    }),
  ),
  documentKinds: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type LeaveOptions = z.infer<typeof leaveOptionsSchema>;

export const leaveDecisionSchema = z.object({
  step: z.enum(['ATASAN', 'PYBMC', 'PEGAWAI']),
  decision: z.enum(['APPROVE', 'REJECT', 'CANCEL']),
  note: z.string().nullable(),
  deciderName: z.string(),
  deciderNip: z.string().nullable(),
  deciderPosition: z.string().nullable(),
  decidedAt: z.string(),
});

export const leaveRequestSchema = z.object({
  id: z.string().uuid(),
  employeeId: z.string().uuid(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  type: z.enum(LEAVE_TYPE_CODES),
  typeName: z.string(),
  variant: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  workingDays: z.number().int(),
  calendarDays: z.number().int(),
  reason: z.string(),
  address: z.string().nullable(),
  status: z.enum(LEAVE_STATUSES),
  /** Whose decision the request waits for (null once decided or cancelled). */
  waitingFor: z.enum(['ATASAN', 'PYBMC']).nullable(),
  hasSuperiorStep: z.boolean(),
  approverKind: z.enum(['OPD_HEAD', 'BKD']),
  attachment: z
    .object({ kind: z.string().nullable(), name: z.string().nullable(), mime: z.string(), size: z.number() })
    .nullable(),
  letterNumber: z.string().nullable(),
  createdAt: z.string(),
  decisions: z.array(leaveDecisionSchema),
  /** The latest decider's note (reason of a rejection or cancellation), shown to the employee. */
  lastNote: z.string().nullable(),
  /** Whether the caller may cancel it now (own request before it starts, or as PyBMC). */
  canCancel: z.boolean(),
});
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;

/** GET /api/leave/mine, /api/leave/inbox and /api/leave/granted: at most 200 requests, and how many there are. */
export const leaveListSchema = z.object({ items: z.array(leaveRequestSchema), total: z.number().int() });
export type LeaveList = z.output<typeof leaveListSchema>;

/** GET /api/leave/inbox/count: how many requests wait for the caller's decision. */
export const leaveInboxCountSchema = z.object({ count: z.number().int() });
export type LeaveInboxCount = z.output<typeof leaveInboxCountSchema>;

export const leaveDecideSchema = z.object({
  decision: z.enum(['APPROVE', 'REJECT']),
  note: text({ max: 1000, label: 'Catatan', multiline: true }).default(''),
});

export const leaveCancelSchema = z.object({
  reason: text({ max: 1000, label: 'Alasan', multiline: true }).default(''),
});

export const leaveListQuerySchema = pageQuerySchema.extend({
  q: searchText.optional(),
  unitId: id.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  status: z.enum(LEAVE_STATUSES).optional(),
  type: z.enum(LEAVE_TYPE_CODES).optional(),
});
export type LeaveListQuery = z.infer<typeof leaveListQuerySchema>;

/** GET /api/leave/requests: one page of the list in scope. */
export const leavePageSchema = paged(leaveRequestSchema);
export type LeavePage = z.output<typeof leavePageSchema>;

export const leaveBalanceQuerySchema = z.object({
  employeeId: id.optional(),
  year: year.pipe(z.number().min(2000)).optional(),
});

export const leaveOpeningInputSchema = z.object({
  employeeId: id,
  year: z.number().int().min(2000).max(2100),
  carriedFromPreviousYear: z.number().int().min(0).max(24),
  carriedFromTwoYearsBefore: z.number().int().min(0).max(24),
  takenBefore: z.number().int().min(0).max(366),
  note: text({ max: 500, label: 'Catatan', multiline: true }).optional(),
});
export type LeaveOpeningInput = z.infer<typeof leaveOpeningInputSchema>;
