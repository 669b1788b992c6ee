import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditContext, AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, scopeOf, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { AttendanceRepo, PunchFilter, PunchViewRow } from './attendance-repo.ts';
import type { PhotoStore } from './photo-store.ts';
import type { KioskService } from './kiosk-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import type { RosterService } from '../rosters/roster-service.ts';
import { addDays } from '../../../core/common/local-date.ts';
import type { DeferredSession } from '../../auth/session-sql.ts';
import { isValidPublicJwk, jwkThumbprint, verifyDeviceSignature, type PublicJwk } from './device-crypto.ts';
import { detectImageType, ImageFormatError, stripImageMetadata } from '../../lib/image.ts';
import {
  canonicalPunchPayload,
  type AttendanceToday,
  type Device,
  type Punch,
  type PunchBody,
} from '../../../shared/api/attendance.ts';
import type { z } from 'zod';
import type {
  deviceDecisionSchema,
  deviceListQuerySchema,
  deviceRegisterSchema,
  fieldAssignmentInputSchema,
  punchListQuerySchema,
  reviewBodySchema,
  workLocationInputSchema,
} from '../../../shared/api/attendance.ts';
import {
  judgePunch,
  type AllowedPlace,
  type DeviceState,
  type PunchFacts,
  type PunchVerdict,
} from '../../../core/attendance/judge-punch.ts';
import { isValidPolygon } from '../../../core/geo/geo.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  INDONESIAN_TIME_ZONES,
  ZONE_LABEL,
  formatHhmm,
  toZoned,
  type IndonesianTimeZone,
} from '../../../core/common/zoned-time.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import { resolveDaySchedule } from '../../../core/schedule/resolve-schedule.ts';
import { classifyDay } from '../../../core/attendance/classify-day.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { decidedByText } from '../../../core/common/instant-text.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import { messages } from '../../lib/notification-messages.ts';
import { afterCommit } from '../../db/unit-of-work.ts';

type Deps = {
  db: Db;
  repo: AttendanceRepo;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion' | 'photoRetentionDays'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  photos: PhotoStore;
  kiosk: Pick<KioskService, 'checkCode'>;
  /** Days whose stored status a punch or a review changes (the punch's day and the day before, for night shifts). */
  statuses?: Pick<StatusService, 'markDirty'>;
  /** The shift roster: the Presensi page shows the rostered shift (or day off) of the day. */
  rosters?: Pick<RosterService, 'rosterLines'>;
  /** A flagged punch or a phone change waiting for its decider, a decision for the employee (issue 13). */
  notifications?: Pick<NotificationService, 'notify' | 'punchFlagged' | 'deviceChangeRequested'>;
  /** Who acts (Plt/Plh) for whom on the actor's own day (src/server/relations). */
  relations: Pick<RelationsService, 'actingForToday'>;
  /** Told the verdict of every punch stored by a check-in, once it is committed (the metrics count them). */
  onVerdict?: (verdict: PunchVerdict) => void;
};

/** An uploaded photo as the route received it. */
export interface UploadedPhoto {
  bytes: Uint8Array;
}

const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

/** Audit action of each device decision. */
const DEVICE_DECISION_ACTIONS = {
  APPROVE: 'device.approved',
  REJECT: 'device.rejected',
  REVOKE: 'device.revoked',
} as const;

/** Arbitrary advisory-lock key of the photo purge job. */
const PURGE_LOCK_KEY = 7_426_101;

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/**
 * Attendance capture: the Presensi page's day, devices bound to employees, punches judged on arrival by the
 * rules core and stored append-only with their evidence, photos served only to those who may see them (every
 * view logged), and the review of flagged punches by the direct superior (incl. Plt/Plh) or admin OPD.
 */
