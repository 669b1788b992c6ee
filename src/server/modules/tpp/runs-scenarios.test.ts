import { beforeAll, describe, expect, it } from 'vitest';
import { loadRulebookFiles } from '../rulebooks/rulebook-files.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { DayCode, EarlyBand, LateBand } from '../../../core/attendance/status-codes.ts';
import type { EmployeeMonthInput, PlacementSegment } from './runs-inputs.ts';
import {
  computeLine,
  computeLines,
  runHashes,
  summaryOf,
  totalsOf,
  type ComputedLine,
  type LineInputs,
  type RunRules,
  type TariffLookup,
} from './runs-engine.ts';
import { inlineLineComputer, workerLineComputer } from './line-computer.ts';

/*
 * Hand-worked runs, one per regional variant of rulebooks/ (issue 17 point 9), at the engine level with the
 * inputs given (no database): March 2025 of one OPD, six employees, every rupiah worked out below.
 *
 *   Ani   kelas 8 PELAKSANA III/a, gaji 4.000.000, kinerja 1: TL1 03/03, PSW2 04/03, TK 05/03, no LKH on 06/03
 *         (a working day present), missed the Monday apel / upacara 10/03
 *   Budi  mid-month transfer: kelas 7 PELAKSANA 01–16/03, kelas 9 PENGAWAS 17–31/03 (calendar days 16 + 15 of 31;
 *         working days 10 + 9 of 19 for a working-day rulebook), II/c, gaji 3.500.000, kinerja 0,8, TL2 18/03
 *   Citra kelas 8, a CLTN record covering the month → excluded, nothing paid, the reason kept
 *   Dedi  kelas 9 PENGAWAS III/c, gaji 4.500.000, a sanction taking effect in the middle of a month
 *   Eko   kelas 14 JPT_PRATAMA IV/a, gaji 5.500.000 (gaji + TPP above the BPJS ceiling 12.000.000), kinerja 0,9
 *   Fani  kelas 5 PELAKSANA II/a, gaji 2.500.000, TK on every one of the 21 weekdays, kinerja 0 (a month away)
 *
 * Rounding: roundRupiah (half away from zero) on each base, share, line, cut and contribution; totals are sums.
 */

const MONTH = '2025-03';
const WEEKDAYS = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 31].map(
  (d) => `2025-03-${String(d).padStart(2, '0')}`,
);

const day = (
  date: string,
  code: DayCode = 'H',
  late: LateBand | null = null,
  early: EarlyBand | null = null,
): DayStatus => ({
  date,
  code,
  lateBand: late,
  earlyBand: early,
  lateMinutes: 0,
  earlyMinutes: 0,
  missingCheckIn: false,
  missingCheckOut: false,
  workLocation: code === 'H' ? 'WFO' : null,
  reasons: [],
});

const place = (
  kelas: number,
  group: string,
  from = '2025-03-01',
  to = '2025-03-31',
  placed = 31,
  period = 31,
): PlacementSegment => ({
  from,
  to,
  unitId: '00000000-0000-4000-8000-000000000001',
  unitPath: '/root/opd/',
  positionId: `pos-${kelas}`,
  positionName: `Jabatan kelas ${kelas}`,
  positionGroup: group,
  kelasJabatan: kelas,
  daysPlaced: placed,
  daysInPeriod: period,
});

function employee(id: string, name: string, over: Partial<EmployeeMonthInput>): EmployeeMonthInput {
  return {
    employeeId: `00000000-0000-4000-8000-00000000000${id}`,
    nip: `19800101200501100${id}`,
    name,
    golongan: 'III/a',
    employeeType: 'PNS',
    unitId: '00000000-0000-4000-8000-000000000001',
    positionName: null,
    segments: [place(8, 'PELAKSANA')],
    gajiPokok: 4_000_000,
    bank: null,
    days: [],
    apelMisses: [],
    missingActivityReportDates: [],
    kinerja: { score: 1, predikat: null, method: 'PREDIKAT', status: 'FINAL', frozen: true },
    sanctions: [],
    salaryStopped: false,
    exclusions: [],
    corrections: [],
    notes: [],
    ...over,
  };
}

