import type { Messages } from './id.ts';

/** English strings of the corrections of a locked TPP run (same keys as id-tpp-corrections.ts). */
export const enTppCorrections: Messages['tppCorrections'] = {
  title: 'Corrections',
  intro:
    'A locked TPP run is never changed. When its inputs change afterwards (a late permit approved, a performance ' +
    'figure adjusted), the difference is recorded as a correction and paid in the next month’s TPP.',
  check: 'Recompute from the latest data',
  checking: 'Recomputing every line from the latest data…',
  refresh: 'Recompute again',
  previewTitle: 'Recomputation preview',
  noDifference:
    'No difference: the recomputation matches what was paid and the corrections already recorded.',
  summary: '{{count}} employees with a difference · underpaid {{underpaid}} · overpaid {{overpaid}}',
  kinds: {
    KEKURANGAN: 'Underpaid (kekurangan bayar)',
    KELEBIHAN: 'Overpaid (kelebihan bayar)',
    NONE: 'No difference',
  },
  cols: {
    employee: 'Employee',
    nip: 'NIP',
    paid: 'Paid',
    recomputed: 'Recomputed',
    recorded: 'Already recorded',
    difference: 'Difference',
    reason: 'Reason',
    amount: 'Amount',
    state: 'Status',
    recordedAt: 'Recorded',
  },
  noData: 'No data',
  record: 'Record corrections',
  recordTitle: 'Record corrections of TPP {{month}}',
  recordConfirm:
    '{{count}} corrections will be recorded (underpaid {{underpaid}}, overpaid {{overpaid}}) and paid or recovered ' +
    'in each employee’s next TPP. Each employee is notified.',
  recorded: '{{count}} corrections recorded.',
  recordedNone: 'There was no new correction to record.',
  cancel: 'Cancel',
  confirm: 'Record',
  listTitle: 'Recorded corrections',
  listEmpty: 'No correction has been recorded for this run yet.',
  open: 'Not paid yet',
  paidIn: 'Paid in TPP {{month}}',
  paid: 'Paid',
  openRun: 'Open the run',
};
