import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nationalRules, regional4060Rules, regional6040Rules } from '../attendance/test-helpers.ts';
import { validateAttendanceRules } from '../attendance/attendance-rules.ts';
import {
  isAbsurdCoordinate,
  permitRequestIssues,
  permitsCollide,
  type PermitKindRule,
  type PermitRequestFacts,
} from './permit-request.ts';

const rule = (code: string): PermitKindRule => nationalRules.permitRules!.kinds.find((k) => k.code === code)!;
const base: PermitRequestFacts = { kind: 'I', part: 'full', dateFrom: '2026-01-20', dateTo: '2026-01-20' };
const letter = { letterNumber: '800/1', letterDate: '2026-01-10', fileHash: 'a'.repeat(64) };
const dest = { name: 'Jakarta', lat: -6.2, lon: 106.8, radiusM: 200 };

describe('permitRequestIssues (rulebook attendance.permitRules, regulations.md §4.3)', () => {
  it.each<[string, PermitRequestFacts, string[]]>([
    ['izin terlambat, one date', { ...base, part: 'late' }, []],
    ['izin 3 days (national max)', { ...base, dateTo: '2026-01-22' }, []],
    ['izin 4 days', { ...base, dateTo: '2026-01-23' }, ['dateTo']],
    ['izin pulang cepat over two dates', { ...base, part: 'early', dateTo: '2026-01-21' }, ['dateTo']],
    ['sakit 1 day (PP 11/2017 Pasal 320: longer = cuti sakit)', { ...base, kind: 'S' }, []],
    ['sakit 2 days', { ...base, kind: 'S', dateTo: '2026-01-21' }, ['dateTo']],
    ['sakit part of a day', { ...base, kind: 'S', part: 'late' }, ['part']],
    ['DL complete', { ...base, kind: 'DL', ...letter, destination: dest }, []],
    [
      'DL without anything',
      { ...base, kind: 'DL' },
      ['letterNumber', 'letterDate', 'fileHash', 'destination'],
    ],
    [
      'DL at 0,0',
      { ...base, kind: 'DL', ...letter, destination: { ...dest, lat: 0, lon: 0 } },
      ['destination.lat'],
    ],
    ['TB with letter', { ...base, kind: 'TB', ...letter, dateTo: '2027-01-20' }, []],
    ['DIKLAT partial', { ...base, kind: 'DIKLAT', ...letter, part: 'late' }, ['part']],
    ['dates reversed', { ...base, dateFrom: '2026-01-21' }, ['dateTo']],
    ['WFH partial', { ...base, kind: 'WFH', part: 'early' }, ['part']],
  ])('%s', (_name, req, paths) => {
    const r = req.kind === 'WFH' || req.kind === 'WFA' ? null : rule(req.kind);
    expect(permitRequestIssues(req, r).map((i) => i.path)).toEqual(paths);
  });

  it('a kind the rulebook does not configure cannot be requested', () => {
    expect(permitRequestIssues({ ...base, kind: 'TGL' }, null).map((i) => i.path)).toEqual(['kind']);
  });

  it('every shipped rulebook configures permits consistently with its absence codes', () => {
    for (const r of [nationalRules, regional4060Rules, regional6040Rules]) {
      expect(validateAttendanceRules(r)).toEqual([]);
      expect(r.permitRules?.kinds.map((k) => k.code)).toEqual(['I', 'S', 'DL', 'TGL', 'TB', 'DIKLAT']);
    }
    const broken = structuredClone(nationalRules);
    broken.permitRules!.kinds[2] = { ...broken.permitRules!.kinds[2]!, code: 'I' };
    broken.permitRules!.kinds[1] = { ...broken.permitRules!.kinds[1]!, parts: ['late'] };
    broken.permitRules!.kinds[4] = { ...broken.permitRules!.kinds[4]!, letterRequired: false };
    expect(validateAttendanceRules(broken).map((i) => i.path)).toEqual([
      'attendance.permitRules.kinds[1].parts',
      'attendance.permitRules.kinds[2].code',
      'attendance.permitRules.kinds[4].adminMayRecord',
    ]);
  });
});

describe('isAbsurdCoordinate', () => {
  it.each([
    [-6.2, 106.8, false],
    [0, 0, true],
    [91, 10, true],
    [10, -181, true],
    [Number.NaN, 1, true],
    [0, 106.8, false],
  ])('%s, %s → %s', (lat, lon, absurd) => expect(isAbsurdCoordinate(lat, lon)).toBe(absurd));
});

describe('permitsCollide', () => {
  const p = (kind: string, part: string, dateFrom: string, dateTo = dateFrom) => ({
    kind,
    part,
    dateFrom,
    dateTo,
  });
  it.each([
    [p('I', 'full', '2026-01-20'), p('S', 'full', '2026-01-20'), true],
    [p('I', 'full', '2026-01-20'), p('I', 'full', '2026-01-21'), false],
    [p('I', 'late', '2026-01-20'), p('I', 'late', '2026-01-20'), true],
    [p('I', 'late', '2026-01-20'), p('I', 'early', '2026-01-20'), false],
    [p('WFH', 'full', '2026-01-20'), p('I', 'late', '2026-01-20'), false],
    [p('DL', 'full', '2026-01-19', '2026-01-21'), p('I', 'early', '2026-01-20'), true],
    [p('WFH', 'full', '2026-01-20'), p('WFA', 'full', '2026-01-20'), true],
  ])('%o vs %o → %s', (a, b, expected) => expect(permitsCollide(a, b)).toBe(expected));

  it('is symmetric and never true for disjoint dates', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    const req = fc
      .tuple(
        fc.constantFrom('I', 'S', 'DL', 'WFH', 'WFA'),
        fc.constantFrom('full', 'late', 'early'),
        day,
        day,
      )
      .map(([kind, part, a, b]) => p(kind, part, a < b ? a : b, a < b ? b : a));
    fc.assert(
      fc.property(req, req, (a, b) => {
        expect(permitsCollide(a, b)).toBe(permitsCollide(b, a));
        if (a.dateTo < b.dateFrom || b.dateTo < a.dateFrom) expect(permitsCollide(a, b)).toBe(false);
      }),
    );
  });
});
