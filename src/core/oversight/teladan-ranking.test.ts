import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCriteria,
  type Criterion,
  type CriterionInput,
  TELADAN_EXAMPLE_CRITERIA,
  TELADAN_FIGURE_NAMES,
} from './teladan-criteria.ts';
import { rankTeladan, type TeladanCandidate } from './teladan-ranking.ts';

const criteriaOf = (input: CriterionInput[]): Criterion[] => {
  const r = checkCriteria(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.criteria;
};

const cand = (
  employeeId: string,
  opdId: string,
  f: [
    tk: number | null,
    sanctions: number | null,
    violations: number | null,
    kinerja: number | null,
    noms: number,
  ],
  nip: string | null = `19800101200001100${employeeId.slice(-1)}`,
): TeladanCandidate => ({
  employeeId,
  nip,
  name: employeeId,
  opdId,
  figures: {
    'attendance.absentWithoutLeave': f[0],
    'discipline.sanctions': f[1],
    'attendance.violations': f[2],
    'kinerja.score': f[3],
    'nominations.total': f[4],
  },
});

describe('teladan ranking with hand-worked figures (issue 18 point 4)', () => {
  /*
   * In the ranking: a1, a3, b1. TL/PSW/TK min 0 max 4, lower better: a1 1−2/4 = 0.5, a3 1, b1 0. Kinerja on 0–100:
   * 0.9, 0.8, 0.95. Usulan min 0 max 3: 1/3, 0, 1. Scores: a1 = 40·0.5 + 40·0.9 + 20·0.333333 = 62.6667;
   * a3 = 40 + 32 + 0 = 72; b1 = 0 + 38 + 20 = 58.
   */
  const ranked = rankTeladan(criteriaOf(TELADAN_EXAMPLE_CRITERIA), [
    cand('a1', 'A', [0, 0, 2, 90, 1]),
    cand('a2', 'A', [1, 0, 0, 100, 5]),
    cand('a3', 'A', [0, 0, 0, 80, 0]),
    cand('b1', 'B', [0, 0, 4, 95, 3]),
    cand('b2', 'B', [0, null, 0, 100, 0]),
  ]);
  const by = (id: string) => ranked.find((r) => r.employeeId === id)!;

  it.each([
    ['a3', 72, 1, 1],
    ['a1', 62.6667, 2, 2],
    ['b1', 58, 3, 1],
  ])('%s scores %d, rank %d in the region and %d in its OPD', (id, score, region, opd) => {
    expect(by(id)).toMatchObject({ score, regionRank: region, opdRank: opd, excluded: false, reasons: [] });
  });

  it.each([
    ['a2', ['Tanpa TK: 1 (syarat ≤ 0)']],
    ['b2', ['Tanpa hukuman disiplin: angka tidak tersedia']],
  ])('%s is excluded with the reason and never ranked', (id, reasons) => {
    expect(by(id)).toMatchObject({ excluded: true, reasons, score: null, regionRank: null, opdRank: null });
  });

  it('shows every criterion figure and its part, in the declared order', () => {
    expect(by('a1').results).toEqual([
      {
        key: 'tanpa-tk',
        figure: 'attendance.absentWithoutLeave',
        value: 0,
        passed: true,
        score: null,
        note: null,
      },
      {
        key: 'tanpa-hukdis',
        figure: 'discipline.sanctions',
        value: 0,
        passed: true,
        score: null,
        note: null,
      },
      { key: 'tl-psw-tk', figure: 'attendance.violations', value: 2, passed: null, score: 0.5, note: null },
      { key: 'kinerja', figure: 'kinerja.score', value: 90, passed: null, score: 0.9, note: null },
      { key: 'usulan', figure: 'nominations.total', value: 1, passed: null, score: 0.333333, note: null },
    ]);
    expect(ranked.map((r) => r.employeeId)).toEqual(['a3', 'a1', 'b1', 'a2', 'b2']);
  });

  it('a scored figure not available gives 0 with the reason; a hard one excludes', () => {
    const criteria = criteriaOf([
      {
        key: 'komp',
        label: 'Kompetensi',
        figure: 'competency.score',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
      },
      {
        key: 'usulan',
        label: 'Usulan',
        figure: 'nominations.total',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
      },
    ]);
    const [r] = rankTeladan(criteria, [
      { employeeId: 'x', nip: null, name: 'x', opdId: 'A', figures: { 'nominations.total': 2 } },
    ]);
    expect(r!.results[0]).toMatchObject({
      value: null,
      score: 0,
      note: 'Kompetensi: angka tidak tersedia (nilai 0)',
    });
    expect(r!.score).toBe(50);
    const hard = criteriaOf([
      {
        key: 'komp',
        label: 'Kompetensi',
        figure: 'competency.score',
        kind: 'hard',
        direction: 'higher',
        threshold: 70,
      },
      {
        key: 'usulan',
        label: 'Usulan',
        figure: 'nominations.total',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
      },
    ]);
    expect(
      rankTeladan(hard, [{ employeeId: 'x', nip: null, name: 'x', opdId: 'A', figures: {} }])[0],
    ).toMatchObject({
      excluded: true,
      reasons: ['Kompetensi: angka tidak tersedia'],
    });
  });

  it('breaks ties by the first declared criterion, then NIP, then id', () => {
    const criteria = criteriaOf([
      {
        key: 'k1',
        label: 'K1',
        figure: 'kinerja.score',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
        scale: { min: 0, max: 100 },
      },
      {
        key: 'k2',
        label: 'K2',
        figure: 'nominations.total',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
        scale: { min: 0, max: 10 },
      },
    ]);
    const mk = (id: string, nip: string | null, kin: number, nom: number): TeladanCandidate => ({
      employeeId: id,
      nip,
      name: id,
      opdId: 'A',
      figures: { 'kinerja.score': kin, 'nominations.total': nom },
    });
    const order = rankTeladan(criteria, [
      mk('e4', null, 50, 10),
      mk('e3', '2', 50, 10),
      mk('e2', '1', 50, 10),
      mk('e1', '9', 100, 5),
      mk('e0', null, 50, 10),
    ]).map((r) => [r.employeeId, r.score, r.regionRank]);
    // All score 75; e1 has the higher first criterion; the rest by NIP, no NIP last, then id.
    expect(order).toEqual([
      ['e1', 75, 1],
      ['e2', 75, 2],
      ['e3', 75, 3],
      ['e0', 75, 4],
      ['e4', 75, 5],
    ]);
  });
});

describe('teladan criteria checks (issue 18 "Bad input")', () => {
  const scored = {
    key: 's',
    label: 'S',
    figure: 'kinerja.score',
    kind: 'scored',
    direction: 'higher',
    weight: 1,
  } as const;
  it.each<[string, CriterionInput[], string[]]>([
    [
      'a figure that does not exist',
      [
        scored,
        {
          key: 'x',
          label: 'Kehadiran apel',
          figure: 'attendance.apel',
          kind: 'hard',
          direction: 'higher',
          threshold: 1,
        },
      ],
      ['criteria.1.figure: Kriteria "Kehadiran apel" merujuk angka "attendance.apel" yang tidak ada'],
    ],
    [
      'a weight of 0',
      [{ ...scored, weight: 0 }],
      ['criteria.0.weight: Kriteria "S": bobot harus angka lebih dari 0'],
    ],
    [
      'a negative weight',
      [{ ...scored, weight: -5 }],
      ['criteria.0.weight: Kriteria "S": bobot harus angka lebih dari 0'],
    ],
    [
      'a weight too large',
      [{ ...scored, weight: 5000 }],
      ['criteria.0.weight: Kriteria "S": bobot paling besar 1000'],
    ],
    [
      'a scored criterion without weight',
      [{ ...scored, weight: null }],
      ['criteria.0.weight: Kriteria "S": bobot harus angka lebih dari 0'],
    ],
    [
      'a hard criterion with a weight and no threshold',
      [
        scored,
        { key: 'h', label: 'H', figure: 'discipline.sanctions', kind: 'hard', direction: 'lower', weight: 3 },
      ],
      [
        'criteria.1.threshold: Kriteria "H": kriteria wajib memerlukan ambang (angka)',
        'criteria.1.weight: Kriteria "H": kriteria wajib tidak berbobot (lulus/gugur)',
      ],
    ],
    [
      'hard criteria only',
      [
        {
          key: 'h',
          label: 'H',
          figure: 'discipline.sanctions',
          kind: 'hard',
          direction: 'lower',
          threshold: 0,
        },
      ],
      ['criteria: Paling sedikit satu kriteria berbobot (kriteria wajib saja tidak dapat memeringkat)'],
    ],
    [
      'a duplicate key',
      [scored, scored],
      ['criteria.1.key: Kriteria "S": kode "s" dipakai lebih dari sekali'],
    ],
    [
      'an inverted scale',
      [{ ...scored, scale: { min: 10, max: 0 } }],
      ['criteria.0.scale: Kriteria "S": skala harus min < max'],
    ],
    ['no criteria', [], ['criteria: Belum ada kriteria']],
  ])('refuses %s, naming the criterion', (_what, input, expected) => {
    const r = checkCriteria(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(expected);
  });

  it('accepts the example of docs/teladan.md', () => {
    expect(checkCriteria(TELADAN_EXAMPLE_CRITERIA).ok).toBe(true);
  });
});

describe('teladan ranking properties', () => {
  const figureArb = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 50 }),
    fc.double({ min: 0, max: 100, noNaN: true }),
  );
  const candidatesArb = fc.uniqueArray(
    fc.record({
      employeeId: fc.uuid(),
      nip: fc.option(fc.stringMatching(/^[0-9]{3}$/), { nil: null }),
      opdId: fc.constantFrom('A', 'B', 'C'),
      figures: fc.dictionary(fc.constantFrom(...TELADAN_FIGURE_NAMES), figureArb),
    }),
    { selector: (c) => c.employeeId, maxLength: 25 },
  );
  const criterionArb: fc.Arbitrary<CriterionInput> = fc.oneof(
    fc.record({
      key: fc.constant(''),
      label: fc.constant('H'),
      figure: fc.constantFrom(...TELADAN_FIGURE_NAMES),
      kind: fc.constant('hard' as const),
      direction: fc.constantFrom('higher' as const, 'lower' as const),
      threshold: fc.integer({ min: 0, max: 30 }),
    }),
    fc.record({
      key: fc.constant(''),
      label: fc.constant('S'),
      figure: fc.constantFrom(...TELADAN_FIGURE_NAMES),
      kind: fc.constant('scored' as const),
      direction: fc.constantFrom('higher' as const, 'lower' as const),
      weight: fc.integer({ min: 1, max: 100 }),
      scale: fc.option(fc.constant({ min: 0, max: 20 }), { nil: null }),
    }),
  );
  const criteriaArb = fc
    .array(criterionArb, { minLength: 1, maxLength: 6 })
    .map((list) => [
      ...list,
      {
        key: '',
        label: 'N',
        figure: 'nominations.total',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
      } as CriterionInput,
    ])
    .map((list) => criteriaOf(list.map((c, i) => ({ ...c, key: `k${i}` }))));
  const setup = fc.tuple(
    criteriaArb,
    candidatesArb.map((cs) => cs.map((c) => ({ ...c, name: c.employeeId }))),
  );

  it('excluded never ranks; ranks are 1..n consistent with scores; scores stay within 0–100', () => {
    fc.assert(
      fc.property(setup, ([criteria, candidates]) => {
        const ranked = rankTeladan(criteria, candidates);
        expect(ranked).toHaveLength(candidates.length);
        const inRank = ranked.filter((r) => !r.excluded);
        for (const r of ranked) {
          if (r.excluded) {
            expect(r.reasons.length).toBeGreaterThan(0);
            expect([r.score, r.regionRank, r.opdRank]).toEqual([null, null, null]);
          } else {
            expect(r.score).toBeGreaterThanOrEqual(0);
            expect(r.score).toBeLessThanOrEqual(100);
          }
        }
        expect(inRank.map((r) => r.regionRank)).toEqual(inRank.map((_, i) => i + 1));
        for (let i = 1; i < inRank.length; i++)
          expect(inRank[i - 1]!.score!).toBeGreaterThanOrEqual(inRank[i]!.score!);
        for (const opd of ['A', 'B', 'C']) {
          const list = inRank.filter((r) => r.opdId === opd);
          expect(list.map((r) => r.opdRank)).toEqual(list.map((_, i) => i + 1));
        }
      }),
    );
  });

  it('the ranking does not depend on the order the candidates come in', () => {
    fc.assert(
      fc.property(setup, fc.func(fc.integer()), ([criteria, candidates], key) => {
        const shuffled = [...candidates].sort((a, b) => key(a.employeeId) - key(b.employeeId));
        const a = rankTeladan(criteria, candidates).map((r) => [r.employeeId, r.regionRank, r.score]);
        const b = rankTeladan(criteria, shuffled).map((r) => [r.employeeId, r.regionRank, r.score]);
        expect(b).toEqual(a);
      }),
    );
  });

  it('a candidate is excluded exactly when a hard criterion fails', () => {
    fc.assert(
      fc.property(setup, ([criteria, candidates]) => {
        for (const r of rankTeladan(criteria, candidates)) {
          const fails = criteria.some((c) => {
            if (c.kind !== 'hard') return false;
            const v = r.figures[c.figure];
            return typeof v !== 'number' || (c.direction === 'higher' ? v < c.threshold : v > c.threshold);
          });
          expect(r.excluded).toBe(fails);
        }
      }),
    );
  });
});
