import { describe, expect, it } from 'vitest';
import performanceJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import type { PerformanceRules, Predikat } from './performance-rules.ts';
import { performanceRulesSchema, validatePerformanceRules } from './performance-rules.ts';
import {
  countBoxes,
  familyOf,
  isKeyPosition,
  placeTalent,
  rankCandidates,
  readinessOf,
  retirementOf,
  type RankInput,
} from './talent.ts';

const RULES = performanceRulesSchema.parse(performanceJson);
const T = RULES.nineBox.talent!;

describe('talent rulebook part (PermenPANRB 3/2020, 6/2022)', () => {
  it('the national part is valid', () => expect(validatePerformanceRules(RULES)).toEqual([]));

  it.each<[string, (r: PerformanceRules) => void, string]>([
    [
      'a kind in two families',
      (r) => r.nineBox.talent!.families[0]!.kinds.push('PELAKSANA'),
      'sudah masuk rumpun',
    ],
    [
      'a readiness band that is not a selection band',
      (r) => r.nineBox.talent!.readiness.readyNowBands.push('O'),
      'bukan rentang JPM',
    ],
    [
      'a predikat without a level',
      (r) => delete (r.nineBox.talent!.performanceByPredikat.levels as Record<string, unknown>)['BAIK'],
      'belum diisi',
    ],
  ])('refuses %s', (_n, mutate, message) => {
    const r = structuredClone(RULES);
    mutate(r);
    expect(
      validatePerformanceRules(r)
        .map((i) => i.message)
        .join('\n'),
    ).toContain(message);
  });
});

