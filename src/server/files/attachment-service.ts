import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../errors.ts';
import { readUpload } from '../lib/multipart-upload.ts';
import type { Actor } from '../auth/authz.ts';
import type { AuditService } from '../modules/audit/audit-service.ts';
import { localPhotoStore, type PhotoStore } from '../modules/attendance/photo-store.ts';
import { s3PhotoStore } from '../modules/attendance/s3-photo-store.ts';
import { adoptLegacyBlobs } from './legacy-blobs.ts';
import { createAttachmentRepo, type AttachmentRepo, type Exec } from './attachment-repo.ts';
import {
  ATTACHMENT_KINDS,
  MIME_LABEL,
  RETENTION_CLASSES,
  allowedText,
  type AttachmentKind,
  type AttachmentMime,
  type OwnerKind,
} from './kinds.ts';
import { sniff } from './sniff.ts';
import { BrokenImageError, stripMetadata } from './strip-metadata.ts';

/** A file as a route (or the demo loader) received it. */
export interface Upload {
  bytes: Uint8Array;
  fileName: string | null;
  /** The type the browser declared: only quoted back in a refusal, never trusted. */
  declaredType?: string | null;
}

/** An upload checked and stripped, ready to store: its bytes are what will be kept and served. */
export interface PreparedAttachment {
  kind: AttachmentKind;
  mime: AttachmentMime;
  bytes: Uint8Array;
  sha256: string;
  size: number;
  fileName: string | null;
  /** The metadata segments removed ("APP1", "tEXt" …). */
  removed: string[];
}

/** What a row says of a stored content. */
type StoredMeta = Pick<PreparedAttachment, 'kind' | 'mime' | 'sha256' | 'size' | 'fileName'>;

/**
 * The owning module's answer to "may this actor see this record?": true, false (403), or its own refusal thrown
 * as an AppError (e.g. a 404 that does not reveal the record).
 */
export type CanView = (actor: Actor, ownerId: string) => Promise<boolean>;

/** Where a refused view is reported: the server log (a refusal writes nothing to the database). */
export interface DeniedViewLog {
  warn(obj: object, msg: string): void;
}

type Deps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  config: Pick<Config, 'attachmentMaxBytes' | 'attachmentRetentionDays'>;
  /** Content-addressed store (the photo store's interface: local folder or S3 bucket). */
  store: PhotoStore;
  repo?: AttachmentRepo;
};

/** Arbitrary advisory-lock key: one retention run at a time over all server processes. */
const PURGE_LOCK_KEY = 7_426_014;
/** Rows purged per class and run (the job runs daily; a backlog drains over several runs). */
const PURGE_BATCH = 5000;

/**
 * The attachment store: on the punch photos' backend (PHOTO_STORE), apart from them: `PHOTO_DIR/attachments` or
 * `attachments/` in the S3 bucket (so the photo retention never touches an attachment of the same content).
 */
export function attachmentStoreOf(config: Pick<Config, 's3' | 'photoDir'>): PhotoStore {
  return config.s3
    ? s3PhotoStore(config.s3, undefined, 'attachments')
    : localPhotoStore(path.join(config.photoDir, 'attachments'));
}

/** The folders of PHOTO_DIR where leave and permit files were kept before issue 14. */
export const legacyDirsOf = (config: Pick<Config, 'photoDir'>) => [
  path.join(config.photoDir, 'request-files'),
  path.join(config.photoDir, 'leave-files'),
];

const sha256Of = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A file name as given, without control characters or path separators, at most 200 characters. */
function cleanName(name: string | null | undefined): string | null {
  const n = (name ?? '')
    .replace(/[\p{Cc}\p{Cf}/\\]/gu, '')
    .trim()
    .slice(0, 200);
  return n || null;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 });

