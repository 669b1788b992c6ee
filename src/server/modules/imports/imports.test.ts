import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import { pickDemoLogins } from '../../db/seeds/demo-data.ts';
import { composeNip } from '../../../core/people/nip.ts';
import { EMPLOYEE_COLUMNS, UNIT_COLUMNS } from './import-columns.ts';

/*
 * Imports end to end through the HTTP API: real CSV text and real XLSX workbooks (built with exceljs), every
 * row report asserted by line, column and Indonesian message, and the database side effects counted.
 * The demo clock is 2026-01-15 09:00 WIB, so "today" for new placements is 2026-01-15.
 */

type Cells = Record<string, string>;
const EMP_HEADER = EMPLOYEE_COLUMNS.map((c) => c.name);
const UNIT_HEADER = UNIT_COLUMNS.map((c) => c.name);

function csvCell(v: string, sep: string) {
  return v.includes(sep) || v.includes('"') || v.includes('\n') ? `"${v.replaceAll('"', '""')}"` : v;
}
/** CSV text: header row then one row per record (missing cells empty); `extra` rows are appended raw. */
function csv(header: string[], rows: Cells[], sep = ','): string {
  const lines = [header.join(sep), ...rows.map((r) => header.map((h) => csvCell(r[h] ?? '', sep)).join(sep))];
  return `${lines.join('\r\n')}\r\n`;
}

