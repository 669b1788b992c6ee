import { describe, expect, it } from 'vitest';
import nationalCalendar from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import { isLocalDate, isoWeekday, yearOf } from '../common/local-date.ts';
import type { CalendarRules } from './calendar-rules.ts';
import { calendarRulesSchema, validateCalendarRules } from './calendar-rules.ts';

const national = calendarRulesSchema.parse(nationalCalendar);

describe('national calendar data (SKB 3 Menteri)', () => {
  it('validates without issues', () => {
    expect(validateCalendarRules(national)).toEqual([]);
  });

  it.each([
    // year, libur nasional, cuti bersama, provisional
    [2025, 17, 11, false], // SKB 1017/2024 (10 cuti bersama) + SKB perubahan 933/2025 (18 Agustus)
    [2026, 17, 8, false], // SKB 1497/2025, 2/2025, 5/2025
    [2027, 17, 0, true], // estimate; cuti bersama 2027 not yet filled in
  ])(
    '%i has %i national holidays and %i cuti bersama days (provisional: %s)',
    (year, nat, cb, provisional) => {
      const y = national.years.find((x) => x.year === year);
      expect(y).toBeDefined();
      expect(y?.holidays.filter((h) => h.kind === 'libur_nasional')).toHaveLength(nat);
      expect(y?.holidays.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(cb);
      expect(y?.provisional).toBe(provisional);
    },
  );

  it('every holiday is a real date of its year and every year cites its SKB', () => {
    for (const y of national.years) {
      expect(y.legalBasis.some((l) => l.regulation.startsWith('SKB'))).toBe(true);
      for (const h of y.holidays) {
        expect(isLocalDate(h.date), h.date).toBe(true);
        expect(yearOf(h.date)).toBe(y.year);
      }
    }
  });

  it('cuti bersama days are flagged as such and fall on weekdays', () => {
    const cb = national.years.flatMap((y) => y.holidays).filter((h) => h.kind === 'cuti_bersama');
    for (const h of cb) {
      expect(h.name.startsWith('Cuti bersama'), h.name).toBe(true);
      expect(isoWeekday(h.date), h.date).toBeLessThanOrEqual(5);
    }
  });

  it('estimated 2027 dates that depend on the hijri calendar carry a note', () => {
    const y2027 = national.years.find((y) => y.year === 2027);
    const hijri = y2027?.holidays.filter((h) => /Hijriah|Isra Mikraj|Maulid/.test(h.name)) ?? [];
    expect(hijri.length).toBeGreaterThanOrEqual(6);
    for (const h of hijri) expect(h.note, h.name).toBeTruthy();
  });

  it.each([
    ['2025-03-31', 1, 'Idul Fitri 1446 Hijriah'],
    ['2025-08-18', 1, 'Cuti bersama HUT ke-80 Kemerdekaan Republik Indonesia'],
    ['2026-03-21', 6, 'Idul Fitri 1447 Hijriah'],
    ['2026-12-24', 4, 'Cuti bersama Kelahiran Yesus Kristus'],
    ['2027-03-26', 5, 'Wafat Yesus Kristus'],
  ])('%s (ISO weekday %i) is %s', (date, weekday, name) => {
    const h = national.years.flatMap((y) => y.holidays).find((x) => x.date === date);
    expect(h?.name).toBe(name);
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    [2025, '2025-03-01', '2025-03-30'],
    [2026, '2026-02-19', '2026-03-20'],
    [2027, '2027-02-08', '2027-03-09'],
  ])('Ramadan %i runs %s – %s, ending the day before Idul Fitri', (year, start, end) => {
    const r = national.ramadan.find((x) => x.year === year);
    expect(r?.start).toBe(start);
    expect(r?.end).toBe(end);
  });
});

function withCalendar(patch: (c: CalendarRules) => void): CalendarRules {
  const c = structuredClone(national);
  patch(c);
  return c;
}

describe('validateCalendarRules errors', () => {
  it.each<[string, (c: CalendarRules) => void, string, RegExp]>([
    [
      'holiday on a date that does not exist',
      (c) => c.years[0]?.holidays.push({ date: '2025-02-30', name: 'X', kind: 'libur_nasional' }),
      'calendar.years[0].holidays[28].date',
      /tidak ada di kalender/,
    ],
    [
      'holiday filed under the wrong year',
      (c) => c.years[0]?.holidays.push({ date: '2026-05-05', name: 'X', kind: 'libur_nasional' }),
      'calendar.years[0].holidays[28].date',
      /bukan di tahun 2025/,
    ],
    [
      'same date listed twice in a year',
      (c) => c.years[0]?.holidays.push({ date: '2025-01-01', name: 'X', kind: 'cuti_bersama' }),
      'calendar.years[0].holidays[28].date',
      /lebih dari sekali/,
    ],
    [
      'year listed twice',
      (c) => c.years.push({ ...structuredClone(c.years[0]!), holidays: [] }),
      'calendar.years[3].year',
      /Tahun 2025 tercantum lebih dari sekali/,
    ],
    [
      'Ramadan of 31 days',
      (c) => {
        c.ramadan[0]!.end = '2025-03-31';
      },
      'calendar.ramadan[0]',
      /29 atau 30 hari/,
    ],
    [
      'Ramadan end before start',
      (c) => {
        c.ramadan[0]!.end = '2025-02-01';
      },
      'calendar.ramadan[0].end',
      /sebelum awalnya/,
    ],
    [
      'overlapping Ramadan periods',
      (c) =>
        c.ramadan.push({
          year: 2025,
          start: '2025-03-15',
          end: '2025-04-12',
          legalBasis: { regulation: 'X' },
        }),
      'calendar.ramadan[3]',
      /tumpang tindih/,
    ],
    [
      'unknown default work pattern',
      (c) => {
        c.defaultWorkPattern = '4HK';
      },
      'calendar.defaultWorkPattern',
      /4HK tidak didefinisikan/,
    ],
    [
      'duplicate work pattern code',
      (c) => c.workPatterns.push(structuredClone(c.workPatterns[0]!)),
      'calendar.workPatterns[3].code',
      /5HK tercantum lebih dari sekali/,
    ],
    [
      'unit assigned to an unknown work pattern',
      (c) => c.units.push({ unitCodes: ['DINAS-X'], workPattern: 'NONE', legalBasis: { regulation: 'X' } }),
      'calendar.units[0].workPattern',
      /NONE tidak didefinisikan/,
    ],
    [
      'unit assigned twice',
      (c) =>
        c.units.push(
          { unitCodes: ['DINAS-X'], workPattern: '5HK', legalBasis: { regulation: 'X' } },
          { unitCodes: ['DINAS-X'], workPattern: '6HK', legalBasis: { regulation: 'X' } },
        ),
      'calendar.units[1].unitCodes',
      /sudah diatur/,
    ],
  ])('%s', (_name, patch, path, message) => {
    const issues = validateCalendarRules(withCalendar(patch));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});
