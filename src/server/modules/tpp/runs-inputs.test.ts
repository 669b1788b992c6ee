import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { factories, type PositionRef, type UnitRef } from '../../../../test/factories/index.ts';
import { eachDay } from '../../../core/common/local-date.ts';
import type { EmployeeMonthInput } from './runs-inputs.ts';
import {
  buildGatherWorld,
  inputsOf,
  MONTH,
  storedStatusJson,
  type GatherWorld,
} from './runs-inputs-world.ts';

/*
 * Gathering a run's inputs (issue 17 point 2) for February 2026 on the national rulebook (proration in calendar
 * days) and on contoh-provinsi-a (regional-60-40: working days), read inside a transaction, from a month closed
 * through the recap service (which froze the kinerja figures). February 2026: 28 days, weekends 1, 7–8, 14–15,
 * 21–22, 28; 16 (cuti bersama) and 17 (Imlek) are holidays → 18 working days.
 *
 *   PEMPROV ─┬─ DINKES: kadis (head, JPT_PRATAMA 14), ani (PELAKSANA 7), citra (PELAKSANA 7 → PENGAWAS 9 from 16/02)
 *            │    ├─ P2P: budi (JF_AHLI_PERTAMA 8) → moved to BAPENDA (PELAKSANA 6) from 12/02
 *            │    └─ UPTD (live from 16/02): dedi (PELAKSANA 5, in service from 10/02)
 *            └─ BAPENDA: eko (PELAKSANA 6)
 *
 * Ani: TK 04/02, CT 05/02, WFH 10/02. Apel (DINKES): 02, 03, 04, 05, 10 apel pagi, 09 upacara Senin; P2P: 11 apel
 * sore; BAPENDA: 03 and 18 apel pagi. Ani attended 02 (accepted) and 03 (rejected scan) → missed 03, 04 (TK), 09;
 * 05 (CT) and 10 (WFH) not expected. Reports accepted on every required day but 04 (TK), 06 (none), 12 (filed,
 * not validated), 13 (returned). Periodic evaluation BUTUH_PERBAIKAN → kinerja 0,75. Sanction R2 from 20/02. Gaji
 * 4.000.000 (4.200.000 only from March). A correction of January not yet paid (one already paid, one of March:
 * not hers to take now).
 * Budi: salary stopped; CLTN recorded from 15/02. Dedi: stored days before the UPTD's go-live and before his
 * service are "no data". Kadis and citra scanned at every DINKES apel.
 */
let w: GatherWorld;
let t: GatherWorld['t'];
let u: GatherWorld['u'];
let p: GatherWorld['p'];
let e: GatherWorld['e'];
beforeAll(async () => {
  w = await buildGatherWorld();
  ({ t, u, p, e } = w);
}, 120_000);
afterAll(() => w?.t.close());

/** Gather inside a transaction (as a run does), keyed by employee. */
async function gather(unit: UnitRef, region?: string) {
  const list = await t.db.transaction().execute((trx) => inputsOf(t, region).gather(trx, unit, MONTH));
  return { list, of: (who: keyof typeof e) => list.find((x) => x.employeeId === e[who].id)! };
}

const seg = (
  from: string,
  to: string,
  unit: UnitRef,
  position: PositionRef,
  name: string,
  group: string,
  kelas: number,
  days: [number, number],
) => ({
  from,
  to,
  unitId: unit.id,
  unitPath: unit.path,
  positionId: position.id,
  positionName: name,
  positionGroup: group,
  kelasJabatan: kelas,
  daysPlaced: days[0],
  daysInPeriod: days[1],
});
const dates = (x: EmployeeMonthInput) => x.days.map((d) => d.date);

