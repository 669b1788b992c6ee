/**
 * The calendar section of a rulebook: national holidays and cuti bersama per year (SKB 3 Menteri),
 * regional holidays per unit, Ramadan periods, and the work patterns units follow (5-day, 6-day, shift).
 * Source: Keppres 8/2024 (hari-hari libur); SKB Menag/Menaker/MenPANRB per year; Perpres 21/2023 Pasal 3 and 7;
 * PP 11/2017 Pasal 333 (cuti bersama); regulations.md §3.1, §3.4, §10 (Calendar).
 */
import { z } from 'zod';
import { legalBasisSchema, localDateSchema } from '../common/legal-basis.ts';
import { diffDays, isLocalDate, yearOf } from '../common/local-date.ts';
import type { RuleIssue } from '../common/rule-issue.ts';

/** ISO weekday number 1 = Monday … 7 = Sunday. */
const weekdaySchema = z
  .number()
  .int()
  .min(1, 'Hari harus 1 (Senin) s.d. 7 (Minggu)')
  .max(7, 'Hari harus 1 (Senin) s.d. 7 (Minggu)');

/** A national holiday (libur nasional) or a cuti bersama day from the yearly SKB. */
export const holidaySchema = z.object({
  date: localDateSchema,
  name: z.string().min(1),
  /** `libur_nasional` (Keppres 8/2024, SKB) or `cuti_bersama` (SKB; for ASN set by Keppres). */
  kind: z.enum(['libur_nasional', 'cuti_bersama']),
  /** Uncertainty or history, e.g. "tanggal hijriah: menunggu sidang isbat". */
  note: z.string().optional(),
});
export type Holiday = z.infer<typeof holidaySchema>;

/** All holidays of one year with the SKB that sets them. */
export const holidayYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  legalBasis: z.array(legalBasisSchema).min(1, 'Dasar hukum (SKB) wajib diisi'),
  /** True while the year's SKB is not yet issued or not verified: dates are estimates. */
  provisional: z.boolean().default(false),
  note: z.string().optional(),
  holidays: z.array(holidaySchema),
});
export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** A regional holiday (e.g. hari jadi daerah), optionally limited to some units. */
export const regionalHolidaySchema = z.object({
  date: localDateSchema,
  name: z.string().min(1),
  /** Units the day off applies to; absent = all units of the region. Matches a unit code or its prefix + '.'. */
  unitCodes: z.array(z.string().min(1)).optional(),
  legalBasis: legalBasisSchema,
  note: z.string().optional(),
});
export type RegionalHoliday = z.infer<typeof regionalHolidaySchema>;

/** The Ramadan month of one year (both ends inclusive), which switches units to the Ramadan schedule. */
export const ramadanPeriodSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  hijriYear: z.number().int().optional(),
  start: localDateSchema,
  end: localDateSchema,
  legalBasis: legalBasisSchema,
  note: z.string().optional(),
});
export type RamadanPeriod = z.infer<typeof ramadanPeriodSchema>;

/**
 * A work pattern. `workingWeekdays` are the unit's working days (also used for HK deadline arithmetic);
 * `dutyFromRoster` means an employee's duty days come from the shift roster, not from the weekdays.
 */
export const workPatternSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  workingWeekdays: z.array(weekdaySchema).min(1, 'Pola kerja harus memiliki minimal satu hari kerja'),
  /** Whether national holidays are days off (false for 24/7 services whose duty comes from a roster). */
  observesNationalHolidays: z.boolean().default(true),
  /** Whether cuti bersama is a day off. ASN generally yes; units giving essential public service may not. */
  observesCutiBersama: z.boolean().default(true),
  dutyFromRoster: z.boolean().default(false),
  legalBasis: legalBasisSchema,
});
export type WorkPattern = z.infer<typeof workPatternSchema>;

/** Assigns a work pattern (and optionally a cuti bersama policy) to units. */
export const unitWorkPatternSchema = z.object({
  /** Unit codes; a code also matches its sub-units (`code` + '.'). */
  unitCodes: z.array(z.string().min(1)).min(1),
  workPattern: z.string().min(1),
  /** Overrides the pattern's `observesCutiBersama` for these units. */
  observesCutiBersama: z.boolean().optional(),
  legalBasis: legalBasisSchema,
  note: z.string().optional(),
});
export type UnitWorkPattern = z.infer<typeof unitWorkPatternSchema>;

