import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DayStatus } from '../attendance/day-status.ts';
import { accumulateDiscipline } from './accumulate.ts';
import type { DisciplineEmployeeType, DisciplineLevel, DisciplineRules } from './discipline-rules.ts';
import { findSanction, levelRank } from './discipline-rules.ts';
import type { DisciplineIndication, ImposedSanction } from './indicate.ts';
import { indicateDiscipline } from './indicate.ts';
import { classifyDay, compileAttendanceRules } from '../attendance/classify-day.ts';
import { attendanceRulesSchema } from '../attendance/attendance-rules.ts';
import { buildCalendar } from '../calendar/calendar.ts';
import { calendarRulesSchema } from '../calendar/calendar-rules.ts';
import { eachDay } from '../common/local-date.ts';
import { parseHhmm } from '../common/zoned-time.ts';
import nationalCalendarJson from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import regional6040AttendanceJson from '../../../rulebooks/regional-60-40/attendance.json' with { type: 'json' };
import {
  makeDay,
  makeDays,
  nationalRules,
  regional4060Rules,
  scatteredTk,
  tkOverrides,
} from './test-helpers.ts';

/** Indication for `n` TK days in 2022 that never form a run (plus optional extra minutes on 1 Dec). */
function indicateFor(
  n: number,
  rules: DisciplineRules = nationalRules,
  type: DisciplineEmployeeType = 'PNS',
  imposed: ImposedSanction[] = [],
  minutes = 0,
): DisciplineIndication {
  const days = makeDays('2022-01-01', '2022-12-31', {
    ...scatteredTk(n),
    '2022-12-01': { lateMinutes: minutes },
  });
  return indicateDiscipline(accumulateDiscipline(days, rules, type, 2022), rules, type, imposed);
}

type Row = [
  days: number,
  step: number | null,
  level: DisciplineLevel | null,
  sanction: string | null,
  article: string | null,
  nextAt: number | null,
];

const P9 = 'Pasal 9';
const P10 = 'Pasal 10';
const P11 = 'Pasal 11 ayat (2) huruf d angka';

// regulations.md §1.3: one named case for every number of the ladder table.
const PNS_LADDER: Row[] = [
  [0, null, null, null, null, 3],
  [1, null, null, null, null, 3],
  [2, null, null, null, null, 3],
  [3, 1, 'ringan', 'R1', P9, 4],
  [4, 2, 'ringan', 'R2', P9, 7],
  [5, 2, 'ringan', 'R2', P9, 7],
  [6, 2, 'ringan', 'R2', P9, 7],
  [7, 3, 'ringan', 'R3', P9, 11],
  [8, 3, 'ringan', 'R3', P9, 11],
  [9, 3, 'ringan', 'R3', P9, 11],
  [10, 3, 'ringan', 'R3', P9, 11],
  [11, 4, 'sedang', 'S1', P10, 14],
  [12, 4, 'sedang', 'S1', P10, 14],
  [13, 4, 'sedang', 'S1', P10, 14],
  [14, 5, 'sedang', 'S2', P10, 17],
  [15, 5, 'sedang', 'S2', P10, 17],
  [16, 5, 'sedang', 'S2', P10, 17],
  [17, 6, 'sedang', 'S3', P10, 21],
  [18, 6, 'sedang', 'S3', P10, 21],
  [19, 6, 'sedang', 'S3', P10, 21],
  [20, 6, 'sedang', 'S3', P10, 21],
  [21, 7, 'berat', 'B1', `${P11} 1`, 25],
  [22, 7, 'berat', 'B1', `${P11} 1`, 25],
  [23, 7, 'berat', 'B1', `${P11} 1`, 25],
  [24, 7, 'berat', 'B1', `${P11} 1`, 25],
  [25, 8, 'berat', 'B2', `${P11} 2`, 28],
  [26, 8, 'berat', 'B2', `${P11} 2`, 28],
  [27, 8, 'berat', 'B2', `${P11} 2`, 28],
  [28, 9, 'berat', 'B3', `${P11} 3`, null],
  [29, 9, 'berat', 'B3', `${P11} 3`, null],
  [40, 9, 'berat', 'B3', `${P11} 3`, null],
];

