import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import national from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import nationalDiscipline from '../../../rulebooks/national/discipline.json' with { type: 'json' };
import type { DayStatus } from '../attendance/day-status.ts';
import { DAY_CODES, EARLY_BANDS, LATE_BANDS } from '../attendance/status-codes.ts';
import type { DayCode, EarlyBand, LateBand } from '../attendance/status-codes.ts';
import { eachDay, monthRange } from '../common/local-date.ts';
import { disciplineRulesSchema } from '../discipline/discipline-rules.ts';
import { computeTpp, type TppContext } from './compute-tpp.ts';
import { tppRulesSchema, type TppRules } from './tpp-rules.ts';
import {
  computeTppMonth,
  kinerjaScoreFor,
  TPP_DEDUCTION_CAUSES,
  type TppMonthInput,
  type TppMonthSegment,
} from './tpp-month.ts';

const NATIONAL = tppRulesSchema.parse(national);
const CTX: TppContext = { discipline: disciplineRulesSchema.parse(nationalDiscipline) };
const basis = { regulation: 'Uji' };

function day(
  date: string,
  code: DayCode = 'H',
  late: LateBand | null = null,
  early: EarlyBand | null = null,
) {
  return {
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
  } satisfies DayStatus;
}

const seg = (over: Partial<TppMonthSegment> = {}): TppMonthSegment => ({
  from: '2025-01-01',
  to: '2025-01-31',
  unitId: 'u1',
  kelasJabatan: 8,
  positionGroup: 'PELAKSANA',
  tariff: 6_002_000,
  daysPlaced: 31,
  daysInPeriod: 31,
  ...over,
});

function input(over: Partial<TppMonthInput> = {}): TppMonthInput {
  return {
    nip: '198001012005011001',
    employeeType: 'PNS',
    golongan: 'III/a',
    month: '2025-01',
    segments: [seg()],
    gajiPokok: 4_000_000,
    days: [],
    apelMisses: [],
    missingActivityReportDates: [],
    kinerjaScore: 1,
    activeSanctions: [],
    exclusions: [],
    salaryStopped: false,
    corrections: [],
    ...over,
  };
}

/** Every identity a month line keeps (tpp-month.ts header). */
function expectAddsUp(r: ReturnType<typeof computeTppMonth>) {
  const a = r.amounts;
  expect(a.kinerja + a.disiplin - a.deductions - a.sanctionCut).toBe(a.gross);
  expect(a.gross - a.bpjsEmployee - a.taxWithheld + a.correction).toBe(a.net);
  expect(r.deductions.reduce((s, l) => s + l.appliedAmount, 0)).toBe(a.deductions);
  expect(r.sanctions.reduce((s, l) => s + l.appliedAmount, 0)).toBe(a.sanctionCut);
  expect(r.corrections.reduce((s, c) => s + c.applied, 0)).toBe(a.correction);
  expect(TPP_DEDUCTION_CAUSES.reduce((s, c) => s + r.byCause[c], 0)).toBe(a.deductions + a.sanctionCut);
  for (const l of r.deductions)
    if (l.segmentAmounts) expect(l.segmentAmounts.reduce((s, x) => s + x, 0)).toBe(l.appliedAmount);
  for (const [k, v] of Object.entries(a)) {
    expect(Number.isInteger(v), k).toBe(true);
    if (k !== 'correction') expect(v, k).toBeGreaterThanOrEqual(0);
  }
}

