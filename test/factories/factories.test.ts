import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../helpers/test-app.ts';
import { factories, type EmployeeRef, type Factories, type UnitRef } from './index.ts';

/*
 * The factories write what the application would: units with their paths and offices, employees with their
 * first placement, accounts that sign in, grants that give scope, statuses and punches that the reads find.
 */
describe('test factories', () => {
  let t: TestApp;
  let f: Factories;
  let root: UnitRef;
  let opd: UnitRef;
  let head: EmployeeRef;
  let staff: EmployeeRef;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    f = factories(t);
    root = await f.unit({ code: 'PEMPROV', name: 'Pemerintah Provinsi Uji' });
    opd = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
    const kepala = await f.position({ unit: opd, isHead: true });
    head = await f.employee({ unit: opd, position: kepala, name: 'Kepala Dinas' });
    staff = await f.employee({ unit: opd, superior: head, name: 'Staf Dinas' });
  });
  afterAll(() => t?.close());

  it('builds units under their parent, each with an office, through the org service (audited)', async () => {
    expect(opd.path).toBe(`${root.path}${opd.id}/`);
    const offices = await t.db.selectFrom('offices').select('unitId').execute();
    expect(offices.map((o) => o.unitId).sort()).toEqual([root.id, opd.id].sort());
    const audited = await t.db.selectFrom('auditLog').select('action').execute();
    expect(audited.filter((a) => a.action === 'unit.created')).toHaveLength(2);
  });

  it('builds employees with a valid NIP, their superior and their first placement', async () => {
    expect(staff.nip).toMatch(/^\d{18}$/);
    expect(staff.nip).not.toBe(head.nip);
    expect(staff.superiorId).toBe(head.id);
    const placement = await t.db
      .selectFrom('placements')
      .select(['unitId', 'superiorId', 'validTo'])
      .where('employeeId', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(placement).toEqual({ unitId: opd.id, superiorId: head.id, validTo: null });
  });

  it('builds PPPK employees with an NI PPPK and non-ASN staff with an internal number (their login)', async () => {
    const pppk = await f.employee({ unit: opd, employeeType: 'PPPK' });
    expect(pppk.nip).toMatch(/^\d{18}$/);
    expect(pppk.login).toBe(pppk.nip);
    const honorer = await f.employee({ unit: opd, employeeType: 'NON_ASN' });
    expect(honorer.nip).toBeNull();
    expect(honorer.login).toBe(honorer.internalId);
    expect(honorer.internalId).toMatch(/^UJI-\d+$/);
  });

  it('gives accounts that sign in with the demo password, and grants that give a scope', async () => {
    const account = await f.account(head);
    await f.grant(account, 'PIMPINAN', opd);
    const c = await login(t.app, head.login);
    expect(c.me.user.roles).toContainEqual(expect.objectContaining({ role: 'PIMPINAN', unitId: opd.id }));
    // Head of the staff member: an atasan by the org chart, not by a grant.
    expect(c.me.user.roles).toContainEqual(expect.objectContaining({ role: 'ATASAN' }));
    expect((await c.get(`/api/employees/${staff.id}`)).statusCode).toBe(200);
    const admin = await login(t.app, 'admin');
    expect(admin.me.user.roles).toContainEqual(
      expect.objectContaining({ role: 'SUPER_ADMIN', unitId: null }),
    );
  });

  it('stores day statuses and imports punches that the reads then show', async () => {
    await f.rulebooks();
    await f.dayStatuses(staff, [
      { localDate: '2026-01-12', code: 'H' },
      { localDate: '2026-01-13', code: 'TK' },
    ]);
    const { items } = await t.services.statuses.list((await f.admin()).actor, {
      employeeId: staff.id,
      from: '2026-01-12',
      to: '2026-01-13',
    });
    expect(items.map((d) => [d.localDate, d.code, d.provisional])).toEqual([
      ['2026-01-12', 'H', false],
      ['2026-01-13', 'TK', false],
    ]);
    const { imported } = await f.punches(staff, [
      { at: '2026-01-14 07:25:00' },
      { at: '2026-01-14 16:05:00', kind: 'OUT' },
    ]);
    expect(imported).toBe(2);
    const punches = await t.db
      .selectFrom('punches')
      .select(['kind', 'occurredAt', 'localDate'])
      .where('employeeId', '=', staff.id)
      .orderBy('occurredAt')
      .execute();
    expect(punches.map((p) => [p.kind, p.occurredAt.toISOString(), p.localDate])).toEqual([
      ['IN', '2026-01-14T00:25:00.000Z', '2026-01-14'],
      ['OUT', '2026-01-14T09:05:00.000Z', '2026-01-14'],
    ]);
  });
});
