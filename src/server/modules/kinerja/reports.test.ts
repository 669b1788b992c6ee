import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { factories, type Factories } from '../../../../test/factories/index.ts';
import { smallProvince, type SmallProvince } from '../../../../test/factories/province.ts';
import { addDays } from '../../../core/common/local-date.ts';
import type { ReportOptions } from '../../../shared/api/kinerja-reports.ts';

/*
 * Daily activity reports and supervision through the real API on a small province. Clock: Thursday 15 Jan 2026,
 * 09:00 WIB. The pegawai of UPTD Puskesmas Curug reports to the head of the Puskesmas (pejabat penilai), who
 * reports to the head of Dinas Kesehatan; the head of UPTD Samsat Ciruas (Bapenda) is a superior of another unit.
 */
const TODAY = '2026-01-15';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n% bukti\n');

describe('daily activity reports', () => {
  let t: TestApp;
  let f: Factories;
  let p: SmallProvince;
  let pegawai: Client;
  let colleague: Client;
  let head: Client;
  let opdHead: Client;
  let otherHead: Client;
  let bkd: Client;
  let rhkId: string;
  let colleagueRhkId: string;
  let rules: ReportOptions['rules'];

  const send = (c: Client, body: Record<string, unknown>) =>
    c.post('/api/kinerja/reports', {
      clientId: randomUUID(),
      reportDate: TODAY,
      rhkId,
      activity: 'Menyusun laporan pelayanan',
      minutes: 60,
      ...body,
    });
  const put = (c: Client, id: string, body: Record<string, unknown>) =>
    c.request({ method: 'PUT', url: `/api/kinerja/reports/${id}`, payload: body });
  const rows = (employeeId: string) =>
    t.db.selectFrom('dailyReports').selectAll().where('employeeId', '=', employeeId).execute();

  async function skpFor(employee: { id: string; unitId: string }, status = 'APPROVED') {
    const skp = await t.db
      .insertInto('skp')
      .values({
        employeeId: employee.id,
        unitId: employee.unitId,
        year: 2026,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        approach: 'KUANTITATIF',
        status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rhk = await t.db
      .insertInto('skpRhk')
      .values({ skpId: skp.id, kind: 'UTAMA', seq: 1, text: 'Terselenggaranya pelayanan kesehatan' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('skpIndicators')
      .values({
        rhkId: rhk.id,
        seq: 1,
        text: 'Jumlah laporan pelayanan',
        aspect: 'KUANTITAS',
        targetMin: 10,
        satuan: 'laporan',
      })
      .execute();
    return rhk.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2026-01-15T02:00:00Z' });
    f = factories(t);
    await f.rulebooks();
    p = await smallProvince(f);
    rhkId = await skpFor(p.dinkes.service.employee);
    colleagueRhkId = await skpFor(p.dinkes.service.colleagues[0]!, 'SUBMITTED');
    pegawai = await login(t.app, p.dinkes.service.employee.account.username);
    colleague = await login(t.app, p.dinkes.service.colleagues[0]!.account.username);
    head = await login(t.app, p.dinkes.service.head.account.username);
    opdHead = await login(t.app, p.dinkes.head.account.username);
    otherHead = await login(t.app, p.bapenda.service.head.account.username);
    bkd = await login(t.app, p.bkd.account.username);
    const opts = await pegawai.get('/api/kinerja/reports/options');
    expect(opts.statusCode, opts.body).toBe(200);
    rules = opts.json().rules;
    expect(opts.json()).toMatchObject({ today: TODAY, skp: { status: 'APPROVED' } });
    expect(opts.json().rhk[0]).toMatchObject({
      id: rhkId,
      indicators: [{ aspect: 'KUANTITAS', target: 10 }],
    });
  });
  afterAll(() => t.close());

  it('stores an offline report exactly once: resent and raced syncs give one row and the same id', async () => {
    const clientId = randomUUID();
    const body = {
      clientId,
      reportDate: addDays(TODAY, -1),
      minutes: 30,
      recordedAt: '2026-01-14T03:00:00Z',
    };
    const first = await send(pegawai, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'SUBMITTED', reportDate: '2026-01-14', revision: 1 });
    const again = await send(pegawai, { ...body, minutes: 45 });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().minutes).toBe(30);

    const raced = randomUUID();
    const both = await Promise.all([
      send(pegawai, { clientId: raced, minutes: 20 }),
      send(pegawai, { clientId: raced, minutes: 20 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(both[0]!.json().id).toBe(both[1]!.json().id);
    const stored = await rows(p.dinkes.service.employee.id);
    expect(stored.filter((r) => r.clientId === clientId || r.clientId === raced)).toHaveLength(2);
  });

  it('refuses a future date, a date before the window, 25 hours and a day over the maximum; nothing stored', async () => {
    const noSkp = await login(t.app, p.dinkes.service.colleagues[1]!.account.username);
    const before = await dbFingerprint(t.db);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ reportDate: addDays(TODAY, 7) }, 'reportDate', 'belum tiba'],
      [{ reportDate: addDays(TODAY, -rules.entryWindowDays - 1) }, 'reportDate', 'melewati batas pengisian'],
      [{ minutes: 25 * 60 }, 'minutes', '24 jam'],
      [{ minutes: 0 }, 'minutes', 'paling sedikit 1 menit'],
      [{ minutes: rules.maxMinutesPerDay }, 'minutes', `melebihi batas ${rules.maxMinutesPerDay} menit`],
      [{ rhkId: colleagueRhkId }, 'rhkId', 'tidak ada dalam SKP'],
      [{ reportDate: addDays(TODAY, -1), quantity: -1 }, 'quantity', 'negatif'],
    ];
    for (const [body, path, message] of cases) {
      const res = await send(pegawai, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(res.json().error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining(path) })]),
      );
      expect(res.json().error.message + JSON.stringify(res.json().error.details)).toContain(message);
    }
    const res = await send(noSkp, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Belum ada SKP');
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('an employee cannot verify their own report; a superior of another unit can neither verify nor see', async () => {
    const r = (await send(pegawai, { minutes: 15 })).json();
    const before = await dbFingerprint(t.db);
    const own = await pegawai.post(`/api/kinerja/reports/${r.id}/verify`, { decision: 'ACCEPT' });
    expect(own.statusCode).toBe(403);
    const other = await otherHead.post(`/api/kinerja/reports/${r.id}/verify`, { decision: 'ACCEPT' });
    expect(other.statusCode).toBe(403);
    expect((await otherHead.get(`/api/kinerja/reports/${r.id}`)).statusCode).toBe(403);
    const bulk = await otherHead.post('/api/kinerja/reports/verify', { ids: [r.id], decision: 'ACCEPT' });
    expect(bulk.json()).toMatchObject({
      done: 0,
      failed: 1,
      items: [{ ok: false, error: { code: 'FORBIDDEN' } }],
    });
    const sup = await otherHead.get(`/api/kinerja/supervision?unitId=${p.dinkes.service.unit.id}`);
    expect(sup.statusCode).toBe(403);
    expect(sup.body).not.toContain(p.dinkes.service.employee.name);
    const colleagueEdit = await put(colleague, r.id, {
      reportDate: TODAY,
      rhkId,
      activity: 'Ubah',
      minutes: 5,
    });
    expect(colleagueEdit.statusCode).toBe(404);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('returned with a note, corrected by the employee, then accepted; the month shows it', async () => {
    const r = (
      await send(pegawai, { reportDate: addDays(TODAY, -2), minutes: 90, quantity: 2, satuan: 'laporan' })
    ).json();
    const inbox = await head.get('/api/kinerja/reports/inbox');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(inbox.json().counts.total).toBeGreaterThan(0);

    const noNote = await head.post(`/api/kinerja/reports/${r.id}/verify`, { decision: 'RETURN' });
    expect(noNote.statusCode).toBe(400);
    const ret = await head.post(`/api/kinerja/reports/${r.id}/verify`, {
      decision: 'RETURN',
      note: 'Uraikan output yang dihasilkan',
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({
      status: 'RETURNED',
      verifyNote: 'Uraikan output yang dihasilkan',
      verifiedAs: null,
    });
    const notes = await pegawai.get('/api/notifications');
    expect(notes.body).toContain('dikembalikan');
    const again = await head.post(`/api/kinerja/reports/${r.id}/verify`, { decision: 'ACCEPT' });
    expect(again.statusCode).toBe(409);

    const month = (await pegawai.get('/api/kinerja/reports/mine?month=2026-01')).json();
    const day = month.days.find((d: { date: string }) => d.date === addDays(TODAY, -2));
    expect(day).toMatchObject({ returned: 1, returnedReasons: ['Uraikan output yang dihasilkan'] });

    const fixed = await put(pegawai, r.id, {
      reportDate: addDays(TODAY, -2),
      rhkId,
      activity: 'Menyusun 2 laporan pelayanan poli umum',
      output: 'Laporan pelayanan',
      quantity: 2,
      satuan: 'laporan',
      minutes: 90,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'SUBMITTED', revision: 2, verifyNote: null });

    const sup = async () =>
      (await head.get('/api/kinerja/supervision'))
        .json()
        .items.find((i: { employeeId: string }) => i.employeeId === p.dinkes.service.employee.id);
    const beforeAccept = await sup();
    const ok = await head.post(`/api/kinerja/reports/${r.id}/verify`, { decision: 'ACCEPT' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ACCEPTED', verifierName: p.dinkes.service.head.name });
    const afterAccept = await sup();
    expect(afterAccept.minutesAcceptedMonth).toBe(beforeAccept.minutesAcceptedMonth + 90);
    expect(afterAccept.pending).toBe(beforeAccept.pending - 1);
    expect(afterAccept.capaian.percent).toBe(20);
    expect((await pegawai.del(`/api/kinerja/reports/${r.id}`)).statusCode).toBe(409);

    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', r.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'daily_report.submitted',
      'daily_report.returned',
      'daily_report.corrected',
      'daily_report.accepted',
    ]);
  });

  it('flags a report on a leave day and on a TK day', async () => {
    await f.dayStatuses(p.dinkes.service.employee, [
      { localDate: addDays(TODAY, -1), code: 'CT' },
      { localDate: TODAY, code: 'H' },
    ]);
    const r = (await send(pegawai, { reportDate: addDays(TODAY, -1), minutes: 10 })).json();
    expect(r.dayFlag).toEqual({ code: 'CT', reason: 'Dilaporkan pada hari cuti tahunan (CT)' });
    const inbox = (await head.get('/api/kinerja/reports/inbox')).json();
    expect(inbox.items.find((i: { id: string }) => i.id === r.id).dayFlag.code).toBe('CT');
    expect(inbox.counts.flagged).toBeGreaterThan(0);
    const month = (await pegawai.get(`/api/kinerja/reports/mine?date=${addDays(TODAY, -1)}`)).json();
    expect(month.reports.every((x: { reportDate: string }) => x.reportDate === addDays(TODAY, -1))).toBe(
      true,
    );
    expect(month.days.find((d: { date: string }) => d.date === addDays(TODAY, -1))).toMatchObject({
      attendanceCode: 'CT',
      excused: true,
      flag: { code: 'CT' },
    });
    await f.dayStatuses(p.dinkes.service.colleagues[0]!, [{ localDate: TODAY, code: 'TK' }]);
    const tk = await send(colleague, { rhkId: colleagueRhkId, minutes: 10 });
    expect(tk.json().dayFlag.reason).toContain('tanpa keterangan');
  });

  it('lists overdue reports to the superior and to the superior’s superior', async () => {
    const r = (await send(pegawai, { reportDate: addDays(TODAY, -3), minutes: 10 })).json();
    await t.db
      .updateTable('dailyReports')
      .set({
        updatedAt: new Date(Date.parse('2026-01-15T02:00:00Z') - (rules.verifyWithinDays + 2) * 86_400_000),
      })
      .where('id', '=', r.id)
      .execute();
    const mine = (await head.get('/api/kinerja/reports/inbox?overdueOnly=true')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect(mine.counts.overdue).toBe(1);
    const below = await opdHead.get('/api/kinerja/reports/inbox?scope=overdue-below');
    expect(below.statusCode, below.body).toBe(200);
    expect(below.json().items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    // … who cannot decide it (not the penilai)
    expect(
      (await opdHead.post(`/api/kinerja/reports/${r.id}/verify`, { decision: 'ACCEPT' })).statusCode,
    ).toBe(403);
    const sup = (await head.get('/api/kinerja/supervision')).json();
    expect(sup.summary.overdue).toBe(1);
  });

  it('a Plh of the penilai verifies, recorded as PLH', async () => {
    const plh = p.dinkes.service.colleagues[1]!;
    await t.db
      .insertInto('actingAssignments')
      .values({
        employeeId: plh.id,
        positionId: p.dinkes.service.head.positionId!,
        kind: 'PLH',
        validFrom: '2026-01-10',
        validTo: '2026-01-20',
      })
      .execute();
    try {
      const r = (await send(pegawai, { minutes: 5 })).json();
      const c = await login(t.app, plh.account.username);
      const res = await c.post('/api/kinerja/reports/verify', { ids: [r.id], decision: 'ACCEPT' });
      expect(res.json()).toMatchObject({ done: 1, failed: 0 });
      const got = (await pegawai.get(`/api/kinerja/reports/${r.id}`)).json();
      expect(got).toMatchObject({ status: 'ACCEPTED', verifiedAs: 'PLH', verifierId: plh.id });
    } finally {
      await t.db.deleteFrom('actingAssignments').where('employeeId', '=', plh.id).execute();
    }
  });

  it('takes evidence uploaded first, serves it to the superior and not to another unit', async () => {
    const mp = multipart({}, { field: 'file', name: 'bukti.pdf', content: PDF, type: 'application/pdf' });
    const up = await pegawai.request({
      method: 'POST',
      url: '/api/kinerja/reports/files',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(up.statusCode, up.body).toBe(201);
    const r = await send(pegawai, { minutes: 5, attachmentId: up.json().attachmentId });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().hasEvidence).toBe(true);
    expect((await head.get(`/api/kinerja/reports/${r.json().id}/evidence`)).statusCode).toBe(200);
    expect((await otherHead.get(`/api/kinerja/reports/${r.json().id}/evidence`)).statusCode).toBe(403);
    const foreign = await colleague.post('/api/kinerja/reports', {
      clientId: randomUUID(),
      reportDate: TODAY,
      rhkId: colleagueRhkId,
      activity: 'Memakai bukti orang lain',
      minutes: 5,
      attachmentId: up.json().attachmentId,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('attachmentId');
  });

  it('supervision: the head of the OPD sees the unit subtree, BKD filters and exports, a plain employee has none', async () => {
    const unit = (await opdHead.get('/api/kinerja/supervision')).json();
    expect(unit.view).toBe('unit');
    expect(unit.items.map((i: { employeeId: string }) => i.employeeId)).toContain(
      p.dinkes.service.employee.id,
    );
    const mine = unit.items.find(
      (i: { employeeId: string }) => i.employeeId === p.dinkes.service.employee.id,
    );
    expect(mine).toMatchObject({ attendance: { code: 'H', present: true }, reportedToday: true });
    const noData = unit.items.find((i: { employeeId: string }) => i.employeeId === p.dinkes.service.head.id);
    expect(noData.attendance).toEqual({ code: null, present: null });

    const search = (
      await bkd.get(`/api/kinerja/supervision?unitId=${p.dinkes.unit.id}&q=Rekan&pageSize=1`)
    ).json();
    expect(search.total).toBe(2);
    expect(search.items).toHaveLength(1);
    const csv = await bkd.get(`/api/kinerja/supervision/export.csv?unitId=${p.dinkes.service.unit.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(p.dinkes.service.employee.name);
    const xlsx = await bkd.get(
      `/api/kinerja/supervision/export?format=xlsx&unitId=${p.dinkes.service.unit.id}`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');

    expect((await pegawai.get('/api/kinerja/supervision?view=unit')).statusCode).toBe(403);
    const own = (await pegawai.get('/api/kinerja/supervision')).json();
    expect(own).toMatchObject({ view: 'staff', total: 0 });
  });
});
