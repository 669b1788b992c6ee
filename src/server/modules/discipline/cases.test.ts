import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDisciplineWorld,
  driveRinganCase,
  json,
  openCase,
  openCaseBody,
  unchanged,
  type DisciplineWorld,
} from './discipline-test-world.ts';

/*
 * Discipline cases through the real API: opening by hand (who may, bad input), the list and the view as each role
 * sees them (the examinee never sees the team's notes nor confidential steps; another OPD's admin neither sees nor
 * lists the case). Clock: Monday 1 March 2027, 09:00 WIB (moved to 15 March by the BAP step). World:
 * discipline-test-world.ts (pegawai is examined; kasi is their direct superior).
 */
describe('discipline cases: opening, list, view and visibility', () => {
  let w: DisciplineWorld;
  let caseId: string;

  beforeAll(async () => {
    w = await buildDisciplineWorld();
  }, 180_000);
  afterAll(() => w?.t.close());

  const post = (who: keyof DisciplineWorld['c'], body: unknown) =>
    w.c[who].post('/api/discipline/cases', body);

  it('opening by hand: the direct superior; a case in TELAAH with the rules snapshot, event, audit', async () => {
    const v = await openCase(w);
    caseId = v.case.id;
    expect(v.case).toMatchObject({
      state: 'TELAAH',
      stateLabel: 'Telaah',
      source: 'INSPEKSI',
      sourceRef: 'LHP Inspeksi 700/12/2027',
      track: 'disiplin',
      procedure: 'PP94',
      expectedLevel: 'ringan',
      violationDate: '2027-02-15',
      openedByName: 'Kiki Kasi',
      openedAs: null,
      final: false,
      underExamination: true,
    });
    expect(v.case.caseNumber).toMatch(/^HD\/2027\/\d{5}$/);
    expect(v.case.openedAt.slice(0, 10)).toBe('2027-03-01');
    expect(v.rules.regulationSet).toBe('PP94-2021');
    expect(v.violations).toEqual([
      expect.objectContaining({
        code: 'PASAL_3',
        article: 'PP 94/2021 Pasal 3',
        occurredOn: '2027-02-15',
        level: null,
      }),
    ]);
    expect(v.next).toMatchObject({
      step: 'Telaah kasus dan tentukan pemeriksa',
      holder: { employees: [{ id: w.e.kasi.id, name: 'Kiki Kasi' }], roles: [] },
    });
    expect(v.timeline.map((e: { action: string }) => e.action)).toEqual(['open']);
    expect(v.myRole).toMatchObject({ superior: true, examinee: false, examiner: true });
    const actions = Object.fromEntries(
      v.actions.map((a: { action: string; allowed: boolean }) => [a.action, a.allowed]),
    );
    expect(actions).toMatchObject({ telaah: true, formTeam: false, summon: false, end: true });
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['action', 'entityType'])
      .where('entityId', '=', caseId)
      .execute();
    expect(audit).toEqual([{ action: 'discipline.case_opened', entityType: 'discipline_case' }]);
  });

  it('opening by hand: a discipline.read holder in scope may; the employee, a colleague, another OPD may not', async () => {
    const v = json(
      await post('adminOpd', openCaseBody(w.e.rekan.id, { violationCode: 'PASAL_4', source: 'PENGADUAN' })),
      201,
    );
    expect(v.case).toMatchObject({ source: 'PENGADUAN', state: 'TELAAH', openedByName: 'Ayu Admin Dinkes' });
    // The superior of the employee holds the telaah, not the admin who opened it.
    expect(v.next.holder.employees.map((e: { id: string }) => e.id)).toEqual([w.e.kasi.id]);
    const notes = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select(['u.employeeId', 'n.link'])
      .where('n.entityId', '=', v.case.id)
      .execute();
    expect(notes).toEqual([{ employeeId: w.e.kasi.id, link: `/disiplin/kasus/${v.case.id}` }]);

    let r = await unchanged(w.t, () => post('pegawai', openCaseBody(w.e.pegawai.id)), 403);
    expect(r.error.message).toBe('Anda tidak dapat membuka kasus disiplin atas diri sendiri');
    r = await unchanged(w.t, () => post('rekan', openCaseBody(w.e.pegawai.id)), 403);
    expect(r.error.message).toContain('atasan langsung');
    await unchanged(w.t, () => post('adminOther', openCaseBody(w.e.pegawai.id)), 403);
    await unchanged(w.t, () => post('jf', openCaseBody(w.e.pegawai.id)), 403);
    await unchanged(w.t, () => post('kasi', openCaseBody('00000000-0000-4000-8000-000000000000')), 404);
  });

  it('opening by hand: bad input is a clear Indonesian 400 and writes nothing', async () => {
    const bad = async (over: Record<string, unknown>, path: string) => {
      const r = await unchanged(w.t, () => post('kasi', openCaseBody(w.e.pegawai.id, over)), 400);
      expect(r.error.details?.[0]?.path, JSON.stringify(r.error)).toBe(path);
      return r.error.message;
    };
    expect(await bad({ violationDate: '2027-03-02' }, 'violationDate')).toBe(
      'Tanggal pelanggaran 02/03/2027 tidak boleh setelah hari ini (01/03/2027)',
    );
    expect(await bad({ violationDate: '2019-12-31' }, 'violationDate')).toBe(
      'Tanggal pelanggaran 31/12/2019 sebelum masa kerja Putri Pegawai (mulai 02/01/2020)',
    );
    expect(await bad({ violationCode: 'PASAL_99' }, 'violationCode')).toContain('tidak ada dalam katalog');
    // The neutrality ethics violation is reported through NETRALITAS or a complaint, not an inspection.
    expect(await bad({ violationCode: 'NETRALITAS_ETIKA' }, 'violationCode')).toContain(
      'tidak dapat dibuka dari sumber "Hasil inspeksi / pemeriksaan"',
    );
    // A violation with a fixed level sets the expected level.
    expect(
      await bad(
        { source: 'NETRALITAS', violationCode: 'PASAL_5_N_3_7', expectedLevel: 'sedang' },
        'expectedLevel',
      ),
    ).toContain('harus Berat');
    // zod: unknown source, short description.
    await bad({ source: 'INDIKASI' }, 'source');
    await bad({ description: 'pendek' }, 'description');
    // The same violation on the same date is not examined twice while a case is open.
    const r = await unchanged(w.t, () => post('kasi', openCaseBody(w.e.pegawai.id)), 409);
    expect(r.error.message).toMatch(/sudah diperiksa dalam kasus HD\/2027\/\d{5}/);
  });

  it('non-ASN cases run the INTERNAL procedure; neutrality ethics cases the ethics track', async () => {
    const honorer = json(await post('kasi', openCaseBody(w.e.honorer.id)), 201);
    expect(honorer.case).toMatchObject({ procedure: 'INTERNAL', track: 'disiplin' });
    expect(honorer.case.procedureNote).toContain('non-ASN tidak tunduk pada PP 94/2021');
    expect(honorer.case.procedureNote).toContain('tidak diusulkan maupun dijatuhi hukuman disiplin ASN');
    const etika = json(
      await post(
        'kasi',
        openCaseBody(w.e.pppk.id, {
          source: 'NETRALITAS',
          violationCode: 'NETRALITAS_ETIKA',
          sourceRef: 'Rekomendasi Bawaslu 12/2027',
        }),
      ),
      201,
    );
    expect(etika.case).toMatchObject({
      procedure: 'PP94',
      track: 'etika',
      trackLabel: 'Kode etik (PP 42/2004)',
    });
    expect(etika.case.procedureNote).toContain('sanksi moral');
  });

  it('reading: parties and readers in scope see the case; outsiders get 404 and learn nothing', async () => {
    for (const who of ['kasi', 'pegawai', 'adminOpd', 'insp', 'bkd', 'kaBkd'] as const)
      expect((await w.c[who].get(`/api/discipline/cases/${caseId}`)).statusCode, who).toBe(200);
    for (const who of ['adminOther', 'rekan', 'kaban', 'other', 'jf', 'honorer'] as const) {
      const r = await w.c[who].get(`/api/discipline/cases/${caseId}`);
      expect(r.statusCode, who).toBe(404);
      expect(r.json().error.message).toBe('Kasus disiplin tidak ditemukan');
    }
    expect((await w.c.kasi.get('/api/discipline/cases/not-a-uuid')).statusCode).toBe(400);
    // The examinee may read, not act.
    const v = json(await w.c.pegawai.get(`/api/discipline/cases/${caseId}`));
    expect(v.myRole).toMatchObject({ examinee: true, examiner: false });
    expect(v.actions.filter((a: { allowed: boolean }) => a.allowed)).toEqual([]);
  });

  it('the list: only what the caller may read, with search and filters', async () => {
    const ids = async (who: keyof DisciplineWorld['c'], q = '') =>
      (
        json(await w.c[who].get(`/api/discipline/cases${q}`)).items as {
          caseNumber: string;
          employee: { id: string };
        }[]
      ).map((i) => i.employee.id);
    const all = await ids('adminOpd');
    expect(all.sort()).toEqual([w.e.pegawai.id, w.e.rekan.id, w.e.honorer.id, w.e.pppk.id].sort());
    expect(await ids('adminOther')).toEqual([]);
    expect(await ids('kaban')).toEqual([]);
    expect(await ids('rekan')).toEqual([w.e.rekan.id]);
    expect(await ids('pegawai')).toEqual([w.e.pegawai.id]);
    expect((await ids('kasi')).length).toBe(4);
    expect((await ids('insp')).length).toBe(4);
    // Search by name, NIP, case number; filters.
    expect(await ids('adminOpd', '?q=putri')).toEqual([w.e.pegawai.id]);
    expect(await ids('adminOpd', `?q=${w.e.pegawai.nip}`)).toEqual([w.e.pegawai.id]);
    const page = json(
      await w.c.adminOpd.get(`/api/discipline/cases?q=${encodeURIComponent('HD/2027')}&pageSize=2`),
    );
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(await ids('adminOpd', '?source=NETRALITAS')).toEqual([w.e.pppk.id]);
    expect((await ids('adminOpd', '?state=TELAAH')).length).toBe(4);
    expect(await ids('adminOpd', '?state=PEMERIKSAAN')).toEqual([]);
    expect((await ids('adminOpd', '?level=ringan')).length).toBe(4);
    expect(await ids('adminOpd', '?level=berat')).toEqual([]);
    expect((await ids('bkd', `?unitId=${w.u.bidang.id}`)).length).toBe(4);
    expect(await ids('bkd', `?unitId=${w.u.bapenda.id}`)).toEqual([]);
    expect((await ids('bkd', '?from=2027-02-15&to=2027-02-15')).length).toBe(4);
    expect(await ids('bkd', '?from=2027-02-16')).toEqual([]);
    const r = await w.c.bkd.get('/api/discipline/cases?from=2027-03-01&to=2027-02-01');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({
      path: 'to',
      message: 'Tanggal akhir tidak boleh sebelum tanggal mulai',
    });
  });

  it('confidentiality: the examinee and plain readers never see the team notes nor confidential steps', async () => {
    const id = await driveRinganCase(w, 'PEMERIKSAAN', {
      violationCode: 'PASAL_4',
      violationDate: '2027-02-20',
    });
    const ofKasi = json(await w.c.kasi.get(`/api/discipline/cases/${id}`));
    expect(ofKasi.examination.teamNotes).toBe('Catatan atasan: terperiksa kooperatif.');
    expect(ofKasi.timeline.map((e: { action: string }) => e.action)).toEqual([
      'open',
      'telaah',
      'summon',
      'examine',
      'teamNote',
    ]);
    for (const who of ['pegawai', 'adminOpd', 'insp'] as const) {
      const v = json(await w.c[who].get(`/api/discipline/cases/${id}`));
      expect(v.examination.teamNotes, who).toBeNull();
      expect(
        v.timeline.map((e: { action: string }) => e.action),
        who,
      ).toEqual(['open', 'telaah', 'summon', 'examine']);
      expect(JSON.stringify(v), who).not.toContain('kooperatif');
    }
    // BKD (discipline.manage) sees them as the unsur kepegawaian.
    expect(json(await w.c.bkd.get(`/api/discipline/cases/${id}`)).examination.teamNotes).toContain(
      'kooperatif',
    );
    // The examinee sees their copy of the BAP.
    const own = json(await w.c.pegawai.get(`/api/discipline/cases/${id}`));
    expect(own.examination).toMatchObject({
      examDate: '2027-03-15',
      signedByExaminee: true,
      copyGivenOn: '2027-03-15',
      examineeStatement: 'Saya lalai.',
      qa: [{ question: 'Apakah Saudara mengetahui tugas tersebut?', answer: 'Ya, saya mengetahuinya.' }],
    });
    expect(own.confidentiality).toContain('Pasal 57');
  });

  it('a Plh of the superior opens the case as PLH', async () => {
    await w.acting('jf', 'kasi', 'PLH', '2027-03-15', '2027-03-16');
    const v = json(
      await post('jf', openCaseBody(w.e.rekan.id, { violationCode: 'PASAL_5', violationDate: '2027-03-12' })),
      201,
    );
    expect(v.case.openedAs).toBe('PLH');
    expect(v.timeline[0].actingAs).toBe('PLH');
    expect(v.next.holder.employees.map((e: { id: string }) => e.id).sort()).toEqual(
      [w.e.kasi.id, w.e.jf.id].sort(),
    );
  });
});
