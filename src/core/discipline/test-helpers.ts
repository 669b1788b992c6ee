/**
 * Fixtures for the discipline tests: rulebooks, a small 2022 holiday calendar and DayStatus builders.
 * Test-only; not imported by production code.
 */
import type { DayStatus } from '../attendance/day-status.ts';
import type { LocalDate } from '../common/local-date.ts';
import { eachDay, isoWeekday } from '../common/local-date.ts';
import type { IsWorkingDay } from '../calendar/working-days.ts';
import type { DisciplineRules } from './discipline-rules.ts';
import { disciplineRulesSchema } from './discipline-rules.ts';
import nationalJson from '../../../rulebooks/national/discipline.json' with { type: 'json' };
import regional4060Json from '../../../rulebooks/regional-40-60/discipline.json' with { type: 'json' };

export const nationalRules: DisciplineRules = disciplineRulesSchema.parse(nationalJson);
export const regional4060Rules: DisciplineRules = disciplineRulesSchema.parse(regional4060Json);

/**
 * 2022 national holidays and cuti bersama that matter for the Feb–Mar and Oct 2022 examples
 * (SKB 3 Menteri 2022, as revised). Not a full 2022 calendar.
 */
export const HOLIDAYS_2022: readonly LocalDate[] = [
  '2022-01-01', // Tahun Baru Masehi (Saturday)
  '2022-02-01', // Tahun Baru Imlek 2573
  '2022-02-28', // Isra Mikraj
  '2022-03-03', // Hari Suci Nyepi (Tahun Baru Saka 1944)
  '2022-10-08', // Maulid Nabi (Saturday)
];

/** A Monday–Friday calendar without the given holidays. */
export function makeCalendar(holidays: Iterable<LocalDate>): IsWorkingDay {
  const off = new Set(holidays);
  return (date) => isoWeekday(date) <= 5 && !off.has(date);
}

export const calendar2022: IsWorkingDay = makeCalendar(HOLIDAYS_2022);

/** A day with the given code and no minutes. */
export function makeDay(date: LocalDate, overrides: Partial<DayStatus> = {}): DayStatus {
  return {
    date,
    code: 'H',
    lateBand: null,
    earlyBand: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation: 'WFO',
    reasons: [],
    ...overrides,
  };
}

/**
 * Every day from `from` to `to`: `LIBUR` on non-working days, `H` on working days, then `overrides` per date
 * (a code string, or a partial DayStatus).
 */
export function makeDays(
  from: LocalDate,
  to: LocalDate,
  overrides: Readonly<Record<LocalDate, DayStatus['code'] | Partial<DayStatus>>> = {},
  isWorkingDay: IsWorkingDay = calendar2022,
): DayStatus[] {
  return eachDay(from, to).map((date) => {
    const base: Partial<DayStatus> = isWorkingDay(date) ? {} : { code: 'LIBUR', workLocation: null };
    const o = overrides[date];
    const extra: Partial<DayStatus> = o === undefined ? {} : typeof o === 'string' ? { code: o } : o;
    return makeDay(date, { ...base, ...extra });
  });
}

/** `n` TK working days from `start` onward (the first `n` working days on or after `start`). */
export function tkOverrides(
  start: LocalDate,
  n: number,
  isWorkingDay: IsWorkingDay = calendar2022,
): Record<LocalDate, 'TK'> {
  const out: Record<LocalDate, 'TK'> = {};
  let count = 0;
  for (const d of eachDay(start, `${Number(start.slice(0, 4)) + 1}-12-31`)) {
    if (count >= n) break;
    if (isWorkingDay(d)) {
      out[d] = 'TK';
      count++;
    }
  }
  return out;
}

/** TK days that never form a run: every other working day of 2022 from 3 January. */
export function scatteredTk(n: number, isWorkingDay: IsWorkingDay = calendar2022): Record<LocalDate, 'TK'> {
  const out: Record<LocalDate, 'TK'> = {};
  let count = 0;
  let k = 0;
  for (const d of eachDay('2022-01-03', '2022-12-31')) {
    if (count >= n) break;
    if (!isWorkingDay(d)) continue;
    if (k++ % 2 === 0) {
      out[d] = 'TK';
      count++;
    }
  }
  return out;
}
