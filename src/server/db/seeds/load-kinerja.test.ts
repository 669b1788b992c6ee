import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../../test/helpers/test-app.ts';
import { pickDemoLogins } from './demo-data.ts';
import { loadDemoKinerja } from './load-kinerja.ts';

/*
 * The e-Kinerja demo (loaded with the history by `npm start`) on the bare demo province: approved SKP with the
 * cascade in the pegawai's OPD, accepted and pending reports of the last working days, one approved evaluation.
 * Today: Tuesday 10 February 2026 (national rulebook: quarterly, so the evaluation is Triwulan IV 2025).
 */
describe('e-Kinerja demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-10T03:30:00Z' });
    await t.services.rulebooks.syncRepoRulebooks();
  });
  afterAll(() => t?.close());

  it('writes the cascade, recent reports and one approved evaluation', async () => {
    const before = await t.db.selectFrom('auditLog').select('id').execute();
    const s = await loadDemoKinerja(t.db, t.demo, { today: '2026-02-10', config: t.config });
    expect(s.skp).toBeGreaterThanOrEqual(3);
    expect(s.evaluations).toBe(1);
    const skp = await t.db.selectFrom('skp').select(['status', 'year']).execute();
    expect(new Set(skp.map((x) => x.status))).toEqual(new Set(['APPROVED']));
    const dangling = await t.db
      .selectFrom('skpRhk as r')
      .innerJoin('skp as s', 's.id', 'r.skpId')
      .select('r.id')
      .where('r.intervenesRhkId', 'is', null)
      .where('r.penugasanDari', 'is', null)
      .execute();
    expect(dangling).toEqual([]);
    const reports = await t.db.selectFrom('dailyReports').select(['status', 'reportDate']).execute();
    expect(reports.some((r) => r.status === 'ACCEPTED')).toBe(true);
    expect(reports.some((r) => r.status === 'SUBMITTED')).toBe(true);
    expect(reports.every((r) => r.reportDate < '2026-02-10' && r.reportDate >= '2026-02-03')).toBe(true);
    const ev = await t.db.selectFrom('evaluations').selectAll().executeTakeFirstOrThrow();
    expect(ev).toMatchObject({
      status: 'APPROVED',
      predikat: 'BAIK',
      periodStart: '2025-10-01',
      label: 'Triwulan IV 2025',
    });
    // Rows only: no audit entries, nothing else counted differently.
    expect(await t.db.selectFrom('auditLog').select('id').execute()).toHaveLength(before.length);

    // The export shows it to the admin OPD of the pegawai's OPD.
    const pegawai = pickDemoLogins(t.demo).pegawai[0]!;
    const admin = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'BAPENDA');
    const c = await login(t.app, admin!.nip!);
    const res = await c.get('/api/kinerja/export/skp?year=2026&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(pegawai.nip!);
  });
});