describe('computeTppMonth (regulations.md §5.1, §5.3, §5.5, §10)', () => {
  it('§5.5 one whole-month placement gives exactly what computeTpp gives', () => {
    const days = [
      day('2025-01-06', 'H', 'TL1'),
      day('2025-01-07', 'TK'),
      day('2025-01-08', 'H', null, 'PSW2'),
    ];
    const r = computeTppMonth(
      input({ days, apelMisses: [{ date: '2025-01-06', kind: 'upacara_senin' }] }),
      NATIONAL,
      CTX,
    );
    const b = computeTpp(
      {
        employee: {
          nip: '198001012005011001',
          employeeType: 'PNS',
          kelasJabatan: 8,
          positionGroup: 'PELAKSANA',
        },
        month: '2025-01',
        gajiPokok: 4_000_000,
        days,
        apelMisses: [{ date: '2025-01-06', kind: 'upacara_senin' }],
        missingActivityReportDates: [],
        kinerjaScore: 1,
        activeSanctions: [],
        exclusions: [],
      },
      NATIONAL,
      CTX,
    );
    expect(r.amounts).toMatchObject({
      base: b.base,
      deductions: b.totalDeduction,
      gross: b.gross,
      bpjsEmployer: b.bpjsEmployer,
      bpjsEmployee: b.bpjsEmployee,
      net: b.net,
    });
    expect(r.deductions.map((l) => [l.date, l.code, l.appliedAmount])).toEqual(
      b.deductions.map((l) => [l.date, l.code, l.appliedAmount]),
    );
    expect(r.byCause).toMatchObject({ TL: 30_010, TK: 180_060, PSW: 60_020, APEL: 60_020 });
    expectAddsUp(r);
  });

  it('§10 mid-month transfer: each placement its kelas and days, each day a % of the whole month, BPJS once', () => {
    // National 60/40, deductions on the total, calendar days. January 2025 (31 days):
    //   1–15 kelas 8 (6.002.000): base 6.002.000 × 15/31 = 2.904.193,5… → 2.904.194
    //  16–31 kelas 9 (7.023.000): base 7.023.000 × 16/31 = 3.624.774,1… → 3.624.774
    // TL1 on 06/01 (0,5 % of every placement's base): 14.520,97 → 14.521 + 18.123,87 → 18.124 = 32.645
    // gross = 2.904.194 + 3.624.774 − 32.645 = 6.496.323
    // BPJS once: gaji 4.000.000 + 6.496.323 < 12.000.000 → base 6.496.323: 4 % = 259.853; 1 % = 64.963
    // net = 6.496.323 − 64.963 = 6.431.360
    const r = computeTppMonth(
      input({
        segments: [
          seg({ to: '2025-01-15', daysPlaced: 15 }),
          seg({ from: '2025-01-16', kelasJabatan: 9, tariff: 7_023_000, daysPlaced: 16 }),
        ],
        days: [day('2025-01-06', 'H', 'TL1')],
      }),
      NATIONAL,
      CTX,
    );
    expect(r.segments.map((s) => s.breakdown.base)).toEqual([2_904_194, 3_624_774]);
    expect(r.segments.map((s) => s.breakdown.components.kinerja.share)).toEqual([1_742_516, 2_174_864]);
    expect(r.deductions).toEqual([
      expect.objectContaining({
        date: '2025-01-06',
        code: 'TL1',
        appliedAmount: 32_645,
        segmentAmounts: [14_521, 18_124],
      }),
    ]);
    expect(r.amounts).toMatchObject({
      base: 6_528_968,
      kinerja: 3_917_380,
      disiplin: 2_611_588,
      deductions: 32_645,
      gross: 6_496_323,
      bpjsEmployer: 259_853,
      bpjsEmployee: 64_963,
      net: 6_431_360,
    });
    expectAddsUp(r);
  });

  it('§5.1 BPJS on gaji + TPP up to the ceiling, computed once on the month (not per placement)', () => {
    // gaji 10.000.000; two halves of kelas 8 with no deduction: 3.001.000 + 3.001.000 = 6.002.000 gross.
    // min(16.002.000, 12.000.000) − 10.000.000 = 2.000.000 → 4 % = 80.000, 1 % = 20.000 (per placement it would be
    // 2.000.000 each time: twice as much).
    const r = computeTppMonth(
      input({
        gajiPokok: 10_000_000,
        segments: [
          seg({ to: '2025-01-15', daysPlaced: 15.5 }),
          seg({ from: '2025-01-16', daysPlaced: 15.5 }),
        ],
      }),
      NATIONAL,
      CTX,
    );
    expect(r.amounts).toMatchObject({
      gross: 6_002_000,
      bpjsEmployer: 80_000,
      bpjsEmployee: 20_000,
      net: 5_982_000,
    });
    expect(r.bpjs).toMatchObject({ gaji: 10_000_000, ceiling: 12_000_000, base: 2_000_000 });
    expectAddsUp(r);
  });

  it('§5.1 an exclusion record, a salary stop (§1.8), no position or a non-ASN: nothing paid, the reason kept', () => {
    const cltn = computeTppMonth(
      input({ exclusions: [{ code: 'CLTN', reason: 'SK 800/1/2025' }] }),
      NATIONAL,
      CTX,
    );
    expect(cltn.excluded).toMatchObject({ code: 'CLTN', reason: expect.stringContaining('SK 800/1/2025') });
    expect(cltn.amounts.net).toBe(0);
    const stopped = computeTppMonth(input({ salaryStopped: true }), NATIONAL, CTX);
    expect(stopped.excluded).toMatchObject({
      code: 'GAJI_DIHENTIKAN',
      legalBasis: { article: 'Pasal 15 ayat (2)' },
    });
    const none = computeTppMonth(input({ segments: [] }), NATIONAL, CTX);
    expect(none.excluded?.code).toBe('TANPA_JABATAN');
    const honorer = computeTppMonth(input({ employeeType: 'NON_ASN' }), NATIONAL, CTX);
    expect(honorer.excluded).toMatchObject({ code: 'BUKAN_ASN', legalBasis: { regulation: 'PP 12/2019' } });
    for (const r of [cltn, stopped, none, honorer]) {
      expect(Object.values(r.amounts).every((v) => v === 0)).toBe(true);
      expectAddsUp(r);
    }
  });

  it('corrections: a kekurangan is added; a kelebihan recovers at most the net (the rest noted)', () => {
    // Kelas 8 whole month, gaji 0: gross 6.002.000; BPJS 1 % = 60.020; net before corrections 5.941.980.
    const plus = computeTppMonth(
      input({
        gajiPokok: 0,
        corrections: [{ id: 'c1', amount: 100_000, reason: 'x', originMonth: '2024-12' }],
      }),
      NATIONAL,
      CTX,
    );
    expect(plus.amounts).toMatchObject({ correction: 100_000, net: 6_041_980 });
    const minus = computeTppMonth(
      input({
        gajiPokok: 0,
        corrections: [{ id: 'c2', amount: -7_000_000, reason: 'x', originMonth: '2024-12' }],
      }),
      NATIONAL,
      CTX,
    );
    expect(minus.amounts).toMatchObject({ correction: -5_941_980, net: 0 });
    expect(minus.notes.some((n) => n.includes('Kelebihan bayar bulan 2024-12'))).toBe(true);
    expectAddsUp(plus);
    expectAddsUp(minus);
  });

  it('§5.5 tax by golongan: withheld from the net, or borne by the government (shown, not deducted)', () => {
    const taxed = (borneByGovernment: boolean): TppRules => ({
      ...NATIONAL,
      tax: {
        mode: 'byGolongan',
        legalBasis: basis,
        isExample: true,
        base: 'gross',
        borneByGovernment,
        rates: [
          { golongan: 'III', percent: 5 },
          { golongan: 'IV', percent: 15 },
        ],
        otherPercent: 0,
      },
    });
    // gross 6.002.000, golongan III/a → 5 % = 300.100; BPJS 1 % (gaji 4.000.000) = 60.020
    const withheld = computeTppMonth(input(), taxed(false), CTX);
    expect(withheld.amounts).toMatchObject({
      tax: 300_100,
      taxWithheld: 300_100,
      net: 6_002_000 - 60_020 - 300_100,
    });
    const borne = computeTppMonth(input(), taxed(true), CTX);
    expect(borne.amounts).toMatchObject({ tax: 300_100, taxWithheld: 0, net: 6_002_000 - 60_020 });
    expectAddsUp(withheld);
    expectAddsUp(borne);
  });
});

