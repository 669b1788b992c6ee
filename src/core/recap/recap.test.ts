import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DayStatus } from '../attendance/day-status.ts';
import { DAY_CODES, EARLY_BANDS, LATE_BANDS, WORK_LOCATIONS } from '../attendance/status-codes.ts';
import { accumulateDiscipline } from '../discipline/accumulate.ts';
import { indicateDiscipline } from '../discipline/indicate.ts';
import { makeDay, nationalRules } from '../discipline/test-helpers.ts';
import { attendanceRulesSchema } from '../attendance/attendance-rules.ts';
import nationalAttendance from '../../../rulebooks/national/attendance.json' with { type: 'json' };
import { earlyWarningOf } from './early-warning.ts';
import { apelPercent, canonicalRecapText, recapOfDays } from './monthly-recap.ts';
import { canCloseOn, closingOpensOn, isMonth, nextMonth, previousMonth } from './recap-rules.ts';

const closing = attendanceRulesSchema.parse(nationalAttendance).monthClosing!;

describe('month closing rules (rulebook attendance.monthClosing)', () => {
  it('national rulebook: closable from day 5 of the next month, warning margin 2 days', () => {
    expect(closing).toMatchObject({ closeFromDay: 5, earlyWarningDays: 2 });
  });

  it.each([
    ['2026-01', '2026-02-05'],
    ['2026-12', '2027-01-05'],
    ['2024-02', '2024-03-05'],
  ])('%s may be closed from %s', (month, opens) => {
    expect(closingOpensOn(month, closing)).toBe(opens);
    expect(canCloseOn(month, opens, closing)).toBe(true);
    expect(canCloseOn(month, `${opens.slice(0, 8)}04`, closing)).toBe(false);
  });

  it('month arithmetic and validation', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth('2026-07')).toBe(true);
  });
});

describe('recapOfDays (regulations.md §1.3–§1.4, §5.3)', () => {
  it('TK days count whole, minutes of other days convert with floor(minutes / 450)', () => {
    const days = [
      makeDay('2026-03-02', { code: 'TK', workLocation: null }),
      makeDay('2026-03-03', { code: 'H', lateBand: 'TL4', lateMinutes: 400, workLocation: 'WFO' }),
      makeDay('2026-03-04', { code: 'H', earlyBand: 'PSW2', earlyMinutes: 60, workLocation: 'WFH' }),
      makeDay('2026-03-07', { code: 'LIBUR', nonWorkingDay: true, workLocation: null }),
    ];
    expect(recapOfDays(days, nationalRules)).toMatchObject({
      recordedDays: 4,
      workingDays: 3,
      codeCounts: { TK: 1, H: 2, LIBUR: 1 },
      tkDays: 1,
      lateMinutes: 400,
      earlyMinutes: 60,
      tkEquivalentDays: 1,
      tl4: 1,
      psw2: 1,
      // Leaving early does not make the arrival late: 4 March counts as on time.
      onTimeDays: 1,
      wfoDays: 1,
      wfhDays: 1,
    });
  });

  it('a TK-coded day without a schedule is not a TK working day', () => {
    const r = recapOfDays([makeDay('2026-03-08', { code: 'TK', nonWorkingDay: true })], nationalRules);
    expect(r).toMatchObject({ tkDays: 0, workingDays: 0, codeCounts: { TK: 1 } });
  });

  it('apel percentage: attended over target, none when there was no apel', () => {
    expect(apelPercent(1, 2)).toBe(50);
    expect(apelPercent(3, 2)).toBe(100);
    expect(apelPercent(0, 0)).toBeNull();
  });

  const dayArb = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    code: fc.constantFrom(...DAY_CODES),
    lateBand: fc.option(fc.constantFrom(...LATE_BANDS), { nil: null }),
    earlyBand: fc.option(fc.constantFrom(...EARLY_BANDS), { nil: null }),
    lateMinutes: fc.integer({ min: 0, max: 500 }),
    earlyMinutes: fc.integer({ min: 0, max: 500 }),
    workLocation: fc.option(fc.constantFrom(...WORK_LOCATIONS), { nil: null }),
    nonWorkingDay: fc.boolean(),
    missingCheckIn: fc.boolean(),
  });
  const monthArb = fc.uniqueArray(dayArb, { selector: (d) => d.day, maxLength: 28 }).map((ds) =>
    ds.map((d): DayStatus =>
      makeDay(`2026-02-${String(d.day).padStart(2, '0')}`, {
        code: d.code,
        lateBand: d.lateBand,
        earlyBand: d.earlyBand,
        lateMinutes: d.lateMinutes,
        earlyMinutes: d.earlyMinutes,
        workLocation: d.workLocation,
        nonWorkingDay: d.nonWorkingDay,
        missingCheckIn: d.missingCheckIn,
      }),
    ),
  );

  it('property: codes add up to the days, working days and bands never exceed them, order does not matter', () => {
    fc.assert(
      fc.property(monthArb, (days) => {
        const r = recapOfDays(days, nationalRules);
        const sum = Object.values(r.codeCounts).reduce((a, b) => a + b, 0);
        expect(sum).toBe(days.length);
        expect(r.workingDays).toBeLessThanOrEqual(r.recordedDays);
        expect(r.onTimeDays + r.tkDays).toBeLessThanOrEqual(r.workingDays);
        expect(r.tl1 + r.tl2 + r.tl3 + r.tl4).toBeLessThanOrEqual(r.recordedDays);
        expect(r.tkEquivalentDays).toBe(Math.floor((r.lateMinutes + r.earlyMinutes) / 450));
        expect(recapOfDays([...days].reverse(), nationalRules)).toEqual(r);
      }),
    );
  });
});

