import { eachDay, isoWeekday, monthRange } from '../../src/core/common/local-date.ts';
import type { EmployeeRef } from '../factories/index.ts';
import {
  buildDisciplineWorld,
  type DisciplineWho,
  type DisciplineWorld,
} from '../../src/server/modules/discipline/discipline-test-world.ts';

/** The month the runs tests compute (closed for DINKES and BAPENDA), and the clock they start at. */
export const RUNS_MONTH = '2027-02';
export const RUNS_NOW = '2027-03-10T02:00:00Z';

/** Everyone of an OPD of the discipline world, by name. */
const DINKES: DisciplineWho[] = [
  'kadis',
  'kabid',
  'sekdin',
  'jf',
  'kasi',
  'pegawai',
  'rekan',
  'honorer',
  'pppk',
  'adminOpd',
];
const BAPENDA: DisciplineWho[] = ['kaban', 'other', 'adminOther'];

/**
 * The world of the runs API tests: the discipline test world (its roles: kadis the head of DINKES, adminOpd
 * ADMIN_OPD of DINKES, adminOther of BAPENDA, BKD over the province, kasi the superior of pegawai and rekan, …) on
 * Wednesday 10 March 2027, with February 2027 stored for everyone of DINKES and BAPENDA (weekdays present at the
 * office, weekends LIBUR; pegawai late TL1 on 03/02 and absent TK on 04/02), gaji pokok and a bank account for
 * pegawai, and the month closed for both OPDs (a closing row, as other modules' tests write it).
 */
export async function buildRunsWorld(): Promise<DisciplineWorld> {
  const w = await buildDisciplineWorld({ now: RUNS_NOW });
  const { from, to } = monthRange(RUNS_MONTH);
  const month = (over: Record<string, { code: string; lateBand?: string }> = {}) =>
    eachDay(from, to).map((localDate) => {
      const off = isoWeekday(localDate) >= 6;
      const o = over[localDate];
      return {
        localDate,
        code: off ? 'LIBUR' : (o?.code ?? 'H'),
        lateBand: o?.lateBand ?? null,
        workLocation: off || (o && o.code !== 'H') ? null : 'WFO',
        nonWorkingDay: off,
      };
    });
  const store = (e: EmployeeRef, days = month()) =>
    w.f.dayStatuses(e, days, new Date('2027-03-01T00:00:00Z'));
  for (const who of [...DINKES, ...BAPENDA])
    await store(
      w.e[who],
      who === 'pegawai'
        ? month({ '2027-02-03': { code: 'H', lateBand: 'TL1' }, '2027-02-04': { code: 'TK' } })
        : month(),
    );
  const by = w.admin.userId;
  await w.t.db
    .insertInto('employeeSalaries')
    .values({ employeeId: w.e.pegawai.id, validFrom: '2020-01-01', gajiPokok: 4_000_000, recordedBy: by })
    .execute();
  await w.t.db
    .insertInto('employeeBankAccounts')
    .values({
      employeeId: w.e.pegawai.id,
      bankName: 'Bank Jateng',
      accountNumber: '1234567890',
      accountHolder: 'Putri Pegawai',
      npwp: null,
      updatedBy: by,
    })
    .execute();
  await w.t.db
    .insertInto('monthClosings')
    .values([
      { unitId: w.u.dinkes.id, month: RUNS_MONTH, closedBy: by },
      { unitId: w.u.bapenda.id, month: RUNS_MONTH, closedBy: by },
    ])
    .execute();
  return w;
}
