import { describe, expect, it } from 'vitest';
import type { CaseOptions } from '../../src/shared/api/discipline-cases.ts';
import {
  fixedLevel,
  sanctionGroups,
  sanctionOf,
  violationsForSource,
} from '../../src/web/components/discipline/options.ts';

/*
 * The case forms' choices (issue 16): violations of the catalogue by source with their fixed level, sanctions of
 * the employee's track by level (GET /discipline/options).
 */
const basis = { regulation: 'PP 94/2021' };
const options: CaseOptions = {
  employeeType: 'PNS',
  regulationSet: 'PP94_2021',
  procedure: 'PP94',
  trackNote: null,
  violations: [
    {
      code: 'PASAL_4_F',
      article: 'Pasal 4 f',
      name: 'Masuk kerja',
      level: null,
      track: 'disiplin',
      sources: ['INDIKASI', 'INSPEKSI'],
      legalBasis: basis,
    },
    {
      code: 'PASAL_3',
      article: 'Pasal 3',
      name: 'Kewajiban',
      level: null,
      track: 'disiplin',
      sources: ['INSPEKSI', 'PENGADUAN'],
      legalBasis: basis,
    },
    {
      code: 'PASAL_5_N_3_7',
      article: 'Pasal 5 n 3–7',
      name: 'Netralitas',
      level: 'berat',
      track: 'disiplin',
      sources: ['NETRALITAS'],
      legalBasis: basis,
    },
  ],
  sanctions: [
    {
      code: 'R1',
      name: 'teguran lisan',
      level: 'ringan',
      durationMonths: null,
      appliedAs: null,
      legalBasis: basis,
    },
    {
      code: 'S1',
      name: 'tunda KGB',
      level: 'sedang',
      durationMonths: 12,
      appliedAs: null,
      legalBasis: basis,
    },
    {
      code: 'R2',
      name: 'teguran tertulis',
      level: 'ringan',
      durationMonths: null,
      appliedAs: null,
      legalBasis: basis,
    },
    {
      code: 'B1',
      name: 'turun jabatan',
      level: 'berat',
      durationMonths: 12,
      appliedAs: { code: 'B1X', name: 'sementara' },
      legalBasis: basis,
    },
  ],
};

describe('the pickers’ choices (GET /discipline/options)', () => {
  it.each([
    ['INSPEKSI', ['PASAL_4_F', 'PASAL_3']],
    ['PENGADUAN', ['PASAL_3']],
    ['NETRALITAS', ['PASAL_5_N_3_7']],
    ['LAINNYA', []],
  ])('offers for a case from %s only the articles it may cite', (source, codes) => {
    expect(violationsForSource(options, source).map((v) => v.code)).toEqual(codes);
  });

  it('fixes the level when the article sets it, else leaves it to the examiner', () => {
    expect(fixedLevel(options, 'PASAL_5_N_3_7')).toBe('berat');
    expect(fixedLevel(options, 'PASAL_3')).toBeNull();
    expect(fixedLevel(options, null)).toBeNull();
    expect(violationsForSource(undefined, 'INSPEKSI')).toEqual([]);
  });

  it('groups the track’s sanctions by level in order, or gives one level only', () => {
    expect(sanctionGroups(options).map((g) => [g.level, g.items.map((s) => s.code)])).toEqual([
      ['ringan', ['R1', 'R2']],
      ['sedang', ['S1']],
      ['berat', ['B1']],
    ]);
    expect(sanctionGroups(options, 'sedang').map((g) => g.level)).toEqual(['sedang']);
    expect(sanctionGroups({ ...options, sanctions: [] })).toEqual([]);
    expect(sanctionOf(options, 'B1')?.appliedAs?.code).toBe('B1X');
    expect(sanctionOf(options, 'X9')).toBeNull();
  });
});
