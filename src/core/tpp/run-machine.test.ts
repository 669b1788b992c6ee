import { describe, expect, it } from 'vitest';
import {
  canTakeRunAction,
  isPublished,
  nextRunStatus,
  RUN_ACTIONS,
  RUN_STATUSES,
  runActionsIn,
  type RunAction,
  type RunStatus,
} from './run-machine.ts';

/** Issue 17 point 4: draft → checked → published → approved by the head of OPD → approved by BKD → locked. */
const TABLE: [RunStatus, RunAction, RunStatus | null][] = [
  ['DRAFT', 'compute', 'DRAFT'],
  ['DRAFT', 'check', 'DIPERIKSA'],
  ['DRAFT', 'publish', null],
  ['DRAFT', 'approveOpd', null],
  ['DRAFT', 'approve', null],
  ['DRAFT', 'lock', null],
  ['DIPERIKSA', 'compute', 'DRAFT'],
  ['DIPERIKSA', 'check', null],
  ['DIPERIKSA', 'publish', 'DIUMUMKAN'],
  ['DIPERIKSA', 'approveOpd', null],
  ['DIPERIKSA', 'approve', null],
  ['DIPERIKSA', 'lock', null],
  ['DIUMUMKAN', 'compute', null],
  ['DIUMUMKAN', 'check', null],
  ['DIUMUMKAN', 'publish', null],
  ['DIUMUMKAN', 'approveOpd', 'DISETUJUI_OPD'],
  ['DIUMUMKAN', 'approve', null],
  ['DIUMUMKAN', 'lock', null],
  ['DISETUJUI_OPD', 'compute', null],
  ['DISETUJUI_OPD', 'check', null],
  ['DISETUJUI_OPD', 'publish', null],
  ['DISETUJUI_OPD', 'approveOpd', null],
  ['DISETUJUI_OPD', 'approve', 'DISETUJUI'],
  ['DISETUJUI_OPD', 'lock', null],
  ['DISETUJUI', 'compute', null],
  ['DISETUJUI', 'check', null],
  ['DISETUJUI', 'publish', null],
  ['DISETUJUI', 'approveOpd', null],
  ['DISETUJUI', 'approve', null],
  ['DISETUJUI', 'lock', 'DIKUNCI'],
  ['DIKUNCI', 'compute', null],
  ['DIKUNCI', 'check', null],
  ['DIKUNCI', 'publish', null],
  ['DIKUNCI', 'approveOpd', null],
  ['DIKUNCI', 'approve', null],
  ['DIKUNCI', 'lock', null],
];

describe('TPP run lifecycle (issue 17 point 4)', () => {
  it('the table covers every status × step', () => {
    expect(TABLE).toHaveLength(RUN_STATUSES.length * RUN_ACTIONS.length);
  });

  it.each(TABLE)('%s + %s → %s', (from, action, to) => {
    expect(nextRunStatus(from, action)).toBe(to);
    expect(canTakeRunAction(from, action)).toBe(to !== null);
  });

  it('a locked run allows nothing; employees see only published runs, never a draft or a checked one', () => {
    expect(runActionsIn('DIKUNCI')).toEqual([]);
    expect(RUN_STATUSES.filter(isPublished)).toEqual(['DIUMUMKAN', 'DISETUJUI_OPD', 'DISETUJUI', 'DIKUNCI']);
  });
});
