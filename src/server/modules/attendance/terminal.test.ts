import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { buildApp } from '../../app.ts';
import { pickDemoLogins } from '../../db/seeds/demo-data.ts';
import { createTerminalService } from './terminal-service.ts';
import { terminalRoutes } from './terminal-routes.ts';

/*
 * Terminal logs end to end through the HTTP API on the demo province: attlog and CSV files uploaded as
 * multipart, the mapping of terminal user ids, and the punch rows they leave. The demo clock is
 * 2026-01-15 09:00 WIB; the logs are of 2026-01-14. SETDA-MKS is the demo's unit in WITA (Asia/Makassar).
 */

const IMPORT_URL = '/api/attendance/terminal-imports';
const USERS_URL = '/api/attendance/terminal-users';

/** A ZKTeco attlog line: id left-padded, tab-separated, with workcode and reserved fields. */
const att = (id: string, dt: string, status = 0, verify = 1) =>
  `${id.padStart(9)}\t${dt}\t${status}\t${verify}\t0\t0`;
const lines = (...xs: string[]) => `${xs.join('\r\n')}\r\n`;

/**
 * The app with the terminal routes: the test app itself once app.ts registers them, else a second app on the
 * same database with the routes added here.
 */
async function terminalApp(t: TestApp): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  if (t.app.hasRoute({ method: 'POST', url: IMPORT_URL })) return { app: t.app, close: async () => {} };
  const { app, services } = await buildApp({ config: t.config, db: t.db, clock: t.clock });
  const terminal = createTerminalService({
    db: t.db,
    audit: services.audit,
    clock: t.clock,
    config: t.config,
    rulebooks: services.rulebooks,
  });
  await app.register(terminalRoutes({ terminal }));
  await app.ready();
  return { app, close: () => app.close() };
}

