import { describe, expect, it } from 'vitest';
import type { IndonesianTimeZone } from '../common/zoned-time.ts';
import { fromZoned } from '../common/zoned-time.ts';
import type { ApprovedAbsence } from './classify-day.ts';
import { classifyDay, compileAttendanceRules } from './classify-day.ts';
import { LEAVE_CODES, PERMIT_CODES } from './status-codes.ts';
import {
  DATE,
  makeInput,
  makeNightShift,
  makeSchedule,
  national,
  nationalRules,
  punch,
  regional4060,
  regional6040,
} from './test-helpers.ts';

const OUT = punch('16:05');
const IN = punch('07:20');

function leave(code: ApprovedAbsence['code'], extra: Partial<ApprovedAbsence> = {}): ApprovedAbsence {
  return { code, from: '2025-03-10', to: '2025-03-14', ...extra };
}

describe('classifyDay — late bands (regulations.md §5.3, schedule 07:30, check-in after 07:30:59 is late §3.2)', () => {
  it.each([
    ['on time (07:20)', '07:20', null, 0],
    ['0 minutes (07:30:00)', '07:30:00', null, 0],
    ['0 minutes (07:30:59 — seconds do not count)', '07:30:59', null, 0],
    ['1 minute (07:31) → TL1', '07:31', 'TL1', 1],
    ['30 minutes (08:00) → TL1', '08:00', 'TL1', 30],
    ['31 minutes (08:01) → TL2', '08:01', 'TL2', 31],
    ['60 minutes (08:30) → TL2', '08:30', 'TL2', 60],
    ['61 minutes (08:31) → TL3', '08:31', 'TL3', 61],
    ['90 minutes (09:00) → TL3', '09:00', 'TL3', 90],
    ['91 minutes (09:01) → TL4', '09:01', 'TL4', 91],
    ['180 minutes (10:30) → TL4', '10:30', 'TL4', 180],
  ])('%s', (_name, time, band, minutes) => {
    const s = classifyDay(makeInput({ punches: [punch(time), OUT] }));
    expect(s).toMatchObject({
      code: 'H',
      lateBand: band,
      lateMinutes: minutes,
      earlyBand: null,
      earlyMinutes: 0,
    });
    expect(s.missingCheckIn).toBe(false);
  });
});

describe('classifyDay — early-leave bands (regulations.md §5.3, schedule end 16:00)', () => {
  it.each([
    ['at end (16:00)', '16:00', null, 0],
    ['after end (17:15)', '17:15', null, 0],
    ['1 minute (15:59:30) → PSW1', '15:59:30', 'PSW1', 1],
    ['30 minutes (15:30) → PSW1', '15:30', 'PSW1', 30],
    ['31 minutes (15:29) → PSW2', '15:29', 'PSW2', 31],
    ['60 minutes (15:00) → PSW2', '15:00', 'PSW2', 60],
    ['61 minutes (14:59) → PSW3', '14:59', 'PSW3', 61],
    ['90 minutes (14:30) → PSW3', '14:30', 'PSW3', 90],
    ['91 minutes (14:29) → PSW4', '14:29', 'PSW4', 91],
    ['12:30 → PSW4, the 30 break minutes are not counted', '12:30', 'PSW4', 180],
  ])('%s', (_name, time, band, minutes) => {
    const s = classifyDay(makeInput({ punches: [IN, punch(time)] }));
    expect(s).toMatchObject({
      code: 'H',
      earlyBand: band,
      earlyMinutes: minutes,
      lateBand: null,
      lateMinutes: 0,
    });
  });
});

