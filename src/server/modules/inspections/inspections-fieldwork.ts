import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Upload } from '../../files/attachment-service.ts';
import { MAX_FINDING_PHOTOS, type ChecklistCategory, type Stored } from '../../../shared/api/inspections.ts';
import type { InspectionsContext, InspectionsDeps } from './inspections-context.ts';

/** A client's time: kept when it is a real time not after the server's (a phone's clock may run ahead). */
const clientTime = (iso: string | undefined, now: Date) => {
  const t = iso ? new Date(iso) : null;
  return t && !Number.isNaN(t.getTime()) && t <= now ? t : now;
};

/**
 * The work on the day, also sent from the phone's offline queue: presence marks and findings, each with an id the
 * phone generated so a re-sent item is stored exactly once (the repeat answers `duplicate: true`), and photos of a
 * finding (one per content). Source: issue 18 point 1 and "Bad input".
 */
export function createFieldworkSection(deps: InspectionsDeps, ctx: InspectionsContext) {
  const { db, repo, audit, clock, files } = deps;

  /** POST /api/inspections/:id/marks: a team member marks whether an employee of the roster was found at post. */
  async function mark(
    actor: Actor,
    id: string,
    body: {
      id: string;
      employeeId: string;
      found: boolean;
      note?: string | null | undefined;
      markedAt?: string | undefined;
    },
  ): Promise<Stored> {
    return db.transaction().execute(async (trx) => {
      const l = await ctx.load(actor, id, trx);
      ctx.requireWorking(actor, l);
      const r = await repo.rosterRow(trx, id, body.employeeId);
      if (!r) throw fieldError('employeeId', 'Pegawai tidak ada dalam daftar pegawai unit yang disidak');
      if (!inScope(scopeOf(actor, 'inspections.write'), r.unitPath))
        throw forbidden('Unit pegawai ini berada di luar kewenangan Anda');
      const now = clock.now();
      const res = await repo.insertMark(trx, {
        id: body.id,
        inspectionId: id,
        employeeId: body.employeeId,
        found: body.found,
        note: body.note ?? null,
        markedBy: actor.userId,
        markedAt: clientTime(body.markedAt, now),
        receivedAt: now,
      });
      if (!res.inserted) {
        if (res.inspectionId !== id || res.employeeId !== body.employeeId)
          throw new AppError('CONFLICT', 'Pengenal penandaan ini sudah dipakai untuk data lain');
        return { id: body.id, duplicate: true };
      }
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_mark.recorded',
        entityType: 'inspection_mark',
        entityId: body.id,
        unitId: r.unitId,
        after: { inspectionId: id, employeeId: body.employeeId, found: body.found, note: body.note ?? null },
      });
      return { id: body.id, duplicate: false };
    });
  }

  /**
   * POST /api/inspections/:id/findings: a finding against the checklist in a unit of the inspection. A unit
   * outside the caller's scope: 403; a unit not in this inspection, an employee not of that unit's roster, an
   * unknown or retired checklist item: 422-style field errors (400 VALIDATION with the field). Nothing is stored
   * on a refusal.
   */
  async function finding(
    actor: Actor,
    id: string,
    body: {
      id: string;
      unitId: string;
      checklistItemId?: string | null | undefined;
      category?: ChecklistCategory | undefined;
      employeeId?: string | null | undefined;
      note: string;
      recordedAt?: string | undefined;
    },
  ): Promise<Stored> {
    return db.transaction().execute(async (trx) => {
      const l = await ctx.load(actor, id, trx);
      ctx.requireWorking(actor, l);
      const unit = await repo.unit(body.unitId, trx);
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      if (!inScope(scopeOf(actor, 'inspections.write'), unit.path))
        throw forbidden(`${unit.name} berada di luar kewenangan Anda; temuan tidak dicatat`);
      if (!l.units.some((u) => u.id === unit.id))
        throw fieldError(
          'unitId',
          `${unit.name} bukan unit yang diperiksa dalam sidak ini; temuan tidak dicatat`,
        );
      let category: ChecklistCategory = body.category ?? 'OTHER';
      if (body.checklistItemId) {
        const c = await repo.checklistItem(body.checklistItemId, trx);
        if (!c || !c.active)
          throw fieldError('checklistItemId', 'Butir daftar periksa tidak ditemukan atau tidak aktif');
        category = c.category as ChecklistCategory;
      }
      if (body.employeeId) {
        const r = await repo.rosterRow(trx, id, body.employeeId);
        if (!r || (r.unitId !== unit.id && !r.unitPath.startsWith(unit.path)))
          throw fieldError(
            'employeeId',
            `Pegawai tidak ada dalam daftar pegawai ${unit.name} pada sidak ini`,
          );
      }
      const now = clock.now();
      const res = await repo.insertFinding(trx, {
        id: body.id,
        inspectionId: id,
        unitId: unit.id,
        checklistItemId: body.checklistItemId ?? null,
        category,
        employeeId: body.employeeId ?? null,
        note: body.note,
        recordedBy: actor.userId,
        recordedAt: clientTime(body.recordedAt, now),
        receivedAt: now,
      });
      if (!res.inserted) {
        if (res.inspectionId !== id)
          throw new AppError('CONFLICT', 'Pengenal temuan ini sudah dipakai untuk data lain');
        return { id: body.id, duplicate: true };
      }
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_finding.recorded',
        entityType: 'inspection_finding',
        entityId: body.id,
        unitId: unit.id,
        after: { inspectionId: id, category, employeeId: body.employeeId ?? null, note: body.note },
      });
      return { id: body.id, duplicate: false };
    });
  }

  /**
   * POST /api/inspections/:id/findings/:findingId/photos: a photo of a finding (JPEG, PNG or WebP judged from the
   * content, metadata stripped, at most ATTACHMENT_MAX_BYTES: 413/415 otherwise, nothing stored). The same photo
   * sent again is stored once. At most MAX_FINDING_PHOTOS per finding.
   */
  async function addPhoto(
    actor: Actor,
    id: string,
    findingId: string,
    upload: Upload | null,
  ): Promise<Stored> {
    const l = await ctx.load(actor, id);
    ctx.requireWorking(actor, l);
    if (!upload) throw fieldError('file', 'Pilih foto temuan');
    const prepared = await files.prepare(upload, 'inspection_photo');
    return db.transaction().execute(async (trx) => {
      const again = await ctx.load(actor, id, trx);
      ctx.requireWorking(actor, again);
      const f = await repo.finding(findingId, trx, true);
      if (!f || f.inspectionId !== id) throw notFound('Temuan');
      const count = await repo.photoCount(trx, findingId);
      const res = await repo.insertPhoto(trx, findingId, prepared.sha256, clock.now());
      if (!res.inserted) return { id: res.id, duplicate: true };
      if (count >= MAX_FINDING_PHOTOS)
        throw fieldError('file', `Paling banyak ${MAX_FINDING_PHOTOS} foto per temuan`);
      await files.put(prepared);
      await files.record(trx, prepared, { kind: 'inspection_photo', id: res.id, uploadedBy: actor.userId });
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_finding.photo_added',
        entityType: 'inspection_finding',
        entityId: findingId,
        unitId: f.unitId,
        after: { photoId: res.id, sha256: prepared.sha256, size: prepared.size },
      });
      return { id: res.id, duplicate: false };
    });
  }

  /** GET …/photos/:photoId: the photo, for whoever may see the inspection (every view logged by the files layer). */
  async function photo(actor: Actor, id: string, findingId: string, photoId: string) {
    const p = await repo.photo(photoId);
    if (!p || p.findingId !== findingId || p.inspectionId !== id) throw notFound('Foto temuan');
    return files.view(actor, 'inspection_photo', photoId);
  }

  /** The files layer's access rule for a photo: the inspection is visible to the viewer. */
  async function canViewPhoto(actor: Actor, photoId: string) {
    const p = await repo.photo(photoId);
    if (!p) throw notFound('Foto temuan');
    await ctx.load(actor, p.inspectionId);
    return true;
  }

  return { mark, finding, addPhoto, photo, canViewPhoto };
}
