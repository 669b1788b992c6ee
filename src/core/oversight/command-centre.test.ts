import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TODAY_STATUSES, type TodayStatus } from '../attendance/today-status.ts';
import {
  ageBucketOf,
  ageBuckets,
  attendanceRate,
  complianceOf,
  lowestCompliance,
  monthsEnding,
  todayCategoryOf,
  todayCountsOf,
} from './command-centre.ts';

describe('todayCategoryOf — issue 18 point 5', () => {
  const cases: [TodayStatus, string][] = [
    ['PRESENT', 'present'],
    ['WFH_WFA', 'present'],
    ['LATE', 'late'],
    ['PERMIT', 'permit'],
    ['LEAVE', 'leave'],
    ['DINAS_LUAR', 'dinasLuar'],
    ['ABSENT', 'tk'],
    ['NOT_YET_IN', 'notYetIn'],
    ['OFF', 'off'],
    ['NO_DATA', 'noData'],
  ];
  it.each(cases)('%s → %s', (status, want) => expect(todayCategoryOf(status)).toBe(want));

  it('counts keep every employee (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...TODAY_STATUSES), fc.nat(1000)), (counts) => {
        const c = todayCountsOf(counts);
        const sum = Object.values(c).reduce((a, b) => a + b, 0);
        return sum === Object.values(counts).reduce((a, b) => a + b, 0);
      }),
    );
  });
});

describe('attendanceRate — at work over expected', () => {
  const cases: [string, Partial<Record<TodayStatus, number>>, number | null][] = [
    ['3 present, 1 late of 5 expected (1 TK)', { PRESENT: 3, LATE: 1, ABSENT: 1 }, 0.8],
    ['off and no data are not expected', { PRESENT: 1, OFF: 4, NO_DATA: 10 }, 1],
    ['leave and permit are expected, not at work', { PRESENT: 2, LEAVE: 1, PERMIT: 1 }, 0.5],
    ['WFH counts as at work; 2 of 3', { WFH_WFA: 1, PRESENT: 1, NOT_YET_IN: 1 }, 0.667],
    ['a unit not yet using Abdi has no rate', { NO_DATA: 7 }, null],
  ];
  it.each(cases)('%s', (_n, counts, want) => expect(attendanceRate(todayCountsOf(counts))).toBe(want));
});

describe('complianceOf and lowestCompliance — worked by hand', () => {
  it('on-time days over working days, three decimals', () => {
    expect(complianceOf({ onTimeDays: 38, workingDays: 44 })).toBe(0.864);
    expect(complianceOf({ onTimeDays: 0, workingDays: 0 })).toBeNull();
  });
  it('ranks lowest first, ties share the rank, no data not ranked, at most limit', () => {
    const rows = [
      { unitName: 'Dinas B', onTimeDays: 9, workingDays: 10 },
      { unitName: 'Dinas A', onTimeDays: 18, workingDays: 20 },
      { unitName: 'Badan C', onTimeDays: 5, workingDays: 10 },
      { unitName: 'Badan D', onTimeDays: 0, workingDays: 0 },
      { unitName: 'Dinas E', onTimeDays: 10, workingDays: 10 },
    ];
    expect(lowestCompliance(rows, 3).map((r) => [r.rank, r.unitName, r.compliance])).toEqual([
      [1, 'Badan C', 0.5],
      [2, 'Dinas A', 0.9],
      [2, 'Dinas B', 0.9],
    ]);
    expect(lowestCompliance(rows, 10)).toHaveLength(4);
  });
});

describe('age buckets of open complaints', () => {
  const cases: [string, string, string][] = [
    ['2026-01-15', '2026-01-15', '0-7'],
    ['2026-01-08', '2026-01-15', '0-7'],
    ['2026-01-07', '2026-01-15', '8-14'],
    ['2026-01-01', '2026-01-15', '8-14'],
    ['2025-12-31', '2026-01-15', '15-30'],
    ['2025-12-16', '2026-01-15', '15-30'],
    ['2025-12-15', '2026-01-15', '>30'],
  ];
  it.each(cases)('received %s, today %s → %s', (from, today, want) =>
    expect(ageBucketOf(from, today)).toBe(want),
  );
  it('every bucket present', () => {
    expect(ageBuckets(['2026-01-15', '2025-11-01', '2025-11-02'], '2026-01-15')).toEqual({
      '0-7': 1,
      '8-14': 0,
      '15-30': 0,
      '>30': 2,
    });
  });
});

describe('monthsEnding', () => {
  it('crosses the year', () => {
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
