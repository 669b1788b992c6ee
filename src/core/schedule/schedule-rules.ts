/**
 * The schedule section of a rulebook: daily working hours per weekday (normal and Ramadan) for each work
 * pattern, shift definitions, grace minutes, punch windows, punch selection, flexible working, and overrides
 * per unit and per employee with effective dates.
 * Source: Perpres 21/2023 Pasal 3–8; SE MenPANRB on Ramadan hours (e.g. SE 6/2023); PermenPANRB 4/2025;
 * regulations.md §3.1–§3.3, §10 (Schedules).
 */
import { z } from 'zod';
import { hhmmSchema, legalBasisSchema, localDateSchema } from '../common/legal-basis.ts';
import { isLocalDate } from '../common/local-date.ts';
import type { RuleIssue } from '../common/rule-issue.ts';
import { parseHhmm } from '../common/zoned-time.ts';
import type { MinuteOfDay } from '../common/zoned-time.ts';
import { WORK_LOCATIONS } from '../attendance/status-codes.ts';
import type { CalendarRules } from '../calendar/calendar-rules.ts';

const weekdaySchema = z
  .number()
  .int()
  .min(1, 'Hari harus 1 (Senin) s.d. 7 (Minggu)')
  .max(7, 'Hari harus 1 (Senin) s.d. 7 (Minggu)');

/** A break (istirahat) inside a working day. */
export const breakSchema = z.object({ start: hhmmSchema, end: hhmmSchema });

/** Hours of the listed weekdays. `end` before `start` is not allowed here (use a shift for overnight work). */
export const dayRuleSchema = z.object({
  weekdays: z.array(weekdaySchema).min(1),
  start: hhmmSchema,
  end: hhmmSchema,
  breaks: z.array(breakSchema).default([]),
});
export type DayRule = z.infer<typeof dayRuleSchema>;

/** A week of day rules with its legal basis. */
export const weekScheduleSchema = z.object({
  days: z.array(dayRuleSchema).min(1),
  legalBasis: legalBasisSchema,
});
export type WeekSchedule = z.infer<typeof weekScheduleSchema>;

/** The schedule of units following one calendar work pattern, normal and during Ramadan. */
export const scheduleProfileSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  /** Code of the calendar work pattern (calendar.workPatterns) this profile serves. */
  workPattern: z.string().min(1),
  regular: weekScheduleSchema,
  /** Ramadan hours; absent = the regular hours also apply in Ramadan. */
  ramadan: weekScheduleSchema.optional(),
});
export type ScheduleProfile = z.infer<typeof scheduleProfileSchema>;

/**
 * A point in time relative to the day's schedule: a fixed local time (`at`, on the schedule's date) or an
 * offset in minutes from the scheduled start or end (negative = before).
 */
export const timeAnchorSchema = z.union([
  z.object({ at: hhmmSchema }),
  z.object({ from: z.enum(['start', 'end']), offsetMinutes: z.number().int() }),
]);
export type TimeAnchor = z.infer<typeof timeAnchorSchema>;

/** A punch window (check-in or check-out). */
export const punchWindowSchema = z.object({ opens: timeAnchorSchema, closes: timeAnchorSchema });
export type PunchWindow = z.infer<typeof punchWindowSchema>;

/** A shift (regu jaga). `end` at or before `start` means the shift ends the next day (e.g. MALAM 22:00–07:00). */
export const shiftSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  start: hhmmSchema,
  end: hhmmSchema,
  /** Breaks; a time before `start` is on the next day. */
  breaks: z.array(breakSchema).default([]),
  graceMinutes: z.number().int().min(0).optional(),
  checkInWindow: punchWindowSchema.optional(),
  checkOutWindow: punchWindowSchema.optional(),
  legalBasis: legalBasisSchema.optional(),
});
export type Shift = z.infer<typeof shiftSchema>;

