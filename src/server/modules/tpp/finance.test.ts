/* eslint-disable @typescript-eslint/no-explicit-any */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { json, unchanged, type DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { buildRunsWorld, RUNS_MONTH } from '../../../../test/helpers/tpp-runs-world.ts';
import { PERMISSIONS } from '../../auth/authz.ts';
import { AMOUNT_COLUMNS } from './finance-nominative.ts';

/*
 * The TPP finance documents through real HTTP (issue 17 point 5, point 9 "a treasurer sees the nominative list but
 * cannot change a run"): DINKES February 2027 computed, its nominative list as KONSEP, the bank file refused before
 * BKD's approval, the treasurer recorded, the run approved (bank file: refused while a paid employee has no account,
 * then one row per paid employee summing to the run's net), locked (the list marked FINAL, signed by the head and
 * the treasurer); the recap per OPD. Every refusal changes nothing.
 */

let w: DisciplineWorld;
let runId: string;
const M = RUNS_MONTH;

beforeAll(async () => {
  w = await buildRunsWorld();
  runId = json(await w.c.adminOpd.post('/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 201).id;
}, 120_000);
afterAll(() => w?.t.close());

const nominative = (who: keyof DisciplineWorld['c'], format: 'xlsx' | 'pdf') =>
  w.c[who].get(`/api/tpp/runs/${runId}/nominative?format=${format}`);
const bankFile = (who: keyof DisciplineWorld['c']) => w.c[who].post(`/api/tpp/runs/${runId}/bank-file`);
const step = async (who: keyof DisciplineWorld['c'], action: string) =>
  json(await w.c[who].post(`/api/tpp/runs/${runId}/${action}`, {}));
const allLines = async () =>
  json(await w.c.bkd.get(`/api/tpp/runs/${runId}/lines?pageSize=200`)).items as any[];
const run = async () => json(await w.c.bkd.get(`/api/tpp/runs/${runId}`));

async function sheet(res: { rawPayload: Buffer }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as any);
  const ws = wb.worksheets[0]!;
  const rows: any[][] = [];
  ws.eachRow({ includeEmpty: true }, (r) => rows.push((r.values as any[]).slice(1)));
  return rows;
}
const pdfText = async (res: { rawPayload: Buffer }) =>
  (await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: true })).text;

