import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type EmployeeRef, type PositionRef } from '../../../../test/factories/index.ts';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type { CompetencyImportReport, TrainingNeedsReport } from '../../../shared/api/competency.ts';
import type { CandidateList, NineBox } from '../../../shared/api/competency-talent.ts';

/*
 * Scenario (issue 19 point 8): assessment import → the OPD's training needs → the ranked candidate list for a
 * vacant position, every figure worked by hand. Clock 15/01/2026.
 *
 *   PROV ─ BKD        bkd: BKD over PROV
 *        ─ DINAS-K    Kadis (JPT Pratama, head; no result)
 *                     Ana, Bayu, Citra: Pengawas (default level 2 × 9 = Σ 18); Dedi: Pelaksana (1 × 9 = Σ 9)
 *                     Sekretaris (Administrator, default 3 × 9 = 27; BKD raises M.08 to 4 → Σ required 28): vacant
 *
 * 1. Import by XLSX (assessment centre, 20/11/2025), one row per competency:
 *
 *            M.01 M.02 M.03 M.04 M.05 M.06 M.07 M.08 SK.01   Σ
 *    Ana       3    3    3    3    3    3    3    3    3     27
 *    Bayu      3    3    3    3    3    3    2    2    3     25
 *    Citra     2    2    2    2    2    1    1    1    2     15 (5 × 2 + 3 × 1 + 2)
 *    Dedi      1    1    1    1    1    1    1    –    1      8 (M.08 not assessed: counts 0)
 *    → 35 rows, 4 results.
 *
 * 2. Training needs of DINAS-K for 2026 (gaps against each one's own post; the cheapest catalogue entry per gap):
 *    Ana (Pengawas 2): none.  Bayu: none.  Citra: M.06, M.07, M.08 (gap 1 each).  Dedi (Pelaksana 1): M.08 (1).
 *    Catalogue: "Coaching Pengambilan Keputusan" (M.08, 16 JP, Rp1.500.000); "Kursus Manajemen Perubahan" (M.06, M.07,
 *    32 JP, Rp4.000.000).
 *    → Kursus Manajemen Perubahan: Citra (once for both gaps) = 1 × 4.000.000 = Rp4.000.000
 *    → Coaching Pengambilan Keputusan: Citra, Dedi = 2 × 1.500.000 = Rp3.000.000
 *    Total Rp7.000.000 against a budget of Rp10.000.000: Rp3.000.000 left. 5 employees, 4 assessed.
 *
 * 3. The 9-box (annual predikat 2025 approved; potential = JPM % against the post held on the assessment date,
 *    ≥ 80 Tinggi, 60–< 80 Menengah):
 *    Ana    Sangat Baik → Di Atas;   27/18 → 100 (capped) Tinggi   → box 9
 *    Bayu   Baik → Sesuai;           25/18 → 100 Tinggi             → box 8
 *    Citra  Sangat Baik → Di Atas;   15/18 = 83,33 Tinggi          → box 9
 *    Dedi   Butuh Perbaikan → Di Bawah; 8/9 = 88,89 Tinggi          → box 6
 *
 * 4. Candidates for Sekretaris (JPM = Σ assessed / Σ required × 100, selection bands MS ≥ 80, MMS 68–< 80, KMS < 68):
 *    1. Ana    27 / 28 = 96,43 % → MS  (box 9; gap M.08 3/4)
 *    2. Bayu   25 / 28 = 89,29 % → MS  (box 8; gaps M.08 2/4, M.07 2/3)
 *    3. Citra  15 / 28 = 53,57 % → KMS (box 9)
 *    4. Dedi    8 / 28 = 28,57 % → KMS (box 6)
 */

const CODES = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];
const LEVELS: Record<'ana' | 'bayu' | 'citra' | 'dedi', (number | null)[]> = {
  ana: [3, 3, 3, 3, 3, 3, 3, 3, 3],
  bayu: [3, 3, 3, 3, 3, 3, 2, 2, 3],
  citra: [2, 2, 2, 2, 2, 1, 1, 1, 2],
  dedi: [1, 1, 1, 1, 1, 1, 1, null, 1],
};

