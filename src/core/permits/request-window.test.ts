import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekday, addDays } from '../common/local-date.ts';
import { nationalRules, regional4060Rules, regional6040Rules } from '../attendance/test-helpers.ts';
import { requestLateness, windowOf, type RequestWindowKind } from './request-window.ts';

/** Mon–Fri working days; 2026-01-01 (Thu) a holiday, as in the national calendar. */
const isWorkingDay = (d: string) => isoWeekday(d) <= 5 && d !== '2026-01-01';

describe('request windows (rulebook attendance.requestWindows, regulations.md §0 HK, §4.3)', () => {
  it.each<[string, typeof nationalRules, RequestWindowKind, number, 'refuse' | 'flag']>([
    ['national correction', nationalRules, 'correction', 3, 'flag'],
    ['national izin', nationalRules, 'I', 3, 'flag'],
    ['national WFH', nationalRules, 'WFH', 3, 'flag'],
    ['national dinas luar', nationalRules, 'DL', 5, 'flag'],
    ['regional 40/60 correction (refused when late)', regional4060Rules, 'correction', 3, 'refuse'],
    ['regional 60/40 correction', regional6040Rules, 'correction', 5, 'flag'],
  ])('%s', (_name, rules, kind, days, whenLate) => {
    expect(windowOf(rules.requestWindows, kind)).toMatchObject({ withinWorkingDays: days, whenLate });
  });

  it('a rulebook without windows: nothing is late', () => {
    expect(windowOf(undefined, 'correction')).toBeNull();
    expect(requestLateness(null, '2025-01-01', '2026-01-01', isWorkingDay)).toBeNull();
  });

  const window = windowOf(nationalRules.requestWindows, 'correction')!; // 3 working days, flag
  it.each([
    // date (weekday), requested on → late working days (null = on time)
    ['Mon 12/01, asked Mon 12/01 (same day)', '2026-01-12', '2026-01-12', null],
    ['Mon 12/01, asked Thu 15/01 (3rd working day)', '2026-01-12', '2026-01-15', null],
    ['Mon 12/01, asked Fri 16/01 (4th working day)', '2026-01-12', '2026-01-16', 1],
    ['Thu 08/01, asked Mon 12/01: the weekend does not count', '2026-01-08', '2026-01-12', null],
    ['Thu 08/01, asked Wed 14/01', '2026-01-08', '2026-01-14', 1],
    ['Wed 31/12, asked Mon 05/01: 1 Jan is a holiday', '2025-12-31', '2026-01-05', null],
    ['a future date is never late', '2026-02-01', '2026-01-15', null],
    ['Mon 05/01, asked Mon 26/01', '2026-01-05', '2026-01-26', 12],
  ])('%s', (_name, date, on, late) => {
    const l = requestLateness(window, date, on, isWorkingDay);
    expect(l?.lateDays ?? null).toBe(late);
    if (l) expect(l).toMatchObject({ whenLate: 'flag', withinWorkingDays: 3 });
  });

  it('property: lateness never decreases as the request comes later, and is 0 within the window', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), (d, a, b) => {
        const first = requestLateness(window, d, addDays(d, a), isWorkingDay)?.lateDays ?? 0;
        const later = requestLateness(window, d, addDays(d, a + b), isWorkingDay)?.lateDays ?? 0;
        expect(later).toBeGreaterThanOrEqual(first);
        if (a <= 3) expect(first).toBe(0);
      }),
    );
  });
});
