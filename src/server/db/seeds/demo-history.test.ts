import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDemoData, opdOfUnit } from './demo-data.ts';
import { demoPersonas, historyWindow, keyOf, planDemoHistory, type DemoHistoryPlan } from './demo-history.ts';
import { loadRulebookFiles } from '../../modules/rulebooks/rulebook-files.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';

/*
 * The plan of the demo history (pure): for any load instant the plan keeps the rules the loader would otherwise
 * be refused by (nothing before go-live or outside service, nothing in the future, nothing left waiting in a
 * month that gets closed), and the same instant gives the same plan. The database-level checks (and the
 * personas' figures as the status service classifies them) are in load-history.test.ts.
 */

const data = generateDemoData();
let national: Rulebook;
beforeAll(async () => {
  national = (await loadRulebookFiles('rulebooks')).find((b) => b.meta.id === 'national')!;
});
const plan = (until: number) => planDemoHistory({ data, until, rulesOn: () => national });
const zoneOf = new Map(
  data.employees.map((e) => [
    keyOf(e),
    data.units.find((u) => u.code === e.unitCode)!.timeZone as IndonesianTimeZone,
  ]),
);
const activeFrom = new Map(data.employees.map((e) => [keyOf(e), e.activeFrom]));
const opdOf = new Map(data.employees.map((e) => [keyOf(e), opdOfUnit(data, e.unitCode)]));

/** Every invariant of one plan. */
function checkPlan(p: DemoHistoryPlan) {
  const until = p.until;
  expect(p.start < p.today).toBe(true);
  expect(p.start.endsWith('-01')).toBe(true);
  for (const x of p.punches) {
    const date = toZoned(x.at, zoneOf.get(x.who)!).date;
    // Nothing before go-live or the employee's first day, nothing in the future, received after it happened.
    expect(date >= p.start).toBe(true);
    expect(date >= activeFrom.get(x.who)!).toBe(true);
    expect(x.at).toBeLessThanOrEqual(x.receivedAt);
    expect(x.receivedAt).toBeLessThanOrEqual(until);
    if (x.review) expect(x.review.at).toBeGreaterThan(x.receivedAt);
    if (x.review) expect(x.review.at).toBeLessThanOrEqual(until);
  }
  const closingOf = new Map(p.closings.map((c) => [`${c.opd}|${c.month}`, c.at]));
  for (const c of p.closings) expect(c.at).toBeLessThanOrEqual(until);
  for (const q of p.requests) {
    expect(q.submitAt).toBeLessThanOrEqual(until);
    expect(toZoned(q.submitAt, 'Asia/Jakarta').date >= p.start).toBe(true);
    const decisions = q.kind === 'leave' ? q.steps : q.decision ? [q.decision] : [];
    let last = q.submitAt;
    for (const d of decisions) {
      expect(d.at).toBeGreaterThan(last);
      expect(d.at).toBeLessThanOrEqual(until);
      last = d.at;
    }
    // Annual leave is counted per year (PP 11/2017): the leave service refuses a request spanning two.
    if (q.kind === 'leave' && q.type === 'CT') expect(q.to.slice(0, 4)).toBe(q.from.slice(0, 4));
    // A request of a month its OPD closes is decided before that closing (a leave may have one step: when the
    // superior is also the official who grants it).
    const from = q.kind === 'correction' ? q.date : q.from;
    const close = closingOf.get(`${opdOf.get(q.who)}|${from.slice(0, 7)}`);
    if (close !== undefined && !(q.kind === 'permit' && q.recorded)) {
      expect(decisions.length).toBeGreaterThan(0);
      for (const d of decisions) expect(d.at).toBeLessThan(close);
    }
  }
  for (const x of p.punches) {
    const date = toZoned(x.at, zoneOf.get(x.who)!).date;
    const close = closingOf.get(`${opdOf.get(x.who)}|${date.slice(0, 7)}`);
    // A flagged punch of a closed month was reviewed before the closing, unless it arrived after it.
    if (x.expect === 'FLAGGED' && close !== undefined && x.receivedAt < close) {
      expect(x.review).toBeDefined();
      expect(x.review!.at).toBeLessThan(close);
    }
  }
  // The pending work the README's accounts find: requests and flagged punches that wait for a decision.
  const waiting = p.requests.filter((q) =>
    q.kind === 'leave' ? q.steps.length < 2 : !q.decision && !(q.kind === 'permit' && q.recorded),
  );
  expect(waiting.length).toBeGreaterThan(0);
  expect(p.punches.some((x) => x.expect === 'FLAGGED' && !x.review)).toBe(true);
}

describe('planDemoHistory', () => {
  it('starts at the first day of the month three months back and ends at the load instant', () => {
    expect(historyWindow(Date.parse('2026-12-05T03:30:00Z'))).toEqual({
      start: '2026-09-01',
      today: '2026-12-05',
    });
    // 23:30 UTC is already the next day in WIB.
    expect(historyWindow(Date.parse('2026-02-28T23:30:00Z'))).toEqual({
      start: '2025-12-01',
      today: '2026-03-01',
    });
  });

  // Four whole plans of the province (about 10 s each on a loaded 2-core runner): a timeout, not a speed check.
  it('keeps every rule for any load instant (fast-check)', { timeout: 120_000 }, () => {
    const from = Date.parse('2025-05-01T00:00:00Z');
    const to = Date.parse('2026-12-20T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (until) => checkPlan(plan(until))),
      { numRuns: 4 },
    );
  });

  it("keeps the waiting annual leave of the README's accounts within one year in late December", () => {
    // 16/12/2026: the 8th working day after it is 30/12, and three days from there would end in 2027.
    const p = plan(Date.parse('2026-12-16T03:00:00Z'));
    checkPlan(p);
    const waiting = p.requests.filter((q) => q.kind === 'leave' && q.type === 'CT' && q.from > p.today);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.some((q) => q.kind === 'leave' && q.from >= '2027-01-01')).toBe(true);
  });

  it('is deterministic: the same instant gives the same plan; a later hour the same day only adds', () => {
    const morning = Date.parse('2026-02-10T01:00:00Z');
    const a = plan(morning);
    expect(plan(morning)).toEqual(a);
    const noon = plan(Date.parse('2026-02-10T05:00:00Z'));
    const before = (p: DemoHistoryPlan) =>
      p.punches.filter((x) => x.receivedAt <= Date.parse('2026-02-09T16:00:00Z'));
    expect(before(noon)).toEqual(before(a));
    expect(noon.punches.length).toBeGreaterThan(a.punches.length);
  });

  it('has a few habitual latecomers, early leavers and TK streaks, and mostly regular people', () => {
    const counts: Record<string, number> = {};
    for (const p of Object.values(demoPersonas(data))) counts[p] = (counts[p] ?? 0) + 1;
    expect(counts.LATECOMER).toBeGreaterThanOrEqual(5);
    expect(counts.LATECOMER).toBeLessThanOrEqual(20);
    expect(counts.TK_STREAK).toBeGreaterThanOrEqual(2);
    expect(counts.EARLY_LEAVER).toBeGreaterThanOrEqual(2);
    expect(counts.REGULAR! / data.employees.length).toBeGreaterThan(0.85);
  });
});
