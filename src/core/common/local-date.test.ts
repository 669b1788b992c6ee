import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, diffDays, eachDay, isLocalDate, isoWeekday, monthRange } from './local-date.ts';

describe('local-date', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-04-31', false],
    ['25-01-01', false],
  ])('isLocalDate(%s) = %s', (d, ok) => expect(isLocalDate(d)).toBe(ok));

  it.each([
    ['2022-02-01', 2],
    ['2025-11-23', 7],
    ['2026-11-23', 1],
  ])('isoWeekday(%s) = %i', (d, w) => expect(isoWeekday(d)).toBe(w));

  it('month range of February in a leap year', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('addDays and diffDays are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -5000, max: 5000 }), (start, n) => {
        const from = addDays('1990-01-01', start);
        expect(diffDays(from, addDays(from, n))).toBe(n);
      }),
    );
  });

  it('eachDay lists inclusive ranges across a month end', () => {
    expect(eachDay('2025-01-30', '2025-02-02')).toEqual([
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
  });
});