/** The calendar section of a rulebook. */
export const calendarRulesSchema = z.object({
  legalBasis: z.array(legalBasisSchema).min(1),
  years: z.array(holidayYearSchema),
  regionalHolidays: z.array(regionalHolidaySchema).default([]),
  ramadan: z.array(ramadanPeriodSchema),
  workPatterns: z.array(workPatternSchema).min(1),
  /** Pattern code used by units without an entry in `units`. */
  defaultWorkPattern: z.string().min(1),
  units: z.array(unitWorkPatternSchema).default([]),
});
export type CalendarRules = z.infer<typeof calendarRulesSchema>;
/** The calendar section as written in JSON (defaults not yet applied). */
export type CalendarRulesInput = z.input<typeof calendarRulesSchema>;

/**
 * Semantic checks of a calendar section that zod cannot express: real dates, the right year,
 * no duplicate holiday dates, Ramadan periods of plausible length without overlap, known work patterns.
 * Source: regulations.md §3.4 and §10 (calendar must be maintained as data per year).
 * @param rules the parsed calendar section
 * @param path JSON path prefix used in the issues
 * @returns the issues found (empty when valid), messages in Bahasa Indonesia
 */
export function validateCalendarRules(rules: CalendarRules, path = 'calendar'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (p: string, message: string) => issues.push({ path: `${path}.${p}`, message });

  const seenYears = new Set<number>();
  rules.years.forEach((y, yi) => {
    if (seenYears.has(y.year)) add(`years[${yi}].year`, `Tahun ${y.year} tercantum lebih dari sekali`);
    seenYears.add(y.year);
    const seenDates = new Set<string>();
    y.holidays.forEach((h, hi) => {
      const p = `years[${yi}].holidays[${hi}].date`;
      if (!isLocalDate(h.date)) add(p, `Tanggal ${h.date} tidak ada di kalender`);
      else if (yearOf(h.date) !== y.year) add(p, `Tanggal ${h.date} bukan di tahun ${y.year}`);
      if (seenDates.has(h.date)) add(p, `Tanggal ${h.date} tercantum lebih dari sekali pada tahun ${y.year}`);
      seenDates.add(h.date);
    });
  });

  rules.regionalHolidays.forEach((h, i) => {
    if (!isLocalDate(h.date)) add(`regionalHolidays[${i}].date`, `Tanggal ${h.date} tidak ada di kalender`);
  });

  const ramadan = rules.ramadan.map((r, i) => ({ r, i })).sort((a, b) => (a.r.start < b.r.start ? -1 : 1));
  ramadan.forEach(({ r, i }, k) => {
    const p = `ramadan[${i}]`;
    if (!isLocalDate(r.start) || !isLocalDate(r.end)) {
      add(p, `Tanggal Ramadan ${r.start}–${r.end} tidak valid`);
      return;
    }
    if (r.end < r.start) add(`${p}.end`, `Akhir Ramadan ${r.end} sebelum awalnya ${r.start}`);
    const days = diffDays(r.start, r.end) + 1;
    if (r.end >= r.start && (days < 29 || days > 30))
      add(p, `Ramadan harus 29 atau 30 hari, tercatat ${days} hari`);
    if (yearOf(r.start) !== r.year) add(`${p}.year`, `Awal Ramadan ${r.start} bukan di tahun ${r.year}`);
    const prev = ramadan[k - 1];
    if (prev && prev.r.end >= r.start)
      add(p, `Periode Ramadan ${r.start} tumpang tindih dengan periode ${prev.r.start}`);
  });

  const codes = new Set<string>();
  rules.workPatterns.forEach((w, i) => {
    if (codes.has(w.code))
      add(`workPatterns[${i}].code`, `Kode pola kerja ${w.code} tercantum lebih dari sekali`);
    codes.add(w.code);
    if (new Set(w.workingWeekdays).size !== w.workingWeekdays.length)
      add(`workPatterns[${i}].workingWeekdays`, `Hari kerja pada pola ${w.code} tercantum lebih dari sekali`);
  });
  if (!codes.has(rules.defaultWorkPattern))
    add('defaultWorkPattern', `Pola kerja bawaan ${rules.defaultWorkPattern} tidak didefinisikan`);

  const unitSeen = new Map<string, number>();
  rules.units.forEach((u, i) => {
    if (!codes.has(u.workPattern))
      add(`units[${i}].workPattern`, `Pola kerja ${u.workPattern} tidak didefinisikan`);
    for (const code of u.unitCodes) {
      const first = unitSeen.get(code);
      if (first !== undefined) add(`units[${i}].unitCodes`, `Unit ${code} sudah diatur pada units[${first}]`);
      else unitSeen.set(code, i);
    }
  });
  return issues;
}
