import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type UnitRef } from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { createTestApp, login, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { InspectionsList } from '../../../shared/api/inspections.ts';

/*
 * Inspections through the API on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): two OPDs built by the
 * factories, an admin OPD of the first; what they may list and record, and that a refusal stores nothing.
 */
describe('inspections (GET/POST /api/inspections)', () => {
  let t: TestApp;
  let mine: UnitRef;
  let other: UnitRef;
  let admin: Awaited<ReturnType<typeof login>>;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const f = factories(t);
    const root = await f.unit({ code: 'PROV' });
    mine = await f.unit({ code: 'OPD-A', kind: 'OPD', parent: root });
    other = await f.unit({ code: 'OPD-B', kind: 'OPD', parent: root });
    const person = await f.employee({ unit: mine });
    const account = await f.account(person);
    await f.grant(account, 'ADMIN_OPD', mine);
    admin = await login(t.app, account.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records an item in its scope and lists it', async () => {
    const res = await admin.post('/api/inspections', {
      unitId: mine.id,
      date: '2026-01-14',
      title: 'Butir pertama',
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await admin.get('/api/inspections?month=2026-01')).json<InspectionsList>();
    expect(list.items.map((i) => i.title)).toEqual(['Butir pertama']);
    expect(list.total).toBe(1);
  });

  it('refuses a unit outside its scope with 403 and stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await admin.post('/api/inspections', {
      unitId: other.id,
      date: '2026-01-14',
      title: 'Di luar lingkup',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    expect((await admin.get(`/api/inspections?unitId=${other.id}`)).statusCode).toBe(403);
  });

  it('answers bad input with 400 and the field, and stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await admin.post('/api/inspections', { unitId: mine.id, date: '14/01/2026', title: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });
});
