import { describe, expect, it } from 'vitest';
import { validateAttendanceRules } from './attendance-rules.ts';
import type { AttendanceRules } from './attendance-rules.ts';
import { classifyDay, compileAttendanceRules } from './classify-day.ts';
import { makeInput, nationalRules, regional4060Rules, regional6040Rules } from './test-helpers.ts';

function mutate(change: (r: AttendanceRules) => void): AttendanceRules {
  const copy = structuredClone(nationalRules);
  change(copy);
  return copy;
}

describe('validateAttendanceRules — rulebook data', () => {
  it.each([
    ['national', nationalRules],
    ['regional-60-40', regional6040Rules],
    ['regional-40-60', regional4060Rules],
  ])('rulebooks/%s/attendance.json validates', (_name, rules) => {
    expect(validateAttendanceRules(rules)).toEqual([]);
  });

  it('the common scheme has the §5.3 limits 1–<31, 31–<61, 61–<91, ≥91', () => {
    expect(nationalRules.lateBands.bands.map((b) => [b.band, b.fromMinute, b.belowMinute])).toEqual([
      ['TL1', 1, 31],
      ['TL2', 31, 61],
      ['TL3', 61, 91],
      ['TL4', 91, null],
    ]);
    expect(nationalRules.earlyBands.bands.map((b) => b.band)).toEqual(['PSW1', 'PSW2', 'PSW3', 'PSW4']);
  });
});

describe('validateAttendanceRules — issues', () => {
  it.each<[string, (r: AttendanceRules) => void, string, RegExp]>([
    [
      'gap between bands',
      (r) => {
        r.lateBands.bands[1]!.fromMinute = 35;
      },
      'attendance.lateBands.bands[1].fromMinute',
      /celah/,
    ],
    [
      'overlapping bands',
      (r) => {
        r.earlyBands.bands[2]!.fromMinute = 50;
      },
      'attendance.earlyBands.bands[2].fromMinute',
      /tumpang tindih/,
    ],
    [
      'first band not from minute 1',
      (r) => {
        r.lateBands.bands[0]!.fromMinute = 5;
      },
      'attendance.lateBands.bands[0].fromMinute',
      /menit ke-1/,
    ],
    [
      'last band not open-ended',
      (r) => {
        r.lateBands.bands[3]!.belowMinute = 200;
      },
      'attendance.lateBands.bands[3].belowMinute',
      /terbuka/,
    ],
    [
      'codes out of order',
      (r) => {
        r.lateBands.bands[0]!.band = 'TL2';
        r.lateBands.bands[1]!.band = 'TL1';
      },
      'attendance.lateBands.bands[0].band',
      /harus TL1/,
    ],
    [
      'upper bound not above lower bound',
      (r) => {
        r.earlyBands.bands[0]!.belowMinute = 1;
      },
      'attendance.earlyBands.bands[0].belowMinute',
      /./,
    ],
    [
      'missing check-in mapped to a band that is not configured',
      (r) => {
        r.lateBands.bands = r.lateBands.bands.slice(0, 3);
        r.lateBands.bands[2]!.belowMinute = null;
      },
      'attendance.missingCheckIn.band',
      /TL4 tidak ada/,
    ],
    [
      'a leave code not configured',
      (r) => {
        r.absenceCodes = r.absenceCodes.filter((c) => c.code !== 'CM');
      },
      'attendance.absenceCodes',
      /CM belum diatur/,
    ],
    [
      'a code configured twice',
      (r) => {
        r.absenceCodes.push(structuredClone(r.absenceCodes[0]!));
      },
      `attendance.absenceCodes[14].code`,
      /lebih dari sekali/,
    ],
    [
      'a code neither full-day nor partial',
      (r) => {
        r.absenceCodes[0]!.fullDay = false;
      },
      'attendance.absenceCodes[0]',
      /sehari penuh/,
    ],
    [
      'effective period ends before it starts',
      (r) => {
        r.effectiveTo = '2020-01-01';
      },
      'attendance.effectiveTo',
      /sebelum/,
    ],
  ])('%s', (_name, change, path, message) => {
    const issues = validateAttendanceRules(mutate(change));
    expect(issues.find((i) => i.path === path)?.message).toMatch(message);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 42, 'attendance'],
    [
      'TL used as an early band',
      mutate((r) => ((r.earlyBands.bands[0] as { band: string }).band = 'TL1')),
      'attendance.earlyBands.bands[0].band',
    ],
    [
      'unknown absence code TL (tugas luar must be TGL)',
      mutate((r) => ((r.absenceCodes[8] as { code: string }).code = 'TL')),
      'attendance.absenceCodes[8].code',
    ],
    [
      'missing legal basis',
      mutate((r) => delete (r.noPunches as { legalBasis?: unknown }).legalBasis),
      'attendance.noPunches.legalBasis',
    ],
    [
      'negative fixed minutes',
      mutate((r) => (r.missingCheckIn.minutes = { kind: 'fixed', minutes: -1 })),
      'attendance.missingCheckIn.minutes.minutes',
    ],
  ])('schema: %s', (_name, rules, path) => {
    const issues = validateAttendanceRules(rules);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('uses the given path prefix', () => {
    const issues = validateAttendanceRules(
      mutate((r) => (r.effectiveTo = '2020-01-01')),
      'rulebook.attendance',
    );
    expect(issues[0]?.path).toBe('rulebook.attendance.effectiveTo');
  });
});

describe('compileAttendanceRules', () => {
  it('throws on rules that fail validation (a rulebook must be validated first)', () => {
    const bad = mutate((r) => (r.lateBands.bands[1]!.fromMinute = 40));
    expect(() => compileAttendanceRules(bad)).toThrow(/celah/);
  });

  it('classifyDay accepts uncompiled rules (compiled once and cached)', () => {
    const s = classifyDay(makeInput({ rules: nationalRules }));
    expect(s.code).toBe('TK');
  });
});
