import { describe, expect, it } from 'vitest';
import {
  actingInForce,
  employeeLocalDate,
  isInService,
  localDateAt,
  officialOfPost,
  opdUnitIdOf,
  pickAtLevel,
  targetTier,
  tierOf,
  unitsUpward,
  type ActingAssignment,
  type ZonedPlacement,
} from './relations.ts';

const at = (iso: string) => Date.parse(iso);

describe('localDateAt: the date of an instant in each zone', () => {
  it.each([
    ['2026-03-10T16:30:00Z', 'Asia/Jakarta', '2026-03-10'], // 23:30 WIB
    ['2026-03-10T16:30:00Z', 'Asia/Makassar', '2026-03-11'], // 00:30 WITA
    ['2026-03-10T16:30:00Z', 'Asia/Jayapura', '2026-03-11'], // 01:30 WIT
    ['2026-03-10T15:59:00Z', 'Asia/Makassar', '2026-03-10'], // 23:59 WITA
    ['2026-03-10T14:59:00Z', 'Asia/Jayapura', '2026-03-10'], // 23:59 WIT
    ['2026-03-10T15:00:00Z', 'Asia/Jayapura', '2026-03-11'], // 00:00 WIT
  ] as const)('%s in %s is %s', (iso, zone, date) => {
    expect(localDateAt(at(iso), zone)).toBe(date);
  });
});

describe('employeeLocalDate: the date in the zone of the unit placed in at that instant', () => {
  const wib = (validFrom: string, validTo: string | null): ZonedPlacement => ({
    validFrom,
    validTo,
    timeZone: 'Asia/Jakarta',
  });
  const wita = (validFrom: string, validTo: string | null): ZonedPlacement => ({
    validFrom,
    validTo,
    timeZone: 'Asia/Makassar',
  });
  const WIB = 'Asia/Jakarta' as const;
  const WITA = 'Asia/Makassar' as const;
  it.each([
    [
      'a WITA unit at 23:30 WIB is already the next day',
      [wita('2020-01-01', null)],
      WITA,
      '2026-03-10T16:30:00Z',
      '2026-03-11',
    ],
    [
      'a WIB unit at 23:30 WIB is still the day',
      [wib('2020-01-01', null)],
      WIB,
      '2026-03-10T16:30:00Z',
      '2026-03-10',
    ],
    [
      'moved WIB → WITA from 11/03: at 23:30 WIB on 10/03 the new unit has begun its first day',
      [wib('2020-01-01', '2026-03-10'), wita('2026-03-11', null)],
      WIB,
      '2026-03-10T16:30:00Z',
      '2026-03-11',
    ],
    [
      'moved WIB → WITA from 11/03: at 22:30 WIB on 10/03 still the old unit’s day',
      [wib('2020-01-01', '2026-03-10'), wita('2026-03-11', null)],
      WITA,
      '2026-03-10T15:30:00Z',
      '2026-03-10',
    ],
    [
      'moved WITA → WIB from 11/03: in the hour neither unit’s day holds (00:30 WITA, 23:30 WIB) the current unit decides',
      [wita('2020-01-01', '2026-03-10'), wib('2026-03-11', null)],
      WIB,
      '2026-03-10T16:30:00Z',
      '2026-03-10',
    ],
    [
      'no placement holds the instant: the current unit’s zone',
      [wib('2020-01-01', '2021-01-01')],
      WITA,
      '2026-03-10T16:30:00Z',
      '2026-03-11',
    ],
  ] as const)('%s', (_name, placements, current, iso, date) => {
    expect(employeeLocalDate(at(iso), placements, current)).toBe(date);
  });
});

describe('isInService', () => {
  it.each([
    ['2026-01-01', null, '2025-12-31', false],
    ['2026-01-01', null, '2026-01-01', true],
    ['2026-01-01', '2026-06-30', '2026-06-30', true],
    ['2026-01-01', '2026-06-30', '2026-07-01', false],
  ] as const)('from %s to %s, on %s: %s', (activeFrom, activeTo, date, inService) => {
    expect(isInService({ activeFrom, activeTo }, date)).toBe(inService);
  });
});

