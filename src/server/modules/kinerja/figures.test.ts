import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { buildWorld, evaluation, report, weekdays, type World } from './figures-world.ts';

/**
 * The monthly kinerja figure over HTTP (issue 15 point 6), region contoh-provinsi-a (rulebook regional-60-40:
 * LAPORAN_HARIAN, 300 minutes a day): live reads that write nothing, the explanation, scope refusals, the build,
 * freezing on the recap month closing, an adjustment after a late verification, reopening; the progress view
 * (point 8) and the home page part.
 */
const MONTH = '2026-03';
let t: TestApp;
let w: World;
let lateReport: string;

beforeAll(async () => {
  t = await createTestApp({
    demo: false,
    now: '2026-04-10T03:00:00Z',
    env: { RULEBOOK_REGION: 'contoh-provinsi-a', LOGIN_RATE_PER_MINUTE: '1000' },
  });
  // Ani: 2 and 3 March on leave (CT, excused) → 20 required weekdays.
  w = await buildWorld(t, MONTH, { 2: 'CT', 3: 'CT' });
  for (const d of weekdays(MONTH)) {
    if (d === 2 || d === 3) continue;
    const date = `${MONTH}-${String(d).padStart(2, '0')}`;
    if (d === 4)
      await report(t, w, w.a, date, 120); // accepted but short of 300
    else if (d === 5)
      lateReport = await report(t, w, w.a, date, 300, 'SUBMITTED'); // not verified yet
    else {
      // Two reports a day (180 + 120): the day's accepted minutes add up to 300.
      await report(t, w, w.a, date, 180);
      await report(t, w, w.a, date, 120, 'ACCEPTED', {
        createdAt: new Date(`${date}T10:00:00Z`),
        verifiedAt: new Date(`${date}T10:00:00Z`),
      });
    }
  }
  // Budi: 10 accepted days of 300 minutes, one returned, one verified late (8 days after submission).
  for (const d of weekdays(MONTH).slice(0, 10))
    await report(t, w, w.b, `${MONTH}-${String(d).padStart(2, '0')}`, 300);
  await report(t, w, w.b, '2026-03-20', 200, 'RETURNED');
  await report(t, w, w.b, '2026-03-23', 300, 'ACCEPTED', {
    createdAt: new Date('2026-03-23T09:00:00Z'),
    verifiedAt: new Date('2026-03-31T09:00:00Z'),
  });
  await evaluation(t, w, w.a, { start: '2026-01-01', end: '2026-03-31', predikat: 'BAIK' });
  await evaluation(t, w, w.b, {
    start: '2026-01-01',
    end: '2026-03-31',
    predikat: 'SANGAT_BAIK',
    status: 'FINAL',
  });
  await t.db
    .insertInto('unitPerformance')
    .values({ unitId: w.dinkes.id, periodStart: '2026-01-01', periodEnd: '2026-03-31', rating: 'ISTIMEWA' })
    .execute();
}, 60_000);
afterAll(() => t.close());

const figureRow = () =>
  t.db
    .selectFrom('kinerjaMonthly')
    .selectAll()
    .where('employeeId', '=', w.a.id)
    .where('month', '=', MONTH)
    .executeTakeFirst();