describe('classifyDay — presence, missing punches, TK', () => {
  it('on time both ways → H with a readable reason', () => {
    const s = classifyDay(makeInput({ punches: [IN, OUT] }));
    expect(s).toEqual({
      date: DATE,
      code: 'H',
      lateBand: null,
      earlyBand: null,
      lateMinutes: 0,
      earlyMinutes: 0,
      missingCheckIn: false,
      missingCheckOut: false,
      workLocation: 'WFO',
      nonWorkingDay: false,
      madeUpLate: null,
      reasons: ['Masuk 07:20 WIB (jadwal 07:30)', 'Pulang 16:05 WIB (jadwal 16:00)'],
    });
  });

  it('reason for a late check-in names minutes, time, zone and schedule', () => {
    const s = classifyDay(makeInput({ punches: [punch('07:47'), OUT] }));
    expect(s.reasons[0]).toBe('Terlambat 17 menit (masuk 07:47 WIB, jadwal 07:30) → TL1');
  });

  it('missing check-in (TAD) → TL4, minutes = TL4 lower bound (91)', () => {
    const s = classifyDay(makeInput({ punches: [OUT] }));
    expect(s).toMatchObject({
      code: 'H',
      lateBand: 'TL4',
      lateMinutes: 91,
      missingCheckIn: true,
      earlyBand: null,
    });
    expect(s.reasons[0]).toBe('Tidak ada presensi masuk → TL4, dihitung 91 menit');
  });

  it('missing check-out (TAP) → PSW4, minutes = PSW4 lower bound (91)', () => {
    const s = classifyDay(makeInput({ punches: [IN] }));
    expect(s).toMatchObject({
      code: 'H',
      earlyBand: 'PSW4',
      earlyMinutes: 91,
      missingCheckOut: true,
      lateBand: null,
    });
  });

  it('both missing, no approved absence → TK', () => {
    const s = classifyDay(makeInput({ punches: [] }));
    expect(s).toMatchObject({ code: 'TK', lateBand: null, earlyBand: null, workLocation: null });
    expect(s.reasons[0]).toMatch(/→ TK$/);
  });

  it('TL and PSW on the same day (TL2-PSW2)', () => {
    const s = classifyDay(makeInput({ punches: [punch('08:15'), punch('15:00')] }));
    expect(s).toMatchObject({
      code: 'H',
      lateBand: 'TL2',
      lateMinutes: 45,
      earlyBand: 'PSW2',
      earlyMinutes: 60,
    });
  });

  it('duplicates and any order: first in, last out', () => {
    const punches = [
      punch('16:30'),
      punch('07:40'),
      punch('07:25'),
      punch('07:25'),
      punch('16:05'),
      punch('07:40'),
    ];
    const s = classifyDay(makeInput({ punches }));
    expect(s).toMatchObject({ code: 'H', lateBand: null, earlyBand: null });
    expect(s.reasons).toEqual(['Masuk 07:25 WIB (jadwal 07:30)', 'Pulang 16:30 WIB (jadwal 16:00)']);
  });

  it('a punch outside the windows is ignored and noted', () => {
    const s = classifyDay(makeInput({ punches: [punch('04:10'), IN, OUT] }));
    expect(s).toMatchObject({ code: 'H', lateBand: null });
    expect(s.reasons.at(-1)).toMatch(/di luar jendela waktu diabaikan/);
  });

  it("the next day's and the previous evening's punches are not noted as ignored on this day", () => {
    // The classifier sees the neighbouring days' punches (overnight windows); they belong to their own days.
    const s = classifyDay(
      makeInput({ punches: [punch('21:00', { dayOffset: -1 }), IN, OUT, punch('07:20', { dayOffset: 1 })] }),
    );
    expect(s).toMatchObject({ code: 'H', lateBand: null, earlyBand: null });
    expect(s.reasons).toEqual(['Masuk 07:20 WIB (jadwal 07:30)', 'Pulang 16:05 WIB (jadwal 16:00)']);
  });

  it('only punches outside the windows → TK, noted', () => {
    const s = classifyDay(makeInput({ punches: [punch('04:10'), punch('03:00', { dayOffset: 1 })] }));
    expect(s.code).toBe('TK');
    expect(s.reasons[1]).toMatch(/di luar jendela waktu/);
  });

  it('grace minutes decide whether late; minutes counted from start (national)', () => {
    const schedule = makeSchedule({ graceMinutes: 10 });
    expect(classifyDay(makeInput({ schedule, punches: [punch('07:40'), OUT] })).lateBand).toBeNull();
    expect(classifyDay(makeInput({ schedule, punches: [punch('07:45'), OUT] }))).toMatchObject({
      lateBand: 'TL1',
      lateMinutes: 15,
    });
  });

  it('grace end as the counting point (regional-40-60)', () => {
    const schedule = makeSchedule({ graceMinutes: 10 });
    const s = classifyDay(makeInput({ schedule, rules: regional4060, punches: [punch('07:45'), OUT] }));
    expect(s).toMatchObject({ lateBand: 'TL1', lateMinutes: 5 });
    expect(s.reasons[0]).toMatch(/setelah toleransi 10 menit/);
  });

  it('Ramadan schedule 08:00–15:00 (SE MenPANRB): 07:55 on time, 08:10 TL1', () => {
    const schedule = makeSchedule({
      kind: 'ramadan',
      start: 8 * 60,
      end: 15 * 60,
      breaks: [{ start: 12 * 60, end: 12 * 60 + 30 }],
    });
    expect(classifyDay(makeInput({ schedule, punches: [punch('07:55'), punch('15:00')] }))).toMatchObject({
      code: 'H',
      lateBand: null,
      earlyBand: null,
    });
    expect(classifyDay(makeInput({ schedule, punches: [punch('08:10'), punch('15:01')] }))).toMatchObject({
      lateBand: 'TL1',
      lateMinutes: 10,
      earlyBand: null,
    });
  });
});

