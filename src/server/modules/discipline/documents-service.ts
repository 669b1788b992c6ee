import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { Upload } from '../../files/attachment-service.ts';
import { parseInput } from '../../plugins/validation.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import {
  CASE_DOCUMENT_KINDS,
  CASE_DOCUMENT_KIND_LABELS,
  caseDocumentUploadFieldsSchema,
  EXAMINEE_DOCUMENT_KINDS,
  GENERATED_DOCUMENT_KINDS,
  type CaseDocumentKind,
  type CaseDocuments,
  type DocumentView,
  type GeneratedDocumentKind,
  type UploadedDocument,
} from '../../../shared/api/discipline-documents.ts';
import type { CaseRole, CaseRow, DisciplineContext } from './discipline-context.ts';
import {
  caseFacts,
  documentData,
  FALLBACK_SUFFIX,
  generatedTitle,
  kindStates,
  LETTER_TYPE_OF,
  letterheadUnitOf,
  letterUnitOf,
  lockDocument,
  rootUnitOf,
} from './documents-data.ts';
import { documentFileName, renderCaseDocument } from './documents-layouts.ts';

/** The owner kind of a case's files and of the view log of its documents (one row of discipline_documents each). */
export const DOCUMENT_OWNER = 'discipline_document' as const;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** How the caller may reach a case's documents. */
interface DocAccess {
  c: CaseRow;
  role: CaseRole;
  /** The competent official the case was reported to, or who decided it. */
  pyb: boolean;
  /** Kinds the caller may open (generated and uploaded). */
  kinds: readonly CaseDocumentKind[];
  /** Kinds the caller may upload. */
  uploadKinds: CaseDocumentKind[];
  /** May list who viewed the documents (discipline.read / manage in scope). */
  seesViews: boolean;
}

/**
 * The number of one document of a case (PANGGILAN_I … BA_PENYAMPAIAN), taken once and kept in
 * `discipline_documents` so every reprint carries it: the number the user entered with the data (summons, team
 * SK, SK hukuman disiplin) when there is one, else the next number of BKD's scheme for the letter type in the
 * issuing unit (documents.issueNumber, in the caller's transaction: no gap, no duplicate), else the built-in
 * `<case number>/<suffix>`. Exported for the cases section (a summons recorded without a number).
 * Source: issue 16 point 4; issue 14 point 4 (letter numbers).
 *
 * @param trx the transaction that issues the letter
 * @param c the case
 * @param kind the document
 * @param opts the letter's date (default today in the unit's zone), the number entered by the user (kept as is),
 *   the actor who issues it (audited; default: the system, the row credited to the one who opened the case)
 * @returns the number and the document row's id, date and first issue time
 */
export async function issueCaseNumber(
  ctx: DisciplineContext,
  trx: Transaction<Database>,
  c: CaseRow,
  kind: GeneratedDocumentKind,
  opts: { date?: LocalDate | null; entered?: string | null; actor?: Actor } = {},
): Promise<{ id: string; number: string; date: LocalDate; issuedAt: Date }> {
  await lockDocument(trx, c.id, kind);
  const row = await trx
    .selectFrom('disciplineDocuments')
    .select(['id', 'letterNumber', 'letterDate', 'createdAt'])
    .where('caseId', '=', c.id)
    .where('kind', '=', kind)
    .where('attachmentId', 'is', null)
    .executeTakeFirst();
  const entered = opts.entered ?? null;
  if (row?.letterNumber) {
    // The data's own number wins over a number issued before it was entered (e.g. an SK number corrected).
    return {
      id: row.id,
      number: entered ?? row.letterNumber,
      date: opts.date ?? row.letterDate ?? (await ctx.todayOfUnit(c.unitId, trx)),
      issuedAt: row.createdAt,
    };
  }
  const date = opts.date ?? (await ctx.todayOfUnit(c.unitId, trx));
  let number = entered;
  if (!number) {
    const unitId =
      kind === 'SK_TIM' ? rootUnitOf(c) : await letterUnitOf(trx, { unitId: c.unitId, unitPath: c.unitPath });
    number =
      (await ctx.documents.issueNumber(trx, { unitId, letterType: LETTER_TYPE_OF[kind], date })) ??
      `${c.caseNumber}/${FALLBACK_SUFFIX[kind]}`;
  }
  const issuedAt = ctx.clock.now();
  const values = { letterNumber: number, letterDate: date };
  const saved = row
    ? await trx
        .updateTable('disciplineDocuments')
        .set(values)
        .where('id', '=', row.id)
        .returning(['id', 'createdAt'])
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('disciplineDocuments')
        .values({
          caseId: c.id,
          kind,
          ...values,
          attachmentId: null,
          title: generatedTitle(kind),
          createdBy: opts.actor?.userId ?? c.openedBy,
          createdAt: issuedAt,
        })
        .returning(['id', 'createdAt'])
        .executeTakeFirstOrThrow();
  if (!entered)
    await ctx.audit.record(
      trx,
      opts.actor
        ? ctxOf(opts.actor)
        : { actorId: null, actorName: 'Abdi (penomoran dokumen)', ip: null, userAgent: null },
      {
        action: 'discipline.document_numbered',
        entityType: 'discipline_case',
        entityId: c.id,
        unitId: c.unitId,
        after: { kind, letterNumber: number, letterDate: date },
      },
    );
  return { id: saved.id, number, date, issuedAt: saved.createdAt };
}

