import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { sql } from 'kysely';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { formatNip } from '../../../core/people/nip.ts';
import { addBulkUnit } from './bulk-fixture.ts';

/*
 * A job's life through the HTTP API: started with 202 after the same scope check as the direct download
 * (a refused start writes no row), polled until done with its progress, downloaded by its owner only (anyone
 * else gets 404, for the state and the file), the file opened and its content checked (ExcelJS, unpdf, CSV),
 * and the file deleted once past JOB_FILE_TTL_HOURS. Rows of a generated unit of 1,200 employees.
 */
const N = 1200;

describe('export jobs', () => {
  let t: TestApp;
  let dataDir: string;
  let admin: Client;
  let adminDinkes: Client;
  let adminBapenda: Client;
  let bulk: Awaited<ReturnType<typeof addBulkUnit>>;

  const jobRows = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from jobs`.execute(t.db)).rows[0]!.n;

  /** Poll a job until it is no longer queued or running; returns every state seen and the last body. */
  async function settle(c: Client, id: string) {
    const seen: { state: string; progress: number }[] = [];
    for (let i = 0; i < 600; i++) {
      const res = await c.get(`/api/jobs/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const job = res.json();
      seen.push({ state: job.state, progress: job.progress });
      if (job.state !== 'queued' && job.state !== 'running') return { job, seen };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('job did not finish');
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'abdi-jobs-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir, JOB_FILE_TTL_HOURS: '1' } });
    bulk = await addBulkUnit(t.db, {
      code: 'BULK-JOBS',
      parentCode: 'DINKES',
      employees: N,
      month: '2026-01',
    });
    admin = await login(t.app, 'admin');
    const grant = (code: string) =>
      t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === code)!;
    adminDinkes = await login(t.app, grant('DINKES').nip!);
    adminBapenda = await login(t.app, grant('BAPENDA').nip!);
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a recap XLSX job: 202, progress up to 100, the owner downloads a workbook with every row', async () => {
    const start = await adminDinkes.post(
      `/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-01&format=xlsx`,
    );
    expect(start.statusCode, start.body).toBe(202);
    const started = start.json();
    expect(started).toMatchObject({
      kind: 'recap-unit-xlsx',
      state: 'queued',
      progress: 0,
      downloadUrl: null,
    });
    expect(started.fileName).toBe('rekap-BULK-JOBS-2026-01.xlsx');

    const { job, seen } = await settle(adminDinkes, started.id);
    expect(job, JSON.stringify(job.error)).toMatchObject({ state: 'done', progress: 100, error: null });
    expect(job.downloadUrl).toBe(`/api/jobs/${started.id}/download`);
    // Progress never goes back.
    const progress = seen.map((s) => s.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const file = await adminDinkes.get(job.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain('rekap-BULK-JOBS-2026-01.xlsx');
    expect(Number(file.headers['content-length'])).toBe(job.fileBytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Rekap')!;
    expect(ws.getCell('A1').value).toBe('REKAPITULASI KEHADIRAN PEGAWAI');
    expect(String(ws.getCell('A2').value)).toBe('Unit Kerja: Unit Uji Massal BULK-JOBS');
    expect((ws.getRow(6).values as unknown[]).slice(1, 6)).toEqual([
      'No',
      'Nama / NIP',
      'Jabatan',
      'HK',
      'H',
    ]);
    // One row per employee, numbered 1..N in order, each with its generated figures.
    const last = ws.getRow(6 + N);
    expect(last.getCell(1).value).toBe(N);
    expect(ws.getRow(7 + N).getCell(1).value ?? null).toBeNull();
    const first = ws.getRow(7);
    expect(String(first.getCell(2).value)).toBe(`Pegawai Massal 0001\n${formatNip(bulk.nipOf(1))}`);
    expect([first.getCell(4).value, first.getCell(5).value, first.getCell(14).value]).toEqual([21, 19, 2]);
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('Mengetahui,');
  });

  it('PDF and CSV jobs render every row (unpdf text, CSV records)', async () => {
    const pdfStart = (
      await adminDinkes.post(`/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-01&format=pdf`)
    ).json();
    const csvStart = (
      await adminDinkes.post(`/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-01&format=csv`)
    ).json();
    const pdfJob = (await settle(adminDinkes, pdfStart.id)).job;
    const csvJob = (await settle(adminDinkes, csvStart.id)).job;
    expect([pdfJob.state, csvJob.state]).toEqual(['done', 'done']);

    const pdf = await adminDinkes.get(pdfJob.downloadUrl);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    // 22 points per row on an A4 landscape page: more than 40 pages for 1,200 rows.
    expect(doc.numPages).toBeGreaterThan(40);
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain('REKAPITULASI KEHADIRAN PEGAWAI');
    expect(text).toContain('Pegawai Massal 0001');
    expect(text).toContain(`Pegawai Massal ${String(N).padStart(4, '0')}`);
    expect(text).toMatch(/TL1\s+TL2\s+TL3\s+TL4/);
    expect(text).toContain('Mengetahui,');

    const csv = await adminDinkes.get(csvJob.downloadUrl);
    const records: string[][] = parse(csv.body, { bom: true });
    expect(records).toHaveLength(N + 1);
    const head = records[0]!;
    // The code columns are those that occur (H and TK in the generated rows), between HK and TL1.
    expect(head.slice(5, 9)).toEqual(['HK', 'H', 'TK', 'TL1']);
    const row = records.find((r) => r[1] === bulk.nipOf(7))!;
    expect([row[2], row[head.indexOf('H')], row[head.indexOf('Menit terlambat')]]).toEqual([
      'Pegawai Massal 0007',
      '19',
      String(7 % 60),
    ]);
  });

  it('only the owner sees and downloads a job: 404 for anyone else, the list holds only one’s own', async () => {
    const started = (
      await adminDinkes.post(`/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-01&format=csv`)
    ).json();
    await settle(adminDinkes, started.id);
    for (const other of [admin, adminBapenda]) {
      const get = await other.get(`/api/jobs/${started.id}`);
      expect(get.statusCode).toBe(404);
      expect(get.json().error.code).toBe('NOT_FOUND');
      const dl = await other.get(`/api/jobs/${started.id}/download`);
      expect(dl.statusCode).toBe(404);
      expect(dl.json()).toMatchObject({ error: { code: 'NOT_FOUND' }, requestId: expect.any(String) });
      expect((await other.get('/api/jobs')).json().items.map((j: { id: string }) => j.id)).not.toContain(
        started.id,
      );
    }
    expect((await adminDinkes.get('/api/jobs')).json().items.map((j: { id: string }) => j.id)).toContain(
      started.id,
    );
    expect((await adminDinkes.get(`/api/jobs/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('a start outside the caller’s scope is 403 and writes no job row', async () => {
    const before = await jobRows();
    const res = await adminBapenda.post(
      `/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-01&format=pdf`,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const bad = await adminDinkes.post(
      `/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-13&format=pdf`,
    );
    expect(bad.statusCode).toBe(400);
    expect(await jobRows()).toBe(before);
  });

  it('employee list and punch history jobs: the same filters and scope as the list', async () => {
    const emp = await adminDinkes.post(`/api/employees/export-jobs?format=xlsx&unitId=${bulk.unitId}`);
    expect(emp.statusCode, emp.body).toBe(202);
    const empJob = (await settle(adminDinkes, emp.json().id)).job;
    expect(empJob.state).toBe('done');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await adminDinkes.get(empJob.downloadUrl)).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('NIP');
    expect(ws.actualRowCount - 1).toBe(N);
    // Outside her scope the list is empty: the export holds the header only.
    const other = await adminBapenda.post(`/api/employees/export-jobs?format=csv&unitId=${bulk.unitId}`);
    const otherJob = (await settle(adminBapenda, other.json().id)).job;
    const otherCsv = await adminBapenda.get(otherJob.downloadUrl);
    expect(
      otherCsv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);

    const punches = await adminDinkes.post('/api/attendance/punches/export-jobs?format=csv');
    expect(punches.statusCode, punches.body).toBe(202);
    const punchJob = (await settle(adminDinkes, punches.json().id)).job;
    const list = (await adminDinkes.get('/api/attendance/punches?pageSize=1')).json();
    const rows: string[][] = parse((await adminDinkes.get(punchJob.downloadUrl)).body, { bom: true });
    expect(rows[0]!.slice(0, 3)).toEqual(['Tanggal', 'Jam', 'NIP']);
    expect(rows.length - 1).toBe(list.total);
  });

  it('a download before the job is done is 409; after JOB_FILE_TTL_HOURS the file is deleted (404)', async () => {
    const started = (
      await adminDinkes.post(`/api/recap/export-jobs?unitId=${bulk.unitId}&month=2026-01&format=pdf`)
    ).json();
    const early = await adminDinkes.get(`/api/jobs/${started.id}/download`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CONFLICT');
    const { job } = await settle(adminDinkes, started.id);
    const filePath = path.join(dataDir, 'jobs', `${started.id}.pdf`);
    expect((await stat(filePath)).size).toBe(job.fileBytes);

    await t.services.jobs.sweep();
    expect((await adminDinkes.get(job.downloadUrl)).statusCode).toBe(200);
    t.clock.advance(3600_000 + 1000);
    await t.services.jobs.sweep();
    const gone = await adminDinkes.get(job.downloadUrl);
    expect(gone.statusCode).toBe(404);
    expect((await adminDinkes.get(`/api/jobs/${started.id}`)).json()).toMatchObject({
      state: 'expired',
      downloadUrl: null,
    });
    expect((await readdir(path.join(dataDir, 'jobs'))).includes(`${started.id}.pdf`)).toBe(false);
  });
});
