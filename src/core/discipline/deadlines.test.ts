import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LocalDate } from '../common/local-date.ts';
import { addDays } from '../common/local-date.ts';
import type { IsWorkingDay } from '../calendar/working-days.ts';
import type { CountFrom, DeliveryMethod, DisciplineRules, SummonsMode } from './discipline-rules.ts';
import { COUNT_FROM, DELIVERY_METHODS } from './discipline-rules.ts';
import {
  appealWindow,
  deliveryDeadline,
  effectiveDate,
  postingDeadline,
  secondSummons,
  summonsDeadline,
} from './deadlines.ts';
import { HOLIDAYS_2022, calendar2022, makeCalendar, nationalRules } from './test-helpers.ts';
import nationalCalendarJson from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import { calendarRulesSchema } from '../calendar/calendar-rules.ts';
import { buildCalendar } from '../calendar/calendar.ts';

const rules = nationalRules;

/** The national rules with the same count-from convention for both delivery methods (and optionally another unit). */
function withEffective(
  countFrom: CountFrom,
  unit: 'workingDays' | 'calendarDays' = 'workingDays',
): DisciplineRules {
  return {
    ...rules,
    deadlines: {
      ...rules.deadlines,
      effective: { ...rules.deadlines.effective, countFrom: { langsung: countFrom, pos: countFrom }, unit },
    },
  };
}
function withSummons(mode: SummonsMode): DisciplineRules {
  return { ...rules, deadlines: { ...rules.deadlines, summons: { ...rules.deadlines.summons, mode } } };
}

/*
 * PerBKN 6/2022 annex, "Contoh Kasus Batas Waktu Selesainya Hukuman Disiplin Ringan" (2022 calendar).
 * Holidays: 1 Feb Imlek, 28 Feb Isra Mikraj, 3 Mar Nyepi (no cuti bersama in Feb–Mar 2022).
 *
 *            Februari 2022                         Maret 2022
 *   Sen Sel Rab Kam Jum Sab Min          Sen Sel Rab Kam Jum Sab Min
 *       1*  2   3   4   5   6                 1   2   3*  4   5   6
 *   7   8   9  10  11  12  13            7   8   9  10  11  12  13
 *  14  15  16  17  18  19  20
 *  21  22  23  24  25  26  27
 *  28*
 *
 * Example 1 — SK signed 1 Feb, received in person Tue 8 Feb; the annex says effective Wed 2 Mar.
 *   Counting from the day AFTER receipt (dayAfterReceipt):
 *     9 10 11 | 14 15 16 17 18 | 21 22 23 24 25 | (28*) | 1  2
 *     1  2  3 |  4  5  6  7  8 |  9 10 11 12 13 |       | 14 15   → 2 Mar  ✓
 *   Counting the receipt day as day 1 (receiptDay): 8=1 … 25=14, 1 Mar=15 → 1 Mar ✗
 *
 * Example 2 — delivery on 8 Feb missed, SK posted 10 Feb, received at the address Mon 14 Feb; the annex says
 * effective Tue 8 Mar.
 *   dayAfterReceipt: 15 16 17 18 | 21 22 23 24 25 | (28*) | 1  2 | (3*) | 4 | 7  8  9
 *                     1  2  3  4 |  5  6  7  8  9 |       | 10 11 |      | 12| 13 14 15 → 9 Mar ✗
 *   receiptDay:      14=1, 15=2 … 7 Mar=14, 8 Mar=15                                     → 8 Mar ✓
 *
 * No single count-from convention reproduces both examples on the real 2022 calendar (example 2 matches
 * dayAfterReceipt only if Nyepi, 3 Mar, is not treated as a holiday). The examples differ in how the SK was
 * delivered, so the national rulebook sets the convention per delivery method — our reading, not a rule stated in
 * PP 94/2021 Pasal 38 / PerBKN 6/2022 Pasal 50 ayat (1):
 *   langsung (in person, example 1)                              → dayAfterReceipt
 *   pos (sent to the address, PerBKN Pasal 49 ayat (8), example 2) → receiptDay
 * With these defaults both annex examples reproduce.
 */
