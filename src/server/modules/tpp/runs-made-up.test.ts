import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { factories, type EmployeeRef } from '../../../../test/factories/index.ts';
import { eachDay, isoWeekday, monthRange } from '../../../core/common/local-date.ts';
import type { RunLineDetail } from '../../../shared/api/tpp-runs.ts';

/*
 * TPP-08 end to end: a lateness made up the same day (KemenPANRB 2018 tolerance, regulations.md §3.2) is cut only
 * beyond the monthly allowance. Only the regional-60-40 rulebook (region contoh-provinsi-a) has it:
 * attendance.lateMakeUp.maxLateMinutes 30 (classify-day: late ≤ 30 minutes and out ≥ end + the lateness → the day
 * is H with `madeUpLate`, no band) and tpp.deductions.lateMakeUp { allowedDaysPerMonth 5, beyond 'excessDays' }
 * (compute-tpp: the 6th made-up day onwards is cut by its band).
 *
 * The world (an installation of region contoh-provinsi-a): DINKES, February 2026 — 18 working days (20 weekdays
 * less 16 Feb cuti bersama and 17 Feb Imlek). Punches inserted as the attendance service stores them, the days
 * computed by the status service (which stores `status_months.made_up_late`), an accepted daily report on every
 * working day (the rulebook cuts a missing LKH as TK), gaji 4.000.000, the month closed through the recap service
 * (kinerja figures frozen: LAPORAN_HARIAN, score 1), the run computed by the runs service.
 *
 *   On time: in 07:00, out 17:30 WIB.  Made up: in 07:50 (20 minutes late, TL1 1–30) and out 17:30 (≥ 16:20, or
 *   16:50 on a Friday).  Not made up: in 07:50, out 16:05 (< 16:20) → TL1.
 *   Ani   made up 7 times: 02, 03, 04, 05, 06, 09, 10 Feb.
 *   Budi  made up 5 times (02–06 Feb, exactly the allowance) and late without making it up on 09 Feb.
 *
 * Both kelas 7 PELAKSANA III/b: tariff 5.130.000 × 18/18 working days = 5.130.000; kinerja 60 % = 3.078.000 ×
 * score 1 = 3.078.000; disiplin 40 % = 2.052.000 (the deduction base). TL1 = 0,5 % × 2.052.000 = 10.260 a day.
 *   Ani:  days 1–5 (02–06 Feb) not cut; the 6th and 7th (09, 10 Feb) cut TL1: 2 × 10.260 = 20.520.
 *         gross 5.130.000 − 20.520 = 5.109.480; BPJS 1 % 51.094,8 → 51.095 (4 % 204.379,2 → 204.379);
 *         PPh 21 III 5 % 255.474 borne by the government → net 5.109.480 − 51.095 = 5.058.385.
 *   Budi: 5 made-up days, none cut; 09 Feb not made up: TL1 10.260. gross 5.119.740; BPJS 51.197,4 → 51.197;
 *         net 5.119.740 − 51.197 = 5.068.543.
 */

const MONTH = '2026-02';
const { from: FROM, to: TO } = monthRange(MONTH);
const DAYS = eachDay(FROM, TO);
const WORKING = DAYS.filter((d) => isoWeekday(d) <= 5 && d !== '2026-02-16' && d !== '2026-02-17');
const ANI_MADE_UP = [
  '2026-02-02',
  '2026-02-03',
  '2026-02-04',
  '2026-02-05',
  '2026-02-06',
  '2026-02-09',
  '2026-02-10',
];
const BUDI_MADE_UP = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06'];
const BUDI_LATE = '2026-02-09';

let t: TestApp;
let ani: EmployeeRef;
let budi: EmployeeRef;
let runId: string;
let actor: Awaited<ReturnType<ReturnType<typeof factories>['admin']>>['actor'];

