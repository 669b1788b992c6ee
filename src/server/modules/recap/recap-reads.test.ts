import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { seedDayStatuses } from '../../../../test/helpers/day-statuses.ts';
import type { Actor } from '../../auth/authz.ts';
import { createRecapRepo, unitIdsUnder } from './recap-repo.ts';
import type { DayStatusRow } from '../../lib/month-rows.ts';

/*
 * The reads rewritten for province scale (issue 13 point 12) answer exactly as the statements they replace, kept
 * here as the reference. Random months of stored days (fast-check) in a small tree, clock 10 Feb 2026:
 *
 *   ROOT ─┬─ A ─── A1 (go-live 10 Jan 2026)     six employees, who may move between A, A1 and B within a month;
 *         └─ B                                  codes H (on time, late, no check-in), TK, CT, LIBUR, days off
 *
 * - heatmap: the cells of `recap.heatmap` against the former `day_statuses` statement;
 * - warnings: the list with candidates from the stored monthly figures against the list with candidates from
 *   the days (the former statement, used when a month lacks its figures); the days of the candidates read from
 *   the packed columns against the `day_statuses` view;
 * - recap page: the two-step page (ids, then rows) against the former single sorted statement, every page.
 * (The review queue's property is in attendance/review-queue.test.ts.)
 */
