import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../db/seeds/demo-data.ts';
import { formatNip } from '../../core/people/nip.ts';

/*
 * Who may read and change what. The demo province (clock 2026-01-15):
 *
 *   PEMPROV ─┬─ DINKES ─┬─ DINKES-SEK        adminOpd (ADMIN_OPD over DINKES)
 *            │          ├─ DINKES-YANKES      Kepala Bidang (holder) ← plh (Plh 12–30 Jan 2026, a Kasi there)
 *            │          └─ DINKES-PKM-CURUG   pegawai (a PPPK nurse), dinkes (another staff member)
 *            │          (head of DINKES = pimpinan, PIMPINAN over DINKES)
 *            ├─ BAPENDA ─┬─ BAPENDA-SEK         bapenda (staff member)
 *            │           └─ BAPENDA-SAMSAT-CIRUAS  atasan (Kepala UPTD, no grant) → sub → indirect
 *            ├─ BKD (bkd: BKD over PEMPROV)   INSP (inspektorat: INSPEKTORAT over PEMPROV)
 *   superAdmin = `admin` (SUPER_ADMIN, whole organisation, no employee record)
 */

type ActorKey = 'superAdmin' | 'adminOpd' | 'bkd' | 'inspektorat' | 'pimpinan' | 'atasan' | 'plh' | 'pegawai';
type EmployeeTarget = 'dinkes' | 'bapenda' | 'self' | 'sub' | 'actingSub' | 'indirect' | 'superior';
type UnitTarget = 'DINKES' | 'BAPENDA' | 'root' | 'ownUnit';
type Op =
  | 'GET employee'
  | 'GET employee on date'
  | 'PATCH employee'
  | 'POST employee in'
  | 'POST placement'
  | 'POST placement to BAPENDA'
  | 'POST acting in'
  | 'GET unit'
  | 'POST unit under'
  | 'POST office'
  | 'GET audit'
  | 'GET audit/verify'
  | 'GET imports'
  | 'POST imports';

const ALL: ActorKey[] = [
  'superAdmin',
  'adminOpd',
  'bkd',
  'inspektorat',
  'pimpinan',
  'atasan',
  'plh',
  'pegawai',
];
const rowsFor = (op: Op, target: string, expected: Partial<Record<ActorKey, number>>, otherwise?: number) =>
  ALL.filter((a) => expected[a] !== undefined || otherwise !== undefined).map(
    (a) => [a, op, target, expected[a] ?? otherwise!] as const,
  );