beforeAll(async () => {
  t = await createTestApp({
    demo: false,
    now: '2026-03-10T03:00:00Z',
    env: { RULEBOOK_REGION: 'contoh-provinsi-a' },
  });
  const f = factories(t);
  await f.rulebooks();
  const admin = await f.admin();
  actor = admin.actor;
  const root = await f.unit({ code: 'PEMPROV', kind: 'INSTANSI' });
  const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
  const kadis = await f.employee({
    unit: dinkes,
    position: await f.position({ unit: dinkes, kind: 'JPT_PRATAMA', kelasJabatan: 14, isHead: true }),
    name: 'Kadis',
  });
  const staf = await f.position({
    unit: dinkes,
    kind: 'PELAKSANA',
    kelasJabatan: 7,
    name: 'Pengelola Program',
  });
  const staff = (name: string) =>
    f.employee({ unit: dinkes, position: staf, superior: kadis, name, golongan: 'III/b' });
  ani = await staff('Ani Lestari');
  budi = await staff('Budi Santoso');

  // Punches (WIB = UTC+7) as the attendance service stores them, then the days computed by the status service.
  let seq = 0;
  const punch = (e: EmployeeRef, date: string, utc: string) =>
    t.db
      .insertInto('punches')
      .values({
        employeeId: e.id,
        unitId: e.unitId,
        kind: 'ANY',
        source: 'ONLINE',
        occurredAt: new Date(`${date}T${utc}:00Z`),
        receivedAt: new Date(`${date}T${utc}:00Z`),
        localDate: date,
        idempotencyKey: `made-up-${++seq}`,
        bodyHash: 'x',
        verdict: 'ACCEPTED',
      })
      .execute();
  for (const [e, madeUp, late] of [
    [kadis, [], []],
    [ani, ANI_MADE_UP, []],
    [budi, BUDI_MADE_UP, [BUDI_LATE]],
  ] as const)
    for (const d of WORKING) {
      const isMadeUp = (madeUp as readonly string[]).includes(d);
      const isLate = (late as readonly string[]).includes(d);
      await punch(e, d, isMadeUp || isLate ? '00:50' : '00:00'); // 07:50 or 07:00 WIB
      await punch(e, d, isLate ? '09:05' : '10:30'); // 16:05 or 17:30 WIB
    }
  for (const e of [kadis, ani, budi]) await t.services.statuses.markDirty(e.id, DAYS, 'test');
  await t.services.statuses.processQueue(1000);

  // An accepted daily report on every working day (a missing one counts as TK in this rulebook), and the gaji.
  for (const e of [ani, budi]) {
    const skp = await t.db
      .insertInto('skp')
      .values({
        employeeId: e.id,
        unitId: e.unitId,
        year: 2026,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        approach: 'KUANTITATIF',
        status: 'APPROVED',
        penilaiId: kadis.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rhk = await t.db
      .insertInto('skpRhk')
      .values({ skpId: skp.id, kind: 'UTAMA', seq: 1, text: 'Melayani masyarakat' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('dailyReports')
      .values(
        WORKING.map((d) => ({
          employeeId: e.id,
          unitId: e.unitId,
          skpId: skp.id,
          rhkId: rhk.id,
          reportDate: d,
          activity: `Kegiatan ${d}`,
          minutes: 450,
          clientId: randomUUID(),
          status: 'ACCEPTED',
          verifierId: kadis.id,
          verifiedAt: new Date(`${d}T10:00:00Z`),
        })),
      )
      .execute();
    await t.db
      .insertInto('employeeSalaries')
      .values({ employeeId: e.id, validFrom: '2026-01-01', gajiPokok: 4_000_000, recordedBy: admin.userId })
      .execute();
  }

  await t.services.recap.close(actor, root.id, MONTH);
  runId = (await t.services.tpp.runs.compute(actor, { unitId: dinkes.id, month: MONTH })).id;
}, 180_000);
afterAll(() => t?.close());

const lineOf = (e: EmployeeRef): Promise<RunLineDetail> => t.services.tpp.runs.line(actor, runId, e.id);
const cuts = (l: RunLineDetail) => l.deductions.map((d) => [d.date, d.code, d.percent, d.appliedAmount]);

describe('TPP-08: latenesses made up the same day, on a run of contoh-provinsi-a (regional-60-40)', () => {
  it('the status service stores a made-up day as H without a band, and the late one not made up as TL1', async () => {
    const days = await t.db
      .selectFrom('dayStatuses')
      .select(['employeeId', 'localDate', 'code', 'lateBand'])
      .where('employeeId', 'in', [ani.id, budi.id])
      .where('localDate', 'in', [...ANI_MADE_UP, BUDI_LATE])
      .execute();
    const of = (e: EmployeeRef, d: string) => days.find((r) => r.employeeId === e.id && r.localDate === d)!;
    for (const d of ANI_MADE_UP) expect(of(ani, d)).toMatchObject({ code: 'H', lateBand: null });
    expect(of(budi, BUDI_LATE)).toMatchObject({ code: 'H', lateBand: 'TL1' });
  });

  it('within the allowance (5 a month) no TL cut: Budi is cut only for the day he did not make up', async () => {
    const l = await lineOf(budi);
    expect(l.run.rulebook.id).toBe('regional-60-40');
    expect(l.kinerja).toMatchObject({ score: 1, status: 'FINAL' });
    expect(cuts(l)).toEqual([[BUDI_LATE, 'TL1', 0.5, 10_260]]);
    expect(l.amounts).toMatchObject({
      base: 5_130_000,
      kinerja: 3_078_000,
      disiplin: 2_052_000,
      deductions: 10_260,
      gross: 5_119_740,
      bpjsEmployee: 51_197,
      taxWithheld: 0,
      net: 5_068_543,
    });
    expect(l.notes.some((n) => n.includes('diganti pada hari yang sama'))).toBe(false);
  });

  it('beyond the allowance the 6th and 7th made-up days are cut by their band (TL1), the first five not', async () => {
    const l = await lineOf(ani);
    expect(cuts(l)).toEqual([
      ['2026-02-09', 'TL1', 0.5, 10_260],
      ['2026-02-10', 'TL1', 0.5, 10_260],
    ]);
    expect(l.deductions[0]!.rule).toMatch(/diganti pada hari yang sama, tetapi melebihi 5 kali sebulan/);
    expect(l.byCause.TL).toBe(20_520);
    expect(l.amounts).toMatchObject({
      base: 5_130_000,
      kinerja: 3_078_000,
      disiplin: 2_052_000,
      deductions: 20_520,
      gross: 5_109_480,
      bpjsEmployee: 51_095,
      bpjsEmployer: 204_379,
      tax: 255_474,
      taxWithheld: 0,
      net: 5_058_385,
    });
    expect(l.notes).toContain(
      'Keterlambatan yang diganti pada hari yang sama 7 kali, lebih dari 5 kali dalam bulan 2026-02: 2 hari ' +
        'dipotong menurut pita terlambatnya',
    );
  });
});