describe('classifyDay — one punch in both windows / double taps', () => {
  const wide = makeSchedule({
    checkInWindow: { from: 5 * 60, to: 23 * 60 },
    checkOutWindow: { from: 5 * 60, to: 23 * 60 },
  });

  it.each([
    ['09:00 is before the midpoint 11:45 → check-in', '09:00', true, false],
    ['14:00 is after the midpoint → check-out', '14:00', false, true],
  ])('%s (national: scheduleMidpoint)', (_name, time, isIn, isOut) => {
    const s = classifyDay(makeInput({ schedule: wide, punches: [punch(time)] }));
    expect(s.missingCheckIn).toBe(!isIn);
    expect(s.missingCheckOut).toBe(!isOut);
  });

  it('regional-40-60 takes the single punch as the check-in', () => {
    const s = classifyDay(makeInput({ schedule: wide, rules: regional4060, punches: [punch('14:00')] }));
    expect(s).toMatchObject({ missingCheckIn: false, missingCheckOut: true, lateBand: 'TL4' });
  });

  it('two punches in the same minute are one punch', () => {
    const s = classifyDay(makeInput({ schedule: wide, punches: [punch('09:00:05'), punch('09:00:40')] }));
    expect(s).toMatchObject({ missingCheckIn: false, missingCheckOut: true, lateMinutes: 90 });
  });
});

describe('classifyDay — overnight shift 22:00–07:00', () => {
  it.each([
    ['on time, check-out next morning', ['21:50', '07:05+1'], null, null],
    ['late 20 min → TL1', ['22:20', '07:00+1'], 'TL1', null],
    ['leaves 06:15 next day → PSW2 (45)', ['21:55', '06:15+1'], null, 'PSW2'],
    ['check-in 00:40 next day (160 min) → TL4', ['00:40+1', '07:10+1'], 'TL4', null],
  ])('%s', (_name, times, late, early) => {
    const punches = times.map((t) => (t.endsWith('+1') ? punch(t.slice(0, -2), { dayOffset: 1 }) : punch(t)));
    const s = classifyDay(makeInput({ schedule: makeNightShift(), punches }));
    expect(s).toMatchObject({ code: 'H', lateBand: late, earlyBand: early, missingCheckOut: false });
  });

  it('the reason marks next-day times', () => {
    const s = classifyDay(
      makeInput({ schedule: makeNightShift(), punches: [punch('21:50'), punch('06:15', { dayOffset: 1 })] }),
    );
    expect(s.reasons[1]).toBe(
      'Pulang cepat 45 menit (pulang 06:15 (+1 hari) WIB, jadwal 07:00 (+1 hari)) → PSW2',
    );
  });

  it("the previous night's check-out is not taken as today's punch", () => {
    // Yesterday's shift ended 07:02 today; today's shift has no punches yet → TK, the 07:02 punch is ignored.
    const s = classifyDay(makeInput({ schedule: makeNightShift(), punches: [punch('07:02')] }));
    expect(s.code).toBe('TK');
  });
});