describe('terminal logs API', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let closeApp: () => Promise<void>;
  let admin: Client;
  let adminOpdDinkes: Client;
  let pegawai: Client;
  /** Two DINKES employees, one BKD employee (outside the DINKES admin's scope), one in the WITA office. */
  const emp: Record<
    'dinkesA' | 'dinkesB' | 'bkd' | 'wita',
    { id: string; nip: string | null; unitId: string }
  > = {} as never;

  const punchesOf = (employeeId: string) =>
    t.db
      .selectFrom('punches')
      .selectAll()
      .where('employeeId', '=', employeeId)
      .orderBy('occurredAt')
      .execute();
  const punchCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from punches`.execute(t.db)).rows[0]!.n;
  const employeeIn = async (unitCode: string) =>
    (
      await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'e.nip', 'e.unitId'])
        .where('u.code', '=', unitCode)
        .where('e.nip', 'is not', null)
        .orderBy('e.nip')
        .execute()
    ).slice(0, 2);
  const upload = (
    c: Client,
    content: string | Buffer,
    fields: Record<string, string> = {},
    name = 'attlog.dat',
    url = IMPORT_URL,
  ) => c.request({ method: 'POST', url, ...multipart(fields, { field: 'file', name, content }) });
  const imported = async (c: Client, content: string, fields: Record<string, string> = {}) => {
    const res = await upload(c, content, fields);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const map = async (terminalUserId: string, employeeId: string, terminalSerial: string | null = null) => {
    const res = await admin.post(USERS_URL, { terminalUserId, employeeId, terminalSerial });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.services.rulebooks.syncRepoRulebooks();
    ({ app, close: closeApp } = await terminalApp(t));
    const logins = pickDemoLogins(t.demo);
    admin = await login(app, 'admin');
    const dinkesGrant = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!;
    adminOpdDinkes = await login(app, dinkesGrant.nip!);
    pegawai = await login(app, logins.pegawai[0]!.login);
    const [a, b] = await employeeIn('DINKES-SEK');
    emp.dinkesA = a!;
    emp.dinkesB = b!;
    emp.bkd = (await employeeIn('BKD'))[0]!;
    emp.wita = (await employeeIn('SETDA-MKS'))[0]!;
    await map('101', emp.dinkesA.id);
    await map('102', emp.dinkesB.id);
    await map('300', emp.bkd.id);
    await map('500', emp.wita.id);
  });
  afterAll(async () => {
    await closeApp();
    await t.close();
  });

  describe('importing a log', () => {
    const file = lines(
      att('101', '2026-01-14 07:31:02', 0, 1),
      att('102', '2026-01-14 07:45:10', 0, 15),
      '',
      att('101', '2026-01-14 16:02:00', 1, 1),
      att('101', '2026-01-14 16:02:00', 1, 1), // the same line twice (a double export)
      att('999', '2026-01-14 07:50:00', 0, 1), // nobody has id 999
      att('102', '2026-02-30 07:00:00', 0, 1), // no such date
      '      102\t2026-01-14 16:10:00', // status and verify mode missing
      'garbage',
      att('999', '2026-01-14 16:30:00', 1, 1),
    );

    it('a dry run reports the counts and writes nothing', async () => {
      const before = await punchCount();
      const r = await imported(adminOpdDinkes, file, { serial: 'SN-DINKES-1', dryRun: 'true' });
      expect(r).toMatchObject({ totalLines: 9, imported: 3, duplicates: 1 });
      expect(await punchCount()).toBe(before);
    });

    it('imports the good lines, counts the duplicate, reports unknown ids and broken lines by line', async () => {
      const auditBefore = await t.db.selectFrom('auditLog').select('id').execute();
      const r = await imported(adminOpdDinkes, file, { serial: 'SN-DINKES-1' });
      expect(r).toEqual({
        totalLines: 9,
        imported: 3,
        duplicates: 1,
        unknownIds: [{ terminalUserId: '999', lines: [6, 10] }],
        errors: [
          { line: 7, message: 'Tanggal 2026-02-30 tidak ada di kalender' },
          { line: 8, message: 'Kolom tidak lengkap: status dan mode verifikasi tidak ada' },
          { line: 9, message: expect.stringContaining('Kolom tidak lengkap') },
        ],
      });
      const a = await punchesOf(emp.dinkesA.id);
      expect(a.map((p) => [p.kind, p.occurredAt.toISOString(), p.localDate])).toEqual([
        ['IN', '2026-01-14T00:31:02.000Z', '2026-01-14'],
        ['OUT', '2026-01-14T09:02:00.000Z', '2026-01-14'],
      ]);
      expect(a[0]).toMatchObject({
        source: 'TERMINAL',
        unitId: emp.dinkesA.unitId,
        idempotencyKey: 'terminal:SN-DINKES-1:101:2026-01-14 07:31:02',
        terminalSerial: 'SN-DINKES-1',
        verdict: 'ACCEPTED',
        reasons: [],
        lat: null,
        deviceId: null,
        photoHash: null,
      });
      expect(a[0]!.receivedAt.toISOString()).toBe('2026-01-15T02:00:00.000Z');
      expect(a[0]!.bodyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(await punchesOf(emp.dinkesB.id)).toHaveLength(1);

      // One audit entry for the import (counts, file, serial), not one per line.
      const entries = await t.db
        .selectFrom('auditLog')
        .selectAll()
        .where(
          'id',
          'not in',
          auditBefore.map((x) => x.id),
        )
        .execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'attendance.terminal_imported',
        entityType: 'terminal_import',
        entityId: 'SN-DINKES-1',
        after: expect.objectContaining({
          fileName: 'attlog.dat',
          serial: 'SN-DINKES-1',
          totalLines: 9,
          imported: 3,
          duplicates: 1,
          unknownIds: 1,
          errorLines: 3,
        }),
      });
    });

    it('the same file again adds no rows: every good line is a duplicate', async () => {
      const before = await punchCount();
      const r = await imported(adminOpdDinkes, file, { serial: 'SN-DINKES-1' });
      expect(r).toMatchObject({ totalLines: 9, imported: 0, duplicates: 4 });
      expect(await punchCount()).toBe(before);
    });

    it('an overlapping CSV export of the same terminal adds only the new punch', async () => {
      const csv = [
        'User ID;Date Time;Status;Verify Mode;Device Serial',
        '101;14/01/2026 07:31:02;0;1;SN-DINKES-1',
        '102;14/01/2026 16:15:00;1;15;SN-DINKES-1',
      ].join('\n');
      const before = await punchCount();
      const res = await upload(adminOpdDinkes, csv, {}, 'export.csv');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        totalLines: 2,
        imported: 1,
        duplicates: 1,
        unknownIds: [],
        errors: [],
      });
      expect(await punchCount()).toBe(before + 1);
      expect((await punchesOf(emp.dinkesB.id)).map((p) => p.kind)).toEqual(['IN', 'OUT']);
    });

    it("an employee outside the caller's scope is reported like an unknown id and never imported", async () => {
      const r = await imported(
        adminOpdDinkes,
        lines(att('300', '2026-01-14 07:10:00'), att('101', '2026-01-14 12:00:00', 2)),
      );
      expect(r).toMatchObject({ imported: 1, unknownIds: [{ terminalUserId: '300', lines: [1] }] });
      expect(await punchesOf(emp.bkd.id)).toEqual([]);
      // The same line by the super admin is imported.
      expect(await imported(admin, lines(att('300', '2026-01-14 07:10:00')))).toMatchObject({ imported: 1 });
      expect(await punchesOf(emp.bkd.id)).toHaveLength(1);
    });

    it('converts a WITA terminal time with the unit zone, or with the zone of the unit given', async () => {
      await imported(admin, lines(att('500', '2026-01-14 07:30:00')), { serial: 'SN-MKS' });
      const [p] = await punchesOf(emp.wita.id);
      // 07:30 WITA (UTC+8) is 23:30 UTC the day before; the local date stays the 14th.
      expect(p!.occurredAt.toISOString()).toBe('2026-01-13T23:30:00.000Z');
      expect(p!.localDate).toBe('2026-01-14');

      // A terminal kept on WIB (a unit in Jakarta time given): 23:30 WIB on the 14th is 00:30 WITA on the 15th.
      const wibUnit = emp.dinkesA.unitId;
      await imported(admin, lines(att('500', '2026-01-14 23:30:00')), { serial: 'SN-MKS', unitId: wibUnit });
      const late = (await punchesOf(emp.wita.id)).at(-1)!;
      expect(late.occurredAt.toISOString()).toBe('2026-01-14T16:30:00.000Z');
      expect(late.localDate).toBe('2026-01-15');
    });

    it('a serial-specific mapping wins over the serial-less one', async () => {
      await map('101', emp.dinkesB.id, 'SN-OTHER');
      await imported(adminOpdDinkes, lines(att('101', '2026-01-14 10:00:00')), { serial: 'SN-OTHER' });
      expect((await punchesOf(emp.dinkesB.id)).map((p) => p.idempotencyKey)).toContain(
        'terminal:SN-OTHER:101:2026-01-14 10:00:00',
      );
      expect((await punchesOf(emp.dinkesA.id)).map((p) => p.idempotencyKey)).not.toContain(
        'terminal:SN-OTHER:101:2026-01-14 10:00:00',
      );
    });

    it('a punch dated in a closed month is stored as rejected with the reason', async () => {
      await t.db
        .insertInto('monthClosings')
        .values({ unitId: emp.dinkesA.unitId, month: '2025-12', closedBy: null })
        .execute();
      const r = await imported(adminOpdDinkes, lines(att('101', '2025-12-30 07:30:00')));
      expect(r).toMatchObject({ imported: 1 });
      const p = (await punchesOf(emp.dinkesA.id))[0]!;
      expect(p.localDate).toBe('2025-12-30');
      expect(p.verdict).toBe('REJECTED');
      expect(p.reasons).toEqual([
        { code: 'MONTH_CLOSED', action: 'REJECT', message: 'Bulan presensi sudah ditutup' },
      ]);
    });

    it('a file whose every line is broken is 400 with the errors and writes nothing', async () => {
      const before = await punchCount();
      const res = await upload(adminOpdDinkes, lines('garbage', att('101', '2026-13-01 07:00:00')));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION',
        details: [
          { line: 1, message: expect.stringContaining('Kolom tidak lengkap') },
          { line: 2, message: 'Tanggal 2026-13-01 tidak ada di kalender' },
        ],
      });
      expect(await punchCount()).toBe(before);
      expect((await upload(adminOpdDinkes, '\n\n')).statusCode).toBe(400);
    });

    it('a pegawai gets 403; a request without a file or with a bad unitId is 400', async () => {
      const res = await upload(pegawai, lines(att('101', '2026-01-14 07:00:00')));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const none = await adminOpdDinkes.request({ method: 'POST', url: IMPORT_URL, ...multipart({}) });
      expect(none.statusCode).toBe(400);
      expect((await upload(admin, att('101', '2026-01-14 07:00:00'), { unitId: 'x' })).statusCode).toBe(400);
      const missing = await upload(admin, att('101', '2026-01-14 07:00:00'), {
        unitId: '00000000-0000-4000-8000-000000000000',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details).toEqual([{ path: 'unitId', message: 'Unit tidak ditemukan' }]);
    });

    it('a file over IMPORT_MAX_BYTES is 413 FILE_TOO_LARGE and nothing is written', async () => {
      const before = await punchCount();
      const big = Buffer.alloc(t.config.importMaxBytes + 1, att('101', '2026-01-14 07:00:00') + '\n');
      const res = await upload(adminOpdDinkes, big);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('FILE_TOO_LARGE');
      expect(await punchCount()).toBe(before);
    });

    it('punches are append-only: an UPDATE or DELETE fails', async () => {
      const [p] = await punchesOf(emp.dinkesA.id);
      await expect(
        sql`update punches set verdict = 'ACCEPTED' where id = ${p!.id}`.execute(t.db),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from punches where id = ${p!.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    });
  });

  describe('mapping terminal user ids', () => {
    it('creates, lists with search and unit filter, refuses a duplicate key, deletes; all audited', async () => {
      const created = await map('700', emp.dinkesA.id, 'SN-X');
      expect(created).toMatchObject({
        terminalSerial: 'SN-X',
        terminalUserId: '700',
        employeeId: emp.dinkesA.id,
        nip: emp.dinkesA.nip,
        unitId: emp.dinkesA.unitId,
      });
      const dup = await admin.post(USERS_URL, {
        terminalUserId: '700',
        employeeId: emp.dinkesB.id,
        terminalSerial: 'SN-X',
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.message).toBe('ID 700 pada mesin SN-X sudah dipetakan ke pegawai');
      // The same id without a serial is another key.
      await map('700', emp.dinkesB.id);

      const list = await adminOpdDinkes.get(`${USERS_URL}?q=700`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((i: { terminalSerial: string | null }) => i.terminalSerial)).toEqual([
        null,
        'SN-X',
      ]);
      const byNip = await adminOpdDinkes.get(`${USERS_URL}?q=${emp.dinkesA.nip}&pageSize=200`);
      expect(byNip.json().items.every((i: { employeeId: string }) => i.employeeId === emp.dinkesA.id)).toBe(
        true,
      );
      // The DINKES admin does not see the BKD employee's mapping; the super admin does.
      const scoped = await adminOpdDinkes.get(`${USERS_URL}?q=300`);
      expect(scoped.json().total).toBe(0);
      expect((await admin.get(`${USERS_URL}?q=300`)).json().total).toBe(1);
      const inUnit = await admin.get(`${USERS_URL}?unitId=${emp.wita.unitId}`);
      expect(inUnit.json().items.map((i: { terminalUserId: string }) => i.terminalUserId)).toEqual(['500']);

      const del = await adminOpdDinkes.del(`${USERS_URL}/${created.id}`);
      expect(del.statusCode).toBe(204);
      expect((await adminOpdDinkes.del(`${USERS_URL}/${created.id}`)).statusCode).toBe(404);
      const audit = await t.db
        .selectFrom('auditLog')
        .select(['action', 'entityId'])
        .where('entityType', '=', 'terminal_user')
        .where('entityId', '=', created.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['terminal_user.created', 'terminal_user.deleted']);
    });

    it('refuses employees and mappings outside the scope, and a pegawai', async () => {
      const out = await adminOpdDinkes.post(USERS_URL, { terminalUserId: '701', employeeId: emp.bkd.id });
      expect(out.statusCode).toBe(403);
      const bkdMapping = (await admin.get(`${USERS_URL}?q=300`)).json().items[0];
      expect((await adminOpdDinkes.del(`${USERS_URL}/${bkdMapping.id}`)).statusCode).toBe(403);
      expect((await pegawai.get(USERS_URL)).statusCode).toBe(403);
      expect(
        (await pegawai.post(USERS_URL, { terminalUserId: '702', employeeId: emp.dinkesA.id })).statusCode,
      ).toBe(403);
      const unknown = await admin.post(USERS_URL, {
        terminalUserId: '703',
        employeeId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.statusCode).toBe(400);
    });

    it('imports a mapping CSV: new rows written, same rows unchanged, bad rows reported by line', async () => {
      const csv = [
        'terminal_user_id,nip,serial',
        `801,${emp.dinkesA.nip},`,
        `802,${emp.dinkesB.nip!.slice(0, 8)} ${emp.dinkesB.nip!.slice(8)},SN-9`,
        `101,${emp.dinkesA.nip},`, // already mapped to this employee
        `102,${emp.dinkesA.nip},`, // mapped to someone else
        `803,${emp.bkd.nip},`, // outside the DINKES admin's scope
        '804,199901012020011999,', // no such NIP
        ',123,',
      ].join('\n');
      const res = await upload(adminOpdDinkes, csv, {}, 'pemetaan.csv', `${USERS_URL}/import`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        totalLines: 7,
        created: 2,
        unchanged: 1,
        errors: [
          { line: 5, message: 'ID 102 (semua mesin) sudah dipetakan ke pegawai lain' },
          { line: 6, message: `Pegawai ${emp.bkd.nip} berada di luar kewenangan Anda` },
          { line: 7, message: 'Pegawai dengan NIP/nomor induk 199901012020011999 tidak ditemukan' },
          { line: 8, message: 'ID pengguna mesin kosong' },
        ],
      });
      const r = await imported(adminOpdDinkes, lines(att('802', '2026-01-14 07:00:00')), { serial: 'SN-9' });
      expect(r.imported).toBe(1);
      // The same file again writes nothing new; an all-bad file is 400.
      const again = await upload(adminOpdDinkes, csv, {}, 'pemetaan.csv', `${USERS_URL}/import`);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ created: 0, unchanged: 3 });
      const bad = await upload(
        adminOpdDinkes,
        'terminal_user_id,nip\n9,1\n',
        {},
        'x.csv',
        `${USERS_URL}/import`,
      );
      expect(bad.statusCode).toBe(400);
    });
  });
});
