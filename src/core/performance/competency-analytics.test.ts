import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { competencyAnalytics, type AnalyticsPerson } from './competency-analytics.ts';

const P = (over: Partial<AnalyticsPerson>): AnalyticsPerson => ({
  groupId: 'A',
  groupName: 'Dinas A',
  band: null,
  percent: null,
  noStandard: false,
  gaps: [],
  assessed: false,
  jp: 0,
  ...over,
});
const BANDS = ['O', 'CO', 'KO'];

describe('competencyAnalytics (hand-worked)', () => {
  it('counts bands, gaps, coverage per OPD and over all', () => {
    const r = competencyAnalytics(
      [
        // Dinas A: one optimal (92 %), one KO (55 %) short of M.08 by 2 and M.07 by 1, one not assessed with 24 JP.
        P({ band: 'O', percent: 92, assessed: true, jp: 20 }),
        P({
          band: 'KO',
          percent: 55,
          assessed: true,
          gaps: [
            { code: 'M.08', gap: 2 },
            { code: 'M.07', gap: 1 },
          ],
        }),
        P({ jp: 24 }),
        // Badan B: one CO (80 %) short of M.08 by 1 with 8 JP; one assessed on a post with no standard.
        P({
          groupId: 'B',
          groupName: 'Badan B',
          band: 'CO',
          percent: 80,
          assessed: true,
          gaps: [{ code: 'M.08', gap: 1 }],
          jp: 8,
        }),
        P({ groupId: 'B', groupName: 'Badan B', assessed: true, noStandard: true }),
      ],
      BANDS,
      20,
    );
    expect(r.groups.map((g) => g.groupName)).toEqual(['Badan B', 'Dinas A']);
    const a = r.groups[1]!;
    expect(a).toMatchObject({ employees: 3, assessed: 2, noStandard: 0, bands: { O: 1, CO: 0, KO: 1 } });
    expect(a.gaps).toEqual({ 'M.07': { people: 1, meanGap: 1 }, 'M.08': { people: 1, meanGap: 2 } });
    // 2 of 3 reached 20 JP: 66,7 %; (20 + 0 + 24) / 3 = 14,7 JP.
    expect(a).toMatchObject({ jpMet: 2, jpTotal: 44, jpMean: 14.7, coveragePercent: 66.7 });
    // Over all: M.08 short for 2 people by 2 and 1 → mean 1,5.
    expect(r.total.gaps['M.08']).toEqual({ people: 2, meanGap: 1.5 });
    expect(r.total).toMatchObject({
      employees: 5,
      assessed: 4,
      noStandard: 1,
      bands: { O: 1, CO: 1, KO: 1 },
    });
    expect(r.total.coveragePercent).toBe(40);
    // Bins of 10 %: 55 → [50, 60), 80 → [80, 90), 92 → [90, 100].
    expect(r.histogram.filter((b) => b.people > 0).map((b) => [b.from, b.people])).toEqual([
      [50, 1],
      [80, 1],
      [90, 1],
    ]);
  });

  it.each([
    [0, 0],
    [9.99, 0],
    [10, 1],
    [99.99, 9],
    [100, 9],
  ])('puts a JPM of %s %% in bin %i (the last bin includes 100)', (percent, bin) => {
    const r = competencyAnalytics([P({ band: 'O', percent, assessed: true })], BANDS, 20);
    expect(r.histogram.findIndex((b) => b.people === 1)).toBe(bin);
  });

  it('reports an empty group set as zeros, and refuses a bin width that does not divide 100', () => {
    const r = competencyAnalytics([], BANDS, 20);
    expect(r.total).toMatchObject({
      employees: 0,
      jpMean: 0,
      coveragePercent: 0,
      bands: { O: 0, CO: 0, KO: 0 },
    });
    expect(() => competencyAnalytics([], BANDS, 20, 7)).toThrow(/divide/);
  });

  it('keeps the totals equal to the sum of the groups (property)', () => {
    const person = fc.record({
      groupId: fc.constantFrom('A', 'B', 'C'),
      band: fc.option(fc.constantFrom(...BANDS), { nil: null }),
      jp: fc.integer({ min: 0, max: 60 }),
      gap: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 40 }), (xs) => {
        const r = competencyAnalytics(
          xs.map((x) =>
            P({
              groupId: x.groupId,
              groupName: `Unit ${x.groupId}`,
              band: x.band,
              percent: x.band ? 50 : null,
              assessed: x.band !== null,
              jp: x.jp,
              gaps: x.band ? [{ code: 'M.01', gap: x.gap }] : [],
            }),
          ),
          BANDS,
          20,
        );
        const sum = (f: (g: (typeof r.groups)[number]) => number) => r.groups.reduce((s, g) => s + f(g), 0);
        expect(sum((g) => g.employees)).toBe(r.total.employees);
        expect(sum((g) => g.jpMet)).toBe(r.total.jpMet);
        for (const b of BANDS) expect(sum((g) => g.bands[b]!)).toBe(r.total.bands[b]);
        expect(sum((g) => g.gaps['M.01']?.people ?? 0)).toBe(r.total.gaps['M.01']?.people ?? 0);
        expect(r.histogram.reduce((s, b) => s + b.people, 0)).toBe(
          r.total.bands.O! + r.total.bands.CO! + r.total.bands.KO!,
        );
      }),
    );
  });
});
