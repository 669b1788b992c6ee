import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import national from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import regional6040 from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import regional4060 from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import performanceJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import nationalDiscipline from '../../../rulebooks/national/discipline.json' with { type: 'json' };
import regional4060Discipline from '../../../rulebooks/regional-40-60/discipline.json' with { type: 'json' };
import type { DayStatus } from '../attendance/day-status.ts';
import { DAY_CODES, EARLY_BANDS, LATE_BANDS } from '../attendance/status-codes.ts';
import type { DayCode, EarlyBand, LateBand } from '../attendance/status-codes.ts';
import { eachDay, isoWeekday, monthRange } from '../common/local-date.ts';
import { performanceRulesSchema } from '../performance/performance-rules.ts';
import type { TppContext, TppInput } from './compute-tpp.ts';
import { disciplineRulesSchema } from '../discipline/discipline-rules.ts';
import { computeTpp } from './compute-tpp.ts';
import type { TppRules } from './tpp-rules.ts';
import { TPP_DEDUCTION_CODES, tppRulesSchema, validateTppRules } from './tpp-rules.ts';

const NATIONAL = tppRulesSchema.parse(national);
const R6040 = tppRulesSchema.parse(regional6040);
const R4060 = tppRulesSchema.parse(regional4060);
const PERFORMANCE = performanceRulesSchema.parse(performanceJson);
/** The discipline section of each rulebook: regional-60-40 inherits the national one. */
const CTX: TppContext = { discipline: disciplineRulesSchema.parse(nationalDiscipline) };
const CTX_4060: TppContext = {
  discipline: disciplineRulesSchema.parse(regional4060Discipline),
  performance: PERFORMANCE,
};

/** A copy of `rules` whose kelas 8 tariff is `amount` (round numbers make hand computation readable). */
function withTariff(rules: TppRules, amount: number): TppRules {
  const r = structuredClone(rules);
  r.tariffs.rows = r.tariffs.rows.map((row) => (row.kelas === 8 ? { ...row, amount } : row));
  return r;
}

function makeDay(
  date: string,
  code: DayCode = 'H',
  lateBand: LateBand | null = null,
  earlyBand: EarlyBand | null = null,
): DayStatus {
  return {
    date,
    code,
    lateBand,
    earlyBand,
    lateMinutes: 0,
    earlyMinutes: 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation: code === 'H' ? 'WFO' : null,
    reasons: [],
  };
}

function makeInput(overrides: Partial<TppInput> = {}): TppInput {
  return {
    employee: { nip: '198001012005011001', employeeType: 'PNS', kelasJabatan: 8 },
    month: '2025-03',
    gajiPokok: 4_000_000,
    days: [],
    apelMisses: [],
    missingActivityReportDates: [],
    kinerjaScore: 1,
    activeSanctions: [],
    exclusions: [],
    ...overrides,
  };
}