describe('indicateDiscipline — PNS ladder (PP 94/2021; regulations.md §1.3)', () => {
  it.each(PNS_LADDER)(
    '%i TK days → step %s, %s %s (%s), next threshold at %s',
    (days, step, level, sanction, article, nextAt) => {
      const ind = indicateFor(days);
      expect(ind).toMatchObject({
        isFinalDecision: false,
        totalDays: days,
        step,
        level,
        article,
        source: step === null ? null : 'cumulative',
      });
      expect(ind.sanction?.code ?? null).toBe(sanction);
      expect(ind.nextThreshold?.atDays ?? null).toBe(nextAt);
      if (ind.nextThreshold !== null) expect(ind.nextThreshold.inDays).toBe((nextAt as number) - days);
      expect(ind.salaryStop).toBe(false);
    },
  );

  it.each(PNS_LADDER.filter(([d]) => d === 3 || d === 11 || d === 28))(
    'CPNS follow the PNS ladder: %i days',
    (days, step) => {
      expect(indicateFor(days, nationalRules, 'CPNS').step).toBe(step);
    },
  );

  it('regional-40-60 keeps the national PNS ladder', () => {
    for (const [days, step] of PNS_LADDER) expect(indicateFor(days, regional4060Rules).step).toBe(step);
  });

  it.each([
    [11, 'S1', 'KGB_TUNDA_1TH', 'penundaan kenaikan gaji berkala selama 1 tahun'],
    [14, 'S2', 'PANGKAT_TUNDA_1TH', 'penundaan kenaikan pangkat selama 1 tahun'],
    [17, 'S3', 'PANGKAT_TURUN_1TH', 'penurunan pangkat setingkat lebih rendah selama 1 tahun'],
  ])('%i days: %s is applied as its interim substitute %s (regulations.md §1.2)', (days, code, sub, name) => {
    expect(indicateFor(days).sanction).toMatchObject({
      code,
      appliedAs: { code: sub, name, durationMonths: 12 },
    });
  });

  it('the reached date and the reasons explain the count; the result is an indication', () => {
    const ind = indicateFor(3);
    expect(ind.reachedOn).toBe('2022-01-07'); // 3 Jan, 5 Jan, 7 Jan
    expect(ind.reasons.join(' ')).toMatch(
      /3 hari masuk rentang 3 hari: hukuman disiplin ringan berupa teguran lisan \(PP 94\/2021 Pasal 9\)/,
    );
    expect(ind.reasons.at(-1)).toMatch(/indikasi, bukan keputusan/);
  });
});

describe('indicateDiscipline — lateness converted to days (regulations.md §1.4)', () => {
  it.each([
    ['2 TK + 449 minutes stays below the first threshold', 2, 449, null, 1],
    ['2 TK + 450 minutes = 3 days → R1', 2, 450, 1, 1],
    ['5 TK + 900 minutes = 7 days → R3', 5, 900, 3, 4],
    ['0 TK + 1350 minutes = 3 days → R1', 0, 1350, 1, 1],
  ])('%s', (_name, tk, minutes, step, nextIn) => {
    const ind = indicateFor(tk, nationalRules, 'PNS', [], minutes);
    expect(ind.step).toBe(step);
    expect(ind.nextThreshold?.inDays).toBe(nextIn);
  });
});

// regulations.md §2.1: PPPK ladder of Pergub Kalbar 2/2024 (regional-40-60 rulebook).
const PPPK_KALBAR: [number, number | null, DisciplineLevel | null, string | null, number | null][] = [
  [0, null, null, null, 3],
  [2, null, null, null, 3],
  [3, 1, 'ringan', 'R1', 4],
  [4, 2, 'ringan', 'R2', 7],
  [6, 2, 'ringan', 'R2', 7],
  [7, 3, 'ringan', 'R3', 11],
  [10, 3, 'ringan', 'R3', 11],
  [11, 4, 'sedang', 'KGB_TUNDA_1TH', 14],
  [13, 4, 'sedang', 'KGB_TUNDA_1TH', 14],
  [14, 5, 'sedang', 'KGB_TUNDA_2TH', 17],
  [16, 5, 'sedang', 'KGB_TUNDA_2TH', 17],
  [17, 6, 'sedang', 'KGB_TUNDA_3TH_TIDAK_DIPERPANJANG', 21],
  [20, 6, 'sedang', 'KGB_TUNDA_3TH_TIDAK_DIPERPANJANG', 21],
  [21, 7, 'berat', 'PPPK_PHK', null],
  [24, 7, 'berat', 'PPPK_PHK', null],
  [30, 7, 'berat', 'PPPK_PHK', null],
];

