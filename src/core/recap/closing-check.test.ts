import { describe, expect, it } from 'vitest';
import { attendanceRulesSchema } from '../attendance/attendance-rules.ts';
import nationalAttendance from '../../../rulebooks/national/attendance.json' with { type: 'json' };
import { checkClosing, type ClosingItem, type ClosingItemKind } from './closing-check.ts';
import { firstDataDay, isNoDataDay, noDataReason } from './no-data.ts';

const rules = attendanceRulesSchema.parse(nationalAttendance).monthClosing!;

describe('no data (issue 13: days before go-live or outside service are never TK)', () => {
  const p = { attendanceStart: '2026-03-01', activeFrom: '2026-02-10', activeTo: '2026-06-30' };
  it.each([
    ['before the start of service', '2026-02-01', 'Sebelum pegawai mulai bertugas'],
    ['in service, before the unit went live', '2026-02-20', 'Sebelum unit mulai tercatat di Abdi'],
    ['the go-live day', '2026-03-01', null],
    ['the last day of service', '2026-06-30', null],
    ['after the end of service', '2026-07-01', 'Setelah pegawai berhenti bertugas'],
  ])('%s (%s)', (_name, date, reason) => {
    expect(noDataReason(date, p)).toBe(reason);
    expect(isNoDataDay(date, p)).toBe(reason !== null);
  });

  it('the first day with data is the later of go-live and the start of service', () => {
    expect(firstDataDay(p)).toBe('2026-03-01');
    expect(firstDataDay({ ...p, activeFrom: '2026-04-01' })).toBe('2026-04-01');
  });
});

describe('checkClosing (rulebook attendance.monthClosing.waivable)', () => {
  const item = (kind: ClosingItemKind, ref: string): ClosingItem => ({
    kind,
    ref,
    employeeId: 'e',
    employeeName: 'Budi',
    dates: ['2026-01-12'],
    count: 1,
    label: `${kind} ${ref}`,
  });
  const items = [
    item('missingDays', 'e1'),
    item('queuedDays', 'e2'),
    item('flaggedPunch', 'p1'),
    item('pendingLeave', 'l1'),
    item('pendingPermit', 'i1'),
    item('pendingCorrection', 'k1'),
  ];
  const reason = 'Atasan cuti, diputuskan bulan depan';

  it('national rulebook: requests and flagged punches may stay open with a reason of 10+ characters', () => {
    expect(rules.waivable).toMatchObject({
      kinds: ['flaggedPunch', 'pendingLeave', 'pendingPermit', 'pendingCorrection'],
      minReasonChars: 10,
    });
  });

  it.each<[string, ClosingItemKind, string, 'waived' | 'blocking' | 'issue']>([
    ['missing days never', 'missingDays', reason, 'issue'],
    ['queued days never', 'queuedDays', reason, 'issue'],
    ['a flagged punch with a reason', 'flaggedPunch', reason, 'waived'],
    ['a pending leave with a reason', 'pendingLeave', reason, 'waived'],
    ['a pending permit with a reason', 'pendingPermit', reason, 'waived'],
    ['a pending correction with a reason', 'pendingCorrection', reason, 'waived'],
    ['a reason too short', 'pendingPermit', 'nanti', 'issue'],
  ])('%s', (_name, kind, why, outcome) => {
    const target = items.find((i) => i.kind === kind)!;
    const r = checkClosing(items, [{ kind, ref: target.ref, reason: why }], rules);
    expect(r.waived.some((w) => w.ref === target.ref)).toBe(outcome === 'waived');
    expect(r.blocking.some((b) => b.ref === target.ref)).toBe(outcome !== 'waived');
    expect(r.issues.some((i) => i.ref === target.ref)).toBe(outcome === 'issue');
  });

  it('without reasons everything blocks; a reason for an item no longer open is ignored', () => {
    const r = checkClosing(items, [{ kind: 'pendingPermit', ref: 'gone', reason }], rules);
    expect(r.blocking).toHaveLength(items.length);
    expect(r.issues).toEqual([]);
    expect(r.blocking.filter((b) => b.waivable).map((b) => b.kind)).toEqual([
      'flaggedPunch',
      'pendingLeave',
      'pendingPermit',
      'pendingCorrection',
    ]);
  });

  it('a rulebook without `waivable`: nothing may stay open', () => {
    const strict = { ...rules, waivable: undefined };
    const r = checkClosing(items, [{ kind: 'pendingPermit', ref: 'i1', reason }], strict);
    expect(r.waived).toEqual([]);
    expect(r.issues).toHaveLength(1);
  });
});
