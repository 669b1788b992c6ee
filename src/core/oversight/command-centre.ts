import type { TodayStatus } from '../attendance/today-status.ts';
import { diffDays, type LocalDate } from '../common/local-date.ts';

/*
 * The figures of Ruang Kendali, the leaders' command centre (issue 18 point 5; docs/command-centre.md): pure
 * functions over counts other modules keep. None of these is a regulation: the attendance categories group the
 * statuses of *Kehadiran hari ini* (src/core/attendance/today-status.ts, regulations.md §3.2–§3.4), compliance is the
 * recap's on-time days over its working days (as on the home page), and the age buckets are display choices named
 * where they are defined.
 */

/** The tile's attendance categories, in the order shown. */
export const TODAY_CATEGORIES = [
  'present',
  'late',
  'permit',
  'leave',
  'dinasLuar',
  'tk',
  'notYetIn',
  'off',
  'noData',
] as const;
export type TodayCategory = (typeof TODAY_CATEGORIES)[number];

/**
 * The category of a today status: at work (PRESENT, WFH/WFA) = present; TK = absent without a reason (ABSENT);
 * NO_DATA = a day before the unit (or the employee) started in Abdi, never counted as absent.
 * Source: issue 18 point 5 (present, late, permit, leave, dinas luar, TK, not yet in); regulations.md §3.2–§3.4.
 */
export function todayCategoryOf(status: TodayStatus): TodayCategory {
  switch (status) {
    case 'PRESENT':
    case 'WFH_WFA':
      return 'present';
    case 'LATE':
      return 'late';
    case 'PERMIT':
      return 'permit';
    case 'LEAVE':
      return 'leave';
    case 'DINAS_LUAR':
      return 'dinasLuar';
    case 'ABSENT':
      return 'tk';
    case 'NOT_YET_IN':
      return 'notYetIn';
    case 'OFF':
      return 'off';
    case 'NO_DATA':
      return 'noData';
  }
}

export type TodayCounts = Record<TodayCategory, number>;

/** Counts per category of a summary's counts per status. Source: issue 18 point 5. */
export function todayCountsOf(counts: Partial<Record<TodayStatus, number>>): TodayCounts {
  const out = Object.fromEntries(TODAY_CATEGORIES.map((c) => [c, 0])) as TodayCounts;
  for (const [status, n] of Object.entries(counts) as [TodayStatus, number][])
    out[todayCategoryOf(status)] += n;
  return out;
}

/** Two sets of counts added. */
export function addTodayCounts(a: TodayCounts, b: TodayCounts): TodayCounts {
  return Object.fromEntries(TODAY_CATEGORIES.map((c) => [c, a[c] + b[c]])) as TodayCounts;
}

/**
 * Today's attendance rate of a unit: of the employees expected at work today (everyone but those off or without
 * data), the share at work (present or late), three decimals; null when nobody is expected. Permit, leave and dinas
 * luar count as expected and not at work: the rate shows who is at the office, not who breaks a rule.
 * Source: issue 18 point 5 (the map coloured by today's attendance); docs/command-centre.md.
 */
export function attendanceRate(c: TodayCounts): number | null {
  const expected = c.present + c.late + c.permit + c.leave + c.dinasLuar + c.tk + c.notYetIn;
  return ratio(c.present + c.late, expected);
}

/** `part / whole` rounded to three decimals, null when `whole` is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

/**
 * A unit's compliance over a month: on-time days over working days of its employees' stored recaps (the same
 * figure as the home page and the recap heatmap), three decimals; null without working days.
 * Source: issue 18 point 5 (the OPDs with the lowest compliance); docs/command-centre.md.
 */
export function complianceOf(r: { onTimeDays: number; workingDays: number }): number | null {
  return ratio(r.onTimeDays, r.workingDays);
}

/**
 * The OPDs with the lowest compliance, ranked: lowest first, ties by name (Indonesian collation) and share the
 * rank (1, 2, 2, 4); an OPD without working days is not ranked (no data is not a low figure). At most `limit`.
 * Source: issue 18 point 5; docs/command-centre.md.
 */
export function lowestCompliance<T extends { unitName: string; onTimeDays: number; workingDays: number }>(
  rows: readonly T[],
  limit: number,
): (T & { rank: number; compliance: number })[] {
  const judged = rows
    .map((r) => ({ ...r, compliance: complianceOf(r) }))
    .filter((r): r is T & { compliance: number } => r.compliance !== null)
    .sort((a, b) => a.compliance - b.compliance || a.unitName.localeCompare(b.unitName, 'id'));
  const out: (T & { rank: number; compliance: number })[] = [];
  judged.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ ...r, rank: prev && prev.compliance === r.compliance ? prev.rank : i + 1 });
  });
  return out.slice(0, limit);
}

/**
 * Age buckets of open items (complaints), in days since they were received: a display choice of the command
 * centre, not a regulation (the service level itself is COMPLAINT_SLA_DAYS in configuration).
 */
export const AGE_BUCKETS = [
  { key: '0-7', max: 7 },
  { key: '8-14', max: 14 },
  { key: '15-30', max: 30 },
  { key: '>30', max: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['key'];

/** The bucket of an item received on `from` and still open on `today`. Source: issue 18 point 5 (age). */
export function ageBucketOf(from: LocalDate, today: LocalDate): AgeBucket {
  const age = Math.max(0, diffDays(from, today));
  return AGE_BUCKETS.find((b) => age <= b.max)!.key;
}

/** Counts per age bucket of the items' received dates, every bucket present. Source: issue 18 point 5. */
export function ageBuckets(received: readonly LocalDate[], today: LocalDate): Record<AgeBucket, number> {
  const out = Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, 0])) as Record<AgeBucket, number>;
  for (const d of received) out[ageBucketOf(d, today)]++;
  return out;
}

/**
 * The months of a trend ending with `month`, oldest first.
 */
export function monthsEnding(month: string, count: number): string[] {
  const idx = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = idx - (count - 1) + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}
