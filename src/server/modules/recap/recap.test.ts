import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';
import { canonicalRecapText, recapOfDays } from '../../../core/recap/monthly-recap.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import { seedDayStatuses } from '../../../../test/helpers/day-statuses.ts';

/*
 * The monthly recap on the demo province, January 2026, from day_statuses rows seeded directly. Clock:
 * Tue 10 Feb 2026 09:00 WIB, after the national review period (January may be closed from 5 Feb).
 *
 *   PEMPROV ─┬─ DINKES (adminOpd) ─ DINKES-PKM-CURUG: A (pegawai, PPPK), B (colleague), D (all on time)
 *            └─ BAPENDA (adminOther)                  BKD over PEMPROV (bkd), admin = super admin
 *
 * A's January, worked out by hand (national rulebook: 450 minutes = 1 day, TL/PSW bands as stored):
 *   01 Thu LIBUR (Tahun Baru, non-working)   02 Fri H on time WFO          03–04, 10–11 weekend LIBUR
 *   05 Mon H TL2 40 min WFO                 06 Tue H TL4 300 min + PSW1 20 min WFO
 *   07 Wed TK                               08 Thu CT                       09 Fri H no check-out PSW4 225 min WFH
 *   12 Mon H on time WFA                    13 Tue DL                       14 Wed TK
 *   15 Thu H no check-in TL4 0 min WFO      16 Fri S                        17 Sat H (holiday punch, non-working) WFO
 *   18–31 ordinary: weekends (18, 24, 25, 31) LIBUR, the 10 weekdays H on time at the office.
 *   → 31 days recorded, HK 21; H 17, LIBUR 9, TK 2, CT 1, DL 1, S 1; late 340, early 245 → 585 min = 1 day (rest 135);
 *     TL2 1, TL4 2, PSW1 1, PSW4 1; no check-in 1, no check-out 1; on time 13 (02, 09, 12 + 10); WFO 15, WFH 1, WFA 1.
 *   Every day of the month is stored, so reading the month stores nothing more (ensureRange).
 *   Apel: DINKES sessions on 05 (A present at the office → target), 07 (TK → target), 08 (CT → not expected);
 *     a BAPENDA session on 05 is not A's. Scanned on 05 (accepted) and 07 (rejected) → 1 of 2 = 50 %.
 *   Year to January: TK 2 + 1 day from minutes = 3 → PPPK ladder step 1 reached, step 2 (4 days) 1 day away.
 * B: 05 H on time, 06 TK → 1 day, threshold 3 in 2 days (listed, margin 2). D: 05, 06 H on time (not listed).
 */