/** The six employees; what differs by rulebook: the apel kind, the placement days, the sanction, Eko's figure. */
function month(opts: {
  apelKind: string;
  workingDays: boolean;
  sanction: { type: string; from: string };
  ekoKinerja?: EmployeeMonthInput['kinerja'];
}): EmployeeMonthInput[] {
  const [a, b] = opts.workingDays ? [10, 9] : [16, 15];
  const period = opts.workingDays ? 19 : 31;
  return [
    employee('1', 'Ani', {
      days: [
        day('2025-03-03', 'H', 'TL1'),
        day('2025-03-04', 'H', null, 'PSW2'),
        day('2025-03-05', 'TK'),
        day('2025-03-06'),
        day('2025-03-10'),
      ],
      apelMisses: [{ date: '2025-03-10', kind: opts.apelKind }],
      missingActivityReportDates: ['2025-03-06'],
    }),
    employee('2', 'Budi', {
      golongan: 'II/c',
      gajiPokok: 3_500_000,
      segments: [
        place(7, 'PELAKSANA', '2025-03-01', '2025-03-16', a, period),
        place(9, 'PENGAWAS', '2025-03-17', '2025-03-31', b, period),
      ],
      days: [day('2025-03-18', 'H', 'TL2')],
      kinerja: { score: 0.8, predikat: null, method: 'PREDIKAT', status: 'FINAL', frozen: true },
    }),
    employee('3', 'Citra', {
      golongan: 'III/b',
      exclusions: [
        { code: 'CLTN', reason: 'CLTN', reference: 'SK 800/12/2025', validFrom: '2025-02-01', validTo: null },
      ],
    }),
    employee('4', 'Dedi', {
      golongan: 'III/c',
      gajiPokok: 4_500_000,
      segments: [place(9, 'PENGAWAS')],
      sanctions: [opts.sanction],
    }),
    employee('5', 'Eko', {
      golongan: 'IV/a',
      gajiPokok: 5_500_000,
      segments: [place(14, 'JPT_PRATAMA')],
      kinerja: opts.ekoKinerja ?? {
        score: 0.9,
        predikat: null,
        method: 'PREDIKAT',
        status: 'FINAL',
        frozen: true,
      },
    }),
    employee('6', 'Fani', {
      golongan: 'II/a',
      gajiPokok: 2_500_000,
      segments: [place(5, 'PELAKSANA')],
      days: WEEKDAYS.map((d) => day(d, 'TK')),
      kinerja: { score: 0, predikat: null, method: 'PREDIKAT', status: 'FINAL', frozen: true },
    }),
  ];
}

/** The rulebook's own tariff rows (no Perkada table for 2025). */
const rulebookTariffs: TariffLookup = {
  source: { kind: 'rulebook' },
  amountFor: (kelas, _g, _u, _p, rules) => {
    const row = rules.tariffs.rows.find((r) => r.kelas === kelas);
    return row ? { amount: row.amount, parts: [{ criterion: 'PRESTASI_KERJA', amount: row.amount }] } : null;
  },
};

const rulesOf = (rb: Rulebook): RunRules => ({
  tpp: rb.tpp,
  discipline: { sanctionTypes: rb.discipline.sanctionTypes, absence: rb.discipline.absence },
  whenNoEvaluation: rb.performance.kinerjaFigure.whenNoEvaluation,
  tariffSource: rulebookTariffs.source,
});

let books: Map<string, Rulebook>;
beforeAll(async () => {
  books = new Map((await loadRulebookFiles()).map((rb) => [rb.meta.id, rb]));
});

function run(id: string, inputs: EmployeeMonthInput[]) {
  const rules = rulesOf(books.get(id)!);
  const lines = computeLines(inputs, MONTH, rulebookTariffs, rules);
  return {
    rules,
    lines,
    by: (name: string) => lines.find((l) => l.inputs.employee.name === name)!,
    totals: totalsOf(lines.map(summaryOf)),
  };
}

const cols = (l: ComputedLine) => {
  const a = l.amounts;
  return [
    a.base,
    a.kinerja,
    a.disiplin,
    a.deductions,
    a.sanctionCut,
    a.gross,
    a.bpjsEmployer,
    a.bpjsEmployee,
    a.tax,
    a.net,
  ];
};
const lines = (l: ComputedLine) =>
  l.result.deductions.map((d) => [d.date, d.code, d.percent, d.appliedAmount]);

