import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';
import { canonicalPunchPayload, type PunchBody } from '../../../shared/api/attendance.ts';

/*
 * Attendance capture through the real API on the demo province. Clock: Thursday 15 Jan 2026, 09:00 WIB.
 * The pegawai works at Puskesmas Curug (office circle of 60 m around -6.1489, 106.1616).
 */
const OFFICE = { lat: -6.1489, lon: 106.1616 };
const M = 1 / 111_195;
const north = (m: number, accuracyM = 10, mocked = false) => ({
  lat: OFFICE.lat + m * M,
  lon: OFFICE.lon,
  accuracyM,
  mocked,
});

/** A structurally valid JPEG with EXIF (GPS text) and a comment, for the metadata-stripping check. */
function jpegWithExif(): Buffer {
  const seg = (marker: number, payload: Buffer) =>
    Buffer.concat([
      Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
      payload,
    ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPS-RAHASIA-6.1489,106.1616 SERIAL-XYZ', 'latin1')),
    seg(0xfe, Buffer.from('komentar pribadi', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

interface Phone {
  key: KeyObject;
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  deviceId?: string;
}
function newPhone(): Phone {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as Phone['jwk'];
  return { key: privateKey, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } };
}
function signed(phone: Phone, body: PunchBody): PunchBody {
  const b = { ...body };
  const sig = sign('sha256', Buffer.from(canonicalPunchPayload(b)), {
    key: phone.key,
    dsaEncoding: 'ieee-p1363',
  });
  return { ...b, signature: sig.toString('base64url') };
}

let seq = 0;
const key = () => `test-punch-${++seq}-${Math.random().toString(36).slice(2)}`;

describe('attendance capture', () => {
  let t: TestApp;
  let pegawai: Client;
  let colleague: Client;
  let superior: Client;
  let adminOpd: Client;
  let adminOther: Client;
  let people: Record<'pegawai' | 'colleague' | 'superior', DemoEmployee>;
  let phone: Phone;

  async function punch(c: Client, body: PunchBody, photo: Buffer | null = jpegWithExif()) {
    const b = photo ? { ...body, photoHash: createHash('sha256').update(photo).digest('hex') } : body;
    const withSig = phone && c === pegawai && b.deviceId !== undefined ? signed(phone, b) : b;
    const mp = multipart(
      { punch: JSON.stringify(withSig) },
      photo ? { field: 'photo', name: 'selfie.jpg', content: photo, type: 'image/jpeg' } : undefined,
    );
    return c.request({
      method: 'POST',
      url: '/api/attendance/punches',
      payload: mp.payload,
      headers: mp.headers,
    });
  }
  const body = (over: Partial<PunchBody> = {}): PunchBody => ({
    idempotencyKey: key(),
    kind: 'IN',
    deviceId: phone.deviceId,
    location: north(0),
    ...over,
  });
  let adminNips: { dinkes: string; bapenda: string };
  /** (Re)opens every session, e.g. after the clock jumps past the idle timeout. */
  async function signInAll() {
    pegawai = await login(t.app, people.pegawai.nip!);
    colleague = await login(t.app, people.colleague.nip!);
    superior = await login(t.app, people.superior.nip!);
    adminOpd = await login(t.app, adminNips.dinkes);
    adminOther = await login(t.app, adminNips.bapenda);
  }
  const countPunches = async () =>
    (
      await t.db
        .selectFrom('punches')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  /** Each punch needs a minute after the previous one (TOO_SOON otherwise). */
  const nextMinute = () => t.clock.advance(2 * 60_000);

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const subsOf = (e: DemoEmployee) => d.employees.filter((x) => e.nip && x.superiorNip === e.nip);
    const plain = d.employees.filter(
      (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !grantNips.has(e.nip) && subsOf(e).length === 0,
    );
    const p = plain[0]!;
    people = {
      pegawai: p,
      colleague: plain.find((e) => e !== p)!,
      superior: d.employees.find((e) => e.nip === p.superiorNip)!,
    };
    adminNips = {
      dinkes: d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
      bapenda: d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'BAPENDA')!.nip!,
    };
    await signInAll();
    phone = newPhone();
  });
  afterAll(() => t.close());

  describe('today and devices', () => {
    it('shows the Presensi day: server time, the office fence, the rules and no device yet', async () => {
      const res = await pegawai.get('/api/attendance/today');
      expect(res.statusCode, res.body).toBe(200);
      const today = res.json();
      expect(today).toMatchObject({
        serverTime: Date.parse('2026-01-15T02:00:00Z'),
        timeZone: 'Asia/Jakarta',
        localDate: '2026-01-15',
        device: null,
        punches: [],
        rules: { photoRequired: true, maxAccuracyM: 100, offlineMaxAgeHours: 72 },
        schedule: { start: '07:30', end: '16:00' },
        // 09:00 on a working day with no punch yet: not absent, only not checked in.
        status: { code: 'BELUM', label: 'Belum presensi' },
      });
      expect(today.places).toEqual([
        expect.objectContaining({ kind: 'OFFICE', fence: { kind: 'circle', center: OFFICE, radiusM: 60 } }),
      ]);
    });

    it('binds the first phone at once; a second one waits for admin OPD, who approves it (old one revoked)', async () => {
      const first = await pegawai.post('/api/attendance/devices', {
        publicKey: phone.jwk,
        label: 'Android Redmi',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ status: 'ACTIVE', label: 'Android Redmi' });
      phone.deviceId = first.json().id;
      // Registering the same key again answers the same device.
      expect(
        (await pegawai.post('/api/attendance/devices', { publicKey: phone.jwk, label: 'x' })).json().id,
      ).toBe(phone.deviceId);

      const other = newPhone();
      const noReason = await pegawai.post('/api/attendance/devices', {
        publicKey: other.jwk,
        label: 'Ponsel baru',
      });
      expect(noReason.statusCode).toBe(400);
      const pending = await pegawai.post('/api/attendance/devices', {
        publicKey: other.jwk,
        label: 'Ponsel baru',
        reason: 'Ponsel lama rusak',
      });
      expect(pending.json()).toMatchObject({ status: 'PENDING', requestReason: 'Ponsel lama rusak' });
      const list = await adminOpd.get('/api/attendance/devices?status=PENDING');
      expect(list.json().items.map((d: { id: string }) => d.id)).toContain(pending.json().id);
      expect((await adminOther.get('/api/attendance/devices?status=PENDING')).json().items).toEqual([]);
      expect(
        (
          await adminOther.post(`/api/attendance/devices/${pending.json().id}/decision`, {
            decision: 'REJECT',
            note: 'tidak',
          })
        ).statusCode,
      ).toBe(403);
      const reject = await adminOpd.post(`/api/attendance/devices/${pending.json().id}/decision`, {
        decision: 'REJECT',
        note: 'Ajukan lagi dengan surat keterangan',
      });
      expect(reject.json()).toMatchObject({
        status: 'REJECTED',
        decisionNote: 'Ajukan lagi dengan surat keterangan',
      });
      const mine = (await pegawai.get('/api/attendance/devices/mine')).json();
      expect(mine.map((d: { status: string }) => d.status).sort()).toEqual(['ACTIVE', 'REJECTED']);
    });

    it('refuses a key that is not a P-256 point', async () => {
      const res = await pegawai.post('/api/attendance/devices', {
        publicKey: { ...phone.jwk, x: 'A'.repeat(43) },
        label: 'Palsu',
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('verdicts', () => {
    it('accepts a signed punch inside the office with a photo, at the server’s time; the stored photo has no metadata', async () => {
      nextMinute();
      const before = t.clock.now().toISOString();
      const res = await punch(pegawai, body());
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json().punch;
      expect(p).toMatchObject({
        verdict: 'ACCEPTED',
        reasons: [],
        occurredAt: before,
        kind: 'IN',
        source: 'ONLINE',
        localDate: '2026-01-15',
        hasPhoto: true,
        place: { kind: 'OFFICE', label: 'Gedung Puskesmas Curug', distanceM: 0 },
        employeeId: (
          await t.db
            .selectFrom('employees')
            .select('id')
            .where('nip', '=', people.pegawai.nip)
            .executeTakeFirstOrThrow()
        ).id,
      });
      // Checked in, the day not over: the page shows the arrival, not an early leave that has not happened.
      const today = (await pegawai.get('/api/attendance/today')).json();
      expect(today.status.label).not.toMatch(/PSW/);
      expect(today.status.earlyMinutes).toBe(0);
      expect(today.status.reason).toContain('presensi pulang setelah 16:00');
      const photo = await pegawai.get(`/api/attendance/punches/${p.id}/photo`);
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      const bytes = photo.rawPayload;
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(bytes.includes(Buffer.from('JFIF'))).toBe(true);
      expect(bytes.includes(Buffer.from('GPS-RAHASIA'))).toBe(false);
      expect(bytes.includes(Buffer.from('komentar'))).toBe(false);
    });

    const cases: [string, () => Partial<PunchBody>, string, string[], boolean?][] = [
      ['outside every geofence', () => ({ location: north(500, 20) }), 'REJECTED', ['OUTSIDE_GEOFENCE']],
      ['an accuracy of 5 km', () => ({ location: north(0, 5000) }), 'REJECTED', ['ACCURACY_TOO_POOR']],
      [
        'at the edge, within the fix accuracy',
        () => ({ location: north(80, 40) }),
        'FLAGGED',
        ['LOCATION_UNCERTAIN'],
      ],
      ['a mock location', () => ({ location: north(0, 10, true) }), 'FLAGGED', ['MOCK_LOCATION']],
      ['no device', () => ({ deviceId: undefined }), 'REJECTED', ['NO_DEVICE']],
      [
        'a device of someone else',
        () => ({ deviceId: '00000000-0000-4000-8000-000000000001' }),
        'REJECTED',
        ['UNREGISTERED_DEVICE'],
      ],
      ['no photo where the rulebook requires one', () => ({}), 'REJECTED', ['PHOTO_MISSING'], false],
    ];
    it.each(cases)(
      'stores a punch with %s as %s %j',
      async (_n, over, verdict, reasons, withPhoto = true) => {
        nextMinute();
        const res = await punch(pegawai, body(over()), withPhoto ? jpegWithExif() : null);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().punch.verdict).toBe(verdict);
        expect(res.json().punch.reasons.map((r: { code: string }) => r.code)).toEqual(reasons);
        expect(res.json().punch.reasons[0].message).toMatch(/[a-z]/);
      },
    );

    it('rejects a tampered signature (a signed field changed after signing)', async () => {
      nextMinute();
      const b = signed(phone, { ...body(), photoHash: undefined, location: north(0) });
      const tampered = { ...b, location: north(5) };
      const mp = multipart({ punch: JSON.stringify(tampered) });
      const rules = await t.services.rulebooks.rulesOn('nasional', '2026-01-15');
      expect(rules.capture.photo.required).toBe(true);
      const res = await pegawai.request({
        method: 'POST',
        url: '/api/attendance/punches',
        payload: mp.payload,
        headers: mp.headers,
      });
      expect(res.json().punch.reasons.map((r: { code: string }) => r.code)).toContain('SIGNATURE_INVALID');
      expect(res.json().punch.verdict).toBe('REJECTED');
    });

    it('rejects a second punch within a minute, and a punch in a closed month', async () => {
      nextMinute();
      expect((await punch(pegawai, body({ kind: 'OUT' }))).json().punch.verdict).toBe('ACCEPTED');
      t.clock.advance(20_000);
      expect(
        (await punch(pegawai, body({ kind: 'OUT' })))
          .json()
          .punch.reasons.map((r: { code: string }) => r.code),
      ).toEqual(['TOO_SOON']);
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('monthClosings').values({ unitId: unit.id, month: '2026-01' }).execute();
      nextMinute();
      const closed = await punch(pegawai, body());
      expect(closed.json().punch.reasons.map((r: { code: string }) => r.code)).toEqual(['MONTH_CLOSED']);
      await t.db.deleteFrom('monthClosings').where('unitId', '=', unit.id).execute();
    });
  });

  describe('idempotency and bad input', () => {
    it('answers a replay with the same punch (200) and refuses the same key with another body (409)', async () => {
      nextMinute();
      const b = body();
      const first = await punch(pegawai, b);
      expect(first.statusCode).toBe(201);
      const n = await countPunches();
      const again = await punch(pegawai, b);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ replayed: true, punch: { id: first.json().punch.id } });
      const changed = await punch(pegawai, { ...b, kind: 'OUT' });
      expect(changed.statusCode).toBe(409);
      expect(changed.json().error.code).toBe('CONFLICT');
      expect(await countPunches()).toBe(n);
    });

    it.each([
      [
        'absurd coordinates',
        () => ({ ...body(), location: { lat: 123, lon: 500, accuracyM: 5, mocked: false } }),
        400,
      ],
      ['a short idempotency key', () => ({ ...body(), idempotencyKey: 'x' }), 400],
      ['an unknown kind', () => ({ ...body(), kind: 'LUNCH' as 'IN' }), 400],
    ])('refuses %s with %s and stores nothing', async (_n, make, status) => {
      const n = await countPunches();
      const res = await punch(pegawai, make());
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(await countPunches()).toBe(n);
    });

    it('refuses a photo that is not an image (415), a 3 MB photo (413 by the rulebook) and a 20 MB one (413)', async () => {
      const n = await countPunches();
      const notImage = await punch(pegawai, body(), Buffer.from('%PDF-1.4 bukan foto'));
      expect(notImage.statusCode).toBe(415);
      expect(notImage.json().error.message).toContain('JPEG');
      const big = Buffer.concat([jpegWithExif(), Buffer.alloc(3_000_000)]);
      expect((await punch(pegawai, body(), big)).statusCode).toBe(413);
      const huge = Buffer.alloc(20 * 1024 * 1024, 0xff);
      const res = await punch(pegawai, body(), huge);
      expect(res.statusCode).toBe(413);
      expect(res.body).not.toMatch(/stack|at .*\.ts/);
      expect(await countPunches()).toBe(n);
    });

    it('refuses malformed JSON in the punch field', async () => {
      const mp = multipart({ punch: '{"idempotencyKey":' });
      const res = await pegawai.request({
        method: 'POST',
        url: '/api/attendance/punches',
        payload: mp.payload,
        headers: mp.headers,
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('offline punches', () => {
    const offline = (ageMs: number, skewMs = 0): Partial<PunchBody> => {
      const now = t.clock.now().getTime();
      return {
        offline: {
          deviceTime: now - ageMs + skewMs,
          lastServerTime: now - ageMs - 60_000,
          elapsedSinceServerMs: 60_000,
        },
      };
    };
    it.each([
      ['captured 2 hours ago', 2 * 3_600_000, 'ACCEPTED', []],
      ['captured 100 hours ago', 100 * 3_600_000, 'FLAGGED', ['OFFLINE_TOO_OLD']],
      ['dated next week', -7 * 86_400_000, 'FLAGGED', ['OFFLINE_IN_FUTURE']],
    ])('takes a punch %s at its capture time: %s %j', async (_n, age, verdict, reasons) => {
      t.clock.advance(10 * 60_000);
      const res = await punch(pegawai, body(offline(age as number)));
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json().punch;
      expect(p.source).toBe('OFFLINE');
      expect(p.verdict).toBe(verdict);
      expect(p.reasons.map((r: { code: string }) => r.code)).toEqual(reasons);
      expect(Date.parse(p.occurredAt)).toBe(t.clock.now().getTime() - (age as number));
    });
  });

  describe('security', () => {
    it('stores the punch for the signed-in employee whatever the body claims, at the server’s time', async () => {
      nextMinute();
      const res = await punch(pegawai, {
        ...body(),
        ...({
          employeeId: '00000000-0000-4000-8000-000000000000',
          occurredAt: '2020-01-01T00:00:00Z',
        } as object),
      });
      expect(res.json().punch.employeeName).toContain(people.pegawai.name);
      expect(res.json().punch.occurredAt).toBe(t.clock.now().toISOString());
    });

    it('admits a JSON check-in (session read in its own statement) exactly like any route: no session, a dead or idle one, no CSRF token, a pending password change, a deactivated user or a non-employee store nothing', async () => {
      const URL = '/api/attendance/punches';
      const c = await login(t.app, people.colleague.nip!);
      const sessionId = createHash('sha256').update(c.cookie.split('=')[1]!).digest('hex');
      const json = (over: Partial<PunchBody> = {}) => ({ ...body({ deviceId: undefined }), ...over });
      const as = (headers: Record<string, string>, payload: unknown) =>
        t.app.inject({ method: 'POST', url: URL, headers, payload: payload as object });
      const before = await countPunches();
      const code = (r: { json(): { error: { code: string } } }) => r.json().error.code;

      const none = await as({}, json());
      expect([none.statusCode, code(none)]).toEqual([401, 'UNAUTHENTICATED']);
      const dead = await as({ cookie: 'abdi_session=bukan-sesi', 'x-csrf-token': c.csrf }, json());
      expect([dead.statusCode, code(dead)]).toEqual([401, 'UNAUTHENTICATED']);
      expect(dead.cookies.find((k) => k.name === 'abdi_session')?.value).toBe('');
      // Invalid input from a caller without a session is a 401: nobody learns what the route accepts.
      const deadInvalid = await as(
        { cookie: 'abdi_session=bukan-sesi', 'x-csrf-token': c.csrf },
        { kind: 'X' },
      );
      expect(deadInvalid.statusCode).toBe(401);
      const noCsrf = await as({ cookie: c.cookie }, json());
      expect([noCsrf.statusCode, code(noCsrf)]).toEqual([403, 'CSRF']);
      const invalid = await c.request({ method: 'POST', url: URL, payload: { kind: 'X' } });
      expect([invalid.statusCode, code(invalid)]).toEqual([400, 'VALIDATION']);
      const farOffline = await c.request({
        method: 'POST',
        url: URL,
        payload: json({
          offline: { deviceTime: Date.UTC(2020, 0, 1), lastServerTime: null, elapsedSinceServerMs: null },
        }),
      });
      expect([farOffline.statusCode, farOffline.json().error.details?.[0]?.path]).toEqual([
        400,
        'offline.deviceTime',
      ]);

      await t.db
        .updateTable('users')
        .set({ mustChangePassword: true })
        .where('id', '=', c.me.user.id)
        .execute();
      const pending = await c.request({ method: 'POST', url: URL, payload: json() });
      expect([pending.statusCode, code(pending)]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
      await t.db
        .updateTable('users')
        .set({ mustChangePassword: false, active: false })
        .where('id', '=', c.me.user.id)
        .execute();
      const inactive = await c.request({ method: 'POST', url: URL, payload: json() });
      expect([inactive.statusCode, code(inactive)]).toEqual([401, 'UNAUTHENTICATED']);
      await t.db.updateTable('users').set({ active: true }).where('id', '=', c.me.user.id).execute();

      // The system administrator has no employee record: no punch of theirs can exist.
      const sysadmin = await login(t.app, 'admin');
      const admin = await sysadmin.request({ method: 'POST', url: URL, payload: json() });
      expect([admin.statusCode, code(admin)]).toEqual([403, 'FORBIDDEN']);
      expect(await countPunches()).toBe(before);

      // The same session, admitted: the punch is stored for it, at the server's time.
      nextMinute();
      const ok = await c.request({ method: 'POST', url: URL, payload: json() });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().punch.employeeName).toContain(people.colleague.name);
      expect(ok.json().punch.occurredAt).toBe(t.clock.now().toISOString());
      expect(await countPunches()).toBe(before + 1);

      // Idle past SESSION_IDLE_MINUTES: refused as expired, and the session is gone.
      const idle = new Date(t.clock.now().getTime() - 3 * 3_600_000);
      await t.db.updateTable('sessions').set({ lastSeenAt: idle }).where('id', '=', sessionId).execute();
      const expired = await c.request({ method: 'POST', url: URL, payload: json() });
      expect([expired.statusCode, code(expired)]).toEqual([401, 'SESSION_EXPIRED']);
      const left = await t.db.selectFrom('sessions').select('id').where('id', '=', sessionId).execute();
      expect(left).toEqual([]);
      expect(await countPunches()).toBe(before + 1);
    });

    it('lets the superior and the Dinkes admin see a photo, not a colleague nor another OPD’s admin; each view logged', async () => {
      const own = (await pegawai.get('/api/attendance/punches?verdict=ACCEPTED'))
        .json()
        .items.find((p: { hasPhoto: boolean }) => p.hasPhoto);
      const url = `/api/attendance/punches/${own.id}/photo`;
      const views = async () =>
        (
          await t.db
            .selectFrom('photoViews')
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      const before = await views();
      expect((await superior.get(url)).statusCode).toBe(200);
      expect((await adminOpd.get(url)).statusCode).toBe(200);
      expect((await colleague.get(url)).statusCode).toBe(403);
      expect((await adminOther.get(url)).statusCode).toBe(403);
      expect(await views()).toBe(before + 2);
      // Lists follow the same rule.
      expect((await colleague.get(`/api/attendance/punches?employeeId=${own.employeeId}`)).json().total).toBe(
        0,
      );
      expect(
        (await superior.get(`/api/attendance/punches?employeeId=${own.employeeId}`)).json().total,
      ).toBeGreaterThan(0);
    });

    it('flags punches from one phone used by two employees (the same device key under both)', async () => {
      const shared = (
        await colleague.post('/api/attendance/devices', { publicKey: phone.jwk, label: 'Pinjam ponsel' })
      ).json();
      expect(shared.status).toBe('ACTIVE');
      nextMinute();
      const mine = await punch(pegawai, body());
      expect(mine.json().punch.reasons.map((r: { code: string }) => r.code)).toEqual(['SHARED_DEVICE']);
      expect(mine.json().punch.verdict).toBe('FLAGGED');
      // The colleague's device is revoked again so later stories are unaffected.
      expect(
        (
          await adminOpd.post(`/api/attendance/devices/${shared.id}/decision`, {
            decision: 'REVOKE',
            note: 'Ponsel milik rekan',
          })
        ).statusCode,
      ).toBe(200);
    });

    it('purges photo bytes after the retention period, keeps the punch, and refuses to serve the photo', async () => {
      const withPhoto = (await pegawai.get('/api/attendance/punches?pageSize=200'))
        .json()
        .items.filter((p: { hasPhoto: boolean }) => p.hasPhoto);
      expect(withPhoto.length).toBeGreaterThan(0);
      const saved = t.clock.now().toISOString();
      t.clock.advance((t.config.photoRetentionDays + 1) * 86_400_000);
      const purged = await t.services.attendance.purgePhotos();
      expect(purged).toBeGreaterThan(0);
      expect(await t.services.attendance.purgePhotos()).toBe(0);
      t.clock.set(saved);
      await signInAll();
      const res = await pegawai.get(`/api/attendance/punches/${withPhoto[0].id}/photo`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toContain('retensi');
      const entry = await t.db
        .selectFrom('auditLog')
        .select('after')
        .where('action', '=', 'photo.purged')
        .executeTakeFirstOrThrow();
      expect(entry.after).toMatchObject({ count: purged, retentionDays: t.config.photoRetentionDays });
      expect((await pegawai.get('/api/attendance/punches?pageSize=200')).json().total).toBeGreaterThanOrEqual(
        withPhoto.length,
      );
    });

    it('keeps punches append-only in the database', async () => {
      await expect(sql`update punches set verdict = 'ACCEPTED'`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from punches`.execute(t.db)).rejects.toThrow(/append-only/);
    });
  });

  describe('review queue', () => {
    it('sends a flagged punch to the superior, who accepts it with a note; the employee sees the decision', async () => {
      nextMinute();
      const flagged = (await punch(pegawai, body({ location: north(0, 10, true) }))).json().punch;
      expect(flagged.verdict).toBe('FLAGGED');
      const count = (await superior.get('/api/attendance/reviews/count')).json().count;
      expect(count).toBeGreaterThan(0);
      const inbox = (await superior.get('/api/attendance/reviews')).json();
      expect(inbox.items.map((p: { id: string }) => p.id)).toContain(flagged.id);
      expect((await pegawai.get('/api/attendance/reviews')).json().items).toEqual([]);
      expect((await adminOther.get('/api/attendance/reviews')).json().items).toEqual([]);

      expect(
        (
          await pegawai.post(`/api/attendance/punches/${flagged.id}/review`, {
            decision: 'ACCEPTED',
            note: 'ok saja',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await adminOther.post(`/api/attendance/punches/${flagged.id}/review`, {
            decision: 'ACCEPTED',
            note: 'ok saja',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await superior.post(`/api/attendance/punches/${flagged.id}/review`, {
            decision: 'ACCEPTED',
            note: '',
          })
        ).statusCode,
      ).toBe(400);
      const res = await superior.post(`/api/attendance/punches/${flagged.id}/review`, {
        decision: 'ACCEPTED',
        note: 'Sudah dicek langsung di puskesmas',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        verdict: 'FLAGGED',
        effectiveVerdict: 'ACCEPTED',
        review: { decision: 'ACCEPTED', note: 'Sudah dicek langsung di puskesmas' },
      });
      expect((await superior.get('/api/attendance/reviews/count')).json().count).toBe(count - 1);
      expect(
        (
          await superior.post(`/api/attendance/punches/${flagged.id}/review`, {
            decision: 'REJECTED',
            note: 'ganti',
          })
        ).statusCode,
      ).toBe(409);
      const mine = (await pegawai.get('/api/attendance/punches'))
        .json()
        .items.find((p: { id: string }) => p.id === flagged.id);
      expect(mine.review.note).toBe('Sudah dicek langsung di puskesmas');
      const audit = await t.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', flagged.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['punch.review_accepted']);
    });
  });

  describe('kiosk QR and apel', () => {
    it('accepts a scan of the current code without GPS, then rejects the same code again, an expired and a forged one', async () => {
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES-PKM-CURUG')
        .executeTakeFirstOrThrow();
      const opened = await adminOpd.post('/api/attendance/kiosks', {
        unitId: unit.id,
        label: 'Lobi puskesmas',
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const { id, token } = opened.json();
      expect(
        (
          await t.app.inject({
            url: `/api/attendance/kiosks/${id}/code`,
            headers: { 'x-kiosk-token': 'salah' },
          })
        ).statusCode,
      ).toBe(401);
      nextMinute();
      const codeRes = await t.app.inject({
        url: `/api/attendance/kiosks/${id}/code`,
        headers: { 'x-kiosk-token': token },
      });
      expect(codeRes.statusCode).toBe(200);
      const { code, rotateSeconds } = codeRes.json();
      expect(rotateSeconds).toBe(30);
      const scan = (c: string) => punch(pegawai, body({ qrCode: c, location: null }), null);
      const first = await scan(code);
      expect(first.json().punch).toMatchObject({ verdict: 'ACCEPTED', source: 'QR' });
      t.clock.advance(61_000);
      expect((await scan(code)).json().punch.reasons.map((r: { code: string }) => r.code)).toEqual([
        'QR_EXPIRED',
      ]);
      const fresh = (
        await t.app.inject({ url: `/api/attendance/kiosks/${id}/code`, headers: { 'x-kiosk-token': token } })
      ).json().code;
      expect(fresh).not.toBe(code);
      expect((await scan(fresh)).json().punch.verdict).toBe('ACCEPTED');
      t.clock.advance(61_000);
      const fresh2 = (
        await t.app.inject({ url: `/api/attendance/kiosks/${id}/code`, headers: { 'x-kiosk-token': token } })
      ).json().code;
      t.clock.advance(61_000);
      const forged = fresh2.slice(0, -2) + (fresh2.endsWith('AA') ? 'BB' : 'AA');
      expect((await scan(forged)).json().punch.reasons.map((r: { code: string }) => r.code)).toEqual([
        'QR_INVALID',
      ]);
      // Another OPD's employee cannot use this kiosk.
      expect(adminOther).toBeDefined();
    });

    it('refuses the code of another unit’s kiosk (an employee of Bapenda at the puskesmas screen)', async () => {
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES-PKM-CURUG')
        .executeTakeFirstOrThrow();
      const { id, token } = (await adminOpd.post('/api/attendance/kiosks', { unitId: unit.id })).json();
      const { code } = (
        await t.app.inject({ url: `/api/attendance/kiosks/${id}/code`, headers: { 'x-kiosk-token': token } })
      ).json();
      const grantNips = new Set(t.demo.roleGrants.map((g) => g.nip));
      const outsider = t.demo.employees.find(
        (e) => e.unitCode === 'BAPENDA-SEK' && e.nip && !grantNips.has(e.nip),
      )!;
      const c = await login(t.app, outsider.nip!);
      const res = await c.request({
        method: 'POST',
        url: '/api/attendance/punches',
        payload: { idempotencyKey: key(), kind: 'IN', qrCode: code, location: null },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().punch.verdict).toBe('REJECTED');
      expect(res.json().punch.reasons.map((r: { code: string }) => r.code)).toContain('QR_INVALID');
    });

    it('replays are per employee: the same code scanned twice by one employee is refused', async () => {
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES-PKM-CURUG')
        .executeTakeFirstOrThrow();
      const { id, token } = (await adminOpd.post('/api/attendance/kiosks', { unitId: unit.id })).json();
      nextMinute();
      const { code } = (
        await t.app.inject({ url: `/api/attendance/kiosks/${id}/code`, headers: { 'x-kiosk-token': token } })
      ).json();
      const scan = () => punch(pegawai, body({ qrCode: code, location: null }), null);
      expect((await scan()).json().punch.verdict).toBe('ACCEPTED');
      t.clock.advance(35_000);
      const replay = (await scan()).json().punch;
      expect(replay.reasons.map((r: { code: string }) => r.code)).toContain('QR_REPLAYED');
    });

    it('turns a unit’s apel schedule into a day’s session and counts who scanned at its kiosk', async () => {
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES-PKM-CURUG')
        .executeTakeFirstOrThrow();
      const s = await adminOpd.post('/api/attendance/apel-schedules', {
        unitId: unit.id,
        kind: 'APEL_PAGI',
        weekdays: [1, 2, 3, 4, 5],
        startTime: '07:30',
        windowMinutes: 30,
        validFrom: '2026-01-01',
      });
      expect(s.statusCode, s.body).toBe(201);
      const notAdmin = await pegawai.post('/api/attendance/apel-schedules', {
        unitId: unit.id,
        kind: 'APEL_SORE',
        weekdays: [1],
        startTime: '16:00',
        windowMinutes: 30,
        validFrom: '2026-01-01',
      });
      expect(notAdmin.statusCode).toBe(403);
      const sessions = (
        await adminOpd.get(`/api/attendance/apel-sessions?unitId=${unit.id}&date=2026-01-16`)
      ).json();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({
        kind: 'APEL_PAGI',
        attended: 0,
        opensAt: '2026-01-16T00:15:00.000Z',
      });
      t.clock.set('2026-01-16T00:25:00Z'); // 07:25 WIB the next day: sessions idle overnight sign in again
      await signInAll();
      const { id, token } = (
        await adminOpd.post('/api/attendance/kiosks', { unitId: unit.id, apelSessionId: sessions[0].id })
      ).json();
      const { code } = (
        await t.app.inject({ url: `/api/attendance/kiosks/${id}/code`, headers: { 'x-kiosk-token': token } })
      ).json();
      const scanned = await punch(pegawai, body({ qrCode: code, location: null }), null);
      expect(scanned.json().punch.verdict, scanned.body).toBe('ACCEPTED');
      const after = (
        await adminOpd.get(`/api/attendance/apel-sessions?unitId=${unit.id}&date=2026-01-16`)
      ).json();
      expect(after[0].attended).toBe(1);
      expect(after[0].expected).toBeGreaterThan(1);
      // After the window closes, a scan is refused.
      t.clock.set('2026-01-16T01:30:00Z');
      const late = (
        await t.app.inject({ url: `/api/attendance/kiosks/${id}/code`, headers: { 'x-kiosk-token': token } })
      ).json().code;
      expect(
        (await punch(colleague, { idempotencyKey: key(), kind: 'IN', qrCode: late, location: null }, null))
          .json()
          .punch.reasons.map((r: { code: string }) => r.code),
      ).toContain('APEL_CLOSED');
    });
  });

  describe('places', () => {
    it('accepts a punch from an approved WFH place and at the day’s dinas luar destination', async () => {
      const employeeId = (await pegawai.get('/api/attendance/today')).json().employeeId;
      const home = { lat: -6.2, lon: 106.2 };
      expect(
        (
          await colleague.post('/api/attendance/work-locations', {
            employeeId,
            kind: 'WFH',
            label: 'Rumah',
            ...home,
            radiusM: 50,
            validFrom: '2026-01-01',
          })
        ).statusCode,
      ).toBe(403);
      const wl = await adminOpd.post('/api/attendance/work-locations', {
        employeeId,
        kind: 'WFH',
        label: 'Rumah',
        ...home,
        radiusM: 50,
        validFrom: '2026-01-01',
      });
      expect(wl.statusCode, wl.body).toBe(201);
      nextMinute();
      const atHome = await punch(pegawai, body({ location: { ...home, accuracyM: 15, mocked: false } }));
      expect(atHome.json().punch).toMatchObject({
        verdict: 'ACCEPTED',
        place: { kind: 'WFH', label: 'WFH: Rumah' },
      });

      const date = (await pegawai.get('/api/attendance/today')).json().localDate;
      const dl = await adminOpd.post('/api/attendance/field-assignments', {
        employeeId,
        dateFrom: date,
        dateTo: date,
        letterNumber: '800/123/DINKES/2026',
        destination: 'RSUD Banten',
        lat: -6.11,
        lon: 106.17,
        radiusM: 200,
      });
      expect(dl.statusCode, dl.body).toBe(201);
      nextMinute();
      const there = await punch(
        pegawai,
        body({ location: { lat: -6.11, lon: 106.17, accuracyM: 20, mocked: false } }),
      );
      expect(there.json().punch).toMatchObject({ verdict: 'ACCEPTED', place: { kind: 'DINAS_LUAR' } });
    });

    it('accepts a polygon office fence through the offices API and judges punches against it', async () => {
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES-PKM-CURUG')
        .executeTakeFirstOrThrow();
      const d = 300 * M;
      const c = { lat: -6.16, lon: 106.17 };
      const res = await adminOpd.post(`/api/units/${unit.id}/offices`, {
        name: 'Pustu Curug (poligon)',
        ...c,
        radiusM: 400,
        polygon: [
          { lat: c.lat - d, lon: c.lon - d },
          { lat: c.lat - d, lon: c.lon + d },
          { lat: c.lat + d, lon: c.lon + d },
          { lat: c.lat + d, lon: c.lon - d },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().polygon).toHaveLength(4);
      const line = await adminOpd.post(`/api/units/${unit.id}/offices`, {
        name: 'Garis',
        ...c,
        radiusM: 100,
        polygon: [c, { lat: c.lat + d, lon: c.lon }, { lat: c.lat + 2 * d, lon: c.lon }],
      });
      expect(line.statusCode).toBe(400);
      nextMinute();
      const inside = await punch(
        pegawai,
        body({ location: { lat: c.lat + 250 * M, lon: c.lon, accuracyM: 10, mocked: false } }),
      );
      expect(inside.json().punch).toMatchObject({
        verdict: 'ACCEPTED',
        place: { label: 'Pustu Curug (poligon)' },
      });
    });
  });

  describe('day status', () => {
    it('queues the day of a punch and stores its status from the rules core, readable by the employee', async () => {
      const today = (await pegawai.get('/api/attendance/today')).json();
      const { employeeId, localDate: date } = today;
      const queued = await t.db
        .selectFrom('statusQueue')
        .select('localDate')
        .where('employeeId', '=', employeeId)
        .execute();
      expect(queued.map((q) => q.localDate)).toContain(date);
      await t.services.statuses.processQueue(500);
      const res = await pegawai.get(`/api/statuses?employeeId=${employeeId}&from=${date}&to=${date}`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json().items ?? res.json();
      expect(rows).toHaveLength(1);
      // The stored status is the live one of the Presensi page (16 Jan 2026 is Isra Mi'raj: LIBUR).
      expect(rows[0].code).toBe(today.status.code);
      expect(rows[0].code).toBe('LIBUR');
      expect(
        (await colleague.get(`/api/statuses?employeeId=${employeeId}&from=${date}&to=${date}`)).statusCode,
      ).toBe(403);
    });
  });

  describe('export', () => {
    it('exports the same filtered history as a real workbook and CSV; a colleague’s export is empty', async () => {
      const list = (await superior.get('/api/attendance/punches?pageSize=200')).json();
      const res = await superior.get('/api/attendance/punches/export.xlsx');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        'Tanggal',
        'Jam',
        'NIP',
        'Nama',
        'Unit',
        'Jenis',
        'Sumber',
        'Keputusan',
        'Alasan',
        'Lokasi',
        'Tinjauan',
      ]);
      expect(sheet.actualRowCount - 1).toBe(list.total);
      expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      const csv = await superior.get('/api/attendance/punches/export.csv?verdict=FLAGGED');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\n')[0]).toContain('Keputusan');
      const own = await colleague.get(
        `/api/attendance/punches/export.csv?employeeId=${list.items[0].employeeId}`,
      );
      expect(own.body.trim().split('\n')).toHaveLength(1);
    });
  });
});
