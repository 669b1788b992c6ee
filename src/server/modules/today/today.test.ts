import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { TodayItem, TodayList, TodayUnits } from '../../../shared/api/today.ts';

/*
 * Kehadiran hari ini through the API, on units and people of its own beside the demo province (national
 * rulebook, 5-day week 07:30–16:00 Mon–Thu). Clock: Thu 15 Jan 2026 02:00Z = 09:00 WIB, 10:00 WITA, 11:00 WIT.
 *
 *   PEMPROV ─ HARIINI (OPD, WIB, live since 2025) ─┬─ HARIINI-SUB (WIB)
 *                                                  ├─ HARIINI-BARU (WIB, go-live 1 Feb 2026)
 *                                                  ├─ HARIINI-WITA (Asia/Makassar)
 *                                                  └─ HARIINI-WIT  (Asia/Jayapura)
 *
 *   hadir    07:10 WIB                → PRESENT          telat  07:55 WIB → LATE 25 min TL1
 *   cuti     CT approved              → LEAVE (CT)       sakit  S approved → PERMIT (S)
 *   dinas    DL approved              → DINAS_LUAR (DL)  rumah  WFH approved, no punch → WFH_WFA
 *   belum    nothing                  → NOT_YET_IN       baru   (HARIINI-BARU) → NO_DATA (go-live)
 *   nanti    starts 1 Feb 2026        → NO_DATA          sub    (HARIINI-SUB) 07:20 WIB → PRESENT
 *   wita     07:05 WITA (23:05Z)      → PRESENT          wit    nothing → NOT_YET_IN, ABSENT after 16:00 WIT
 *   hadir, telat and sub report to the head (`kepala`, a demo-less account); a Plh holds the head's position.
 */
