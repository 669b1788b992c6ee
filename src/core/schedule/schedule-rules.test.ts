import { describe, expect, it } from 'vitest';
import nationalCalendar from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import nationalSchedule from '../../../rulebooks/national/schedule.json' with { type: 'json' };
import regionalSchedule from '../../../rulebooks/regional-40-60/schedule.json' with { type: 'json' };
import { calendarRulesSchema } from '../calendar/calendar-rules.ts';
import type { DayRule, ScheduleRules } from './schedule-rules.ts';
import {
  netWorkingMinutes,
  resolvePunchWindow,
  scheduleRulesSchema,
  toMinuteSpans,
  validateScheduleAgainstCalendar,
  validateScheduleRules,
  weeklyNetMinutes,
} from './schedule-rules.ts';

const national = scheduleRulesSchema.parse(nationalSchedule);
const calendar = calendarRulesSchema.parse(nationalCalendar);

function dayRule(profile: string, week: 'regular' | 'ramadan', weekday: number): DayRule {
  const p = national.profiles.find((x) => x.code === profile);
  const rule = p?.[week]?.days.find((d) => d.weekdays.includes(weekday));
  if (!rule) throw new Error(`no rule ${profile} ${week} ${weekday}`);
  return rule;
}

const breakMinutes = (r: DayRule) => toMinuteSpans(r).breaks.reduce((s, b) => s + b.end - b.start, 0);

describe('regulations.md §3.1–3.2 numbers in the national schedule', () => {
  it.each([
    // name, profile, week, weekday, start, end, break minutes, net minutes
    [
      'Mon–Thu normal 07:30–16:00, break 60 min, 7.5 h',
      'PERPRES-5HK',
      'regular',
      1,
      '07:30',
      '16:00',
      60,
      450,
    ],
    ['Thursday is the same as Monday', 'PERPRES-5HK', 'regular', 4, '07:30', '16:00', 60, 450],
    [
      'Friday normal 07:30–16:30, break 90 min, 7.5 h',
      'PERPRES-5HK',
      'regular',
      5,
      '07:30',
      '16:30',
      90,
      450,
    ],
    [
      'Mon–Thu Ramadan 08:00–15:00, break 30 min, 6.5 h',
      'PERPRES-5HK',
      'ramadan',
      2,
      '08:00',
      '15:00',
      30,
      390,
    ],
    [
      'Friday Ramadan 08:00–15:30, break 60 min, 6.5 h',
      'PERPRES-5HK',
      'ramadan',
      5,
      '08:00',
      '15:30',
      60,
      390,
    ],
    ['6-day Ramadan Mon–Thu 08:00–14:00, break 30 min', 'UNIT-6HK', 'ramadan', 1, '08:00', '14:00', 30, 330],
    ['6-day Ramadan Saturday 08:00–14:00, break 30 min', 'UNIT-6HK', 'ramadan', 6, '08:00', '14:00', 30, 330],
    [
      '6-day Ramadan Friday 08:00–14:00, break 60 min (SE 2023)',
      'UNIT-6HK',
      'ramadan',
      5,
      '08:00',
      '14:00',
      60,
      300,
    ],
  ] as const)('%s', (_name, profile, week, weekday, start, end, brk, net) => {
    const r = dayRule(profile, week, weekday);
    expect([r.start, r.end]).toEqual([start, end]);
    expect(breakMinutes(r)).toBe(brk);
    expect(netWorkingMinutes(r)).toBe(net);
  });

  it.each([
    ['start of day 07:30 local time', 'regular', 450],
    ['Ramadan start 08:00 local time', 'ramadan', 480],
  ] as const)('%s', (_name, week, minute) => {
    expect(toMinuteSpans(dayRule('PERPRES-5HK', week, 1)).start).toBe(minute);
  });

  it.each([
    ['37 h 30 min per week (5-day)', 'PERPRES-5HK', 'regular', 37.5 * 60],
    ['32 h 30 min per week in Ramadan (5-day)', 'PERPRES-5HK', 'ramadan', 32.5 * 60],
    ['37 h 30 min per week (6-day)', 'UNIT-6HK', 'regular', 37.5 * 60],
    ['32 h 30 min per week in Ramadan (6-day, minimum)', 'UNIT-6HK', 'ramadan', 32.5 * 60],
  ] as const)('%s', (_name, profile, week, minutes) => {
    const p = national.profiles.find((x) => x.code === profile);
    expect(weeklyNetMinutes(p?.[week]?.days ?? [])).toBe(minutes);
  });

  it('weekly minimums are data: 2250 and 1950 minutes', () => {
    expect(national.weeklyMinutes.regular).toBe(2250);
    expect(national.weeklyMinutes.ramadan).toBe(1950);
  });

  it('the flexible-location cap is 2 days per week (PermenPANRB 4/2025)', () => {
    expect(national.flexible.maxFlexibleDaysPerWeek).toBe(2);
  });

  it('national and regional schedules validate, also against the calendar', () => {
    expect(validateScheduleRules(national)).toEqual([]);
    expect(validateScheduleAgainstCalendar(national, calendar)).toEqual([]);
    const merged = scheduleRulesSchema.parse({ ...nationalSchedule, ...regionalSchedule });
    expect(validateScheduleRules(merged)).toEqual([]);
  });
});