describe('classifyDay — time zones (same UTC instant, different local time)', () => {
  const instant = Date.UTC(2025, 2, 12, 0, 45); // 07:45 WIB = 08:45 WITA = 09:45 WIT
  it.each<[IndonesianTimeZone, string, number, string]>([
    ['Asia/Jakarta', 'TL1', 15, 'WIB'],
    ['Asia/Makassar', 'TL3', 75, 'WITA'],
    ['Asia/Jayapura', 'TL4', 135, 'WIT'],
  ])('%s → %s', (zone, band, minutes, label) => {
    const schedule = makeSchedule({ zone });
    const s = classifyDay(
      makeInput({ zone, schedule, punches: [{ at: instant }, { at: fromZoned(DATE, 16 * 60 + 5, zone) }] }),
    );
    expect(s).toMatchObject({ lateBand: band, lateMinutes: minutes, earlyBand: null });
    expect(s.reasons[0]).toContain(label);
  });
});

describe('classifyDay — calendar (regulations.md §3.4)', () => {
  it.each([
    ['weekend', 'weekend', undefined, 'LIBUR', 'Akhir pekan'],
    ['national holiday', 'holiday', 'Hari Raya Nyepi', 'LIBUR', 'Hari libur: Hari Raya Nyepi'],
    ['cuti bersama (national: LIBUR)', 'cuti_bersama', 'Idul Fitri', 'LIBUR', 'Cuti bersama: Idul Fitri'],
    ['working day without a schedule (off-shift)', 'working', undefined, 'LIBUR', 'Tidak ada jadwal kerja'],
  ] as const)('%s', (_name, dayType, holidayName, code, reason) => {
    const s = classifyDay(makeInput({ schedule: null, dayType, holidayName }));
    expect(s).toMatchObject({ code, lateBand: null, earlyBand: null, workLocation: null });
    expect(s.reasons[0]).toContain(reason);
  });

  it('cuti bersama under regional-60-40 → CBER', () => {
    const s = classifyDay(makeInput({ schedule: null, dayType: 'cuti_bersama', rules: regional6040 }));
    expect(s.code).toBe('CBER');
  });

  it('punches on a holiday stay LIBUR with "masuk di hari libur" (national)', () => {
    const s = classifyDay(
      makeInput({
        schedule: null,
        dayType: 'holiday',
        holidayName: 'Nyepi',
        punches: [punch('08:02'), punch('11:30')],
      }),
    );
    expect(s.code).toBe('LIBUR');
    expect(s.reasons[1]).toBe('Masuk di hari libur (presensi 08:02–11:30 WIB); tetap LIBUR');
  });

  it('punches on a weekend are H without bands (regional-60-40)', () => {
    const s = classifyDay(
      makeInput({ schedule: null, dayType: 'weekend', rules: regional6040, punches: [punch('09:40')] }),
    );
    expect(s).toMatchObject({ code: 'H', lateBand: null, earlyBand: null, workLocation: 'WFO' });
  });

  it("a punch from the next day's early morning is not a holiday punch", () => {
    const s = classifyDay(
      makeInput({ schedule: null, dayType: 'weekend', punches: [punch('06:00', { dayOffset: 1 })] }),
    );
    expect(s.reasons).toEqual(['Akhir pekan']);
  });

  it('a duty unit scheduled on a holiday is classified as a working day', () => {
    const s = classifyDay(
      makeInput({ dayType: 'holiday', holidayName: 'Nyepi', punches: [punch('07:45'), OUT] }),
    );
    expect(s).toMatchObject({ code: 'H', lateBand: 'TL1' });
    expect(s.reasons[0]).toBe('Hari libur: Nyepi; pegawai terjadwal bekerja');
  });

  it('approved leave is not counted on a weekend', () => {
    const s = classifyDay(makeInput({ schedule: null, dayType: 'weekend', absences: [leave('CT')] }));
    expect(s.code).toBe('LIBUR');
  });
});