async function xlsx(header: string[], rows: Record<string, string | Date | undefined>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(header);
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// New people, NIPs composed from their parts (sequence 9xx never occurs in the demo data).
const NIP = {
  kasubag: composeNip({ birthDate: '1985-03-12', gender: 'L', appointmentMonth: '2010-01', sequence: 901 }),
  analis: composeNip({ birthDate: '1990-07-04', gender: 'P', appointmentMonth: '2015-03', sequence: 902 }),
  perawat: composeNip({
    birthDate: '1992-11-20',
    gender: 'P',
    layout: 'PPPK',
    appointmentYear: 2022,
    sequence: 903,
  }),
  xlsxA: composeNip({ birthDate: '1987-05-09', gender: 'L', appointmentMonth: '2011-04', sequence: 911 }),
  xlsxB: composeNip({ birthDate: '1993-02-14', gender: 'P', appointmentMonth: '2019-02', sequence: 912 }),
  siasn: composeNip({ birthDate: '1988-01-01', gender: 'P', appointmentMonth: '2012-03', sequence: 905 }),
};
const KADINKES = '196812181998011075'; // demo: head of Dinas Kesehatan
const BKD_STAFF = '197301202001011103'; // demo: a BKD employee (outside DINKES)

/** The valid employees file: the subordinate comes before her superior (a superior later in the file). */
const validEmployees: Cells[] = [
  {
    nip: NIP.analis,
    nama: 'Dewi Lestari',
    gelar_belakang: 'S.Kep.',
    jenis_kelamin: 'P',
    tanggal_lahir: '04/07/1990',
    jenis_pegawai: 'PNS',
    golongan: 'III/b',
    pendidikan: 'S1',
    kode_unit: 'DINKES-SEK',
    nip_atasan: NIP.kasubag,
    tmt: '01/02/2024',
    email: 'dewi.lestari@dinkes.example',
    telepon: '081200000902',
  },
  {
    nip: `${NIP.kasubag.slice(0, 8)} ${NIP.kasubag.slice(8, 14)} ${NIP.kasubag.slice(14, 15)} ${NIP.kasubag.slice(15)}`,
    nama: 'Bambang Sutrisno',
    gelar_belakang: 'S.K.M.',
    jenis_kelamin: 'L',
    tanggal_lahir: '1985-03-12',
    jenis_pegawai: 'PNS',
    golongan: 'III/d',
    pendidikan: 'S1',
    kode_unit: 'DINKES-SEK',
    nip_atasan: KADINKES,
    tmt: '2024-02-01',
    telepon: '081200000901',
  },
  {
    nip: NIP.perawat,
    nama: 'Rina Marlina',
    gelar_belakang: 'A.Md.Kep.',
    jenis_kelamin: 'P',
    tanggal_lahir: '20/11/1992',
    jenis_pegawai: 'PPPK',
    golongan: 'VII',
    pendidikan: 'D3',
    kode_unit: 'DINKES-YANKES',
    nip_atasan: NIP.kasubag,
    tmt: '01/03/2024',
    telepon: '081200000903',
  },
  {
    id_internal: 'NA-IMP-0001',
    nama: 'Ujang Saepudin',
    jenis_kelamin: 'L',
    jenis_pegawai: 'NON_ASN',
    pendidikan: 'SMA/SMK',
    kode_unit: 'DINKES-SEK',
    nip_atasan: NIP.analis,
    tmt: '01/04/2024',
  },
];

describe('imports API', () => {
  let t: TestApp;
  let admin: Client;
  let adminOpdDinkes: Client;
  let pegawai: Client;

  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;
  const counts = async () => ({
    units: await count('units'),
    employees: await count('employees'),
    placements: await count('placements'),
    audit: await count('audit_log'),
    jobs: await count('import_jobs'),
  });
  const employeeByNip = (nip: string) =>
    t.db.selectFrom('employees').selectAll().where('nip', '=', nip).executeTakeFirst();
  const unitId = async (code: string) =>
    (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  const upload = (
    c: Client,
    kind: string | undefined,
    file?: { name: string; content: Buffer | string },
    field = 'file',
  ) =>
    c.request({
      method: 'POST',
      url: '/api/imports',
      ...multipart(kind === undefined ? {} : { kind }, file && { field, ...file }),
    });
  const commit = (c: Client, id: string, mode: 'all' | 'validOnly') =>
    c.post(`/api/imports/${id}/commit`, { mode });
  /** Upload, expect a stored report, and return it. */
  async function validated(c: Client, kind: 'units' | 'employees', name: string, content: Buffer | string) {
    const res = await upload(c, kind, { name, content });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    t = await createTestApp();
    const logins = pickDemoLogins(t.demo);
    admin = await login(t.app, 'admin');
    const dinkesGrant = t.demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!;
    adminOpdDinkes = await login(t.app, dinkesGrant.nip!);
    pegawai = await login(t.app, logins.pegawai[0]!.login);
  });
  afterAll(() => t.close());

  describe('employees', () => {
    it('validates a correct CSV with no errors and commits every row with placements and audit entries', async () => {
      for (const nip of Object.values(NIP)) expect(await employeeByNip(nip)).toBeUndefined();
      const before = await counts();
      const job = await validated(admin, 'employees', 'pegawai.csv', csv(EMP_HEADER, validEmployees));
      expect(job).toMatchObject({
        kind: 'employees',
        status: 'validated',
        totalRows: 4,
        validRows: 4,
        errors: [],
        result: null,
        createdBy: 'Administrator Sistem',
      });
      // Validation writes no people.
      expect((await counts()).employees).toBe(before.employees);

      const res = await commit(admin, job.id, 'all');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'committed',
        result: { inserted: 4, updated: 0, skipped: 0 },
      });

      const after = await counts();
      expect(after.employees).toBe(before.employees + 4);
      expect(after.placements).toBe(before.placements + 4);

      const kasubag = (await employeeByNip(NIP.kasubag))!;
      const analis = (await employeeByNip(NIP.analis))!;
      const perawat = (await employeeByNip(NIP.perawat))!;
      const nonAsn = (await t.db
        .selectFrom('employees')
        .selectAll()
        .where('internalId', '=', 'NA-IMP-0001')
        .executeTakeFirst())!;
      const kadinkes = (await employeeByNip(KADINKES))!;
      expect(kasubag).toMatchObject({
        name: 'Bambang Sutrisno',
        gender: 'L',
        birthDate: '1985-03-12',
        golongan: 'III/d',
        unitId: await unitId('DINKES-SEK'),
        superiorId: kadinkes.id,
        activeFrom: '2024-02-01',
      });
      expect(analis).toMatchObject({
        superiorId: kasubag.id,
        email: 'dewi.lestari@dinkes.example',
        birthDate: '1990-07-04',
      });
      expect(perawat).toMatchObject({
        employeeType: 'PPPK',
        golongan: 'VII',
        unitId: await unitId('DINKES-YANKES'),
        superiorId: kasubag.id,
      });
      expect(nonAsn).toMatchObject({ nip: null, employeeType: 'NON_ASN', superiorId: analis.id });

      const placements = await t.db
        .selectFrom('placements')
        .selectAll()
        .where('employeeId', 'in', [kasubag.id, analis.id, perawat.id, nonAsn.id])
        .execute();
      expect(placements).toHaveLength(4);
      expect(placements.find((p) => p.employeeId === perawat.id)).toMatchObject({
        unitId: perawat.unitId,
        superiorId: kasubag.id,
        validFrom: '2024-03-01',
        validTo: null,
      });

      const audit = await t.db
        .selectFrom('auditLog')
        .select(['action', 'entityId', 'actorName'])
        .where('id', '>', 0)
        .orderBy('id')
        .execute();
      const created = audit.filter((a) => a.action === 'employee.created').map((a) => a.entityId);
      expect(created).toEqual(expect.arrayContaining([kasubag.id, analis.id, perawat.id, nonAsn.id]));
      expect(audit.filter((a) => a.entityId === job.id).map((a) => a.action)).toEqual([
        'import.validated',
        'import.committed',
      ]);
      expect(after.audit).toBe(before.audit + 2 + 4);
      expect(await t.services.audit.verify()).toMatchObject({ ok: true });
    });

    it('re-importing the same file skips every row and duplicates nothing (idempotent on NIP)', async () => {
      const before = await counts();
      const job = await validated(admin, 'employees', 'pegawai.csv', csv(EMP_HEADER, validEmployees));
      expect(job.errors).toEqual([]);
      const res = await commit(admin, job.id, 'all');
      expect(res.statusCode).toBe(200);
      expect(res.json().result).toEqual({ inserted: 0, updated: 0, skipped: 4 });
      const after = await counts();
      expect(after).toMatchObject({
        employees: before.employees,
        placements: before.placements,
        audit: before.audit + 2,
      });
    });

    it('a changed phone and unit updates one person and opens a new placement from today', async () => {
      const before = await counts();
      const changed = validEmployees.map((r) =>
        r.nip === NIP.perawat ? { ...r, telepon: '081299999999', kode_unit: 'DINKES-P2P' } : r,
      );
      const job = await validated(admin, 'employees', 'pegawai-ubah.csv', csv(EMP_HEADER, changed));
      const res = await commit(admin, job.id, 'all');
      expect(res.json().result).toEqual({ inserted: 0, updated: 1, skipped: 3 });
      const perawat = (await employeeByNip(NIP.perawat))!;
      expect(perawat).toMatchObject({ phone: '081299999999', unitId: await unitId('DINKES-P2P') });
      const placements = await t.db
        .selectFrom('placements')
        .selectAll()
        .where('employeeId', '=', perawat.id)
        .orderBy('validFrom')
        .execute();
      expect(placements.map((p) => [p.unitId, p.validFrom, p.validTo])).toEqual([
        [await unitId('DINKES-YANKES'), '2024-03-01', '2026-01-14'],
        [await unitId('DINKES-P2P'), '2026-01-15', null],
      ]);
      const after = await counts();
      expect(after).toMatchObject({ employees: before.employees, placements: before.placements + 1 });
      const actions = await t.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', perawat.id)
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'employee.created',
        'employee.updated',
        'employee.placed',
      ]);
    });

    describe('a file with broken rows', () => {
      const ok1 = composeNip({
        birthDate: '1991-06-01',
        gender: 'L',
        appointmentMonth: '2016-05',
        sequence: 921,
      });
      const ok2 = composeNip({
        birthDate: '1994-09-30',
        gender: 'P',
        appointmentMonth: '2020-01',
        sequence: 922,
      });
      const loopA = composeNip({
        birthDate: '1980-01-15',
        gender: 'L',
        appointmentMonth: '2005-01',
        sequence: 923,
      });
      const loopB = composeNip({
        birthDate: '1981-02-16',
        gender: 'L',
        appointmentMonth: '2006-01',
        sequence: 924,
      });
      const noSuperior = composeNip({
        birthDate: '1970-01-01',
        gender: 'L',
        appointmentMonth: '1995-03',
        sequence: 999,
      });
      const base = { jenis_pegawai: 'PNS', kode_unit: 'DINKES-SEK', tmt: '01/01/2025' };
      const rows: (Cells | string)[] = [
        /* 2 */ { ...base, nip: ok1, nama: 'Agus Salim', jenis_kelamin: 'L', nip_atasan: KADINKES },
        /* 3 */ { ...base, nip: '19910601201605192', nama: 'Tujuh Belas', jenis_kelamin: 'L' },
        /* 4 */ {
          ...base,
          nip: composeNip({
            birthDate: '1990-02-28',
            gender: 'P',
            appointmentMonth: '2015-01',
            sequence: 925,
          }),
          nama: 'Tanggal Aneh',
          jenis_kelamin: 'P',
          tanggal_lahir: '31/02/1990',
        },
        /* 5 */ {
          ...base,
          nip: composeNip({
            birthDate: '1989-04-04',
            gender: 'L',
            appointmentMonth: '2014-01',
            sequence: 926,
          }),
          nama: 'Kelamin Salah',
          jenis_kelamin: 'X',
        },
        /* 6 */ {
          ...base,
          nip: composeNip({
            birthDate: '1988-08-08',
            gender: 'L',
            appointmentMonth: '2013-01',
            sequence: 927,
          }),
          nama: 'Unit Hilang',
          jenis_kelamin: 'L',
          kode_unit: 'DINKES-TIDAKADA',
        },
        /* 7 */ {
          ...base,
          nip: composeNip({
            birthDate: '1987-07-07',
            gender: 'L',
            appointmentMonth: '2012-01',
            sequence: 928,
          }),
          nama: 'Atasan Hilang',
          jenis_kelamin: 'L',
          nip_atasan: noSuperior,
        },
        /* 8 */ { ...base, nip: ok1, nama: 'Agus Salim Ganda', jenis_kelamin: 'L', nip_atasan: KADINKES },
        /* 9 */ { ...base, nip: loopA, nama: 'Putaran Satu', jenis_kelamin: 'L', nip_atasan: loopB },
        /* 10 */ { ...base, nip: loopB, nama: 'Putaran Dua', jenis_kelamin: 'L', nip_atasan: loopA },
        /* 11 */ 'EXTRA',
        /* 12 */ { jenis_pegawai: '', nama: '', jenis_kelamin: '', kode_unit: '', tmt: '', pendidikan: 'S1' },
        /* 13 */ { ...base, nip: ok2, nama: 'Sri Wahyuni', jenis_kelamin: 'P', nip_atasan: ok1 },
        /* 14 */ '',
        /* 15 */ {
          ...base,
          jenis_pegawai: 'NON_ASN',
          id_internal: 'NA-IMP-0002',
          nama: 'Asep Sunandar',
          jenis_kelamin: 'L',
          nip_atasan: ok2,
        },
      ];
      const extraNip = composeNip({
        birthDate: '1986-06-06',
        gender: 'L',
        appointmentMonth: '2011-01',
        sequence: 929,
      });
      const text = csv(EMP_HEADER, [])
        .concat(
          rows
            .map((r) =>
              r === 'EXTRA'
                ? // One cell more than the header.
                  EMP_HEADER.map(
                    (h) => ({ ...base, nip: extraNip, nama: 'Kolom Lebih', jenis_kelamin: 'L' })[h] ?? '',
                  )
                    .concat(['lebih'])
                    .join(',')
                : typeof r === 'string'
                  ? r
                  : csv(EMP_HEADER, [r]).split('\r\n')[1],
            )
            .join('\r\n'),
        )
        .concat('\r\n');
      let jobId = '';

      it('reports every bad row with its line, column and an Indonesian message', async () => {
        const job = await validated(admin, 'employees', 'rusak.csv', text);
        jobId = job.id;
        expect(job).toMatchObject({ totalRows: 13, validRows: 3 });
        expect(job.errors).toEqual([
          { line: 3, column: 'nip', message: 'NIP harus 18 digit, tetapi yang diisi 17 digit.' },
          { line: 4, column: 'tanggal_lahir', message: 'Tanggal lahir "31/02/1990" tidak valid' },
          { line: 5, column: 'jenis_kelamin', message: 'Jenis kelamin harus L atau P' },
          { line: 6, column: 'kode_unit', message: 'Unit DINKES-TIDAKADA tidak ditemukan' },
          { line: 7, column: 'nip_atasan', message: `Atasan dengan NIP ${noSuperior} tidak ditemukan` },
          { line: 8, column: 'nip', message: `NIP ${ok1} ganda (juga di baris 2)` },
          {
            line: 9,
            column: 'nip_atasan',
            message: 'Rantai atasan berputar (atasan adalah bawahan pegawai ini)',
          },
          {
            line: 10,
            column: 'nip_atasan',
            message: 'Rantai atasan berputar (atasan adalah bawahan pegawai ini)',
          },
          { line: 11, column: null, message: 'Jumlah kolom melebihi baris judul' },
          {
            line: 12,
            column: 'jenis_pegawai',
            message: 'Jenis pegawai "" tidak dikenal (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU, NON_ASN)',
          },
          { line: 12, column: 'jenis_kelamin', message: 'Jenis kelamin harus L atau P' },
          { line: 12, column: 'tmt', message: 'TMT wajib diisi' },
          { line: 12, column: 'nama', message: 'Nama wajib diisi' },
          { line: 12, column: 'kode_unit', message: 'Kode unit wajib diisi' },
        ]);
        const lines = new Set(job.errors.map((e: { line: number }) => e.line));
        // Lines 2, 13 and 15 are the valid rows; the blank line 14 is neither counted nor reported.
        expect([2, 13, 14, 15].filter((l) => lines.has(l))).toEqual([]);
      });

      it("commit 'all' is refused with 422 IMPORT_INVALID and writes nothing", async () => {
        const before = await counts();
        const res = await commit(admin, jobId, 'all');
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe('IMPORT_INVALID');
        expect(res.json().error.message).toMatch(/14 baris bermasalah/);
        expect(res.json().error.details).toHaveLength(14);
        expect(await counts()).toEqual(before);
        const job = (await admin.get(`/api/imports/${jobId}`)).json();
        expect(job.status).toBe('validated');
      });

      it("commit 'validOnly' writes only the valid rows; a second commit is 409 CONFLICT", async () => {
        const before = await counts();
        const res = await commit(admin, jobId, 'validOnly');
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().result).toEqual({ inserted: 3, updated: 0, skipped: 0 });
        const after = await counts();
        expect(after.employees).toBe(before.employees + 3);
        expect(after.placements).toBe(before.placements + 3);
        const agus = (await employeeByNip(ok1))!;
        expect(agus.name).toBe('Agus Salim');
        expect((await employeeByNip(ok2))!.superiorId).toBe(agus.id);
        for (const nip of [loopA, loopB, extraNip]) expect(await employeeByNip(nip)).toBeUndefined();
        expect(
          await t.db
            .selectFrom('employees')
            .select('id')
            .where('name', 'in', [
              'Tanggal Aneh',
              'Kelamin Salah',
              'Unit Hilang',
              'Atasan Hilang',
              'Tujuh Belas',
            ])
            .execute(),
        ).toEqual([]);

        const again = await commit(admin, jobId, 'validOnly');
        expect(again.statusCode).toBe(409);
        expect(again.json().error).toMatchObject({ code: 'CONFLICT', message: 'Impor ini sudah diproses' });
        expect(await counts()).toEqual(after);
      });
    });

    it('reads a semicolon CSV with a BOM and SIASN-style headers', async () => {
      const header = [
        'NIP BARU',
        'NAMA',
        'GELAR BELAKANG',
        'JENIS KELAMIN',
        'TGL LAHIR',
        'JENIS ASN',
        'GOL AKHIR',
        'TINGKAT PENDIDIKAN',
        'KODE UNOR',
        'NIP ATASAN LANGSUNG',
        'TMT JABATAN',
        'NO HP',
        'EMAIL DINAS',
      ];
      const row = [
        '19880101 201203 2 905',
        'Nur Aini',
        'S.Farm., Apt.',
        'Perempuan',
        '01-01-1988',
        'PNS',
        'III/c',
        's1',
        'dinkes-yankes',
        KADINKES,
        '02-01-2024',
        '081311112222',
        'nur.aini@dinkes.example',
      ];
      const text = `\uFEFF${header.join(';')}\r\n${row.join(';')}\r\n`;
      const job = await validated(admin, 'employees', 'siasn.csv', Buffer.from(text, 'utf8'));
      expect(job.errors).toEqual([]);
      expect(job.validRows).toBe(1);
      const res = await commit(admin, job.id, 'all');
      expect(res.json().result).toEqual({ inserted: 1, updated: 0, skipped: 0 });
      expect(await employeeByNip(NIP.siasn)).toMatchObject({
        name: 'Nur Aini',
        backTitle: 'S.Farm., Apt.',
        gender: 'P',
        birthDate: '1988-01-01',
        golongan: 'III/c',
        education: 'S1',
        unitId: await unitId('DINKES-YANKES'),
        superiorId: (await employeeByNip(KADINKES))!.id,
        activeFrom: '2024-01-02',
        phone: '081311112222',
        email: 'nur.aini@dinkes.example',
      });
    });

    it('reads the same layout from a real XLSX workbook (text and date cells)', async () => {
      const rows = [
        {
          nip: NIP.xlsxA,
          nama: 'Hendra Gunawan',
          jenis_kelamin: 'L',
          tanggal_lahir: new Date(Date.UTC(1987, 4, 9)),
          jenis_pegawai: 'PNS',
          golongan: 'III/c',
          kode_unit: 'DINKES-P2P',
          nip_atasan: KADINKES,
          tmt: new Date(Date.UTC(2024, 5, 3)),
          telepon: '081255550000',
        },
        {
          nip: NIP.xlsxB,
          nama: 'Yuni Kartika',
          jenis_kelamin: 'P',
          tanggal_lahir: '14/02/1993',
          jenis_pegawai: 'CPNS',
          kode_unit: 'DINKES-P2P',
          nip_atasan: NIP.xlsxA,
          tmt: '01/07/2024',
        },
      ];
      const job = await validated(admin, 'employees', 'pegawai.xlsx', await xlsx(EMP_HEADER, rows));
      expect(job).toMatchObject({ totalRows: 2, validRows: 2, errors: [] });
      expect((await commit(admin, job.id, 'all')).json().result).toEqual({
        inserted: 2,
        updated: 0,
        skipped: 0,
      });
      const a = (await employeeByNip(NIP.xlsxA))!;
      expect(a).toMatchObject({ birthDate: '1987-05-09', activeFrom: '2024-06-03', phone: '081255550000' });
      expect(await employeeByNip(NIP.xlsxB)).toMatchObject({
        employeeType: 'CPNS',
        superiorId: a.id,
        activeFrom: '2024-07-01',
      });
    });

    it('reports XLSX rows by their sheet row number', async () => {
      const rows = [
        {
          nip: NIP.xlsxA,
          nama: 'Hendra Gunawan',
          jenis_kelamin: 'L',
          jenis_pegawai: 'PNS',
          kode_unit: 'DINKES-P2P',
          tmt: '03/06/2024',
        },
        {
          nip: '123',
          nama: 'Salah',
          jenis_kelamin: 'L',
          jenis_pegawai: 'PNS',
          kode_unit: 'DINKES-P2P',
          tmt: '03/06/2024',
        },
      ];
      const job = await validated(admin, 'employees', 'rusak.xlsx', await xlsx(EMP_HEADER, rows));
      expect(job.errors).toEqual([
        { line: 3, column: 'nip', message: 'NIP harus 18 digit, tetapi yang diisi 3 digit.' },
      ]);
    });

    it('reports a missing required column on line 1', async () => {
      const header = EMP_HEADER.filter((h) => h !== 'tmt');
      const job = await validated(
        admin,
        'employees',
        'tanpa-tmt.csv',
        csv(header, [{ nama: 'Siapa Saja', jenis_kelamin: 'L', jenis_pegawai: 'PNS', kode_unit: 'DINKES' }]),
      );
      expect(job.errors).toEqual([
        { line: 1, column: 'tmt', message: 'Kolom wajib "tmt" tidak ada di baris judul' },
      ]);
      expect(job.validRows).toBe(0);
    });
  });

  describe('scope', () => {
    it('an ADMIN_OPD cannot import employees into another OPD nor take over an employee of another OPD', async () => {
      const nipOwn = composeNip({
        birthDate: '1995-05-05',
        gender: 'P',
        appointmentMonth: '2020-03',
        sequence: 931,
      });
      const nipOther = composeNip({
        birthDate: '1996-06-06',
        gender: 'L',
        appointmentMonth: '2021-03',
        sequence: 932,
      });
      const bkdStaff = (await employeeByNip(BKD_STAFF))!;
      const demoRow = t.demo.employees.find((e) => e.nip === BKD_STAFF)!;
      const rows: Cells[] = [
        {
          nip: nipOwn,
          nama: 'Wulan Sari',
          jenis_kelamin: 'P',
          jenis_pegawai: 'PNS',
          kode_unit: 'DINKES-SEK',
          tmt: '01/01/2025',
        },
        {
          nip: nipOther,
          nama: 'Dedi Kurnia',
          jenis_kelamin: 'L',
          jenis_pegawai: 'PNS',
          kode_unit: 'BKD-SEK',
          tmt: '01/01/2025',
        },
        // An existing BKD employee "moved" into DINKES by an admin of DINKES.
        {
          nip: BKD_STAFF,
          nama: demoRow.name,
          jenis_kelamin: demoRow.gender,
          jenis_pegawai: demoRow.employeeType,
          kode_unit: 'DINKES-SEK',
          tmt: '01/01/2025',
        },
      ];
      const job = await validated(adminOpdDinkes, 'employees', 'lintas-opd.csv', csv(EMP_HEADER, rows));
      expect(job.errors).toEqual([
        { line: 3, column: 'kode_unit', message: 'Unit BKD-SEK berada di luar kewenangan Anda' },
        {
          line: 4,
          column: 'nip',
          message: `Pegawai ${BKD_STAFF} sudah terdaftar di unit yang berada di luar kewenangan Anda`,
        },
      ]);
      const res = await commit(adminOpdDinkes, job.id, 'validOnly');
      expect(res.json().result).toEqual({ inserted: 1, updated: 0, skipped: 0 });
      expect(await employeeByNip(nipOther)).toBeUndefined();
      expect(await employeeByNip(BKD_STAFF)).toMatchObject({ unitId: bkdStaff.unitId, name: bkdStaff.name });
    });

    it('an ADMIN_OPD cannot make herself or an employee of another OPD the superior of her staff (docs/security.md)', async () => {
      const own = adminOpdDinkes.me.user;
      const ownNip = (
        await t.db
          .selectFrom('employees')
          .select('nip')
          .where('id', '=', own.employeeId!)
          .executeTakeFirstOrThrow()
      ).nip!;
      const row = (sequence: number, superior: string): Cells => ({
        nip: composeNip({ birthDate: '1994-04-04', gender: 'P', appointmentMonth: '2019-03', sequence }),
        nama: 'Rina Atasan',
        jenis_kelamin: 'P',
        jenis_pegawai: 'PNS',
        kode_unit: 'DINKES-SEK',
        nip_atasan: superior,
        tmt: '01/01/2025',
      });
      const job = await validated(
        adminOpdDinkes,
        'employees',
        'atasan.csv',
        csv(EMP_HEADER, [row(941, BKD_STAFF), row(942, ownNip), row(943, KADINKES)]),
      );
      expect(job.errors).toEqual([
        {
          line: 2,
          column: 'nip_atasan',
          message: `Atasan dengan NIP ${BKD_STAFF} berada di luar kewenangan Anda; atasan dari unit lain ditetapkan oleh BKD`,
        },
        {
          line: 3,
          column: 'nip_atasan',
          message:
            'Anda tidak dapat menjadikan diri sendiri atasan pegawai; penetapan ini dilakukan oleh BKD',
        },
      ]);
      expect(job.validRows).toBe(1);
      // BKD, whose scope holds both, may.
      const byBkd = await validated(admin, 'employees', 'atasan.csv', csv(EMP_HEADER, [row(944, BKD_STAFF)]));
      expect(byBkd.errors).toEqual([]);
    });

    it('a PEGAWAI gets 403 FORBIDDEN and nothing is stored', async () => {
      const before = await counts();
      const res = await upload(pegawai, 'employees', {
        name: 'pegawai.csv',
        content: csv(EMP_HEADER, validEmployees),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await pegawai.get('/api/imports')).statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it("a job of another user is 403 FORBIDDEN to read and to commit; the list only shows one's own jobs", async () => {
      const job = await validated(
        admin,
        'units',
        'unit.csv',
        csv(UNIT_HEADER, [
          { kode: 'DINKES-TMP', nama: 'Unit Sementara', jenis: 'BIDANG', kode_induk: 'DINKES' },
        ]),
      );
      const read = await adminOpdDinkes.get(`/api/imports/${job.id}`);
      expect(read.statusCode).toBe(403);
      expect(read.json().error.code).toBe('FORBIDDEN');
      const res = await commit(adminOpdDinkes, job.id, 'all');
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'FORBIDDEN',
        message: 'Impor ini dibuat oleh pengguna lain',
      });
      expect(
        await t.db.selectFrom('units').select('id').where('code', '=', 'DINKES-TMP').executeTakeFirst(),
      ).toBeUndefined();
      const mine = (await adminOpdDinkes.get('/api/imports')).json();
      expect(mine.items.map((j: { id: string }) => j.id)).not.toContain(job.id);
      expect(mine.items.length).toBeGreaterThan(0);
      expect(
        (await admin.get('/api/imports?page=1&pageSize=100')).json().items.map((j: { id: string }) => j.id),
      ).toContain(job.id);
    });
  });

  describe('units', () => {
    it('imports children listed before their parents; a multi-line address keeps line numbers; re-import skips', async () => {
      const rows: Cells[] = [
        {
          kode: 'DINKES-UPT-LAB-A',
          nama: 'Seksi Laboratorium A',
          jenis: 'BIDANG',
          kode_induk: 'DINKES-UPT-LAB',
          alamat: 'Jl. Raya Serang km 5\nGedung B',
        },
        {
          kode: 'DINKES-UPT-LAB',
          nama: 'UPT Laboratorium Kesehatan',
          jenis: 'UPTD',
          kode_induk: 'DINKES',
          zona_waktu: 'WIB',
        },
        {
          kode: 'dinkes-pkm-baru',
          nama: 'Puskesmas Baru',
          jenis: 'puskesmas',
          kode_induk: 'DINKES',
          zona_waktu: 'WITA',
        },
      ];
      const before = await counts();
      const job = await validated(admin, 'units', 'unit.csv', csv(UNIT_HEADER, rows));
      expect(job).toMatchObject({ totalRows: 3, validRows: 3, errors: [] });
      expect((await commit(admin, job.id, 'all')).json().result).toEqual({
        inserted: 3,
        updated: 0,
        skipped: 0,
      });
      const units = await t.db
        .selectFrom('units')
        .selectAll()
        .where('code', 'in', ['DINKES', 'DINKES-UPT-LAB', 'DINKES-UPT-LAB-A', 'DINKES-PKM-BARU'])
        .execute();
      const by = new Map(units.map((u) => [u.code, u]));
      expect(by.get('DINKES-UPT-LAB')).toMatchObject({
        parentId: by.get('DINKES')!.id,
        kind: 'UPTD',
        timeZone: 'Asia/Jakarta',
      });
      expect(by.get('DINKES-UPT-LAB-A')).toMatchObject({
        parentId: by.get('DINKES-UPT-LAB')!.id,
        address: 'Jl. Raya Serang km 5\nGedung B',
        timeZone: 'Asia/Jakarta',
      });
      expect(by.get('DINKES-UPT-LAB-A')!.path).toBe(
        `${by.get('DINKES-UPT-LAB')!.path}${by.get('DINKES-UPT-LAB-A')!.id}/`,
      );
      expect(by.get('DINKES-PKM-BARU')).toMatchObject({ kind: 'PUSKESMAS', timeZone: 'Asia/Makassar' });
      expect((await counts()).units).toBe(before.units + 3);
      const audits = await t.db
        .selectFrom('auditLog')
        .select('entityId')
        .where('action', '=', 'unit.created')
        .execute();
      expect(audits.map((a) => a.entityId)).toEqual(
        expect.arrayContaining(units.filter((u) => u.code !== 'DINKES').map((u) => u.id)),
      );

      // The same file again: nothing changes.
      const again = await validated(admin, 'units', 'unit.csv', csv(UNIT_HEADER, rows));
      expect((await commit(admin, again.id, 'all')).json().result).toEqual({
        inserted: 0,
        updated: 0,
        skipped: 3,
      });
      expect((await counts()).units).toBe(before.units + 3);

      // A bad row after a quoted multi-line cell is reported on its physical line.
      const text = `${csv(UNIT_HEADER, rows.slice(0, 1))}X-9,Unit Salah,LAINNYA,DINKES,,\r\n`;
      const bad = await validated(admin, 'units', 'unit-salah.csv', text);
      expect(bad.errors).toEqual([
        {
          line: 4,
          column: 'jenis',
          message: 'Jenis unit "LAINNYA" tidak dikenal (INSTANSI, OPD, BIDANG, UPTD, SEKOLAH, PUSKESMAS)',
        },
      ]);
    });

    it('reports an unknown parent, a cycle, a child of a bad row and a missing parent', async () => {
      const rows: Cells[] = [
        /* 2 */ { kode: 'X-SATU', nama: 'Unit Satu', jenis: 'BIDANG', kode_induk: 'TIDAK-ADA' },
        /* 3 */ { kode: 'X-A', nama: 'Unit A', jenis: 'BIDANG', kode_induk: 'X-B' },
        /* 4 */ { kode: 'X-B', nama: 'Unit B', jenis: 'BIDANG', kode_induk: 'X-A' },
        /* 5 */ { kode: 'X-ANAK', nama: 'Unit Anak', jenis: 'BIDANG', kode_induk: 'X-SATU' },
        /* 6 */ { kode: 'X-AKAR', nama: 'Unit Tanpa Induk', jenis: 'OPD' },
        /* 7 */ {
          kode: 'X-BAIK',
          nama: 'Unit Baik',
          jenis: 'BIDANG',
          kode_induk: 'DINKES',
          zona_waktu: 'WIB',
        },
        /* 8 */ {
          kode: 'X-ZONA',
          nama: 'Unit Zona',
          jenis: 'BIDANG',
          kode_induk: 'DINKES',
          zona_waktu: 'GMT',
        },
      ];
      const job = await validated(admin, 'units', 'unit-rusak.csv', csv(UNIT_HEADER, rows));
      const before = await counts();
      expect(job.errors).toEqual([
        { line: 2, column: 'kode_induk', message: 'Unit induk TIDAK-ADA tidak ditemukan' },
        { line: 3, column: 'kode_induk', message: 'Hubungan induk dalam berkas berputar' },
        { line: 4, column: 'kode_induk', message: 'Hubungan induk dalam berkas berputar' },
        { line: 5, column: 'kode_induk', message: 'Unit induk X-SATU di baris 2 tidak valid' },
        { line: 6, column: 'kode_induk', message: 'Kode unit induk wajib diisi' },
        { line: 8, column: 'zona_waktu', message: 'Zona waktu "GMT" tidak dikenal (WIB, WITA, WIT)' },
      ]);
      const refused = await commit(admin, job.id, 'all');
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('IMPORT_INVALID');
      expect(await counts()).toEqual(before);
      expect((await commit(admin, job.id, 'validOnly')).json().result).toEqual({
        inserted: 1,
        updated: 0,
        skipped: 0,
      });
      expect(await t.db.selectFrom('units').select('code').where('code', 'like', 'X-%').execute()).toEqual([
        { code: 'X-BAIK' },
      ]);
    });

    it('an ADMIN_OPD cannot put a unit under a parent outside their OPD', async () => {
      const rows: Cells[] = [
        { kode: 'DINKES-BARU', nama: 'Seksi Baru', jenis: 'BIDANG', kode_induk: 'DINKES' },
        { kode: 'BKD-BARU', nama: 'Bidang Baru', jenis: 'BIDANG', kode_induk: 'BKD' },
        { kode: 'BKD-BARU-A', nama: 'Subbidang Baru', jenis: 'BIDANG', kode_induk: 'BKD-BARU' },
        { kode: 'BKD-SEK', nama: 'Sekretariat BKD Diubah', jenis: 'BIDANG', kode_induk: 'BKD' },
      ];
      const job = await validated(adminOpdDinkes, 'units', 'unit-opd.csv', csv(UNIT_HEADER, rows));
      expect(job.errors).toEqual([
        { line: 3, column: 'kode_induk', message: 'Unit induk BKD berada di luar kewenangan Anda' },
        { line: 4, column: 'kode_induk', message: 'Unit induk BKD berada di luar kewenangan Anda' },
        { line: 5, column: 'kode_induk', message: 'Unit induk BKD berada di luar kewenangan Anda' },
        { line: 5, column: 'kode', message: 'Unit BKD-SEK berada di luar kewenangan Anda' },
      ]);
      expect((await commit(adminOpdDinkes, job.id, 'validOnly')).json().result).toEqual({
        inserted: 1,
        updated: 0,
        skipped: 0,
      });
      expect(
        await t.db
          .selectFrom('units')
          .select('code')
          .where('code', 'in', ['DINKES-BARU', 'BKD-BARU', 'BKD-BARU-A'])
          .execute(),
      ).toEqual([{ code: 'DINKES-BARU' }]);
      const bkdSek = await t.db
        .selectFrom('units')
        .select('name')
        .where('code', '=', 'BKD-SEK')
        .executeTakeFirstOrThrow();
      expect(bkdSek.name).not.toBe('Sekretariat BKD Diubah');
    });
  });

  describe('refused uploads', () => {
    it('a 50 MB upload is 413 FILE_TOO_LARGE and nothing is stored', async () => {
      const before = await counts();
      const big = Buffer.alloc(50 * 1024 * 1024, 'a');
      const res = await upload(admin, 'employees', { name: 'besar.csv', content: big });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('FILE_TOO_LARGE');
      expect(await counts()).toEqual(before);
    });

    it('a .pdf, binary garbage named .csv and corrupt .xlsx files are 415 UNSUPPORTED_FILE', async () => {
      const before = await counts();
      const good = await xlsx(EMP_HEADER, [{ nama: 'A' }]);
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
      const cases: [string, Buffer | string][] = [
        ['laporan.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'],
        ['pegawai.csv', garbage],
        ['pegawai.xlsx', garbage],
        ['pegawai.xlsx', 'nip,nama\n1,A\n'],
        ['terpotong.xlsx', good.subarray(0, Math.floor(good.length / 2))],
      ];
      for (const [name, content] of cases) {
        const res = await upload(admin, 'employees', { name, content });
        expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
        expect(res.json().error.code).toBe('UNSUPPORTED_FILE');
      }
      expect(await counts()).toEqual(before);
    });

    it('missing kind or file is 400 VALIDATION; a file under another field name does not hang', async () => {
      const before = await counts();
      const file = { name: 'pegawai.csv', content: csv(EMP_HEADER, validEmployees) };
      const noKind = await upload(admin, undefined, file);
      expect(noKind.statusCode).toBe(400);
      expect(noKind.json().error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'kind' }] });
      const badKind = await upload(admin, 'pegawai', file);
      expect(badKind.statusCode).toBe(400);
      expect(badKind.json().error.details).toEqual([{ path: 'kind', message: 'Pilih jenis impor' }]);
      const noFile = await upload(admin, 'employees');
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().error).toMatchObject({
        code: 'VALIDATION',
        message: 'Berkas belum dipilih',
        details: [{ path: 'file' }],
      });
      const otherField = await upload(admin, 'employees', file, 'dokumen');
      expect(otherField.statusCode).toBe(400);
      expect(otherField.json().error.details).toEqual([{ path: 'file', message: 'Berkas belum dipilih' }]);
      const notMultipart = await admin.post('/api/imports', { kind: 'employees' });
      expect(notMultipart.statusCode).toBe(415);
      const empty = await upload(admin, 'employees', {
        name: 'kosong.csv',
        content: EMP_HEADER.join(',') + '\r\n',
      });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().error).toMatchObject({
        code: 'IMPORT_INVALID',
        message: 'Berkas tidak berisi baris data',
      });
      expect(await counts()).toEqual(before);
    });
  });

  describe('templates and columns', () => {
    it('CSV templates carry the documented header row and an example row', async () => {
      for (const [kind, spec] of [
        ['units', UNIT_COLUMNS],
        ['employees', EMPLOYEE_COLUMNS],
      ] as const) {
        const res = await admin.get(`/api/imports/template/${kind}.csv`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="templat-${kind}.csv"`);
        const [head, example] = res.body.replace(/^\uFEFF/, '').split('\r\n');
        expect(head).toBe(spec.map((c) => c.name).join(','));
        expect(example).toContain(spec[0]!.example);
      }
    });

    it('XLSX templates read back with exceljs have the documented header row', async () => {
      for (const [kind, spec] of [
        ['units', UNIT_COLUMNS],
        ['employees', EMPLOYEE_COLUMNS],
      ] as const) {
        const res = await admin.get(`/api/imports/template/${kind}.xlsx`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(spec.map((c) => c.name));
        expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(spec.map((c) => c.example));
      }
    });

    it("the employees template's example row is self-consistent (only its references are unknown)", async () => {
      const tpl = await admin.get('/api/imports/template/employees.xlsx');
      const job = await validated(admin, 'employees', 'templat-employees.xlsx', tpl.rawPayload);
      expect(job.errors.map((e: { column: string }) => e.column).sort()).toEqual([
        'kode_jabatan',
        'nip_atasan',
      ]);
    });

    it('GET /api/imports/columns lists the documented columns', async () => {
      const res = await admin.get('/api/imports/columns');
      expect(res.statusCode).toBe(200);
      expect(res.json().employees.map((c: { name: string }) => c.name)).toEqual(EMP_HEADER);
      expect(res.json().units.map((c: { name: string }) => c.name)).toEqual(UNIT_HEADER);
    });

    it('serves templates and the column layout only to those who may import (a pegawai gets 403)', async () => {
      for (const url of ['/api/imports/columns', '/api/imports/template/employees.csv']) {
        expect((await pegawai.get(url)).statusCode).toBe(403);
        expect((await adminOpdDinkes.get(url)).statusCode).toBe(200);
      }
    });
  });

  it('the audit chain is intact after every import', async () => {
    expect(await t.services.audit.verify()).toMatchObject({ ok: true, firstBadId: null });
  });
});

describe('imports with a small IMPORT_MAX_BYTES', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { IMPORT_MAX_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  it('a file one byte over the limit is 413 FILE_TOO_LARGE and stores no job; one at the limit is read', async () => {
    const admin = await login(t.app, 'admin');
    const header = `${UNIT_HEADER.join(',')}\r\n`;
    const row = 'DINKES-X,Unit X,BIDANG,DINKES,,';
    const atLimit = header + row + ' '.repeat(2048 - header.length - row.length - 2) + '\r\n';
    expect(Buffer.byteLength(atLimit)).toBe(2048);
    const send = (content: string) =>
      admin.request({
        method: 'POST',
        url: '/api/imports',
        ...multipart({ kind: 'units' }, { field: 'file', name: 'unit.csv', content }),
      });
    const over = await send(`${atLimit} `);
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('FILE_TOO_LARGE');
    expect(await t.db.selectFrom('importJobs').select('id').execute()).toEqual([]);
    const ok = await send(atLimit);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().errors).toEqual([]);
  });

  it('tells the import page the server’s limit', async () => {
    const admin = await login(t.app, 'admin');
    expect((await admin.get('/api/imports/columns')).json().maxBytes).toBe(2048);
  });
});
