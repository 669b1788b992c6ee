import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { canonicalJson, GENESIS_HASH, hashEntry, type HashedFields } from './audit-hash.ts';

const SYSTEM = { actorId: null, actorName: 'Uji', ip: null, userAgent: null };
const countAll = async (t: TestApp) =>
  (
    await t.db
      .selectFrom('auditLog')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const setTrigger = (t: TestApp, on: boolean) =>
  sql.raw(`alter table audit_log ${on ? 'enable' : 'disable'} trigger audit_log_no_update`).execute(t.db);

describe('canonicalJson and hashEntry', () => {
  const base: HashedFields = {
    at: new Date('2026-01-15T02:00:00Z'),
    actorId: '7d1c1f43-8f58-4a51-9a36-0d3c8f7f2b10',
    actorName: 'Admin',
    action: 'employee.updated',
    entityType: 'employee',
    entityId: 'e1',
    unitId: null,
    before: { phone: '0811', nested: { a: 1, b: [1, 2] } },
    after: { phone: '0812' },
    ip: '127.0.0.1',
    userAgent: 'vitest',
  };

  it('sorts keys at every level, drops undefined, writes dates as ISO strings', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"x":2,"y":1}]},"b":1}',
    );
    expect(canonicalJson({ z: new Date('2026-01-15T02:00:00Z') })).toBe('{"z":"2026-01-15T02:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('key order does not change the hash (as jsonb may reorder keys)', () => {
    const reordered: HashedFields = {
      ...base,
      before: { nested: { b: [1, 2], a: 1 }, phone: '0811' },
    };
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as HashedFields;
    expect(hashEntry(GENESIS_HASH, shuffled)).toBe(hashEntry(GENESIS_HASH, base));
    expect(hashEntry(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[keyof HashedFields, unknown]>([
    ['at', new Date('2026-01-15T02:00:00.001Z')],
    ['actorId', null],
    ['actorName', 'Admin2'],
    ['action', 'employee.created'],
    ['entityType', 'unit'],
    ['entityId', 'e2'],
    ['unitId', '7d1c1f43-8f58-4a51-9a36-0d3c8f7f2b11'],
    ['before', { phone: '0811', nested: { a: 1, b: [2, 1] } }],
    ['after', { phone: '0813' }],
    ['ip', '10.0.0.1'],
    ['userAgent', null],
  ])('changing %s changes the hash', (field, value) => {
    expect(hashEntry(GENESIS_HASH, { ...base, [field]: value })).not.toBe(hashEntry(GENESIS_HASH, base));
  });

  it('the previous hash is part of the hash (an entry cannot be moved in the chain)', () => {
    expect(hashEntry('1'.repeat(64), base)).not.toBe(hashEntry(GENESIS_HASH, base));
  });
});

describe('audit log through the API (demo province)', () => {
  let t: TestApp;
  let admin: Client;
  let adminOpd: Client;
  const units = {} as Record<string, { id: string; path: string }>;
  const employeeIn = async (unitCode: string) =>
    t.db
      .selectFrom('employees')
      .select(['id', 'unitId'])
      .where('unitId', '=', units[unitCode]!.id)
      .orderBy('nip')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of await t.db.selectFrom('units').select(['id', 'code', 'path']).execute())
      units[u.code] = u;
    admin = await login(t.app, 'admin');
    const grant = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!;
    adminOpd = await login(t.app, grant.nip!);
  });
  afterAll(() => t.close());

  it('the table itself refuses UPDATE and DELETE (trigger)', async () => {
    await expect(sql`update audit_log set actor_name = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await countAll(t)).toBeGreaterThan(0);
  });

  it('the chain verifies after many writes: ok, checked = number of entries', async () => {
    const dinkes = await employeeIn('DINKES-SEK');
    const bapenda = await employeeIn('BAPENDA-SEK');
    for (let i = 0; i < 15; i++) {
      expect((await admin.patch(`/api/employees/${dinkes.id}`, { phone: `0811-${i}` })).statusCode).toBe(200);
      expect((await admin.patch(`/api/employees/${bapenda.id}`, { phone: `0812-${i}` })).statusCode).toBe(
        200,
      );
    }
    const n = await countAll(t);
    expect(n).toBeGreaterThan(30);
    const res = await admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checked: n, firstBadId: null, reason: null });
  });

  it('ADMIN_OPD browses only entries of its unit subtree', async () => {
    const dinkesPath = units.DINKES!.path;
    const res = await adminOpd.get('/api/audit?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { unitId: string | null; entityType: string }[];
    const pathOf = new Map(Object.values(units).map((u) => [u.id, u.path]));
    expect(items.length).toBeGreaterThanOrEqual(15);
    for (const i of items) expect(pathOf.get(i.unitId!)?.startsWith(dinkesPath)).toBe(true);
    const inScope = await t.db
      .selectFrom('auditLog as a')
      .innerJoin('units as u', 'u.id', 'a.unitId')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('u.path', 'like', `${dinkesPath}%`)
      .executeTakeFirstOrThrow();
    expect(res.json().total).toBe(inScope.n);
    // The super admin sees everything, including entries without a unit (logins, the seed).
    expect((await admin.get('/api/audit?pageSize=1')).json().total).toBe(await countAll(t));
  });

  it('filters by entityType', async () => {
    const res = await admin.get('/api/audit?entityType=user&pageSize=200');
    const want = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('entityType', '=', 'user')
      .orderBy('id', 'desc')
      .execute();
    expect(want.length).toBeGreaterThan(0);
    expect(res.json().items.map((i: { id: number }) => i.id)).toEqual(want.map((w) => w.id));
    expect(res.json().items.every((i: { entityType: string }) => i.entityType === 'user')).toBe(true);
  });

  it('filters by a date range in WIB (a write at 01:00 WIB belongs to that WIB day)', async () => {
    const emp = await employeeIn('DINKES-SEK');
    const original = t.clock.now().toISOString();
    const writeAt = async (iso: string, phone: string) => {
      t.clock.set(iso);
      const c = await login(t.app, 'admin');
      expect((await c.patch(`/api/employees/${emp.id}`, { phone })).statusCode).toBe(200);
    };
    try {
      await writeAt('2026-02-10T03:00:00Z', '0813-10');
      await writeAt('2026-02-10T18:00:00Z', '0813-11'); // 2026-02-11 01:00 WIB
      await writeAt('2026-02-12T03:00:00Z', '0813-12');
      const c = await login(t.app, 'admin');
      const phones = async (q: string) =>
        (
          (await c.get(`/api/audit?entityType=employee&${q}`)).json().items as { after: { phone?: string } }[]
        ).map((i) => i.after.phone);
      expect(await phones('from=2026-02-10&to=2026-02-10')).toEqual(['0813-10']);
      expect(await phones('from=2026-02-11&to=2026-02-11')).toEqual(['0813-11']);
      expect(await phones('from=2026-02-11')).toEqual(['0813-12', '0813-11']);
      expect(await phones('to=2026-02-01')).not.toContain('0813-10');
    } finally {
      t.clock.set(original);
    }
  });

  it('paginates newest first with a stable total', async () => {
    const total = await countAll(t);
    const ids: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await admin.get(`/api/audit?pageSize=5&page=${page}`)).json();
      expect(body).toMatchObject({ total, page, pageSize: 5 });
      ids.push(...body.items.map((i: { id: number }) => i.id));
    }
    expect(ids).toHaveLength(15);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(new Set(ids).size).toBe(15);
  });

  it('a changed entry (by someone who can switch the trigger off) is reported with its id and a reason', async () => {
    const target = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'employee.updated')
      .orderBy('id')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    const original = JSON.stringify(target.after);
    await setTrigger(t, false);
    try {
      await sql`update audit_log set after = ${JSON.stringify({ phone: '0000' })}::jsonb where id = ${target.id}`.execute(
        t.db,
      );
      const res = await admin.get('/api/audit/verify');
      expect(res.json()).toMatchObject({
        ok: false,
        firstBadId: target.id,
        reason: expect.stringMatching(/diubah/),
      });
      expect(res.json().checked).toBe(
        (
          await t.db
            .selectFrom('auditLog')
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .where('id', '<', target.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
      // Putting the original content back makes the chain whole again.
      await sql`update audit_log set after = ${original}::jsonb where id = ${target.id}`.execute(t.db);
      expect((await admin.get('/api/audit/verify')).json().ok).toBe(true);
    } finally {
      await setTrigger(t, true);
    }
    await expect(
      sql`update audit_log set actor_name = 'x' where id = ${target.id}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
  });

  it('names instead of ids, and filters by action (or a kind of action), person and label', async () => {
    const emp = await employeeIn('DINKES-SEK');
    const res = await adminOpd.get(`/api/audit?action=employee.updated&personId=${emp.id}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      items: { action: string; subjectEmployeeId: string | null; unitName: string | null; unitId: string }[];
      names: Record<string, string>;
    };
    expect(body.items.length).toBeGreaterThanOrEqual(15);
    for (const i of body.items) {
      expect(i).toMatchObject({
        action: 'employee.updated',
        subjectEmployeeId: emp.id,
        unitName: expect.any(String),
      });
    }
    const row = await t.db
      .selectFrom('employees')
      .select(['name', 'nip'])
      .where('id', '=', emp.id)
      .executeTakeFirstOrThrow();
    expect(body.names[emp.id]).toContain(row.name);
    const kinds = (await admin.get('/api/audit?action=employee.&pageSize=200')).json().items as {
      action: string;
    }[];
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k.action.startsWith('employee.'))).toBe(true);
    // The Indonesian label finds the action: "Data pegawai diubah".
    const byLabel = (await admin.get('/api/audit?q=pegawai%20diubah&pageSize=5')).json().items as {
      action: string;
    }[];
    expect(byLabel.map((i) => i.action)).toEqual(Array(5).fill('employee.updated'));
    expect((await admin.get('/api/audit?action=Employee')).statusCode).toBe(400);
  });

  it('PIMPINAN reads the audit log of its own subtree (the head of Dinkes) or of the province (the Sekda)', async () => {
    const headNip = t.demo.employees.find((e) => e.positionCode === 'DINKES:KEPALA')!.nip!;
    const head = await login(t.app, headNip);
    const items = (await head.get('/api/audit?pageSize=200')).json().items as { unitId: string | null }[];
    const pathOf = new Map(Object.values(units).map((u) => [u.id, u.path]));
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(pathOf.get(i.unitId!)?.startsWith(units.DINKES!.path)).toBe(true);
    const sekda = await login(
      t.app,
      t.demo.roleGrants.find((g) => g.role === 'PIMPINAN' && g.unitCode === 'PEMPROV')!.nip!,
    );
    const bapenda = await sekda.get(`/api/audit?unitId=${units.BAPENDA!.id}&pageSize=1`);
    expect(bapenda.statusCode).toBe(200);
    expect(bapenda.json().total).toBeGreaterThan(0);
    expect((await head.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('exports the filtered entries as CSV in words: labels, names, the changes', async () => {
    const emp = await employeeIn('DINKES-SEK');
    const res = await adminOpd.get(`/api/audit/export.csv?personId=${emp.id}&action=employee.updated`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Waktu (WIB),Pelaku,Aksi,Jenis data,Pegawai,Unit,Perubahan,Alamat IP,No. entri');
    expect(lines.length).toBeGreaterThan(15);
    expect(lines[1]).toMatch(
      /^\d\d\/\d\d\/\d{4} \d\d:\d\d,.+,Data pegawai diubah,Pegawai,.+,Telepon: [\d-]+ → [\d-]+,/,
    );
    // Out of scope: nothing of Bapenda for admin OPD of Dinkes.
    const out = await adminOpd.get(`/api/audit/export.csv?unitId=${units.BAPENDA!.id}`);
    expect(
      out.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
  });
});

describe('audit log: a deleted entry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('reports the entry after the deleted one as the first bad entry', async () => {
    for (let i = 0; i < 6; i++) {
      t.clock.advance(1000);
      await t.services.audit.recordStandalone(SYSTEM, {
        action: 'test.write',
        entityType: 'test',
        entityId: String(i),
        after: { i },
      });
    }
    expect(await t.services.audit.verify()).toEqual({ ok: true, checked: 6, firstBadId: null, reason: null });
    const rows = await t.db.selectFrom('auditLog').select('id').orderBy('id').execute();
    await setTrigger(t, false);
    try {
      await sql`delete from audit_log where id = ${rows[2]!.id}`.execute(t.db);
    } finally {
      await setTrigger(t, true);
    }
    const result = await t.services.audit.verify();
    expect(result).toMatchObject({
      ok: false,
      checked: 2,
      firstBadId: rows[3]!.id,
      reason: expect.stringMatching(/dihapus/),
    });
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
