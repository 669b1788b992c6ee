import { eachDay, isoWeekday, monthRange } from '../../src/core/common/local-date.ts';
import type { EmployeeRef } from '../factories/index.ts';
import {
  buildDisciplineWorld,
  type DisciplineWorld,
} from '../../src/server/modules/discipline/discipline-test-world.ts';

/** The month the teladan tests rank (closed for the seksi's OPD DINKES and for BAPENDA), and the clock. */
export const TELADAN_MONTH = '2027-02';
export const TELADAN_NOW = '2027-03-10T02:00:00Z';

/**
 * The world of the teladan API tests: the discipline test world (kasi the superior of pegawai and rekan in Seksi
 * Surveilans of DINKES, kaban the superior of other in BAPENDA, adminOpd ADMIN_OPD of DINKES, adminOther of BAPENDA,
 * kaBkd and bkd BKD over the province, insp INSPEKTORAT) with February 2027 stored, recapped and closed:
 *
 * | who        | OPD     | days (weekdays H unless said)        | TL+PSW+TK | TK | kinerja |
 * |------------|---------|--------------------------------------|-----------|----|---------|
 * | kasi       | DINKES  | —                                    | 0         | 0  | 0.80    |
 * | pegawai    | DINKES  | TL1 03/02, TK 04/02                  | 2         | 1  | 0.95    |
 * | rekan      | DINKES  | TL1 03/02 and 05/02                  | 2         | 0  | 0.90    |
 * | kaban      | BAPENDA | TL2 03/02                            | 1         | 0  | —       |
 * | other      | BAPENDA | —                                    | 0         | 0  | 0.70    |
 * | adminOther | BAPENDA | TL1 on 01, 02, 03 and 04/02          | 4         | 0  | 1.00    |
 */
export async function buildTeladanWorld(): Promise<DisciplineWorld> {
  const w = await buildDisciplineWorld({ now: TELADAN_NOW });
  const { from, to } = monthRange(TELADAN_MONTH);
  const month = (over: Record<string, { code: string; lateBand?: string }> = {}) =>
    eachDay(from, to).map((localDate) => {
      const off = isoWeekday(localDate) >= 6;
      const o = over[localDate];
      return {
        localDate,
        code: off ? 'LIBUR' : (o?.code ?? 'H'),
        lateBand: o?.lateBand ?? null,
        lateMinutes: o?.lateBand ? 20 : 0,
        workLocation: off || (o && o.code !== 'H') ? null : 'WFO',
        nonWorkingDay: off,
      };
    });
  const tl1 = { code: 'H', lateBand: 'TL1' };
  const days: [EmployeeRef, ReturnType<typeof month>][] = [
    [w.e.kasi, month()],
    [w.e.pegawai, month({ '2027-02-03': tl1, '2027-02-04': { code: 'TK' } })],
    [w.e.rekan, month({ '2027-02-03': tl1, '2027-02-05': tl1 })],
    [w.e.kaban, month({ '2027-02-03': { code: 'H', lateBand: 'TL2' } })],
    [w.e.other, month()],
    [w.e.adminOther, month({ '2027-02-01': tl1, '2027-02-02': tl1, '2027-02-03': tl1, '2027-02-04': tl1 })],
  ];
  for (const [e, d] of days) await w.f.dayStatuses(e, d, new Date('2027-03-01T00:00:00Z'));
  await w.t.services.recap.storeMonth(TELADAN_MONTH);
  const scores: [EmployeeRef, number][] = [
    [w.e.kasi, 0.8],
    [w.e.pegawai, 0.95],
    [w.e.rekan, 0.9],
    [w.e.other, 0.7],
    [w.e.adminOther, 1],
  ];
  for (const [e, score] of scores)
    await w.t.db
      .insertInto('kinerjaMonthly')
      .values({
        employeeId: e.id,
        month: TELADAN_MONTH,
        unitId: e.unitId,
        method: 'REPORTS',
        score: String(score),
        predikat: null,
        explanation: JSON.stringify([{ status: 'FINAL' }]) as never,
        rulebookId: 'national',
        computedAt: new Date('2027-03-01T00:00:00Z'),
        frozenAt: new Date('2027-03-01T00:00:00Z'),
      })
      .execute();
  await w.t.db
    .insertInto('monthClosings')
    .values([
      { unitId: w.u.dinkes.id, month: TELADAN_MONTH, closedBy: w.admin.userId },
      { unitId: w.u.bapenda.id, month: TELADAN_MONTH, closedBy: w.admin.userId },
    ])
    .execute();
  return w;
}
