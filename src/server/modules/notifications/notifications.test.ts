import { createECDH, createDecipheriv, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import webpush from 'web-push';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDatabase, type DatabaseHandle } from '../../db/database.ts';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { seedActivity, type Side } from '../../../../test/helpers/activity.ts';
import { withDatabase } from '../../../../test/helpers/global-setup.ts';

/*
 * The one notification service (issue 13 point 6), on the demo province at Thursday 15 Jan 2026 09:00 WIB:
 * a PNS of Puskesmas Curug (inside) and one of UPTD Samsat Ciruas (outside) each have a permit, a correction, a
 * leave request, a phone change and a flagged punch waiting (test/helpers/activity.ts). Web Push is on, with
 * a local HTTP server standing in for the browser vendor's push service.
 */

const VAPID = webpush.generateVAPIDKeys();

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A browser's push subscription keys (RFC 8291): its ECDH key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    authB64: auth.toString('base64url'),
  };
}

/** Decrypt an aes128gcm Web Push body (RFC 8291 §3.4, RFC 8188) as the browser would. */
function decryptPush(body: Buffer, ecdh: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const senderPublic = body.subarray(21, 21 + idlen);
  const cipher = body.subarray(21 + idlen);
  const shared = ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipher.subarray(cipher.length - 16));
  const plain = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and zero padding.
  return plain.subarray(0, plain.lastIndexOf(2)).toString('utf8');
}

describe('Web Push configuration', () => {
  it('is off by default, on with all three WEB_PUSH_* variables, and refused with only some or bad keys', () => {
    expect(loadConfig({}).webPush).toBeNull();
    const all = {
      WEB_PUSH_PUBLIC_KEY: VAPID.publicKey,
      WEB_PUSH_PRIVATE_KEY: VAPID.privateKey,
      WEB_PUSH_SUBJECT: 'https://pemda.example/kontak',
    };
    expect(loadConfig(all).webPush).toEqual({
      publicKey: VAPID.publicKey,
      privateKey: VAPID.privateKey,
      subject: 'https://pemda.example/kontak',
    });
    expect(() => loadConfig({ WEB_PUSH_PUBLIC_KEY: VAPID.publicKey })).toThrow(
      /WEB_PUSH_PRIVATE_KEY: wajib diisi/,
    );
    expect(() => loadConfig({ ...all, WEB_PUSH_PRIVATE_KEY: 'abc' })).toThrow(/32 bita/);
    expect(() => loadConfig({ ...all, WEB_PUSH_SUBJECT: 'admin' })).toThrow(/mailto/);
    expect(loadConfig({ NOTIFICATION_DIGEST_HOUR: 'off' }).notificationDigestHour).toBeNull();
    expect(() => loadConfig({ NOTIFICATION_DIGEST_HOUR: '24' })).toThrow(/NOTIFICATION_DIGEST_HOUR/);
  });
});