const MATRIX: (readonly [ActorKey, Op, string, number])[] = [
  // Reading one employee: scope, self, direct staff, staff of the position held as Plh.
  ...rowsFor(
    'GET employee',
    'dinkes',
    { superAdmin: 200, adminOpd: 200, bkd: 200, inspektorat: 200, pimpinan: 200 },
    403,
  ),
  ...rowsFor('GET employee', 'bapenda', { superAdmin: 200, bkd: 200, inspektorat: 200 }, 403),
  ...rowsFor('GET employee', 'self', {
    adminOpd: 200,
    bkd: 200,
    inspektorat: 200,
    pimpinan: 200,
    atasan: 200,
    plh: 200,
    pegawai: 200,
  }),
  ...rowsFor('GET employee', 'sub', { pimpinan: 200, atasan: 200, plh: 200 }),
  ['plh', 'GET employee', 'actingSub', 200],
  ['atasan', 'GET employee', 'indirect', 403],
  ['pegawai', 'GET employee', 'superior', 403],
  ...rowsFor('GET employee on date', 'bapenda', {
    superAdmin: 200,
    adminOpd: 403,
    pimpinan: 403,
    pegawai: 403,
  }),
  ['atasan', 'GET employee on date', 'sub', 200],
  ['pegawai', 'GET employee on date', 'self', 200],

  // Changing personal data: employee.write in scope only (not self, not one's staff).
  ...rowsFor('PATCH employee', 'dinkes', { superAdmin: 200, adminOpd: 200, bkd: 200 }, 403),
  ...rowsFor('PATCH employee', 'bapenda', { superAdmin: 200, bkd: 200 }, 403),
  ...rowsFor('PATCH employee', 'self', {
    adminOpd: 200,
    inspektorat: 403,
    pimpinan: 403,
    atasan: 403,
    plh: 403,
    pegawai: 403,
  }),
  ...rowsFor('PATCH employee', 'sub', { atasan: 403, plh: 403 }),

  // Creating employees in a unit.
  ...rowsFor('POST employee in', 'DINKES', { superAdmin: 201, adminOpd: 201, bkd: 201 }, 403),
  ...rowsFor('POST employee in', 'BAPENDA', { superAdmin: 201, bkd: 201 }, 403),

  // Mutasi: both the employee and the destination unit must be in scope.
  ...rowsFor('POST placement', 'dinkes', { superAdmin: 201, adminOpd: 201, bkd: 201 }, 403),
  ...rowsFor('POST placement', 'bapenda', { superAdmin: 201, bkd: 201 }, 403),
  ...rowsFor('POST placement to BAPENDA', 'dinkes', {
    superAdmin: 201,
    adminOpd: 403,
    bkd: 201,
    pimpinan: 403,
  }),
  ['atasan', 'POST placement', 'sub', 403],

  // Plt/Plh assignments: the position's unit must be in scope.
  ...rowsFor('POST acting in', 'DINKES', {
    superAdmin: 201,
    adminOpd: 201,
    bkd: 201,
    inspektorat: 403,
    pimpinan: 403,
    pegawai: 403,
  }),
  ...rowsFor('POST acting in', 'BAPENDA', { superAdmin: 201, adminOpd: 403, bkd: 201, atasan: 403 }),

  // Units and offices.
  ...rowsFor(
    'GET unit',
    'DINKES',
    { superAdmin: 200, adminOpd: 200, bkd: 200, inspektorat: 200, pimpinan: 200 },
    403,
  ),
  ...rowsFor('GET unit', 'BAPENDA', { superAdmin: 200, bkd: 200, inspektorat: 200 }, 403),
  ...rowsFor('GET unit', 'ownUnit', { atasan: 200, plh: 200, pegawai: 200 }),
  ...rowsFor('POST unit under', 'DINKES', { superAdmin: 201, adminOpd: 201, bkd: 201 }, 403),
  ...rowsFor('POST unit under', 'BAPENDA', { superAdmin: 201, bkd: 201 }, 403),
  ...rowsFor('POST unit under', 'root', { superAdmin: 201 }, 403),
  ...rowsFor('POST office', 'DINKES', { superAdmin: 201, adminOpd: 201, bkd: 201 }, 403),
  ...rowsFor('POST office', 'BAPENDA', { superAdmin: 201, bkd: 201 }, 403),

  // Audit trail and imports.
  ...rowsFor(
    'GET audit',
    '-',
    { superAdmin: 200, adminOpd: 200, bkd: 200, inspektorat: 200, pimpinan: 200 },
    403,
  ),
  ...rowsFor('GET audit/verify', '-', { superAdmin: 200, bkd: 200, inspektorat: 200 }, 403),
  ...rowsFor('GET imports', '-', { superAdmin: 200, adminOpd: 200, bkd: 200 }, 403),
  ...rowsFor('POST imports', '-', { superAdmin: 201, adminOpd: 201, bkd: 201 }, 403),
];

