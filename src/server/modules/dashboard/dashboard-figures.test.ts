import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dailyCompliance,
  median,
  outliers,
  ratio,
  unitChanges,
  unitFigures,
  worstFirst,
  type UnitFigures,
} from './dashboard-figures.ts';

const unit = (name: string, compliance: number | null, workingDays = 100): UnitFigures => ({
  unitId: name,
  unitName: name,
  workingDays: compliance === null ? 0 : workingDays,
  onTimeDays: compliance === null ? 0 : Math.round(compliance * workingDays),
  compliance,
});

describe('dashboard figures', () => {
  it.each([
    [0, 0, null],
    [1, 3, 0.333],
    [2, 3, 0.667],
    [5, 5, 1],
  ])('ratio(%d, %d) = %s', (part, whole, expected) => {
    expect(ratio(part, whole)).toBe(expected);
  });

  it('sums a unit’s days and the scope’s days from a heatmap', () => {
    const rows = [
      {
        unitId: 'a',
        unitName: 'A',
        days: [
          { date: '2026-01-02', working: 10, onTime: 8 },
          { date: '2026-01-05', working: 10, onTime: 6 },
        ],
      },
      { unitId: 'b', unitName: 'B', days: [{ date: '2026-01-02', working: 10, onTime: 10 }] },
    ];
    expect(unitFigures(rows[0]!)).toEqual({
      unitId: 'a',
      unitName: 'A',
      workingDays: 20,
      onTimeDays: 14,
      compliance: 0.7,
    });
    expect(dailyCompliance(rows)).toEqual([
      { date: '2026-01-02', compliance: 0.9 },
      { date: '2026-01-05', compliance: 0.6 },
    ]);
  });

  it('ranks worst first, units without working days last, ties by name', () => {
    const ranked = worstFirst([
      unit('Dinas B', 0.9),
      unit('Tanpa data', null),
      unit('Dinas A', 0.9),
      unit('Biro', 0.5),
    ]);
    expect(ranked.map((u) => u.unitName)).toEqual(['Biro', 'Dinas A', 'Dinas B', 'Tanpa data']);
  });

  it.each([
    ['fewer than three judged units have no outliers', [unit('A', 0.2), unit('B', 0.9)], []],
    [
      'a unit 10 points or more below the median is one',
      [unit('A', 0.9), unit('B', 0.85), unit('C', 0.74), unit('D', 0.95)],
      ['C'],
    ],
    ['exactly 10 points below counts', [unit('A', 0.9), unit('B', 0.8), unit('C', 0.9)], ['B']],
    ['9 points below does not', [unit('A', 0.9), unit('B', 0.81), unit('C', 0.9)], []],
    [
      'units without data are not judged',
      [unit('A', 0.9), unit('B', null), unit('C', 0.9), unit('D', 0.1)],
      ['D'],
    ],
  ])('outliers: %s', (_name, units, expected) => {
    expect(outliers(units, 0.1).map((u) => u.unitName)).toEqual(expected);
  });

  it('lists units whose compliance moved by the threshold or more, the largest move first', () => {
    const before = [unit('A', 0.9), unit('B', 0.8), unit('C', 0.5), unit('D', null), unit('E', 0.7)];
    const after = [unit('A', 0.6), unit('B', 0.85), unit('C', 0.7), unit('D', 0.2), unit('E', 0.6)];
    expect(unitChanges(before, after, 0.1)).toEqual([
      { unitId: 'A', unitName: 'A', before: 0.9, after: 0.6, change: -0.3 },
      { unitId: 'C', unitName: 'C', before: 0.5, after: 0.7, change: 0.2 },
      { unitId: 'E', unitName: 'E', before: 0.7, after: 0.6, change: -0.1 },
    ]);
  });

  it('the median lies between the smallest and the largest value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), (values) => {
        const m = median(values);
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});
