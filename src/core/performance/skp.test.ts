import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../common/local-date.ts';
import {
  cascadeIssues,
  completenessIssues,
  decideRefusal,
  editRefusal,
  needsCascade,
  periodIssues,
  periodsOverlap,
  planNewPeriod,
  skpEligibility,
  submitRefusal,
  targetIssues,
  type SkpStatus,
} from './skp.ts';

const TYPES = ['PNS', 'CPNS', 'PPPK'];

describe('SKP rules (PermenPANRB 6/2022; regulations.md §6.2, §6.4)', () => {
  it.each([
    ['PNS', true, null],
    ['CPNS', true, null],
    ['PPPK', true, null],
    ['PPPK_PARUH_WAKTU', false, 'Pegawai non-ASN / PPPK paruh waktu tidak menyusun SKP'],
    ['NON_ASN', false, 'Pegawai non-ASN / PPPK paruh waktu tidak menyusun SKP'],
  ])('eligibility of %s', (type, eligible, reason) => {
    expect(skpEligibility(type, TYPES)).toEqual({ eligible, reason });
  });

  it.each([
    ['PELAKSANA', true],
    ['JF_AHLI_PERTAMA', true],
    ['JF_TERAMPIL', true],
    [null, true],
    ['PENGAWAS', false],
    ['ADMINISTRATOR', false],
    ['JPT_PRATAMA', false],
    ['JPT_MADYA', false],
  ])('cascade required for %s: %s', (kind, expected) => {
    expect(needsCascade(kind)).toBe(expected);
  });

  it.each<[SkpStatus, boolean, boolean, boolean]>([
    // status, editable, submittable, decidable
    ['DRAFT', true, true, false],
    ['RETURNED', true, true, false],
    ['SUBMITTED', false, false, true],
    ['APPROVED', false, false, false],
  ])('workflow from %s', (status, edit, submit, decide) => {
    expect(editRefusal(status) === null).toBe(edit);
    expect(submitRefusal(status) === null).toBe(submit);
    expect(decideRefusal(status) === null).toBe(decide);
  });

  it('approving a non-submitted SKP names why', () => {
    expect(decideRefusal('DRAFT')).toContain('belum diajukan');
    expect(decideRefusal('APPROVED')).toContain('sudah disetujui');
  });

  it.each([
    [2027, '2027-01-01', '2027-12-31', []],
    [2027, '2026-12-31', '2027-12-31', ['periodStart']],
    [2027, '2027-01-01', '2028-01-01', ['periodEnd']],
    [2027, '2027-06-01', '2027-05-31', ['periodEnd']],
  ])('period of %i from %s to %s', (year, start, end, paths) => {
    expect(periodIssues(year, start, end).map((i) => i.path)).toEqual(paths);
  });

  it.each([
    [{ targetMin: 12 }, []],
    [{ targetMin: 0, targetMax: 0 }, []],
    [{ targetMin: 80, targetMax: 100 }, []],
    [{ targetMin: -1 }, ['Target tidak boleh negatif']],
    [{ targetMin: 'dua' }, ['Target harus berupa angka']],
    [{ targetMin: Number.NaN }, ['Target harus berupa angka']],
    [{ targetMin: 10, targetMax: 5 }, ['Target maksimum tidak boleh lebih kecil dari target minimum']],
    [{ targetMin: 10, targetMax: 'x' }, ['Target maksimum harus berupa angka']],
  ])('target %j', (t, messages) => {
    expect(targetIssues(t).map((i) => i.message)).toEqual(messages);
  });

  const period = { start: '2027-01-01', end: '2027-12-31' };
  const sup = {
    id: 'r1',
    skpEmployeeId: 'kabid',
    skpStatus: 'APPROVED' as SkpStatus,
    periodStart: '2027-01-01',
    periodEnd: '2027-12-31',
  };
  it.each([
    ['a JA RHK intervening nothing', { intervenesRhkId: null }, true, undefined, 'wajib mengintervensi'],
    ['a structural RHK from the PK', { penugasanDari: 'PK OPD 2027' }, false, undefined, null],
    ['an unknown RHK', { intervenesRhkId: 'x' }, true, undefined, 'tidak ditemukan'],
    [
      'someone else’s RHK',
      { intervenesRhkId: 'r1' },
      true,
      { ...sup, skpEmployeeId: 'other' },
      'bukan RHK pejabat penilai',
    ],
    [
      'an RHK of another period',
      { intervenesRhkId: 'r1' },
      true,
      { ...sup, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
      'periode lain',
    ],
    [
      'an RHK of a draft',
      { intervenesRhkId: 'r1' },
      true,
      { ...sup, skpStatus: 'DRAFT' as SkpStatus },
      'belum diajukan',
    ],
    [
      'the penilai’s submitted RHK',
      { intervenesRhkId: 'r1' },
      true,
      { ...sup, skpStatus: 'SUBMITTED' as SkpStatus },
      null,
    ],
    ['the penilai’s approved RHK', { intervenesRhkId: 'r1' }, true, sup, null],
  ])('cascade: %s', (_name, rhk, cascade, found, message) => {
    const issues = cascadeIssues(rhk, { cascade, period, penilaiIds: ['kabid'], found, path: 'rhk.0' });
    if (message === null) expect(issues).toEqual([]);
    else expect(issues[0]?.message).toContain(message);
  });

  it('completeness before submitting', () => {
    expect(completenessIssues([], false).map((i) => i.path)).toEqual(['rhk']);
    expect(
      completenessIssues(
        [
          { kind: 'UTAMA', indicators: [1], intervenesRhkId: 'a' },
          { kind: 'TAMBAHAN', indicators: [], intervenesRhkId: null },
        ],
        true,
      ).map((i) => i.path),
    ).toEqual(['rhk.1.indicators', 'rhk.1.intervenesRhkId']);
  });

  it('a new SKP after a change of position starts at the placement and cuts the older one', () => {
    const existing = [{ id: 'a', periodStart: '2027-01-01', periodEnd: '2027-12-31' }];
    expect(planNewPeriod(2027, period, existing, '2027-03-01')).toEqual({
      start: '2027-03-01',
      end: '2027-12-31',
      cut: { id: 'a', newEnd: '2027-02-28' },
    });
    // Same placement as when the older one began: a second SKP is refused.
    expect(planNewPeriod(2027, period, existing, '2015-01-02')).toHaveProperty('refusal');
    // Nothing yet: the requested period.
    expect(planNewPeriod(2027, period, [], '2027-03-01')).toEqual({ ...period, cut: null });
  });

  it('property: after a cut the two periods are adjacent, inside the year and never overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 364 }), (offset) => {
        const placement = addDays('2027-01-01', offset);
        const plan = planNewPeriod(
          2027,
          period,
          [{ id: 'a', periodStart: '2027-01-01', periodEnd: '2027-12-31' }],
          placement,
        );
        if ('refusal' in plan) return false;
        const older = { start: '2027-01-01', end: plan.cut!.newEnd };
        return (
          addDays(older.end, 1) === plan.start &&
          !periodsOverlap(older, plan) &&
          periodIssues(2027, plan.start, plan.end).length === 0 &&
          periodIssues(2027, older.start, older.end).length === 0
        );
      }),
    );
  });

  it('property: a valid target has no issues; a negative one always has', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (a, b) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          return (
            targetIssues({ targetMin: min, targetMax: max }).length === 0 &&
            targetIssues({ targetMin: -1 - a }).length === 1
          );
        },
      ),
    );
  });
});
