import { createECDH, createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Config } from '../../config.ts';
import { fixedClock } from '../../clock.ts';
import { buildServices, type Services } from '../../app.ts';
import type { Actor, Grant } from '../../auth/authz.ts';
import { localPhotoStore } from '../../modules/attendance/photo-store.ts';
import { s3PhotoStore } from '../../modules/attendance/s3-photo-store.ts';
import { jwkThumbprint } from '../../modules/attendance/device-crypto.ts';
import { stripImageMetadata } from '../../lib/image.ts';
import { leaveInputSchema } from '../../../shared/api/leave.ts';
import {
  correctionInputSchema,
  decisionSchema,
  permitInputSchema,
  permitRecordSchema,
} from '../../../shared/api/permits.ts';
import { rosterSetSchema } from '../../../shared/api/rosters.ts';
import {
  apelScheduleInputSchema,
  deviceRegisterSchema,
  kioskOpenSchema,
  reviewBodySchema,
  workLocationInputSchema,
} from '../../../shared/api/attendance.ts';
import { judgePunch, type AllowedPlace, type PunchFacts } from '../../../core/attendance/judge-punch.ts';
import { addDays, eachDay, monthRange, type LocalDate } from '../../../core/common/local-date.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { opdOfUnit, type DemoData } from './demo-data.ts';
import {
  historyWindow,
  keyBytes,
  keyOf,
  planDemoHistory,
  type DemoHistoryPlan,
  type EmployeeKey,
  type PlannedDecision,
  type PlannedPunch,
  type PlannedRequest,
} from './demo-history.ts';

/** How `loadDemoData` builds a history: up to the server's clock, through services on this configuration. */
export interface DemoHistoryOptions {
  /** The instant the history ends: the server's clock when the demo is loaded. */
  until: Date;
  /** The server's configuration (rulebook region, photo store) for the services the history runs through. */
  config: Config;
  seed?: number;
}

/** What a history load wrote, and how long it took. */
export interface DemoHistorySummary {
  start: LocalDate;
  today: LocalDate;
  punches: number;
  leave: number;
  permits: number;
  corrections: number;
  reviews: number;
  closings: number;
  days: number;
  ms: number;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const b64url = (b: Buffer) => b.toString('base64url');

/** The public key (JWK) of a demo phone: a P-256 key derived from its seed, so a reload gives the same key. */
export function demoPhoneKey(seed: string): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(keyBytes(seed));
  const point = ecdh.getPublicKey();
  return { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) };
}

