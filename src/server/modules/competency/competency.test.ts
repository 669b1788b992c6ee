import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../../../../test/helpers/evidence.ts';
import { factories, type EmployeeRef, type PositionRef } from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { json, unchanged } from '../../../../test/helpers/responses.ts';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type {
  CompetencyDictionary,
  CompetencyImportReport,
  CompetencyProfile,
  PositionStandard,
  CompetencyAnalyticsReport,
  CompetencyAnalyticsSummary,
  StaffList,
  TrainingNeedsReport,
} from '../../../shared/api/competency.ts';

/*
 * Competency standards and assessment results through the API on a real database (issue 19 points 1–2 and its bad
 * input). A small world, clock 15/01/2026:
 *
 *   PROV ─ BKD            bkd: BKD over PROV (an employee of BKD)
 *        ─ DINAS-A        kadis (JPT Pratama, head) ← kasi (Pengawas) ← staf (Pelaksana); peer (Pelaksana, same
 *                         superior as staf, sees nobody's results); a JF Ahli Muda post and an Administrator post
 *        ─ DINAS-B        outsider (Pelaksana)
 *
 * Hand-worked JPM of kasi's result (levels M.01–M.06 2, M.07 1, M.08 1, SK.01 2 → Σ 16):
 *   Pengawas default 2 × 9 = 18; BKD raises M.08 to 3 → Σ required 19; 16 / 19 = 84,21 % → MS (≥ 80) and CO (78–< 90).
 *   Against the Administrator post (3 × 9 = 27): 16 / 27 = 59,26 % → KMS (< 68) and KO (< 78).
 */

const KASI_LEVELS = [
  ['M.01', 2],
  ['M.02', 2],
  ['M.03', 2],
  ['M.04', 2],
  ['M.05', 2],
  ['M.06', 2],
  ['M.07', 1],
  ['M.08', 1],
  ['SK.01', 2],
].map(([code, level]) => ({ code: code as string, level: level as number }));

let t: TestApp;
const c = {} as Record<'bkd' | 'kadis' | 'kasi' | 'staf' | 'peer' | 'outsider', Client>;
const e = {} as Record<'kadis' | 'kasi' | 'staf' | 'peer' | 'outsider', EmployeeRef>;
const pos = {} as Record<'kasi' | 'jf' | 'jfEmpty' | 'adm', PositionRef>;

const put = (client: Client, url: string, payload: unknown) =>
  client.request({ method: 'PUT', url, payload: payload as object });
const viewsLogged = async () =>
  (
    await t.db
      .selectFrom('auditLog')
      .select('after')
      .where('action', '=', 'competency_assessment.viewed')
      .execute()
  ).length;

