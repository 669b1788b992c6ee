import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { Actor } from '../access/authz.ts';
import { createStatusRepo } from './status-repo.ts';
import { createStatusService, startStatusWorker, type StatusService } from './status-service.ts';

/*
 * Stored daily statuses on the demo province. Clock: Thursday 15 Jan 2026, 09:00 WIB. Mon 12 – Wed 14 Jan
 * are past working days; 1 Jan is Tahun Baru; Sun 11 Jan is a weekend. Punches are inserted directly.
 */
describe('daily statuses', () => {
  let t: TestApp;
  let statuses: StatusService;
  let seq = 0;
  type Emp = { id: string; unitId: string; superiorId: string | null; unitPath: string };
  let wib: Emp;
  let wib2: Emp;
  let wita: Emp;
  let outsider: Emp;
  let reviewerUserId: string;

  const empOf = async (unitCode: string, skip = 0): Promise<Emp> =>
    t.db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['e.id', 'e.unitId', 'e.superiorId', 'u.path as unitPath'])
      .where('u.code', '=', unitCode)
      .where('e.positionId', 'is not', null)
      .where('e.activeFrom', '<', '2025-12-01')
      .orderBy('e.nip')
      .offset(skip)
      .limit(1)
      .executeTakeFirstOrThrow();

  async function punchAt(e: Emp, iso: string, verdict = 'ACCEPTED', localDate = iso.slice(0, 10)) {
    const row = await t.db
      .insertInto('punches')
      .values({
        employeeId: e.id,
        unitId: e.unitId,
        kind: 'ANY',
        source: 'ONLINE',
        occurredAt: new Date(iso),
        receivedAt: new Date(iso),
        localDate,
        idempotencyKey: `status-test-${++seq}`,
        bodyHash: 'x',
        verdict,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const stored = (e: Emp, date: string) =>
    t.db
      .selectFrom('dayStatuses')
      .selectAll()
      .where('employeeId', '=', e.id)
      .where('localDate', '=', date)
      .executeTakeFirst();
  const actor = (employeeId: string | null, grants: Actor['grants'] = []): Actor => ({
    userId: reviewerUserId,
    username: 'x',
    displayName: 'x',
    employeeId,
    nip: null,
    grants,
    isAtasan: false,
    mustChangePassword: false,
    ip: null,
    userAgent: null,
  });
  async function recompute(e: Emp, dates: string[]) {
    await statuses.markDirty(e.id, dates, 'test');
    return statuses.processQueue(100);
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.services.rulebooks.syncRepoRulebooks();
    statuses = createStatusService({
      db: t.db,
      repo: createStatusRepo(t.db),
      clock: t.clock,
      config: t.config,
      rulebooks: t.services.rulebooks,
    });
    wib = await empOf('DINKES-PKM-CURUG', 3);
    wib2 = await empOf('DINKES-PKM-CURUG', 4);
    wita = await empOf('SETDA-MKS', 1);
    outsider = await empOf('SETDA-MKS', 2);
    reviewerUserId = (await t.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
    await t.db.deleteFrom('statusQueue').execute();
  });
  afterAll(() => t.close());

  it('in 07:20, out 16:05 WIB on a working day is H', async () => {
    await punchAt(wib, '2026-01-12T00:20:00Z');
    await punchAt(wib, '2026-01-12T09:05:00Z');
    const r = await recompute(wib, ['2026-01-12']);
    expect(r.stored).toEqual([{ employeeId: wib.id, localDate: '2026-01-12' }]);
    expect(await stored(wib, '2026-01-12')).toMatchObject({
      code: 'H',
      lateBand: null,
      earlyBand: null,
      lateMinutes: 0,
      earlyMinutes: 0,
      missingCheckIn: false,
      missingCheckOut: false,
      nonWorkingDay: false,
      unitId: wib.unitId,
      rulebookId: 'national',
    });
    expect(await t.db.selectFrom('statusQueue').selectAll().execute()).toEqual([]);
  });

  it('in 08:10 WIB is TL2 with 40 late minutes (national bands: TL2 = 31–60)', async () => {
    await punchAt(wib, '2026-01-13T01:10:00Z');
    await punchAt(wib, '2026-01-13T09:05:00Z');
    await recompute(wib, ['2026-01-13']);
    expect(await stored(wib, '2026-01-13')).toMatchObject({ code: 'H', lateBand: 'TL2', lateMinutes: 40 });
  });

  it('a past working day without punches is TK; a national holiday is LIBUR; the future is not computed', async () => {
    const r = await recompute(wib, ['2026-01-14', '2026-01-01', '2026-01-16']);
    expect(r.stored).toHaveLength(2);
    expect(await stored(wib, '2026-01-14')).toMatchObject({ code: 'TK', nonWorkingDay: false });
    expect(await stored(wib, '2026-01-01')).toMatchObject({ code: 'LIBUR', nonWorkingDay: true });
    expect(await stored(wib, '2026-01-16')).toBeUndefined();
    // The future day stays queued until it comes.
    expect(
      (await t.db.selectFrom('statusQueue').select('localDate').execute()).map((q) => q.localDate),
    ).toEqual(['2026-01-16']);
    await t.db.deleteFrom('statusQueue').execute();
  });

  it('recomputes only the day marked dirty; processing again is a no-op', async () => {
    const before = await t.db
      .selectFrom('dayStatuses')
      .selectAll()
      .where('employeeId', '=', wib.id)
      .orderBy('localDate')
      .execute();
    t.clock.advance(60_000);
    await punchAt(wib, '2026-01-14T00:25:00Z');
    await punchAt(wib, '2026-01-14T09:01:00Z');
    expect((await recompute(wib, ['2026-01-14'])).stored).toHaveLength(1);
    const after = await t.db
      .selectFrom('dayStatuses')
      .selectAll()
      .where('employeeId', '=', wib.id)
      .orderBy('localDate')
      .execute();
    for (const [i, b] of before.entries()) {
      const a = after[i]!;
      expect(a.localDate).toBe(b.localDate);
      if (b.localDate === '2026-01-14') {
        expect(a.code).toBe('H');
        expect(a.computedAt.getTime()).toBe(t.clock.now().getTime());
      } else expect(a).toEqual(b);
    }
    // Idempotent: nothing queued → nothing done; the same day queued again → the same row.
    expect((await statuses.processQueue(100)).stored).toEqual([]);
    await recompute(wib, ['2026-01-14']);
    await recompute(wib, ['2026-01-14']);
    const again = await stored(wib, '2026-01-14');
    expect({ ...again, computedAt: null }).toEqual({
      ...after.find((a) => a.localDate === '2026-01-14'),
      computedAt: null,
    });
  });

  it('ignores a rejected punch; a flagged one counts as attendance does, and not once rejected in review', async () => {
    // 07:10 rejected (ignored), 07:50 flagged, 16:10 accepted.
    await punchAt(wib2, '2026-01-12T00:10:00Z', 'REJECTED');
    const flagged = await punchAt(wib2, '2026-01-12T00:50:00Z', 'FLAGGED');
    await punchAt(wib2, '2026-01-12T09:10:00Z');
    await recompute(wib2, ['2026-01-12']);
    // Undecided flagged: counts, as on the live Presensi page (effective verdict not REJECTED).
    expect(await stored(wib2, '2026-01-12')).toMatchObject({ code: 'H', lateBand: 'TL1', lateMinutes: 20 });

    // A second day: the flagged check-in rejected in review → the day has no check-in.
    const flagged2 = await punchAt(wib2, '2026-01-13T00:20:00Z', 'FLAGGED');
    await punchAt(wib2, '2026-01-13T09:10:00Z');
    await t.db
      .insertInto('punchReviews')
      .values({ punchId: flagged2, decision: 'REJECTED', note: 'di luar kantor', decidedBy: reviewerUserId })
      .execute();
    await recompute(wib2, ['2026-01-13']);
    const rejectedDay = await stored(wib2, '2026-01-13');
    expect(rejectedDay).toMatchObject({ missingCheckIn: true });
    expect(rejectedDay!.code === 'H' && rejectedDay!.lateBand === null).toBe(false);

    // Accepted in review: still counts, same status.
    await t.db
      .insertInto('punchReviews')
      .values({ punchId: flagged, decision: 'ACCEPTED', note: 'ok', decidedBy: reviewerUserId })
      .execute();
    await recompute(wib2, ['2026-01-12']);
    expect(await stored(wib2, '2026-01-12')).toMatchObject({ code: 'H', lateBand: 'TL1', lateMinutes: 20 });
  });

  it('uses the unit time zone (WITA) for the day and its hours', async () => {
    // 08:10 WITA = 00:10Z (would be 07:10, on time, in WIB); 16:05 WITA = 08:05Z.
    await punchAt(wita, '2026-01-12T00:10:00Z');
    await punchAt(wita, '2026-01-12T08:05:00Z');
    // 07:20 WITA on Tue 13 Jan = 23:20Z on Mon 12 Jan.
    await punchAt(wita, '2026-01-12T23:20:00Z', 'ACCEPTED', '2026-01-13');
    await punchAt(wita, '2026-01-13T08:05:00Z');
    await recompute(wita, ['2026-01-11', '2026-01-12', '2026-01-13']);
    expect(await stored(wita, '2026-01-12')).toMatchObject({ code: 'H', lateBand: 'TL2', lateMinutes: 40 });
    expect(await stored(wita, '2026-01-13')).toMatchObject({ code: 'H', lateBand: null, lateMinutes: 0 });
    expect(await stored(wita, '2026-01-11')).toMatchObject({ code: 'LIBUR', nonWorkingDay: true });
  });

  it('a new rulebook version queues every active employee from its date to today', async () => {
    const n = await statuses.markUnitDirty('2026-01-14', wita.unitPath);
    const queued = await t.db.selectFrom('statusQueue').selectAll().execute();
    expect(n).toBe(queued.length);
    expect(n).toBeGreaterThanOrEqual(2 * 2);
    // Up to today in WIT (the latest zone): 15 Jan, 11:00 WIT.
    expect(new Set(queued.map((q) => q.localDate))).toEqual(new Set(['2026-01-14', '2026-01-15']));
    const r = await statuses.processQueue(500);
    expect(r.failed).toEqual([]);
    expect(r.stored).toHaveLength(n);
    expect(await t.db.selectFrom('statusQueue').selectAll().execute()).toEqual([]);
  });

  it('reads stored statuses: own, superior, attendance.read in scope; fills missing days only', async () => {
    const own = await statuses.list(actor(wib.id), { from: '2026-01-10', to: '2026-01-20' });
    // 10 Jan … 15 Jan (today, running status); nothing after today.
    expect(own.items.map((i) => i.localDate)).toEqual([
      '2026-01-10',
      '2026-01-11',
      '2026-01-12',
      '2026-01-13',
      '2026-01-14',
      '2026-01-15',
    ]);
    expect(own.items.map((i) => i.code)).toEqual(['LIBUR', 'LIBUR', 'H', 'H', 'H', expect.any(String)]);
    const stamp = own.items.find((i) => i.localDate === '2026-01-12')!.computedAt;
    t.clock.advance(60_000);
    const sup = await statuses.list(actor(wib.superiorId), {
      employeeId: wib.id,
      from: '2026-01-12',
      to: '2026-01-12',
    });
    expect(sup.items[0]!.computedAt).toBe(stamp);
    await expect(
      statuses.list(actor(outsider.id), { employeeId: wib.id, from: '2026-01-12', to: '2026-01-12' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bkd = await statuses.list(actor(null, [{ role: 'BKD', unitId: null, unitPath: null } as never]), {
      employeeId: wib.id,
      from: '2026-01-12',
      to: '2026-01-13',
    });
    expect(bkd.items).toHaveLength(2);
  });

  it('the worker drains the queue until stopped', async () => {
    await statuses.markDirty(outsider.id, ['2026-01-12', '2026-01-13'], 'test');
    const stop = startStatusWorker(statuses, 10);
    for (let i = 0; i < 100 && (await t.db.selectFrom('statusQueue').selectAll().execute()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect(await stored(outsider, '2026-01-13')).toMatchObject({ code: 'TK' });
  });
});