describe('minute arithmetic', () => {
  it('an overnight shift ends after 1440 with its break on the next day', () => {
    expect(
      toMinuteSpans({ start: '22:00', end: '07:00', breaks: [{ start: '02:00', end: '02:30' }] }),
    ).toEqual({
      start: 1320,
      end: 1860,
      breaks: [{ start: 1560, end: 1590 }],
    });
  });

  it.each([
    ['fixed times', { opens: { at: '06:00' }, closes: { at: '18:00' } }, 450, 960, { from: 360, to: 1080 }],
    [
      'relative to start and end',
      { opens: { from: 'start', offsetMinutes: -120 }, closes: { from: 'end', offsetMinutes: 180 } },
      1320,
      1860,
      { from: 1200, to: 2040 },
    ],
    [
      'a closing time before the opening is next day',
      { opens: { at: '20:00' }, closes: { at: '09:00' } },
      1320,
      1860,
      { from: 1200, to: 1980 },
    ],
  ] as const)('resolvePunchWindow: %s', (_name, window, start, end, expected) => {
    expect(resolvePunchWindow(window, start, end)).toEqual(expected);
  });
});

function withSchedule(patch: (s: ScheduleRules) => void): ScheduleRules {
  const s = structuredClone(national);
  patch(s);
  return s;
}
const lb = { regulation: 'X' };

