import { z } from 'zod';
import {
  OBJECTION_LINE_KINDS,
  OBJECTION_LINE_KIND_LABELS,
  objectionLineLabel,
  type ObjectionLine,
  type ObjectionLineKind,
} from '../../core/tpp/objection-lines.ts';
import { id, localDate, pageQuerySchema, paged, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of the objections to a published TPP line (issue 17 point 4 and its "Bad input"): the employee
 * objects to one line of her own published line with a reason and optional evidence while the objection window is
 * open; her direct superior (or their Plt/Plh) or BKD upholds or rejects it with a note; an upheld objection whose
 * inputs changed re-runs that employee's line.
 *
 * Routes (all under /api/tpp):
 * - POST /runs/:id/lines/:employeeId/objections  multipart {@link objectionFileFieldsSchema} + optional `file`
 *   (PDF/JPEG/PNG/WebP judged from its bytes, at most ATTACHMENT_MAX_BYTES) → 201 {@link objectionSchema}
 *   (the employee herself, run published, today ≤ objection_until in the unit's zone)
 * - GET  /runs/:id/objections                    → {@link objectionListSchema} (readers of the run, its head)
 * - GET  /objections/mine?month=                 → {@link objectionListSchema} (the caller's own)
 * - GET  /objections/inbox?page&pageSize         → {@link objectionListSchema} (pending ones the caller decides)
 * - GET  /objections/inbox/count                 → {@link objectionCountSchema}
 * - GET  /objections/:id                         → {@link objectionSchema} (the employee, deciders, readers)
 * - GET  /objections/:id/evidence                → the evidence file (same)
 * - POST /objections/:id/decision {@link objectionDecisionBodySchema} → {@link objectionSchema} (the superior, BKD)
 * Refusals: 400 (bad input, a line not in the breakdown), 403 (may see but not do), 404 (may not see), 409 (the
 * window closed, the run not published or past it, a pending objection to the same line, already decided).
 */

export { OBJECTION_LINE_KINDS, OBJECTION_LINE_KIND_LABELS, objectionLineLabel };
export type { ObjectionLine, ObjectionLineKind };

export const OBJECTION_STATUSES = ['DIAJUKAN', 'DITERIMA', 'DITOLAK'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Readonly<Record<ObjectionStatus, string>> = {
  DIAJUKAN: 'Diajukan',
  DITERIMA: 'Diterima',
  DITOLAK: 'Ditolak',
};

const code = text({ max: 20, min: 1, label: 'Kode' });

/** The line objected to. */
export const objectionLineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('DEDUCTION'), date: localDate, code }),
  z.object({ kind: z.literal('SANCTION'), sanctionType: code }),
  z.object({ kind: z.literal('KINERJA') }),
  z.object({ kind: z.literal('EXCLUSION') }),
  z.object({ kind: z.literal('OTHER') }),
]);

/**
 * The multipart fields of a new objection: the line (`kind`, and `date` + `code` of a deduction or
 * `sanctionType` of a sanction cut) and the reason (required).
 */
export const objectionFileFieldsSchema = z
  .object({
    kind: z.enum(OBJECTION_LINE_KINDS, { message: 'Pilih baris yang diajukan keberatan' }),
    date: z.string().optional(),
    code: z.string().optional(),
    sanctionType: z.string().optional(),
    reason: text({ max: 2000, min: 1, multiline: true, label: 'Alasan keberatan' }),
  })
  .transform((f, c) => {
    const line = objectionLineSchema.safeParse(
      f.kind === 'DEDUCTION'
        ? { kind: f.kind, date: f.date, code: f.code }
        : f.kind === 'SANCTION'
          ? { kind: f.kind, sanctionType: f.sanctionType }
          : { kind: f.kind },
    );
    if (!line.success) {
      for (const i of line.error.issues)
        c.addIssue({
          code: 'custom',
          path: i.path,
          message:
            f.kind === 'DEDUCTION'
              ? 'Potongan harian: isi tanggal (YYYY-MM-DD) dan kode hari'
              : 'Potongan hukuman disiplin: isi jenis hukuman',
        });
      return z.NEVER;
    }
    return { line: line.data as ObjectionLine, reason: f.reason };
  });
export type ObjectionFileInput = z.output<typeof objectionFileFieldsSchema>;

export const objectionDecisionBodySchema = z.object({
  decision: z.enum(['DITERIMA', 'DITOLAK'], { message: 'Pilih diterima atau ditolak' }),
  note: text({ max: 2000, min: 1, multiline: true, label: 'Catatan keputusan' }),
});
export type ObjectionDecisionBody = z.input<typeof objectionDecisionBodySchema>;

export const objectionLineParamsSchema = z.object({ id, employeeId: id });
export const myObjectionsQuerySchema = z.object({ month: yearMonth.optional() });
export const objectionInboxQuerySchema = pageQuerySchema;
export type ObjectionInboxQuery = z.output<typeof objectionInboxQuerySchema>;

const rupiah = z.number().int();

/** One objection as every list shows it. */
export const objectionSchema = z.object({
  id: z.string(),
  runId: z.string(),
  month: z.string(),
  unitName: z.string(),
  runStatus: z.string(),
  objectionUntil: localDate.nullable(),
  employee: z.object({ id: z.string(), nip: z.string().nullable(), name: z.string() }),
  line: objectionLineSchema,
  lineLabel: z.string(),
  reason: z.string(),
  evidence: z.object({ fileName: z.string().nullable(), mime: z.string(), url: z.string() }).nullable(),
  status: z.enum(OBJECTION_STATUSES),
  statusLabel: z.string(),
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** After an upheld objection: whether the line was computed again and its net before and after. */
  rerun: z
    .object({ changed: z.boolean(), netBefore: rupiah, netAfter: rupiah, version: z.number().int() })
    .nullable(),
  /** Whether the caller may decide it now. */
  canDecide: z.boolean(),
});
export type Objection = z.output<typeof objectionSchema>;

export const objectionListSchema = paged(objectionSchema);
export type ObjectionList = z.output<typeof objectionListSchema>;

export const objectionCountSchema = z.object({ count: z.number().int() });