/** Punch handling. Source: regulations.md §3.2 "implementation details" [REG]. */
export const punchRulesSchema = z.object({
  /** Minutes after the scheduled start in which a check-in is not late. */
  graceMinutes: z.number().int().min(0),
  checkInWindow: punchWindowSchema,
  checkOutWindow: punchWindowSchema,
  /** Windows for shifts (usually relative to the shift start/end). */
  shiftCheckInWindow: punchWindowSchema,
  shiftCheckOutWindow: punchWindowSchema,
  /** Which punches count: the first in the check-in window and the last in the check-out window. */
  selection: z.enum(['first-in-last-out']),
  legalBasis: legalBasisSchema,
});
export type PunchRules = z.infer<typeof punchRulesSchema>;

/** Flexible working location. Source: PermenPANRB 4/2025; regulations.md §3.3. */
export const flexibleWorkSchema = z.object({
  allowedLocations: z.array(z.enum(WORK_LOCATIONS)).min(1),
  /** Maximum WFH + WFA days per ISO week (Monday–Sunday). */
  maxFlexibleDaysPerWeek: z.number().int().min(0).max(7),
  legalBasis: legalBasisSchema,
});
export type FlexibleWorkRules = z.infer<typeof flexibleWorkSchema>;

/** Minimum net weekly working time (breaks excluded). Source: Perpres 21/2023 Pasal 4 and 5. */
export const weeklyMinutesSchema = z.object({
  regular: z.number().int().min(0),
  ramadan: z.number().int().min(0),
  legalBasis: legalBasisSchema,
});

const overrideFields = {
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  /** Switch to another profile. */
  profile: z.string().min(1).optional(),
  /** Replace the hours of the weekdays listed (other weekdays keep the profile's hours). */
  regular: z.array(dayRuleSchema).optional(),
  ramadan: z.array(dayRuleSchema).optional(),
  graceMinutes: z.number().int().min(0).optional(),
  checkInWindow: punchWindowSchema.optional(),
  checkOutWindow: punchWindowSchema.optional(),
  /** Dynamic working hours (PermenPANRB 4/2025 flexible time): the day is resolved with kind `flexible`. */
  flexibleTime: z.boolean().optional(),
  legalBasis: legalBasisSchema,
  note: z.string().optional(),
};

/** Schedule override for units (a code also covers its sub-units). */
export const unitScheduleOverrideSchema = z.object({
  unitCodes: z.array(z.string().min(1)).min(1),
  ...overrideFields,
});
export type UnitScheduleOverride = z.infer<typeof unitScheduleOverrideSchema>;

/** Schedule override for one employee (by NIP). */
export const employeeScheduleOverrideSchema = z.object({ nip: z.string().min(1), ...overrideFields });
export type EmployeeScheduleOverride = z.infer<typeof employeeScheduleOverrideSchema>;

/** Fields shared by unit and employee overrides. */
export type ScheduleOverride = Omit<UnitScheduleOverride, 'unitCodes'>;

/** The schedule section of a rulebook. */
export const scheduleRulesSchema = z.object({
  legalBasis: z.array(legalBasisSchema).min(1),
  weeklyMinutes: weeklyMinutesSchema,
  profiles: z.array(scheduleProfileSchema).min(1),
  /** Profile used when no profile serves the unit's work pattern. */
  defaultProfile: z.string().min(1),
  shifts: z.array(shiftSchema).default([]),
  punch: punchRulesSchema,
  flexible: flexibleWorkSchema,
  unitOverrides: z.array(unitScheduleOverrideSchema).default([]),
  employeeOverrides: z.array(employeeScheduleOverrideSchema).default([]),
});
export type ScheduleRules = z.infer<typeof scheduleRulesSchema>;
/** The schedule section as written in JSON (defaults not yet applied). */
export type ScheduleRulesInput = z.input<typeof scheduleRulesSchema>;

/** A time span in minutes from local midnight. */
export interface MinuteSpan {
  start: MinuteOfDay;
  end: MinuteOfDay;
}

// `HH:mm` → minutes, memoised: resolution runs per employee-day over the few times a rulebook contains. Bounded
// (valid times are at most 24 × 60 spellings × 2 forms); the cache never changes a result.
const hhmmCache = new Map<string, MinuteOfDay>();
function hhmm(value: string): MinuteOfDay {
  let m = hhmmCache.get(value);
  if (m === undefined) {
    m = parseHhmm(value);
    if (hhmmCache.size >= 4096) hhmmCache.clear();
    hhmmCache.set(value, m);
  }
  return m;
}