describe('kinerjaScoreFor (regulations.md §5.5 kinerja_score; issue 17 point 4 corrections)', () => {
  it.each([
    [{ score: 0.75, status: 'FINAL' as const }, null, 0.75, false],
    [{ score: null, status: 'PENDING' as const }, null, 0, true],
    [{ score: null, status: 'NONE' as const }, null, 0, true],
    [{ score: null, status: 'PENDING' as const }, 0.5, 0.5, true],
    [{ score: 0.9, status: 'PENDING' as const }, null, 0, true],
  ])('%o with whenNoEvaluation %s → %s', (k, when, score, noted) => {
    const r = kinerjaScoreFor(k, when);
    expect(r.score).toBe(score);
    expect(r.note !== null).toBe(noted);
  });
});

// ------------------------------------------------------------------------------------------------ properties

const JAN = eachDay(monthRange('2025-01').from, monthRange('2025-01').to);
const pct = fc.integer({ min: 0, max: 400 }).map((n) => n / 100);

const rulesArb: fc.Arbitrary<TppRules> = fc
  .record({
    kinerja: fc.integer({ min: 0, max: 100 }),
    base: fc.constantFrom<'total' | 'disiplin'>('total', 'disiplin'),
    tk: pct,
    tl: pct,
    combine: fc.constantFrom<'highest' | 'sum'>('highest', 'sum'),
    cut: fc.integer({ min: 0, max: 100 }),
    ceiling: fc.integer({ min: 1, max: 30_000_000 }),
    tax: fc.option(fc.record({ rate: pct.map((p) => p * 10), borne: fc.boolean() }), { nil: null }),
  })
  .map((g) => {
    const r = structuredClone(NATIONAL);
    r.components.weights = { kinerja: g.kinerja, disiplin: 100 - g.kinerja };
    r.deductions.base = g.base;
    r.deductions.perDay = r.deductions.perDay.map((d) =>
      d.code === 'TK' ? { ...d, percent: g.tk } : d.code.startsWith('TL') ? { ...d, percent: g.tl } : d,
    );
    r.sanctionCuts = {
      ...r.sanctionCuts,
      combine: g.combine,
      cuts: [
        { sanctionType: 'KGB_TUNDA_1TH', percent: g.cut, months: 6, base: 'total', legalBasis: basis },
        {
          sanctionType: 'PANGKAT_TUNDA_1TH',
          percent: 100 - g.cut,
          months: 6,
          base: 'disiplin',
          legalBasis: basis,
        },
      ],
    };
    r.bpjs = { ...r.bpjs, ceiling: g.ceiling };
    if (g.tax)
      r.tax = {
        mode: 'byGolongan',
        legalBasis: basis,
        isExample: true,
        base: 'grossPlusEmployerBpjs',
        borneByGovernment: g.tax.borne,
        rates: [{ golongan: 'III', percent: g.tax.rate }],
        otherPercent: g.tax.rate / 2,
      };
    return r;
  });

