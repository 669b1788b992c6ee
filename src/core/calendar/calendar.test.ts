import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nationalCalendar from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import regionalCalendar from '../../../rulebooks/regional-40-60/calendar.json' with { type: 'json' };
import { addDays, fromEpochDay, toEpochDay } from '../common/local-date.ts';
import { calendarRulesSchema, validateCalendarRules } from './calendar-rules.ts';
import type { CalendarRules } from './calendar-rules.ts';
import { buildCalendar, cutiBersamaDates, missingHolidayYears, unitCodeMatches } from './calendar.ts';
import { addWorkingDays } from './working-days.ts';

const national = calendarRulesSchema.parse(nationalCalendar);
/** The regional-40-60 calendar as the loader assembles it (mergeSections: calendar). */
const regional = calendarRulesSchema.parse({ ...nationalCalendar, ...regionalCalendar });

describe('buildCalendar — national 5-day pattern', () => {
  const cal = buildCalendar(national, { unitCode: 'BKD' });

  /*
   * Idul Fitri 1446 H (2025), SKB 1017/2024:
   *   Thu 27 Mar  working
   *   Fri 28 Mar  cuti bersama Nyepi
   *   Sat 29 Mar  Nyepi (weekend)
   *   Sun 30 Mar  weekend
   *   Mon 31 Mar, Tue 1 Apr  Idul Fitri
   *   Wed 2 – Fri 4 Apr  cuti bersama
   *   Sat 5, Sun 6  weekend
   *   Mon 7 Apr  cuti bersama
   *   Tue 8 Apr  first working day
   */
  it.each([
    ['2025-03-27', 'working'],
    ['2025-03-28', 'cuti_bersama'],
    ['2025-03-29', 'holiday'],
    ['2025-03-30', 'weekend'],
    ['2025-03-31', 'holiday'],
    ['2025-04-01', 'holiday'],
    ['2025-04-02', 'cuti_bersama'],
    ['2025-04-07', 'cuti_bersama'],
    ['2025-04-08', 'working'],
    ['2025-08-18', 'cuti_bersama'],
  ])('dayType(%s) = %s', (date, type) => expect(cal.dayType(date)).toBe(type));

  it.each([
    ['next working day after the last day before Lebaran', '2025-03-27', 1, '2025-04-08'],
    ['3 HK after 27 Mar 2025', '2025-03-27', 3, '2025-04-10'],
    ['0 HK is the same date', '2025-03-28', 0, '2025-03-28'],
    ['one HK back from the first day after Lebaran', '2025-04-08', -1, '2025-03-27'],
    ['14 HK across Lebaran and Good Friday (18 Apr)', '2025-03-24', 14, '2025-04-23'],
  ])('addWorkingDays: %s', (_name, from, n, expected) => expect(cal.addWorkingDays(from, n)).toBe(expected));

  it('counts working days across Idul Fitri 2025', () => {
    expect(cal.countWorkingDays('2025-03-24', '2025-04-11')).toBe(8);
  });

  it('nthWorkingDayAfter is addWorkingDays for n ≥ 1', () => {
    expect(cal.nthWorkingDayAfter('2025-03-27', 2)).toBe('2025-04-09');
  });

  it('gives holiday names, regardless of whether the unit observes them', () => {
    expect(cal.holidayName('2025-03-31')).toBe('Idul Fitri 1446 Hijriah');
    expect(cal.holiday('2025-04-02')?.kind).toBe('cuti_bersama');
    expect(cal.holidayName('2025-04-08')).toBeNull();
  });

  it.each([
    ['2025-02-28', false],
    ['2025-03-01', true],
    ['2025-03-30', true],
    ['2025-03-31', false],
    ['2026-02-19', true],
    ['2027-03-09', true],
  ])('isRamadan(%s) = %s', (date, expected) => expect(cal.isRamadan(date)).toBe(expected));

  it('reports years without holiday data', () => {
    expect(missingHolidayYears(cal, '2024-12-01', '2028-01-31')).toEqual([2024, 2028]);
  });

  it.each([
    ['Asia/Jakarta', '2025-03-31'],
    ['Asia/Makassar', '2025-04-01'],
    ['Asia/Jayapura', '2025-04-01'],
  ] as const)('16:30 UTC on 31 Mar 2025 is local date %s → %s', (zone, date) => {
    const c = buildCalendar(national, { unitCode: 'BKD', zone });
    expect(c.localDateOf(Date.UTC(2025, 2, 31, 16, 30))).toBe(date);
  });
});

