import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import national from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import regional6040 from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import regional4060 from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import performanceJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import type { DayStatus } from '../attendance/day-status.ts';
import { DAY_CODES, EARLY_BANDS, LATE_BANDS } from '../attendance/status-codes.ts';
import type { DayCode, EarlyBand, LateBand } from '../attendance/status-codes.ts';
import { eachDay, isoWeekday, monthRange } from '../common/local-date.ts';
import { performanceRulesSchema } from '../performance/performance-rules.ts';
import type { TppInput } from './compute-tpp.ts';
import { computeTpp } from './compute-tpp.ts';
import type { TppRules } from './tpp-rules.ts';
import { TPP_DEDUCTION_CODES, tppRulesSchema, validateTppRules } from './tpp-rules.ts';

const NATIONAL = tppRulesSchema.parse(national);
const R6040 = tppRulesSchema.parse(regional6040);
const R4060 = tppRulesSchema.parse(regional4060);
const PERFORMANCE = performanceRulesSchema.parse(performanceJson);

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
      PERFORMANCE,
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
    );
    expect(b.deductions.map((l) => l.amount)).toEqual([39_813, 39_813]);
    expect(b.totalDeduction).toBe(79_626);
  });

  it('60/40 vs 40/60 on the same month: the split and the deduction base change the result', () => {
    // Same tariff 10.000.000, one TK day, score 0,5.
    //   60/40 on disiplin: kinerja 6.000.000 × 0,5 = 3.000.000; TK 3% × 4.000.000 = 120.000 → 3.000.000 + 3.880.000 = 6.880.000
    //   40/60 on total:    kinerja 4.000.000 × 0,5 = 2.000.000; TK 3% × 10.000.000 = 300.000 → 2.000.000 + 5.700.000 = 7.700.000
    const input = makeInput({ days: [makeDay('2025-03-05', 'TK')], kinerjaScore: 0.5, gajiPokok: 0 });
    expect(computeTpp(input, withTariff(R6040, 10_000_000)).afterDeductions).toBe(6_880_000);
    expect(computeTpp(input, withTariff(R4060, 10_000_000)).afterDeductions).toBe(7_700_000);
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
  ] as const)('%s = %s%% of Rp 10.000.000 = Rp %i', (band, percentOfTotal, amount) => {
    const day = band.startsWith('TL')
      ? makeDay('2025-03-03', 'H', band as LateBand)
      : makeDay('2025-03-03', 'H', null, band as EarlyBand);
    const b = computeTpp(makeInput({ days: [day] }), withTariff(R6040, 10_000_000));
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
  ] as const)('national (base total): %s costs %s%% of the TPP', (code, percent) => {
    const day =
      code === 'TK'
        ? makeDay('2025-03-03', 'TK')
        : code.startsWith('TL')
          ? makeDay('2025-03-03', 'H', code as LateBand)
          : makeDay('2025-03-03', 'H', null, code as EarlyBand);
    const b = computeTpp(makeInput({ days: [day] }), withTariff(NATIONAL, 10_000_000));
    expect(b.totalDeduction).toBe((10_000_000 * percent) / 100);
  });

  it('a day can carry both a TL and a PSW (TL2-PSW1): two lines', () => {
    const b = computeTpp(
      makeInput({ days: [makeDay('2025-03-03', 'H', 'TL2', 'PSW1')] }),
      withTariff(NATIONAL, 10_000_000),
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
  ])('gaji %i + TPP %i → base %i, employer %i, employee %i', (gaji, tpp, base, employer, employee) => {
    const b = computeTpp(makeInput({ gajiPokok: gaji }), withTariff(NATIONAL, tpp));
    expect([b.gross, b.bpjs.base, b.bpjsEmployer, b.bpjsEmployee, b.net]).toEqual([
      tpp,
      base,
      employer,
      employee,
      tpp - employee,
    ]);
  });
});

describe('base and proration', () => {
  it('part-month placement in calendar days: Rp 6.200.000 × 10/31 = Rp 2.000.000', () => {
    const b = computeTpp(
      makeInput({ placement: { daysPlaced: 10, daysInPeriod: 31 } }),
      withTariff(NATIONAL, 6_200_000),
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
    );
    expect([b.employeeTypePercent, b.proration.method, b.base]).toEqual([80, 'workingDays', 4_000_000]);
  });

  it('position-group weights override the default (JPT Pratama 50/50)', () => {
    const b = computeTpp(
      makeInput({
        employee: { nip: 'x', employeeType: 'PNS', kelasJabatan: 8, positionGroup: 'JPT_PRATAMA' },
      }),
      withTariff(R4060, 10_000_000),
    );
    expect(b.weights).toEqual({ kinerja: 50, disiplin: 50 });
    expect(b.components.kinerja.share).toBe(5_000_000);
  });

  it('throws on caller bugs', () => {
    expect(() =>
      computeTpp(makeInput({ employee: { nip: 'x', employeeType: 'PNS', kelasJabatan: 18 } }), NATIONAL),
    ).toThrow();
    expect(() => computeTpp(makeInput({ kinerjaScore: 1.5 }), NATIONAL)).toThrow();
    expect(() => computeTpp(makeInput({ kinerjaScore: { predikat: 'BAIK' } }), NATIONAL)).toThrow();
    expect(() => computeTpp(makeInput({ month: '2025-13' }), NATIONAL)).toThrow();
    expect(() =>
      computeTpp(makeInput({ placement: { daysPlaced: 5, daysInPeriod: 0 } }), NATIONAL),
    ).toThrow();
  });
});