describe('effectiveDate — PerBKN 6/2022 worked examples (regulations.md §1.7)', () => {
  it('national rulebook: dayAfterReceipt for langsung, receiptDay for pos', () => {
    expect(rules.deadlines.effective.countFrom).toEqual({ langsung: 'dayAfterReceipt', pos: 'receiptDay' });
  });

  it('example 1: received in person 8 Feb 2022 → effective 2 Mar 2022 (national defaults)', () => {
    const r = effectiveDate('2022-02-08', rules, calendar2022, 'langsung');
    expect(r).toMatchObject({ date: '2022-03-02', bound: 'exact', count: 15, unit: 'workingDays' });
    expect(r.explanation).toMatch(/diterima langsung 8 Februari 2022/);
    expect(r.explanation).toMatch(
      /hitungan mulai hari kerja berikutnya setelah diterima \(8 Februari 2022\)/,
    );
    expect(r.explanation).toMatch(/berlaku 2 Maret 2022/);
  });

  it('example 1 without a delivery argument defaults to langsung (backwards compatible)', () => {
    expect(effectiveDate('2022-02-08', rules, calendar2022)).toEqual(
      effectiveDate('2022-02-08', rules, calendar2022, 'langsung'),
    );
  });

  it('example 2: received by post 14 Feb 2022 → effective 8 Mar 2022 (national defaults)', () => {
    const r = effectiveDate('2022-02-14', rules, calendar2022, 'pos');
    expect(r).toMatchObject({ date: '2022-03-08', bound: 'exact', from: '2022-02-14', count: 15 });
    expect(r.explanation).toMatch(/dikirim ke alamat dan diterima 14 Februari 2022/);
    expect(r.explanation).toMatch(/hari diterima \(14 Februari 2022\) dihitung hari ke-1/);
    expect(r.explanation).toMatch(/berlaku 8 Maret 2022/);
  });

  it.each<[string, LocalDate, DeliveryMethod, LocalDate]>([
    ['example 2 had it been delivered in person gives 9 Mar', '2022-02-14', 'langsung', '2022-03-09'],
    ['example 1 had it been sent by post gives 1 Mar', '2022-02-08', 'pos', '2022-03-01'],
    ['received by post on a Saturday: counting starts on Monday', '2022-02-12', 'pos', '2022-03-08'],
    [
      'received by post on a holiday (Isra Mikraj): the holiday is not day 1',
      '2022-02-28',
      'pos',
      '2022-03-22',
    ],
  ])('national defaults: %s', (_name, received, delivery, expected) => {
    expect(effectiveDate(received, rules, calendar2022, delivery).date).toBe(expected);
  });

  it.each<[string, LocalDate, CountFrom, readonly LocalDate[], LocalDate]>([
    [
      'example 2 under the default gives 9 Mar (Nyepi pushes it one day)',
      '2022-02-14',
      'dayAfterReceipt',
      HOLIDAYS_2022,
      '2022-03-09',
    ],
    ['example 1 under receiptDay gives 1 Mar', '2022-02-08', 'receiptDay', HOLIDAYS_2022, '2022-03-01'],
    [
      'example 2 under the default without Nyepi gives the annex date 8 Mar',
      '2022-02-14',
      'dayAfterReceipt',
      HOLIDAYS_2022.filter((d) => d !== '2022-03-03'),
      '2022-03-08',
    ],
    [
      'example 1 without Isra Mikraj under receiptDay gives 28 Feb, not the annex date',
      '2022-02-08',
      'receiptDay',
      ['2022-03-03'],
      '2022-02-28',
    ],
    [
      'received on a Saturday: both conventions start on Monday',
      '2022-02-12',
      'receiptDay',
      HOLIDAYS_2022,
      '2022-03-08',
    ],
    ['received on a Saturday, default', '2022-02-12', 'dayAfterReceipt', HOLIDAYS_2022, '2022-03-08'],
    [
      'received on a holiday (Isra Mikraj), receiptDay does not count it',
      '2022-02-28',
      'receiptDay',
      HOLIDAYS_2022,
      '2022-03-22',
    ],
  ])('same convention for both methods: %s', (_name, received, countFrom, holidays, expected) => {
    expect(effectiveDate(received, withEffective(countFrom), makeCalendar(holidays)).date).toBe(expected);
  });

  /*
   * Year change (fixture holidays 26 Dec 2022 and 1 Jan 2023):
   *          Desember 2022                 Januari 2023
   *   Sen Sel Rab Kam Jum              Sen Sel Rab Kam Jum
   *   19  20  21  22r 23  (1)           2   3   4   5   6   (6..10)
   *   26* 27  28  29  30  (2..5)        9  10  11  12  13   (11..15)
   */
  it.each<[CountFrom, LocalDate]>([
    ['dayAfterReceipt', '2023-01-13'],
    ['receiptDay', '2023-01-12'],
  ])('across the year change, %s → %s', (countFrom, expected) => {
    expect(
      effectiveDate('2022-12-22', withEffective(countFrom), makeCalendar(['2022-12-26', '2023-01-01'])).date,
    ).toBe(expected);
  });

  it.each<[CountFrom, LocalDate]>([
    ['dayAfterReceipt', '2022-02-23'],
    ['receiptDay', '2022-02-22'],
  ])('a region reading "hari ke-15" as calendar days, %s → %s', (countFrom, expected) => {
    expect(effectiveDate('2022-02-08', withEffective(countFrom, 'calendarDays'), calendar2022).date).toBe(
      expected,
    );
  });
});

