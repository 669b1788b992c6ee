import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trainingForGap, trainingNeeds, type CatalogueTraining } from './training-needs.ts';

const T = (id: string, codes: string[], cost: number, jp = 10, active = true): CatalogueTraining => ({
  id,
  title: `Pelatihan ${id}`,
  codes,
  jp,
  cost,
  active,
});
const CATALOGUE = [
  T('PKP', ['M.07', 'M.08'], 12_000_000, 40),
  T('KURSUS-KEP', ['M.08'], 1_500_000, 16),
  T('COACH', ['M.02'], 0, 8),
  T('LAMA', ['M.04'], 100_000, 8, false),
];

describe('trainingForGap', () => {
  it.each<[string, string, string | null]>([
    ['the cheapest entry developing the competency', 'M.08', 'KURSUS-KEP'],
    ['the only one', 'M.07', 'PKP'],
    ['a free coaching', 'M.02', 'COACH'],
    ['an inactive entry is not offered', 'M.04', null],
    ['nothing develops it', 'SK.01', null],
  ])('%s', (_n, code, id) => expect(trainingForGap(code, CATALOGUE)?.id ?? null).toBe(id));
});

describe('trainingNeeds (hand-worked)', () => {
  it('counts each participant once per training, prices it, and compares with the budget', () => {
    // A: M.08, M.07 → KURSUS-KEP (1,5 jt) + PKP (12 jt); B: M.08, M.02 → KURSUS-KEP + COACH (0); C: SK.01 → none.
    const r = trainingNeeds(
      [
        { employeeId: 'A', gaps: [{ code: 'M.08' }, { code: 'M.07' }] },
        { employeeId: 'B', gaps: [{ code: 'M.08' }, { code: 'M.02' }] },
        { employeeId: 'C', gaps: [{ code: 'SK.01' }] },
      ],
      CATALOGUE,
      14_000_000,
    );
    expect(r.needs.map((n) => [n.trainingId, n.employeeIds.join(), n.cost])).toEqual([
      ['PKP', 'A', 12_000_000],
      ['KURSUS-KEP', 'A,B', 3_000_000],
      ['COACH', 'B', 0],
    ]);
    expect(r.uncovered).toEqual([{ code: 'SK.01', employeeIds: ['C'] }]);
    // 12 + 3 = 15 jt against 14 jt: 1 jt over.
    expect(r).toMatchObject({
      total: 15_000_000,
      budget: 14_000_000,
      remaining: -1_000_000,
      overBudget: true,
    });
  });

  it('without a budget says so instead of comparing', () => {
    expect(trainingNeeds([], CATALOGUE, null)).toMatchObject({
      total: 0,
      remaining: null,
      overBudget: false,
    });
  });

  it('the total is the sum of the needs and never counts a participant twice in one training (fast-check)', () => {
    const codes = ['M.02', 'M.07', 'M.08', 'SK.01'];
    fc.assert(
      fc.property(fc.array(fc.subarray(codes, { minLength: 1 }), { maxLength: 8 }), (gapLists) => {
        const r = trainingNeeds(
          gapLists.map((g, i) => ({ employeeId: `E${i}`, gaps: g.map((code) => ({ code })) })),
          CATALOGUE,
          null,
        );
        expect(r.total).toBe(r.needs.reduce((s, n) => s + n.cost, 0));
        for (const n of r.needs) expect(new Set(n.employeeIds).size).toBe(n.employeeIds.length);
      }),
    );
  });
});
