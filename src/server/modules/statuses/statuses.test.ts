import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { Actor } from '../../auth/authz.ts';
import { createStatusRepo } from './status-repo.ts';
import { sql } from 'kysely';
import {
  createStatusService,
  startStatusWorker,
  STATUS_WORKER_INTERVAL_MS,
  type AbsenceSource,
  type CorrectionSource,
  type RecomputedListener,
  type StatusService,
} from './status-service.ts';
import { addDays, eachDay } from '../../../core/common/local-date.ts';
import { fromZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import { resolveDaySchedule } from '../../../core/schedule/resolve-schedule.ts';
import { classifyDay } from '../../../core/attendance/classify-day.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';

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
  /** The stored day, without the view's month columns. */
  const stored = async (e: Emp, date: string) => {
    const row = await t.db
      .selectFrom('dayStatuses')
      .selectAll()
      .where('employeeId', '=', e.id)
      .where('localDate', '=', date)
      .executeTakeFirst();
    if (!row) return undefined;
    const { month: _month, monthUnits: _units, ...day } = row;
    return day;
  };
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
    const { month: _m, monthUnits: _u, ...was } = after.find((a) => a.localDate === '2026-01-14')!;
    expect({ ...again, computedAt: null }).toEqual({ ...was, computedAt: null });
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

  it('reads without writing: stored days, ended days computed in memory, no data before go-live; in scope', async () => {
    const storedIn = async (e: Emp) =>
      (
        await t.db
          .selectFrom('dayStatuses')
          .select('localDate')
          .where('employeeId', '=', e.id)
          .where('month', '=', '2026-01-01')
          .where('localDate', '>=', '2026-01-10')
          .execute()
      )
        .map((r) => r.localDate)
        .sort();
    const before = await storedIn(wib);
    const own = await statuses.list(actor(wib.id), { from: '2026-01-10', to: '2026-01-20' });
    // 10 Jan … 14 Jan ended: stored or classified in memory; 15 Jan (today) only when stored; nothing after.
    expect(own.items.map((i) => i.localDate)).toEqual(
      ['2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13', '2026-01-14'].concat(
        before.includes('2026-01-15') ? ['2026-01-15'] : [],
      ),
    );
    expect(own.items.slice(0, 5).map((i) => i.code)).toEqual(['LIBUR', 'LIBUR', 'H', 'H', 'H']);
    for (const i of own.items) expect(i.provisional).toBe(!before.includes(i.localDate));
    expect(own.noData).toEqual([]);
    // Reading never writes (issue 13): nothing was stored, nothing queued.
    expect(await storedIn(wib)).toEqual(before);
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
    // The unit goes live on 13 Jan: the days before are "no data" with their reason, never a code.
    const unit = await t.db
      .selectFrom('units')
      .select(['id', 'attendanceStart'])
      .where('id', '=', wib.unitId)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('units')
      .set({ attendanceStart: '2026-01-13' })
      .where('id', '=', unit.id)
      .execute();
    const late = await statuses.list(actor(wib.id), { from: '2026-01-10', to: '2026-01-14' });
    expect(late.items.map((i) => i.localDate)).toEqual(['2026-01-13', '2026-01-14']);
    expect(late.noData).toEqual(
      ['2026-01-10', '2026-01-11', '2026-01-12'].map((localDate) => ({
        localDate,
        reason: 'Sebelum unit mulai tercatat di Abdi',
      })),
    );
    await t.db
      .updateTable('units')
      .set({ attendanceStart: unit.attendanceStart })
      .where('id', '=', unit.id)
      .execute();
  });

  it('the worker drains the queue until stopped', async () => {
    await statuses.markDirty(outsider.id, ['2026-01-12', '2026-01-13'], 'test');
    const stop = startStatusWorker(statuses, 10);
    for (let i = 0; i < 100 && (await t.db.selectFrom('statusQueue').selectAll().execute()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect(await stored(outsider, '2026-01-13')).toMatchObject({ code: 'TK' });
  });

  /** Day-by-day reference: the classifier on one day's punches read on their own (the former per-day path). */
  async function referenceDay(employeeId: string, date: string) {
    const e = await t.db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['e.nip', 'u.code', 'u.timeZone'])
      .where('e.id', '=', employeeId)
      .executeTakeFirstOrThrow();
    const zone = e.timeZone as IndonesianTimeZone;
    const rules = await t.services.rulebooks.rulesOn(t.config.rulebookRegion, date);
    const calendar = buildCalendar(rules.calendar, { unitCode: e.code, zone });
    const schedule = resolveDaySchedule({
      rules: rules.schedule,
      calendar,
      date,
      zone,
      unitCode: e.code,
      employeeNip: e.nip ?? '',
    });
    const punches = await t.db
      .selectFrom('punches as p')
      .leftJoin('punchReviews as r', 'r.punchId', 'p.id')
      .select('p.occurredAt')
      .where('p.employeeId', '=', employeeId)
      .where('p.occurredAt', '>=', new Date(fromZoned(date, 0, zone) - 6 * 3_600_000))
      .where('p.occurredAt', '<', new Date(fromZoned(addDays(date, 2), 0, zone)))
      .where(sql<string>`coalesce(r.decision, p.verdict)`, '!=', 'REJECTED')
      .execute();
    const s = classifyDay({
      date,
      zone,
      schedule,
      dayType: calendar.dayType(date),
      holidayName: calendar.holidayName(date) ?? undefined,
      punches: punches.map((p) => ({ at: p.occurredAt.getTime() })),
      absences: [],
      rules: rules.attendance,
    });
    return {
      code: s.code,
      lateBand: s.lateBand,
      earlyBand: s.earlyBand,
      lateMinutes: s.lateMinutes,
      earlyMinutes: s.earlyMinutes,
      missingCheckIn: s.missingCheckIn,
      missingCheckOut: s.missingCheckOut,
      workLocation: s.workLocation,
      nonWorkingDay: s.nonWorkingDay ?? schedule === null,
      reasons: s.reasons,
    };
  }
  const unitOf = (code: string) =>
    t.db
      .selectFrom('units')
      .select(['id', 'path', 'timeZone'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();

  it('the set-based batch equals day-by-day classification over a generated half month (queue path too)', async () => {
    const unit = await unitOf('DINKES-LABKESDA');
    const emps = await t.db
      .selectFrom('employees')
      .select(['id', 'unitId'])
      .where('unitId', '=', unit.id)
      .where('activeFrom', '<', '2025-12-01')
      .orderBy('nip')
      .limit(4)
      .execute();
    expect(emps.length).toBe(4);
    const zone = unit.timeZone as IndonesianTimeZone;
    // mulberry32: deterministic variety (absent, only in, only out, late, early, duplicates, rejected, flagged).
    let a = 20260115;
    const rnd = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = a;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const dates = eachDay('2026-01-01', '2026-01-14');
    for (const e of emps as Emp[])
      for (const date of dates) {
        const r = rnd();
        const at = (minute: number) => new Date(fromZoned(date, minute, zone)).toISOString();
        if (r < 0.1) continue;
        if (r < 0.85 || r >= 0.95)
          await punchAt(e, at(390 + Math.floor(rnd() * 180)), rnd() < 0.1 ? 'FLAGGED' : 'ACCEPTED', date);
        if (r >= 0.85 || r < 0.75) await punchAt(e, at(780 + Math.floor(rnd() * 300)), 'ACCEPTED', date);
        if (rnd() < 0.15)
          await punchAt(e, at(420 + Math.floor(rnd() * 60)), rnd() < 0.5 ? 'REJECTED' : 'ACCEPTED', date);
      }
    const totals = await statuses.recomputeRange('2026-01-01', '2026-01-14', unit.path);
    expect(totals.failed).toBe(0);
    expect(totals.days).toBeGreaterThanOrEqual(4 * 14);
    const codes = new Set<string>();
    for (const e of emps)
      for (const date of dates) {
        const row = await stored(e as Emp, date);
        expect({
          date,
          ...row,
          employeeId: undefined,
          localDate: undefined,
          unitId: undefined,
          rulebookId: undefined,
          computedAt: undefined,
        }).toEqual({
          date,
          ...(await referenceDay(e.id, date)),
          employeeId: undefined,
          localDate: undefined,
          unitId: undefined,
          rulebookId: undefined,
          computedAt: undefined,
        });
        expect(row!.unitId).toBe(unit.id);
        codes.add(`${row!.code}${row!.lateBand ?? ''}${row!.earlyBand ?? ''}`);
      }
    // The generated month is varied: present, late, early, absent, holiday.
    expect(codes.size).toBeGreaterThanOrEqual(5);
    // The queue path (one employee's days) computes the same rows: nothing changes.
    const before = await t.db
      .selectFrom('dayStatuses')
      .selectAll()
      .where('employeeId', '=', emps[0]!.id)
      .orderBy('localDate')
      .execute();
    await statuses.markDirty(emps[0]!.id, dates, 'test');
    const q = await statuses.processQueue();
    expect(q.stored).toHaveLength(dates.length);
    expect(q.changed).toBe(0);
    expect(
      await t.db
        .selectFrom('dayStatuses')
        .selectAll()
        .where('employeeId', '=', emps[0]!.id)
        .orderBy('localDate')
        .execute(),
    ).toEqual(before);
  });

  it('applies batch sources: an absence replaces TK, a correction adds the missing check-out; onRecomputed on change only', async () => {
    const e = await empOf('BKD-PPI', 0);
    const absenceCalls: unknown[][] = [];
    const absences: AbsenceSource = async (ids, from, to, exec) => {
      absenceCalls.push([ids, from, to, exec !== undefined]);
      return ids.includes(e.id) && from <= '2026-01-08' && to >= '2026-01-08'
        ? [{ employeeId: e.id, code: 'CT', from: '2026-01-08', to: '2026-01-08' }]
        : [];
    };
    const corrections: CorrectionSource = async (ids, fromMs, toMs) => {
      const at = new Date('2026-01-07T09:10:00Z'); // 16:10 WIB
      return ids.includes(e.id) && fromMs <= at.getTime() && at.getTime() < toMs
        ? [{ employeeId: e.id, at, source: 'correction' as const }]
        : [];
    };
    const notified: { employeeId: string; month: string }[][] = [];
    const onRecomputed: RecomputedListener = async (keys, exec) => {
      expect(exec).toBeDefined();
      notified.push(keys);
    };
    const plain = statuses;
    const withSources = createStatusService({
      db: t.db,
      repo: createStatusRepo(t.db),
      clock: t.clock,
      config: t.config,
      rulebooks: t.services.rulebooks,
      absences,
      corrections,
      onRecomputed,
    });
    await punchAt(e, '2026-01-07T00:20:00Z'); // only a check-in at 07:20 WIB
    await plain.markDirty(e.id, ['2026-01-07', '2026-01-08'], 'test');
    await plain.processQueue();
    expect(await stored(e, '2026-01-07')).toMatchObject({ missingCheckOut: true });
    expect(await stored(e, '2026-01-08')).toMatchObject({ code: 'TK' });

    await withSources.markDirty(e.id, ['2026-01-07', '2026-01-08'], 'cuti disetujui');
    const r = await withSources.processQueue();
    expect(r.changed).toBe(2);
    expect(await stored(e, '2026-01-08')).toMatchObject({ code: 'CT', nonWorkingDay: false });
    expect(await stored(e, '2026-01-07')).toMatchObject({
      code: 'H',
      missingCheckOut: false,
      earlyBand: null,
    });
    expect(absenceCalls.at(-1)).toEqual([[e.id], '2026-01-07', '2026-01-08', true]);
    expect(notified).toEqual([[{ employeeId: e.id, month: '2026-01' }]]);
    // Same inputs again: nothing changes, nobody is notified.
    await withSources.markDirty(e.id, ['2026-01-07', '2026-01-08'], 'test');
    expect((await withSources.processQueue()).changed).toBe(0);
    expect(notified).toHaveLength(1);
    // The bulk path reads the same sources.
    await plain.markDirty(e.id, ['2026-01-08'], 'test');
    await plain.processQueue();
    expect(await stored(e, '2026-01-08')).toMatchObject({ code: 'TK' });
    await withSources.recomputeRange('2026-01-08', '2026-01-08', (await unitOf('BKD-PPI')).path);
    expect(await stored(e, '2026-01-08')).toMatchObject({ code: 'CT' });
    expect(notified.at(-1)).toContainEqual({ employeeId: e.id, month: '2026-01' });
  });

  it("stores a day under the employee's unit on that date (placement history), with that unit's time zone", async () => {
    const e = await empOf('BKD-MUT', 0);
    const mks = await unitOf('SETDA-MKS');
    await t.db
      .insertInto('placements')
      .values({ employeeId: e.id, unitId: mks.id, validFrom: '2026-01-01', validTo: '2026-01-12' })
      .execute();
    // 00:10Z = 08:10 WITA (late 40 min) but 07:10 WIB (on time); 08:05Z = 16:05 WITA / 15:05 WIB.
    await punchAt(e, '2026-01-12T00:10:00Z');
    await punchAt(e, '2026-01-12T08:05:00Z');
    await punchAt(e, '2026-01-13T00:10:00Z');
    await punchAt(e, '2026-01-13T08:05:00Z');
    await recompute(e, ['2026-01-12', '2026-01-13']);
    expect(await stored(e, '2026-01-12')).toMatchObject({ unitId: mks.id, lateBand: 'TL2', lateMinutes: 40 });
    expect(await stored(e, '2026-01-13')).toMatchObject({ unitId: e.unitId, lateMinutes: 0 });
    expect((await stored(e, '2026-01-13'))!.earlyMinutes).toBeGreaterThan(0);
  });

  it('a closed month keeps its stored row: the difference becomes one adjustment, removed when the day returns', async () => {
    const adjustmentsOf = (employeeId: string) =>
      t.db.selectFrom('statusAdjustments').selectAll().where('employeeId', '=', employeeId).execute();
    const e = await empOf('DLHK-HUT', 0);
    const parent = await unitOf('DLHK');
    const own = await unitOf('DLHK-HUT');
    const notified: { employeeId: string; month: string }[] = [];
    const svc = createStatusService({
      db: t.db,
      repo: createStatusRepo(t.db),
      clock: t.clock,
      config: t.config,
      rulebooks: t.services.rulebooks,
      onRecomputed: async (keys) => void notified.push(...keys),
    });
    await svc.markDirty(e.id, ['2025-12-30'], 'test');
    await svc.processQueue();
    const closedRow = await stored(e, '2025-12-30');
    expect(closedRow).toMatchObject({ code: 'TK' });
    // December closed through the parent unit (an ancestor), January for the unit itself.
    await t.db
      .insertInto('monthClosings')
      .values([
        { unitId: parent.id, month: '2025-12', closedBy: null },
        { unitId: own.id, month: '2026-01', closedBy: null },
      ])
      .execute();
    // Flagged punches (not yet reviewed) count: the day would now be H.
    const flagged = [
      await punchAt(e, '2025-12-30T00:20:00Z', 'FLAGGED'),
      await punchAt(e, '2025-12-30T09:05:00Z', 'FLAGGED'),
    ];
    notified.length = 0;
    await svc.markDirty(e.id, ['2025-12-30'], 'koreksi presensi');
    const r = await svc.processQueue();
    expect(r.adjusted).toBe(1);
    expect(await stored(e, '2025-12-30')).toEqual(closedRow);
    const adj = await adjustmentsOf(e.id);
    expect(adj).toHaveLength(1);
    expect(adj[0]).toMatchObject({
      unitId: own.id,
      localDate: '2025-12-30',
      monthClosed: '2025-12',
      carriedToMonth: '2026-02',
      oldCode: 'TK',
      newCode: 'H',
      reason: 'koreksi presensi',
      oldStatus: expect.objectContaining({ code: 'TK' }),
      newStatus: expect.objectContaining({ code: 'H', missingCheckIn: false }),
    });
    expect(notified).toEqual([{ employeeId: e.id, month: '2026-02' }]);
    // Changed again (the same day, the bulk path): still one adjustment per employee-day.
    flagged.push(await punchAt(e, '2025-12-30T01:30:00Z', 'FLAGGED'));
    await svc.recomputeRange('2025-12-30', '2025-12-30', own.path);
    const again = await adjustmentsOf(e.id);
    expect(again).toHaveLength(1);
    expect(again[0]!.id).toBe(adj[0]!.id);
    // All flagged punches rejected in review: the day is TK again, as stored → the adjustment goes away.
    await t.db
      .insertInto('punchReviews')
      .values(
        flagged.map((punchId) => ({
          punchId,
          decision: 'REJECTED',
          note: 'di luar kantor',
          decidedBy: reviewerUserId,
        })),
      )
      .execute();
    notified.length = 0;
    /** The day recomputed again: stored as closed, with no adjustment. */
    const recomputedAsClosed = async (reason: string) => {
      await svc.markDirty(e.id, ['2025-12-30'], reason);
      expect((await svc.processQueue()).adjusted).toBe(0);
      expect(await stored(e, '2025-12-30')).toEqual(closedRow);
      expect(await adjustmentsOf(e.id)).toEqual([]);
    };
    await recomputedAsClosed('review');
    expect(notified).toEqual([{ employeeId: e.id, month: '2026-02' }]);
    // Only the explanation changes (a punch at 03:00 WIB, outside the windows, would be noted): the day counts
    // the same, so the closed row stays and no adjustment is made.
    await punchAt(e, '2025-12-29T20:00:00Z', 'ACCEPTED', '2025-12-30');
    await recomputedAsClosed('punch');
  });

  it('stores every employee-day once the date has ended: each ended date queued once, gaps caught up', async () => {
    // Clock: Thu 15 Jan 2026 09:00 WIB → the last ended date is 14 Jan (a first fill takes only that date).
    // (The worker of earlier tests filled already: start from an empty record.)
    await t.db.deleteFrom('statusQueue').execute();
    await t.db.deleteFrom('statusFills').execute();
    const activeOn = async (d: string) =>
      Number(
        (
          await t.db
            .selectFrom('employees')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('activeFrom', '<=', d)
            .where((eb) => eb.or([eb('activeTo', 'is', null), eb('activeTo', '>=', d)]))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const fills = async () =>
      (await t.db.selectFrom('statusFills').selectAll().orderBy('localDate').execute()).map((f) => [
        f.localDate,
        Number(f.queuedDays),
      ]);
    const drain = async () => {
      for (let i = 0; i < 100; i++) if ((await statuses.processQueue(20_000)).stored.length === 0) break;
    };
    expect(await statuses.fillEndedDays()).toBe(await activeOn('2026-01-14'));
    expect(await fills()).toEqual([['2026-01-14', await activeOn('2026-01-14')]]);
    expect(await statuses.fillEndedDays()).toBe(0); // each date once
    await drain();
    const untouched = await empOf('BKD-PKA', 1);
    expect(await stored(untouched, '2026-01-14')).toMatchObject({ code: 'TK' }); // nobody punched: TK
    // Three days later (the server was down): 15, 16 (Fri) and 17 (Sat) are filled, and only they.
    t.clock.set('2026-01-18T01:00:00Z');
    try {
      await statuses.fillEndedDays();
      expect((await fills()).map(([d]) => d)).toEqual(['2026-01-14', ...eachDay('2026-01-15', '2026-01-17')]);
      await drain();
      expect(await stored(untouched, '2026-01-17')).toMatchObject({ code: 'LIBUR' }); // Saturday
    } finally {
      t.clock.set('2026-01-15T02:00:00Z');
    }
  });

  it('the worker runs within its interval (a change is stored within a minute)', async () => {
    expect(STATUS_WORKER_INTERVAL_MS).toBeLessThanOrEqual(60_000);
    const stop = startStatusWorker(statuses, 100);
    try {
      await new Promise((r) => setTimeout(r, 50)); // first (immediate) pass: queue empty
      const e = await empOf('BKD-PKA', 0);
      await punchAt(e, '2026-01-14T00:25:00Z');
      await statuses.markDirty(e.id, ['2026-01-14'], 'punch');
      const t0 = Date.now();
      while ((await stored(e, '2026-01-14'))?.code !== 'H' && Date.now() - t0 < 2_000)
        await new Promise((r) => setTimeout(r, 10));
      expect(Date.now() - t0).toBeLessThan(100 * 3);
      expect(await stored(e, '2026-01-14')).toMatchObject({ code: 'H', missingCheckOut: true });
    } finally {
      await stop();
    }
  });

  it('activating a rulebook version re-queues the days from its effective date; the worker brings them up to date', async () => {
    const stopHook = t.services.rulebooks.onActivated((v) => statuses.onRulebookActivated(v));
    const bkd = actor(null, [{ role: 'BKD', unitId: null, unitPath: null } as never]);
    try {
      await t.db.deleteFrom('statusQueue').execute();
      const current = await t.services.rulebooks.rulesOn(t.config.rulebookRegion, '2026-01-12');
      const next = structuredClone(current) as Rulebook;
      next.meta = {
        ...next.meta,
        id: 'national-2026b',
        version: '2026.2',
        effectiveFrom: '2026-01-13',
        effectiveTo: null,
      };
      const draft = await t.services.rulebooks.createDraft(bkd, next);
      await t.services.rulebooks.activate(bkd, draft.id);
      const queued = await t.db
        .selectFrom('statusQueue')
        .select(['employeeId', 'localDate', 'reason'])
        .execute();
      expect(new Set(queued.map((q) => q.localDate))).toEqual(
        new Set(['2026-01-13', '2026-01-14', '2026-01-15']),
      );
      expect(queued.some((q) => q.employeeId === wib.id && q.localDate === '2026-01-13')).toBe(true);
      expect(queued.every((q) => q.reason === 'rulebook')).toBe(true);
      const stop = startStatusWorker(statuses, 20);
      for (
        let i = 0;
        i < 500 && (await t.db.selectFrom('statusQueue').select('employeeId').limit(1).execute()).length > 0;
        i++
      )
        await new Promise((r) => setTimeout(r, 20));
      await stop();
      expect(await t.db.selectFrom('statusQueue').selectAll().execute()).toEqual([]);
      expect(await stored(wib, '2026-01-13')).toMatchObject({ code: 'H', rulebookId: 'national-2026b' });
      expect(await stored(wib, '2026-01-12')).toMatchObject({ rulebookId: 'national' });
    } finally {
      stopHook();
    }
  });
});