describe('process deadlines (PP 94/2021 Pasal 26, 37; PerBKN 6/2022 Pasal 49; regulations.md §1.7)', () => {
  /*
   * PerBKN annex, "pemanggilan": first letter Wed 5 Oct 2022 for an examination on Mon 17 Oct; absent; second letter
   * on 17 Oct for an examination on Thu 27 Oct.
   *            Oktober 2022
   *   Sen Sel Rab Kam Jum Sab Min
   *                        1   2
   *   3   4   5L  6   7   8*  9        L = letter, E = examination
   *  10  11  12  13  14  15  16        5 Oct + 7 HK = 14 Oct (6 7 10 11 12 13 14)
   *  17E 18  19  20  21  22  23        17 Oct + 7 HK = 26 Oct (18 19 20 21 24 25 26)
   *  24  25  26  27E 28  29  30
   */
  it('first summons (minimumNotice): letter 5 Oct 2022 → examination not before 14 Oct; the annex uses 17 Oct', () => {
    const r = summonsDeadline('2022-10-05', rules, calendar2022);
    expect(r).toMatchObject({ date: '2022-10-14', bound: 'onOrAfter', count: 7, unit: 'workingDays' });
    expect('2022-10-17' >= r.date).toBe(true);
    expect(r.explanation).toMatch(/pemeriksaan paling cepat 14 Oktober 2022/);
  });

  it('first summons (maximumInterval, the reading of regulations.md §1.7): examination by 14 Oct at the latest', () => {
    expect(summonsDeadline('2022-10-05', withSummons('maximumInterval'), calendar2022)).toMatchObject({
      date: '2022-10-14',
      bound: 'onOrBefore',
    });
  });

  it('second summons: missed examination 17 Oct 2022 → second letter by 26 Oct; its examination not before 26 Oct', () => {
    expect(secondSummons('2022-10-17', rules, calendar2022)).toMatchObject({
      date: '2022-10-26',
      bound: 'onOrBefore',
    });
    expect(summonsDeadline('2022-10-17', rules, calendar2022).date <= '2022-10-27').toBe(true);
  });

  it('delivery: SK signed 1 Feb 2022 → delivered by 21 Feb 2022 (14 HK); the annex delivers on 8 Feb', () => {
    // 2 3 4 | 7 8 9 10 11 | 14 15 16 17 18 | 21
    const r = deliveryDeadline('2022-02-01', rules, calendar2022);
    expect(r).toMatchObject({ date: '2022-02-21', bound: 'onOrBefore', from: '2022-02-01' });
    expect(r.explanation).toMatch(/PP 94\/2021 Pasal 37 ayat \(3\)/);
  });

  it('posting: delivery on 8 Feb 2022 missed → posted by 11 Feb (3 HK); the annex posts on 10 Feb', () => {
    expect(postingDeadline('2022-02-08', rules, calendar2022)).toMatchObject({
      date: '2022-02-11',
      bound: 'onOrBefore',
    });
  });

  it('posting over a weekend and a holiday: missed on Fri 25 Feb 2022 → by Fri 4 Mar', () => {
    // (26 27 weekend) (28 Isra Mikraj) 1=1, 2=2, (3 Nyepi), 4=3
    expect(postingDeadline('2022-02-25', rules, calendar2022).date).toBe('2022-03-04');
  });
});

describe('appealWindow — upaya administratif (PP 79/2021; regulations.md §1.9)', () => {
  it('banding: received 8 Mar 2022 → file by 28 Mar (14 HK); filed 1 Mar → PPK responds by 31 Mar (21 HK)', () => {
    const w = appealWindow('2022-03-08', 'banding', rules, calendar2022, '2022-03-01');
    expect(w.kind).toBe('banding');
    expect(w.filing).toMatchObject({ date: '2022-03-28', bound: 'onOrBefore', count: 14 });
    // 2 (3*) 4 | 7–11 | 14–18 | 21–25 | 28 29 30 31 → 21st HK = 31 Mar
    expect(w.answer).toMatchObject({ date: '2022-03-31', count: 21 });
    expect(w.answer?.explanation).toMatch(/BPASN/);
  });

  it('keberatan: window from the rulebook; no answer deadline until filed', () => {
    const w = appealWindow('2022-03-08', 'keberatan', rules, calendar2022);
    expect(w.filing.date).toBe('2022-03-28');
    expect(w.answer).toBeNull();
  });
});

