import { describe, expect, it } from 'vitest';
import {
  allRated,
  changeProjectResult,
  evaluationDateOf,
  isOnScale,
  leadershipProgramOf,
  reminderDue,
  validateChangeProjectRules,
  type ChangeProjectRules,
  type GoalRating,
} from './change-project.ts';

const RULES: ChangeProjectRules = {
  legalBasis: { regulation: 'Peraturan LAN (pelatihan kepemimpinan)' },
  programs: [
    { code: 'PKN', name: 'Pelatihan Kepemimpinan Nasional' },
    { code: 'PKA', name: 'Pelatihan Kepemimpinan Administrator' },
    { code: 'PKP', name: 'Pelatihan Kepemimpinan Pengawas' },
  ],
  evaluationDelayMonths: 12,
  reminderLeadDays: [30, 7],
  scale: { min: 1, max: 5, labels: [] },
  deliveredThreshold: 3.5,
  partlyThreshold: 2.5,
};

describe('leadershipProgramOf', () => {
  it.each<[string, (string | null)[], string | null]>([
    ['the code as a word', ['PKA Angkatan II 2025'], 'PKA'],
    ['the code in lower case', ['pkp angkatan 3'], 'PKP'],
    ['the full name', ['Pelatihan Kepemimpinan Pengawas Angkatan IV'], 'PKP'],
    ['the catalogue title when the record title is plain', ['Diklat BPSDM', 'PKN Tingkat II'], 'PKN'],
    ['the code inside a word is not the program', ['PKAPBD Terampil'], null],
    ['a technical course', ['Pelatihan Pengadaan Barang/Jasa'], null],
    ['no title', [null, ''], null],
  ])('%s', (_n, titles, code) => expect(leadershipProgramOf(titles, RULES)).toBe(code));
});

describe('evaluationDateOf: training end + 12 months (rulebook)', () => {
  it.each([
    ['same day a year later', '2025-11-14', '2026-11-14'],
    ['29 Feb → 28 Feb the next year', '2024-02-29', '2025-02-28'],
    ['31 Dec', '2025-12-31', '2026-12-31'],
  ])('%s', (_n, end, expected) => expect(evaluationDateOf(end, RULES)).toBe(expected));
  it.each([
    ['31 Jan + 1 month → 28 Feb', '2026-01-31', 1, '2026-02-28'],
    ['31 Jan + 1 month in a leap year → 29 Feb', '2024-01-31', 1, '2024-02-29'],
    ['30 Nov + 3 months', '2025-11-30', 3, '2026-02-28'],
    ['18 months', '2025-08-15', 18, '2027-02-15'],
  ])('%s', (_n, end, months, expected) =>
    expect(evaluationDateOf(end, { evaluationDelayMonths: months })).toBe(expected),
  );
});

describe('reminderDue: 30 and 7 days before the evaluation date 2026-11-14', () => {
  it.each<[string, string, number | null]>([
    ['31 days before: none yet', '2026-10-14', null],
    ['30 days before: the 30-day one', '2026-10-15', 30],
    ['8 days before: still the 30-day one', '2026-11-06', 30],
    ['7 days before: the 7-day one', '2026-11-07', 7],
    ['on the date: the 7-day one (a tick that missed it)', '2026-11-14', 7],
    ['after the date: none', '2026-11-15', null],
  ])('%s', (_n, today, lead) => expect(reminderDue('2026-11-14', today, RULES)).toBe(lead));
  it('reads the lead days in any order', () =>
    expect(reminderDue('2026-11-14', '2026-11-10', { reminderLeadDays: [7, 30] })).toBe(7));
});

describe('isOnScale (1–5)', () => {
  it.each([
    [1, true],
    [5, true],
    [0, false],
    [6, false],
    [3.5, false],
  ])('%s → %s', (s, ok) => expect(isOnScale(s, RULES)).toBe(ok));
});

const r = (goalId: string, assessorId: string, score: number): GoalRating => ({ goalId, assessorId, score });