describe('the nominative list (readers and the finance desk)', () => {
  it('a draft is marked KONSEP; every line and the totals row are the run’s to the rupiah', async () => {
    const res = await nominative('adminOpd', 'xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/nominatif-tpp-2027-02-.*-konsep\.xlsx/);
    const rows = await sheet(res);
    expect(String(rows[0]![0])).toMatch(/DAFTAR NOMINATIF TAMBAHAN PENGHASILAN PEGAWAI DINAS KESEHATAN/);
    expect(rows[1]![0]).toBe('Bulan Februari 2027');
    expect(String(rows[2]![0])).toMatch(/^KONSEP/);
    const h = rows.findIndex((r) => r[1] === 'NIP');
    const header = rows[h]!;
    expect(header.slice(0, 6)).toEqual(['No', 'NIP', 'Nama', 'Gol.', 'Jabatan', 'Kelas']);
    expect(header.slice(6, 17)).toEqual([
      'TPP dasar',
      'Kinerja',
      'Disiplin',
      'Potongan',
      'Potongan hukdis',
      'TPP bruto',
      'BPJS 4% (pemda)',
      'BPJS 1% (pegawai)',
      'PPh',
      'Koreksi',
      'TPP bersih',
    ]);
    expect(header.slice(17)).toEqual(['Bank', 'No. rekening', 'Keterangan']);
    const lines = await allLines();
    const body = rows.slice(h + 1, h + 1 + lines.length);
    const byName = new Map(lines.map((l) => [l.name, l]));
    for (const r of body) {
      const l = byName.get(r[2])!;
      expect(l, String(r[2])).toBeDefined();
      AMOUNT_COLUMNS.forEach((c, i) => expect(r[6 + i], `${l.name} ${c.key}`).toBe(l[c.key]));
      if (l.excluded) {
        expect(r[16]).toBe(0);
        expect(String(r[19])).not.toBe('');
      }
    }
    const pegawai = body.find(
      (r) => r[2] === byName.get(lines.find((l) => l.employeeId === w.e.pegawai.id)!.name)!.name,
    )!;
    expect(pegawai.slice(17, 19)).toEqual(['Bank Jateng', '1234567890']);
    const honorer = lines.find((l) => l.employeeId === w.e.honorer.id)!;
    expect(honorer.excluded).toBe(true);
    const totals = rows[h + 1 + lines.length]!;
    expect(totals[2]).toBe('JUMLAH');
    const r = await run();
    AMOUNT_COLUMNS.forEach((c, i) => {
      expect(totals[6 + i], c.key).toBe(r.totals.amounts[c.key]);
      expect(lines.reduce((s, l) => s + l[c.key], 0)).toBe(r.totals.amounts[c.key]);
    });
  });

  it('the employee, the superior and another OPD’s admin do not get it', async () => {
    for (const who of ['pegawai', 'kasi', 'adminOther'] as const)
      expect((await nominative(who, 'xlsx')).statusCode).toBe(404);
    expect((await nominative('insp', 'pdf')).statusCode).toBe(200);
  });
});

describe('the bank file and the treasurer', () => {
  it('before BKD’s approval the bank file is refused with the reason, nothing written', async () => {
    const e = await unchanged(w.t, () => bankFile('adminOpd'), 409);
    expect(e.error.message).toMatch(
      /hanya dapat dibuat setelah TPP disetujui BKD; status TPP Dinas Kesehatan/,
    );
    await unchanged(w.t, () => bankFile('insp'), 403);
    await unchanged(w.t, () => bankFile('pegawai'), 404);
    await unchanged(w.t, () => bankFile('adminOther'), 404);
  });

  it('admin OPD records the treasurer (an employee of the OPD); others are refused', async () => {
    const url = `/api/tpp/treasurers/${w.u.dinkes.id}`;
    const put = (who: keyof DisciplineWorld['c'], employeeId: string) =>
      w.c[who].request({ method: 'PUT', url, payload: { employeeId, decree: 'SK 900/12/2027' } });
    expect(json(await w.c.adminOpd.get(url))).toMatchObject({ treasurer: null, canSet: true });
    await unchanged(w.t, () => put('adminOther', w.e.rekan.id), 404);
    await unchanged(w.t, () => put('insp', w.e.rekan.id), 403);
    await unchanged(w.t, () => put('adminOpd', w.e.other.id), 400);
    const set = json(await put('adminOpd', w.e.rekan.id));
    expect(set.treasurer).toMatchObject({
      employeeId: w.e.rekan.id,
      decree: 'SK 900/12/2027',
      inherited: false,
    });
    const sub = json(await w.c.insp.get(`/api/tpp/treasurers/${w.u.seksi.id}`));
    expect(sub).toMatchObject({ canSet: false, treasurer: { employeeId: w.e.rekan.id, inherited: true } });
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'tpp_treasurer')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['tpp_treasurer.set']);
  });

  it('read and pay rights never take a lifecycle step: the steps are gated by tpp.run / tpp.manage / the head', async () => {
    // tpp.pay is granted to no role beyond those that already run TPP, and no step consults it.
    for (const r of PERMISSIONS['tpp.pay']) expect(PERMISSIONS['tpp.run']).toContain(r);
    for (const f of ['runs-lifecycle.ts', 'runs-compute.ts', 'runs-engine.ts'])
      expect(readFileSync(new URL(`./${f}`, import.meta.url), 'utf8')).not.toMatch(/tpp\.pay/);
    // A reader (Inspektorat) who gets the list and the treasurer cannot re-run or step the run.
    await unchanged(w.t, () => w.c.insp.post('/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 403);
    for (const s of ['check', 'publish', 'approve-opd', 'approve', 'lock'])
      await unchanged(w.t, () => w.c.insp.post(`/api/tpp/runs/${runId}/${s}`, {}), 403);
  });

  it('once approved: refused while a paid employee has no account, then one row per paid employee', async () => {
    await step('adminOpd', 'check');
    await step('adminOpd', 'publish');
    await w.setNow('2027-03-19T02:00:00Z');
    await w.relogin();
    await step('kadis', 'approve-opd');
    await step('bkd', 'approve');
    const missing = await unchanged(w.t, () => bankFile('adminOpd'), 409);
    expect(missing.error.message).toMatch(/pegawai belum memiliki rekening bank: /);
    const lines = await allLines();
    const paid = lines.filter((l) => !l.excluded && l.net > 0);
    expect(missing.error.details.employees).toHaveLength(paid.length - 1);
    await w.t.db
      .insertInto('employeeBankAccounts')
      .values(
        paid
          .filter((l) => l.employeeId !== w.e.pegawai.id)
          .map((l, i) => ({
            employeeId: l.employeeId,
            bankName: 'Bank BJB',
            accountNumber: `00012345${i}`,
            accountHolder: l.name,
            npwp: null,
            updatedBy: w.admin.userId,
          })),
      )
      .execute();
    const res = await bankFile('bkd');
    expect(res.statusCode, res.body).toBe(200);
    const csv = res.body.trimEnd().split('\r\n');
    expect(csv[0]).toBe(
      'No,Nama Bank,Nomor Rekening,Nama Pemilik Rekening,Jumlah,NIP,Nama Pegawai,Referensi',
    );
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(paid.length);
    const sum = rows.reduce((s, r) => s + Number(r[4]), 0);
    expect(sum).toBe(paid.reduce((s, l) => s + l.net, 0));
    expect(sum).toBe((await run()).totals.amounts.net);
    for (const r of rows) expect(Number.isInteger(Number(r[4])) && Number(r[4]) > 0).toBe(true);
    const p = rows.find((r) => r[2] === '1234567890')!;
    expect(p[1]).toBe('Bank Jateng');
    expect(p[7]).toMatch(/^TPP 2027-02 /);
    expect(Number(p[4])).toBe(lines.find((l) => l.employeeId === w.e.pegawai.id)!.net);
    expect(rows.some((r) => r[2] === '000123450')).toBe(true); // leading zeros kept
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('action', '=', 'tpp_run.bank_file')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ rows: paid.length, sum });
  });

  it('locked: the PDF is FINAL, with the totals and the signatures of the head and the treasurer', async () => {
    await step('bkd', 'lock');
    const res = await nominative('adminOpd', 'pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res);
    expect(text).toMatch(/FINAL/);
    expect(text).not.toMatch(/KONSEP/);
    expect(text).toMatch(/Bulan Februari 2027/);
    const r = await run();
    const dots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(text).toContain(dots(r.totals.amounts.net));
    expect(text).toContain(dots(r.totals.amounts.gross));
    expect(text).toMatch(/Mengetahui/);
    expect(text).toMatch(/Bendahara Pengeluaran/);
    const names = await w.t.db
      .selectFrom('employees')
      .select(['id', 'name'])
      .where('id', 'in', [w.e.kadis.id, w.e.rekan.id])
      .execute();
    for (const n of names) expect(text).toContain(n.name);
    const x = await sheet(await nominative('bkd', 'xlsx'));
    expect(String(x[2]![0])).toMatch(/^FINAL/);
  });
});

