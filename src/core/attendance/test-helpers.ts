/**
 * Fixtures for the attendance tests: schedules, punches at local wall-clock times and rulebooks.
 * Test-only; not imported by production code.
 */
import type { LocalDate } from '../common/local-date.ts';
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import { fromZoned, parseHhmm } from '../common/zoned-time.ts';
import type { DaySchedule } from '../schedule/day-schedule.ts';
import type { AttendanceRules } from './attendance-rules.ts';
import { attendanceRulesSchema } from './attendance-rules.ts';
import type { ClassifyDayInput, Punch } from './classify-day.ts';
import { compileAttendanceRules } from './classify-day.ts';
import nationalJson from '../../../rulebooks/national/attendance.json' with { type: 'json' };
import regional6040Json from '../../../rulebooks/regional-60-40/attendance.json' with { type: 'json' };
import regional4060Json from '../../../rulebooks/regional-40-60/attendance.json' with { type: 'json' };

export const nationalRules: AttendanceRules = attendanceRulesSchema.parse(nationalJson);
export const regional6040Rules: AttendanceRules = attendanceRulesSchema.parse(regional6040Json);
export const regional4060Rules: AttendanceRules = attendanceRulesSchema.parse(regional4060Json);
export const national = compileAttendanceRules(nationalRules);
export const regional6040 = compileAttendanceRules(regional6040Rules);
export const regional4060 = compileAttendanceRules(regional4060Rules);

export const DATE = '2025-03-12'; // a Wednesday

/**
 * Regular Mon–Thu schedule (Perpres 21/2023; regulations.md §3.2): 07:30–16:00, break 12:00–13:00, no grace.
 * Check-in window 05:00–11:59, check-out window 12:00–23:59.
 */
export function makeSchedule(overrides: Partial<DaySchedule> = {}): DaySchedule {
  return {
    date: DATE,
    zone: 'Asia/Jakarta',
    kind: 'regular',
    start: parseHhmm('07:30'),
    end: parseHhmm('16:00'),
    breaks: [{ start: parseHhmm('12:00'), end: parseHhmm('13:00') }],
    graceMinutes: 0,
    checkInWindow: { from: parseHhmm('05:00'), to: parseHhmm('11:59') },
    checkOutWindow: { from: parseHhmm('12:00'), to: parseHhmm('23:59') },
    workLocation: 'WFO',
    ...overrides,
  };
}

/** Overnight shift 22:00–07:00 (+1 day): check-in 20:00–01:00, check-out 03:00–11:00 next day. */
export function makeNightShift(overrides: Partial<DaySchedule> = {}): DaySchedule {
  return makeSchedule({
    kind: 'shift',
    shiftCode: 'MALAM',
    start: 22 * 60,
    end: 24 * 60 + 7 * 60,
    breaks: [],
    checkInWindow: { from: 20 * 60, to: 25 * 60 },
    checkOutWindow: { from: 27 * 60, to: 35 * 60 },
    ...overrides,
  });
}

/**
 * A punch at a local wall-clock time `HH:mm` or `HH:mm:ss` on `date` (default DATE) in `zone`;
 * `dayOffset` 1 for the next morning.
 */
export function punch(
  time: string,
  opts: { date?: LocalDate; zone?: IndonesianTimeZone; dayOffset?: number } = {},
): Punch {
  const [hh = '0', mm = '0', ss = '0'] = time.split(':');
  const minute = Number(hh) * 60 + Number(mm) + (opts.dayOffset ?? 0) * 1440;
  return { at: fromZoned(opts.date ?? DATE, minute, opts.zone ?? 'Asia/Jakarta') + Number(ss) * 1000 };
}

/** A working-day input with the national rules; override what the case is about. */
export function makeInput(overrides: Partial<ClassifyDayInput> = {}): ClassifyDayInput {
  return {
    date: DATE,
    zone: 'Asia/Jakarta',
    schedule: makeSchedule(),
    dayType: 'working',
    punches: [],
    absences: [],
    rules: national,
    ...overrides,
  };
}
