import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, scopeOf, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { CaptureRules } from '../../../core/attendance/capture-rules.ts';
import { fromZoned, parseHhmm, toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { apelScheduleInputSchema, kioskOpenSchema } from '../../../shared/api/attendance.ts';

/** Text of a kiosk code: `ABDI1.<kiosk id>.<window>.<mac>`; the mac is an HMAC of id and window. */
const CODE_PREFIX = 'ABDI1';

const APEL_TITLES: Record<string, string> = {
  APEL_PAGI: 'Apel pagi',
  APEL_SORE: 'Apel sore',
  UPACARA_SENIN: 'Upacara hari Senin',
  UPACARA_HARI_BESAR: 'Upacara hari besar',
};

/**
 * Kiosks and apel. A kiosk screen (opened by admin OPD for a unit, optionally for one apel session) shows a
 * code that changes every `rotateSeconds` (rulebook): an HMAC of the kiosk and the time window under a secret
 * only the server knows. A phone scanning it proves presence at the screen; an old code is expired, a code
 * already used by the same employee is a replay. Apel schedules of a unit become sessions per day, and the
 * punches scanned at an apel kiosk are its attendance.
 * Source: market.md §4 item 6 (rotating QR for apel and shared devices); regulations.md §5.4 (apel and upacara
 * as separate scheduled attendance events with their own targets).
 */
export function createKioskService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
}) {
  const { db, audit, clock, config, rulebooks } = deps;

  const mac = (secret: string, kioskId: string, window: number) =>
    createHmac('sha256', Buffer.from(secret, 'base64url'))
      .update(`${kioskId}.${window}`)
      .digest('base64url')
      .slice(0, 22);
  const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

  async function captureRules(at: number): Promise<CaptureRules> {
    return (await rulebooks.rulesOn(config.rulebookRegion, toZoned(at, 'Asia/Jakarta').date)).capture;
  }

  async function unitOf(id: string) {
    const u = await db
      .selectFrom('units')
      .select(['id', 'name', 'path', 'timeZone'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!u) throw fieldError('unitId', 'Unit tidak ditemukan');
    return u;
  }

  /** Open a kiosk screen for a unit; the token (shown once, in the kiosk URL) lets the screen fetch codes. */
  async function open(actor: Actor, input: z.infer<typeof kioskOpenSchema>) {
    const unit = await unitOf(input.unitId);
    if (!inScope(scopeOf(actor, 'kiosk.open'), unit.path))
      throw forbidden('Unit ini di luar kewenangan Anda');
    if (input.apelSessionId) {
      const s = await db
        .selectFrom('apelSessions')
        .select('unitId')
        .where('id', '=', input.apelSessionId)
        .executeTakeFirst();
      if (!s || s.unitId !== unit.id)
        throw fieldError('apelSessionId', 'Sesi apel tidak ditemukan di unit ini');
    }
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(clock.now().getTime() + input.hours * 3_600_000);
    const row = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('kioskSessions')
        .values({
          unitId: unit.id,
          apelSessionId: input.apelSessionId ?? null,
          label: input.label,
          secret: randomBytes(32).toString('base64url'),
          tokenHash: tokenHash(token),
          openedBy: actor.userId,
          expiresAt,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'kiosk.opened',
        entityType: 'kiosk',
        entityId: r.id,
        unitId: unit.id,
        after: {
          label: input.label,
          apelSessionId: input.apelSessionId ?? null,
          expiresAt: expiresAt.toISOString(),
        },
      });
      return r;
    });
    return { id: row.id, token, label: input.label, unitName: unit.name, expiresAt: expiresAt.toISOString() };
  }

  /** The current code of a kiosk, for the screen holding its token. */
  async function code(kioskId: string, token: string) {
    const k = await db.selectFrom('kioskSessions').selectAll().where('id', '=', kioskId).executeTakeFirst();
    const now = clock.now().getTime();
    if (!k || !token || !timingSafeEqual(Buffer.from(tokenHash(token)), Buffer.from(k.tokenHash)))
      throw new AppError('UNAUTHENTICATED', 'Token kios tidak sah');
    if (k.closedAt || k.expiresAt.getTime() <= now)
      throw new AppError('UNAUTHENTICATED', 'Sesi kios sudah berakhir; buka kios baru');
    const { rotateSeconds } = (await captureRules(now)).qr;
    const window = Math.floor(now / (rotateSeconds * 1000));
    return {
      code: `${CODE_PREFIX}.${k.id}.${window}.${mac(k.secret, k.id, window)}`,
      window,
      expiresAt: (window + 1) * rotateSeconds * 1000,
      rotateSeconds,
    };
  }

  /**
   * What a scanned code proves for this employee at `at`: VALID, EXPIRED (older than the grace windows),
   * REPLAYED (this employee already used this window of this kiosk), or INVALID (forged, unknown kiosk, closed,
   * another unit's kiosk, or a window from the future).
   */
  async function checkCode(
    text: string,
    who: { employeeId: string; unitPath: string; at: number; rules: CaptureRules },
  ): Promise<{
    state: 'VALID' | 'INVALID' | 'EXPIRED' | 'REPLAYED';
    kioskSessionId: string | null;
    window: number | null;
    apelSessionId: string | null;
    apelOpen: boolean | undefined;
  }> {
    const invalid = {
      state: 'INVALID' as const,
      kioskSessionId: null,
      window: null,
      apelSessionId: null,
      apelOpen: undefined,
    };
    const m = /^ABDI1\.([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(text.trim());
    if (!m) return invalid;
    const [, kioskId, w, given] = m as unknown as [string, string, string, string];
    const window = Number(w);
    const k = await db
      .selectFrom('kioskSessions as k')
      .innerJoin('units as u', 'u.id', 'k.unitId')
      .select(['k.id', 'k.secret', 'k.closedAt', 'k.expiresAt', 'k.apelSessionId', 'u.path'])
      .where('k.id', '=', kioskId)
      .executeTakeFirst();
    if (!k) return invalid;
    const expected = mac(k.secret, k.id, window);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return invalid;
    if (!who.unitPath.startsWith(k.path)) return invalid;
    const base = {
      kioskSessionId: k.id,
      window,
      apelSessionId: k.apelSessionId,
      apelOpen: undefined as boolean | undefined,
    };
    const current = Math.floor(who.at / (who.rules.qr.rotateSeconds * 1000));
    if (window > current) return { ...base, state: 'INVALID' };
    if (k.closedAt || k.expiresAt.getTime() < who.at) return { ...base, state: 'EXPIRED' };
    if (current - window > who.rules.qr.graceWindows) return { ...base, state: 'EXPIRED' };
    const used = await db
      .selectFrom('punches')
      .select('id')
      .where('employeeId', '=', who.employeeId)
      .where('kioskSessionId', '=', k.id)
      .where('qrWindow', '=', window)
      .where('verdict', '!=', 'REJECTED')
      .executeTakeFirst();
    if (used) return { ...base, state: 'REPLAYED' };
    if (k.apelSessionId) {
      const s = await db
        .selectFrom('apelSessions')
        .select(['opensAt', 'closesAt'])
        .where('id', '=', k.apelSessionId)
        .executeTakeFirstOrThrow();
      base.apelOpen = s.opensAt.getTime() <= who.at && who.at <= s.closesAt.getTime();
    }
    return { ...base, state: 'VALID' };
  }

  async function closeKiosk(actor: Actor, id: string) {
    const k = await db
      .selectFrom('kioskSessions as k')
      .innerJoin('units as u', 'u.id', 'k.unitId')
      .select(['k.id', 'k.unitId', 'u.path', 'k.closedAt'])
      .where('k.id', '=', id)
      .executeTakeFirst();
    if (!k) throw notFound('Kios');
    if (!inScope(scopeOf(actor, 'kiosk.open'), k.path)) throw forbidden('Kios ini di luar kewenangan Anda');
    await db.transaction().execute(async (trx) => {
      // Closed once: a second (or concurrent) close finds no open kiosk and changes nothing.
      const closed = await trx
        .updateTable('kioskSessions')
        .set({ closedAt: clock.now() })
        .where('id', '=', id)
        .where('closedAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!closed) throw new AppError('CONFLICT', 'Kios ini sudah ditutup');
      await audit.record(trx, ctxOf(actor), {
        action: 'kiosk.closed',
        entityType: 'kiosk',
        entityId: id,
        unitId: k.unitId,
      });
    });
  }

  // ---------------------------------------------------------------- apel

  async function listSchedules(actor: Actor, unitId: string | undefined) {
    const scope = requireAny(actor, 'apel.manage');
    let q = db
      .selectFrom('apelSchedules as s')
      .innerJoin('units as u', 'u.id', 's.unitId')
      .select([
        's.id',
        's.unitId',
        'u.name as unitName',
        'u.path',
        's.kind',
        's.weekdays',
        's.startTime',
        's.windowMinutes',
        's.validFrom',
        's.validTo',
      ])
      .orderBy('u.name')
      .orderBy('s.startTime');
    if (unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      if (!inScope(scope, unit.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      q = q.where('s.unitId', '=', unitId);
    }
    const rows = await q.execute();
    return rows.filter((r) => inScope(scope, r.path)).map(({ path: _p, ...r }) => r);
  }

  async function addSchedule(actor: Actor, input: z.infer<typeof apelScheduleInputSchema>) {
    const unit = await unitOf(input.unitId);
    if (!inScope(scopeOf(actor, 'apel.manage'), unit.path))
      throw forbidden('Unit ini di luar kewenangan Anda');
    if (input.validTo && input.validTo < input.validFrom)
      throw fieldError('validTo', 'Tanggal akhir tidak boleh sebelum tanggal mulai');
    const weekdays = [...new Set(input.weekdays)].sort();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('apelSchedules')
        .values({ ...input, weekdays, createdBy: actor.userId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'apel_schedule.added',
        entityType: 'apel_schedule',
        entityId: row.id,
        unitId: unit.id,
        after: { ...input, weekdays },
      });
      return row;
    });
  }

  /** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
  const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

  /**
   * The apel sessions of a unit on a date: those scheduled (created on first request, one per schedule and
   * day) plus one-offs, each with how many attended (accepted punches scanned at its kiosks) out of the staff.
   */
  async function sessionsOn(actor: Actor, unitId: string, date: string) {
    const unit = await unitOf(unitId);
    const scope = scopeOf(actor, 'apel.manage');
    const readable = inScope(scope, unit.path) || inScope(scopeOf(actor, 'attendance.read'), unit.path);
    if (!readable) throw forbidden('Unit ini di luar kewenangan Anda');
    const zone = unit.timeZone as IndonesianTimeZone;
    const schedules = await db
      .selectFrom('apelSchedules')
      .selectAll()
      .where('unitId', '=', unitId)
      .where('validFrom', '<=', date)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
      .execute();
    for (const s of schedules) {
      if (!s.weekdays.includes(isoWeekday(date))) continue;
      const opens = fromZoned(date, parseHhmm(s.startTime) - 15, zone);
      await db
        .insertInto('apelSessions')
        .values({
          unitId,
          scheduleId: s.id,
          kind: s.kind,
          title: APEL_TITLES[s.kind] ?? s.kind,
          localDate: date,
          opensAt: new Date(opens),
          closesAt: new Date(opens + (15 + s.windowMinutes) * 60_000),
        })
        .onConflict((oc) =>
          oc.columns(['scheduleId', 'localDate']).where('scheduleId', 'is not', null).doNothing(),
        )
        .execute();
    }
    const sessions = await db
      .selectFrom('apelSessions')
      .selectAll()
      .where('unitId', '=', unitId)
      .where('localDate', '=', date)
      .orderBy('opensAt')
      .execute();
    const expected = (
      await db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('u.path', 'like', `${unit.path}%`)
        .where((eb) => eb.or([eb('e.activeTo', 'is', null), eb('e.activeTo', '>=', date)]))
        .executeTakeFirstOrThrow()
    ).n;
    const out = [];
    for (const s of sessions) {
      const attended = (
        await db
          .selectFrom('punches as p')
          .leftJoin('punchReviews as r', 'r.punchId', 'p.id')
          .select(({ fn }) => fn.count<number>('p.employeeId').distinct().as('n'))
          .where('p.apelSessionId', '=', s.id)
          .where((eb) =>
            eb.or([
              eb('p.verdict', '=', 'ACCEPTED'),
              eb.and([eb('p.verdict', '=', 'FLAGGED'), eb('r.decision', '=', 'ACCEPTED')]),
            ]),
          )
          .executeTakeFirstOrThrow()
      ).n;
      out.push({
        id: s.id,
        unitId,
        unitName: unit.name,
        kind: s.kind as 'APEL_PAGI',
        title: s.title,
        localDate: s.localDate,
        opensAt: s.opensAt.toISOString(),
        closesAt: s.closesAt.toISOString(),
        attended,
        expected,
      });
    }
    return out;
  }

  /** A one-off apel or ceremony (e.g. a holiday ceremony) on a date. */
  async function addSession(
    actor: Actor,
    input: {
      unitId: string;
      kind: string;
      title: string;
      localDate: string;
      startTime: string;
      windowMinutes: number;
    },
  ) {
    const unit = await unitOf(input.unitId);
    if (!inScope(scopeOf(actor, 'apel.manage'), unit.path))
      throw forbidden('Unit ini di luar kewenangan Anda');
    const opens = fromZoned(
      input.localDate,
      parseHhmm(input.startTime) - 15,
      unit.timeZone as IndonesianTimeZone,
    );
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('apelSessions')
        .values({
          unitId: unit.id,
          scheduleId: null,
          kind: input.kind,
          title: input.title,
          localDate: input.localDate,
          opensAt: new Date(opens),
          closesAt: new Date(opens + (15 + input.windowMinutes) * 60_000),
          createdBy: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'apel_session.added',
        entityType: 'apel_session',
        entityId: row.id,
        unitId: unit.id,
        after: input,
      });
      return row;
    });
  }

  return { open, code, checkCode, closeKiosk, listSchedules, addSchedule, sessionsOn, addSession };
}

export type KioskService = ReturnType<typeof createKioskService>;
