import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { formatNip } from '../../../core/people/nip.ts';

/*
 * Clock: 2026-01-15 (WIB). Units used here, all under DINKES:
 *   DINKES-P2P      first unit of the test employee X (superior: head of P2P)
 *   DINKES-YANKES   X moves here on 2026-01-05 (superior: Kepala Bidang Yankes, who has a Plh 12–30 Jan 2026)
 */
const X_NIP = '198503122010011937';

describe('organisation and people', () => {
  let t: TestApp;
  let admin: Client;
  const unit = {} as Record<string, string>;
  const emp = (nip: string) =>
    t.db.selectFrom('employees').selectAll().where('nip', '=', nip).executeTakeFirstOrThrow();
  const count = async (
    table: 'employees' | 'placements' | 'auditLog',
    where?: { col: 'employeeId' | 'entityId'; value: string },
  ) => {
    let q = t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n'));
    if (where) q = q.where(where.col, '=', where.value);
    return (await q.executeTakeFirstOrThrow()).n;
  };
  const lastAudit = (entityId: string, action: string) =>
    t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', entityId)
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  const pns = (over: Record<string, unknown> = {}) => ({
    nip: formatNip(X_NIP),
    name: 'Raden Wiranatakusuma',
    gender: 'L',
    birthDate: '1985-03-12',
    employeeType: 'PNS',
    golongan: 'III/c',
    unitId: unit['DINKES-P2P'],
    activeFrom: '2024-01-01',
    ...over,
  });
  const nonAsn = (internalId: string) => ({
    nip: null,
    internalId,
    name: `Pegawai ${internalId}`,
    gender: 'P',
    employeeType: 'NON_ASN',
    unitId: unit['DINKES-P2P'],
    activeFrom: '2024-01-01',
  });

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of await t.db.selectFrom('units').select(['id', 'code']).execute()) unit[u.code] = u.id;
    admin = await login(t.app, 'admin');
    expect(
      await t.db.selectFrom('employees').select('id').where('nip', '=', X_NIP).executeTakeFirst(),
    ).toBeUndefined();
  });
  afterAll(() => t.close());

  describe('NIP and identity validation', () => {
    it.each([
      ['wrong length', '19850312201001100', /18 digit/],
      ['letters', '19850312201001100A', /angka|digit/i],
      ['impossible birth date', '198502302010011003', /tanggal lahir/],
      ['gender digit 3', '198503122010013003', /jenis kelamin/],
      ['appointment before age 18', '200503122010011003', /belum berusia 18 tahun/],
    ])(
      '%s → 400 VALIDATION on nip with an Indonesian message, nothing written',
      async (_case, nip, message) => {
        const before = await count('employees');
        const res = await admin.post('/api/employees', pns({ nip, birthDate: null }));
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
        expect(res.json().error.details).toEqual([{ path: 'nip', message: expect.stringMatching(message) }]);
        expect(await count('employees')).toBe(before);
      },
    );

    it.each([
      ['gender', { gender: 'P' }, /digit ke-15 NIP/],
      ['birthDate', { birthDate: '1985-03-13' }, /tanggal lahir dalam NIP/],
    ])('a NIP inconsistent with %s → 400 VALIDATION on that field', async (path, over, message) => {
      const res = await admin.post('/api/employees', pns(over));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toContainEqual({ path, message: expect.stringMatching(message) });
      expect(
        await t.db.selectFrom('employees').select('id').where('nip', '=', X_NIP).executeTakeFirst(),
      ).toBeUndefined();
    });

    it('an unknown unit → 400 VALIDATION on unitId', async () => {
      const res = await admin.post('/api/employees', pns({ unitId: '00000000-0000-4000-8000-000000000000' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION',
        details: [{ path: 'unitId', message: 'Unit tidak ditemukan' }],
      });
    });

    it('creates X with a NIP written with spaces (stored without), one placement and an audit entry with the row', async () => {
      const res = await admin.post('/api/employees', pns({ superiorId: (await headOf('DINKES-P2P')).id }));
      expect(res.statusCode).toBe(201);
      const x = await emp(X_NIP);
      expect(res.json()).toMatchObject({
        id: x.id,
        nip: X_NIP,
        unitId: unit['DINKES-P2P'],
        placements: [{ validFrom: '2024-01-01', validTo: null }],
      });
      expect(await count('placements', { col: 'employeeId', value: x.id })).toBe(1);
      const entry = await lastAudit(x.id, 'employee.created');
      expect(entry).toMatchObject({
        actorName: 'Administrator Sistem',
        unitId: unit['DINKES-P2P'],
        before: null,
        after: { nip: X_NIP, name: 'Raden Wiranatakusuma' },
      });
    });

    it('a duplicate NIP → 409 CONFLICT on nip (create and patch), nothing written', async () => {
      const before = await count('employees');
      const dup = await admin.post('/api/employees', pns({ name: 'Orang Lain' }));
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'nip' }] });
      expect(await count('employees')).toBe(before);

      const other = t.demo.employees.find(
        (e) => e.employeeType === 'PNS' && e.gender === 'L' && e.nip !== X_NIP,
      )!;
      const otherId = (await emp(other.nip!)).id;
      const patch = await admin.patch(`/api/employees/${otherId}`, { nip: X_NIP, birthDate: '1985-03-12' });
      expect(patch.statusCode).toBe(409);
      expect((await emp(other.nip!)).nip).toBe(other.nip);
    });
  });

  async function headOf(code: string) {
    return t.db
      .selectFrom('employees as e')
      .innerJoin('positions as p', 'p.id', 'e.positionId')
      .select(['e.id', 'e.nip', 'p.id as positionId'])
      .where('p.code', '=', `${code}:KEPALA`)
      .executeTakeFirstOrThrow();
  }

  describe('supervisor chain', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      for (const k of ['LOOP-A', 'LOOP-B', 'LOOP-C']) {
        const res = await admin.post('/api/employees', nonAsn(k));
        expect(res.statusCode).toBe(201);
        ids[k] = res.json().id;
      }
    });

    it('refuses a placement that makes the chain loop (directly, indirectly, or to oneself) with 409 SUPERIOR_LOOP; nothing written', async () => {
      const place = (who: string, superior: string, validFrom: string) =>
        admin.post(`/api/employees/${ids[who]}/placements`, {
          unitId: unit['DINKES-P2P'],
          positionId: null,
          superiorId: ids[superior],
          validFrom,
        });
      expect((await place('LOOP-B', 'LOOP-A', '2026-01-01')).statusCode).toBe(201);
      expect((await place('LOOP-C', 'LOOP-B', '2026-01-01')).statusCode).toBe(201);

      const placementsBefore = await count('placements', { col: 'employeeId', value: ids['LOOP-A']! });
      const auditBefore = await count('auditLog');
      for (const superior of ['LOOP-B', 'LOOP-C', 'LOOP-A']) {
        const res = await place('LOOP-A', superior, '2026-01-02');
        expect(res.statusCode, superior).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'SUPERIOR_LOOP', details: [{ path: 'superiorId' }] });
      }
      expect(await count('placements', { col: 'employeeId', value: ids['LOOP-A']! })).toBe(placementsBefore);
      expect(await count('auditLog')).toBe(auditBefore);
      const a = await t.db
        .selectFrom('employees')
        .select('superiorId')
        .where('id', '=', ids['LOOP-A']!)
        .executeTakeFirstOrThrow();
      expect(a.superiorId).toBeNull();
    });
  });

  describe('mutasi and superiors at a date', () => {
    let xId: string;
    let p2pHead: { id: string };
    let yankesHead: { id: string; positionId: string };
    let plhId: string;
    let pltId: string;

    beforeAll(async () => {
      xId = (await emp(X_NIP)).id;
      p2pHead = await headOf('DINKES-P2P');
      yankesHead = await headOf('DINKES-YANKES');
      const plh = t.demo.actingAssignments.find((a) => a.positionCode === 'DINKES-YANKES:KEPALA')!;
      plhId = (await emp(plh.nip)).id;
      pltId = (await headOf('DINKES-LABKESDA')).id;
    });

    it('a placement closes the previous one the day before, moves the employee now, and is audited with before/after', async () => {
      const res = await admin.post(`/api/employees/${xId}/placements`, {
        unitId: unit['DINKES-YANKES'],
        positionId: null,
        superiorId: yankesHead.id,
        validFrom: '2026-01-05',
        decree: 'SK Mutasi 800/1/2026',
      });
      expect(res.statusCode).toBe(201);
      const rows = await t.db
        .selectFrom('placements')
        .selectAll()
        .where('employeeId', '=', xId)
        .orderBy('validFrom')
        .execute();
      expect(rows.map((r) => [r.unitId, r.validFrom, r.validTo])).toEqual([
        [unit['DINKES-P2P'], '2024-01-01', '2026-01-04'],
        [unit['DINKES-YANKES'], '2026-01-05', null],
      ]);
      const x = await emp(X_NIP);
      expect([x.unitId, x.superiorId]).toEqual([unit['DINKES-YANKES'], yankesHead.id]);
      const entry = await lastAudit(xId, 'employee.placed');
      expect(entry).toMatchObject({
        unitId: unit['DINKES-YANKES'],
        before: { unitId: unit['DINKES-P2P'], superiorId: p2pHead.id, validFrom: '2024-01-01' },
        after: { unitId: unit['DINKES-YANKES'], superiorId: yankesHead.id, validFrom: '2026-01-05' },
      });
    });

    it('refuses a placement that does not start after the latest one (400 on validFrom)', async () => {
      const res = await admin.post(`/api/employees/${xId}/placements`, {
        unitId: unit['DINKES-P2P'],
        positionId: null,
        superiorId: null,
        validFrom: '2026-01-05',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'validFrom', message: expect.stringContaining('2026-01-05') },
      ]);
    });

    it('adds a Plt for the superior position through the API (audited)', async () => {
      const res = await admin.post(`/api/employees/${pltId}/acting`, {
        kind: 'PLT',
        positionId: yankesHead.positionId,
        validFrom: '2026-01-25',
        validTo: '2026-02-28',
        reason: 'Uji',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().acting).toContainEqual(
        expect.objectContaining({ kind: 'PLT', validFrom: '2026-01-25', validTo: '2026-02-28' }),
      );
      expect(await lastAudit(pltId, 'employee.acting_assigned')).toMatchObject({
        after: { kind: 'PLT', positionId: yankesHead.positionId },
      });
      const bad = await admin.post(`/api/employees/${pltId}/acting`, {
        kind: 'PLH',
        positionId: yankesHead.positionId,
        validFrom: '2026-03-02',
        validTo: '2026-03-01',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('validTo');
    });

    it.each([
      ['2023-06-01', null, null, null],
      ['2025-06-01', 'DINKES-P2P', 'p2pHead', null],
      ['2026-01-04', 'DINKES-P2P', 'p2pHead', null],
      ['2026-01-08', 'DINKES-YANKES', 'yankesHead', null],
      ['2026-01-15', 'DINKES-YANKES', 'plh', 'PLH'],
      // Both a Plh and a Plt cover 26 Jan: the Plh (day-to-day stand-in) wins.
      ['2026-01-26', 'DINKES-YANKES', 'plh', 'PLH'],
      ['2026-02-10', 'DINKES-YANKES', 'plt', 'PLT'],
      ['2026-03-02', 'DINKES-YANKES', 'yankesHead', null],
    ] as const)('on %s X was in %s under %s (acting %s)', async (date, unitCode, superior, acting) => {
      const res = await admin.get(`/api/employees/${xId}/on?date=${date}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      if (unitCode === null) {
        expect(body).toEqual({ date, placement: null, superior: null });
        return;
      }
      expect(body.placement.unitId).toBe(unit[unitCode]);
      const want = { p2pHead: p2pHead.id, yankesHead: yankesHead.id, plh: plhId, plt: pltId }[superior!];
      expect(body.superior).toMatchObject({ id: want, acting });
      if (acting) expect(body.superior.definitiveId).toBe(yankesHead.id);
    });

    it('the Plh does not become their own superior', async () => {
      const res = await admin.get(`/api/employees/${plhId}/on?date=2026-01-15`);
      expect(res.json().superior).toMatchObject({ id: yankesHead.id, acting: null });
    });

    it('a future placement is recorded but does not move the employee before its date', async () => {
      const res = await admin.post(`/api/employees/${xId}/placements`, {
        unitId: unit['DINKES-LABKESDA'],
        positionId: null,
        superiorId: null,
        validFrom: '2026-03-01',
      });
      expect(res.statusCode).toBe(201);
      expect((await emp(X_NIP)).unitId).toBe(unit['DINKES-YANKES']);
      const on = await admin.get(`/api/employees/${xId}/on?date=2026-03-01`);
      expect(on.json().placement.unitId).toBe(unit['DINKES-LABKESDA']);
      expect((await admin.get(`/api/employees/${xId}/on?date=2026-02-28`)).json().placement.validTo).toBe(
        '2026-02-28',
      );
    });
  });

  describe('search, filters and pagination', () => {
    const listAll = async (query: string) => {
      const ids: string[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const body = (await admin.get(`/api/employees?pageSize=200&page=${page}&${query}`)).json();
        total = body.total;
        ids.push(...body.items.map((i: { id: string }) => i.id));
        if (body.items.length < 200) break;
      }
      return { ids, total };
    };
    const dbIds = async (
      filter: (r: {
        id: string;
        nip: string | null;
        path: string;
        unitId: string;
        employeeType: string;
        name: string;
      }) => boolean,
    ) =>
      (
        await t.db
          .selectFrom('employees as e')
          .innerJoin('units as u', 'u.id', 'e.unitId')
          .select(['e.id', 'e.nip', 'u.path', 'e.unitId', 'e.employeeType', 'e.name'])
          .execute()
      )
        .filter(filter)
        .map((r) => r.id)
        .sort();

    it('finds by a name fragment, case-insensitive', async () => {
      const x = await emp(X_NIP);
      for (const q of ['wiranata', 'WIRANATAKUSUMA', 'Raden Wira']) {
        const res = await listAll(`q=${encodeURIComponent(q)}`);
        expect(res.ids, q).toEqual([x.id]);
      }
    });

    it('finds by a NIP prefix, with or without spaces', async () => {
      const prefix = X_NIP.slice(0, 14);
      const want = await dbIds((r) => r.nip?.startsWith(prefix) ?? false);
      expect(want.length).toBeGreaterThanOrEqual(1);
      for (const q of [prefix, `${prefix.slice(0, 8)} ${prefix.slice(8)}`]) {
        const res = await listAll(`q=${encodeURIComponent(q)}`);
        expect(res.ids.sort(), q).toEqual(want);
        expect(res.total).toBe(want.length);
      }
      expect((await listAll(`q=${X_NIP.slice(0, 8)}`)).ids).toContain((await emp(X_NIP)).id);
    });

    it('filters by unit with subunits (default) and without them', async () => {
      const dinkesPath = (
        await t.db.selectFrom('units').select('path').where('id', '=', unit.DINKES!).executeTakeFirstOrThrow()
      ).path;
      const withSubs = await listAll(`unitId=${unit.DINKES}`);
      const subtree = await dbIds((r) => r.path.startsWith(dinkesPath));
      expect(withSubs.ids.sort()).toEqual(subtree);
      const only = await listAll(`unitId=${unit.DINKES}&includeSubunits=false`);
      const exact = await dbIds((r) => r.unitId === unit.DINKES);
      expect(only.ids.sort()).toEqual(exact);
      expect(only.total).toBe(exact.length);
      expect(exact.length).toBeLessThan(subtree.length);
    });

    it('filters by employee type', async () => {
      const res = await listAll('type=CPNS');
      const want = await dbIds((r) => r.employeeType === 'CPNS');
      expect(want.length).toBeGreaterThan(0);
      expect(res.ids.sort()).toEqual(want);
    });

    it('paginates with a stable total and no overlap between pages', async () => {
      const first = (await admin.get(`/api/employees?unitId=${unit.DINKES}&pageSize=7&page=1`)).json();
      const total = first.total as number;
      const pages = Math.ceil(total / 7);
      const seen = new Set<string>(first.items.map((i: { id: string }) => i.id));
      expect(first.items).toHaveLength(7);
      for (let page = 2; page <= pages; page++) {
        const body = (await admin.get(`/api/employees?unitId=${unit.DINKES}&pageSize=7&page=${page}`)).json();
        expect(body.total).toBe(total);
        expect(body.items).toHaveLength(page === pages ? total - 7 * (pages - 1) : 7);
        for (const i of body.items) seen.add(i.id);
      }
      expect(seen.size).toBe(total);
      const beyond = (
        await admin.get(`/api/employees?unitId=${unit.DINKES}&pageSize=7&page=${pages + 1}`)
      ).json();
      expect(beyond).toMatchObject({ items: [], total });
    });

    it('rejects a bad page size with 400 VALIDATION', async () => {
      const res = await admin.get('/api/employees?pageSize=500');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('pageSize');
    });
  });

  describe('exports', () => {
    const HEADERS = [
      'NIP',
      'Nama',
      'Jenis pegawai',
      'Golongan',
      'Jabatan',
      'Kelas jabatan',
      'Unit',
      'Jenis kelamin',
      'Pendidikan',
      'TMT',
      'Email',
      'Telepon',
    ];
    const query = () => `unitId=${unit['DINKES-PKM-CURUG']}&includeSubunits=false`;
    const known = () =>
      t.demo.employees.find((e) => e.unitCode === 'DINKES-PKM-CURUG' && e.employeeType === 'PPPK')!;

    it('xlsx: header row and a known employee row', async () => {
      const res = await admin.get(`/api/employees/export.xlsx?${query()}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
      const list = (await admin.get(`/api/employees?${query()}&pageSize=200`)).json();
      expect(ws.rowCount - 1).toBe(list.total);
      const e = known();
      const detail = (await admin.get(`/api/employees/${(await emp(e.nip!)).id}`)).json();
      let found = false;
      ws.eachRow((row, n) => {
        if (n === 1 || row.getCell(1).value !== formatNip(e.nip!)) return;
        found = true;
        expect(row.getCell(2).value).toBe(detail.fullName);
        expect(row.getCell(3).value).toBe('PPPK');
        expect(row.getCell(7).value).toBe(detail.unitName);
        expect(row.getCell(8).value).toBe(e.gender);
      });
      expect(found).toBe(true);
    });

    it('csv: header row and a known employee row', async () => {
      const res = await admin.get(`/api/employees/export.csv?${query()}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const records: string[][] = parse(res.body, { bom: true });
      expect(records[0]).toEqual(HEADERS);
      const e = known();
      const detail = (await admin.get(`/api/employees/${(await emp(e.nip!)).id}`)).json();
      const row = records.find((r) => r[0] === formatNip(e.nip!))!;
      expect(row).toBeDefined();
      expect([row[1], row[2], row[6], row[9]]).toEqual([
        detail.fullName,
        'PPPK',
        detail.unitName,
        detail.activeFrom,
      ]);
      expect(records.length - 1).toBe((await admin.get(`/api/employees?${query()}`)).json().total);
    });
  });

  describe('every write is audited with before and after', () => {
    it('PATCH employee: before holds the old values, after the change', async () => {
      const x = await emp(X_NIP);
      const res = await admin.patch(`/api/employees/${x.id}`, {
        phone: '0812-1111-2222',
        email: 'raden@banten-demo.example',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ phone: '0812-1111-2222', email: 'raden@banten-demo.example' });
      const entry = await lastAudit(x.id, 'employee.updated');
      expect(entry).toMatchObject({
        unitId: x.unitId,
        before: { phone: x.phone, email: x.email, nip: X_NIP },
        after: { phone: '0812-1111-2222', email: 'raden@banten-demo.example' },
      });
    });

    it('PATCH with an inconsistent identity is refused and not audited', async () => {
      const x = await emp(X_NIP);
      const before = await count('auditLog', { col: 'entityId', value: x.id });
      const res = await admin.patch(`/api/employees/${x.id}`, { gender: 'P' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'gender' }));
      expect(await count('auditLog', { col: 'entityId', value: x.id })).toBe(before);
      expect((await emp(X_NIP)).gender).toBe('L');
    });

    it('units and offices: created entries carry the new row', async () => {
      const u = await admin.post('/api/units', {
        code: 'DINKES-UJI',
        name: 'Bidang Uji',
        kind: 'BIDANG',
        parentId: unit.DINKES,
        timeZone: 'Asia/Jakarta',
      });
      expect(u.statusCode).toBe(201);
      const id = u.json().id as string;
      expect(await lastAudit(id, 'unit.created')).toMatchObject({
        unitId: id,
        before: null,
        after: { code: 'DINKES-UJI', parentId: unit.DINKES },
      });
      const o = await admin.post(`/api/units/${id}/offices`, {
        name: 'Kantor Uji',
        lat: -6.1,
        lon: 106.1,
        radiusM: 150,
      });
      expect(o.statusCode).toBe(201);
      expect(await lastAudit(o.json().id, 'office.created')).toMatchObject({
        unitId: id,
        after: { name: 'Kantor Uji', radiusM: 150 },
      });
      const p = await admin.patch(`/api/units/${id}`, {
        code: 'DINKES-UJI',
        name: 'Bidang Uji Coba',
        kind: 'BIDANG',
        parentId: unit.DINKES,
        timeZone: 'Asia/Jakarta',
      });
      expect(p.statusCode).toBe(200);
      expect(await lastAudit(id, 'unit.updated')).toMatchObject({
        before: { name: 'Bidang Uji' },
        after: { name: 'Bidang Uji Coba' },
      });
    });

    it('the chain still verifies after all these writes', async () => {
      const res = await admin.get('/api/audit/verify');
      expect(res.json()).toMatchObject({ ok: true, checked: await count('auditLog') });
    });
  });
});
