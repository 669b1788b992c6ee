import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import type { DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { json, unchanged } from '../discipline/discipline-test-world.ts';
import type { TeladanRanking } from '../../../shared/api/teladan.ts';
import { buildTeladanWorld, TELADAN_MONTH } from '../../../../test/helpers/teladan-world.ts';

/*
 * ASN teladan through the API on a real database (issue 18 point 4 and its tests): BKD defines a period over Seksi
 * Surveilans (DINKES) and BAPENDA for February 2027 (see test/helpers/teladan-world.ts for the figures), superiors and the
 * public nominate, the ranking is checked against figures worked by hand, the committee reviews, decides and
 * publishes, the winners get a notification, an award on their record and a certificate. Every refusal leaves the
 * database as it was.
 */

const CRITERIA = [
  {
    key: 'tanpa-tk',
    label: 'Tanpa TK',
    figure: 'attendance.absentWithoutLeave',
    kind: 'hard',
    direction: 'lower',
    threshold: 0,
  },
  {
    key: 'pelanggaran',
    label: 'TL/PSW/TK',
    figure: 'attendance.violations',
    kind: 'scored',
    direction: 'lower',
    weight: 50,
  },
  {
    key: 'kinerja',
    label: 'Angka kinerja',
    figure: 'kinerja.score',
    kind: 'scored',
    direction: 'higher',
    weight: 30,
    scale: { min: 0, max: 100 },
  },
  {
    key: 'usulan',
    label: 'Usulan',
    figure: 'nominations.total',
    kind: 'scored',
    direction: 'higher',
    weight: 20,
  },
];

describe('ASN teladan (issue 18 point 4)', () => {
  let w: DisciplineWorld;
  let periodId: string;
  const body = () => ({
    name: 'ASN Teladan Februari 2027',
    year: 2027,
    fromMonth: TELADAN_MONTH,
    toMonth: TELADAN_MONTH,
    unitIds: [w.u.seksi.id, w.u.bapenda.id],
    employeeTypes: ['PNS'],
    legalBasis: 'Keputusan Kepala BKD Nomor 800/1/2027',
    criteria: CRITERIA,
    winnersPerOpd: 1,
    winnersRegion: 1,
  });
  const ranking = async (who: keyof DisciplineWorld['c'], query = '') =>
    json(
      await w.c[who].get(`/api/teladan/periods/${periodId}/ranking?pageSize=50${query}`),
    ) as TeladanRanking;

  beforeAll(async () => {
    w = await buildTeladanWorld();
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it('refuses criteria naming a figure that does not exist, with the criterion and the figure, storing nothing', async () => {
    const bad = {
      ...body(),
      criteria: [
        ...CRITERIA,
        {
          key: 'apel',
          label: 'Apel pagi',
          figure: 'attendance.apel',
          kind: 'hard',
          direction: 'higher',
          threshold: 1,
        },
      ],
    };
    const err = await unchanged(w.t, () => w.c.bkd.post('/api/teladan/periods', bad), 422);
    expect(err.error.code).toBe('RULES_INVALID');
    expect(err.error.message).toContain(
      'Kriteria "Apel pagi" merujuk angka "attendance.apel" yang tidak ada',
    );
    expect(err.error.details).toEqual([
      {
        path: 'criteria.4.figure',
        criterion: 'apel',
        figure: 'attendance.apel',
        message: 'Kriteria "Apel pagi" merujuk angka "attendance.apel" yang tidak ada',
      },
    ]);
  });

  it('refuses weights that make no sense (422) and a period from an OPD admin (403), storing nothing', async () => {
    const zero = {
      ...body(),
      criteria: CRITERIA.map((c) => (c.key === 'kinerja' ? { ...c, weight: 0 } : c)),
    };
    const err = await unchanged(w.t, () => w.c.bkd.post('/api/teladan/periods', zero), 422);
    expect(err.error.details).toMatchObject([{ path: 'criteria.2.weight', criterion: 'kinerja' }]);
    const onlyHard = { ...body(), criteria: [CRITERIA[0]] };
    expect(
      (await unchanged(w.t, () => w.c.bkd.post('/api/teladan/periods', onlyHard), 422)).error.message,
    ).toContain('Paling sedikit satu kriteria berbobot');
    await unchanged(w.t, () => w.c.adminOpd.post('/api/teladan/periods', body()), 403);
    await unchanged(w.t, () => w.c.pegawai.post('/api/teladan/periods', body()), 403);
  });

  it('BKD defines the period and its committee; nobody else sets the committee', async () => {
    periodId = json(await w.c.bkd.post('/api/teladan/periods', body()), 201).id;
    const members = {
      members: [
        { employeeId: w.e.kaBkd.id, role: 'KETUA' },
        { employeeId: w.e.insp.id, role: 'ANGGOTA' },
      ],
    };
    await unchanged(w.t, () => w.c.adminOpd.post(`/api/teladan/periods/${periodId}/committee`, members), 403);
    const p = json(await w.c.bkd.post(`/api/teladan/periods/${periodId}/committee`, members));
    expect(p.committee.map((m: { name: string; role: string }) => `${m.role} ${m.name}`)).toEqual([
      'KETUA Tati Kepala BKD',
      'ANGGOTA Indra Irban',
    ]);
    expect(p).toMatchObject({ status: 'DRAFT', can: { manage: true, decide: false } });
  });

  it('a superior nominates their own staff only; BKD records public nominations once per reference', async () => {
    const reason = { reason: 'Selalu tepat waktu dan membantu rekan kerja' };
    json(
      await w.c.kasi.post(`/api/teladan/periods/${periodId}/nominations`, {
        employeeId: w.e.rekan.id,
        ...reason,
      }),
      201,
    );
    await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/teladan/periods/${periodId}/nominations`, {
          employeeId: w.e.rekan.id,
          ...reason,
        }),
      409,
    );
    const err = await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/teladan/periods/${periodId}/nominations`, {
          employeeId: w.e.other.id,
          ...reason,
        }),
      403,
    );
    expect(err.error.message).toContain('atasan langsung');
    json(
      await w.c.kaban.post(`/api/teladan/periods/${periodId}/nominations`, {
        employeeId: w.e.other.id,
        ...reason,
      }),
      201,
    );
    const pub = {
      employeeId: w.e.other.id,
      reason: 'Pelayanan pajak kendaraan ramah dan cepat',
      source: 'SP4N-LAPOR!',
      reference: 'LPR-2027-0042',
    };
    json(await w.c.bkd.post(`/api/teladan/periods/${periodId}/public-nominations`, pub), 201);
    await unchanged(w.t, () => w.c.bkd.post(`/api/teladan/periods/${periodId}/public-nominations`, pub), 409);
    await unchanged(
      w.t,
      () =>
        w.c.adminOther.post(`/api/teladan/periods/${periodId}/public-nominations`, {
          ...pub,
          reference: 'X-1',
        }),
      403,
    );
    const mine = json(await w.c.kasi.get(`/api/teladan/periods/${periodId}/nominations`));
    expect(mine.items.map((n: { employeeName: string }) => n.employeeName)).toEqual(['Rudi Rekan']);
  });

  it('ranks with the hand-worked figures, every criterion shown, the TK candidate excluded with the reason; GET stores nothing', async () => {
    /*
     * In the ranking: kasi, rekan, kaban, other, adminOther. TL/PSW/TK 0, 2, 1, 0, 4 (lower better, min 0 max 4):
     * 1, 0.5, 0.75, 1, 0. Kinerja on 0–100: 0.8, 0.9, — (0), 0.7, 1. Usulan 0, 1, 0, 2, 0 (min 0 max 2): 0, 0.5,
     * 0, 1, 0. Scores (50/30/20): kasi 50+24+0 = 74; rekan 25+27+10 = 62; kaban 37.5+0+0 = 37.5;
     * other 50+21+20 = 91; adminOther 0+30+0 = 30.
     */
    const before = await dbFingerprint(w.t.db);
    const r = await ranking('bkd');
    expect(changedTables(before, await dbFingerprint(w.t.db))).toEqual([]);
    expect(r.source).toBe('LIVE');
    expect(r.items.map((i) => [i.name, i.score, i.regionRank, i.opdRank])).toEqual([
      ['Dodi Bapenda', 91, 1, 1],
      ['Kiki Kasi', 74, 2, 1],
      ['Rudi Rekan', 62, 3, 2],
      ['Kurnia Kaban', 37.5, 4, 2],
      ['Adi Admin Bapenda', 30, 5, 3],
      ['Putri Pegawai', null, null, null],
    ]);
    const pegawai = r.items.find((i) => i.name === 'Putri Pegawai')!;
    expect(pegawai).toMatchObject({ excluded: true, reasons: ['Tanpa TK: 1 (syarat ≤ 0)'] });
    const rekan = r.items.find((i) => i.name === 'Rudi Rekan')!;
    expect(rekan.results.map((x) => [x.key, x.value, x.passed, x.score])).toEqual([
      ['tanpa-tk', 0, true, null],
      ['pelanggaran', 2, null, 0.5],
      ['kinerja', 90, null, 0.9],
      ['usulan', 1, null, 0.5],
    ]);
    expect(r.items.find((i) => i.name === 'Kurnia Kaban')!.results[2]).toMatchObject({
      value: null,
      score: 0,
      note: 'Angka kinerja: angka tidak tersedia (nilai 0)',
    });
    expect(r.counts).toEqual({ ranked: 5, excluded: 1 });
  });

  it('exports the ranking it shows as a real workbook and CSV (same figures, same scope); storing nothing', async () => {
    const before = await dbFingerprint(w.t.db);
    const res = await w.c.bkd.get(`/api/teladan/periods/${periodId}/ranking/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('peringkat-asn-teladan-2027.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]!.slice(1, 7)).toEqual(['Peringkat daerah', 'Peringkat OPD', 'NIP', 'Nama', 'OPD', 'Skor']);
    expect(rows[0]!.at(-3)).toBe('Status');
    // The hand-worked scores of the ranking test, in its order; Rudi Rekan's figures per criterion.
    expect(rows.slice(1).map((r) => [r[4], r[6] ?? null, r[1] ?? null])).toEqual([
      ['Dodi Bapenda', 91, 1],
      ['Kiki Kasi', 74, 2],
      ['Rudi Rekan', 62, 3],
      ['Kurnia Kaban', 37.5, 4],
      ['Adi Admin Bapenda', 30, 5],
      ['Putri Pegawai', null, null],
    ]);
    expect(rows[3]!.slice(7, 11)).toEqual([0, 2, 90, 1]);
    expect(rows[6]!.slice(-3, -1)).toEqual(['Dikecualikan', 'Tanpa TK: 1 (syarat ≤ 0)']);
    // The OPD admin's export holds only their OPD's candidates; the CSV carries the same names.
    const csv = await w.c.adminOpd.get(`/api/teladan/periods/${periodId}/ranking/export.csv?show=ranked`);
    expect(csv.statusCode).toBe(200);
    const names = (await ranking('adminOpd', '&show=ranked')).items.map((i) => i.name);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(names.length + 1);
    for (const n of names) expect(csv.body).toContain(n);
    expect(csv.body).not.toContain('Dodi Bapenda');
    expect((await w.c.pegawai.get(`/api/teladan/periods/${periodId}/ranking/export.csv`)).statusCode).toBe(
      403,
    );
    expect(changedTables(before, await dbFingerprint(w.t.db))).toEqual([]);
  });

  it('an OPD admin sees only their OPD’s candidates; an employee without a role sees none', async () => {
    expect((await ranking('adminOpd')).items.map((i) => i.name)).toEqual([
      'Kiki Kasi',
      'Rudi Rekan',
      'Putri Pegawai',
    ]);
    expect((await ranking('adminOther')).items.map((i) => [i.name, i.opdRank])).toEqual([
      ['Dodi Bapenda', 1],
      ['Kurnia Kaban', 2],
      ['Adi Admin Bapenda', 3],
    ]);
    expect(
      (await w.c.adminOther.get(`/api/teladan/periods/${periodId}/ranking?unitId=${w.u.dinkes.id}`))
        .statusCode,
    ).toBe(403);
    expect((await w.c.rekan.get(`/api/teladan/periods/${periodId}/ranking`)).statusCode).toBe(403);
  });

  it('the committee starts the review (figures stored); later data changes do not move the ranking', async () => {
    await unchanged(
      w.t,
      () =>
        w.c.insp.post(`/api/teladan/periods/${periodId}/decisions`, {
          employeeId: w.e.other.id,
          decision: 'WINNER',
          category: 'REGION',
        }),
      409,
    );
    await unchanged(w.t, () => w.c.adminOpd.post(`/api/teladan/periods/${periodId}/review`), 403);
    expect(json(await w.c.insp.post(`/api/teladan/periods/${periodId}/review`))).toEqual({
      ranked: 5,
      excluded: 1,
    });
    await w.t.db
      .updateTable('kinerjaMonthly')
      .set({ score: '0.1' })
      .where('employeeId', '=', w.e.other.id)
      .execute();
    const inbox = json(await w.c.kaBkd.get('/api/notifications?unread=true'));
    const waiting = inbox.items.find((x: { kind: string }) => x.kind === 'teladan_review.waiting');
    expect(waiting).toMatchObject({ entityType: 'teladan_period', entityId: periodId, link: '/teladan' });
    json(await w.c.kaBkd.post(`/api/notifications/${waiting.id}/open`));
    const r = await ranking('insp');
    expect(r.source).toBe('REVIEW');
    expect(r.items[0]).toMatchObject({ name: 'Dodi Bapenda', score: 91 });
    await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/teladan/periods/${periodId}/nominations`, {
          employeeId: w.e.pegawai.id,
          reason: 'Usulan setelah penilaian dimulai',
        }),
      409,
    );
  });

  it('only committee members decide; a winner must not be excluded; only the chair publishes', async () => {
    const decide = (who: keyof DisciplineWorld['c'], b: object) =>
      w.c[who].post(`/api/teladan/periods/${periodId}/decisions`, b);
    const err = await unchanged(
      w.t,
      () => decide('bkd', { employeeId: w.e.other.id, decision: 'WINNER', category: 'REGION' }),
      403,
    );
    expect(err.error.message).toContain('tim penilai');
    await unchanged(
      w.t,
      () => decide('adminOpd', { employeeId: w.e.kasi.id, decision: 'WINNER', category: 'OPD' }),
      403,
    );
    const ex = await unchanged(
      w.t,
      () => decide('insp', { employeeId: w.e.pegawai.id, decision: 'WINNER', category: 'OPD' }),
      409,
    );
    expect(ex.error.message).toContain('Tanpa TK: 1');
    json(
      await decide('insp', {
        employeeId: w.e.other.id,
        decision: 'WINNER',
        category: 'REGION',
        note: 'Nilai tertinggi dan usulan masyarakat',
      }),
    );
    json(await decide('kaBkd', { employeeId: w.e.kasi.id, decision: 'WINNER', category: 'OPD' }));
    json(
      await decide('insp', {
        employeeId: w.e.rekan.id,
        decision: 'NOT_SELECTED',
        note: 'Satu pemenang per OPD',
      }),
    );
    const r = await ranking('insp');
    expect(r.items[0]!.decision).toMatchObject({
      decision: 'WINNER',
      category: 'REGION',
      note: 'Nilai tertinggi dan usulan masyarakat',
    });
    expect(json(await w.c.kaBkd.get(`/api/teladan/periods/${periodId}`)).can).toMatchObject({
      decide: true,
      publish: true,
    });
    expect(json(await w.c.insp.get(`/api/teladan/periods/${periodId}`)).can).toMatchObject({
      decide: true,
      publish: false,
    });
    expect(json(await w.c.adminOpd.get(`/api/teladan/periods/${periodId}`)).can).toMatchObject({
      decide: false,
      publish: false,
    });
    await unchanged(w.t, () => w.c.insp.post(`/api/teladan/periods/${periodId}/publish`), 403);
    expect(json(await w.c.kaBkd.post(`/api/teladan/periods/${periodId}/publish`))).toEqual({ awards: 2 });
    expect((await ranking('bkd')).source).toBe('PUBLISHED');
    await unchanged(w.t, () => w.c.kaBkd.post(`/api/teladan/periods/${periodId}/publish`), 409);
  });

  it('the winner is notified and sees the award; others see it only in their scope', async () => {
    const inbox = json(await w.c.other.get('/api/notifications?unread=true'));
    const n = inbox.items.find((x: { kind: string }) => x.kind === 'teladan_award.published');
    expect(n).toMatchObject({ title: 'Selamat: Anda ASN teladan', entityType: 'teladan_award' });
    expect(json(await w.c.other.post(`/api/notifications/${n.id}/open`))).toBeTruthy();
    const own = json(await w.c.other.get('/api/teladan/awards'));
    expect(own.items).toMatchObject([
      {
        employeeName: 'Dodi Bapenda',
        category: 'REGION',
        regionRank: 1,
        score: 91,
        letterNumber: '1/TELADAN/2027',
      },
    ]);
    expect((await w.c.other.get(`/api/teladan/awards?employeeId=${w.e.kasi.id}`)).statusCode).toBe(403);
    expect((await w.c.adminOther.get(`/api/teladan/awards?employeeId=${w.e.kasi.id}`)).statusCode).toBe(403);
    expect(json(await w.c.adminOpd.get(`/api/teladan/awards?employeeId=${w.e.kasi.id}`)).items).toMatchObject(
      [{ employeeName: 'Kiki Kasi', category: 'OPD', opdRank: 1, opdName: 'Dinas Kesehatan' }],
    );
    expect(json(await w.c.rekan.get('/api/teladan/awards')).items).toEqual([]);
  });

  it('prints the certificate through the document layer; another employee cannot open it', async () => {
    const [award] = json(await w.c.other.get('/api/teladan/awards')).items;
    const res = await w.c.other.get(`/api/teladan/awards/${award.id}/certificate`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const doc = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain('PIAGAM PENGHARGAAN ASN TELADAN');
    expect(text).toContain('Nomor: 1/TELADAN/2027');
    expect(text).toContain('Dodi Bapenda');
    expect(text).toContain('tingkat daerah pada ASN Teladan Februari 2027');
    expect(text).toContain('Ketua Tim Penilai ASN Teladan Februari 2027');
    expect(text).toContain('Tati Kepala BKD');
    expect(text).toContain('10 Maret 2027');
    expect((await w.c.rekan.get(`/api/teladan/awards/${award.id}/certificate`)).statusCode).toBe(403);
  });
});
