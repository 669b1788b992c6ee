import { describe, expect, it } from 'vitest';
import type { CaseAction, CaseState } from './case-machine.ts';
import {
  CASE_ACTIONS,
  CASE_STATES,
  CASE_STATE_LABELS,
  actionsIn,
  canTake,
  isFinal,
  isUnderExamination,
  nextState,
} from './case-machine.ts';

/*
 * The procedure of regulations.md §1.7 (PP 94/2021 Pasal 26–41; PerBKN 6/2022 Pasal 29, 49–50; PP 79/2021), written
 * out as the full table: for every state, the actions it allows and where each leads ('?' = decided by the input:
 * telaah → team or summons, relief stays, an appeal decision → effect or ended). Every pair not listed is refused.
 */
const EXPECTED: Readonly<Record<CaseState, Partial<Record<CaseAction, CaseState | '?'>>>> = {
  TELAAH: { telaah: '?', end: 'DIHENTIKAN' },
  PEMBENTUKAN_TIM: { formTeam: 'PEMANGGILAN', relieve: '?', end: 'DIHENTIKAN' },
  PEMANGGILAN: { summon: 'PANGGILAN_I', relieve: '?', end: 'DIHENTIKAN' },
  PANGGILAN_I: {
    summon: 'PANGGILAN_II',
    recordAbsence: 'PANGGILAN_I',
    examine: 'PEMERIKSAAN',
    relieve: '?',
    end: 'DIHENTIKAN',
  },
  PANGGILAN_II: { recordAbsence: 'PENJATUHAN', examine: 'PEMERIKSAAN', relieve: '?', end: 'DIHENTIKAN' },
  PEMERIKSAAN: { relieve: '?', report: 'PENJATUHAN', end: 'DIHENTIKAN' },
  PENJATUHAN: { decide: 'PENYAMPAIAN', end: 'DIHENTIKAN' },
  PENYAMPAIAN: { deliver: 'MENUNGGU_BERLAKU' },
  MENUNGGU_BERLAKU: { appeal: 'UPAYA_ADMINISTRATIF' },
  UPAYA_ADMINISTRATIF: { decideAppeal: '?' },
  BERLAKU: { appeal: 'UPAYA_ADMINISTRATIF' },
  SELESAI: {},
  DIHENTIKAN: {},
};

const pairs = CASE_STATES.flatMap((s) => CASE_ACTIONS.map((a) => [s, a] as const));

describe('case machine — every state × action (regulations.md §1.7)', () => {
  it('covers all 13 states and 12 actions', () => {
    expect(CASE_STATES).toHaveLength(13);
    expect(CASE_ACTIONS).toHaveLength(12);
    expect(Object.keys(EXPECTED).sort()).toEqual([...CASE_STATES].sort());
  });

  it.each(pairs)('%s × %s', (state, action) => {
    const expected = EXPECTED[state][action];
    expect(canTake(state, action)).toBe(expected !== undefined);
    expect(nextState(state, action)).toBe(expected === undefined || expected === '?' ? null : expected);
  });

  it.each(CASE_STATES)('actionsIn(%s) lists the allowed actions in procedure order', (state) => {
    expect(actionsIn(state)).toEqual(CASE_ACTIONS.filter((a) => EXPECTED[state][a] !== undefined));
  });

  it('every state has an Indonesian label', () => {
    for (const s of CASE_STATES) expect(CASE_STATE_LABELS[s]).toMatch(/^[A-Z][a-z]/);
  });
});

describe('case machine — final states and the examination flag', () => {
  it.each<[CaseState, boolean, boolean]>([
    ['TELAAH', false, true],
    ['PEMBENTUKAN_TIM', false, true],
    ['PEMANGGILAN', false, true],
    ['PANGGILAN_I', false, true],
    ['PANGGILAN_II', false, true],
    ['PEMERIKSAAN', false, true],
    ['PENJATUHAN', false, true],
    ['PENYAMPAIAN', false, false],
    ['MENUNGGU_BERLAKU', false, false],
    ['UPAYA_ADMINISTRATIF', false, false],
    ['BERLAKU', false, false],
    ['SELESAI', true, false],
    ['DIHENTIKAN', true, false],
  ])('%s: final %s, under examination %s', (state, final, examined) => {
    expect(isFinal(state)).toBe(final);
    expect(isUnderExamination(state)).toBe(examined);
  });

  it('final states allow no action; every other state allows at least one', () => {
    for (const s of CASE_STATES) expect(actionsIn(s).length === 0).toBe(isFinal(s));
  });

  it('a case can be ended without sanction in every state before the decision, and only there', () => {
    for (const s of CASE_STATES) expect(canTake(s, 'end')).toBe(isUnderExamination(s));
  });

  it('from TELAAH the decision is reachable by the atasan path and by the team path', () => {
    const walk = (start: CaseState, actions: readonly CaseAction[]): CaseState => {
      let s = start;
      for (const a of actions) {
        expect(canTake(s, a)).toBe(true);
        s = nextState(s, a) ?? s;
      }
      return s;
    };
    // telaah chose the atasan → PEMANGGILAN; two missed summonses → decision on the evidence
    expect(walk('PEMANGGILAN', ['summon', 'recordAbsence', 'summon', 'recordAbsence'])).toBe('PENJATUHAN');
    // team path, examined at the first summons, reported, decided, delivered, appealed
    expect(
      walk('PEMBENTUKAN_TIM', ['formTeam', 'summon', 'examine', 'report', 'decide', 'deliver', 'appeal']),
    ).toBe('UPAYA_ADMINISTRATIF');
  });
});