describe('classifyDay — leave, permits and assignments (regulations.md §4.3)', () => {
  const worked = new Set(nationalRules.absenceCodes.filter((c) => c.countsAsWorked).map((c) => c.code));

  it.each([...LEAVE_CODES, ...PERMIT_CODES])('full-day %s replaces the day', (code) => {
    const s = classifyDay(makeInput({ absences: [leave(code)] }));
    expect(s).toMatchObject({ code, lateBand: null, earlyBand: null, lateMinutes: 0, earlyMinutes: 0 });
    expect(s.workLocation).toBe(worked.has(code) ? 'WFO' : null);
    expect(s.reasons[0]).toContain(`(${code}) disetujui 2025-03-10 s.d. 2025-03-14`);
  });

  it('approved leave over a day with punches: the leave wins, punches noted', () => {
    const s = classifyDay(makeInput({ absences: [leave('CT')], punches: [punch('08:40'), OUT] }));
    expect(s).toMatchObject({ code: 'CT', lateBand: null });
    expect(s.reasons[1]).toMatch(/Ada presensi pada hari ini/);
  });

  it('leave not covering the date is ignored', () => {
    const s = classifyDay(makeInput({ absences: [{ code: 'CT', from: '2025-03-13', to: '2025-03-14' }] }));
    expect(s.code).toBe('TK');
  });

  it('two full-day absences: the code listed first in the rulebook wins (CT before DL)', () => {
    const s = classifyDay(makeInput({ absences: [leave('DL'), leave('CT')] }));
    expect(s.code).toBe('CT');
  });

  it('dinas luar with a work location carries it', () => {
    const s = classifyDay(
      makeInput({ absences: [leave('DL', { workLocation: 'WFA', note: 'Rakor di Jakarta' })] }),
    );
    expect(s).toMatchObject({ code: 'DL', workLocation: 'WFA' });
    expect(s.reasons[0]).toBe('Dinas luar (DL) disetujui 2025-03-10 s.d. 2025-03-14: Rakor di Jakarta');
  });

  describe('DL vs TGL vs terlambat are never confused', () => {
    it.each([
      ['tugas luar', { absences: [leave('TGL')] }, 'TGL', null],
      ['dinas luar', { absences: [leave('DL')] }, 'DL', null],
      ['terlambat 40 minutes', { punches: [punch('08:10'), OUT] }, 'H', 'TL2'],
      [
        'terlambat with TGL in the afternoon (partial)',
        { punches: [punch('08:10')], absences: [leave('TGL', { part: 'early' })] },
        'H',
        'TL2',
      ],
    ] as const)('%s', (_name, overrides, code, band) => {
      const s = classifyDay(makeInput(overrides));
      expect(s.code).toBe(code);
      expect(s.lateBand).toBe(band);
      if (code === 'TGL') expect(s.reasons.join(' ')).not.toMatch(/Terlambat/);
    });
  });

  it('izin terlambat excuses band and minutes (national)', () => {
    const s = classifyDay(
      makeInput({ punches: [punch('08:45'), OUT], absences: [leave('I', { part: 'late' })] }),
    );
    expect(s).toMatchObject({ code: 'H', lateBand: null, lateMinutes: 0 });
    expect(s.reasons[0]).toMatch(/Terlambat 75 menit/);
    expect(s.reasons[1]).toBe(
      'Izin (I) untuk terlambat / tidak presensi masuk disetujui: pita dan menit dibebaskan',
    );
  });

  it('izin terlambat excuses the band only; minutes still count toward PP 94 (regional-40-60)', () => {
    const s = classifyDay(
      makeInput({
        rules: regional4060,
        punches: [punch('08:45'), OUT],
        absences: [leave('I', { part: 'late' })],
      }),
    );
    expect(s).toMatchObject({ lateBand: null, lateMinutes: 75 });
  });

  it('izin pulang cepat excuses early leave', () => {
    const s = classifyDay(
      makeInput({ punches: [IN, punch('14:00')], absences: [leave('I', { part: 'early' })] }),
    );
    expect(s).toMatchObject({ code: 'H', earlyBand: null, earlyMinutes: 0 });
  });

  it('izin for a forgotten check-in excuses the missing punch', () => {
    const s = classifyDay(makeInput({ punches: [OUT], absences: [leave('I', { part: 'late' })] }));
    expect(s).toMatchObject({ code: 'H', lateBand: null, lateMinutes: 0, missingCheckIn: true });
  });

  it('a late permit does not excuse early leave', () => {
    const s = classifyDay(
      makeInput({ punches: [IN, punch('15:00')], absences: [leave('I', { part: 'late' })] }),
    );
    expect(s.earlyBand).toBe('PSW2');
  });

  it('a partial permit with no punches at all is still TK', () => {
    const s = classifyDay(
      makeInput({ absences: [leave('I', { part: 'late' }), leave('I', { part: 'early' })] }),
    );
    expect(s.code).toBe('TK');
  });

  it('a leave code that cannot be partial is ignored as izin terlambat', () => {
    const s = classifyDay(
      makeInput({ punches: [punch('08:45'), OUT], absences: [leave('CT', { part: 'late' })] }),
    );
    expect(s.lateBand).toBe('TL3');
    expect(s.reasons.at(-1)).toMatch(/tidak dapat berlaku untuk sebagian hari/);
  });
});