describe('validateScheduleRules errors', () => {
  it.each<[string, (s: ScheduleRules) => void, string, RegExp]>([
    [
      'two rules for the same weekday (overlapping schedule)',
      (s) => {
        s.profiles[0]!.regular.days[1]!.weekdays = [4, 5];
      },
      'schedule.profiles[0].regular.days[1].weekdays',
      /Hari ke-4 sudah diatur/,
    ],
    [
      'end before start',
      (s) => {
        s.profiles[0]!.regular.days[0]!.end = '07:00';
      },
      'schedule.profiles[0].regular.days[0]',
      /harus setelah jam masuk/,
    ],
    [
      'break outside working hours',
      (s) => {
        s.profiles[0]!.regular.days[0]!.breaks = [{ start: '16:30', end: '17:00' }];
      },
      'schedule.profiles[0].regular.days[0].breaks[0]',
      /di luar jam kerja/,
    ],
    [
      'overlapping breaks',
      (s) => {
        s.profiles[0]!.regular.days[0]!.breaks = [
          { start: '12:00', end: '12:30' },
          { start: '12:15', end: '12:45' },
        ];
      },
      'schedule.profiles[0].regular.days[0].breaks[1]',
      /tumpang tindih/,
    ],
    [
      'weekly hours below 37.5 h',
      (s) => {
        s.profiles[0]!.regular.days[0]!.end = '15:30';
      },
      'schedule.profiles[0].regular',
      /35 jam 30 menit per minggu kurang dari minimum 37 jam 30 menit/,
    ],
    [
      'Ramadan weekly hours below 32.5 h',
      (s) => {
        s.profiles[0]!.ramadan!.days[1]!.end = '15:00';
      },
      'schedule.profiles[0].ramadan',
      /kurang dari minimum 32 jam 30 menit/,
    ],
    [
      'unknown default profile',
      (s) => {
        s.defaultProfile = 'NOPE';
      },
      'schedule.defaultProfile',
      /NOPE tidak didefinisikan/,
    ],
    [
      'duplicate profile code',
      (s) => s.profiles.push(structuredClone(s.profiles[0]!)),
      'schedule.profiles[2].code',
      /lebih dari sekali/,
    ],
    [
      'duplicate shift code',
      (s) => s.shifts.push(structuredClone(s.shifts[0]!)),
      'schedule.shifts[3].code',
      /PAGI tercantum lebih dari sekali/,
    ],
    [
      'shift break outside the shift',
      (s) => {
        s.shifts[2]!.breaks = [{ start: '08:00', end: '08:30' }];
      },
      'schedule.shifts[2].breaks[0]',
      /di luar jam shift/,
    ],
    [
      'check-in window opens after the start',
      (s) => {
        s.punch.checkInWindow.opens = { at: '07:45' };
      },
      'schedule.profiles[0].regular.days[0].checkInWindow',
      /tidak mencakup jam masuk/,
    ],
    [
      'check-out window closes before the end',
      (s) => {
        s.punch.checkOutWindow.closes = { at: '16:15' };
      },
      'schedule.profiles[0].regular.days[1].checkOutWindow',
      /tidak mencakup jam pulang/,
    ],
    [
      'grace longer than the check-in window',
      (s) => {
        s.punch.graceMinutes = 600;
      },
      'schedule.profiles[0].regular.days[0].checkInWindow',
      /tidak mencakup jam masuk/,
    ],
    [
      'WFO not among allowed locations',
      (s) => {
        s.flexible.allowedLocations = ['WFH'];
      },
      'schedule.flexible.allowedLocations',
      /WFO harus termasuk/,
    ],
    [
      'override ends before it starts',
      (s) =>
        s.unitOverrides.push({
          unitCodes: ['A'],
          effectiveFrom: '2025-05-01',
          effectiveTo: '2025-04-01',
          legalBasis: lb,
        }),
      'schedule.unitOverrides[0].effectiveTo',
      /sebelum tanggal mulai/,
    ],
    [
      'overlapping unit overrides for the same unit',
      (s) =>
        s.unitOverrides.push(
          {
            unitCodes: ['A', 'B'],
            effectiveFrom: '2025-01-01',
            effectiveTo: '2025-06-30',
            graceMinutes: 5,
            legalBasis: lb,
          },
          {
            unitCodes: ['B'],
            effectiveFrom: '2025-06-01',
            effectiveTo: null,
            graceMinutes: 10,
            legalBasis: lb,
          },
        ),
      'schedule.unitOverrides[1]',
      /unit B tumpang tindih/,
    ],
    [
      'overlapping employee overrides for the same NIP',
      (s) =>
        s.employeeOverrides.push(
          {
            nip: '198503122010011003',
            effectiveFrom: '2025-01-01',
            effectiveTo: null,
            graceMinutes: 5,
            legalBasis: lb,
          },
          {
            nip: '198503122010011003',
            effectiveFrom: '2026-01-01',
            effectiveTo: null,
            graceMinutes: 10,
            legalBasis: lb,
          },
        ),
      'schedule.employeeOverrides[1]',
      /NIP 198503122010011003 tumpang tindih/,
    ],
    [
      'override to an unknown profile',
      (s) =>
        s.employeeOverrides.push({
          nip: '1',
          effectiveFrom: '2025-01-01',
          effectiveTo: null,
          profile: 'X',
          legalBasis: lb,
        }),
      'schedule.employeeOverrides[0].profile',
      /Profil jadwal X tidak didefinisikan/,
    ],
    [
      'override hours with a duplicated weekday',
      (s) =>
        s.employeeOverrides.push({
          nip: '1',
          effectiveFrom: '2025-01-01',
          effectiveTo: null,
          regular: [
            { weekdays: [1], start: '08:00', end: '16:30', breaks: [] },
            { weekdays: [1], start: '09:00', end: '17:30', breaks: [] },
          ],
          legalBasis: lb,
        }),
      'schedule.employeeOverrides[0].regular[1].weekdays',
      /sudah diatur/,
    ],
  ])('%s', (_name, patch, path, message) => {
    expect(validateScheduleRules(withSchedule(patch))).toContainEqual({
      path,
      message: expect.stringMatching(message),
    });
  });

  it('6-day profile missing Saturday is reported against the calendar', () => {
    const s = withSchedule((x) => {
      x.profiles[1]!.regular.days[0]!.weekdays = [1, 2, 3, 4];
    });
    expect(validateScheduleAgainstCalendar(s, calendar)).toContainEqual({
      path: 'schedule.profiles[1].regular.days',
      message: expect.stringMatching(/hari ke-6 pola 6HK belum diatur/),
    });
  });

  it('a work pattern without a profile is reported (shift patterns need none)', () => {
    const s = withSchedule((x) => {
      x.profiles = x.profiles.filter((p) => p.workPattern !== '6HK');
    });
    expect(validateScheduleAgainstCalendar(s, calendar)).toEqual([
      { path: 'schedule.profiles', message: 'Tidak ada profil jadwal untuk pola kerja 6HK' },
    ]);
  });
});