describe('role matrix: each role reads and changes only its scope', () => {
  let t: TestApp;
  const clients = {} as Record<ActorKey, Client>;
  const people = {} as Record<ActorKey, DemoEmployee | null>;
  const ids = new Map<string, string>();
  const units = {} as Record<string, { id: string; path: string; code: string }>;
  let dinkesTarget: DemoEmployee;
  let bapendaTarget: DemoEmployee;
  let seq = 0;

  const idOf = (e: DemoEmployee) => ids.get(e.nip ?? `internal:${e.internalId}`)!;
  const loginOf = (e: DemoEmployee) => e.nip ?? e.internalId!;

  beforeAll(async () => {
    t = await createTestApp();
    const d = t.demo;
    const byNip = (nip: string | null | undefined) => d.employees.find((e) => nip != null && e.nip === nip)!;
    const subsOf = (e: DemoEmployee) => d.employees.filter((x) => e.nip && x.superiorNip === e.nip);
    const grantee = (role: string, unitCode: string, pred: (e: DemoEmployee) => boolean = () => true) =>
      d.roleGrants
        .filter((g) => g.role === role && g.unitCode === unitCode)
        .map((g) => byNip(g.nip))
        .find((e) => e && pred(e))!;
    const plhAssignment = d.actingAssignments.find(
      (a) => a.positionCode === 'DINKES-YANKES:KEPALA' && a.kind === 'PLH',
    )!;

    people.superAdmin = null;
    people.adminOpd = grantee('ADMIN_OPD', 'DINKES');
    people.bkd = grantee('BKD', 'PEMPROV', (e) => subsOf(e).length === 0);
    people.inspektorat = grantee('INSPEKTORAT', 'PEMPROV', (e) => subsOf(e).length === 0);
    people.pimpinan = grantee('PIMPINAN', 'DINKES');
    people.atasan = d.employees.find((e) => e.positionCode === 'BAPENDA-SAMSAT-CIRUAS:KEPALA')!;
    people.plh = byNip(plhAssignment.nip);
    people.pegawai = d.employees.find(
      (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.employeeType === 'PPPK' && subsOf(e).length === 0,
    )!;
    dinkesTarget = d.employees.find(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        e !== people.pegawai &&
        e.nip !== people.pegawai!.superiorNip &&
        subsOf(e).length === 0,
    )!;
    bapendaTarget = d.employees.find((e) => e.unitCode === 'BAPENDA-SEK' && e.nip && subsOf(e).length === 0)!;

    for (const r of await t.db.selectFrom('employees').select(['id', 'nip', 'internalId']).execute()) {
      ids.set(r.nip ?? `internal:${r.internalId}`, r.id);
    }
    for (const u of await t.db.selectFrom('units').select(['id', 'path', 'code']).execute())
      units[u.code] = u;
    for (const a of ALL) clients[a] = await login(t.app, a === 'superAdmin' ? 'admin' : loginOf(people[a]!));
  });
  afterAll(() => t.close());

  function employeeTarget(actor: ActorKey, target: EmployeeTarget): string {
    const me = people[actor];
    const d = t.demo;
    const subsOf = (nip: string | null) => d.employees.filter((x) => nip && x.superiorNip === nip);
    switch (target) {
      case 'dinkes':
        return idOf(dinkesTarget);
      case 'bapenda':
        return idOf(bapendaTarget);
      case 'self':
        return idOf(me!);
      case 'sub':
        return idOf(subsOf(me!.nip)[0]!);
      case 'superior':
        return ids.get(me!.superiorNip!)!;
      case 'indirect':
        return idOf(subsOf(me!.nip).flatMap((s) => subsOf(s.nip))[0]!);
      case 'actingSub': {
        const a = d.actingAssignments.find((x) => x.nip === me!.nip)!;
        const holder = d.employees.find((e) => e.positionCode === a.positionCode)!;
        const mine = new Set(subsOf(me!.nip));
        return idOf(subsOf(holder.nip).find((s) => s !== me && !mine.has(s))!);
      }
    }
  }

  function unitTarget(actor: ActorKey, target: UnitTarget) {
    if (target === 'root') return null;
    if (target === 'ownUnit') return units[people[actor]!.unitCode]!;
    return units[target]!;
  }

  const countOf = async (
    table: 'placements' | 'actingAssignments' | 'offices' | 'importJobs',
    col: 'employeeId' | 'unitId' | null,
    value: string | null,
  ) => {
    let q = t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n'));
    if (col) q = q.where(col, '=', value!);
    return (await q.executeTakeFirstOrThrow()).n;
  };

  /** Perform one operation and check its side effect in the database agrees with the status. */
  async function perform(actor: ActorKey, op: Op, target: string): Promise<number> {
    const c = clients[actor];
    const n = ++seq;
    switch (op) {
      case 'GET employee':
      case 'GET employee on date': {
        const id = employeeTarget(actor, target as EmployeeTarget);
        const res = await c.get(
          op === 'GET employee' ? `/api/employees/${id}` : `/api/employees/${id}/on?date=2026-01-15`,
        );
        if (res.statusCode === 200 && op === 'GET employee') expect(res.json().id).toBe(id);
        if (res.statusCode === 403) expect(res.json().error.code).toBe('FORBIDDEN');
        return res.statusCode;
      }
      case 'PATCH employee': {
        const id = employeeTarget(actor, target as EmployeeTarget);
        const phone = `0811-${String(n).padStart(6, '0')}`;
        const before = await t.db
          .selectFrom('employees')
          .select('phone')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const res = await c.patch(`/api/employees/${id}`, { phone });
        const after = await t.db
          .selectFrom('employees')
          .select('phone')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(after.phone).toBe(res.statusCode === 200 ? phone : before.phone);
        return res.statusCode;
      }
      case 'POST employee in': {
        const unit = unitTarget(actor, target as UnitTarget)!;
        const internalId = `MTX-${n}`;
        const res = await c.post('/api/employees', {
          nip: null,
          internalId,
          name: `Pegawai Uji ${n}`,
          gender: 'L',
          employeeType: 'NON_ASN',
          unitId: unit.id,
          activeFrom: '2026-01-02',
        });
        const row = await t.db
          .selectFrom('employees')
          .select(['unitId'])
          .where('internalId', '=', internalId)
          .executeTakeFirst();
        expect(row?.unitId).toBe(res.statusCode === 201 ? unit.id : undefined);
        return res.statusCode;
      }
      case 'POST placement':
      case 'POST placement to BAPENDA': {
        const id = employeeTarget(actor, target as EmployeeTarget);
        const current = await t.db
          .selectFrom('employees')
          .select(['unitId', 'superiorId'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const before = await countOf('placements', 'employeeId', id);
        // Future dates, one per row, so the current placement (and so every other row's scope) stays as it is.
        const validFrom = `2027-${String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
        const unitId = op === 'POST placement' ? current.unitId : units['BAPENDA-SEK']!.id;
        const res = await c.post(`/api/employees/${id}/placements`, {
          unitId,
          positionId: null,
          superiorId: current.superiorId,
          validFrom,
        });
        expect(await countOf('placements', 'employeeId', id)).toBe(before + (res.statusCode === 201 ? 1 : 0));
        return res.statusCode;
      }
      case 'POST acting in': {
        const opd = target as 'DINKES' | 'BAPENDA';
        // A head inside the OPD: the head of the OPD itself is appointed from above it (authority.test.ts).
        const position = await t.db
          .selectFrom('positions')
          .select('id')
          .where('code', '=', opd === 'DINKES' ? 'DINKES-YANKES:KEPALA' : 'BAPENDA-SEK:KEPALA')
          .executeTakeFirstOrThrow();
        const employeeId = idOf(opd === 'DINKES' ? dinkesTarget : bapendaTarget);
        const before = await countOf('actingAssignments', 'employeeId', employeeId);
        const day = String(1 + (n % 28)).padStart(2, '0');
        const res = await c.post(`/api/employees/${employeeId}/acting`, {
          kind: 'PLH',
          positionId: position.id,
          validFrom: `2028-02-${day}`,
          validTo: `2028-02-${day}`,
        });
        expect(await countOf('actingAssignments', 'employeeId', employeeId)).toBe(
          before + (res.statusCode === 201 ? 1 : 0),
        );
        return res.statusCode;
      }
      case 'GET unit': {
        const unit = unitTarget(actor, target as UnitTarget)!;
        const res = await c.get(`/api/units/${unit.id}`);
        if (res.statusCode === 200) expect(res.json().code).toBe(unit.code);
        return res.statusCode;
      }
      case 'POST unit under': {
        const parent = unitTarget(actor, target as UnitTarget);
        const code = `MTX-U${n}`;
        const res = await c.post('/api/units', {
          code,
          name: `Unit uji ${n}`,
          kind: parent ? 'BIDANG' : 'INSTANSI',
          parentId: parent?.id ?? null,
          timeZone: 'Asia/Jakarta',
        });
        const row = await t.db
          .selectFrom('units')
          .select(['parentId'])
          .where('code', '=', code)
          .executeTakeFirst();
        expect(row === undefined).toBe(res.statusCode !== 201);
        return res.statusCode;
      }
      case 'POST office': {
        const unit = unitTarget(actor, target as UnitTarget)!;
        const before = await countOf('offices', 'unitId', unit.id);
        const res = await c.post(`/api/units/${unit.id}/offices`, {
          name: `Kantor uji ${n}`,
          lat: -6.12,
          lon: 106.15,
          radiusM: 100,
        });
        expect(await countOf('offices', 'unitId', unit.id)).toBe(before + (res.statusCode === 201 ? 1 : 0));
        return res.statusCode;
      }
      case 'GET audit':
        return (await c.get('/api/audit')).statusCode;
      case 'GET audit/verify': {
        const res = await c.get('/api/audit/verify');
        if (res.statusCode === 200) expect(res.json().ok).toBe(true);
        return res.statusCode;
      }
      case 'GET imports':
        return (await c.get('/api/imports')).statusCode;
      case 'POST imports': {
        const before = await countOf('importJobs', null, null);
        const body = multipart(
          { kind: 'units' },
          {
            field: 'file',
            name: 'unit.csv',
            content: `kode,nama,jenis,kode_induk\nMTX-I${n},Bidang Impor ${n},BIDANG,DINKES\n`,
            type: 'text/csv',
          },
        );
        const res = await c.request({ method: 'POST', url: '/api/imports', ...body });
        expect(await countOf('importJobs', null, null)).toBe(before + (res.statusCode === 201 ? 1 : 0));
        return res.statusCode;
      }
    }
  }

  it('picks the intended actors from the demo data', () => {
    expect(clients.superAdmin.me.user.roles.map((r) => r.role)).toEqual(['SUPER_ADMIN']);
    expect(clients.adminOpd.me.user.roles.map((r) => r.role)).toContain('ADMIN_OPD');
    expect(clients.atasan.me.user.roles.map((r) => r.role)).toEqual(['PEGAWAI', 'ATASAN']);
    expect(clients.plh.me.user.roles.map((r) => r.role)).toEqual(['PEGAWAI', 'ATASAN']);
    expect(clients.pegawai.me.user.roles.map((r) => r.role)).toEqual(['PEGAWAI']);
    expect(people.plh!.superiorNip).not.toBe(people.plh!.nip);
    expect(dinkesTarget.superiorNip).not.toBe(people.plh!.superiorNip);
  });

  it.each(MATRIX)('%s: %s %s → %i', async (actor, op, target, expected) => {
    expect(await perform(actor, op, target)).toBe(expected);
  });

  describe('lists and trees are limited to the scope', () => {
    async function listAll(c: Client, query = '') {
      const ids: string[] = [];
      let total = -1;
      for (let page = 1; ; page++) {
        const res = await c.get(`/api/employees?status=all&pageSize=200&page=${page}${query}`);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        total = body.total;
        ids.push(...body.items.map((i: { id: string }) => i.id));
        if (body.items.length < 200) break;
      }
      return { ids, total };
    }

    async function expectedIds(actor: ActorKey): Promise<Set<string>> {
      const all = await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'e.superiorId', 'u.path'])
        .execute();
      const me = people[actor] ? idOf(people[actor]!) : null;
      const acted = t.demo.actingAssignments.find(
        (a) =>
          people[actor] &&
          a.nip === people[actor]!.nip &&
          a.from <= '2026-01-15' &&
          (a.to === null || a.to >= '2026-01-15'),
      );
      const holder = acted
        ? idOf(t.demo.employees.find((e) => e.positionCode === acted.positionCode)!)
        : null;
      const dinkes = units.DINKES!.path;
      const keep = (r: (typeof all)[number]) => {
        if (actor === 'superAdmin' || actor === 'bkd' || actor === 'inspektorat') return true;
        if ((actor === 'adminOpd' || actor === 'pimpinan') && r.path.startsWith(dinkes)) return true;
        return (
          r.id === me || (me !== null && r.superiorId === me) || (holder !== null && r.superiorId === holder)
        );
      };
      return new Set(all.filter(keep).map((r) => r.id));
    }

    it.each(ALL)(
      '%s: GET /api/employees lists exactly the employees in scope, with the right total',
      async (actor) => {
        const expected = await expectedIds(actor);
        const { ids: got, total } = await listAll(clients[actor]);
        expect(total).toBe(expected.size);
        expect(new Set(got)).toEqual(expected);
        expect(got).toHaveLength(expected.size);
      },
    );

    it('never shows an out-of-scope employee through search, NIP prefix or a unit filter', async () => {
      const target = bapendaTarget;
      const byName = `&q=${encodeURIComponent(target.name)}`;
      const byNip = `&q=${target.nip!.slice(0, 12)}`;
      const byUnit = `&unitId=${units.BAPENDA!.id}`;
      for (const query of [byName, byNip, byUnit]) {
        const admin = await listAll(clients.superAdmin, query);
        expect(admin.ids, query).toContain(idOf(target));
        for (const actor of ['adminOpd', 'pimpinan', 'atasan', 'plh', 'pegawai'] as const) {
          const res = await listAll(clients[actor], query);
          expect(res.ids, `${actor} ${query}`).not.toContain(idOf(target));
          if (query === byUnit && actor !== 'atasan') expect(res.total, `${actor} ${query}`).toBe(0);
        }
      }
      const dinkesByNip = await listAll(clients.adminOpd, `&q=${formatNip(dinkesTarget.nip!)}`);
      expect(dinkesByNip.ids).toEqual([idOf(dinkesTarget)]);
    });

    it.each([
      ['superAdmin', ['PEMPROV']],
      ['adminOpd', ['DINKES']],
      ['bkd', ['PEMPROV']],
      ['inspektorat', ['PEMPROV']],
      ['pimpinan', ['DINKES']],
      ['atasan', ['BAPENDA-SAMSAT-CIRUAS']],
      ['plh', ['DINKES-YANKES']],
      ['pegawai', ['DINKES-PKM-CURUG']],
    ] as const)('%s: GET /api/units/tree has roots %j only', async (actor, roots) => {
      const res = await clients[actor].get('/api/units/tree');
      expect(res.statusCode).toBe(200);
      const now = await t.db.selectFrom('units').select(['code', 'path', 'parentId']).execute();
      // The super admin also sees the top-level units created by the matrix above.
      const extraRoots =
        actor === 'superAdmin'
          ? now.filter((u) => u.parentId === null && u.code !== 'PEMPROV').map((u) => u.code)
          : [];
      expect(extraRoots.length).toBe(actor === 'superAdmin' ? 1 : 0);
      expect(
        res
          .json()
          .map((n: { code: string }) => n.code)
          .sort(),
      ).toEqual([...roots, ...extraRoots].sort());
      const codes: string[] = [];
      const walk = (ns: { code: string; children: never[] }[]) =>
        ns.forEach((n) => (codes.push(n.code), walk(n.children)));
      walk(res.json());
      const rootPaths = now.filter((u) => [...roots, ...extraRoots].includes(u.code)).map((u) => u.path);
      const inTree = now.filter((u) => rootPaths.some((p) => u.path.startsWith(p)));
      expect(codes.sort()).toEqual(inTree.map((u) => u.code).sort());
    });

    it('positions of an out-of-scope unit are refused (there is no flat unit list; units are read one by one or as the tree)', async () => {
      const res = await clients.adminOpd.get(`/api/positions?unitId=${units['BAPENDA-SEK']!.id}`);
      expect(res.statusCode).toBe(403);
      expect(
        (await clients.adminOpd.get(`/api/positions?unitId=${units['DINKES-SEK']!.id}`)).statusCode,
      ).toBe(200);
    });
  });

  describe('audit trail in scope', () => {
    const auditRows = () =>
      t.db
        .selectFrom('auditLog as a')
        .leftJoin('units as u', 'u.id', 'a.unitId')
        .select(['a.id', 'u.path'])
        .execute();

    it('ADMIN_OPD and PIMPINAN see exactly the entries of their unit subtree; BKD and INSPEKTORAT those under PEMPROV; SUPER_ADMIN all', async () => {
      const rows = await auditRows();
      const dinkes = units.DINKES!.path;
      expect(rows.some((r) => r.path?.startsWith(units.BAPENDA!.path))).toBe(true);
      const expected: Record<string, (r: (typeof rows)[number]) => boolean> = {
        superAdmin: () => true,
        adminOpd: (r) => r.path?.startsWith(dinkes) ?? false,
        // PIMPINAN (the head of Dinkes here) reads the audit log of its own subtree too (authz.ts, audit.read).
        pimpinan: (r) => r.path?.startsWith(dinkes) ?? false,
        // PEMPROV-wide grants: entries without a unit (logins, the seed) and units outside PEMPROV are not theirs.
        bkd: (r) => r.path?.startsWith(units.PEMPROV!.path) ?? false,
        inspektorat: (r) => r.path?.startsWith(units.PEMPROV!.path) ?? false,
      };
      for (const [actor, keep] of Object.entries(expected)) {
        const want = rows.filter(keep).map((r) => r.id);
        const got: number[] = [];
        for (let page = 1; ; page++) {
          const res = await clients[actor as ActorKey].get(`/api/audit?pageSize=200&page=${page}`);
          expect(res.statusCode).toBe(200);
          expect(res.json().total, actor).toBe(want.length);
          got.push(...res.json().items.map((i: { id: number }) => i.id));
          if (res.json().items.length < 200) break;
        }
        expect(
          got.sort((a, b) => a - b),
          actor,
        ).toEqual(want.sort((a, b) => a - b));
      }
    });

    it('an ADMIN_OPD filtering by an out-of-scope unit gets nothing', async () => {
      const res = await clients.adminOpd.get(`/api/audit?unitId=${units.BAPENDA!.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(0);
    });
  });

  describe('exports never contain out-of-scope rows', () => {
    const csvNips = (body: string) =>
      body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]!);

    it.each(['adminOpd', 'pimpinan', 'atasan', 'plh', 'pegawai'] as const)(
      '%s: export.csv has the same rows as the list, none from BAPENDA-SEK',
      async (actor) => {
        const list = await clients[actor].get('/api/employees?status=all&pageSize=200');
        const res = await clients[actor].get('/api/employees/export.csv?status=all');
        expect(res.statusCode).toBe(200);
        const nips = csvNips(res.body);
        expect(nips).toHaveLength(list.json().total);
        expect(nips).not.toContain(formatNip(bapendaTarget.nip!));
        if (actor === 'pegawai') expect(nips).toEqual([formatNip(people.pegawai!.nip!)]);
      },
    );

    it('export.xlsx for ADMIN_OPD holds only DINKES employees', async () => {
      const res = await clients.adminOpd.get('/api/employees/export.xlsx?status=all');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const dinkesUnits = new Set(
        Object.values(units)
          .filter((u) => u.path.startsWith(units.DINKES!.path))
          .map((u) => u.id),
      );
      const unitNames = new Set(
        (
          await t.db
            .selectFrom('units')
            .select('name')
            .where('id', 'in', [...dinkesUnits])
            .execute()
        ).map((u) => u.name),
      );
      const unitCol = (ws.getRow(1).values as unknown[]).indexOf('Unit');
      expect(unitCol).toBeGreaterThan(0);
      const count = (await t.db.selectFrom('employees').select('unitId').execute()).filter((e) =>
        dinkesUnits.has(e.unitId),
      ).length;
      expect(ws.rowCount - 1).toBe(count);
      for (let r = 2; r <= ws.rowCount; r++)
        expect(unitNames.has(String(ws.getRow(r).getCell(unitCol).value))).toBe(true);
    });
  });

  describe('imports stay inside the importer scope', () => {
    it('an ADMIN_OPD cannot take over or edit an employee of another OPD by importing their NIP', async () => {
      const target = bapendaTarget;
      const id = idOf(target);
      const before = await t.db
        .selectFrom('employees')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const csv = [
        'nip,nama,jenis_kelamin,tanggal_lahir,jenis_pegawai,kode_unit,tmt,telepon',
        `${target.nip},${target.name},${target.gender},${target.birthDate},PNS,DINKES-SEK,${target.activeFrom},0899-000000`,
      ].join('\n');
      const c = clients.adminOpd;
      const upload = await c.request({
        method: 'POST',
        url: '/api/imports',
        ...multipart(
          { kind: 'employees' },
          { field: 'file', name: 'pegawai.csv', content: csv, type: 'text/csv' },
        ),
      });
      expect(upload.statusCode).toBe(201);
      const job = upload.json();
      expect(job.validRows).toBe(0);
      expect(job.errors).toContainEqual(
        expect.objectContaining({
          line: 2,
          column: 'nip',
          message: expect.stringMatching(/di luar kewenangan/),
        }),
      );
      const commit = await c.post(`/api/imports/${job.id}/commit`, { mode: 'validOnly' });
      expect(commit.statusCode).toBe(200);
      const after = await t.db
        .selectFrom('employees')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(after.unitId).toBe(before.unitId);
      expect(after.phone).toBe(before.phone);
    });
  });

  describe('a Plh reads the staff of the position only on the dates covered', () => {
    it('Plh Kepala BKD (19–21 Jan 2026) reads a Kepala Bidang of BKD on 20 Jan, not on 18 or 22 Jan', async () => {
      const a = t.demo.actingAssignments.find((x) => x.positionCode === 'BKD:KEPALA' && x.kind === 'PLH')!;
      const plh = t.demo.employees.find((e) => e.nip === a.nip)!;
      const head = t.demo.employees.find((e) => e.positionCode === 'BKD:KEPALA')!;
      const staff = t.demo.employees.find(
        (e) => e.superiorNip === head.nip && e.nip !== plh.nip && e.superiorNip !== plh.nip,
      )!;
      const original = t.clock.now().toISOString();
      try {
        for (const [day, expected] of [
          ['2026-01-18', 403],
          ['2026-01-20', 200],
          ['2026-01-22', 403],
        ] as const) {
          t.clock.set(`${day}T02:00:00Z`);
          const c = await login(t.app, plh.nip!);
          expect((await c.get(`/api/employees/${idOf(staff)}`)).statusCode, day).toBe(expected);
          const list = await c.get(`/api/employees?q=${staff.nip}`);
          expect(list.json().total, day).toBe(expected === 200 ? 1 : 0);
        }
      } finally {
        t.clock.set(original);
      }
    });
  });
});