describe('classifyDay — regional variations', () => {
  it.each([
    ['20 min late, leaves 16:25 → made up', '07:50', '16:25', null, 0],
    ['20 min late, leaves 16:20 → made up exactly', '07:50', '16:20', null, 0],
    ['20 min late, leaves 16:10 → not made up', '07:50', '16:10', 'TL1', 20],
    ['45 min late, leaves 17:00 → over the 30-minute make-up limit', '08:15', '17:00', 'TL2', 45],
  ])('same-day make-up, regional-60-40 (KemenPANRB 2018): %s', (_name, inT, outT, band, minutes) => {
    const s = classifyDay(makeInput({ rules: regional6040, punches: [punch(inT), punch(outT)] }));
    expect(s).toMatchObject({ lateBand: band, lateMinutes: minutes, earlyBand: null });
  });

  it('missing check-in adds no minutes, band only (regional-60-40)', () => {
    const s = classifyDay(makeInput({ rules: regional6040, punches: [OUT] }));
    expect(s).toMatchObject({ lateBand: 'TL4', lateMinutes: 0 });
  });

  it('missing check-out counts half the net schedule, 225 minutes (regional-40-60)', () => {
    const s = classifyDay(makeInput({ rules: regional4060, punches: [IN] }));
    expect(s).toMatchObject({ earlyBand: 'PSW4', earlyMinutes: 225 });
  });

  it('breaks are counted in the minutes (regional-40-60)', () => {
    const s = classifyDay(makeInput({ rules: regional4060, punches: [IN, punch('12:30')] }));
    expect(s.earlyMinutes).toBe(210);
  });
});

describe('classifyDay — robustness', () => {
  it('an unknown absence code is ignored and noted', () => {
    const s = classifyDay(makeInput({ punches: [IN, OUT], absences: [leave('XX' as 'CT')] }));
    expect(s.code).toBe('H');
    expect(s.reasons.at(-1)).toMatch(/XX tidak dikenal/);
  });

  it('a malformed date classifies without throwing', () => {
    expect(classifyDay(makeInput({ date: 'bukan-tanggal', punches: [IN, OUT] })).code).toBe('TK');
  });

  it('national rules object is used as data, not constants', () => {
    expect(national.source.lateBands.bands[0]?.belowMinute).toBe(31);
  });
});