describe('actingInForce and officialOfPost', () => {
  const a = (
    employeeId: string,
    kind: 'PLT' | 'PLH',
    validFrom: string,
    validTo: string | null,
  ): ActingAssignment => ({ employeeId, positionId: 'P', kind, validFrom, validTo });
  const plt = a('plt', 'PLT', '2026-01-25', '2026-02-28');
  const plh = a('plh', 'PLH', '2026-01-12', '2026-01-30');
  const openPlt = a('open', 'PLT', '2025-10-01', null);

  it.each([
    [
      'before any assignment: the holder',
      [plt, plh],
      ['holder'],
      '2026-01-11',
      { employeeId: 'holder', acting: null },
    ],
    ['the Plh on its first day', [plt, plh], ['holder'], '2026-01-12', { employeeId: 'plh', acting: 'PLH' }],
    [
      'Plh and Plt both in force: the Plh',
      [plt, plh],
      ['holder'],
      '2026-01-26',
      { employeeId: 'plh', acting: 'PLH' },
    ],
    ['the Plt on its last day', [plt, plh], ['holder'], '2026-02-28', { employeeId: 'plt', acting: 'PLT' }],
    [
      'the day after the Plt ended: the holder again',
      [plt, plh],
      ['holder'],
      '2026-03-01',
      { employeeId: 'holder', acting: null },
    ],
    ['a vacant post with an open Plt', [openPlt], [], '2030-01-01', { employeeId: 'open', acting: 'PLT' }],
    ['a vacant post after its Plt ended: nobody', [plt], [], '2026-03-01', null],
    ['a vacant post, no acting: nobody', [], [], '2026-01-15', null],
  ] as const)('%s', (_name, acting, holders, date, official) => {
    expect(officialOfPost({ holderIds: holders, acting }, date)).toEqual(official);
  });

  it('never answers the person asked about (a Plh is not their own superior)', () => {
    expect(officialOfPost({ holderIds: ['holder'], acting: [plh] }, '2026-01-15', 'plh')).toEqual({
      employeeId: 'holder',
      acting: null,
    });
    expect(officialOfPost({ holderIds: ['holder'], acting: [] }, '2026-01-15', 'holder')).toBeNull();
  });

  it('orders what is in force: Plh first, then the latest appointed', () => {
    const older = a('older', 'PLT', '2025-01-01', null);
    const newer = a('newer', 'PLT', '2026-01-01', null);
    expect(actingInForce([older, plh, newer], '2026-01-15').map((x) => x.employeeId)).toEqual([
      'plh',
      'newer',
      'older',
    ]);
  });
});

describe('tiers and the official at a level', () => {
  it.each([
    ['PENGAWAS', 1],
    ['ADMINISTRATOR', 2],
    ['JPT_PRATAMA', 3],
    ['JPT_MADYA', 4],
    ['PELAKSANA', 0],
    ['JF_AHLI_MADYA', 0],
    [null, 0],
  ] as const)('%s is tier %i', (kind, tier) => {
    expect(tierOf(kind)).toBe(tier);
  });

  it.each([
    ['ADMINISTRATOR', 0, 2],
    [{ levelsAbove: 1 }, 0, 1],
    [{ levelsAbove: 2 }, 1, 3],
  ] as const)('target of %j for an employee of tier %i is %i', (level, own, tier) => {
    expect(targetTier(level, own)).toBe(tier);
  });

  // Chain above a pelaksana: Kasubag (1), Sekretaris (2), Kepala Dinas (3), Sekda (4).
  const full = [1, 2, 3, 4].map((tier) => ({ tier, hasOfficial: true }));
  it.each([
    ['the Pengawas', full, 1, { index: 0, exact: true }],
    ['the JPT Pratama', full, 3, { index: 2, exact: true }],
    [
      'a vacant Administrator post: the next higher official',
      full.map((s) => (s.tier === 2 ? { ...s, hasOfficial: false } : s)),
      2,
      { index: 2, exact: false },
    ],
    [
      'no Pengawas in the chain (delayering): the Administrator',
      full.filter((s) => s.tier !== 1),
      1,
      { index: 0, exact: false },
    ],
    ['above the top of the chain: nobody', full, 5, null],
  ] as const)('%s', (_name, chain, tier, found) => {
    expect(pickAtLevel(chain, tier)).toEqual(found);
  });
});

describe('units of a path', () => {
  it.each([
    ['/root/', 'root'],
    ['/root/opd/', 'opd'],
    ['/root/opd/bidang/uptd/', 'opd'],
  ])('the OPD of %s is %s', (path, opd) => {
    expect(opdUnitIdOf(path)).toBe(opd);
  });
  it('lists the units upward, nearest first', () => {
    expect(unitsUpward('/root/opd/bidang/')).toEqual(['bidang', 'opd', 'root']);
  });
});