/** A structurally valid tiny JPEG (SOI, JFIF, quantisation table, scan, EOI) unique by `tag`. */
export function tinyJpeg(tag: string): Uint8Array {
  const seg = (marker: number, payload: Buffer) =>
    Buffer.concat([
      Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
      payload,
    ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from(tag, 'latin1'),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A tiny PNG (signature and header chunk) unique by `tag`: the evidence photo of a correction. */
const tinyPng = (tag: string) =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from(tag),
  ]);
/** A minimal PDF unique by `tag`: a doctor's note. */
const tinyPdf = (tag: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${tag}\ntrailer <<>>\n%%EOF\n`);

const PUNCH_CHUNK = 2000;
/** The columns a history punch writes (all but the generated id), as the check-in writes them. */
const PUNCH_COLUMNS = [
  'employee_id',
  'unit_id',
  'kind',
  'source',
  'occurred_at',
  'received_at',
  'local_date',
  'idempotency_key',
  'body_hash',
  'lat',
  'lon',
  'accuracy_m',
  'provider',
  'mock_location',
  'device_id',
  'photo_hash',
  'network',
  'app_version',
  'place_kind',
  'place_id',
  'place_label',
  'distance_m',
  'offline',
  'kiosk_session_id',
  'qr_window',
  'apel_session_id',
  'terminal_serial',
  'verdict',
  'reasons',
].join(', ');

/**
 * Load the demo history (`demo-history.ts` plans it) into a database that holds the demo province and its
 * rulebooks, through the real services on a clock that walks through the history: devices registered,
 * requests submitted and decided by their deciders (each audited, each refused if a rule says no), flagged
 * punches reviewed, rosters, apel kiosks, terminal imports, months closed by admin OPD. Punches are written
 * set-based, as a terminal import writes them, each judged on arrival by the capture rules (`judgePunch`) —
 * append-only, never changed afterwards. Day statuses and monthly recaps are built by the status service
 * (`recomputeRange` for each month before it is closed and for the open months at the end, then the queue of
 * days the decisions changed). A plan the rules judge otherwise than planned, or a service refusal, throws:
 * the history never bypasses a rule.
 */
export async function loadDemoHistory(
  db: Db,
  data: DemoData,
  opts: DemoHistoryOptions,
): Promise<DemoHistorySummary> {
  const started = performance.now();
  const until = opts.until.getTime();
  const { start, today } = historyWindow(until);
  const clock = fixedClock(new Date(until).toISOString());
  const services = buildServices({ config: opts.config, db, clock });
  const region = opts.config.rulebookRegion;

  // The rulebook of every date the plan looks at (read first: the plan is pure).
  const rules = new Map<LocalDate, Rulebook>();
  for (const d of eachDay(start, addDays(today, 40))) {
    try {
      rules.set(d, await services.rulebooks.rulesOn(region, d));
    } catch (err) {
      if (d === start)
        throw new Error(
          `Riwayat demo membutuhkan rulebook yang berlaku pada ${start} (muat rulebook lebih dulu): ${(err as Error).message}`,
        );
    }
  }
  const plan = planDemoHistory({
    data,
    until,
    rulesOn: (d) => {
      const r = rules.get(d);
      if (!r) throw new Error(`Tidak ada rulebook pada ${d}`);
      return r;
    },
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });

  const ctx = await contextOf(db, data);
  const run = createRunner(db, services, ctx, plan, clock, opts.config, (d) => rules.get(d)!);
  await run.all();
  const summary = await run.summary();
  return { ...summary, start, today, ms: Math.round(performance.now() - started) };
}

/** Ids of what the demo province holds, by the plan's keys. */
async function contextOf(db: Db, data: DemoData) {
  const units = await db.selectFrom('units').select(['id', 'code', 'path', 'timeZone']).execute();
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const employees = await db
    .selectFrom('employees as e')
    .leftJoin('users as u', 'u.employeeId', 'e.id')
    .select(['e.id', 'e.nip', 'e.internalId', 'e.unitId', 'e.superiorId', 'e.positionId', 'u.id as userId'])
    .execute();
  const empByKey = new Map(
    employees.map((e) => [keyOf({ nip: e.nip, internalId: e.internalId ?? undefined }), e]),
  );
  const empById = new Map(employees.map((e) => [e.id, e]));
  const keyOfId = new Map(
    employees.map((e) => [e.id, keyOf({ nip: e.nip, internalId: e.internalId ?? undefined })]),
  );
  const offices = await db
    .selectFrom('offices')
    .select(['id', 'unitId', 'name', 'lat', 'lon', 'radiusM'])
    .execute();
  /** The offices an employee punches at: the deepest unit on their path that has any (as the check-in does). */
  const officesOf = (key: EmployeeKey) => {
    const unit = units.find((u) => u.id === empByKey.get(key)!.unitId)!;
    const ids = unit.path.split('/').filter(Boolean);
    for (let i = ids.length - 1; i >= 0; i--) {
      const found = offices.filter((o) => o.unitId === ids[i]);
      if (found.length > 0) return found;
    }
    return [];
  };
  const opdOfKey = new Map(data.employees.map((e) => [keyOf(e), opdOfUnit(data, e.unitCode)]));
  const zoneOfKey = new Map(
    data.employees.map((e) => [keyOf(e), unitByCode.get(e.unitCode)!.timeZone as IndonesianTimeZone]),
  );
  const officesOfKey = new Map<EmployeeKey, typeof offices>();
  return {
    unitByCode,
    empByKey,
    empById,
    keyOfId,
    officesOf: (key: EmployeeKey) => officesOfKey.get(key) ?? officesOfKey.set(key, officesOf(key)).get(key)!,
    zoneOf: (key: EmployeeKey) => zoneOfKey.get(key)!,
    opdOf: (key: EmployeeKey) => opdOfKey.get(key)!,
    adminGrant: new Map(data.roleGrants.filter((g) => g.role === 'ADMIN_OPD').map((g) => [g.unitCode, g])),
    bkdKeys: data.roleGrants
      .filter((g) => g.role === 'BKD')
      .map((g) => keyOf({ nip: g.nip, internalId: g.username })),
  };
}
type Context = Awaited<ReturnType<typeof contextOf>>;

function createRunner(
  db: Db,
  services: Services,
  ctx: Context,
  plan: DemoHistoryPlan,
  clock: ReturnType<typeof fixedClock>,
  config: Config,
  rulesAt: (date: LocalDate) => Rulebook,
) {
  const photos = config.s3 ? s3PhotoStore(config.s3) : localPhotoStore(config.photoDir);
  const timing: Record<string, number> = {};
  const actors = new Map<string, Actor>();
  const counts = { punches: 0, leave: 0, permits: 0, corrections: 0, reviews: 0, closings: 0, days: 0 };

  /** The caller as a session would give it (grants with their units, whether they supervise anyone). */
  async function actorOfUser(userId: string): Promise<Actor> {
    const hit = actors.get(userId);
    if (hit) return hit;
    const u = await db
      .selectFrom('users as u')
      .leftJoin('employees as e', 'e.id', 'u.employeeId')
      .select(['u.id', 'u.username', 'u.displayName', 'u.employeeId', 'e.nip'])
      .where('u.id', '=', userId)
      .executeTakeFirstOrThrow();
    const grants = await db
      .selectFrom('roleGrants as g')
      .leftJoin('units as gu', 'gu.id', 'g.unitId')
      .select(['g.role', 'g.unitId', 'gu.name as unitName', 'gu.path as unitPath'])
      .where('g.userId', '=', userId)
      .execute();
    const staff = u.employeeId
      ? await db
          .selectFrom('employees')
          .select('id')
          .where('superiorId', '=', u.employeeId)
          .limit(1)
          .execute()
      : [];
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      employeeId: u.employeeId,
      nip: u.nip,
      grants: grants.map((g) => ({ ...g, role: g.role as Grant['role'] })),
      isAtasan: staff.length > 0,
      mustChangePassword: false,
      ip: null,
      userAgent: 'Abdi demo',
    };
    actors.set(userId, actor);
    return actor;
  }
  const actorOf = async (key: EmployeeKey) => {
    const e = ctx.empByKey.get(key);
    if (!e?.userId) throw new Error(`Demo history: no user for ${key}`);
    return actorOfUser(e.userId);
  };
  const actorOfEmployeeId = async (id: string) => {
    const e = ctx.empById.get(id);
    if (!e?.userId) throw new Error(`Demo history: no user for employee ${id}`);
    return actorOfUser(e.userId);
  };
  const adminOf = async (opd: string) => {
    const g = ctx.adminGrant.get(opd);
    if (!g) throw new Error(`Demo history: no admin OPD of ${opd}`);
    return actorOf(keyOf({ nip: g.nip, internalId: g.username }));
  };
  /** The decider of a step for an employee: their superior, admin OPD of their OPD (never themselves). */
  const deciderOf = async (by: PlannedDecision['by'], who: EmployeeKey) => {
    const e = ctx.empByKey.get(who)!;
    if (by === 'ADMIN_OPD') {
      const admin = await adminOf(ctx.opdOf(who));
      if (admin.employeeId !== e.id) return admin;
    }
    if (!e.superiorId) throw new Error(`Demo history: ${who} has no superior`);
    return actorOfEmployeeId(e.superiorId);
  };
  const at = (t: number) => clock.set(new Date(t).toISOString());
  /** A service refusal is a plan the rules do not allow: stop with what was attempted. */
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const e = err as Error & { code?: string; details?: unknown };
      throw new Error(
        `Riwayat demo: ${what} ditolak (${e.code ?? e.name}): ${e.message} ${JSON.stringify(e.details ?? '')}`,
        {
          cause: err,
        },
      );
    }
  };

  // ── Devices and their keys. ──
  const deviceIdOf = new Map<EmployeeKey, string>();
  const holdersOf = new Map<string, Set<string>>();
  const thumbOf = new Map<EmployeeKey, string>();
  /**
   * The first phones of a morning, registered set-based like an import: each employee's first device is active
   * at once (as `registerDevice` makes it), with one audit entry for the batch. Replacement phones go through
   * the service (they wait for admin OPD).
   */
  async function registerFirstDevices(batch: DemoHistoryPlan['devices']) {
    at(batch[0]!.at);
    const rows = batch.map((d) => {
      const jwk = demoPhoneKey(d.keySeed);
      const thumb = jwkThumbprint(jwk);
      thumbOf.set(d.who, thumb);
      (holdersOf.get(thumb) ?? holdersOf.set(thumb, new Set()).get(thumb)!).add(d.who);
      return {
        employeeId: ctx.empByKey.get(d.who)!.id,
        publicKey: JSON.stringify(jwk),
        keyThumbprint: thumb,
        label: d.label,
        platform: d.platform,
        status: 'ACTIVE',
        createdAt: new Date(d.at),
        lastUsedAt: null,
      };
    });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += PUNCH_CHUNK) {
        const written = await trx
          .insertInto('devices')
          .values(rows.slice(i, i + PUNCH_CHUNK))
          .returning(['id', 'employeeId'])
          .execute();
        for (const w of written) deviceIdOf.set(ctx.keyOfId.get(w.employeeId)!, w.id);
      }
      await services.audit.record(
        trx,
        { actorId: null, actorName: 'Sistem (data demo)', ip: null, userAgent: 'Abdi demo' },
        { action: 'demo.devices_registered', entityType: 'device', after: { devices: rows.length } },
      );
    });
  }

  async function registerDevice(d: DemoHistoryPlan['devices'][number]) {
    at(d.at);
    const jwk = demoPhoneKey(d.keySeed);
    const device = await attempt(`perangkat ${d.who}`, async () =>
      services.attendance.registerDevice(
        await actorOf(d.who),
        deviceRegisterSchema.parse({
          publicKey: jwk,
          label: d.label,
          platform: d.platform,
          ...(d.reason ? { reason: d.reason } : {}),
        }),
      ),
    );
    const thumb = jwkThumbprint(jwk);
    if (!deviceIdOf.has(d.who)) {
      deviceIdOf.set(d.who, device.id);
      thumbOf.set(d.who, thumb);
    }
    (holdersOf.get(thumb) ?? holdersOf.set(thumb, new Set()).get(thumb)!).add(d.who);
    if (d.approveAt !== undefined) add(d.approveAt, 1, () => approveDevice(d, device.id, thumb));
  }
  async function approveDevice(d: DemoHistoryPlan['devices'][number], id: string, thumb: string) {
    at(d.approveAt!);
    await attempt(`persetujuan perangkat ${d.who}`, async () =>
      services.attendance.decideDevice(await adminOf(ctx.opdOf(d.who)), id, {
        decision: 'APPROVE',
        note: 'Disetujui sementara sampai ponsel pegawai diperbaiki',
      }),
    );
    // The old phone is revoked: its key no longer counts as held by this employee.
    holdersOf.get(thumbOf.get(d.who)!)?.delete(d.who);
    deviceIdOf.set(d.who, id);
    thumbOf.set(d.who, thumb);
  }

  // ── Punches: judged on arrival, written set-based. ──
  const photoOf = new Map<EmployeeKey, string>();
  const punchIds = new Map<string, string>();
  const lastPunchAt = new Map<EmployeeKey, number>();
  const closed = new Set<string>();
  const kiosks = new Map<string, { kioskId: string; sessionId: string; opensAt: number; closesAt: number }>();
  let next = 0;
  const phonePunches = plan.punches.filter((p) => p.source !== 'TERMINAL');

  async function photoFor(key: EmployeeKey) {
    const hit = photoOf.get(key);
    if (hit) return hit;
    const bytes = stripImageMetadata(tinyJpeg(`abdi-demo:${key}`), 'image/jpeg');
    const hash = sha256(bytes);
    await photos.put(hash, bytes);
    await db
      .insertInto('photos')
      .values({ hash, mime: 'image/jpeg', sizeBytes: bytes.length, employeeId: ctx.empByKey.get(key)!.id })
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
    photoOf.set(key, hash);
    return hash;
  }

  async function placesOn(keys: Set<EmployeeKey>, from: LocalDate, to: LocalDate) {
    const ids = [...keys].map((k) => ctx.empByKey.get(k)!.id);
    if (ids.length === 0) return { field: [], homes: [] };
    const [field, homes] = await Promise.all([
      db
        .selectFrom('fieldAssignments')
        .select(['id', 'employeeId', 'dateFrom', 'dateTo', 'destination', 'lat', 'lon', 'radiusM'])
        .where('status', '=', 'APPROVED')
        .where('employeeId', 'in', ids)
        .where('dateFrom', '<=', to)
        .where('dateTo', '>=', from)
        .execute(),
      db
        .selectFrom('workLocations')
        .select(['id', 'employeeId', 'kind', 'label', 'lat', 'lon', 'radiusM', 'validFrom', 'validTo'])
        .where('employeeId', 'in', ids)
        .execute(),
    ]);
    return { field, homes };
  }

  /** Write the phone punches the server has received by `t`. */
  async function flushPunches(t: number) {
    const batch: PlannedPunch[] = [];
    while (next < phonePunches.length && phonePunches[next]!.receivedAt <= t)
      batch.push(phonePunches[next++]!);
    if (batch.length === 0) return;
    const tPrep = performance.now();
    // Dinas luar destinations and homes as they stand now (read only when a punch of the batch is there).
    const away = batch.filter((p) => p.place === 'DINAS_LUAR' || p.place === 'WFH');
    const dates = away.map((p) => toZoned(p.at, ctx.zoneOf(p.who)).date).sort();
    const { field, homes } =
      away.length > 0
        ? await placesOn(new Set(away.map((p) => p.who)), dates[0]!, dates.at(-1)!)
        : { field: [], homes: [] };
    const rows = [];
    for (const p of batch) {
      const zone = ctx.zoneOf(p.who);
      const e = ctx.empByKey.get(p.who)!;
      const localDate = toZoned(p.at, zone).date;
      const places: AllowedPlace[] = ctx.officesOf(p.who).map((o) => ({
        id: o.id,
        kind: 'OFFICE',
        label: o.name,
        fence: { kind: 'circle', center: { lat: o.lat, lon: o.lon }, radiusM: o.radiusM },
      }));
      for (const f of field)
        if (f.employeeId === e.id && f.dateFrom <= localDate && f.dateTo >= localDate)
          places.push({
            id: f.id,
            kind: 'DINAS_LUAR',
            label: `Dinas luar: ${f.destination}`,
            fence: { kind: 'circle', center: { lat: f.lat, lon: f.lon }, radiusM: f.radiusM },
          });
      for (const h of homes)
        if (
          h.employeeId === e.id &&
          h.validFrom <= localDate &&
          (h.validTo === null || h.validTo >= localDate)
        )
          places.push({
            id: h.id,
            kind: h.kind as 'WFH',
            label: `${h.kind}: ${h.label}`,
            fence: { kind: 'circle', center: { lat: h.lat, lon: h.lon }, radiusM: h.radiusM },
          });
      const deviceOwner = p.deviceOf!;
      const deviceId = deviceIdOf.get(p.who);
      const thumb = thumbOf.get(p.who);
      if (!deviceId || !thumb) throw new Error(`Riwayat demo: ${p.who} tidak punya perangkat`);
      if (thumbOf.get(deviceOwner) !== thumb)
        throw new Error(`Riwayat demo: perangkat ${p.who} bukan milik ${deviceOwner}`);
      const kiosk = p.apel ? kiosks.get(`${p.apel.unitCode}|${p.apel.date}`) : undefined;
      if (p.apel && !kiosk)
        throw new Error(`Riwayat demo: kios apel ${p.apel.unitCode} ${p.apel.date} belum dibuka`);
      const rulesNow = rulesAt(toZoned(p.receivedAt, zone).date);
      const opdUnit = ctx.unitByCode.get(ctx.opdOf(p.who))!;
      const offline = p.offline
        ? {
            deviceTime: p.offline.deviceTime,
            estimatedAt: p.offline.lastServerTime + p.offline.elapsedSinceServerMs,
          }
        : undefined;
      const facts: PunchFacts = {
        source: p.source as PunchFacts['source'],
        receivedAt: p.source === 'OFFLINE' ? p.receivedAt : p.at,
        ...(offline ? { offline } : {}),
        location: p.location,
        places,
        device: {
          state: 'ACTIVE',
          signatureValid: true,
          otherEmployeesOnDevice: [...(holdersOf.get(thumb) ?? [])].filter((k) => k !== p.who).length,
        },
        photo: p.photo,
        previousPunchAt: lastPunchAt.get(p.who) ?? null,
        monthClosed: closed.has(`${opdUnit.id}|${localDate.slice(0, 7)}`),
        ...(kiosk ? { qr: 'VALID' as const, apelOpen: kiosk.opensAt <= p.at && p.at <= kiosk.closesAt } : {}),
      };
      const j = judgePunch(facts, rulesNow.capture);
      if (j.verdict !== p.expect)
        throw new Error(
          `Riwayat demo: presensi ${p.who} ${new Date(p.at).toISOString()} dinilai ${j.verdict}, direncanakan ${p.expect}: ${JSON.stringify(j.reasons)}`,
        );
      if (j.verdict !== 'REJECTED')
        lastPunchAt.set(p.who, Math.max(lastPunchAt.get(p.who) ?? 0, j.occurredAt));
      const photoHash = p.photo ? await photoFor(p.who) : null;
      // A row of `punches` (snake_case keys: json_populate_recordset), as the check-in writes it.
      const row = {
        employee_id: e.id,
        unit_id: e.unitId,
        kind: p.kind,
        source: p.source,
        occurred_at: new Date(j.occurredAt),
        received_at: new Date(facts.receivedAt),
        local_date: toZoned(j.occurredAt, zone).date,
        idempotency_key: p.idempotencyKey,
        // The hash of what the phone sent (the check-in's bodyHash): who, when, where, with which phone.
        body_hash: sha256(
          `${p.who}|${p.idempotencyKey}|${p.at}|${JSON.stringify(p.location)}|${p.deviceOf}|${p.source}`,
        ),
        lat: p.location?.lat ?? null,
        lon: p.location?.lon ?? null,
        accuracy_m: p.location?.accuracyM ?? null,
        provider: p.location ? 'gps' : null,
        mock_location: p.location?.mocked ?? null,
        device_id: deviceId,
        photo_hash: photoHash,
        network: null,
        app_version: 'demo',
        place_kind: j.nearest?.place.kind ?? null,
        place_id: j.nearest?.place.id ?? null,
        place_label: j.nearest?.place.label ?? null,
        distance_m: j.nearest ? Math.round(j.nearest.distanceM * 10) / 10 : null,
        offline: p.offline ? { ...p.offline, estimatedAt: offline?.estimatedAt ?? null } : null,
        kiosk_session_id: kiosk?.kioskId ?? null,
        qr_window: kiosk ? Math.floor(p.at / (rulesNow.capture.qr.rotateSeconds * 1000)) : null,
        apel_session_id: kiosk?.sessionId ?? null,
        terminal_serial: null,
        verdict: j.verdict,
        reasons: j.reasons,
      };
      rows.push(row);
    }
    timing.prep = (timing.prep ?? 0) + performance.now() - tPrep;
    timing.flushes = (timing.flushes ?? 0) + 1;
    const tIns = performance.now();
    // One JSON parameter per statement (json_populate_recordset): on PGlite several times cheaper than a
    // multi-row VALUES list of 29 parameters per row.
    for (let i = 0; i < rows.length; i += PUNCH_CHUNK) {
      const chunk = rows.slice(i, i + PUNCH_CHUNK);
      const written = await sql<{ id: string; employeeId: string; idempotencyKey: string }>`
        insert into punches (${sql.raw(PUNCH_COLUMNS)})
        select ${sql.raw(PUNCH_COLUMNS)} from json_populate_recordset(null::punches, ${JSON.stringify(chunk)}::json)
        returning id, employee_id, idempotency_key`.execute(db);
      for (const w of written.rows) punchIds.set(`${w.employeeId}|${w.idempotencyKey}`, w.id);
      counts.punches += written.rows.length;
    }
    timing.insert = (timing.insert ?? 0) + performance.now() - tIns;
  }

  // ── Requests. ──
  async function leave(q: Extract<PlannedRequest, { kind: 'leave' }>) {
    at(q.submitAt);
    const actor = await actorOf(q.who);
    const file = q.attachment
      ? { bytes: tinyPdf(`surat-dokter:${q.who}:${q.from}`), fileName: 'surat-dokter.pdf' }
      : null;
    const input = leaveInputSchema.parse({
      type: q.type,
      from: q.from,
      to: q.to,
      reason: q.reason,
      address: q.address,
      ...(q.attachment ? { attachmentKind: 'SURAT_DOKTER' } : {}),
    });
    const r = await attempt(`cuti ${q.who} ${q.from}`, () => services.leave.submit(actor, input, file));
    counts.leave++;
    for (const s of q.steps) add(s.at, 5, () => leaveStep(q, r.id, s));
    if (q.cancelAt !== undefined) add(q.cancelAt, 5, () => leaveCancel(q, r.id));
  }

  async function leaveStep(q: Extract<PlannedRequest, { kind: 'leave' }>, id: string, s: PlannedDecision) {
    {
      at(s.at);
      const row = await db
        .selectFrom('leaveRequests')
        .select(['status', 'superiorId', 'approverKind', 'approverPositionId', 'employeeId'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      // A request whose superior is also the leave-granting official has one step only (leave-service routeFor).
      if (row.status !== 'DIAJUKAN' && row.status !== 'DISETUJUI_ATASAN') return;
      const waitsForSuperior = row.status === 'DIAJUKAN' && row.superiorId !== null;
      const decider = waitsForSuperior
        ? await actorOfEmployeeId(row.superiorId!)
        : await pybmcOf(row, toZoned(s.at, ctx.zoneOf(q.who)).date);
      await attempt(`keputusan cuti ${q.who} ${q.from}`, () =>
        services.leave.decide(decider, id, { decision: s.decision, note: s.note }),
      );
    }
  }

  async function leaveCancel(q: Extract<PlannedRequest, { kind: 'leave' }>, id: string) {
    at(q.cancelAt!);
    await attempt(`pembatalan cuti ${q.who}`, async () =>
      services.leave.cancel(await actorOf(q.who), id, {
        reason: 'Batal karena ada tugas kantor yang mendesak',
      }),
    );
  }

  /** The leave-granting official of a request: the holder of (or Plt/Plh in) the approver post, else BKD. */
  async function pybmcOf(
    row: { approverKind: string; approverPositionId: string | null; employeeId: string },
    date: LocalDate,
  ) {
    if (row.approverKind === 'OPD_HEAD' && row.approverPositionId) {
      const holder = await db
        .selectFrom('employees')
        .select('id')
        .where('positionId', '=', row.approverPositionId)
        .where('id', '!=', row.employeeId)
        .executeTakeFirst();
      const acting = holder
        ? undefined
        : await db
            .selectFrom('actingAssignments')
            .select('employeeId as id')
            .where('positionId', '=', row.approverPositionId)
            .where('validFrom', '<=', date)
            .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
            .executeTakeFirst();
      const id = holder?.id ?? acting?.id;
      if (id) return actorOfEmployeeId(id);
    }
    const bkd = ctx.bkdKeys.find((k) => ctx.empByKey.get(k)?.id !== row.employeeId)!;
    return actorOf(bkd);
  }

  async function permit(q: Extract<PlannedRequest, { kind: 'permit' }>) {
    at(q.submitAt);
    const fields = {
      kind: q.permit,
      part: q.part,
      dateFrom: q.from,
      dateTo: q.to,
      reason: q.reason,
      ...(q.letterNumber
        ? { letterNumber: q.letterNumber, letterDate: toZoned(q.submitAt, 'Asia/Jakarta').date }
        : {}),
      ...(q.destination ? { destination: q.destination } : {}),
    };
    const emp = ctx.empByKey.get(q.who)!;
    const uploader = q.recorded ? await adminOf(ctx.opdOf(q.who)) : await actorOf(q.who);
    // A letter of assignment is uploaded by whoever cites it (a scan: a tiny PDF).
    const letter = q.letterNumber
      ? await services.requestSupport.upload(uploader, {
          bytes: tinyPdf(`surat-tugas:${q.letterNumber}:${q.who}`),
          fileName: 'surat-tugas.pdf',
        })
      : null;
    if (letter) Object.assign(fields, { fileHash: letter.hash });
    const p = q.recorded
      ? await attempt(`penugasan ${q.who} ${q.from}`, async () =>
          services.permits.record(
            await adminOf(ctx.opdOf(q.who)),
            permitRecordSchema.parse({ ...fields, employeeId: emp.id }),
          ),
        )
      : await attempt(`izin ${q.permit} ${q.who} ${q.from}`, async () =>
          services.permits.request(await actorOf(q.who), permitInputSchema.parse(fields)),
        );
    counts.permits++;
    const d = q.decision;
    if (d)
      add(d.at, 5, async () => {
        at(d.at);
        await attempt(`keputusan izin ${q.who} ${q.from}`, async () =>
          services.permits.decide(
            await deciderOf(d.by, q.who),
            p.id,
            decisionSchema.parse({ decision: d.decision, note: d.note }),
          ),
        );
      });
  }

  async function correction(q: Extract<PlannedRequest, { kind: 'correction' }>) {
    at(q.submitAt);
    const actor = await actorOf(q.who);
    const evidence = await services.requestSupport.upload(actor, {
      bytes: tinyPng(`bukti:${q.who}:${q.date}`),
      fileName: 'daftar-hadir-manual.png',
    });
    const c = await attempt(`koreksi ${q.who} ${q.date}`, () =>
      services.corrections.request(
        actor,
        correctionInputSchema.parse({
          date: q.date,
          ...(q.checkIn ? { checkIn: q.checkIn } : {}),
          ...(q.checkOut ? { checkOut: q.checkOut } : {}),
          category: q.category,
          reason: q.reason,
          evidenceHash: evidence.hash,
        }),
      ),
    );
    counts.corrections++;
    const d = q.decision;
    if (d)
      add(d.at, 5, async () => {
        at(d.at);
        await attempt(`keputusan koreksi ${q.who} ${q.date}`, async () =>
          services.corrections.decide(
            await deciderOf(d.by, q.who),
            c.id,
            decisionSchema.parse({ decision: d.decision, note: d.note }),
          ),
        );
      });
  }

  async function review(p: PlannedPunch) {
    const r = p.review!;
    at(r.at);
    const e = ctx.empByKey.get(p.who)!;
    const id = punchIds.get(`${e.id}|${p.idempotencyKey}`);
    if (!id) throw new Error(`Riwayat demo: presensi ${p.idempotencyKey} ${p.who} belum tersimpan`);
    await attempt(`tinjauan presensi ${p.who}`, async () =>
      services.attendance.review(
        await deciderOf(r.by, p.who),
        id,
        reviewBodySchema.parse({ decision: r.decision, note: r.note }),
      ),
    );
    counts.reviews++;
  }

  // ── Statuses and closings. ──
  async function drainQueue() {
    for (let i = 0; i < 30; i++) {
      const r = await services.statuses.processQueue();
      if (r.stored.length + r.skipped.length + r.failed.length === 0) break;
    }
  }
  const built = new Set<string>();
  async function close(c: DemoHistoryPlan['closings'][number]) {
    at(c.at);
    if (!built.has(c.month)) {
      const { from, to } = monthRange(c.month);
      const t = performance.now();
      const r = await services.statuses.recomputeRange(from, to, undefined, 'demo');
      counts.days += r.days;
      timing.recompute = (timing.recompute ?? 0) + performance.now() - t;
      const t2 = performance.now();
      await drainQueue();
      timing.drain = (timing.drain ?? 0) + performance.now() - t2;
      built.add(c.month);
    }
    const unit = ctx.unitByCode.get(c.opd)!;
    await attempt(`penutupan ${c.opd} ${c.month}`, async () =>
      services.recap.close(await adminOf(c.opd), unit.id, c.month),
    );
    closed.add(`${unit.id}|${c.month}`);
    counts.closings++;
  }

  // ── The timeline: events in time order; a request's decisions are added when it is made. ──
  type Event = { at: number; order: number; seq: number; run: () => Promise<void> };
  const events: Event[] = [];
  let seq = 0;
  const before = (a: Event, b: Event) => a.at - b.at || a.order - b.order || a.seq - b.seq;
  function add(t: number, order: number, run: () => Promise<void>) {
    const ev = { at: t, order, seq: seq++, run };
    // Binary insertion keeps the queue sorted (events added later come at or after the running one).
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(events[mid]!, ev) <= 0) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, ev);
  }
  // First phones by registration day (WIB); replacements one by one.
  const firstByDay = new Map<LocalDate, DemoHistoryPlan['devices']>();
  const seen = new Set<EmployeeKey>();
  for (const d of plan.devices) {
    if (d.reason && seen.has(d.who)) {
      add(d.at, 0, () => registerDevice(d));
      continue;
    }
    seen.add(d.who);
    const day = toZoned(d.at, 'Asia/Jakarta').date;
    (firstByDay.get(day) ?? firstByDay.set(day, []).get(day)!).push(d);
  }
  for (const batch of firstByDay.values())
    add(Math.min(...batch.map((d) => d.at)), 0, () => registerFirstDevices(batch));
  for (const h of plan.homes)
    add(h.at, 1, async () => {
      at(h.at);
      const e = ctx.empByKey.get(h.who)!;
      await attempt(`lokasi WFH ${h.who}`, async () =>
        services.attendance.addWorkLocation(
          await adminOf(ctx.opdOf(h.who)),
          workLocationInputSchema.parse({
            employeeId: e.id,
            kind: 'WFH',
            label: h.label,
            lat: h.lat,
            lon: h.lon,
            radiusM: h.radiusM,
            validFrom: plan.start,
          }),
        ),
      );
    });
  for (const r of plan.rosters)
    add(r.at, 1, async () => {
      at(r.at);
      await attempt(`jadwal shift ${r.month}`, async () =>
        services.rosters.set(
          await adminOf('DINKES'),
          rosterSetSchema.parse({
            lines: r.lines.map((l) => ({
              employeeId: ctx.empByKey.get(l.who)!.id,
              date: l.date,
              shiftCode: l.shiftCode,
            })),
            clear: [],
          }),
        ),
      );
    });
  for (const s of plan.apelSchedules)
    add(s.at, 1, async () => {
      at(s.at);
      const unit = ctx.unitByCode.get(s.unitCode)!;
      await attempt(`jadwal apel ${s.unitCode}`, async () =>
        services.kiosk.addSchedule(
          await adminOf(s.unitCode),
          apelScheduleInputSchema.parse({
            unitId: unit.id,
            kind: 'APEL_PAGI',
            weekdays: s.weekdays,
            startTime: s.startTime,
            windowMinutes: s.windowMinutes,
            validFrom: plan.start,
          }),
        ),
      );
    });
  for (const k of plan.apelKiosks)
    add(k.at, 2, async () => {
      at(k.at);
      const unit = ctx.unitByCode.get(k.unitCode)!;
      const admin = await adminOf(k.unitCode);
      const sessions = await services.kiosk.sessionsOn(admin, unit.id, k.date);
      const session = sessions[0];
      if (!session) throw new Error(`Riwayat demo: tidak ada sesi apel ${k.unitCode} ${k.date}`);
      const kiosk = await attempt(`kios apel ${k.unitCode}`, () =>
        services.kiosk.open(
          admin,
          kioskOpenSchema.parse({ unitId: unit.id, apelSessionId: session.id, label: 'Apel pagi', hours: 2 }),
        ),
      );
      kiosks.set(`${k.unitCode}|${k.date}`, {
        kioskId: kiosk.id,
        sessionId: session.id,
        opensAt: Date.parse(session.opensAt),
        closesAt: Date.parse(session.closesAt),
      });
    });
  add(plan.terminalUsers.at, 1, async () => {
    at(plan.terminalUsers.at);
    const csv = [
      'terminal_user_id,nip,serial',
      ...plan.terminalUsers.rows.map((r) => `${r.userId},${r.who.replace(/^internal:/, '')},${r.serial}`),
    ].join('\n');
    await attempt('pemetaan pengguna mesin', async () =>
      services.terminal.importUsers(await adminOf('BAPENDA'), 'pengguna-mesin.csv', Buffer.from(csv)),
    );
  });
  const userIdOf = new Map(plan.terminalUsers.rows.map((r) => [r.who, r.userId]));
  for (const t of plan.terminalImports)
    add(t.at, 3, async () => {
      at(t.at);
      const zone = (ctx.unitByCode.get(t.unitCode)!.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone;
      const lines = plan.punches
        .filter((p) => p.terminalSerial === t.serial && p.receivedAt === t.at)
        .map((p) => {
          const z = toZoned(p.at, zone);
          const second = Math.floor((p.at / 1000) % 60);
          const hh = String(Math.floor(z.minute / 60)).padStart(2, '0');
          const mm = String(z.minute % 60).padStart(2, '0');
          return `${userIdOf.get(p.who)}\t${z.date} ${hh}:${mm}:${String(second).padStart(2, '0')}\t${p.kind === 'IN' ? 0 : 1}\t1\t0\t0`;
        });
      const unit = ctx.unitByCode.get(t.unitCode)!;
      const r = await attempt(`impor log mesin ${t.serial}`, async () =>
        services.terminal.importLog(await adminOf('BAPENDA'), {
          fileName: `${t.serial}_attlog.dat`,
          buf: Buffer.from(lines.join('\n')),
          serial: t.serial,
          unitId: unit.id,
        }),
      );
      counts.punches += r.imported;
    });
  for (const q of plan.requests)
    add(q.submitAt, 4, () =>
      q.kind === 'leave' ? leave(q) : q.kind === 'permit' ? permit(q) : correction(q),
    );
  for (const p of plan.punches) if (p.review) add(p.review.at, 5, () => review(p));
  for (const c of plan.closings) add(c.at, 6, () => close(c));

  async function all() {
    // Punches are written in batches: up to the event's own time before a review or a closing (they read
    // them), else up to the start of the event's day (WIB); every other event precedes the punches it enables
    // (a phone is registered, a kiosk opened, a dinas luar approved before the punches that use them).
    let cursor = 0;
    while (events.length > 0) {
      const ev = events.shift()!;
      if (ev.at < cursor) throw new Error('Riwayat demo: urutan waktu terbalik');
      cursor = ev.at;
      const dayStart = Date.parse(`${toZoned(ev.at, 'Asia/Jakarta').date}T00:00:00+07:00`);
      let t = performance.now();
      await flushPunches(ev.order >= 5 ? ev.at : dayStart);
      timing.flush = (timing.flush ?? 0) + performance.now() - t;
      t = performance.now();
      await ev.run();
      timing[`e${ev.order}`] = (timing[`e${ev.order}`] ?? 0) + performance.now() - t;
    }
    await flushPunches(plan.until);
    at(plan.until);
    // The open months, then the days the last decisions queued.
    const fromOpen = built.size === 0 ? plan.start : `${openAfter(built)}-01`;
    const r = await services.statuses.recomputeRange(fromOpen, plan.today, undefined, 'demo');
    counts.days += r.days;
    await drainQueue();
  }

  async function summary() {
    if (process.env.ABDI_DEMO_TIMING) console.log(timing);
    return counts;
  }
  return { all, summary };
}

/** The month after the latest built (closed) month. */
function openAfter(built: Set<string>): string {
  const last = [...built].sort().at(-1)!;
  const y = Number(last.slice(0, 4));
  const m = Number(last.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