/**
 * Discipline cases, section documents (issue 16 point 4): the documents generated from a case's data as PDF in the
 * Peraturan BKN 6/2022 annex layouts, the signed scans and evidence uploaded with it, and who viewed them.
 * Confidential (Peraturan BKN 6/2022 Pasal 57): only the parties and the authorised roles in scope; the examinee
 * sees their summonses, their BAP copy, the decision and its delivery record (never the team SK, the report or the
 * team's notes); every view of a generated or uploaded document is logged in `attachment_views`.
 */
export function createDocumentsSection(ctx: DisciplineContext) {
  const { db, clock, files, audit } = ctx;

  /**
   * The caller's access to the documents of a case: the examinee (their own documents only, even when they also
   * hold a reading role), the examiners, the competent official and the readers in scope; 404 for anyone else.
   */
  async function access(actor: Actor, caseId: string, exec: Exec = db): Promise<DocAccess> {
    const c = await ctx.caseRow(caseId, exec);
    const role = await ctx.roleIn(actor, c, exec);
    const pyb = !role.examinee && role.pyb;
    if (role.examinee)
      return {
        c,
        role,
        pyb: false,
        kinds: EXAMINEE_DOCUMENT_KINDS,
        uploadKinds: ['UPAYA_ADMINISTRATIF'],
        seesViews: false,
      };
    if (!(role.superior || role.teamMember || role.reader || pyb)) throw notFound('Kasus disiplin');
    const examiner = role.superior || role.teamMember || role.manager || pyb;
    return {
      c,
      role,
      pyb,
      kinds: CASE_DOCUMENT_KINDS,
      uploadKinds: examiner ? [...CASE_DOCUMENT_KINDS] : [],
      seesViews: role.reader,
    };
  }

  const zoneOf = async (unitId: string, exec: Exec) =>
    ((await exec.selectFrom('units').select('timeZone').where('id', '=', unitId).executeTakeFirst())
      ?.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone;

  // The files of a case are seen by whoever may open their kind (the owning module's rule for the attachment
  // service); anyone else gets the case's 404.
  files.registerOwner(
    DOCUMENT_OWNER,
    async (actor, docId) => {
      const doc = await db
        .selectFrom('disciplineDocuments')
        .select(['caseId', 'kind'])
        .where('id', '=', docId)
        .executeTakeFirst();
      if (!doc) throw notFound('Dokumen kasus');
      const a = await access(actor, doc.caseId);
      if (!a.kinds.includes(doc.kind as CaseDocumentKind)) throw notFound('Dokumen kasus');
      return true;
    },
    'Dokumen kasus',
  );

  const docUrl = (caseId: string, kind: string) => `/api/discipline/cases/${caseId}/documents/${kind}`;
  const fileUrl = (caseId: string, docId: string) =>
    `/api/discipline/cases/${caseId}/documents/files/${docId}`;

  async function uploadsOf(caseId: string, kinds: readonly CaseDocumentKind[], exec: Exec) {
    const rows = await exec
      .selectFrom('disciplineDocuments as d')
      .innerJoin('attachments as a', 'a.id', 'd.attachmentId')
      .leftJoin('users as u', 'u.id', 'd.createdBy')
      .select([
        'd.id',
        'd.kind',
        'd.title',
        'd.createdAt',
        'a.mime',
        'a.sizeBytes',
        'u.displayName as uploadedBy',
      ])
      .where('d.caseId', '=', caseId)
      .where('d.kind', 'in', [...kinds])
      .orderBy('d.createdAt', 'desc')
      .execute();
    return rows.map((r): UploadedDocument => ({
      id: r.id,
      kind: r.kind as CaseDocumentKind,
      label: CASE_DOCUMENT_KIND_LABELS[r.kind as CaseDocumentKind] ?? r.kind,
      title: r.title,
      contentType: r.mime,
      size: r.sizeBytes,
      uploadedBy: r.uploadedBy ?? null,
      uploadedAt: r.createdAt.toISOString(),
      url: fileUrl(caseId, r.id),
    }));
  }

  /**
   * GET /cases/:id/documents: the documents the caller may open: each generated kind with whether its data exists
   * (and what is missing otherwise) and its number once issued, and the uploaded files. Reading writes nothing.
   */
  async function list(actor: Actor, caseId: string): Promise<CaseDocuments> {
    const a = await access(actor, caseId);
    const { c } = a;
    const zone = await zoneOf(c.unitId, db);
    const facts = await caseFacts(db, c);
    const states = kindStates(c, facts, zone);
    const issued = new Map(
      (
        await db
          .selectFrom('disciplineDocuments')
          .select(['kind', 'letterNumber', 'letterDate'])
          .where('caseId', '=', c.id)
          .where('attachmentId', 'is', null)
          .execute()
      ).map((r) => [r.kind, r]),
    );
    const generated = GENERATED_DOCUMENT_KINDS.filter((k) => a.kinds.includes(k)).map((kind) => {
      const s = states[kind];
      const row = issued.get(kind);
      return {
        kind,
        label: CASE_DOCUMENT_KIND_LABELS[kind],
        available: s.available,
        missing: s.missing,
        letterNumber: s.available ? (s.entered ?? row?.letterNumber ?? null) : null,
        letterDate: s.available ? (s.date ?? row?.letterDate ?? null) : null,
        url: s.available ? docUrl(c.id, kind) : null,
      };
    });
    return {
      caseId: c.id,
      caseNumber: c.caseNumber,
      generated,
      uploads: await uploadsOf(c.id, a.kinds, db),
      uploadKinds: a.uploadKinds,
      canSeeViews: a.seesViews,
    };
  }

  /**
   * GET /cases/:id/documents/:kind: the PDF of a generated document, for whoever may open its kind (the examinee:
   * summonses, BAP, decision, delivery record; 404 otherwise). Its number is issued at the first print and kept;
   * the view is logged with the SHA-256 of the bytes served. @throws CONFLICT (409) while its data does not exist
   */
  async function pdf(
    actor: Actor,
    caseId: string,
    kind: GeneratedDocumentKind,
  ): Promise<{ bytes: Buffer; fileName: string }> {
    // The letterhead is read before the transaction (the document layer reads on its own connection).
    const pre = await access(actor, caseId);
    if (!pre.kinds.includes(kind)) throw notFound('Dokumen kasus');
    const letterhead = await ctx.documents.letterheadFor(await letterheadUnitOf(db, pre.c, kind));
    return db.transaction().execute(async (trx) => {
      const a = await access(actor, caseId, trx);
      if (!a.kinds.includes(kind)) throw notFound('Dokumen kasus');
      const { c } = a;
      const zone = await zoneOf(c.unitId, trx);
      const facts = await caseFacts(trx, c);
      const state = kindStates(c, facts, zone)[kind];
      if (!state.available)
        throw new AppError(
          'CONFLICT',
          `${CASE_DOCUMENT_KIND_LABELS[kind]} belum dapat dicetak: ${state.missing ?? 'datanya belum ada'}`,
        );
      const issued = await issueCaseNumber(ctx, trx, c, kind, {
        date: state.date,
        entered: state.entered,
        actor,
      });
      const data = await documentData(
        ctx,
        trx,
        c,
        facts,
        kind,
        {
          number: issued.number,
          date: state.date ?? issued.date,
          issuedOn: issued.issuedAt,
        },
        letterhead,
      );
      const bytes = await renderCaseDocument(data);
      await trx
        .insertInto('attachmentViews')
        .values({
          attachmentId: null,
          ownerKind: DOCUMENT_OWNER,
          ownerId: issued.id,
          sha256: sha256(bytes),
          viewerId: actor.userId,
          viewedAt: clock.now(),
          ip: actor.ip,
          userAgent: actor.userAgent,
        })
        .execute();
      return { bytes, fileName: documentFileName(kind, c.caseNumber) };
    });
  }

  /** The fields and file of an upload (multipart: kind, title, file), read up to ATTACHMENT_MAX_BYTES (413). */
  function readUpload(request: FastifyRequest) {
    return files.read(request, { fileField: 'file', fields: ['kind', 'title'] });
  }

  /**
   * POST /cases/:id/documents: a signed scan or evidence kept with the case (the examiners, the competent official,
   * BKD; the examinee only their appeal papers). PDF or image judged from its bytes (415 otherwise), at most
   * ATTACHMENT_MAX_BYTES (413); refused uploads store nothing. Audited.
   */
  async function upload(
    actor: Actor,
    caseId: string,
    fields: Record<string, string>,
    file: Upload | null,
  ): Promise<UploadedDocument> {
    const input = parseInput(caseDocumentUploadFieldsSchema, fields, 'Data dokumen tidak valid');
    const requireKind = (a: DocAccess) => {
      if (!a.uploadKinds.includes(input.kind))
        throw forbidden(
          a.uploadKinds.length === 0
            ? 'Anda tidak berwenang mengunggah dokumen kasus ini'
            : `Anda hanya dapat mengunggah: ${a.uploadKinds.map((k) => CASE_DOCUMENT_KIND_LABELS[k]).join(', ')}`,
        );
    };
    requireKind(await access(actor, caseId));
    if (!file) throw fieldError('file', 'Pilih berkas dokumen (PDF, JPEG atau PNG)');
    // Checked before anything is stored: too large 413, not a PDF/image (whatever its name) 415.
    const prepared = await files.prepare(file, 'discipline_document', 'file');
    await files.put(prepared);
    return db.transaction().execute(async (trx) => {
      const a = await access(actor, caseId, trx);
      requireKind(a);
      const docId = randomUUID();
      const att = await files.record(trx, prepared, {
        kind: DOCUMENT_OWNER,
        id: docId,
        uploadedBy: actor.userId,
      });
      await trx
        .insertInto('disciplineDocuments')
        .values({
          id: docId,
          caseId: a.c.id,
          kind: input.kind,
          letterNumber: null,
          letterDate: null,
          attachmentId: att.id,
          title: input.title,
          createdBy: actor.userId,
          createdAt: clock.now(),
        })
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.document_uploaded',
        entityType: 'discipline_case',
        entityId: a.c.id,
        unitId: a.c.unitId,
        after: {
          documentId: docId,
          kind: input.kind,
          title: input.title,
          sha256: prepared.sha256,
          mime: prepared.mime,
          sizeBytes: prepared.size,
        },
      });
      return {
        id: docId,
        kind: input.kind,
        label: CASE_DOCUMENT_KIND_LABELS[input.kind],
        title: input.title,
        contentType: prepared.mime,
        size: prepared.size,
        uploadedBy: actor.displayName,
        uploadedAt: clock.now().toISOString(),
        url: fileUrl(a.c.id, docId),
      };
    });
  }

  /**
   * GET /cases/:id/documents/files/:docId: an uploaded file, for whoever may open its kind (404 otherwise, also for
   * a file of another case); the view is logged by the attachment service.
   */
  async function file(actor: Actor, caseId: string, docId: string) {
    const doc = await db
      .selectFrom('disciplineDocuments')
      .select(['caseId', 'attachmentId'])
      .where('id', '=', docId)
      .executeTakeFirst();
    if (!doc || doc.caseId !== caseId || !doc.attachmentId) {
      await access(actor, caseId); // an outsider learns nothing of the case either
      throw notFound('Dokumen kasus');
    }
    return files.view(actor, DOCUMENT_OWNER, docId);
  }

  /**
   * GET /cases/:id/document-views: who opened which document of the case, when (newest first), for the readers in
   * scope (discipline.read / discipline.manage). Reading writes nothing. @throws FORBIDDEN for the other parties
   */
  async function views(actor: Actor, caseId: string): Promise<{ items: DocumentView[] }> {
    const a = await access(actor, caseId);
    if (!a.seesViews) throw forbidden('Daftar akses dokumen hanya untuk pembaca disiplin dalam lingkupnya');
    const rows = await db
      .selectFrom('attachmentViews as v')
      .innerJoin('disciplineDocuments as d', (j) =>
        j.onRef('d.id', '=', 'v.ownerId').on('v.ownerKind', '=', DOCUMENT_OWNER),
      )
      .leftJoin('users as u', 'u.id', 'v.viewerId')
      .select([
        'v.viewedAt',
        'v.viewerId',
        'v.sha256',
        'd.kind',
        'd.title',
        'd.attachmentId',
        'u.displayName',
      ])
      .where('d.caseId', '=', a.c.id)
      .orderBy('v.viewedAt', 'desc')
      .orderBy('v.id', 'desc')
      .limit(1000)
      .execute();
    return {
      items: rows.map((r) => ({
        at: r.viewedAt.toISOString(),
        userId: r.viewerId,
        viewer: r.displayName ?? null,
        what: r.attachmentId ? r.title : (CASE_DOCUMENT_KIND_LABELS[r.kind as CaseDocumentKind] ?? r.title),
        kind: r.kind,
        sha256: r.sha256,
      })),
    };
  }

  return { list, pdf, readUpload, upload, file, views };
}
export type DocumentsSection = ReturnType<typeof createDocumentsSection>;
