import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import { resolveDaySchedule, indexRoster } from '../../../core/schedule/resolve-schedule.ts';
import { parseRosterDate } from './roster-service.ts';

/*
 * Shift rosters through the real API on the demo province. Clock: Thursday 15 Jan 2026, 09:00 WIB.
 * Two plain employees of Puskesmas Curug (Dinkes); admin OPD of Dinkes (in scope) and of Bapenda (another OPD).
 * Shifts from rulebooks/national/schedule.json: PAGI 07:00–14:00, SIANG 14:00–22:00, MALAM 22:00–07:00.
 */
describe('shift rosters', () => {
  let t: TestApp;
  let pegawai: Client;
  let adminOpd: Client;
  let adminOther: Client;
  let people: Record<'pegawai' | 'colleague', DemoEmployee>;
  let ids: Record<'pegawai' | 'colleague', string>;
  let pkmUnitId: string;
  let dinkesUnitId: string;

  const put = (c: Client, body: unknown) =>
    c.request({ method: 'PUT', url: '/api/rosters', payload: body as object });
  const importCsv = (c: Client, csv: string, name = 'jadwal.csv') => {
    const mp = multipart({}, { field: 'file', name, content: csv, type: 'text/csv' });
    return c.request({
      method: 'POST',
      url: '/api/rosters/import',
      payload: mp.payload,
      headers: mp.headers,
    });
  };
  const stored = async (employeeId: string) =>
    Object.fromEntries(
      (
        await t.db
          .selectFrom('shiftRosters')
          .select(['localDate', 'shiftCode'])
          .where('employeeId', '=', employeeId)
          .orderBy('localDate')
          .execute()
      ).map((r) => [r.localDate, r.shiftCode]),
    );
  const queued = async (employeeId: string) =>
    (
      await t.db
        .selectFrom('statusQueue')
        .select('localDate')
        .where('employeeId', '=', employeeId)
        .where('reason', '=', 'roster')
        .orderBy('localDate')
        .execute()
    ).map((r) => r.localDate);
  const auditOf = (employeeId: string) =>
    t.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after', 'actorName'])
      .where('entityType', '=', 'shift_roster')
      .where('entityId', '=', employeeId)
      .orderBy('id')
      .execute();
  const clearQueue = () => t.db.deleteFrom('statusQueue').where('reason', '=', 'roster').execute();

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const subsOf = (e: DemoEmployee) => d.employees.filter((x) => e.nip && x.superiorNip === e.nip);
    const plain = d.employees.filter(
      (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !grantNips.has(e.nip) && subsOf(e).length === 0,
    );
    people = { pegawai: plain[0]!, colleague: plain[1]! };
    const idOf = async (nip: string) =>
      (await t.db.selectFrom('employees').select('id').where('nip', '=', nip).executeTakeFirstOrThrow()).id;
    ids = { pegawai: await idOf(people.pegawai.nip!), colleague: await idOf(people.colleague.nip!) };
    const unitId = async (code: string) =>
      (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    pkmUnitId = await unitId('DINKES-PKM-CURUG');
    dinkesUnitId = await unitId('DINKES');
    pegawai = await login(t.app, people.pegawai.nip!);
    adminOpd = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
    );
    adminOther = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'BAPENDA')!.nip!,
    );
  });
  afterAll(() => t.close());

  it('sets shifts and days off for many employees at once, lists them per unit and month', async () => {
    const res = await put(adminOpd, {
      lines: [
        { employeeId: ids.pegawai, date: '2026-01-20', shiftCode: 'PAGI' },
        { employeeId: ids.pegawai, date: '2026-01-21', shiftCode: 'malam' },
        { employeeId: ids.pegawai, date: '2026-01-22', shiftCode: null },
        { employeeId: ids.colleague, date: '2026-01-20', shiftCode: 'SIANG' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ changed: 4, unchanged: 0, employees: 2 });
    expect(await stored(ids.pegawai)).toEqual({
      '2026-01-20': 'PAGI',
      '2026-01-21': 'MALAM',
      '2026-01-22': null,
    });

    const list = await adminOpd.get(`/api/rosters?unitId=${pkmUnitId}&month=2026-01&pageSize=200`);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.days).toHaveLength(31);
    expect(body.days[0]).toMatchObject({ date: '2026-01-01', weekday: 4 });
    expect(body.days.find((d: { date: string }) => d.date === '2026-01-16')).toMatchObject({
      dayType: 'holiday',
    });
    expect(body.closed).toBe(false);
    expect(body.shifts.map((s: { code: string }) => s.code)).toEqual(['PAGI', 'SIANG', 'MALAM']);
    expect(body.shifts.find((s: { code: string }) => s.code === 'MALAM')).toMatchObject({ overnight: true });
    const row = body.items.find((i: { employeeId: string }) => i.employeeId === ids.pegawai);
    expect(row.lines).toEqual({ '2026-01-20': 'PAGI', '2026-01-21': 'MALAM', '2026-01-22': null });
    expect(row.nip).toBe(people.pegawai.nip);

    // The parent unit lists its sub-units too; paginated by employee; searched by name and NIP.
    const page = await adminOpd.get(`/api/rosters?unitId=${dinkesUnitId}&month=2026-01&pageSize=2&page=1`);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBeGreaterThan(2);
    const byNip = await adminOpd.get(
      `/api/rosters?unitId=${dinkesUnitId}&month=2026-01&q=${people.colleague.nip!}`,
    );
    expect(byNip.json().items.map((i: { employeeId: string }) => i.employeeId)).toEqual([ids.colleague]);
    const byName = await adminOpd.get(
      `/api/rosters?unitId=${pkmUnitId}&month=2026-01&q=${encodeURIComponent(people.pegawai.name)}`,
    );
    expect(byName.json().items.map((i: { employeeId: string }) => i.employeeId)).toContain(ids.pegawai);
  });

  it('audits each employee change with the cells before and after, and not a save that changes nothing', async () => {
    const before = await auditOf(ids.pegawai);
    expect(before.map((a) => a.action)).toEqual(['roster.set']);
    expect(before[0]!.after).toEqual({ '2026-01-20': 'PAGI', '2026-01-21': 'MALAM', '2026-01-22': 'LIBUR' });
    expect(before[0]!.before).toEqual({
      '2026-01-20': '(reguler)',
      '2026-01-21': '(reguler)',
      '2026-01-22': '(reguler)',
    });
    const again = await put(adminOpd, {
      lines: [{ employeeId: ids.pegawai, date: '2026-01-20', shiftCode: 'PAGI' }],
    });
    expect(again.json()).toEqual({ changed: 0, unchanged: 1, employees: 0 });
    expect(await auditOf(ids.pegawai)).toHaveLength(1);
  });

  it('queues each changed day and the day after (an overnight check-out) for the daily statuses', async () => {
    expect(await queued(ids.pegawai)).toEqual(['2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23']);
    expect(await queued(ids.colleague)).toEqual(['2026-01-20', '2026-01-21']);
  });

  it('rosterLines returns the entries (also through a transaction) and the core resolves MALAM past midnight', async () => {
    const lines = await t.services.rosters.rosterLines(
      [ids.pegawai, ids.colleague],
      '2026-01-01',
      '2026-01-31',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        { employeeId: ids.pegawai, nip: people.pegawai.nip, date: '2026-01-20', shiftCode: 'PAGI' },
        { employeeId: ids.pegawai, nip: people.pegawai.nip, date: '2026-01-21', shiftCode: 'MALAM' },
        { employeeId: ids.pegawai, nip: people.pegawai.nip, date: '2026-01-22', shiftCode: null },
        { employeeId: ids.colleague, nip: people.colleague.nip, date: '2026-01-20', shiftCode: 'SIANG' },
      ]),
    );
    expect(lines).toHaveLength(4);
    const inTrx = await t.db
      .transaction()
      .execute((trx) => t.services.rosters.rosterLines([ids.pegawai], '2026-01-21', '2026-01-21', trx));
    expect(inTrx.map((l) => l.shiftCode)).toEqual(['MALAM']);

    const rules = await t.services.rulebooks.rulesOn(t.config.rulebookRegion, '2026-01-21');
    const calendar = buildCalendar(rules.calendar, { unitCode: 'DINKES-PKM-CURUG', zone: 'Asia/Jakarta' });
    const day = (date: string) =>
      resolveDaySchedule({
        rules: rules.schedule,
        calendar,
        date,
        zone: 'Asia/Jakarta',
        unitCode: 'DINKES-PKM-CURUG',
        employeeNip: people.pegawai.nip!,
        roster: indexRoster(lines),
      });
    const malam = day('2026-01-21')!;
    expect(malam).toMatchObject({ kind: 'shift', shiftCode: 'MALAM', start: 22 * 60, end: 1440 + 7 * 60 });
    expect(malam.end).toBeGreaterThan(1440);
    expect(day('2026-01-20')).toMatchObject({ shiftCode: 'PAGI', start: 7 * 60, end: 14 * 60 });
    // A rostered day off on a Thursday; a date without a line keeps the regular 07:30–16:00.
    expect(day('2026-01-22')).toBeNull();
    expect(day('2026-01-26')).toMatchObject({ kind: 'regular', start: 7 * 60 + 30, end: 16 * 60 });
  });

  it("shows the day's rostered shift on the employee's Presensi page", async () => {
    const set = await put(adminOpd, {
      lines: [{ employeeId: ids.pegawai, date: '2026-01-15', shiftCode: 'MALAM' }],
    });
    expect(set.statusCode, set.body).toBe(200);
    const today = await pegawai.get('/api/attendance/today');
    expect(today.statusCode, today.body).toBe(200);
    expect(today.json().schedule).toEqual({ start: '22:00', end: '07:00' });
    const clear = await adminOpd.post('/api/rosters/clear', {
      employeeIds: [ids.pegawai],
      from: '2026-01-15',
      to: '2026-01-15',
    });
    expect(clear.json()).toMatchObject({ changed: 1 });
    expect((await pegawai.get('/api/attendance/today')).json().schedule).toEqual({
      start: '07:30',
      end: '16:00',
    });
  });

  it("lets an employee read their own roster (shift hours, days off) and nobody else's", async () => {
    const set = await put(adminOpd, {
      lines: [
        { employeeId: ids.pegawai, date: '2026-03-10', shiftCode: 'MALAM' },
        { employeeId: ids.pegawai, date: '2026-03-11', shiftCode: null },
        { employeeId: ids.colleague, date: '2026-03-10', shiftCode: 'PAGI' },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    const mine = await pegawai.get('/api/rosters/mine?from=2026-03-09&to=2026-03-15');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toEqual({
      timeZone: 'Asia/Jakarta',
      items: [
        {
          date: '2026-03-10',
          shift: { code: 'MALAM', name: expect.any(String), start: '22:00', end: '07:00', overnight: true },
        },
        { date: '2026-03-11', shift: null },
      ],
    });
    // There is no employee parameter (the colleague's PAGI line never shows); an over-long or reversed range is refused.
    expect((await pegawai.get('/api/rosters/mine?from=2026-03-01&to=2026-05-31')).statusCode).toBe(400);
    expect((await pegawai.get('/api/rosters/mine?from=2026-03-15&to=2026-03-09')).statusCode).toBe(400);
    await adminOpd.post('/api/rosters/clear', {
      employeeIds: [ids.pegawai, ids.colleague],
      from: '2026-03-10',
      to: '2026-03-11',
    });
  });

  it('clears cells in a save and a range back to the regular schedule, audited and queued', async () => {
    await clearQueue();
    const res = await put(adminOpd, {
      lines: [{ employeeId: ids.pegawai, date: '2026-01-24', shiftCode: 'SIANG' }],
      clear: [{ employeeId: ids.pegawai, date: '2026-01-20' }],
    });
    expect(res.json()).toEqual({ changed: 2, unchanged: 0, employees: 1 });
    expect(await stored(ids.pegawai)).toEqual({
      '2026-01-21': 'MALAM',
      '2026-01-22': null,
      '2026-01-24': 'SIANG',
    });

    const range = await adminOpd.post('/api/rosters/clear', {
      employeeIds: [ids.pegawai, ids.colleague],
      from: '2026-01-01',
      to: '2026-01-22',
    });
    expect(range.statusCode, range.body).toBe(200);
    expect(range.json()).toEqual({ changed: 3, unchanged: 0, employees: 2 });
    expect(await stored(ids.pegawai)).toEqual({ '2026-01-24': 'SIANG' });
    expect(await stored(ids.colleague)).toEqual({});
    const last = (await auditOf(ids.pegawai)).at(-1)!;
    expect(last.action).toBe('roster.cleared');
    expect(last.before).toEqual({ '2026-01-21': 'MALAM', '2026-01-22': 'LIBUR' });
    expect(last.after).toEqual({ '2026-01-21': '(reguler)', '2026-01-22': '(reguler)' });
    expect(await queued(ids.pegawai)).toEqual([
      '2026-01-20',
      '2026-01-21',
      '2026-01-22',
      '2026-01-23',
      '2026-01-24',
      '2026-01-25',
    ]);
  });

  it('refuses an unknown shift code or an impossible date and writes nothing', async () => {
    const before = await stored(ids.colleague);
    const res = await put(adminOpd, {
      lines: [
        { employeeId: ids.colleague, date: '2026-01-27', shiftCode: 'PAGI' },
        { employeeId: ids.colleague, date: '2026-01-28', shiftCode: 'SORE' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.message).toContain('SORE');
    expect(res.json().error.details).toEqual([
      { path: 'lines.1.shiftCode', message: expect.stringContaining('tidak ada dalam aturan') },
    ]);
    const twice = await put(adminOpd, {
      lines: [{ employeeId: ids.colleague, date: '2026-01-27', shiftCode: 'PAGI' }],
      clear: [{ employeeId: ids.colleague, date: '2026-01-27' }],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].path).toBe('clear.0.date');
    const badDate = await put(adminOpd, {
      lines: [{ employeeId: ids.colleague, date: '2026-02-30', shiftCode: 'PAGI' }],
    });
    expect(badDate.statusCode).toBe(400);
    expect(await stored(ids.colleague)).toEqual(before);
  });

  it('refuses a shift or day off on a date the employee is not in service (API and CSV), and writes nothing', async () => {
    // The colleague leaves service after 26/01/2026.
    await t.db
      .updateTable('employees')
      .set({ activeTo: '2026-01-26' })
      .where('id', '=', ids.colleague)
      .execute();
    try {
      const before = await stored(ids.colleague);
      const res = await put(adminOpd, {
        lines: [
          { employeeId: ids.colleague, date: '2026-01-26', shiftCode: 'PAGI' },
          { employeeId: ids.colleague, date: '2026-01-27', shiftCode: null },
        ],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(res.json().error.details).toEqual([
        {
          path: 'lines.1.date',
          message: expect.stringContaining('tidak aktif pada 27/01/2026 (masa kerja'),
        },
      ]);
      const csv = ['nip,tanggal,shift', `${people.colleague.nip},27/01/2026,PAGI`].join('\n');
      const imported = await importCsv(adminOpd, csv);
      expect(imported.statusCode, imported.body).toBe(422);
      expect(imported.json().error.details).toEqual([
        { line: 2, field: 'tanggal', message: expect.stringContaining('s.d. 26/01/2026') },
      ]);
      expect(await stored(ids.colleague)).toEqual(before);
      // The last day of service can be rostered, and a day after it can always be put back to the regular schedule.
      const last = await put(adminOpd, {
        lines: [{ employeeId: ids.colleague, date: '2026-01-26', shiftCode: 'PAGI' }],
        clear: [{ employeeId: ids.colleague, date: '2026-01-27' }],
      });
      expect(last.statusCode, last.body).toBe(200);
      expect(await stored(ids.colleague)).toEqual({ ...before, '2026-01-26': 'PAGI' });
      await put(adminOpd, { clear: [{ employeeId: ids.colleague, date: '2026-01-26' }] });
      expect(await stored(ids.colleague)).toEqual(before);
    } finally {
      await t.db.updateTable('employees').set({ activeTo: null }).where('id', '=', ids.colleague).execute();
    }
  });

  it('refuses dates in a month closed for the unit or an ancestor (MONTH_CLOSED) and writes nothing', async () => {
    await t.db
      .insertInto('monthClosings')
      .values({ unitId: dinkesUnitId, month: '2025-12', closedBy: null })
      .execute();
    const res = await put(adminOpd, {
      lines: [
        { employeeId: ids.colleague, date: '2026-01-27', shiftCode: 'PAGI' },
        { employeeId: ids.pegawai, date: '2025-12-30', shiftCode: 'PAGI' },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('MONTH_CLOSED');
    expect(await stored(ids.colleague)).toEqual({});
    const list = await adminOpd.get(`/api/rosters?unitId=${pkmUnitId}&month=2025-12`);
    expect(list.json().closed).toBe(true);
  });

  it('keeps other OPDs and plain employees out (403) and lets them change nothing', async () => {
    const other = await put(adminOther, {
      lines: [{ employeeId: ids.pegawai, date: '2026-01-27', shiftCode: 'PAGI' }],
    });
    expect(other.statusCode).toBe(403);
    expect((await adminOther.get(`/api/rosters?unitId=${pkmUnitId}&month=2026-01`)).statusCode).toBe(403);
    expect(
      (await adminOther.get(`/api/rosters/export.csv?unitId=${pkmUnitId}&month=2026-01`)).statusCode,
    ).toBe(403);
    const clear = await adminOther.post('/api/rosters/clear', {
      employeeIds: [ids.pegawai],
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(clear.statusCode).toBe(403);
    const plain = await put(pegawai, {
      lines: [{ employeeId: ids.pegawai, date: '2026-01-27', shiftCode: 'PAGI' }],
    });
    expect(plain.statusCode).toBe(403);
    expect((await pegawai.get(`/api/rosters?unitId=${pkmUnitId}&month=2026-01`)).statusCode).toBe(403);
    expect(
      (await importCsv(pegawai, `nip,tanggal,shift\n${people.pegawai.nip},27/01/2026,PAGI\n`)).statusCode,
    ).toBe(403);
    const foreign = await importCsv(adminOther, `nip,tanggal,shift\n${people.pegawai.nip},27/01/2026,PAGI\n`);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details).toEqual([
      { line: 2, field: 'nip', message: expect.stringContaining('di luar unit kewenangan') },
    ]);
    expect(await stored(ids.pegawai)).toEqual({ '2026-01-24': 'SIANG' });
  });

  it('imports a CSV all or nothing: every bad row reported with its line and reason', async () => {
    const p = people.pegawai.nip!;
    const c = people.colleague.nip!;
    const bad = [
      'nip,tanggal,shift',
      `${p},02/02/2026,PAGI`,
      `${p},31/02/2026,PAGI`,
      `199001012020121999,03/02/2026,PAGI`,
      `${c},2026-02-04,SORE`,
      `${p},2026-02-02,MALAM`,
      `${c},15/12/2025,PAGI`,
      `,05/02/2026,PAGI`,
    ].join('\n');
    const res = await importCsv(adminOpd, bad);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    const details = res.json().error.details as { line: number; field: string; message: string }[];
    expect(details.map((d) => [d.line, d.field])).toEqual([
      [3, 'tanggal'],
      [4, 'nip'],
      [5, 'shift'],
      [6, 'tanggal'],
      [7, 'tanggal'],
      [8, 'nip'],
    ]);
    expect(details[3]!.message).toContain('baris 2');
    expect(details[4]!.message).toContain('ditutup');
    expect(await stored(ids.pegawai)).toEqual({ '2026-01-24': 'SIANG' });

    const good = [
      'NIP;Tanggal;Shift;Nama',
      `${p};02/02/2026;pagi;x`,
      `${p};2026-02-03;MALAM;x`,
      `${p};4/2/2026;LIBUR;x`,
      `${c};05/02/2026;;x`,
    ].join('\r\n');
    const ok = await importCsv(adminOpd, good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ rows: 4, changed: 4, unchanged: 0, employees: 2 });
    expect(await stored(ids.pegawai)).toMatchObject({
      '2026-02-02': 'PAGI',
      '2026-02-03': 'MALAM',
      '2026-02-04': null,
    });
    expect(await stored(ids.colleague)).toEqual({ '2026-02-05': null });
    expect((await auditOf(ids.colleague)).at(-1)!.action).toBe('roster.imported');
    expect(await queued(ids.pegawai)).toEqual(
      expect.arrayContaining(['2026-02-03', '2026-02-04', '2026-02-05']),
    );
  });

  it('exports the month as CSV that imports back unchanged', async () => {
    const res = await adminOpd.get(`/api/rosters/export.csv?unitId=${pkmUnitId}&month=2026-02`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('nip,tanggal,shift,nama');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(
      expect.arrayContaining([
        `${people.pegawai.nip},02/02/2026,PAGI`,
        `${people.pegawai.nip},03/02/2026,MALAM`,
        `${people.pegawai.nip},04/02/2026,LIBUR`,
        `${people.colleague.nip},05/02/2026,LIBUR`,
      ]),
    );
    expect(lines).toHaveLength(5);
    const again = await importCsv(adminOpd, res.body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ rows: 4, changed: 0, unchanged: 4, employees: 0 });
  });

  it('parses every valid date in both file formats to the same day (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const dmy = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
          expect(parseRosterDate(iso)).toBe(iso);
          expect(parseRosterDate(dmy)).toBe(iso);
        },
      ),
    );
  });

  it('parses dd/MM/yyyy and yyyy-MM-dd dates and rejects impossible ones', () => {
    expect(parseRosterDate('05/02/2026')).toBe('2026-02-05');
    expect(parseRosterDate('5/2/2026')).toBe('2026-02-05');
    expect(parseRosterDate('2026-02-05')).toBe('2026-02-05');
    expect(parseRosterDate('29/02/2026')).toBeNull();
    expect(parseRosterDate('2026/02/05')).toBeNull();
    expect(parseRosterDate('')).toBeNull();
  });
});
