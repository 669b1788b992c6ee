import type { KeyObject } from 'node:crypto';
import { login, multipart, type Client, type TestApp } from './test-app.ts';
import { fileUpload, jpeg, newPhone, pdf, png, sha256, signedPunch } from './evidence.ts';

/** One employee with a request of every kind waiting for a decision, and who decides. */
export interface Side {
  /** The employee (a demo employee, or one made by test/factories). */
  employee: { nip: string | null; name: string };
  employeeId: string;
  unitId: string;
  client: Client;
  superior: Client;
  superiorId: string;
  permitId: string;
  correctionId: string;
  leaveId: string;
  /** A phone waiting for admin OPD's approval (the employee already has an active one). */
  pendingDeviceId: string;
  activeDeviceId: string;
  /** A punch waiting for review. */
  flaggedPunchId: string;
  /** The registered phone's key and id, to punch again (`flaggedPunch`). */
  phone: { key: KeyObject; deviceId: string };
  /** The hash of an uploaded letter (the permit's file). */
  fileHash: string;
}

/** A signed punch from the side's registered phone with a mocked location: FLAGGED for review. */
export async function flaggedPunch(t: TestApp, side: Side, key: string): Promise<string> {
  const office = await t.db
    .selectFrom('offices')
    .select(['lat', 'lon'])
    .where('unitId', '=', side.unitId)
    .executeTakeFirstOrThrow();
  const photo = jpeg(key);
  const body = signedPunch(side.phone.key, {
    idempotencyKey: key,
    kind: 'IN',
    deviceId: side.phone.deviceId,
    location: { lat: office.lat, lon: office.lon, accuracyM: 15, mocked: true },
    photoHash: sha256(photo),
  });
  const mp = multipart(
    { punch: JSON.stringify(body) },
    { field: 'photo', name: 'selfie.jpg', content: photo, type: 'image/jpeg' },
  );
  const res = await ok(
    await side.client.request({
      method: 'POST',
      url: '/api/attendance/punches',
      payload: mp.payload,
      headers: mp.headers,
    }),
    'punch',
  );
  const punch = res.punch as { id: string; verdict: string; reasons: unknown };
  if (punch.verdict !== 'FLAGGED') throw new Error(`punch not flagged: ${JSON.stringify(punch.reasons)}`);
  return punch.id;
}

async function ok(res: { statusCode: number; body: string }, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown>;
}

/** Who a side is: a plain employee with an account, and their direct superior (with an account too). */
export interface SidePeople {
  employee: { nip: string | null; name: string };
  /** What the employee and the superior sign in with (NIP or user name), with the demo password. */
  login: string;
  superiorLogin: string;
  employeeId: string;
  unitId: string;
  superiorId: string;
}

/**
 * Daily life of one employee (clock 2026-01-15): a pending permit, correction and leave request, a pending phone
 * change and a flagged punch — made through the API as their owner would. The employee's unit needs an office;
 * the rulebooks must be loaded (`services.rulebooks.syncRepoRulebooks()`).
 */
export async function sideActivity(t: TestApp, who: SidePeople): Promise<Side> {
  const client = await login(t.app, who.login);
  const superior = await login(t.app, who.superiorLogin);
  const tag = who.employee.nip ?? who.login;
  const upload = async (name: string, content: Buffer, type: string) =>
    ok(await client.request(fileUpload('/api/permits/files', name, content, type)), name);
  const file = await upload('surat.pdf', pdf(`surat ${tag}`), 'application/pdf');
  const permit = await ok(
    await client.post('/api/permits', {
      kind: 'I',
      dateFrom: '2026-01-19',
      dateTo: '2026-01-19',
      reason: 'Keperluan keluarga',
      fileHash: file.hash,
    }),
    'permit',
  );
  const evidence = await upload('bukti.png', png(`bukti-${tag}`), 'image/png');
  const correction = await ok(
    await client.post('/api/corrections', {
      date: '2026-01-14',
      checkIn: '07:25',
      category: 'LUPA_PRESENSI',
      reason: 'Lupa presensi masuk',
      evidenceHash: evidence.hash,
    }),
    'correction',
  );
  const leave = await ok(
    await client.post('/api/leave/requests', {
      type: 'CT',
      from: '2026-03-03',
      to: '2026-03-04',
      reason: 'Urusan keluarga',
    }),
    'leave',
  );
  const phone = newPhone();
  const active = await ok(
    await client.post('/api/attendance/devices', { publicKey: phone.jwk, label: 'Ponsel lama' }),
    'first phone',
  );
  const pending = await ok(
    await client.post('/api/attendance/devices', {
      publicKey: newPhone().jwk,
      label: 'Ponsel baru',
      reason: 'Ponsel lama rusak',
    }),
    'second phone',
  );
  const partial = {
    unitId: who.unitId,
    client,
    phone: { key: phone.key, deviceId: active.id as string },
  } as Side;
  const punchId = await flaggedPunch(t, partial, `seed-${tag}`);
  return {
    employee: who.employee,
    employeeId: who.employeeId,
    unitId: who.unitId,
    client,
    superior,
    superiorId: who.superiorId,
    permitId: permit.id as string,
    correctionId: correction.id as string,
    leaveId: leave.id as string,
    pendingDeviceId: pending.id as string,
    activeDeviceId: active.id as string,
    flaggedPunchId: punchId,
    phone: partial.phone,
    fileHash: file.hash as string,
  };
}

/**
 * Daily life in two places of the demo province (clock 2026-01-15): a plain PNS of Puskesmas Curug (inside
 * Dinas Kesehatan) and one of UPTD Samsat Ciruas (inside Bapenda), each with a pending permit, correction and
 * leave request, a pending phone change and a flagged punch — made through the API as their owners would
 * (`sideActivity`). Needs the rulebooks loaded (`services.rulebooks.syncRepoRulebooks()`).
 */
export async function seedActivity(t: TestApp): Promise<{ inside: Side; outside: Side }> {
  const d = t.demo;
  const grantNips = new Set(d.roleGrants.map((g) => g.nip));
  const hasStaff = new Set(d.employees.map((e) => e.superiorNip));
  const idOf = async (nip: string) =>
    await t.db
      .selectFrom('employees')
      .select(['id', 'unitId'])
      .where('nip', '=', nip)
      .executeTakeFirstOrThrow();

  async function side(unitCode: string): Promise<Side> {
    const employee = d.employees.find(
      (e) =>
        e.unitCode === unitCode &&
        e.employeeType === 'PNS' &&
        e.nip &&
        !grantNips.has(e.nip) &&
        !hasStaff.has(e.nip) &&
        e.activeFrom < '2024-01-01',
    )!;
    const { id: employeeId, unitId } = await idOf(employee.nip!);
    return sideActivity(t, {
      employee,
      login: employee.nip!,
      superiorLogin: employee.superiorNip!,
      employeeId,
      unitId,
      superiorId: (await idOf(employee.superiorNip!)).id,
    });
  }

  return { inside: await side('DINKES-PKM-CURUG'), outside: await side('BAPENDA-SAMSAT-CIRUAS') };
}
