import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  buildWorld,
  insertSkp,
  json,
  put,
  unchanged,
  type SkpIds,
  type World,
} from './evaluations-test-world.ts';

/*
 * Evaluations through the real API, every step and role. Clock: Monday 5 April 2027, 09:00 WIB. World: see
 * evaluations-test-world.ts (kabid is the staff's penilai, kadis their atasan penilai, sekre is Plh of kabid's
 * post in April, kaban heads another OPD).
 */
const IND = { text: 'Jumlah laporan', aspect: 'KUANTITAS', targetMin: 10, satuan: 'Laporan' };

describe('evaluations: workflow, roles, bad input, PDF', () => {
  let w: World;
  const skp = {} as Record<'a' | 'b' | 'c' | 'd' | 'kabid' | 'draftA', SkpIds>;
  let evA: string;
  let evB: string;
  let evKabid: string;

  beforeAll(async () => {
    w = await buildWorld('2027-04-05T02:00:00Z');
    const { t, e } = w;
    for (const k of ['a', 'b', 'c', 'd', 'kabid'] as const)
      skp[k] = await insertSkp(t, e[k], [{ text: `RHK ${k}`, indicators: [IND] }]);
    // A second SKP of a (e.g. 2028 draft) is not approved.
    skp.draftA = await insertSkp(t, e.a, [{ text: 'RHK draf', indicators: [IND] }], {
      status: 'SUBMITTED',
      start: '2027-12-01',
      end: '2027-12-31',
    });
  }, 180_000);
  afterAll(() => w?.t.close());

  const create = (who: keyof World['c'], skpId: string, periodStart = '2027-01-01', kind = 'PERIODIK') =>
    w.c[who].post('/api/kinerja/evaluations', { skpId, kind, periodStart });

  it('create: only the pejabat penilai, an approved SKP, a real period, once', async () => {
    let r = await unchanged(w.t, () => create('a', skp.a.skpId), 403);
    expect(r.error.message).toContain('sendiri');
    r = await unchanged(w.t, () => create('kaban', skp.a.skpId), 403);
    expect(r.error.message).toContain('bukan pejabat penilai');
    r = await unchanged(w.t, () => create('kabid', skp.draftA.skpId, '2027-12-01', 'TAHUNAN'), 409);
    expect(r.error.message).toContain('SKP belum disetujui');
    r = await unchanged(w.t, () => create('kabid', skp.a.skpId, '2027-02-01'), 400);
    expect(r.error.message).toContain('bukan awal salah satu periode');
    evA = json(await create('kabid', skp.a.skpId), 201).id;
    r = await unchanged(w.t, () => create('kabid', skp.a.skpId), 409);
    expect(r.error.message).toBe('Penilaian Triwulan I 2027 sudah ada');
    evB = json(await create('kabid', skp.b.skpId), 201).id;
    evKabid = json(await create('kadis', skp.kabid.skpId), 201).id;
    const annual = json(await create('kabid', skp.c.skpId, '2027-01-01', 'TAHUNAN'), 201);
    expect(annual).toMatchObject({ label: 'Tahunan 2027', periodEnd: '2027-12-31', kind: 'TAHUNAN' });
  });

  it('read: the employee, assessors and readers in scope; not another unit', async () => {
    expect(json(await w.c.a.get(`/api/kinerja/evaluations/${evA}`)).can).toMatchObject({
      edit: false,
      fileObjection: false,
    });
    expect(json(await w.c.kabid.get(`/api/kinerja/evaluations/${evA}`)).can).toMatchObject({
      edit: true,
      finalise: true,
    });
    expect(json(await w.c.adminDinas.get(`/api/kinerja/evaluations/${evA}`)).can.edit).toBe(false);
    expect((await w.c.kaban.get(`/api/kinerja/evaluations/${evA}`)).statusCode).toBe(403);
    expect((await w.c.adminBapenda.get(`/api/kinerja/evaluations/${evA}`)).statusCode).toBe(403);
    expect((await w.c.d.get(`/api/kinerja/evaluations/${evA}`)).statusCode).toBe(403);
    // Drafts to finalise: a's and b's quarter and c's annual, for the kabid and for the Plh of the post.
    expect(json(await w.c.kabid.get('/api/kinerja/evaluations/inbox')).counts.toFinalise).toBe(3);
    expect(json(await w.c.sekre.get('/api/kinerja/evaluations/inbox')).counts.toFinalise).toBe(3);
    expect(json(await w.c.a.get('/api/kinerja/evaluations/inbox')).counts.toFinalise).toBe(0);
    const list = json(await w.c.adminBapenda.get('/api/kinerja/evaluations'));
    expect(list.total).toBe(0);
    const mine = json(await w.c.adminDinas.get('/api/kinerja/evaluations?q=andi'));
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([evA]);
  });

  it('update: employee cannot rate themself, another unit 403, bad input 400 in Indonesian', async () => {
    const url = `/api/kinerja/evaluations/${evA}`;
    let r = await unchanged(w.t, () => put(w.c.a, url, { hasilKerjaRating: 'DI_ATAS_EKSPEKTASI' }), 403);
    expect(r.error.message).toContain('sendiri');
    r = await unchanged(w.t, () => put(w.c.kaban, url, { hasilKerjaRating: 'DI_ATAS_EKSPEKTASI' }), 403);
    r = await unchanged(w.t, () => put(w.c.kabid, url, { hasilKerjaRating: 'LUAR_BIASA' }), 400);
    expect(JSON.stringify(r.error)).toContain('Penilaian harus salah satu dari');
    r = await unchanged(
      w.t,
      () => put(w.c.kabid, url, { realisation: [{ indicatorId: skp.a.rhk[0]!.indicators[0], value: -1 }] }),
      400,
    );
    expect(JSON.stringify(r.error)).toContain('tidak boleh negatif');
    r = await unchanged(
      w.t,
      () => put(w.c.kabid, url, { realisation: [{ indicatorId: skp.b.rhk[0]!.indicators[0], value: 3 }] }),
      400,
    );
    expect(r.error.message).toBe('Indikator ini bukan indikator SKP yang dinilai');
    r = await unchanged(w.t, () => w.c.kabid.post(`${url}/finalise`), 400);
    expect(r.error.message).toContain('wajib diisi');
  });

  it('the Plh of the superior fills and finalises; approving a draft is 409; the penilai cannot approve', async () => {
    const url = `/api/kinerja/evaluations/${evA}`;
    json(
      await put(w.c.sekre, url, {
        hasilKerjaRating: 'SESUAI_EKSPEKTASI',
        perilakuRating: 'SESUAI_EKSPEKTASI',
        note: 'Baik',
      }),
    );
    let r = await unchanged(w.t, () => w.c.kadis.post(`${url}/approve`), 409);
    expect(r.error.message).toContain('belum difinalkan');
    const f = json(await w.c.sekre.post(`${url}/finalise`));
    expect(f.evaluation).toMatchObject({ status: 'FINAL', predikat: 'BAIK' });
    expect(f.evaluation.penilai).toMatchObject({ name: 'Sari Sekretaris', as: 'PLH' });
    r = await unchanged(w.t, () => w.c.kabid.post(`${url}/approve`), 403);
    r = await unchanged(w.t, () => put(w.c.kabid, url, { note: 'ubah' }), 409);
    // The atasan pejabat penilai was notified.
    const n = json(await w.c.kadis.get('/api/notifications'));
    const note = n.items.find((i: { entityId: string }) => i.entityId === evA);
    expect(note).toMatchObject({ kind: 'kinerja_evaluation.waiting', entityType: 'evaluation' });
    expect((await w.c.kadis.post(`/api/notifications/${note.id}/open`)).statusCode).toBe(200);
  });

  it('return with a note → DRAFT and the penilai is told; re-finalised and approved; employee told the predikat', async () => {
    const url = `/api/kinerja/evaluations/${evA}`;
    await unchanged(w.t, () => w.c.kadis.post(`${url}/return`, { note: '' }), 400);
    const back = json(await w.c.kadis.post(`${url}/return`, { note: 'Lengkapi realisasi' }));
    expect(back).toMatchObject({ status: 'DRAFT', returnNote: 'Lengkapi realisasi', predikat: null });
    const n = json(await w.c.kabid.get('/api/notifications'));
    expect(n.items.some((i: { kind: string }) => i.kind === 'kinerja_evaluation.returned')).toBe(true);
    json(
      await put(w.c.kabid, url, { realisation: [{ indicatorId: skp.a.rhk[0]!.indicators[0], value: 10 }] }),
    );
    json(await w.c.sekre.post(`${url}/finalise`));
    const ok = json(await w.c.kadis.post(`${url}/approve`));
    expect(ok).toMatchObject({
      status: 'APPROVED',
      predikat: 'BAIK',
      objectionWindow: { deadline: '2027-04-19', open: true },
    });
    await unchanged(w.t, () => w.c.kadis.post(`${url}/approve`), 409);
    const mine = json(await w.c.a.get('/api/notifications'));
    expect(mine.items.find((i: { kind: string }) => i.kind === 'kinerja_evaluation.decided').body).toContain(
      'Baik',
    );
    expect(
      await w.t.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', evA)
        .orderBy('id')
        .execute(),
    ).toEqual(
      ['created', 'updated', 'finalised', 'returned', 'updated', 'finalised', 'approved'].map((a) => ({
        action: `evaluation.${a}`,
      })),
    );
  });

  it('peer feedback: a peer once, a subordinate on the head, never self or unrelated; names hidden from the employee', async () => {
    const ratings = {
      BERORIENTASI_PELAYANAN: 'DI_ATAS_EKSPEKTASI',
      AKUNTABEL: 'SESUAI_EKSPEKTASI',
      KOMPETEN: 'SESUAI_EKSPEKTASI',
      HARMONIS: 'SESUAI_EKSPEKTASI',
      LOYAL: 'SESUAI_EKSPEKTASI',
      ADAPTIF: 'SESUAI_EKSPEKTASI',
      KOLABORATIF: 'DI_BAWAH_EKSPEKTASI',
    };
    const url = `/api/kinerja/evaluations/${evB}/peer-feedback`;
    await unchanged(w.t, () => w.c.b.post(url, { ratings }), 403);
    await unchanged(w.t, () => w.c.d.post(url, { ratings }), 403);
    await unchanged(w.t, () => w.c.a.post(url, { ratings: { ...ratings, LOYAL: 'HEBAT' } }), 400);
    json(await w.c.a.post(url, { ratings, note: 'Rajin membantu' }), 201);
    await unchanged(w.t, () => w.c.a.post(url, { ratings }), 409);
    json(await w.c.c.post(`/api/kinerja/evaluations/${evKabid}/peer-feedback`, { ratings }), 201);
    const own = json(await w.c.b.get(`/api/kinerja/evaluations/${evB}`)).peerFeedback;
    expect(own).toMatchObject({ enabled: true, count: 1, byRelation: { REKAN: 1, BAWAHAN: 0 } });
    expect(own.notes).toEqual([{ relation: 'REKAN', note: 'Rajin membantu', authorName: null }]);
    expect(
      own.perValue.find((v: { value: string }) => v.value === 'KOLABORATIF').counts.DI_BAWAH_EKSPEKTASI,
    ).toBe(1);
    const penilai = json(await w.c.kabid.get(`/api/kinerja/evaluations/${evB}`)).peerFeedback;
    expect(penilai.notes[0].authorName).toBe('Andi Staf');
    const head = json(await w.c.kadis.get(`/api/kinerja/evaluations/${evKabid}`)).peerFeedback;
    expect(head.byRelation).toEqual({ REKAN: 0, BAWAHAN: 1 });
  });

  it('objection: only the employee, once, within the window; after it 400 with the deadline', async () => {
    const url = `/api/kinerja/evaluations/${evA}/objection`;
    await unchanged(w.t, () => w.c.kabid.post(url, { reason: 'Saya keberatan atas predikat ini' }), 403);
    await unchanged(
      w.t,
      () =>
        w.c.b.post(`/api/kinerja/evaluations/${evB}/objection`, {
          reason: 'Saya keberatan atas predikat ini',
        }),
      409,
    );
    w.t.clock.set('2027-04-20T02:00:00Z');
    await w.relogin(['a', 'kabid', 'kadis']);
    const r = await unchanged(
      w.t,
      () => w.c.a.post(url, { reason: 'Saya keberatan atas predikat ini' }),
      400,
    );
    expect(r.error.message).toBe('Batas waktu pengajuan keberatan sudah lewat (paling lambat 19/04/2027)');
    w.t.clock.set('2027-04-19T02:00:00Z');
    await w.relogin(['a', 'kabid', 'kadis']);
    const filed = json(await w.c.a.post(url, { reason: 'Saya keberatan atas predikat ini' }), 201);
    await unchanged(w.t, () => w.c.a.post(url, { reason: 'Saya keberatan lagi atas predikat' }), 409);
    // The objection's notification opens the evaluation for the kadis; overdue after 7 days.
    const waiting = json(await w.c.kadis.get('/api/notifications')).items.find(
      (i: { entityType: string }) => i.entityType === 'evaluation_objection',
    );
    expect(waiting).toMatchObject({ kind: 'kinerja_objection.waiting', entityId: filed.objection.id });
    expect((await w.c.kadis.post(`/api/notifications/${waiting.id}/open`)).statusCode).toBe(200);
    w.t.clock.set('2027-04-27T02:00:00Z');
    await w.relogin();
    const inbox = json(await w.c.kadis.get('/api/kinerja/evaluations/inbox'));
    expect(inbox.counts).toMatchObject({ objections: 1, objectionsOverdue: 1 });
    expect(inbox.objections[0]).toMatchObject({
      id: filed.objection.id,
      decideBy: '2027-04-26',
      overdue: true,
    });
    await unchanged(
      w.t,
      () =>
        w.c.kabid.post(`/api/kinerja/objections/${filed.objection.id}/decide`, {
          decision: 'DITOLAK',
          note: 'Tidak',
        }),
      403,
    );
    const d = json(
      await w.c.kadis.post(`/api/kinerja/objections/${filed.objection.id}/decide`, {
        decision: 'DITOLAK',
        note: 'Realisasi sudah sesuai bukti',
      }),
    );
    expect(d).toMatchObject({ predikat: 'BAIK', objection: { status: 'DITOLAK', predikatAfter: 'BAIK' } });
    await unchanged(
      w.t,
      () =>
        w.c.kadis.post(`/api/kinerja/objections/${filed.objection.id}/decide`, {
          decision: 'DITERIMA',
          note: 'Ulang',
        }),
      409,
    );
    const n = json(await w.c.a.get('/api/notifications'));
    expect(n.items.find((i: { kind: string }) => i.kind === 'kinerja_objection.decided').body).toContain(
      'ditolak',
    );
  });

  it('unit performance: kinerja.manage in scope only; a bad rating 400', async () => {
    const body = {
      unitId: w.u.dinas.id,
      periodStart: '2027-01-01',
      periodEnd: '2027-03-31',
      rating: 'ISTIMEWA',
    };
    await unchanged(w.t, () => put(w.c.adminBapenda, '/api/kinerja/unit-performance', body), 403);
    await unchanged(w.t, () => put(w.c.kabid, '/api/kinerja/unit-performance', body), 403);
    const bad = await unchanged(
      w.t,
      () => put(w.c.adminDinas, '/api/kinerja/unit-performance', { ...body, rating: 'HEBAT' }),
      400,
    );
    expect(JSON.stringify(bad.error)).toContain('Kinerja organisasi harus');
    json(await put(w.c.adminDinas, '/api/kinerja/unit-performance', body));
    json(await put(w.c.adminDinas, '/api/kinerja/unit-performance', { ...body, rating: 'BAIK' }));
    const list = json(await w.c.adminDinas.get('/api/kinerja/unit-performance?year=2027'));
    expect(list.items.map((i: { rating: string }) => i.rating)).toEqual(['BAIK']);
    expect(json(await w.c.adminBapenda.get('/api/kinerja/unit-performance')).total).toBe(0);
    expect(
      (
        await w.c.d.get(
          `/api/kinerja/evaluations/curve?unitId=${w.u.dinas.id}&periodStart=2027-01-01&periodEnd=2027-03-31`,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('the evaluation document as PDF: identities, capaian, ratings, BerAKHLAK, predikat, curve, signatures', async () => {
    const res = await w.c.a.get(`/api/kinerja/evaluations/${evA}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
      mergePages: true,
    });
    for (const s of [
      'DOKUMEN EVALUASI KINERJA PEGAWAI',
      'Triwulan I 2027',
      'Andi Staf',
      'Sari Sekretaris',
      'Plh. Kepala Bidang P2P',
      'Ratna Kadis',
      'RHK a',
      'Jumlah laporan',
      'Sesuai Ekspektasi',
      'Berorientasi Pelayanan',
      'Kolaboratif',
      'PREDIKAT KINERJA PEGAWAI: BAIK',
      'Pola distribusi',
      'Disetujui secara elektronik',
    ])
      expect(text).toContain(s);
    const kabidDoc = await w.c.kadis.get(`/api/kinerja/evaluations/${evKabid}/pdf`);
    expect(kabidDoc.statusCode).toBe(200);
    expect((await w.c.kaban.get(`/api/kinerja/evaluations/${evA}/pdf`)).statusCode).toBe(403);
  });
});
