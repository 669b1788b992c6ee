/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { json, unchanged, type DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { buildRunsWorld, RUNS_MONTH } from '../../../../test/helpers/tpp-runs-world.ts';

/*
 * The simulation of a new Perkada through real HTTP (issue 17 point 6 and its "Bad input"): February 2027 of
 * DINKES is closed and has its RUN (a draft computed by admin OPD); BKD simulates a draft rulebook version that
 * raises the kelas 7 tariff to 6.000.000 and the disiplin weight to 50 %. The world: test/helpers/tpp-runs-world.ts.
 */

let w: DisciplineWorld;
let runId: string;
let draftId: string;
let simId: string;
const M = RUNS_MONTH;

/** A rulebook version row of status draft, from the national content changed by `change` (stored as is). */
async function insertDraft(rulebookId: string, change: (c: any) => void): Promise<string> {
  const active = await w.t.db
    .selectFrom('rulebookVersions')
    .select(['content', 'region', 'effectiveFrom'])
    .where('rulebookId', '=', 'national')
    .executeTakeFirstOrThrow();
  const content = structuredClone(active.content) as any;
  content.meta.id = rulebookId;
  content.meta.version = `${rulebookId}-1`;
  change(content);
  const row = await w.t.db
    .insertInto('rulebookVersions')
    .values({
      rulebookId,
      region: active.region,
      name: content.meta.name,
      version: content.meta.version,
      effectiveFrom: content.meta.effectiveFrom,
      effectiveTo: content.meta.effectiveTo,
      status: 'draft',
      source: 'api',
      content: JSON.stringify(content),
      createdBy: w.admin.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const simulate = (who: keyof DisciplineWorld['c'], body: object) =>
  w.c[who].post('/api/tpp/simulations', { label: 'Rancangan Perkada 2027', month: M, ...body });
const employeeOf = (list: any[], id: string) => list.find((e: any) => e.employeeId === id);

beforeAll(async () => {
  w = await buildRunsWorld();
  runId = json(await w.c.adminOpd.post('/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 201).id;
  draftId = await insertDraft('perkada-2027', (c) => {
    c.tpp.components.weights = { kinerja: 50, disiplin: 50 };
    c.tpp.tariffs.rows.find((r: any) => r.kelas === 7).amount = 6_000_000;
  });
  await w.t.db
    .insertInto('tppBudgets')
    .values({
      unitId: w.u.dinkes.id,
      year: 2027,
      amount: 400_000_000,
      reference: 'DPA 2027',
      updatedBy: w.admin.userId,
    })
    .execute();
}, 120_000);
afterAll(() => w?.t.close());

describe('refusals (nothing written)', () => {
  it('only BKD simulates: admin OPD, the head and an employee are refused', async () => {
    for (const who of ['adminOpd', 'kadis', 'pegawai'] as const)
      await unchanged(
        w.t,
        () => simulate(who, { rulebookVersionId: draftId, unitIds: [w.u.dinkes.id] }),
        403,
      );
  });

  it('a draft whose tariff table has a gap, or whose weights do not add up to 100, gets the validator issues', async () => {
    const gap = await insertDraft('perkada-gap', (c) => {
      c.tpp.tariffs.rows = c.tpp.tariffs.rows.filter((r: any) => r.kelas !== 8);
    });
    const weights = await insertDraft('perkada-weights', (c) => {
      c.tpp.components.weights = { kinerja: 60, disiplin: 30 };
    });
    const a = await unchanged(
      w.t,
      () => simulate('bkd', { rulebookVersionId: gap, unitIds: [w.u.dinkes.id] }),
      400,
    );
    expect(a.error.message).toMatch(
      /tidak dapat disimulasikan: .*Besaran TPP untuk kelas jabatan 8 belum diisi/,
    );
    const b = await unchanged(
      w.t,
      () => simulate('bkd', { rulebookVersionId: weights, unitIds: [w.u.dinkes.id] }),
      400,
    );
    expect(b.error.message).toMatch(/Bobot kinerja \(60%\) dan disiplin \(30%\) harus berjumlah 100%/);
    expect(b.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'tpp.components.weights' })]),
    );
  });

  it('an active version, an open month and inline tariffs with a negative amount are refused', async () => {
    const active = await w.t.db
      .selectFrom('rulebookVersions')
      .select('id')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const r = await unchanged(w.t, () => simulate('bkd', { rulebookVersionId: active.id }), 400);
    expect(r.error.message).toMatch(/bukan draf/);
    const open = await unchanged(
      w.t,
      () => simulate('bkd', { month: '2027-03', unitIds: [w.u.dinkes.id], label: 'x' }),
      409,
    );
    expect(open.error.message).toMatch(/belum ditutup/);
    await unchanged(
      w.t,
      () => simulate('bkd', { tariffs: { kind: 'inline', rows: [{ kelas: 7, amount: -1 }] } }),
      400,
    );
  });
});

describe('a draft that raises the kelas 7 tariff and the disiplin weight, on DINKES February 2027', () => {
  let sim: any;
  beforeAll(async () => {
    sim = json(await simulate('bkd', { rulebookVersionId: draftId, unitIds: [w.u.dinkes.id] }), 201);
    simId = sim.id;
  });

  it('hand-worked per-employee changes against the month run', async () => {
    const all = json(await w.c.bkd.get(`/api/tpp/simulations/${simId}/employees?pageSize=200`)).items;
    // pegawai (kelas 7, gaji 4.000.000; no kinerja figure → kinerja 0; TL1 03/02, TK 04/02):
    // before: disiplin 40 % × 5.130.000 = 2.052.000 − TL1 0,5 % 25.650 − TK 3 % 153.900 = 1.872.450 gross;
    //   BPJS 1 % of 1.872.450 = 18.724,5 → 18.725; net 1.853.725.
    // after: 50 % × 6.000.000 = 3.000.000 − 30.000 − 180.000 = 2.790.000; BPJS 27.900; net 2.762.100.
    expect(employeeOf(all, w.e.pegawai.id)).toMatchObject({
      grossBefore: 1_872_450,
      grossAfter: 2_790_000,
      before: 1_853_725,
      after: 2_762_100,
      difference: 908_375,
    });
    // rekan (kelas 7, no gaji stored, every day present): before 2.052.000 − BPJS 20.520 = 2.031.480;
    // after 3.000.000 − 30.000 = 2.970.000.
    expect(employeeOf(all, w.e.rekan.id)).toMatchObject({
      before: 2_031_480,
      after: 2_970_000,
      difference: 938_520,
    });
    // kasi (kelas 9, tariff unchanged 7.023.000): disiplin 40 % = 2.809.200 → 50 % = 3.511.500 (gross).
    expect(employeeOf(all, w.e.kasi.id)).toMatchObject({ grossBefore: 2_809_200, grossAfter: 3_511_500 });
    // honorer (NON_ASN) is not paid either way.
    expect(employeeOf(all, w.e.honorer.id)).toMatchObject({ before: 0, after: 0, difference: 0 });
  });

  it('totals side by side, cost per OPD against the pagu (month × 12, labelled), top gainers', async () => {
    const run = json(await w.c.bkd.get(`/api/tpp/runs/${runId}`));
    const all = json(await w.c.bkd.get(`/api/tpp/simulations/${simId}/employees?pageSize=200`)).items;
    const sum = (k: string) => all.reduce((s: number, e: any) => s + e[k], 0);
    expect(sim.totals.net).toEqual({
      before: run.totals.amounts.net,
      after: sum('after'),
      difference: sum('after') - run.totals.amounts.net,
    });
    expect(sim.totals.gross.before).toBe(run.totals.amounts.gross);
    const [u] = sim.perUnit;
    expect(u).toMatchObject({
      unitId: w.u.dinkes.id,
      gross: sum('grossAfter'),
      paidNet: run.totals.amounts.net,
    });
    expect(u.annualEstimate).toBe(u.gross * 12);
    expect(u.budget).toEqual({ amount: 400_000_000, reference: 'DPA 2027' });
    expect(u.budgetPercent).toBe(Math.round((u.gross * 12 * 1000) / 400_000_000) / 10);
    expect(u.paidRuns).toEqual([expect.objectContaining({ runId, status: 'DRAFT' })]);
    expect(sim.estimateNote).toMatch(/× 12/);
    expect(sim.rulebook).toMatchObject({ versionId: draftId, id: 'perkada-2027', status: 'draft' });
    expect(sim.losers).toEqual([]);
    expect(sim.gainers[0].difference).toBeGreaterThanOrEqual(sim.gainers.at(-1).difference);
    expect(sim.gainers.map((e: any) => e.employeeId)).toContain(w.e.pegawai.id);
  });

  it('nothing is visible to employees, admin OPD or the run lists; nobody is notified', async () => {
    expect(json(await w.c.pegawai.get(`/api/tpp/mine?month=${M}`)).items).toEqual([]);
    for (const who of ['adminOpd', 'bkd', 'kadis', 'pegawai'] as const) {
      const list = await w.c[who].get(`/api/tpp/runs?month=${M}&pageSize=200`);
      if (list.statusCode === 200) expect(list.json().items.filter((r: any) => r.id !== runId)).toEqual([]);
    }
    expect(json(await w.c.bkd.get(`/api/tpp/runs?month=${M}`)).items.map((r: any) => r.id)).toEqual([runId]);
    const simRuns = await w.t.db.selectFrom('tppRuns').select('id').where('kind', '=', 'SIMULASI').execute();
    expect(simRuns).toHaveLength(1);
    expect((await w.c.bkd.get(`/api/tpp/runs/${simRuns[0]!.id}`)).statusCode).toBe(404);
    expect(
      (await w.c.pegawai.get(`/api/tpp/runs/${simRuns[0]!.id}/lines/${w.e.pegawai.id}`)).statusCode,
    ).toBe(404);
    const notices = await w.t.db
      .selectFrom('notifications')
      .select('id')
      .where('entityId', 'in', [simId, simRuns[0]!.id])
      .execute();
    expect(notices).toEqual([]);
    for (const who of ['adminOpd', 'pegawai', 'kadis'] as const) {
      expect((await w.c[who].get(`/api/tpp/simulations/${simId}`)).statusCode).toBe(403);
      expect((await w.c[who].get('/api/tpp/simulations')).statusCode).toBe(403);
    }
    expect(json(await w.c.bkd.get('/api/tpp/simulations')).items.map((s: any) => s.id)).toEqual([simId]);
  });

  it('exports XLSX with the per-employee figures', async () => {
    const res = await w.c.bkd.get(`/api/tpp/simulations/${simId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Ringkasan',
      'Per OPD',
      'Per pegawai',
      'Naik terbesar',
      'Turun terbesar',
    ]);
    const rows = wb.getWorksheet('Per pegawai')!.getSheetValues() as any[];
    const putri = rows.find((r) => r?.[2] === 'Putri Pegawai');
    expect(putri.slice(5, 8)).toEqual([1_853_725, 2_762_100, 908_375]);
  });
});

describe('inline tariffs and the whole region; deleting', () => {
  it('inline tariffs replace the rulebook rows kelas by kelas; closed OPDs only, the others listed', async () => {
    const sim = json(
      await simulate('bkd', {
        label: 'Kelas 7 naik',
        tariffs: { kind: 'inline', rows: [{ kelas: 7, amount: 5_500_000 }] },
      }),
      201,
    );
    expect(sim.perUnit.map((u: any) => u.unitName).sort()).toEqual(
      ['Badan Pendapatan Daerah', 'Dinas Kesehatan'].sort(),
    );
    expect(sim.skipped.map((s: any) => s.unitName)).toEqual(expect.arrayContaining(['Inspektorat']));
    const all = json(await w.c.bkd.get(`/api/tpp/simulations/${sim.id}/employees?q=putri`)).items;
    // 40 % × 5.500.000 = 2.200.000 − 27.500 − 165.000 = 2.007.500.
    expect(all[0]).toMatchObject({ grossAfter: 2_007_500, grossBefore: 1_872_450 });
    // BAPENDA has no run of February: its employees have no "before".
    const other = json(await w.c.bkd.get(`/api/tpp/simulations/${sim.id}/employees?q=dodi`)).items[0];
    expect(other).toMatchObject({ before: null, difference: null });
  });

  it('admin OPD cannot delete; BKD deletes (its runs and lines gone, audited); a repeat is 404', async () => {
    await unchanged(w.t, () => w.c.adminOpd.del(`/api/tpp/simulations/${simId}`), 403);
    expect((await w.c.bkd.del(`/api/tpp/simulations/${simId}`)).statusCode).toBe(204);
    expect((await w.c.bkd.get(`/api/tpp/simulations/${simId}`)).statusCode).toBe(404);
    await unchanged(w.t, () => w.c.bkd.del(`/api/tpp/simulations/${simId}`), 404);
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', simId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['tpp_simulation.created', 'tpp_simulation.deleted']);
    // The run of the month is untouched.
    expect(json(await w.c.bkd.get(`/api/tpp/runs/${runId}`)).status).toBe('DRAFT');
  });
});
