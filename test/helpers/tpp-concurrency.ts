import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { eachDay, isoWeekday, monthRange } from '../../src/core/common/local-date.ts';
import { seedDayStatuses } from './day-statuses.ts';
import { login, type Client, type TestApp } from './test-app.ts';

/*
 * The TPP run cases of test/security/concurrency.test.ts (not a test itself). The unit is UPTD Laboratorium
 * Kesehatan Daerah of the demo Dinkes (a sibling of Puskesmas Curug, which the file's recap cases close): each case
 * gets its own month of 2025 that no other case of the file closes (January–April, July, August; Dinkes goes live
 * in December 2025 there, so a month before is closed without anything missing). A month is prepared as the TPP
 * runs need it: every employee of the unit stored present on the weekdays (weekends LIBUR), the month closed
 * through the recap route by the admin OPD of Dinkes; then the run is driven through the API to the status the
 * case starts from (admin OPD computes, checks and publishes; the head of the unit approves; BKD approves and
 * locks).
 */

/** The months the cases use, one per case, in the order they are taken. */
const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-07', '2025-08'];
const UNIT = 'DINKES-LABKESDA';
/** Steps of a run, in order: the route's path and its audit action (runs-lifecycle.ts). */
const STEPS = [
  { path: 'check', action: 'check', audit: 'tpp_run.checked', to: 'DIPERIKSA' },
  { path: 'publish', action: 'publish', audit: 'tpp_run.published', to: 'DIUMUMKAN' },
  { path: 'approve-opd', action: 'approveOpd', audit: 'tpp_run.approved_opd', to: 'DISETUJUI_OPD' },
  { path: 'approve', action: 'approve', audit: 'tpp_run.approved', to: 'DISETUJUI' },
  { path: 'lock', action: 'lock', audit: 'tpp_run.locked', to: 'DIKUNCI' },
] as const;
type Step = (typeof STEPS)[number];

/** What the cases need from the test file (built in its beforeAll, hence a getter). */
export interface TppConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client };
  /** N identical calls at once. */
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  /** One success, every other call a clear 409 whose message matches `said`. */
  expectOneWinner(rs: LightMyRequestResponse[], said: RegExp): LightMyRequestResponse;
}

interface TppWorld {
  t: TestApp;
  unit: { id: string; name: string };
  employeeIds: string[];
  /** Who acts on each step: admin OPD of Dinkes, the head of the unit, BKD. */
  by: Record<Step['action'] | 'compute', Client>;
}

async function buildTppWorld(d: ReturnType<TppConcurrencyDeps['get']>): Promise<TppWorld> {
  const { t } = d;
  const unit = await t.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('code', '=', UNIT)
    .executeTakeFirstOrThrow();
  const employees = await t.db
    .selectFrom('employees')
    .select(['id', 'unitId'])
    .where('unitId', '=', unit.id)
    .orderBy('id')
    .execute();
  const head = await t.db
    .selectFrom('employees as e')
    .innerJoin('positions as p', 'p.id', 'e.positionId')
    .select('e.nip')
    .where('p.unitId', '=', unit.id)
    .where('p.isHead', '=', true)
    .executeTakeFirstOrThrow();
  const headClient = await login(t.app, head.nip!);
  expect(employees.length).toBeGreaterThan(5);
  return {
    t,
    unit,
    employeeIds: employees.map((e) => e.id),
    by: {
      compute: d.adminOpd,
      check: d.adminOpd,
      publish: d.adminOpd,
      approveOpd: headClient,
      approve: d.bkd,
      lock: d.bkd,
    },
  };
}

