import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { inScope, requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import type { AttachmentService, Upload } from '../../files/attachment-service.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { eachDay } from '../../../core/common/local-date.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';
import type { decisionSchema, requestListQuerySchema } from '../../../shared/api/permits.ts';
import type { Exec, PermitsRepo, RequestFilter } from './permits-repo.ts';

/** An uploaded file as the route received it. */
export type UploadedFile = Upload;

export const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

/** How messages name a request: a permit is a 'permohonan', a correction a 'koreksi'. */
export type RequestWord = 'permohonan' | 'koreksi';
const capitalised = (w: RequestWord) => w.charAt(0).toUpperCase() + w.slice(1);

/** Who settled a request and when (the view's decider and canceller columns). */
interface SettledBy {
  status: string;
  decidedByName?: string | null;
  decidedAt?: Date | null;
  cancelledByName?: string | null;
  cancelledAt?: Date | null;
  unitTimeZone?: string | null;
}

/** What a decision or a cancellation checks of a request row. */
interface RequestState extends SettledBy {
  employeeId: string;
  unitPath: string;
}

const STATUS_WORD: Record<string, string> = {
  DIAJUKAN: 'diajukan',
  DISETUJUI: 'disetujui',
  DITOLAK: 'ditolak',
  DIBATALKAN: 'dibatalkan',
};

/**
 * 409 for a request settled already (or meanwhile, by a concurrent call): "Permohonan ini sudah disetujui oleh
 * Budi pada 15/01/2026 09:00 WIB".
 */
export function settledConflict(rec: SettledBy, word: RequestWord): AppError {
  const cancelled = rec.status === 'DIBATALKAN';
  const who = decidedByText(
    cancelled ? rec.cancelledByName : rec.decidedByName,
    cancelled ? rec.cancelledAt : rec.decidedAt,
    (rec.unitTimeZone ?? 'Asia/Jakarta') as IndonesianTimeZone,
  );
  return new AppError(
    'CONFLICT',
    `${capitalised(word)} ini sudah ${STATUS_WORD[rec.status] ?? rec.status.toLowerCase()}${who ? ` ${who}` : ''}`,
    { status: rec.status },
  );
}

type ListQuery = z.infer<typeof requestListQuerySchema>;
type PageQuery = { page: number; pageSize: number };

/** The months ('YYYY-MM') a date range touches. */
export const monthsOf = (from: string, to: string) => [
  ...new Set(eachDay(from, to).map((d) => d.slice(0, 7))),
];

/**
 * What permits and corrections share: who supervises whom (direct superior plus positions held as Plt/Plh),
 * closed months, and their files through the attachment service (uploads waiting to be cited, the cited file
 * attached to its record, views checked by `mayRead` and logged).
 */
export function createRequestSupport(deps: {
  db: Db;
  repo: PermitsRepo;
  clock: Clock;
  files: Pick<AttachmentService, 'registerOwner' | 'stage' | 'requireWaiting' | 'attachWaiting' | 'view'>;
  /** Who acts (Plt/Plh) for whom on the actor's own day (src/server/relations). */
  relations: Pick<RelationsService, 'actingForToday'>;
}) {
  const { db, repo, clock, files, relations } = deps;

  /**
   * The employees the actor supervises on their own today: direct staff and the staff of positions held as
   * Plt/Plh (src/server/relations).
   */
  async function staffOf(actor: Actor): Promise<string[]> {
    if (!actor.employeeId) return [];
    const holders = await relations.actingForToday(actor.employeeId);
    return repo.staffOf([actor.employeeId, ...holders]);
  }

  /**
   * Refuse dates in a closed month of the unit (or an ancestor): MONTH_CLOSED (409).
   * Source: issue 5 ("a request for a closed month"); brief contract on `month_closings`.
   */
  async function assertOpen(unitPath: string, from: string, to: string, exec: Exec = db) {
    const closed = await repo.closedMonths(unitPath, monthsOf(from, to), exec);
    if (closed.length > 0)
      throw new AppError(
        'MONTH_CLOSED',
        `Bulan ${closed.join(', ')} sudah ditutup untuk unit ini; permohonan untuk tanggal tersebut tidak dapat diproses`,
        { months: closed },
      );
  }

  /**
   * A letter / evidence upload (PDF, JPEG, PNG or WebP by its content, metadata stripped), stored by its
   * SHA-256 (same bytes = same file) and waiting for its uploader to cite it.
   */
  const upload = (actor: Actor, file: UploadedFile) => files.stage(actor, file);

  /** The file a request cites must be one the caller uploaded (nobody cites, then reads, another's file). */
  const requireOwnFile = (actor: Actor, hash: string, path: string, exec: Exec = db) =>
    files.requireWaiting(actor, hash, path, exec);

  /** The cited upload becomes the request's attachment, in the request's transaction. */
  const attachFile = (
    trx: Exec,
    actor: Actor,
    hash: string,
    owner: { kind: 'permit' | 'correction'; id: string },
  ) =>
    files.attachWaiting(trx, {
      sha256: hash,
      uploadedBy: actor.userId,
      kind: owner.kind === 'permit' ? 'permit_letter' : 'correction_evidence',
      owner: owner.kind,
      ownerId: owner.id,
    });

  /** Read one: the employee, their superior (incl. Plt/Plh) or permit.read in scope. */
  async function mayRead(actor: Actor, rec: { employeeId: string; unitPath: string }) {
    return (
      rec.employeeId === actor.employeeId ||
      (await staffOf(actor)).includes(rec.employeeId) ||
      inScope(scopeOf(actor, 'permit.read'), rec.unitPath)
    );
  }

  /**
   * A decision is the direct superior's (incl. Plt/Plh), never on one's own request, on a pending request in an
   * open month; a rejection says why.
   */
  async function checkDecision(
    actor: Actor,
    rec: RequestState,
    input: z.infer<typeof decisionSchema>,
    word: RequestWord,
    dates: { from: string; to: string },
  ) {
    if (rec.employeeId === actor.employeeId)
      throw forbidden(`Anda tidak dapat memutuskan ${word} Anda sendiri`);
    if (!(await staffOf(actor)).includes(rec.employeeId))
      throw forbidden(`Hanya atasan langsung (atau Plt/Plh-nya) yang dapat memutuskan ${word} ini`);
    if (rec.status !== 'DIAJUKAN') throw settledConflict(rec, word);
    if (input.decision === 'REJECT' && input.note.length < 3)
      throw fieldError('note', 'Tuliskan alasan penolakan agar pegawai mengetahuinya');
    await assertOpen(rec.unitPath, dates.from, dates.to);
  }

  /** A cancellation (by whoever `allowed` admits) of a pending or approved request in an open month. */
  async function checkCancel(
    rec: RequestState,
    allowed: boolean,
    word: RequestWord,
    dates: { from: string; to: string },
  ) {
    if (!allowed) throw forbidden(`Hanya pegawai yang bersangkutan yang dapat membatalkan ${word} ini`);
    if (rec.status !== 'DIAJUKAN' && rec.status !== 'DISETUJUI') throw settledConflict(rec, word);
    await assertOpen(rec.unitPath, dates.from, dates.to);
  }

  /** The request row as it is now (read after a conditional update found it changed). */
  const current = (trx: Exec, table: 'permits' | 'corrections', id: string) =>
    table === 'permits' ? repo.findPermit(id, trx) : repo.findCorrection(id, trx);

  /**
   * Set a pending request approved or rejected, in `trx`. A conditional update (`… where status = 'DIAJUKAN'
   * returning`): of concurrent decisions on PostgreSQL one updates the row, the others wait for it to commit,
   * update nothing and answer 409 naming the decision that won (they write no audit entry).
   */
  async function writeDecision(
    trx: Exec,
    table: 'permits' | 'corrections',
    id: string,
    actor: Actor,
    input: z.infer<typeof decisionSchema>,
    word: RequestWord,
  ) {
    const updated = await trx
      .updateTable(table)
      .set({
        status: input.decision === 'APPROVE' ? 'DISETUJUI' : 'DITOLAK',
        decidedBy: actor.userId,
        decidedAt: clock.now(),
        decisionNote: input.note || null,
      })
      .where('id', '=', id)
      .where('status', '=', 'DIAJUKAN')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw settledConflict((await current(trx, table, id))!, word);
  }

  /**
   * Set a request cancelled from the status it was read in, in `trx`: a conditional update (`… where status =
   * <as read> returning`), so of concurrent cancellations one writes and the others answer 409 naming it.
   */
  async function writeCancel(
    trx: Exec,
    table: 'permits' | 'corrections',
    rec: { id: string; status: string },
    actor: Actor,
    note: string,
    word: RequestWord,
  ) {
    const updated = await trx
      .updateTable(table)
      .set({
        status: 'DIBATALKAN',
        cancelledBy: actor.userId,
        cancelledAt: clock.now(),
        cancelNote: note || null,
      })
      .where('id', '=', rec.id)
      .where('status', '=', rec.status)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw settledConflict((await current(trx, table, rec.id))!, word);
  }

  /** Requests waiting for the caller's decision: pending requests of their staff (never their own). */
  async function inboxFilter(actor: Actor): Promise<RequestFilter | null> {
    const staff = (await staffOf(actor)).filter((id) => id !== actor.employeeId);
    return staff.length === 0 ? null : { employeeIds: staff, status: 'DIAJUKAN' };
  }

  /** The scoped list's filter for admin OPD / BKD / Inspektorat (permit.read). */
  async function listFilter(actor: Actor, q: ListQuery): Promise<RequestFilter> {
    const scope = requireAny(actor, 'permit.read');
    let unitPath: string | undefined;
    if (q.unitId) {
      const path = await repo.unitPath(q.unitId);
      if (!path) throw notFound('Unit');
      requireUnit(actor, 'permit.read', path);
      unitPath = path;
    }
    return { scope, unitPath, status: q.status, kind: q.kind, from: q.from, to: q.to, q: q.q };
  }

  // Who may open a request's file: the employee, their superior (incl. Plt/Plh) and permit.read in scope.
  files.registerOwner('permit', async (actor, id) => {
    const p = await repo.findPermit(id);
    if (!p) throw notFound('Permohonan izin');
    return mayRead(actor, p);
  });
  files.registerOwner('correction', async (actor, id) => {
    const c = await repo.findCorrection(id);
    if (!c) throw notFound('Koreksi presensi');
    return mayRead(actor, c);
  });

  /** Serve a request's file to those `mayRead` admits; every view is logged (UU 27/2022). */
  const serve = (actor: Actor, kind: 'permit' | 'correction', id: string) => files.view(actor, kind, id);

  return {
    staffOf,
    assertOpen,
    upload,
    requireOwnFile,
    attachFile,
    mayRead,
    checkDecision,
    checkCancel,
    writeDecision,
    writeCancel,
    inboxFilter,
    listFilter,
    serve,
  };
}

export type RequestSupport = ReturnType<typeof createRequestSupport>;

/** The paged lists of one kind of request: my requests, my inbox (and its count) and the scoped list. */
export function requestPages<Row, Item>(
  support: Pick<RequestSupport, 'inboxFilter' | 'listFilter'>,
  rows: {
    count: (f: RequestFilter) => Promise<number>;
    list: (f: RequestFilter, limit: number, offset: number) => Promise<Row[]>;
    toItem: (r: Row) => Item;
  },
) {
  const empty = (q: PageQuery) => ({ items: [] as Item[], total: 0, page: q.page, pageSize: q.pageSize });

  async function page(f: RequestFilter, pageNo: number, pageSize: number) {
    const [total, found] = await Promise.all([
      rows.count(f),
      rows.list(f, pageSize, (pageNo - 1) * pageSize),
    ]);
    return { items: found.map(rows.toItem), total, page: pageNo, pageSize };
  }

  async function mine(actor: Actor, q: PageQuery) {
    if (!actor.employeeId) return empty(q);
    return page({ employeeId: actor.employeeId }, q.page, q.pageSize);
  }

  async function inbox(actor: Actor, q: PageQuery) {
    const f = await support.inboxFilter(actor);
    if (!f) return empty(q);
    return page(f, q.page, q.pageSize);
  }

  async function inboxCount(actor: Actor) {
    const f = await support.inboxFilter(actor);
    return f ? rows.count(f) : 0;
  }

  /** The scoped list for admin OPD / BKD / Inspektorat (permit.read), paginated, with filters. */
  async function list(actor: Actor, q: ListQuery) {
    return page(await support.listFilter(actor, q), q.page, q.pageSize);
  }

  return { mine, inbox, inboxCount, list };
}