async function xlsx(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(client: Client, url: string, buf: Buffer, fields: Record<string, string>) {
  const mp = multipart(fields, { field: 'file', name: 'data.xlsx', content: buf });
  return client.request({ method: 'POST', url, payload: mp.payload, headers: mp.headers });
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const f = factories(t);
  await f.rulebooks();
  const root = await f.unit({ code: 'PROV' });
  const bkdUnit = await f.unit({ code: 'BKD', kind: 'OPD', parent: root });
  const a = await f.unit({ code: 'DINAS-A', kind: 'OPD', parent: root });
  const b = await f.unit({ code: 'DINAS-B', kind: 'OPD', parent: root });
  const kadisPos = await f.position({ unit: a, kind: 'JPT_PRATAMA', isHead: true, name: 'Kepala Dinas A' });
  pos.kasi = await f.position({ unit: a, kind: 'PENGAWAS', name: 'Kepala Seksi Data' });
  const stafPos = await f.position({ unit: a, kind: 'PELAKSANA', name: 'Pengolah Data' });
  pos.jf = await f.position({ unit: a, kind: 'JF_AHLI_MUDA', name: 'Pranata Komputer Ahli Muda' });
  pos.jfEmpty = await f.position({ unit: a, kind: 'JF_AHLI_MADYA', name: 'Statistisi Ahli Madya' });
  pos.adm = await f.position({ unit: a, kind: 'ADMINISTRATOR', name: 'Sekretaris Dinas A' });
  e.kadis = await f.employee({ unit: a, position: kadisPos, name: 'Kadis' });
  e.kasi = await f.employee({ unit: a, position: pos.kasi, superior: e.kadis, name: 'Kasi' });
  e.staf = await f.employee({
    unit: a,
    position: stafPos,
    superior: e.kasi,
    name: 'Staf',
    activeFrom: '2024-01-02',
  });
  e.peer = await f.employee({ unit: a, position: stafPos, superior: e.kasi, name: 'Rekan' });
  e.outsider = await f.employee({
    unit: b,
    position: await f.position({ unit: b, kind: 'PELAKSANA' }),
    name: 'Luar',
  });
  const bkdPerson = await f.employee({ unit: bkdUnit, name: 'Petugas BKD' });
  const bkdAccount = await f.account(bkdPerson);
  await f.grant(bkdAccount, 'BKD', root);
  c.bkd = await login(t.app, bkdAccount.username);
  for (const k of ['kadis', 'kasi', 'staf', 'peer', 'outsider'] as const) {
    const acc = await f.account(e[k]);
    c[k] = await login(t.app, acc.username);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('competency standards (issue 19 point 1)', () => {
  it('gives every signed-in user the dictionary: 8 managerial + Perekat Bangsa, levels 1–5, the 20-JP target', async () => {
    const d = json<CompetencyDictionary>(await c.staf.get('/api/competency/dictionary'));
    expect(d.entries.map((x) => x.code)).toEqual([
      'M.01',
      'M.02',
      'M.03',
      'M.04',
      'M.05',
      'M.06',
      'M.07',
      'M.08',
      'SK.01',
    ]);
    expect(d.entries[0]!.levels).toHaveLength(5);
    expect(d.minJpPerYear).toBe(20);
    expect(d.developmentBasis).toContain('Pasal 203');
  });

  it('lets BKD add a technical competency; anyone else is refused and nothing changes', async () => {
    const body = {
      name: 'Pengelolaan Data Statistik',
      family: 'Statistik',
      levels: ['Mengenal', 'Memahami', 'Menerapkan', 'Menganalisis', 'Mengembangkan'],
    };
    await unchanged(t, () => put(c.kadis, '/api/competency/technicals/T.01', body), 403, 'FORBIDDEN');
    await unchanged(t, () => put(c.bkd, '/api/competency/technicals/M.01', body), 400, 'RESERVED_CODE');
    const d = json<CompetencyDictionary>(await put(c.bkd, '/api/competency/technicals/T.01', body));
    expect(d.entries.find((x) => x.code === 'T.01')).toMatchObject({ group: 'TEKNIS', family: 'Statistik' });
  });

  it('sets a position standard over the defaults; refuses an unknown code or a level outside 1–5, keeping the old one', async () => {
    const url = `/api/competency/positions/${pos.kasi.id}/standard`;
    const std = json<PositionStandard>(
      await put(c.bkd, url, {
        levels: [
          { code: 'M.08', level: 3 },
          { code: 't.01', level: 3 },
        ],
      }),
    );
    expect(std.hasStandard).toBe(true);
    const by = Object.fromEntries(std.levels.map((l) => [l.code, `${l.required}/${l.source}`]));
    expect(by).toMatchObject({ 'M.01': '2/DEFAULT', 'M.08': '3/POSITION', 'T.01': '3/POSITION' });
    await unchanged(
      t,
      () => put(c.bkd, url, { levels: [{ code: 'M.09', level: 2 }] }),
      400,
      'UNKNOWN_COMPETENCY',
    );
    const bad = await unchanged(
      t,
      () => put(c.bkd, url, { levels: [{ code: 'M.01', level: 6 }] }),
      400,
      'VALIDATION',
    );
    expect(bad.error.message + JSON.stringify(bad.error.details)).toContain('1–5');
    await unchanged(t, () => put(c.kadis, url, { levels: [] }), 403, 'FORBIDDEN');
    expect(
      json<PositionStandard>(await c.staf.get(url)).levels.find((l) => l.code === 'M.08')!.required,
    ).toBe(3);
  });

  it('shows a JF post with no default and nothing set as having no standard', async () => {
    const std = json<PositionStandard>(await c.staf.get(`/api/competency/positions/${pos.jf.id}/standard`));
    expect(std).toMatchObject({ hasStandard: false, levels: [] });
  });

  it('imports position levels row by row: a dry run reports, a bad file writes nothing, validOnly writes the good rows', async () => {
    const file = await xlsx(
      ['kode_jabatan', 'kode_kompetensi', 'level'],
      [
        [pos.jf.code, 'M.01', 2],
        [pos.jf.code, 'M.02', 7],
        ['TIDAK-ADA', 'M.01', 2],
        [pos.jf.code, 'X.99', 2],
      ],
    );
    const dry = json<CompetencyImportReport>(
      await upload(c.bkd, '/api/competency/standards/import', file, {}),
    );
    expect(dry).toMatchObject({ dryRun: true, committed: false, totalRows: 4, validRows: 1 });
    expect(dry.errors.map((x) => [x.line, x.column])).toEqual([
      [3, 'level'],
      [4, 'kode_jabatan'],
      [5, 'kode_kompetensi'],
    ]);
    await unchanged(
      t,
      () => upload(c.bkd, '/api/competency/standards/import', file, { dryRun: 'false' }),
      422,
      'IMPORT_INVALID',
    );
    await unchanged(t, () => upload(c.kadis, '/api/competency/standards/import', file, {}), 403, 'FORBIDDEN');
    const done = json<CompetencyImportReport>(
      await upload(c.bkd, '/api/competency/standards/import', file, { dryRun: 'false', validOnly: 'true' }),
    );
    expect(done).toMatchObject({ committed: true, written: 1 });
    const std = json<PositionStandard>(await c.staf.get(`/api/competency/positions/${pos.jf.id}/standard`));
    expect(std.levels.map((l) => [l.code, l.required])).toEqual([['M.01', 2]]);
  });
});

describe('assessment results and JPM (issue 19 point 2)', () => {
  const result = (over: Record<string, unknown> = {}) => ({
    employeeId: e.kasi.id,
    assessedOn: '2026-01-10',
    method: 'ASSESSMENT_CENTER',
    assessor: 'UPT Penilaian Kompetensi BKD',
    notes: 'Kuat dalam kerja sama',
    recommendation: 'Pelatihan pengambilan keputusan',
    levels: KASI_LEVELS,
    ...over,
  });

  it('refuses bad input with a clear reason and stores nothing', async () => {
    const url = '/api/competency/assessments';
    await unchanged(
      t,
      () => c.bkd.post(url, result({ levels: [{ code: 'M.01', level: 0 }] })),
      400,
      'VALIDATION',
    );
    await unchanged(
      t,
      () => c.bkd.post(url, result({ levels: [{ code: 'M.01', level: 6 }] })),
      400,
      'VALIDATION',
    );
    await unchanged(
      t,
      () => c.bkd.post(url, result({ levels: [{ code: 'Q.01', level: 2 }] })),
      400,
      'UNKNOWN_COMPETENCY',
    );
    const out = await unchanged(
      t,
      () => c.bkd.post(url, result({ employeeId: e.staf.id, assessedOn: '2023-06-01' })),
      400,
      'OUT_OF_SERVICE',
    );
    expect(out.error.message).toContain('01/06/2023');
    await unchanged(t, () => c.kadis.post(url, result()), 403, 'FORBIDDEN');
  });

  it('records a result (BKD) and refuses a second one of the same method and date, keeping the first', async () => {
    json(await c.bkd.post('/api/competency/assessments', result()), 201);
    await unchanged(
      t,
      () => c.bkd.post('/api/competency/assessments', result({ levels: [{ code: 'M.01', level: 5 }] })),
      409,
      'DUPLICATE_ASSESSMENT',
    );
  });

  it('stores one of N identical results sent at once; the others are refused with 409', async () => {
    const body = result({ assessedOn: '2026-01-09', method: 'SJT' });
    const rs = await Promise.all(
      Array.from({ length: 4 }, () => c.bkd.post('/api/competency/assessments', body)),
    );
    expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it('shows the employee their JPM (hand-worked 84,21 % → MS / CO) and gaps, largest first; not logged', async () => {
    const views = await viewsLogged();
    const p = json<CompetencyProfile>(await c.kasi.get('/api/competency/me'));
    expect(p.viewer).toBe('SELF');
    const a = p.assessments[0]!;
    expect(a.selection).toMatchObject({ percent: 84.21, code: 'MS', requiredTotal: 19, assessedTotal: 16 });
    expect(a.mapping).toMatchObject({ percent: 84.21, code: 'CO' });
    expect(p.gaps.map((g) => [g.code, g.gap])).toEqual([
      ['T.01', 3],
      ['M.08', 2],
      ['M.07', 1],
    ]);
    expect(await viewsLogged()).toBe(views);
  });

  it('answers the JPM against a target post (16 / 27 = 59,26 % → KMS / KO) and refuses a post with no standard', async () => {
    const p = json<CompetencyProfile>(
      await c.bkd.get(`/api/competency/employees/${e.kasi.id}?targetPositionId=${pos.adm.id}`),
    );
    expect(p.target!.selection).toMatchObject({ percent: 59.26, code: 'KMS' });
    expect(p.target!.mapping).toMatchObject({ percent: 59.26, code: 'KO' });
    const jf = await c.bkd.get(`/api/competency/positions/${pos.jfEmpty.id}/standard`);
    expect(jf.json().hasStandard).toBe(false);
    const err = await unchanged(
      t,
      () => c.kasi.get(`/api/competency/me?targetPositionId=${pos.jfEmpty.id}`),
      400,
      'NO_STANDARD',
    );
    expect(err.error.message).toContain('belum memiliki standar');
  });

  it('lets the superior chain and BKD see the results, each view logged; refuses everyone else', async () => {
    const url = `/api/competency/employees/${e.kasi.id}`;
    const views = await viewsLogged();
    expect(json<CompetencyProfile>(await c.kadis.get(url)).viewer).toBe('CHAIN');
    expect(json<CompetencyProfile>(await c.bkd.get(url)).viewer).toBe('BKD');
    expect(await viewsLogged()).toBe(views + 2);
    for (const who of ['staf', 'peer', 'outsider'] as const)
      await unchanged(t, () => c[who].get(url), 403, 'FORBIDDEN');
    await unchanged(t, () => c.kadis.get('/api/competency/assessments'), 403, 'FORBIDDEN');
  });

  it('lists the superior’s direct staff with their latest mapping band', async () => {
    const s = json<StaffList>(await c.kadis.get('/api/competency/staff'));
    expect(s.items.map((i) => [i.name, i.mapping?.code ?? null, i.gaps])).toEqual([['Kasi', 'CO', 3]]);
  });

  it('imports results row by row (one row per competency); a bad result is refused as a whole', async () => {
    const header = ['nip', 'tanggal', 'metode', 'asesor', 'kode_kompetensi', 'level'];
    const file = await xlsx(header, [
      [e.staf.nip!, '12/01/2026', 'UJI_POTENSI', 'BKD', 'M.01', 1],
      [e.staf.nip!, '12/01/2026', 'UJI_POTENSI', 'BKD', 'M.02', 2],
      [e.peer.nip!, '12/01/2026', 'UJI_POTENSI', 'BKD', 'M.01', 9],
      [e.peer.nip!, '12/01/2026', 'UJI_POTENSI', 'BKD', 'M.02', 2],
      ['199001012020011999', '12/01/2026', 'UJI_POTENSI', 'BKD', 'M.01', 2],
      [e.staf.nip!, '01/06/2023', 'UJI_POTENSI', 'BKD', 'M.01', 2],
      [e.outsider.nip!, '12/01/2026', 'UJI_POTENSI', 'BKD', 'Z.01', 2],
    ]);
    const url = '/api/competency/assessments/import';
    const dry = json<CompetencyImportReport>(await upload(c.bkd, url, file, {}));
    expect(dry.errors.map((x) => [x.line, x.column])).toEqual([
      [4, 'level'],
      [6, 'nip'],
      [7, 'tanggal'],
      [8, 'kode_kompetensi'],
    ]);
    expect(dry.written).toBe(1);
    await unchanged(t, () => upload(c.bkd, url, file, { dryRun: 'false' }), 422, 'IMPORT_INVALID');
    const done = json<CompetencyImportReport>(
      await upload(c.bkd, url, file, { dryRun: 'false', validOnly: 'true' }),
    );
    expect(done).toMatchObject({ committed: true, written: 1 });
    const staf = json<CompetencyProfile>(await c.staf.get('/api/competency/me'));
    expect(staf.assessments.map((x) => [x.assessedOn, x.method, x.levels.length])).toEqual([
      ['2026-01-12', 'UJI_POTENSI', 2],
    ]);
    const peer = json<CompetencyProfile>(await c.peer.get('/api/competency/me'));
    expect(peer.assessments).toEqual([]);
  });
});

describe('gaps → training needs (issue 19 point 3)', () => {
  const course = (over: Record<string, unknown> = {}) => ({
    title: 'Pelatihan Pengambilan Keputusan',
    kind: 'KURSUS',
    codes: ['M.08'],
    jp: 24,
    cost: 2_500_000,
    provider: 'Universitas Mitra',
    ...over,
  });

  it('keeps a catalogue (BKD), refusing an unknown code and anyone else', async () => {
    await unchanged(
      t,
      () => c.bkd.post('/api/competency/trainings', course({ codes: ['M.99'] })),
      400,
      'UNKNOWN_COMPETENCY',
    );
    await unchanged(t, () => c.kadis.post('/api/competency/trainings', course()), 403, 'FORBIDDEN');
    json(await c.bkd.post('/api/competency/trainings', course()), 201);
    json(
      await c.bkd.post(
        '/api/competency/trainings',
        course({ title: 'PKP', kind: 'DIKLAT', codes: ['M.07', 'M.08'], jp: 80, cost: 15_000_000 }),
      ),
      201,
    );
    const list = json<{ items: { title: string }[] }>(await c.staf.get('/api/competency/trainings'));
    expect(list.items.map((i) => i.title)).toEqual(['PKP', 'Pelatihan Pengambilan Keputusan']);
  });

  it("shows each gap with the cheapest training that closes it on the employee's page", async () => {
    const p = json<CompetencyProfile>(await c.kasi.get('/api/competency/me'));
    expect(p.gaps.map((g) => [g.code, g.training?.title ?? null])).toEqual([
      ['T.01', null],
      ['M.08', 'Pelatihan Pengambilan Keputusan'],
      ['M.07', 'PKP'],
    ]);
  });

  it('lists the OPD’s training needs with cost against its budget (hand-worked), for BKD only', async () => {
    // DINAS-A now: kasi (gaps T.01, M.08, M.07 → course 2,5 jt + PKP 15 jt; T.01 uncovered) and staf (Pelaksana,
    // default 1: result M.01 1, M.02 2, the rest not assessed → gaps M.03–M.08, SK.01; M.07/M.08 → the course for
    // M.08 (cheapest) and PKP for M.07). Course: kasi + staf = 5 jt; PKP: kasi + staf = 30 jt; total 35 jt.
    await unchanged(
      t,
      () => put(c.bkd, '/api/competency/training-budgets', { year: 2026, amount: 1 }),
      400,
      'VALIDATION',
    );
    const unitId = (
      await t.db
        .selectFrom('employees')
        .select('unitId')
        .where('id', '=', e.kasi.id)
        .executeTakeFirstOrThrow()
    ).unitId;
    await unchanged(
      t,
      () => put(c.kadis, '/api/competency/training-budgets', { unitId, year: 2026, amount: 1 }),
      403,
      'FORBIDDEN',
    );
    json(await put(c.bkd, '/api/competency/training-budgets', { unitId, year: 2026, amount: 30_000_000 }));
    const views = await viewsLogged();
    const r = json<TrainingNeedsReport>(
      await c.bkd.get(`/api/competency/training-needs?unitId=${unitId}&year=2026`),
    );
    expect(
      r.needs.map((n) => [
        n.title,
        n.participants
          .map((x) => x.name)
          .sort()
          .join(),
        n.cost,
      ]),
    ).toEqual([
      ['PKP', 'Kasi,Staf', 30_000_000],
      ['Pelatihan Pengambilan Keputusan', 'Kasi,Staf', 5_000_000],
    ]);
    expect(r).toMatchObject({
      total: 35_000_000,
      budget: 30_000_000,
      remaining: -5_000_000,
      overBudget: true,
    });
    expect(r.uncovered.find((u) => u.code === 'T.01')).toMatchObject({ participants: 1 });
    expect(await viewsLogged()).toBe(views + 1);
    // The same list as a workbook for planning: a line per training, the uncovered gaps, then total and budget.
    const x = await c.bkd.get(`/api/competency/training-needs/export.xlsx?unitId=${unitId}&year=2026`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-disposition']).toContain('kebutuhan-diklat-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const lines = (wb.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((l) => l.slice(1));
    expect(lines[0]).toEqual([
      'Pelatihan',
      'Kompetensi yang ditutup',
      'Jumlah peserta',
      'Peserta',
      'Biaya per peserta (Rp)',
      'Biaya (Rp)',
    ]);
    expect(lines.slice(1, 3).map((l) => [l[0], l[2], l[4], l[5]])).toEqual([
      ['PKP', 2, 15_000_000, 30_000_000],
      ['Pelatihan Pengambilan Keputusan', 2, 2_500_000, 5_000_000],
    ]);
    expect(lines.find((l) => String(l[1]) === 'T.01')?.[2]).toBe(1);
    expect(lines.slice(-3).map((l) => [l[0], l[5]])).toEqual([
      ['Jumlah biaya', 35_000_000],
      ['Anggaran 2026', 30_000_000],
      ['Sisa anggaran', -5_000_000],
    ]);
    expect(await viewsLogged()).toBe(views + 2);
    const csv = await c.bkd.get(`/api/competency/training-needs/export.csv?unitId=${unitId}&year=2026`);
    expect(csv.statusCode).toBe(200);
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(lines.length);
    expect(csv.body).toContain('Sisa anggaran,,,,,-5000000');
    await unchanged(
      t,
      () => c.kadis.get(`/api/competency/training-needs/export.csv?unitId=${unitId}&year=2026`),
      403,
      'FORBIDDEN',
    );
    await unchanged(
      t,
      () => c.kadis.get(`/api/competency/training-needs?unitId=${unitId}&year=2026`),
      403,
      'FORBIDDEN',
    );
  });
});

describe('training records and the yearly 20 JP (issue 19 point 4)', () => {
  const url = '/api/competency/training-records';
  const form = (client: Client, fields: Record<string, string>, file?: { name: string; content: Buffer }) => {
    const mp = multipart(
      { data: JSON.stringify(fields) },
      file ? { field: 'certificate', ...file } : undefined,
    );
    return client.request({ method: 'POST', url, payload: mp.payload, headers: mp.headers });
  };
  const fields = (over: Record<string, string> = {}) => ({
    title: 'Kursus Analisis Data',
    provider: 'Universitas Mitra',
    startDate: '2026-01-05',
    endDate: '2026-01-07',
    jp: '12',
    cost: '1500000',
    ...over,
  });

  it('refuses a certificate that is not a PDF or an image, and a missing one, storing nothing', async () => {
    await unchanged(
      t,
      () =>
        form(c.kasi, fields(), {
          name: 'sertifikat.pdf',
          content: Buffer.from('MZ\x90\x00 not a pdf at all'),
        }),
      415,
      'UNSUPPORTED_FILE',
    );
    await unchanged(t, () => form(c.kasi, fields()), 400, 'certificate');
    await unchanged(
      t,
      () => form(c.peer, fields({ employeeId: e.kasi.id }), { name: 's.pdf', content: pdf('peer') }),
      403,
      'FORBIDDEN',
    );
  });

  it('records the employee’s own training with its certificate and BKD’s for them; the JP of the year against 20', async () => {
    const own = json<{ id: string }>(
      await form(c.kasi, fields(), { name: 'sertifikat.pdf', content: pdf('kasi-1') }),
      201,
    );
    json(
      await form(
        c.bkd,
        fields({
          employeeId: e.kasi.id,
          title: 'Coaching',
          jp: '4',
          startDate: '2026-01-12',
          endDate: '2026-01-12',
        }),
        {
          name: 's.pdf',
          content: pdf('kasi-2'),
        },
      ),
      201,
    );
    const p = json<CompetencyProfile>(await c.kasi.get('/api/competency/me'));
    // 12 + 4 = 16 JP in 2026 against 20 (PP 11/2017 Pasal 203 ayat (4)): 4 to go.
    expect(p.development).toMatchObject({ year: 2026, jp: 16, target: 20, remaining: 4, met: false });
    expect(p.development.records.map((r) => [r.title, r.hasCertificate])).toEqual([
      ['Coaching', true],
      ['Kursus Analisis Data', true],
    ]);
    expect(
      json<CompetencyProfile>(await c.kadis.get(`/api/competency/employees/${e.kasi.id}`)).development.jp,
    ).toBe(16);
    const cert = await c.kadis.get(`${url}/${own.id}/certificate`);
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-type']).toBe('application/pdf');
    await unchanged(t, () => c.peer.get(`${url}/${own.id}/certificate`), 403);
  });
  it('imports training records row by row; a stored or repeated row is refused; certificates are uploaded afterwards', async () => {
    const header = [
      'nip',
      'nama_pelatihan',
      'penyelenggara',
      'tanggal_mulai',
      'tanggal_selesai',
      'jp',
      'biaya',
    ];
    const file = await xlsx(header, [
      [
        e.staf.nip!,
        'Pelatihan Dasar Statistik',
        'BPS Provinsi',
        '05/01/2026',
        '09/01/2026',
        30,
        'Rp 2.500.000',
      ],
      [e.peer.nip!, 'Kursus Menulis Laporan', 'Universitas Mitra', '06/01/2026', '06/01/2026', 8, ''],
      // line 4: the same person, title and start date as line 2 (different case)
      [e.staf.nip!, 'pelatihan dasar statistik', 'BPS Provinsi', '05/01/2026', '09/01/2026', 30, 0],
      // line 5: already stored through the form (kasi's course of 05/01/2026)
      [e.kasi.nip!, 'Kursus Analisis Data', 'Universitas Mitra', '05/01/2026', '07/01/2026', 12, 0],
      // line 6: staf entered service on 02/01/2024
      [e.staf.nip!, 'Diklat Lama', 'BPSDM', '01/06/2023', '02/06/2023', 16, 0],
      // line 7: a JP of 0 and an end before the start
      [e.outsider.nip!, 'Kursus Singkat', 'LAN', '10/01/2026', '08/01/2026', 0, 0],
      // line 8: unknown NIP and a fractional cost
      ['199001012020011999', 'Kursus', 'LAN', '10/01/2026', '10/01/2026', 4, '1500,5'],
    ]);
    const url = '/api/competency/training-records/import';
    await unchanged(t, () => upload(c.kasi, url, file, { dryRun: 'false' }), 403, 'FORBIDDEN');
    const dry = json<CompetencyImportReport>(await upload(c.bkd, url, file, {}));
    expect(dry.errors.map((x) => [x.line, x.column])).toEqual([
      [4, 'nama_pelatihan'],
      [5, 'nama_pelatihan'],
      [6, 'tanggal_selesai'],
      [7, 'tanggal_selesai'],
      [7, 'jp'],
      [8, 'nip'],
      [8, 'biaya'],
    ]);
    expect(dry.errors.find((x) => x.line === 4)!.message).toBe('Sama dengan baris 2');
    expect(dry).toMatchObject({ totalRows: 7, written: 2, committed: false });
    await unchanged(t, () => upload(c.bkd, url, file, { dryRun: 'false' }), 422, 'IMPORT_INVALID');
    const done = json<CompetencyImportReport>(
      await upload(c.bkd, url, file, { dryRun: 'false', validOnly: 'true' }),
    );
    expect(done).toMatchObject({ committed: true, written: 2 });
    // The same file again: the two good rows are now stored, so nothing is written twice.
    const again = json<CompetencyImportReport>(await upload(c.bkd, url, file, {}));
    expect(again.written).toBe(0);
    expect(again.errors.filter((x) => x.line === 2).map((x) => x.column)).toEqual(['nama_pelatihan']);

    const staf = json<CompetencyProfile>(await c.staf.get('/api/competency/me'));
    const rec = staf.development.records.find((r) => r.title === 'Pelatihan Dasar Statistik')!;
    expect(rec).toMatchObject({ jp: 30, cost: 2_500_000, hasCertificate: false, endDate: '2026-01-09' });
    expect(staf.development).toMatchObject({ jp: 30, met: true });

    // The certificate afterwards: not a peer's, not a text file; the employee's own PDF once, then 409.
    const certUrl = `/api/competency/training-records/${rec.id}/certificate`;
    const send = (client: Client, name: string, content: Buffer) => {
      const mp = multipart({}, { field: 'certificate', name, content });
      return client.request({ method: 'PUT', url: certUrl, payload: mp.payload, headers: mp.headers });
    };
    await unchanged(t, () => send(c.peer, 's.pdf', pdf('peer')), 403);
    await unchanged(
      t,
      () => send(c.staf, 's.pdf', Buffer.from('just text, not a pdf')),
      415,
      'UNSUPPORTED_FILE',
    );
    json(await send(c.staf, 'sertifikat.pdf', pdf('staf-cert')));
    await unchanged(t, () => send(c.bkd, 'lain.pdf', pdf('bkd-cert')), 409, 'CERTIFICATE_EXISTS');
    const after = json<CompetencyProfile>(await c.staf.get('/api/competency/me'));
    expect(after.development.records.find((r) => r.id === rec.id)!.hasCertificate).toBe(true);
    expect((await c.kasi.get(certUrl)).statusCode).toBe(200);
  });
});

describe('analytics across OPDs (issue 19 point 7)', () => {
  it('counts JPM bands, gaps and JP coverage per OPD (hand-worked), for BKD only, writing nothing', async () => {
    const url = '/api/competency/analytics?year=2026';
    await unchanged(t, () => c.kadis.get(url), 403, 'FORBIDDEN');
    const before = await dbFingerprint(t.db);
    const r = json<CompetencyAnalyticsReport>(await c.bkd.get(url));
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const unitA = (
      await t.db
        .selectFrom('employees')
        .select('unitId')
        .where('id', '=', e.kasi.id)
        .executeTakeFirstOrThrow()
    ).unitId;
    expect(r.groups).toHaveLength(3);
    const a = r.groups.find((g) => g.unitId === unitA)!;
    // DINAS-A: kadis (no result), kasi (84,21 % → CO; gaps T.01 3, M.08 2, M.07 1), staf (Pelaksana, default 1 × 9:
    // M.01 1 + M.02 2 = 3 / 9 = 33,33 % → KO; M.03–M.08 and SK.01 short by 1), peer (no result).
    expect(a).toMatchObject({ employees: 4, assessed: 2, noStandard: 0, bands: { O: 0, CO: 1, KO: 1 } });
    expect(a.gaps['M.08']).toEqual({ people: 2, meanGap: 1.5 });
    expect(a.gaps['M.07']).toEqual({ people: 2, meanGap: 1 });
    expect(a.gaps['T.01']).toEqual({ people: 1, meanGap: 3 });
    expect(a.gaps['M.01']).toBeUndefined();
    // JP ended in 2026: kasi 12 + 4 = 16, staf 30 (imported), peer 8: only staf reached 20 → 1 / 4 = 25 %.
    expect(a).toMatchObject({ jpMet: 1, jpTotal: 54, jpMean: 13.5, coveragePercent: 25 });
    expect(r.total).toMatchObject({ employees: 6, assessed: 2, jpMet: 1 });
    expect(r.histogram.filter((b) => b.people > 0).map((b) => b.from)).toEqual([30, 80]);
    expect(r.bands.map((b) => b.code)).toEqual(['O', 'CO', 'KO']);

    const one = json<CompetencyAnalyticsReport>(await c.bkd.get(`${url}&unitId=${unitA}`));
    expect(one.groups.map((g) => g.unitId)).toEqual([unitA]);
    await unchanged(t, () => c.bkd.get(`${url}&unitId=00000000-0000-4000-8000-000000000000`), 404);

    // The home page's summary: the same totals from one aggregate, BKD only, writing nothing.
    await unchanged(t, () => c.kadis.get('/api/competency/analytics/summary?year=2026'), 403, 'FORBIDDEN');
    const sum = json<CompetencyAnalyticsSummary>(
      await c.bkd.get('/api/competency/analytics/summary?year=2026'),
    );
    expect(sum).toEqual({
      year: 2026,
      jpTarget: r.jpTarget,
      employees: r.total.employees,
      assessed: r.total.assessed,
      jpMet: r.total.jpMet,
      coveragePercent: r.total.coveragePercent,
    });
    expect(
      json<CompetencyAnalyticsSummary>(await c.bkd.get('/api/competency/analytics/summary?year=2025')),
    ).toMatchObject({
      year: 2025,
      jpMet: 0,
      assessed: r.total.assessed,
    });
    await unchanged(t, () => c.bkd.get('/api/competency/analytics/summary?year=abc'), 400);

    const csv = await c.bkd.get('/api/competency/analytics/export.csv?year=2026');
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Kesenjangan M.08');
    expect(lines).toHaveLength(5); // header, three OPDs, the total
    expect(lines[4]!.startsWith('Jumlah')).toBe(true);
  });
});

describe('training records under concurrency (test/security/concurrency.test.ts refers here)', () => {
  it('stores one of N identical import commits and one of N identical certificates; the others are refused', async () => {
    const N = 4;
    const file = await xlsx(
      ['nip', 'nama_pelatihan', 'penyelenggara', 'tanggal_mulai', 'tanggal_selesai', 'jp'],
      [[e.peer.nip!, 'Kursus Konkuren', 'BPSDM', '12/01/2026', '13/01/2026', 8]],
    );
    const url = '/api/competency/training-records/import';
    const commits = await Promise.all(
      Array.from({ length: N }, () => upload(c.bkd, url, file, { dryRun: 'false' })),
    );
    // One at a time (an advisory lock): the first writes the row, the others find it stored and write nothing.
    expect(commits.map((r) => r.statusCode).sort()).toEqual([200, ...Array(N - 1).fill(422)]);
    const rows = await t.db
      .selectFrom('competencyTrainingRecords')
      .select('id')
      .where('employeeId', '=', e.peer.id)
      .where('title', '=', 'Kursus Konkuren')
      .execute();
    expect(rows).toHaveLength(1);

    const certUrl = `/api/competency/training-records/${rows[0]!.id}/certificate`;
    const sends = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const mp = multipart({}, { field: 'certificate', name: 's.pdf', content: pdf(`konkuren-${i}`) });
        return c.peer.request({ method: 'PUT', url: certUrl, payload: mp.payload, headers: mp.headers });
      }),
    );
    expect(sends.map((r) => r.statusCode).sort()).toEqual([200, ...Array(N - 1).fill(409)]);
    const attached = await t.db
      .selectFrom('attachments')
      .select('id')
      .where('ownerKind', '=', 'competency_training_record')
      .where('ownerId', '=', rows[0]!.id)
      .execute();
    expect(attached).toHaveLength(1);
  });
});
