import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DayStatus } from '../attendance/day-status.ts';
import { accumulateDiscipline, accumulationFilter } from './accumulate.ts';
import { calendar2022, makeCalendar, makeDay, makeDays, nationalRules, tkOverrides } from './test-helpers.ts';

const rules = nationalRules;

describe('accumulateDiscipline — lateness and early leave → days (PerBKN 6/2022; regulations.md §1.4)', () => {
  it.each([
    ['0 minutes = 0 days', 0, 0, 0],
    ['449 minutes = 0 days', 449, 0, 0],
    ['450 minutes = 1 day', 450, 0, 1],
    ['451 minutes = 1 day', 451, 0, 1],
    ['899 minutes = 1 day', 899, 0, 1],
    ['900 minutes = 2 days', 900, 0, 2],
    ['early leave counts the same: 450 = 1 day', 0, 450, 1],
    ['late 300 + early 150 = 450 = 1 day', 300, 150, 1],
    ['late 1349 + early 1 = 1350 = 3 days', 1349, 1, 3],
  ])('%s', (_name, late, early, days) => {
    const acc = accumulateDiscipline(
      [makeDay('2022-03-01', { lateMinutes: late, earlyMinutes: early })],
      rules,
      'PNS',
      2022,
    );
    expect(acc.minutesAsDays).toBe(days);
    expect(acc.totalDays).toBe(days);
    expect(acc.remainderMinutes).toBe(late + early - days * 450);
  });

  it('minutes are cumulative over the year, not reset per month: 300 in January + 150 in February = 1 day', () => {
    const acc = accumulateDiscipline(
      [makeDay('2022-01-10', { lateMinutes: 300 }), makeDay('2022-02-10', { earlyMinutes: 150 })],
      rules,
      'PNS',
      2022,
    );
    expect(acc).toMatchObject({ lateMinutes: 300, earlyMinutes: 150, minutesAsDays: 1, totalDays: 1 });
    expect(acc.breakdown.map((b) => [b.date, b.runningTotalDays])).toEqual([
      ['2022-01-10', 0],
      ['2022-02-10', 1],
    ]);
  });

  it('the divisor comes from the rulebook (e.g. 390 for a Ramadan reading)', () => {
    const ramadan = { ...rules, minutesPerDay: { ...rules.minutesPerDay, minutes: 390 } };
    expect(
      accumulateDiscipline([makeDay('2022-04-04', { lateMinutes: 400 })], ramadan, 'PNS', 2022).minutesAsDays,
    ).toBe(1);
  });

  it('TK days plus converted minutes feed the ladder; minutes on a TK day are not counted twice', () => {
    const acc = accumulateDiscipline(
      [
        makeDay('2022-03-01', { code: 'TK' }),
        makeDay('2022-03-02', { code: 'TK', lateMinutes: 450 }),
        makeDay('2022-03-04', { lateMinutes: 200 }),
        makeDay('2022-03-07', { earlyMinutes: 250 }),
      ],
      rules,
      'PNS',
      2022,
    );
    expect(acc).toMatchObject({
      tkDays: 2,
      lateMinutes: 200,
      earlyMinutes: 250,
      minutesAsDays: 1,
      totalDays: 3,
    });
  });

  it('only days of the requested year count', () => {
    const acc = accumulateDiscipline(
      [
        makeDay('2021-12-30', { code: 'TK' }),
        makeDay('2022-01-03', { code: 'TK' }),
        makeDay('2023-01-02', { code: 'TK' }),
      ],
      rules,
      'PNS',
      2022,
    );
    expect(acc.tkDays).toBe(1);
  });

  it('rejects two entries for one date', () => {
    expect(() =>
      accumulateDiscipline([makeDay('2022-03-01'), makeDay('2022-03-01')], rules, 'PNS', 2022),
    ).toThrow(/ganda/);
  });
});

/*
 * Streaks over the 2022 fixture calendar (weekends + holidays):
 *
 *          Februari 2022                      Oktober 2022
 *   Sen Sel Rab Kam Jum Sab Min        Sen Sel Rab Kam Jum Sab Min
 *       1*  2   3   4   5   6                              1   2
 *   7   8   9  10  11  12  13          3   4   5   6   7   8*  9
 *  14  15  16  17  18  19  20         10  11  12  13  14  15  16
 *  21  22  23  24  25  26  27         17  18  19  20  21  22  23
 *  28*                                24  25  26  27  28  29  30
 *                                     31
 *  * = holiday (1 Feb Imlek, 28 Feb Isra Mikraj, 8 Oct Maulid Nabi)
 */