describe('classifyDay — non-working days are marked (regulations.md §0 HK, §1.3 consecutive count)', () => {
  it.each([
    ['§1.3 weekend, national → LIBUR', national, 'weekend', [] as string[], 'LIBUR'],
    ['§3.4 cuti bersama, regional-60-40 → CBER', regional6040, 'cuti_bersama', [], 'CBER'],
    [
      '§1.3 holiday punch recorded H (regional-60-40) is still not a working day',
      regional6040,
      'holiday',
      ['09:40'],
      'H',
    ],
    ['§1.3 holiday punch kept LIBUR (national)', national, 'holiday', ['09:40'], 'LIBUR'],
  ] as const)('%s', (_name, rules, dayType, times, code) => {
    const s = classifyDay(makeInput({ schedule: null, dayType, rules, punches: times.map((t) => punch(t)) }));
    expect(s).toMatchObject({ code, nonWorkingDay: true, lateBand: null, earlyBand: null });
  });

  it('§1.3 a scheduled working day is not marked non-working', () => {
    expect(classifyDay(makeInput({ punches: [IN, OUT] })).nonWorkingDay).toBe(false);
    expect(classifyDay(makeInput({ punches: [] })).nonWorkingDay).toBe(false);
  });
});

describe('classifyDay — same-day make-up is reported for the monthly allowance (KemenPANRB 2018; regulations.md §3.2)', () => {
  it.each([
    ['§3.2 20 min late made up by 16:20 → madeUpLate TL1 20', '07:50', '16:20', { band: 'TL1', minutes: 20 }],
    [
      '§3.2 30 min late (the limit) made up by 16:30 → madeUpLate TL1 30',
      '08:00',
      '16:30',
      { band: 'TL1', minutes: 30 },
    ],
    ['§3.2 20 min late not made up (16:10) → no madeUpLate, TL1 stays', '07:50', '16:10', null],
  ] as const)('regional-60-40: %s', (_name, inT, outT, madeUp) => {
    const s = classifyDay(makeInput({ rules: regional6040, punches: [punch(inT), punch(outT)] }));
    expect(s.madeUpLate).toEqual(madeUp);
    if (madeUp !== null) expect([s.lateBand, s.lateMinutes]).toEqual([null, 0]);
  });

  it('§3.2 national has no same-day make-up: the lateness is a band, madeUpLate stays null', () => {
    const s = classifyDay(makeInput({ punches: [punch('07:50'), punch('16:25')] }));
    expect([s.lateBand, s.lateMinutes, s.madeUpLate]).toEqual(['TL1', 20, null]);
  });
});