describe('indicateDiscipline — PPPK ladders (PP 49/2018; regulations.md §2.1)', () => {
  it.each(PPPK_KALBAR)(
    'Kalbar-style PPPK: %i TK days → step %s, %s %s, next at %s',
    (days, step, level, sanction, nextAt) => {
      const ind = indicateFor(days, regional4060Rules, 'PPPK');
      expect(ind).toMatchObject({ ladderId: 'PPPK', step, level });
      expect(ind.sanction?.code ?? null).toBe(sanction);
      expect(ind.sanction?.appliedAs ?? null).toBeNull();
      expect(ind.nextThreshold?.atDays ?? null).toBe(nextAt);
    },
  );

  it.each([
    [3, 'R1'],
    [10, 'R3'],
    [11, 'PPPK_SEDANG'],
    [20, 'PPPK_SEDANG'],
    [21, 'PPPK_PHK'],
  ])('national PPPK: %i TK days → %s', (days, sanction) => {
    expect(indicateFor(days, nationalRules, 'PPPK').sanction?.code).toBe(sanction);
  });

  it.each([
    ['national', nationalRules, 11, 'PPPK_SEDANG'],
    ['national', nationalRules, 21, 'PPPK_PHK'],
    ['regional-40-60', regional4060Rules, 11, 'KGB_TUNDA_1TH'],
    ['regional-40-60', regional4060Rules, 21, 'PPPK_PHK'],
  ] as const)(
    '§2.2 PPPK paruh waktu is ASN: $0, $2 TK days → $3 on the PPPK ladder',
    (_name, rules, days, sanction) => {
      const ind = indicateFor(days, rules, 'PPPK_PARUH_WAKTU');
      expect(ind.ladderId).toBe('PPPK');
      expect(ind.sanction?.code).toBe(sanction);
    },
  );

  it.each(['NON_ASN'] as const)(
    '§2.3: %s has no ladder in the national rulebook (not covered by PP 94/2021 nor PP 49/2018): no indication',
    (type) => {
      const ind = indicateFor(30, nationalRules, type);
      expect(ind).toMatchObject({
        ladderId: null,
        step: null,
        level: null,
        sanction: null,
        salaryStop: false,
      });
      expect(ind.reasons[0]).toMatch(/tidak memuat tangga/);
    },
  );
});