describe('monthly recap', () => {
  let t: TestApp;
  let people: Record<'a' | 'b' | 'd' | 'superior', DemoEmployee>;
  let ids: Record<'a' | 'b' | 'd', string>;
  let units: Record<'dinkes' | 'curug' | 'bapenda', { id: string; path: string }>;
  let c: Record<'a' | 'b' | 'superior' | 'adminOpd' | 'adminOther' | 'bkd' | 'superAdmin', Client>;
  let apel: Record<'d05' | 'd07' | 'd08' | 'bap05', string>;
  let seq = 0;

  type Day = Partial<DayStatus> & { date: string; code: DayStatus['code'] };
  /** Ordinary days: weekends LIBUR, weekdays H on time at the office. */
  const rest = (month: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => {
      const date = `${month}-${String(from + i).padStart(2, '0')}`;
      const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
      return weekend
        ? day({ date, code: 'LIBUR', nonWorkingDay: true })
        : day({ date, code: 'H', workLocation: 'WFO' });
    });
  const day = (d: Day): DayStatus => ({
    lateBand: null,
    earlyBand: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation: null,
    nonWorkingDay: false,
    reasons: [`alasan ${d.code} ${d.date}`],
    ...d,
  });
  const A_DAYS: DayStatus[] = [
    day({ date: '2026-01-01', code: 'LIBUR', nonWorkingDay: true, reasons: ['Tahun Baru 2026 Masehi'] }),
    day({ date: '2026-01-02', code: 'H', workLocation: 'WFO' }),
    day({ date: '2026-01-03', code: 'LIBUR', nonWorkingDay: true }),
    day({ date: '2026-01-04', code: 'LIBUR', nonWorkingDay: true }),
    day({ date: '2026-01-05', code: 'H', lateBand: 'TL2', lateMinutes: 40, workLocation: 'WFO' }),
    day({
      date: '2026-01-06',
      code: 'H',
      lateBand: 'TL4',
      lateMinutes: 300,
      earlyBand: 'PSW1',
      earlyMinutes: 20,
      workLocation: 'WFO',
    }),
    day({ date: '2026-01-07', code: 'TK', reasons: ['Tidak ada presensi dan tidak ada izin'] }),
    day({ date: '2026-01-08', code: 'CT' }),
    day({
      date: '2026-01-09',
      code: 'H',
      earlyBand: 'PSW4',
      earlyMinutes: 225,
      missingCheckOut: true,
      workLocation: 'WFH',
    }),
    day({ date: '2026-01-10', code: 'LIBUR', nonWorkingDay: true }),
    day({ date: '2026-01-11', code: 'LIBUR', nonWorkingDay: true }),
    day({ date: '2026-01-12', code: 'H', workLocation: 'WFA' }),
    day({ date: '2026-01-13', code: 'DL' }),
    day({ date: '2026-01-14', code: 'TK' }),
    day({ date: '2026-01-15', code: 'H', lateBand: 'TL4', missingCheckIn: true, workLocation: 'WFO' }),
    day({ date: '2026-01-16', code: 'S' }),
    day({ date: '2026-01-17', code: 'H', nonWorkingDay: true, workLocation: 'WFO' }),
    ...rest('2026-01', 18, 31),
  ];
  const B_DAYS = [
    day({ date: '2026-01-05', code: 'H', workLocation: 'WFO' }),
    day({ date: '2026-01-06', code: 'TK' }),
  ];
  const D_DAYS = [
    day({ date: '2026-01-05', code: 'H', workLocation: 'WFO' }),
    day({ date: '2026-01-06', code: 'H', workLocation: 'WFO' }),
  ];

  async function seedDays(employeeId: string, unitId: string, days: DayStatus[]) {
    await seedDayStatuses(
      t.db,
      days.map((d) => ({
        employeeId,
        localDate: d.date,
        unitId,
        code: d.code,
        lateBand: d.lateBand,
        earlyBand: d.earlyBand,
        lateMinutes: d.lateMinutes,
        earlyMinutes: d.earlyMinutes,
        missingCheckIn: d.missingCheckIn,
        missingCheckOut: d.missingCheckOut,
        workLocation: d.workLocation,
        nonWorkingDay: d.nonWorkingDay ?? false,
        reasons: d.reasons,
        rulebookId: 'national',
      })),
      t.clock.now(),
    );
  }
  async function session(unitId: string, date: string) {
    const opens = new Date(`${date}T00:15:00Z`);
    return (
      await t.db
        .insertInto('apelSessions')
        .values({
          unitId,
          kind: 'APEL_PAGI',
          title: 'Apel pagi',
          localDate: date,
          opensAt: opens,
          closesAt: new Date(opens.getTime() + 30 * 60_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  async function punch(employeeId: string, unitId: string, date: string, over: Record<string, unknown> = {}) {
    return (
      await t.db
        .insertInto('punches')
        .values({
          employeeId,
          unitId,
          kind: 'IN',
          source: 'QR',
          occurredAt: new Date(`${date}T00:20:00Z`),
          receivedAt: new Date(`${date}T00:20:00Z`),
          localDate: date,
          idempotencyKey: `recap-test-${++seq}`,
          bodyHash: 'x',
          verdict: 'ACCEPTED',
          ...over,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const rowOf = (employeeId: string, month = '2026-01') =>
    t.db
      .selectFrom('monthlyRecaps')
      .selectAll()
      .where('employeeId', '=', employeeId)
      .where('month', '=', month)
      .executeTakeFirst();
  const unitOf = async (code: string) =>
    t.db.selectFrom('units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
  const idOf = async (nip: string) =>
    (await t.db.selectFrom('employees').select('id').where('nip', '=', nip).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-10T02:00:00Z', env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const subsOf = (e: DemoEmployee) => d.employees.filter((x) => e.nip && x.superiorNip === e.nip);
    const plain = d.employees.filter(
      (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !grantNips.has(e.nip) && subsOf(e).length === 0,
    );
    const a = plain.find((e) => e.employeeType === 'PPPK')!;
    const others = plain.filter((e) => e !== a);
    people = {
      a,
      b: others[0]!,
      d: others[1]!,
      superior: d.employees.find((e) => e.nip === a.superiorNip)!,
    };
    ids = { a: await idOf(a.nip!), b: await idOf(people.b.nip!), d: await idOf(people.d.nip!) };
    units = {
      dinkes: await unitOf('DINKES'),
      curug: await unitOf('DINKES-PKM-CURUG'),
      bapenda: await unitOf('BAPENDA'),
    };
    const grant = (role: string, unit: string) =>
      d.roleGrants.find((g) => g.role === role && g.unitCode === unit)!.nip!;
    c = {
      a: await login(t.app, a.nip!),
      b: await login(t.app, people.b.nip!),
      superior: await login(t.app, people.superior.nip!),
      adminOpd: await login(t.app, grant('ADMIN_OPD', 'DINKES')),
      adminOther: await login(t.app, grant('ADMIN_OPD', 'BAPENDA')),
      bkd: await login(t.app, grant('BKD', 'PEMPROV')),
      superAdmin: await login(t.app, 'admin'),
    };
    await seedDays(ids.a, units.curug.id, A_DAYS);
    await seedDays(ids.b, units.curug.id, B_DAYS);
    await seedDays(ids.d, units.curug.id, D_DAYS);
    apel = {
      d05: await session(units.dinkes.id, '2026-01-05'),
      d07: await session(units.dinkes.id, '2026-01-07'),
      d08: await session(units.dinkes.id, '2026-01-08'),
      bap05: await session(units.bapenda.id, '2026-01-05'),
    };
    await punch(ids.a, units.curug.id, '2026-01-05', { apelSessionId: apel.d05 });
    await punch(ids.a, units.curug.id, '2026-01-05', { apelSessionId: apel.bap05, verdict: 'REJECTED' });
    await punch(ids.a, units.curug.id, '2026-01-07', { apelSessionId: apel.d07, verdict: 'REJECTED' });
  });
  afterAll(() => t.close());

  describe('storing', () => {
    it('stores every figure of A’s January as worked out by hand', async () => {
      const r = await t.services.recap.storeMonth('2026-01');
      expect(r.rows).toBeGreaterThanOrEqual(3);
      expect(await rowOf(ids.a)).toMatchObject({
        unitId: units.curug.id,
        recordedDays: 31,
        workingDays: 21,
        codeCounts: { H: 17, LIBUR: 9, TK: 2, CT: 1, DL: 1, S: 1 },
        lateMinutes: 340,
        earlyMinutes: 245,
        tl1: 0,
        tl2: 1,
        tl3: 0,
        tl4: 2,
        psw1: 1,
        psw2: 0,
        psw3: 0,
        psw4: 1,
        missingIn: 1,
        missingOut: 1,
        onTimeDays: 13,
        tkDays: 2,
        minutesPerDay: 450,
        tkEquivalentDays: 1,
        wfoDays: 15,
        wfhDays: 1,
        wfaDays: 1,
        apelTarget: 2,
        apelAttended: 1,
        adjustmentCount: 0,
        adjustmentDelta: {},
      });
    });

    it('matches the pure definition (recapOfDays) figure by figure', async () => {
      const rules = await t.services.rulebooks.rulesOn(t.config.rulebookRegion, '2026-01-31');
      for (const [id, days] of [
        [ids.a, A_DAYS],
        [ids.b, B_DAYS],
        [ids.d, D_DAYS],
      ] as const) {
        const expected = recapOfDays(days, rules.discipline, 'PNS');
        const row = await rowOf(id);
        expect(row).toMatchObject(expected);
      }
    });

    it('refreshEmployeeMonths updates one employee-month after a day changed', async () => {
      await seedDays(ids.d, units.curug.id, [day({ date: '2026-01-07', code: 'TK' })]);
      expect((await rowOf(ids.d))!.tkDays).toBe(0);
      const r = await t.services.recap.refreshEmployeeMonths([{ employeeId: ids.d, month: '2026-01' }]);
      expect(r.rows).toBe(1);
      expect(await rowOf(ids.d)).toMatchObject({ tkDays: 1, recordedDays: 3, codeCounts: { H: 2, TK: 1 } });
      // The day is removed from the month row again (the 7th element), as the rest of the suite expects.
      await sql`update status_months set code = (
          select array_to_string(array_agg(case when u.i = 7 then null else u.v end order by u.i), chr(31), '')
          from unnest(string_to_array(code, chr(31), '')) with ordinality as u(v, i))
        where employee_id = ${ids.d} and month = '2026-01-01'`.execute(t.db);
      await t.services.recap.refreshEmployeeMonths([{ employeeId: ids.d, month: '2026-01' }]);
      expect(await rowOf(ids.d)).toMatchObject({ tkDays: 0, recordedDays: 2, codeCounts: { H: 2 } });
    });
  });

  describe('reading and scope', () => {
    it('shows the employee their own month as a calendar with codes and reasons', async () => {
      const res = await c.a.get('/api/recap/employee?month=2026-01');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.recap).toMatchObject({ tkDays: 2, tkEquivalentDays: 1, apelPercent: 50 });
      const jan7 = body.days.find((x: { localDate: string }) => x.localDate === '2026-01-07');
      expect(jan7).toMatchObject({ code: 'TK', reasons: ['Tidak ada presensi dan tidak ada izin'] });
      expect(body.days.find((x: { localDate: string }) => x.localDate === '2026-01-01').reasons).toEqual([
        'Tahun Baru 2026 Masehi',
      ]);
    });

    it('refuses a colleague, allows the superior, admin OPD and BKD', async () => {
      const url = `/api/recap/employee?employeeId=${ids.a}&month=2026-01`;
      expect((await c.b.get(url)).statusCode).toBe(403);
      expect((await c.adminOther.get(url)).statusCode).toBe(403);
      expect((await c.superior.get(url)).statusCode).toBe(200);
      expect((await c.adminOpd.get(url)).statusCode).toBe(200);
      expect((await c.bkd.get(url)).statusCode).toBe(200);
    });

    it('lists the unit recap paginated, with search by name and NIP and a unit filter', async () => {
      const base = `/api/recap/units?month=2026-01&unitId=${units.dinkes.id}`;
      const all = (await c.adminOpd.get(`${base}&pageSize=200`)).json();
      expect(all.mode).toBe('unit');
      expect(all.items.map((r: { employeeId: string }) => r.employeeId)).toEqual(
        expect.arrayContaining([ids.a, ids.b, ids.d]),
      );
      const page = (await c.adminOpd.get(`${base}&pageSize=2&page=1`)).json();
      expect(page.items).toHaveLength(2);
      expect(page.total).toBe(all.total);
      const byName = (
        await c.adminOpd.get(`${base}&q=${encodeURIComponent(people.a.name.split(' ')[0]!)}`)
      ).json();
      expect(byName.items.some((r: { employeeId: string }) => r.employeeId === ids.a)).toBe(true);
      const byNip = (await c.adminOpd.get(`${base}&q=${people.a.nip}`)).json();
      expect(byNip.items.map((r: { employeeId: string }) => r.employeeId)).toEqual([ids.a]);
      const rowA = all.items.find((r: { employeeId: string }) => r.employeeId === ids.a);
      expect(rowA).toMatchObject({
        workingDays: 21,
        tl4: 2,
        apelAttended: 1,
        apelTarget: 2,
        apelPercent: 50,
      });
    });

    it('refuses the unit recap outside scope (403) and gives the superior their staff', async () => {
      expect(
        (await c.adminOther.get(`/api/recap/units?month=2026-01&unitId=${units.dinkes.id}`)).statusCode,
      ).toBe(403);
      expect((await c.a.get(`/api/recap/units?month=2026-01`)).statusCode).toBe(403);
      const staff = (await c.superior.get('/api/recap/units?month=2026-01')).json();
      expect(staff.mode).toBe('staff');
      expect(staff.items.some((r: { employeeId: string }) => r.employeeId === ids.a)).toBe(true);
    });

    it('lists early warnings with the days left before each threshold', async () => {
      const res = await c.adminOpd.get(`/api/recap/warnings?unitId=${units.curug.id}&month=2026-01`);
      expect(res.statusCode).toBe(200);
      const { items, marginDays } = res.json();
      expect(marginDays).toBe(2);
      const a = items.find((w: { employeeId: string }) => w.employeeId === ids.a);
      expect(a).toMatchObject({
        totalDays: 3,
        tkDays: 2,
        minutesAsDays: 1,
        remainderMinutes: 135,
        cumulativeStep: 1,
        next: { atDays: 4, inDays: 1 },
      });
      const b = items.find((w: { employeeId: string }) => w.employeeId === ids.b);
      expect(b).toMatchObject({ totalDays: 1, cumulativeStep: null, next: { atDays: 3, inDays: 2 } });
      expect(items.some((w: { employeeId: string }) => w.employeeId === ids.d)).toBe(false);
      expect(
        (await c.adminOther.get(`/api/recap/warnings?unitId=${units.curug.id}&month=2026-01`)).statusCode,
      ).toBe(403);
    });

    it('gives the charts: heatmap by sub-unit and day, trend, code distribution', async () => {
      const heat = (
        await c.adminOpd.get(`/api/recap/charts/heatmap?unitId=${units.dinkes.id}&month=2026-01`)
      ).json();
      const curug = heat.rows.find((r: { unitId: string }) => r.unitId === units.curug.id);
      // 5 Jan: A late (TL2), B and D on time → 2 of 3.
      expect(curug.days.find((x: { date: string }) => x.date === '2026-01-05')).toMatchObject({
        working: 3,
        onTime: 2,
        share: 0.667,
      });
      const trend = (
        await c.adminOpd.get(`/api/recap/charts/trend?unitId=${units.curug.id}&month=2026-01&months=3`)
      ).json();
      expect(trend.points.map((p: { month: string }) => p.month)).toEqual(['2025-11', '2025-12', '2026-01']);
      const jan = trend.points[2];
      // HK: A 21 + B 2 + D 2 = 25; on time: A 13 + B 1 + D 2 = 16 → 0.64; TK: A 2 + B 1 = 3.
      expect(jan).toMatchObject({
        employees: 3,
        workingDays: 25,
        onTimeDays: 16,
        compliance: 0.64,
        tkDays: 3,
      });
      const codes = (
        await c.adminOpd.get(`/api/recap/charts/codes?unitId=${units.curug.id}&month=2026-01`)
      ).json();
      expect(codes.items).toEqual(
        expect.arrayContaining([
          { code: 'H', days: 20 },
          { code: 'TK', days: 3 },
          { code: 'LIBUR', days: 9 },
        ]),
      );
      expect(
        (await c.adminOther.get(`/api/recap/charts/heatmap?unitId=${units.dinkes.id}&month=2026-01`))
          .statusCode,
      ).toBe(403);
    });
  });

  describe('exports', () => {
    // From here on January is complete for DINKES: every other employee-day stored as an ordinary day, so the
    // documents carry their signature block and the month can be closed (issue 13 point 2).
    beforeAll(async () => {
      const emps = await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'e.unitId', 'e.activeFrom', 'e.activeTo'])
        .where('u.path', 'like', `${units.dinkes.path}%`)
        .execute();
      const stored = new Set(
        (
          await t.db
            .selectFrom('dayStatuses')
            .select(['employeeId', 'localDate'])
            .where('month', '=', '2026-01-01')
            .execute()
        ).map((r) => `${r.employeeId}|${r.localDate}`),
      );
      const days = rest('2026-01', 1, 31);
      await seedDayStatuses(
        t.db,
        emps.flatMap((e) =>
          days
            .filter(
              (d) =>
                d.date >= e.activeFrom &&
                (!e.activeTo || d.date <= e.activeTo) &&
                !stored.has(`${e.id}|${d.date}`),
            )
            .map((d) => ({
              employeeId: e.id,
              localDate: d.date,
              unitId: e.unitId,
              code: d.code,
              lateBand: null,
              earlyBand: null,
              lateMinutes: 0,
              earlyMinutes: 0,
              missingCheckIn: false,
              missingCheckOut: false,
              workLocation: d.workLocation,
              nonWorkingDay: d.nonWorkingDay ?? false,
              reasons: d.reasons,
              rulebookId: 'national',
            })),
        ),
        t.clock.now(),
      );
      await t.services.recap.storeMonth('2026-01');
    });

    it('XLSX of the unit in the form layout, values checked', async () => {
      const res = await c.adminOpd.get(
        `/api/recap/export?unitId=${units.curug.id}&month=2026-01&format=xlsx`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Rekap')!;
      expect(ws.getCell('A1').value).toBe('REKAPITULASI KEHADIRAN PEGAWAI');
      expect(String(ws.getCell('A3').value)).toBe('Bulan: Januari 2026');
      const headers = (ws.getRow(6).values as unknown[]).slice(1);
      expect(headers.slice(0, 5)).toEqual(['No', 'Nama / NIP', 'Jabatan', 'HK', 'H']);
      const col = (h: string) => headers.indexOf(h) + 1;
      let rowA: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (String(row.getCell(2).value ?? '').includes(people.a.name)) rowA = row;
      });
      expect(rowA).toBeDefined();
      expect(rowA!.getCell(col('HK')).value).toBe(21);
      expect(rowA!.getCell(col('H')).value).toBe(17);
      expect(rowA!.getCell(col('TL4')).value).toBe(2);
      expect(rowA!.getCell(col('PSW4')).value).toBe(1);
      expect(rowA!.getCell(col('TK')).value).toBe(2);
      expect(rowA!.getCell(col('C')).value).toBe(1);
      expect(rowA!.getCell(col('DL')).value).toBe(1);
      expect(rowA!.getCell(col('Menit Tlt')).value).toBe(340);
      expect(rowA!.getCell(col('TK Ekuiv.')).value).toBe(1);
      expect(rowA!.getCell(col('Apel %')).value).toBe(50);
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
      expect(texts).toContain('Mengetahui,');
      expect(texts.some((x) => x.startsWith('Kepala '))).toBe(true);
    });

    it('PDF of the unit: title, unit, month, A’s row and the signature block', async () => {
      const res = await c.adminOpd.get(`/api/recap/export?unitId=${units.curug.id}&month=2026-01&format=pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
      const { text } = await extractText(pdf, { mergePages: true });
      expect(text).toContain('REKAPITULASI KEHADIRAN PEGAWAI');
      expect(text).toContain('Bulan: Januari 2026');
      expect(text).toContain('Mengetahui,');
      expect(text).toContain(people.a.name.slice(0, 12));
      expect(text).toMatch(/TL1\s+TL2\s+TL3\s+TL4/);
    });

    it('CSV of the unit and the employee calendar as XLSX / CSV / PDF', async () => {
      const csv = await c.adminOpd.get(`/api/recap/export?unitId=${units.curug.id}&month=2026-01&format=csv`);
      const cells = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!);
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      const head = cells(lines[0]!);
      const a = cells(lines.find((l) => l.includes(people.a.nip!))!);
      expect(a[head.lastIndexOf('TK')]).toBe('2');
      expect(a[head.indexOf('TK')]).toBe('2');
      expect(a[head.indexOf('Menit pulang cepat')]).toBe('245');
      expect(a[head.indexOf('WFH')]).toBe('1');

      const x = await c.a.get('/api/recap/employee/export?month=2026-01&format=xlsx');
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Kalender')!;
      let jan7: unknown[] | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === '07/01/2026') jan7 = (row.values as unknown[]).slice(1);
      });
      expect(jan7?.slice(0, 3)).toEqual(['07/01/2026', 'Rabu', 'TK']);
      expect(jan7?.[7]).toBe('Tidak ada presensi dan tidak ada izin');

      const p = await c.a.get('/api/recap/employee/export?month=2026-01&format=pdf');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(p.rawPayload)), {
        mergePages: true,
      });
      expect(text).toContain('15/01/2026');
      expect(text).toContain('Terlambat 340 menit, pulang cepat 245 menit = 1 hari TK ekuivalen');
    });

    it('refuses exports outside scope (403)', async () => {
      for (const f of ['xlsx', 'pdf', 'csv'])
        expect(
          (await c.adminOther.get(`/api/recap/export?unitId=${units.curug.id}&month=2026-01&format=${f}`))
            .statusCode,
        ).toBe(403);
      expect(
        (await c.b.get(`/api/recap/employee/export?employeeId=${ids.a}&month=2026-01&format=pdf`)).statusCode,
      ).toBe(403);
    });
  });

  describe('closing', () => {
    const close = (cl: Client, unitId: string, month = '2026-01') =>
      cl.post('/api/recap/closing/close', { unitId, month });

    it('refuses before the review period ends and outside scope', async () => {
      const early = await close(c.adminOpd, units.dinkes.id, '2026-02');
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('05/03/2026');
      expect((await close(c.adminOther, units.dinkes.id)).statusCode).toBe(403);
      expect((await close(c.a, units.dinkes.id)).statusCode).toBe(403);
    });

    it('refuses while a flagged punch of the month waits for review, and says how many', async () => {
      const id = await punch(ids.b, units.curug.id, '2026-01-20', { verdict: 'FLAGGED', source: 'ONLINE' });
      const res = await close(c.adminOpd, units.dinkes.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details).toMatchObject({ flaggedPunches: 1, queuedDays: 0 });
      const status = (
        await c.adminOpd.get(`/api/recap/closing?unitId=${units.dinkes.id}&month=2026-01`)
      ).json();
      expect(status).toMatchObject({ opensOn: '2026-02-05', canCloseNow: true, closing: null });
      expect(status.pending.flaggedPunches).toBe(1);
      // Every day is stored (exports' beforeAll): the flagged punch is the one item left, which may be waived.
      expect(status).toMatchObject({ missingDays: 0, complete: false, total: 1 });
      expect(status.items).toEqual([
        expect.objectContaining({ kind: 'flaggedPunch', ref: id, employeeId: ids.b, waivable: true }),
      ]);
      const reviewer = (
        await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
      ).id;
      await t.db
        .insertInto('punchReviews')
        .values({ punchId: id, decision: 'REJECTED', note: 'uji', decidedBy: reviewer })
        .execute();
    });

    let hash: string;
    it('closes: stable SHA-256 of the canonical rows, month_closings row, snapshot, audit', async () => {
      const res = await close(c.adminOpd, units.dinkes.id);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      hash = body.contentHash;
      const repoRows = await t.db
        .selectFrom('monthlyRecaps as r')
        .innerJoin('units as u', 'u.id', 'r.unitId')
        .selectAll('r')
        .where('r.month', '=', '2026-01')
        .where('u.path', 'like', `${units.dinkes.path}%`)
        .execute();
      expect(body.rows).toBe(repoRows.length);
      const mc = await t.db
        .selectFrom('monthClosings')
        .selectAll()
        .where('unitId', '=', units.dinkes.id)
        .executeTakeFirstOrThrow();
      expect(mc).toMatchObject({ month: '2026-01', contentHash: hash });
      const snap = await t.db
        .selectFrom('recapClosings')
        .selectAll()
        .where('unitId', '=', units.dinkes.id)
        .executeTakeFirstOrThrow();
      expect(snap.contentHash).toBe(hash);
      const frozen = snap.snapshot as { employeeId: string; month: string; unitId: string }[];
      expect(frozen.map((r) => r.employeeId)).toEqual(repoRows.map((r) => r.employeeId).sort());
      expect(createHash('sha256').update(canonicalRecapText(frozen)).digest('hex')).toBe(hash);
      expect(
        createHash('sha256')
          .update(canonicalRecapText([...frozen].reverse()))
          .digest('hex'),
      ).toBe(hash);
      const audit = await t.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'recap.month_closed')
        .execute();
      expect(audit).toHaveLength(1);
      const status = (
        await c.adminOpd.get(`/api/recap/closing?unitId=${units.curug.id}&month=2026-01`)
      ).json();
      expect(status.closing).toMatchObject({ unitId: units.dinkes.id, contentHash: hash });
      expect(status.closing.closedByName).toBeTruthy();
      expect(status.intact).toBe(true);
    });

    it('freezes the recap: later day changes and refreshes leave the rows (and the hash) alone', async () => {
      const before = await rowOf(ids.a);
      await seedDays(ids.a, units.curug.id, [day({ date: '2026-01-14', code: 'S' })]);
      await t.services.recap.refreshEmployeeMonths([{ employeeId: ids.a, month: '2026-01' }]);
      await t.services.recap.storeMonth('2026-01');
      expect(await rowOf(ids.a)).toEqual(before);
      const status = (
        await c.adminOpd.get(`/api/recap/closing?unitId=${units.dinkes.id}&month=2026-01`)
      ).json();
      expect(status.intact).toBe(true);
      const listed = (await c.adminOpd.get(`/api/recap/units?month=2026-01&unitId=${units.curug.id}`)).json();
      expect(listed.closing).toMatchObject({ contentHash: hash });
      expect(listed.items.find((r: { employeeId: string }) => r.employeeId === ids.a).tkDays).toBe(2);
      await seedDays(ids.a, units.curug.id, [day({ date: '2026-01-14', code: 'TK' })]);
    });

    it('refuses a second close of the unit or of a sub-unit', async () => {
      expect((await close(c.adminOpd, units.dinkes.id)).statusCode).toBe(409);
      expect((await close(c.adminOpd, units.curug.id)).statusCode).toBe(409);
    });

    it('reopens only for BKD / super admin, with a reason, audited', async () => {
      const url = '/api/recap/closing/reopen';
      const body = {
        unitId: units.dinkes.id,
        month: '2026-01',
        reason: 'Koreksi presensi massal mesin rusak',
      };
      expect((await c.adminOpd.post(url, body)).statusCode).toBe(403);
      expect((await c.bkd.post(url, { ...body, reason: 'x' })).statusCode).toBe(400);
      const res = await c.bkd.post(url, body);
      expect(res.statusCode).toBe(200);
      expect(
        await t.db.selectFrom('monthClosings').selectAll().where('unitId', '=', units.dinkes.id).execute(),
      ).toEqual([]);
      const snap = await t.db
        .selectFrom('recapClosings')
        .selectAll()
        .where('unitId', '=', units.dinkes.id)
        .executeTakeFirstOrThrow();
      expect(snap).toMatchObject({ reopenReason: body.reason, contentHash: hash });
      const audit = await t.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'recap.month_reopened')
        .execute();
      expect(audit).toHaveLength(1);
      expect((await c.bkd.post(url, body)).statusCode).toBe(409);
      // Closed again with unchanged figures: the same hash.
      const again = await close(c.superAdmin, units.dinkes.id);
      expect(again.statusCode).toBe(200);
      expect(again.json().contentHash).toBe(hash);
    });
  });

  describe('adjustments', () => {
    it('counts adjustments carried into February as such, labelled with the original date', async () => {
      await t.db
        .insertInto('statusAdjustments')
        .values({
          employeeId: ids.a,
          unitId: units.curug.id,
          localDate: '2026-01-14',
          monthClosed: '2026-01',
          carriedToMonth: '2026-02',
          oldCode: 'TK',
          newCode: 'S',
          oldStatus: JSON.stringify({ code: 'TK' }),
          newStatus: JSON.stringify({ code: 'S' }),
          reason: 'Surat sakit diterima setelah bulan ditutup',
        })
        .execute();
      await seedDays(ids.a, units.curug.id, rest('2026-02', 1, 10));
      await t.services.recap.storeMonth('2026-02');
      expect(await rowOf(ids.a, '2026-02')).toMatchObject({
        adjustmentCount: 1,
        adjustmentDelta: { S: 1, TK: -1 },
        codeCounts: { H: 7, LIBUR: 3 },
        tkDays: 0,
      });
      expect((await rowOf(ids.a))!.adjustmentCount).toBe(0);
      const mine = (await c.a.get('/api/recap/employee?month=2026-02')).json();
      expect(mine.adjustments).toEqual([
        expect.objectContaining({
          localDate: '2026-01-14',
          monthClosed: '2026-01',
          oldCode: 'TK',
          newCode: 'S',
        }),
      ]);
      const unit = (
        await c.adminOpd.get(`/api/recap/adjustments?unitId=${units.dinkes.id}&month=2026-02`)
      ).json();
      expect(unit.items).toHaveLength(1);
      expect(
        (await c.adminOther.get(`/api/recap/adjustments?unitId=${units.dinkes.id}&month=2026-02`)).statusCode,
      ).toBe(403);
      const csv = await c.adminOpd.get(`/api/recap/export?unitId=${units.curug.id}&month=2026-02&format=pdf`);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(csv.rawPayload)), {
        mergePages: true,
      });
      expect(text).toContain('14/01/2026 (bulan 2026-01)');
    });
  });
});