describe('today view (GET /api/today, /api/today/units, export)', () => {
  let t: TestApp;
  let c: Record<'superAdmin' | 'bkd' | 'adminOpd' | 'pegawai' | 'kepala' | 'plh', Client>;
  const units: Record<string, { id: string; path: string }> = {};
  const emp: Record<string, string> = {};
  let seq = 0;

  async function unit(
    code: string,
    parent: { id: string; path: string },
    zone: string,
    goLive = '2025-01-01',
  ) {
    const id = (await sql<{ id: string }>`select gen_random_uuid()::text as id`.execute(t.db)).rows[0]!.id;
    const path = `${parent.path}${id}/`;
    await sql`insert into units (id, code, name, kind, parent_id, time_zone, path, attendance_start)
      values (${id}, ${code}, ${`Unit ${code}`}, ${code === 'HARIINI' ? 'OPD' : 'BIDANG'}, ${parent.id}, ${zone},
              ${path}, ${goLive})`.execute(t.db);
    units[code] = { id, path };
  }
  async function person(
    key: string,
    unitCode: string,
    opts: { activeFrom?: string; superior?: string } = {},
  ) {
    const r = await sql<{ id: string }>`
      insert into employees (internal_id, name, gender, employee_type, unit_id, active_from, superior_id)
      values (${`HARIINI-${++seq}`}, ${`Pegawai ${key}`}, 'L', 'NON_ASN', ${units[unitCode]!.id},
              ${opts.activeFrom ?? '2020-01-01'}, ${opts.superior ?? null})
      returning id::text as id`.execute(t.db);
    emp[key] = r.rows[0]!.id;
  }
  async function punch(key: string, at: string) {
    const e = await t.db
      .selectFrom('employees')
      .select('unitId')
      .where('id', '=', emp[key]!)
      .executeTakeFirstOrThrow();
    const zone = await t.db
      .selectFrom('units')
      .select('timeZone')
      .where('id', '=', e.unitId)
      .executeTakeFirstOrThrow();
    const localDate = new Date(
      Date.parse(at) + ({ 'Asia/Jakarta': 7, 'Asia/Makassar': 8 }[zone.timeZone] ?? 9) * 3_600_000,
    )
      .toISOString()
      .slice(0, 10);
    await sql`insert into punches (employee_id, unit_id, kind, source, occurred_at, received_at, local_date,
        idempotency_key, body_hash, verdict, place_kind, place_label)
      values (${emp[key]!}, ${e.unitId}, 'IN', 'ONLINE', ${at}, ${at}, ${localDate}, ${`k-${++seq}`}, 'test',
        'ACCEPTED', 'OFFICE', 'Kantor uji')`.execute(t.db);
  }
  async function permit(key: string, kind: string) {
    await sql`insert into permits (employee_id, kind, date_from, date_to, reason, status, requested_by)
      values (${emp[key]!}, ${kind}, '2026-01-15', '2026-01-15', 'Uji kehadiran hari ini', 'DISETUJUI',
        (select id from users where username = 'admin'))`.execute(t.db);
  }
  /** An account with the demo password for an employee of this test. */
  async function account(username: string, key: string) {
    await sql`insert into users (username, employee_id, display_name, password_hash, is_demo, must_change_password)
      select ${username}, ${emp[key]!}, ${username}, password_hash, true, false from users where username = 'admin'`.execute(
      t.db,
    );
    return login(t.app, username);
  }
  const list = async (client: Client, query = '') => {
    const res = await client.get(`/api/today?pageSize=200${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TodayList;
  };
  const byName = (l: TodayList) => new Map(l.items.map((i) => [i.name.replace('Pegawai ', ''), i]));
  const item = (l: TodayList, key: string): TodayItem => {
    const i = byName(l).get(key);
    if (!i) throw new Error(`${key} not listed`);
    return i;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_IDLE_MINUTES: '1440', SESSION_TTL_HOURS: '48' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const root = await t.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    await unit('HARIINI', root, 'Asia/Jakarta');
    await unit('HARIINI-SUB', units.HARIINI!, 'Asia/Jakarta');
    await unit('HARIINI-BARU', units.HARIINI!, 'Asia/Jakarta', '2026-02-01');
    await unit('HARIINI-WITA', units.HARIINI!, 'Asia/Makassar');
    await unit('HARIINI-WIT', units.HARIINI!, 'Asia/Jayapura');
    // The head holds a head position of HARIINI; the Plh acts for it.
    const pos = (
      await sql<{ id: string }>`insert into positions (code, name, kind, kelas_jabatan, unit_id, is_head)
        values ('HARIINI:KEPALA', 'Kepala Hari Ini', 'STRUKTURAL', 12, ${units.HARIINI!.id}, true)
        returning id::text as id`.execute(t.db)
    ).rows[0]!.id;
    await person('kepala', 'HARIINI');
    await sql`update employees set position_id = ${pos} where id = ${emp.kepala!}`.execute(t.db);
    await person('plh', 'HARIINI-SUB');
    await sql`insert into acting_assignments (employee_id, position_id, kind, valid_from, valid_to, reason)
      values (${emp.plh!}, ${pos}, 'PLH', '2026-01-10', '2026-01-20', 'Kepala cuti')`.execute(t.db);
    for (const k of ['hadir', 'telat']) await person(k, 'HARIINI', { superior: emp.kepala! });
    await person('sub', 'HARIINI-SUB', { superior: emp.kepala! });
    for (const k of ['cuti', 'sakit', 'dinas', 'rumah', 'belum']) await person(k, 'HARIINI');
    await person('nanti', 'HARIINI', { activeFrom: '2026-02-01' });
    await person('baru', 'HARIINI-BARU');
    await person('wita', 'HARIINI-WITA');
    await person('wit', 'HARIINI-WIT');
    await punch('hadir', '2026-01-15T00:10:00Z');
    await punch('telat', '2026-01-15T00:55:00Z');
    await punch('sub', '2026-01-15T00:20:00Z');
    await punch('wita', '2026-01-14T23:05:00Z');
    await punch('baru', '2026-01-15T00:15:00Z');
    await sql`insert into leave_requests (employee_id, unit_id, type, date_from, date_to, working_days, calendar_days,
        reason, status, approver_kind)
      values (${emp.cuti!}, ${units.HARIINI!.id}, 'CT', '2026-01-14', '2026-01-16', 2, 3, 'Uji', 'DISETUJUI', 'OPD_HEAD')`.execute(
      t.db,
    );
    await permit('sakit', 'S');
    await permit('dinas', 'DL');
    await permit('rumah', 'WFH');
    const d = t.demo;
    const nipOf = (role: string, unitCode?: string) => {
      const g = d.roleGrants.find((r) => r.role === role && (!unitCode || r.unitCode === unitCode))!;
      return g.nip ?? g.username!;
    };
    const plain = d.employees.find(
      (e) =>
        e.nip &&
        !d.roleGrants.some((g) => g.nip === e.nip) &&
        !d.employees.some((x) => x.superiorNip === e.nip),
    )!;
    c = {
      superAdmin: await login(t.app, 'admin'),
      bkd: await login(t.app, nipOf('BKD')),
      adminOpd: await login(t.app, nipOf('ADMIN_OPD', 'DINKES')),
      pegawai: await login(t.app, plain.nip!),
      kepala: await account('kepala-hariini', 'kepala'),
      plh: await account('plh-hariini', 'plh'),
    };
  }, 120_000);
  afterAll(() => t?.close());

  it('gives each person the status of their day so far, with times, lateness and reasons', async () => {
    const l = await list(c.superAdmin, `&unitId=${units.HARIINI!.id}`);
    expect(l.mode).toBe('unit');
    expect(l.date).toBe('2026-01-15');
    const got = Object.fromEntries(
      [...byName(l)].map(([k, i]) => [k, [i.status, i.code, i.lateMinutes, i.lateBand, i.compliant]]),
    );
    expect(got).toEqual({
      kepala: ['NOT_YET_IN', null, 0, null, false],
      plh: ['NOT_YET_IN', null, 0, null, false],
      hadir: ['PRESENT', null, 0, null, true],
      telat: ['LATE', null, 25, 'TL1', false],
      sub: ['PRESENT', null, 0, null, true],
      cuti: ['LEAVE', 'CT', 0, null, null],
      sakit: ['PERMIT', 'S', 0, null, null],
      dinas: ['DINAS_LUAR', 'DL', 0, null, null],
      rumah: ['WFH_WFA', null, 0, null, false],
      belum: ['NOT_YET_IN', null, 0, null, false],
      nanti: ['NO_DATA', null, 0, null, null],
      baru: ['NO_DATA', null, 0, null, null],
      wita: ['PRESENT', null, 0, null, true],
      wit: ['NOT_YET_IN', null, 0, null, false],
    });
    const hadir = item(l, 'hadir');
    expect(hadir.checkIn).toEqual({
      at: '2026-01-15T00:10:00.000Z',
      place: { kind: 'OFFICE', label: 'Kantor uji' },
      verdict: 'ACCEPTED',
    });
    expect(hadir.schedule).toEqual({ start: '07:30', end: '16:00' });
    expect(item(l, 'wita')).toMatchObject({ timeZone: 'Asia/Makassar', date: '2026-01-15' });
    expect(item(l, 'baru').reason).toMatch(/01\/02\/2026/);
    expect(item(l, 'cuti').reason).toMatch(/CT/);
    expect(l.summary).toMatchObject({
      total: 14,
      counts: {
        PRESENT: 3,
        LATE: 1,
        LEAVE: 1,
        PERMIT: 1,
        DINAS_LUAR: 1,
        WFH_WFA: 1,
        NOT_YET_IN: 4,
        NO_DATA: 2,
      },
    });
    // Problems first: late before not yet in before present.
    expect(l.items.map((i) => i.status).indexOf('LATE')).toBeLessThan(
      l.items.map((i) => i.status).indexOf('PRESENT'),
    );
  });

  it('filters by status, searches by name, pages, and narrows to one unit without its sub-units', async () => {
    const late = await list(c.superAdmin, `&unitId=${units.HARIINI!.id}&status=LATE`);
    expect(late.items.map((i) => i.name)).toEqual(['Pegawai telat']);
    expect(late.total).toBe(1);
    expect(late.summary.total).toBe(14);
    const found = await list(c.superAdmin, `&unitId=${units.HARIINI!.id}&q=HADIR`);
    expect(found.items.map((i) => i.name)).toEqual(['Pegawai hadir']);
    const page = await c.superAdmin.get(`/api/today?unitId=${units.HARIINI!.id}&pageSize=5&page=3`);
    expect(page.json()).toMatchObject({ total: 14, page: 3, pageSize: 5 });
    expect(page.json().items).toHaveLength(4);
    const own = await list(c.superAdmin, `&unitId=${units.HARIINI!.id}&includeSubunits=false`);
    expect([...byName(own).keys()].sort()).toEqual(
      ['belum', 'cuti', 'dinas', 'hadir', 'kepala', 'nanti', 'rumah', 'sakit', 'telat'].sort(),
    );
  });

  it('judges absence by each unit’s own clock: after 16:00 WIT the WIT person is absent, the WIB one not yet in', async () => {
    t.clock.set('2026-01-15T08:30:00Z'); // 15:30 WIB, 16:30 WITA, 17:30 WIT
    try {
      const l = await list(c.superAdmin, `&unitId=${units.HARIINI!.id}`);
      expect(item(l, 'wit')).toMatchObject({ status: 'ABSENT', compliant: false });
      expect(item(l, 'wit').reason).toMatch(/16:00 WIT/);
      expect(item(l, 'belum').status).toBe('NOT_YET_IN');
      // Late at night: WITA and WIT are already on Friday 16 January, a national holiday there.
      t.clock.set('2026-01-15T16:30:00Z'); // 23:30 WIB Thu, 00:30 WITA / 01:30 WIT Fri
      const night = await list(c.superAdmin, `&unitId=${units.HARIINI!.id}`);
      expect(item(night, 'wita')).toMatchObject({ status: 'OFF', date: '2026-01-16', code: 'LIBUR' });
      expect(item(night, 'wita').reason).toMatch(/Isra Mikraj/);
      expect(item(night, 'belum')).toMatchObject({ status: 'ABSENT', date: '2026-01-15' });
    } finally {
      t.clock.set('2026-01-15T02:00:00Z');
    }
  });

  it('answers 304 when nothing changed (ETag / If-None-Match)', async () => {
    const url = `/api/today?unitId=${units.HARIINI!.id}`;
    const first = await c.superAdmin.get(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await c.superAdmin.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    t.clock.advance(60_000);
    try {
      const later = await c.superAdmin.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(later.statusCode).toBe(304);
      await punch('belum', '2026-01-15T01:35:00Z');
      const changed = await c.superAdmin.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(changed.statusCode).toBe(200);
      expect(item(changed.json(), 'belum')).toMatchObject({
        status: 'LATE',
        lateBand: 'TL3',
        lateMinutes: 65,
      });
    } finally {
      t.clock.set('2026-01-15T02:00:00Z');
      // Punches are append-only: the test punch is rejected on review, and then no longer counts.
      await sql`insert into punch_reviews (punch_id, decision, note, decided_by)
        select id, 'REJECTED', 'Uji', (select id from users where username = 'admin') from punches
        where employee_id = ${emp.belum!}`.execute(t.db);
    }
    expect(item(await list(c.superAdmin, `&unitId=${units.HARIINI!.id}`), 'belum').status).toBe('NOT_YET_IN');
  });

  it('covers each caller’s natural scope; a unit outside it is a clear 403 that stores nothing', async () => {
    // Super admin and BKD: the whole organisation.
    for (const who of [c.superAdmin, c.bkd]) {
      const l = await list(who, '&q=Pegawai%20hadir');
      expect(l.mode).toBe('scope');
      expect(l.items.map((i) => i.name)).toEqual(['Pegawai hadir']);
    }
    // Admin OPD of Dinas Kesehatan: not this OPD.
    const admin = await list(c.adminOpd, '&q=Pegawai%20hadir');
    expect(admin.items).toEqual([]);
    const audit0 = await t.db
      .selectFrom('auditLog')
      .select(t.db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await c.adminOpd.get(`/api/today?unitId=${units.HARIINI!.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Unit ini berada di luar kewenangan Anda',
    });
    const units0 = await c.adminOpd.get(`/api/today/units?parentId=${units.HARIINI!.id}`);
    expect(units0.statusCode).toBe(403);
    const audit1 = await t.db
      .selectFrom('auditLog')
      .select(t.db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(audit1.n)).toBe(Number(audit0.n));
    // The head: their direct staff only; with a unit, their staff placed in it.
    const head = await list(c.kepala);
    expect(head.mode).toBe('staff');
    expect([...byName(head).keys()].sort()).toEqual(['hadir', 'sub', 'telat']);
    const headSub = await list(c.kepala, `&unitId=${units['HARIINI-SUB']!.id}`);
    expect([...byName(headSub).keys()]).toEqual(['sub']);
    expect((await c.kepala.get(`/api/today?unitId=${units['HARIINI-WIT']!.id}`)).statusCode).toBe(403);
    expect((await c.kepala.get('/api/today/units')).statusCode).toBe(403);
    // The Plh: the staff of the position held (and none of the head's other people).
    expect([...byName(await list(c.plh)).keys()].sort()).toEqual(['hadir', 'sub', 'telat']);
    // A plain employee: nothing to see.
    const none = await c.pegawai.get('/api/today');
    expect(none.statusCode).toBe(403);
    expect((await c.pegawai.get('/api/today?staff=true')).statusCode).toBe(403);
    // A head who also reads the whole unit (a grant over it): the unit by default, their staff with staff=true
    // (the team card of their home page).
    const grant = await t.db
      .insertInto('roleGrants')
      .values({
        userId: (
          await t.db
            .selectFrom('users')
            .select('id')
            .where('username', '=', 'kepala-hariini')
            .executeTakeFirstOrThrow()
        ).id,
        role: 'PIMPINAN',
        unitId: units.HARIINI!.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const whole = await list(await login(t.app, 'kepala-hariini'));
      expect(whole.mode).toBe('scope');
      expect(whole.total).toBeGreaterThan(3);
      const team = await list(await login(t.app, 'kepala-hariini'), '&staff=true');
      expect(team.mode).toBe('staff');
      expect([...byName(team).keys()].sort()).toEqual(['hadir', 'sub', 'telat']);
    } finally {
      await t.db.deleteFrom('roleGrants').where('id', '=', grant.id).execute();
    }
    expect((await c.pegawai.get('/api/today/units')).statusCode).toBe(403);
  });

  it('summarises per unit for drill-down and ranking, worst compliance first', async () => {
    const top = await c.bkd.get('/api/today/units');
    expect(top.statusCode, top.body).toBe(200);
    const tops = top.json() as TodayUnits;
    expect(tops.parent).toMatchObject({ parentId: null });
    const opd = tops.rows.find((r) => r.unitId === units.HARIINI!.id)!;
    expect(opd).toMatchObject({ hasChildren: true, direct: false, summary: { total: 14 } });
    const res = await c.superAdmin.get(`/api/today/units?parentId=${units.HARIINI!.id}`);
    const drill = res.json() as TodayUnits;
    expect(drill.parent).toMatchObject({ id: units.HARIINI!.id, upId: tops.parent!.id });
    expect(drill.summary.total).toBe(14);
    const row = (code: string) => drill.rows.find((r) => r.unitCode === code)!;
    expect(row('HARIINI')).toMatchObject({ direct: true, summary: { total: 9 } });
    expect(row('HARIINI-SUB').summary).toMatchObject({ total: 2, compliance: 0.5, judged: 2 });
    expect(row('HARIINI-WITA').summary).toMatchObject({ total: 1, compliance: 1 });
    expect(row('HARIINI-BARU').summary).toMatchObject({ total: 1, compliance: null, counts: { NO_DATA: 1 } });
    // Worst first; units nobody is judged in yet last.
    const shares = drill.rows.map((r) => r.summary.compliance);
    const judged = shares.filter((s): s is number => s !== null);
    expect(judged).toEqual([...judged].sort((a, b) => a - b));
    expect(shares.slice(judged.length).every((s) => s === null)).toBe(true);
  });

  it('exports the current list as CSV and XLSX', async () => {
    const csv = await c.superAdmin.get(`/api/today/export.csv?unitId=${units.HARIINI!.id}&status=LATE`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Tanggal,NIP,Nama,Unit,Status/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^15\/01\/2026,,Pegawai telat,Unit HARIINI,Terlambat,,07:55,Kantor uji,,25,TL1/),
    ]);
    const xlsx = await c.superAdmin.get(`/api/today/export.xlsx?unitId=${units.HARIINI!.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await c.adminOpd.get(`/api/today/export.csv?unitId=${units.HARIINI!.id}`)).statusCode).toBe(403);
  });
});