/**
 * Start, end and breaks of a day rule or shift in minutes. An end at or before the start is on the next day
 * (+1440); a break time before the start is on the next day too.
 * Source: regulations.md §3.3 (shifts); DaySchedule contract (end may exceed 1440).
 */
export function toMinuteSpans(rule: {
  start: string;
  end: string;
  breaks: { start: string; end: string }[];
}): {
  start: MinuteOfDay;
  end: MinuteOfDay;
  breaks: MinuteSpan[];
} {
  const start = hhmm(rule.start);
  let end = hhmm(rule.end);
  if (end <= start) end += 1440;
  const shift = (m: number) => (m < start ? m + 1440 : m);
  const breaks = rule.breaks.map((b) => {
    const bs = shift(hhmm(b.start));
    let be = shift(hhmm(b.end));
    if (be < bs) be += 1440;
    return { start: bs, end: be };
  });
  return { start, end, breaks };
}

/**
 * Net working minutes of a day (scheduled span minus breaks).
 * Source: Perpres 21/2023 Pasal 4 (hours exclude breaks); regulations.md §3.1–3.2.
 */
export function netWorkingMinutes(rule: {
  start: string;
  end: string;
  breaks: { start: string; end: string }[];
}): number {
  const s = toMinuteSpans(rule);
  return s.end - s.start - s.breaks.reduce((sum, b) => sum + (b.end - b.start), 0);
}

/**
 * Net working minutes per week of a week schedule (each day rule counted once per weekday it lists).
 * Source: Perpres 21/2023 Pasal 4–5 (37.5 h, Ramadan 32.5 h per week); regulations.md §3.1.
 */
export function weeklyNetMinutes(days: readonly DayRule[]): number {
  return days.reduce((sum, d) => sum + netWorkingMinutes(d) * d.weekdays.length, 0);
}

/**
 * Resolve a punch window against a scheduled start and end (minutes from local midnight).
 * A closing time earlier than the opening time is taken on the next day.
 * Source: regulations.md §3.2 (check-in opens 06:00, check-out closes 18:00) [REG].
 */
export function resolvePunchWindow(
  window: PunchWindow,
  start: MinuteOfDay,
  end: MinuteOfDay,
): { from: MinuteOfDay; to: MinuteOfDay } {
  const at = (a: TimeAnchor): MinuteOfDay =>
    'at' in a ? hhmm(a.at) : (a.from === 'start' ? start : end) + a.offsetMinutes;
  const from = at(window.opens);
  let to = at(window.closes);
  if (to < from) to += 1440;
  return { from, to };
}

function validateDayRules(days: readonly DayRule[], path: string, add: (p: string, m: string) => void): void {
  const seen = new Map<number, number>();
  days.forEach((d, i) => {
    const p = `${path}[${i}]`;
    for (const w of d.weekdays) {
      const first = seen.get(w);
      if (first !== undefined)
        add(`${p}.weekdays`, `Hari ke-${w} sudah diatur pada ${path}[${first}] (jadwal tumpang tindih)`);
      else seen.set(w, i);
    }
    const start = parseHhmm(d.start);
    const end = parseHhmm(d.end);
    if (end <= start) {
      add(
        p,
        `Jam pulang ${d.end} harus setelah jam masuk ${d.start} (gunakan shift untuk kerja melewati tengah malam)`,
      );
      return;
    }
    const spans = d.breaks.map((b) => ({ start: parseHhmm(b.start), end: parseHhmm(b.end) }));
    spans.forEach((b, bi) => {
      if (b.end <= b.start)
        add(`${p}.breaks[${bi}]`, `Akhir istirahat ${d.breaks[bi]?.end} harus setelah awalnya`);
      else if (b.start < start || b.end > end)
        add(
          `${p}.breaks[${bi}]`,
          `Istirahat ${d.breaks[bi]?.start}–${d.breaks[bi]?.end} di luar jam kerja ${d.start}–${d.end}`,
        );
    });
    const sorted = spans.map((b, bi) => ({ ...b, bi })).sort((a, b) => a.start - b.start);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1];
      const cur = sorted[k];
      if (prev && cur && cur.start < prev.end)
        add(`${p}.breaks[${cur.bi}]`, 'Waktu istirahat tumpang tindih');
    }
  });
}