export function createAttendanceService(deps: Deps) {
  const { db, repo, audit, clock, config, rulebooks, photos, kiosk, statuses, rosters, notifications } = deps;

  const rulesOn = (date: string) => rulebooks.rulesOn(config.rulebookRegion, date);

  async function employeeOf(actor: Actor) {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat melakukan presensi');
    const emp = await repo.employeeContext(actor.employeeId);
    if (!emp) throw notFound('Pegawai');
    return emp;
  }

  /** Where the employee may punch on the date: the unit's offices, the day's dinas luar, WFH/WFA places. */
  async function placesFor(emp: { id: string; unitPath: string }, date: string, rules: GeofenceRules) {
    const [offices, assignments, locations] = await Promise.all([
      repo.officesFor(emp.unitPath),
      repo.fieldAssignmentsOn(emp.id, date),
      repo.workLocationsOn(emp.id, date),
    ]);
    return allowedPlaces({ offices, assignments, locations }, rules);
  }

  function toPunch(r: PunchViewRow): Punch {
    const effective = (r.reviewDecision ?? r.verdict) as Punch['verdict'];
    return {
      id: r.id,
      employeeId: r.employeeId,
      employeeName: nameOf(r),
      nip: r.nip,
      unitId: r.unitId,
      unitName: r.unitName,
      kind: r.kind as Punch['kind'],
      source: r.source as Punch['source'],
      occurredAt: r.occurredAt.toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      localDate: r.localDate,
      timeZone: r.timeZone,
      verdict: r.verdict as Punch['verdict'],
      effectiveVerdict: effective,
      reasons: r.reasons as Punch['reasons'],
      location:
        r.lat !== null && r.lon !== null
          ? { lat: r.lat, lon: r.lon, accuracyM: r.accuracyM, mocked: r.mockLocation ?? false }
          : null,
      place: r.placeKind
        ? { kind: r.placeKind as 'OFFICE', label: r.placeLabel ?? '', distanceM: r.distanceM }
        : null,
      hasPhoto: r.photoHash !== null,
      deviceLabel: r.deviceLabel,
      terminalSerial: r.terminalSerial,
      review: r.reviewDecision
        ? {
            decision: r.reviewDecision as 'ACCEPTED' | 'REJECTED',
            note: r.reviewNote ?? '',
            decidedBy: r.reviewDecidedBy ?? '',
            decidedAt: r.reviewDecidedAt!.toISOString(),
          }
        : null,
    };
  }

  type DeviceRow = Awaited<ReturnType<ReturnType<AttendanceRepo['deviceView']>['execute']>>[number];
  function toDevice(d: DeviceRow): Device {
    return {
      id: d.id,
      employeeId: d.employeeId,
      employeeName: nameOf(d),
      nip: d.nip,
      unitName: d.unitName,
      label: d.label,
      platform: d.platform,
      status: d.status as Device['status'],
      requestReason: d.requestReason,
      decisionNote: d.decisionNote,
      keyThumbprint: d.keyThumbprint,
      lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    };
  }

  /**
   * The employees the actor supervises on their own today: direct staff and the staff of positions held as
   * Plt/Plh (src/server/relations).
   */
  async function staffOf(actor: Actor): Promise<string[]> {
    if (!actor.employeeId) return [];
    const holders = await deps.relations.actingForToday(actor.employeeId);
    return repo.staffOf([actor.employeeId, ...holders]);
  }

  // ---------------------------------------------------------------- today

  /** The Presensi page's day: server time, places with fences, rules to show, device, punches, status. */
  async function today(actor: Actor): Promise<AttendanceToday> {
    const emp = await employeeOf(actor);
    const now = clock.now().getTime();
    const zone = emp.timeZone as IndonesianTimeZone;
    const date = toZoned(now, zone).date;
    const rules = await rulesOn(date);
    const [places, punchRows, devices, roster] = await Promise.all([
      placesFor(emp, date, rules.capture),
      repo.listPunches({ employeeId: emp.id, from: date, to: date }, 100, 0),
      repo
        .deviceView()
        .where('d.employeeId', '=', emp.id)
        .where('d.status', 'in', ['ACTIVE', 'PENDING'])
        .execute(),
      rosters?.rosterLines([emp.id], date, date) ?? [],
    ]);
    const punches = punchRows.map(toPunch);
    let status: AttendanceToday['status'] = null;
    let schedule: AttendanceToday['schedule'] = null;
    try {
      const calendar = buildCalendar(rules.calendar, { unitCode: emp.unitCode, zone });
      const day = resolveDaySchedule({
        rules: rules.schedule,
        calendar,
        date,
        zone,
        unitCode: emp.unitCode,
        employeeNip: emp.nip ?? '',
        roster,
      });
      if (day) schedule = { start: formatHhmm(day.start), end: formatHhmm(day.end) };
      const s = classifyDay({
        date,
        zone,
        schedule: day,
        dayType: calendar.dayType(date),
        holidayName: calendar.holidayName(date) ?? undefined,
        punches: punches
          .filter((p) => p.effectiveVerdict !== 'REJECTED')
          .map((p) => ({ at: Date.parse(p.occurredAt), source: p.source })),
        absences: [],
        rules: rules.attendance,
      });
      const minuteNow = toZoned(now, zone).minute;
      const counted = punches.filter((p) => p.effectiveVerdict !== 'REJECTED');
      if (day && minuteNow < day.end && counted.length === 0) {
        // The working day is still running: not yet absent, only not yet checked in.
        status = {
          code: 'BELUM',
          label: 'Belum presensi',
          reason: `Hari kerja sedang berjalan (${schedule!.start}–${schedule!.end}); belum ada presensi masuk`,
          lateMinutes: 0,
          earlyMinutes: 0,
        };
      } else if (day && minuteNow < day.end) {
        // Checked in, the day not over: show the arrival, not an early leave that has not happened.
        status = {
          code: s.code,
          label: [s.code, s.lateBand].filter(Boolean).join(' · '),
          reason:
            `${s.reasons.filter((r) => !/pulang|PSW/i.test(r)).join('; ')}; presensi pulang setelah ${schedule!.end}`.replace(
              /^; /,
              '',
            ),
          lateMinutes: s.lateMinutes,
          earlyMinutes: 0,
        };
      } else
        status = {
          code: s.code,
          label: [s.code, s.lateBand, s.earlyBand].filter(Boolean).join(' · '),
          reason: s.reasons.join('; '),
          lateMinutes: s.lateMinutes,
          earlyMinutes: s.earlyMinutes,
        };
    } catch {
      // A calendar year missing from the rulebook: the page still works, without a status.
    }
    const device = devices.find((d) => d.status === 'ACTIVE') ?? devices[0];
    return {
      serverTime: now,
      timeZone: zone,
      localDate: date,
      employeeId: emp.id,
      places: places.map((p) => ({ id: p.id, kind: p.kind, label: p.label, fence: p.fence })),
      rules: {
        photoRequired: rules.capture.photo.required,
        photoMaxBytes: rules.capture.photo.maxBytes,
        photoTypes: rules.capture.photo.types,
        maxAccuracyM: rules.capture.geofence.maxAccuracyM,
        offlineMaxAgeHours: rules.capture.offline.maxAgeHours,
      },
      capture: rules.capture,
      device: device ? toDevice(device) : null,
      punches,
      status,
      schedule,
    };
  }

  // ---------------------------------------------------------------- punches

  /**
   * Record a punch of the signed-in employee. Replaying the same idempotency key with the same body answers
   * the stored punch (`replayed`); with a different body it is a 409 and nothing is written. Every other punch
   * is stored, also when rejected (as evidence), with the verdict of the rules core. The session's due
   * `lastSeenAt` write rides in the punch's own statement; on any other outcome it is written on its own.
   */
  async function punch(session: DeferredSession, body: PunchBody, photo: UploadedPhoto | null) {
    try {
      return await judgeAndStore(session, body, photo);
    } finally {
      await session.flushTouch?.();
    }
  }

  async function judgeAndStore(session: DeferredSession, body: PunchBody, photo: UploadedPhoto | null) {
    const receivedAt = clock.now().getTime();
    // The signature is left out: ECDSA signs with a random nonce, so a re-signed identical punch is the same punch.
    const { signature: _signature, ...unsigned } = body;
    // The photo's SHA-256 as received (hashed once: the body hash, the signed photoHash, the stored name).
    const photoHash = photo ? sha256(photo.bytes) : '';
    const bodyHash = sha256(JSON.stringify(unsigned) + photoHash);
    const source: PunchFacts['source'] = body.qrCode ? 'QR' : body.offline ? 'OFFLINE' : 'ONLINE';
    const offline = body.offline
      ? {
          deviceTime: body.offline.deviceTime,
          estimatedAt:
            body.offline.lastServerTime !== null && body.offline.elapsedSinceServerMs !== null
              ? body.offline.lastServerTime + body.offline.elapsedSinceServerMs
              : null,
        }
      : undefined;
    const claimedAt = offline ? (offline.estimatedAt ?? offline.deviceTime) : receivedAt;
    const plausible = Number.isFinite(claimedAt) && Math.abs(claimedAt - receivedAt) <= 400 * 86_400_000;

    // One read for everything the verdict needs, the caller's session included (the check-in hot path).
    const context = await repo.punchContext({
      sessionId: session.id,
      sessionDate: session.date,
      idempotencyKey: body.idempotencyKey,
      deviceId: body.deviceId ?? null,
      datesByZone: Object.fromEntries(
        INDONESIAN_TIME_ZONES.map((z) => [z, toZoned(plausible ? claimedAt : receivedAt, z).date]),
      ),
    });
    // Nothing is judged, answered or written before the session is admitted.
    const actor = await session.admit(context?.session);
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang dapat melakukan presensi');
    if (!plausible) throw fieldError('offline.deviceTime', 'Waktu presensi luring tidak masuk akal');
    // A request admitted before this read (multipart) is held to its own actor, never to the row's.
    const emp = context?.session.employeeId === actor.employeeId ? context.emp : undefined;
    if (!emp) throw notFound('Pegawai');
    if (emp.existing) {
      if (emp.existing.bodyHash !== bodyHash)
        throw new AppError(
          'CONFLICT',
          'Kunci idempotensi ini sudah dipakai untuk presensi lain dengan isi berbeda; tidak ada yang disimpan',
        );
      return { punch: toPunch((await repo.findPunchView(emp.existing.id))!), replayed: true };
    }
    const zone = emp.timeZone as IndonesianTimeZone;
    const rules = await rulesOn(toZoned(receivedAt, zone).date);
    const capture = rules.capture;

    // Photo: a real image within the rulebook's size and types, matching the signed hash; metadata stripped.
    let stored: { hash: string; bytes: Uint8Array; mime: string } | null = null;
    if (photo) {
      if (photo.bytes.length > capture.photo.maxBytes)
        throw new AppError(
          'FILE_TOO_LARGE',
          `Foto terlalu besar (${(photo.bytes.length / 1e6).toFixed(1)} MB); batasnya ${(capture.photo.maxBytes / 1e6).toFixed(1)} MB`,
        );
      const type = detectImageType(photo.bytes);
      if (!type || !(capture.photo.types as string[]).includes(type))
        throw new AppError('UNSUPPORTED_FILE', 'Foto harus berupa gambar JPEG, PNG atau WebP');
      if (body.photoHash && body.photoHash !== photoHash)
        throw fieldError('photoHash', 'Sidik foto tidak cocok dengan foto yang dikirim');
      try {
        const bytes = stripImageMetadata(photo.bytes, type);
        // Nothing stripped (a photo taken in the app carries no metadata): the same bytes, the same hash.
        stored = { hash: bytes === photo.bytes ? photoHash : sha256(bytes), bytes, mime: type };
      } catch (err) {
        if (err instanceof ImageFormatError)
          throw new AppError('UNSUPPORTED_FILE', `Foto rusak: ${err.message}`);
        throw err;
      }
    } else if (body.photoHash) throw fieldError('photo', 'Foto yang disebut dalam presensi tidak terkirim');

    // Device and signature.
    let device: PunchFacts['device'];
    const deviceRow = emp.device && emp.device.employeeId === emp.id ? emp.device : null;
    if (body.deviceId) {
      device = deviceRow
        ? {
            state: deviceRow.status as DeviceState,
            signatureValid:
              !!body.signature &&
              verifyDeviceSignature(
                deviceRow.publicKey as PublicJwk,
                canonicalPunchPayload(body),
                body.signature,
              ),
            otherEmployeesOnDevice: deviceRow.otherEmployees,
          }
        : { state: 'UNKNOWN', signatureValid: false, otherEmployeesOnDevice: 0 };
    }
    const deviceId = deviceRow?.id ?? null;

    // Kiosk QR (and its apel session).
    let qr: PunchFacts['qr'];
    let kioskSessionId: string | null = null;
    let qrWindow: number | null = null;
    let apelSessionId: string | null = null;
    let apelOpen: boolean | undefined;
    if (body.qrCode) {
      const c = await kiosk.checkCode(body.qrCode, {
        employeeId: emp.id,
        unitPath: emp.unitPath,
        at: receivedAt,
        rules: capture,
      });
      qr = c.state;
      kioskSessionId = c.kioskSessionId;
      qrWindow = c.window;
      apelSessionId = c.apelSessionId;
      apelOpen = c.apelOpen;
    }

    const places = allowedPlaces(emp, capture);
    const previous = emp.lastPunchAt;
    const monthClosed = emp.monthClosed;
    const facts: PunchFacts = {
      source,
      receivedAt,
      ...(offline ? { offline } : {}),
      location: body.location
        ? {
            lat: body.location.lat,
            lon: body.location.lon,
            accuracyM: body.location.accuracyM,
            mocked: body.location.mocked,
          }
        : null,
      places,
      ...(device ? { device } : {}),
      photo: stored !== null,
      previousPunchAt: previous?.getTime() ?? null,
      monthClosed,
      ...(qr ? { qr } : {}),
      ...(apelOpen !== undefined ? { apelOpen } : {}),
    };
    const j = judgePunch(facts, capture);
    const occurredAt = new Date(j.occurredAt);

    if (stored) await photos.put(stored.hash, stored.bytes);
    const localDate = toZoned(j.occurredAt, zone).date;
    const values = {
      employeeId: emp.id,
      unitId: emp.unitId,
      kind: body.kind,
      source,
      occurredAt,
      receivedAt: new Date(receivedAt),
      localDate: toZoned(j.occurredAt, zone).date,
      idempotencyKey: body.idempotencyKey,
      bodyHash,
      lat: body.location?.lat ?? null,
      lon: body.location?.lon ?? null,
      accuracyM: body.location?.accuracyM ?? null,
      provider: body.location?.provider ?? null,
      mockLocation: body.location?.mocked ?? null,
      deviceId,
      photoHash: stored?.hash ?? null,
      network: body.network ? JSON.stringify(body.network) : null,
      appVersion: body.appVersion ?? null,
      placeKind: j.nearest?.place.kind ?? null,
      placeId: j.nearest && /^[0-9a-f-]{36}$/.test(j.nearest.place.id) ? j.nearest.place.id : null,
      placeLabel: j.nearest?.place.label ?? null,
      distanceM: j.nearest ? Math.round(j.nearest.distanceM * 10) / 10 : null,
      offline: body.offline
        ? JSON.stringify({ ...body.offline, estimatedAt: offline?.estimatedAt ?? null })
        : null,
      kioskSessionId,
      qrWindow,
      apelSessionId,
      terminalSerial: null,
      verdict: j.verdict,
      reasons: JSON.stringify(j.reasons),
    };
    /** The photo's row, the punch and its queued days: one statement (atomic, no transaction). */
    const dirty: [string, string] = [addDays(localDate, -1), localDate];
    const touchAt = session.pendingTouch?.() ?? null;
    const touch = touchAt ? { sessionId: session.id, at: touchAt } : null;
    const id = await repo.insertPunch(
      db,
      values,
      dirty,
      touch,
      stored && {
        hash: stored.hash,
        mime: stored.mime,
        sizeBytes: stored.bytes.length,
        employeeId: emp.id,
        createdAt: new Date(receivedAt),
      },
    );
    session.touched?.();
    if (id === null) {
      // A concurrent request with the same key won the race: answer as a replay of it.
      const again = await repo.findByKey(emp.id, body.idempotencyKey);
      if (!again || again.bodyHash !== bodyHash)
        throw new AppError('CONFLICT', 'Kunci idempotensi ini sudah dipakai untuk presensi lain');
      return { punch: toPunch((await repo.findPunchView(again.id))!), replayed: true };
    }
    const onVerdict = deps.onVerdict;
    if (onVerdict) await afterCommit(() => onVerdict(j.verdict));
    // The reviewer hears of a flagged punch; a failed notice never fails a stored punch (the digest lists it).
    if (j.verdict === 'FLAGGED' && notifications)
      await notifications
        .punchFlagged(db, {
          id,
          employeeId: emp.id,
          employeeName: nameOf(emp),
          unitPath: emp.unitPath,
          date: localDate,
          time: formatHhmm(toZoned(j.occurredAt, zone).minute),
          zone: ZONE_LABEL[zone],
          reasons: j.reasons.map((r) => r.message),
        })
        .catch(() => undefined);
    // "Last used" is informational: written at most hourly, outside the punch's own statement.
    const lastUsed = deviceRow?.lastUsedAt ? new Date(deviceRow.lastUsedAt).getTime() : null;
    if (deviceRow && (lastUsed === null || receivedAt - lastUsed > 3_600_000))
      await db
        .updateTable('devices')
        .set({ lastUsedAt: new Date(receivedAt) })
        .where('id', '=', deviceRow.id)
        .execute();
    // The answer is built from what was just written (no re-read).
    const punch = toPunch({
      ...values,
      id,
      nip: emp.nip,
      frontTitle: emp.frontTitle,
      name: emp.name,
      backTitle: emp.backTitle,
      superiorId: emp.superiorId,
      unitName: emp.unitName,
      unitPath: emp.unitPath,
      timeZone: emp.timeZone,
      receivedAt: new Date(receivedAt),
      reasons: j.reasons,
      deviceLabel: deviceRow?.label ?? null,
      reviewDecision: null,
      reviewNote: null,
      reviewDecidedAt: null,
      reviewDecidedBy: null,
    });
    return { punch, replayed: false };
  }

  /** Who may read an employee's punches: themselves, their superiors (incl. Plt/Plh), attendance.read in scope. */
  async function readFilter(actor: Actor): Promise<Pick<PunchFilter, 'scope' | 'alsoEmployees'>> {
    const scope = scopeOf(actor, 'attendance.read');
    const also = [...(actor.employeeId ? [actor.employeeId] : []), ...(await staffOf(actor))];
    return { scope, alsoEmployees: also };
  }

  /** The list filters of a request, inside what the actor may read. */
  async function punchFilterOf(actor: Actor, q: z.infer<typeof punchListQuerySchema>): Promise<PunchFilter> {
    let unitPath: string | undefined;
    if (q.unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      unitPath = unit.path;
    }
    return {
      ...(await readFilter(actor)),
      employeeId: q.employeeId,
      unitPath,
      from: q.from,
      to: q.to,
      verdict: q.verdict,
      q: q.q,
    };
  }

  async function listPunches(actor: Actor, q: z.infer<typeof punchListQuerySchema>) {
    const f = await punchFilterOf(actor, q);
    const [total, rows] = await Promise.all([
      repo.countPunches(f),
      repo.listPunches(f, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    return { items: rows.map(toPunch), total: total.n, page: q.page, pageSize: q.pageSize };
  }

  /** Every punch matching the filters (at most 50,000 rows; `offset` reads them in pages), as rows for export. */
  async function exportPunches(
    actor: Actor,
    q: z.infer<typeof punchListQuerySchema>,
    limit = 50_000,
    offset = 0,
  ) {
    const f = await punchFilterOf(actor, q);
    const rows = (await repo.listPunches(f, limit, offset)).map(toPunch);
    return rows.map((p) => {
      const local = toZoned(Date.parse(p.occurredAt), p.timeZone as IndonesianTimeZone);
      return {
        date: formatDdMmYyyy(p.localDate),
        time: formatHhmm(local.minute),
        nip: p.nip ?? '',
        name: p.employeeName,
        unit: p.unitName,
        kind: p.kind === 'IN' ? 'Masuk' : p.kind === 'OUT' ? 'Pulang' : '-',
        source: p.source,
        verdict: p.effectiveVerdict,
        reasons: p.reasons.map((r) => r.message).join('; '),
        place: p.place
          ? `${p.place.label}${p.place.distanceM ? ` (${Math.round(p.place.distanceM)} m di luar)` : ''}`
          : '',
        review: p.review ? `${p.review.decision}: ${p.review.note} (${p.review.decidedBy})` : '',
      };
    });
  }

  /**
   * The photo of a punch, for the employee, their superior (incl. Plt/Plh) and attendance.photo in scope
   * (admin OPD, BKD, Inspektorat). Every view is logged; a purged photo is gone.
   */
  async function photoOf(actor: Actor, punchId: string, ctx: AuditContext) {
    const p = await repo.findPunchView(punchId);
    if (!p) throw notFound('Presensi');
    const allowed =
      p.employeeId === actor.employeeId ||
      (await staffOf(actor)).includes(p.employeeId) ||
      inScope(scopeOf(actor, 'attendance.photo'), p.unitPath);
    if (!allowed) throw forbidden('Anda tidak berwenang melihat foto presensi ini');
    if (!p.photoHash) throw notFound('Foto');
    const meta = await repo.photo(p.photoHash);
    if (!meta || meta.purgedAt) throw new AppError('NOT_FOUND', 'Foto sudah dihapus sesuai masa retensi');
    const bytes = await photos.get(p.photoHash);
    if (!bytes) throw notFound('Foto');
    await db
      .insertInto('photoViews')
      .values({ photoHash: p.photoHash, viewerId: actor.userId, ip: ctx.ip, userAgent: ctx.userAgent })
      .execute();
    return { bytes, mime: meta.mime };
  }

  /**
   * Delete photo bytes older than the retention period (config PHOTO_RETENTION_DAYS); the rows stay, marked
   * purged, so a punch still says it had a photo. Runs daily; an advisory lock keeps several server processes
   * from purging at once. Returns how many were purged.
   */
  async function purgePhotos(): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - config.photoRetentionDays * 86_400_000);
    return db.transaction().execute(async (trx) => {
      const lock = await sql<{
        ok: boolean;
      }>`select pg_try_advisory_xact_lock(${PURGE_LOCK_KEY}) as ok`.execute(trx);
      if (!lock.rows[0]?.ok) return 0;
      const old = await trx
        .selectFrom('photos')
        .select('hash')
        .where('createdAt', '<', cutoff)
        .where('purgedAt', 'is', null)
        .limit(5000)
        .execute();
      if (old.length === 0) return 0;
      for (const p of old) await photos.delete(p.hash);
      await trx
        .updateTable('photos')
        .set({ purgedAt: clock.now() })
        .where(
          'hash',
          'in',
          old.map((p) => p.hash),
        )
        .execute();
      await audit.record(
        trx,
        { actorId: null, actorName: 'Sistem (retensi foto)', ip: null, userAgent: null },
        {
          action: 'photo.purged',
          entityType: 'photo',
          after: {
            count: old.length,
            olderThan: cutoff.toISOString(),
            retentionDays: config.photoRetentionDays,
          },
        },
      );
      return old.length;
    });
  }

  // ---------------------------------------------------------------- devices

  /**
   * Bind a phone's key to the employee: the first is active at once, a change of phone waits for admin OPD. A key
   * already bound (active or waiting) answers that device again (a replay, nothing written). Concurrency: the
   * employee's row is locked (`select … for update`) before their devices are read, so registrations and
   * decisions of one employee run one at a time: never two active devices, never two rows for one key.
   */
  async function registerDevice(actor: Actor, input: z.infer<typeof deviceRegisterSchema>) {
    const emp = await employeeOf(actor);
    if (!isValidPublicJwk(input.publicKey))
      throw fieldError('publicKey', 'Kunci publik perangkat tidak valid');
    const thumbprint = jwkThumbprint(input.publicKey);
    const id = await db.transaction().execute(async (trx) => {
      await trx.selectFrom('employees').select('id').where('id', '=', emp.id).forUpdate().execute();
      const mine = await trx.selectFrom('devices').selectAll().where('employeeId', '=', emp.id).execute();
      const same = mine.find(
        (d) => d.keyThumbprint === thumbprint && (d.status === 'ACTIVE' || d.status === 'PENDING'),
      );
      if (same) return same.id;
      const hasActive = mine.some((d) => d.status === 'ACTIVE');
      if (hasActive && !input.reason)
        throw fieldError(
          'reason',
          'Sebutkan alasan pergantian perangkat (misalnya ponsel hilang atau rusak)',
        );
      const status = hasActive ? 'PENDING' : 'ACTIVE';
      const row = await trx
        .insertInto('devices')
        .values({
          employeeId: emp.id,
          publicKey: JSON.stringify(input.publicKey),
          keyThumbprint: thumbprint,
          label: input.label,
          platform: input.platform ?? null,
          status,
          requestReason: input.reason ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: status === 'ACTIVE' ? 'device.registered' : 'device.change_requested',
        entityType: 'device',
        entityId: row.id,
        unitId: emp.unitId,
        after: { employeeId: emp.id, label: input.label, thumbprint, status, reason: input.reason ?? null },
      });
      if (status === 'PENDING')
        await notifications?.deviceChangeRequested(trx, {
          id: row.id,
          employeeId: emp.id,
          employeeName: nameOf(emp),
          unitPath: emp.unitPath,
          label: input.label,
          reason: input.reason ?? null,
        });
      return row.id;
    });
    return toDevice((await repo.deviceView().where('d.id', '=', id).executeTakeFirstOrThrow())!);
  }

  async function myDevices(actor: Actor) {
    const emp = await employeeOf(actor);
    return (
      await repo.deviceView().where('d.employeeId', '=', emp.id).orderBy('d.createdAt', 'desc').execute()
    ).map(toDevice);
  }

  async function listDevices(actor: Actor, q: z.infer<typeof deviceListQuerySchema>) {
    const scope = requireAny(actor, 'device.manage');
    let query = repo.deviceView().where((eb) => unitScopeCondition(eb, scope, 'u.path'));
    if (q.status) query = query.where('d.status', '=', q.status);
    if (q.unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      query = query.where('u.path', 'like', `${unit.path}%`);
    }
    if (q.q) query = query.where((eb) => eb(eb.fn('lower', ['e.name']), 'like', `%${q.q!.toLowerCase()}%`));
    const [total, rows] = await Promise.all([
      query
        .clearSelect()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
      query
        .orderBy('d.createdAt', 'desc')
        .orderBy('d.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
    ]);
    return { items: rows.map(toDevice), total: total.n, page: q.page, pageSize: q.pageSize };
  }

  /** A device's status with who decided it last and when (for the answer to a decision that came too late). */
  const deviceState = (exec: Db | Transaction<Database>, id: string) =>
    exec
      .selectFrom('devices as d')
      .innerJoin('employees as e', 'e.id', 'd.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('users as us', 'us.id', 'd.decidedBy')
      .select(['d.status', 'd.decidedAt', 'us.displayName as decidedByName', 'u.timeZone'])
      .where('d.id', '=', id)
      .executeTakeFirstOrThrow();

  /** 409: "Perangkat ini sudah disetujui oleh … pada …". */
  function deviceDecided(s: Awaited<ReturnType<typeof deviceState>>): AppError {
    const word =
      s.status === 'ACTIVE'
        ? s.decidedAt
          ? 'disetujui'
          : 'aktif'
        : s.status === 'REJECTED'
          ? 'ditolak'
          : s.status === 'REVOKED'
            ? 'dicabut'
            : 'menunggu keputusan';
    const who = decidedByText(s.decidedByName, s.decidedAt, s.timeZone as IndonesianTimeZone);
    return new AppError('CONFLICT', `Perangkat ini sudah ${word}${who ? ` ${who}` : ''}`, {
      status: s.status,
    });
  }

  /**
   * Approve (the old phone is revoked), reject or revoke a device, with a note; audited. Concurrency: the
   * employee's row is locked (`select … for update`) and the device's status read again under the lock, so of
   * N identical decisions one changes it and the others answer 409 naming that decision, and two phones of one
   * employee approved at once leave one active device (the later approval replaces the earlier one).
   */
  async function decideDevice(actor: Actor, id: string, input: z.infer<typeof deviceDecisionSchema>) {
    const d = await repo.deviceView().where('d.id', '=', id).executeTakeFirst();
    if (!d) throw notFound('Perangkat');
    if (!inScope(scopeOf(actor, 'device.manage'), d.unitPath))
      throw forbidden('Perangkat ini di luar kewenangan Anda');
    if (d.employeeId === actor.employeeId)
      throw forbidden('Anda tidak dapat memutuskan perangkat Anda sendiri');
    const from = d.status;
    const to = input.decision === 'APPROVE' ? 'ACTIVE' : input.decision === 'REJECT' ? 'REJECTED' : 'REVOKED';
    if ((input.decision === 'APPROVE' || input.decision === 'REJECT') && from !== 'PENDING')
      throw deviceDecided(await deviceState(db, id));
    if (input.decision === 'REVOKE' && from !== 'ACTIVE' && from !== 'PENDING')
      throw deviceDecided(await deviceState(db, id));
    if (input.decision !== 'APPROVE' && input.note.length < 3)
      throw fieldError('note', 'Alasan wajib diisi agar pegawai mengetahuinya');
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('employees').select('id').where('id', '=', d.employeeId).forUpdate().execute();
      const current = await deviceState(trx, id);
      if (current.status !== from) throw deviceDecided(current);
      if (to === 'ACTIVE')
        await trx
          .updateTable('devices')
          .set({
            status: 'REVOKED',
            decidedBy: actor.userId,
            decidedAt: clock.now(),
            decisionNote: 'Diganti perangkat baru',
          })
          .where('employeeId', '=', d.employeeId)
          .where('status', '=', 'ACTIVE')
          .where('id', '!=', id)
          .execute();
      await trx
        .updateTable('devices')
        .set({
          status: to,
          decidedBy: actor.userId,
          decidedAt: clock.now(),
          decisionNote: input.note || null,
        })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: DEVICE_DECISION_ACTIONS[input.decision],
        entityType: 'device',
        entityId: id,
        before: { status: from },
        after: { status: to, note: input.note, employeeId: d.employeeId },
      });
      await notifications?.notify(trx, {
        employeeIds: [d.employeeId],
        subjectEmployeeId: d.employeeId,
        ...messages.deviceDecided({
          ...d,
          decision: input.decision,
          deciderName: actor.displayName,
          note: input.note,
        }),
      });
    });
    return toDevice((await repo.deviceView().where('d.id', '=', id).executeTakeFirstOrThrow())!);
  }

  // ---------------------------------------------------------------- review

  /** Who decides a flagged punch: the direct superior (incl. Plt/Plh) or attendance.review in scope. */
  async function reviewFilter(actor: Actor): Promise<PunchFilter> {
    const scope = scopeOf(actor, 'attendance.review');
    const staff = await staffOf(actor);
    return { scope, alsoEmployees: staff, undecidedFlagged: true };
  }

  async function reviewInbox(actor: Actor, page: number, pageSize: number) {
    const f = await reviewFilter(actor);
    const [total, rows] = await Promise.all([
      repo.countPunches(f),
      repo.listPunches(f, pageSize, (page - 1) * pageSize),
    ]);
    // Never one's own punch, even inside one's scope.
    const items = rows.filter((r) => r.employeeId !== actor.employeeId).map(toPunch);
    return { items, total: total.n - (rows.length - items.length), page, pageSize };
  }

  async function reviewCount(actor: Actor) {
    const f = await reviewFilter(actor);
    const own = actor.employeeId ? await repo.countPunches({ ...f, employeeId: actor.employeeId }) : { n: 0 };
    return { count: (await repo.countPunches(f)).n - own.n };
  }

  /** 409: "Presensi ini sudah ditinjau oleh … pada …: diterima". */
  function alreadyReviewed(p: PunchViewRow): AppError {
    const who = decidedByText(p.reviewDecidedBy, p.reviewDecidedAt, p.timeZone as IndonesianTimeZone);
    const what = p.reviewDecision === 'ACCEPTED' ? 'diterima' : 'ditolak';
    return new AppError('CONFLICT', `Presensi ini sudah ditinjau${who ? ` ${who}` : ''}: ${what}`, {
      decision: p.reviewDecision,
    });
  }

  /**
   * Accept or reject a flagged punch with a note: a review record (the punch itself never changes), audited.
   * One review per punch under concurrency: the insert is conditional on its primary key (`on conflict do
   * nothing`), so of reviews racing on PostgreSQL one writes (and audits) and the others, having waited for it
   * to commit, write nothing and answer 409 naming that review.
   */
  async function review(
    actor: Actor,
    punchId: string,
    input: z.infer<typeof reviewBodySchema>,
    ctx?: AuditContext,
  ) {
    const p = await repo.findPunchView(punchId);
    if (!p) throw notFound('Presensi');
    if (p.employeeId === actor.employeeId) throw forbidden('Anda tidak dapat meninjau presensi Anda sendiri');
    const allowed =
      (await staffOf(actor)).includes(p.employeeId) ||
      inScope(scopeOf(actor, 'attendance.review'), p.unitPath);
    if (!allowed) throw forbidden('Presensi ini di luar kewenangan Anda untuk ditinjau');
    if (p.verdict !== 'FLAGGED')
      throw new AppError('CONFLICT', 'Hanya presensi yang ditandai yang dapat ditinjau');
    if (p.reviewDecision) throw alreadyReviewed(p);
    const written = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('punchReviews')
        .values({ punchId, decision: input.decision, note: input.note, decidedBy: actor.userId })
        .onConflict((oc) => oc.column('punchId').doNothing())
        .returning('punchId')
        .executeTakeFirst();
      if (!row) return false;
      await audit.record(trx, ctx ?? ctxOf(actor), {
        action: input.decision === 'ACCEPTED' ? 'punch.review_accepted' : 'punch.review_rejected',
        entityType: 'punch',
        entityId: punchId,
        unitId: p.unitId,
        before: { verdict: p.verdict, reasons: p.reasons },
        after: { decision: input.decision, note: input.note, employeeId: p.employeeId },
      });
      await notifications?.notify(trx, {
        employeeIds: [p.employeeId],
        subjectEmployeeId: p.employeeId,
        ...messages.punchReviewed({
          id: punchId,
          date: p.localDate,
          accepted: input.decision === 'ACCEPTED',
          deciderName: actor.displayName,
          note: input.note,
        }),
      });
      return true;
    });
    if (!written) throw alreadyReviewed((await repo.findPunchView(punchId))!);
    await statuses?.markDirty(p.employeeId, [addDays(p.localDate, -1), p.localDate], 'review');
    return toPunch((await repo.findPunchView(punchId))!);
  }

  // ---------------------------------------------------------------- places

  async function employeeForAdmin(actor: Actor, employeeId: string) {
    const emp = await repo.employeeContext(employeeId);
    if (!emp) throw fieldError('employeeId', 'Pegawai tidak ditemukan');
    if (!inScope(scopeOf(actor, 'attendance.places'), emp.unitPath))
      throw forbidden('Pegawai ini di luar kewenangan Anda');
    return emp;
  }

  async function canSeePlaces(actor: Actor, employeeId: string) {
    if (employeeId === actor.employeeId) return;
    const emp = await repo.employeeContext(employeeId);
    if (!emp) throw notFound('Pegawai');
    if (
      !inScope(scopeOf(actor, 'attendance.read'), emp.unitPath) &&
      !(await staffOf(actor)).includes(employeeId)
    )
      throw forbidden('Pegawai ini di luar kewenangan Anda');
  }

  async function listWorkLocations(actor: Actor, employeeId: string) {
    await canSeePlaces(actor, employeeId);
    return db
      .selectFrom('workLocations')
      .selectAll()
      .where('employeeId', '=', employeeId)
      .orderBy('validFrom')
      .execute();
  }

  async function addWorkLocation(actor: Actor, input: z.infer<typeof workLocationInputSchema>) {
    const emp = await employeeForAdmin(actor, input.employeeId);
    if (input.validTo && input.validTo < input.validFrom)
      throw fieldError('validTo', 'Tanggal akhir tidak boleh sebelum tanggal mulai');
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('workLocations')
        .values({ ...input, createdBy: actor.userId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'work_location.added',
        entityType: 'work_location',
        entityId: row.id,
        unitId: emp.unitId,
        after: input,
      });
      return row;
    });
  }

  /**
   * Remove a WFH/WFA place, audited. A conditional delete (`delete … returning`): of N identical calls one
   * removes and audits it, the others (which read it before it went) answer 409; a later call finds nothing (404).
   */
  async function deleteWorkLocation(actor: Actor, id: string) {
    const row = await db.selectFrom('workLocations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Lokasi kerja');
    const emp = await employeeForAdmin(actor, row.employeeId);
    await db.transaction().execute(async (trx) => {
      const removed = await trx
        .deleteFrom('workLocations')
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!removed) throw new AppError('CONFLICT', 'Lokasi kerja ini sudah dihapus oleh permintaan lain');
      await audit.record(trx, ctxOf(actor), {
        action: 'work_location.removed',
        entityType: 'work_location',
        entityId: id,
        unitId: emp.unitId,
        before: row,
      });
    });
  }

  async function listFieldAssignments(actor: Actor, employeeId: string) {
    await canSeePlaces(actor, employeeId);
    return db
      .selectFrom('fieldAssignments')
      .selectAll()
      .where('employeeId', '=', employeeId)
      .orderBy('dateFrom', 'desc')
      .execute();
  }

  async function addFieldAssignment(actor: Actor, input: z.infer<typeof fieldAssignmentInputSchema>) {
    const emp = await employeeForAdmin(actor, input.employeeId);
    if (input.dateTo < input.dateFrom)
      throw fieldError('dateTo', 'Tanggal akhir tidak boleh sebelum tanggal mulai');
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('fieldAssignments')
        .values({ ...input, status: 'APPROVED', createdBy: actor.userId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'field_assignment.added',
        entityType: 'field_assignment',
        entityId: row.id,
        unitId: emp.unitId,
        after: input,
      });
      return row;
    });
  }

  return {
    today,
    punch,
    listPunches,
    exportPunches,
    photoOf,
    purgePhotos,
    registerDevice,
    myDevices,
    listDevices,
    decideDevice,
    reviewInbox,
    reviewCount,
    review,
    listWorkLocations,
    addWorkLocation,
    deleteWorkLocation,
    listFieldAssignments,
    addFieldAssignment,
    placesFor,
    employeeOf,
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;

type GeofenceRules = { geofence: { allowWorkFromHome: boolean; allowWorkFromAnywhere: boolean } };
type Fence = { id: string; lat: number; lon: number; radiusM: number };

/** The places as geofences: offices (polygon when valid, else circle), dinas luar, WFH/WFA where allowed. */
function allowedPlaces(
  rows: {
    offices: Array<Fence & { name: string; polygon: Array<[number, number]> | null }>;
    assignments: Array<Fence & { destination: string }>;
    locations: Array<Fence & { kind: string; label: string }>;
  },
  rules: GeofenceRules,
): AllowedPlace[] {
  const circle = (f: Fence) => ({
    kind: 'circle' as const,
    center: { lat: f.lat, lon: f.lon },
    radiusM: f.radiusM,
  });
  const places: AllowedPlace[] = rows.offices.map((o) => {
    const points = o.polygon?.map(([lat, lon]) => ({ lat, lon }));
    return {
      id: o.id,
      kind: 'OFFICE',
      label: o.name,
      fence: points && isValidPolygon(points) ? { kind: 'polygon', points } : circle(o),
    };
  });
  for (const a of rows.assignments)
    places.push({ id: a.id, kind: 'DINAS_LUAR', label: `Dinas luar: ${a.destination}`, fence: circle(a) });
  for (const w of rows.locations) {
    if (w.kind === 'WFH' && !rules.geofence.allowWorkFromHome) continue;
    if (w.kind === 'WFA' && !rules.geofence.allowWorkFromAnywhere) continue;
    places.push({
      id: w.id,
      kind: w.kind as 'WFH' | 'WFA',
      label: `${w.kind}: ${w.label}`,
      fence: circle(w),
    });
  }
  return places;
}
