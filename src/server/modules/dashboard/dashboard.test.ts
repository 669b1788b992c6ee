import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { seedActivity, type Side } from '../../../../test/helpers/activity.ts';
import { jpeg, newPhone, sha256, signedPunch } from '../../../../test/helpers/evidence.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import type { AnomalyList, Home } from '../../../shared/api/dashboard.ts';

/*
 * The home page's answer per role, on the demo province (clock 2026-01-15 09:00 WIB) with the daily life of
 * `seedActivity`: a plain PNS of Puskesmas Curug (inside Dinas Kesehatan) and one of UPTD Samsat Ciruas (inside
 * Bapenda), each with a pending permit, correction, leave request, phone change and flagged punch. Each role sees
 * its own sections, and nothing (no name, NIP, id or count) of the other side that its scope does not hold.
 */

let t: TestApp;
let inside: Side;
let outside: Side;
const c = {} as Record<'admin' | 'bkd' | 'inspektorat' | 'pimpinan' | 'adminOpd', Client>;
let dinkesId: string;
let bapendaId: string;
/** A phone registered by one employee of each side, and a punch far from every office. */
let shared: { thumbprintOf: string; insideName: string; outsideName: string };
let farPunchId: string;

const home = async (client: Client): Promise<Home> => {
  const res = await client.get('/api/dashboard/home');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Home;
};
const anomalies = async (client: Client, kind: string, query = '') => {
  const res = await client.get(`/api/dashboard/anomalies/${kind}${query}`);
  return { status: res.statusCode, body: res.json() as AnomalyList, raw: res.body };
};

/** Words of the other side that must not appear in an answer limited to one side. */
const traces = (s: Side) => [s.employeeId, s.employee.nip!, s.employee.name, s.flaggedPunchId];

