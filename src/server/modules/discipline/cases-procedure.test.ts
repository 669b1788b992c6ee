import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDisciplineWorld,
  json,
  openCase,
  unchanged,
  type DisciplineWho,
  type DisciplineWorld,
} from './discipline-test-world.ts';

/*
 * The procedure of a case through the real API, every step and who may take it: telaah, the team SK (rank rule,
 * the implicated superior), summons I and II with their limits, absences, the BAP, relief with a Plh, the report
 * to the competent official (hierarchical, PPK), ending without sanction, the non-ASN procedure. Bad input
 * (a summons dated before the case opened, an examination date outside the limit without a reason, …) is a clear
 * Indonesian 400 and the database stays exactly as it was. World: discipline-test-world.ts. National calendar 2027:
 * 8, 10 and 11 March are holidays / cuti bersama.
 */
describe('discipline cases: the procedure step by step', () => {
  let w: DisciplineWorld;

  beforeAll(async () => {
    w = await buildDisciplineWorld();
  }, 180_000);
  afterAll(() => w?.t.close());

  const act = (who: DisciplineWho, id: string, step: string, body: unknown) =>
    w.c[who].post(`/api/discipline/cases/${id}/${step}`, body);
  const view = async (who: DisciplineWho, id: string) =>
    json(await w.c[who].get(`/api/discipline/cases/${id}`));
  const at = (date: string) => w.setNow(`${date}T02:00:00Z`);
  const summonsBody = (letterDate: string, examDate: string, over: Record<string, unknown> = {}) => ({
    letterDate,
    examDate,
    examTime: '09:00',
    examPlace: 'Ruang pemeriksaan',
    ...over,
  });
  const bap = (examDate: string, over: Record<string, unknown> = {}) => ({
    examDate,
    mode: 'TATAP_MUKA',
    place: 'Ruang pemeriksaan',
    qa: [{ question: 'Apakah benar Saudara melakukan perbuatan itu?', answer: 'Benar.' }],
    signedByExaminee: true,
    copyGivenOn: examDate,
    ...over,
  });
  const notificationsOf = (employeeId: string, caseId: string) =>
    w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select(['n.kind', 'n.title'])
      .where('u.employeeId', '=', employeeId)
      .where('n.entityId', '=', caseId)
      .orderBy('n.createdAt')
      .execute();

  it('ringan: telaah, summons I out of its limit only with a reason, absences, summons II, decision on evidence, end', async () => {
    const opened = await openCase(w, { violationDate: '2027-02-10' });
    const id = opened.case.id as string;
    const telaah = { examiner: 'ATASAN', expectedLevel: 'ringan', note: 'Diperiksa atasan langsung.' };

    // Who may not: the examinee (403: may read, not act), a colleague (404), a plain reader (403).
    await unchanged(w.t, () => act('pegawai', id, 'telaah', telaah), 403);
    await unchanged(w.t, () => act('rekan', id, 'telaah', telaah), 404);
    await unchanged(w.t, () => act('adminOpd', id, 'telaah', telaah), 403);
    let r = await unchanged(w.t, () => act('kasi', id, 'telaah', { ...telaah, examiner: 'TIM' }), 400);
    expect(r.error.message).toBe(
      'Dugaan pelanggaran tingkat ringan diperiksa oleh atasan langsung; tim pemeriksa tidak dibentuk (Peraturan BKN 6/2022 Pasal 29)',
    );
    // Not yet: a summons before the telaah is a wrong state (409).
    await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-03-01', '2027-03-15')), 409);

    let v = json(await act('kasi', id, 'telaah', telaah));
    expect(v.case).toMatchObject({ state: 'PEMANGGILAN', examinerKind: 'ATASAN' });
    expect(v.next).toMatchObject({ step: 'Terbitkan surat panggilan I', due: null });

    // Bad input: a summons dated before the case was opened, a letter in the future, an examination date
    // closer than the 7 working days of notice without a reason.
    r = await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-02-28', '2027-03-15')), 400);
    expect(r.error.message).toBe(
      'Tanggal surat panggilan 28/02/2027 tidak boleh sebelum kasus dibuka (01/03/2027)',
    );
    expect(r.error.details[0].path).toBe('letterDate');
    r = await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-03-02', '2027-03-15')), 400);
    expect(r.error.message).toContain('tidak boleh setelah hari ini (01/03/2027)');
    r = await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-03-01', '2027-03-05')), 400);
    expect(r.error.message).toBe(
      'Tanggal pemeriksaan 05/03/2027 di luar batas: surat panggilan tanggal 01/03/2027 harus diterima paling lambat 7 hari kerja sebelum pemeriksaan, jadi pemeriksaan paling cepat 15/03/2027 (PP 94/2021 Pasal 26 ayat (2)). Isi alasan bila tetap dilakukan.',
    );
    expect(r.error.details[0]).toMatchObject({
      path: 'examDate',
      limitDate: '2027-03-15',
      bound: 'onOrAfter',
    });
    await unchanged(w.t, () => act('rekan', id, 'summons', summonsBody('2027-03-01', '2027-03-15')), 404);
    await unchanged(w.t, () => act('pegawai', id, 'summons', summonsBody('2027-03-01', '2027-03-15')), 403);
    expect((await view('kasi', id)).case.state).toBe('PEMANGGILAN');

    // With a recorded reason the short notice is allowed, and the reason is in the timeline.
    v = json(
      await act(
        'kasi',
        id,
        'summons',
        summonsBody('2027-03-01', '2027-03-05', { lateReason: 'Pegawai akan cuti panjang mulai 8 Maret.' }),
      ),
    );
    expect(v.case.state).toBe('PANGGILAN_I');
    expect(v.summonses[0]).toMatchObject({
      seq: 1,
      letterNumber: `${opened.case.caseNumber}/PGL-I`,
      examDate: '2027-03-05',
      withinLimit: false,
      lateReason: 'Pegawai akan cuti panjang mulai 8 Maret.',
      attended: null,
      limit: { date: '2027-03-15', bound: 'onOrAfter', overdue: false },
    });
    expect(v.summonses[0].limit.legalBasis).toMatchObject({
      regulation: 'PP 94/2021',
      article: 'Pasal 26 ayat (2)',
    });
    expect(v.timeline.at(-1)).toMatchObject({
      action: 'summon',
      reason: 'Pegawai akan cuti panjang mulai 8 Maret.',
    });
    expect(v.next.due).toMatchObject({ date: '2027-03-05', overdue: false });
    expect(await notificationsOf(w.e.pegawai.id, id)).toEqual([
      { kind: 'discipline_case_update', title: 'Surat panggilan I pemeriksaan disiplin' },
    ]);

    // An absence only on or after the examination date; summons II only after an absence.
    r = await unchanged(w.t, () => act('kasi', id, 'absence', { note: 'Tidak hadir.' }), 400);
    expect(r.error.message).toBe(
      'Ketidakhadiran baru dapat dicatat pada atau setelah tanggal pemeriksaan 05/03/2027',
    );
    r = await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-03-01', '2027-03-15')), 409);
    expect(r.error.message).toContain('setelah ketidakhadiran pada panggilan I dicatat');

    await at('2027-03-05');
    v = json(await act('kasi', id, 'absence', { note: 'Tidak hadir tanpa keterangan.' }));
    expect(v.case.state).toBe('PANGGILAN_I');
    expect(v.summonses[0].attended).toBe(false);
    expect(v.next.step).toBe('Terbitkan surat panggilan II');
    const secondBy = v.next.due.date as string;
    expect(v.next.due).toMatchObject({ bound: 'onOrBefore', overdue: false });
    expect(v.next.due.legalBasis.article).toBe('Pasal 26 ayat (3)');
    // 7 working days after 5 March 2027 without 8, 10 and 11 March.
    expect(secondBy).toBe(
      ['2027-03-09', '2027-03-12', '2027-03-15', '2027-03-16', '2027-03-17', '2027-03-18', '2027-03-19'].at(
        -1,
      ),
    );
    await unchanged(w.t, () => act('kasi', id, 'absence', { note: 'Lagi.' }), 409);
    r = await unchanged(w.t, () => act('kasi', id, 'examination', bap('2027-03-05')), 409);
    expect(r.error.message).toContain('tidak hadir pada panggilan I');

    // Summons II after its limit only with a reason.
    await at('2027-03-22');
    expect((await view('kasi', id)).next.due.overdue).toBe(true);
    r = await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-03-22', '2027-03-31')), 400);
    expect(r.error.message).toBe(
      'Surat panggilan II tanggal 22/03/2027 melewati batas: paling lambat 19/03/2027, 7 hari kerja sejak pemeriksaan yang tidak dihadiri 05/03/2027 (PP 94/2021 Pasal 26 ayat (3)). Isi alasan bila tetap diterbitkan.',
    );
    v = json(
      await act(
        'kasi',
        id,
        'summons',
        summonsBody('2027-03-22', '2027-03-31', {
          lateReason: 'Atasan dinas luar 15–19 Maret.',
          letterNumber: '800/22/SURV/2027',
        }),
      ),
    );
    expect(v.case.state).toBe('PANGGILAN_II');
    expect(v.summonses[1]).toMatchObject({
      seq: 2,
      letterNumber: '800/22/SURV/2027',
      withinLimit: false,
      limit: { date: '2027-03-19' },
    });

    // Absent again: the competent official decides on the evidence (PP 94/2021 Pasal 26 ayat (4)).
    await at('2027-03-31');
    v = json(await act('kasi', id, 'absence', { note: 'Tidak hadir lagi.' }));
    expect(v.case.state).toBe('PENJATUHAN');
    expect(v.next.step).toContain('berdasarkan bukti yang ada (PP 94/2021 Pasal 26 ayat (4))');
    // Ringan for a pelaksana: the Pengawas one level above (kasi) decides.
    expect(v.next.holder.employees.map((e: { id: string }) => e.id)).toEqual([w.e.kasi.id]);
    expect((await notificationsOf(w.e.pegawai.id, id)).map((n) => n.title)).toEqual([
      'Surat panggilan I pemeriksaan disiplin',
      'Anda tercatat tidak hadir pada panggilan I',
      'Surat panggilan II pemeriksaan disiplin',
      'Anda tercatat tidak hadir pada panggilan II',
    ]);

    // Ending without sanction: not by a colleague; the ethics reason only for the ethics track.
    await unchanged(w.t, () => act('rekan', id, 'end', { reason: 'TIDAK_TERBUKTI', note: 'x' }), 404);
    r = await unchanged(
      w.t,
      () => act('kasi', id, 'end', { reason: 'ETIKA_SELESAI', note: 'Selesai.' }),
      400,
    );
    expect(r.error.message).toContain('hanya untuk kasus pelanggaran kode etik');
    v = json(await act('kasi', id, 'end', { reason: 'TIDAK_TERBUKTI', note: 'Bukti daftar hadir keliru.' }));
    expect(v.case).toMatchObject({
      state: 'DIHENTIKAN',
      final: true,
      underExamination: false,
      endedReason: 'TIDAK_TERBUKTI',
    });
    expect(v.next).toBeNull();
    await unchanged(w.t, () => act('kasi', id, 'end', { reason: 'TIDAK_TERBUKTI', note: 'lagi' }), 409);
    expect((await notificationsOf(w.e.pegawai.id, id)).map((n) => n.title)).toContain(
      `Kasus disiplin ${opened.case.caseNumber} dihentikan`,
    );

    const audit = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', id)
      .orderBy('id')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'discipline.case_opened',
      'discipline.case_reviewed',
      'discipline.case_summoned',
      'discipline.case_absence',
      'discipline.case_summoned',
      'discipline.case_absence',
      'discipline.case_ended',
    ]);
    expect(v.timeline.map((e: { action: string }) => e.action)).toEqual([
      'open',
      'telaah',
      'summon',
      'recordAbsence',
      'summon',
      'recordAbsence',
      'end',
    ]);
  });

  let beratId: string;

  it('berat: a team is mandatory; relief with a Plh of the same unit; the team SK with the rank rule', async () => {
    await at('2027-04-05');
    const opened = await openCase(w, {
      violationCode: 'PASAL_5',
      violationDate: '2027-03-30',
      expectedLevel: 'berat',
    });
    const id = (beratId = opened.case.id);
    let r = await unchanged(
      w.t,
      () => act('kasi', id, 'telaah', { examiner: 'ATASAN', expectedLevel: 'berat', note: 'Atasan saja.' }),
      400,
    );
    expect(r.error.message).toContain('wajib diperiksa oleh tim pemeriksa');
    let v = json(
      await act('kasi', id, 'telaah', { examiner: 'TIM', expectedLevel: 'berat', note: 'Dugaan berat.' }),
    );
    expect(v.case.state).toBe('PEMBENTUKAN_TIM');
    expect(v.next).toMatchObject({
      step: 'Bentuk tim pemeriksa (catat SK tim)',
      holder: { employees: [], roles: ['discipline.manage'] },
    });
    // BKD holds the step: its accounts over the unit are told.
    for (const who of ['bkd', 'kaBkd'] as const)
      expect(
        (await notificationsOf(w.e[who].id, id)).map((n) => n.kind),
        who,
      ).toEqual(['discipline_case_waiting']);

    // Relief (expected berat): by the superior, a Plh of the same unit, never the examinee.
    const relief = {
      from: '2027-04-06',
      plhEmployeeId: w.e.rekan.id,
      reason: 'Agar pemeriksaan tidak terganggu.',
    };
    await unchanged(w.t, () => act('rekan', id, 'relief', relief), 404);
    await unchanged(w.t, () => act('adminOpd', id, 'relief', relief), 403);
    r = await unchanged(
      w.t,
      () => act('kasi', id, 'relief', { ...relief, plhEmployeeId: w.e.other.id }),
      400,
    );
    expect(r.error.message).toBe(
      'Plh harus pegawai pada unit kerja yang sama dengan pegawai yang dibebaskan (Seksi Surveilans)',
    );
    r = await unchanged(
      w.t,
      () => act('kasi', id, 'relief', { ...relief, plhEmployeeId: w.e.pegawai.id }),
      400,
    );
    expect(r.error.details[0].path).toBe('plhEmployeeId');
    r = await unchanged(w.t, () => act('kasi', id, 'relief', { ...relief, from: '2027-04-01' }), 400);
    expect(r.error.message).toBe('Tanggal mulai 01/04/2027 tidak boleh sebelum kasus dibuka (05/04/2027)');
    v = json(await act('kasi', id, 'relief', relief));
    expect(v.relief).toMatchObject({
      from: '2027-04-06',
      to: null,
      plh: { id: w.e.rekan.id, name: 'Rudi Rekan' },
    });
    expect(v.relief.note).toContain('tetap menerima penghasilan penuh');
    expect(v.timeline.at(-1)).toMatchObject({
      action: 'relieve',
      reason: 'Agar pemeriksaan tidak terganggu.',
    });
    await unchanged(w.t, () => act('kasi', id, 'relief', relief), 409);

    // The team SK: only BKD; every role present; nobody of lower rank; the direct superior as atasan.
    const team = (members: [DisciplineWho, string, boolean?][], over: Record<string, unknown> = {}) => ({
      skNumber: '800/123/BKD/2027',
      skDate: '2027-04-05',
      members: members.map(([who, role, isChair]) => ({ employeeId: w.e[who].id, role, isChair: !!isChair })),
      ...over,
    });
    const good: [DisciplineWho, string, boolean?][] = [
      ['kasi', 'ATASAN'],
      ['insp', 'INSPEKTORAT'],
      ['bkd', 'BKD', true],
    ];
    await unchanged(w.t, () => act('kasi', id, 'team', team(good)), 403);
    await unchanged(w.t, () => act('adminOpd', id, 'team', team(good)), 403);
    r = await unchanged(
      w.t,
      () =>
        act(
          'bkd',
          id,
          'team',
          team([
            ['kasi', 'ATASAN'],
            ['insp', 'INSPEKTORAT'],
            ['bkdStaf', 'BKD'],
          ]),
        ),
      400,
    );
    expect(r.error.message).toBe(
      'Anggota tim pemeriksa tidak boleh berjabatan lebih rendah dari pegawai yang diperiksa (kelas jabatan 6, pegawai yang diperiksa kelas jabatan 7; Peraturan BKN 6/2022 Pasal 29)',
    );
    expect(r.error.details[0].path).toBe('members[2].employeeId');
    r = await unchanged(
      w.t,
      () =>
        act(
          'bkd',
          id,
          'team',
          team([
            ['kasi', 'ATASAN'],
            ['bkd', 'BKD'],
          ]),
        ),
      400,
    );
    expect(r.error.message).toContain('harus memuat unsur pengawasan (Inspektorat)');
    r = await unchanged(
      w.t,
      () =>
        act(
          'bkd',
          id,
          'team',
          team([
            ['kabid', 'ATASAN'],
            ['insp', 'INSPEKTORAT'],
            ['bkd', 'BKD'],
          ]),
        ),
      400,
    );
    expect(r.error.message).toContain(
      'harus atasan langsung pegawai pada 05/04/2027 (atau Plt/Plh-nya), yaitu Kepala Seksi Surveilans (Kiki Kasi)',
    );
    r = await unchanged(w.t, () => act('bkd', id, 'team', team(good, { skDate: '2027-04-02' })), 400);
    expect(r.error.message).toBe('Tanggal SK tim 02/04/2027 tidak boleh sebelum kasus dibuka (05/04/2027)');
    r = await unchanged(w.t, () => act('bkd', id, 'team', team([...good, ['pegawai', 'LAINNYA']])), 400);
    expect(r.error.message).toBe('Pegawai yang diperiksa tidak dapat menjadi anggota tim pemeriksa');

    v = json(await act('bkd', id, 'team', team(good)));
    expect(v.case.state).toBe('PEMANGGILAN');
    expect(v.team).toMatchObject({
      skNumber: '800/123/BKD/2027',
      skDate: '2027-04-05',
      superiorImplicatedReason: null,
    });
    expect(v.team.members).toEqual([
      expect.objectContaining({
        employeeId: w.e.bkd.id,
        role: 'BKD',
        isChair: true,
        positionName: 'Kepala Bidang Pembinaan',
      }),
      expect.objectContaining({ employeeId: w.e.kasi.id, role: 'ATASAN', isChair: false }),
      expect.objectContaining({ employeeId: w.e.insp.id, role: 'INSPEKTORAT' }),
    ]);
    expect(v.next.holder.employees.map((e: { id: string }) => e.id).sort()).toEqual(
      [w.e.kasi.id, w.e.insp.id, w.e.bkd.id].sort(),
    );
    expect((await notificationsOf(w.e.insp.id, id)).map((n) => n.title)).toContain(
      `Anda anggota tim pemeriksa kasus disiplin ${opened.case.caseNumber}`,
    );
  });

  it('berat: the team summons, examines (refusal to sign noted) and reports to the PPK through BKD', async () => {
    const id = beratId;
    // The earliest examination date comes back with the refusal of a too-short notice.
    let r = await unchanged(
      w.t,
      () => act('insp', id, 'summons', summonsBody('2027-04-05', '2027-04-06')),
      400,
    );
    const earliest = r.error.details[0].limitDate as string;
    expect(earliest).toBe('2027-04-14');
    await unchanged(w.t, () => act('rekan', id, 'summons', summonsBody('2027-04-05', earliest)), 404);
    let v = json(await act('insp', id, 'summons', summonsBody('2027-04-05', earliest)));
    expect(v.case.state).toBe('PANGGILAN_I');
    expect(v.summonses[0]).toMatchObject({ withinLimit: true, lateReason: null });

    await at(earliest);
    await unchanged(w.t, () => act('adminOpd', id, 'examination', bap(earliest)), 403);
    r = await unchanged(w.t, () => act('bkd', id, 'examination', bap('2027-04-02')), 400);
    expect(r.error.message).toBe(
      'Tanggal pemeriksaan 02/04/2027 tidak boleh sebelum tanggal surat panggilan I (05/04/2027)',
    );
    r = await unchanged(
      w.t,
      () => act('bkd', id, 'examination', bap(earliest, { examDate: '2027-04-13' })),
      400,
    );
    expect(r.error.message).toContain('di luar batas panggilan I: pemeriksaan paling cepat 14/04/2027');
    r = await unchanged(
      w.t,
      () => act('bkd', id, 'examination', bap(earliest, { signedByExaminee: false })),
      400,
    );
    expect(r.error.details[0]).toMatchObject({
      path: 'refusalNote',
      message: 'Catatan penolakan wajib diisi bila terperiksa tidak menandatangani BAP',
    });
    r = await unchanged(w.t, () => act('bkd', id, 'examination', bap('2027-04-15')), 400);
    expect(r.error.message).toContain('belum dapat dicatat');
    v = json(
      await act(
        'bkd',
        id,
        'examination',
        bap(earliest, {
          signedByExaminee: false,
          refusalNote: 'Terperiksa menolak menandatangani BAP.',
          teamNotes: 'Keterangan saksi memberatkan.',
        }),
      ),
    );
    expect(v.case.state).toBe('PEMERIKSAAN');
    expect(v.examination).toMatchObject({
      signedByExaminee: false,
      refusalNote: 'Terperiksa menolak menandatangani BAP.',
    });
    expect(v.examination.teamNotes).toBe('Keterangan saksi memberatkan.');
    const own = await view('pegawai', id);
    expect(own.examination.teamNotes).toBeNull();
    expect(own.examination.refusalNote).toBe('Terperiksa menolak menandatangani BAP.');
    expect(own.timeline.some((e: { confidential: boolean }) => e.confidential)).toBe(false);
    expect((await view('kasi', id)).examination.teamNotes).toBe('Keterangan saksi memberatkan.');

    // The report: a sanction of the level found and of the employee's track.
    const report = {
      summary: 'Terbukti menyalahgunakan wewenang.',
      foundLevel: 'berat',
      proposedSanction: 'B1',
    };
    await unchanged(w.t, () => act('pegawai', id, 'report', report), 403);
    r = await unchanged(w.t, () => act('insp', id, 'report', { ...report, proposedSanction: 'R1' }), 400);
    expect(r.error.message).toBe(
      'Hukuman R1 (teguran lisan) bertingkat ringan, bukan berat sesuai hasil pemeriksaan',
    );
    r = await unchanged(
      w.t,
      () => act('insp', id, 'report', { ...report, proposedSanction: 'PPPK_PHK' }),
      400,
    );
    expect(r.error.message).toContain('tidak berlaku bagi pegawai berjenis PNS');
    r = await unchanged(w.t, () => act('insp', id, 'report', { ...report, proposedSanction: null }), 400);
    expect(r.error.message).toBe('Usulan jenis hukuman disiplin wajib diisi');
    v = json(await act('insp', id, 'report', report));
    expect(v.case.state).toBe('PENJATUHAN');
    expect(v.examination.report).toMatchObject({
      foundLevel: 'berat',
      proposedSanction: 'B1',
      proposedSanctionName: 'penurunan jabatan setingkat lebih rendah selama 12 bulan',
      reportedTo: { kind: 'ppk', hierarchical: true, deciderIds: [] },
    });
    // The LHP is the examiners' report to the competent official: the examinee sees neither it nor its document.
    expect((await view('pegawai', id)).examination.report).toBeNull();
    expect(v.next).toMatchObject({
      step: 'Keputusan hukuman disiplin oleh PPK (dicatat BKD)',
      holder: { employees: [], roles: ['discipline.manage'] },
    });
    expect((await notificationsOf(w.e.kaBkd.id, id)).at(-1)?.title).toBe(
      `Laporan hasil pemeriksaan kasus disiplin ${v.case.caseNumber}`,
    );
    const bkdActions = Object.fromEntries(
      (await view('bkd', id)).actions.map((a: { action: string; allowed: boolean }) => [a.action, a.allowed]),
    );
    expect(bkdActions).toMatchObject({ decide: true, end: true, report: false });
  });

  it('the implicated superior: the next superior sits in the team and the direct superior in no role', async () => {
    await at('2027-04-05');
    const opened = await openCase(w, {
      violationCode: 'PASAL_5',
      violationDate: '2027-03-31',
      expectedLevel: 'berat',
    });
    const id = opened.case.id as string;
    json(
      await act('kasi', id, 'telaah', {
        examiner: 'TIM',
        expectedLevel: 'berat',
        note: 'Atasan langsung diduga terlibat.',
      }),
    );
    const team = (atasan: DisciplineWho, extra: [DisciplineWho, string][] = []) => ({
      skNumber: '800/124/BKD/2027',
      skDate: '2027-04-05',
      superiorImplicated: { reason: 'Kepala Seksi turut menandatangani dokumen yang diperiksa.' },
      members: [
        { employeeId: w.e[atasan].id, role: 'ATASAN', isChair: true },
        { employeeId: w.e.insp.id, role: 'INSPEKTORAT' },
        { employeeId: w.e.bkd.id, role: 'BKD' },
        ...extra.map(([who, role]) => ({ employeeId: w.e[who].id, role })),
      ],
    });
    let r = await unchanged(w.t, () => act('bkd', id, 'team', team('kasi')), 400);
    expect(r.error.message).toBe(
      'Atasan langsung terlibat: unsur atasan dalam tim harus atasan berikutnya pegawai pada 05/04/2027, yaitu Kepala Bidang P2P (Budi Kabid) (Peraturan BKN 6/2022 Pasal 29 ayat (6))',
    );
    r = await unchanged(w.t, () => act('bkd', id, 'team', team('kabid', [['kasi', 'LAINNYA']])), 400);
    expect(r.error.message).toContain(
      'Atasan langsung yang terlibat tidak dapat menjadi anggota tim pemeriksa',
    );
    expect(r.error.details[0].path).toBe('members[3].employeeId');
    // kabid is not a party yet.
    expect((await w.c.kabid.get(`/api/discipline/cases/${id}`)).statusCode).toBe(404);
    const v = json(await act('bkd', id, 'team', team('kabid')));
    expect(v.team.superiorImplicatedReason).toBe('Kepala Seksi turut menandatangani dokumen yang diperiksa.');
    expect(v.timeline.at(-1)).toMatchObject({
      action: 'formTeam',
      reason: 'Kepala Seksi turut menandatangani dokumen yang diperiksa.',
    });
    // The next superior is now a party and an examiner; the implicated direct superior may read but not act.
    expect((await view('kabid', id)).myRole).toMatchObject({ teamMember: true, examiner: true });
    r = await unchanged(w.t, () => act('kasi', id, 'summons', summonsBody('2027-04-05', '2027-04-14')), 403);
    expect(r.error.message).toBe('Hanya anggota tim pemeriksa kasus ini yang dapat melakukan langkah ini');
    expect(json(await act('kabid', id, 'summons', summonsBody('2027-04-05', '2027-04-14'))).case.state).toBe(
      'PANGGILAN_I',
    );
  });

  it('sedang examined by the superior: the report goes hierarchically to the official two levels above', async () => {
    await at('2027-05-03');
    const opened = await openCase(w, {
      violationCode: 'PASAL_4',
      violationDate: '2027-04-28',
      expectedLevel: 'sedang',
    });
    const id = opened.case.id as string;
    json(
      await act('kasi', id, 'telaah', { examiner: 'ATASAN', expectedLevel: 'sedang', note: 'Cukup atasan.' }),
    );
    const r = await unchanged(
      w.t,
      () => act('kasi', id, 'summons', summonsBody('2027-05-03', '2027-05-04')),
      400,
    );
    const examDate = r.error.details[0].limitDate as string;
    json(await act('kasi', id, 'summons', summonsBody('2027-05-03', examDate)));
    await at(examDate);
    json(await act('kasi', id, 'examination', bap(examDate)));
    await unchanged(
      w.t,
      () => act('kasi', id, 'relief', { from: examDate, plhEmployeeId: w.e.rekan.id, reason: 'x' }),
      400,
    );
    expect((await w.c.kabid.get(`/api/discipline/cases/${id}`)).statusCode).toBe(404);
    const v = json(
      await act('kasi', id, 'report', { summary: 'Terbukti.', foundLevel: 'sedang', proposedSanction: 'S1' }),
    );
    expect(v.examination.report.reportedTo).toMatchObject({
      kind: 'chain',
      name: 'Budi Kabid',
      positionName: 'Kepala Bidang P2P',
      deciderIds: [w.e.kabid.id],
      hierarchical: true,
    });
    expect(v.next).toMatchObject({
      step: 'Keputusan hukuman disiplin oleh Kepala Bidang P2P',
      holder: { employees: [{ id: w.e.kabid.id }], roles: [] },
    });
    // The competent official is now a party: sees the case in the view and the list, and may decide.
    const ofKabid = await view('kabid', id);
    expect(ofKabid.actions.find((a: { action: string }) => a.action === 'decide')).toMatchObject({
      allowed: true,
    });
    const list = json(await w.c.kabid.get('/api/discipline/cases'));
    expect(list.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await notificationsOf(w.e.kabid.id, id)).map((n) => n.kind)).toEqual(['discipline_case_waiting']);
  });

  it('non-ASN (INTERNAL): examined the same way, no ASN sanction proposed, ended after the follow-up', async () => {
    await at('2027-05-03');
    const v0 = json(
      await w.c.kasi.post('/api/discipline/cases', {
        employeeId: w.e.honorer.id,
        source: 'PENGADUAN',
        violationCode: 'PASAL_3',
        violationDate: '2027-04-29',
        description: 'Meninggalkan tempat tugas tanpa izin berulang kali.',
        expectedLevel: 'ringan',
      }),
      201,
    );
    const id = v0.case.id as string;
    json(await act('kasi', id, 'telaah', { examiner: 'ATASAN', expectedLevel: 'ringan', note: 'Atasan.' }));
    const r0 = await unchanged(
      w.t,
      () => act('kasi', id, 'summons', summonsBody('2027-05-03', '2027-05-03')),
      400,
    );
    const examDate = r0.error.details[0].limitDate as string;
    json(await act('kasi', id, 'summons', summonsBody('2027-05-03', examDate)));
    await at(examDate);
    json(await act('kasi', id, 'examination', bap(examDate)));
    const r = await unchanged(
      w.t,
      () => act('kasi', id, 'report', { summary: 'Terbukti.', foundLevel: 'ringan', proposedSanction: 'R1' }),
      400,
    );
    expect(r.error.message).toContain('Pegawai non-ASN tidak dijatuhi hukuman disiplin ASN');
    let v = json(
      await act('kasi', id, 'report', { summary: 'Terbukti.', foundLevel: 'ringan', proposedSanction: null }),
    );
    expect(v.case.state).toBe('PENJATUHAN');
    expect(v.examination.report.reportedTo).toBeNull();
    expect(v.next).toMatchObject({
      step: 'Tindak lanjut menurut SK pengangkatan/perjanjian kerja, lalu hentikan kasus',
      holder: { employees: [{ id: w.e.kasi.id }] },
    });
    v = json(await act('kasi', id, 'end', { reason: 'LAINNYA', note: 'Teguran sesuai perjanjian kerja.' }));
    expect(v.case).toMatchObject({ state: 'DIHENTIKAN', endedReason: 'LAINNYA' });
  });
});
