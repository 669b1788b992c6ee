import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TODAY_STATUSES, type TodayStatus } from '../attendance/today-status.ts';
import {
  DISCREPANCY_KINDS,
  discrepancyOf,
  discrepancySummary,
  followUpOverdue,
  visibleToInspected,
} from './inspections.ts';

describe('discrepancyOf — issue 18 point 1', () => {
  const cases: [TodayStatus, boolean | null, string | null, string][] = [
    ['PRESENT', false, 'CHECKED_IN_NOT_FOUND', 'checked in, not at the post: possible buddy punching'],
    ['LATE', false, 'CHECKED_IN_NOT_FOUND', 'checked in late, not at the post'],
    ['PRESENT', true, null, 'checked in and found'],
    ['LATE', true, null, 'late and found'],
    ['PERMIT', true, 'AWAY_BUT_FOUND', 'on permit yet found at the post'],
    ['LEAVE', true, 'AWAY_BUT_FOUND', 'on leave yet found'],
    ['DINAS_LUAR', true, 'AWAY_BUT_FOUND', 'on an assignment yet found'],
    ['PERMIT', false, null, 'on permit and away: agrees'],
    ['DINAS_LUAR', false, null, 'on an assignment and away: agrees'],
    ['ABSENT', false, 'ABSENT_NO_RECORD', 'no record and not found: possible covering'],
    ['NOT_YET_IN', false, 'ABSENT_NO_RECORD', 'not checked in and not found'],
    ['NOT_YET_IN', true, 'FOUND_WITHOUT_CHECK_IN', 'found but has not checked in'],
    ['ABSENT', true, 'FOUND_WITHOUT_CHECK_IN', 'found but marked absent'],
    ['WFH_WFA', false, null, 'approved WFH: not expected at the office'],
    ['OFF', false, null, 'day off'],
    ['NO_DATA', true, null, 'no data'],
    ['PRESENT', null, null, 'not marked yet'],
  ];
  it.each(cases)('%s, found %s → %s (%s)', (status, found, want) => {
    expect(discrepancyOf(status, found)).toBe(want);
  });

  it('an unmarked employee never shows a discrepancy (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...TODAY_STATUSES), (s) => discrepancyOf(s, null) === null));
  });

  it('the summary counts each marked employee at most once and sums to at most the marked (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ status: fc.constantFrom(...TODAY_STATUSES), found: fc.option(fc.boolean()) })),
        (rows) => {
          const s = discrepancySummary(rows);
          const sum = DISCREPANCY_KINDS.reduce((n, k) => n + s[k], 0);
          return s.total === rows.length && s.marked <= s.total && sum <= s.marked;
        },
      ),
    );
  });
});

describe('followUpOverdue and visibleToInspected — issue 18 point 1', () => {
  it.each([
    ['OPEN', '2026-03-01', '2026-03-02', true],
    ['OPEN', '2026-03-02', '2026-03-02', false],
    ['REPORTED', '2026-03-01', '2026-03-05', true],
    ['CLOSED', '2026-03-01', '2026-03-05', false],
    ['NONE', null, '2026-03-05', false],
    ['OPEN', null, '2026-03-05', false],
  ] as const)('%s due %s on %s → overdue %s', (status, dueDate, today, want) => {
    expect(followUpOverdue({ status, dueDate }, today)).toBe(want);
  });

  it.each([
    ['ANNOUNCED', 'PLANNED', true],
    ['UNANNOUNCED', 'PLANNED', false],
    ['UNANNOUNCED', 'IN_PROGRESS', true],
    ['UNANNOUNCED', 'DONE', true],
  ] as const)('%s %s → visible to the unit %s', (kind, status, want) => {
    expect(visibleToInspected({ kind, status })).toBe(want);
  });
});
