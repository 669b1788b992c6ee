import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';

/*
 * Authority over staff (docs/security.md): a Plt/Plh assignment or a superior gives its holder the right to read
 * the staff's records and decide their requests. Nobody gives it to themselves or to someone outside their own
 * scope, and the head of one's own scope root or a post above oneself is appointed by BKD. Every refusal comes
 * before anything is written: the database is exactly as it was (no row, no audit entry).
 * Demo province, clock 2026-01-15. The reproductions of issue 12 are the first cases.
 */
describe('authority over staff: no self-escalation, no outsiders', () => {
  let t: TestApp;
  let adminOpd: Client; // ADMIN_OPD over DINKES
  let bkd: Client; // BKD over the province
  const ids = {} as Record<
    'self' | 'bapenda' | 'dinkesStaff' | 'dinkesHead' | 'kepalaDinkes' | 'kabidYankes' | 'dinkesSek',
    string
  >;

  const employeeByPosition = async (code: string) =>
    (
      await t.db
        .selectFrom('employees as e')
        .innerJoin('positions as p', 'p.id', 'e.positionId')
        .select('e.id')
        .where('p.code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  const positionId = async (code: string) =>
    (await t.db.selectFrom('positions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const unitId = async (code: string) =>
    (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const staffOf = async (unitCode: string, not: string[] = []) =>
    (
      await t.db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select('e.id')
        .where('u.code', '=', unitCode)
        .where('e.id', 'not in', not.length ? not : ['00000000-0000-4000-8000-000000000000'])
        .where('e.activeTo', 'is', null)
        .orderBy('e.nip')
        .executeTakeFirstOrThrow()
    ).id;

  /** Send a request that must be refused with `status`, and prove it wrote nothing at all. */
  async function refused(c: Client, url: string, body: object, status: number, message?: RegExp) {
    const before = await dbFingerprint(t.db);
    const res = await c.post(url, body);
    expect(res.statusCode, res.body).toBe(status);
    if (message) expect(res.json().error.message).toMatch(message);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    return res;
  }

  beforeAll(async () => {
    t = await createTestApp();
    adminOpd = await login(t.app, '198607172009122135');
    bkd = await login(t.app, '196712041992052045');
    ids.self = adminOpd.me.user.employeeId!;
    ids.bapenda = await staffOf('BAPENDA-SEK');
    ids.dinkesStaff = await staffOf('DINKES-SEK', [ids.self]);
    ids.dinkesHead = await employeeByPosition('DINKES:KEPALA');
    ids.kepalaDinkes = await positionId('DINKES:KEPALA');
    ids.kabidYankes = await positionId('DINKES-YANKES:KEPALA');
    ids.dinkesSek = await unitId('DINKES-SEK');
  });
  afterAll(() => t.close());

  const acting = (positionId: string, from = '2026-02-01') => ({
    kind: 'PLH',
    positionId,
    validFrom: from,
    validTo: from.replace(/-01$/, '-05'),
    reason: 'Kepala cuti',
  });

  it('refuses a Bapenda employee as Plh of the head of Dinkes, asked by Dinkes admin OPD: 403 before any write', async () => {
    await refused(adminOpd, `/api/employees/${ids.bapenda}/acting`, acting(ids.kepalaDinkes), 403);
    // Nothing was granted: the outsider still cannot read Dinkes staff.
    const outsider = await t.db
      .selectFrom('employees')
      .select('nip')
      .where('id', '=', ids.bapenda)
      .executeTakeFirstOrThrow();
    const c = await login(t.app, outsider.nip!);
    expect((await c.get(`/api/employees/${ids.dinkesStaff}`)).statusCode).toBe(403);
  });

  it('refuses an admin OPD making herself Plt/Plh of any post, her own head of OPD first', async () => {
    await refused(adminOpd, `/api/employees/${ids.self}/acting`, acting(ids.kepalaDinkes), 403);
    await refused(
      adminOpd,
      `/api/employees/${ids.self}/acting`,
      acting(ids.kabidYankes),
      403,
      /diri sendiri/,
    );
  });

  it('leaves the Plt/Plh of the head of the OPD itself, and of a post above the caller, to BKD', async () => {
    await refused(adminOpd, `/api/employees/${ids.dinkesStaff}/acting`, acting(ids.kepalaDinkes), 403, /BKD/);
    const mySuperiorPost = await t.db
      .selectFrom('employees as e')
      .innerJoin('employees as s', 's.id', 'e.superiorId')
      .select('s.positionId')
      .where('e.id', '=', ids.self)
      .executeTakeFirstOrThrow();
    expect(mySuperiorPost.positionId).not.toBe(ids.kepalaDinkes); // the Sekretaris, inside the OPD
    await refused(
      adminOpd,
      `/api/employees/${ids.dinkesStaff}/acting`,
      acting(mySuperiorPost.positionId!),
      403,
      /atasan Anda sendiri/,
    );
    const res = await bkd.post(`/api/employees/${ids.dinkesStaff}/acting`, acting(ids.kepalaDinkes));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('still lets an admin OPD assign her own staff as Plh of a head inside the OPD', async () => {
    const res = await adminOpd.post(
      `/api/employees/${ids.dinkesStaff}/acting`,
      acting(ids.kabidYankes, '2026-03-01'),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().acting.some((a: { positionId: string }) => a.positionId === ids.kabidYankes)).toBe(
      true,
    );
  });

  it('refuses an outsider or oneself as the superior of a placement and a new employee; BKD may', async () => {
    const placement = (superiorId: string, validFrom: string) => ({
      unitId: ids.dinkesSek,
      positionId: null,
      superiorId,
      validFrom,
    });
    await refused(
      adminOpd,
      `/api/employees/${ids.dinkesStaff}/placements`,
      placement(ids.bapenda, '2026-02-01'),
      403,
      /di luar kewenangan/,
    );
    await refused(
      adminOpd,
      `/api/employees/${ids.dinkesStaff}/placements`,
      placement(ids.self, '2026-02-01'),
      403,
      /diri sendiri/,
    );
    const newEmployee = (superiorId: string) => ({
      nip: null,
      internalId: `AUTH-${superiorId.slice(0, 8)}`,
      name: 'Pegawai Uji Kewenangan',
      gender: 'P',
      employeeType: 'NON_ASN',
      unitId: ids.dinkesSek,
      superiorId,
      activeFrom: '2026-01-02',
    });
    await refused(adminOpd, '/api/employees', newEmployee(ids.bapenda), 403);
    await refused(adminOpd, '/api/employees', newEmployee(ids.self), 403);
    const byBkd = await bkd.post(
      `/api/employees/${ids.dinkesStaff}/placements`,
      placement(ids.bapenda, '2026-02-01'),
    );
    expect(byBkd.statusCode, byBkd.body).toBe(201);
  });

  it('keeps an existing superior from outside the scope (the head of the OPD reports to the Sekda)', async () => {
    const head = await t.db
      .selectFrom('employees')
      .select(['superiorId', 'unitId', 'positionId'])
      .where('id', '=', ids.dinkesHead)
      .executeTakeFirstOrThrow();
    const res = await adminOpd.post(`/api/employees/${ids.dinkesHead}/placements`, {
      unitId: head.unitId,
      positionId: head.positionId,
      superiorId: head.superiorId,
      validFrom: '2026-04-01',
      decree: 'SK perpanjangan',
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses a position of another unit than the placement (400 on the field)', async () => {
    const res = await refused(
      adminOpd,
      `/api/employees/${ids.dinkesStaff}/placements`,
      { unitId: ids.dinkesSek, positionId: ids.kabidYankes, superiorId: null, validFrom: '2026-05-01' },
      400,
    );
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'positionId' })]);
  });
});
