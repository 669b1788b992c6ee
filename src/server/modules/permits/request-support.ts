import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { inScope, scopeOf, type Actor } from '../access/authz.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { PhotoStore } from '../attendance/photo-store.ts';
import { detectImageType } from '../../lib/image.ts';
import { toZoned } from '../../../core/common/zoned-time.ts';
import { eachDay } from '../../../core/common/local-date.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { Exec, PermitsRepo } from './permits-repo.ts';

/** Largest letter / evidence upload (a scanned page or a phone photo). A technical limit, not a regulation. */
export const MAX_REQUEST_FILE_BYTES = 5 * 1024 * 1024;

/** An uploaded file as the route received it. */
export interface UploadedFile {
  bytes: Uint8Array;
  fileName: string | null;
}

export const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

/** The file type by magic bytes: PDF, JPEG, PNG or WebP; null otherwise (never the name or the browser's word). */
export function detectRequestFileType(b: Uint8Array): string | null {
  if (b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  return detectImageType(b);
}

/** The months ('YYYY-MM') a date range touches. */
export const monthsOf = (from: string, to: string) => [
  ...new Set(eachDay(from, to).map((d) => d.slice(0, 7))),
];

/**
 * What permits and corrections share: who supervises whom (direct superior plus positions held as Plt/Plh),
 * closed months, uploads by content hash and their guarded, logged download.
 */
export function createRequestSupport(deps: { db: Db; repo: PermitsRepo; clock: Clock; files: PhotoStore }) {
  const { db, repo, clock, files } = deps;

  /** The employees the actor supervises today: direct staff and the staff of positions held as Plt/Plh. */
  async function staffOf(actor: Actor): Promise<string[]> {
    if (!actor.employeeId) return [];
    const date = toZoned(clock.now().getTime(), 'Asia/Jakarta').date;
    const holders = await repo.actingHolders(actor.employeeId, date);
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

  /** Store an upload by its SHA-256 (same bytes = same file), recorded for its uploader. */
  async function upload(actor: Actor, file: UploadedFile) {
    if (file.bytes.length === 0) throw new AppError('VALIDATION', 'Berkas kosong');
    if (file.bytes.length > MAX_REQUEST_FILE_BYTES)
      throw new AppError(
        'FILE_TOO_LARGE',
        `Berkas terlalu besar (${(file.bytes.length / 1e6).toFixed(1)} MB); batasnya ${MAX_REQUEST_FILE_BYTES / 1e6} MB`,
      );
    const mime = detectRequestFileType(file.bytes);
    if (!mime) throw new AppError('UNSUPPORTED_FILE', 'Berkas harus PDF, JPEG, PNG atau WebP');
    const hash = createHash('sha256').update(file.bytes).digest('hex');
    await files.put(hash, file.bytes);
    await repo.insertFile({
      hash,
      uploadedBy: actor.userId,
      mime,
      sizeBytes: file.bytes.length,
      fileName: file.fileName?.slice(0, 200) ?? null,
    });
    return { hash, mime, sizeBytes: file.bytes.length };
  }

  /** The file a request cites must be one the caller uploaded (nobody cites, then reads, another's file). */
  async function requireOwnFile(actor: Actor, hash: string, path: string, exec: Exec = db) {
    if (!(await repo.file(hash, actor.userId, exec)))
      throw new AppError('VALIDATION', 'Berkas belum diunggah', [
        { path, message: 'Unggah berkas lebih dulu' },
      ]);
  }

  /**
   * Serve a request's file to the employee, their superior (incl. Plt/Plh) and permit.read in scope; every view
   * is logged (UU 27/2022).
   */
  async function serve(
    actor: Actor,
    rec: { id: string; employeeId: string; unitPath: string; hash: string | null },
    entityType: 'permit' | 'correction',
    ctx: AuditContext,
  ) {
    const allowed =
      rec.employeeId === actor.employeeId ||
      (await staffOf(actor)).includes(rec.employeeId) ||
      inScope(scopeOf(actor, 'permit.read'), rec.unitPath);
    if (!allowed) throw forbidden('Anda tidak berwenang melihat berkas ini');
    if (!rec.hash) throw notFound('Berkas');
    const meta = await repo.anyFile(rec.hash);
    const bytes = meta ? await files.get(rec.hash) : null;
    if (!meta || !bytes) throw notFound('Berkas');
    await repo.logView(db, {
      fileHash: rec.hash,
      entityType,
      entityId: rec.id,
      viewerId: actor.userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { bytes, mime: meta.mime };
  }

  return { staffOf, assertOpen, upload, requireOwnFile, serve };
}

export type RequestSupport = ReturnType<typeof createRequestSupport>;
