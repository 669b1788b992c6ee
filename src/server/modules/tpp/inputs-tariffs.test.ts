import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  auditActions,
  buildTppInputsWorld,
  generalRows,
  unchanged,
  uploadTo,
  xlsxOf,
  type TppInputsWorld,
} from '../../../../test/helpers/tpp-inputs-world.ts';
import { tppRulesSchema } from '../../../core/tpp/tpp-rules.ts';
import national from '../../../../rulebooks/national/tpp.json' with { type: 'json' };

/*
 * TPP tariff tables and pagu through real HTTP (issue 17 point 1 and its "Bad input": a tariff that is negative or
 * missing for a kelas in use): BKD sets them, readers read them, nobody else writes, a refusal changes nothing; the
 * XLSX import reports every bad row by its line and writes all or nothing; the export opens in Excel and imports
 * again; the runs' resolver picks the year's table or falls back to the rulebook.
 */

let w: TppInputsWorld;
beforeAll(async () => {
  w = await buildTppInputsWorld();
}, 120_000);
afterAll(() => w?.t.close());

const TABLE = '/api/tpp/tariff-tables';
const body = (over: Record<string, unknown> = {}) => ({
  year: 2026,
  perkadaRef: 'Pergub Banten 12/2025',
  perkadaDate: '2025-12-20',
  note: 'Besaran TPP 2026',
  rows: generalRows(),
  ...over,
});
const rules = tppRulesSchema.parse(national);
const HEADER = ['kelas', 'kriteria', 'kelompok jabatan', 'unit', 'besaran'];