describe('province reads answer as the statements they replace', () => {
  let t: TestApp;
  let actor: Actor;
  const units: Record<'root' | 'a' | 'a1' | 'b', { id: string; path: string }> = {} as never;
  const people: string[] = [];
  const MONTH = '2026-01';

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2026-02-10T02:00:00Z' });
    await t.services.rulebooks.syncRepoRulebooks();
    const mk = async (
      key: keyof typeof units,
      parent: { id: string; path: string } | null,
      goLive = '2025-01-01',
    ) => {
      const id = (await sql<{ id: string }>`select gen_random_uuid()::text as id`.execute(t.db)).rows[0]!.id;
      const path = `${parent?.path ?? '/'}${id}/`;
      await sql`insert into units (id, code, name, kind, parent_id, time_zone, path, attendance_start)
        values (${id}, ${`R-${key}`}, ${`Unit ${key.toUpperCase()}`}, ${parent ? 'BIDANG' : 'INSTANSI'},
                ${parent?.id ?? null}, 'Asia/Jakarta', ${path}, ${goLive})`.execute(t.db);
      units[key] = { id, path };
    };
    await mk('root', null);
    await mk('a', units.root);
    await mk('a1', units.a, '2026-01-10');
    await mk('b', units.root);
    for (let i = 0; i < 6; i++)
      people.push(
        (
          await sql<{
            id: string;
          }>`insert into employees (internal_id, name, gender, employee_type, unit_id, active_from)
            values (${`R-${i}`}, ${`Pegawai ${String.fromCharCode(70 - i)}`}, 'P', 'PNS', ${units.a.id}, '2020-01-01')
            returning id::text as id`.execute(t.db)
        ).rows[0]!.id,
      );
    actor = {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'uji',
      displayName: 'Uji',
      employeeId: null,
      nip: null,
      grants: [{ role: 'SUPER_ADMIN', unitId: null, unitName: null, unitPath: null }],
      isAtasan: false,
      mustChangePassword: false,
      ip: null,
      userAgent: null,
    };
  }, 60_000);
  afterAll(() => t?.close());

  /** A random day of a month: its unit and status. */
  const dayArb = fc.record({
    unit: fc.constantFrom<'a' | 'a1' | 'b'>('a', 'a1', 'b'),
    kind: fc.constantFrom('on-time', 'late', 'no-in', 'tk', 'ct', 'off', 'off-worked'),
    minutes: fc.integer({ min: 1, max: 300 }),
  });
  const monthArb = fc.array(
    fc.array(fc.option(dayArb, { nil: null, freq: 4 }), { minLength: 31, maxLength: 31 }),
    {
      minLength: 6,
      maxLength: 6,
    },
  );

  /** Store a generated month (replacing what was stored) as the status service would. */
  async function store(
    month: string,
    plan: (null | { unit: 'a' | 'a1' | 'b'; kind: string; minutes: number })[][],
  ) {
    await sql`delete from status_months`.execute(t.db);
    await sql`delete from monthly_recaps`.execute(t.db);
    const rows: DayStatusRow[] = [];
    plan.forEach((days, e) =>
      days.forEach((d, i) => {
        if (!d) return;
        const off = d.kind === 'off' || d.kind === 'off-worked';
        rows.push({
          employeeId: people[e]!,
          localDate: `${month}-${String(i + 1).padStart(2, '0')}`,
          unitId: units[d.unit].id,
          code: d.kind === 'tk' ? 'TK' : d.kind === 'ct' ? 'CT' : d.kind === 'off' ? 'LIBUR' : 'H',
          lateBand: d.kind === 'late' ? 'TL2' : d.kind === 'no-in' ? 'TL4' : null,
          earlyBand: d.kind === 'late' && d.minutes > 200 ? 'PSW1' : null,
          lateMinutes: d.kind === 'late' ? d.minutes : 0,
          earlyMinutes: d.kind === 'late' && d.minutes > 200 ? 20 : 0,
          missingCheckIn: d.kind === 'no-in',
          missingCheckOut: false,
          workLocation: d.kind === 'tk' || d.kind === 'ct' || d.kind === 'off' ? null : 'WFO',
          nonWorkingDay: off,
          reasons: [`alasan ${d.kind}`],
          rulebookId: 'national',
        });
      }),
    );
    await seedDayStatuses(t.db, rows, t.clock.now());
  }

  it('heatmap: the same cells as the former day_statuses statement', async () => {
    await fc.assert(
      fc.asyncProperty(monthArb, fc.constantFrom<'root' | 'a'>('root', 'a'), async (plan, top) => {
        await store(MONTH, plan);
        const unit = units[top];
        const before = await sql<{ unitId: string; localDate: string; working: number; onTime: number }>`
          select c.id as unit_id, ds.local_date::text as local_date,
            (count(*) filter (where not ds.non_working_day))::int as working,
            (count(*) filter (where not ds.non_working_day and ds.code = 'H' and ds.late_band is null
              and not ds.missing_check_in))::int as on_time
          from units c
          join units u on (c.id = ${unit.id} and u.id = c.id) or (c.id <> ${unit.id} and u.path like c.path || '%')
          join day_statuses ds on ds.unit_id = u.id
          where (c.id = ${unit.id} or c.parent_id = ${unit.id})
            and ds.month = ${`${MONTH}-01`}::date and ds.month_units && ${unitIdsUnder(unit.path)}
            and ds.local_date between ${`${MONTH}-01`}::date and ${`${MONTH}-31`}::date
            and ds.local_date >= u.attendance_start
          group by c.id, c.name, ds.local_date
          order by c.name, ds.local_date`.execute(t.db);
        const now = await t.services.recap.heatmap(actor, { unitId: unit.id, month: MONTH });
        const after = now.rows.flatMap((r) =>
          r.days.map((d) => ({ unitId: r.unitId, localDate: d.date, working: d.working, onTime: d.onTime })),
        );
        expect(after).toEqual(before.rows);
      }),
      { numRuns: 12 },
    );
  });

  it('warnings: candidates from the monthly figures give the list the days give; the days read are the view’s', async () => {
    const repo = createRecapRepo(t.db);
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(monthArb, async (plan) => {
        await store(MONTH, plan);
        // No figures stored: the candidates come from the days (the former statement).
        expect(await repo.recapsComplete('2026-01', MONTH)).toBe(false);
        const fromDays = await t.services.recap.warnings(actor, { unitId: units.root.id, month: MONTH });
        await t.services.recap.storeMonth(MONTH);
        expect(await repo.recapsComplete('2026-01', MONTH)).toBe(true);
        const fromFigures = await t.services.recap.warnings(actor, { unitId: units.root.id, month: MONTH });
        expect(fromFigures.items).toEqual(fromDays.items);
        listed += fromDays.items.length;
        const view = await t.db
          .selectFrom('dayStatuses')
          .select([
            'employeeId',
            'unitId',
            'localDate',
            'code',
            'lateMinutes',
            'earlyMinutes',
            'nonWorkingDay',
          ])
          .where('employeeId', 'in', people)
          .where('month', '=', `${MONTH}-01`)
          .orderBy('employeeId')
          .orderBy('localDate')
          .execute();
        const packed = await repo.daysOf(people, '2025-12-01', `${MONTH}-31`);
        const key = (r: { employeeId: string; localDate: string }) => `${r.employeeId}|${r.localDate}`;
        expect([...packed].sort((x, y) => (key(x) < key(y) ? -1 : 1))).toEqual(
          [...view].sort((x, y) => (key(x) < key(y) ? -1 : 1)),
        );
      }),
      { numRuns: 8 },
    );
    expect(listed).toBeGreaterThan(0);
  });

  it('recap page: every page of the two-step read equals the former sorted statement', async () => {
    await store(MONTH, [
      ...people.map((_, e) =>
        Array.from({ length: 31 }, (_, i) => ({
          unit: (['a', 'a1', 'b'] as const)[(e + i) % 3]!,
          kind: 'on-time',
          minutes: 1,
        })),
      ),
    ]);
    await t.services.recap.storeMonth(MONTH);
    const before = await sql<{ employeeId: string }>`
      select r.employee_id from monthly_recaps r join employees e on e.id = r.employee_id
      join units u on u.id = r.unit_id where r.month = ${MONTH} and u.path like ${`${units.root.path}%`}
      order by u.path, e.name, e.id`.execute(t.db);
    for (const pageSize of [1, 2, 4]) {
      const pages: string[] = [];
      for (let page = 1; page <= Math.ceil(people.length / pageSize) + 1; page++) {
        const r = await t.services.recap.listUnit(actor, {
          month: MONTH,
          unitId: units.root.id,
          page,
          pageSize,
        });
        expect(r.total).toBe(people.length);
        pages.push(...r.items.map((i) => i.employeeId));
      }
      expect(pages).toEqual(before.rows.map((r) => r.employeeId));
    }
  });
});
