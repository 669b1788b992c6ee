import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { buildWorld, evaluation, report, weekdays, type World } from './figures-world.ts';

/**
 * The monthly figure explained for the other three methods (issue 15 point 6), one region each, with hand-worked
 * numbers: MENIT_EFEKTIF (contoh-provinsi-b, rulebook regional-menit), GABUNGAN (contoh-kalbar, regional-40-60)
 * and PREDIKAT (nasional), with an objection changing a frozen month's predikat.
 */
const MONTH = '2026-03';
const date = (d: number) => `${MONTH}-${String(d).padStart(2, '0')}`;

async function world(region: string, codesOfA: Record<number, string> = {}) {
  const t = await createTestApp({
    demo: false,
    now: '2026-04-10T03:00:00Z',
    env: { RULEBOOK_REGION: region, LOGIN_RATE_PER_MINUTE: '1000' },
  });
  return { t, w: await buildWorld(t, MONTH, codesOfA) };
}

describe('MENIT_EFEKTIF (contoh-provinsi-b)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    // 2 March TK (required, nothing reported), 3 March sick (S, excused): 21 required days.
    ({ t, w } = await world('contoh-provinsi-b', { 2: 'TK', 3: 'S' }));
    for (const d of weekdays(MONTH)) if (d > 3) await report(t, w, w.a, date(d), 360);
  }, 60_000);
  afterAll(() => t.close());

  it('Σ min(minutes, 300) over required days / (300 × 21) = 6.000 / 6.300 → 0,9524', async () => {
    const body = (await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json();
    expect(body.figure).toMatchObject({
      method: 'MENIT_EFEKTIF',
      rulebookId: 'regional-menit',
      score: 0.9524,
      requiredDays: 21,
      minutesRequired: 6300,
      minutesAccepted: 20 * 360,
    });
    expect(body.explanation).toContain(
      '21 hari kerja wajib × 300 menit efektif = 6.300 menit; 6.000 menit diterima (paling banyak 300 menit per hari) → 0,9524',
    );
    expect(body.days.find((d: { date: string }) => d.date === date(2))).toMatchObject({
      code: 'TK',
      required: true,
      minutesCounted: 0,
    });
    expect(body.rulebook).toMatchObject({ effectiveMinutesPerDay: 300 });
  });
});

describe('GABUNGAN (contoh-kalbar: 60% predikat, 40% daily reports)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await world('contoh-kalbar'));
    // Ani: 20 of 22 weekdays reach 300 minutes; Budi: all 22, but no approved evaluation.
    for (const d of weekdays(MONTH)) {
      if (d !== 2 && d !== 3) await report(t, w, w.a, date(d), 300);
      await report(t, w, w.b, date(d), 300);
    }
    await evaluation(t, w, w.a, { start: '2026-03-01', end: '2026-03-31', predikat: 'BAIK' });
  }, 60_000);
  afterAll(() => t.close());

  it('60% × 1 + 40% × 20/22 (0,9091) = 0,9636; without an evaluation the fallback 0 → 0,4000', async () => {
    const a = (await w.c.adminOpd.get(`/api/kinerja/figures/${w.a.id}/${MONTH}`)).json();
    expect(a.figure).toMatchObject({ method: 'GABUNGAN', score: 0.9636, predikat: 'BAIK' });
    expect(a.explanation).toContain(
      '22 hari kerja wajib; 20 hari dengan laporan diterima ≥ 300 menit → 0,9091',
    );
    expect(a.explanation).toContain('Gabungan: 60% × 1,0000 + 40% × 0,9091 = 0,9636');
    expect(a.rulebook).toMatchObject({
      evaluationWeightPercent: 60,
      reportsMethod: 'LAPORAN_HARIAN',
      whenNoEvaluation: 0,
    });
    const b = (await w.c.adminOpd.get(`/api/kinerja/figures/${w.b.id}/${MONTH}`)).json();
    expect(b.figure).toMatchObject({ score: 0.4, status: 'FINAL', predikat: null });
    expect(b.evaluation).toBeNull();
  });
});

describe('PREDIKAT (nasional)', () => {
  let t: TestApp;
  let w: World;
  let evalA: string;
  beforeAll(async () => {
    ({ t, w } = await world('nasional'));
    for (const d of weekdays(MONTH)) await report(t, w, w.a, date(d), 300);
    evalA = await evaluation(t, w, w.a, {
      start: '2026-01-01',
      end: '2026-03-31',
      predikat: 'BUTUH_PERBAIKAN',
    });
    // A draft evaluation does not count.
    await evaluation(t, w, w.b, {
      start: '2026-01-01',
      end: '2026-03-31',
      predikat: 'BAIK',
      status: 'FINAL',
    });
  }, 60_000);
  afterAll(() => t.close());

  it('the approved predikat Butuh Perbaikan → 0,7500; none approved → PENDING', async () => {
    const a = (await w.c.head.get(`/api/kinerja/figures/${w.a.id}/${MONTH}`)).json();
    expect(a.figure).toMatchObject({ method: 'PREDIKAT', score: 0.75, status: 'FINAL', evaluationId: evalA });
    expect(a.explanation).toContain('Predikat penilaian periodik yang disetujui: Butuh Perbaikan → 0,7500');
    const b = (await w.c.b.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json();
    expect(b.figure).toMatchObject({ score: null, status: 'PENDING' });
    expect(b.explanation.join(' ')).toMatch(/menunggu penilaian/);
  });

  it('an objection changes the predikat after the month is frozen: an adjustment, the row unchanged', async () => {
    const close = await w.c.adminOpd.post('/api/recap/closing/close', { unitId: w.dinkes.id, month: MONTH });
    expect(close.statusCode, close.body).toBe(200);
    const frozen = (await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json();
    expect(frozen.figure).toMatchObject({ live: false, score: 0.75, status: 'FINAL' });
    const pending = (await w.c.b.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json();
    expect(pending.figure).toMatchObject({ live: false, score: null, status: 'PENDING' });
    await t.db.updateTable('evaluations').set({ predikat: 'BAIK' }).where('id', '=', evalA).execute();
    const res = await w.c.adminOpd.post('/api/kinerja/figures/build', { month: MONTH });
    expect(res.json()).toMatchObject({ adjustments: 1, stored: 0 });
    const adj = await t.db.selectFrom('kinerjaAdjustments').selectAll().executeTakeFirstOrThrow();
    expect(adj).toMatchObject({ oldScore: '0.7500', newScore: '1.0000', carriedToMonth: '2026-04' });
    expect(adj.reason).toContain('predikat BUTUH_PERBAIKAN → BAIK');
    expect((await w.c.a.get(`/api/kinerja/figures/mine?month=${MONTH}`)).json().figure.score).toBe(0.75);
  });
});
