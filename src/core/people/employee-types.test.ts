import { describe, expect, it } from 'vitest';
import {
  CPNS_ENTRY_GOLONGAN,
  EDUCATION_LEVELS,
  EMPLOYEE_TYPES,
  EMPLOYEE_TYPE_LABELS,
  PNS_GOLONGAN,
  PNS_GOLONGAN_CODES,
  POSITION_KINDS,
  POSITION_KIND_LABELS,
  PPPK_ENTRY_GOLONGAN,
  PPPK_GOLONGAN,
  formatPnsGolongan,
  hasNip,
  isFunctionalPosition,
  isManagerialPosition,
  isPnsGolongan,
  isPppkGolongan,
  pnsGolonganRank,
} from './employee-types.ts';

describe('employee types', () => {
  it('labels every type and only non-ASN lacks a NIP', () => {
    expect(EMPLOYEE_TYPES.every((t) => EMPLOYEE_TYPE_LABELS[t].length > 0)).toBe(true);
    expect(EMPLOYEE_TYPES.filter((t) => !hasNip(t))).toEqual(['NON_ASN']);
  });
});

describe('golongan', () => {
  it('has 17 PNS golongan from I/a Juru Muda to IV/e Pembina Utama', () => {
    expect(PNS_GOLONGAN).toHaveLength(17);
    expect(formatPnsGolongan('I/a')).toBe('I/a (Juru Muda)');
    expect(formatPnsGolongan('III/b')).toBe('III/b (Penata Muda Tingkat I)');
    expect(formatPnsGolongan('IV/e')).toBe('IV/e (Pembina Utama)');
    expect(new Set(PNS_GOLONGAN.map((g) => g.pangkat)).size).toBe(17);
  });

  it('ranks golongan in order', () => {
    expect(pnsGolonganRank('I/a')).toBe(0);
    expect(pnsGolonganRank('IV/e')).toBe(16);
    expect(pnsGolonganRank('III/a')).toBeLessThan(pnsGolonganRank('III/b'));
  });

  it('has PPPK golongan I–XVII', () => {
    expect(PPPK_GOLONGAN).toHaveLength(17);
    expect(PPPK_GOLONGAN[0]).toBe('I');
    expect(PPPK_GOLONGAN[16]).toBe('XVII');
  });

  it('recognises codes', () => {
    expect(isPnsGolongan('III/a')).toBe(true);
    expect(isPnsGolongan('III/e')).toBe(false);
    expect(isPppkGolongan('IX')).toBe(true);
    expect(isPppkGolongan('XVIII')).toBe(false);
  });

  it('entry golongan never decreases with education', () => {
    const ranks = EDUCATION_LEVELS.map((e) => pnsGolonganRank(CPNS_ENTRY_GOLONGAN[e]));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const pppk = EDUCATION_LEVELS.map((e) => PPPK_GOLONGAN.indexOf(PPPK_ENTRY_GOLONGAN[e]));
    expect([...pppk].sort((a, b) => a - b)).toEqual(pppk);
    expect(PNS_GOLONGAN_CODES).toContain(CPNS_ENTRY_GOLONGAN.S1);
  });
});

describe('position kinds', () => {
  it('labels every kind and classifies them', () => {
    expect(POSITION_KINDS.every((k) => POSITION_KIND_LABELS[k].startsWith('Jabatan'))).toBe(true);
    expect(POSITION_KINDS.filter(isManagerialPosition)).toEqual([
      'JPT_MADYA',
      'JPT_PRATAMA',
      'ADMINISTRATOR',
      'PENGAWAS',
    ]);
    expect(POSITION_KINDS.filter(isFunctionalPosition)).toHaveLength(8);
  });
});
