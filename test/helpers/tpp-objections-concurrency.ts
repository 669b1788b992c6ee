import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { eachDay, isoWeekday, monthRange } from '../../src/core/common/local-date.ts';
import { seedDayStatuses } from './day-statuses.ts';
import type { Client, TestApp } from './test-app.ts';

/*
 * The TPP objection case of test/security/concurrency.test.ts (not a test itself): Bidang Pelayanan Kesehatan
 * of the demo Dinkes, January 2025 (no other case closes this unit; Dinkes goes live in December 2025,
 * so the month closes with nothing missing): every employee present on the weekdays, the month closed, the run
 * computed, checked and published by the admin OPD of Dinkes, one pending objection of an employee; then BKD
 * upholds it N times at once.
 */

const MONTH = '2025-01';
const UNIT = 'DINKES-YANKES';

export interface TppObjectionConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client };
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  expectOneWinner(rs: LightMyRequestResponse[], said: RegExp): LightMyRequestResponse;
}

async function pendingObjection(t: TestApp, adminOpd: Client): Promise<string> {
  const unit = await t.db.selectFrom('units').select('id').where('code', '=', UNIT).executeTakeFirstOrThrow();
  const employees = await t.db.selectFrom('employees').select('id').where('unitId', '=', unit.id).execute();
  const { from, to } = monthRange(MONTH);
  await seedDayStatuses(
    t.db,
    employees.flatMap((e) =>
      eachDay(from, to).map((localDate) => {
        const off = isoWeekday(localDate) >= 6;
        return {
          employeeId: e.id,
          unitId: unit.id,
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
    ),
    new Date(`${to}T12:00:00Z`),
  );
  const ok = (r: LightMyRequestResponse, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as { id: string };
  };
  ok(await adminOpd.post('/api/recap/closing/close', { unitId: unit.id, month: MONTH }));
  const run = ok(await adminOpd.post('/api/tpp/runs', { unitId: unit.id, month: MONTH }), 201);
  ok(await adminOpd.post(`/api/tpp/runs/${run.id}/check`, {}));
  ok(await adminOpd.post(`/api/tpp/runs/${run.id}/publish`, {}));
  const o = await t.db
    .insertInto('tppObjections')
    .values({
      runId: run.id,
      employeeId: employees[0]!.id,
      line: JSON.stringify({ kind: 'OTHER' }),
      reason: 'Uji keputusan bersamaan',
      filedBy: adminOpd.me.user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return o.id;
}

/** The concurrency case of deciding an objection: N identical decisions give one decision, the others 409. */
export function tppObjectionCases(deps: TppObjectionConcurrencyDeps) {
  return {
    'POST /api/tpp/objections/{id}/decision': async () => {
      const { t, adminOpd, bkd } = deps.get();
      const id = await pendingObjection(t, adminOpd);
      const body = { decision: 'DITERIMA', note: 'Diterima setelah diperiksa.' };
      const rs = await deps.fire(() => bkd.post(`/api/tpp/objections/${id}/decision`, body));
      deps.expectOneWinner(rs, /Keberatan ini sudah diterima/);
      const count = async (table: 'auditLog' | 'tppRunEvents', col: string, v: string) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select(({ fn }) => fn.countAll<number>().as('n'))
              .where(col as never, '=', v as never)
              .where('action' as never, 'like', '%objection%' as never)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('auditLog', 'entityId', id)).toBe(1);
      const row = await t.db
        .selectFrom('tppObjections')
        .select(['runId', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('DITERIMA');
      expect(await count('tppRunEvents', 'runId', row.runId)).toBe(1);
    },
  } as const;
}
