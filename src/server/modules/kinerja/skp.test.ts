import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { factories, type EmployeeRef } from '../../../../test/factories/index.ts';
import type { SkpRhkInput } from '../../../shared/api/kinerja-skp.ts';

/*
 * SKP through the real API on a small world. Clock: Wednesday 10 March 2027, 09:00 WIB.
 * DINKES (OPD): kadis (JPT Pratama, head) → kabid (Administrator, head of Bidang P2P) → staf and staf2
 * (pelaksana); plt (Administrator of the Sekretariat) is Plt of kabid's post in March 2027; honorer (non-ASN).
 * BAPENDA (OPD): kaban (head of another unit, never the staf's penilai); adminDinkes / adminBapenda hold ADMIN_OPD.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const ind = (over: Record<string, unknown> = {}) => ({
  text: 'Jumlah laporan surveilans yang disusun',
  aspect: 'KUANTITAS' as const,
  targetMin: 12,
  targetMax: null,
  satuan: 'Laporan',
  ...over,
});

describe('SKP: cascade, workflow, PDF, feedback and evidence', () => {
  let t: TestApp;
  const c = {} as Record<
    'kadis' | 'kabid' | 'staf' | 'staf2' | 'plt' | 'kaban' | 'honorer' | 'adminDinkes' | 'adminBapenda',
    Client
  >;
  const e = {} as Record<'kadis' | 'kabid' | 'staf' | 'staf2' | 'plt' | 'kaban' | 'honorer', EmployeeRef>;
  let kabidSkp: string;
  let kabidRhk: string[];
  let kabid2026Rhk: string;
  let kabanRhk: string;
  let stafSkp: string;
  let adminActor: Parameters<TestApp['services']['org']['addPlacement']>[0];
  let bidangId: string;
  let fac: ReturnType<typeof factories>;
  let bidangRef: Parameters<ReturnType<typeof factories>['position']>[0]['unit'];

  const put = (cl: Client, url: string, body: unknown) =>
    cl.request({ method: 'PUT', url, payload: body as object });
  const json = (res: { statusCode: number; body: string; json(): unknown }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  /** A refused request leaves the database as it was. */
  async function unchanged(run: () => Promise<{ statusCode: number; body: string }>, status: number) {
    const before = await dbFingerprint(t.db);
    const res = await run();
    expect(res.statusCode, res.body).toBe(status);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    return JSON.parse(res.body) as { error: { code: string; message: string; details?: unknown } };
  }
  const stafRhk = (intervenesRhkId: string | null, over: Partial<SkpRhkInput> = {}) => ({
    kind: 'UTAMA',
    text: 'Tersusunnya laporan surveilans penyakit menular',
    intervenesRhkId,
    indicators: [ind()],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2027-03-10T02:00:00Z' });
    const f = factories(t);
    fac = f;
    await f.rulebooks();
    adminActor = (await f.admin()).actor;
    const root = await f.unit({ code: 'PEMPROV', name: 'Pemerintah Provinsi Banten' });
    const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
    const bidang = await f.unit({ code: 'P2P', name: 'Bidang P2P', kind: 'BIDANG', parent: dinkes });
    bidangId = bidang.id;
    bidangRef = bidang;
    const sekre = await f.unit({ code: 'SEKRE', name: 'Sekretariat Dinkes', kind: 'BIDANG', parent: dinkes });
    const bapenda = await f.unit({ code: 'BAPENDA', name: 'Bapenda', kind: 'OPD', parent: root });
    const pKadis = await f.position({
      unit: dinkes,
      isHead: true,
      kind: 'JPT_PRATAMA',
      name: 'Kepala Dinas Kesehatan',
    });
    const pKabid = await f.position({
      unit: bidang,
      isHead: true,
      kind: 'ADMINISTRATOR',
      name: 'Kepala Bidang P2P',
    });
    const pSekre = await f.position({
      unit: sekre,
      isHead: true,
      kind: 'ADMINISTRATOR',
      name: 'Sekretaris Dinas',
    });
    const pKaban = await f.position({
      unit: bapenda,
      isHead: true,
      kind: 'JPT_PRATAMA',
      name: 'Kepala Bapenda',
    });
    const pStaf = await f.position({ unit: bidang, kind: 'PELAKSANA', name: 'Pengadministrasi Surveilans' });
    e.kadis = await f.employee({ unit: dinkes, position: pKadis, name: 'Ratna Kadis', golongan: 'IV/c' });
    e.kabid = await f.employee({
      unit: bidang,
      position: pKabid,
      superior: e.kadis,
      name: 'Budi Kabid',
      golongan: 'IV/a',
    });
    e.plt = await f.employee({ unit: sekre, position: pSekre, superior: e.kadis, name: 'Sari Sekretaris' });
    e.staf = await f.employee({
      unit: bidang,
      position: pStaf,
      superior: e.kabid,
      name: 'Andi Staf',
      golongan: 'III/a',
    });
    e.staf2 = await f.employee({ unit: bidang, position: pStaf, superior: e.kabid, name: 'Dewi Staf' });
    e.honorer = await f.employee({
      unit: bidang,
      superior: e.kabid,
      name: 'Hana Honorer',
      employeeType: 'NON_ASN',
    });
    e.kaban = await f.employee({ unit: bapenda, position: pKaban, name: 'Kurnia Kaban' });
    await t.services.org.addActing(adminActor, e.plt.id, {
      kind: 'PLT',
      positionId: pKabid.id,
      validFrom: '2027-03-01',
      validTo: '2027-03-31',
      reason: 'Kabid diklat',
    });
    for (const k of Object.keys(e) as (keyof typeof e)[]) {
      await f.account(e[k]);
      c[k] = await login(t.app, e[k].login);
    }
    const adminD = await f.employee({ unit: dinkes, name: 'Admin Dinkes' });
    await f.grant(await f.account(adminD), 'ADMIN_OPD', dinkes);
    c.adminDinkes = await login(t.app, adminD.login);
    const adminB = await f.employee({ unit: bapenda, name: 'Admin Bapenda' });
    await f.grant(await f.account(adminB), 'ADMIN_OPD', bapenda);
    c.adminBapenda = await login(t.app, adminB.login);
  }, 120_000);
  afterAll(() => t?.close());

  it('eligibility: PNS pelaksana must cascade; non-ASN has no SKP; another unit cannot ask', async () => {
    const own = json(await c.staf.get('/api/kinerja/skp/eligibility'));
    expect(own).toMatchObject({ eligible: true, needsCascade: true, reason: null, employeeType: 'PNS' });
    expect(own.penilai.name).toBe('Budi Kabid');
    const h = json(await c.honorer.get('/api/kinerja/skp/eligibility'));
    expect(h).toMatchObject({
      eligible: false,
      reason: 'Pegawai non-ASN / PPPK paruh waktu tidak menyusun SKP',
    });
    expect(json(await c.kabid.get(`/api/kinerja/skp/eligibility?employeeId=${e.staf.id}`)).eligible).toBe(
      true,
    );
    expect((await c.kaban.get(`/api/kinerja/skp/eligibility?employeeId=${e.staf.id}`)).statusCode).toBe(403);
    const refused = await unchanged(() => c.honorer.post('/api/kinerja/skp', { year: 2027 }), 403);
    expect(refused.error.message).toContain('tidak menyusun SKP');
  });

  it('the heads draw up their SKP (structural: from the Perjanjian Kinerja) and it is approved by their penilai', async () => {
    const created = json(
      await c.kabid.post('/api/kinerja/skp', {
        year: 2027,
        approach: 'KUANTITATIF',
        rhk: [
          {
            kind: 'UTAMA',
            text: 'Meningkatnya cakupan deteksi dini penyakit menular',
            penugasanDari: 'Perjanjian Kinerja Dinkes 2027',
            indicators: [
              ind({ text: 'Persentase kasus terdeteksi', targetMin: 80, targetMax: 100, satuan: '%' }),
            ],
          },
          {
            kind: 'UTAMA',
            text: 'Terkendalinya kejadian luar biasa',
            penugasanDari: 'Perjanjian Kinerja Dinkes 2027',
            indicators: [ind({ text: 'Jumlah KLB tertangani', targetMin: 5, satuan: 'KLB' })],
          },
        ],
        perilaku: [
          { value: 'BERORIENTASI_PELAYANAN', ekspektasiKhusus: 'Cepat menanggapi laporan puskesmas' },
        ],
        lampiran: {
          dukunganSumberDaya: ['Aplikasi SKDR'],
          skemaPertanggungjawaban: ['Laporan bulanan'],
          konsekuensi: [],
        },
      }),
      201,
    );
    kabidSkp = created.skp.id;
    kabidRhk = created.skp.rhk.map((r: { id: string }) => r.id);
    expect(created.skp).toMatchObject({
      status: 'DRAFT',
      needsCascade: false,
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });
    expect(created.skp.perilaku).toHaveLength(7);

    // The staff cannot intervene an RHK of a draft.
    const draftRefused = await unchanged(
      () => c.staf.post('/api/kinerja/skp', { year: 2027, rhk: [stafRhk(kabidRhk[0]!)] }),
      400,
    );
    expect(draftRefused.error.message).toContain('belum diajukan atau disetujui');

    expect(json(await c.kabid.post(`/api/kinerja/skp/${kabidSkp}/submit`)).status).toBe('SUBMITTED');
    expect(json(await c.kadis.get('/api/kinerja/skp/inbox/count')).count).toBe(1);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('entityId', '=', kabidSkp)
      .execute();
    expect(notes).toContainEqual({ kind: 'skp.waiting', link: '/kinerja/verifikasi?tab=skp' });
    const ok = json(await c.kadis.post(`/api/kinerja/skp/${kabidSkp}/decision`, { decision: 'APPROVE' }));
    expect(ok).toMatchObject({ status: 'APPROVED', decidedAs: null, decidedByName: 'Ratna Kadis' });
    // Approved: no edit, no second approval.
    const edit = await unchanged(() => put(c.kabid, `/api/kinerja/skp/${kabidSkp}`, { rhk: [] }), 409);
    expect(edit.error.message).toContain('sudah disetujui');
    const again = await unchanged(
      () => c.kadis.post(`/api/kinerja/skp/${kabidSkp}/decision`, { decision: 'APPROVE' }),
      409,
    );
    expect(again.error.message).toContain('tidak ada yang perlu diputuskan');

    // A 2026 SKP of the same penilai (another period) and an SKP of a head elsewhere.
    const old = json(
      await c.kabid.post('/api/kinerja/skp', {
        year: 2026,
        rhk: [{ kind: 'UTAMA', text: 'Target 2026', penugasanDari: 'PK 2026', indicators: [ind()] }],
      }),
      201,
    );
    kabid2026Rhk = old.skp.rhk[0].id;
    json(await c.kabid.post(`/api/kinerja/skp/${old.skp.id}/submit`));
    json(await c.kadis.post(`/api/kinerja/skp/${old.skp.id}/decision`, { decision: 'APPROVE' }));
    const kaban = json(
      await c.kaban.post('/api/kinerja/skp', {
        year: 2027,
        rhk: [{ kind: 'UTAMA', text: 'Meningkatnya PAD', penugasanDari: 'PK Bapenda', indicators: [ind()] }],
      }),
      201,
    );
    kabanRhk = kaban.skp.rhk[0].id;
  });

  it('the cascade picker lists the penilai’s RHK of the date', async () => {
    const pick = json(await c.staf.get('/api/kinerja/skp/superior-rhk'));
    expect(pick.penilai.name).toBe('Budi Kabid');
    expect(pick.items.map((i: { id: string }) => i.id)).toEqual(kabidRhk);
    expect(pick.emptyReason).toBeNull();
  });

  it('refuses bad content with Indonesian reasons and stores nothing', async () => {
    const post = (body: unknown) => () => c.staf.post('/api/kinerja/skp', body);
    const cases: [unknown, number, string][] = [
      [{ year: 2027, rhk: [stafRhk(null)] }, 400, 'wajib mengintervensi'],
      [{ year: 2027, rhk: [stafRhk(kabid2026Rhk)] }, 400, 'periode lain'],
      [{ year: 2027, rhk: [stafRhk(kabanRhk)] }, 400, 'bukan RHK pejabat penilai'],
      [
        { year: 2027, rhk: [stafRhk(kabidRhk[0]!, { indicators: [ind({ targetMin: -1 })] })] },
        400,
        'tidak boleh negatif',
      ],
      [
        { year: 2027, rhk: [stafRhk(kabidRhk[0]!, { indicators: [ind({ targetMin: 'dua belas' })] })] },
        400,
        'harus berupa angka',
      ],
      [
        { year: 2027, rhk: [stafRhk(kabidRhk[0]!, { indicators: [ind({ targetMin: 10, targetMax: 5 })] })] },
        400,
        'tidak boleh lebih kecil',
      ],
      [{ year: 2027, periodStart: '2026-12-01', rhk: [] }, 400, 'di dalam tahun 2027'],
      [{ year: 2027, periodEnd: '2028-01-05', rhk: [] }, 400, 'di dalam tahun 2027'],
    ];
    for (const [body, status, text] of cases) {
      const err = await unchanged(post(body), status);
      expect(JSON.stringify(err.error), JSON.stringify(body)).toContain(text);
    }
  });

  it('workflow: draft → submitted → returned with a note → resubmitted → approved by the Plt (decided_as PLT)', async () => {
    const created = json(
      await c.staf.post('/api/kinerja/skp', {
        year: 2027,
        rhk: [
          stafRhk(kabidRhk[0]!),
          stafRhk(kabidRhk[1]!, { kind: 'TAMBAHAN', text: 'Terdokumentasinya respon KLB' }),
        ],
        lampiran: { dukunganSumberDaya: ['Laptop'], skemaPertanggungjawaban: [], konsekuensi: ['Teguran'] },
      }),
      201,
    );
    stafSkp = created.skp.id;
    expect(created.skp.rhk[0].intervenes).toMatchObject({ rhkId: kabidRhk[0], employeeName: 'Budi Kabid' });
    expect(created.skp.penilai.name).toBe('Budi Kabid');
    // A second SKP for the same year without a change of position: refused.
    await unchanged(() => c.staf.post('/api/kinerja/skp', { year: 2027 }), 409);

    // PUT replaces the RHK (keeping the first by id, dropping the second, adding one).
    const first = created.skp.rhk[0];
    const edited = json(
      await put(c.staf, `/api/kinerja/skp/${stafSkp}`, {
        rhk: [
          { ...stafRhk(kabidRhk[0]!), id: first.id, indicators: [ind({ targetMin: 10, targetMax: 12 })] },
          stafRhk(kabidRhk[1]!, { text: 'Tertanganinya laporan KLB dalam 24 jam' }),
        ],
      }),
    );
    expect(edited.rhk.map((r: { id: string }) => r.id)[0]).toBe(first.id);
    expect(edited.rhk).toHaveLength(2);
    expect(edited.rhk[0].indicators[0]).toMatchObject({ targetMin: 10, targetMax: 12 });

    // Others cannot read it, the employee cannot decide it.
    await unchanged(() => c.kaban.get(`/api/kinerja/skp/${stafSkp}`), 403);
    await unchanged(() => c.adminBapenda.get(`/api/kinerja/skp/${stafSkp}`), 403);
    expect(json(await c.adminDinkes.get(`/api/kinerja/skp/${stafSkp}`)).id).toBe(stafSkp);

    expect(json(await c.staf.post(`/api/kinerja/skp/${stafSkp}/submit`)).status).toBe('SUBMITTED');
    const locked = await unchanged(() => put(c.staf, `/api/kinerja/skp/${stafSkp}`, { rhk: [] }), 409);
    expect(locked.error.message).toContain('tidak dapat diubah');
    await unchanged(() => c.staf.post(`/api/kinerja/skp/${stafSkp}/decision`, { decision: 'APPROVE' }), 403);
    await unchanged(() => c.kaban.post(`/api/kinerja/skp/${stafSkp}/decision`, { decision: 'APPROVE' }), 403);
    await unchanged(() => c.kadis.post(`/api/kinerja/skp/${stafSkp}/decision`, { decision: 'APPROVE' }), 403);
    await unchanged(() => c.kabid.post(`/api/kinerja/skp/${stafSkp}/decision`, { decision: 'RETURN' }), 400);

    const inbox = json(await c.kabid.get('/api/kinerja/skp/inbox'));
    expect(inbox.items.map((i: { id: string }) => i.id)).toEqual([stafSkp]);
    expect(json(await c.plt.get('/api/kinerja/skp/inbox/count')).count).toBe(1);
    expect(json(await c.staf.get(`/api/kinerja/skp/${stafSkp}`)).canDecide).toBe(false);
    expect(json(await c.kabid.get(`/api/kinerja/skp/${stafSkp}`)).canDecide).toBe(true);

    const returned = json(
      await c.kabid.post(`/api/kinerja/skp/${stafSkp}/decision`, {
        decision: 'RETURN',
        note: 'Target laporan terlalu rendah',
      }),
    );
    expect(returned).toMatchObject({
      status: 'RETURNED',
      returnNote: 'Target laporan terlalu rendah',
      canEdit: false,
    });
    const notice = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['notifications.kind', 'notifications.body'])
      .where('users.employeeId', '=', e.staf.id)
      .where('notifications.kind', '=', 'skp.decided')
      .execute();
    expect(notice[0]?.body).toContain('Target laporan terlalu rendah');

    json(
      await put(c.staf, `/api/kinerja/skp/${stafSkp}`, {
        rhk: edited.rhk.map((r: { id: string; kind: string; text: string; intervenesRhkId: string }) => ({
          id: r.id,
          kind: r.kind,
          text: r.text,
          intervenesRhkId: r.intervenesRhkId,
          indicators: [ind({ targetMin: 24 })],
        })),
        lampiran: { dukunganSumberDaya: ['Laptop'], skemaPertanggungjawaban: [], konsekuensi: ['Teguran'] },
      }),
    );
    json(await c.staf.post(`/api/kinerja/skp/${stafSkp}/submit`));
    const approved = json(
      await c.plt.post(`/api/kinerja/skp/${stafSkp}/decision`, {
        decision: 'APPROVE',
        perilaku: [{ value: 'KOLABORATIF', ekspektasiKhusus: 'Aktif berbagi data dengan puskesmas' }],
      }),
    );
    expect(approved).toMatchObject({
      status: 'APPROVED',
      decidedAs: 'PLT',
      decidedByName: 'Sari Sekretaris',
    });
    expect(approved.perilaku.find((p: { value: string }) => p.value === 'KOLABORATIF').ekspektasiKhusus).toBe(
      'Aktif berbagi data dengan puskesmas',
    );
    const row = await t.db
      .selectFrom('skp')
      .select(['decidedAs', 'penilaiId', 'atasanPenilaiId'])
      .where('id', '=', stafSkp)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ decidedAs: 'PLT', penilaiId: e.kabid.id, atasanPenilaiId: e.kadis.id });
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', stafSkp)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'skp.created',
      'skp.submitted',
      'skp.returned',
      'skp.submitted',
      'skp.approved',
    ]);
  });

  it('the matriks peran hasil shows the staff RHK under each RHK of the head; lists are scoped', async () => {
    const m = json(await c.kabid.get(`/api/kinerja/skp/matriks?skpId=${kabidSkp}`));
    expect(m.rows).toHaveLength(2);
    expect(m.rows[0].staff).toEqual([
      expect.objectContaining({ employeeName: 'Andi Staf', skpId: stafSkp, skpStatus: 'APPROVED' }),
    ]);
    await unchanged(() => c.kaban.get(`/api/kinerja/skp/matriks?skpId=${kabidSkp}`), 403);

    const list = json(await c.adminDinkes.get('/api/kinerja/skp?year=2027&q=andi'));
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([stafSkp]);
    expect(
      json(await c.adminBapenda.get('/api/kinerja/skp?year=2027')).items.map(
        (i: { employeeName: string }) => i.employeeName,
      ),
    ).toEqual(['Kurnia Kaban']);
    const staffList = json(await c.kabid.get('/api/kinerja/skp?status=APPROVED&year=2027'));
    expect(staffList.items.map((i: { employeeName: string }) => i.employeeName)).toContain('Andi Staf');
    expect(json(await c.staf.get('/api/kinerja/skp/mine')).items).toHaveLength(1);

    // An intervened RHK of the head cannot disappear (the SKP is approved: not editable at all).
    await unchanged(() => put(c.kabid, `/api/kinerja/skp/${kabidSkp}`, { rhk: [] }), 409);
    // Notification access goes through get().
    await expect(t.services.kinerja.canOpen(await actorOf(c.kaban), 'skp', stafSkp)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('the SKP document (PDF) shows identities, RHK with the intervened RHK, perilaku, lampiran and the Plt. signature', async () => {
    const res = await c.staf.get(`/api/kinerja/skp/${stafSkp}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
      mergePages: true,
    });
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'SASARAN KINERJA PEGAWAI',
      'Andi Staf',
      e.staf.nip!,
      'Penata Muda / III/a',
      'Pengadministrasi Surveilans',
      'Budi Kabid',
      'Pembina / IV/a',
      'Meningkatnya cakupan deteksi dini penyakit menular',
      'Tersusunnya laporan surveilans penyakit menular',
      'Kuantitas',
      '24 Laporan',
      'Berorientasi Pelayanan',
      'Aktif berbagi data dengan puskesmas',
      'Laptop',
      'Teguran',
      'Plt. Kepala Bidang P2P',
      'Sari Sekretaris',
    ])
      expect(flat).toContain(expected);
    expect((await c.kaban.get(`/api/kinerja/skp/${stafSkp}/pdf`)).statusCode).toBe(403);
  });

  it('a change of position mid-year starts a new SKP at the placement and cuts the older one; both kept', async () => {
    const first = json(await c.staf2.post('/api/kinerja/skp', { year: 2027 }), 201);
    expect(first.periodCut).toBeNull();
    const newPos = await fac.position({
      unit: bidangRef,
      kind: 'JF_AHLI_PERTAMA',
      name: 'Epidemiolog Ahli Pertama',
    });
    await t.services.org.addPlacement(adminActor, e.staf2.id, {
      unitId: bidangId,
      positionId: newPos.id,
      superiorId: e.kabid.id,
      validFrom: '2027-03-01',
      decree: 'SK 800/12/2027',
    });
    const second = json(
      await c.staf2.post('/api/kinerja/skp', { year: 2027, rhk: [stafRhk(kabidRhk[0]!)] }),
      201,
    );
    expect(second.skp).toMatchObject({
      periodStart: '2027-03-01',
      periodEnd: '2027-12-31',
      positionId: newPos.id,
    });
    expect(second.periodCut).toEqual({ skpId: first.skp.id, periodEnd: '2027-02-28' });
    expect(second.notices[0]).toContain('pindah jabatan');
    const mine = json(await c.staf2.get('/api/kinerja/skp/mine?year=2027')).items;
    expect(
      mine.map((s: { periodStart: string; periodEnd: string }) => `${s.periodStart}..${s.periodEnd}`),
    ).toEqual(['2027-03-01..2027-12-31', '2027-01-01..2027-02-28']);
    const cut = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', first.skp.id)
      .execute();
    expect(cut.map((a) => a.action)).toContain('skp.period_cut');
  });

  it('copies last year’s SKP as a start, clearing the cascade links', async () => {
    const copy = json(await c.staf.post('/api/kinerja/skp', { year: 2028, copyFrom: stafSkp }), 201);
    expect(copy.skp).toMatchObject({
      status: 'DRAFT',
      year: 2028,
      copiedFrom: stafSkp,
      periodStart: '2028-01-01',
    });
    expect(copy.clearedLinks).toBe(2);
    expect(copy.notices.join(' ')).toContain('2 tautan');
    expect(copy.skp.rhk.map((r: { intervenesRhkId: string | null }) => r.intervenesRhkId)).toEqual([
      null,
      null,
    ]);
    expect(copy.skp.rhk[0].indicators[0].targetMin).toBe(24);
    expect(copy.skp.lampiran.konsekuensi).toEqual(['Teguran']);
    // Incomplete cascade: cannot be submitted yet.
    const refused = await unchanged(() => c.staf.post(`/api/kinerja/skp/${copy.skp.id}/submit`), 400);
    expect(refused.error.message).toContain('belum mengintervensi');
    // Somebody else's SKP cannot be copied.
    await unchanged(() => c.staf2.post('/api/kinerja/skp', { year: 2028, copyFrom: stafSkp }), 403);
  });

  it('continuous feedback by the penilai (or Plt), never by the employee or another unit', async () => {
    const rhkId = json(await c.staf.get(`/api/kinerja/skp/${stafSkp}`)).rhk[0].id;
    const fb = json(
      await c.kabid.post('/api/kinerja/feedback', {
        skpId: stafSkp,
        rhkId,
        text: 'Laporan Februari sudah baik',
      }),
      201,
    );
    expect(fb).toMatchObject({ authorName: 'Budi Kabid', authorAs: null, rhkId });
    expect(
      json(await c.plt.post('/api/kinerja/feedback', { skpId: stafSkp, text: 'Lanjutkan' }), 201).authorAs,
    ).toBe('PLT');
    await unchanged(
      () => c.staf.post('/api/kinerja/feedback', { skpId: stafSkp, text: 'Saya sendiri' }),
      403,
    );
    await unchanged(
      () => c.kaban.post('/api/kinerja/feedback', { skpId: stafSkp, text: 'Dari unit lain' }),
      403,
    );
    await unchanged(
      () => c.kabid.post('/api/kinerja/feedback', { skpId: stafSkp, rhkId: kabidRhk[0], text: 'RHK lain' }),
      400,
    );
    expect(json(await c.staf.get(`/api/kinerja/feedback?skpId=${stafSkp}`)).items).toHaveLength(2);
    const n = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select('notifications.kind')
      .where('users.employeeId', '=', e.staf.id)
      .where('notifications.kind', '=', 'kinerja.feedback')
      .execute();
    expect(n).toHaveLength(2);
  });

  it('evidence: a file through the attachment service; a 30 MB or disguised file is refused and nothing is stored', async () => {
    const rhkId = json(await c.staf.get(`/api/kinerja/skp/${stafSkp}`)).rhk[0].id;
    const fields = {
      skpId: stafSkp,
      rhkId,
      periodStart: '2027-02-01',
      periodEnd: '2027-02-28',
      description: 'Laporan surveilans Februari',
    };
    const send = (
      cl: Client,
      f: Record<string, string>,
      file?: { content: Buffer; name: string; type: string },
    ) => {
      const mp = multipart(f, file && { field: 'file', ...file });
      return cl.request({
        method: 'POST',
        url: '/api/kinerja/evidence',
        payload: mp.payload,
        headers: mp.headers,
      });
    };
    const ev = json(
      await send(c.staf, fields, { content: PDF, name: 'laporan.pdf', type: 'application/pdf' }),
      201,
    );
    expect(ev.file).toMatchObject({ mime: 'application/pdf', name: 'laporan.pdf' });
    const dl = await c.kabid.get(`/api/kinerja/evidence/${ev.id}/file`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await c.kaban.get(`/api/kinerja/evidence/${ev.id}/file`)).statusCode).toBe(403);

    expect(
      json(await send(c.staf, { ...fields, link: 'https://drive.example.go.id/laporan' }), 201).file,
    ).toBeNull();
    const fake = await unchanged(
      () =>
        send(c.staf, fields, {
          content: Buffer.from('MZ\x90\x00 bukan pdf'),
          name: 'laporan.pdf',
          type: 'application/pdf',
        }),
      415,
    );
    expect(fake.error.message).toContain('Eviden RHK');
    const big = Buffer.alloc(30 * 1024 * 1024, 0x20);
    PDF.copy(big);
    const tooBig = await unchanged(
      () => send(c.staf, fields, { content: big, name: 'besar.pdf', type: 'application/pdf' }),
      413,
    );
    expect(tooBig.error.code).toBe('FILE_TOO_LARGE');
    await unchanged(
      () =>
        send(
          c.staf,
          { ...fields, periodStart: '2026-12-01' },
          { content: PDF, name: 'a.pdf', type: 'application/pdf' },
        ),
      400,
    );
    await unchanged(
      () => send(c.kabid, fields, { content: PDF, name: 'a.pdf', type: 'application/pdf' }),
      403,
    );
    await unchanged(() => send(c.staf, fields), 400);
    expect(json(await c.kabid.get(`/api/kinerja/evidence?skpId=${stafSkp}`)).items).toHaveLength(2);
  });

  /** The actor of a logged-in client, as the services see it. */
  async function actorOf(cl: Client) {
    const user = await t.db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'employeeId'])
      .where('id', '=', cl.me.user.id)
      .executeTakeFirstOrThrow();
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      employeeId: user.employeeId,
      nip: null,
      grants: [],
      isAtasan: false,
      mustChangePassword: false,
      ip: null,
      userAgent: null,
    };
  }
});
