import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  capaianSoFar,
  dayCapOf,
  dayFlag,
  dayTotalProblem,
  entryWindowProblem,
  hoursText,
  isOverdue,
  monthSummary,
  presentOn,
  verifyDueDate,
} from './daily-reports.ts';

const RULES = {
  minMinutesPerDay: 300,
  maxMinutesPerDay: 720,
  excusedDayCodes: ['CT', 'S', 'LIBUR'],
  flagDayCodes: ['TK', 'CT'],
};

describe('entry window (rulebook dailyReports.entryWindowDays)', () => {
  it.each([
    ['2026-01-15', '2026-01-15', 3, null],
    ['2026-01-12', '2026-01-15', 3, null],
    ['2026-01-11', '2026-01-15', 3, 'melewati batas pengisian 3 hari'],
    ['2026-01-16', '2026-01-15', 3, 'belum tiba'],
    ['2026-01-22', '2026-01-15', 30, 'belum tiba'],
    ['2026-01-15', '2026-01-15', 0, null],
    ['2026-01-14', '2026-01-15', 0, 'melewati'],
  ] as const)('%s on %s with %i days → %s', (date, today, days, msg) => {
    const p = entryWindowProblem(date, today, days);
    if (msg === null) expect(p).toBeNull();
    else expect(p).toMatchObject({ path: 'reportDate', message: expect.stringContaining(msg) });
  });
});

describe('day total (rulebook dailyReports.maxMinutesPerDay, never above 24 hours)', () => {
  it.each([
    [0, 720, 720, null],
    [600, 120, 720, null],
    [600, 121, 720, 'melebihi batas 720 menit'],
    [0, 1500, 1440, 'tidak ada lebih dari 24 jam'],
    [1400, 100, 1440, 'tidak ada lebih dari 24 jam'],
  ] as const)('%i counted + %i with max %i → %s', (counted, minutes, max, msg) => {
    const p = dayTotalProblem('2026-01-15', counted, minutes, max);
    if (msg === null) expect(p).toBeNull();
    else expect(p).toMatchObject({ path: 'minutes', message: expect.stringContaining(msg) });
  });

  it('caps a rulebook maximum at 1440', () => expect(dayCapOf(5000)).toBe(1440));
  it('writes hours', () => {
    expect(hoursText(1500)).toBe('25 jam');
    expect(hoursText(90)).toBe('1 jam 30 menit');
    expect(hoursText(0)).toBe('0 menit');
  });

  it('property: whatever the order of submissions, accepted ones never exceed the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1440 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 2000 }),
        (submissions, max) => {
          let total = 0;
          for (const m of submissions) if (!dayTotalProblem('2026-01-15', total, m, max)) total += m;
          expect(total).toBeLessThanOrEqual(Math.min(max, 1440));
          // and any refused submission really would have gone over
          for (const m of submissions)
            if (dayTotalProblem('2026-01-15', total, m, max))
              expect(total + m).toBeGreaterThan(dayCapOf(max));
        },
      ),
    );
  });
});

describe('overdue (rulebook dailyReports.verifyWithinDays)', () => {
  it.each([
    ['SUBMITTED', '2026-01-10', '2026-01-15', 5, false],
    ['SUBMITTED', '2026-01-10', '2026-01-16', 5, true],
    ['ACCEPTED', '2026-01-01', '2026-01-31', 5, false],
    ['RETURNED', '2026-01-01', '2026-01-31', 5, false],
  ] as const)('%s submitted %s, today %s, %i days → %s', (status, sub, today, days, want) =>
    expect(isOverdue(status, sub, today, days)).toBe(want),
  );
  it('due date', () => expect(verifyDueDate('2026-01-29', 5)).toBe('2026-02-03'));
});

describe('day flags and presence', () => {
  it.each([
    ['CT', 'Dilaporkan pada hari cuti tahunan (CT)'],
    ['TK', 'Dilaporkan pada hari tanpa keterangan (TK)'],
  ])('%s is flagged', (code, reason) => expect(dayFlag(code, RULES.flagDayCodes)).toEqual({ code, reason }));
  it.each([['H'], [null], ['S']])('%s is not flagged', (code) =>
    expect(dayFlag(code, RULES.flagDayCodes)).toBeNull(),
  );
  it.each([
    ['H', true],
    ['DL', true],
    ['TK', false],
    ['CT', false],
    [null, null],
  ] as const)('present on %s → %s', (code, want) => expect(presentOn(code)).toBe(want));
});