describe('indicateDiscipline — 10 consecutive TK days (PP 94/2021 Pasal 15 ayat (2); regulations.md §1.8)', () => {
  const october = (n: number, start = '2022-10-03') =>
    makeDays('2022-01-01', '2022-12-31', tkOverrides(start, n));

  it('PerBKN annex: TK 1–14 Oct 2022 → B3 and salary stopped from November 2022', () => {
    const ind = indicateDiscipline(
      accumulateDiscipline(october(10, '2022-10-01'), nationalRules, 'PNS', 2022),
      nationalRules,
      'PNS',
    );
    expect(ind).toMatchObject({
      source: 'consecutive',
      step: 9,
      level: 'berat',
      article: 'Pasal 11 ayat (2) huruf d angka 4 jo. Pasal 15 ayat (2)',
      reachedOn: '2022-10-14',
      cumulativeStep: 3,
      salaryStop: true,
      salaryStopFromMonth: '2022-11',
      nextThreshold: null,
      consecutive: { atDays: 10, currentDays: 0, inDays: 10 },
    });
    expect(ind.sanction?.code).toBe('B3');
    expect(ind.reasons.join(' ')).toMatch(/Gaji dihentikan mulai bulan 2022-11/);
  });

  it('9 consecutive days: R3 on the cumulative count, no salary stop; the run has ended so the warning is back to 10', () => {
    const ind = indicateDiscipline(
      accumulateDiscipline(october(9), nationalRules, 'PNS', 2022),
      nationalRules,
      'PNS',
    );
    expect(ind).toMatchObject({
      source: 'cumulative',
      step: 3,
      salaryStop: false,
      salaryStopFromMonth: null,
    });
    expect(ind.consecutive).toEqual({ atDays: 10, currentDays: 0, inDays: 10 });
  });

  it('an open run of 4 days warns: 6 more working days to the run threshold', () => {
    const days = makeDays('2022-10-01', '2022-10-09', tkOverrides('2022-10-04', 4));
    const ind = indicateDiscipline(
      accumulateDiscipline(days, nationalRules, 'PNS', 2022),
      nationalRules,
      'PNS',
    );
    expect(ind.consecutive).toEqual({ atDays: 10, currentDays: 4, inDays: 6 });
    expect(ind.step).toBe(2);
  });

  it('salary stop in December starts in January of the next year', () => {
    const days = makeDays('2022-12-01', '2022-12-31', tkOverrides('2022-12-12', 10));
    const ind = indicateDiscipline(
      accumulateDiscipline(days, nationalRules, 'PNS', 2022),
      nationalRules,
      'PNS',
    );
    expect(ind.salaryStopFromMonth).toBe('2023-01');
  });

  it('PPPK (Kalbar-style): 10 consecutive days → termination, no salary stop', () => {
    const ind = indicateDiscipline(
      accumulateDiscipline(october(10), regional4060Rules, 'PPPK', 2022),
      regional4060Rules,
      'PPPK',
    );
    expect(ind).toMatchObject({ source: 'consecutive', step: 7, level: 'berat', salaryStop: false });
    expect(ind.sanction?.code).toBe('PPPK_PHK');
  });

  it('the salary stop is indicated even when B3 was already imposed (it does not wait for the SK)', () => {
    const ind = indicateDiscipline(
      accumulateDiscipline(october(10), nationalRules, 'PNS', 2022),
      nationalRules,
      'PNS',
      [{ level: 'berat', step: 9 }],
    );
    expect(ind).toMatchObject({ step: null, sanction: null, salaryStop: true });
  });
});

describe('indicateDiscipline — step-wise escalation within the year (PerBKN 6/2022 annex; regulations.md §1.3)', () => {
  it.each<[string, number, ImposedSanction[], number, string]>([
    ['Fika: R1 at 3 days, now 5 → R2', 5, [{ level: 'ringan', step: 1 }], 2, 'R2'],
    ['Fidel: R2 at 5 days, now 9 → R3', 9, [{ level: 'ringan', step: 2 }], 3, 'R3'],
    ['Siswanto: R3 at 9 days, now 12 → S1', 12, [{ level: 'ringan', step: 3 }], 4, 'S1'],
    ['Juliansyah: S1 imposed, now 16 → S2', 16, [{ level: 'sedang', step: 4 }], 5, 'S2'],
    ['Kiki: S2 at 16 days, now 19 → S3', 19, [{ level: 'sedang', step: 5 }], 6, 'S3'],
    ['Supriyadi: S3 at 20 days, now 23 → B1', 23, [{ level: 'sedang', step: 6 }], 7, 'B1'],
    ['Supriyadi: B1 at 23 days, now 26 → B2', 26, [{ level: 'berat', step: 7 }], 8, 'B2'],
    ['Supriyadi: B2 at 27 days, now 29 → B3', 29, [{ level: 'berat', step: 8 }], 9, 'B3'],
    [
      'R1 imposed, now 12: straight to S1 (steps can be skipped)',
      12,
      [{ level: 'ringan', step: 1 }],
      4,
      'S1',
    ],
    [
      'several imposed: the heaviest counts',
      8,
      [
        { level: 'ringan', step: 2 },
        { level: 'ringan', step: 1 },
      ],
      3,
      'R3',
    ],
  ])('%s', (_name, days, imposed, step, sanction) => {
    const ind = indicateFor(days, nationalRules, 'PNS', imposed);
    expect(ind.step).toBe(step);
    expect(ind.sanction?.code).toBe(sanction);
  });

  it.each<[string, number, ImposedSanction[], number, number]>([
    ['R2 imposed at 5 days, still 6 → nothing new; next at 7 in 1', 6, [{ level: 'ringan', step: 2 }], 7, 1],
    ['R2 imposed, still 5 → next at 7 in 2', 5, [{ level: 'ringan', step: 2 }], 7, 2],
    ['R3 imposed but count 5 → next heavier step at 11 in 6', 5, [{ level: 'ringan', step: 3 }], 11, 6],
  ])('%s', (_name, days, imposed, atDays, inDays) => {
    const ind = indicateFor(days, nationalRules, 'PNS', imposed);
    expect(ind).toMatchObject({ step: null, level: null, sanction: null });
    expect(ind.nextThreshold).toMatchObject({ atDays, inDays });
    expect(ind.reasons.join(' ')).toMatch(/Sudah dijatuhi hukuman tingkat/);
  });

  it('an imposed step that is not on the ladder is ignored with a reason', () => {
    const ind = indicateFor(3, nationalRules, 'PNS', [{ level: 'berat', step: 42 }]);
    expect(ind.step).toBe(1);
    expect(ind.reasons.join(' ')).toMatch(/diabaikan/);
  });
});