describe('accumulateDiscipline — consecutive TK (regulations.md §1.3, §1.8)', () => {
  it.each([
    ['Friday + Monday across a weekend', { '2022-02-11': 'TK', '2022-02-14': 'TK' }, 2],
    [
      'Friday 25 Feb + Tuesday 1 Mar across the weekend and the Isra Mikraj holiday',
      { '2022-02-25': 'TK', '2022-03-01': 'TK' },
      2,
    ],
    [
      'Monday 31 Jan + Wednesday 2 Feb across the Imlek holiday',
      { '2022-01-31': 'TK', '2022-02-02': 'TK' },
      2,
    ],
    ['broken by a present day', { '2022-02-14': 'TK', '2022-02-15': 'H', '2022-02-16': 'TK' }, 1],
    [
      'broken by annual leave (a valid excuse)',
      { '2022-02-14': 'TK', '2022-02-15': 'CT', '2022-02-16': 'TK' },
      1,
    ],
    ['broken by sick leave with a note', { '2022-02-14': 'TK', '2022-02-15': 'S', '2022-02-16': 'TK' }, 1],
  ] as const)('%s', (_name, overrides, longest) => {
    const acc = accumulateDiscipline(makeDays('2022-01-01', '2022-03-31', overrides), rules, 'PNS', 2022);
    expect(acc.longestTkStreak?.days).toBe(longest);
  });

  it('PerBKN annex: TK from Saturday 1 Oct to Friday 14 Oct 2022 = 10 working days, reached on 14 Oct', () => {
    const acc = accumulateDiscipline(
      makeDays('2022-10-01', '2022-10-31', tkOverrides('2022-10-01', 10)),
      rules,
      'PNS',
      2022,
    );
    expect(acc.tkDays).toBe(10);
    expect(acc.longestTkStreak).toEqual({ days: 10, from: '2022-10-03', to: '2022-10-14' });
    expect(acc.consecutiveThreshold).toBe(10);
    expect(acc.consecutiveReachedOn).toBe('2022-10-14');
    expect(acc.currentStreak).toBeNull();
  });

  it('9 consecutive working days do not reach the threshold', () => {
    const acc = accumulateDiscipline(
      makeDays('2022-10-01', '2022-10-31', tkOverrides('2022-10-03', 9)),
      rules,
      'PNS',
      2022,
    );
    expect(acc.longestTkStreak?.days).toBe(9);
    expect(acc.consecutiveReachedOn).toBeNull();
  });

  it('the current run stays open over a trailing weekend', () => {
    const acc = accumulateDiscipline(
      makeDays('2022-02-14', '2022-02-20', { '2022-02-17': 'TK', '2022-02-18': 'TK' }),
      rules,
      'PNS',
      2022,
    );
    expect(acc.currentStreak).toEqual({ days: 2, from: '2022-02-17', to: '2022-02-18' });
  });

  it('a run crossing 1 January is seen when the previous December is supplied', () => {
    const cal = makeCalendar(['2022-12-26', '2023-01-01']);
    // TK Tue 27 – Fri 30 Dec 2022 (4 HK) and Mon 2 – Mon 9 Jan 2023 (6 HK); 26 Dec and 1 Jan are days off.
    const overrides = { ...tkOverrides('2022-12-27', 4, cal), ...tkOverrides('2023-01-02', 6, cal) };
    const acc = accumulateDiscipline(
      makeDays('2022-12-01', '2023-01-31', overrides, cal),
      rules,
      'PNS',
      2023,
    );
    expect(acc.tkDays).toBe(6);
    expect(acc.longestTkStreak).toEqual({ days: 10, from: '2022-12-27', to: '2023-01-09' });
    expect(acc.consecutiveReachedOn).toBe('2023-01-09');
  });

  it('an employee type without a ladder has no consecutive threshold', () => {
    const acc = accumulateDiscipline(
      makeDays('2022-10-01', '2022-10-31', tkOverrides('2022-10-03', 10)),
      rules,
      'NON_ASN',
      2022,
    );
    expect(acc.ladderId).toBeNull();
    expect(acc.consecutiveThreshold).toBeNull();
    expect(acc.consecutiveReachedOn).toBeNull();
    expect(acc.longestTkStreak?.days).toBe(10);
  });
});