describe('month summary', () => {
  it('counts per day and month, returned minutes apart, reasons, flags, minimum', () => {
    const s = monthSummary(
      [
        { date: '2026-01-12', minutes: 200, status: 'ACCEPTED', note: null },
        { date: '2026-01-12', minutes: 120, status: 'SUBMITTED', note: null },
        { date: '2026-01-12', minutes: 60, status: 'RETURNED', note: 'Tidak sesuai RHK' },
        { date: '2026-01-13', minutes: 30, status: 'ACCEPTED', note: null },
      ],
      new Map([
        ['2026-01-12', 'H'],
        ['2026-01-13', 'CT'],
        ['2026-01-14', 'TK'],
      ]),
      RULES,
    );
    expect(s.days).toHaveLength(3);
    expect(s.days[0]).toMatchObject({
      date: '2026-01-12',
      minutesReported: 320,
      minutesAccepted: 200,
      minutesPending: 120,
      minutesReturned: 60,
      minMinutes: 300,
      meetsMinimum: true,
      accepted: 1,
      pending: 1,
      returned: 1,
      returnedReasons: ['Tidak sesuai RHK'],
      flag: null,
    });
    expect(s.days[1]).toMatchObject({ excused: true, minMinutes: 0, flag: { code: 'CT' } });
    expect(s.days[2]).toMatchObject({ minutesReported: 0, meetsMinimum: false, flag: null });
    expect(s.totals).toMatchObject({
      minutesReported: 350,
      minutesAccepted: 230,
      reports: 4,
      daysReported: 2,
      daysMeetingMinimum: 2,
      flaggedDays: 1,
    });
  });

  it('property: month totals are the sums of the days', () => {
    const report = fc.record({
      date: fc.constantFrom('2026-01-05', '2026-01-06', '2026-01-07'),
      minutes: fc.integer({ min: 1, max: 600 }),
      status: fc.constantFrom('SUBMITTED', 'ACCEPTED', 'RETURNED') as fc.Arbitrary<
        'SUBMITTED' | 'ACCEPTED' | 'RETURNED'
      >,
      note: fc.constantFrom(null, 'x'),
    });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 20 }), (rs) => {
        const s = monthSummary(rs, new Map(), RULES);
        const accepted = rs.filter((r) => r.status === 'ACCEPTED').reduce((a, r) => a + r.minutes, 0);
        expect(s.totals.minutesAccepted).toBe(accepted);
        expect(s.totals.reports).toBe(rs.length);
        expect(s.totals.accepted + s.totals.pending + s.totals.returned).toBe(rs.length);
      }),
    );
  });
});

describe('capaian so far', () => {
  const ind = (rhkId: string, satuan: string, target: number) => ({
    rhkId,
    rhkText: `RHK ${rhkId}`,
    indicatorText: `Indikator ${rhkId} ${satuan}`,
    satuan,
    target,
  });
  it.each([
    ['half of a target', [ind('a', 'dokumen', 10)], [{ rhkId: 'a', satuan: 'Dokumen', quantity: 5 }], 50],
    ['capped at 100', [ind('a', 'dokumen', 10)], [{ rhkId: 'a', satuan: 'dokumen', quantity: 30 }], 100],
    [
      'null satuan counts for a single indicator',
      [ind('a', 'kegiatan', 4)],
      [{ rhkId: 'a', satuan: null, quantity: 1 }],
      25,
    ],
    [
      'mean of indicators, other satuan ignored',
      [ind('a', 'dokumen', 10), ind('b', 'laporan', 2)],
      [
        { rhkId: 'a', satuan: 'dokumen', quantity: 10 },
        { rhkId: 'b', satuan: 'dokumen', quantity: 2 },
      ],
      50,
    ],
    ['zero target is reached', [ind('a', 'x', 0)], [], 100],
  ] as const)('%s', (_n, indicators, accepted, want) =>
    expect(capaianSoFar(indicators, accepted).percent).toBe(want),
  );
  it('no indicator → null', () => expect(capaianSoFar([], []).percent).toBeNull());
});
