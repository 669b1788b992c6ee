/**
 * Test world of the kinerja figures' API tests (figures*.test.ts): a province with two OPDs, a head, two staff and
 * an employee of the other OPD, a month of stored day statuses, an approved SKP with one RHK each, and helpers
 * that insert daily reports and evaluations straight into the tables (the reports and evaluations services are
 * other sections; these tests do not depend on them). Test-only.
 */
import { randomUUID } from 'node:crypto';
import { factories, type EmployeeRef, type UnitRef } from '../../../../test/factories/index.ts';
import { login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';

/** Every day of the month: weekdays H (or the given code), weekends LIBUR. */
export function monthDays(month: string, codes: Record<number, string> = {}) {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const out: { localDate: string; code: string; nonWorkingDay: boolean }[] = [];
  for (let d = 1; d <= n; d++) {
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    out.push({
      localDate: `${month}-${String(d).padStart(2, '0')}`,
      code: weekend ? 'LIBUR' : (codes[d] ?? 'H'),
      nonWorkingDay: weekend,
    });
  }
  return out;
}

/** The weekdays (day numbers) of a month. */
export function weekdays(month: string): number[] {
  return monthDays(month)
    .filter((d) => !d.nonWorkingDay)
    .map((d) => Number(d.localDate.slice(8, 10)));
}

export interface World {
  root: UnitRef;
  dinkes: UnitRef;
  dishub: UnitRef;
  head: EmployeeRef;
  a: EmployeeRef;
  b: EmployeeRef;
  other: EmployeeRef;
  skp: Map<string, { skpId: string; rhkId: string }>;
  c: { a: Client; b: Client; head: Client; adminOpd: Client; adminOther: Client; bkd: Client };
}

export async function buildWorld(
  t: TestApp,
  month: string,
  codesOfA: Record<number, string> = {},
): Promise<World> {
  const f = factories(t);
  await f.rulebooks();
  const root = await f.unit({ code: 'PEMPROV', kind: 'INSTANSI' });
  const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
  const dishub = await f.unit({ code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'OPD', parent: root });
  const head = await f.employee({
    unit: dinkes,
    name: 'Kepala Dinkes',
    position: await f.position({ unit: dinkes, isHead: true }),
  });
  const a = await f.employee({ unit: dinkes, name: 'Ani Staf', superior: head });
  const b = await f.employee({ unit: dinkes, name: 'Budi Staf', superior: head });
  const other = await f.employee({ unit: dishub, name: 'Citra Dishub' });
  const adminOpdEmp = await f.employee({ unit: dinkes, name: 'Admin Dinkes', employeeType: 'NON_ASN' });
  const adminOtherEmp = await f.employee({ unit: dishub, name: 'Admin Dishub', employeeType: 'NON_ASN' });
  const bkdEmp = await f.employee({ unit: root, name: 'Petugas BKD', employeeType: 'NON_ASN' });
  for (const e of [a, b, head]) await f.account(e);
  const accAdmin = await f.account(adminOpdEmp);
  await f.grant(accAdmin, 'ADMIN_OPD', dinkes);
  const accAdminOther = await f.account(adminOtherEmp);
  await f.grant(accAdminOther, 'ADMIN_OPD', dishub);
  const accBkd = await f.account(bkdEmp);
  await f.grant(accBkd, 'BKD', null);
  for (const e of [head, a, b, adminOpdEmp])
    await f.dayStatuses(e, monthDays(month, e === a ? codesOfA : {}));
  const skp = new Map<string, { skpId: string; rhkId: string }>();
  const year = Number(month.slice(0, 4));
  for (const e of [head, a, b, other]) {
    const s = await t.db
      .insertInto('skp')
      .values({
        employeeId: e.id,
        unitId: e.unitId,
        year,
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        approach: 'KUANTITATIF',
        status: e === b ? 'SUBMITTED' : 'APPROVED',
        penilaiId: e === head ? null : head.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await t.db
      .insertInto('skpRhk')
      .values({ skpId: s.id, kind: 'UTAMA', seq: 1, text: 'Melayani masyarakat' })
      .returning('id')
      .executeTakeFirstOrThrow();
    skp.set(e.id, { skpId: s.id, rhkId: r.id });
  }
  return {
    root,
    dinkes,
    dishub,
    head,
    a,
    b,
    other,
    skp,
    c: {
      a: await login(t.app, a.login),
      b: await login(t.app, b.login),
      head: await login(t.app, head.login),
      adminOpd: await login(t.app, accAdmin.username),
      adminOther: await login(t.app, accAdminOther.username),
      bkd: await login(t.app, accBkd.username),
    },
  };
}

/** Insert a daily report straight into the table. */
export async function report(
  t: TestApp,
  w: World,
  e: EmployeeRef,
  date: string,
  minutes: number,
  status: 'SUBMITTED' | 'ACCEPTED' | 'RETURNED' = 'ACCEPTED',
  times: { createdAt?: Date; verifiedAt?: Date | null } = {},
) {
  const s = w.skp.get(e.id)!;
  const createdAt = times.createdAt ?? new Date(`${date}T09:00:00Z`);
  return (
    await t.db
      .insertInto('dailyReports')
      .values({
        employeeId: e.id,
        unitId: e.unitId,
        skpId: s.skpId,
        rhkId: s.rhkId,
        reportDate: date,
        activity: `Kegiatan ${date}`,
        minutes,
        clientId: randomUUID(),
        status,
        verifierId: status === 'SUBMITTED' ? null : w.head.id,
        verifiedAt:
          status === 'SUBMITTED' ? null : (times.verifiedAt ?? new Date(createdAt.getTime() + 86_400_000)),
        createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Insert an evaluation of an employee's SKP straight into the table. */
export async function evaluation(
  t: TestApp,
  w: World,
  e: EmployeeRef,
  v: { start: string; end: string; predikat: string | null; status?: string; kind?: string },
) {
  return (
    await t.db
      .insertInto('evaluations')
      .values({
        skpId: w.skp.get(e.id)!.skpId,
        employeeId: e.id,
        unitId: e.unitId,
        kind: v.kind ?? 'PERIODIK',
        periodStart: v.start,
        periodEnd: v.end,
        label: `Periode ${v.start}`,
        status: v.status ?? 'APPROVED',
        predikat: v.predikat,
        approvedAt: (v.status ?? 'APPROVED') === 'APPROVED' ? new Date(`${v.end}T10:00:00Z`) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