describe('reading (live, writes nothing)', () => {
  it('explains the LAPORAN_HARIAN figure: 20 required days, 18 reach 300 minutes → 0,9000', async () => {
    const before = await dbFingerprint(t.db);
    const res = await w.c.adminOpd.get(`/api/kinerja/figures/${w.a.id}/${MONTH}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.figure).toMatchObject({
      method: 'LAPORAN_HARIAN',
      score: 0.9,
      status: 'FINAL',
      requiredDays: 20,
      daysMeetingMinimum: 18,
      minutesRequired: 6000,
      minutesAccepted: 18 * 300 + 120,
      reportsAccepted: 37,
      reportsPending: 1,
      live: true,
      frozenAt: null,
      rulebookId: 'regional-60-40',
    });
    expect(body.explanation).toContain(
      '20 hari kerja wajib; 18 hari dengan laporan diterima ≥ 300 menit → 0,9000',
    );
    expect(body.explanation[0]).toMatch(/regional-60-40/);
    expect(body.rulebook).toMatchObject({
      id: 'regional-60-40',
      method: 'LAPORAN_HARIAN',
      minMinutesPerDay: 300,
    });
    expect(body.evaluation).toMatchObject({ predikat: 'BAIK', tppScore: 1 });
    expect(body.days.find((d: { date: string }) => d.date === '2026-03-02')).toMatchObject({
      code: 'CT',
      required: false,
    });
    expect(body.days.find((d: { date: string }) => d.date === '2026-03-04')).toMatchObject({
      minutesAccepted: 120,
      required: true,
      meetsMinimum: false,
    });
    expect(body.reports).toHaveLength(38);
    // The list, the own figure and the detail: nothing written.
    expect((await w.c.adminOpd.get(`/api/kinerja/figures?month=${MONTH}`)).statusCode).toBe(200);
    expect((await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json().figure.score).toBe(0.9);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    expect(await figureRow()).toBeUndefined();
  });

  it('lists the scope: the admin OPD sees Dinkes, the penilai his staff, with search', async () => {
    const list = (await w.c.adminOpd.get(`/api/kinerja/figures?month=${MONTH}`)).json();
    expect(list.items.map((r: { name: string }) => r.name).sort()).toEqual([
      'Ani Staf',
      'Budi Staf',
      'Kepala Dinkes',
    ]);
    expect(list).toMatchObject({ method: 'LAPORAN_HARIAN', rulebookId: 'regional-60-40', total: 3 });
    const q = (await w.c.bkd.get(`/api/kinerja/figures?month=${MONTH}&q=budi`)).json();
    expect(q.items.map((r: { name: string }) => r.name)).toEqual(['Budi Staf']);
    const staff = (await w.c.head.get(`/api/kinerja/figures?month=${MONTH}`)).json();
    expect(staff.items.map((r: { name: string }) => r.name).sort()).toEqual(['Ani Staf', 'Budi Staf']);
  });

  it('refuses outside the scope (403) and bad input (400)', async () => {
    expect((await w.c.adminOther.get(`/api/kinerja/figures/${w.a.id}/${MONTH}`)).statusCode).toBe(403);
    expect(
      (await w.c.adminOther.get(`/api/kinerja/figures?month=${MONTH}&unitId=${w.dinkes.id}`)).statusCode,
    ).toBe(403);
    expect((await w.c.b.get(`/api/kinerja/figures/${w.a.id}/${MONTH}`)).statusCode).toBe(403);
    expect((await w.c.b.get(`/api/kinerja/figures?month=${MONTH}`)).statusCode).toBe(403);
    expect((await w.c.adminOpd.get(`/api/kinerja/figures?month=2026-13`)).statusCode).toBe(400);
    expect((await w.c.adminOpd.get(`/api/kinerja/progress?year=2026&period=TW5`)).statusCode).toBe(400);
    const before = await dbFingerprint(t.db);
    expect((await w.c.head.post('/api/kinerja/figures/build', { month: MONTH })).statusCode).toBe(403);
    expect(
      (await w.c.adminOther.post('/api/kinerja/figures/build', { month: MONTH, unitId: w.dinkes.id }))
        .statusCode,
    ).toBe(403);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });
});

describe('progress for admin OPD / BKD', () => {
  it('counts SKP, reports verified on time, evaluations and the predikat against the curve per OPD', async () => {
    const res = await w.c.bkd.get(`/api/kinerja/progress?year=2026&month=${MONTH}&period=TW1`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      period: 'TW1',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      verifyWithinDays: 5,
    });
    const dinkes = p.rows.find((r: { unitId: string }) => r.unitId === w.dinkes.id);
    // Head, Ani, Budi (the admin is non-ASN: no SKP duty); Budi's SKP still submitted.
    expect(dinkes.employees).toBe(3);
    expect(dinkes.skp).toMatchObject({ approved: 2, submitted: 1, none: 0, approvedShare: 0.667 });
    // Ani 38 (37 accepted, 1 pending), Budi 12 (10 + 1 late accepted, 1 returned): 50 reports, 48 verified,
    // 47 within 5 days.
    expect(dinkes.reports).toMatchObject({
      submitted: 50,
      accepted: 48,
      returned: 1,
      pending: 1,
      pendingOverdue: 1,
      verifiedOnTime: 48,
      verifiedLate: 1,
      employeesReporting: 2,
    });
    expect(dinkes.reports.onTimeShare).toBe(0.96);
    expect(dinkes.evaluations).toMatchObject({ approved: 1, final: 1, draft: 0, missing: 1 });
    expect(dinkes.predikat).toMatchObject({
      orgPerformance: 'ISTIMEWA',
      orgPerformanceSource: 'UNIT_PERFORMANCE',
      rated: 2,
      counts: { BAIK: 1, SANGAT_BAIK: 1 },
      actualPercent: { BAIK: 50, SANGAT_BAIK: 50 },
      expectedPercent: { SANGAT_BAIK: 20, BAIK: 65 },
      overCurve: ['SANGAT_BAIK'],
    });
    const dishub = p.rows.find((r: { unitId: string }) => r.unitId === w.dishub.id);
    expect(dishub.predikat).toMatchObject({ orgPerformance: 'BAIK', orgPerformanceSource: 'DEFAULT' });
    expect(p.notes.join(' ')).toMatch(/kurva Baik/);
    expect(p.total).toMatchObject({ unitId: null, employees: 4 });
    expect(
      (await w.c.adminOther.get(`/api/kinerja/progress?year=2026&unitId=${w.dinkes.id}`)).statusCode,
    ).toBe(403);
    expect((await w.c.a.get(`/api/kinerja/progress?year=2026`)).statusCode).toBe(403);
  });
});

describe('build, freeze on closing, adjustments', () => {
  it('the admin OPD stores the month (not frozen), audited', async () => {
    const res = await w.c.adminOpd.post('/api/kinerja/figures/build', { month: MONTH });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      month: MONTH,
      unitId: w.dinkes.id,
      stored: 3,
      frozen: 0,
      adjustments: 0,
    });
    expect(await figureRow()).toMatchObject({
      score: '0.9000',
      frozenAt: null,
      requiredDays: 20,
      predikat: 'BAIK',
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'kinerja_figures.built')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('closing the attendance month freezes the figures of the unit', async () => {
    const res = await w.c.adminOpd.post('/api/recap/closing/close', { unitId: w.dinkes.id, month: MONTH });
    expect(res.statusCode, res.body).toBe(200);
    const row = await figureRow();
    expect(row?.frozenAt).not.toBeNull();
    expect(row?.score).toBe('0.9000');
    const detail = (await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json();
    expect(detail.figure).toMatchObject({ live: false, score: 0.9 });
    expect(detail.explanation.at(-1)).toMatch(/Dibekukan/);
  });

  it('a report verified after the closing: the frozen row stays, the build writes one adjustment', async () => {
    await t.db
      .updateTable('dailyReports')
      .set({ status: 'ACCEPTED', verifiedAt: new Date('2026-04-09T03:00:00Z'), verifierId: w.head.id })
      .where('id', '=', lateReport)
      .execute();
    // Still the frozen figure.
    expect((await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json().figure.score).toBe(0.9);
    const res = await w.c.adminOpd.post('/api/kinerja/figures/build', { month: MONTH });
    expect(res.json()).toMatchObject({ stored: 0, frozen: 3, adjustments: 1 });
    expect((await figureRow())?.score).toBe('0.9000');
    const adj = await t.db.selectFrom('kinerjaAdjustments').selectAll().execute();
    expect(adj).toHaveLength(1);
    expect(adj[0]).toMatchObject({
      employeeId: w.a.id,
      monthClosed: MONTH,
      carriedToMonth: '2026-04',
      oldScore: '0.9000',
      newScore: '0.9500',
    });
    expect(adj[0]!.reason).toContain('0,9000 → 0,9500');
    expect(adj[0]!.reason).toContain('laporan diterima 37 → 38');
    // A second build finds nothing new.
    expect((await w.c.adminOpd.post('/api/kinerja/figures/build', { month: MONTH })).json().adjustments).toBe(
      0,
    );
    // Reads of the month and of the next list it.
    const list = (await w.c.adminOpd.get(`/api/kinerja/figures?month=${MONTH}`)).json();
    expect(list.adjustments).toHaveLength(1);
    expect(list.items.find((r: { employeeId: string }) => r.employeeId === w.a.id)).toMatchObject({
      adjustmentCount: 1,
      live: false,
    });
    expect((await w.c.adminOpd.get(`/api/kinerja/figures?month=2026-04`)).json().adjustments).toHaveLength(1);
    expect((await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json().adjustments).toHaveLength(1);
  });

  it('reopening makes the month live again; closing again adds no second adjustment', async () => {
    const re = await w.c.bkd.post('/api/recap/closing/reopen', {
      unitId: w.dinkes.id,
      month: MONTH,
      reason: 'Perbaikan data laporan harian',
    });
    expect(re.statusCode, re.body).toBe(200);
    expect((await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json().figure).toMatchObject({
      live: true,
      score: 0.95,
    });
    const res = await w.c.adminOpd.post('/api/recap/closing/close', { unitId: w.dinkes.id, month: MONTH });
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.db.selectFrom('kinerjaAdjustments').selectAll().execute()).toHaveLength(1);
    expect((await figureRow())?.score).toBe('0.9000');
  });
});

describe('home page part', () => {
  it('pegawai: today against the minimum; atasan: waiting reports and SKP; BKD: shares in scope', async () => {
    await report(t, w, w.a, '2026-04-10', 120, 'SUBMITTED', { createdAt: new Date('2026-04-10T02:00:00Z') });
    const a = (await w.c.a.get('/api/dashboard/home')).json();
    expect(a.kinerja.pegawai).toMatchObject({
      hasSkp: true,
      date: '2026-04-10',
      minutesToday: 120,
      minutesTodayAccepted: 0,
      minMinutesPerDay: 300,
      reportsToday: 1,
      month: '2026-04',
      minutesMonthAccepted: 0,
    });
    const head = (await w.c.head.get('/api/dashboard/home')).json();
    expect(head.kinerja.atasan).toMatchObject({ reportsWaiting: 1, reportsOverdue: 0, skpWaiting: 1 });
    const bkd = (await w.c.bkd.get('/api/dashboard/home')).json();
    expect(bkd.kinerja.oversight).toMatchObject({
      unit: { id: w.root.id },
      month: '2026-04',
      employees: 4,
      skpApproved: 3,
      skpApprovedShare: 0.75,
      reportsSubmitted: 1,
      reportsVerifiedOnTime: 0,
    });
  });
});