describe('deadlines — property: adding a holiday never moves a deadline earlier', () => {
  const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2022-01-01', n));
  const holidaysArb = fc.uniqueArray(fc.integer({ min: 0, max: 3 * 365 + 60 }), { maxLength: 40 });

  const all: ((d: LocalDate, cal: IsWorkingDay) => LocalDate)[] = [
    (d, cal) => summonsDeadline(d, rules, cal).date,
    (d, cal) => summonsDeadline(d, withSummons('maximumInterval'), cal).date,
    (d, cal) => secondSummons(d, rules, cal).date,
    (d, cal) => deliveryDeadline(d, rules, cal).date,
    (d, cal) => postingDeadline(d, rules, cal).date,
    (d, cal) => effectiveDate(d, rules, cal).date,
    (d, cal) => effectiveDate(d, rules, cal, 'pos').date,
    (d, cal) => effectiveDate(d, withEffective('receiptDay'), cal).date,
    (d, cal) => effectiveDate(d, withEffective('dayAfterReceipt'), cal, 'pos').date,
    (d, cal) => appealWindow(d, 'banding', rules, cal, d).filing.date,
    (d, cal) => appealWindow(d, 'keberatan', rules, cal, d).answer?.date ?? d,
  ];

  it('for every deadline function and both count-from / summons settings', () => {
    fc.assert(
      fc.property(dateArb, holidaysArb, fc.integer({ min: -5, max: 60 }), (from, offsets, extra) => {
        const holidays = offsets.map((n) => addDays('2022-01-01', n));
        const before = makeCalendar(holidays);
        const after = makeCalendar([...holidays, addDays(from, extra)]);
        for (const f of all) expect(f(from, after) >= f(from, before)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('effectiveDate — property: for either delivery method adding a holiday never moves the date earlier', () => {
  const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2022-01-01', n));
  const holidaysArb = fc.uniqueArray(fc.integer({ min: 0, max: 3 * 365 + 60 }), { maxLength: 40 });
  const rulesArb = fc
    .record({ langsung: fc.constantFrom(...COUNT_FROM), pos: fc.constantFrom(...COUNT_FROM) })
    .map((countFrom): DisciplineRules => ({
      ...rules,
      deadlines: { ...rules.deadlines, effective: { ...rules.deadlines.effective, countFrom } },
    }));

  it('national defaults and every per-method count-from setting', () => {
    fc.assert(
      fc.property(
        dateArb,
        holidaysArb,
        fc.integer({ min: -5, max: 60 }),
        fc.constantFrom(...DELIVERY_METHODS),
        fc.oneof(fc.constant(rules), rulesArb),
        (received, offsets, extra, delivery, r) => {
          const holidays = offsets.map((n) => addDays('2022-01-01', n));
          const before = makeCalendar(holidays);
          const after = makeCalendar([...holidays, addDays(received, extra)]);
          expect(
            effectiveDate(received, r, after, delivery).date >=
              effectiveDate(received, r, before, delivery).date,
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/*
 * The national 2025–2026 calendar (SKB 3 Menteri 1017/2024 as amended; rulebooks/national/calendar.json) for the
 * 5-day pattern, which observes cuti bersama, against the same days for a unit that works on cuti bersama days.
 *
 *            Desember 2025                       Januari 2026
 *   Sen Sel Rab Kam Jum Sab Min           Sen Sel Rab Kam Jum Sab Min
 *   15  16  17  18  19  20  21                       1*  2   3   4
 *   22  23  24  25* 26c 27  28             5   6   7   8   9  10  11
 *   29  30  31                            12  13  14  15  16* 17  18
 *   * = libur nasional (25 Dec Natal, 1 Jan Tahun Baru, 16 Jan Isra Mikraj), c = cuti bersama (26 Dec)
 */
describe('deadlines — cuti bersama and the year end on the national calendar (regulations.md §0, §1.7, §3.4)', () => {
  const calendarRules = calendarRulesSchema.parse(nationalCalendarJson);
  const observes = buildCalendar(calendarRules, { unitCode: 'UJI' });
  const holidaysOnly = calendarRules.years.flatMap((y) =>
    y.holidays.filter((h) => h.kind !== 'cuti_bersama').map((h) => h.date),
  );
  const worksOnCutiBersama = makeCalendar(holidaysOnly);

  it('the fixture: 26 Dec 2025 is cuti bersama, observed by the 5-day pattern', () => {
    expect(observes.holiday('2025-12-26')?.kind).toBe('cuti_bersama');
    expect(observes.isWorkingDay('2025-12-26')).toBe(false);
    expect(worksOnCutiBersama('2025-12-26')).toBe(true);
    expect(observes.isWorkingDay('2026-01-01')).toBe(false);
  });

  it.each<[string, LocalDate, IsWorkingDay, LocalDate]>([
    // 22 23 24 | (25* 26c) | 29 30 31 | (1*) 2 | 5 6 7 8 9 | 12 13 → 14th HK = 13 Jan
    ['SK signed Sat 20 Dec 2025, cuti bersama observed', '2025-12-20', observes.isWorkingDay, '2026-01-13'],
    ['SK signed Fri 19 Dec 2025, cuti bersama observed', '2025-12-19', observes.isWorkingDay, '2026-01-13'],
    // 26 Dec counts as a working day → one day earlier
    ['SK signed Sat 20 Dec 2025, unit works on cuti bersama', '2025-12-20', worksOnCutiBersama, '2026-01-12'],
  ])('delivery within 14 HK across the new year: %s', (_name, signed, cal, expected) => {
    const r = deliveryDeadline(signed, rules, cal);
    expect(r).toMatchObject({ date: expected, bound: 'onOrBefore', count: 14, unit: 'workingDays' });
  });

  it.each<[string, LocalDate, DeliveryMethod, IsWorkingDay, LocalDate]>([
    // 16 17 18 19 | 22 23 24 | (25* 26c) | 29 30 31 | (1*) 2 | 5 6 7 8 → 15th HK = 8 Jan
    ['received in person Mon 15 Dec 2025', '2025-12-15', 'langsung', observes.isWorkingDay, '2026-01-08'],
    ['received by post Mon 15 Dec 2025 (day 1)', '2025-12-15', 'pos', observes.isWorkingDay, '2026-01-07'],
    [
      'received in person, unit works on cuti bersama',
      '2025-12-15',
      'langsung',
      worksOnCutiBersama,
      '2026-01-07',
    ],
    // received on the cuti bersama day by post: it is not day 1; 29 30 31 | 2 | 5–9 | 12–15 | (16*) 19 20 → 15th = 20 Jan
    ['received by post on the cuti bersama day', '2025-12-26', 'pos', observes.isWorkingDay, '2026-01-20'],
  ])('effective date across the new year: %s', (_name, received, delivery, cal, expected) => {
    expect(effectiveDate(received, rules, cal, delivery).date).toBe(expected);
  });

  /*
   * Idul Fitri 1446 H (2025): 28 Mar cuti bersama Nyepi, 31 Mar–1 Apr Idul Fitri, 2–4 and 7 Apr cuti bersama,
   * 18 Apr Wafat Yesus Kristus. Summons letter Thu 27 Mar 2025.
   */
  it('first summons before the Idul Fitri cuti bersama: examination not before 16 Apr 2025', () => {
    // 8 9 10 11 | 14 15 16 → 7th HK = 16 Apr
    expect(summonsDeadline('2025-03-27', rules, observes.isWorkingDay).date).toBe('2025-04-16');
    // without cuti bersama: 28 Mar, 2 3 4, 7 8 9 → 9 Apr
    expect(summonsDeadline('2025-03-27', rules, worksOnCutiBersama).date).toBe('2025-04-09');
  });

  it('second summons after a missed examination on the eve of cuti bersama: by 16 Apr 2025', () => {
    expect(secondSummons('2025-03-27', rules, observes.isWorkingDay)).toMatchObject({
      date: '2025-04-16',
      bound: 'onOrBefore',
    });
  });

  it('banding filed across Idul Fitri: 14 HK from receipt on 20 Mar 2025', () => {
    // 21 24 25 26 27 | (28c 31* 1* 2c 3c 4c 7c) | 8 9 10 11 14 15 16 17 | (18*) 21 → 14th HK = 21 Apr
    expect(appealWindow('2025-03-20', 'banding', rules, observes.isWorkingDay).filing.date).toBe(
      '2025-04-21',
    );
  });
});
