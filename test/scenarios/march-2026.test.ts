import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay } from '../../src/core/common/local-date.ts';
import type { DemoEmployee } from '../../src/server/db/seeds/demo-data.ts';
import { createTestApp, login, multipart, type Client, type TestApp } from '../helpers/test-app.ts';

/*
 * One month from raw punches to a closed, explained recap, through the product's own API on the demo province.
 * Clock: Monday 6 April 2026, 09:00 WIB (March can be closed from the 5th: attendance.monthClosing).
 *
 * March 2026 in the national rulebook (regulations.md §3.4, SKB 2026; Perpres 21/2023 Pasal 5):
 * - Ramadan 1447 H until Fri 20 March: hours 08:00–15:00 (Fri 15:30); from the 23rd 07:30–16:00 (Fri 16:30).
 * - 18 Mar cuti bersama Nyepi, 19 Mar Nyepi, 20 Mar cuti bersama, 21–22 Idul Fitri (weekend), 23–24 cuti bersama:
 *   17 working days (HK) in a 5-day unit.
 * - Late/early bands TL1/PSW1 1–30 min, TL2/PSW2 31–60 (regulations.md §5.3); a missing check-out is PSW4 with
 *   91 minutes (attendance.missingCheckOut.bandFloor); an approved izin terlambat excuses the band and minutes.
 *
 * People: Ani (WIB, DINKES-PKM-CURUG) has a bit of everything; Budi (WITA, SETDA-MKS) takes annual leave across
 * the Lebaran holidays; Citra (WIB) works two rostered night shifts (MALAM 22:00–07:00) and then stays away.
 * Every expectation below is worked out by hand from those rules.
 */

type Who = 'ani' | 'budi' | 'citra';
const TERMINAL_ID = { ani: '9101', budi: '9102', citra: '9103' } as const;

/** Punches as local "dd HH:mm" of March 2026 (or "YYYY-MM-DD HH:mm"). */
const PUNCHES: Record<Who, string[]> = {
  ani: [
    '02 07:55',
    '02 15:05', // H
    '03 08:10',
    '03 15:00', // TL1, 10 min
    '04 08:45',
    '04 15:02', // TL2, 45 min
    // 05: nothing → TK
    '06 07:58',
    '06 15:10', // Friday (Ramadan, ends 15:30): PSW1, 20 min
    '09 07:50', // no check-out → PSW4, 91 min
    // 10–11 annual leave (CT)
    '12 09:00',
    '12 15:00', // izin terlambat approved → H without band
    // 13 sakit (S)
    '16 07:59', // check-out 15:00 added by an approved correction
    '17 08:00',
    '17 15:00',
    '25 07:31',
    '25 16:00', // regular hours again: TL1, 1 min (late after 07:30:59)
    '26 07:25',
    '26 16:05',
    // 27 dinas luar (DL)
    '30 07:28',
    '30 16:01', // WFH day
    '31 07:30',
    '31 16:00',
  ],
  budi: [
    '02 08:05',
    '02 15:00', // TL1, 5 min (WITA)
    ...['03', '04', '05', '09', '10', '11', '12', '16'].flatMap((d) => [`${d} 07:55`, `${d} 15:05`]),
    '06 07:55',
    '06 15:35',
    '13 07:55',
    '13 15:35',
    // 17–25 annual leave: only 17 and 25 are working days
    '26 07:25',
    '26 16:05',
    '30 07:25',
    '30 16:05',
    '31 07:25',
    '31 16:05',
    '27 07:25',
    '27 16:35',
  ],
  citra: [
    '02 21:50',
    '03 07:05', // MALAM of the 2nd: on time, out next morning
    '03 22:40',
    '04 07:00', // MALAM of the 3rd: TL2, 40 min
  ],
};

const WEEKEND_OR_HOLIDAY = [1, 7, 8, 14, 15, 18, 19, 20, 21, 22, 23, 24, 28, 29].map(
  (d) => `2026-03-${String(d).padStart(2, '0')}`,
);
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;