function validateWindows(
  punch: { checkInWindow: PunchWindow; checkOutWindow: PunchWindow; graceMinutes: number },
  span: { start: number; end: number },
  label: string,
  path: string,
  add: (p: string, m: string) => void,
): void {
  const ci = resolvePunchWindow(punch.checkInWindow, span.start, span.end);
  const co = resolvePunchWindow(punch.checkOutWindow, span.start, span.end);
  if (ci.from > span.start || ci.to < span.start + punch.graceMinutes)
    add(`${path}.checkInWindow`, `Jendela presensi masuk tidak mencakup jam masuk ${label}`);
  if (co.from > span.end || co.to < span.end)
    add(`${path}.checkOutWindow`, `Jendela presensi pulang tidak mencakup jam pulang ${label}`);
}

function validateOverride(
  o: ScheduleOverride,
  p: string,
  profiles: Set<string>,
  add: (p: string, m: string) => void,
): void {
  if (!isLocalDate(o.effectiveFrom)) add(`${p}.effectiveFrom`, `Tanggal ${o.effectiveFrom} tidak valid`);
  if (o.effectiveTo !== null && !isLocalDate(o.effectiveTo))
    add(`${p}.effectiveTo`, `Tanggal ${o.effectiveTo} tidak valid`);
  if (o.effectiveTo !== null && o.effectiveTo < o.effectiveFrom)
    add(`${p}.effectiveTo`, `Tanggal akhir ${o.effectiveTo} sebelum tanggal mulai ${o.effectiveFrom}`);
  if (o.profile !== undefined && !profiles.has(o.profile))
    add(`${p}.profile`, `Profil jadwal ${o.profile} tidak didefinisikan`);
  if (o.regular) validateDayRules(o.regular, `${p}.regular`, add);
  if (o.ramadan) validateDayRules(o.ramadan, `${p}.ramadan`, add);
}

/** True when two inclusive periods (open end = null) share at least one day. */
function periodsOverlap(a: ScheduleOverride, b: ScheduleOverride): boolean {
  const aEnd = a.effectiveTo ?? '9999-12-31';
  const bEnd = b.effectiveTo ?? '9999-12-31';
  return a.effectiveFrom <= bEnd && b.effectiveFrom <= aEnd;
}

/**
 * Semantic checks of the schedule section: overlapping weekdays or breaks, end before start, breaks outside
 * working hours, weekly net hours below the statutory minimum, unknown or duplicate profile/shift codes, punch
 * windows that miss the start or end, overrides with inverted or overlapping effective periods.
 * Source: Perpres 21/2023 Pasal 3–5; SE MenPANRB Ramadan; PermenPANRB 4/2025; regulations.md §3.1–3.3, §10.
 * @param rules the parsed schedule section
 * @param path JSON path prefix used in the issues
 * @returns the issues found (empty when valid), messages in Bahasa Indonesia
 */
