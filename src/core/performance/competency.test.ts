import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import performanceJson from '../../../rulebooks/national/performance.json' with { type: 'json' };
import { performanceRulesSchema, validatePerformanceRules } from './performance-rules.ts';
import type { CompetencyRules } from './competency-rules.ts';
import { assessmentJpm, competencyGaps, developmentProgress, positionStandard } from './competency.ts';

const RULES = performanceRulesSchema.parse(performanceJson);
const C = RULES.competency!;
const MANAGERIAL = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];
const levels = (...l: number[]) => new Map(MANAGERIAL.map((c, i) => [c, l[i]!] as [string, number]));

describe('competency rulebook part (PermenPANRB 38/2017)', () => {
  it('the national dictionary has the 8 managerial competencies and Perekat Bangsa, each with levels 1–5', () => {
    expect(C.dictionary.map((c) => c.code)).toEqual(MANAGERIAL);
    expect(C.dictionary.every((c) => c.levels.map((l) => l.level).join() === '1,2,3,4,5')).toBe(true);
    expect(C.development.minJpPerYear).toBe(20);
    expect(validatePerformanceRules(RULES)).toEqual([]);
  });

  it.each<[string, (r: CompetencyRules) => void, string]>([
    ['duplicate code', (r) => r.dictionary.push({ ...r.dictionary[0]! }), 'lebih dari sekali'],
    [
      'a level twice',
      (r) => (r.dictionary[0]!.levels[4] = { ...r.dictionary[0]!.levels[0]! }),
      'masing-masing sekali',
    ],
    [
      'a kind twice',
      (r) => r.requiredLevels.byPositionKind.push({ positionKind: 'PELAKSANA', level: 2 }),
      'lebih dari sekali',
    ],
  ])('refuses %s', (_name, mutate, message) => {
    const r = structuredClone(RULES);
    mutate(r.competency!);
    expect(
      validatePerformanceRules(r)
        .map((i) => i.message)
        .join('\n'),
    ).toContain(message);
  });
});

describe('positionStandard', () => {
  it.each<[string, string | null, { code: string; level: number }[], Record<string, number>]>([
    [
      'administrator by default: every competency at 3',
      'ADMINISTRATOR',
      [],
      Object.fromEntries(MANAGERIAL.map((c) => [c, 3])),
    ],
    [
      'pengawas with M.08 raised to 3',
      'PENGAWAS',
      [{ code: 'M.08', level: 3 }],
      { ...Object.fromEntries(MANAGERIAL.map((c) => [c, 2])), 'M.08': 3 },
    ],
    [
      'a JF has no default: only what BKD set',
      'JF_AHLI_MUDA',
      [
        { code: 'M.01', level: 2 },
        { code: 'T.01', level: 3 },
      ],
      { 'M.01': 2, 'T.01': 3 },
    ],
    ['a JF with nothing set has no standard', 'JF_AHLI_MUDA', [], {}],
    ['no position at all', null, [], {}],
  ])('%s', (_name, kind, overrides, expected) => {
    const std = positionStandard(
      kind,
      overrides.map((o) => ({ ...o, group: o.code.startsWith('T.') ? 'TEKNIS' : 'MANAJERIAL' })),
      C,
    );
    expect(Object.fromEntries(std.map((s) => [s.code, s.required]))).toEqual(expected);
  });
});

