import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { seedDayStatuses } from '../../../../test/helpers/day-statuses.ts';
import type { DayStatusRow } from '../../lib/month-rows.ts';
import { eachDay, isoWeekday } from '../../../core/common/local-date.ts';

/*
 * Go-live and "no data" (issue 13 point 1), closing checks completeness (point 2), on the demo province.
 * Clock: Tue 10 Feb 2026 09:00 WIB (January may be closed from 5 Feb). Every unit is live from 01/01/2000 (the
 * test fixture) unless a test moves it.
 *
 *   ESDM (adminEsdm) ─┬ ESDM-SEK      December 2025 closed
 *                     ├ ESDM-MINERBA  P, Q (plain employees)
 *                     └ ESDM-EBTKE
 *   DLHK-HUT: the repair       PUPR-TR (adminPupr): the closing       BKD over PEMPROV (bkd)
 */
describe('go-live, no data and closing completeness', () => {
  let t: TestApp;
  let c: Record<'adminEsdm' | 'adminPupr' | 'bkd' | 'p', Client>;
  let units: Record<string, { id: string; path: string }>;
  let p: string;
  let q: string;
  let adminUserId: string;

  const unitOf = async (code: string) =>
    t.db.selectFrom('units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
  const employeesOf = async (code: string) =>
    (
      await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'e.activeFrom', 'e.activeTo'])
        .where('u.code', '=', code)
        .orderBy('e.nip')
        .execute()
    ).filter((e) => e.activeFrom <= '2025-12-01' && !e.activeTo);
  /** Ordinary stored days: weekdays `code`, weekends LIBUR. */
  const days = (employeeId: string, unitId: string, dates: string[], code = 'TK'): DayStatusRow[] =>
    dates.map((localDate) => {
      const weekend = isoWeekday(localDate) > 5;
      return {
        employeeId,
        localDate,
        unitId,
        code: weekend ? 'LIBUR' : code,
        lateBand: null,
        earlyBand: null,
        lateMinutes: 0,
        earlyMinutes: 0,
        missingCheckIn: false,
        missingCheckOut: false,
        workLocation: !weekend && code === 'H' ? 'WFO' : null,
        nonWorkingDay: weekend,
        reasons: [weekend ? 'Akhir pekan' : 'Tidak ada presensi dan tidak ada izin'],
        rulebookId: 'national',
      };
    });
  const recapOf = (employeeId: string, month: string) =>
    t.db
      .selectFrom('monthlyRecaps')
      .selectAll()
      .where('employeeId', '=', employeeId)
      .where('month', '=', month)
      .executeTakeFirst();
  /** PATCH the unit with its own fields and a go-live date. */
  async function setGoLive(cl: Client, code: string, date: string, subunits = false) {
    const u = await t.db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    return cl.patch(`/api/units/${u.id}`, {
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: u.parentId,
      timeZone: u.timeZone,
      address: u.address,
      attendanceStart: date,
      attendanceStartSubunits: subunits,
    });
  }
  /** The tables a request changed, but the session it refreshed. */
  async function writes<T>(fn: () => Promise<T>): Promise<[T, string[]]> {
    const before = await dbFingerprint(t.db);
    const r = await fn();
    return [r, changedTables(before, await dbFingerprint(t.db)).filter((x) => x !== 'sessions')];
  }

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-10T02:00:00Z', env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grant = (role: string, unit: string) => {
      const g = d.roleGrants.find((x) => x.role === role && x.unitCode === unit)!;
      return (g.nip ?? g.username)!;
    };
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const plain = d.employees.filter(
      (e) =>
        e.unitCode === 'ESDM-MINERBA' &&
        e.nip &&
        !grantNips.has(e.nip) &&
        !d.employees.some((x) => x.superiorNip === e.nip) &&
        e.activeFrom <= '2025-12-01',
    );
    const idOf = async (nip: string) =>
      (await t.db.selectFrom('employees').select('id').where('nip', '=', nip).executeTakeFirstOrThrow()).id;
    p = await idOf(plain[0]!.nip!);
    q = await idOf(plain[1]!.nip!);
    c = {
      adminEsdm: await login(t.app, grant('ADMIN_OPD', 'ESDM')),
      adminPupr: await login(t.app, grant('ADMIN_OPD', 'PUPR')),
      bkd: await login(t.app, grant('BKD', 'PEMPROV')),
      p: await login(t.app, plain[0]!.nip!),
    };
    units = {};
    for (const code of ['ESDM', 'ESDM-SEK', 'ESDM-MINERBA', 'ESDM-EBTKE', 'DLHK-HUT', 'PUPR-TR'])
      units[code] = await unitOf(code);
    adminUserId = (
      await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    await t.db
      .insertInto('monthClosings')
      .values({ unitId: units['ESDM-SEK']!.id, month: '2025-12', closedBy: adminUserId, contentHash: 'x' })
      .execute();
    await t.db.deleteFrom('statusQueue').execute();
  });
  afterAll(() => t.close());

  describe('setting the go-live date (admin OPD in scope, BKD; PATCH /api/units/:id)', () => {
    it.each<[string, 'adminEsdm' | 'adminPupr' | 'bkd' | 'p', string, string, boolean, number, string?]>([
      [
        'admin OPD, a sub-unit of its OPD, a past date',
        'adminEsdm',
        'ESDM-MINERBA',
        '2026-01-12',
        false,
        200,
      ],
      ['a date in the future', 'adminEsdm', 'ESDM-MINERBA', '2026-02-11', false, 400, 'masa depan'],
      ['a unit outside the caller’s scope', 'adminPupr', 'ESDM-MINERBA', '2026-01-05', false, 403],
      ['a pegawai', 'p', 'ESDM-MINERBA', '2026-01-05', false, 403],
      [
        'after days already closed',
        'adminEsdm',
        'ESDM-SEK',
        '2026-01-05',
        false,
        409,
        '2025-12 sudah ditutup',
      ],
      [
        'the OPD and its sub-units, one with a closed month',
        'bkd',
        'ESDM',
        '2026-01-05',
        true,
        409,
        'ditutup',
      ],
      ['BKD, any unit', 'bkd', 'ESDM-EBTKE', '2026-01-12', false, 200],
      ['BKD, before the closed month', 'bkd', 'ESDM-SEK', '2025-11-15', false, 200],
      ['then later, into the closed month', 'bkd', 'ESDM-SEK', '2025-12-10', false, 409, '2025-12'],
    ])('%s', async (_name, who, code, date, subunits, status, message) => {
      const before = (await t.db.selectFrom('units').select(['code', 'attendanceStart']).execute()).sort(
        (a, b) => a.code.localeCompare(b.code),
      );
      const [res, changed] = await writes(() => setGoLive(c[who], code, date, subunits));
      expect(res.statusCode, res.body).toBe(status);
      if (message) expect(res.json().error.message).toContain(message);
      if (status !== 200) {
        // A refusal says why and loses nothing stored.
        expect(changed).toEqual([]);
        return;
      }
      expect(res.json().attendanceStart).toBe(date);
      const after = await t.db.selectFrom('units').select(['code', 'attendanceStart']).execute();
      expect(
        after.filter((u) => before.find((b) => b.code === u.code)!.attendanceStart !== u.attendanceStart),
      ).toEqual([{ code, attendanceStart: date }]);
      const audit = await t.db
        .selectFrom('auditLog')
        .select(['after'])
        .where('action', '=', 'unit.attendance_start_set')
        .where('entityId', '=', units[code]!.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.after).toMatchObject({ attendanceStart: date });
    });

    it('the days between the old and the new date are queued (at most 400 days back); sub-units follow on request', async () => {
      // ESDM-MINERBA went from 01/01/2000 to 12/01/2026: its employees' days from 06/01/2025 to 11/01/2026.
      const queued = await t.db
        .selectFrom('statusQueue')
        .select([
          'employeeId',
          (eb) => eb.fn.min('localDate').as('lo'),
          (eb) => eb.fn.max('localDate').as('hi'),
        ])
        .where('employeeId', '=', p)
        .groupBy('employeeId')
        .executeTakeFirstOrThrow();
      expect([queued.lo, queued.hi]).toEqual(['2025-01-06', '2026-01-11']);
      await t.db.deleteFrom('statusQueue').execute();
      const res = await setGoLive(c.bkd, 'ESDM-EBTKE', '2026-01-12', true);
      expect(res.statusCode).toBe(200);
      // A new unit goes live on the day it is created, in its zone; a future date is refused.
      const base = { kind: 'BIDANG', parentId: units.ESDM!.id, timeZone: 'Asia/Jakarta', address: null };
      const created = await c.adminEsdm.post('/api/units', {
        ...base,
        code: 'ESDM-BARU',
        name: 'Bidang Baru',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().attendanceStart).toBe('2026-02-10');
      const future = await c.adminEsdm.post('/api/units', {
        ...base,
        code: 'ESDM-BARU2',
        name: 'Bidang Baru 2',
        attendanceStart: '2026-02-11',
      });
      expect(future.statusCode).toBe(400);
    });
  });

  describe('reading never writes; days before go-live are no data', () => {
    it('a month before go-live: every day "Belum ada data", no recap, no warning, nothing stored', async () => {
      const [mine, changed] = await writes(async () => {
        const month = (await c.p.get('/api/recap/employee?month=2025-12')).json();
        const statuses = (await c.p.get('/api/statuses?from=2025-12-01&to=2025-12-31')).json();
        const csv = await c.p.get('/api/recap/employee/export?month=2025-12&format=csv');
        const warnings = (
          await c.bkd.get(`/api/recap/warnings?unitId=${units.ESDM!.id}&month=2025-12`)
        ).json();
        const unit = (
          await c.adminEsdm.get(`/api/recap/units?unitId=${units.ESDM!.id}&month=2025-12`)
        ).json();
        return { month, statuses, csv, warnings, unit };
      });
      expect(changed).toEqual([]);
      expect(mine.month).toMatchObject({ days: [], recap: null, recapProvisional: false });
      expect(mine.month.noData).toHaveLength(31);
      expect(mine.month.noData[0]).toEqual({
        localDate: '2025-12-01',
        reason: 'Sebelum unit mulai tercatat di Abdi',
      });
      expect(mine.statuses).toMatchObject({ items: [] });
      expect(mine.statuses.noData).toHaveLength(31);
      expect(mine.csv.body).toContain('Belum ada data: Sebelum unit mulai tercatat di Abdi');
      expect(mine.csv.body).not.toMatch(/,TK,/);
      expect(mine.warnings.items).toEqual([]);
      expect(mine.unit.items.some((r: { employeeId: string }) => r.employeeId === p)).toBe(false);
    });

    it('the month of go-live: days before it no data, ended days after it computed in memory, nothing stored', async () => {
      const [month, changed] = await writes(async () =>
        (await c.p.get('/api/recap/employee?month=2026-01')).json(),
      );
      expect(changed).toEqual([]);
      expect(month.noData.map((n: { localDate: string }) => n.localDate)).toEqual(
        eachDay('2026-01-01', '2026-01-11'),
      );
      expect(month.days.map((x: { localDate: string }) => x.localDate)).toEqual(
        eachDay('2026-01-12', '2026-01-31'),
      );
      expect(month.days.every((x: { provisional: boolean }) => x.provisional)).toBe(true);
      // 12–31 January: 14 working days (16th: Isra Mikraj), no punch → TK, computed, not stored; nothing before.
      expect(month).toMatchObject({ recapProvisional: true, recap: { workingDays: 14, tkDays: 14 } });
    });

    it('false TK days stored before go-live (the old read path) are ignored by readers and early warnings', async () => {
      const minerba = units['ESDM-MINERBA']!.id;
      // P: the false TK on 1–11 January; Q: real TK after go-live (a control, listed).
      await seedDayStatuses(t.db, days(p, minerba, eachDay('2026-01-01', '2026-01-11')), t.clock.now());
      await seedDayStatuses(t.db, days(q, minerba, eachDay('2026-01-12', '2026-01-16')), t.clock.now());
      const warnings = (await c.bkd.get(`/api/recap/warnings?unitId=${units.ESDM!.id}&month=2026-01`)).json();
      const listed = warnings.items.map((w: { employeeId: string }) => w.employeeId);
      expect(listed).toContain(q);
      expect(listed).not.toContain(p);
      const month = (await c.p.get('/api/recap/employee?month=2026-01')).json();
      expect(month.days[0].localDate).toBe('2026-01-12');
      expect(month.recap).toMatchObject({ workingDays: 14, tkDays: 14 });
    });

    it('the ended-day fill queues every employee once, except where the unit is not live yet', async () => {
      expect((await setGoLive(c.bkd, 'ESDM-EBTKE', '2026-02-10')).statusCode).toBe(200);
      await t.db.deleteFrom('statusQueue').execute();
      expect(await t.services.statuses.fillEndedDays()).toBeGreaterThan(0);
      const queued = new Set(
        (
          await t.db
            .selectFrom('statusQueue')
            .select('employeeId')
            .where('localDate', '=', '2026-02-09')
            .execute()
        ).map((r) => r.employeeId),
      );
      expect(queued.has(p)).toBe(true);
      for (const e of await employeesOf('ESDM-EBTKE')) expect(queued.has(e.id)).toBe(false);
      await t.db.deleteFrom('statusQueue').execute();
    });

    it('moving the go-live date: the worker removes the days now without data, stores the others, and their recaps', async () => {
      const r = await t.services.statuses.recomputeRange(
        '2026-01-01',
        '2026-01-31',
        units['ESDM-MINERBA']!.path,
      );
      // P's false TK of 1–11 January are removed on the way.
      expect(r.cleared).toBe(11);
      expect(await recapOf(p, '2026-01')).toMatchObject({ recordedDays: 20, workingDays: 14, tkDays: 14 });
      expect((await setGoLive(c.bkd, 'ESDM-MINERBA', '2026-01-19')).statusCode).toBe(200);
      expect((await t.services.statuses.processQueue()).cleared).toBeGreaterThanOrEqual(7);
      expect(await recapOf(p, '2026-01')).toMatchObject({ recordedDays: 13, workingDays: 10, tkDays: 10 });
      expect((await setGoLive(c.adminEsdm, 'ESDM-MINERBA', '2026-01-05')).statusCode).toBe(200);
      await t.services.statuses.processQueue();
      expect(await recapOf(p, '2026-01')).toMatchObject({ recordedDays: 27, workingDays: 19, tkDays: 19 });
      expect(await t.db.selectFrom('statusQueue').selectAll().execute()).toEqual([]);
    });
  });

  describe('repair of an installation (npm run statuses:repair)', () => {
    it('removes the stored days without data, carries closed ones as adjustments, refreshes recaps; idempotent', async () => {
      const hut = units['DLHK-HUT']!;
      const [q2, r2] = await employeesOf('DLHK-HUT');
      // As the migration's backfill would have it: DLHK-HUT live from 20 January; R2 left service on 15 January.
      await t.db
        .updateTable('units')
        .set({ attendanceStart: '2026-01-20' })
        .where('id', '=', hut.id)
        .execute();
      await t.db.updateTable('employees').set({ activeTo: '2026-01-15' }).where('id', '=', r2!.id).execute();
      await seedDayStatuses(
        t.db,
        [
          ...days(q2!.id, hut.id, eachDay('2025-12-01', '2026-01-31')),
          ...days(r2!.id, hut.id, eachDay('2026-01-01', '2026-01-31')),
        ],
        t.clock.now(),
      );
      await t.services.recap.storeMonth('2025-12', hut.path);
      await t.services.recap.storeMonth('2026-01', hut.path);
      await t.db
        .insertInto('monthClosings')
        .values({ unitId: hut.id, month: '2025-12', closedBy: adminUserId, contentHash: 'x' })
        .execute();
      expect(await recapOf(r2!.id, '2026-01')).toBeDefined();

      const first = await t.services.statuses.repairNoData();
      // Q2: December (closed: 31 adjustments) and 1–19 January; R2: all of January (before go-live or after service).
      expect(first).toEqual({ months: 2, employees: 2, days: 31 + 19 + 31, cleared: 50, adjusted: 31 });
      expect(await recapOf(r2!.id, '2026-01')).toBeUndefined();
      expect(await recapOf(q2!.id, '2026-01')).toMatchObject({ recordedDays: 12, adjustmentCount: 31 });
      // The closed December keeps its frozen row; its removal is carried into January.
      expect(await recapOf(q2!.id, '2025-12')).toMatchObject({ recordedDays: 31 });
      const adj = await t.db
        .selectFrom('statusAdjustments')
        .select(['oldCode', 'newCode', 'carriedToMonth'])
        .where('employeeId', '=', q2!.id)
        .where('localDate', '=', '2025-12-01')
        .executeTakeFirstOrThrow();
      expect(adj).toEqual({ oldCode: 'TK', newCode: null, carriedToMonth: '2026-01' });
      const again = await t.services.statuses.repairNoData();
      expect(again).toEqual({ months: 0, employees: 0, days: 0, cleared: 0, adjusted: 0 });
    });
  });

  describe('closing checks completeness (POST /api/recap/closing/close)', () => {
    let x: string;
    let permitId: string;
    let punchId: string;

    beforeAll(async () => {
      const tr = units['PUPR-TR']!;
      const emps = await employeesOf('PUPR-TR');
      x = emps[0]!.id;
      // Every January day stored as an ordinary day, but X's 20 January.
      const all = await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'e.activeFrom', 'e.activeTo'])
        .where('u.id', '=', tr.id)
        .execute();
      await seedDayStatuses(
        t.db,
        all.flatMap((e) =>
          days(
            e.id,
            tr.id,
            eachDay('2026-01-01', '2026-01-31').filter(
              (d) =>
                d >= e.activeFrom && (!e.activeTo || d <= e.activeTo) && !(e.id === x && d === '2026-01-20'),
            ),
            'H',
          ),
        ),
        t.clock.now(),
      );
      await t.services.recap.storeMonth('2026-01', tr.path);
      const user = (
        await t.db
          .selectFrom('users')
          .select('id')
          .where('employeeId', '=', emps[1]!.id)
          .executeTakeFirstOrThrow()
      ).id;
      permitId = (
        await t.db
          .insertInto('permits')
          .values({
            employeeId: emps[1]!.id,
            kind: 'I',
            dateFrom: '2026-01-21',
            dateTo: '2026-01-21',
            reason: 'Urusan keluarga',
            status: 'DIAJUKAN',
            requestedBy: user,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      punchId = (
        await t.db
          .insertInto('punches')
          .values({
            employeeId: emps[2]!.id,
            unitId: tr.id,
            kind: 'IN',
            source: 'ONLINE',
            occurredAt: new Date('2026-01-22T00:20:00Z'),
            receivedAt: new Date('2026-01-22T00:20:00Z'),
            localDate: '2026-01-22',
            idempotencyKey: 'go-live-test-flagged',
            bodyHash: 'x',
            verdict: 'FLAGGED',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    });

    const close = (waivers?: { kind: string; ref: string; reason: string }[]) =>
      c.adminPupr.post('/api/recap/closing/close', {
        unitId: units['PUPR-TR']!.id,
        month: '2026-01',
        ...(waivers ? { waivers } : {}),
      });

    it('the closing status lists what is missing or pending, item by item, and what may be waived', async () => {
      const s = (
        await c.adminPupr.get(`/api/recap/closing?unitId=${units['PUPR-TR']!.id}&month=2026-01`)
      ).json();
      expect(s).toMatchObject({
        canCloseNow: true,
        complete: false,
        missingDays: 1,
        counts: { missingDays: 1, flaggedPunch: 1, pendingPermit: 1, queuedDays: 0 },
        waivable: { minReasonChars: 10 },
      });
      expect(s.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'missingDays', ref: x, dates: ['2026-01-20'], waivable: false }),
          expect.objectContaining({ kind: 'pendingPermit', ref: permitId, waivable: true }),
          expect.objectContaining({ kind: 'flaggedPunch', ref: punchId, waivable: true }),
        ]),
      );
      expect(s.items.find((i: { kind: string }) => i.kind === 'missingDays').label).toBe(
        '1 hari belum tersimpan (20/01/2026)',
      );
    });

    const reason = 'Atasan sedang dinas, diputuskan bulan depan';
    it.each<[string, () => { kind: string; ref: string; reason: string }[] | undefined, number, string]>([
      ['while a day is not stored', () => undefined, 409, '1 hari-pegawai belum tersimpan'],
      [
        'a reason for the missing day (never waivable)',
        () => [{ kind: 'missingDays', ref: x, reason }],
        400,
        'tidak dapat dikecualikan',
      ],
    ])('%s, nothing stored', async (_name, waivers, status, message) => {
      const [res, changed] = await writes(() => close(waivers()));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toContain(message);
      expect(changed).toEqual([]);
      if (status === 409)
        expect(res.json().error.details).toMatchObject({
          missingDays: 1,
          requests: 1,
          flaggedPunches: 1,
          total: 3,
        });
    });

    it('"Hitung sekarang" queues the days not stored (closers in scope only); the worker stores them', async () => {
      const body = { unitId: units['PUPR-TR']!.id, month: '2026-01' };
      const status = async () =>
        (await c.adminPupr.get(`/api/recap/closing?unitId=${body.unitId}&month=2026-01`)).json();
      // Outside the caller's scope: refused, nothing stored.
      const [refused, untouched] = await writes(() =>
        c.adminEsdm.post('/api/recap/closing/queue-missing', body),
      );
      expect(refused.statusCode).toBe(403);
      expect(untouched).toEqual([]);
      const res = await c.adminPupr.post('/api/recap/closing/queue-missing', body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ employees: 1, days: 1 });
      expect(await status()).toMatchObject({ missingDays: 0, counts: { missingDays: 0, queuedDays: 1 } });
      // Asking again queues nothing more.
      expect((await c.adminPupr.post('/api/recap/closing/queue-missing', body)).json()).toMatchObject({
        days: 0,
      });
      await t.services.statuses.processQueue();
      expect(await status()).toMatchObject({ missingDays: 0, counts: { missingDays: 0, queuedDays: 0 } });
      const audit = await t.db
        .selectFrom('auditLog')
        .select('after')
        .where('action', '=', 'recap.missing_days_queued')
        .execute();
      expect(audit.map((a) => a.after)).toEqual([{ month: '2026-01', employees: 1, days: 1 }]);
    });

    it.each<[string, () => { kind: string; ref: string; reason: string }[] | undefined, number, string]>([
      [
        'the day stored; a request and a flagged punch without reasons',
        () => undefined,
        409,
        'boleh dikecualikan',
      ],
      [
        'a reason too short',
        () => [{ kind: 'pendingPermit', ref: permitId, reason: 'nanti' }],
        400,
        'minimal 10',
      ],
    ])('%s, nothing stored', async (_name, waivers, status, message) => {
      await seedDayStatuses(t.db, days(x, units['PUPR-TR']!.id, ['2026-01-20'], 'H'), t.clock.now());
      const [res, changed] = await writes(() => close(waivers()));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toContain(message);
      expect(changed).toEqual([]);
    });

    it('closes with a reason per item the rulebook allows to leave open; kept with the closing and audited', async () => {
      const res = await close([
        { kind: 'pendingPermit', ref: permitId, reason },
        { kind: 'flaggedPunch', ref: punchId, reason },
      ]);
      expect(res.statusCode, res.body).toBe(200);
      const kept = await t.db
        .selectFrom('recapClosings')
        .select('waivers')
        .where('unitId', '=', units['PUPR-TR']!.id)
        .executeTakeFirstOrThrow();
      expect(kept.waivers).toEqual([
        expect.objectContaining({ kind: 'flaggedPunch', ref: punchId, reason }),
        expect.objectContaining({ kind: 'pendingPermit', ref: permitId, reason }),
      ]);
      const audit = await t.db
        .selectFrom('auditLog')
        .select('after')
        .where('action', '=', 'recap.month_closed')
        .where('unitId', '=', units['PUPR-TR']!.id)
        .executeTakeFirstOrThrow();
      expect((audit.after as { waivers: unknown[] }).waivers).toHaveLength(2);
      const s = (
        await c.adminPupr.get(`/api/recap/closing?unitId=${units['PUPR-TR']!.id}&month=2026-01`)
      ).json();
      expect(s.history[0].waivers).toHaveLength(2);
    });

    it('a month entirely before go-live has nothing missing and closes', async () => {
      const res = await c.adminEsdm.post('/api/recap/closing/close', {
        unitId: units['ESDM-EBTKE']!.id,
        month: '2025-12',
      });
      expect(res.statusCode, res.body).toBe(200);
    });
  });

  describe('exports of an incomplete month say so (no signature over "Belum ada data")', () => {
    it('PDF and CSV of a month with days not stored yet', async () => {
      // February 1–9 have ended; none of PUPR-TR's days are stored.
      const url = `/api/recap/export?unitId=${units['PUPR-TR']!.id}&month=2026-02`;
      const pdf = await c.adminPupr.get(`${url}&format=pdf`);
      expect(pdf.statusCode).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
        mergePages: true,
      });
      expect(text).toContain('PERHATIAN: data bulan ini belum lengkap');
      expect(text).toContain('Tidak untuk ditandatangani');
      expect(text).not.toContain('Mengetahui,');
      const csv = await c.adminPupr.get(`${url}&format=csv`);
      const lines = csv.body.trim().split('\r\n');
      expect(lines[lines.length - 1]).toMatch(/^CATATAN,"?PERHATIAN: data bulan ini belum lengkap/);
      // The closed January carries its signature block.
      const closed = await c.adminPupr.get(
        `/api/recap/export?unitId=${units['PUPR-TR']!.id}&month=2026-01&format=pdf`,
      );
      const jan = await extractText(await getDocumentProxy(new Uint8Array(closed.rawPayload)), {
        mergePages: true,
      });
      expect(jan.text).toContain('Mengetahui,');
    });
  });
});
