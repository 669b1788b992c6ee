import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Insertable } from 'kysely';
import type { PunchesTable } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { statusSources } from '../../app.ts';
import { createStatusRepo } from './status-repo.ts';
import { createStatusService, type AbsenceSource, type CorrectionSource } from './status-service.ts';
import { eachDay } from '../../../core/common/local-date.ts';
import { fromZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';

/*
 * The month build (`recomputeRange` with the app's `onRecomputed`, as bench/recap times it) stores exactly what it
 * stored before its hot path was made cheaper (issue 20 point 7): the packed month rows and the recap rows of a
 * varied month are compared with a snapshot taken from the earlier code. Varied: WIB and WITA units, on time,
 * late, early, only in, only out, none, duplicate, rejected and flagged punches, an approved absence, a correction
 * punch, a move to another unit in mid-month (two units in one month row) and a start of service in mid-month
 * ("no data" days). Clock: Thursday 15 Jan 2026, 09:00 WIB. Ids are replaced by NIPs and unit codes.
 */
describe('month build: stored month rows and recap as before', () => {
  let t: TestApp;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    await t.services.rulebooks.syncRepoRulebooks();
  });
  afterAll(() => t.close());

  const employeesOf = (unitCode: string, n: number) =>
    t.db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['e.id', 'e.unitId', 'e.nip', 'u.timeZone', 'u.path'])
      .where('u.code', '=', unitCode)
      .where('e.activeFrom', '<', '2025-12-01')
      .orderBy('e.nip')
      .limit(n)
      .execute();

  /** The stored month rows and recap rows of the employees, ids replaced by NIPs and unit codes. */
  async function snapshot(ids: string[]) {
    const months = await sql<Record<string, unknown>>`
      select e.nip, m.month::text as month,
        (select string_agg(u.code, ',' order by x.n) from unnest(m.units) with ordinality x(id, n)
          join units u on u.id = x.id) as units,
        m.unit_ix, m.code, m.late_band, m.early_band, m.late_minutes, m.early_minutes, m.missing_check_in,
        m.missing_check_out, m.work_location, m.non_working_day, m.rulebook_id, m.computed_ms, m.made_up_late,
        m.reasons
      from status_months m join employees e on e.id = m.employee_id
      where m.employee_id = any(${ids}::uuid[]) order by e.nip, m.month`.execute(t.db);
    const recaps = await t.db
      .selectFrom('monthlyRecaps as r')
      .innerJoin('employees as e', 'e.id', 'r.employeeId')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .selectAll('r')
      .select(['e.nip', 'u.code as unitCode'])
      .where('r.employeeId', 'in', ids)
      .orderBy('e.nip')
      .orderBy('r.month')
      .execute();
    return {
      months: months.rows,
      recaps: recaps.map(({ employeeId: _e, unitId: _u, computedAt: _c, ...r }) => r),
    };
  }

  it('a varied month built from raw punches stores the same packed rows and recap rows as before', async () => {
    const wib = await employeesOf('DINKES-LABKESDA', 5);
    const wita = await employeesOf('SETDA-MKS', 4);
    const emps = [...wib, ...wita];
    expect(emps).toHaveLength(9);
    const ids = emps.map((e) => e.id);
    // mulberry32: deterministic variety.
    let a = 20260107;
    const rnd = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = a;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const punches: Insertable<PunchesTable>[] = [];
    for (const e of emps)
      for (const date of eachDay('2026-01-01', '2026-01-14')) {
        const zone = e.timeZone as IndonesianTimeZone;
        const at = (minute: number) => new Date(fromZoned(date, minute, zone));
        const add = (minute: number, verdict = 'ACCEPTED') => {
          const when = at(minute);
          punches.push({
            employeeId: e.id,
            unitId: e.unitId,
            kind: 'ANY',
            source: 'ONLINE',
            occurredAt: when,
            receivedAt: when,
            localDate: date,
            idempotencyKey: `month-build-${++seq}`,
            bodyHash: 'x',
            verdict,
          });
        };
        const r = rnd();
        if (r < 0.1) continue;
        if (r < 0.85 || r >= 0.95) add(390 + Math.floor(rnd() * 180), rnd() < 0.1 ? 'FLAGGED' : 'ACCEPTED');
        if (r >= 0.85 || r < 0.75) add(780 + Math.floor(rnd() * 300));
        if (rnd() < 0.15) add(420 + Math.floor(rnd() * 60), rnd() < 0.5 ? 'REJECTED' : 'ACCEPTED');
        if (rnd() < 0.05) add(400); // a duplicate-looking early punch
      }
    await t.db.insertInto('punches').values(punches).execute();
    // A move to SETDA-MKS from 9 Jan (two units in one month row), a start of service on 6 Jan (no data before).
    const mover = wib[1]!;
    const mks = wita[0]!;
    await t.db
      .insertInto('placements')
      .values({ employeeId: mover.id, unitId: mks.unitId, validFrom: '2026-01-09', validTo: null })
      .execute();
    await t.db
      .updateTable('employees')
      .set({ activeFrom: '2026-01-06' })
      .where('id', '=', wib[2]!.id)
      .execute();
    // An approved absence (CT on 8 Jan) and a correction punch (16:10 WIB check-out on 7 Jan) for one employee.
    const e0 = wib[0]!.id;
    const absences: AbsenceSource = async (xs, from, to) =>
      xs.includes(e0) && from <= '2026-01-08' && to >= '2026-01-08'
        ? [{ employeeId: e0, code: 'CT', from: '2026-01-08', to: '2026-01-08' }]
        : [];
    const correctionAt = new Date('2026-01-07T09:10:00Z');
    const corrections: CorrectionSource = async (xs, fromMs, toMs) =>
      xs.includes(e0) && fromMs <= correctionAt.getTime() && correctionAt.getTime() < toMs
        ? [{ employeeId: e0, at: correctionAt, source: 'correction' as const }]
        : [];
    const build = createStatusService({
      db: t.db,
      repo: createStatusRepo(t.db),
      clock: t.clock,
      config: t.config,
      rulebooks: t.services.rulebooks,
      ...statusSources(() => t.services),
      absences,
      corrections,
      // Small batches, several in flight: the batching of a province build on a few employees.
      batchEmployees: 2,
      concurrency: 2,
    });
    for (const path of [wib[0]!.path, wita[0]!.path]) {
      const totals = await build.recomputeRange('2026-01-01', '2026-01-14', path);
      expect(totals.failed).toBe(0);
    }
    const first = await snapshot(ids);
    expect(first.months.length).toBeGreaterThanOrEqual(9);
    expect(first.recaps.length).toBeGreaterThanOrEqual(9);
    expect(first).toMatchSnapshot();
    // Built again over the stored rows: nothing changes.
    for (const path of [wib[0]!.path, wita[0]!.path])
      expect((await build.recomputeRange('2026-01-01', '2026-01-14', path)).changed).toBe(0);
    expect(await snapshot(ids)).toEqual(first);
  });
});
