import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { canonicalPunchPayload, type PunchBody } from '../../../shared/api/attendance.ts';
import { PREPARED } from '../../db/database.ts';

/*
 * The check-in's cheaper path (issue 20 points 5–6): the session's due `lastSeenAt` write rides in the punch's
 * own statement (and is still written on every other outcome), and statements marked PREPARED run as named
 * prepared statements on both engines with the same results as plain ones. Clock: Thu 15 Jan 2026, 09:00 WIB.
 */
const OFFICE = { lat: -6.1489, lon: 106.1616 };

describe('check-in round trips', () => {
  let t: TestApp;
  let pegawai: Client;
  let userId: string;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  let deviceId: string;
  let n = 0;

  const body = (over: Partial<PunchBody> = {}): PunchBody => {
    const b: PunchBody = {
      idempotencyKey: `round-trip-${++n}`,
      kind: n % 2 ? 'IN' : 'OUT',
      deviceId,
      location: { lat: OFFICE.lat, lon: OFFICE.lon, accuracyM: 10, mocked: false },
      ...over,
    };
    const signature = sign('sha256', Buffer.from(canonicalPunchPayload(b)), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    return { ...b, signature };
  };
  const punchJson = (b: PunchBody, headers: Record<string, string> = {}) =>
    pegawai.request({ method: 'POST', url: '/api/attendance/punches', payload: b, headers });
  /** Sets the pegawai's sessions as last seen `msAgo` before the clock; reads them back after a request. */
  const lastSeen = {
    set: (msAgo: number) =>
      t.db
        .updateTable('sessions')
        .set({ lastSeenAt: new Date(t.clock.now().getTime() - msAgo) })
        .where('userId', '=', userId)
        .execute(),
    get: async () =>
      (await t.db.selectFrom('sessions').select('lastSeenAt').where('userId', '=', userId).execute()).map(
        (r) => r.lastSeenAt.getTime(),
      ),
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const grantNips = new Set(t.demo.roleGrants.map((g) => g.nip));
    const p = t.demo.employees.find(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        !grantNips.has(e.nip) &&
        !t.demo.employees.some((x) => x.superiorNip === e.nip),
    )!;
    pegawai = await login(t.app, p.nip!);
    userId = pegawai.me.user.id;
    const dev = await pegawai.post('/api/attendance/devices', {
      publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      label: 'Ponsel uji',
    });
    expect(dev.statusCode, dev.body).toBe(201);
    deviceId = dev.json().id;
  });
  afterAll(() => t.close());

  describe('the session write due with a punch', () => {
    it('is written by the punch statement itself, with and without a photo', async () => {
      await lastSeen.set(5 * 60_000);
      t.clock.advance(2 * 60_000);
      const res = await punchJson(body());
      expect(res.statusCode, res.body).toBe(201);
      expect(await lastSeen.get()).toEqual([t.clock.now().getTime()]);

      await lastSeen.set(5 * 60_000);
      t.clock.advance(2 * 60_000);
      const seg = (marker: number, payload: Buffer) =>
        Buffer.concat([Buffer.from([0xff, marker, 0, payload.length + 2]), payload]);
      const photo = Buffer.concat([
        Buffer.from([0xff, 0xd8]),
        seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
        seg(0xdb, Buffer.alloc(65, 1)),
        seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
        Buffer.from([0x12, 0x34, 0x56, 0x78, 0xff, 0xd9]),
      ]);
      const b = body({ photoHash: createHash('sha256').update(photo).digest('hex') });
      const mp = multipart(
        { punch: JSON.stringify(b) },
        { field: 'photo', name: 'selfie.jpg', content: photo, type: 'image/jpeg' },
      );
      const withPhoto = await pegawai.request({
        method: 'POST',
        url: '/api/attendance/punches',
        payload: mp.payload,
        headers: mp.headers,
      });
      expect(withPhoto.statusCode, withPhoto.body).toBe(201);
      expect(await lastSeen.get()).toEqual([t.clock.now().getTime()]);
    });

    it('is not written when the session was seen within the minute', async () => {
      t.clock.advance(2 * 60_000);
      await lastSeen.set(30_000);
      const before = await lastSeen.get();
      expect((await punchJson(body())).statusCode).toBe(201);
      expect(await lastSeen.get()).toEqual(before);
    });

    it.each([
      ['a replay (200)', 200, 'replay'],
      ['an idempotency conflict (409)', 409, 'conflict'],
      ['a refused CSRF token (403)', 403, 'csrf'],
      ['a photo announced but not sent (400)', 400, 'photo'],
    ] as const)('is still written on %s', async (_name, status, kind) => {
      t.clock.advance(2 * 60_000);
      const first = body();
      expect((await punchJson(first)).statusCode).toBe(201);
      await lastSeen.set(5 * 60_000);
      const res =
        kind === 'replay'
          ? await punchJson(first)
          : kind === 'conflict'
            ? await punchJson(body({ idempotencyKey: first.idempotencyKey, kind: 'OUT' }))
            : kind === 'csrf'
              ? await punchJson(body(), { 'x-csrf-token': 'salah' })
              : await punchJson(body({ photoHash: 'a'.repeat(64) }));
      expect(res.statusCode, res.body).toBe(status);
      expect(await lastSeen.get()).toEqual([t.clock.now().getTime()]);
    });
  });

  describe('prepared statements (PREPARED marker)', () => {
    const probe = (i: number) => sql<{
      n: number;
      d: string;
      ts: Date;
      j: { a: number[] };
      s: string | null;
    }>`${sql.raw(PREPARED)} select ${i}::int8 as n, ${'2026-01-15'}::date as d,
      ${new Date('2026-01-15T02:00:00Z')}::timestamptz as ts, ${JSON.stringify({ a: [i] })}::jsonb as j,
      ${i % 2 ? null : 'x'}::text as s`;

    it('answer as plain statements do (types, nulls), also past the fifth call (generic plan)', async () => {
      for (let i = 0; i < 8; i++) {
        const r = await probe(i).execute(t.db);
        expect(r.rows).toEqual([
          {
            n: i,
            d: '2026-01-15',
            ts: new Date('2026-01-15T02:00:00Z'),
            j: { a: [i] },
            s: i % 2 ? null : 'x',
          },
        ]);
      }
    });

    it('report a failure by its PostgreSQL code and leave the connection usable; roll back with their transaction', async () => {
      const insert = (id: string) =>
        sql`${sql.raw(PREPARED)} insert into rt_probe (id) values (${id})`.execute(t.db);
      await sql`create table rt_probe (id text primary key)`.execute(t.db);
      await insert('a');
      await expect(insert('a')).rejects.toMatchObject({ code: '23505' });
      await insert('b');
      await expect(
        t.db.transaction().execute(async (trx) => {
          await sql`${sql.raw(PREPARED)} insert into rt_probe (id) values (${'c'})`.execute(trx);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const ids = await sql<{ id: string }>`select id from rt_probe order by id`.execute(t.db);
      expect(ids.rows.map((r) => r.id)).toEqual(['a', 'b']);
      expect((await probe(3).execute(t.db)).rows[0]!.n).toBe(3);
    });
  });
});
