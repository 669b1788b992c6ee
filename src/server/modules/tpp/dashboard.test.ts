/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { json, unchanged, type DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { buildRunsWorld } from '../../../../test/helpers/tpp-runs-world.ts';

/*
 * The TPP dashboards (issue 17 point 7) from stored run totals: DINKES has runs from November 2026 to February 2027
 * (locked or approved), BAPENDA a published run of February and a draft of January, and a simulation of DINKES
 * February exists; the figures must be the sums of the counted runs' totals, and nothing else.
 */

let w: DisciplineWorld;
type Causes = {
  TL: number;
  PSW: number;
  TK: number;
  APEL: number;
  LKH: number;
  LAINNYA: number;
  SANKSI: number;
};
const causes = (tl: number, tk: number, sanksi = 0): Causes => ({
  TL: tl,
  PSW: 1_000,
  TK: tk,
  APEL: 500,
  LKH: 0,
  LAINNYA: 0,
  SANKSI: sanksi,
});
const sumCauses = (c: Causes) => Object.values(c).reduce((s, x) => s + x, 0);

async function run(
  unit: 'dinkes' | 'bapenda',
  month: string,
  status: string,
  gross: number,
  c: Causes,
  kind = 'RUN',
) {
  const u = w.u[unit];
  const path = (
    await w.t.db.selectFrom('units').select('path').where('id', '=', u.id).executeTakeFirstOrThrow()
  ).path;
  const amounts = { gross, net: gross - 10_000, deductions: sumCauses(c) - c.SANKSI, sanctionCut: c.SANKSI };
  await w.t.db
    .insertInto('tppRuns')
    .values({
      unitId: u.id,
      unitPath: path,
      month,
      kind,
      status,
      rulebook: '{}',
      rules: '{}',
      inputsHash: 'x',
      resultHash: 'x',
      totals: JSON.stringify({ employees: 3, paid: 3, excluded: 0, amounts, byCause: c, budget: null }),
      createdBy: w.admin.userId,
    })
    .execute();
}

beforeAll(async () => {
  w = await buildRunsWorld();
  await run('dinkes', '2026-11', 'DIKUNCI', 90_000_000, causes(100_000, 200_000));
  await run('dinkes', '2026-12', 'DIKUNCI', 91_000_000, causes(120_000, 100_000));
  await run('dinkes', '2027-01', 'DIKUNCI', 92_000_000, causes(80_000, 300_000, 50_000));
  await run('dinkes', '2027-02', 'DISETUJUI', 93_000_000, causes(400_000, 600_000));
  await run('bapenda', '2027-02', 'DIUMUMKAN', 40_000_000, causes(10_000, 0));
  await run('bapenda', '2027-01', 'DRAFT', 39_000_000, causes(10_000, 0));
  await run('dinkes', '2027-02', 'SIMULASI', 999_000_000, causes(9_000_000, 9_000_000), 'SIMULASI');
  await w.t.db
    .insertInto('tppBudgets')
    .values([
      {
        unitId: w.u.dinkes.id,
        year: 2027,
        amount: 1_200_000_000,
        reference: 'DPA',
        updatedBy: w.admin.userId,
      },
      { unitId: w.u.bapenda.id, year: 2027, amount: 500_000_000, reference: null, updatedBy: w.admin.userId },
    ])
    .execute();
}, 120_000);
afterAll(() => w?.t.close());

const dash = (who: keyof DisciplineWorld['c'], q = '') => w.c[who].get(`/api/tpp/dashboard?year=2027${q}`);

describe('TPP dashboard', () => {
  it('paid (approved or locked) against the pagu by OPD and month: the sums of the run totals', async () => {
    const d = json(await dash('bkd'));
    expect(d.basisLabel).toMatch(/disetujui BKD atau dikunci/);
    const dinkes = d.units.find((u: any) => u.unitId === w.u.dinkes.id);
    expect(dinkes.gross.slice(0, 3)).toEqual([92_000_000, 93_000_000, 0]);
    expect(dinkes.grossTotal).toBe(185_000_000);
    expect(dinkes.budgetPercent).toBe(15.4);
    // BAPENDA's runs are published / draft only: listed with its pagu, nothing paid.
    const bapenda = d.units.find((u: any) => u.unitId === w.u.bapenda.id);
    expect(bapenda).toMatchObject({ grossTotal: 0, budget: { amount: 500_000_000 } });
    expect(d.totals).toEqual({ gross: 185_000_000, net: 184_980_000, budget: 1_700_000_000, runs: 2 });
    const jan = causes(80_000, 300_000, 50_000);
    const feb = causes(400_000, 600_000);
    for (const c of Object.keys(jan) as (keyof Causes)[]) expect(d.byCause[c]).toBe(jan[c] + feb[c]);
    expect(d.byMonth[1]).toMatchObject({ month: '2027-02', gross: 93_000_000, runs: 1, byCause: feb });
  });

  it('basis "published" adds BAPENDA February; drafts and simulations never count', async () => {
    const d = json(await dash('bkd', '&basis=published'));
    expect(d.basisLabel).toMatch(/diumumkan/);
    expect(d.totals.gross).toBe(92_000_000 + 93_000_000 + 40_000_000);
    expect(d.byMonth[0].gross).toBe(92_000_000);
  });

  it('the OPDs whose deductions rise: February against the average of the 3 months before', async () => {
    const d = json(await dash('bkd'));
    const prev = Math.round(
      (sumCauses(causes(100_000, 200_000)) +
        sumCauses(causes(120_000, 100_000)) +
        sumCauses(causes(80_000, 300_000, 50_000))) /
        3,
    );
    const cur = sumCauses(causes(400_000, 600_000));
    expect(d.rising).toEqual({
      month: '2027-02',
      items: [
        {
          unitId: w.u.dinkes.id,
          unitName: 'Dinas Kesehatan',
          current: cur,
          previousAverage: prev,
          increase: cur - prev,
          increasePercent: Math.round(((cur - prev) / prev) * 1000) / 10,
        },
      ],
    });
  });

  it('scope: admin OPD sees its OPD only, is refused another; an employee is refused', async () => {
    const d = json(await dash('adminOpd', '&basis=published'));
    expect(d.units.map((u: any) => u.unitId)).toEqual([w.u.dinkes.id]);
    expect(d.totals.gross).toBe(185_000_000);
    expect((await dash('adminOpd', `&unitId=${w.u.bapenda.id}`)).statusCode).toBe(403);
    expect(json(await dash('adminOther', '&basis=published')).totals.gross).toBe(40_000_000);
    for (const who of ['pegawai', 'kasi'] as const) {
      expect((await dash(who)).statusCode).toBe(403);
      expect((await w.c[who].get('/api/tpp/dashboard/export.xlsx?year=2027')).statusCode).toBe(403);
    }
    await unchanged(w.t, () => dash('adminOpd', `&unitId=${w.u.bapenda.id}`), 403);
  });

  it('exports the same figures as XLSX', async () => {
    const res = await w.c.bkd.get('/api/tpp/dashboard/export.xlsx?year=2027');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('TPP vs pagu')!.getSheetValues() as any[];
    const dinkes = rows.find((r) => r?.[1] === 'Dinas Kesehatan');
    expect(dinkes.slice(2, 4)).toEqual([92_000_000, 93_000_000]);
    expect(dinkes[14]).toBe(185_000_000);
  });
});
