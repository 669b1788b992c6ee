import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import {
  factories,
  type EmployeeRef,
  type Factories,
  type UnitRef,
} from '../../../../test/factories/index.ts';
import { SKP_IMPORT_COLUMNS } from './interchange-columns.ts';
import {
  KINERJA_EVALUATION_EXPORT_HEADERS,
  KINERJA_SKP_EXPORT_HEADERS,
} from '../../../shared/api/kinerja-interchange.ts';

/*
 * e-Kinerja interchange (issue 15 point 7) through the API on a small built province: Dinas A (head + two staff,
 * an admin OPD of Dinas A) and Dinas B (head + one staff). Clock: 10 March 2026.
 */

type Row = Partial<Record<(typeof SKP_IMPORT_COLUMNS)[number]['name'], string>>;

async function xlsxOf(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('SKP');
  const names = SKP_IMPORT_COLUMNS.map((c) => c.name);
  ws.addRow(names);
  for (const r of rows) ws.addRow(names.map((n) => r[n] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function cellsOf(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const vals = row.values as unknown[];
    out.push(vals.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

describe('kinerja interchange', () => {
  let t: TestApp;
  let f: Factories;
  let opdA: UnitRef;
  let opdB: UnitRef;
  let headA: EmployeeRef;
  let staff1: EmployeeRef;
  let staff2: EmployeeRef;
  let staffB: EmployeeRef;
  let admin: Client;
  let adminB: Client;
  let plain: Client;

  const base = (nip: string, extra: Row = {}): Row => ({
    nip,
    tahun: '2026',
    periode_mulai: '01/01/2026',
    periode_selesai: '31/12/2026',
    pendekatan: 'Kuantitatif',
    jenis_rhk: 'Utama',
    no_rhk: '1',
    rhk: 'RHK pegawai',
    indikator: 'Jumlah dokumen',
    aspek: 'Kuantitas',
    target_min: '12',
    target_max: '12',
    satuan: 'dokumen',
    ...extra,
  });
  const headRows = (): Row[] => [
    base(headA.nip!, {
      rhk: 'Meningkatnya kualitas pelayanan kesehatan',
      penugasan_dari: 'Perjanjian Kinerja Dinas A 2026',
      indikator: 'Indeks kepuasan masyarakat',
      aspek: 'Kualitas',
      target_min: '80',
      target_max: '85',
      satuan: 'indeks',
    }),
    base(headA.nip!, {
      rhk: 'Meningkatnya kualitas pelayanan kesehatan',
      penugasan_dari: 'Perjanjian Kinerja Dinas A 2026',
      indikator: 'Laporan kinerja tepat waktu',
      aspek: 'Waktu',
      target_min: '12',
      target_max: '',
      satuan: 'bulan',
    }),
  ];
  const staffRows = (): Row[] => [
    base(staff1.nip!, { rhk: 'Tersusunnya laporan pelayanan', no_rhk_atasan: '1' }),
    base(staff1.nip!, {
      jenis_rhk: 'Tambahan',
      no_rhk: '2',
      rhk: 'Terlaksananya survei kepuasan',
      rhk_atasan: 'meningkatnya kualitas  pelayanan kesehatan',
      indikator: 'Survei terlaksana',
      target_min: '2',
      target_max: '',
      satuan: 'kegiatan',
    }),
  ];

  const upload = (c: Client, buf: Buffer, dryRun?: string, name = 'skp.xlsx') => {
    const mp = multipart(dryRun === undefined ? {} : { dryRun }, { field: 'file', name, content: buf });
    return c.request({
      method: 'POST',
      url: '/api/kinerja/import/skp',
      payload: mp.payload,
      headers: mp.headers,
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2026-03-10T02:00:00Z' });
    f = factories(t);
    await f.rulebooks();
    const root = await f.unit({ code: 'PROV', name: 'Provinsi Uji' });
    opdA = await f.unit({ code: 'DINA', name: 'Dinas A', kind: 'OPD', parent: root });
    opdB = await f.unit({ code: 'DINB', name: 'Dinas B', kind: 'OPD', parent: root });
    const kepA = await f.position({ unit: opdA, isHead: true, kind: 'JPT_PRATAMA', name: 'Kepala Dinas A' });
    const kepB = await f.position({ unit: opdB, isHead: true, kind: 'JPT_PRATAMA', name: 'Kepala Dinas B' });
    const pelA = await f.position({ unit: opdA, kind: 'PELAKSANA', name: 'Pengelola Data' });
    headA = await f.employee({ unit: opdA, position: kepA, name: 'Kepala A' });
    staff1 = await f.employee({ unit: opdA, position: pelA, superior: headA, name: 'Staf Satu' });
    staff2 = await f.employee({ unit: opdA, position: pelA, superior: headA, name: 'Staf Dua' });
    const headB = await f.employee({ unit: opdB, position: kepB, name: 'Kepala B' });
    staffB = await f.employee({ unit: opdB, superior: headB, name: 'Staf B' });
    const adminEmp = await f.employee({ unit: opdA, superior: headA, name: 'Admin A' });
    const acc = await f.account(adminEmp);
    await f.grant(acc, 'ADMIN_OPD', opdA);
    const accB = await f.account(staffB);
    await f.grant(accB, 'ADMIN_OPD', opdB);
    await f.account(staff2);
    admin = await login(t.app, acc.username);
    adminB = await login(t.app, accB.username);
    plain = await login(t.app, staff2.login);
  });
  afterAll(() => t?.close());

  it('downloads the template with the documented columns and an example row', async () => {
    const res = await admin.get('/api/kinerja/import/skp/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const cells = await cellsOf(res.rawPayload);
    expect(cells[0]).toEqual(SKP_IMPORT_COLUMNS.map((c) => c.name));
    expect(cells[1]![0]).toBe('198503122010011003');
    const csv = await admin.get('/api/kinerja/import/skp/template?format=csv');
    expect(csv.body).toContain('nip,tahun,periode_mulai');
    expect((await plain.get('/api/kinerja/import/skp/template')).statusCode).toBe(403);
  });

  it('reports every bad row with its line and reason on a dry run, writing nothing', async () => {
    const buf = await xlsxOf([
      ...headRows(), // lines 2–3
      ...staffRows(), // lines 4–5
      base('199001012020121001'), // 6: unknown NIP
      base(staffB.nip!, { no_rhk_atasan: '1' }), // 7: outside the admin's scope
      base(staff2.nip!, { no_rhk_atasan: '1', target_min: 'dua belas', target_max: '' }), // 8: not a number
      base(staff2.nip!, { no_rhk_atasan: '1', no_rhk: '2', rhk: 'Lain', target_min: '-3', target_max: '' }), // 9
      base(staff2.nip!, { no_rhk: '3', rhk: 'RHK tiga', no_rhk_atasan: '9' }), // 10: superior RHK 9 missing
      base(staff2.nip!, { no_rhk: '4', rhk: 'RHK empat', no_rhk_atasan: '1' }), // 11
      base(staff2.nip!, { no_rhk: '4', rhk: 'RHK yang lain', no_rhk_atasan: '1' }), // 12: duplicate number
      base(staff2.nip!, { no_rhk: '5', rhk: 'Tanpa cascade' }), // 13: intervenes nothing
    ]);
    const before = await dbFingerprint(t.db);
    const res = await upload(admin, buf);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ dryRun: true, committed: false, totalRows: 12, importId: null });
    const by = (line: number) => r.errors.filter((e: { line: number }) => e.line === line);
    expect(by(6)[0].message).toMatch(/tidak dikenal/);
    expect(by(7)[0].message).toMatch(/di luar lingkup/);
    expect(by(8)[0]).toMatchObject({ column: 'target_min', message: expect.stringMatching(/bukan angka/) });
    expect(by(9)[0]).toMatchObject({ column: 'target_min', message: 'Target tidak boleh negatif' });
    expect(by(10)[0].message).toMatch(/RHK nomor 9 atasan .* tidak ditemukan/);
    expect(by(12)[0].message).toMatch(/nomor RHK ganda/);
    expect(by(13)[0].message).toMatch(/harus menyebut RHK atasan/);
    for (const line of [2, 3, 4, 5]) expect(by(line)).toEqual([]);
    expect(r.validRows).toBe(5); // lines 2–5 and 11
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);

    // A commit of the same file writes nothing: 422 with the same row errors.
    const commit = await upload(admin, buf, 'false');
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('IMPORT_INVALID');
    expect(commit.json().error.details).toEqual(r.errors);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('refuses an importer without kinerja.manage (403), and an employee outside the scope even alone', async () => {
    const before = await dbFingerprint(t.db);
    const buf = await xlsxOf(headRows());
    expect((await upload(plain, buf, 'false')).statusCode).toBe(403);
    const res = await upload(adminB, buf, 'false');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].message).toMatch(/di luar lingkup/);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('commits a good file in one go: SKP, RHK, indicators, the cascade and one audit entry', async () => {
    const res = await upload(admin, await xlsxOf([...staffRows(), ...headRows()]), 'false');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ committed: true, counts: { skp: 2, rhk: 3, indicators: 4 }, errors: [] });
    const skp = await t.db.selectFrom('skp').selectAll().orderBy('employeeId').execute();
    expect(skp.map((s) => s.status)).toEqual(['DRAFT', 'DRAFT']);
    const s1 = skp.find((s) => s.employeeId === staff1.id)!;
    expect(s1).toMatchObject({ penilaiId: headA.id, periodStart: '2026-01-01', approach: 'KUANTITATIF' });
    const rhk = await t.db
      .selectFrom('skpRhk as r')
      .leftJoin('skpRhk as i', 'i.id', 'r.intervenesRhkId')
      .select(['r.skpId', 'r.seq', 'r.kind', 'i.text as intervened', 'r.penugasanDari'])
      .orderBy('r.seq')
      .execute();
    expect(rhk.filter((x) => x.skpId === s1.id)).toEqual([
      {
        skpId: s1.id,
        seq: 1,
        kind: 'UTAMA',
        intervened: 'Meningkatnya kualitas pelayanan kesehatan',
        penugasanDari: null,
      },
      {
        skpId: s1.id,
        seq: 2,
        kind: 'TAMBAHAN',
        intervened: 'Meningkatnya kualitas pelayanan kesehatan',
        penugasanDari: null,
      },
    ]);
    const ind = await t.db.selectFrom('skpIndicators').select(['targetMin', 'targetMax', 'aspect']).execute();
    expect(ind).toHaveLength(4);
    expect(ind.map((i) => Number(i.targetMin)).sort((a, b) => a - b)).toEqual([2, 12, 12, 80]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'after', 'entityId'])
      .where('action', '=', 'import.kinerja_skp')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(r.importId);
    expect(audit[0]!.after).toMatchObject({ skp: 2, rhk: 3, indicators: 4, approved: 0 });

    // Importing again replaces the drafts (no duplicates); approved SKP are then not overwritten.
    const again = await upload(admin, await xlsxOf([...headRows(), ...staffRows()]), 'false');
    expect(again.statusCode, again.body).toBe(201);
    expect(await t.db.selectFrom('skpRhk').select('id').execute()).toHaveLength(3);
    await t.db.updateTable('skp').set({ status: 'APPROVED' }).execute();
    const before = await dbFingerprint(t.db);
    const refused = await upload(admin, await xlsxOf(headRows()), 'false');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].message).toMatch(/sudah memiliki SKP berstatus APPROVED/);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('refuses an intervened RHK of another period and imports an SKP approved in BKN e-Kinerja', async () => {
    const other = await upload(
      admin,
      await xlsxOf([
        base(staff2.nip!, {
          tahun: '2027',
          periode_mulai: '01/01/2027',
          periode_selesai: '31/12/2027',
          nip_atasan: headA.nip!,
          no_rhk_atasan: '1',
        }),
      ]),
    );
    expect(other.json().errors[0].message).toMatch(/berada di periode lain \(01\/01\/2026–31\/12\/2026\)/);
    const ok = await upload(
      admin,
      await xlsxOf([base(staff2.nip!, { no_rhk_atasan: '1', status_bkn: 'Disetujui', rhk: 'RHK staf dua' })]),
      'false',
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().skp[0]).toMatchObject({ status: 'APPROVED', nip: staff2.nip });
    const s = await t.db
      .selectFrom('skp')
      .select(['status', 'decidedAt'])
      .where('employeeId', '=', staff2.id)
      .executeTakeFirstOrThrow();
    expect(s.status).toBe('APPROVED');
    expect(s.decidedAt).not.toBeNull();
  });

  it('exports the SKP shaped like BKN e-Kinerja, in scope only, writing nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await admin.get(`/api/kinerja/export/skp?year=2026&unitId=${opdA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const cells = await cellsOf(res.rawPayload);
    expect(cells[0]).toEqual([...KINERJA_SKP_EXPORT_HEADERS]);
    const col = (h: string) => KINERJA_SKP_EXPORT_HEADERS.indexOf(h as never);
    const row = cells.find((c) => c[col('NIP')] === staff1.nip && c[col('NO RHK')] === '2')!;
    expect(row[col('NAMA')]).toBe('Staf Satu');
    expect(row[col('JABATAN')]).toBe('Pengelola Data');
    expect(row[col('UNIT KERJA')]).toBe('Dinas A');
    expect(row[col('PERIODE AWAL')]).toBe('01/01/2026');
    expect(row[col('JENIS RHK')]).toBe('Tambahan');
    expect(row[col('NIP ATASAN')]).toBe(headA.nip);
    expect(row[col('RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI')]).toBe(
      'Meningkatnya kualitas pelayanan kesehatan',
    );
    expect(row[col('TARGET MIN')]).toBe('2');
    expect(row[col('SATUAN')]).toBe('kegiatan');
    expect(cells).toHaveLength(1 + 5);
    const csv = await admin.get(`/api/kinerja/export/skp?year=2026&unitId=${opdA.id}&format=csv`);
    expect(csv.body.split('\r\n')[0]).toBe(`\uFEFF${KINERJA_SKP_EXPORT_HEADERS.join(',')}`);
    expect((await adminB.get(`/api/kinerja/export/skp?year=2026&unitId=${opdA.id}`)).statusCode).toBe(403);
    expect((await plain.get('/api/kinerja/export/skp?year=2026')).statusCode).toBe(403);
    // Without a unit: the admin of Dinas B sees nothing of Dinas A.
    expect(await cellsOf((await adminB.get('/api/kinerja/export/skp?year=2026')).rawPayload)).toHaveLength(1);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('exports evaluations with realisation, ratings and predikat; a large one as a job', async () => {
    const s1 = await t.db
      .selectFrom('skp')
      .select('id')
      .where('employeeId', '=', staff1.id)
      .executeTakeFirstOrThrow();
    const inds = await t.db
      .selectFrom('skpIndicators as i')
      .innerJoin('skpRhk as r', 'r.id', 'i.rhkId')
      .select(['i.id', 'r.seq'])
      .where('r.skpId', '=', s1.id)
      .orderBy('r.seq')
      .execute();
    await t.db
      .insertInto('evaluations')
      .values({
        skpId: s1.id,
        employeeId: staff1.id,
        unitId: opdA.id,
        kind: 'PERIODIK',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        label: 'Triwulan I 2026',
        status: 'APPROVED',
        realisation: JSON.stringify(
          inds.map((i, n) => ({ indicatorId: i.id, realisasi: 3 + n, note: null })),
        ),
        hasilKerjaRating: 'SESUAI_EKSPEKTASI',
        perilakuRating: 'DI_ATAS_EKSPEKTASI',
        perilakuNotes: JSON.stringify([]),
        predikat: 'BAIK',
        penilaiId: headA.id,
        finalisedAt: new Date('2026-04-02T03:00:00Z'),
        approvedAt: new Date('2026-04-03T03:00:00Z'),
      })
      .execute();
    const res = await admin.get(
      `/api/kinerja/export/evaluations?year=2026&periodStart=2026-01-01&unitId=${opdA.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const cells = await cellsOf(res.rawPayload);
    expect(cells[0]).toEqual([...KINERJA_EVALUATION_EXPORT_HEADERS]);
    expect(cells).toHaveLength(3);
    const col = (h: string) => KINERJA_EVALUATION_EXPORT_HEADERS.indexOf(h as never);
    expect(cells[1]![col('NIP')]).toBe(staff1.nip);
    expect(cells[1]![col('PERIODE')]).toBe('Triwulan I 2026');
    expect(cells[1]![col('REALISASI')]).toBe('3');
    expect(cells[2]![col('REALISASI')]).toBe('4');
    expect(cells[1]![col('TARGET')]).toBe('12');
    expect(cells[1]![col('RATING HASIL KERJA')]).toBe('Sesuai Ekspektasi');
    expect(cells[1]![col('RATING PERILAKU KERJA')]).toBe('Di Atas Ekspektasi');
    expect(cells[1]![col('PREDIKAT KINERJA')]).toBe('Baik');
    expect(cells[1]![col('STATUS')]).toBe('Disetujui');
    expect(cells[1]![col('TANGGAL PERSETUJUAN')]).toBe('03/04/2026');
    const other = await admin.get(`/api/kinerja/export/evaluations?year=2026&periodStart=2026-04-01`);
    expect(await cellsOf(other.rawPayload)).toHaveLength(1);
    const job = await admin.post(`/api/kinerja/export/evaluations/jobs?year=2026&format=csv`);
    expect(job.statusCode, job.body).toBe(202);
    expect(job.json().id).toBeTruthy();
    expect((await plain.post('/api/kinerja/export/skp/jobs?year=2026')).statusCode).toBe(403);
  });

  it('refuses a file that is not a table, and a missing column, with reasons', async () => {
    const bad = await upload(admin, Buffer.from('%PDF-1.4 nothing'), 'true', 'skp.pdf');
    expect(bad.statusCode).toBe(415);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['nip', 'tahun']);
    const res = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/Kolom wajib tidak ada/);
  });
});