/** Every employee of the unit present on the month's weekdays, and the month closed (recap route). */
async function closedMonth(w: TppWorld, month: string) {
  const { from, to } = monthRange(month);
  const rows = w.employeeIds.flatMap((employeeId) =>
    eachDay(from, to).map((localDate) => {
      const off = isoWeekday(localDate) >= 6;
      return {
        employeeId,
        unitId: w.unit.id,
        localDate,
        code: off ? 'LIBUR' : 'H',
        lateBand: null,
        earlyBand: null,
        lateMinutes: 0,
        earlyMinutes: 0,
        missingCheckIn: false,
        missingCheckOut: false,
        workLocation: off ? null : 'WFO',
        nonWorkingDay: off,
        reasons: [],
        rulebookId: 'national',
      };
    }),
  );
  await seedDayStatuses(w.t.db, rows, new Date(`${to}T12:00:00Z`));
  const res = await w.by.compute.post('/api/recap/closing/close', { unitId: w.unit.id, month });
  expect(res.statusCode, res.body).toBe(200);
}

/** A run of `month` driven through the API up to (not including) step `before`. */
async function runBefore(w: TppWorld, month: string, before: Step['action']): Promise<string> {
  await closedMonth(w, month);
  const computed = await w.by.compute.post('/api/tpp/runs', { unitId: w.unit.id, month });
  expect(computed.statusCode, computed.body).toBe(201);
  const id = computed.json().id as string;
  for (const s of STEPS) {
    if (s.action === before) break;
    if (s.action === 'approveOpd') await endObjectionWindow(w, id);
    const res = await w.by[s.action].post(`/api/tpp/runs/${id}/${s.path}`, {});
    expect(res.statusCode, res.body).toBe(200);
  }
  return id;
}

/**
 * The objection window of a published run ended yesterday. The file's clock is fixed (Thu 15/01/2026), and the
 * window opened by publishing today ends 5 working days later: the approvals need it past, so it is set in the
 * database, as if the run had been published earlier.
 */
async function endObjectionWindow(w: TppWorld, runId: string) {
  await w.t.db.updateTable('tppRuns').set({ objectionUntil: '2026-01-14' }).where('id', '=', runId).execute();
}

