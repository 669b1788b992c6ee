/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers read loosely in assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  insertReport,
  insertSkp,
  json,
  put,
  type SkpIds,
  type World,
} from './evaluations-test-world.ts';

/*
 * Scenario (issue 15 point 10): a quarter (Triwulan I 2027, national rulebook: quarterly, curves "example") for a
 * small unit — Bidang P2P of Dinas Kesehatan: kabid (head) and three staff a, b, c; kadis above. Clock: Monday
 * 5 April 2027, 09:00 WIB. Everything hand-worked below.
 */
const KUANTITAS = {
  text: 'Jumlah laporan surveilans',
  aspect: 'KUANTITAS',
  targetMin: 12,
  satuan: 'Laporan',
};
const WAKTU = { text: 'Waktu penyampaian laporan', aspect: 'WAKTU', targetMin: 5, satuan: 'Hari' };

describe('scenario: Triwulan I 2027 of Bidang P2P', () => {
  let w: World;
  const skp = {} as Record<'kabid' | 'a' | 'b' | 'c', SkpIds>;
  const ev = {} as Record<'kabid' | 'a' | 'b' | 'c', string>;

  beforeAll(async () => {
    w = await buildWorld('2027-04-05T02:00:00Z');
    const { t, e } = w;
    skp.kabid = await insertSkp(t, e.kabid, [
      {
        text: 'Meningkatnya deteksi dini penyakit menular',
        indicators: [
          {
            text: 'Persentase kasus terdeteksi',
            aspect: 'KUALITAS',
            targetMin: 80,
            targetMax: 100,
            satuan: '%',
          },
        ],
      },
    ]);
    for (const k of ['a', 'b', 'c'] as const)
      skp[k] = await insertSkp(t, e[k], [
        { text: 'Tersusunnya laporan surveilans', indicators: [KUANTITAS, WAKTU] },
      ]);
    // a's reports: accepted in the quarter 2 + 3 + 1 = 6 reports' worth; a submitted one (5) and an April one (4)
    // are not counted.
    await insertReport(t, e.a, skp.a, 0, '2027-01-15', 2);
    await insertReport(t, e.a, skp.a, 0, '2027-02-10', 3);
    await insertReport(t, e.a, skp.a, 0, '2027-03-30', 1);
    await insertReport(t, e.a, skp.a, 0, '2027-03-31', 5, 'SUBMITTED');
    await insertReport(t, e.a, skp.a, 0, '2027-04-01', 4);
  }, 180_000);
  afterAll(() => w?.t.close());

  it('the organisational performance of the Dinas for the quarter is set (BAIK) by its admin', async () => {
    const r = json(
      await put(w.c.adminDinas, '/api/kinerja/unit-performance', {
        unitId: w.u.dinas.id,
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
        rating: 'BAIK',
        note: 'Capaian IKU 2027 TW I',
      }),
    );
    expect(r).toMatchObject({ rating: 'BAIK', ratingLabel: 'Baik', unitName: 'Dinas Kesehatan' });
  });

  it('the periods of an SKP: four quarters and the annual evaluation; the penilai starts Triwulan I', async () => {
    const p = json(await w.c.kabid.get(`/api/kinerja/evaluations/periods?skpId=${skp.a.skpId}`));
    expect(p.frequency).toBe('QUARTERLY');
    expect(p.items.map((i: { label: string }) => i.label)).toEqual([
      'Triwulan I 2027',
      'Triwulan II 2027',
      'Triwulan III 2027',
      'Triwulan IV 2027',
      'Tahunan 2027',
    ]);
    expect(p.items[0]).toMatchObject({
      periodStart: '2027-01-01',
      periodEnd: '2027-03-31',
      evaluation: null,
      canCreate: true,
    });
    for (const k of ['a', 'b', 'c'] as const)
      ev[k] = json(
        await w.c.kabid.post('/api/kinerja/evaluations', {
          skpId: skp[k].skpId,
          kind: 'PERIODIK',
          periodStart: '2027-01-01',
        }),
        201,
      ).id;
    ev.kabid = json(
      await w.c.kadis.post('/api/kinerja/evaluations', {
        skpId: skp.kabid.skpId,
        kind: 'PERIODIK',
        periodStart: '2027-01-01',
      }),
      201,
    ).id;
  });

  it('a: suggested realisation from accepted reports of the quarter (2 + 3 + 1 = 6), capaian hand-worked', async () => {
    const d = json(await w.c.kabid.get(`/api/kinerja/evaluations/${ev.a}`));
    expect(d.rhk[0]).toMatchObject({ reportsAccepted: 3, minutesAccepted: 360 });
    expect(d.rhk[0].indicators.map((i: { suggested: number | null }) => i.suggested)).toEqual([6, null]);
    const [k, wk] = skp.a.rhk[0]!.indicators;
    const u = json(
      await put(w.c.kabid, `/api/kinerja/evaluations/${ev.a}`, {
        realisation: [
          { indicatorId: k, value: 6 },
          { indicatorId: wk, value: 4 },
        ],
        hasilKerjaRating: 'DI_ATAS_EKSPEKTASI',
        perilakuRating: 'DI_ATAS_EKSPEKTASI',
        perilakuNotes: [{ value: 'KOLABORATIF', note: 'Aktif membantu puskesmas' }],
      }),
    );
    // 6 of 12 laporan = 50 % (di bawah target); 4 of 5 days allowed = 5/4 = 125 % (lebih cepat dari target)
    expect(u.rhk[0].indicators.map((i: any) => [i.realisation, i.capaianPercent, i.capaianNote])).toEqual([
      [6, 50, 'di bawah target'],
      [4, 125, 'lebih cepat dari target'],
    ]);
    expect(u.predikatPreview).toBe('SANGAT_BAIK');
  });

  it('b, c and kabid rated; each finalised: predikat from the matrix (a SB, b B, c BP, kabid SB)', async () => {
    const rate = async (k: 'b' | 'c', h: string, p: string, real: [number, number]) => {
      const [i1, i2] = skp[k].rhk[0]!.indicators;
      json(
        await put(w.c.kabid, `/api/kinerja/evaluations/${ev[k]}`, {
          realisation: [
            { indicatorId: i1, value: real[0] },
            { indicatorId: i2, value: real[1] },
          ],
          hasilKerjaRating: h,
          perilakuRating: p,
        }),
      );
    };
    await rate('b', 'SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI', [12, 5]);
    await rate('c', 'DI_BAWAH_EKSPEKTASI', 'SESUAI_EKSPEKTASI', [3, 8]);
    json(
      await put(w.c.kadis, `/api/kinerja/evaluations/${ev.kabid}`, {
        realisation: [{ indicatorId: skp.kabid.rhk[0]!.indicators[0], value: 85 }],
        hasilKerjaRating: 'DI_ATAS_EKSPEKTASI',
        perilakuRating: 'DI_ATAS_EKSPEKTASI',
      }),
    );
    const fa = json(await w.c.kabid.post(`/api/kinerja/evaluations/${ev.a}/finalise`));
    expect(fa.evaluation).toMatchObject({
      status: 'FINAL',
      predikat: 'SANGAT_BAIK',
      predikatLabel: 'Sangat Baik',
    });
    // The first finalised in the Dinas: 1 of 1 Sangat Baik = 100 % > 10 % + 5 % → a warning, never a refusal.
    expect(fa.curveCheck).toMatchObject({
      orgPerformance: 'BAIK',
      total: 1,
      isExample: true,
      unitName: 'Dinas Kesehatan',
    });
    expect(fa.curveCheck.warnings).toHaveLength(1);
    const fb = json(await w.c.kabid.post(`/api/kinerja/evaluations/${ev.b}/finalise`));
    expect(fb.evaluation.predikat).toBe('BAIK');
    const fc = json(await w.c.kabid.post(`/api/kinerja/evaluations/${ev.c}/finalise`));
    expect(fc.evaluation.predikat).toBe('BUTUH_PERBAIKAN');
    // kabid's capaian: 85 % inside the range 80–100 → 100 %
    const fk = json(await w.c.kadis.post(`/api/kinerja/evaluations/${ev.kabid}/finalise`));
    expect(fk.evaluation.rhk[0].indicators[0]).toMatchObject({
      capaianPercent: 100,
      capaianNote: 'dalam rentang target',
    });
    // The Kadis has no superior in Abdi: the kabid's evaluation is approved at once.
    expect(fk.evaluation).toMatchObject({
      status: 'APPROVED',
      predikat: 'SANGAT_BAIK',
      hasAtasanPenilai: false,
      approvedWithoutAtasan: true,
    });
  });

  it('the curve of the Dinas for the quarter: SB 2 (50 %), B 1 (25 %), BP 1 (25 %); SB and BP over the curve', async () => {
    const cc = json(
      await w.c.adminDinas.get(
        `/api/kinerja/evaluations/curve?unitId=${w.u.dinas.id}&periodStart=2027-01-01&periodEnd=2027-03-31`,
      ),
    );
    expect(cc.kind).toBe('PERIODIK');
    expect(cc.total).toBe(4);
    expect(
      cc.rows.map((r: any) => [r.predikat, r.expectedPercent, r.count, r.actualPercent, r.warning]),
    ).toEqual([
      ['SANGAT_BAIK', 10, 2, 50, true],
      ['BAIK', 70, 1, 25, false],
      ['BUTUH_PERBAIKAN', 15, 1, 25, true],
      ['KURANG_MISCONDUCT', 3, 0, 0, false],
      ['SANGAT_KURANG', 2, 0, 0, false],
    ]);
  });

  it('kadis approves a, b and c from the inbox', async () => {
    const inbox = json(await w.c.kadis.get('/api/kinerja/evaluations/inbox'));
    expect(inbox.counts).toMatchObject({ toApprove: 3, toFinalise: 0, objections: 0 });
    for (const k of ['a', 'b', 'c'] as const) {
      const d = json(await w.c.kadis.post(`/api/kinerja/evaluations/${ev[k]}/approve`));
      expect(d.status).toBe('APPROVED');
    }
    expect(json(await w.c.kadis.get('/api/kinerja/evaluations/inbox')).counts.toApprove).toBe(0);
  });

  it('c objects; kadis upholds with hasil kerja Sesuai: Butuh Perbaikan → Baik; the curve follows', async () => {
    const filed = json(
      await w.c.c.post(`/api/kinerja/evaluations/${ev.c}/objection`, {
        reason: 'Laporan KLB Maret belum diperhitungkan',
      }),
      201,
    );
    expect(filed.objection).toMatchObject({
      status: 'DIAJUKAN',
      predikatBefore: 'BUTUH_PERBAIKAN',
      decideBy: '2027-04-12',
    });
    const inbox = json(await w.c.kadis.get('/api/kinerja/evaluations/inbox'));
    expect(inbox.counts.objections).toBe(1);
    const decided = json(
      await w.c.kadis.post(`/api/kinerja/objections/${filed.objection.id}/decide`, {
        decision: 'DITERIMA',
        hasilKerjaRating: 'SESUAI_EKSPEKTASI',
        note: 'Bukti laporan KLB diterima',
      }),
    );
    expect(decided).toMatchObject({ predikat: 'BAIK', hasilKerjaRating: 'SESUAI_EKSPEKTASI' });
    expect(decided.objection).toMatchObject({
      status: 'DITERIMA',
      predikatBefore: 'BUTUH_PERBAIKAN',
      predikatAfter: 'BAIK',
    });
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'evaluation.objection_decided')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: 'DITERIMA', predikat: 'BAIK' });
    const cc = json(
      await w.c.adminDinas.get(
        `/api/kinerja/evaluations/curve?unitId=${w.u.dinas.id}&periodStart=2027-01-01&periodEnd=2027-03-31`,
      ),
    );
    expect(cc.rows.map((r: any) => [r.predikat, r.count])).toEqual([
      ['SANGAT_BAIK', 2],
      ['BAIK', 2],
      ['BUTUH_PERBAIKAN', 0],
      ['KURANG_MISCONDUCT', 0],
      ['SANGAT_KURANG', 0],
    ]);
    // Per person at the end of the quarter: a Sangat Baik, b Baik, c Baik (after the objection), kabid Sangat Baik.
    const final = json(await w.c.adminDinas.get('/api/kinerja/evaluations?periodStart=2027-01-01'));
    expect(
      Object.fromEntries(
        final.items.map((i: { employeeName: string; predikat: string }) => [i.employeeName, i.predikat]),
      ),
    ).toEqual({
      'Andi Staf': 'SANGAT_BAIK',
      'Bela Staf': 'BAIK',
      'Candra Staf': 'BAIK',
      'Budi Kabid': 'SANGAT_BAIK',
    });
  });
});
