import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { loadRulebookFiles } from './rulebook-files.ts';

describe('rulebook API (read, validate, draft, activate with audit)', () => {
  let t: TestApp;
  let bkd: Client;
  let admin: Client;
  let pegawai: Client;
  let national: Awaited<ReturnType<typeof loadRulebookFiles>>[number];

  beforeAll(async () => {
    t = await createTestApp();
    expect(await t.services.rulebooks.syncRepoRulebooks()).toBe(4);
    expect(await t.services.rulebooks.syncRepoRulebooks()).toBe(0);
    const bkdGrant = t.demo.roleGrants.find((g) => g.role === 'BKD' && g.nip)!;
    bkd = await login(t.app, bkdGrant.nip!);
    admin = await login(t.app, 'admin');
    const plain = t.demo.employees.find(
      (e) =>
        e.nip &&
        !t.demo.roleGrants.some((g) => g.nip === e.nip) &&
        !t.demo.employees.some((s) => s.superiorNip === e.nip),
    )!;
    pegawai = await login(t.app, plain.nip!);
    national = (await loadRulebookFiles()).find((r) => r.meta.id === 'national')!;
  });
  afterAll(() => t.close());

  it('lists the repo rulebooks as active versions', async () => {
    const res = await bkd.get('/api/rulebooks');
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((r: { rulebookId: string; status: string }) => `${r.rulebookId}:${r.status}`);
    expect(ids).toEqual(
      expect.arrayContaining(['national:active', 'regional-60-40:active', 'regional-40-60:active']),
    );
  });

  it('refuses a plain employee', async () => {
    expect((await pegawai.get('/api/rulebooks')).json().error.code).toBe('FORBIDDEN');
  });

  it('validates a document and reports every issue with its path', async () => {
    const broken = structuredClone(national) as unknown as {
      attendance: { lateBands: { fromMinute: number }[] };
      meta: { legalBasis: unknown[] };
    };
    broken.meta.legalBasis = [];
    const res = await bkd.post('/api/rulebooks/validate', broken);
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(false);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain('meta.legalBasis');
    const ok = await bkd.post('/api/rulebooks/validate', national);
    expect(ok.json()).toEqual({ ok: true, issues: [] });
  });

  it('saves a draft, activates it, closes the previous version the day before, and audits both', async () => {
    const next = structuredClone(national);
    next.meta = {
      ...next.meta,
      id: 'national-2027',
      version: '2027.1',
      effectiveFrom: '2027-01-01',
      effectiveTo: null,
    };
    const draft = await bkd.post('/api/rulebooks', next);
    expect(draft.statusCode).toBe(201);
    expect(draft.json().status).toBe('draft');
    expect((await bkd.post('/api/rulebooks', next)).json().error.code).toBe('CONFLICT');

    // Before activation the old version still answers for 2027.
    expect(
      (await bkd.get('/api/rulebooks/resolve?region=' + national.meta.region + '&date=2027-03-01')).json()
        .rulebookId,
    ).toBe('national');
    const act = await bkd.post(`/api/rulebooks/${draft.json().id}/activate`);
    expect(act.statusCode).toBe(200);
    expect(act.json().status).toBe('active');
    const before = await bkd.get(`/api/rulebooks/resolve?region=${national.meta.region}&date=2026-12-31`);
    const after = await bkd.get(`/api/rulebooks/resolve?region=${national.meta.region}&date=2027-01-01`);
    expect(before.json()).toMatchObject({ rulebookId: 'national', effectiveTo: '2026-12-31' });
    expect(after.json().rulebookId).toBe('national-2027');
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('entityType', '=', 'rulebook')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.entityId}`)).toEqual(
      expect.arrayContaining([
        'rulebook.draft_created:national-2027',
        'rulebook.closed:national',
        'rulebook.activated:national-2027',
      ]),
    );
    expect((await bkd.post(`/api/rulebooks/${draft.json().id}/activate`)).json().error.code).toBe('CONFLICT');
  });

  it('rejects an invalid draft with 400 and the issue list, writing nothing', async () => {
    const count = async () => (await t.db.selectFrom('rulebookVersions').select('id').execute()).length;
    const n = await count();
    const bad = structuredClone(national);
    bad.meta = { ...bad.meta, id: 'bad-one', effectiveFrom: '2028-02-30' };
    const res = await admin.post('/api/rulebooks', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(Array.isArray(res.json().error.details)).toBe(true);
    expect(await count()).toBe(n);
  });

  it('refuses activation by a role without rulebook.write', async () => {
    const adminOpd = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.nip)!;
    const c = await login(t.app, adminOpd.nip!);
    const list = (await c.get('/api/rulebooks')).json();
    expect((await c.post(`/api/rulebooks/${list[0].id}/activate`)).statusCode).toBe(403);
  });

  it('answers 404 with a clear reason when no version covers the date', async () => {
    const res = await bkd.get(`/api/rulebooks/resolve?region=${national.meta.region}&date=1990-01-01`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/berlaku/);
  });
});