const countOf = async (
  t: TestApp,
  table: 'auditLog' | 'tppRunEvents' | 'tppRuns' | 'tppRunLines' | 'notifications',
  where: Record<string, string>,
) => {
  let q = t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n'));
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** The concurrency cases of the TPP run routes (POST /api/tpp/runs and every lifecycle step). */
export function tppRunCases(deps: TppConcurrencyDeps) {
  let world: Promise<TppWorld> | null = null;
  const tpp = () => (world ??= buildTppWorld(deps.get()));
  let taken = 0;
  const nextMonth = () => MONTHS[taken++]!;
  /** The run the lock case locked: the corrections case records on it. */
  let locked: { id: string; month: string } | null = null;

  /**
   * A run driven to the status before `s`, then N identical calls of `s` by whoever takes it: one 200, N−1 409s
   * naming the status the run is in now, one audit entry, one timeline event, the status changed once.
   */
  const stepCase = (s: Step) => async () => {
    const w = await tpp();
    const month = nextMonth();
    const id = await runBefore(w, month, s.action);
    if (s.action === 'approveOpd') await endObjectionWindow(w, id);
    const rs = await deps.fire(() => w.by[s.action].post(`/api/tpp/runs/${id}/${s.path}`, {}));
    const won = deps.expectOneWinner(rs, /tidak dapat dilakukan: TPP bulan .+ \d{4} berstatus /);
    expect(won.json()).toMatchObject({ id, status: s.to });
    if (s.action === 'lock') locked = { id, month };
    const { t } = w;
    expect(await countOf(t, 'auditLog', { action: s.audit, entityId: id })).toBe(1);
    expect(await countOf(t, 'tppRunEvents', { runId: id, action: s.action })).toBe(1);
    const run = await t.db
      .selectFrom('tppRuns')
      .select(['status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ status: s.to, version: 1 });
    if (s.action === 'publish')
      // Every employee of the run told once.
      expect(await countOf(t, 'notifications', { kind: 'tpp_slip.published', entityId: id })).toBe(
        w.employeeIds.length,
      );
  };

  return {
    'POST /api/tpp/runs': async () => {
      // N identical first computations are serialised under the month's lock (runs-compute.ts): the first creates
      // the run (201, version 1); each later one finds it computed from the same inputs and rules and is refused
      // (409: nothing changed, nothing written). One run row (unique index tpp_runs_one_per_month), one set of
      // lines, one `tpp_run.computed`, no recomputation.
      const w = await tpp();
      const month = nextMonth();
      await closedMonth(w, month);
      const rs = await deps.fire(() => w.by.compute.post('/api/tpp/runs', { unitId: w.unit.id, month }));
      const won = deps.expectOneWinner(rs, /sudah dihitung dari data dan aturan yang sama/);
      const id = won.json().id as string;
      const { t } = w;
      expect(await countOf(t, 'tppRuns', { unitId: w.unit.id, month })).toBe(1);
      const run = await t.db
        .selectFrom('tppRuns')
        .select(['status', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'DRAFT', version: 1 });
      expect(await countOf(t, 'tppRunLines', { runId: id })).toBe(w.employeeIds.length);
      expect(await countOf(t, 'auditLog', { action: 'tpp_run.computed', entityId: id })).toBe(1);
      expect(await countOf(t, 'auditLog', { action: 'tpp_run.recomputed', entityId: id })).toBe(0);
      expect(await countOf(t, 'tppRunEvents', { runId: id })).toBe(1);
    },
    'POST /api/tpp/runs/{id}/check': stepCase(STEPS[0]),
    'POST /api/tpp/runs/{id}/publish': stepCase(STEPS[1]),
    'POST /api/tpp/runs/{id}/approve-opd': stepCase(STEPS[2]),
    'POST /api/tpp/runs/{id}/approve': stepCase(STEPS[3]),
    'POST /api/tpp/runs/{id}/lock': stepCase(STEPS[4]),
    'POST /api/tpp/runs/{id}/corrections': async () => {
      // A locked run whose first employee's kinerja figure is adjusted after the lock (score 1): N identical
      // recordings are serialised under the run's row lock (corrections-service.ts); the first records the
      // kekurangan bayar, each later one finds it recorded (fresh − paid − recorded = 0) and records nothing
      // (200, idempotent). One correction row, one `tpp_correction.recorded`.
      // The run the lock case locked (or, when this case runs alone, one locked here in the next month).
      const w = await tpp();
      if (!locked) {
        const month = nextMonth();
        const id = await runBefore(w, month, 'lock');
        const res = await w.by.lock.post(`/api/tpp/runs/${id}/lock`, {});
        expect(res.statusCode, res.body).toBe(200);
        locked = { id, month };
      }
      const { id, month } = locked;
      const { t } = w;
      // An employee the locked run paid (the unit also has people without TPP: excluded, or without a kelas, whose
      // adjusted figure changes nothing); ids are random, so the first by id is not always one of them.
      const { employeeId } = await t.db
        .selectFrom('tppRunLines')
        .select('employeeId')
        .where('runId', '=', id)
        .where('excluded', '=', false)
        .where('base', '>', 0)
        .orderBy('employeeId')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('kinerjaAdjustments')
        .values({
          employeeId,
          unitId: w.unit.id,
          monthClosed: month,
          carriedToMonth: month,
          oldScore: null,
          newScore: '1',
          reason: 'Penilaian disetujui setelah TPP dikunci',
          createdAt: t.clock.now(),
        })
        .execute();
      const rs = await deps.fire(() => w.by.compute.post(`/api/tpp/runs/${id}/corrections`, {}));
      expect(rs.map((r) => r.statusCode)).toEqual(rs.map(() => 200));
      const recorded = rs.map((r) => (r.json() as { recorded: { employeeId: string }[] }).recorded);
      expect(recorded.filter((r) => r.length > 0)).toEqual([[expect.objectContaining({ employeeId })]]);
      const rows = await t.db
        .selectFrom('tppCorrections')
        .select('id')
        .where('originRunId', '=', id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(await countOf(t, 'auditLog', { action: 'tpp_correction.recorded', entityId: rows[0]!.id })).toBe(
        1,
      );
    },
  } as const;
}