/** Expected code per date (LIBUR for the non-working days unless listed). */
function expectedCodes(overrides: Record<number, string>, workingCode = 'H') {
  return Object.fromEntries(
    eachDay('2026-03-01', '2026-03-31').map((d) => {
      const n = Number(d.slice(8));
      return [d, overrides[n] ?? (WEEKEND_OR_HOLIDAY.includes(d) ? 'LIBUR' : workingCode)];
    }),
  );
}
const EXPECTED: Record<Who, Record<string, string>> = {
  ani: expectedCodes({ 5: 'TK', 10: 'CT', 11: 'CT', 13: 'S', 27: 'DL' }),
  budi: expectedCodes({ 17: 'CT', 25: 'CT' }),
  // Rostered: MALAM on 2 and 3, day off on 4; the rest of the month regular hours with no punches → TK.
  citra: expectedCodes({ 2: 'H', 3: 'H', 4: 'LIBUR' }, 'TK'),
};

describe('scenario: March 2026 from punches, leave, permits and corrections to a closed recap', () => {
  let t: TestApp;
  const c = {} as Record<
    Who | 'aniBoss' | 'budiBoss' | 'aniHead' | 'budiHead' | 'adminDinkes' | 'bkd',
    Client
  >;
  const ids = {} as Record<Who, string>;
  const nipOf = {} as Record<Who, string>;
  let dinkesId: string;
  let files = 0;

  const json = (r: { statusCode: number; body: string; json(): unknown }, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as Record<string, unknown> & { [k: string]: never };
  };
  async function upload(client: Client) {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from(`scenario-${++files}`),
    ]);
    const mp = multipart({}, { field: 'file', name: 'bukti.png', content: png, type: 'image/png' });
    const r = await client.request({ method: 'POST', url: '/api/permits/files', ...mp });
    return json(r, 201).hash as unknown as string;
  }
  async function drain() {
    for (let i = 0; i < 200; i++)
      if ((await t.services.statuses.processQueue(20_000)).stored.length === 0) return;
  }
  async function leave(who: Who, from: string, to: string, deciders: Client[]) {
    const r = json(
      await c[who].post('/api/leave/requests', { type: 'CT', from, to, reason: 'Keperluan keluarga' }),
      201,
    ) as unknown as { id: string; workingDays: number };
    for (const d of deciders)
      json(await d.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' }));
    const done = json(await c[who].get(`/api/leave/requests/${r.id}`)) as unknown as { status: string };
    expect(done.status).toBe('DISETUJUI');
    return r;
  }
  async function permit(who: Who, body: Record<string, unknown>) {
    const r = json(
      await c[who].post('/api/permits', { reason: 'Keperluan dinas', ...body }),
      201,
    ) as unknown as {
      id: string;
    };
    json(await c.aniBoss.post(`/api/permits/${r.id}/decision`, { decision: 'APPROVE' }));
  }
  const monthOf = async (who: Who) =>
    json(await c[who].get('/api/recap/employee?month=2026-03')) as unknown as {
      days: Array<{
        localDate: string;
        code: string;
        lateMinutes: number;
        earlyMinutes: number;
        lateBand: string | null;
        earlyBand: string | null;
        missingCheckOut: boolean;
        workLocation: string | null;
        reasons: string[];
      }>;
      recap: Record<string, number | Record<string, number>>;
    };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-04-06T02:00:00Z', env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const hasStaff = (e: DemoEmployee) => d.employees.some((x) => e.nip && x.superiorNip === e.nip);
    const plainIn = (unit: string) =>
      d.employees.filter(
        (e) =>
          e.unitCode === unit &&
          e.nip &&
          e.employeeType === 'PNS' &&
          e.activeFrom <= '2019-01-01' &&
          !grantNips.has(e.nip) &&
          !hasStaff(e),
      );
    const [ani, citra] = plainIn('DINKES-PKM-CURUG');
    const [budi] = plainIn('SETDA-MKS');
    const byNip = (nip: string | null | undefined) => d.employees.find((e) => e.nip === nip)!;
    // The leave-granting official: the head of the OPD (the depth-2 unit on the employee's path).
    const headOf = async (employeeNip: string) => {
      const r = await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select('u.path')
        .where('e.nip', '=', employeeNip)
        .executeTakeFirstOrThrow();
      const opdId = r.path.split('/').filter(Boolean)[1]!;
      const head = await t.db
        .selectFrom('employees as e')
        .innerJoin('positions as p', 'p.id', 'e.positionId')
        .select('e.nip')
        .where('p.unitId', '=', opdId)
        .where('p.isHead', '=', true)
        .executeTakeFirstOrThrow();
      return head.nip!;
    };
    const nips = {
      ani: ani!.nip!,
      budi: budi!.nip!,
      citra: citra!.nip!,
      aniBoss: byNip(ani!.superiorNip).nip!,
      budiBoss: byNip(budi!.superiorNip).nip!,
      aniHead: await headOf(ani!.nip!),
      budiHead: await headOf(budi!.nip!),
      adminDinkes: d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
      bkd: d.roleGrants.find((g) => g.role === 'BKD')!.nip!,
    };
    for (const [k, nip] of Object.entries(nips)) c[k as keyof typeof c] = await login(t.app, nip);
    for (const w of ['ani', 'budi', 'citra'] as const) {
      ids[w] = c[w].me.user.employeeId!;
      nipOf[w] = nips[w];
    }
    dinkesId = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'DINKES').executeTakeFirstOrThrow()
    ).id;

    // Citra's roster: night shifts on 2 and 3 March, a day off on the 4th (BKD keeps the roster).
    json(
      await c.bkd.request({
        method: 'PUT',
        url: '/api/rosters',
        payload: {
          lines: [
            { employeeId: ids.citra, date: '2026-03-02', shiftCode: 'MALAM' },
            { employeeId: ids.citra, date: '2026-03-03', shiftCode: 'MALAM' },
            { employeeId: ids.citra, date: '2026-03-04', shiftCode: null },
          ],
        },
      }),
    );

    // The month's punches come from the office terminals: map the terminal ids, import one attlog file.
    for (const w of ['ani', 'budi', 'citra'] as const)
      json(
        await c.bkd.post('/api/attendance/terminal-users', {
          terminalUserId: TERMINAL_ID[w],
          employeeId: ids[w],
        }),
        201,
      );
    const lines = (['ani', 'budi', 'citra'] as const).flatMap((w) =>
      PUNCHES[w].map((p) => {
        const [dd, hhmm] = p.split(' ');
        return `${TERMINAL_ID[w].padStart(9)}\t2026-03-${dd} ${hhmm}:00\t0\t1\t0\t0`;
      }),
    );
    const mp = multipart({}, { field: 'file', name: '1_attlog.dat', content: `${lines.join('\r\n')}\r\n` });
    const imported = json(
      await c.bkd.request({ method: 'POST', url: '/api/attendance/terminal-imports', ...mp }),
    ) as unknown as { imported: number };
    expect(imported.imported).toBe(lines.length);

    // Ani: annual leave 10–11 March; Budi: annual leave 17–25 March (only 17 and 25 are working days).
    await leave('ani', '2026-03-10', '2026-03-11', [c.aniBoss, c.aniHead]);
    await leave('budi', '2026-03-17', '2026-03-25', [c.budiBoss, c.budiHead]);
    // Ani's permits, each approved by her superior.
    await permit('ani', { kind: 'I', part: 'late', dateFrom: '2026-03-12', dateTo: '2026-03-12' });
    await permit('ani', { kind: 'S', dateFrom: '2026-03-13', dateTo: '2026-03-13' });
    await permit('ani', {
      kind: 'DL',
      dateFrom: '2026-03-27',
      dateTo: '2026-03-27',
      letterNumber: '800.1.11.1/045/DINKES/2026',
      letterDate: '2026-03-20',
      fileHash: await upload(c.ani),
      destination: { name: 'Dinkes Provinsi', lat: -6.12, lon: 106.15, radiusM: 300 },
    });
    await permit('ani', { kind: 'WFH', dateFrom: '2026-03-30', dateTo: '2026-03-30' });
    // Ani forgot to check out on the 16th: a correction with evidence, approved.
    const corr = json(
      await c.ani.post('/api/corrections', {
        date: '2026-03-16',
        checkOut: '15:00',
        category: 'LUPA_PRESENSI',
        reason: 'Lupa presensi pulang',
        evidenceHash: await upload(c.ani),
      }),
      201,
    ) as unknown as { id: string };
    json(await c.aniBoss.post(`/api/corrections/${corr.id}/decision`, { decision: 'APPROVE' }));
    await drain();
    // Every March day of everyone stored, as the ended-day fill does on a running server (a read stores nothing).
    await t.services.statuses.recomputeRange('2026-03-01', '2026-03-31');
  }, 120_000);
  afterAll(() => t?.close());

  it.each(['ani', 'budi', 'citra'] as const)(
    'every day of %s has the code worked out by hand',
    async (who) => {
      const m = await monthOf(who);
      expect(Object.fromEntries(m.days.map((x) => [x.localDate, x.code]))).toEqual(EXPECTED[who]);
    },
  );

  it('Ani: the bands and minutes of each day, the excused lateness, the correction and the WFH day', async () => {
    const m = await monthOf('ani');
    const on = (n: number) => m.days.find((x) => x.localDate === day(n))!;
    expect(on(3)).toMatchObject({ lateBand: 'TL1', lateMinutes: 10, earlyMinutes: 0 });
    expect(on(4)).toMatchObject({ lateBand: 'TL2', lateMinutes: 45 });
    expect(on(6)).toMatchObject({ lateBand: null, earlyBand: 'PSW1', earlyMinutes: 20 });
    expect(on(9)).toMatchObject({ earlyBand: 'PSW4', earlyMinutes: 91, missingCheckOut: true });
    expect(on(12)).toMatchObject({ code: 'H', lateBand: null, lateMinutes: 0 }); // izin terlambat
    expect(on(16)).toMatchObject({ code: 'H', missingCheckOut: false, earlyMinutes: 0 }); // corrected
    expect(on(25)).toMatchObject({ lateBand: 'TL1', lateMinutes: 1 });
    expect(on(30)).toMatchObject({ code: 'H', workLocation: 'WFH' });
    expect(on(19).reasons.join(' ')).toMatch(/Nyepi/);
    expect(on(5).reasons.length).toBeGreaterThan(0); // the TK day says why
  });

  it('Ani: the recap counts 17 HK, 12 H, 1 TK, 2 CT, 1 S, 1 DL; 56 late and 111 early minutes', async () => {
    const { recap } = await monthOf('ani');
    expect(recap).toMatchObject({
      workingDays: 17,
      codeCounts: expect.objectContaining({ H: 12, TK: 1, CT: 2, S: 1, DL: 1, LIBUR: 14 }),
      tkDays: 1,
      lateMinutes: 56,
      earlyMinutes: 111,
      tl1: 2,
      tl2: 1,
      psw1: 1,
      psw4: 1,
      missingOut: 1,
      wfhDays: 1,
      // 167 minutes are less than one day of 450 minutes (regulations.md §1.4)
      tkEquivalentDays: 0,
    });
  });

  it('Budi (WITA): 15 H, 2 CT, 5 late minutes; the leave across Lebaran took 2 days of his balance', async () => {
    const m = await monthOf('budi');
    expect(m.days.find((x) => x.localDate === day(2))).toMatchObject({ lateBand: 'TL1', lateMinutes: 5 });
    expect(m.recap).toMatchObject({
      workingDays: 17,
      codeCounts: expect.objectContaining({ H: 15, CT: 2, LIBUR: 14 }),
      tkDays: 0,
      lateMinutes: 5,
    });
    const balance = json(await c.budi.get('/api/leave/balance?year=2026')) as unknown as {
      taken: number;
      available: number;
      remaining: number;
    };
    expect(balance.taken).toBe(2);
    expect(balance.remaining).toBe(balance.available - 2);
  });

  it('Citra: two night shifts across midnight (one 40 minutes late), a rostered day off, then 14 TK days', async () => {
    const m = await monthOf('citra');
    expect(m.days.find((x) => x.localDate === day(2))).toMatchObject({ lateMinutes: 0, earlyMinutes: 0 });
    expect(m.days.find((x) => x.localDate === day(3))).toMatchObject({ lateBand: 'TL2', lateMinutes: 40 });
    expect(m.recap).toMatchObject({ workingDays: 16, tkDays: 14, lateMinutes: 40 });
    // 14 TK days in a year are past the PP 94/2021 Pasal 4 huruf f thresholds: she is on the early-warning list.
    const w = json(
      await c.adminDinkes.get(`/api/recap/warnings?unitId=${dinkesId}&month=2026-03`),
    ) as unknown as { items: Array<{ employeeId: string; tkDays: number }> };
    expect(w.items.find((x) => x.employeeId === ids.citra)).toMatchObject({ tkDays: 14 });
    // …and 14 working days in a row reach the 10-consecutive-days threshold.
    expect(w.items.find((x) => x.employeeId === ids.citra)).toMatchObject({
      consecutive: { atDays: 10, currentDays: 14, inDays: 0 },
    });
    // Ani's one TK day leaves her 2 days before the first threshold (3 days, ringan): listed (margin 2 days).
    expect(w.items.find((x) => x.employeeId === ids.ani)).toMatchObject({
      tkDays: 1,
      remainderMinutes: 167,
      next: { atDays: 3, inDays: 2, level: 'ringan' },
    });
  });

  it('admin OPD closes March: the recap is frozen and exported; a later request for March is refused', async () => {
    // A request still waiting for a decision in March blocks the closing, with the count.
    const pending = json(
      await c.ani.post('/api/permits', {
        kind: 'I',
        part: 'early',
        dateFrom: '2026-03-31',
        dateTo: '2026-03-31',
        reason: 'Keperluan keluarga',
      }),
      201,
    ) as unknown as { id: string };
    const refused = await c.adminDinkes.post('/api/recap/closing/close', {
      unitId: dinkesId,
      month: '2026-03',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(JSON.stringify(refused.json().error.details)).toMatch(/"requests":1\b/);
    json(await c.ani.post(`/api/permits/${pending.id}/cancel`, { note: 'Tidak jadi' }));
    const closed = json(
      await c.adminDinkes.post('/api/recap/closing/close', { unitId: dinkesId, month: '2026-03' }),
    ) as unknown as { contentHash: string };
    expect(closed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const late = await c.ani.post('/api/leave/requests', {
      type: 'CT',
      from: '2026-03-31',
      to: '2026-03-31',
      reason: 'Terlambat diajukan',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('MONTH_CLOSED');
    // Budi's unit (SETDA) is not closed: his month stays open.
    expect((await monthOf('budi')).recap).toBeTruthy();

    const x = await c.adminDinkes.get(`/api/recap/export?unitId=${dinkesId}&month=2026-03&format=xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = (v: unknown) => String((v as { text?: string })?.text ?? v ?? '');
    let aniRow: ExcelJS.Row | undefined;
    let header: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      const cells = (row.values as unknown[]).map(text);
      if (cells.includes('TK') && cells.includes('C')) header ??= row;
      if (cells.some((v) => v.replace(/\D/g, '').includes(nipOf.ani))) aniRow = row;
    });
    expect(header, 'header row with the codes').toBeTruthy();
    expect(aniRow, "Ani's row").toBeTruthy();
    const col = (name: string) => (header!.values as unknown[]).map(text).indexOf(name);
    expect(Number(text(aniRow!.getCell(col('TK')).value))).toBe(1);
    expect(Number(text(aniRow!.getCell(col('C')).value))).toBe(2); // leave (cuti) of any type
    expect(Number(text(aniRow!.getCell(col('HK')).value))).toBe(17);
    expect(Number(text(aniRow!.getCell(col('Menit Tlt')).value))).toBe(56);
  });

  it('a rulebook version after closing: the closed March stays, the change is carried into April as an adjustment', async () => {
    // From 25 March a 15-minute tolerance (schedule.punch.graceMinutes): Ani's 1 minute on the 25th is no longer late.
    const current = await t.services.rulebooks.rulesOn(t.config.rulebookRegion, '2026-03-25');
    const next = structuredClone(current);
    next.meta = {
      ...next.meta,
      id: 'national-2026-toleransi',
      version: '2026.3',
      effectiveFrom: '2026-03-25',
      effectiveTo: null,
    };
    next.schedule.punch.graceMinutes = 15;
    const draft = json(await c.bkd.post('/api/rulebooks', next), 201) as unknown as { id: string };
    json(await c.bkd.post(`/api/rulebooks/${draft.id}/activate`));
    await drain();

    const march = await monthOf('ani');
    expect(march.days.find((x) => x.localDate === day(25))).toMatchObject({
      lateBand: 'TL1',
      lateMinutes: 1,
    });
    expect(march.recap).toMatchObject({ lateMinutes: 56, tl1: 2 });
    const adj = json(
      await c.adminDinkes.get(`/api/recap/adjustments?unitId=${dinkesId}&month=2026-04`),
    ) as unknown as { items: Array<Record<string, unknown>> };
    expect(adj.items).toContainEqual(
      expect.objectContaining({
        employeeId: ids.ani,
        localDate: '2026-03-25',
        monthClosed: '2026-03',
        carriedToMonth: '2026-04',
        oldCode: 'H',
        newCode: 'H',
      }),
    );
    const april = json(await c.ani.get('/api/recap/employee?month=2026-04')) as unknown as {
      recap: { adjustmentCount: number };
    };
    expect(april.recap.adjustmentCount).toBeGreaterThanOrEqual(1);
  });
});