describe('canonicalRecapText (content hash of a closing)', () => {
  it('property: independent of row order and key order', () => {
    const rowArb = fc.record({
      employeeId: fc.uuid(),
      month: fc.constant('2026-01'),
      unitId: fc.uuid(),
      tkDays: fc.nat(31),
      codeCounts: fc.dictionary(fc.constantFrom('H', 'TK', 'S'), fc.nat(31)),
    });
    fc.assert(
      fc.property(fc.uniqueArray(rowArb, { selector: (r) => r.employeeId, maxLength: 8 }), (rows) => {
        const shuffled = [...rows]
          .reverse()
          .map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r);
        expect(canonicalRecapText(shuffled)).toBe(canonicalRecapText(rows));
      }),
    );
  });

  it('changes when a figure changes', () => {
    const row = { employeeId: 'a', month: '2026-01', unitId: 'u', tkDays: 1 };
    expect(canonicalRecapText([row])).not.toBe(canonicalRecapText([{ ...row, tkDays: 2 }]));
  });
});

describe('earlyWarningOf (PP 94/2021 Pasal 9–11, margin from the rulebook)', () => {
  const warn = (days: DayStatus[], margin = 2) => {
    const acc = accumulateDiscipline(days, nationalRules, 'PNS', 2026);
    return earlyWarningOf(acc, indicateDiscipline(acc, nationalRules, 'PNS'), margin);
  };
  const tk = (d: string) => makeDay(d, { code: 'TK' });

  it.each([
    [0, null, null],
    [1, 3, 2],
    [2, 3, 1],
  ])('%i TK day(s): next threshold %s in %s days', (n, atDays, inDays) => {
    const days = ['2026-02-02', '2026-02-04', '2026-02-06'].slice(0, n).map(tk);
    const w = warn(days);
    if (atDays === null) expect(w).toBeNull();
    else expect(w).toMatchObject({ totalDays: n, next: { atDays, inDays }, cumulativeStep: null });
  });

  it('past a threshold: listed with the step reached and the next one (7 days, R3) 4 days away', () => {
    const w = warn(['2026-02-02', '2026-02-04', '2026-02-06'].map(tk));
    expect(w).toMatchObject({ totalDays: 3, cumulativeStep: 1, next: { atDays: 4, inDays: 1 } });
  });

  it('margin 0 lists only who reached a step', () => {
    expect(warn([tk('2026-02-02'), tk('2026-02-04')], 0)).toBeNull();
  });

  it('a run of 8 consecutive TK working days warns on the 10-day rule', () => {
    const days = ['02', '03', '04', '05', '06', '09', '10', '11'].map((d) => tk(`2026-02-${d}`));
    const w = warn(days);
    expect(w?.consecutive).toEqual({ atDays: 10, currentDays: 8, inDays: 2 });
  });
});
