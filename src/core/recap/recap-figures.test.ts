import { describe, expect, it } from 'vitest';
import { EARLY_BANDS, LATE_BANDS } from '../attendance/status-codes.ts';
import { makeDay, nationalRules } from '../discipline/test-helpers.ts';
import { recapOfDays } from './monthly-recap.ts';
import { EARLY_BAND_FIGURES, LATE_BAND_FIGURES, RECAP_FIGURES } from './recap-figures.ts';

describe('the recap figures, listed once (recap-figures.ts)', () => {
  it('are exactly the figures recapOfDays computes, in the list order', () => {
    const month = recapOfDays([makeDay('2026-03-02'), makeDay('2026-03-03', { code: 'TK' })], nationalRules);
    expect(Object.keys(month)).toEqual([...RECAP_FIGURES]);
  });

  it('name one figure per late and early band (TL1–TL4, PSW1–PSW4, regulations.md §5.3)', () => {
    expect(LATE_BAND_FIGURES.map((f) => f.toUpperCase())).toEqual([...LATE_BANDS]);
    expect(EARLY_BAND_FIGURES.map((f) => f.toUpperCase())).toEqual([...EARLY_BANDS]);
  });

  it.each([
    ...LATE_BANDS.map((b) => ['lateBand', b] as const),
    ...EARLY_BANDS.map((b) => ['earlyBand', b] as const),
  ])('a day in %s %s counts in its figure and no other band', (field, band) => {
    const month = recapOfDays([makeDay('2026-03-02', { [field]: band })], nationalRules);
    const bands = Object.fromEntries([...LATE_BAND_FIGURES, ...EARLY_BAND_FIGURES].map((f) => [f, month[f]]));
    expect(bands).toEqual(
      Object.fromEntries(
        [...LATE_BAND_FIGURES, ...EARLY_BAND_FIGURES].map((f) => [f, f === band.toLowerCase() ? 1 : 0]),
      ),
    );
  });
});
