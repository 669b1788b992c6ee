import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { multipartError } from '../../lib/multipart-upload.ts';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { Upload } from '../../files/attachment-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { parseInput } from '../../plugins/validation.ts';
import {
  SKP_NOTIFICATION_KINDS,
  evidenceFieldsSchema,
  feedbackInputSchema,
  type Evidence,
  type Feedback,
  type FeedbackInput,
} from '../../../shared/api/kinerja-skp.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { fullName, type SkpRepo, type SkpRow } from './skp-repo.ts';

const EVIDENCE_FIELDS = ['skpId', 'rhkId', 'periodStart', 'periodEnd', 'description', 'link'] as const;

interface SectionParts {
  repo: SkpRepo;
  mayRead: (actor: Actor, row: SkpRow, exec?: Exec) => Promise<boolean>;
  load: (actor: Actor, id: string, exec?: Exec) => Promise<SkpRow>;
  refDate: (
    row: { employeeId: string; periodStart: LocalDate; periodEnd: LocalDate },
    exec?: Exec,
  ) => Promise<LocalDate>;
}

/**
 * Continuous feedback (umpan balik berkelanjutan) by the pejabat penilai on an RHK or a daily report, and the
 * employee's evidence (eviden) of an RHK's realisation with a file through the attachment service (owner kind
 * `rhk_evidence`). Both are shown again in the evaluation. Source: PermenPANRB 6/2022 (dialog kinerja, umpan balik
 * berkelanjutan); BKN e-Kinerja (eviden); regulations.md §6.1, §6.4; issue 15 point 4.
 */
