import { expect } from 'vitest';
import { eachDay, monthRange } from '../../src/core/common/local-date.ts';
import { composeNip } from '../../src/core/people/nip.ts';
import { factories, type EmployeeRef, type UnitRef } from '../factories/index.ts';
import { login, type Client, type TestApp } from './test-app.ts';
import type { DisciplineParties } from './discipline-activity.ts';

/*
 * The discipline people of test/security/concurrency.test.ts (not a test itself). Under Dinas Kesehatan of the demo
 * province (its admin OPD holds discipline.salary over it, the demo BKD discipline.manage): a test unit with its
 * head (Administrator: the staff's direct superior, examiner of ringan cases and PyB of their R2), `staffCount`
 * staff without a position (pelaksana), and a JF Ahli Muda (for PyB designations). The cases are driven through the
 * API with test/helpers/discipline-activity.ts; a team is the head, the demo Inspektorat head and the demo BKD
 * official.
 */

export interface DisciplineWorld {
  unit: UnitRef;
  head: { e: EmployeeRef; c: Client };
  staff: { e: EmployeeRef; c: Client }[];
  jf: EmployeeRef;
  bkd: Client;
  /** discipline.salary over the unit (admin OPD of Dinas Kesehatan). */
  finance: Client;
  /** Who acts on staff `i`'s cases (test/helpers/discipline-activity.ts). */
  parties(i: number): DisciplineParties;
}

/** The test unit with its head, staff and JF, each with an account (staff and head signed in). */
export async function buildDisciplineWorld(
  t: TestApp,
  who: { bkd: Client; adminOpd: Client },
  opts: { staffCount?: number } = {},
): Promise<DisciplineWorld> {
  const f = factories(t);
  const parent = await t.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path', 'timeZone', 'attendanceStart'])
    .where('code', '=', 'DINKES')
    .executeTakeFirstOrThrow();
  const unit = await f.unit({
    code: 'DISIPLIN-KONKUREN',
    name: 'Bidang Uji Disiplin Konkuren',
    kind: 'BIDANG',
    parent: { ...parent, timeZone: parent.timeZone as UnitRef['timeZone'] },
    ...(parent.attendanceStart ? { attendanceStart: String(parent.attendanceStart) } : {}),
  });
  let seq = 0;
  const nipOf = (birthDate: string) =>
    composeNip({ birthDate, gender: 'P', appointmentMonth: '2006-04', sequence: 700 + ++seq });
  const person = async (name: string, superior: EmployeeRef | null, positionKind?: 'ADMINISTRATOR') => {
    const birthDate = `1981-0${1 + (seq % 9)}-1${seq % 10}`;
    const position = positionKind
      ? await f.position({ unit, isHead: true, kind: positionKind, name: 'Kepala Bidang Uji Disiplin' })
      : null;
    const e = await f.employee({
      unit,
      name,
      nip: nipOf(birthDate),
      birthDate,
      gender: 'P',
      position,
      superior,
    });
    await f.account(e);
    return { e, c: await login(t.app, e.login) };
  };
  const head = await person('Hesti Kepala Uji Disiplin', null, 'ADMINISTRATOR');
  const staff: { e: EmployeeRef; c: Client }[] = [];
  for (let i = 0; i < (opts.staffCount ?? 8); i++)
    staff.push(await person(`Staf Disiplin Konkuren ${i + 1}`, head.e));
  const jfBirth = '1979-05-05';
  const jf = await f.employee({
    unit,
    name: 'Analis Ahli Muda Konkuren',
    nip: nipOf(jfBirth),
    birthDate: jfBirth,
    gender: 'P',
    position: await f.position({ unit, kind: 'JF_AHLI_MUDA', kelasJabatan: 9, name: 'Analis Ahli Muda' }),
    superior: head.e,
  });
  const inspGrant = t.demo.roleGrants.find((g) => g.role === 'INSPEKTORAT' && g.nip)!;
  const insp = await t.db
    .selectFrom('employees')
    .select('id')
    .where('nip', '=', inspGrant.nip)
    .executeTakeFirstOrThrow();
  const team = { inspektoratId: insp.id, bkdId: who.bkd.me.user.employeeId! };
  return {
    unit,
    head,
    staff,
    jf,
    bkd: who.bkd,
    finance: who.adminOpd,
    parties: (i) => ({
      t,
      employeeId: staff[i]!.e.id,
      superiorId: head.e.id,
      examinee: staff[i]!.c,
      superior: head.c,
      manager: who.bkd,
      team,
    }),
  };
}

/**
 * A month of day statuses of an employee (weekends LIBUR, working days H) with TK on `tkDays`: what the status
 * worker would have stored, for a scan of indications.
 */
export async function seedTkMonth(t: TestApp, e: EmployeeRef, month: string, tkDays: string[]) {
  const { from, to } = monthRange(month);
  const days = eachDay(from, to).map((d) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    return {
      localDate: d,
      code: weekend ? 'LIBUR' : tkDays.includes(d) ? 'TK' : 'H',
      nonWorkingDay: weekend,
    };
  });
  await factories(t).dayStatuses(e, days);
}

/** Rows of a discipline table matching `where` (column → value). */
export async function rowsOf(t: TestApp, table: string, where: Record<string, string>): Promise<number> {
  let q = t.db.selectFrom(table as 'disciplineCases').select(({ fn }) => fn.countAll<number>().as('n'));
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The state of a case. */
export async function stateOf(t: TestApp, caseId: string): Promise<string> {
  const r = await t.db
    .selectFrom('disciplineCases')
    .select('state')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return r.state;
}

/** A case moved exactly once: its timeline has one event of `action`. */
export async function expectOneEvent(t: TestApp, caseId: string, action: string) {
  expect(await rowsOf(t, 'disciplineCaseEvents', { caseId, action })).toBe(1);
}
