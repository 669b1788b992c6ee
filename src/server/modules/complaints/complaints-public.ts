import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { readUpload } from '../../lib/multipart-upload.ts';
import {
  normaliseTrackingCode,
  spamVerdict,
  trackingCodeOf,
  type SpamVerdict,
} from '../../../core/oversight/complaints.ts';
import type {
  ComplaintForm,
  ComplaintSubmitInput,
  ComplaintSubmitted,
  ComplaintTrack,
} from '../../../shared/api/complaints.ts';
import type { ComplaintsContext } from './complaints-context.ts';

/** Who the audit log names for a citizen's step on the public page. */
const PUBLIC_ACTOR = { actorId: null, actorName: 'Masyarakat (halaman publik)', ip: null, userAgent: null };

const SPAM_MESSAGES: Record<Exclude<SpamVerdict, null>, string> = {
  HONEYPOT: 'Formulir tidak dapat diterima. Muat ulang halaman dan isi hanya kolom yang terlihat.',
  TOO_FAST: 'Formulir dikirim terlalu cepat setelah dibuka. Periksa isian Anda, lalu kirim lagi.',
  EXPIRED: 'Formulir sudah terlalu lama dibuka. Muat ulang halaman, lalu kirim lagi.',
  BAD_TOKEN: 'Token formulir tidak sah. Muat ulang halaman, lalu kirim lagi.',
};

export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * The public side (no account): the form's units and signed token, filing a complaint for a tracking code,
 * adding its photos, and following it by the code. Source: issue 18 point 2.
 */