describe('cap: deductions never exceed what they are taken from', () => {
  it('national, kinerja 0: 14 TK days × 3% of Rp 10.000.000 = 4.200.000 capped at the earned 4.000.000', () => {
    // Earned before deductions = kinerja 0 + disiplin 4.000.000; the 14th line is applied only for 100.000.
    const days = eachDay('2025-03-03', '2025-03-20')
      .filter((_, i) => i < 14)
      .map((d) => makeDay(d, 'TK'));
    const b = computeTpp(makeInput({ days, kinerjaScore: 0 }), withTariff(NATIONAL, 10_000_000));
    expect([b.totalDeductionBeforeCap, b.deductionCap, b.totalDeduction, b.isCapped, b.gross, b.net]).toEqual(
      [4_200_000, 4_000_000, 4_000_000, true, 0, 0],
    );
    expect(b.deductions.at(-1)).toMatchObject({ amount: 300_000, appliedAmount: 100_000 });
  });
});

describe('exclusions (§5.1)', () => {
  it('an exclusion code from personnel data pays nothing, with the reason', () => {
    const b = computeTpp(makeInput({ exclusions: [{ code: 'MPP', reason: 'SK MPP 2025' }] }), NATIONAL);
    expect(b.excluded).toMatchObject({ code: 'MPP' });
    expect([b.gross, b.net, b.deductions.length]).toEqual([0, 0, 0]);
  });

  it('a whole month of cuti besar excludes automatically', () => {
    const { from, to } = monthRange('2025-03');
    const days = eachDay(from, to).map((d) => makeDay(d, isoWeekday(d) >= 6 ? 'LIBUR' : 'CB'));
    expect(computeTpp(makeInput({ days }), NATIONAL).excluded?.code).toBe('CUTI_BESAR');
  });

  it('a part month of cuti besar is not an exclusion; regional-60-40 cuts 5% of the disiplin share per day', () => {
    const b = computeTpp(
      makeInput({ days: [makeDay('2025-03-03', 'CB'), makeDay('2025-03-04')] }),
      withTariff(R6040, 10_000_000),
    );
    expect(b.excluded).toBeNull();
    expect(b.deductions.map((l) => [l.code, l.amount])).toEqual([['CB', 200_000]]);
  });

  it('unknown exclusion codes are noted and ignored', () => {
    const b = computeTpp(makeInput({ exclusions: [{ code: 'ZZZ', reason: '?' }] }), NATIONAL);
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
    );
    expect(b.deductions).toEqual([]);
    expect(b.notes).toHaveLength(2);
  });

  it('missing LKH on a TK day is not counted twice', () => {
    const b = computeTpp(
      makeInput({ days: [makeDay('2025-03-03', 'TK')], missingActivityReportDates: ['2025-03-03'] }),
      withTariff(R6040, 10_000_000),
    );
    expect(b.deductions.map((l) => l.code)).toEqual(['TK']);
  });
});

describe('sanction cuts over their months (§1.10)', () => {
  // regional-60-40: Kemenkeu schedule, S1 = 50% × 6 months starting the month after the sanction takes effect.
  it.each([
    ['2025-01', 0],
    ['2025-02', 5_000_000],
    ['2025-07', 5_000_000],
    ['2025-08', 0],
  ])('S1 from 2025-01-15: month %s cut %i', (month, cut) => {
    const b = computeTpp(
      makeInput({ month, activeSanctions: [{ type: 'S1', from: '2025-01-15' }] }),
      withTariff(R6040, 10_000_000),
    );
    expect(b.sanctionCut).toBe(cut);
  });

  it('a sanction ended early (to) stops cutting after that month', () => {
    const b = computeTpp(
      makeInput({
        month: '2025-04',
        activeSanctions: [{ type: 'S1', from: '2025-01-15', to: '2025-03-10' }],
      }),
      withTariff(R6040, 10_000_000),
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
    );
    expect(hi.sanctionCut).toBe(2_500_000); // 25% (R1 and R3 are both 25%), once
    const sum = computeTpp(
      makeInput({ month: '2025-03', activeSanctions: sanctions }),
      withTariff(R4060, 10_000_000),
    );
    expect(sum.sanctionCut).toBe(2_000_000 + 4_000_000); // R1 20% + R3 40%
  });

  it('national: S2 25% for 9 months, unknown sanction types are noted', () => {
    const b = computeTpp(
      makeInput({
        activeSanctions: [
          { type: 'S2', from: '2025-01-01' },
          { type: 'R1', from: '2025-03-01' },
        ],
      }),
      withTariff(NATIONAL, 10_000_000),
    );
    expect(b.sanctionCut).toBe(2_500_000);
    expect(b.notes.join(' ')).toContain('R1');
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
      cuts: g.cuts.map((c, i) => ({ ...c, sanctionType: `S${i + 1}`, legalBasis: basis })),
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
        const b = computeTpp(input, rules);
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
        const b = computeTpp(input, rules);
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
