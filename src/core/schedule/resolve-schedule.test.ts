import { describe, expect, it } from 'vitest';
import nationalCalendar from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import regionalCalendar from '../../../rulebooks/regional-40-60/calendar.json' with { type: 'json' };
import nationalSchedule from '../../../rulebooks/national/schedule.json' with { type: 'json' };
import regionalSchedule from '../../../rulebooks/regional-40-60/schedule.json' with { type: 'json' };
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import { fromZoned } from '../common/zoned-time.ts';
import { calendarRulesSchema } from '../calendar/calendar-rules.ts';
import type { CalendarRules } from '../calendar/calendar-rules.ts';
import { buildCalendar } from '../calendar/calendar.ts';
import type { FlexibleDay, RosterEntry } from './resolve-schedule.ts';
import { checkFlexibleWorkCap, indexRoster, resolveDaySchedule } from './resolve-schedule.ts';
import type { RosterIndex } from './resolve-schedule.ts';
import type { ScheduleRules } from './schedule-rules.ts';
import { scheduleRulesSchema } from './schedule-rules.ts';

const nationalCal = calendarRulesSchema.parse(nationalCalendar);
const national = scheduleRulesSchema.parse(nationalSchedule);
const regionalCal = calendarRulesSchema.parse({ ...nationalCalendar, ...regionalCalendar });
const regional = scheduleRulesSchema.parse({ ...nationalSchedule, ...regionalSchedule });
const NIP = '198503122010011003';

function resolve(opts: {
  date: string;
  unitCode?: string;
  nip?: string;
  zone?: IndonesianTimeZone;
  rules?: ScheduleRules;
  calRules?: CalendarRules;
  roster?: RosterEntry[] | RosterIndex;
  flexibleDays?: FlexibleDay[];
}) {
  const unitCode = opts.unitCode ?? 'BKD';
  const zone = opts.zone ?? 'Asia/Jakarta';
  return resolveDaySchedule({
    rules: opts.rules ?? national,
    calendar: buildCalendar(opts.calRules ?? nationalCal, { unitCode, zone }),
    date: opts.date,
    zone,
    unitCode,
    employeeNip: opts.nip ?? '199001012015031001',
    ...(opts.roster ? { roster: opts.roster } : {}),
    ...(opts.flexibleDays ? { flexibleDays: opts.flexibleDays } : {}),
  });
}

describe('resolveDaySchedule — Perpres 21/2023 default (5-day)', () => {
  it('Monday: 07:30–16:00, break 12:00–13:00, check-in from 06:00, check-out until 18:00', () => {
    expect(resolve({ date: '2025-01-06' })).toEqual({
      date: '2025-01-06',
      zone: 'Asia/Jakarta',
      kind: 'regular',
      start: 450,
      end: 960,
      breaks: [{ start: 720, end: 780 }],
      graceMinutes: 0,
      checkInWindow: { from: 360, to: 960 },
      checkOutWindow: { from: 450, to: 1080 },
      workLocation: 'WFO',
    });
  });

  it.each([
    // name, date, kind, start, end, breaks
    ['Friday 07:30–16:30, break 11:30–13:00', '2025-01-10', 'regular', 450, 990, [{ start: 690, end: 780 }]],
    [
      'Ramadan Monday 08:00–15:00, break 12:00–12:30',
      '2025-03-03',
      'ramadan',
      480,
      900,
      [{ start: 720, end: 750 }],
    ],
    [
      'Ramadan Friday 08:00–15:30, break 11:30–12:30',
      '2025-03-07',
      'ramadan',
      480,
      930,
      [{ start: 690, end: 750 }],
    ],
    ['first day of Ramadan 1447 (2026)', '2026-02-19', 'ramadan', 480, 900, [{ start: 720, end: 750 }]],
    ['day after Ramadan is regular again', '2025-04-08', 'regular', 450, 960, [{ start: 720, end: 780 }]],
  ] as const)('%s', (_name, date, kind, start, end, breaks) => {
    expect(resolve({ date })).toMatchObject({ kind, start, end, breaks });
  });

  it.each([
    ['Saturday', '2025-01-11'],
    ['Sunday', '2025-01-12'],
    ['national holiday (Idul Fitri)', '2025-03-31'],
    ['cuti bersama', '2025-04-02'],
  ])('%s is not a working day → null', (_name, date) => {
    expect(resolve({ date })).toBeNull();
  });

  it('a unit that does not observe cuti bersama works on it', () => {
    const calRules: CalendarRules = {
      ...nationalCal,
      units: [
        {
          unitCodes: ['DUKCAPIL'],
          workPattern: '5HK',
          observesCutiBersama: false,
          legalBasis: { regulation: 'X' },
        },
      ],
    };
    expect(resolve({ date: '2025-04-02', unitCode: 'DUKCAPIL', calRules })).toMatchObject({
      kind: 'regular',
      start: 450,
    });
  });

  it('planned WFH is carried into the schedule', () => {
    const s = resolve({ date: '2025-01-06', flexibleDays: [{ date: '2025-01-06', location: 'WFH' }] });
    expect(s?.workLocation).toBe('WFH');
  });
});