export function validateScheduleRules(rules: ScheduleRules, path = 'schedule'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (p: string, message: string) => issues.push({ path: `${path}.${p}`, message });

  const profiles = new Set<string>();
  rules.profiles.forEach((pr, i) => {
    const p = `profiles[${i}]`;
    if (profiles.has(pr.code)) add(`${p}.code`, `Kode profil jadwal ${pr.code} tercantum lebih dari sekali`);
    profiles.add(pr.code);
    const weeks: [string, WeekSchedule | undefined, number][] = [
      ['regular', pr.regular, rules.weeklyMinutes.regular],
      ['ramadan', pr.ramadan, rules.weeklyMinutes.ramadan],
    ];
    for (const [key, week, min] of weeks) {
      if (!week) continue;
      const before = issues.length;
      validateDayRules(week.days, `${p}.${key}.days`, add);
      if (issues.length > before) continue;
      const total = weeklyNetMinutes(week.days);
      if (total < min)
        add(
          `${p}.${key}`,
          `Jam kerja efektif ${formatHours(total)} per minggu kurang dari minimum ${formatHours(min)}`,
        );
      week.days.forEach((d, di) =>
        validateWindows(rules.punch, toMinuteSpans(d), `${d.start}–${d.end}`, `${p}.${key}.days[${di}]`, add),
      );
    }
  });
  if (!profiles.has(rules.defaultProfile))
    add('defaultProfile', `Profil jadwal bawaan ${rules.defaultProfile} tidak didefinisikan`);

  const shiftCodes = new Set<string>();
  rules.shifts.forEach((s, i) => {
    const p = `shifts[${i}]`;
    if (shiftCodes.has(s.code)) add(`${p}.code`, `Kode shift ${s.code} tercantum lebih dari sekali`);
    shiftCodes.add(s.code);
    const span = toMinuteSpans(s);
    if (span.end - span.start > 24 * 60) add(p, `Shift ${s.code} lebih dari 24 jam`);
    span.breaks.forEach((b, bi) => {
      if (b.start < span.start || b.end > span.end)
        add(`${p}.breaks[${bi}]`, `Istirahat di luar jam shift ${s.start}–${s.end}`);
    });
    validateWindows(
      {
        checkInWindow: s.checkInWindow ?? rules.punch.shiftCheckInWindow,
        checkOutWindow: s.checkOutWindow ?? rules.punch.shiftCheckOutWindow,
        graceMinutes: s.graceMinutes ?? rules.punch.graceMinutes,
      },
      span,
      `shift ${s.code}`,
      p,
      add,
    );
  });

  if (!rules.flexible.allowedLocations.includes('WFO'))
    add('flexible.allowedLocations', 'WFO harus termasuk lokasi kerja yang diizinkan');

  rules.unitOverrides.forEach((o, i) => validateOverride(o, `unitOverrides[${i}]`, profiles, add));
  rules.employeeOverrides.forEach((o, i) => validateOverride(o, `employeeOverrides[${i}]`, profiles, add));
  rules.unitOverrides.forEach((a, i) =>
    rules.unitOverrides.slice(0, i).forEach((b, j) => {
      const shared = a.unitCodes.filter((c) => b.unitCodes.includes(c));
      if (shared.length > 0 && periodsOverlap(a, b))
        add(
          `unitOverrides[${i}]`,
          `Masa berlaku untuk unit ${shared.join(', ')} tumpang tindih dengan unitOverrides[${j}]`,
        );
    }),
  );
  rules.employeeOverrides.forEach((a, i) =>
    rules.employeeOverrides.slice(0, i).forEach((b, j) => {
      if (a.nip === b.nip && periodsOverlap(a, b))
        add(
          `employeeOverrides[${i}]`,
          `Masa berlaku untuk NIP ${a.nip} tumpang tindih dengan employeeOverrides[${j}]`,
        );
    }),
  );
  return issues;
}

/**
 * Cross-section check: every calendar work pattern whose duty is not rostered has a schedule profile whose
 * regular (and Ramadan) hours cover each of the pattern's working weekdays.
 * Source: Perpres 21/2023 Pasal 3 and 7; regulations.md §10.
 */
export function validateScheduleAgainstCalendar(
  schedule: ScheduleRules,
  calendar: Pick<CalendarRules, 'workPatterns'>,
  path = 'schedule',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const pattern of calendar.workPatterns) {
    if (pattern.dutyFromRoster) continue;
    const profileIndex = schedule.profiles.findIndex((p) => p.workPattern === pattern.code);
    const profile = schedule.profiles[profileIndex];
    if (!profile) {
      issues.push({
        path: `${path}.profiles`,
        message: `Tidak ada profil jadwal untuk pola kerja ${pattern.code}`,
      });
      continue;
    }
    for (const key of ['regular', 'ramadan'] as const) {
      const week = profile[key];
      if (!week) continue;
      const covered = new Set(week.days.flatMap((d) => d.weekdays));
      const missing = pattern.workingWeekdays.filter((w) => !covered.has(w));
      if (missing.length > 0)
        issues.push({
          path: `${path}.profiles[${profileIndex}].${key}.days`,
          message: `Jam kerja untuk hari ke-${missing.join(', ')} pola ${pattern.code} belum diatur`,
        });
    }
  }
  return issues;
}

/** `2250` → `37 jam 30 menit`. */
function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} jam` : `${h} jam ${m} menit`;
}