const inputArb: fc.Arbitrary<TppMonthInput> = fc
  .record({
    cut: fc.integer({ min: 2, max: 30 }),
    twoSegments: fc.boolean(),
    tariffs: fc.tuple(fc.integer({ min: 0, max: 60_000_000 }), fc.integer({ min: 0, max: 60_000_000 })),
    codes: fc.array(
      fc.record({
        code: fc.constantFrom(...DAY_CODES),
        late: fc.option(fc.constantFrom(...LATE_BANDS), { nil: null }),
        early: fc.option(fc.constantFrom(...EARLY_BANDS), { nil: null }),
      }),
      { minLength: JAN.length, maxLength: JAN.length },
    ),
    apel: fc.subarray(JAN),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    sanctions: fc.subarray(['S1', 'S2']),
    gaji: fc.integer({ min: 0, max: 30_000_000 }),
    golongan: fc.constantFrom('III/a', 'IV/b', null),
    corrections: fc.array(fc.integer({ min: -20_000_000, max: 5_000_000 }), { maxLength: 3 }),
  })
  .map((g) => {
    const segments = g.twoSegments
      ? [
          seg({ to: JAN[g.cut - 1]!, daysPlaced: g.cut, tariff: g.tariffs[0] }),
          seg({ from: JAN[g.cut]!, daysPlaced: 31 - g.cut, tariff: g.tariffs[1], kelasJabatan: 9 }),
        ]
      : [seg({ tariff: g.tariffs[0] })];
    return input({
      golongan: g.golongan,
      segments,
      days: JAN.map((d, i) => day(d, g.codes[i]!.code, g.codes[i]!.late, g.codes[i]!.early)),
      apelMisses: g.apel.map((date) => ({ date, kind: 'upacara_senin' })),
      kinerjaScore: g.score,
      activeSanctions: g.sanctions.map((type) => ({ type, from: '2024-12-15' })),
      gajiPokok: g.gaji,
      corrections: g.corrections.map((amount, i) => ({
        id: `c${i}`,
        amount,
        reason: 'x',
        originMonth: '2024-11',
      })),
    });
  });

describe('properties (regulations.md §5: whole rupiah, lines add up, nothing negative)', () => {
  it('every line adds up to its totals exactly, every amount is a whole rupiah ≥ 0 (a correction may be < 0)', () => {
    fc.assert(
      fc.property(rulesArb, inputArb, (rules, i) => {
        const r = computeTppMonth(i, rules, CTX);
        expectAddsUp(r);
        expect(r.amounts.gross).toBeLessThanOrEqual(r.amounts.base);
        expect(r.amounts.net).toBeLessThanOrEqual(r.amounts.gross + Math.max(0, r.amounts.correction));
        if (!r.excluded) expect(r.segments.reduce((s, x) => s + x.breakdown.base, 0)).toBe(r.amounts.base);
      }),
      { numRuns: 300 },
    );
  });
});