describe('tariff tables: BKD sets them, readers read them', () => {
  let firstId: string;

  it('BKD creates the table of a year (JSON) with unit and position-group rows; the write is audited', async () => {
    const res = await w.c.bkd.post(TABLE, {
      ...body(),
      rows: [
        ...generalRows(),
        { kelas: 9, criterion: 'TEMPAT_BERTUGAS', unitId: w.p.dinkes.service.unit.id, amount: 750_000 },
        { kelas: 9, criterion: 'BEBAN_KERJA', positionGroup: 'JF_AHLI_MUDA', amount: 5_000_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const table = res.json();
    firstId = table.id;
    expect(table).toMatchObject({
      year: 2026,
      perkadaRef: 'Pergub Banten 12/2025',
      perkadaDate: '2025-12-20',
      status: 'AKTIF',
      statusLabel: 'Berlaku',
    });
    expect(table.rows).toHaveLength(19);
    expect(table.rows.filter((r: { kelas: number }) => r.kelas === 9)).toEqual([
      expect.objectContaining({ criterion: 'BEBAN_KERJA', positionGroup: null, amount: 4_250_000 }),
      expect.objectContaining({ criterion: 'BEBAN_KERJA', positionGroup: 'JF_AHLI_MUDA', amount: 5_000_000 }),
      expect.objectContaining({
        criterion: 'TEMPAT_BERTUGAS',
        criterionLabel: 'Tempat bertugas',
        unitCode: 'DINKES-PKM-CURUG',
        unitName: 'UPTD Puskesmas Curug',
        amount: 750_000,
      }),
    ]);
    const audit = await auditActions(w.t, 'tpp_tariff_table');
    expect(audit.at(-1)).toMatchObject({
      action: 'tpp_tariff.table_created',
      entityId: firstId,
      after: expect.objectContaining({ rows: 19, source: 'JSON', replaces: null }),
    });
  });

  it.each(['insp', 'pimpinan', 'adminOpd', 'admin'] as const)(
    '%s reads the tables and one table',
    async (who) => {
      const list = await w.c[who].get(`${TABLE}?year=2026`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((t: { id: string }) => t.id)).toContain(firstId);
      expect((await w.c[who].get(`${TABLE}/${firstId}`)).statusCode).toBe(200);
    },
  );

  it.each(['pegawai', 'atasan'] as const)('%s (no TPP role) does not read them', async (who) => {
    expect((await w.c[who].get(TABLE)).statusCode).toBe(403);
    expect((await w.c[who].get(`${TABLE}/${firstId}`)).statusCode).toBe(403);
  });

  it.each(['adminOpd', 'insp', 'pimpinan', 'pegawai'] as const)(
    '%s cannot set a table, and the refusal changes nothing',
    async (who) => {
      const err = await unchanged(w.t, () => w.c[who].post(TABLE, body()), 403);
      expect(err.error.code).toBe('FORBIDDEN');
    },
  );

  it('a new table for the year replaces the active one, which is kept as DIGANTI', async () => {
    const res = await w.c.bkd.post(
      TABLE,
      body({ perkadaRef: 'Pergub Banten 3/2026', rows: generalRows(2_100_000) }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const list = (await w.c.bkd.get(`${TABLE}?year=2026`)).json();
    expect(list.items.map((t: { perkadaRef: string; status: string }) => [t.perkadaRef, t.status])).toEqual([
      ['Pergub Banten 3/2026', 'AKTIF'],
      ['Pergub Banten 12/2025', 'DIGANTI'],
    ]);
    expect((await w.c.bkd.get(`${TABLE}?status=AKTIF&q=3/2026`)).json().total).toBe(1);
    const audit = await auditActions(w.t, 'tpp_tariff_table');
    expect(audit.slice(-2).map((a) => [a.action, a.entityId])).toEqual([
      ['tpp_tariff.table_replaced', firstId],
      ['tpp_tariff.table_created', res.json().id],
    ]);
    // Back to the first table's rows for the resolver below (and a third table in the list).
    const again = await w.c.bkd.post(TABLE, {
      ...body({ perkadaRef: 'Pergub Banten 4/2026' }),
      rows: [
        ...generalRows(),
        { kelas: 9, criterion: 'TEMPAT_BERTUGAS', unitId: w.p.dinkes.service.unit.id, amount: 750_000 },
        { kelas: 9, criterion: 'BEBAN_KERJA', positionGroup: 'JF_AHLI_MUDA', amount: 5_000_000 },
      ],
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('tariff tables: bad input is refused with the reason, nothing written', () => {
  it.each<[string, Record<string, unknown>, { path: string; message: RegExp }]>([
    [
      'a negative amount',
      { rows: [...generalRows().slice(1), { kelas: 1, criterion: 'BEBAN_KERJA', amount: -5 }] },
      { path: 'rows.16.amount', message: /tidak boleh negatif/ },
    ],
    [
      'an amount that is not whole rupiah',
      { rows: [...generalRows().slice(1), { kelas: 1, criterion: 'BEBAN_KERJA', amount: 10.5 }] },
      { path: 'rows.16.amount', message: /rupiah bulat/ },
    ],
    [
      'kelas 18',
      { rows: [...generalRows(), { kelas: 18, criterion: 'BEBAN_KERJA', amount: 1 }] },
      { path: 'rows.17.kelas', message: /paling besar 17/ },
    ],
    [
      'an unknown criterion',
      { rows: [...generalRows(), { kelas: 3, criterion: 'LEMBUR', amount: 1 }] },
      { path: 'rows.17.criterion', message: /Kriteria harus salah satu/ },
    ],
    [
      'a duplicate row',
      { rows: [...generalRows(), { kelas: 3, criterion: 'BEBAN_KERJA', amount: 1 }] },
      { path: 'rows.17', message: /^Baris ganda: kelas 3, beban kerja sudah ada di rows\[2\]$/ },
    ],
    [
      'an unknown position group',
      {
        rows: [...generalRows(), { kelas: 3, criterion: 'BEBAN_KERJA', positionGroup: 'TUKANG', amount: 1 }],
      },
      { path: 'rows.17.positionGroup', message: /"TUKANG" tidak dikenal/ },
    ],
    [
      'an unknown unit',
      {
        rows: [
          ...generalRows(),
          { kelas: 3, criterion: 'BEBAN_KERJA', unitId: '00000000-0000-4000-8000-000000000000', amount: 1 },
        ],
      },
      { path: 'rows.17.unitId', message: /Unit "00000000-0000-4000-8000-000000000000" tidak dikenal/ },
    ],
    [
      'a kelas in use (9) without a tariff',
      { rows: generalRows().filter((r) => r.kelas !== 9) },
      {
        path: 'rows',
        message:
          /^Kelas jabatan 9 dipakai 1 jabatan \(mis\. Epidemiolog Kesehatan Ahli Muda, UPTD Puskesmas Curug\)/,
      },
    ],
    ['no rows', { rows: [] }, { path: 'rows', message: /kosong/ }],
  ])('%s', async (_name, over, want) => {
    const err = await unchanged(w.t, () => w.c.bkd.post(TABLE, body(over)), 400);
    expect(err.error.code).toBe('VALIDATION');
    const d = (err.error.details as { path: string; message: string }[]).find((x) => x.path === want.path);
    expect(d?.message, JSON.stringify(err.error.details)).toMatch(want.message);
  });
});

describe('tariff tables from XLSX: a row-by-row report, all or nothing', () => {
  const IMPORT = `${TABLE}/import`;
  const fields = (over: Record<string, string> = {}) => ({
    year: '2027',
    perkadaRef: 'Pergub Banten 9/2026',
    perkadaDate: '2026-11-30',
    dryRun: 'true',
    ...over,
  });
  const goodRows = () => [
    ...Array.from({ length: 17 }, (_, i) => [i + 1, 'Beban kerja', '', '', 3_000_000 + i * 100_000]),
    [9, 'Tempat bertugas', '', 'DINKES-PKM-CURUG', '1.250.000'],
    [12, 'KELANGKAAN_PROFESI', 'JPT Pratama', '', 2_000_000],
  ];

  it('a dry run reports a bad row by its line, with the column and the reason, and writes nothing', async () => {
    const rows = goodRows();
    rows[2] = [3, 'Beban kerja', '', '', -100];
    rows[5] = [40, 'Beban kerja', '', '', 100];
    const file = await xlsxOf(HEADER, rows);
    const res = await uploadTo(w.c.bkd, IMPORT, fields(), file);
    // A dry run writes nothing (GET-like), checked as the refusals are.
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      dryRun: true,
      committed: false,
      totalRows: 19,
      validRows: 17,
      table: null,
    });
    expect(report.errors).toEqual([
      { line: 4, column: 'besaran', message: 'Besaran TPP tidak boleh negatif (-Rp 100)' },
      { line: 7, column: 'kelas', message: 'Kelas jabatan 40 di luar rentang 1–17' },
    ]);
    expect(report.rows).toHaveLength(17);
    expect(
      await w.t.db.selectFrom('tppTariffTables').select('id').where('year', '=', 2027).execute(),
    ).toEqual([]);
  });

  it('a commit with a bad row is refused (422) with the same report, nothing written', async () => {
    const rows = goodRows();
    rows[3] = [4, 'Lembur', '', '', 100];
    rows[17] = [9, 'Tempat bertugas', '', 'TIDAK-ADA', 100];
    const file = await xlsxOf(HEADER, rows);
    const err = await unchanged(w.t, () => uploadTo(w.c.bkd, IMPORT, fields({ dryRun: 'false' }), file), 422);
    expect(err.error.code).toBe('IMPORT_INVALID');
    expect(err.error.details).toEqual([
      { line: 5, column: 'kriteria', message: expect.stringMatching(/^Kriteria "Lembur" tidak dikenal/) },
      { line: 19, column: 'unit', message: 'Unit "TIDAK-ADA" tidak dikenal (isi kode unit atau kosongkan)' },
    ]);
  });

  it('a file that leaves kelas 7 (in use) without a tariff is refused, naming the kelas', async () => {
    const file = await xlsxOf(
      HEADER,
      goodRows().filter((r) => r[0] !== 7),
    );
    const err = await unchanged(w.t, () => uploadTo(w.c.bkd, IMPORT, fields({ dryRun: 'false' }), file), 422);
    expect(err.error.details).toEqual([
      {
        line: null,
        column: 'kelas',
        message:
          'Kelas jabatan 7 dipakai 1 jabatan (mis. Pengolah Data, UPTD Samsat Ciruas) tetapi tidak memiliki besaran TPP di tabel ini',
      },
    ]);
  });

  it('admin OPD cannot import (403 before the file is read), nothing written', async () => {
    const file = await xlsxOf(HEADER, goodRows());
    await unchanged(w.t, () => uploadTo(w.c.adminOpd, IMPORT, fields({ dryRun: 'false' }), file), 403);
  });

  it('missing form fields and columns are named', async () => {
    const file = await xlsxOf(HEADER, goodRows());
    const noRef = await uploadTo(w.c.bkd, IMPORT, { year: '2027' }, file);
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json().error.details).toEqual([{ path: 'perkadaRef', message: expect.any(String) }]);
    const noColumn = await uploadTo(
      w.c.bkd,
      IMPORT,
      fields(),
      await xlsxOf(['kelas', 'kriteria'], [[1, 'Beban kerja']]),
    );
    expect(noColumn.statusCode).toBe(422);
    expect(noColumn.json().error.message).toBe('Kolom wajib tidak ada di baris judul: besaran');
  });

  let importedId: string;
  it('a good file is stored (201) with its Perkada, unit codes and position groups resolved', async () => {
    const file = await xlsxOf(HEADER, goodRows());
    const res = await uploadTo(w.c.bkd, IMPORT, fields({ dryRun: 'false' }), file, 'tpp-2027.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({
      committed: true,
      errors: [],
      totalRows: 19,
      validRows: 19,
      replaces: null,
    });
    importedId = report.table.id;
    expect(report.table).toMatchObject({
      year: 2027,
      perkadaRef: 'Pergub Banten 9/2026',
      perkadaDate: '2026-11-30',
    });
    expect(report.rows).toContainEqual(
      expect.objectContaining({
        kelas: 9,
        criterion: 'TEMPAT_BERTUGAS',
        unitCode: 'DINKES-PKM-CURUG',
        amount: 1_250_000,
      }),
    );
    expect(report.rows).toContainEqual(
      expect.objectContaining({ kelas: 12, criterion: 'KELANGKAAN_PROFESI', positionGroup: 'JPT_PRATAMA' }),
    );
    const audit = await auditActions(w.t, 'tpp_tariff_table');
    expect(audit.at(-1)!.after).toMatchObject({ source: 'XLSX', fileName: 'tpp-2027.xlsx', rows: 19 });
  });

  it('the export opens in Excel with the rows and the Perkada, and imports again without an error', async () => {
    const res = await w.c.insp.get(`${TABLE}/${importedId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('besaran-tpp-2027-Pergub-Banten-9-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Besaran TPP')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'kelas',
      'kriteria',
      'kelompok_jabatan',
      'unit',
      'nama_unit',
      'besaran',
    ]);
    expect(sheet.rowCount).toBe(20);
    const rows = Array.from({ length: 19 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    expect(rows).toContainEqual([
      9,
      'Tempat bertugas',
      '',
      'DINKES-PKM-CURUG',
      'UPTD Puskesmas Curug',
      1_250_000,
    ]);
    expect(rows[0]).toEqual([1, 'Beban kerja', '', '', '', 3_000_000]);
    const sum = rows.reduce((s, r) => s + (r[5] as number), 0);
    expect(sum).toBe(17 * 3_000_000 + 136 * 100_000 + 1_250_000 + 2_000_000);
    const info = wb.getWorksheet('Keterangan')!;
    const pairs = Object.fromEntries(
      Array.from({ length: info.rowCount - 1 }, (_, i) => (info.getRow(i + 2).values as string[]).slice(1)),
    );
    expect(pairs).toMatchObject({
      Tahun: '2027',
      'Nomor Perkada': 'Pergub Banten 9/2026',
      'Tanggal Perkada': '30/11/2026',
      Status: 'Berlaku',
      'Jumlah baris': '19',
    });
    const again = await uploadTo(w.c.bkd, IMPORT, fields(), res.rawPayload, 'ekspor.xlsx');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ errors: [], validRows: 19, replaces: { id: importedId } });
  });

  it('pegawai cannot export a table', async () => {
    expect((await w.c.pegawai.get(`${TABLE}/${importedId}/export`)).statusCode).toBe(403);
  });
});

describe('tariffsFor: the resolver of the runs', () => {
  const inputs = () => w.t.services.tpp.inputs;
  const pkm = () => w.p.dinkes.service.unit;
  const samsat = () => w.p.bapenda.service.unit;

  it("with the year's table: per criterion the most specific row, summed; null for a kelas without a row", async () => {
    const r = await inputs().tariffsFor(w.t.db, 2026);
    expect(r.source).toMatchObject({ kind: 'table', perkadaRef: 'Pergub Banten 4/2026' });
    // JF Ahli Muda at the Puskesmas: its group's beban kerja and the Puskesmas's tempat bertugas.
    expect(r.amountFor(9, 'JF_AHLI_MUDA', pkm().id, pkm().path, rules)).toEqual({
      amount: 5_750_000,
      parts: [
        { criterion: 'BEBAN_KERJA', amount: 5_000_000 },
        { criterion: 'TEMPAT_BERTUGAS', amount: 750_000 },
      ],
    });
    // A pelaksana kelas 9 at Samsat: the general row only.
    expect(r.amountFor(9, 'PELAKSANA', samsat().id, samsat().path, rules)).toEqual({
      amount: 4_250_000,
      parts: [{ criterion: 'BEBAN_KERJA', amount: 4_250_000 }],
    });
    const only3 = await w.t.db
      .insertInto('tppTariffTables')
      .values({ year: 2030, perkadaRef: 'Uji', createdBy: w.c.bkd.me.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.t.db
      .insertInto('tppTariffs')
      .values({ tableId: only3.id, kelas: 3, criterion: 'BEBAN_KERJA', amount: 1 })
      .execute();
    expect(
      (await inputs().tariffsFor(w.t.db, 2030)).amountFor(9, null, pkm().id, pkm().path, rules),
    ).toBeNull();
  });

  it("without a table for the year: the rulebook's rows as prestasi kerja", async () => {
    const r = await inputs().tariffsFor(w.t.db, 2025);
    expect(r.source).toEqual({ kind: 'rulebook' });
    expect(r.amountFor(9, 'PELAKSANA', pkm().id, pkm().path, rules)).toEqual({
      amount: 7_023_000,
      parts: [{ criterion: 'PRESTASI_KERJA', amount: 7_023_000 }],
    });
  });

  it('a replaced table still resolves by its id (a run reproducing what it used)', async () => {
    const old = await w.t.db
      .selectFrom('tppTariffTables')
      .select('id')
      .where('perkadaRef', '=', 'Pergub Banten 3/2026')
      .executeTakeFirstOrThrow();
    const r = await inputs().tariffsOfTable(w.t.db, old.id);
    expect(r.amountFor(1, null, pkm().id, pkm().path, rules)?.amount).toBe(2_350_000);
    // A stored run's tariff source: its (replaced) table, not the year's active one; or the rulebook's rows.
    const bySource = await inputs().tariffsOfSource(w.t.db, {
      kind: 'table',
      tableId: old.id,
      perkadaRef: 'Pergub Banten 3/2026',
    });
    expect(bySource.amountFor(1, null, pkm().id, pkm().path, rules)?.amount).toBe(2_350_000);
    expect((await inputs().tariffsFor(w.t.db, 2026)).source).not.toMatchObject({ tableId: old.id });
    const rulebook = await inputs().tariffsOfSource(w.t.db, { kind: 'rulebook' });
    expect(rulebook.amountFor(9, 'PELAKSANA', pkm().id, pkm().path, rules)?.amount).toBe(7_023_000);
  });
});

describe('pagu per OPD and year', () => {
  const PUT = (client: TppInputsWorld['c']['bkd'], b: object) =>
    client.request({ method: 'PUT', url: '/api/tpp/budgets', payload: b });
  const dinkes = () => w.p.dinkes.unit.id;
  const bapenda = () => w.p.bapenda.unit.id;

  it('BKD sets and replaces the pagu of an OPD with its DPA number, audited with what it was', async () => {
    const set = await PUT(w.c.bkd, {
      unitId: dinkes(),
      year: 2026,
      amount: 12_500_000_000,
      reference: 'DPA 1.02/2026',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      unitName: 'Dinas Kesehatan',
      amount: 12_500_000_000,
      reference: 'DPA 1.02/2026',
    });
    const again = await PUT(w.c.bkd, {
      unitId: dinkes(),
      year: 2026,
      amount: 13_000_000_000,
      reference: 'DPA-P 1.02/2026',
    });
    expect(again.json().amount).toBe(13_000_000_000);
    expect(
      (
        await PUT(w.c.bkd, {
          unitId: bapenda(),
          year: 2026,
          amount: 8_000_000_000,
          reference: 'DPA 4.01/2026',
        })
      ).statusCode,
    ).toBe(200);
    const audit = await auditActions(w.t, 'tpp_budget');
    expect(audit[1]).toMatchObject({
      action: 'tpp_budget.set',
      entityId: `${dinkes()}/2026`,
      before: { amount: 12_500_000_000, reference: 'DPA 1.02/2026' },
      after: { amount: 13_000_000_000, reference: 'DPA-P 1.02/2026' },
    });
    expect(await w.t.services.tpp.inputs.budgetOf(w.t.db, dinkes(), 2026)).toEqual({
      amount: 13_000_000_000,
      reference: 'DPA-P 1.02/2026',
    });
    expect(await w.t.services.tpp.inputs.budgetOf(w.t.db, dinkes(), 2027)).toBeNull();
  });

  it('lists the pagu of the OPDs in scope with their names and the total', async () => {
    const bkd = (await w.c.bkd.get('/api/tpp/budgets?year=2026')).json();
    expect(bkd.items.map((b: { unitName: string }) => b.unitName)).toEqual([
      'Badan Pendapatan Daerah',
      'Dinas Kesehatan',
    ]);
    expect(bkd.totalAmount).toBe(21_000_000_000);
    const admin = (await w.c.adminOpd.get('/api/tpp/budgets?year=2026')).json();
    expect(admin.items.map((b: { unitId: string }) => b.unitId)).toEqual([dinkes()]);
    expect((await w.c.bkd.get('/api/tpp/budgets?q=pendapatan')).json().total).toBe(1);
    expect((await w.c.pegawai.get('/api/tpp/budgets')).statusCode).toBe(403);
  });

  it.each([
    ['admin OPD', 'adminOpd', 403],
    ['the head of the OPD', 'pimpinan', 403],
  ] as const)('%s cannot set the pagu; nothing changes', async (_n, who, status) => {
    await unchanged(
      w.t,
      () => PUT(w.c[who], { unitId: dinkes(), year: 2026, amount: 1, reference: 'x' }),
      status,
    );
  });

  it('refuses a unit that is not an OPD, and a negative amount', async () => {
    const uptd = await unchanged(
      w.t,
      () => PUT(w.c.bkd, { unitId: w.p.dinkes.service.unit.id, year: 2026, amount: 1, reference: 'x' }),
      400,
    );
    expect(uptd.error.message).toBe(
      'Pagu TPP ditetapkan per OPD; UPTD Puskesmas Curug berjenis PUSKESMAS, bukan OPD',
    );
    await unchanged(
      w.t,
      () => PUT(w.c.bkd, { unitId: dinkes(), year: 2026, amount: -1, reference: 'x' }),
      400,
    );
  });
});