/** Every line and the run add up; a stored line (JSON) recomputes to the same bytes and hashes. */
function expectConsistent(r: ReturnType<typeof run>) {
  for (const l of r.lines) {
    const a = l.amounts;
    expect(a.kinerja + a.disiplin - a.deductions - a.sanctionCut).toBe(a.gross);
    expect(a.gross - a.bpjsEmployee - a.taxWithheld + a.correction).toBe(a.net);
    const stored = JSON.parse(JSON.stringify(l.inputs)) as LineInputs;
    expect(JSON.stringify(computeLine(stored, JSON.parse(JSON.stringify(r.rules)) as RunRules).result)).toBe(
      JSON.stringify(l.result),
    );
  }
  // As `runs.verify` does: every line recomputed from its stored (JSON) inputs and the stored rules.
  const stored = JSON.parse(JSON.stringify({ rules: r.rules, inputs: r.lines.map((l) => l.inputs) })) as {
    rules: RunRules;
    inputs: LineInputs[];
  };
  const again = stored.inputs.map((i) => computeLine(i, stored.rules));
  expect(runHashes({ unitId: 'u', month: MONTH }, stored.rules, again.map(summaryOf))).toEqual(
    runHashes({ unitId: 'u', month: MONTH }, r.rules, r.lines.map(summaryOf)),
  );
  const t = r.totals.amounts;
  expect(t.net).toBe(r.lines.reduce((s, l) => s + l.amounts.net, 0));
  expect(Object.values(r.totals.byCause).reduce((s, v) => s + v, 0)).toBe(t.deductions + t.sanctionCut);
}

