import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  factories,
  type AccountRef,
  type EmployeeRef,
  type UnitRef,
} from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { jpeg } from '../../../../test/helpers/evidence.ts';
import { createTestApp, login, multipart, type TestApp } from '../../../../test/helpers/test-app.ts';
import type {
  ComplaintDetail,
  ComplaintForm,
  ComplaintsList,
  ComplaintTrack,
} from '../../../shared/api/complaints.ts';

/*
 * Public complaints through the API on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): a citizen
 * files without an account and tracks by code; BKD routes to the OPD, whose handler answers; who sees the
 * reporter (never the reported employee, even as the OPD's admin); scope of OPD admins; refusals store nothing;
 * bad input (spam, script, a 50 MB photo, 100 submissions a minute); the SP4N-LAPOR! importer.
 */
describe('public complaints', () => {
  let t: TestApp;
  let opdA: UnitRef;
  let opdB: UnitRef;
  let bkd: Awaited<ReturnType<typeof login>>;
  let adminA: Awaited<ReturnType<typeof login>>;
  let adminB: Awaited<ReturnType<typeof login>>;
  let reportedAdmin: Awaited<ReturnType<typeof login>>;
  let reported: EmployeeRef;
  let inspektorat: Awaited<ReturnType<typeof login>>;
  let ip = 0;
  const usernames: Record<string, string> = {};
  /** Signs everyone in again (sessions end when the test clock jumps days ahead). */
  const relogin = async () => {
    bkd = await login(t.app, usernames.bkd!);
    adminA = await login(t.app, usernames.adminA!);
    adminB = await login(t.app, usernames.adminB!);
    inspektorat = await login(t.app, usernames.inspektorat!);
    reportedAdmin = await login(t.app, usernames.reported!);
  };
  /** A fresh address per call site, so the per-address limits of one test do not touch another. */
  const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

  const form = async (remoteAddress = nextIp()) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/complaints/form', remoteAddress });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ComplaintForm>();
  };

  const body = (token: string, over: Record<string, unknown> = {}) => ({
    token,
    category: 'KEHADIRAN',
    unitId: opdA.id,
    reportedName: `Pegawai ${reported.nip}`,
    title: 'Pegawai tidak ada di tempat',
    description: 'Pada jam layanan pegawai tersebut tidak berada di loket selama dua jam.',
    reporterName: 'Siti Warga',
    reporterContact: '0812-0000-1111',
    latitude: -6.12,
    longitude: 106.15,
    ...over,
  });

  /** Files a complaint as a citizen: the form, the wait the form asks for, the submission. */
  const file = async (over: Record<string, unknown> = {}, remoteAddress = nextIp()) => {
    const f = await form(remoteAddress);
    t.clock.advance(10_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      payload: body(f.token, over),
      remoteAddress,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ trackingCode: string }>().trackingCode;
  };

  const idOf = async (code: string) => {
    const list = (await bkd.get('/api/complaints?pageSize=100')).json<ComplaintsList>();
    const track = (
      await t.app.inject({ method: 'GET', url: `/api/public/complaints/${code}` })
    ).json<ComplaintTrack>();
    return list.items.find((i) => i.title === track.title && i.status === track.status)!.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2026-03-02T02:00:00Z', env: { COMPLAINT_SLA_DAYS: '10' } });
    const f = factories(t);
    const root = await f.unit({ code: 'PROV' });
    opdA = await f.unit({ code: 'OPD-A', kind: 'OPD', parent: root, name: 'Dinas A' });
    opdB = await f.unit({ code: 'OPD-B', kind: 'OPD', parent: root, name: 'Dinas B' });
    const acc = async (
      key: string,
      unit: UnitRef,
      role: 'BKD' | 'ADMIN_OPD' | 'INSPEKTORAT',
      scope: UnitRef | null,
    ) => {
      const e = await f.employee({ unit });
      const a: AccountRef = await f.account(e);
      await f.grant(a, role, scope);
      usernames[key] = a.username;
      return e;
    };
    await acc('bkd', root, 'BKD', null);
    await acc('adminA', opdA, 'ADMIN_OPD', opdA);
    await acc('adminB', opdB, 'ADMIN_OPD', opdB);
    await acc('inspektorat', root, 'INSPEKTORAT', null);
    // The reported employee is also an admin of their own OPD.
    reported = await acc('reported', opdA, 'ADMIN_OPD', opdA);
    await relogin();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the public form only unit ids and names, and reads without writing', async () => {
    const before = await dbFingerprint(t.db);
    const f = await form();
    expect(f.units.length).toBeGreaterThanOrEqual(3);
    for (const u of f.units) expect(Object.keys(u).sort()).toEqual(['id', 'name']);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('files a complaint without an account, and the citizen tracks it by its code only', async () => {
    const code = await file();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/complaints/${code.toLowerCase()}` });
    expect(res.statusCode).toBe(200);
    const track = res.json<ComplaintTrack>();
    expect(track).toMatchObject({ status: 'DITERIMA', unitName: 'Dinas A', answer: null });
    // Nothing about the reporter nor the employee reported.
    expect(res.body).not.toContain('Siti');
    expect(res.body).not.toContain(reported.nip!);
    const other = await t.app.inject({ method: 'GET', url: '/api/public/complaints/AAAA-BBBB-CCCC' });
    expect(other.statusCode).toBe(404);
  });

  it('BKD routes it, the OPD answers within the SLA, and the citizen sees the answer', async () => {
    const code = await file({ title: 'Loket tutup saat jam layanan' });
    const id = await idOf(code);
    // Before routing, OPD A's admin does not see it (BKD triages first).
    expect((await adminA.get(`/api/complaints/${id}`)).statusCode).toBe(404);
    const routed = await bkd.post(`/api/complaints/${id}/route`, {
      handlingUnitId: opdA.id,
      note: 'Mohon ditindaklanjuti',
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json<ComplaintDetail>()).toMatchObject({
      status: 'DITERUSKAN',
      dueOn: '2026-03-12',
      overdue: false,
    });
    const inbox = (await adminA.get('/api/complaints/inbox-count')).json();
    expect(inbox.toAnswer).toBeGreaterThanOrEqual(1);
    const notes = (await adminA.get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('Loket tutup saat jam layanan');
    // OPD B's admin: not theirs.
    const before = await dbFingerprint(t.db);
    expect((await adminB.get(`/api/complaints/${id}`)).statusCode).toBe(404);
    expect(
      (await adminB.post(`/api/complaints/${id}/answer`, { answer: 'Jawaban dari OPD lain.' })).statusCode,
    ).toBe(404);
    // An Inspektorat reader may read it but not answer it, and does not see the reporter.
    const seen = await inspektorat.get(`/api/complaints/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<ComplaintDetail>().reporter).toBeNull();
    expect(
      (await inspektorat.post(`/api/complaints/${id}/answer`, { answer: 'Bukan wewenang saya.' })).statusCode,
    ).toBe(403);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    // Overdue after the due date.
    t.clock.advance(11 * 86_400_000);
    await relogin();
    const late = (await adminA.get('/api/complaints?overdue=true')).json<ComplaintsList>();
    expect(late.items.map((i) => i.id)).toContain(id);
    const answered = await adminA.post(`/api/complaints/${id}/answer`, {
      answer: 'Petugas loket telah ditegur dan jadwal piket diperbaiki.',
      note: 'Catatan internal: pegawai sudah dipanggil.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const track = (
      await t.app.inject({ method: 'GET', url: `/api/public/complaints/${code}` })
    ).json<ComplaintTrack>();
    expect(track).toMatchObject({
      status: 'DIJAWAB',
      answer: 'Petugas loket telah ditegur dan jadwal piket diperbaiki.',
    });
    expect(JSON.stringify(track)).not.toContain('Catatan internal');
    const again = await adminA.post(`/api/complaints/${id}/answer`, {
      answer: 'Jawaban kedua yang tidak boleh.',
    });
    expect(again.statusCode).toBe(409);
  });

  it('never shows the complaint or its reporter to the reported employee, even as their OPD admin', async () => {
    const code = await file({ title: 'Pegawai bersikap kasar', reportedName: `Sdr. X, NIP ${reported.nip}` });
    const id = await idOf(code);
    await bkd.post(`/api/complaints/${id}/route`, {
      handlingUnitId: opdA.id,
      reportedEmployeeId: reported.id,
    });
    const bkdView = (await bkd.get(`/api/complaints/${id}`)).json<ComplaintDetail>();
    expect(bkdView.reporter).toEqual({ name: 'Siti Warga', contact: '0812-0000-1111' });
    const adminView = (await adminA.get(`/api/complaints/${id}`)).json<ComplaintDetail>();
    expect(adminView.reporter?.name).toBe('Siti Warga');
    // Not the complaint (its text can point at the reporter), not in their list or export.
    const res = await reportedAdmin.get(`/api/complaints/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Siti');
    expect(res.body).not.toContain('kasar');
    for (const path of ['/api/complaints?pageSize=100', '/api/complaints/export.csv']) {
      const listed = await reportedAdmin.get(path);
      expect(listed.statusCode, path).toBe(200);
      expect(listed.body, path).not.toContain('bersikap kasar');
    }
    // Nor can they answer it, and the refusal stores nothing.
    const before = await dbFingerprint(t.db);
    const answer = await reportedAdmin.post(`/api/complaints/${id}/answer`, {
      answer: 'Saya tidak bersalah sama sekali.',
    });
    expect(answer.statusCode).toBe(404);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    // And were not notified of it.
    expect(JSON.stringify((await reportedAdmin.get('/api/notifications')).json())).not.toContain(
      'bersikap kasar',
    );
  });

  it(
    'opens a discipline case from a complaint through the discipline service (source PENGADUAN), once',
    { timeout: 120_000 },
    async () => {
      await factories(t).rulebooks();
      const code = await file({ title: 'Pegawai meninggalkan kantor tanpa izin' });
      const id = await idOf(code);
      await bkd.post(`/api/complaints/${id}/route`, {
        handlingUnitId: opdA.id,
        reportedEmployeeId: reported.id,
      });
      const body = {
        employeeId: reported.id,
        violationCode: 'PASAL_4_F',
        violationDate: '2026-03-02',
        description: 'Meninggalkan kantor pada jam kerja tanpa izin menurut pengaduan masyarakat.',
        expectedLevel: 'ringan',
      };
      // The reported employee cannot open a case from their own complaint (to them it does not exist); nothing stored.
      const before = await dbFingerprint(t.db);
      expect((await reportedAdmin.post(`/api/complaints/${id}/discipline-case`, body)).statusCode).toBe(404);
      expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
      const res = await bkd.post(`/api/complaints/${id}/discipline-case`, body);
      expect(res.statusCode, res.body).toBe(201);
      const caseId = res.json<{ disciplineCaseId: string }>().disciplineCaseId;
      const c = await t.db
        .selectFrom('disciplineCases')
        .select(['source', 'sourceRef'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(c.source).toBe('PENGADUAN');
      expect(c.sourceRef).toMatch(/^Pengaduan ADU-\d{6}$/);
      expect((await bkd.get(`/api/complaints/${id}`)).json<ComplaintDetail>().disciplineCaseId).toBe(caseId);
      expect((await bkd.post(`/api/complaints/${id}/discipline-case`, body)).statusCode).toBe(409);
    },
  );

  it('stores script in text as plain text and shows it literally', async () => {
    const script = '<script>alert("x")</script> <img src=x onerror=alert(1)>';
    const code = await file({
      title: 'Uji <b>tebal</b> judul',
      description: `Uraian panjang dengan ${script} di dalamnya.`,
    });
    const id = await idOf(code);
    const detail = (await bkd.get(`/api/complaints/${id}`)).json<ComplaintDetail>();
    expect(detail.description).toContain(script);
    expect(detail.title).toBe('Uji <b>tebal</b> judul');
  });

  it('refuses spam: the hidden field filled, a form sent at once, a forged token; nothing stored', async () => {
    const before = await dbFingerprint(t.db);
    const ipA = nextIp();
    const f = await form(ipA);
    const fast = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      payload: body(f.token),
      remoteAddress: ipA,
    });
    expect(fast.statusCode).toBe(400);
    expect(fast.json().error.message).toContain('terlalu cepat');
    t.clock.advance(10_000);
    const honey = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      payload: body(f.token, { website: 'http://spam.example' }),
      remoteAddress: ipA,
    });
    expect(honey.statusCode).toBe(400);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      payload: body(`${Date.now() - 60_000}.AAAA`),
      remoteAddress: nextIp(),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.message).toContain('Token formulir tidak sah');
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('answers 100 submissions a minute from one address with 429 after the limit, keeping what was recorded', async () => {
    const addr = nextIp();
    const f = await form();
    t.clock.advance(10_000);
    const codes: string[] = [];
    const statuses: number[] = [];
    let limited: { error: { code: string; message: string } } | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/public/complaints',
        payload: body(f.token, { title: `Pengaduan beruntun ${i}` }),
        remoteAddress: addr,
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 201) codes.push(res.json().trackingCode);
      else limited ??= res.json();
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(t.config.complaints.submitPerMinute);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - t.config.complaints.submitPerMinute);
    expect(limited!.error.code).toBe('RATE_LIMITED');
    expect(limited!.error.message).toContain('paling banyak 5 per menit');
    for (const code of codes) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/complaints/${code}` });
      expect(res.statusCode).toBe(200);
    }
  });

  it('takes a photo (type from content, stored), refuses a 50 MB one with 413 and a non-image with 415', async () => {
    const code = await file({ title: 'Pengaduan dengan foto' });
    const ok = multipart(
      {},
      { field: 'file', name: 'bukti.jpg', content: jpeg('foto-1'), type: 'image/jpeg' },
    );
    const added = await t.app.inject({ method: 'POST', url: `/api/public/complaints/${code}/photos`, ...ok });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({ photoCount: 1 });
    const before = await dbFingerprint(t.db);
    const big = multipart(
      {},
      { field: 'file', name: 'besar.jpg', content: Buffer.alloc(50 * 1024 * 1024, 7), type: 'image/jpeg' },
    );
    const tooBig = await t.app.inject({
      method: 'POST',
      url: `/api/public/complaints/${code}/photos`,
      ...big,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(tooBig.json().error.message).toContain('COMPLAINT_PHOTO_MAX_BYTES');
    const exe = multipart(
      {},
      { field: 'file', name: 'foto.jpg', content: Buffer.from('MZ\x90\x00 not a photo'), type: 'image/jpeg' },
    );
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/public/complaints/${code}/photos`, ...exe }))
        .statusCode,
    ).toBe(415);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    // The handling official sees the photo; OPD B does not.
    const id = await idOf(code);
    await bkd.post(`/api/complaints/${id}/route`, { handlingUnitId: opdA.id });
    const detail = (await adminA.get(`/api/complaints/${id}`)).json<ComplaintDetail>();
    expect(detail.photos).toHaveLength(1);
    const img = await adminA.get(`/api/complaints/${id}/photos/${detail.photos[0]!.id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((await adminB.get(`/api/complaints/${id}/photos/${detail.photos[0]!.id}`)).statusCode).toBe(404);
    // No photo once routed.
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/public/complaints/${code}/photos`, ...ok }))
        .statusCode,
    ).toBe(409);
  });

  it('lists by scope and filters; an OPD admin sees only their unit, and another unit is 403', async () => {
    const listA = (await adminA.get('/api/complaints?pageSize=100')).json<ComplaintsList>();
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listA.items.every((i) => i.handlingUnitId === opdA.id)).toBe(true);
    expect((await adminB.get('/api/complaints')).json<ComplaintsList>().items).toEqual([]);
    expect((await adminA.get(`/api/complaints?unitId=${opdB.id}`)).statusCode).toBe(403);
    const answered = (
      await bkd.get('/api/complaints?status=DIJAWAB&category=KEHADIRAN&q=loket')
    ).json<ComplaintsList>();
    expect(answered.items.map((i) => i.title)).toEqual(['Loket tutup saat jam layanan']);
    const csv = await bkd.get('/api/complaints/export.csv?status=DIJAWAB');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Loket tutup saat jam layanan');
  });

  it('BKD rejects with a reason the citizen sees; an OPD admin cannot route or reject', async () => {
    const code = await file({ title: 'Bukan pengaduan ASN' });
    const id = await idOf(code);
    // A request first, so the session's own bookkeeping (last seen) is not counted as a change below.
    await adminA.get('/api/complaints/inbox-count');
    const before = await dbFingerprint(t.db);
    expect((await adminA.post(`/api/complaints/${id}/route`, { handlingUnitId: opdA.id })).statusCode).toBe(
      404,
    );
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const res = await bkd.post(`/api/complaints/${id}/reject`, {
      reason: 'Laporan ini bukan tentang ASN atau layanan unit.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const track = (
      await t.app.inject({ method: 'GET', url: `/api/public/complaints/${code}` })
    ).json<ComplaintTrack>();
    expect(track).toMatchObject({
      status: 'DITOLAK',
      answer: 'Laporan ini bukan tentang ASN atau layanan unit.',
    });
  });

  it('imports SP4N-LAPOR! rows: every bad row with its line, nothing unless all are good, no duplicates', async () => {
    const csv = (rows: string[]) =>
      multipart(
        {},
        {
          field: 'file',
          name: 'lapor.csv',
          content: ['lapor_id,tanggal,kategori,kode_unit,judul,isi,nama_pelapor', ...rows].join('\n'),
          type: 'text/csv',
        },
      );
    const good1 = 'LPR-1001,01/03/2026,LAYANAN,OPD-A,Antrian lama,Antrian di loket sangat lama,Budi';
    const good2 = 'LPR-1002,2026-02-27,NETRALITAS,OPD-B,Ikut kampanye,Pegawai ikut kampanye calon,';
    const bad = 'LPR-1003,31/02/2026,LAIN,OPD-X,Judul,Isi,';
    const before = await dbFingerprint(t.db);
    const refused = await bkd.request({
      method: 'POST',
      url: '/api/complaints/import',
      ...csv([good1, bad, good2]),
    });
    expect(refused.statusCode).toBe(422);
    const errs = refused.json().error.details as { line: number; column: string }[];
    expect(errs.map((e) => `${e.line}:${e.column}`).sort()).toEqual([
      '3:kategori',
      '3:kode_unit',
      '3:tanggal',
    ]);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const partial = await bkd.request({
      method: 'POST',
      url: '/api/complaints/import?mode=valid',
      ...csv([good1, bad, good2]),
    });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ rows: 3, created: 2, skipped: 0 });
    const again = await bkd.request({
      method: 'POST',
      url: '/api/complaints/import',
      ...csv([good1, good2]),
    });
    expect(again.json()).toMatchObject({ rows: 2, created: 0, skipped: 2 });
    const listed = (await bkd.get('/api/complaints?q=LPR-100&pageSize=100')).json<ComplaintsList>();
    expect(listed.items.map((i) => i.laporId).sort()).toEqual(['LPR-1001', 'LPR-1002']);
    // An OPD admin may not import.
    expect(
      (await adminA.request({ method: 'POST', url: '/api/complaints/import', ...csv([good1]) })).statusCode,
    ).toBe(403);
  });
});
