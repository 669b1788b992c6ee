import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { multipart } from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import {
  buildDisciplineWorld,
  driveRinganCase,
  json,
  type DisciplineWho,
  type DisciplineWorld,
} from './discipline-test-world.ts';
import {
  seedCase,
  seedExamination,
  seedSanction,
  seedSummons,
  seedTeam,
  setState,
  type SeededCase,
} from './documents-test-seed.ts';

/*
 * Documents of discipline cases (issue 16 point 4) through the API on the shared discipline world (Monday
 * 1 March 2027, 09:00 WIB). Most cases are written straight into the tables (documents-test-seed.ts) at the step
 * each test reads (a team, two summonses, a refused BAP, a PPK decision by post…); the last test drives a ringan case
 * through the procedure's and the sanctions' routes and prints what they left. Checked: every kind generated with its
 * number, names, dd/MM/yyyy dates and Plt./Plh.; 409 while its data is missing; the examinee sees only their own
 * documents; another OPD's admin sees nothing; every view logged; uploads refused (too large, disguised) write
 * nothing.
 */

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdfBytes = (tag: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${tag}\ntrailer <<>>\n%%EOF\n`);

async function pdfText(res: {
  rawPayload: Buffer;
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const doc = await getDocumentProxy(new Uint8Array(res.rawPayload));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('discipline documents', () => {
  let w: DisciplineWorld;
  /** Ringan case on pegawai examined by the superior (summons by a Plt), decided by a Plh, delivered in person. */
  let a: SeededCase;
  /** Sedang case on rekan with a team, two summonses, a refused BAP, a PPK decision with its interim form, by post. */
  let b: SeededCase;
  /** A case still in telaah (nothing printable). */
  let c: SeededCase;

  const get = (who: DisciplineWho, url: string) => w.c[who].get(url);
  const doc = (who: DisciplineWho, k: SeededCase, kind: string) =>
    get(who, `/api/discipline/cases/${k.id}/documents/${kind}`);
  const upload = (
    who: DisciplineWho,
    k: SeededCase,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer; type?: string },
  ) => {
    const mp = multipart(fields, file ? { field: 'file', ...file } : undefined);
    return w.c[who].request({
      method: 'POST',
      url: `/api/discipline/cases/${k.id}/documents`,
      payload: mp.payload,
      headers: mp.headers,
    });
  };
  /** A refused request leaves every table as it was (sessions aside: every signed-in request touches its own). */
  async function nothingWritten(send: () => Promise<{ statusCode: number; body: string }>, status: number) {
    const before = await dbFingerprint(w.t.db);
    const res = await send();
    expect(res.statusCode, res.body).toBe(status);
    expect(changedTables(before, await dbFingerprint(w.t.db)).filter((x) => x !== 'sessions')).toEqual([]);
    return JSON.parse(res.body) as { error: { code: string; message: string } };
  }
  const viewsOf = async (caseId: string) =>
    w.t.db
      .selectFrom('attachmentViews as v')
      .innerJoin('disciplineDocuments as d', 'd.id', 'v.ownerId')
      .select(['d.kind', 'v.sha256', 'v.viewerId', 'v.ownerKind', 'v.attachmentId'])
      .where('d.caseId', '=', caseId)
      .execute();

  beforeAll(async () => {
    w = await buildDisciplineWorld();
    // A: jf signs summons I as Plt of the kasi post; the kasi decides R2 as Plh.
    await w.acting('jf', 'kasi', 'PLT', '2027-02-20', null);
    a = await seedCase(w, { employee: 'pegawai', state: 'PEMERIKSAAN', expectedLevel: 'ringan' });
    await seedSummons(w, a.id, {
      seq: 1,
      letterNumber: '800/01/SURV/2027',
      letterDate: '2027-03-01',
      examDate: '2027-03-10',
      examTime: '09:30',
      by: 'jf',
      actingAs: 'PLT',
      attended: true,
    });
    await seedExamination(w, a.id, {
      examDate: '2027-03-10',
      report: {
        summary: 'Terbukti lalai menyelesaikan laporan bulanan.',
        foundLevel: 'ringan',
        proposedSanction: 'R2',
        to: { name: 'Kiki Kasi', positionName: 'Kepala Seksi Surveilans', deciderIds: [w.e.kasi.id] },
        at: '2027-03-11T03:00:00Z',
      },
    });
    await seedSanction(w, a.id, {
      employee: 'pegawai',
      code: 'R2',
      level: 'ringan',
      name: 'teguran tertulis',
      skNumber: '800/05/SURV/2027',
      skDate: '2027-03-15',
      decidedBy: 'kasi',
      decidedAs: 'PLH',
      authority: { kind: 'chain', name: 'Kiki Kasi', positionName: 'Kepala Seksi Surveilans' },
      method: 'langsung',
      summonedOn: '2027-03-16',
      receivedOn: '2027-03-16',
      deliveredBy: 'kasi',
      effectiveOn: '2027-04-07',
      status: 'DISAMPAIKAN',
    });
    await setState(w, a.id, 'MENUNGGU_BERLAKU');

    b = await seedCase(w, {
      employee: 'rekan',
      state: 'PENJATUHAN',
      expectedLevel: 'sedang',
      examinerKind: 'TIM',
    });
    await seedTeam(w, b.id, {
      skNumber: '800.1.6/12/BKD/2027',
      skDate: '2027-03-02',
      members: [
        { who: 'kabid', role: 'ATASAN', isChair: true, position: 'Kepala Bidang P2P' },
        { who: 'insp', role: 'INSPEKTORAT', position: 'Inspektur Pembantu I' },
        { who: 'bkd', role: 'BKD', position: 'Kepala Bidang Pembinaan' },
      ],
    });
    await seedSummons(w, b.id, {
      seq: 1,
      letterNumber: '',
      letterDate: '2027-03-02',
      examDate: '2027-03-11',
      by: 'kabid',
      attended: false,
    });
    await seedSummons(w, b.id, {
      seq: 2,
      letterNumber: '800/07/P2P/2027',
      letterDate: '2027-03-12',
      examDate: '2027-03-19',
      examTime: '10:00',
      examPlace: 'Ruang rapat Bidang P2P',
      by: 'kabid',
      attended: true,
    });
    await seedExamination(w, b.id, {
      examDate: '2027-03-19',
      by: 'kabid',
      signedByExaminee: false,
      refusalNote: 'terperiksa meninggalkan ruangan',
      report: {
        summary: 'Terbukti berulang kali tidak menyelesaikan tugas sehingga berdampak pada instansi.',
        foundLevel: 'sedang',
        proposedSanction: 'S1',
        to: { name: 'Ratna Kadis', positionName: 'Kepala Dinas Kesehatan', deciderIds: [w.e.kadis.id] },
        at: '2027-03-22T03:00:00Z',
      },
    });
    await seedSanction(w, b.id, {
      employee: 'rekan',
      code: 'S1',
      applied: 'KGB_TUNDA_1TH',
      level: 'sedang',
      name: 'pemotongan tunjangan kinerja 25% selama 6 bulan',
      durationMonths: 6,
      skNumber: '800.1.6/33/BKD/2027',
      skDate: '2027-03-24',
      decidedBy: 'bkd',
      decidedAs: 'PPK',
      authority: {
        kind: 'ppk',
        name: 'Pejabat Pembina Kepegawaian',
        positionName: 'Pejabat Pembina Kepegawaian',
      },
      method: 'pos',
      summonedOn: '2027-03-25',
      postedOn: '2027-03-26',
      receivedOn: '2027-03-29',
      deliveredBy: 'bkd',
    });

    c = await seedCase(w, { employee: 'pppk', state: 'TELAAH' });
  }, 180_000);
  afterAll(() => w?.t.close());

  it('prints summons I with the entered number, the names, dd/MM/yyyy dates and the Plt. who signed it', async () => {
    const text = await pdfText(await doc('kasi', a, 'PANGGILAN_I'));
    expect(text).toContain('SURAT PANGGILAN I');
    expect(text).toContain('Nomor: 800/01/SURV/2027');
    expect(text).toContain('RAHASIA');
    expect(text).toContain('Putri Pegawai');
    expect(text).toContain('Rabu, 10/03/2027');
    expect(text).toContain('09:30');
    expect(text).toContain('Pasal 3 huruf e');
    expect(text).toContain('01/03/2027');
    expect(text).toContain('Plt. Kepala Seksi Surveilans');
    expect(text).toContain('Joko Epidemiolog');
    expect(text).toContain('DINAS KESEHATAN'); // the OPD's letterhead
    expect(text).toContain('Jabatan : Plt. Kepala Seksi Surveilans'); // whom the employee faces
  });

  it('prints every kind of the two cases with its number, and nothing of the team notes', async () => {
    const bap = await pdfText(await doc('kasi', a, 'BAP'));
    expect(bap).toContain('BERITA ACARA PEMERIKSAAN');
    expect(bap).toContain(`Nomor: ${a.caseNumber}/BAP`); // no BKD scheme: the built-in number
    expect(bap).toContain('Rabu, 10/03/2027');
    expect(bap).toContain('Mengapa tugas tidak diselesaikan?');
    expect(bap).toContain('Saya lalai.');
    expect(bap).not.toContain('RAHASIA-TIM');

    const lhp = await pdfText(await doc('kasi', a, 'LHP'));
    expect(lhp).toContain('LAPORAN HASIL PEMERIKSAAN');
    expect(lhp).toContain('teguran tertulis (R2)');
    expect(lhp).toContain('Kepala Seksi Surveilans');
    expect(lhp).toContain('11/03/2027');

    const sk = await pdfText(await doc('kasi', a, 'SK_HUKDIS'));
    expect(sk).toContain('Nomor: 800/05/SURV/2027');
    expect(sk).toContain('PENJATUHAN HUKUMAN DISIPLIN');
    expect(sk).toContain('teguran tertulis');
    expect(sk).toContain('15/03/2027');
    expect(sk).toContain('Plh. Kepala Seksi Surveilans');
    expect(sk).toContain('Kiki Kasi');
    expect(sk).toContain('hari kerja ke-15');
    expect(sk).toContain('keberatan');
    expect(sk).toContain('paling lama 14 hari kerja');
    expect(sk).toContain('Rabu, 07/04/2027'); // the effective date computed by the sanctions section

    const ba = await pdfText(await doc('kasi', a, 'BA_PENYAMPAIAN'));
    expect(ba).toContain('BERITA ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN');
    expect(ba).toContain('Keputusan Nomor 800/05/SURV/2027 tanggal 15/03/2027');
    expect(ba).toContain('Selasa, 16/03/2027');
    expect(ba).toContain('Diserahkan langsung');

    const team = await pdfText(await doc('bkd', b, 'SK_TIM'));
    expect(team).toContain('Nomor: 800.1.6/12/BKD/2027');
    expect(team).toContain('PEMBENTUKAN TIM PEMERIKSA');
    for (const name of ['Budi Kabid', 'Indra Irban', 'Bagus Pembinaan BKD', 'Rudi Rekan'])
      expect(team).toContain(name);
    expect(team).toContain('Unsur pengawasan (Inspektorat)');
    expect(team).toContain('Ketua');
    expect(team).toContain('a.n. Pejabat Pembina Kepegawaian');
    expect(team).toContain('02/03/2027');
    expect(team).toContain('PEMERINTAH PROVINSI UJI PEMERINTAH PROVINSI UJI'); // for the PPK: the region's letterhead

    const s1 = await pdfText(await doc('bkd', b, 'PANGGILAN_I'));
    expect(s1).toContain(`Nomor: ${b.caseNumber}/PGL-I`); // left empty: numbered at the first print
    expect(s1).toContain('Tim Pemeriksa');
    const s2 = await pdfText(await doc('bkd', b, 'PANGGILAN_II'));
    expect(s2).toContain('SURAT PANGGILAN II');
    expect(s2).toContain('Nomor: 800/07/P2P/2027');
    expect(s2).toContain('tidak memenuhi panggilan pemeriksaan pada Kamis, 11/03/2027');
    expect(s2).toContain("Jum'at, 19/03/2027");
    expect(s2).toContain('Ketua Tim Pemeriksa');
    expect(s2).toContain('Budi Kabid');

    const bapB = await pdfText(await doc('bkd', b, 'BAP'));
    expect(bapB).toContain('Menolak menandatangani');
    expect(bapB).toContain('terperiksa meninggalkan ruangan');
    expect(bapB).toContain('Anggota Tim Pemeriksa');
    expect(bapB).not.toContain('RAHASIA-TIM');

    const lhpB = await pdfText(await doc('bkd', b, 'LHP'));
    expect(lhpB).toContain('Kepala Dinas Kesehatan');
    expect(lhpB).toContain('Sedang');
    expect(lhpB).toContain('(S1)');

    const skB = await pdfText(await doc('bkd', b, 'SK_HUKDIS'));
    expect(skB).toContain('Nomor: 800.1.6/33/BKD/2027');
    expect(skB).toContain('Keputusan Pejabat Pembina Kepegawaian'.toUpperCase());
    expect(skB).toContain('penundaan kenaikan gaji berkala selama 1 tahun'); // the interim form
    expect(skB).toContain('a.n. Pejabat Pembina Kepegawaian');
    expect(skB).toContain('PEMERINTAH PROVINSI UJI PEMERINTAH PROVINSI UJI');

    const baB = await pdfText(await doc('bkd', b, 'BA_PENYAMPAIAN'));
    expect(baB).toContain('Dikirim ke alamat terakhir');
    expect(baB).toContain('Senin, 29/03/2027');
    expect(baB).toContain('25/03/2027');
  });

  it('keeps the number of a reprint, and numbers a new letter from BKD’s scheme when one is set', async () => {
    const first = await pdfText(await doc('kasi', a, 'BAP'));
    const again = await pdfText(await doc('kasi', a, 'BAP'));
    expect(again).toContain(`Nomor: ${a.caseNumber}/BAP`);
    expect(first).toContain(`Nomor: ${a.caseNumber}/BAP`);
    const put = await w.c.bkd.request({
      method: 'PUT',
      url: '/api/documents/letter-number-schemes',
      payload: {
        unitId: w.u.dinkes.id,
        letterType: 'HUKDIS_SURAT',
        pattern: '{kode}/{nomor}/{unit}/{tahun}',
        classificationCode: '800.1.6.4',
        counterDigits: 3,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    // Case C gets a summons now (left without a number): numbered from the scheme of its OPD, once.
    await seedSummons(w, c.id, {
      seq: 1,
      letterNumber: '-',
      letterDate: '2027-03-01',
      examDate: '2027-03-09',
    });
    const one = await pdfText(await doc('kasi', c, 'PANGGILAN_I'));
    expect(one).toContain('Nomor: 800.1.6.4/001/DINKES/2027');
    const two = await pdfText(await doc('adminOpd', c, 'PANGGILAN_I'));
    expect(two).toContain('Nomor: 800.1.6.4/001/DINKES/2027');
    // The old case's BAP kept its number: a reprint never takes a new one.
    expect(await pdfText(await doc('kasi', a, 'BAP'))).toContain(`Nomor: ${a.caseNumber}/BAP`);
    const rows = await w.t.db
      .selectFrom('disciplineDocuments')
      .select(['kind', 'letterNumber'])
      .where('caseId', '=', c.id)
      .execute();
    expect(rows).toEqual([{ kind: 'PANGGILAN_I', letterNumber: '800.1.6.4/001/DINKES/2027' }]);
    // Three first prints at once of another case's summons: one number, taken once (the next of the scheme).
    const f = await seedCase(w, { employee: 'rekan', state: 'PANGGILAN_I' });
    // Recorded without a number: the procedure stores its placeholder `<case number>/PGL-I`.
    await seedSummons(w, f.id, {
      seq: 1,
      letterNumber: `${f.caseNumber}/PGL-I`,
      letterDate: '2027-03-01',
      examDate: '2027-03-09',
    });
    const texts = await Promise.all(
      (['kasi', 'adminOpd', 'bkd'] as const).map(async (who) => pdfText(await doc(who, f, 'PANGGILAN_I'))),
    );
    for (const t of texts) expect(t).toContain('Nomor: 800.1.6.4/002/DINKES/2027');
    const fRows = await w.t.db
      .selectFrom('disciplineDocuments')
      .select('letterNumber')
      .where('caseId', '=', f.id)
      .execute();
    expect(fRows).toEqual([{ letterNumber: '800.1.6.4/002/DINKES/2027' }]);
    const list = json(await get('kasi', `/api/discipline/cases/${c.id}/documents`));
    expect(list.generated.find((g: { kind: string }) => g.kind === 'PANGGILAN_I').letterNumber).toBe(
      '800.1.6.4/001/DINKES/2027',
    );
  });

  it('answers 409 for a document whose data does not exist yet, and writes nothing', async () => {
    const d = await seedCase(w, { employee: 'jf', state: 'TELAAH', openedBy: 'kabid' });
    for (const kind of [
      'PANGGILAN_I',
      'PANGGILAN_II',
      'SK_TIM',
      'BAP',
      'LHP',
      'SK_HUKDIS',
      'BA_PENYAMPAIAN',
    ]) {
      const err = await nothingWritten(() => doc('kabid', d, kind), 409);
      expect(err.error.code).toBe('CONFLICT');
      expect(err.error.message).toMatch(/belum/);
    }
    const list = json(await get('kabid', `/api/discipline/cases/${d.id}/documents`));
    expect(
      list.generated.every((g: { available: boolean; url: string | null }) => !g.available && !g.url),
    ).toBe(true);
    expect(list.generated.find((g: { kind: string }) => g.kind === 'PANGGILAN_I').missing).toBe(
      'Surat panggilan I belum dicatat',
    );
    expect((await doc('kabid', d, 'NOT_A_KIND')).statusCode).toBe(400);
  });

  it('shows the examinee only their summonses, BAP copy, decision and delivery record', async () => {
    const list = json(await get('rekan', `/api/discipline/cases/${b.id}/documents`));
    expect(list.generated.map((g: { kind: string }) => g.kind)).toEqual([
      'PANGGILAN_I',
      'PANGGILAN_II',
      'BAP',
      'SK_HUKDIS',
      'BA_PENYAMPAIAN',
    ]);
    expect(list.uploadKinds).toEqual(['UPAYA_ADMINISTRATIF']);
    expect(list.canSeeViews).toBe(false);
    expect((await doc('rekan', b, 'SK_HUKDIS')).statusCode).toBe(200);
    expect((await doc('rekan', b, 'BAP')).statusCode).toBe(200);
    for (const kind of ['LHP', 'SK_TIM']) await nothingWritten(() => doc('rekan', b, kind), 404);
    await nothingWritten(() => get('rekan', `/api/discipline/cases/${b.id}/document-views`), 403);
    // A colleague who is no party sees nothing of the case.
    await nothingWritten(() => get('pegawai', `/api/discipline/cases/${b.id}/documents`), 404);
  });

  it('hides every document from another OPD’s admin and head (404), and lets the OPD’s own reader in', async () => {
    for (const who of ['adminOther', 'kaban'] as const) {
      await nothingWritten(() => get(who, `/api/discipline/cases/${a.id}/documents`), 404);
      for (const kind of ['PANGGILAN_I', 'BAP', 'LHP', 'SK_HUKDIS'])
        await nothingWritten(() => doc(who, a, kind), 404);
      await nothingWritten(() => get(who, `/api/discipline/cases/${a.id}/document-views`), 404);
    }
    const list = json(await get('adminOpd', `/api/discipline/cases/${a.id}/documents`));
    expect(list.generated).toHaveLength(7);
    expect(list.uploadKinds).toEqual([]); // a reader reads; the examiners and BKD file the papers
    expect((await doc('adminOpd', a, 'LHP')).statusCode).toBe(200);
    // The competent official named in the report (kadis), though neither superior nor reader, opens the LHP.
    expect((await doc('kadis', b, 'LHP')).statusCode).toBe(200);
  });

  it('logs every view with the viewer and the SHA-256 of the bytes served, and lists them for readers', async () => {
    const e = await seedCase(w, { employee: 'pegawai', state: 'PANGGILAN_I' });
    await seedSummons(w, e.id, {
      seq: 1,
      letterNumber: '800/09/SURV/2027',
      letterDate: '2027-03-01',
      examDate: '2027-03-09',
    });
    const r1 = await doc('kasi', e, 'PANGGILAN_I');
    const r2 = await doc('pegawai', e, 'PANGGILAN_I');
    const r3 = await doc('insp', e, 'PANGGILAN_I');
    expect([r1, r2, r3].map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const logged = await viewsOf(e.id);
    expect(logged).toHaveLength(3);
    expect(logged.every((v) => v.ownerKind === 'discipline_document' && v.attachmentId === null)).toBe(true);
    expect(new Set(logged.map((v) => v.sha256))).toEqual(
      new Set([r1, r2, r3].map((r) => sha256(new Uint8Array(r.rawPayload)))),
    );
    expect(logged.map((v) => v.viewerId).sort()).toEqual(
      [w.c.kasi.me.user.id, w.c.pegawai.me.user.id, w.c.insp.me.user.id].sort(),
    );
    const views = json(await get('bkd', `/api/discipline/cases/${e.id}/document-views`));
    expect(views.items).toHaveLength(3);
    expect(views.items[0]).toMatchObject({ what: 'Surat panggilan I', kind: 'PANGGILAN_I' });
    expect(views.items.map((v: { viewer: string }) => v.viewer).sort()).toEqual(
      ['Indra Irban', 'Kiki Kasi', 'Putri Pegawai'].sort(),
    );
    // The superior (no reading role) may print but not audit the access log.
    await nothingWritten(() => get('kasi', `/api/discipline/cases/${e.id}/document-views`), 403);
    // Reading the list of documents and of views logs nothing.
    expect(await viewsOf(e.id)).toHaveLength(3);
  });

  it('keeps signed scans with the case: PDF or image only, within the size limit, for the parties who may see them', async () => {
    const scan = pdfBytes('panggilan-i-ttd');
    const res = await upload(
      'kasi',
      a,
      { kind: 'PANGGILAN_I', title: 'Surat panggilan I bertanda tangan' },
      { name: 'panggilan.pdf', content: scan, type: 'application/pdf' },
    );
    const up = json(res, 201);
    expect(up).toMatchObject({
      kind: 'PANGGILAN_I',
      contentType: 'application/pdf',
      title: 'Surat panggilan I bertanda tangan',
    });
    const evidence = json(
      await upload(
        'kasi',
        a,
        { kind: 'LAINNYA', title: 'Catatan internal pemeriksa' },
        { name: 'catatan.pdf', content: pdfBytes('internal'), type: 'application/pdf' },
      ),
      201,
    );
    // The examinee opens the signed summons, not the examiners' evidence.
    const own = await get('pegawai', up.url);
    expect(own.statusCode).toBe(200);
    expect(sha256(new Uint8Array(own.rawPayload))).toBe(sha256(scan));
    await nothingWritten(() => get('pegawai', evidence.url), 404);
    const mine = json(await get('pegawai', `/api/discipline/cases/${a.id}/documents`));
    expect(mine.uploads.map((u: { id: string }) => u.id)).toEqual([up.id]);
    expect((await get('adminOpd', evidence.url)).statusCode).toBe(200);
    await nothingWritten(() => get('adminOther', up.url), 404);
    // A file of one case asked for under another case's address.
    await nothingWritten(() => get('kasi', `/api/discipline/cases/${c.id}/documents/files/${up.id}`), 404);
    // Views of uploads are logged too, with their attachment.
    const logged = (await viewsOf(a.id)).filter((v) => v.attachmentId !== null);
    expect(logged.length).toBe(2);
    const views = json(await get('bkd', `/api/discipline/cases/${a.id}/document-views`));
    expect(views.items.some((v: { what: string }) => v.what === 'Surat panggilan I bertanda tangan')).toBe(
      true,
    );

    // The examinee files their appeal papers only.
    json(
      await upload(
        'pegawai',
        a,
        { kind: 'UPAYA_ADMINISTRATIF', title: 'Surat keberatan' },
        { name: 'keberatan.pdf', content: pdfBytes('keberatan'), type: 'application/pdf' },
      ),
      201,
    );
    const refused = await nothingWritten(
      () =>
        upload(
          'pegawai',
          a,
          { kind: 'LAINNYA', title: 'Bukti' },
          { name: 'bukti.pdf', content: pdfBytes('x'), type: 'application/pdf' },
        ),
      403,
    );
    expect(refused.error.message).toMatch(/Dokumen upaya administratif/);
    // A reader reads; another OPD's admin learns nothing.
    await nothingWritten(
      () =>
        upload('adminOpd', a, { kind: 'LAINNYA', title: 'Bukti' }, { name: 'b.pdf', content: pdfBytes('y') }),
      403,
    );
    await nothingWritten(
      () =>
        upload(
          'adminOther',
          a,
          { kind: 'LAINNYA', title: 'Bukti' },
          { name: 'b.pdf', content: pdfBytes('z') },
        ),
      404,
    );
  });

  it('refuses an upload over ATTACHMENT_MAX_BYTES (413), a disguised or unknown file (415), a missing one (400), storing nothing', async () => {
    const big = Buffer.concat([pdfBytes('besar'), Buffer.alloc(30 * 1024 * 1024, 0x20)]);
    const tooBig = await nothingWritten(
      () =>
        upload(
          'kasi',
          a,
          { kind: 'BAP', title: 'BAP bertanda tangan' },
          { name: 'bap.pdf', content: big, type: 'application/pdf' },
        ),
      413,
    );
    expect(tooBig.error.code).toBe('FILE_TOO_LARGE');
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2048, 1)]);
    const disguised = await nothingWritten(
      () =>
        upload(
          'kasi',
          a,
          { kind: 'BAP', title: 'BAP' },
          { name: 'bap.pdf', content: exe, type: 'application/pdf' },
        ),
      415,
    );
    expect(disguised.error.code).toBe('UNSUPPORTED_FILE');
    await nothingWritten(
      () =>
        upload(
          'kasi',
          a,
          { kind: 'BAP', title: 'BAP' },
          { name: 'bap.pdf', content: Buffer.from('bukan pdf sama sekali') },
        ),
      415,
    );
    await nothingWritten(() => upload('kasi', a, { kind: 'BAP', title: 'BAP' }), 400);
    await nothingWritten(
      () =>
        upload('kasi', a, { kind: 'SURAT_PALSU', title: 'BAP' }, { name: 'x.pdf', content: pdfBytes('k') }),
      400,
    );
    const notMultipart = await nothingWritten(
      () => w.c.kasi.post(`/api/discipline/cases/${a.id}/documents`, { kind: 'BAP', title: 'x' }),
      415,
    );
    expect(notMultipart.error.code).toBe('UNSUPPORTED_FILE');
  });

  // Last: it moves the world's clock (the procedure's helper examines on 15/03/2027).
  it('prints the documents of a case driven through the procedure’s and the sanctions’ routes', async () => {
    const id = await driveRinganCase(w, 'PENJATUHAN', { violationDate: '2027-02-16' });
    const k = { id, caseNumber: '', unitId: '', unitPath: '' };
    const view = json(await get('kasi', `/api/discipline/cases/${id}`));
    k.caseNumber = view.case.caseNumber;
    expect(
      json(await get('kasi', `/api/discipline/cases/${id}/documents`)).generated.map(
        (g: { kind: string; available: boolean }) => [g.kind, g.available],
      ),
    ).toEqual([
      ['PANGGILAN_I', true],
      ['PANGGILAN_II', false],
      ['SK_TIM', false],
      ['BAP', true],
      ['LHP', true],
      ['SK_HUKDIS', false],
      ['BA_PENYAMPAIAN', false],
    ]);
    const decided = await w.c.kasi.post(`/api/discipline/cases/${id}/decision`, {
      sanctionCode: 'R2',
      skNumber: '800/21/SURV/2027',
      skDate: '2027-03-15',
      considerations: 'Berdasarkan hasil pemeriksaan, pegawai terbukti lalai melaksanakan tugas.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    json(
      await w.c.kasi.post(`/api/discipline/cases/${id}/delivery`, {
        method: 'langsung',
        receivedOn: '2027-03-15',
      }),
    );

    const summons = await pdfText(await doc('kasi', k as SeededCase, 'PANGGILAN_I'));
    expect(summons).toContain('Nomor: 800/01/SURV/2027');
    expect(summons).toContain('Senin, 15/03/2027');
    expect(summons).toContain('Kiki Kasi');
    const bap = await pdfText(await doc('pegawai', k as SeededCase, 'BAP'));
    expect(bap).toContain('Apakah Saudara mengetahui tugas tersebut?');
    expect(bap).not.toContain('Catatan atasan'); // the examiner's notes stay out of every document
    const lhp = await pdfText(await doc('kasi', k as SeededCase, 'LHP'));
    expect(lhp).toContain('Terbukti lalai melaksanakan tugas.');
    expect(lhp).toContain('(R2)');
    const sk = await pdfText(await doc('pegawai', k as SeededCase, 'SK_HUKDIS'));
    expect(sk).toContain('Nomor: 800/21/SURV/2027');
    expect(sk).toContain('teguran tertulis');
    expect(sk).toContain('Putri Pegawai');
    expect(sk).toContain('Kepala Seksi Surveilans');
    const ba = await pdfText(await doc('pegawai', k as SeededCase, 'BA_PENYAMPAIAN'));
    expect(ba).toContain('Keputusan Nomor 800/21/SURV/2027 tanggal 15/03/2027');
    await nothingWritten(() => doc('pegawai', k as SeededCase, 'LHP'), 404);
    await nothingWritten(() => doc('adminOther', k as SeededCase, 'SK_HUKDIS'), 404);
    expect((await viewsOf(id)).length).toBe(5);
  });
});