describe('national: 60 % kinerja / 40 % disiplin, deductions on the whole TPP, no tax line', () => {
  it('March 2025 of six employees, every rupiah by hand', () => {
    const r = run(
      'national',
      month({ apelKind: 'upacara_senin', workingDays: false, sanction: { type: 'S1', from: '2025-03-17' } }),
    );
    // Ani: tariff kelas 8 = 6.002.000 = base; kinerja 60 % = 3.601.200 × 1; disiplin 40 % = 2.400.800.
    //   Each line a % of the whole 6.002.000: TL1 0,5 % = 30.010; PSW2 1 % = 60.020; TK 3 % = 180.060;
    //   no LKH on 06/03: no deduction (national: missingActivityReport none); upacara Senin 1 % = 60.020.
    //   deductions 330.110 → gross 6.002.000 − 330.110 = 5.671.890
    //   BPJS: 4.000.000 + 5.671.890 < 12.000.000 → base 5.671.890: 4 % = 226.875,6 → 226.876; 1 % = 56.718,9 → 56.719
    //   net 5.671.890 − 56.719 = 5.615.171
    expect(lines(r.by('Ani'))).toEqual([
      ['2025-03-03', 'TL1', 0.5, 30_010],
      ['2025-03-04', 'PSW2', 1, 60_020],
      ['2025-03-05', 'TK', 3, 180_060],
      ['2025-03-10', 'APEL', 1, 60_020],
    ]);
    expect(cols(r.by('Ani'))).toEqual([
      6_002_000, 3_601_200, 2_400_800, 330_110, 0, 5_671_890, 226_876, 56_719, 0, 5_615_171,
    ]);
    // Budi (calendar days): kelas 7 5.130.000 × 16/31 = 2.647.741,9 → 2.647.742; kelas 9 7.023.000 × 15/31 =
    //   3.398.225,8 → 3.398.226; base 6.045.968.
    //   kinerja shares 60 %: 1.588.645,2 → 1.588.645 and 2.038.935,6 → 2.038.936; × 0,8 = 1.270.916 and 1.631.148,8 →
    //   1.631.149 → kinerja 2.902.065; disiplin 1.059.097 + 1.359.290 = 2.418.387.
    //   TL2 18/03 (1 % of each placement's base): 26.477,4 → 26.477 + 33.982,3 → 33.982 = 60.459
    //   gross 2.902.065 + 2.418.387 − 60.459 = 5.259.993; BPJS base 5.259.993: 210.399,7 → 210.400; 52.599,9 → 52.600
    //   net 5.259.993 − 52.600 = 5.207.393
    const budi = r.by('Budi');
    expect(budi.result.segments.map((s) => s.breakdown.base)).toEqual([2_647_742, 3_398_226]);
    expect(budi.result.deductions).toEqual([
      expect.objectContaining({
        date: '2025-03-18',
        code: 'TL2',
        appliedAmount: 60_459,
        segmentAmounts: [26_477, 33_982],
      }),
    ]);
    expect(cols(budi)).toEqual([
      6_045_968, 2_902_065, 2_418_387, 60_459, 0, 5_259_993, 210_400, 52_600, 0, 5_207_393,
    ]);
    // Citra: CLTN from 01/02/2025, open-ended → the whole month excluded; every amount 0, the reason and basis kept.
    expect(r.by('Citra').result.excluded).toMatchObject({
      code: 'CLTN',
      reason: expect.stringContaining('SK 800/12/2025'),
    });
    expect(cols(r.by('Citra'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Dedi: S1 effective 17/03. S1 is not active yet (PP 94/2021 Pasal 42): its interim substitute KGB_TUNDA_1TH is
    //   imposed, and the national rulebook cuts only S1–S3 themselves → no cut, with the notes saying so.
    //   kelas 9 7.023.000: gross 7.023.000; BPJS 4.500.000 + 7.023.000 < 12.000.000 → 280.920 / 70.230;
    //   net 6.952.770
    expect(r.by('Dedi').result.sanctions).toEqual([]);
    expect(r.by('Dedi').result.notes.join(' ')).toContain('KGB_TUNDA_1TH');
    expect(cols(r.by('Dedi'))).toEqual([
      7_023_000, 4_213_800, 2_809_200, 0, 0, 7_023_000, 280_920, 70_230, 0, 6_952_770,
    ]);
    // Eko: kelas 14 15.397.000; kinerja 9.238.200 × 0,9 = 8.314.380; disiplin 6.158.800; gross 14.473.180.
    //   BPJS at the ceiling: min(5.500.000 + 14.473.180, 12.000.000) − 5.500.000 = 6.500.000 → 260.000 / 65.000
    //   net 14.473.180 − 65.000 = 14.408.180
    expect(r.by('Eko').result.bpjs.base).toBe(6_500_000);
    expect(cols(r.by('Eko'))).toEqual([
      15_397_000, 8_314_380, 6_158_800, 0, 0, 14_473_180, 260_000, 65_000, 0, 14_408_180,
    ]);
    // Fani: kelas 5 3.748.000; kinerja 2.248.800 × 0 = 0; disiplin 1.499.200. 21 TK × 3 % of 3.748.000 = 112.440 each
    //   (2.361.240 in all), capped at what was earned, 0 + 1.499.200: 13 full lines (1.461.720), the 14th (20/03)
    //   37.480, the last seven 0 → deductions 1.499.200, gross 0, BPJS 0, net 0.
    const fani = r.by('Fani');
    expect(fani.result.isCapped).toBe(true);
    expect(fani.result.deductions.map((d) => d.appliedAmount)).toEqual([
      ...Array(13).fill(112_440),
      37_480,
      ...Array(7).fill(0),
    ]);
    expect(cols(fani)).toEqual([3_748_000, 0, 1_499_200, 1_499_200, 0, 0, 0, 0, 0, 0]);
    // The run: 6 lines, 1 excluded; net 5.615.171 + 5.207.393 + 0 + 6.952.770 + 14.408.180 + 0 = 32.183.514.
    //   By cause: TL 30.010 + 60.459 = 90.469; PSW 60.020; TK 180.060 + 1.499.200 = 1.679.260; APEL 60.020.
    expect(r.totals).toMatchObject({ employees: 6, paid: 5, excluded: 1, kinerjaNotFinal: 0 });
    expect(r.totals.amounts).toMatchObject({
      base: 38_215_968,
      deductions: 1_889_769,
      gross: 32_428_063,
      bpjsEmployer: 978_196,
      bpjsEmployee: 244_549,
      net: 32_183_514,
    });
    expect(r.totals.byCause).toEqual({
      TL: 90_469,
      PSW: 60_020,
      TK: 1_679_260,
      APEL: 60_020,
      LKH: 0,
      LAINNYA: 0,
      SANKSI: 0,
    });
    expectConsistent(r);
  });
});

describe('regional-40-60: 40 % kinerja / 60 % disiplin (JPT Pratama 50/50), deductions on the total, PPh 21 withheld', () => {
  it('March 2025 of six employees, every rupiah by hand', () => {
    const r = run(
      'regional-40-60',
      month({ apelKind: 'apel_pagi', workingDays: false, sanction: { type: 'R2', from: '2025-03-17' } }),
    );
    // Ani: kelas 8 11.100.000; kinerja 40 % 4.440.000; disiplin 60 % 6.660.000. Lines of 11.100.000: TL1 0,5 % 55.500;
    //   PSW2 1 % 111.000; TK 3 % 333.000; LKH missing 0,5 % 55.500; apel pagi 0,5 % 55.500 → 610.500.
    //   gross 10.489.500; BPJS ceiling: 12.000.000 − 4.000.000 = 8.000.000 → 320.000 / 80.000;
    //   PPh 21 golongan III 5 % (example) = 524.475 withheld → net 10.489.500 − 80.000 − 524.475 = 9.885.025
    expect(lines(r.by('Ani'))).toEqual([
      ['2025-03-03', 'TL1', 0.5, 55_500],
      ['2025-03-04', 'PSW2', 1, 111_000],
      ['2025-03-05', 'TK', 3, 333_000],
      ['2025-03-06', 'LKH', 0.5, 55_500],
      ['2025-03-10', 'APEL', 0.5, 55_500],
    ]);
    expect(cols(r.by('Ani'))).toEqual([
      11_100_000, 4_440_000, 6_660_000, 610_500, 0, 10_489_500, 320_000, 80_000, 524_475, 9_885_025,
    ]);
    // Budi: kelas 7 9.287.000 × 16/31 = 4.793.290,3 → 4.793.290; kelas 9 13.152.000 × 15/31 = 6.363.870,97 → 6.363.871.
    //   kinerja 40 %: 1.917.316 × 0,8 = 1.533.852,8 → 1.533.853; 2.545.548,4 → 2.545.548 × 0,8 = 2.036.438,4 →
    //   2.036.438 → 3.570.291; disiplin 2.875.974 + 3.818.323 = 6.694.297.
    //   TL2 1 %: 47.932,9 → 47.933 + 63.638,71 → 63.639 = 111.572 → gross 10.153.016
    //   BPJS ceiling: 12.000.000 − 3.500.000 = 8.500.000 → 340.000 / 85.000; golongan II 0 % → net 10.068.016
    expect(cols(r.by('Budi'))).toEqual([
      11_157_161, 3_570_291, 6_694_297, 111_572, 0, 10_153_016, 340_000, 85_000, 0, 10_068_016,
    ]);
    expect(cols(r.by('Citra'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Dedi: R2 effective 17/03, the cut starts in the effective month (startsIn effectiveMonth): 30 % × 2 months
    //   (March–April). kelas 9 13.152.000: 30 % = 3.945.600 → gross 9.206.400; BPJS 12.000.000 − 4.500.000 =
    //   7.500.000 → 300.000 / 75.000; PPh 21 5 % = 460.320 → net 9.206.400 − 75.000 − 460.320 = 8.671.080
    expect(r.by('Dedi').result.sanctions).toEqual([
      expect.objectContaining({
        sanctionType: 'R2',
        cutFromMonth: '2025-03',
        cutToMonth: '2025-04',
        percent: 30,
        appliedAmount: 3_945_600,
      }),
    ]);
    expect(cols(r.by('Dedi'))).toEqual([
      13_152_000, 5_260_800, 7_891_200, 0, 3_945_600, 9_206_400, 300_000, 75_000, 460_320, 8_671_080,
    ]);
    // Eko (JPT_PRATAMA 50/50): kelas 14 30.717.000; kinerja 15.358.500 × 0,9 = 13.822.650; disiplin 15.358.500;
    //   gross 29.181.150; BPJS 12.000.000 − 5.500.000 = 6.500.000 → 260.000 / 65.000;
    //   PPh 21 golongan IV 15 % = 4.377.172,5 → 4.377.173; net 29.181.150 − 65.000 − 4.377.173 = 24.738.977
    expect(r.by('Eko').result.segments[0]!.breakdown.weights).toEqual({ kinerja: 50, disiplin: 50 });
    expect(cols(r.by('Eko'))).toEqual([
      30_717_000, 13_822_650, 15_358_500, 0, 0, 29_181_150, 260_000, 65_000, 4_377_173, 24_738_977,
    ]);
    // Fani: kelas 5 6.500.000; kinerja 0; disiplin 3.900.000. 21 × TK 3 % of 6.500.000 = 195.000 each, capped at
    //   3.900.000 = 20 full lines; 31/03 gets 0 → gross 0, net 0.
    expect(r.by('Fani').result.deductions.at(-1)).toMatchObject({
      date: '2025-03-31',
      amount: 195_000,
      appliedAmount: 0,
    });
    expect(cols(r.by('Fani'))).toEqual([6_500_000, 0, 3_900_000, 3_900_000, 0, 0, 0, 0, 0, 0]);
    // Run: net 9.885.025 + 10.068.016 + 8.671.080 + 24.738.977 = 53.363.098; PPh 21 524.475 + 460.320 + 4.377.173
    //   = 5.361.968. By cause: TL 55.500 + 111.572 = 167.072; PSW 111.000; TK 333.000 + 3.900.000 = 4.233.000;
    //   LKH 55.500; APEL 55.500; SANKSI 3.945.600.
    expect(r.totals.amounts).toMatchObject({
      gross: 59_030_066,
      tax: 5_361_968,
      taxWithheld: 5_361_968,
      net: 53_363_098,
    });
    expect(r.totals.byCause).toEqual({
      TL: 167_072,
      PSW: 111_000,
      TK: 4_233_000,
      APEL: 55_500,
      LKH: 55_500,
      LAINNYA: 0,
      SANKSI: 3_945_600,
    });
    expectConsistent(r);
  });
});

describe('regional-60-40: 60 % kinerja / 40 % disiplin, deductions on the disiplin share, working days, PPh 21 borne', () => {
  it('March 2025 of six employees, every rupiah by hand', () => {
    const r = run(
      'regional-60-40',
      month({ apelKind: 'apel_pagi', workingDays: true, sanction: { type: 'R2', from: '2025-02-17' } }),
    );
    // Ani: kelas 8 6.002.000; kinerja 3.601.200; disiplin 2.400.800 = the deduction base (Toba).
    //   TL1 0,5 % 12.004; PSW2 1 % 24.008; TK 3 % 72.024; LKH missing → treated as TK 3 % 72.024; apel pagi 2 %
    //   48.016 → 228.076; gross 5.773.924; BPJS 230.956,96 → 230.957 / 57.739,24 → 57.739;
    //   PPh 21 III 5 % = 288.696 borne by the government (not withheld) → net 5.773.924 − 57.739 = 5.716.185
    expect(lines(r.by('Ani'))).toEqual([
      ['2025-03-03', 'TL1', 0.5, 12_004],
      ['2025-03-04', 'PSW2', 1, 24_008],
      ['2025-03-05', 'TK', 3, 72_024],
      ['2025-03-06', 'LKH', 3, 72_024],
      ['2025-03-10', 'APEL', 2, 48_016],
    ]);
    expect(r.by('Ani').result.tax).toMatchObject({ amount: 288_696, withheld: 0, borneByGovernment: true });
    expect(cols(r.by('Ani'))).toEqual([
      6_002_000, 3_601_200, 2_400_800, 228_076, 0, 5_773_924, 230_957, 57_739, 288_696, 5_716_185,
    ]);
    // Budi (working days 10 + 9 of 19): kelas 7 5.130.000 × 10/19 = 2.700.000; kelas 9 7.023.000 × 9/19 =
    //   3.326.684,2 → 3.326.684. Kinerja 60 %: 1.620.000 × 0,8 = 1.296.000; 1.996.010,4 → 1.996.010 × 0,8 = 1.596.808
    //   → 2.892.808; disiplin 1.080.000 + 1.330.674 = 2.410.674. TL2 1 % of each disiplin share: 10.800 +
    //   13.306,74 → 13.307 = 24.107 → gross 5.279.375; BPJS 211.175 / 52.793,75 → 52.794; net 5.226.581
    expect(cols(r.by('Budi'))).toEqual([
      6_026_684, 2_892_808, 2_410_674, 24_107, 0, 5_279_375, 211_175, 52_794, 0, 5_226_581,
    ]);
    expect(cols(r.by('Citra'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Dedi: R2 effective 17/02; the cut starts the month after (startsIn nextMonth): 25 % × 3 months, March–May.
    //   kelas 9 7.023.000 × 25 % = 1.755.750 → gross 5.267.250; BPJS 210.690 / 52.672,5 → 52.673;
    //   PPh 21 263.362,5 → 263.363 borne → net 5.267.250 − 52.673 = 5.214.577
    expect(r.by('Dedi').result.sanctions).toEqual([
      expect.objectContaining({
        cutFromMonth: '2025-03',
        cutToMonth: '2025-05',
        percent: 25,
        appliedAmount: 1_755_750,
      }),
    ]);
    expect(cols(r.by('Dedi'))).toEqual([
      7_023_000, 4_213_800, 2_809_200, 0, 1_755_750, 5_267_250, 210_690, 52_673, 263_363, 5_214_577,
    ]);
    // Eko: as national (15.397.000, kinerja 8.314.380, gross 14.473.180, BPJS at the ceiling 260.000 / 65.000);
    //   PPh 21 IV 15 % = 2.170.977 borne → net 14.408.180
    expect(cols(r.by('Eko'))).toEqual([
      15_397_000, 8_314_380, 6_158_800, 0, 0, 14_473_180, 260_000, 65_000, 2_170_977, 14_408_180,
    ]);
    // Fani: 21 × TK 3 % of the disiplin share 1.499.200 = 44.976 each = 944.496 (63 % of the share): the cap (the
    //   disiplin share) is NOT reached in this rulebook — a month of TK leaves 37 % of the disiplin share:
    //   gross 554.704; BPJS 22.188,16 → 22.188 / 5.547,04 → 5.547; net 549.157
    expect(r.by('Fani').result.isCapped).toBe(false);
    expect(cols(r.by('Fani'))).toEqual([
      3_748_000, 0, 1_499_200, 944_496, 0, 554_704, 22_188, 5_547, 0, 549_157,
    ]);
    // Run: net 31.114.680; PPh 21 2.723.036 computed, 0 withheld. By cause: TL 12.004 + 24.107 = 36.111;
    //   PSW 24.008; TK 72.024 + 944.496 = 1.016.520; LKH 72.024; APEL 48.016; SANKSI 1.755.750.
    expect(r.totals.amounts).toMatchObject({
      gross: 31_348_433,
      tax: 2_723_036,
      taxWithheld: 0,
      net: 31_114_680,
    });
    expect(r.totals.byCause).toEqual({
      TL: 36_111,
      PSW: 24_008,
      TK: 1_016_520,
      APEL: 48_016,
      LKH: 72_024,
      LAINNYA: 0,
      SANKSI: 1_755_750,
    });
    expectConsistent(r);
  });
});

describe('regional-menit: the national TPP section (inherited), kinerja from effective minutes (DKI pattern)', () => {
  it('March 2025: the same amounts as national except a pending kinerja figure, paid 0 with a note', () => {
    const r = run(
      'regional-menit',
      month({
        apelKind: 'upacara_senin',
        workingDays: false,
        sanction: { type: 'S1', from: '2025-03-17' },
        ekoKinerja: { score: null, predikat: null, method: 'MENIT_EFEKTIF', status: 'PENDING', frozen: true },
      }),
    );
    expect(books.get('regional-menit')!.tpp).toEqual(books.get('national')!.tpp);
    // Ani, Budi, Citra, Dedi, Fani: as in the national run (same TPP section).
    expect(cols(r.by('Ani'))).toEqual([
      6_002_000, 3_601_200, 2_400_800, 330_110, 0, 5_671_890, 226_876, 56_719, 0, 5_615_171,
    ]);
    expect(cols(r.by('Budi'))).toEqual([
      6_045_968, 2_902_065, 2_418_387, 60_459, 0, 5_259_993, 210_400, 52_600, 0, 5_207_393,
    ]);
    // Eko: the figure is PENDING and the rulebook has no whenNoEvaluation → kinerja factor 0 (a note says the
    //   difference is paid as a correction once the figure is final): gross = disiplin 6.158.800; BPJS 12.000.000 −
    //   5.500.000 = 6.500.000 > 6.158.800 → base 6.158.800: 246.352 / 61.588; net 6.097.212
    expect(r.by('Eko').result.kinerjaScore).toBe(0);
    expect(r.by('Eko').result.notes.join(' ')).toContain('kekurangan bayar');
    expect(cols(r.by('Eko'))).toEqual([
      15_397_000, 0, 6_158_800, 0, 0, 6_158_800, 246_352, 61_588, 0, 6_097_212,
    ]);
    // Run: net 5.615.171 + 5.207.393 + 6.952.770 + 6.097.212 = 23.872.546; one line with a figure not final.
    expect(r.totals).toMatchObject({ kinerjaNotFinal: 1 });
    expect(r.totals.amounts).toMatchObject({
      gross: 24_113_683,
      bpjsEmployer: 964_548,
      bpjsEmployee: 241_137,
      net: 23_872_546,
    });
    expectConsistent(r);
  });
});

describe('refusals of the engine (issue 17 "Bad input")', () => {
  it('a kelas in use without a tariff, or a position without a kelas: 409 naming them, no line computed', () => {
    const rules = rulesOf(books.get('national')!);
    const noTariff: TariffLookup = {
      source: { kind: 'table', tableId: 't', perkadaRef: 'Perbup 7/2025' },
      amountFor: (k) => (k === 9 ? null : { amount: 1, parts: [] }),
    };
    const inputs = month({
      apelKind: 'upacara_senin',
      workingDays: false,
      sanction: { type: 'S1', from: '2025-03-17' },
    });
    expect(() => computeLines(inputs, MONTH, noTariff, rules)).toThrowError(
      /kelas jabatan 9 tidak ada di tabel besaran TPP 2025 \(Perbup 7\/2025\)/,
    );
    const negative: TariffLookup = {
      source: { kind: 'rulebook' },
      amountFor: () => ({ amount: -1, parts: [] }),
    };
    expect(() => computeLines(inputs, MONTH, negative, rules)).toThrowError(/tidak valid \(negatif\)/);
    const noKelas = [
      employee('7', 'Gita', {
        segments: [{ ...place(8, 'PELAKSANA'), kelasJabatan: null, positionName: 'Analis' }],
      }),
    ];
    expect(() => computeLines(noKelas, MONTH, rulebookTariffs, rules)).toThrowError(
      /Kelas jabatan belum diisi untuk Analis \(Gita\)/,
    );
  });
});

describe("a province-sized run's worker thread (line-computer.ts)", () => {
  const march = (workingDays: boolean) =>
    month({ apelKind: 'upacara_senin', workingDays, sanction: { type: 'S1', from: '2025-03-17' } });

  it('computes every line of every variant to the same outcome, byte for byte, as the calling thread', async () => {
    const worker = workerLineComputer(rulesOf(books.get('national')!));
    try {
      for (const id of ['national', 'regional-40-60', 'regional-60-40', 'regional-menit']) {
        const r = run(id, march(id === 'regional-60-40'));
        const texts = r.lines.map((l) => JSON.stringify(l.inputs));
        const perVariant = workerLineComputer(r.rules);
        try {
          const [inline, threaded] = await Promise.all([
            inlineLineComputer(r.rules).compute(texts),
            perVariant.compute(texts),
          ]);
          expect(threaded).toEqual(inline);
          expect(threaded.map((o) => o.resultJson)).toEqual(r.lines.map((l) => JSON.stringify(l.result)));
          expect(threaded.map((o) => o.resultHash)).toEqual(r.lines.map((l) => l.resultHash));
        } finally {
          await perVariant.close();
        }
      }
      // A batch it cannot read fails alone, with the reason; the next batch is computed.
      await expect(worker.compute(['{"employee":'])).rejects.toThrow(/TPP line computation failed: .*JSON/);
      const again = run('national', march(false));
      const outcomes = await worker.compute(again.lines.map((l) => JSON.stringify(l.inputs)));
      expect(outcomes.map((o) => o.summary)).toEqual(again.lines.map(summaryOf));
    } finally {
      await worker.close();
    }
  });
});