describe('worked examples (computed by hand)', () => {
  it('regional-60-40: deductions on the 40% discipline share, TK 3%, apel 2%, missing LKH = TK', () => {
    // Tariff 10.000.000 → kinerja 60% = 6.000.000, disiplin 40% = 4.000.000 (score 1).
    // Lines, each a % of the disiplin share 4.000.000:
    //   03-03 TL1 0,5%            =  20.000
    //   03-04 PSW2 1%             =  40.000
    //   03-05 TK 3%               = 120.000
    //   03-06 apel pagi 2%        =  80.000
    //   03-07 LKH kosong → TK 3%  = 120.000  (the TL3 of that day is replaced, not added)
    //   total                     = 380.000 → after deductions 10.000.000 − 380.000 = 9.620.000 = gross
    // BPJS: gaji 4.000.000 + TPP 9.620.000 = 13.620.000 > ceiling 12.000.000 → base 12.000.000 − 4.000.000 = 8.000.000
    //   employer 4% = 320.000; employee 1% = 80.000; net = 9.620.000 − 80.000 = 9.540.000
    const b = computeTpp(
      makeInput({
        days: [
          makeDay('2025-03-03', 'H', 'TL1'),
          makeDay('2025-03-04', 'H', null, 'PSW2'),
          makeDay('2025-03-05', 'TK'),
          makeDay('2025-03-06'),
          makeDay('2025-03-07', 'H', 'TL3'),
        ],
        apelMisses: [{ date: '2025-03-06', kind: 'apel_pagi' }],
        missingActivityReportDates: ['2025-03-07'],
      }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(b.base).toBe(10_000_000);
    expect(b.components.kinerja).toMatchObject({ share: 6_000_000, amount: 6_000_000 });
    expect(b.components.disiplin).toMatchObject({ share: 4_000_000, afterDeductions: 3_620_000 });
    expect(b.deductions.map((l) => [l.date, l.code, l.percent, l.amount])).toEqual([
      ['2025-03-03', 'TL1', 0.5, 20_000],
      ['2025-03-04', 'PSW2', 1, 40_000],
      ['2025-03-05', 'TK', 3, 120_000],
      ['2025-03-06', 'APEL', 2, 80_000],
      ['2025-03-07', 'LKH', 3, 120_000],
    ]);
    expect(b.deductions.every((l) => l.legalBasis.regulation.length > 0 && l.rule.length > 0)).toBe(true);
    expect([b.totalDeduction, b.gross, b.bpjs.base, b.bpjsEmployer, b.bpjsEmployee, b.net]).toEqual([
      380_000, 9_620_000, 8_000_000, 320_000, 80_000, 9_540_000,
    ]);
  });

  it('regional-40-60 (Jatim kelas 8): deductions on the total, predikat Butuh Perbaikan, sanction R2 30%', () => {
    // Tariff 11.100.000 → kinerja 40% = 4.440.000 × 0,75 (Butuh Perbaikan) = 3.330.000; disiplin 60% = 6.660.000.
    // Lines, each a % of the total 11.100.000: TL4 1,5% = 166.500; TK 3% = 333.000 (× 2 days); LKH 0,5% = 55.500
    //   total 888.000 → after deductions 3.330.000 + 6.660.000 − 888.000 = 9.102.000
    // R2 from 2025-02-20 (Permentan 68/2012 schedule: 30% × 2 months from the effective month) → Feb–Mar:
    //   cut 30% × 9.102.000 = 2.730.600 → gross 6.371.400
    // BPJS: gaji 3.000.000 + 6.371.400 < 12.000.000 → base 6.371.400: employer 254.856, employee 63.714
    //   net = 6.371.400 − 63.714 = 6.307.686
    const b = computeTpp(
      makeInput({
        gajiPokok: 3_000_000,
        days: [
          makeDay('2025-03-03', 'H', 'TL4'),
          makeDay('2025-03-04', 'TK'),
          makeDay('2025-03-05', 'TK'),
          makeDay('2025-03-06'),
        ],
        missingActivityReportDates: ['2025-03-06'],
        kinerjaScore: { predikat: 'BUTUH_PERBAIKAN' },
        activeSanctions: [{ type: 'R2', from: '2025-02-20' }],
      }),
      R4060,
      CTX_4060,
    );
    expect(b.tariff).toBe(11_100_000);
    expect(b.components.kinerja).toMatchObject({ share: 4_440_000, score: 0.75, amount: 3_330_000 });
    expect(b.deductions.map((l) => l.amount)).toEqual([166_500, 333_000, 333_000, 55_500]);
    expect(b.afterDeductions).toBe(9_102_000);
    expect(b.sanctions).toEqual([
      expect.objectContaining({
        sanctionType: 'R2',
        cutFromMonth: '2025-02',
        cutToMonth: '2025-03',
        percent: 30,
        appliedAmount: 2_730_600,
      }),
    ]);
    expect([b.gross, b.bpjsEmployer, b.bpjsEmployee, b.net]).toEqual([6_371_400, 254_856, 63_714, 6_307_686]);
  });

  it('rounding happens per line: two TL3 of 1,25% on Rp 3.185.000 are 39.813 each (not 79.625 in total)', () => {
    // 3.185.000 × 1,25% = 39.812,5 → roundRupiah → 39.813 per line; lines sum exactly to the total 79.626.
    const r = structuredClone(R4060);
    const b = computeTpp(
      makeInput({
        employee: { nip: 'x', employeeType: 'PNS', kelasJabatan: 1 },
        days: [makeDay('2025-03-03', 'H', 'TL3'), makeDay('2025-03-04', 'H', 'TL3')],
      }),
      r,
      CTX,
    );
    expect(b.deductions.map((l) => l.amount)).toEqual([39_813, 39_813]);
    expect(b.totalDeduction).toBe(79_626);
  });

  it('60/40 vs 40/60 on the same month: the split and the deduction base change the result', () => {
    // Same tariff 10.000.000, one TK day, score 0,5.
    //   60/40 on disiplin: kinerja 6.000.000 × 0,5 = 3.000.000; TK 3% × 4.000.000 = 120.000 → 3.000.000 + 3.880.000 = 6.880.000
    //   40/60 on total:    kinerja 4.000.000 × 0,5 = 2.000.000; TK 3% × 10.000.000 = 300.000 → 2.000.000 + 5.700.000 = 7.700.000
    const input = makeInput({ days: [makeDay('2025-03-05', 'TK')], kinerjaScore: 0.5, gajiPokok: 0 });
    expect(computeTpp(input, withTariff(R6040, 10_000_000), CTX).afterDeductions).toBe(6_880_000);
    expect(computeTpp(input, withTariff(R4060, 10_000_000), CTX_4060).afterDeductions).toBe(7_700_000);
  });
});

describe('§5.3 Toba: 0,5/1/1,25/1,5% of the 40% share = 0,2/0,4/0,5/0,6% of the total', () => {
  it.each([
    ['TL1', 0.2, 20_000],
    ['TL2', 0.4, 40_000],
    ['TL3', 0.5, 50_000],
    ['TL4', 0.6, 60_000],
    ['PSW1', 0.2, 20_000],
    ['PSW2', 0.4, 40_000],
    ['PSW3', 0.5, 50_000],
    ['PSW4', 0.6, 60_000],
  ] as const)('§5.3 Toba: %s = $1% of Rp 10.000.000 = Rp $2', (band, percentOfTotal, amount) => {
    const day = band.startsWith('TL')
      ? makeDay('2025-03-03', 'H', band as LateBand)
      : makeDay('2025-03-03', 'H', null, band as EarlyBand);
    const b = computeTpp(makeInput({ days: [day] }), withTariff(R6040, 10_000_000), CTX);
    expect(b.totalDeduction).toBe(amount);
    expect(b.totalDeduction).toBe((10_000_000 * percentOfTotal) / 100);
  });

  it.each([
    ['TL1', 0.5],
    ['TL2', 1],
    ['TL3', 1.25],
    ['TL4', 1.5],
    ['PSW1', 0.5],
    ['PSW2', 1],
    ['PSW3', 1.25],
    ['PSW4', 1.5],
    ['TK', 3],
  ] as const)('§5.3 national (base total): %s costs $1% of the TPP', (code, percent) => {
    const day =
      code === 'TK'
        ? makeDay('2025-03-03', 'TK')
        : code.startsWith('TL')
          ? makeDay('2025-03-03', 'H', code as LateBand)
          : makeDay('2025-03-03', 'H', null, code as EarlyBand);
    const b = computeTpp(makeInput({ days: [day] }), withTariff(NATIONAL, 10_000_000), CTX);
    expect(b.totalDeduction).toBe((10_000_000 * percent) / 100);
  });

  it('a day can carry both a TL and a PSW (TL2-PSW1): two lines', () => {
    const b = computeTpp(
      makeInput({ days: [makeDay('2025-03-03', 'H', 'TL2', 'PSW1')] }),
      withTariff(NATIONAL, 10_000_000),
      CTX,
    );
    expect(b.deductions.map((l) => [l.code, l.amount])).toEqual([
      ['TL2', 100_000],
      ['PSW1', 50_000],
    ]);
  });
});

describe('§5.1 BPJS 4% / 1% with the Rp 12 juta ceiling on gaji + TPP', () => {
  it.each([
    // [gaji, TPP gross, BPJS base, employer 4%, employee 1%]
    [2_000_000, 5_000_000, 5_000_000, 200_000, 50_000], // 7 juta total: under the ceiling, all TPP counts
    [4_000_000, 10_000_000, 8_000_000, 320_000, 80_000], // 14 juta: only 12 − 4 = 8 juta of the TPP counts
    [12_000_000, 5_000_000, 0, 0, 0], // gaji already at the ceiling: nothing on the TPP
    [13_000_000, 5_000_000, 0, 0, 0],
  ])(
    '§5.1 gaji %i + TPP %i → base %i, employer 4% %i, employee 1% %i',
    (gaji, tpp, base, employer, employee) => {
      const b = computeTpp(makeInput({ gajiPokok: gaji }), withTariff(NATIONAL, tpp), CTX);
      expect([b.gross, b.bpjs.base, b.bpjsEmployer, b.bpjsEmployee, b.net]).toEqual([
        tpp,
        base,
        employer,
        employee,
        tpp - employee,
      ]);
    },
  );
});

describe('base and proration', () => {
  it('part-month placement in calendar days: Rp 6.200.000 × 10/31 = Rp 2.000.000', () => {
    const b = computeTpp(
      makeInput({ placement: { daysPlaced: 10, daysInPeriod: 31 } }),
      withTariff(NATIONAL, 6_200_000),
      CTX,
    );
    expect(b.proration).toEqual({ method: 'calendarDays', daysPlaced: 10, daysInPeriod: 31 });
    expect(b.base).toBe(2_000_000);
  });

  it('CPNS 80% and 11 of 22 working days: Rp 10.000.000 × 80% × 11/22 = Rp 4.000.000', () => {
    const b = computeTpp(
      makeInput({
        employee: { nip: 'x', employeeType: 'CPNS', kelasJabatan: 8 },
        placement: { daysPlaced: 11, daysInPeriod: 22 },
      }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect([b.employeeTypePercent, b.proration.method, b.base]).toEqual([80, 'workingDays', 4_000_000]);
  });

  it('position-group weights override the default (JPT Pratama 50/50)', () => {
    const b = computeTpp(
      makeInput({
        employee: { nip: 'x', employeeType: 'PNS', kelasJabatan: 8, positionGroup: 'JPT_PRATAMA' },
      }),
      withTariff(R4060, 10_000_000),
      CTX_4060,
    );
    expect(b.weights).toEqual({ kinerja: 50, disiplin: 50 });
    expect(b.components.kinerja.share).toBe(5_000_000);
  });

  it('throws on caller bugs', () => {
    expect(() =>
      computeTpp(makeInput({ employee: { nip: 'x', employeeType: 'PNS', kelasJabatan: 18 } }), NATIONAL, CTX),
    ).toThrow();
    expect(() => computeTpp(makeInput({ kinerjaScore: 1.5 }), NATIONAL, CTX)).toThrow();
    expect(() => computeTpp(makeInput({ kinerjaScore: { predikat: 'BAIK' } }), NATIONAL, CTX)).toThrow();
    expect(() => computeTpp(makeInput({ month: '2025-13' }), NATIONAL, CTX)).toThrow();
    expect(() =>
      computeTpp(makeInput({ placement: { daysPlaced: 5, daysInPeriod: 0 } }), NATIONAL, CTX),
    ).toThrow();
  });
});

describe('cap: deductions never exceed what they are taken from', () => {
  it('national, kinerja 0: 14 TK days × 3% of Rp 10.000.000 = 4.200.000 capped at the earned 4.000.000', () => {
    // Earned before deductions = kinerja 0 + disiplin 4.000.000; the 14th line is applied only for 100.000.
    const days = eachDay('2025-03-03', '2025-03-20')
      .filter((_, i) => i < 14)
      .map((d) => makeDay(d, 'TK'));
    const b = computeTpp(makeInput({ days, kinerjaScore: 0 }), withTariff(NATIONAL, 10_000_000), CTX);
    expect([b.totalDeductionBeforeCap, b.deductionCap, b.totalDeduction, b.isCapped, b.gross, b.net]).toEqual(
      [4_200_000, 4_000_000, 4_000_000, true, 0, 0],
    );
    expect(b.deductions.at(-1)).toMatchObject({ amount: 300_000, appliedAmount: 100_000 });
  });
});

describe('exclusions (§5.1)', () => {
  it('an exclusion code from personnel data pays nothing, with the reason', () => {
    const b = computeTpp(makeInput({ exclusions: [{ code: 'MPP', reason: 'SK MPP 2025' }] }), NATIONAL, CTX);
    expect(b.excluded).toMatchObject({ code: 'MPP' });
    expect([b.gross, b.net, b.deductions.length]).toEqual([0, 0, 0]);
  });

  it('a whole month of cuti besar excludes automatically', () => {
    const { from, to } = monthRange('2025-03');
    const days = eachDay(from, to).map((d) => makeDay(d, isoWeekday(d) >= 6 ? 'LIBUR' : 'CB'));
    expect(computeTpp(makeInput({ days }), NATIONAL, CTX).excluded?.code).toBe('CUTI_BESAR');
  });

  it('a part month of cuti besar is not an exclusion; regional-60-40 cuts 5% of the disiplin share per day', () => {
    const b = computeTpp(
      makeInput({ days: [makeDay('2025-03-03', 'CB'), makeDay('2025-03-04')] }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(b.excluded).toBeNull();
    expect(b.deductions.map((l) => [l.code, l.amount])).toEqual([['CB', 200_000]]);
  });

  it('unknown exclusion codes are noted and ignored', () => {
    const b = computeTpp(makeInput({ exclusions: [{ code: 'ZZZ', reason: '?' }] }), NATIONAL, CTX);
    expect(b.excluded).toBeNull();
    expect(b.notes.join(' ')).toContain('ZZZ');
  });
});

describe('apel and LKH details (§5.4)', () => {
  it('apel on a day not present is not deducted; unknown kinds are noted', () => {
    const b = computeTpp(
      makeInput({
        days: [makeDay('2025-03-03', 'DL')],
        apelMisses: [
          { date: '2025-03-03', kind: 'apel_pagi' },
          { date: '2025-03-04', kind: 'apel_malam' },
        ],
      }),
      R6040,
      CTX,
    );
    expect(b.deductions).toEqual([]);
    expect(b.notes).toHaveLength(2);
  });

  it('missing LKH on a TK day is not counted twice', () => {
    const b = computeTpp(
      makeInput({ days: [makeDay('2025-03-03', 'TK')], missingActivityReportDates: ['2025-03-03'] }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(b.deductions.map((l) => l.code)).toEqual(['TK']);
  });
});

describe('sanction cuts over their months (§1.10), keyed on the sanction actually imposed (§1.2)', () => {
  // regional-60-40: Kemenkeu schedule, sedang 1 = 50% × 6 months starting the month after the sanction takes effect.
  it.each([
    ['2025-01', 0],
    ['2025-02', 5_000_000],
    ['2025-07', 5_000_000],
    ['2025-08', 0],
  ])(
    '§1.10 Kemenkeu sedang 1 (50% × 6): S1 from 2025-01-15, imposed as KGB_TUNDA_1TH: month %s cut %i',
    (month, cut) => {
      const b = computeTpp(
        makeInput({ month, activeSanctions: [{ type: 'S1', from: '2025-01-15' }] }),
        withTariff(R6040, 10_000_000),
        CTX,
      );
      expect(b.sanctionCut).toBe(cut);
      if (cut > 0) expect(b.sanctions[0]).toMatchObject({ sanctionType: 'S1', imposedType: 'KGB_TUNDA_1TH' });
    },
  );

  it.each<[string, string, string, number]>([
    ['§1.2 S1 → KGB_TUNDA_1TH: Kemenkeu sedang 1 = 50%', 'S1', 'KGB_TUNDA_1TH', 5_000_000],
    [
      '§1.2 the substitute itself (KGB_TUNDA_1TH) as imposed: 50%',
      'KGB_TUNDA_1TH',
      'KGB_TUNDA_1TH',
      5_000_000,
    ],
    ['§1.2 S2 → PANGKAT_TUNDA_1TH: Kemenkeu sedang 2 = 50%', 'S2', 'PANGKAT_TUNDA_1TH', 5_000_000],
    ['§1.2 S3 → PANGKAT_TURUN_1TH: Kemenkeu sedang 3 = 50%', 'S3', 'PANGKAT_TURUN_1TH', 5_000_000],
    ['§1.10 Kemenkeu B1 = 85%', 'B1', 'B1', 8_500_000],
    ['§1.10 Kemenkeu B2 = 95%', 'B2', 'B2', 9_500_000],
    ['§1.10 Kemenkeu PDHTAPS pending appeal (B3) = 100%', 'B3', 'B3', 10_000_000],
  ])('regional-60-40, March 2025 (from Feb): %s', (_name, type, imposed, cut) => {
    const b = computeTpp(
      makeInput({ activeSanctions: [{ type, from: '2025-02-03' }] }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect([b.sanctions[0]?.imposedType, b.sanctionCut]).toEqual([imposed, cut]);
  });

  // regional-40-60: Kementan schedule (Permentan 68/2012), cut from the month the sanction takes effect.
  it.each<[string, string, string, number, string]>([
    ['§1.10 Kementan sedang 1 (40% × 6) for S1 imposed as KGB 1 yr', 'S1', '2025-03', 4_000_000, '2025-08'],
    [
      '§1.10 Kementan sedang 2 (50% × 8) for S2 imposed as pangkat 1 yr',
      'S2',
      '2025-03',
      5_000_000,
      '2025-10',
    ],
    [
      '§1.10 Kementan sedang 3 (60% × 10) for S3 imposed as demotion 1 yr',
      'S3',
      '2025-03',
      6_000_000,
      '2025-12',
    ],
    ['§1.10 Kementan B1 60% × 12 months: first month', 'B1', '2025-03', 6_000_000, '2026-02'],
    ['§1.10 Kementan B1 60% × 12 months: 12th month', 'B1', '2026-02', 6_000_000, '2026-02'],
    ['§1.10 Kementan B1 60% × 12 months: 13th month no cut', 'B1', '2026-03', 0, ''],
    ['§1.10 Kementan B2 80% × 12 months: first month', 'B2', '2025-03', 8_000_000, '2026-02'],
    ['§1.10 Kementan B2 80% × 12 months: 12th month', 'B2', '2026-02', 8_000_000, '2026-02'],
    ['§1.10 Kementan PDHTAPS pending appeal (B3) 100%', 'B3', '2025-03', 10_000_000, '2026-02'],
  ])('regional-40-60: %s', (_name, type, month, cut, toMonth) => {
    const b = computeTpp(
      makeInput({ month, activeSanctions: [{ type, from: '2025-03-10' }] }),
      withTariff(R4060, 10_000_000),
      CTX_4060,
    );
    expect(b.sanctionCut).toBe(cut);
    if (cut > 0) expect(b.sanctions[0]?.cutToMonth).toBe(toMonth);
  });

  it('a sanction ended early (to) stops cutting after that month', () => {
    const b = computeTpp(
      makeInput({
        month: '2025-04',
        activeSanctions: [{ type: 'S1', from: '2025-01-15', to: '2025-03-10' }],
      }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(b.sanctionCut).toBe(0);
  });

  it('combine highest (regional-60-40) applies only the largest; sum (regional-40-60) adds them', () => {
    const sanctions = [
      { type: 'R1', from: '2025-03-01' },
      { type: 'R3', from: '2025-02-01' },
    ];
    const hi = computeTpp(
      makeInput({ month: '2025-03', activeSanctions: sanctions.map((s) => ({ ...s, from: '2025-02-01' })) }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(hi.sanctionCut).toBe(2_500_000); // 25% (R1 and R3 are both 25%), once
    const sum = computeTpp(
      makeInput({ month: '2025-03', activeSanctions: sanctions }),
      withTariff(R4060, 10_000_000),
      CTX_4060,
    );
    expect(sum.sanctionCut).toBe(2_000_000 + 4_000_000); // R1 20% + R3 40%
  });

  it('§1.2 national: S2 is not yet active, its substitute (pangkat postponed) carries no TPP cut; R1 has no cut', () => {
    const b = computeTpp(
      makeInput({
        activeSanctions: [
          { type: 'S2', from: '2025-01-01' },
          { type: 'R1', from: '2025-03-01' },
        ],
      }),
      withTariff(NATIONAL, 10_000_000),
      CTX,
    );
    expect(b.sanctionCut).toBe(0);
    const notes = b.notes.join(' ');
    expect(notes).toContain('Hukuman S2');
    expect(notes).toContain('PANGKAT_TUNDA_1TH tidak memiliki pemotongan TPP');
    expect(notes).toContain('R1 tidak memiliki pemotongan TPP');
  });

  it.each<[string, string, number, string]>([
    ['§1.2 S1 active: 25% tukin × 6 months', 'S1', 2_500_000, '2025-06'],
    ['§1.2 S2 active: 25% tukin × 9 months', 'S2', 2_500_000, '2025-09'],
    ['§1.2 S3 active: 25% tukin × 12 months', 'S3', 2_500_000, '2025-12'],
  ])('national, once the PP on allowances is issued (type activated): %s', (_name, type, cut, toMonth) => {
    const discipline = structuredClone(CTX.discipline);
    for (const t of discipline.sanctionTypes) if (t.code === type) t.active = true;
    const b = computeTpp(
      makeInput({ activeSanctions: [{ type, from: '2025-01-02' }] }),
      withTariff(NATIONAL, 10_000_000),
      { discipline },
    );
    expect(b.sanctions[0]).toMatchObject({ imposedType: type, percent: 25, cutToMonth: toMonth });
    expect(b.sanctionCut).toBe(cut);
  });

  it('§1.10 a code missing from the catalogue (B3_BANDING) is noted, never cut', () => {
    const b = computeTpp(
      makeInput({ activeSanctions: [{ type: 'B3_BANDING', from: '2025-03-01' }] }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(b.sanctionCut).toBe(0);
    expect(b.notes.join(' ')).toContain('B3_BANDING tidak ada di katalog hukuman disiplin');
  });
});

describe('non-working day codes in the whole-month exclusion (§5.1, §0 HK)', () => {
  // April 2025: 1 Apr Idul Fitri, 2–4 and 7 Apr cuti bersama, 18 Apr Wafat Isa Almasih (SKB 2025).
  const CUTI_BERSAMA = new Set(['2025-04-02', '2025-04-03', '2025-04-04', '2025-04-07']);
  const HOLIDAYS = new Set(['2025-04-01', '2025-04-18']);
  const april = (weekday: (d: string) => DayStatus) =>
    eachDay('2025-04-01', '2025-04-30').map((d) =>
      isoWeekday(d) >= 6 || HOLIDAYS.has(d)
        ? makeDay(d, 'LIBUR')
        : CUTI_BERSAMA.has(d)
          ? makeDay(d, 'CBER')
          : weekday(d),
    );

  it('§5.1 regional-60-40: a whole month of cuti besar with cuti bersama recorded CBER is excluded', () => {
    const b = computeTpp(makeInput({ month: '2025-04', days: april((d) => makeDay(d, 'CB')) }), R6040, CTX);
    expect(b.excluded?.code).toBe('CUTI_BESAR');
    expect([b.gross, b.deductions.length]).toEqual([0, 0]);
  });

  it('§5.1 a holiday punch recorded H (nonWorkingDay) inside a month of cuti besar does not prevent the exclusion', () => {
    const days = april((d) => makeDay(d, 'CB')).map((d) =>
      d.date === '2025-04-18' ? { ...makeDay(d.date, 'H'), nonWorkingDay: true } : d,
    );
    expect(computeTpp(makeInput({ month: '2025-04', days }), R6040, CTX).excluded?.code).toBe('CUTI_BESAR');
  });

  it('§5.1 without CBER among the non-working codes the same month would wrongly be paid (what the fix prevents)', () => {
    const discipline = structuredClone(CTX.discipline);
    discipline.absence.nonWorkingCodes = ['LIBUR'];
    const b = computeTpp(makeInput({ month: '2025-04', days: april((d) => makeDay(d, 'CB')) }), R6040, {
      discipline,
    });
    expect(b.excluded).toBeNull();
  });

  it('§5.4 missing LKH and apel on a non-working day punched H are not cut', () => {
    const b = computeTpp(
      makeInput({
        month: '2025-04',
        days: [{ ...makeDay('2025-04-05', 'H'), nonWorkingDay: true }],
        missingActivityReportDates: ['2025-04-05'],
        apelMisses: [{ date: '2025-04-05', kind: 'apel_pagi' }],
      }),
      withTariff(R6040, 10_000_000),
      CTX,
    );
    expect(b.deductions).toEqual([]);
  });
});

describe('same-day make-up: cut only beyond the monthly allowance (KemenPANRB 2018; regulations.md §3.2)', () => {
  // regional-60-40: allowance 5 days, beyond it the made-up TL1 costs 0,5% of the disiplin share (4.000.000).
  const madeUp = (n: number) =>
    eachDay('2025-03-03', '2025-03-31')
      .filter((d) => isoWeekday(d) <= 5)
      .slice(0, n)
      .map((d) => ({ ...makeDay(d), madeUpLate: { band: 'TL1' as const, minutes: 20 } }));

  it.each<[string, number, string[]]>([
    ['§3.2 5 made-up days (= allowance) → no cut', 5, []],
    ['§3.2 6 made-up days → the 6th is cut (TL1 0,5%)', 6, ['2025-03-10']],
    ['§3.2 7 made-up days → the 6th and 7th are cut', 7, ['2025-03-10', '2025-03-11']],
  ])('regional-60-40: %s', (_name, n, cutDates) => {
    const b = computeTpp(makeInput({ days: madeUp(n) }), withTariff(R6040, 10_000_000), CTX);
    expect(b.deductions.map((l) => [l.date, l.code, l.amount])).toEqual(
      cutDates.map((d) => [d, 'TL1', 20_000]),
    );
  });

  it('§3.2 beyond: allDays cuts every made-up day of the month once the allowance is exceeded', () => {
    const r = withTariff(R6040, 10_000_000);
    r.deductions.lateMakeUp = { ...r.deductions.lateMakeUp!, beyond: 'allDays' };
    expect(computeTpp(makeInput({ days: madeUp(6) }), r, CTX).totalDeduction).toBe(6 * 20_000);
  });

  it('§3.2 national: the option is off, made-up days are never cut', () => {
    expect(
      computeTpp(makeInput({ days: madeUp(10) }), withTariff(NATIONAL, 10_000_000), CTX).deductions,
    ).toEqual([]);
  });
});

describe('§5.3 Kementan 68/2012 variant computed: 0.5/1/1.5/2% of the TPP, TK 4%', () => {
  const kementan = withTariff(NATIONAL, 10_000_000);
  const pct: Record<string, number> = {
    TL1: 0.5,
    TL2: 1,
    TL3: 1.5,
    TL4: 2,
    PSW1: 0.5,
    PSW2: 1,
    PSW3: 1.5,
    PSW4: 2,
    TK: 4,
  };
  kementan.deductions.perDay = kementan.deductions.perDay.map((d) => ({
    ...d,
    percent: pct[d.code] ?? d.percent,
  }));

  it.each<[string, number, number]>([
    ['TL1', 0.5, 50_000],
    ['TL2', 1, 100_000],
    ['TL3', 1.5, 150_000],
    ['TL4', 2, 200_000],
    ['PSW1', 0.5, 50_000],
    ['PSW2', 1, 100_000],
    ['PSW3', 1.5, 150_000],
    ['PSW4', 2, 200_000],
    ['TK', 4, 400_000],
  ])('§5.3 Kementan: %s = $1% of Rp 10.000.000 = Rp $2', (code, _percent, amount) => {
    const day =
      code === 'TK'
        ? makeDay('2025-03-03', 'TK')
        : code.startsWith('TL')
          ? makeDay('2025-03-03', 'H', code as LateBand)
          : makeDay('2025-03-03', 'H', null, code as EarlyBand);
    expect(computeTpp(makeInput({ days: [day] }), kementan, CTX).totalDeduction).toBe(amount);
  });
});

// --- Property tests --------------------------------------------------------------------------------------------

const pctArb = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
const basis = { regulation: 'Uji' };

const rulesArb: fc.Arbitrary<TppRules> = fc
  .record({
    kinerja: fc.integer({ min: 0, max: 100 }),
    base: fc.constantFrom<'total' | 'disiplin'>('total', 'disiplin'),
    perDay: fc.uniqueArray(
      fc.record({
        code: fc.constantFrom(...TPP_DEDUCTION_CODES.filter((c) => c !== 'H' && c !== 'LIBUR')),
        percent: pctArb,
      }),
      { selector: (d) => d.code, maxLength: 20 },
    ),
    apel: pctArb,
    lkh: fc.constantFrom('none', 'percent', 'asCode'),
    lkhPercent: pctArb,
    cuts: fc.array(
      fc.record({
        percent: pctArb,
        months: fc.integer({ min: 1, max: 12 }),
        base: fc.constantFrom<'total' | 'kinerja' | 'disiplin'>('total', 'kinerja', 'disiplin'),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    combine: fc.constantFrom<'highest' | 'sum'>('highest', 'sum'),
    employer: pctArb.map((p) => p / 2),
    employee: pctArb.map((p) => p / 2),
    ceiling: fc.integer({ min: 1, max: 50_000_000 }),
    tariff: fc.integer({ min: 1, max: 100_000_000 }),
  })
  .map((g) => {
    const r = structuredClone(NATIONAL);
    r.tariffs.rows = r.tariffs.rows.map((row) => ({ ...row, amount: g.tariff }));
    r.components.weights = { kinerja: g.kinerja, disiplin: 100 - g.kinerja };
    r.deductions.base = g.base;
    r.deductions.perDay = [
      ...g.perDay.map((d) => ({ ...d, legalBasis: basis })),
      ...(g.perDay.some((d) => d.code === 'TK')
        ? []
        : [{ code: 'TK' as const, percent: 3, legalBasis: basis }]),
    ];
    r.deductions.apel = [{ kind: 'apel_pagi', label: 'apel pagi', percent: g.apel, legalBasis: basis }];
    r.deductions.missingActivityReport =
      g.lkh === 'none'
        ? { mode: 'none', legalBasis: basis }
        : g.lkh === 'percent'
          ? { mode: 'percent', percent: g.lkhPercent, legalBasis: basis }
          : { mode: 'asCode', code: 'TK', legalBasis: basis };
    r.sanctionCuts = {
      ...r.sanctionCuts,
      combine: g.combine,
      // Keyed on what is imposed while S1–S3 are not active (§1.2), so the inputs S1–S3 below are cut.
      cuts: g.cuts.map((c, i) => ({
        ...c,
        sanctionType: ['KGB_TUNDA_1TH', 'PANGKAT_TUNDA_1TH', 'PANGKAT_TURUN_1TH'][i] ?? 'B1',
        legalBasis: basis,
      })),
    };
    r.bpjs = { ...r.bpjs, employerPercent: g.employer, employeePercent: g.employee, ceiling: g.ceiling };
    return r;
  });

const { from: MARCH_FROM, to: MARCH_TO } = monthRange('2025-03');
const MARCH = eachDay(MARCH_FROM, MARCH_TO);

const inputArb: fc.Arbitrary<TppInput> = fc
  .record({
    days: fc.array(
      fc.record({
        code: fc.constantFrom(...DAY_CODES),
        late: fc.option(fc.constantFrom(...LATE_BANDS), { nil: null }),
        early: fc.option(fc.constantFrom(...EARLY_BANDS), { nil: null }),
      }),
      { minLength: MARCH.length, maxLength: MARCH.length },
    ),
    apel: fc.subarray(MARCH),
    lkh: fc.subarray(MARCH),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    sanctions: fc.subarray(['S1', 'S2', 'S3']),
    sanctionFrom: fc.constantFrom('2024-12-10', '2025-02-01', '2025-03-15'),
    gaji: fc.integer({ min: 0, max: 30_000_000 }),
    placed: fc.integer({ min: 0, max: 31 }),
  })
  .map((g) =>
    makeInput({
      days: MARCH.map((date, i) => {
        const d = g.days[i]!;
        return makeDay(date, d.code, d.late, d.early);
      }),
      apelMisses: g.apel.map((date) => ({ date, kind: 'apel_pagi' })),
      missingActivityReportDates: g.lkh,
      kinerjaScore: g.score,
      activeSanctions: g.sanctions.map((type) => ({ type, from: g.sanctionFrom })),
      gajiPokok: g.gaji,
      placement: { daysPlaced: g.placed, daysInPeriod: 31 },
    }),
  );

describe('properties', () => {
  it('generated rules are valid', () => {
    fc.assert(fc.property(rulesArb, (rules) => validateTppRules(rules).length === 0));
  });

  it('total deductions never exceed the base nor go negative; gross and net never negative; all amounts integer', () => {
    fc.assert(
      fc.property(rulesArb, inputArb, (rules, input) => {
        const b = computeTpp(input, rules, CTX);
        expect(b.totalDeduction).toBeGreaterThanOrEqual(0);
        expect(b.totalDeduction).toBeLessThanOrEqual(b.base);
        expect(b.totalDeduction).toBeLessThanOrEqual(b.deductionBaseAmount);
        expect(b.afterDeductions).toBeGreaterThanOrEqual(0);
        expect(b.sanctionCut).toBeLessThanOrEqual(b.afterDeductions);
        expect(b.gross).toBeGreaterThanOrEqual(0);
        expect(b.gross).toBeLessThanOrEqual(b.base);
        expect(b.net).toBeGreaterThanOrEqual(0);
        expect(b.net).toBeLessThanOrEqual(b.gross);
        for (const v of [
          b.base,
          b.totalDeduction,
          b.sanctionCut,
          b.gross,
          b.net,
          b.bpjsEmployer,
          b.bpjsEmployee,
          ...b.deductions.map((l) => l.appliedAmount),
        ]) {
          expect(Number.isInteger(v)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('breakdown lines sum exactly to the total deduction (before and after the cap)', () => {
    fc.assert(
      fc.property(rulesArb, inputArb, (rules, input) => {
        const b = computeTpp(input, rules, CTX);
        expect(b.deductions.reduce((s, l) => s + l.appliedAmount, 0)).toBe(b.totalDeduction);
        expect(b.deductions.reduce((s, l) => s + l.amount, 0)).toBe(b.totalDeductionBeforeCap);
        expect(b.components.kinerja.share + b.components.disiplin.share).toBe(b.base);
        expect(b.components.kinerja.afterDeductions + b.components.disiplin.afterDeductions).toBe(
          b.afterDeductions,
        );
        expect(b.afterDeductions - b.sanctionCut).toBe(b.gross);
      }),
      { numRuns: 300 },
    );
  });
});