describe('resolveDaySchedule — time zones', () => {
  it.each([
    ['WIB', 'Asia/Jakarta', '2025-01-06T00:30:00.000Z'],
    ['WITA', 'Asia/Makassar', '2025-01-05T23:30:00.000Z'],
    ['WIT', 'Asia/Jayapura', '2025-01-05T22:30:00.000Z'],
  ] as const)('07:30 %s is local time; its instant is %s', (_label, zone, iso) => {
    const s = resolve({ date: '2025-01-06', zone });
    expect(s?.zone).toBe(zone);
    expect(s?.start).toBe(450);
    expect(new Date(fromZoned('2025-01-06', s?.start ?? 0, zone)).toISOString()).toBe(iso);
  });
});

describe('resolveDaySchedule — 6-day UPTD (regional-40-60)', () => {
  const unitCode = 'DISHUB.UPTD-PELABUHAN';
  it.each([
    ['Monday 07:30–14:30', '2026-01-05', 'regular', 450, 870],
    ['Friday 07:30–13:30', '2026-01-09', 'regular', 450, 810],
    ['Saturday 07:30–14:30', '2026-01-10', 'regular', 450, 870],
    ['Ramadan Saturday 08:00–14:00', '2026-02-21', 'ramadan', 480, 840],
    ['Ramadan Friday 08:00–14:00', '2026-02-20', 'ramadan', 480, 840],
  ] as const)('%s', (_name, date, kind, start, end) => {
    expect(resolve({ date, unitCode, rules: regional, calRules: regionalCal })).toMatchObject({
      kind,
      start,
      end,
    });
  });

  it('Sunday is off', () => {
    expect(resolve({ date: '2026-01-11', unitCode, rules: regional, calRules: regionalCal })).toBeNull();
  });

  it('regional holiday (Hari Jadi Provinsi) is off', () => {
    expect(resolve({ date: '2026-01-28', unitCode, rules: regional, calRules: regionalCal })).toBeNull();
  });
});