describe('assessmentJpm (regulations.md §7.2, hand-worked)', () => {
  const admin = positionStandard('ADMINISTRATOR', [], C); // 9 × 3 = 27
  it.each<[string, Map<string, number>, 'selection' | 'mapping', number, string]>([
    // 3+3+3+3+3+3+2+2+2 = 24; 24/27 = 88.89 % → MS (≥ 80), CO (78–<90)
    ['24 of 27, selection', levels(3, 3, 3, 3, 3, 3, 2, 2, 2), 'selection', 88.89, 'MS'],
    ['24 of 27, mapping', levels(3, 3, 3, 3, 3, 3, 2, 2, 2), 'mapping', 88.89, 'CO'],
    // 2×9 = 18; 18/27 = 66.67 % → KMS (< 68), KO (< 78)
    ['18 of 27, selection', levels(2, 2, 2, 2, 2, 2, 2, 2, 2), 'selection', 66.67, 'KMS'],
    ['18 of 27, mapping', levels(2, 2, 2, 2, 2, 2, 2, 2, 2), 'mapping', 66.67, 'KO'],
    // 3×4 + 2×5 = 22 → 81.48 % → MS, CO
    ['22 of 27 → MS', levels(3, 3, 3, 3, 2, 2, 2, 2, 2), 'selection', 81.48, 'MS'],
    // 19/27 = 70.37 % → MMS (68–<80)
    ['19 of 27 → MMS', levels(3, 2, 2, 2, 2, 2, 2, 2, 2), 'selection', 70.37, 'MMS'],
    // 5×9 = 45 / 27 = 166 % → capped at 100 → O
    ['above the standard: capped at 100', levels(5, 5, 5, 5, 5, 5, 5, 5, 5), 'mapping', 100, 'O'],
  ])('%s', (_name, assessed, purpose, percent, code) => {
    const r = assessmentJpm(admin, assessed, RULES, purpose)!;
    expect(Math.round(r.percent * 100) / 100).toBe(percent);
    expect(r.code).toBe(code);
  });

  it('counts a competency not assessed as 0 and says so', () => {
    const assessed = levels(3, 3, 3, 3, 3, 3, 3, 3, 3);
    assessed.delete('SK.01');
    const r = assessmentJpm(admin, assessed, RULES, 'selection')!;
    expect(r.assessedTotal).toBe(24);
    expect(r.reasons[0]).toContain('SK.01');
  });

  it('leaves technical competencies out of the JPM and answers null without a managerial standard', () => {
    const tech = positionStandard('JF_AHLI_MUDA', [{ code: 'T.01', group: 'TEKNIS', level: 3 }], C);
    expect(assessmentJpm(tech, new Map([['T.01', 3]]), RULES, 'selection')).toBeNull();
  });

  it('JPM stays within 0..100 and rises with any assessed level (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 9, maxLength: 9 }),
        fc.nat(8),
        (ls, i) => {
          const a = assessmentJpm(admin, levels(...ls), RULES, 'mapping')!;
          expect(a.percent).toBeGreaterThanOrEqual(0);
          expect(a.percent).toBeLessThanOrEqual(100);
          const up = [...ls];
          up[i] = Math.min(5, up[i]! + 1);
          expect(assessmentJpm(admin, levels(...up), RULES, 'mapping')!.percent).toBeGreaterThanOrEqual(
            a.percent,
          );
        },
      ),
    );
  });
});

describe('competencyGaps', () => {
  it('ranks the largest gap first, then by code; a competency not assessed is a gap of its whole level', () => {
    const std = positionStandard('ADMINISTRATOR', [{ code: 'T.01', group: 'TEKNIS', level: 2 }], C);
    const assessed = levels(3, 1, 3, 2, 3, 3, 3, 2, 3);
    const gaps = competencyGaps(std, assessed);
    expect(gaps.map((g) => [g.code, g.gap])).toEqual([
      ['M.02', 2],
      ['T.01', 2],
      ['M.04', 1],
      ['M.08', 1],
    ]);
    expect(gaps.find((g) => g.code === 'T.01')!.assessed).toBeNull();
  });
});

describe('developmentProgress (PP 11/2017 Pasal 203 ayat (4): 20 JP a year)', () => {
  it.each<[string, { endDate: string; jp: number }[], number, boolean, number]>([
    ['nothing yet', [], 0, false, 20],
    [
      '12 JP this year, 30 JP last year',
      [
        { endDate: '2026-03-10', jp: 12 },
        { endDate: '2025-11-02', jp: 30 },
      ],
      12,
      false,
      8,
    ],
    [
      'exactly 20',
      [
        { endDate: '2026-03-10', jp: 12 },
        { endDate: '2026-12-31', jp: 8 },
      ],
      20,
      true,
      0,
    ],
    ['above', [{ endDate: '2026-01-01', jp: 32 }], 32, true, 0],
  ])('%s', (_name, records, jp, met, remaining) => {
    expect(developmentProgress(records, 2026, C)).toEqual({ year: 2026, jp, target: 20, met, remaining });
  });
});