describe('gather (national rulebook: calendar days)', () => {
  let g: Awaited<ReturnType<typeof gather>>;
  beforeAll(async () => {
    g = await gather(u.dinkes);
  });

  it('reads the employees with days in the subtree, and writes nothing', async () => {
    expect(g.list.map((x) => x.employeeId).sort()).toEqual(
      [e.kadis, e.ani, e.budi, e.citra, e.dedi].map((x) => x.id).sort(),
    );
    const before = await dbFingerprint(t.db);
    await gather(u.dinkes);
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it('gives Ani’s month field by field', () => {
    const ani = g.of('ani');
    expect(ani).toMatchObject({
      employeeId: e.ani.id,
      nip: e.ani.nip,
      name: 'dr. Ani Lestari, M.Kes.',
      golongan: 'III/b',
      employeeType: 'PNS',
      unitId: u.dinkes.id,
      positionName: 'Pengelola Program',
      segments: [
        seg('2026-02-01', '2026-02-28', u.dinkes, p.staf, 'Pengelola Program', 'PELAKSANA', 7, [28, 28]),
      ],
      gajiPokok: 4_000_000,
      bank: {
        bankName: 'Bank Jateng',
        accountNumber: '1234567890',
        accountHolder: 'Ani Lestari',
        npwp: '01.234.567.8-901.000',
      },
      apelMisses: [
        { date: '2026-02-03', kind: 'apel_pagi' },
        { date: '2026-02-04', kind: 'apel_pagi' },
        { date: '2026-02-09', kind: 'upacara_senin' },
      ],
      missingActivityReportDates: ['2026-02-04', '2026-02-06', '2026-02-12', '2026-02-13'],
      kinerja: {
        score: 0.75,
        predikat: 'BUTUH_PERBAIKAN',
        method: 'PREDIKAT',
        status: 'FINAL',
        frozen: true,
      },
      sanctions: [{ type: 'R2', from: '2026-02-20' }],
      salaryStopped: false,
      exclusions: [],
      corrections: [
        { id: w.correction.open, amount: 250_000, reason: 'Koreksi 2026-01', originMonth: '2026-01' },
      ],
      notes: [],
    });
    expect(ani.segmentsOutside).toBeUndefined();
    expect(ani.days).toHaveLength(28);
    expect(ani.days.find((d) => d.date === '2026-02-04')).toMatchObject({ code: 'TK', nonWorkingDay: false });
    expect(ani.days.find((d) => d.date === '2026-02-10')).toMatchObject({ code: 'H', workLocation: 'WFH' });
    expect(ani.days.find((d) => d.date === '2026-02-16')).toMatchObject({
      code: 'LIBUR',
      nonWorkingDay: true,
    });
    expect(Object.keys(ani.days[0]!)).not.toContain('unitId');
  });

  it('splits a transfer to another OPD: this run keeps its own segment and days', () => {
    const budi = g.of('budi');
    expect(budi.segments).toEqual([
      seg('2026-02-01', '2026-02-11', u.p2p, p.jf, 'Epidemiolog', 'JF_AHLI_PERTAMA', 8, [11, 28]),
    ]);
    expect(budi.segmentsOutside).toEqual([
      seg('2026-02-12', '2026-02-28', u.bapenda, p.bapenda, 'Pengelola Pajak', 'PELAKSANA', 6, [17, 28]),
    ]);
    expect(budi.unitId).toBe(u.p2p.id);
    expect(budi.positionName).toBe('Epidemiolog');
    expect(dates(budi)).toEqual(eachDay('2026-02-01', '2026-02-11'));
    expect(budi.notes).toContain(
      'Ditempatkan di luar unit ini 12/02/2026–28/02/2026: dibayar oleh unit tersebut',
    );
    // Sessions of his bidang and of the OPD above it; none of BAPENDA (not his unit on 03/02, outside on 18/02).
    expect(budi.apelMisses).toEqual([
      { date: '2026-02-02', kind: 'apel_pagi' },
      { date: '2026-02-03', kind: 'apel_pagi' },
      { date: '2026-02-04', kind: 'apel_pagi' },
      { date: '2026-02-05', kind: 'apel_pagi' },
      { date: '2026-02-09', kind: 'upacara_senin' },
      { date: '2026-02-10', kind: 'apel_pagi' },
      { date: '2026-02-11', kind: 'apel_sore' },
    ]);
    // No report at all: the working days of his DINKES segment only.
    expect(budi.missingActivityReportDates).toEqual([
      ...eachDay('2026-02-02', '2026-02-06'),
      ...eachDay('2026-02-09', '2026-02-11'),
    ]);
    expect(budi).toMatchObject({
      gajiPokok: 3_500_000,
      bank: null,
      salaryStopped: true,
      sanctions: [],
      exclusions: [
        {
          code: 'CLTN',
          reason: 'Cuti di luar tanggungan negara',
          reference: 'SK BKD 800/12/2026',
          validFrom: '2026-02-15',
          validTo: null,
        },
      ],
      kinerja: { score: null, predikat: null, method: 'PREDIKAT', status: 'PENDING', frozen: true },
      corrections: [],
    });
    expect(budi.notes).toContain('Angka kinerja masih menunggu penilaian (PENDING)');
    expect(budi.notes).toContain('Rekening bank belum tercatat');
  });

  it('gives two segments for a promotion within the OPD', () => {
    const citra = g.of('citra');
    expect(citra.segments).toEqual([
      seg('2026-02-01', '2026-02-15', u.dinkes, p.staf, 'Pengelola Program', 'PELAKSANA', 7, [15, 28]),
      seg('2026-02-16', '2026-02-28', u.dinkes, p.pengawas, 'Kepala Subbagian', 'PENGAWAS', 9, [13, 28]),
    ]);
    expect(citra.positionName).toBe('Kepala Subbagian');
    expect(citra.days).toHaveLength(28);
    expect(citra.apelMisses).toEqual([]);
    expect(citra.notes).toEqual([
      'Angka kinerja masih menunggu penilaian (PENDING)',
      'Gaji pokok belum tercatat (dianggap Rp0 untuk batas BPJS)',
      'Rekening bank belum tercatat',
    ]);
    expect(citra.gajiPokok).toBe(0);
  });

  it('leaves out "no data" days: before the unit’s go-live and before the service', () => {
    const dedi = g.of('dedi');
    expect(dedi.segments).toEqual([
      seg('2026-02-10', '2026-02-28', u.uptd, p.uptd, 'Analis Lab', 'PELAKSANA', 5, [19, 28]),
    ]);
    expect(dates(dedi)).toEqual(eachDay('2026-02-16', '2026-02-28'));
    // DINKES sessions before the go-live are on no-data days: not missed.
    expect(dedi.apelMisses).toEqual([]);
    expect(dedi.missingActivityReportDates).toEqual([
      ...eachDay('2026-02-18', '2026-02-20'),
      ...eachDay('2026-02-23', '2026-02-27'),
    ]);
  });

  it('gives the head’s kinerja and the misses of someone who attended everything', () => {
    const kadis = g.of('kadis');
    expect(kadis.kinerja).toEqual({
      score: 1,
      predikat: 'BAIK',
      method: 'PREDIKAT',
      status: 'FINAL',
      frozen: true,
    });
    expect(kadis.apelMisses).toEqual([]);
    expect(kadis.missingActivityReportDates).toHaveLength(18);
  });

  it('the other OPD’s run takes the rest of the transfer', async () => {
    const b = await gather(u.bapenda);
    expect(b.list.map((x) => x.employeeId).sort()).toEqual([e.budi.id, e.eko.id].sort());
    const budi = b.of('budi');
    expect(budi.segments).toEqual([
      seg('2026-02-12', '2026-02-28', u.bapenda, p.bapenda, 'Pengelola Pajak', 'PELAKSANA', 6, [17, 28]),
    ]);
    expect(budi.segmentsOutside).toHaveLength(1);
    expect(budi.unitId).toBe(u.bapenda.id);
    expect(dates(budi)).toEqual(eachDay('2026-02-12', '2026-02-28'));
    expect(budi.apelMisses).toEqual([{ date: '2026-02-18', kind: 'apel_pagi' }]);
  });

  it('the region’s run sees the whole month of a transfer inside it', async () => {
    const r = await gather(u.root);
    const budi = r.of('budi');
    expect(budi.segments.map((s) => [s.unitId, s.daysPlaced, s.daysInPeriod])).toEqual([
      [u.p2p.id, 11, 28],
      [u.bapenda.id, 17, 28],
    ]);
    expect(budi.segmentsOutside).toBeUndefined();
    expect(budi.days).toHaveLength(28);
    expect(r.list).toHaveLength(6);
  });

  it('refuses a malformed month', async () => {
    await expect(inputsOf(t).gather(t.db, u.dinkes, '2026-13')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('gather (contoh-provinsi-a: working days)', () => {
  it('counts the placed days and the month in the unit calendar’s working days (18 in February 2026)', async () => {
    const g = await gather(u.dinkes, 'contoh-provinsi-a');
    const days = (who: keyof typeof e) => g.of(who).segments.map((s) => [s.daysPlaced, s.daysInPeriod]);
    expect(days('ani')).toEqual([[18, 18]]);
    // 2–6, 9–11 Feb | 12–13, 18–20, 23–27 Feb (16 and 17 are holidays).
    expect(days('budi')).toEqual([[8, 18]]);
    expect(g.of('budi').segmentsOutside!.map((s) => [s.daysPlaced, s.daysInPeriod])).toEqual([[10, 18]]);
    // 2–6, 9–13 | 18–20, 23–27.
    expect(days('citra')).toEqual([
      [10, 18],
      [8, 18],
    ]);
    // From his first day of service, 10 Feb: 10–13, 18–20, 23–27.
    expect(days('dedi')).toEqual([[12, 18]]);
  });
});

describe('gather over the closed month’s adjustments and the made-up latenesses', () => {
  it('a day changed after the closing counts as it does now (noted with why); the adjusted kinerja figure is used', async () => {
    const status = (code: string, extra: object = {}) => storedStatusJson(u.dinkes.id, code, extra);
    // TK 04/02 became a permit (I) approved after the closing; 11/02 was made up late (TL2, 45 minutes).
    await t.db
      .insertInto('statusAdjustments')
      .values([
        {
          employeeId: e.ani.id,
          unitId: u.dinkes.id,
          localDate: '2026-02-04',
          monthClosed: MONTH,
          carriedToMonth: '2026-03',
          oldCode: 'TK',
          newCode: 'I',
          oldStatus: status('TK'),
          newStatus: status('I'),
          reason: 'Izin disetujui setelah penutupan',
        },
        {
          employeeId: e.ani.id,
          unitId: u.dinkes.id,
          localDate: '2026-02-11',
          monthClosed: MONTH,
          carriedToMonth: '2026-03',
          oldCode: 'H',
          newCode: 'H',
          oldStatus: status('H'),
          newStatus: status('H', { madeUpLate: 'TL2:45' }),
          reason: 'Presensi pulang dikoreksi',
        },
      ])
      .execute();
    await t.db
      .insertInto('kinerjaAdjustments')
      .values({
        employeeId: e.ani.id,
        unitId: u.dinkes.id,
        monthClosed: MONTH,
        carriedToMonth: '2026-03',
        oldScore: '0.75',
        newScore: '0.9',
        reason: 'Penilaian periodik diubah',
      })
      .execute();
    const ani = (await gather(u.dinkes)).of('ani');
    expect(ani.days.find((d) => d.date === '2026-02-04')).toMatchObject({ code: 'I' });
    expect(ani.days.find((d) => d.date === '2026-02-11')).toMatchObject({
      code: 'H',
      madeUpLate: { band: 'TL2', minutes: 45 },
    });
    expect(ani.days).toHaveLength(28);
    expect(ani.kinerja).toMatchObject({ score: 0.9, status: 'FINAL' });
    expect(ani.notes).toEqual([
      'Status 04/02/2026 diubah setelah bulan ditutup (TK → I): Izin disetujui setelah penutupan',
      'Status 11/02/2026 diubah setelah bulan ditutup (H → H): Presensi pulang dikoreksi',
      expect.stringMatching(
        /^Angka kinerja disesuaikan 1 kali setelah bulan ditutup: dipakai angka terakhir/,
      ),
    ]);
    // The month row keeps what was closed.
    const row = await t.db
      .selectFrom('statusMonths')
      .select(['code', 'madeUpLate'])
      .where('employeeId', '=', e.ani.id)
      .executeTakeFirstOrThrow();
    expect(row.madeUpLate).not.toContain('TL2');
    await t.db.deleteFrom('statusAdjustments').where('employeeId', '=', e.ani.id).execute();
    await t.db.deleteFrom('kinerjaAdjustments').where('employeeId', '=', e.ani.id).execute();
  });

  it('a made-up lateness stored with the day is read back into the day', async () => {
    await factories(t).dayStatuses(e.kadis, [
      { localDate: '2026-02-12', code: 'H', workLocation: 'WFO', madeUpLate: 'TL1:20' },
    ]);
    const kadis = (await gather(u.dinkes)).of('kadis');
    expect(kadis.days.find((d) => d.date === '2026-02-12')!.madeUpLate).toEqual({ band: 'TL1', minutes: 20 });
    expect(kadis.days.find((d) => d.date === '2026-02-13')!.madeUpLate).toBeUndefined();
  });
});