describe('indicateDiscipline — properties', () => {
  const workingDays2022 = makeDays('2022-01-01', '2022-12-31')
    .filter((d) => d.code === 'H')
    .map((d) => d.date);

  // Per-day minutes stay ≤ 450 (a working day), so turning a day into TK never loses more than one converted day.
  const dayArb = fc.record({ tk: fc.boolean(), late: fc.nat({ max: 300 }), early: fc.nat({ max: 150 }) });
  const scenarioArb = fc.array(fc.tuple(dayArb, fc.boolean(), fc.nat({ max: 200 })), {
    minLength: 1,
    maxLength: 250,
  });

  function build(spec: readonly { tk: boolean; late: number; early: number }[]): DayStatus[] {
    return spec.map((s, i) => {
      const date = workingDays2022[i] as string;
      return s.tk
        ? makeDay(date, { code: 'TK', workLocation: null })
        : makeDay(date, { lateMinutes: s.late, earlyMinutes: s.early });
    });
  }

  function severity(ind: DisciplineIndication, rules: DisciplineRules): [number, number] {
    if (ind.sanction === null || ind.level === null) return [0, -Infinity];
    return [levelRank(ind.level), findSanction(rules, ind.sanction.code)?.rank ?? -Infinity];
  }

  it.each([
    ['PNS, national', nationalRules, 'PNS'],
    ['PPPK, national', nationalRules, 'PPPK'],
    ['PPPK, regional-40-60', regional4060Rules, 'PPPK'],
  ] as const)('%s: more TK days or more minutes never give a lighter indication', (_name, rules, type) => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const base = scenario.map(([d]) => d);
        // "more": some days turned into TK, others get extra late minutes (still ≤ 450 per day).
        const more = scenario.map(([d, toTk, extra]) =>
          toTk ? { ...d, tk: true } : { ...d, late: Math.min(d.late + extra, 450 - d.early) },
        );
        const a = indicateDiscipline(accumulateDiscipline(build(base), rules, type, 2022), rules, type);
        const b = indicateDiscipline(accumulateDiscipline(build(more), rules, type, 2022), rules, type);
        expect(b.totalDays).toBeGreaterThanOrEqual(a.totalDays);
        const [la, ra] = severity(a, rules);
        const [lb, rb] = severity(b, rules);
        expect(lb).toBeGreaterThanOrEqual(la);
        expect(rb).toBeGreaterThanOrEqual(ra);
        if (a.salaryStop) expect(b.salaryStop).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the indicated level never decreases as the count grows from 0 to 40 (every rulebook ladder)', () => {
    for (const [rules, type] of [
      [nationalRules, 'PNS'],
      [nationalRules, 'PPPK'],
      [regional4060Rules, 'PPPK'],
    ] as const) {
      let prev: [number, number] = [0, -Infinity];
      for (let n = 0; n <= 40; n++) {
        const cur = severity(indicateFor(n, rules, type), rules);
        expect(cur[0]).toBeGreaterThanOrEqual(prev[0]);
        expect(cur[1]).toBeGreaterThanOrEqual(prev[1]);
        prev = cur;
      }
    }
  });
});

