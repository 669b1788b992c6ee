import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import regional6040Tpp from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import regional4060Tpp from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import type { LocalDate } from '../common/local-date.ts';
import { addDays } from '../common/local-date.ts';
import { computeTpp } from '../tpp/compute-tpp.ts';
import type { TppInput, TppSanction } from '../tpp/compute-tpp.ts';
import { tppRulesSchema } from '../tpp/tpp-rules.ts';
import type { DisciplineLevel } from './discipline-rules.ts';
import { findSanction } from './discipline-rules.ts';
import type { RunningSanction, StoredSanction } from './sanctions.ts';
import {
  sanctionBlocks,
  sanctionStatusOn,
  sanctionsInMonth,
  scheduleSanction,
  servingPeriod,
} from './sanctions.ts';
import { nationalRules, regional4060Rules } from './test-helpers.ts';

describe('servingPeriod — PP 94/2021 Pasal 8; regulations.md §1.2, §1.7 (MENJALANI)', () => {
  it.each<[string, LocalDate, number | null, DisciplineLevel, LocalDate | null]>([
    ['ringan reprimand: served at once', '2022-03-02', null, 'ringan', '2022-03-02'],
    ['KGB postponed 1 year from the annex effective date', '2022-03-02', 12, 'sedang', '2023-03-01'],
    ['S1 6 months', '2022-03-08', 6, 'sedang', '2022-09-07'],
    ['S2 9 months across the year end', '2022-12-15', 9, 'sedang', '2023-09-14'],
    ['12 months from 1 January end on 31 December', '2022-01-01', 12, 'berat', '2022-12-31'],
    ['31 Jan + 1 month ends on 28 Feb (common year)', '2023-01-31', 1, 'sedang', '2023-02-28'],
    ['31 Jan + 1 month ends on 29 Feb (leap year)', '2024-01-31', 1, 'sedang', '2024-02-29'],
    ['30 Jan + 1 month ends on 29 Feb (leap year)', '2024-01-30', 1, 'sedang', '2024-02-29'],
    ['29 Jan + 1 month ends on 28 Feb (leap year)', '2024-01-29', 1, 'sedang', '2024-02-28'],
    ['31 Mar + 1 month ends on 30 Apr', '2022-03-31', 1, 'sedang', '2022-04-30'],
    ['29 Feb + 12 months ends on 28 Feb', '2024-02-29', 12, 'berat', '2025-02-28'],
    ['28 Feb + 12 months ends on 27 Feb of a leap year', '2023-02-28', 12, 'berat', '2024-02-27'],
    ['31 Aug + 6 months ends on 28 Feb', '2022-08-31', 6, 'sedang', '2023-02-28'],
    ['B3 (PDHTAPS) is final', '2022-03-08', null, 'berat', null],
    [
      'a sedang type without a fixed duration (PPPK) is served at once',
      '2022-03-08',
      null,
      'sedang',
      '2022-03-08',
    ],
  ])('%s', (_name, startsOn, months, level, endsOn) => {
    expect(servingPeriod(startsOn, months, level)).toEqual({ endsOn });
  });

  it('the catalogue durations give the expected periods', () => {
    const period = (code: string) => {
      const s = findSanction(nationalRules, code)!;
      return servingPeriod('2022-03-02', s.durationMonths, s.level).endsOn;
    };
    expect(period('R1')).toBe('2022-03-02');
    expect(period('KGB_TUNDA_1TH')).toBe('2023-03-01');
    expect(period('B1')).toBe('2023-03-01');
    expect(period('B3')).toBeNull();
    expect(period('PPPK_PHK')).toBeNull();
  });

  const dateArb = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2022-01-01', n));
  it('property: the period never ends before it starts, grows with the months and moves with the start', () => {
    fc.assert(
      fc.property(
        dateArb,
        dateArb,
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 24 }),
        (a, b, n, k) => {
          const [s1, s2] = a <= b ? [a, b] : [b, a];
          const e1 = servingPeriod(s1, n, 'sedang').endsOn!;
          expect(e1 >= s1).toBe(true);
          expect(servingPeriod(s1, n + k, 'sedang').endsOn! >= e1).toBe(true);
          expect(servingPeriod(s2, n, 'sedang').endsOn! >= e1).toBe(true);
          // the next period of the same length starts the day after: no gap, no overlap of consecutive months
          const e2 = servingPeriod(addDays(e1, 1), n, 'sedang').endsOn!;
          expect(e2 > e1).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scheduleSanction — concurrent sanctions (PerBKN 6/2022 annex; regulations.md §1.7)', () => {
  // Ranks from the national catalogue.
  const R = (code: string) => findSanction(nationalRules, code)!.rank;
  const kgb = (id: string, startsOn: LocalDate, endsOn: LocalDate | null): RunningSanction => ({
    id,
    rank: R('KGB_TUNDA_1TH'),
    startsOn,
    endsOn,
  });
  const b1 = (id: string, startsOn: LocalDate, endsOn: LocalDate | null): RunningSanction => ({
    id,
    rank: R('B1'),
    startsOn,
    endsOn,
  });
  const incoming = (code: string, effectiveOn: LocalDate) => {
    const s = findSanction(nationalRules, code)!;
    return { rank: s.rank, effectiveOn, durationMonths: s.durationMonths, level: s.level };
  };

  it('nothing running: starts on its effective date', () => {
    expect(scheduleSanction([], incoming('B1', '2022-03-08'))).toEqual({
      startsOn: '2022-03-08',
      endsOn: '2023-03-07',
      replaces: [],
      waitsFor: null,
    });
  });

  it('heavier than the running one: the running one ends the day before, the heavier starts', () => {
    const r = scheduleSanction([kgb('a', '2022-03-02', '2023-03-01')], incoming('B1', '2022-09-01'));
    expect(r).toEqual({
      startsOn: '2022-09-01',
      endsOn: '2023-08-31',
      replaces: [{ id: 'a', endsOn: '2022-08-31' }],
      waitsFor: null,
    });
  });

  it('lighter than the running one: waits and starts the day after it ends', () => {
    const r = scheduleSanction(
      [b1('a', '2022-03-02', '2023-03-01')],
      incoming('KGB_TUNDA_1TH', '2022-06-01'),
    );
    expect(r).toEqual({ startsOn: '2023-03-02', endsOn: '2024-03-01', replaces: [], waitsFor: 'a' });
  });

  it('a reprimand while a sedang one runs waits, then is served at once', () => {
    const r = scheduleSanction([kgb('a', '2022-03-02', '2023-03-01')], incoming('R2', '2022-06-01'));
    expect(r).toEqual({ startsOn: '2023-03-02', endsOn: '2023-03-02', replaces: [], waitsFor: 'a' });
  });

  it('the same rank waits (not heavier)', () => {
    const r = scheduleSanction(
      [kgb('a', '2022-03-02', '2023-03-01')],
      incoming('KGB_TUNDA_1TH', '2022-06-01'),
    );
    expect(r.waitsFor).toBe('a');
    expect(r.startsOn).toBe('2023-03-02');
  });

  it('a running one-off reprimand never blocks and is never replaced', () => {
    const reprimand: RunningSanction = {
      id: 'r',
      rank: R('R3'),
      startsOn: '2022-06-01',
      endsOn: '2022-06-01',
    };
    expect(scheduleSanction([reprimand], incoming('R1', '2022-06-01'))).toEqual({
      startsOn: '2022-06-01',
      endsOn: '2022-06-01',
      replaces: [],
      waitsFor: null,
    });
    expect(scheduleSanction([reprimand], incoming('B1', '2022-06-01')).replaces).toEqual([]);
  });

  it('a sanction ended before the effective date is ignored', () => {
    expect(
      scheduleSanction([b1('a', '2021-01-04', '2022-01-03')], incoming('R1', '2022-01-04')),
    ).toMatchObject({
      startsOn: '2022-01-04',
      waitsFor: null,
      replaces: [],
    });
  });

  it('a sanction ending on the effective date overlaps it', () => {
    expect(
      scheduleSanction([b1('a', '2021-01-04', '2022-01-04')], incoming('R1', '2022-01-04')),
    ).toMatchObject({
      startsOn: '2022-01-05',
      waitsFor: 'a',
    });
    expect(
      scheduleSanction([kgb('a', '2021-01-04', '2022-01-04')], incoming('B2', '2022-01-04')),
    ).toMatchObject({
      startsOn: '2022-01-04',
      replaces: [{ id: 'a', endsOn: '2022-01-03' }],
    });
  });

  it('between a heavier running one and a lighter queued one: waits for the heavier, replaces the queued one', () => {
    const running = [b1('heavy', '2022-03-01', '2023-02-28'), kgb('queued', '2023-03-01', '2024-02-29')];
    const r = scheduleSanction(running, incoming('PANGKAT_TURUN_1TH', '2022-06-01'));
    expect(r).toEqual({
      startsOn: '2023-03-01',
      endsOn: '2024-02-29',
      // the queued one is replaced before it started: never served
      replaces: [{ id: 'queued', endsOn: '2023-02-28' }],
      waitsFor: 'heavy',
    });
  });

  it('several at least as heavy: waits until the last of them ends', () => {
    const running = [b1('first', '2022-03-01', '2023-02-28'), b1('second', '2023-03-01', '2024-02-29')];
    expect(scheduleSanction(running, incoming('B1', '2022-06-01'))).toMatchObject({
      startsOn: '2024-03-01',
      waitsFor: 'second',
    });
  });

  it('heavier than a final sanction replaces it; anything else after a final sanction is a caller error', () => {
    const final: RunningSanction = { id: 'b3', rank: R('B3'), startsOn: '2022-03-08', endsOn: null };
    expect(scheduleSanction([final], incoming('PPPK_PHK', '2022-06-01')).replaces).toEqual([
      { id: 'b3', endsOn: '2022-05-31' },
    ]);
    expect(() => scheduleSanction([final], incoming('B1', '2022-06-01'))).toThrow(/final/);
  });
});

function stored(overrides: Partial<StoredSanction> = {}): StoredSanction {
  return {
    sanctionCode: 'R2',
    appliedCode: 'R2',
    startsOn: '2022-03-02',
    endsOn: '2022-03-02',
    annulledOn: null,
    status: 'BERLAKU',
    ...overrides,
  };
}

describe('sanctionsInMonth — the sanctions TPP sees (regulations.md §1.10)', () => {
  const kgb = stored({
    sanctionCode: 'S1',
    appliedCode: 'KGB_TUNDA_1TH',
    startsOn: '2022-03-02',
    endsOn: '2023-03-01',
  });

  it.each<[string, StoredSanction, string, TppSanction[]]>([
    ['a reprimand in the month it is served', stored(), '2022-03', [{ type: 'R2', from: '2022-03-02' }]],
    [
      'a reprimand after its day (a TPP cut may still run)',
      stored(),
      '2022-05',
      [{ type: 'R2', from: '2022-03-02' }],
    ],
    [
      'a reprimand 121 months later (longest cut + next month)',
      stored(),
      '2032-04',
      [{ type: 'R2', from: '2022-03-02' }],
    ],
    ['a reprimand 122 months later: no cut can run', stored(), '2032-05', []],
    ['before it starts', stored(), '2022-02', []],
    [
      'not yet started (no start date)',
      stored({ startsOn: null, endsOn: null, status: 'DISAMPAIKAN' }),
      '2022-03',
      [],
    ],
    [
      'the form applied is the type TPP sees',
      kgb,
      '2022-10',
      [{ type: 'KGB_TUNDA_1TH', from: '2022-03-02' }],
    ],
    ['in its last month', kgb, '2023-03', [{ type: 'KGB_TUNDA_1TH', from: '2022-03-02' }]],
    [
      'a final sanction is in force forever',
      stored({ appliedCode: 'B3', startsOn: '2022-03-08', endsOn: null }),
      '2040-01',
      [{ type: 'B3', from: '2022-03-08' }],
    ],
    [
      'annulled in the month: to = the annulment date',
      { ...kgb, status: 'DIBATALKAN', annulledOn: '2022-05-10' },
      '2022-05',
      [{ type: 'KGB_TUNDA_1TH', from: '2022-03-02', to: '2022-05-10' }],
    ],
    ['annulled before the month', { ...kgb, status: 'DIBATALKAN', annulledOn: '2022-05-10' }, '2022-06', []],
    ['annulled without a date', { ...kgb, status: 'DIBATALKAN' }, '2022-03', []],
    [
      'replaced by a heavier one: to = its last day',
      { ...kgb, status: 'DIGANTI', endsOn: '2022-08-31' },
      '2022-08',
      [{ type: 'KGB_TUNDA_1TH', from: '2022-03-02', to: '2022-08-31' }],
    ],
    ['replaced, after its last day', { ...kgb, status: 'DIGANTI', endsOn: '2022-08-31' }, '2022-09', []],
    [
      'replaced before it started (never served)',
      { ...kgb, startsOn: '2023-03-02', endsOn: '2023-03-01', status: 'DIGANTI' },
      '2023-03',
      [],
    ],
    [
      'a sanction waiting for another one, in the month it starts',
      { ...kgb, startsOn: '2023-03-02', endsOn: '2024-03-01', status: 'MENUNGGU' },
      '2023-03',
      [{ type: 'KGB_TUNDA_1TH', from: '2023-03-02' }],
    ],
  ])('%s', (_name, s, month, expected) => {
    expect(sanctionsInMonth([s], month)).toEqual(expected);
  });

  const R6040 = tppRulesSchema.parse(regional6040Tpp);
  const R4060 = tppRulesSchema.parse(regional4060Tpp);
  const input = (month: string, activeSanctions: TppSanction[]): TppInput => ({
    employee: { nip: '198001012005011001', employeeType: 'PNS', kelasJabatan: 8 },
    month,
    gajiPokok: 4_000_000,
    days: [],
    apelMisses: [],
    missingActivityReportDates: [],
    kinerjaScore: 1,
    activeSanctions,
    exclusions: [],
  });
  const months = [
    '2022-02',
    '2022-03',
    '2022-04',
    '2022-05',
    '2022-06',
    '2022-07',
    '2022-08',
    '2022-09',
    '2022-10',
  ];

  it('a reprimand served on 2 Mar 2022 is cut in every month of the regional cut (R2 25 % × 3 months from next month)', () => {
    const cutMonths = months.filter(
      (m) =>
        computeTpp(input(m, sanctionsInMonth([stored()], m)), R6040, { discipline: nationalRules })
          .sanctionCut > 0,
    );
    expect(cutMonths).toEqual(['2022-04', '2022-05', '2022-06']);
  });

  it('a KGB postponement replaced on 31 May is cut only through May (KGB 40 % × 6 months)', () => {
    const replaced = { ...kgb, status: 'DIGANTI', endsOn: '2022-05-31' };
    const cutMonths = months.filter(
      (m) =>
        computeTpp(input(m, sanctionsInMonth([replaced], m)), R4060, { discipline: regional4060Rules })
          .sanctionCut > 0,
    );
    expect(cutMonths).toEqual(['2022-03', '2022-04', '2022-05']);
    const full = months.filter(
      (m) =>
        computeTpp(input(m, sanctionsInMonth([kgb], m)), R4060, { discipline: regional4060Rules })
          .sanctionCut > 0,
    );
    expect(full).toEqual(['2022-03', '2022-04', '2022-05', '2022-06', '2022-07', '2022-08']);
  });
});

describe('sanctionStatusOn — derived status (PP 94/2021 Pasal 38; PP 79/2021; regulations.md §1.7, §1.9)', () => {
  const base: StoredSanction & { effectiveOn: LocalDate | null } = {
    ...stored({ sanctionCode: 'B1', appliedCode: 'B1', startsOn: '2022-03-08', endsOn: '2023-03-07' }),
    effectiveOn: '2022-03-08',
  };
  it.each<[string, Partial<typeof base>, LocalDate, string]>([
    [
      'decided, not delivered',
      { status: 'DITETAPKAN', effectiveOn: null, startsOn: null, endsOn: null },
      '2022-03-01',
      'DITETAPKAN',
    ],
    ['delivered, effective date ahead', { status: 'DISAMPAIKAN' }, '2022-03-07', 'DISAMPAIKAN'],
    [
      'delivered, no effective date stored yet',
      { status: 'DISAMPAIKAN', effectiveOn: null },
      '2022-03-09',
      'DISAMPAIKAN',
    ],
    ['stored DISAMPAIKAN, the effective date has come', { status: 'DISAMPAIKAN' }, '2022-03-08', 'BERLAKU'],
    ['an appeal is pending: no effect', { status: 'DITUNDA_UPAYA' }, '2022-06-01', 'DITUNDA_UPAYA'],
    [
      'effective but waiting for a heavier one',
      { startsOn: '2022-06-01', endsOn: '2023-05-31' },
      '2022-04-01',
      'MENUNGGU',
    ],
    ['in force on its first day', {}, '2022-03-08', 'BERLAKU'],
    ['in force on its last day', {}, '2023-03-07', 'BERLAKU'],
    ['finished the day after its last day', {}, '2023-03-08', 'SELESAI'],
    ['a final sanction never finishes', { endsOn: null }, '2040-01-01', 'BERLAKU'],
    [
      'a reprimand: BERLAKU on its day',
      { startsOn: '2022-03-08', endsOn: '2022-03-08' },
      '2022-03-08',
      'BERLAKU',
    ],
    ['a reprimand: SELESAI after', { startsOn: '2022-03-08', endsOn: '2022-03-08' }, '2022-03-09', 'SELESAI'],
    [
      'replaced: still served until its new last day',
      { status: 'DIGANTI', endsOn: '2022-08-31' },
      '2022-08-31',
      'BERLAKU',
    ],
    [
      'replaced: DIGANTI after its last day',
      { status: 'DIGANTI', endsOn: '2022-08-31' },
      '2022-09-01',
      'DIGANTI',
    ],
    [
      'replaced before it started',
      { status: 'DIGANTI', startsOn: '2023-03-08', endsOn: '2023-03-07' },
      '2022-06-01',
      'DIGANTI',
    ],
    ['annulled (stored)', { status: 'DIBATALKAN', annulledOn: '2022-05-10' }, '2022-05-01', 'DIBATALKAN'],
    ['annulled on a date now passed', { annulledOn: '2022-05-10' }, '2022-05-10', 'DIBATALKAN'],
    [
      'an annulment dated in the future does not yet apply',
      { annulledOn: '2022-05-10' },
      '2022-05-09',
      'BERLAKU',
    ],
  ])('%s', (_name, overrides, today, expected) => {
    expect(sanctionStatusOn({ ...base, ...overrides }, today)).toBe(expected);
  });
});

describe('sanctionBlocks — PerBKN 6/2022 Pasal 55 ayat (1); regulations.md §1.7', () => {
  it.each<[DisciplineLevel, boolean]>([
    ['ringan', false],
    ['sedang', true],
    ['berat', true],
  ])('%s blocks KGB and promotion: %s', (level, blocks) => {
    expect(sanctionBlocks(level)).toEqual({ blocksKgb: blocks, blocksPromotion: blocks });
  });
});
