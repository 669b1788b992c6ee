import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { buildWorld, insertSkp, json, type World } from './evaluations-test-world.ts';

/*
 * GET /api/kinerja/evaluations/peer: the drafts waiting for the caller's behaviour feedback. Clock: Monday 5 April
 * 2027, 09:00 WIB. World: see evaluations-test-world.ts (kadis → kabid, sekre; kabid → a, b, c; kaban → d).
 */
const IND = { text: 'Jumlah laporan', aspect: 'KUANTITAS', targetMin: 10, satuan: 'Laporan' };
const ratings = {
  BERORIENTASI_PELAYANAN: 'SESUAI_EKSPEKTASI',
  AKUNTABEL: 'SESUAI_EKSPEKTASI',
  KOMPETEN: 'SESUAI_EKSPEKTASI',
  HARMONIS: 'SESUAI_EKSPEKTASI',
  LOYAL: 'SESUAI_EKSPEKTASI',
  ADAPTIF: 'SESUAI_EKSPEKTASI',
  KOLABORATIF: 'DI_ATAS_EKSPEKTASI',
};

describe('evaluations: peer feedback requests', () => {
  let w: World;
  let evA: string;
  let evKabid: string;
  const peer = async (who: keyof World['c']) => json(await w.c[who].get('/api/kinerja/evaluations/peer'));

  beforeAll(async () => {
    w = await buildWorld('2027-04-05T02:00:00Z');
    const skpA = await insertSkp(w.t, w.e.a, [{ text: 'RHK a', indicators: [IND] }]);
    const skpKabid = await insertSkp(w.t, w.e.kabid, [{ text: 'RHK kabid', indicators: [IND] }]);
    const body = (skpId: string) => ({ skpId, kind: 'PERIODIK', periodStart: '2027-01-01' });
    evA = json(await w.c.kabid.post('/api/kinerja/evaluations', body(skpA.skpId)), 201).id;
    evKabid = json(await w.c.kadis.post('/api/kinerja/evaluations', body(skpKabid.skpId)), 201).id;
  }, 180_000);
  afterAll(() => w?.t.close());

  it('a colleague sees the draft, gives feedback, then no longer sees it; reading writes nothing', async () => {
    const before = await dbFingerprint(w.t.db);
    const b = await peer('b');
    expect(changedTables(before, await dbFingerprint(w.t.db)).filter((t) => t !== 'sessions')).toEqual([]);
    expect(b).toEqual({
      count: 2,
      items: [
        {
          evaluationId: evA,
          employeeId: w.e.a.id,
          employeeName: 'Andi Staf',
          label: 'Triwulan I 2027',
          relation: 'REKAN',
          periodStart: '2027-01-01',
          periodEnd: '2027-03-31',
        },
        expect.objectContaining({ evaluationId: evKabid, employeeId: w.e.kabid.id, relation: 'BAWAHAN' }),
      ],
    });
    json(await w.c.b.post(`/api/kinerja/evaluations/${evA}/peer-feedback`, { ratings }), 201);
    expect((await peer('b')).items.map((i: { evaluationId: string }) => i.evaluationId)).toEqual([evKabid]);
    // c has not given feedback yet: still listed for c.
    expect((await peer('c')).count).toBe(2);
    // sekre shares kadis with kabid: a colleague of the kabid.
    expect((await peer('sekre')).items).toEqual([
      expect.objectContaining({ evaluationId: evKabid, relation: 'REKAN' }),
    ]);
  });

  it('the evaluated employee does not see their own; unrelated people and accounts without one see nothing', async () => {
    // a sees the kabid's draft (as subordinate) but not her own.
    expect((await peer('a')).items.map((i: { evaluationId: string }) => i.evaluationId)).toEqual([evKabid]);
    // The kabid is the penilai of a, not her colleague; kadis has nobody above with a draft.
    expect(await peer('kabid')).toEqual({ items: [], count: 0 });
    expect(await peer('kadis')).toEqual({ items: [], count: 0 });
    expect(await peer('d')).toEqual({ items: [], count: 0 });
    expect(await peer('adminBapenda')).toEqual({ items: [], count: 0 });
    // Without a superior of record, adminDinas's superior is found from the unit tree (kadis): a colleague of kabid.
    expect((await peer('adminDinas')).items).toEqual([
      expect.objectContaining({ evaluationId: evKabid, relation: 'REKAN' }),
    ]);
  });

  it('a finalised draft leaves the list', async () => {
    await w.c.kadis.request({
      method: 'PUT',
      url: `/api/kinerja/evaluations/${evKabid}`,
      payload: { hasilKerjaRating: 'SESUAI_EKSPEKTASI', perilakuRating: 'SESUAI_EKSPEKTASI' },
    });
    json(await w.c.kadis.post(`/api/kinerja/evaluations/${evKabid}/finalise`), 200);
    expect(await peer('c')).toEqual({
      count: 1,
      items: [expect.objectContaining({ evaluationId: evA })],
    });
  });
});
