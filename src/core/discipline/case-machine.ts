/**
 * The procedure of a discipline case as a state machine: which actions each state allows and where they lead.
 * Dates, deadlines and authority are checked by the deadline and authority rules (deadlines.ts, authority.ts);
 * this table only says what may follow what.
 * Source: PP 94/2021 Pasal 26–41; Peraturan BKN 6/2022 Pasal 29, 49–50; PP 79/2021; regulations.md §1.6, §1.7, §1.9.
 */
import type { DisciplineLevel } from './discipline-rules.ts';

/**
 * States of a case (regulations.md §1.7):
 * - TELAAH: opened; the examiner studies it and chooses who examines (atasan or team);
 * - PEMBENTUKAN_TIM: an examination team is required or chosen; waiting for the SK forming it;
 * - PEMANGGILAN: ready for the first summons (after telaah, or after the team is formed);
 * - PANGGILAN_I / PANGGILAN_II: a summons was issued; waiting for the examination date;
 * - PEMERIKSAAN: the BAP is recorded; waiting for the examination report (LHP) to the competent official;
 * - PENJATUHAN: the competent official (PyB) decides (also after two missed summonses, on the evidence);
 * - PENYAMPAIAN: the SK is signed; it must be delivered within the rulebook's period;
 * - MENUNGGU_BERLAKU: delivered; it takes effect on the computed working day unless an appeal is filed;
 * - UPAYA_ADMINISTRATIF: a keberatan or banding is pending; the sanction does not take effect;
 * - BERLAKU: the sanction is in force (or waiting for a heavier one to end); SELESAI when its period is over;
 * - DIHENTIKAN: ended without sanction (not proven, left service, ethics track closed, annulled on appeal).
 */
export const CASE_STATES = [
  'TELAAH',
  'PEMBENTUKAN_TIM',
  'PEMANGGILAN',
  'PANGGILAN_I',
  'PANGGILAN_II',
  'PEMERIKSAAN',
  'PENJATUHAN',
  'PENYAMPAIAN',
  'MENUNGGU_BERLAKU',
  'UPAYA_ADMINISTRATIF',
  'BERLAKU',
  'SELESAI',
  'DIHENTIKAN',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Indonesian labels of the states. */
export const CASE_STATE_LABELS: Readonly<Record<CaseState, string>> = {
  TELAAH: 'Telaah',
  PEMBENTUKAN_TIM: 'Pembentukan tim pemeriksa',
  PEMANGGILAN: 'Siap dipanggil',
  PANGGILAN_I: 'Panggilan I',
  PANGGILAN_II: 'Panggilan II',
  PEMERIKSAAN: 'Pemeriksaan (BAP)',
  PENJATUHAN: 'Penjatuhan hukuman',
  PENYAMPAIAN: 'Penyampaian keputusan',
  MENUNGGU_BERLAKU: 'Menunggu berlaku',
  UPAYA_ADMINISTRATIF: 'Upaya administratif',
  BERLAKU: 'Hukuman berlaku',
  SELESAI: 'Selesai',
  DIHENTIKAN: 'Dihentikan',
};

/** Actions on a case. */
export const CASE_ACTIONS = [
  'telaah', // choose the examiner (atasan / tim) and the expected level
  'formTeam', // record the SK forming the examination team
  'summon', // issue summons I (from PEMANGGILAN) or II (from PANGGILAN_I after a missed date)
  'recordAbsence', // the employee did not come on the examination date
  'examine', // record the BAP
  'relieve', // temporary relief from duties with a Plh (expected berat)
  'report', // the examination report (LHP) to the competent official
  'decide', // the SK hukuman disiplin by the PyB
  'deliver', // the SK was received (in person or by post)
  'appeal', // keberatan / banding filed by the employee
  'decideAppeal', // outcome of the keberatan / banding
  'end', // ended without sanction
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Where each action may be taken, and the state it leads to (null = stays / depends on the input). */
const TRANSITIONS: Readonly<Record<CaseAction, Partial<Record<CaseState, CaseState | null>>>> = {
  telaah: { TELAAH: null }, // → PEMBENTUKAN_TIM (team) or PEMANGGILAN (atasan)
  formTeam: { PEMBENTUKAN_TIM: 'PEMANGGILAN' },
  summon: { PEMANGGILAN: 'PANGGILAN_I', PANGGILAN_I: 'PANGGILAN_II' },
  recordAbsence: { PANGGILAN_I: 'PANGGILAN_I', PANGGILAN_II: 'PENJATUHAN' },
  examine: { PANGGILAN_I: 'PEMERIKSAAN', PANGGILAN_II: 'PEMERIKSAAN' },
  relieve: {
    PEMBENTUKAN_TIM: null,
    PEMANGGILAN: null,
    PANGGILAN_I: null,
    PANGGILAN_II: null,
    PEMERIKSAAN: null,
  },
  report: { PEMERIKSAAN: 'PENJATUHAN' },
  decide: { PENJATUHAN: 'PENYAMPAIAN' },
  deliver: { PENYAMPAIAN: 'MENUNGGU_BERLAKU' },
  appeal: { MENUNGGU_BERLAKU: 'UPAYA_ADMINISTRATIF', BERLAKU: 'UPAYA_ADMINISTRATIF' },
  decideAppeal: { UPAYA_ADMINISTRATIF: null }, // → MENUNGGU_BERLAKU / BERLAKU (confirmed, changed) or DIHENTIKAN
  end: {
    TELAAH: 'DIHENTIKAN',
    PEMBENTUKAN_TIM: 'DIHENTIKAN',
    PEMANGGILAN: 'DIHENTIKAN',
    PANGGILAN_I: 'DIHENTIKAN',
    PANGGILAN_II: 'DIHENTIKAN',
    PEMERIKSAAN: 'DIHENTIKAN',
    PENJATUHAN: 'DIHENTIKAN',
  },
};

/** Whether `action` may be taken in `state`. Source: regulations.md §1.7 (state machine). */
export function canTake(state: CaseState, action: CaseAction): boolean {
  return state in TRANSITIONS[action];
}

/** The actions open in a state, in procedure order. Source: regulations.md §1.7. */
export function actionsIn(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((a) => canTake(state, a));
}

/**
 * The state an action leads to, or null when it depends on the input (telaah, relieve, decideAppeal) or the action
 * is not open in the state. Source: regulations.md §1.7.
 */
export function nextState(state: CaseState, action: CaseAction): CaseState | null {
  return TRANSITIONS[action][state] ?? null;
}

/** Final states: nothing more happens to the case. */
export function isFinal(state: CaseState): boolean {
  return state === 'SELESAI' || state === 'DIHENTIKAN';
}

/** States before the decision, in which the employee is "under examination" (transfer flag, regulations.md §1.6). */
export function isUnderExamination(state: CaseState): boolean {
  return [
    'TELAAH',
    'PEMBENTUKAN_TIM',
    'PEMANGGILAN',
    'PANGGILAN_I',
    'PANGGILAN_II',
    'PEMERIKSAAN',
    'PENJATUHAN',
  ].includes(state);
}

/** Whether a level needs, allows or excludes an examination team. Source: regulations.md §1.6. */
export type ExaminerChoice = 'atasan' | 'tim' | 'pilihan';
export type { DisciplineLevel };
