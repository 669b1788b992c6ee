import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Upload } from '../../files/attachment-service.ts';
import { parseInput } from '../../plugins/validation.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatDdMmYyyy, formatMonthId } from '../../../core/common/date-text.ts';
import {
  lineExistsIn,
  objectionLineKey,
  objectionLineLabel,
  type ObjectionLine,
} from '../../../core/tpp/objection-lines.ts';
import { isPublished, RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import {
  objectionFileFieldsSchema,
  type ObjectionDecisionBody,
  type ObjectionInboxQuery,
} from '../../../shared/api/tpp-objections.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';
import { createRunsAccess } from './runs-access.ts';
import { createObjectionsView } from './objections-view.ts';
import { createObjectionsDecide } from './objections-decide.ts';
import { readLineResult } from './runs-engine.ts';

/**
 * TPP objections (issue 17 point 4 and its "Bad input"): the employee objects to one line of her own published
 * TPP (a deduction of a date and code, a sanction cut, the kinerja component, the exclusion, or other) with a
 * reason and optional evidence (a PDF or image judged from its bytes, stored by SHA-256 through the attachment
 * service) while the run is published and today, in the unit's zone, is on or before its objection window's end;
 * the superior or BKD decides (objections-decide.ts; an upheld objection re-runs that employee); lists for the
 * employee, the decider's inbox with its count, and per run (objections-view.ts). Approval of the run by the OPD
 * waits while an objection is pending (runs-lifecycle.ts).
 */
export function createObjectionsSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  void inputs;
  const { db, audit, clock, files, notifications, relations } = ctx;
  const access = createRunsAccess(ctx);
  const view = createObjectionsView(ctx, access);
  const deciding = createObjectionsDecide(ctx, access, view, runs);

  files.registerOwner(
    'tpp_objection',
    async (actor, id) => {
      const o = await view.rowOr404(id);
      const run = await access.runRow(o.runId);
      if (!(await view.maySee(actor, run, o))) throw notFound('Bukti keberatan');
      return true;
    },
    'Bukti keberatan',
  );

  /**
   * Every check of a new objection, before anything is written (and again inside the transaction with the run
   * locked): the run and the line exist and the caller may file on it (the employee herself: 403 to whoever else
   * sees the line, 404 to anyone else), the run is published and not yet approved (409), the window is open
   * (409 naming its end), the line is in the breakdown (400), no objection to the same line is pending (409).
   */
  async function requireFileable(
    actor: Actor,
    runId: string,
    employeeId: string,
    line: ObjectionLine,
    exec: Exec,
    lock: boolean,
  ) {
    const run = await access.runRow(runId, exec, lock);
    if (actor.employeeId !== employeeId) {
      if (await access.maySeeLine(actor, run, employeeId, exec))
        throw forbidden('Keberatan hanya dapat diajukan oleh pegawai yang bersangkutan atas TPP-nya sendiri');
      throw notFound('Baris TPP');
    }
    if (!isPublished(run.status as RunStatus)) throw notFound('Baris TPP');
    const row = await exec
      .selectFrom('tppRunLines')
      .select('breakdown')
      .where('runId', '=', run.id)
      .where('employeeId', '=', employeeId)
      .executeTakeFirst();
    if (!row) throw notFound('Baris TPP');
    const month = formatMonthId(run.month);
    if (run.status !== 'DIUMUMKAN')
      throw new AppError(
        'CONFLICT',
        `TPP bulan ${month} sudah berstatus ${RUN_STATUS_LABELS[run.status as RunStatus].toLowerCase()}; ` +
          'keberatan tidak dapat diajukan lagi' +
          (run.status === 'DIKUNCI'
            ? '. Perubahan setelah dikunci dicatat sebagai koreksi bulan berikutnya'
            : ''),
        { status: run.status },
      );
    const today = await access.todayOfUnit(run.unitId, exec);
    if (!run.objectionUntil || today > run.objectionUntil)
      throw new AppError(
        'CONFLICT',
        `Masa keberatan TPP bulan ${month} berakhir ${run.objectionUntil ? formatDdMmYyyy(run.objectionUntil) : '-'}; ` +
          'keberatan tidak dapat diajukan lagi',
        { objectionUntil: run.objectionUntil },
      );
    if (!lineExistsIn(readLineResult(row.breakdown), line))
      throw new AppError(
        'VALIDATION',
        `${objectionLineLabel(line)} tidak ada dalam rincian TPP Anda bulan ${month}`,
        [{ path: line.kind === 'DEDUCTION' ? 'date' : 'kind', message: 'Baris tidak ada dalam rincian TPP' }],
      );
    const pending = await exec
      .selectFrom('tppObjections')
      .select('line')
      .where('runId', '=', run.id)
      .where('employeeId', '=', employeeId)
      .where('status', '=', 'DIAJUKAN')
      .execute();
    const key = objectionLineKey(line);
    if (pending.some((p) => objectionLineKey(p.line as unknown as ObjectionLine) === key))
      throw new AppError(
        'CONFLICT',
        `Keberatan atas ${objectionLineLabel(line).toLowerCase()} masih menunggu keputusan; ` +
          'keberatan kedua atas baris yang sama tidak dapat diajukan',
      );
    return run;
  }

  /** Who is told of a new objection: the employee's direct superior today (or Plt/Plh), else BKD over the unit. */
  async function decidersToTell(exec: Exec, employeeId: string, unitPath: string) {
    try {
      const today = await relations.todayOf(employeeId, exec);
      const slot = await relations.superiorOn(employeeId, today, exec);
      const ids = [slot?.official?.employeeId].filter((x): x is string => !!x);
      if (ids.length) return { employeeIds: [...new Set(ids)] };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    return { userIds: await notifications.grantHolders(exec, ['BKD'], unitPath) };
  }

  /**
   * POST /runs/:id/lines/:employeeId/objections (multipart: kind, date, code, sanctionType, reason, file?): the
   * employee's objection to one line of her published TPP. The file (optional) is checked from its bytes (PDF or
   * image, at most ATTACHMENT_MAX_BYTES: 415 / 413) only after the request itself passed; a refusal writes nothing.
   */
  async function file(
    actor: Actor,
    runId: string,
    employeeId: string,
    fields: Record<string, string>,
    upload: Upload | null,
  ) {
    const input = parseInput(objectionFileFieldsSchema, fields, 'Keberatan tidak valid');
    await requireFileable(actor, runId, employeeId, input.line, db, false);
    const prepared = upload ? await files.prepare(upload, 'tpp_objection_evidence', 'file') : null;
    if (prepared) await files.put(prepared);
    const id = await db.transaction().execute(async (trx) => {
      const run = await requireFileable(actor, runId, employeeId, input.line, trx, true);
      const id = randomUUID();
      const att = prepared
        ? await files.record(trx, prepared, { kind: 'tpp_objection', id, uploadedBy: actor.userId })
        : null;
      await trx
        .insertInto('tppObjections')
        .values({
          id,
          runId: run.id,
          employeeId,
          line: JSON.stringify(input.line),
          reason: input.reason,
          evidenceFileId: att?.id ?? null,
          filedBy: actor.userId,
          filedAt: clock.now(),
        })
        .execute();
      const label = objectionLineLabel(input.line);
      await access.addEvent(trx, actor, run.id, {
        action: 'objection_filed',
        from: null,
        to: null,
        note: null,
        data: { objectionId: id, employeeId, line: input.line },
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_objection.filed',
        entityType: 'tpp_objection',
        entityId: id,
        unitId: run.unitId,
        after: {
          runId: run.id,
          month: run.month,
          line: label,
          reason: input.reason,
          ...(prepared ? { sha256: prepared.sha256, mime: prepared.mime, sizeBytes: prepared.size } : {}),
        },
      });
      const name = await trx
        .selectFrom('employees')
        .select('name')
        .where('id', '=', employeeId)
        .executeTakeFirst();
      await notifications.notify(trx, {
        ...(await decidersToTell(trx, employeeId, run.unitPath)),
        exceptUserIds: [actor.userId],
        entity: { type: 'tpp_run', id: run.id },
        once: false,
        kind: 'tpp_objection.waiting',
        title: `Keberatan TPP ${formatMonthId(run.month)} dari ${name?.name ?? 'pegawai'}`,
        body: `${label}: ${input.reason}`,
        link: '/tpp/keberatan',
      });
      return id;
    });
    return view.one(actor, id);
  }

  /** POST /objections/:id/decision: upheld or rejected with a note (objections-decide.ts). */
  async function decide(actor: Actor, id: string, input: Required<ObjectionDecisionBody>) {
    await deciding.decide(actor, id, input);
    return view.one(actor, id);
  }

  /** GET /objections/:id/evidence: the evidence file (the employee, deciders, readers; every view logged). */
  async function evidence(actor: Actor, id: string) {
    return files.view(actor, 'tpp_objection', id);
  }

  /** The fields and file of a new objection's multipart request (413 over ATTACHMENT_MAX_BYTES). */
  function readUpload(request: FastifyRequest) {
    return files.read(request, {
      fileField: 'file',
      fields: ['kind', 'date', 'code', 'sanctionType', 'reason'],
    });
  }

  return {
    readUpload,
    file,
    decide,
    evidence,
    one: (actor: Actor, id: string) => view.one(actor, id),
    ofRun: view.ofRun,
    mine: view.mine,
    inbox: (actor: Actor, q: ObjectionInboxQuery) => view.inbox(actor, q),
    inboxCount: view.inboxCount,
  };
}
export type TppObjectionsSection = ReturnType<typeof createObjectionsSection>;