describe('placeTalent: predikat (performance) × JPM (potential)', () => {
  // Performance from the predikat: SB → Di Atas, B → Sesuai, BP / K / SK → Di Bawah. Potential from the JPM with
  // the nineBox.potential thresholds: ≥ 80 Tinggi, 60–< 80 Menengah, < 60 Rendah.
  it.each<[Predikat, number, number, boolean]>([
    ['SANGAT_BAIK', 100, 9, true],
    ['SANGAT_BAIK', 80, 9, true],
    ['SANGAT_BAIK', 79.99, 7, true],
    ['SANGAT_BAIK', 60, 7, true],
    ['SANGAT_BAIK', 59.99, 4, false],
    ['SANGAT_BAIK', 0, 4, false],
    ['BAIK', 80, 8, true],
    ['BAIK', 60, 5, false],
    ['BAIK', 59.99, 2, false],
    ['BUTUH_PERBAIKAN', 80, 6, false],
    ['KURANG_MISCONDUCT', 60, 3, false],
    ['SANGAT_KURANG', 0, 1, false],
  ])('%s with JPM %s → box %i (talent pool %s)', (predikat, score, box, pool) => {
    const r = placeTalent({ predikat, potentialScore: score, evaluationLabel: 'Tahunan 2025' }, RULES, T);
    expect(r).toMatchObject({ placed: true, box, isTalentPool: pool });
    if (r.placed) expect(r.reasons[0]).toContain('Tahunan 2025');
  });

  it.each([
    [null, 85, ['Belum ada penilaian kinerja tahunan']],
    ['BAIK' as const, null, ['Belum ada hasil asesmen']],
    [null, null, ['Belum ada penilaian kinerja tahunan', 'Belum ada hasil asesmen']],
  ])('not placed without both axes (predikat %s, JPM %s)', (predikat, score, reasons) => {
    const r = placeTalent({ predikat, potentialScore: score }, RULES, T);
    expect(r.placed).toBe(false);
    expect(r.reasons).toHaveLength(reasons.length);
    reasons.forEach((t, i) => expect(r.reasons[i]).toContain(t));
  });

  it('the reason for a missing potential can be given (a position without a standard)', () => {
    const r = placeTalent(
      { predikat: 'BAIK', potentialScore: null, potentialMissing: 'Tanpa standar' },
      RULES,
      T,
    );
    expect(r.reasons).toEqual(['Tanpa standar']);
  });

  it('counts per box', () => {
    const placed = [
      placeTalent({ predikat: 'SANGAT_BAIK', potentialScore: 90 }, RULES, T),
      placeTalent({ predikat: 'SANGAT_BAIK', potentialScore: 85 }, RULES, T),
      placeTalent({ predikat: 'SANGAT_KURANG', potentialScore: 10 }, RULES, T),
      placeTalent({ predikat: null, potentialScore: 10 }, RULES, T),
    ];
    expect(countBoxes(placed)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });
});

describe('families, key positions, readiness', () => {
  it.each([
    ['JPT_PRATAMA', 'JPT'],
    ['ADMINISTRATOR', 'ADMINISTRATOR'],
    ['JF_AHLI_MUDA', 'JF_KEAHLIAN'],
    ['JF_TERAMPIL', 'JF_KETERAMPILAN'],
    ['TIDAK_DIKENAL', 'LAINNYA'],
    [null, 'LAINNYA'],
  ])('kind %s → family %s', (kind, family) => expect(familyOf(kind, T).code).toBe(family));

  it.each([
    ['JPT_PRATAMA', true],
    ['ADMINISTRATOR', true],
    ['PENGAWAS', false],
  ])('key position %s: %s', (kind, key) => expect(isKeyPosition(kind, T)).toBe(key));

  it.each([
    ['MS', 'READY_NOW'],
    ['MMS', 'READY_SOON'],
    ['KMS', 'NOT_READY'],
  ])('selection band %s → %s', (code, r) => expect(readinessOf(code, T)).toBe(r));
});

describe('rankCandidates: JPM, then pool, box, JP, name', () => {
  const c = (
    employeeId: string,
    jpm: number,
    box: number | null,
    jp: number,
    name = employeeId,
  ): RankInput => ({
    employeeId,
    name,
    jpm,
    box,
    isTalentPool: box !== null && box >= 7,
    jp,
  });
  it.each<[string, RankInput[], string[]]>([
    ['JPM first', [c('a', 80, 9, 40), c('b', 84.21, 1, 0)], ['b', 'a']],
    ['equal JPM: the talent pool first', [c('a', 80, 6, 40), c('b', 80, 7, 0)], ['b', 'a']],
    ['equal JPM, both in the pool: higher box', [c('a', 80, 8, 40), c('b', 80, 9, 0)], ['b', 'a']],
    ['not placed after placed', [c('a', 80, null, 40), c('b', 80, 1, 0)], ['b', 'a']],
    ['then JP this year', [c('a', 80, 5, 10), c('b', 80, 5, 24)], ['b', 'a']],
    ['then name', [c('b', 80, 5, 10, 'Budi'), c('a', 80, 5, 10, 'Ani')], ['a', 'b']],
  ])('%s', (_n, items, order) => expect(rankCandidates(items).map((i) => i.employeeId)).toEqual(order));
});

describe('retirementOf (UU 5/2014 Pasal 90: JPT 60, administration 58)', () => {
  it.each([
    ['1966-03-10', 'JPT_PRATAMA', '2026-01-15', 59, 60, '2026-04-01', 2],
    ['1968-12-05', 'ADMINISTRATOR', '2026-01-15', 57, 58, '2027-01-01', 11],
    ['1968-01-15', 'ADMINISTRATOR', '2026-01-15', 58, 58, '2026-02-01', 0],
    ['1960-06-01', 'JF_AHLI_UTAMA', '2026-01-15', 65, 65, '2025-07-01', 0],
  ])(
    'born %s, %s, on %s: age %i of %i, retires %s (%i months left)',
    (b, kind, today, age, bup, on, left) => {
      expect(retirementOf(b, kind, today, T)).toEqual({
        age,
        retirementAge: bup,
        retiresOn: on,
        monthsLeft: left,
      });
    },
  );
});