describe('changeProjectResult (hand-worked; delivered ≥ 3,5, partly ≥ 2,5)', () => {
  it.each<[string, GoalRating[], (number | null)[], number | null, string | null]>([
    // g1: (4 + 5) / 2 = 4,5; g2: (3 + 4) / 2 = 3,5 → (4,5 + 3,5) / 2 = 4 → DELIVERED
    [
      'two assessors, both goals well met',
      [r('g1', 'a', 4), r('g1', 'b', 5), r('g2', 'a', 3), r('g2', 'b', 4)],
      [4.5, 3.5],
      4,
      'DELIVERED',
    ],
    // exactly on the threshold: (3 + 4) / 2 = 3,5 and 3,5 → 3,5 → DELIVERED
    [
      'exactly 3,5',
      [r('g1', 'a', 3), r('g1', 'b', 4), r('g2', 'a', 4), r('g2', 'b', 3)],
      [3.5, 3.5],
      3.5,
      'DELIVERED',
    ],
    // g1: 3; g2: (2 + 3) / 2 = 2,5 → 2,75 → PARTLY
    [
      'partly',
      [r('g1', 'a', 3), r('g1', 'b', 3), r('g2', 'a', 2), r('g2', 'b', 3)],
      [3, 2.5],
      2.75,
      'PARTLY',
    ],
    // g1: 2; g2: (1 + 2) / 2 = 1,5 → 1,75 → NOT_DELIVERED
    [
      'not delivered',
      [r('g1', 'a', 2), r('g1', 'b', 2), r('g2', 'a', 1), r('g2', 'b', 2)],
      [2, 1.5],
      1.75,
      'NOT_DELIVERED',
    ],
    // every goal weighs the same: g1 rated by three (avg 5), g2 by one (2) → 3,5, not (5+5+5+2)/4 = 4,25
    [
      'goals weigh the same whatever the number of ratings',
      [r('g1', 'a', 5), r('g1', 'b', 5), r('g1', 'c', 5), r('g2', 'a', 2)],
      [5, 2],
      3.5,
      'DELIVERED',
    ],
    // thirds: g1 (4 + 4 + 3) / 3 = 3,666… shown 3,67; g2 3 → 3,333… shown 3,33 → PARTLY
    [
      'averages rounded to 2 decimals',
      [r('g1', 'a', 4), r('g1', 'b', 4), r('g1', 'c', 3), r('g2', 'a', 3)],
      [3.67, 3],
      3.33,
      'PARTLY',
    ],
    ['a goal without rating: no verdict', [r('g1', 'a', 5)], [5, null], null, null],
  ])('%s', (_n, ratings, averages, score, verdict) => {
    const res = changeProjectResult(['g1', 'g2'], ratings, RULES);
    expect(res.goals.map((g) => g.average)).toEqual(averages);
    expect(res.score).toBe(score);
    expect(res.verdict).toBe(verdict);
  });
  it('no goals: no verdict', () => expect(changeProjectResult([], [], RULES).verdict).toBeNull());
});

describe('allRated', () => {
  it.each<[string, GoalRating[], boolean]>([
    ['every assessor every goal', [r('g1', 'a', 1), r('g2', 'a', 1), r('g1', 'b', 1), r('g2', 'b', 1)], true],
    ['one goal missing for b', [r('g1', 'a', 1), r('g2', 'a', 1), r('g1', 'b', 1)], false],
    ['nothing', [], false],
  ])('%s', (_n, ratings, all) => expect(allRated(['g1', 'g2'], ['a', 'b'], ratings)).toBe(all));
});

describe('validateChangeProjectRules', () => {
  it('accepts the national part', () => expect(validateChangeProjectRules(RULES, 'x')).toEqual([]));
  it.each<[string, Partial<ChangeProjectRules>, string]>([
    ['a scale going down', { scale: { min: 5, max: 1, labels: [] } }, 'x.scale'],
    ['a threshold off the scale', { deliveredThreshold: 6 }, 'x.deliveredThreshold'],
    ['partly above delivered', { partlyThreshold: 4 }, 'x.partlyThreshold'],
    ['a lead day twice', { reminderLeadDays: [7, 7] }, 'x.reminderLeadDays'],
    [
      'a label off the scale',
      { scale: { min: 1, max: 5, labels: [{ score: 9, label: 'x' }] } },
      'x.scale.labels[0]',
    ],
  ])('refuses %s', (_n, patch, path) =>
    expect(validateChangeProjectRules({ ...RULES, ...patch }, 'x').map((i) => i.path)).toContain(path),
  );
});