describe('the recap per OPD (BKD, readers in scope)', () => {
  it('one row per OPD run with the run’s totals and the pagu used; scoped; as XLSX', async () => {
    await w.t.db
      .insertInto('tppBudgets')
      .values({
        unitId: w.u.dinkes.id,
        year: 2027,
        amount: 1_000_000_000,
        reference: 'DPA',
        updatedBy: w.admin.userId,
      })
      .execute();
    const r = await run();
    const recap = json(await w.c.bkd.get(`/api/tpp/finance/recap?month=${M}`));
    const row = recap.rows.find((x: any) => x.runId === runId);
    expect(row).toMatchObject({
      unitName: 'Dinas Kesehatan',
      status: 'DIKUNCI',
      employees: r.totals.employees,
      paid: r.totals.paid,
      excluded: r.totals.excluded,
      base: r.totals.amounts.base,
      net: r.totals.amounts.net,
      bpjsEmployer: r.totals.amounts.bpjsEmployer,
      byCause: r.totals.byCause,
      budget: 1_000_000_000,
      usedToDate: r.totals.amounts.gross,
    });
    expect(row.usedPercent).toBe(Math.round((r.totals.amounts.gross * 1000) / 1_000_000_000) / 10);
    expect(json(await w.c.adminOther.get(`/api/tpp/finance/recap?month=${M}`)).rows).toEqual([]);
    expect(json(await w.c.pegawai.get(`/api/tpp/finance/recap?month=${M}`)).rows).toEqual([]);
    const x = await sheet(await w.c.bkd.get(`/api/tpp/finance/recap/export?month=${M}&format=xlsx`));
    expect(x[0]!.slice(0, 3)).toEqual(['Kode OPD', 'OPD', 'Status']);
    const dinkes = x.find((c) => c[1] === 'Dinas Kesehatan')!;
    expect(dinkes[x[0]!.indexOf('TPP bersih')]).toBe(r.totals.amounts.net);
    expect(x.at(-1)![1]).toBe('JUMLAH');
  });
});