describe('notifications', () => {
  let t: TestApp;
  let inside: Side;
  let outside: Side;
  let adminOpd: Client;
  let head: Client;
  let bkd: Client;
  let pushServer: Server;
  let pushUrl: string;
  const received: Received[] = [];

  const userOf = async (employeeId: string) =>
    (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('employeeId', '=', employeeId)
        .executeTakeFirstOrThrow()
    ).id;
  /** Who got a notification of `kind` about `entityId`. */
  const recipients = async (kind: string, entityId: string) =>
    (
      await t.db
        .selectFrom('notifications')
        .select('userId')
        .where('kind', '=', kind)
        .where('entityId', '=', entityId)
        .execute()
    )
      .map((r) => r.userId)
      .sort();
  /** The accounts of whoever decides for staff of `superiorId` today: the superior and any Plt/Plh of the post. */
  const decidersOf = async (superiorId: string) =>
    (
      await sql<{ id: string }>`
        select u.id from users u where u.employee_id = ${superiorId}
        union
        select u.id from employees s join acting_assignments a on a.position_id = s.position_id
          join users u on u.employee_id = a.employee_id
        where s.id = ${superiorId} and a.valid_from <= '2026-01-15' and (a.valid_to is null or a.valid_to >= '2026-01-15')`.execute(
        t.db,
      )
    ).rows
      .map((r) => r.id)
      .sort();
  const adminsOf = async (side: Side) =>
    (
      await sql<{ id: string }>`
        select distinct g.user_id as id from role_grants g join units gu on gu.id = g.unit_id
          join units eu on eu.id = ${side.unitId}
        where g.role = 'ADMIN_OPD' and eu.path like gu.path || '%'`.execute(t.db)
    ).rows
      .map((r) => r.id)
      .sort();

  beforeAll(async () => {
    pushServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = req.url?.startsWith('/gone') ? 410 : 201;
        res.end();
      });
    });
    await new Promise<void>((r) => pushServer.listen(0, '127.0.0.1', r));
    pushUrl = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;
    t = await createTestApp({
      env: {
        WEB_PUSH_PUBLIC_KEY: VAPID.publicKey,
        WEB_PUSH_PRIVATE_KEY: VAPID.privateKey,
        WEB_PUSH_SUBJECT: 'mailto:admin@abdi.example',
        LOGIN_RATE_PER_MINUTE: '10000',
      },
    });
    await t.services.rulebooks.syncRepoRulebooks();
    ({ inside, outside } = await seedActivity(t));
    const grant = (role: string, unit?: string) =>
      t.demo.roleGrants.find((g) => g.role === role && (!unit || g.unitCode === unit))!.nip!;
    adminOpd = await login(t.app, grant('ADMIN_OPD', 'DINKES'));
    bkd = await login(t.app, grant('BKD'));
    head = await login(t.app, t.demo.employees.find((e) => e.positionCode === 'DINKES:KEPALA')!.nip!);
    await t.services.notifications.flushPush();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => pushServer?.close(r));
  });

  it('a new request, phone change and flagged punch notify exactly who decides them', async () => {
    for (const side of [inside, outside]) {
      const deciders = await decidersOf(side.superiorId);
      expect(deciders.length).toBeGreaterThan(0);
      expect(await recipients('permit.waiting', side.permitId)).toEqual(deciders);
      expect(await recipients('correction.waiting', side.correctionId)).toEqual(deciders);
      expect(await recipients('leave.waiting', side.leaveId)).toEqual(deciders);
      expect(await recipients('punch.waiting', side.flaggedPunchId)).toEqual(deciders);
      expect(await recipients('device.waiting', side.pendingDeviceId)).toEqual(await adminsOf(side));
    }
    // Nothing about the employee's own requests went to the employee, and each decider can open theirs.
    expect(
      await t.db
        .selectFrom('notifications')
        .select('id')
        .where('userId', '=', await userOf(inside.employeeId))
        .execute(),
    ).toEqual([]);
    const mine = (await inside.superior.get('/api/notifications?pageSize=50')).json();
    expect(mine.unread).toBe(mine.total);
    expect(mine.items.map((n: { kind: string }) => n.kind).sort()).toEqual(
      expect.arrayContaining(['correction.waiting', 'leave.waiting', 'permit.waiting', 'punch.waiting']),
    );
    for (const n of mine.items as { id: string; link: string }[]) {
      const res = await inside.superior.post(`/api/notifications/${n.id}/open`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().link).toBe(n.link);
    }
    expect((await inside.superior.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('each decision notifies the requester, and the next decider of a leave request', async () => {
    const me = await userOf(inside.employeeId);
    expect(
      (
        await inside.superior.post(`/api/permits/${inside.permitId}/decision`, {
          decision: 'APPROVE',
          note: '',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await inside.superior.post(`/api/corrections/${inside.correctionId}/decision`, {
          decision: 'REJECT',
          note: 'Bukti tidak jelas',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await inside.superior.post(`/api/attendance/punches/${inside.flaggedPunchId}/review`, {
          decision: 'ACCEPTED',
          note: 'Sudah dicek',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await adminOpd.post(`/api/attendance/devices/${inside.pendingDeviceId}/decision`, {
          decision: 'APPROVE',
          note: '',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await inside.superior.post(`/api/leave/requests/${inside.leaveId}/decision`, {
          decision: 'APPROVE',
          note: '',
        })
      ).statusCode,
    ).toBe(200);
    expect(await recipients('permit.decided', inside.permitId)).toEqual([me]);
    expect(await recipients('correction.decided', inside.correctionId)).toEqual([me]);
    expect(await recipients('punch.reviewed', inside.flaggedPunchId)).toEqual([me]);
    expect(await recipients('device.decided', inside.pendingDeviceId)).toEqual([me]);
    expect(await recipients('leave.step_approved', inside.leaveId)).toEqual([me]);
    // The leave now waits for the head of Dinas Kesehatan (the rulebook's PyBMC).
    const waiting = await recipients('leave.waiting', inside.leaveId);
    expect(waiting).toContain(head.me.user.id);
    expect(waiting).toEqual([...(await decidersOf(inside.superiorId)), head.me.user.id].sort());
    expect(
      (
        await head.post(`/api/leave/requests/${inside.leaveId}/decision`, {
          decision: 'REJECT',
          note: 'Tenaga kurang',
        })
      ).statusCode,
    ).toBe(200);
    expect(await recipients('leave.decided', inside.leaveId)).toEqual([me]);
    const list = (await inside.client.get('/api/notifications')).json();
    expect(list.items.find((n: { kind: string }) => n.kind === 'leave.decided')).toMatchObject({
      title: 'Cuti tahunan Anda ditolak',
      body: expect.stringMatching(/^03\/03\/2026–04\/03\/2026 · oleh .+: Tenaga kurang$/),
      link: `/cuti?id=${inside.leaveId}`,
      readAt: null,
    });
    expect(list.unread).toBe(6);
  });

  it('a month closed or reopened notifies admin OPD and BKD over the unit, never the actor', async () => {
    const unit = await t.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('code', '=', 'DINKES-PKM-CURUG')
      .executeTakeFirstOrThrow();
    // A past month that is not closed yet (the demo may have closed some).
    let month = '';
    for (const m of ['2025-11', '2025-10', '2025-09', '2025-08', '2025-07']) {
      // Every day of the month stored first: an incomplete month is not closed.
      await t.services.statuses.recomputeRange(
        `${m}-01`,
        `${m}-${m === '2025-11' || m === '2025-09' ? 30 : 31}`,
        unit.path,
      );
      const closed = await adminOpd.post('/api/recap/closing/close', { unitId: unit.id, month: m });
      if (closed.statusCode === 200) {
        month = m;
        break;
      }
    }
    expect(month).not.toBe('');
    const holders = (
      await sql<{
        id: string;
      }>`select distinct g.user_id as id from role_grants g left join units gu on gu.id = g.unit_id
        where g.role in ('ADMIN_OPD', 'BKD') and (g.unit_id is null or ${unit.path} like gu.path || '%')`.execute(
        t.db,
      )
    ).rows.map((r) => r.id);
    const others = holders.filter((id) => id !== adminOpd.me.user.id).sort();
    expect(others).toContain(bkd.me.user.id);
    expect(await recipients('recap.closed', `${unit.id}:${month}`)).toEqual(others);
    const reopened = await bkd.post('/api/recap/closing/reopen', {
      unitId: unit.id,
      month,
      reason: 'Koreksi data yang terlambat masuk',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(await recipients('recap.reopened', `${unit.id}:${month}`)).toEqual(
      holders.filter((id) => id !== bkd.me.user.id).sort(),
    );
  });

  it('notify inside a transaction that rolls back stores nothing and pushes nothing', async () => {
    const before = received.length;
    const count = async () =>
      (
        await t.db
          .selectFrom('notifications')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const n0 = await count();
    await t.db
      .insertInto('pushSubscriptions')
      .values({
        userId: bkd.me.user.id,
        endpoint: `${pushUrl}/ok/rollback`,
        p256dh: browserKeys().p256dh,
        auth: browserKeys().authB64,
      })
      .execute();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await t.services.notifications.notify(trx, {
          userIds: [bkd.me.user.id],
          kind: 'digest.waiting',
          title: 'Uji',
          body: 'Uji',
          link: '/',
          entity: { type: 'digest', id: 'rollback' },
        });
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    // Through the API: a refused decision (a rejection without its reason) leaves no notification either.
    const res = await outside.superior.post(`/api/permits/${outside.permitId}/decision`, {
      decision: 'REJECT',
      note: '',
    });
    expect(res.statusCode).toBe(400);
    await t.services.notifications.flushPush();
    expect(await count()).toBe(n0);
    expect(received.length).toBe(before);
    await t.db.deleteFrom('pushSubscriptions').where('userId', '=', bkd.me.user.id).execute();
  });

  it('nobody reads, marks or opens someone else’s notification; an item one may no longer see is refused, the notification kept', async () => {
    const theirs = (await outside.superior.get('/api/notifications?unread=true')).json().items as {
      id: string;
    }[];
    expect(theirs.length).toBeGreaterThan(0);
    const id = theirs[0]!.id;
    for (const path of ['read', 'open'])
      expect((await inside.superior.post(`/api/notifications/${id}/${path}`)).statusCode).toBe(404);
    expect((await inside.superior.get('/api/notifications?pageSize=200')).body).not.toContain(id);
    expect(
      (await t.db.selectFrom('notifications').select('readAt').where('id', '=', id).executeTakeFirstOrThrow())
        .readAt,
    ).toBeNull();

    // A notification about the outside permit sent (wrongly) to the inside superior: opening it is refused.
    const { userIds } = await t.services.notifications.notify(t.db, {
      userIds: [inside.superior.me.user.id],
      kind: 'permit.waiting',
      title: 'Permohonan izin menunggu keputusan Anda',
      body: 'Uji',
      link: `/izin/persetujuan?id=${outside.permitId}`,
      entity: { type: 'permit', id: outside.permitId },
      once: false,
    });
    expect(userIds).toEqual([inside.superior.me.user.id]);
    // (Other unread notifications may be there too, e.g. discipline indications of the demo's closed months.)
    const stray = (
      (await inside.superior.get('/api/notifications?unread=true')).json().items as {
        id: string;
        link: string;
      }[]
    ).find((n) => n.link.includes(outside.permitId))!;
    const refused = await inside.superior.post(`/api/notifications/${stray.id}/open`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(
      /^Anda tidak lagi dapat melihat permohonan izin yang dirujuk notifikasi ini/,
    );
    expect(
      ((await inside.superior.get('/api/notifications?unread=true')).json().items as { id: string }[]).map(
        (n) => n.id,
      ),
    ).toContain(stray.id);
    // Marking it read is the reader's own business.
    expect((await inside.superior.post(`/api/notifications/${stray.id}/read`)).json().readAt).not.toBeNull();
    expect((await inside.superior.post('/api/notifications/read-all')).statusCode).toBe(200);
    expect((await inside.superior.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('pushes to every device of the recipient after the commit, and removes a subscription the push service says is gone', async () => {
    const user = await userOf(outside.employeeId);
    const phone = browserKeys();
    const laptop = browserKeys();
    await t.db
      .insertInto('pushSubscriptions')
      .values([
        { userId: user, endpoint: `${pushUrl}/ok/phone`, p256dh: phone.p256dh, auth: phone.authB64 },
        { userId: user, endpoint: `${pushUrl}/gone/laptop`, p256dh: laptop.p256dh, auth: laptop.authB64 },
      ])
      .execute();
    received.length = 0;
    const res = await outside.superior.post(`/api/permits/${outside.permitId}/decision`, {
      decision: 'APPROVE',
      note: 'Silakan',
    });
    expect(res.statusCode).toBe(200);
    await t.services.notifications.flushPush();
    expect(received.map((r) => r.path).sort()).toEqual(['/gone/laptop', '/ok/phone']);
    const push = received.find((r) => r.path === '/ok/phone')!;
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.ttl).toBe('86400');
    expect(push.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${VAPID.publicKey}$`),
    );
    const stored = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'permit.decided')
      .where('entityId', '=', outside.permitId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(decryptPush(push.body, phone.ecdh, phone.auth))).toEqual({
      title: 'Permohonan izin Anda disetujui',
      body: expect.stringMatching(/^19\/01\/2026 · oleh .+: Silakan$/),
      url: `/notifikasi?buka=${stored.id}`,
      tag: stored.id,
    });
    const left = await t.db
      .selectFrom('pushSubscriptions')
      .select(['endpoint', 'lastSentAt'])
      .where('userId', '=', user)
      .execute();
    expect(left).toEqual([{ endpoint: `${pushUrl}/ok/phone`, lastSentAt: expect.any(Date) }]);
    // The route stores a subscription only for a public https push service (the server posts to it).
    const config = (await outside.client.get('/api/notifications/push')).json();
    expect(config).toEqual({ enabled: true, publicKey: VAPID.publicKey });
    const sub = { keys: { p256dh: phone.p256dh, auth: phone.authB64 } };
    expect(
      (
        await outside.client.post('/api/notifications/push/subscriptions', {
          ...sub,
          endpoint: `${pushUrl}/x`,
        })
      ).statusCode,
    ).toBe(400);
    const ok = await outside.client.post('/api/notifications/push/subscriptions', {
      ...sub,
      endpoint: 'https://push.example.com/abc',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(
      (
        await outside.client.post('/api/notifications/push/unsubscribe', {
          endpoint: 'https://push.example.com/abc',
        })
      ).json(),
    ).toEqual({ removed: 1 });
  });

  it('sends the daily digest once per superior and day, with two server instances racing on one database', async () => {
    let second: DatabaseHandle | null = null;
    const serverUrl = inject('pgServerUrl');
    if (serverUrl) {
      const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(t.db);
      second = await createDatabase({ databaseUrl: withDatabase(serverUrl, rows[0]!.db), poolSize: 2 });
    }
    try {
      const other = buildServices({ config: t.config, db: second?.db ?? t.db, clock: t.clock });
      const digests = () =>
        t.db
          .selectFrom('notifications')
          .select(['userId', 'body'])
          .where('kind', '=', 'digest.waiting')
          .execute();
      const [a, b] = await Promise.all([
        t.services.notifications.runDigests(),
        other.notifications.runDigests(),
      ]);
      const sent = await digests();
      expect(a + b).toBe(sent.length);
      expect(sent.length).toBeGreaterThan(0);
      expect(new Set(sent.map((s) => s.userId)).size).toBe(sent.length);
      // The outside superior still has a correction, a leave request and a phone change's punch waiting.
      const theirs = sent.find((s) => s.userId === outside.superior.me.user.id);
      expect(theirs?.body).toMatch(/^Ringkasan 15\/01\/2026: .*1 koreksi presensi/);
      const runs = await t.db
        .selectFrom('notificationRuns')
        .selectAll()
        .where('kind', '=', 'digest')
        .execute();
      expect(runs.map((r) => r.runKey).sort()).toEqual([
        '2026-01-15|Asia/Jakarta',
        '2026-01-15|Asia/Jayapura',
        '2026-01-15|Asia/Makassar',
      ]);
      expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
      // Again the same day: nothing; the next day: once more.
      expect(
        await Promise.all([t.services.notifications.runDigests(), other.notifications.runDigests()]),
      ).toEqual([0, 0]);
      t.clock.advance(86_400_000);
      try {
        const next = await Promise.all([
          other.notifications.runDigests(),
          t.services.notifications.runDigests(),
        ]);
        expect(next[0] + next[1]).toBe((await digests()).length - sent.length);
        expect(next[0] + next[1]).toBeGreaterThan(0);
      } finally {
        t.clock.advance(-86_400_000);
      }
      await other.notifications.flushPush();
      await other.jobs.close();
    } finally {
      await second?.close();
    }
  });
});