describe('resolveDaySchedule — shifts', () => {
  const unitCode = 'DINKES.RSUD';
  const base = { unitCode, rules: regional, calRules: regionalCal, nip: NIP };

  it('MALAM 22:00–07:00 ends the next morning (end > 1440), windows relative to the shift', () => {
    const roster: RosterEntry[] = [{ nip: NIP, date: '2025-01-06', shiftCode: 'MALAM' }];
    expect(resolve({ ...base, date: '2025-01-06', roster })).toEqual({
      date: '2025-01-06',
      zone: 'Asia/Jakarta',
      kind: 'shift',
      shiftCode: 'MALAM',
      start: 1320,
      end: 1860,
      breaks: [{ start: 1560, end: 1590 }],
      graceMinutes: 0,
      checkInWindow: { from: 1200, to: 1860 },
      checkOutWindow: { from: 1320, to: 2040 },
      workLocation: 'WFO',
    });
  });

  it('a rostered shift on a national holiday is worked', () => {
    const roster: RosterEntry[] = [{ nip: NIP, date: '2025-03-31', shiftCode: 'PAGI' }];
    expect(resolve({ ...base, date: '2025-03-31', roster })).toMatchObject({
      kind: 'shift',
      start: 420,
      end: 840,
    });
  });

  it('a roster day off is null', () => {
    expect(
      resolve({ ...base, date: '2025-01-06', roster: [{ nip: NIP, date: '2025-01-06', shiftCode: null }] }),
    ).toBeNull();
  });

  it('no roster line in a rostered unit is null', () => {
    expect(
      resolve({
        ...base,
        date: '2025-01-06',
        roster: [{ nip: 'other', date: '2025-01-06', shiftCode: 'PAGI' }],
      }),
    ).toBeNull();
  });

  it('a roster line also applies in a 5-day unit (e.g. a security guard)', () => {
    const roster: RosterEntry[] = [{ nip: NIP, date: '2025-01-11', shiftCode: 'SIANG' }];
    expect(resolve({ date: '2025-01-11', nip: NIP, roster })).toMatchObject({
      kind: 'shift',
      start: 840,
      end: 1320,
    });
  });

  describe('§3.3 a long roster (many employees × days) is looked up by index, with the same result', () => {
    // 200 employees × 60 days; the employee of interest is somewhere in the middle, plus a duplicate later line.
    const long: RosterEntry[] = [];
    for (let e = 0; e < 200; e++)
      for (let d = 1; d <= 60; d++) {
        const date = `2025-${String(1 + Math.floor((d - 1) / 30)).padStart(2, '0')}-${String(((d - 1) % 30) + 1).padStart(2, '0')}`;
        long.push({
          nip: e === 100 ? NIP : `19900101201503${String(e).padStart(4, '0')}`,
          date,
          shiftCode: d % 3 === 0 ? null : d % 3 === 1 ? 'PAGI' : 'MALAM',
        });
      }
    long.push({ nip: NIP, date: '2025-01-02', shiftCode: 'PAGI' }); // later duplicate: the first line wins
    const index = indexRoster(long);
    it.each([
      ['2025-01-01', 'PAGI'],
      ['2025-01-02', 'MALAM'],
      ['2025-01-03', null],
      ['2025-02-28', 'PAGI'],
    ] as const)('%s → %s (array, index and linear scan agree)', (date, shift) => {
      const viaArray = resolve({ ...base, date, roster: long });
      const viaIndex = resolve({ ...base, date, roster: index });
      const linear = long.find((e) => e.nip === NIP && e.date === date);
      expect(viaArray).toEqual(viaIndex);
      expect(viaIndex?.shiftCode ?? null).toBe(shift);
      expect(linear?.shiftCode ?? null).toBe(shift);
    });
  });

  it('an unknown shift code is a rulebook bug', () => {
    expect(() =>
      resolve({ ...base, date: '2025-01-06', roster: [{ nip: NIP, date: '2025-01-06', shiftCode: 'SORE' }] }),
    ).toThrow(/SORE/);
  });
});