async function colleagueOf(s: Side): Promise<{ id: string; nip: string; name: string }> {
  const row = await t.db
    .selectFrom('employees as e')
    .innerJoin('users as u', 'u.employeeId', 'e.id')
    .select(['e.id', 'e.nip', 'e.name'])
    .where('e.unitId', '=', s.unitId)
    .where('e.id', 'not in', [s.employeeId, s.superiorId])
    .where('u.id', 'not in', sql<string>`(select user_id from role_grants)`)
    .where('e.nip', 'is not', null)
    .orderBy('e.nip')
    .executeTakeFirstOrThrow();
  return { id: row.id, nip: row.nip!, name: row.name };
}

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
  await t.services.rulebooks.syncRepoRulebooks();
  ({ inside, outside } = await seedActivity(t));
  const grant = (role: string, unit?: string) => {
    const g = t.demo.roleGrants.find((r) => r.role === role && (!unit || r.unitCode === unit))!;
    return g.nip ?? g.username!;
  };
  c.admin = await login(t.app, 'admin');
  c.bkd = await login(t.app, grant('BKD'));
  c.inspektorat = await login(t.app, grant('INSPEKTORAT'));
  c.pimpinan = await login(t.app, t.demo.employees.find((e) => e.positionCode === 'DINKES:KEPALA')!.nip!);
  c.adminOpd = await login(t.app, grant('ADMIN_OPD', 'DINKES'));
  const unitId = async (code: string) =>
    (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  dinkesId = await unitId('DINKES');
  bapendaId = await unitId('BAPENDA');

  // One phone key bound to a colleague on each side: a shared device across the two scopes.
  const phone = newPhone();
  const a = await colleagueOf(inside);
  const b = await colleagueOf(outside);
  for (const who of [a, b]) {
    const res = await (
      await login(t.app, who.nip)
    ).post('/api/attendance/devices', { publicKey: phone.jwk, label: 'Ponsel bersama' });
    expect(res.statusCode, res.body).toBe(201);
  }
  const thumb = await t.db
    .selectFrom('devices')
    .select('keyThumbprint')
    .where('employeeId', '=', a.id)
    .executeTakeFirstOrThrow();
  shared = { thumbprintOf: thumb.keyThumbprint, insideName: a.name, outsideName: b.name };

  // A punch of the inside employee 5 km from her office: rejected, outside every allowed place.
  const office = await t.db
    .selectFrom('offices')
    .select(['lat', 'lon'])
    .where('unitId', '=', inside.unitId)
    .executeTakeFirstOrThrow();
  const photo = jpeg('far');
  const body = signedPunch(inside.phone.key, {
    idempotencyKey: 'dashboard-far',
    kind: 'IN',
    deviceId: inside.phone.deviceId,
    location: { lat: office.lat + 0.045, lon: office.lon, accuracyM: 10, mocked: false },
    photoHash: sha256(photo),
  });
  const mp = multipart(
    { punch: JSON.stringify(body) },
    { field: 'photo', name: 'selfie.jpg', content: photo, type: 'image/jpeg' },
  );
  const res = await inside.client.request({
    method: 'POST',
    url: '/api/attendance/punches',
    payload: mp.payload,
    headers: mp.headers,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  const punch = res.json().punch as { id: string; verdict: string; reasons: { code: string }[] };
  expect(punch.verdict).toBe('REJECTED');
  expect(punch.reasons.map((r) => r.code)).toContain('OUTSIDE_GEOFENCE');
  farPunchId = punch.id;
}, 180_000);

afterAll(() => t?.close());

describe('GET /api/dashboard/home', () => {
  it('gives a plain pegawai her day, leave balance, requests and month, and no other section', async () => {
    const h = await home(inside.client);
    expect(h).toMatchObject({ date: '2026-01-15', month: '2026-01' });
    expect([h.atasan, h.admin, h.leaders, h.oversight]).toEqual([null, null, null, null]);
    const p = h.pegawai!;
    expect(p.employeeId).toBe(inside.employeeId);
    // Her flagged punch of this morning counts as a check-in; the far one was rejected.
    expect(p.today).toMatchObject({ localDate: '2026-01-15', nextPunch: 'OUT', device: 'ACTIVE' });
    expect(p.today!.checkIn).toMatch(/^\d\d:\d\d$/);
    expect(p.today!.flagged).toBe(1);
    expect(p.today!.rejected).toBe(1);
    expect(p.leave).toMatchObject({ year: 2026 });
    expect(p.leave!.pending).toBe(2); // the two days of CT waiting
    // The permit, the correction and the leave request of seedActivity, all waiting.
    expect(p.requests.waiting).toBe(3);
    expect(p.requests.items.map((r) => [r.kind, r.id]).sort()).toEqual(
      [
        ['CORRECTION', inside.correctionId],
        ['LEAVE', inside.leaveId],
        ['PERMIT', inside.permitId],
      ].sort(),
    );
    expect(p.month?.month).toBe('2026-01');
    const raw = JSON.stringify(h);
    for (const trace of traces(outside)) expect(raw).not.toContain(trace);
  });

  it('gives the atasan what waits for her decision, counted as the inboxes count it', async () => {
    const h = await home(inside.superior);
    const [reviews, permits, leave] = await Promise.all([
      inside.superior.get('/api/attendance/reviews/count'),
      inside.superior.get('/api/permits/inbox/count'),
      inside.superior.get('/api/leave/inbox/count'),
    ]);
    expect(h.atasan!.waiting).toEqual({
      reviews: reviews.json().count,
      permits: permits.json().permits,
      corrections: permits.json().corrections,
      leave: leave.json().count,
    });
    expect(h.atasan!.waiting.permits).toBeGreaterThanOrEqual(1);
    expect(h.atasan!.waiting.corrections).toBeGreaterThanOrEqual(1);
    expect(h.atasan!.waiting.reviews).toBeGreaterThanOrEqual(1);
    expect(h.pegawai?.employeeId).toBe(inside.superiorId);
    expect([h.admin, h.leaders, h.oversight]).toEqual([null, null, null]);
    const raw = JSON.stringify(h);
    for (const trace of traces(outside)) expect(raw).not.toContain(trace);
  });

  it('gives admin OPD the unit’s pending work and last month’s closing state, inside Dinas Kesehatan only', async () => {
    const h = await home(c.adminOpd);
    const a = h.admin!;
    expect(a.unit.id).toBe(dinkesId);
    const list = async (url: string) => (await c.adminOpd.get(url)).json().total as number;
    expect(a.pending).toEqual({
      reviews: (await c.adminOpd.get('/api/attendance/reviews/count')).json().count,
      devices: await list(`/api/attendance/devices?status=PENDING&unitId=${dinkesId}`),
      permits: await list(`/api/permits?status=DIAJUKAN&unitId=${dinkesId}`),
      corrections: await list(`/api/corrections?status=DIAJUKAN&unitId=${dinkesId}`),
      leave:
        (await list(`/api/leave/requests?status=DIAJUKAN&unitId=${dinkesId}`)) +
        (await list(`/api/leave/requests?status=DISETUJUI_ATASAN&unitId=${dinkesId}`)),
    });
    expect(a.pending.devices).toBeGreaterThanOrEqual(1);
    expect(a.pending.permits).toBeGreaterThanOrEqual(1);
    expect(a.closing).toMatchObject({ month: '2025-12', closed: false });
    const all = (await home(c.admin)).admin!;
    expect(a.employees).toBeGreaterThan(0);
    expect(a.employees).toBeLessThan(all.employees);
    expect(all.employees).toBe(t.demo.employees.length);
    const raw = JSON.stringify(h);
    for (const trace of [...traces(outside), bapendaId]) expect(raw).not.toContain(trace);
  });

  it('ranks the OPDs of the province for BKD, and only the sub-units of Dinas Kesehatan for its head', async () => {
    const bkd = (await home(c.bkd)).leaders!;
    const opds = t.demo.units.filter((u) => u.parentCode === t.demo.units.find((r) => !r.parentCode)!.code);
    expect(bkd.month).toBe('2026-01');
    expect(bkd.trend.map((p) => p.month)).toEqual([
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
    // Every OPD is ranked, with or without stored days this month.
    expect(bkd.units.map((u) => u.unitName).sort()).toEqual(expect.arrayContaining(opds.map((o) => o.name)));
    // Worst first: every judged unit's compliance is at most the next one's.
    const judged = bkd.units.filter((u) => u.compliance !== null).map((u) => u.compliance!);
    expect(judged).toEqual([...judged].sort((x, y) => x - y));
    expect(bkd.outlierGap).toBe(0.1);

    const head = await home(c.pimpinan);
    expect(head.leaders!.unit.id).toBe(dinkesId);
    const dinkesUnits = new Set(
      t.demo.units.filter((u) => u.code === 'DINKES' || u.parentCode === 'DINKES').map((u) => u.name),
    );
    for (const u of head.leaders!.units) expect(dinkesUnits).toContain(u.unitName);
    expect(JSON.stringify(head)).not.toContain(bapendaId);
  });

  it('gives the Inspektorat every kind of anomaly with its count and first items, province-wide', async () => {
    const o = (await home(c.inspektorat)).oversight!;
    expect(o).toMatchObject({ from: '2026-01-09', to: '2026-01-15', windowDays: 7, changeThreshold: 0.1 });
    const byKind = Object.fromEntries(o.anomalies.map((a) => [a.kind, a]));
    expect(Object.keys(byKind).sort()).toEqual(
      ['flagged', 'outsideFence', 'rejected', 'sharedDevices', 'unitChanges'].sort(),
    );
    expect(byKind.flagged!.total).toBeGreaterThanOrEqual(2);
    expect(byKind.flagged!.items.length).toBeLessThanOrEqual(3);
    expect(byKind.rejected!.total).toBeGreaterThanOrEqual(1);
    expect(byKind.outsideFence!.items.map((i) => ('id' in i ? i.id : ''))).toContain(farPunchId);
    expect(byKind.sharedDevices!.total).toBeGreaterThanOrEqual(1);
  });

  it('stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    for (const client of [inside.client, inside.superior, c.adminOpd, c.bkd, c.inspektorat, c.admin])
      await home(client);
    const changed = changedTables(before, await dbFingerprint(t.db)).filter(
      (table) => table !== 'sessions' && table !== 'audit_log',
    );
    expect(changed).toEqual([]);
  });
});

describe('GET /api/dashboard/anomalies/:kind', () => {
  it('lists flagged punches of both sides for the Inspektorat, and only the inside one for admin OPD Dinkes', async () => {
    const all = await anomalies(c.inspektorat, 'flagged', '?pageSize=200');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((i) => ('id' in i ? i.id : ''));
    expect(ids).toEqual(expect.arrayContaining([inside.flaggedPunchId, outside.flaggedPunchId]));
    const mine = await anomalies(c.adminOpd, 'flagged', '?pageSize=200');
    expect(mine.raw).toContain(inside.flaggedPunchId);
    for (const trace of traces(outside)) expect(mine.raw).not.toContain(trace);
  });

  it('names only the people inside the caller’s scope on a shared phone', async () => {
    const all = await anomalies(c.inspektorat, 'sharedDevices');
    const device = all.body.items.find((i) => 'thumbprint' in i && i.thumbprint === shared.thumbprintOf);
    const names = device && 'employees' in device ? device.employees.map((e) => e.name) : [];
    expect(names).toHaveLength(2);
    expect(names.some((n) => n.includes(shared.insideName))).toBe(true);
    expect(names.some((n) => n.includes(shared.outsideName))).toBe(true);
    const dinkes = await anomalies(c.adminOpd, 'sharedDevices');
    expect(dinkes.raw).toContain(shared.insideName);
    expect(dinkes.raw).not.toContain(shared.outsideName);
  });

  it('pages outside-the-fence punches farthest first, with the distance', async () => {
    const r = await anomalies(c.inspektorat, 'outsideFence', '?page=1&pageSize=1');
    expect(r.body).toMatchObject({ kind: 'outsideFence', page: 1, pageSize: 1 });
    expect(r.body.total).toBeGreaterThanOrEqual(1);
    const first = r.body.items[0]!;
    expect('distanceM' in first && first.distanceM).toBeGreaterThan(1000);
  });

  it('compares this month with the last for unit changes, and refuses a caller without attendance.read', async () => {
    const r = await anomalies(c.bkd, 'unitChanges');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'unitChanges', from: '2025-12', to: '2026-01' });
    for (const client of [inside.client, inside.superior]) {
      const refused = await anomalies(client, 'flagged');
      expect(refused.status).toBe(403);
    }
    expect((await anomalies(c.inspektorat, 'nothing')).status).toBe(400);
  });
});