describe('indicateDiscipline — cuti bersama recorded CBER does not break 10 consecutive TK days (regulations.md §1.3, §1.8)', () => {
  // regional-60-40 records cuti bersama as CBER and inherits the national discipline section.
  const attendance = compileAttendanceRules(attendanceRulesSchema.parse(regional6040AttendanceJson));
  const calendar = buildCalendar(calendarRulesSchema.parse(nationalCalendarJson), { unitCode: 'BKD' });
  /** Every day of the range classified as the pipeline would: working days without any punch are TK. */
  const classified = (from: string, to: string): DayStatus[] =>
    eachDay(from, to).map((date) => {
      const working = calendar.isWorkingDay(date);
      return classifyDay({
        date,
        zone: 'Asia/Jakarta',
        schedule: working
          ? {
              date,
              zone: 'Asia/Jakarta',
              kind: 'regular',
              start: parseHhmm('07:30'),
              end: parseHhmm('16:00'),
              breaks: [],
              graceMinutes: 0,
              checkInWindow: { from: parseHhmm('06:00'), to: parseHhmm('16:00') },
              checkOutWindow: { from: parseHhmm('07:30'), to: parseHhmm('18:00') },
              workLocation: 'WFO',
            }
          : null,
        dayType: calendar.dayType(date),
        punches: [],
        absences: [],
        rules: attendance,
      });
    });

  it('§1.3/§1.8 TK on every working day 20 Mar – 11 Apr 2025 (10 HK across Nyepi, Idul Fitri and cuti bersama) → B3 and salary stop from May 2025', () => {
    // March–April 2025; the employee is present on the working days before 20 Mar and after 11 Apr.
    const year = classified('2025-03-01', '2025-04-30').map((d) =>
      d.code === 'TK' && (d.date < '2025-03-20' || d.date > '2025-04-11') ? { ...d, code: 'H' as const } : d,
    );
    expect(year.filter((d) => d.code === 'CBER').map((d) => d.date)).toEqual([
      '2025-03-28',
      '2025-04-02',
      '2025-04-03',
      '2025-04-04',
      '2025-04-07',
    ]);
    const acc = accumulateDiscipline(year, nationalRules, 'PNS', 2025);
    expect(acc.tkDays).toBe(10);
    expect(acc.longestTkStreak).toEqual({ days: 10, from: '2025-03-20', to: '2025-04-11' });
    const ind = indicateDiscipline(acc, nationalRules, 'PNS');
    expect(ind).toMatchObject({ source: 'consecutive', salaryStop: true, salaryStopFromMonth: '2025-05' });
    expect(ind.sanction?.code).toBe('B3');
  });

  it('§1.3 a holiday punch recorded H (regional-60-40) inside the run does not break it either', () => {
    const year = classified('2025-03-20', '2025-04-11');
    const holiday = '2025-03-31'; // Idul Fitri: the employee punches in, recorded H (nonWorkingDay)
    const punched = classifyDay({
      date: holiday,
      zone: 'Asia/Jakarta',
      schedule: null,
      dayType: calendar.dayType(holiday),
      punches: [{ at: Date.UTC(2025, 2, 31, 2, 0) }],
      absences: [],
      rules: attendance,
    });
    expect(punched).toMatchObject({ code: 'H', nonWorkingDay: true });
    const days = year.map((d) => (d.date === holiday ? punched : d));
    const ind = indicateDiscipline(
      accumulateDiscipline(days, nationalRules, 'PNS', 2025),
      nationalRules,
      'PNS',
    );
    expect(ind.salaryStop).toBe(true);
  });
});