describe('buildCalendar — unit patterns and policies', () => {
  it('6-day pattern works on Saturday but not on a Saturday holiday', () => {
    const cal = buildCalendar(national, { unitCode: 'X', workPattern: '6HK' });
    expect(cal.dayType('2025-01-11')).toBe('working');
    expect(cal.dayType('2025-01-12')).toBe('weekend');
    expect(cal.dayType('2025-03-29')).toBe('holiday');
    // Mon 6 – Sat 11 Jan 2025: six working days.
    expect(cal.countWorkingDays('2025-01-06', '2025-01-12')).toBe(6);
  });

  it('a regional unit assignment selects the 6-day pattern, also for sub-units', () => {
    expect(buildCalendar(regional, { unitCode: 'DISHUB.UPTD-PELABUHAN' }).workPattern.code).toBe('6HK');
    expect(buildCalendar(regional, { unitCode: 'DISHUB.UPTD-PELABUHAN.POS-1' }).workPattern.code).toBe('6HK');
    expect(buildCalendar(regional, { unitCode: 'DISHUB' }).workPattern.code).toBe('5HK');
  });

  it('a public-service unit that does not observe cuti bersama works on it', () => {
    const rules: CalendarRules = {
      ...national,
      units: [
        {
          unitCodes: ['DUKCAPIL'],
          workPattern: '5HK',
          observesCutiBersama: false,
          legalBasis: { regulation: 'X' },
        },
      ],
    };
    const cal = buildCalendar(rules, { unitCode: 'DUKCAPIL' });
    expect(cal.observesCutiBersama).toBe(false);
    expect(cal.dayType('2025-04-02')).toBe('working');
    expect(cal.dayType('2025-03-31')).toBe('holiday');
    // 24–28 Mar (5), 2–4 Apr (3), 7–11 Apr (5); only 31 Mar and 1 Apr are off.
    expect(cal.countWorkingDays('2025-03-24', '2025-04-11')).toBe(13);
  });

  it('the shift unit (RSUD) keeps an administrative Mon–Fri HK calendar without cuti bersama', () => {
    const cal = buildCalendar(regional, { unitCode: 'DINKES.RSUD' });
    expect(cal.workPattern.dutyFromRoster).toBe(true);
    expect(cal.dayType('2025-04-02')).toBe('working');
  });

  it.each([
    ['all units', 'BKD', '2026-01-28', 'holiday'],
    ['the listed unit', 'DISDIK.CABDIN-WIL-2', '2026-10-12', 'holiday'],
    ['a sub-unit of the listed unit', 'DISDIK.CABDIN-WIL-2.SMA-3', '2026-10-12', 'holiday'],
    ['not another unit', 'DISDIK.CABDIN-WIL-1', '2026-10-12', 'working'],
  ])('regional holiday applies to %s', (_name, unitCode, date, type) => {
    const cal = buildCalendar(regional, { unitCode });
    expect(cal.dayType(date)).toBe(type);
    if (type === 'holiday') expect(cal.holiday(date)?.kind).toBe('libur_daerah');
  });

  it('the regional calendar validates', () => {
    expect(validateCalendarRules(regional)).toEqual([]);
  });

  it.each([
    ['DINKES', 'DINKES', true],
    ['DINKES', 'DINKES.RSUD', true],
    ['DINKES', 'DINKESOS', false],
    ['DINKES.RSUD', 'DINKES', false],
  ])('unitCodeMatches(%s, %s) = %s', (code, unit, ok) => expect(unitCodeMatches(code, unit)).toBe(ok));

  it('throws on an unknown pattern (invalid rulebook)', () => {
    expect(() => buildCalendar(national, { unitCode: 'X', workPattern: 'NOPE' })).toThrow(/NOPE/);
  });
});

describe('working-day properties', () => {
  const start = toEpochDay('2025-01-01');
  const dateArb = fc.integer({ min: 0, max: 700 }).map((d) => fromEpochDay(start + d));

  it('adding a holiday never makes addWorkingDays return an earlier date', () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.integer({ min: 0, max: 60 }), (from, extra, n) => {
        const base = buildCalendar(national, { unitCode: 'X' });
        const more = buildCalendar(
          {
            ...national,
            regionalHolidays: [{ date: extra, name: 'Tambahan', legalBasis: { regulation: 'X' } }],
          },
          { unitCode: 'X' },
        );
        expect(addWorkingDays(more.isWorkingDay, from, n) >= addWorkingDays(base.isWorkingDay, from, n)).toBe(
          true,
        );
      }),
    );
  });

  it('countWorkingDays counts exactly the n days added', () => {
    const cal = buildCalendar(national, { unitCode: 'X' });
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (from, n) => {
        expect(cal.countWorkingDays(addDays(from, 1), cal.addWorkingDays(from, n))).toBe(n);
      }),
    );
  });
});

describe('cutiBersamaDates (PP 11/2017 Pasal 333: the days worked come back as annual leave)', () => {
  it.each<[number, number, string | undefined, string | undefined]>([
    // [up to year, how many, first, last] — SKB cuti bersama 2025 (11 days) and Keppres 2026 (8 days)
    [2024, 0, undefined, undefined],
    [2025, 11, '2025-01-28', '2025-12-26'],
    [2026, 19, '2025-01-28', '2026-12-24'],
  ])('up to %i: %i days', (year, n, first, last) => {
    const dates = cutiBersamaDates(national, year);
    expect([dates.length, dates[0], dates.at(-1)]).toEqual([n, first, last]);
    // Never a national holiday, and in date order.
    const holidays = new Set(
      national.years.flatMap((y) => y.holidays.filter((h) => h.kind === 'libur_nasional').map((h) => h.date)),
    );
    expect(dates.filter((d) => holidays.has(d))).toEqual([]);
    expect([...dates].sort()).toEqual(dates);
  });
});