describe('accumulateDiscipline — properties', () => {
  const workingDays2022 = makeDays('2022-01-01', '2022-12-31')
    .filter((d) => d.code === 'H')
    .map((d) => d.date);

  const yearArb = fc
    .array(
      fc.record({
        tk: fc.boolean(),
        off: fc.boolean(),
        late: fc.nat({ max: 300 }),
        early: fc.nat({ max: 150 }),
      }),
      { minLength: 1, maxLength: 120 },
    )
    .map((spec) =>
      spec.map((s, i): DayStatus => {
        const date = workingDays2022[i] as string;
        if (s.tk) return makeDay(date, { code: 'TK', workLocation: null });
        if (s.off) return makeDay(date, { code: 'LIBUR', workLocation: null });
        return makeDay(date, { lateMinutes: s.late, earlyMinutes: s.early });
      }),
    );

  it('the result does not depend on the order of the days', () => {
    fc.assert(
      fc.property(
        yearArb.chain((days) =>
          fc.tuple(fc.constant(days), fc.shuffledSubarray(days, { minLength: days.length })),
        ),
        ([days, shuffled]) => {
          expect(accumulateDiscipline(shuffled, rules, 'PNS', 2022)).toEqual(
            accumulateDiscipline(days, rules, 'PNS', 2022),
          );
        },
      ),
    );
  });

  it('the days kept by accumulationFilter accumulate exactly as all days (runs, counts, breakdown)', () => {
    const everyDay = fc
      .array(
        fc.record({
          code: fc.constantFrom('H', 'H', 'TK', 'LIBUR', 'CT', 'DL'),
          off: fc.boolean(),
          late: fc.constantFrom(0, 0, 0, 15, 200),
        }),
        { minLength: 1, maxLength: 200 },
      )
      .map((spec) =>
        spec.map((s, i): DayStatus =>
          makeDay(workingDays2022[i] as string, {
            code: s.code as DayStatus['code'],
            lateMinutes: s.late,
            ...(s.off ? { nonWorkingDay: true } : {}),
          }),
        ),
      );
    fc.assert(
      fc.property(fc.array(everyDay, { minLength: 1, maxLength: 3 }), (people) => {
        const keep = accumulationFilter(rules);
        people.forEach((days, p) => {
          const kept = days.filter((d) => keep(`p${p}`, d));
          expect(accumulateDiscipline(kept, rules, 'PNS', 2022)).toEqual(
            accumulateDiscipline(days, rules, 'PNS', 2022),
          );
        });
      }),
    );
  });

  it('totalDays = tkDays + floor(minutes / 450)', () => {
    fc.assert(
      fc.property(yearArb, (days) => {
        const acc = accumulateDiscipline(days, rules, 'PNS', 2022);
        expect(acc.totalDays).toBe(acc.tkDays + Math.floor((acc.lateMinutes + acc.earlyMinutes) / 450));
        expect(acc.breakdown.at(-1)?.runningTotalDays ?? 0).toBe(acc.totalDays);
      }),
    );
  });

  it('the calendar fixture knows the 2022 holidays', () => {
    expect([
      calendar2022('2022-02-01'),
      calendar2022('2022-02-28'),
      calendar2022('2022-03-03'),
      calendar2022('2022-03-02'),
    ]).toEqual([false, false, false, true]);
  });
});

describe('accumulateDiscipline — non-working days never break a TK run (regulations.md §0 HK, §1.3)', () => {
  // TK 3–7 Oct and 10–14 Oct 2022 (10 HK); the weekend 8–9 Oct (8 Oct also Maulid Nabi) lies between them.
  const run = tkOverrides('2022-10-03', 10);
  it.each<[string, Record<string, Partial<DayStatus>>, number]>([
    ['§1.3 weekend and holiday coded LIBUR', {}, 10],
    [
      '§3.4 cuti bersama coded CBER (regional-60-40 recording) on a weekday',
      { '2022-10-10': { code: 'CBER', workLocation: null } },
      9,
    ],
    [
      '§1.3 holiday punch recorded H but flagged nonWorkingDay',
      { '2022-10-08': { code: 'H', nonWorkingDay: true } },
      10,
    ],
    [
      '§1.3 a working day with attendance (H, not flagged) breaks the run',
      { '2022-10-10': { code: 'H' } },
      5,
    ],
  ])('%s', (_name, extra, longest) => {
    const days = makeDays('2022-10-01', '2022-10-31', { ...run, ...extra });
    const acc = accumulateDiscipline(days, rules, 'PNS', 2022);
    expect(acc.longestTkStreak?.days).toBe(longest);
  });

  it('§1.3 a run of 9 TK days with CBER in the middle reaches 10 on the next TK day', () => {
    // TK Mon 3 – Fri 7 Oct, CBER Mon 10 Oct, TK Tue 11 – Fri 14 Oct, TK Mon 17 Oct.
    const days = makeDays('2022-10-01', '2022-10-31', {
      ...tkOverrides('2022-10-03', 11),
      '2022-10-10': { code: 'CBER', workLocation: null },
    });
    const acc = accumulateDiscipline(days, rules, 'PNS', 2022);
    expect(acc.longestTkStreak).toEqual({ days: 10, from: '2022-10-03', to: '2022-10-17' });
    expect(acc.tkDays).toBe(10);
  });

  it('§1.3 a CBER day breaks the run when a rulebook forgets it in nonWorkingCodes (what validation prevents)', () => {
    const without = structuredClone(rules);
    without.absence.nonWorkingCodes = ['LIBUR'];
    const days = makeDays('2022-10-01', '2022-10-31', {
      ...tkOverrides('2022-10-03', 11),
      '2022-10-10': { code: 'CBER', workLocation: null },
    });
    expect(accumulateDiscipline(days, without, 'PNS', 2022).longestTkStreak?.days).toBe(5);
  });

  it('§1.3 a TK code on a day flagged nonWorkingDay is neither counted nor part of a run', () => {
    const days = makeDays('2022-10-01', '2022-10-09', { '2022-10-08': { code: 'TK', nonWorkingDay: true } });
    const acc = accumulateDiscipline(days, rules, 'PNS', 2022);
    expect([acc.tkDays, acc.longestTkStreak]).toEqual([0, null]);
  });
});