/**
 * The one attachment service of every module (issue 14 point 3): the multipart file read with the configured
 * limit, the content type judged from the bytes against the kinds a use accepts, image metadata stripped,
 * the bytes stored once by SHA-256 in the file store, a row per attachment naming its owning record, views
 * checked by the owning module's own access rule and logged, and bytes deleted when their retention ends.
 */
export function createAttachmentService(deps: Deps) {
  const { db, clock, audit, config, store } = deps;
  const repo = deps.repo ?? createAttachmentRepo(db);
  const owners = new Map<OwnerKind, { label: string; canView: CanView }>();
  let log: DeniedViewLog = { warn: () => undefined };

  /**
   * The owning module registers who may see its records' attachments (called when the module is built).
   * `label` names the file in messages ("Lampiran", "Berkas").
   */
  function registerOwner(kind: OwnerKind, canView: CanView, label = 'Berkas') {
    owners.set(kind, { label, canView });
  }

  /**
   * The fields and the file of a multipart request, read only up to ATTACHMENT_MAX_BYTES (413 FILE_TOO_LARGE
   * naming it, nothing stored); not multipart: 415; a broken body: 400.
   */
  async function read(
    request: FastifyRequest,
    opts: { fileField?: string; fields?: string[] } = {},
  ): Promise<{ fields: Record<string, string>; file: Upload | null }> {
    const up = await readUpload(request, {
      ...opts,
      limit: { bytes: config.attachmentMaxBytes, name: 'ATTACHMENT_MAX_BYTES' },
    });
    return {
      fields: up.fields,
      file: up.file
        ? { bytes: new Uint8Array(up.file.buf), fileName: up.file.name || null, declaredType: up.file.type }
        : null,
    };
  }

  /**
   * Check an upload for a use and strip it: empty (400), over ATTACHMENT_MAX_BYTES (413), content not of a kind
   * the use accepts (415, naming what the content is: an executable is called one), a broken image (415).
   * Nothing is stored here. `path` is the request field named in a 400.
   */
  async function prepare(upload: Upload, kind: AttachmentKind, path = 'file'): Promise<PreparedAttachment> {
    const rule = ATTACHMENT_KINDS[kind];
    const name = cleanName(upload.fileName);
    if (upload.bytes.length === 0) throw fieldError(path, `${rule.label}: berkas kosong`);
    if (upload.bytes.length > config.attachmentMaxBytes)
      throw new AppError(
        'FILE_TOO_LARGE',
        `Berkas melebihi batas ATTACHMENT_MAX_BYTES (${mb(config.attachmentMaxBytes)} MB); tidak ada data yang disimpan.`,
        { limit: 'ATTACHMENT_MAX_BYTES', max: config.attachmentMaxBytes, size: upload.bytes.length },
      );
    const found = await sniff(upload.bytes);
    const details = {
      path,
      fileName: name,
      declaredType: upload.declaredType || null,
      detected: found.mime ?? found.detected,
      allowed: rule.allowed,
    };
    if (found.executable)
      throw new AppError(
        'UNSUPPORTED_FILE',
        `Isi berkas${name ? ` "${name}"` : ''} adalah ${found.detected}, bukan dokumen atau gambar; berkas ditolak dan tidak disimpan. ${rule.label} harus berupa ${allowedText(rule.allowed)}.`,
        details,
      );
    if (!found.mime || !(rule.allowed as readonly string[]).includes(found.mime))
      throw new AppError(
        'UNSUPPORTED_FILE',
        `${rule.label} harus berupa ${allowedText(rule.allowed)}; isi berkas${name ? ` "${name}"` : ''} ${
          found.mime
            ? `adalah ${MIME_LABEL[found.mime]}`
            : found.detected
              ? `adalah ${found.detected}`
              : 'tidak dikenali'
        } (jenis dinilai dari isinya, bukan nama atau jenis yang dinyatakan). Berkas tidak disimpan.`,
        details,
      );
    let stripped;
    try {
      stripped = stripMetadata(upload.bytes, found.mime);
    } catch (err) {
      if (!(err instanceof BrokenImageError)) throw err;
      throw new AppError(
        'UNSUPPORTED_FILE',
        `Gambar ${MIME_LABEL[found.mime]} rusak (${err.message}); simpan ulang atau pindai lagi. Berkas tidak disimpan.`,
        details,
      );
    }
    return {
      kind,
      mime: found.mime,
      bytes: stripped.bytes,
      sha256: sha256Of(stripped.bytes),
      size: stripped.bytes.length,
      fileName: name,
      removed: stripped.removed,
    };
  }

  /** Store the bytes by their SHA-256 (the same content is one file, whoever sends it and how often). */
  async function put(p: PreparedAttachment) {
    await store.put(p.sha256, p.bytes);
  }

  /** The row of an owned attachment, written in the caller's transaction (its record is written there too). */
  async function record(
    exec: Exec,
    p: StoredMeta,
    owner: { kind: OwnerKind; id: string; uploadedBy: string | null },
  ) {
    const rule = ATTACHMENT_KINDS[p.kind];
    if (rule.owner !== owner.kind) throw new Error(`attachment kind ${p.kind} is not owned by ${owner.kind}`);
    return repo.insert(
      {
        ownerKind: owner.kind,
        ownerId: owner.id,
        kind: p.kind,
        mime: p.mime,
        sizeBytes: p.size,
        sha256: p.sha256,
        fileName: p.fileName,
        uploadedBy: owner.uploadedBy,
        createdAt: clock.now(),
        retentionClass: rule.retention,
      },
      exec,
    );
  }

  /**
   * An upload that a request will cite later (`request_upload`): checked, stripped, stored, and recorded as
   * waiting for its uploader (the same content twice is one row and one file).
   */
  async function stage(actor: Actor, upload: Upload, path = 'file') {
    const p = await prepare(upload, 'request_upload', path);
    await put(p);
    await repo.upsertWaiting({
      ownerKind: null,
      ownerId: null,
      kind: p.kind,
      mime: p.mime,
      sizeBytes: p.size,
      sha256: p.sha256,
      fileName: p.fileName,
      uploadedBy: actor.userId,
      createdAt: clock.now(),
      retentionClass: ATTACHMENT_KINDS.request_upload.retention,
    });
    return { hash: p.sha256, mime: p.mime, sizeBytes: p.size };
  }

  /** A request may cite only an upload of its own caller (nobody cites, then reads, another's file). */
  async function requireWaiting(actor: Actor, sha256: string, path: string, exec: Exec = db) {
    if (!(await repo.waiting(sha256, actor.userId, exec)))
      throw new AppError('VALIDATION', 'Berkas belum diunggah', [
        { path, message: 'Unggah berkas lebih dulu' },
      ]);
  }

  /** The cited upload becomes the record's attachment of `kind`, in the caller's transaction. */
  async function attachWaiting(
    exec: Exec,
    cite: { sha256: string; uploadedBy: string; kind: AttachmentKind; owner: OwnerKind; ownerId: string },
  ) {
    const up = await repo.waiting(cite.sha256, cite.uploadedBy, exec);
    if (!up)
      throw new AppError('VALIDATION', 'Berkas belum diunggah', [
        { path: 'file', message: 'Unggah berkas lebih dulu' },
      ]);
    return record(
      exec,
      {
        kind: cite.kind,
        mime: up.mime as AttachmentMime,
        sha256: up.sha256,
        size: up.sizeBytes,
        fileName: up.fileName,
      },
      { kind: cite.owner, id: cite.ownerId, uploadedBy: cite.uploadedBy },
    );
  }

  /**
   * Serve a record's attachment: the owning module's own check first (a refusal is logged with the viewer and
   * the reason, and writes nothing), then the bytes; every view is logged in `attachment_views`.
   */
  async function view(actor: Actor, ownerKind: OwnerKind, ownerId: string) {
    const owner = owners.get(ownerKind);
    if (!owner) throw new Error(`no access rule registered for ${ownerKind} attachments`);
    const denied = (reason: string) =>
      log.warn(
        {
          event: 'attachment_view_denied',
          ownerKind,
          ownerId,
          viewerId: actor.userId,
          viewer: actor.username,
          reason,
          ip: actor.ip,
          userAgent: actor.userAgent,
          at: clock.now().toISOString(),
        },
        'Akses lampiran ditolak',
      );
    let allowed: boolean;
    try {
      allowed = await owner.canView(actor, ownerId);
    } catch (err) {
      denied(err instanceof AppError ? err.code : 'ERROR');
      throw err;
    }
    if (!allowed) {
      denied('FORBIDDEN');
      throw forbidden(`Anda tidak berwenang melihat ${owner.label.toLowerCase()} ini`);
    }
    const row = await repo.ofOwner(ownerKind, ownerId);
    if (!row) throw notFound(owner.label);
    if (row.purgedAt) throw new AppError('NOT_FOUND', `${owner.label} sudah dihapus sesuai masa retensi`);
    const bytes = await store.get(row.sha256);
    if (!bytes) throw notFound(owner.label);
    await repo.logView({
      attachmentId: row.id,
      ownerKind,
      ownerId,
      sha256: row.sha256,
      viewerId: actor.userId,
      viewedAt: clock.now(),
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
    return { bytes, mime: row.mime, fileName: row.fileName };
  }

  /**
   * Retention (ATTACHMENT_RETENTION_DAYS per class): rows older than their class's period are marked purged
   * (the row stays: the record still says it had a file), and the bytes of each content no kept row refers to
   * any more are deleted from the store. An advisory lock keeps several server processes from running it at
   * once; audited. Returns how many rows were purged. Source: issue 14 point 3 (retention by kind).
   */
  async function purgeExpired(): Promise<number> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const lock = await sql<{
        ok: boolean;
      }>`select pg_try_advisory_xact_lock(${PURGE_LOCK_KEY}) as ok`.execute(trx);
      if (!lock.rows[0]?.ok) return 0;
      const perClass: Record<string, number> = {};
      const rows: { id: string; sha256: string }[] = [];
      for (const cls of RETENTION_CLASSES) {
        const cutoff = new Date(now.getTime() - config.attachmentRetentionDays[cls] * 86_400_000);
        const found = await repo.expired(cls, cutoff, PURGE_BATCH, trx);
        if (found.length === 0) continue;
        await repo.markPurged(
          found.map((r) => r.id),
          now,
          trx,
        );
        perClass[cls] = found.length;
        rows.push(...found);
      }
      if (rows.length === 0) return 0;
      const contents = [...new Set(rows.map((r) => r.sha256))];
      const kept = await repo.stillKept(contents, trx);
      const gone = contents.filter((h) => !kept.has(h));
      for (const h of gone) await store.delete(h);
      await audit.record(
        trx,
        { actorId: null, actorName: 'Sistem (retensi lampiran)', ip: null, userAgent: null },
        {
          action: 'attachment.purged',
          entityType: 'attachment',
          after: {
            count: rows.length,
            perClass,
            filesDeleted: gone.length,
            retentionDays: config.attachmentRetentionDays,
          },
        },
      );
      return rows.length;
    });
  }

  return {
    registerOwner,
    read,
    prepare,
    put,
    record,
    stage,
    requireWaiting,
    attachWaiting,
    view,
    purgeExpired,
    /** Move the files kept before issue 14 into the store (at start; `legacy-blobs.ts`). */
    adoptLegacy: (dirs: string[]) => adoptLegacyBlobs(dirs, store),
    /** The server's logger receives refused views (buildApp sets it). */
    setLogger: (l: DeniedViewLog) => {
      log = l;
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
