import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { addBulkUnit } from './bulk-fixture.ts';

/*
 * No request stalls the others: while a PDF and an XLSX export of a unit of 8,000 employees run as jobs (their
 * rendering in worker threads, their rows read here in pages), health checks and check-ins are answered. The
 * assertion is about order, not time: every one of the rounds below is answered while the PDF job is still
 * running. Under the old synchronous export the first health check would only be answered after the export had
 * been built. (The 50,000-employee figures, with latencies, are in `npm run bench:export`.)
 */
const N = 8000;
const ROUNDS = 10;

describe('health and check-ins during large exports', () => {
  let t: TestApp;
  let dataDir: string;
  let adminDinkes: Client;
  let staff: Client[];
  let unitId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-load-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir, LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    ({ unitId } = await addBulkUnit(t.db, {
      code: 'BULK-LOAD',
      parentCode: 'DINKES',
      employees: N,
      month: '2026-01',
    }));
    const grant = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!;
    adminDinkes = await login(t.app, grant.nip!);
    const grantNips = new Set(t.demo.roleGrants.map((g) => g.nip));
    const plain = t.demo.employees.filter((e) => e.nip && !grantNips.has(e.nip)).slice(0, 3);
    staff = await Promise.all(plain.map((e) => login(t.app, e.nip!)));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const state = async (id: string) =>
    (await t.db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

  it('every health check and check-in of ten rounds is answered before the PDF export has finished', async () => {
    const start = (format: string) =>
      adminDinkes.post(`/api/recap/export-jobs?unitId=${unitId}&month=2026-01&format=${format}`);
    const pdf = await start('pdf');
    const xlsx = await start('xlsx');
    expect([pdf.statusCode, xlsx.statusCode]).toEqual([202, 202]);
    const pdfId = pdf.json().id as string;
    const xlsxId = xlsx.json().id as string;

    let seq = 0;
    const answeredWhileRunning: boolean[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const responses = await Promise.all([
        t.app.inject({ method: 'GET', url: '/api/health' }),
        ...staff.map((c) =>
          c.post('/api/attendance/punches', {
            idempotencyKey: `load-${round}-${++seq}-${Math.random().toString(36).slice(2)}`,
            kind: 'IN',
            location: { lat: -6.12, lon: 106.15, accuracyM: 10 },
          }),
        ),
      ]);
      for (const r of responses) expect([200, 201], r.body).toContain(r.statusCode);
      // Read once every answer of the round is in: the PDF job is still at work.
      answeredWhileRunning.push(['queued', 'running'].includes(await state(pdfId)));
    }
    expect(answeredWhileRunning).toEqual(Array(ROUNDS).fill(true));

    // Both exports finish, with every row.
    for (const id of [pdfId, xlsxId]) {
      for (let i = 0; i < 1200 && ['queued', 'running'].includes(await state(id)); i++)
        await new Promise((r) => setTimeout(r, 50));
      const job = (await adminDinkes.get(`/api/jobs/${id}`)).json();
      expect(job, JSON.stringify(job.error)).toMatchObject({ state: 'done', progress: 100 });
      expect(job.fileBytes).toBeGreaterThan(N * 20);
    }
  }, 120_000);
});