describe('resolveDaySchedule — overrides with effective dates', () => {
  it.each([
    ['before the unit override starts: check-out closes 18:00', '2025-12-30', 1080],
    ['from 2026-01-01: check-out closes 20:00', '2026-01-05', 1200],
  ])('%s', (_name, date, closes) => {
    const s = resolve({ date, unitCode: 'DISHUB.UPTD-PELABUHAN', rules: regional, calRules: regionalCal });
    expect(s?.checkOutWindow.to).toBe(closes);
  });

  it.each([
    ['before the employee override', '2026-02-13', 'regular'],
    ['during the employee override (dynamic hours)', '2026-04-06', 'flexible'],
    ['after it ends', '2027-01-04', 'regular'],
  ] as const)('%s → %s', (_name, date, kind) => {
    expect(resolve({ date, nip: NIP, rules: regional, calRules: regionalCal })?.kind).toBe(kind);
  });

  const custom: ScheduleRules = {
    ...national,
    unitOverrides: [
      {
        unitCodes: ['DINKES'],
        effectiveFrom: '2025-01-01',
        effectiveTo: null,
        graceMinutes: 5,
        legalBasis: { regulation: 'X' },
      },
      {
        unitCodes: ['DINKES.PKM-A'],
        effectiveFrom: '2025-01-01',
        effectiveTo: null,
        graceMinutes: 15,
        legalBasis: { regulation: 'X' },
      },
    ],
    employeeOverrides: [
      {
        nip: NIP,
        effectiveFrom: '2025-02-01',
        effectiveTo: '2025-02-28',
        regular: [
          {
            weekdays: [1, 2, 3, 4],
            start: '08:00',
            end: '16:30',
            breaks: [{ start: '12:00', end: '13:00' }],
          },
        ],
        legalBasis: { regulation: 'X' },
      },
    ],
  };

  it.each([
    ['the unit itself', 'DINKES', 5],
    ['a sub-unit without its own override', 'DINKES.PKM-B', 5],
    ['the most specific unit override wins', 'DINKES.PKM-A', 15],
    ['another unit keeps the default', 'BKD', 0],
  ])('grace minutes: %s', (_name, unitCode, grace) => {
    expect(resolve({ date: '2025-01-06', unitCode, rules: custom })?.graceMinutes).toBe(grace);
  });

  it.each([
    ['Monday in the override period: employee hours', '2025-02-03', 480, 990],
    ['Friday in the override period: profile hours (not overridden)', '2025-02-07', 450, 990],
    ['Monday after the override period', '2025-03-10', 480, 900],
  ])('%s', (_name, date, start, end) => {
    expect(resolve({ date, nip: NIP, rules: custom })).toMatchObject({ start, end });
  });
});

describe('checkFlexibleWorkCap (PermenPANRB 4/2025: max 2 WFH/WFA days per week)', () => {
  it.each<[string, FlexibleDay[], boolean]>([
    [
      'two days in one week',
      [
        { date: '2025-05-05', location: 'WFH' },
        { date: '2025-05-07', location: 'WFA' },
      ],
      true,
    ],
    [
      'WFO days do not count',
      [
        { date: '2025-05-05', location: 'WFH' },
        { date: '2025-05-06', location: 'WFO' },
        { date: '2025-05-07', location: 'WFA' },
      ],
      true,
    ],
    [
      'two days in each of two weeks',
      [
        { date: '2025-05-08', location: 'WFH' },
        { date: '2025-05-09', location: 'WFH' },
        { date: '2025-05-12', location: 'WFH' },
        { date: '2025-05-13', location: 'WFH' },
      ],
      true,
    ],
    [
      'three days in one week',
      [
        { date: '2025-05-05', location: 'WFH' },
        { date: '2025-05-06', location: 'WFH' },
        { date: '2025-05-09', location: 'WFA' },
      ],
      false,
    ],
  ])('%s', (_name, days, ok) => {
    expect(checkFlexibleWorkCap({ rules: national, days }).ok).toBe(ok);
  });

  it('reports the violating week from Monday with an Indonesian message', () => {
    const r = checkFlexibleWorkCap({
      rules: national,
      days: [
        { date: '2025-05-11', location: 'WFH' },
        { date: '2025-05-06', location: 'WFH' },
        { date: '2025-05-07', location: 'WFA' },
      ],
    });
    expect(r.violations).toEqual([
      {
        weekStart: '2025-05-05',
        dates: ['2025-05-06', '2025-05-07', '2025-05-11'],
        count: 3,
        max: 2,
        message: 'Kerja fleksibel (WFH/WFA) 3 hari pada minggu mulai 2025-05-05, maksimum 2 hari',
      },
    ]);
  });

  it('rejects a location the rulebook does not allow', () => {
    const rules = {
      flexible: { ...national.flexible, allowedLocations: ['WFO', 'WFH'] as ('WFO' | 'WFH')[] },
    };
    const r = checkFlexibleWorkCap({ rules, days: [{ date: '2025-05-05', location: 'WFA' }] });
    expect(r.ok).toBe(false);
    expect(r.disallowed[0]?.message).toMatch(/WFA tidak diizinkan/);
  });
});