export function createPublicSection(ctx: ComplaintsContext) {
  const { db, repo, audit, clock, config, files } = ctx;
  const key = config.complaints.formSecret ?? randomBytes(32).toString('hex');
  const sign = (issued: string) =>
    createHmac('sha256', key).update(`complaint-form:${issued}`).digest('base64url');

  /** The time a token was issued, or null when its signature does not verify. */
  function issuedAt(token: string): number | null {
    const [issued, mac] = token.split('.');
    if (!issued || !mac || !/^\d{1,15}$/.test(issued)) return null;
    const want = Buffer.from(sign(issued));
    const got = Buffer.from(mac);
    return want.length === got.length && timingSafeEqual(want, got) ? Number(issued) : null;
  }

  /** The form: a signed token of now (the minimum fill time counts from it) and the units by id and name only. */
  async function form(): Promise<ComplaintForm> {
    const issued = String(clock.now().getTime());
    return {
      token: `${issued}.${sign(issued)}`,
      maxPhotos: config.complaints.maxPhotos,
      photoMaxBytes: config.complaints.photoMaxBytes,
      units: await repo.publicUnits(),
    };
  }

  /**
   * Files a complaint: the spam check first (hidden field empty, form open long enough and not too long), the unit
   * named must exist; stored as plain text; BKD's complaint handlers are notified. The tracking code is answered
   * once and kept only as its hash.
   */
  async function submit(input: ComplaintSubmitInput): Promise<ComplaintSubmitted> {
    const now = clock.now();
    const verdict = spamVerdict({
      honeypot: input.website,
      issuedAtMs: issuedAt(input.token),
      nowMs: now.getTime(),
      minSeconds: config.complaints.formMinSeconds,
      maxSeconds: config.complaints.formMaxSeconds,
    });
    if (verdict)
      throw new AppError('VALIDATION', SPAM_MESSAGES[verdict], [{ path: 'token', message: verdict }]);
    if ((input.latitude === undefined) !== (input.longitude === undefined))
      throw fieldError('latitude', 'Lokasi harus berisi lintang dan bujur sekaligus');
    return db.transaction().execute(async (trx) => {
      const unit = await repo.unit(input.unitId, trx);
      if (!unit) throw fieldError('unitId', 'Unit kerja tidak ditemukan; pilih dari daftar');
      const code = trackingCodeOf(randomBytes(12));
      const id = await repo.insert(trx, {
        trackingHash: hashCode(code),
        channel: 'WEB',
        laporId: null,
        category: input.category,
        unitId: unit.id,
        reportedName: input.reportedName || null,
        title: input.title,
        description: input.description,
        incidentDate: input.incidentDate ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        reporterName: input.reporterName || null,
        reporterContact: input.reporterContact || null,
        receivedAt: now,
        now,
      });
      await repo.addEvent(trx, {
        complaintId: id,
        action: 'received',
        fromStatus: null,
        toStatus: 'DITERIMA',
        note: null,
        actorId: null,
        actorName: PUBLIC_ACTOR.actorName,
        at: now,
      });
      // The audit entry names what happened, never who reported (the reporter's identity stays in the row).
      await audit.record(trx, PUBLIC_ACTOR, {
        action: 'complaint.received',
        entityType: 'complaint',
        entityId: id,
        unitId: unit.id,
        after: { channel: 'WEB', category: input.category, title: input.title },
      });
      await ctx.notifyManagers(trx, id, unit.path, `Pengaduan baru: ${input.title}`, unit.name);
      return { trackingCode: code, receivedAt: now.toISOString() };
    });
  }

  async function byCode(code: string) {
    const canonical = normaliseTrackingCode(code);
    const c = canonical ? await repo.byTrackingHash(hashCode(canonical)) : null;
    if (!c || !canonical) throw notFound('Pengaduan dengan kode ini');
    return { c, canonical };
  }

  /** What the complainant sees: status, dates and the answer; no officials' notes, no employee data. */
  async function track(code: string): Promise<ComplaintTrack> {
    const { c, canonical } = await byCode(code);
    return {
      trackingCode: canonical,
      category: c.category,
      unitName: c.unitName,
      title: c.title,
      status: c.status,
      receivedAt: c.receivedAt.toISOString(),
      routedAt: c.routedAt?.toISOString() ?? null,
      dueOn: c.dueOn,
      answeredAt: c.answeredAt?.toISOString() ?? null,
      answer: c.answer,
      photoCount: (await repo.photos(c.id)).length,
    };
  }

  /**
   * Adds one photo to a complaint by its code while BKD has not routed it yet, up to COMPLAINT_MAX_PHOTOS: read
   * only up to COMPLAINT_PHOTO_MAX_BYTES (413 naming it), type from the content (JPEG, PNG, WebP), metadata
   * stripped, stored through the attachment service.
   */
  async function addPhoto(code: string, request: FastifyRequest): Promise<{ photoCount: number }> {
    const { c } = await byCode(code);
    if (c.status !== 'DITERIMA')
      throw new AppError('CONFLICT', 'Foto hanya dapat ditambahkan sebelum pengaduan diteruskan ke OPD');
    const existing = (await repo.photos(c.id)).length;
    if (existing >= config.complaints.maxPhotos)
      throw new AppError(
        'CONFLICT',
        `Pengaduan ini sudah memuat ${existing} foto (batas COMPLAINT_MAX_PHOTOS ${config.complaints.maxPhotos})`,
      );
    const up = await readUpload(request, {
      limit: { bytes: config.complaints.photoMaxBytes, name: 'COMPLAINT_PHOTO_MAX_BYTES' },
    });
    if (!up.file) throw fieldError('file', 'Pilih foto yang akan diunggah');
    const prepared = await files.prepare(
      { bytes: new Uint8Array(up.file.buf), fileName: up.file.name || null, declaredType: up.file.type },
      'complaint_photo',
    );
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const locked = await repo.get(c.id, trx, true);
      const count = (await repo.photos(c.id, trx)).length;
      if (!locked || locked.status !== 'DITERIMA' || count >= config.complaints.maxPhotos)
        throw new AppError('CONFLICT', 'Foto tidak dapat ditambahkan lagi pada pengaduan ini');
      await files.put(prepared);
      const photoId = await repo.addPhoto(trx, c.id, count + 1, now);
      await files.record(trx, prepared, { kind: 'complaint_photo', id: photoId, uploadedBy: null });
      await audit.record(trx, PUBLIC_ACTOR, {
        action: 'complaint.photo_added',
        entityType: 'complaint',
        entityId: c.id,
        unitId: c.unitId,
        after: { photo: count + 1, mime: prepared.mime, size: prepared.size, removed: prepared.removed },
      });
      return { photoCount: count + 1 };
    });
  }

  return { form, submit, track, addPhoto };
}