describe('classifyDay — dynamic working hours (PermenPANRB 4/2025 flexible time; regulations.md §3.3)', () => {
  // Nominal day 07:30–16:00, break 12:00–13:00 → 450 net minutes (§3.1: 37.5 h / 5 days).
  const FLEX = makeSchedule({ kind: 'flexible' });
  const withFlex = (flexibleTime: Partial<typeof nationalRules.flexibleTime>) =>
    compileAttendanceRules({
      ...nationalRules,
      flexibleTime: { ...nationalRules.flexibleTime, ...flexibleTime },
    });
  const early = (code: ApprovedAbsence['code'] = 'I'): ApprovedAbsence =>
    leave(code, { part: 'early', from: DATE, to: DATE });

  it.each([
    // [name, punches, code, lateBand, earlyBand, lateMinutes, earlyMinutes]
    [
      '§3.3 in 09:00, out 17:30 (net 450 = minimum) → H, no TL/PSW against 07:30–16:00',
      ['09:00', '17:30'],
      'H',
      null,
      null,
      0,
      0,
    ],
    [
      '§3.3 in 08:10, out 16:40 (net 450) → H: a late start is not TL',
      ['08:10', '16:40'],
      'H',
      null,
      null,
      0,
      0,
    ],
    [
      '§3.3 in 07:00, out 15:30 (net 450) → H: an early end is not PSW',
      ['07:00', '15:30'],
      'H',
      null,
      null,
      0,
      0,
    ],
    [
      '§3.3 in 10:00, out 17:00 (net 360, 90 short) → PSW3 for the shortfall (61–<91, §5.3)',
      ['10:00', '17:00'],
      'H',
      null,
      'PSW3',
      0,
      90,
    ],
    [
      '§3.3 in 09:00, out 17:00 (net 420, 30 short) → PSW1 (1–<31, §5.3)',
      ['09:00', '17:00'],
      'H',
      null,
      'PSW1',
      0,
      30,
    ],
    [
      '§4.3 only a check-in → missing check-out = PSW4 (TAP), 91 minutes',
      ['09:00'],
      'H',
      null,
      'PSW4',
      0,
      91,
    ],
    ['§4.3 only a check-out → missing check-in = TL4 (TAD), 91 minutes', ['17:00'], 'H', 'TL4', null, 91, 0],
    ['§1.3 no punch → TK', [], 'TK', null, null, 0, 0],
  ] as const)('national: %s', (_name, times, code, lateBand, earlyBand, lateMinutes, earlyMinutes) => {
    const s = classifyDay(makeInput({ schedule: FLEX, punches: times.map((t) => punch(t)) }));
    expect(s).toMatchObject({ code, lateBand, earlyBand, lateMinutes, earlyMinutes });
    if (code === 'H') expect(s.reasons.join(' ')).toContain('Jam kerja dinamis');
  });

  it.each([
    [
      '§3.3 shortfall minutesOnly: 90 minutes toward PP 94, no band',
      { shortfall: 'minutesOnly' },
      [],
      'H',
      null,
      90,
    ],
    ['§3.3 shortfall TK: presence not proven', { shortfall: 'TK' }, [], 'TK', null, 0],
    [
      '§3.3 shortfall TK excused by an approved izin pulang cepat',
      { shortfall: 'TK' },
      [early()],
      'H',
      null,
      0,
    ],
    [
      '§3.3 fixed minimum 300 minutes: net 360 is enough',
      { minimumNetMinutes: { kind: 'fixed', minutes: 300 } },
      [],
      'H',
      null,
      0,
    ],
    [
      '§3.3 no minimum: presence by both punches only',
      { minimumNetMinutes: { kind: 'none' } },
      [],
      'H',
      null,
      0,
    ],
    [
      '§3.3 earlyBand shortfall excused by izin pulang cepat (national: band and minutes)',
      {},
      [early()],
      'H',
      null,
      0,
    ],
  ] as const)('%s (in 10:00, out 17:00)', (_name, flexibleTime, absences, code, earlyBand, earlyMinutes) => {
    const s = classifyDay(
      makeInput({
        schedule: FLEX,
        punches: [punch('10:00'), punch('17:00')],
        absences: [...absences],
        rules: withFlex(flexibleTime),
      }),
    );
    expect(s).toMatchObject({ code, lateBand: null, earlyBand, earlyMinutes });
  });

  it.each([
    ['§3.3 single punch TK: only a check-in → TK', ['09:00'], [], 'TK'],
    ['§3.3 single punch TK: only a check-out → TK', ['17:00'], [], 'TK'],
    ['§3.3 single punch TK: a forgotten check-out with an approved izin → H', ['09:00'], [early()], 'H'],
  ] as const)('%s', (_name, times, absences, code) => {
    const s = classifyDay(
      makeInput({
        schedule: FLEX,
        punches: times.map((t) => punch(t)),
        absences: [...absences],
        rules: withFlex({ singlePunch: 'TK' }),
      }),
    );
    expect(s.code).toBe(code);
  });

  it('§3.1–3.2 Ramadan nominal 08:00–15:00, break 12:00–12:30 (390 net): in 08:00, out 14:30 is 30 short → PSW1', () => {
    const schedule = makeSchedule({
      kind: 'flexible',
      start: 480,
      end: 900,
      breaks: [{ start: 720, end: 750 }],
    });
    const s = classifyDay(makeInput({ schedule, punches: [punch('08:00'), punch('14:30')] }));
    expect(s).toMatchObject({ code: 'H', lateBand: null, earlyBand: 'PSW1', earlyMinutes: 30 });
  });

  it('§3.3 first-in / last-out: extra punches in between and any order give the same result', () => {
    const a = classifyDay(
      makeInput({ schedule: FLEX, punches: [punch('10:00'), punch('12:00'), punch('17:00')] }),
    );
    const b = classifyDay(
      makeInput({
        schedule: FLEX,
        punches: [punch('17:00'), punch('10:00'), punch('12:00'), punch('10:00')],
      }),
    );
    expect(b).toEqual(a);
    expect(a.earlyMinutes).toBe(90);
  });
});
