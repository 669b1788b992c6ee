import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';
import { judgeLateness } from './request-window.ts';

/*
 * Attendance corrections through the real API on the demo province. Clock: Thursday 15 Jan 2026, 09:00 WIB
 * (10:00 WITA). Times are given in the unit's local time and stored as instants (zoned-time.ts).
 */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const evidence = (n: number) => Buffer.concat([PNG, Buffer.from(`bukti-${n}`)]);

describe('attendance corrections', () => {
  let t: TestApp;
  let pegawai: Client;
  let colleague: Client;
  let superior: Client;
  let adminOpd: Client;
  let adminOther: Client;
  let witaPegawai: Client;
  let people: Record<'pegawai' | 'colleague' | 'superior', DemoEmployee>;
  let ids: Record<'pegawai' | 'superior' | 'wita', string>;
  let seq = 0;

  async function upload(c: Client, content: Buffer = evidence(++seq)) {
    const mp = multipart({}, { field: 'file', name: 'bukti.png', content, type: 'image/png' });
    const res = await c.request({
      method: 'POST',
      url: '/api/permits/files',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().hash as string;
  }
  const ask = async (c: Client, body: Record<string, unknown>, withEvidence = true) =>
    c.post('/api/corrections', {
      category: 'LUPA_PRESENSI',
      reason: 'Lupa presensi masuk',
      ...(withEvidence ? { evidenceHash: await upload(c) } : {}),
      ...body,
    });
  const decide = (c: Client, id: string, decision: 'APPROVE' | 'REJECT', note = '') =>
    c.post(`/api/corrections/${id}/decision`, { decision, note });
  const count = async (table: 'punches' | 'corrections') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

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
    const wita = d.employees.find(
      (e) => e.unitCode === 'SETDA-MKS' && e.nip && !grantNips.has(e.nip) && e.superiorNip,
    )!;
    const idOf = async (nip: string) =>
      (await t.db.selectFrom('employees').select('id').where('nip', '=', nip).executeTakeFirstOrThrow()).id;
    ids = {
      pegawai: await idOf(p.nip!),
      superior: await idOf(people.superior.nip!),
      wita: await idOf(wita.nip!),
    };
    pegawai = await login(t.app, p.nip!);
    colleague = await login(t.app, people.colleague.nip!);
    superior = await login(t.app, people.superior.nip!);
    witaPegawai = await login(t.app, wita.nip!);
    adminOpd = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
    );
    adminOther = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'BAPENDA')!.nip!,
    );
  });
  afterAll(() => t.close());

  it('forgot to check in: requested with evidence, approved by the superior, read as a punch; no punch written', async () => {
    const punchesBefore = await count('punches');
    const res = await ask(pegawai, { date: '2026-01-14', checkIn: '07:25' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      date: '2026-01-14',
      timeZone: 'Asia/Jakarta',
      checkIn: '07:25',
      checkOut: null,
      status: 'DIAJUKAN',
    });
    expect((await superior.get('/api/permits/inbox/count')).json()).toMatchObject({
      corrections: 1,
      total: 1,
    });
    expect(
      (await superior.get('/api/corrections/inbox')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([c.id]);
    // Pending corrections are not punches yet.
    const day = [Date.parse('2026-01-13T17:00:00Z'), Date.parse('2026-01-14T17:00:00Z')] as const;
    expect(await t.services.corrections.approvedCorrectionPunches([ids.pegawai], ...day)).toEqual([]);

    const ok = await decide(superior, c.id, 'APPROVE', 'Sesuai daftar hadir manual');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'DISETUJUI', decisionNote: 'Sesuai daftar hadir manual' });
    expect(await t.services.corrections.approvedCorrectionPunches([ids.pegawai], ...day)).toEqual([
      { employeeId: ids.pegawai, at: new Date('2026-01-14T00:25:00Z'), source: 'correction' },
    ]);
    // Outside the window: nothing.
    expect(
      await t.services.corrections.approvedCorrectionPunches(
        [ids.pegawai],
        Date.parse('2026-01-14T00:26:00Z'),
        Date.parse('2026-01-15T00:00:00Z'),
      ),
    ).toEqual([]);
    expect(await count('punches')).toBe(punchesBefore);
    const queued = await t.db
      .selectFrom('statusQueue')
      .select('localDate')
      .where('employeeId', '=', ids.pegawai)
      .where('reason', '=', 'correction')
      .orderBy('localDate')
      .execute();
    expect(queued.map((q) => q.localDate)).toEqual(['2026-01-13', '2026-01-14']);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', c.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['correction.requested', 'correction.approved']);
  });

  it('check-in and check-out of a terminal failure; a WITA unit converts with its own offset', async () => {
    const both = await ask(pegawai, {
      date: '2026-01-13',
      checkIn: '07:30',
      checkOut: '16:05',
      category: 'GANGGUAN_PERANGKAT',
      reason: 'Mesin presensi mati',
    });
    expect(both.statusCode, both.body).toBe(201);
    await decide(superior, both.json().id, 'APPROVE');
    const punches = await t.services.corrections.approvedCorrectionPunches(
      [ids.pegawai],
      Date.parse('2026-01-12T17:00:00Z'),
      Date.parse('2026-01-13T17:00:00Z'),
    );
    expect(punches.map((p) => p.at.toISOString())).toEqual([
      '2026-01-13T00:30:00.000Z',
      '2026-01-13T09:05:00.000Z',
    ]);

    const wita = await ask(witaPegawai, { date: '2026-01-14', checkIn: '07:30' });
    expect(wita.statusCode, wita.body).toBe(201);
    expect(wita.json()).toMatchObject({ timeZone: 'Asia/Makassar', checkIn: '07:30' });
    const stored = await t.db
      .selectFrom('corrections')
      .select('checkInAt')
      .where('id', '=', wita.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.checkInAt!.toISOString()).toBe('2026-01-13T23:30:00.000Z');
  });

  describe('bad input', () => {
    it.each([
      ['a future date', { date: '2026-01-16', checkIn: '07:30' }, 'date'],
      ['a time later today', { date: '2026-01-15', checkOut: '16:00' }, 'checkOut'],
      ['check-out before check-in', { date: '2026-01-12', checkIn: '08:00', checkOut: '07:59' }, 'checkOut'],
      [
        'check-out equal to check-in',
        { date: '2026-01-12', checkIn: '08:00', checkOut: '08:00' },
        'checkOut',
      ],
      ['neither time', { date: '2026-01-12' }, 'checkIn'],
      ['a malformed time', { date: '2026-01-12', checkIn: '7.30' }, 'checkIn'],
    ])('%s is refused and nothing is stored', async (_name, body, path) => {
      const before = await count('corrections');
      const res = await ask(pegawai, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(path);
      expect(await count('corrections')).toBe(before);
    });

    it('a correction without evidence is refused; evidence uploaded by another is refused', async () => {
      const none = await ask(pegawai, { date: '2026-01-12', checkIn: '07:31' }, false);
      expect(none.statusCode).toBe(400);
      expect(none.json().error.details).toEqual([
        { path: 'evidenceHash', message: expect.stringContaining('Bukti wajib diunggah') },
      ]);
      const foreign = await ask(
        pegawai,
        { date: '2026-01-12', checkIn: '07:31', evidenceHash: await upload(colleague) },
        false,
      );
      expect(foreign.statusCode).toBe(400);
    });

    it('this morning is fine; a second correction for the same date is refused (409)', async () => {
      const today = await ask(pegawai, { date: '2026-01-15', checkIn: '07:29' });
      expect(today.statusCode, today.body).toBe(201);
      const again = await ask(pegawai, { date: '2026-01-15', checkOut: '08:00' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CONFLICT');
    });

    it('a date in a closed month: MONTH_CLOSED', async () => {
      const dinkes = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('monthClosings').values({ unitId: dinkes.id, month: '2025-12' }).execute();
      const res = await ask(pegawai, { date: '2025-12-30', checkIn: '07:30' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('MONTH_CLOSED');
      await t.db.deleteFrom('monthClosings').where('unitId', '=', dinkes.id).execute();
    });

    it('own decision refused; a colleague and another OPD can neither read, decide nor open the evidence', async () => {
      const own = await ask(superior, { date: '2026-01-12', checkIn: '07:20' });
      expect(own.statusCode, own.body).toBe(201);
      const self = await decide(superior, own.json().id, 'APPROVE');
      expect(self.statusCode).toBe(403);
      expect(self.json().error.message).toContain('sendiri');

      const content = evidence(777);
      const res = await ask(
        pegawai,
        { date: '2026-01-09', checkOut: '16:10', evidenceHash: await upload(pegawai, content) },
        false,
      );
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      for (const c of [colleague, adminOther]) {
        expect((await c.get(`/api/corrections/${id}`)).statusCode).toBe(403);
        expect((await c.get(`/api/corrections/${id}/evidence`)).statusCode).toBe(403);
      }
      expect((await decide(colleague, id, 'APPROVE')).statusCode).toBe(403);
      expect((await decide(adminOpd, id, 'APPROVE')).statusCode).toBe(403);
      expect((await colleague.post(`/api/corrections/${id}/cancel`, {})).statusCode).toBe(403);
      for (const c of [pegawai, superior, adminOpd]) {
        const f = await c.get(`/api/corrections/${id}/evidence`);
        expect(f.statusCode).toBe(200);
        expect(f.headers['content-type']).toBe('image/png');
        expect(f.rawPayload.equals(content)).toBe(true);
      }
      const views = await t.db
        .selectFrom('requestFileViews')
        .selectAll()
        .where('entityId', '=', id)
        .execute();
      expect(views).toHaveLength(3);
      expect((await adminOther.get('/api/corrections?pageSize=200')).json().items).toEqual([]);
    });
  });

  it('rejection shows its reason to the employee; cancelling an approved one removes its punches', async () => {
    const r = await ask(pegawai, { date: '2026-01-08', checkIn: '07:10' });
    const no = await decide(superior, r.json().id, 'REJECT', 'Tidak ada di daftar hadir');
    expect(no.json().status).toBe('DITOLAK');
    const mine = await pegawai.get('/api/corrections/mine');
    expect(mine.json().items.find((x: { id: string }) => x.id === r.json().id)).toMatchObject({
      status: 'DITOLAK',
      decisionNote: 'Tidak ada di daftar hadir',
    });

    const a = await ask(pegawai, { date: '2026-01-07', checkIn: '07:05' });
    await decide(superior, a.json().id, 'APPROVE');
    const win = [Date.parse('2026-01-06T17:00:00Z'), Date.parse('2026-01-07T17:00:00Z')] as const;
    expect(await t.services.corrections.approvedCorrectionPunches([ids.pegawai], ...win)).toHaveLength(1);
    const cancel = await pegawai.post(`/api/corrections/${a.json().id}/cancel`, { note: 'Salah tanggal' });
    expect(cancel.json()).toMatchObject({ status: 'DIBATALKAN', cancelNote: 'Salah tanggal' });
    expect(await t.services.corrections.approvedCorrectionPunches([ids.pegawai], ...win)).toEqual([]);
  });

  it('scoped list and CSV export for admin OPD; nothing of Dinkes for another OPD', async () => {
    const list = await adminOpd.get(`/api/corrections?q=${people.pegawai.nip}&status=DISETUJUI`);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((x: { date: string }) => x.date)
        .sort(),
    ).toEqual(['2026-01-13', '2026-01-14']);
    const csv = await adminOpd.get('/api/corrections/export.csv?from=2026-01-14&to=2026-01-14');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'NIP,Nama,Unit,Tanggal,Masuk,Pulang,Zona,Kategori,Alasan,Status,Diputuskan oleh,Catatan',
    );
    expect(lines.slice(1)).toEqual([expect.stringContaining(`${people.pegawai.nip},`)]);
    expect(lines[1]).toContain(',2026-01-14,07:25,,WIB,LUPA_PRESENSI,');
    const other = await adminOther.get('/api/corrections/export.csv');
    expect(other.body).not.toContain(people.pegawai.nip!);
    expect((await pegawai.get('/api/corrections/export.csv')).statusCode).toBe(403);
  });

  it('late requests (rulebook attendance.requestWindows): shown to the superior as late, or refused', async () => {
    // National: within 3 working days of the date, later ones flagged. Mon 5 Jan asked Thu 15 Jan: 8 working days.
    const res = await ask(colleague, { date: '2026-01-05', checkIn: '07:20' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().late).toEqual({ days: 5, windowDays: 3 });
    const inbox = (await superior.get('/api/corrections/inbox')).json();
    expect(inbox.items.find((x: { id: string }) => x.id === res.json().id).late).toEqual({
      days: 5,
      windowDays: 3,
    });
    const onTime = await ask(colleague, { date: '2026-01-13', checkIn: '07:20' });
    expect(onTime.json().late).toBeNull();
    // A region that refuses them (regional-40-60: 3 working days, refused), through the same check.
    const strict = {
      clock: t.clock,
      config: { rulebookRegion: 'contoh-kalbar' },
      rulebooks: t.services.rulebooks,
    };
    const emp = { unitCode: 'DINKES-PKM-CURUG', timeZone: 'Asia/Jakarta' };
    await expect(
      judgeLateness(strict, emp, 'correction', '2026-01-05', 'date', 'Koreksi presensi'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message:
        'Koreksi presensi untuk tanggal 05/01/2026 terlambat 5 hari kerja: paling lambat 3 hari kerja setelah ' +
        'tanggal tersebut (Kebijakan pengelolaan presensi daerah (Perkada TPP/presensi))',
    });
    expect(await judgeLateness(strict, emp, 'correction', '2026-01-12', 'date', 'Koreksi')).toEqual({
      lateDays: null,
      lateWindowDays: null,
    });
  });
});
