/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay, isoWeekday, monthRange } from '../../../core/common/local-date.ts';
import { json, unchanged, type DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { buildRunsWorld, RUNS_MONTH } from '../../../../test/helpers/tpp-runs-world.ts';
import { storedStatusJson } from './runs-inputs-world.ts';

/*
 * Corrections of a locked run (issue 17 point 4), through real HTTP on the runs world (test/helpers/tpp-runs-world.ts):
 * February 2027 of DINKES computed, taken through its lifecycle and locked. Pegawai (kelas 7 national: TPP
 * 5.130.000; gaji 4.000.000; TL1 03/02, TK 04/02) had a kinerja figure PENDING at the closing (paid 0, the line
 * promising a kekurangan bayar). Paid: kinerja 0, disiplin 40 % = 2.052.000 − TL1 25.650 − TK 153.900 = gross
 * 1.872.450; BPJS 1 % 18.724,5 → 18.725; net 1.853.725.
 *
 * 1. The figure is set after the lock (a kinerja adjustment, score 1): computing March for DINKES records the
 *    kekurangan by itself and pays it: kinerja 60 % × 5.130.000 = 3.078.000 → gross 4.950.450, BPJS 49.504,5 →
 *    49.505, net 4.900.945; correction 4.900.945 − 1.853.725 = 3.047.220.
 * 2. The TK of 04/02 becomes a permit (I) approved after the lock: gross + 153.900 = 5.104.350, BPJS 51.043,5 →
 *    51.044, net 5.053.306; correction 5.053.306 − 1.853.725 − 3.047.220 = 152.361 (recorded by admin OPD).
 */

let w: DisciplineWorld;
let runId: string;
const M = RUNS_MONTH;
const MARCH = '2027-03';

beforeAll(async () => {
  w = await buildRunsWorld();
  const by = w.admin.userId;
  await w.t.db
    .insertInto('kinerjaMonthly')
    .values({
      employeeId: w.e.pegawai.id,
      month: M,
      unitId: w.e.pegawai.unitId,
      method: 'PREDIKAT',
      score: null,
      predikat: null,
      explanation: JSON.stringify([{ status: 'PENDING' }]) as any,
      rulebookId: 'national',
      computedAt: new Date('2027-03-01T00:00:00Z'),
      frozenAt: new Date('2027-03-01T00:00:00Z'),
    })
    .execute();
  const run = json(await w.c.adminOpd.post('/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 201);
  runId = run.id;
  json(await w.c.adminOpd.post(`/api/tpp/runs/${runId}/check`, {}));
  json(await w.c.adminOpd.post(`/api/tpp/runs/${runId}/publish`, {}));
  await w.setNow('2027-03-19T02:00:00Z');
  json(await w.c.kadis.post(`/api/tpp/runs/${runId}/approve-opd`, {}));
  json(await w.c.bkd.post(`/api/tpp/runs/${runId}/approve`, {}));
  json(await w.c.bkd.post(`/api/tpp/runs/${runId}/lock`, {}));
  void by;
}, 180_000);
afterAll(() => w?.t.close());

const preview = (who: keyof DisciplineWorld['c'], q = '') =>
  w.c[who].get(`/api/tpp/runs/${runId}/corrections/preview${q}`);
const record = (who: keyof DisciplineWorld['c'], body: object = {}) =>
  w.c[who].post(`/api/tpp/runs/${runId}/corrections`, body);
const itemOf = (p: any, id: string) => p.items.find((i: any) => i.employeeId === id);

describe('a locked run recomputed: nothing changed', () => {
  it('the paid line is as worked out, and the preview (writing nothing) finds no difference', async () => {
    const line = json(await w.c.bkd.get(`/api/tpp/runs/${runId}/lines/${w.e.pegawai.id}`));
    expect(line.amounts).toMatchObject({
      kinerja: 0,
      gross: 1_872_450,
      bpjsEmployee: 18_725,
      net: 1_853_725,
    });
    const p = await unchanged(w.t, () => preview('adminOpd'), 200);
    expect((p as any).total).toBe(0);
    expect((p as any).items.every((i: any) => i.amount === 0)).toBe(true);
    expect(json(await record('adminOpd')).recorded).toEqual([]);
  });

  it("the run's view tells who may record: admin OPD and BKD on the locked run, not its head", async () => {
    for (const [who, may] of [
      ['adminOpd', true],
      ['bkd', true],
      ['kadis', false],
    ] as const)
      expect(json(await w.c[who].get(`/api/tpp/runs/${runId}`)).canRecordCorrections, who).toBe(may);
  });

  it('refused to another OPD, employees and a run not locked, writing nothing', async () => {
    await unchanged(w.t, () => preview('adminOther'), 404);
    await unchanged(w.t, () => record('adminOther'), 404);
    await unchanged(w.t, () => record('pegawai'), 404);
    await unchanged(w.t, () => record('kadis'), 404);
    const other = json(await w.c.adminOther.post('/api/tpp/runs', { unitId: w.u.bapenda.id, month: M }), 201);
    const r = await unchanged(
      w.t,
      () => w.c.adminOther.post(`/api/tpp/runs/${other.id}/corrections`, {}),
      409,
    );
    expect(r.error.message).toMatch(/berstatus draf; koreksi hanya dicatat untuk TPP yang sudah dikunci/);
    expect(json(await w.c.adminOther.get(`/api/tpp/runs/${other.id}`)).canRecordCorrections).toBe(false);
  });
});

describe('a kinerja figure set after the lock: computing the next month records the kekurangan and pays it', () => {
  it('March of DINKES pays 3.047.220 to pegawai as a correction of February', async () => {
    await w.t.db
      .insertInto('kinerjaAdjustments')
      .values({
        employeeId: w.e.pegawai.id,
        unitId: w.e.pegawai.unitId,
        monthClosed: M,
        carriedToMonth: MARCH,
        oldScore: null,
        newScore: '1',
        reason: 'Penilaian periodik disetujui setelah penutupan',
        createdAt: w.t.clock.now(),
      })
      .execute();
    const p = json(await preview('adminOpd'));
    expect(itemOf(p, w.e.pegawai.id)).toMatchObject({
      paidNet: 1_853_725,
      recomputedNet: 4_900_945,
      recorded: 0,
      amount: 3_047_220,
    });
    expect(itemOf(p, w.e.pegawai.id).reason).toMatch(/^Kekurangan bayar TPP Februari 2027: angka kinerja/);
    expect(p.total).toBe(3_047_220);

    // March stored for pegawai and closed; the March run of DINKES.
    const { from, to } = monthRange(MARCH);
    await w.f.dayStatuses(
      w.e.pegawai,
      eachDay(from, to).map((localDate) => {
        const off = isoWeekday(localDate) >= 6;
        return { localDate, code: off ? 'LIBUR' : 'H', workLocation: off ? null : 'WFO', nonWorkingDay: off };
      }),
      new Date('2027-04-01T00:00:00Z'),
    );
    await w.t.db
      .insertInto('monthClosings')
      .values({ unitId: w.u.dinkes.id, month: MARCH, closedBy: w.admin.userId })
      .execute();
    await w.setNow('2027-04-05T02:00:00Z');
    const march = json(
      await w.c.adminOpd.post('/api/tpp/runs', { unitId: w.u.dinkes.id, month: MARCH }),
      201,
    );
    const corrections = await w.t.db
      .selectFrom('tppCorrections')
      .select(['id', 'employeeId', 'amount', 'originMonth', 'appliedRunId'])
      .where('originRunId', '=', runId)
      .execute();
    expect(corrections).toEqual([
      expect.objectContaining({
        employeeId: w.e.pegawai.id,
        amount: 3_047_220,
        originMonth: M,
        appliedRunId: null,
      }),
    ]);
    const line = json(await w.c.bkd.get(`/api/tpp/runs/${march.id}/lines/${w.e.pegawai.id}`));
    expect(line.amounts.correction).toBe(3_047_220);
    // Computing again finds it recorded: nothing more.
    expect(json(await preview('adminOpd')).total).toBe(0);
    const n = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select(['n.title', 'n.body'])
      .where('u.employeeId', '=', w.e.pegawai.id)
      .where('n.kind', '=', 'tpp_correction.recorded')
      .execute();
    expect(n).toEqual([
      expect.objectContaining({ title: 'Koreksi TPP Februari 2027: kekurangan bayar Rp 3.047.220' }),
    ]);
  });
});

describe('a permit approved after the lock: admin OPD records the correction', () => {
  it('preview 152.361 for pegawai, recorded once (idempotent), audited, listed in scope', async () => {
    const status = (code: string) => storedStatusJson(w.e.pegawai.unitId, code);
    await w.t.db
      .insertInto('statusAdjustments')
      .values({
        employeeId: w.e.pegawai.id,
        unitId: w.e.pegawai.unitId,
        localDate: '2027-02-04',
        monthClosed: M,
        carriedToMonth: '2027-04',
        oldCode: 'TK',
        newCode: 'I',
        oldStatus: status('TK'),
        newStatus: status('I'),
        reason: 'Izin disetujui setelah penutupan',
        createdAt: w.t.clock.now(),
      })
      .execute();
    const p = await unchanged(w.t, () => preview('bkd', `?employeeId=${w.e.pegawai.id}`), 200);
    expect((p as any).items).toEqual([
      expect.objectContaining({
        employeeId: w.e.pegawai.id,
        paidNet: 1_853_725,
        recomputedNet: 5_053_306,
        recorded: 3_047_220,
        amount: 152_361,
        reason: expect.stringContaining('Status 04/02/2027 diubah setelah bulan ditutup (TK → I)'),
      }),
    ]);
    await unchanged(w.t, () => record('adminOther', { employeeId: w.e.pegawai.id }), 404);
    const r = json(await record('adminOpd'));
    expect(r.recorded).toEqual([
      expect.objectContaining({
        employeeId: w.e.pegawai.id,
        amount: 152_361,
        status: 'OPEN',
        originMonth: M,
      }),
    ]);
    expect(json(await record('adminOpd')).recorded).toEqual([]);
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', r.recorded[0].id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'tpp_correction.recorded',
        after: expect.objectContaining({ amount: 152_361 }),
      }),
    ]);
    const list = json(await w.c.bkd.get(`/api/tpp/corrections?month=${M}&status=OPEN`));
    expect(list.items.map((i: any) => i.amount).sort()).toEqual([152_361, 3_047_220].sort());
    expect(json(await w.c.adminOther.get(`/api/tpp/corrections?month=${M}`)).items).toEqual([]);
    expect(json(await w.c.pegawai.get(`/api/tpp/corrections?month=${M}`)).items).toEqual([]);
  });
});