export function createSkpFeedback(ctx: KinerjaContext, parts: SectionParts) {
  const { db, clock, audit, notifications, files } = ctx;
  const { repo, load, refDate } = parts;

  // The files of evidence are seen by whoever may read the employee's kinerja for the evidence's period.
  files.registerOwner(
    'rhk_evidence',
    async (actor, id) => {
      const ev = await db
        .selectFrom('rhkEvidence as v')
        .innerJoin('skp as s', 's.id', 'v.skpId')
        .select(['s.id as skpId'])
        .where('v.id', '=', id)
        .executeTakeFirst();
      if (!ev) throw notFound('Eviden');
      const row = await repo.byId(ev.skpId);
      return !!row && (await parts.mayRead(actor, row));
    },
    'Eviden',
  );

  // ---------------------------------------------------------------- feedback

  async function addFeedback(actor: Actor, raw: FeedbackInput): Promise<Feedback> {
    const input = feedbackInputSchema.parse(raw);
    const row = await repo.byId(input.skpId);
    if (!row) throw notFound('SKP');
    const { as } = await ctx.requirePenilai(actor, row.employeeId, await refDate(row));
    if (input.rhkId) {
      const r = await db
        .selectFrom('skpRhk')
        .select('skpId')
        .where('id', '=', input.rhkId)
        .executeTakeFirst();
      if (!r || r.skpId !== row.id) throw fieldError('rhkId', 'RHK tidak termasuk SKP ini');
    }
    if (input.reportId) {
      const r = await db
        .selectFrom('dailyReports')
        .select(['employeeId', 'skpId'])
        .where('id', '=', input.reportId)
        .executeTakeFirst();
      if (!r || r.employeeId !== row.employeeId || r.skpId !== row.id)
        throw fieldError('reportId', 'Laporan harian tidak termasuk SKP ini');
    }
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('kinerjaFeedback')
        .values({
          employeeId: row.employeeId,
          skpId: row.id,
          rhkId: input.rhkId ?? null,
          reportId: input.reportId ?? null,
          authorId: actor.employeeId!,
          authorAs: as,
          text: input.text,
          createdAt: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'kinerja_feedback.created',
        entityType: 'kinerja_feedback',
        entityId: id,
        unitId: row.unitId,
        after: { skpId: row.id, rhkId: input.rhkId ?? null, reportId: input.reportId ?? null, authorAs: as },
      });
      await notifications.notify(trx, {
        employeeIds: [row.employeeId],
        kind: SKP_NOTIFICATION_KINDS.feedback,
        title: 'Umpan balik kinerja dari atasan',
        body: input.text.length > 160 ? `${input.text.slice(0, 157)}…` : input.text,
        link: '/kinerja/skp',
        entity: { type: 'skp', id: row.id },
        subjectEmployeeId: row.employeeId,
        once: false,
      });
      return id;
    });
    return (await listFeedback(actor, { skpId: row.id })).items.find((f) => f.id === id)!;
  }

  async function listFeedback(
    actor: Actor,
    q: { skpId: string; rhkId?: string },
  ): Promise<{ items: Feedback[] }> {
    await load(actor, q.skpId);
    let query = db
      .selectFrom('kinerjaFeedback as f')
      .innerJoin('employees as a', 'a.id', 'f.authorId')
      .leftJoin('skpRhk as r', 'r.id', 'f.rhkId')
      .select([
        'f.id',
        'f.employeeId',
        'f.skpId',
        'f.rhkId',
        'r.text as rhkText',
        'f.reportId',
        'f.authorId',
        'a.name',
        'a.frontTitle',
        'a.backTitle',
        'f.authorAs',
        'f.text',
        'f.createdAt',
      ])
      .where('f.skpId', '=', q.skpId);
    if (q.rhkId) query = query.where('f.rhkId', '=', q.rhkId);
    const rows = await query.orderBy('f.createdAt', 'desc').execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        employeeId: r.employeeId,
        skpId: r.skpId,
        rhkId: r.rhkId,
        rhkText: r.rhkText,
        reportId: r.reportId,
        authorId: r.authorId,
        authorName: fullName(r),
        authorAs: (r.authorAs as 'PLT' | 'PLH' | null) ?? null,
        text: r.text,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  // ---------------------------------------------------------------- evidence

  /**
   * The fields and the file of POST /api/kinerja/evidence (413 over ATTACHMENT_MAX_BYTES while reading). Read here
   * rather than through `files.read` because the form has six text fields (the plugin's default allows five).
   */
  async function readEvidenceUpload(
    request: FastifyRequest,
  ): Promise<{ fields: Record<string, string>; file: Upload | null }> {
    if (!request.isMultipart())
      throw new AppError(
        'VALIDATION',
        'Kirim eviden sebagai multipart/form-data (field teks dan berkas `file`)',
      );
    const fields: Record<string, string> = {};
    let file: Upload | null = null;
    const limit = ctx.config.attachmentMaxBytes;
    try {
      for await (const part of request.parts({
        limits: { fileSize: limit, files: 1, fields: EVIDENCE_FIELDS.length + 2 },
      })) {
        if (part.type === 'field') {
          if ((EVIDENCE_FIELDS as readonly string[]).includes(part.fieldname))
            fields[part.fieldname] = String(part.value);
        } else if (part.fieldname === 'file' && !file)
          file = {
            bytes: new Uint8Array(await part.toBuffer()),
            fileName: part.filename || null,
            declaredType: part.mimetype,
          };
        else await part.toBuffer();
      }
    } catch (err) {
      throw multipartError(err, limit, 'ATTACHMENT_MAX_BYTES');
    }
    return { fields, file };
  }

  async function addEvidence(
    actor: Actor,
    fields: Record<string, string>,
    file: Upload | null,
  ): Promise<Evidence> {
    const input = parseInput(evidenceFieldsSchema, fields, 'Data eviden tidak valid');
    const row = await repo.byId(input.skpId);
    if (!row) throw notFound('SKP');
    if (actor.employeeId !== row.employeeId)
      throw forbidden('Eviden hanya dapat dilampirkan oleh pegawai pemilik SKP');
    const rhk = await db
      .selectFrom('skpRhk')
      .select(['skpId', 'text'])
      .where('id', '=', input.rhkId)
      .executeTakeFirst();
    if (!rhk || rhk.skpId !== row.id) throw fieldError('rhkId', 'RHK tidak termasuk SKP ini');
    if (input.periodStart < row.periodStart || input.periodEnd > row.periodEnd)
      throw fieldError(
        'periodStart',
        `Periode eviden harus di dalam periode SKP (${row.periodStart} s.d. ${row.periodEnd})`,
      );
    if (!file && !input.link) throw fieldError('file', 'Lampirkan berkas eviden atau isi tautannya');
    // Checked before anything is stored: a too-large file is 413, a file that is not what it claims 415.
    const prepared = file ? await files.prepare(file, 'rhk_evidence', 'file') : null;
    if (prepared) await files.put(prepared);
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('rhkEvidence')
        .values({
          employeeId: row.employeeId,
          skpId: row.id,
          rhkId: input.rhkId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          description: input.description,
          link: input.link ?? null,
          createdAt: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (prepared) await files.record(trx, prepared, { kind: 'rhk_evidence', id, uploadedBy: actor.userId });
      await audit.record(trx, ctxOf(actor), {
        action: 'rhk_evidence.added',
        entityType: 'rhk_evidence',
        entityId: id,
        unitId: row.unitId,
        after: {
          skpId: row.id,
          rhkId: input.rhkId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          fileHash: prepared?.sha256 ?? null,
        },
      });
      return id;
    });
    return (await listEvidence(actor, { skpId: row.id })).items.find((e) => e.id === id)!;
  }

  async function listEvidence(
    actor: Actor,
    q: { skpId: string; rhkId?: string },
  ): Promise<{ items: Evidence[] }> {
    await load(actor, q.skpId);
    let query = db
      .selectFrom('rhkEvidence as v')
      .innerJoin('skpRhk as r', 'r.id', 'v.rhkId')
      .leftJoin('attachments as a', (j) =>
        j.onRef('a.ownerId', '=', 'v.id').on('a.ownerKind', '=', 'rhk_evidence'),
      )
      .select([
        'v.id',
        'v.employeeId',
        'v.skpId',
        'v.rhkId',
        'r.text as rhkText',
        'v.periodStart',
        'v.periodEnd',
        'v.description',
        'v.link',
        'v.createdAt',
        'a.fileName',
        'a.mime',
        'a.sizeBytes',
      ])
      .where('v.skpId', '=', q.skpId);
    if (q.rhkId) query = query.where('v.rhkId', '=', q.rhkId);
    const rows = await query.orderBy('v.periodStart', 'desc').orderBy('v.createdAt', 'desc').execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        employeeId: r.employeeId,
        skpId: r.skpId,
        rhkId: r.rhkId,
        rhkText: r.rhkText,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        description: r.description,
        link: r.link,
        file: r.mime ? { name: r.fileName, mime: r.mime, size: r.sizeBytes ?? 0 } : null,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /** The evidence's file (the owner's view check first; every view logged by the attachment service). */
  function evidenceFile(actor: Actor, id: string) {
    return files.view(actor, 'rhk_evidence', id);
  }

  return { addFeedback, listFeedback, readEvidenceUpload, addEvidence, listEvidence, evidenceFile };
}