let t: TestApp;
let bkd: Client;
let unitId: string;
const e = {} as Record<'kadis' | 'ana' | 'bayu' | 'citra' | 'dedi', EmployeeRef>;
let sekretaris: PositionRef;

const json = <T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};

async function annual(emp: EmployeeRef, predikat: string) {
  const skp = await t.db
    .insertInto('skp')
    .values({
      employeeId: emp.id,
      unitId: emp.unitId,
      year: 2025,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      approach: 'KUANTITATIF',
      status: 'APPROVED',
      penilaiId: e.kadis.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('evaluations')
    .values({
      skpId: skp.id,
      employeeId: emp.id,
      unitId: emp.unitId,
      kind: 'TAHUNAN',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      label: 'Tahunan 2025',
      status: 'APPROVED',
      predikat,
      approvedAt: new Date('2026-01-10T03:00:00Z'),
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const f = factories(t);
  await f.rulebooks();
  const root = await f.unit({ code: 'PROV' });
  const bkdUnit = await f.unit({ code: 'BKD', kind: 'OPD', parent: root });
  const k = await f.unit({ code: 'DINAS-K', kind: 'OPD', parent: root });
  unitId = k.id;
  const head = await f.position({ unit: k, kind: 'JPT_PRATAMA', isHead: true, name: 'Kepala Dinas K' });
  sekretaris = await f.position({ unit: k, kind: 'ADMINISTRATOR', name: 'Sekretaris Dinas K' });
  const kasi = await f.position({ unit: k, kind: 'PENGAWAS', name: 'Kepala Seksi' });
  const pelaksana = await f.position({ unit: k, kind: 'PELAKSANA', name: 'Pengadministrasi Umum' });
  e.kadis = await f.employee({ unit: k, position: head, name: 'Kadis' });
  e.ana = await f.employee({ unit: k, position: kasi, superior: e.kadis, name: 'Ana' });
  e.bayu = await f.employee({ unit: k, position: kasi, superior: e.kadis, name: 'Bayu' });
  e.citra = await f.employee({ unit: k, position: kasi, superior: e.kadis, name: 'Citra' });
  e.dedi = await f.employee({ unit: k, position: pelaksana, superior: e.ana, name: 'Dedi' });
  const account = await f.account(await f.employee({ unit: bkdUnit, name: 'Petugas BKD' }));
  await f.grant(account, 'BKD', root);
  bkd = await login(t.app, account.username);
  await annual(e.ana, 'SANGAT_BAIK');
  await annual(e.bayu, 'BAIK');
  await annual(e.citra, 'SANGAT_BAIK');
  await annual(e.dedi, 'BUTUH_PERBAIKAN');
});
afterAll(async () => {
  await t?.close();
});

describe('scenario: assessment import → training needs → ranked candidates (issue 19 point 8)', () => {
  it('1. BKD sets the vacant post’s standard and imports the results by XLSX', async () => {
    json(
      await bkd.request({
        method: 'PUT',
        url: `/api/competency/positions/${sekretaris.id}/standard`,
        payload: { levels: [{ code: 'M.08', level: 4 }] },
      }),
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hasil');
    ws.addRow(['nip', 'tanggal', 'metode', 'asesor', 'kode_kompetensi', 'level']);
    for (const who of ['ana', 'bayu', 'citra', 'dedi'] as const)
      LEVELS[who].forEach((level, i) => {
        if (level !== null)
          ws.addRow([
            e[who].nip!,
            '20/11/2025',
            'ASSESSMENT_CENTER',
            'UPT Penilaian Kompetensi',
            CODES[i]!,
            level,
          ]);
      });
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const send = (fields: Record<string, string>) => {
      const mp = multipart(fields, { field: 'file', name: 'hasil.xlsx', content: buf });
      return bkd.request({
        method: 'POST',
        url: '/api/competency/assessments/import',
        payload: mp.payload,
        headers: mp.headers,
      });
    };
    const dry = json<CompetencyImportReport>(await send({}));
    expect(dry).toMatchObject({ totalRows: 35, validRows: 35, written: 4, committed: false, errors: [] });
    const done = json<CompetencyImportReport>(await send({ dryRun: 'false' }));
    expect(done).toMatchObject({ committed: true, written: 4 });
  });

  it('2. the OPD’s training needs: participants and cost as worked by hand', async () => {
    for (const body of [
      { title: 'Coaching Pengambilan Keputusan', kind: 'COACHING', codes: ['M.08'], jp: 16, cost: 1_500_000 },
      {
        title: 'Kursus Manajemen Perubahan',
        kind: 'KURSUS',
        codes: ['M.06', 'M.07'],
        jp: 32,
        cost: 4_000_000,
      },
    ])
      json(await bkd.post('/api/competency/trainings', body), 201);
    json(
      await bkd.request({
        method: 'PUT',
        url: '/api/competency/training-budgets',
        payload: { unitId, year: 2026, amount: 10_000_000 },
      }),
    );
    const r = json<TrainingNeedsReport>(
      await bkd.get(`/api/competency/training-needs?unitId=${unitId}&year=2026`),
    );
    expect([r.employees, r.assessed]).toEqual([5, 4]);
    expect(
      r.needs.map((n) => [n.title, n.participants.map((p) => p.name).sort(), n.unitCost, n.cost]),
    ).toEqual([
      ['Kursus Manajemen Perubahan', ['Citra'], 4_000_000, 4_000_000],
      ['Coaching Pengambilan Keputusan', ['Citra', 'Dedi'], 1_500_000, 3_000_000],
    ]);
    expect(r).toMatchObject({
      total: 7_000_000,
      budget: 10_000_000,
      remaining: 3_000_000,
      overBudget: false,
      uncovered: [],
    });
  });

  it('3. the 9-box of the OPD', async () => {
    const r = json<NineBox>(await bkd.get(`/api/competency/talent/nine-box?unitId=${unitId}`));
    const by = new Map(r.people.map((p) => [p.name, [p.predikatLabel, p.potentialScore, p.box]]));
    expect(Object.fromEntries(by)).toEqual({
      Ana: ['Sangat Baik', 100, 9],
      Bayu: ['Baik', 100, 8],
      Citra: ['Sangat Baik', 83.33, 9],
      Dedi: ['Butuh Perbaikan', 88.89, 6],
      Kadis: [null, null, null],
    });
    expect(r.boxes.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 2]);
    expect(r.notPlaced).toBe(1);
  });

  it('4. the ranked candidate list for the vacant Sekretaris post, JPM as worked by hand', async () => {
    const r = json<CandidateList>(
      await bkd.get(`/api/competency/talent/candidates?positionId=${sekretaris.id}`),
    );
    expect([r.vacant, r.requiredTotal]).toEqual([true, 28]);
    expect(
      r.items.map((c) => [
        c.rank,
        c.name,
        c.jpm.assessedTotal,
        c.jpm.requiredTotal,
        c.jpm.percent,
        c.jpm.code,
        c.box,
      ]),
    ).toEqual([
      [1, 'Ana', 27, 28, 96.43, 'MS', 9],
      [2, 'Bayu', 25, 28, 89.29, 'MS', 8],
      [3, 'Citra', 15, 28, 53.57, 'KMS', 9],
      [4, 'Dedi', 8, 28, 28.57, 'KMS', 6],
    ]);
    expect(r.items[0]!.gaps.map((g) => [g.code, g.assessed, g.required])).toEqual([['M.08', 3, 4]]);
    expect(r.items[1]!.gaps.map((g) => [g.code, g.assessed, g.required])).toEqual([
      ['M.08', 2, 4],
      ['M.07', 2, 3],
    ]);
    expect(r.items.every((c) => !c.discipline.flagged && c.development.jp === 0)).toBe(true);
  });
});
