import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  buildTppInputsWorld,
  unchanged,
  uploadTo,
  xlsxOf,
  type TppInputsWorld,
} from '../../../../test/helpers/tpp-inputs-world.ts';

/*
 * Pay data for TPP through real HTTP (issue 17 point 1): the gaji pokok history and the bank account of an employee,
 * recorded by tpp.run over her unit (admin OPD of her OPD, BKD), read by her and by TPP readers over her unit, never
 * by anyone else; the XLSX import with its row-by-row report; what the runs read (`salariesOn`, `bankAccounts`).
 */

let w: TppInputsWorld;
beforeAll(async () => {
  w = await buildTppInputsWorld();
}, 120_000);
afterAll(() => w?.t.close());

const pay = (id: string) => `/api/tpp/employees/${id}/pay`;
const salaries = (id: string) => `/api/tpp/employees/${id}/salaries`;
const bank = (id: string) => `/api/tpp/employees/${id}/bank-account`;
const put = (client: TppInputsWorld['c']['bkd'], url: string, payload: object) =>
  client.request({ method: 'PUT', url, payload });
const account = {
  bankName: 'Bank Jabar Banten',
  accountNumber: '0012-3456-78',
  accountHolder: 'Pegawai UPTD Puskesmas Curug',
  npwp: '12.345.678.9-012.345',
};

describe('admin OPD records the pay data of its OPD only', () => {
  it('records a gaji entry and the bank account of a Dinkes employee (digits kept), audited', async () => {
    const id = w.e.pegawai.id;
    const s = await w.c.adminOpd.post(salaries(id), {
      validFrom: '2025-04-01',
      gajiPokok: 3_200_000,
      reference: 'KGB 800/44/2025',
    });
    expect(s.statusCode, s.body).toBe(201);
    const s2 = await w.c.adminOpd.post(salaries(id), { validFrom: '2026-02-01', gajiPokok: 3_400_000 });
    expect(s2.statusCode).toBe(201);
    const b = await put(w.c.adminOpd, bank(id), account);
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toMatchObject({
      employeeId: id,
      // In force today (15 January 2026): the April 2025 entry; the February one is already recorded.
      gajiPokok: 3_200_000,
      salaries: [
        expect.objectContaining({ validFrom: '2026-02-01', gajiPokok: 3_400_000, reference: null }),
        expect.objectContaining({
          validFrom: '2025-04-01',
          gajiPokok: 3_200_000,
          reference: 'KGB 800/44/2025',
        }),
      ],
      bankAccount: expect.objectContaining({
        bankName: 'Bank Jabar Banten',
        accountNumber: '0012345678',
        npwp: '123456789012345',
      }),
      canEdit: true,
    });
    expect((await auditActions(w.t, 'employee_salary')).map((a) => a.action)).toEqual([
      'employee_pay.salary_added',
      'employee_pay.salary_added',
    ]);
    expect(await auditActions(w.t, 'employee_bank_account')).toEqual([
      expect.objectContaining({
        action: 'employee_pay.bank_account_set',
        entityId: id,
        before: null,
        after: expect.objectContaining({ employeeId: id, accountNumber: '0012345678', source: 'FORM' }),
      }),
    ]);
  });

  it('the same date again corrects the entry (audited with what it was); the same values change nothing', async () => {
    const id = w.e.pegawai.id;
    const res = await w.c.bkd.post(salaries(id), { validFrom: '2026-02-01', gajiPokok: 3_450_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json().salaries).toHaveLength(2);
    const audit = await auditActions(w.t, 'employee_salary');
    expect(audit.at(-1)).toMatchObject({
      action: 'employee_pay.salary_corrected',
      before: { gajiPokok: 3_400_000 },
      after: { gajiPokok: 3_450_000 },
    });
    await unchanged(
      w.t,
      () => w.c.bkd.post(salaries(id), { validFrom: '2026-02-01', gajiPokok: 3_450_000 }),
      201,
    );
    await unchanged(w.t, () => put(w.c.bkd, bank(id), account), 200);
  });

  it("cannot record another OPD's employee (404: not in its scope); nothing changes", async () => {
    const id = w.e.other.id;
    await unchanged(w.t, () => put(w.c.adminOpd, bank(id), account), 404);
    await unchanged(
      w.t,
      () => w.c.adminOpd.post(salaries(id), { validFrom: '2025-01-01', gajiPokok: 1 }),
      404,
    );
    expect((await w.c.adminOpd.get(pay(id))).statusCode).toBe(404);
  });

  it.each([
    ['the head of the OPD (reads, does not record)', 'pimpinan', 403],
    ['Inspektorat', 'insp', 403],
    ['the employee herself', 'pegawai', 403],
    ['her superior', 'atasan', 404],
  ] as const)('%s cannot record her pay data; nothing changes', async (_n, who, status) => {
    const err = await unchanged(w.t, () => put(w.c[who], bank(w.e.pegawai.id), account), status);
    if (who === 'pegawai') expect(err.error.message).toMatch(/bukan oleh Anda sendiri/);
  });

  it.each([
    [{ ...account, accountNumber: '12AB' }, 'accountNumber', 'Nomor rekening hanya boleh berisi angka'],
    [
      { ...account, accountNumber: '12345' },
      'accountNumber',
      'Nomor rekening harus 6–20 digit (tertulis 5 digit)',
    ],
    [{ ...account, npwp: '1234' }, 'npwp', 'NPWP harus 15 atau 16 digit (tertulis 4 digit)'],
    [{ ...account, accountHolder: '' }, 'accountHolder', 'Nama pemilik rekening wajib diisi'],
  ])('refuses a bad account (%j) with the reason', async (payload, path, message) => {
    const err = await unchanged(w.t, () => put(w.c.adminOpd, bank(w.e.rekan.id), payload), 400);
    expect(err.error.details).toContainEqual({ path, message });
  });

  it('refuses a negative or fractional gaji', async () => {
    await unchanged(
      w.t,
      () => w.c.adminOpd.post(salaries(w.e.rekan.id), { validFrom: '2025-01-01', gajiPokok: -1 }),
      400,
    );
    await unchanged(
      w.t,
      () => w.c.adminOpd.post(salaries(w.e.rekan.id), { validFrom: '2025-01-01', gajiPokok: 1.5 }),
      400,
    );
  });
});

describe('who reads pay data', () => {
  it('the employee reads her own pay data, not a colleague’s', async () => {
    const own = await w.c.pegawai.get(pay(w.e.pegawai.id));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ gajiPokok: 3_200_000, canEdit: false });
    expect((await w.c.pegawai.get(pay(w.e.rekan.id))).statusCode).toBe(404);
    expect((await w.c.rekan.get(pay(w.e.pegawai.id))).statusCode).toBe(404);
  });

  it('her superior does not read them (personal data); readers over her unit do', async () => {
    expect((await w.c.atasan.get(pay(w.e.pegawai.id))).statusCode).toBe(404);
    for (const who of ['pimpinan', 'insp', 'bkd', 'admin'] as const) {
      const res = await w.c[who].get(pay(w.e.pegawai.id));
      expect(res.statusCode, who).toBe(200);
      expect(res.json().canEdit, who).toBe(who === 'bkd' || who === 'admin');
    }
    expect((await w.c.pimpinan.get(pay(w.e.other.id))).statusCode).toBe(404);
  });

  it('the list shows the employees in scope with the gaji in force and the account, filterable', async () => {
    const admin = (await w.c.adminOpd.get('/api/tpp/pay?pageSize=200')).json();
    const ids = admin.items.map((i: { employeeId: string }) => i.employeeId);
    expect(ids).toContain(w.e.pegawai.id);
    expect(ids).not.toContain(w.e.other.id);
    expect(admin.items.find((i: { employeeId: string }) => i.employeeId === w.e.pegawai.id)).toMatchObject({
      gajiPokok: 3_200_000,
      gajiValidFrom: '2025-04-01',
      accountNumber: '0012345678',
    });
    const missing = (await w.c.adminOpd.get('/api/tpp/pay?missing=REKENING&pageSize=200')).json();
    expect(missing.items.map((i: { employeeId: string }) => i.employeeId)).not.toContain(w.e.pegawai.id);
    expect(missing.total).toBe(admin.total - 1);
    const byNip = (await w.c.bkd.get(`/api/tpp/pay?q=${w.e.other.nip}`)).json();
    expect(byNip.items.map((i: { employeeId: string }) => i.employeeId)).toEqual([w.e.other.id]);
    expect((await w.c.pegawai.get('/api/tpp/pay')).statusCode).toBe(403);
  });
});

describe('pay data from XLSX', () => {
  const IMPORT = '/api/tpp/pay/import';
  const HEADER = ['NIP', 'Gaji Pokok', 'Berlaku Mulai', 'Bank', 'Nomor Rekening', 'Nama Pemilik', 'NPWP'];

  it('a bad row is reported by its line and nothing is written, on a dry run and on a commit', async () => {
    const file = await xlsxOf(HEADER, [
      [w.e.rekan.nip!, 3_100_000, '01/03/2025', 'Bank BJB', '9988776655', 'Rekan Satu', ''],
      [w.e.other.nip!, 3_000_000, '01/03/2025', '', '', '', ''],
      [w.e.atasan.nip!, '3.5 juta', '31/02/2025', 'Bank BJB', '12-34', 'Kepala', '123'],
      ['199001012020011001', 2_000_000, '01/01/2025', '', '', '', ''],
    ]);
    const dry = await uploadTo(w.c.adminOpd, IMPORT, { dryRun: 'true' }, file);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ committed: false, totalRows: 4, validRows: 1 });
    expect(dry.json().errors).toEqual([
      {
        line: 3,
        column: 'nip',
        message: expect.stringMatching(/di luar lingkup kewenangan Anda \(tpp\.run\)$/),
      },
      {
        line: 4,
        column: 'berlaku_mulai',
        message: 'Tanggal "31/02/2025" harus berformat dd/MM/yyyy dan ada di kalender',
      },
      { line: 4, column: 'gaji_pokok', message: 'Gaji pokok "3.5 juta" bukan angka' },
      { line: 4, column: 'nomor_rekening', message: 'Nomor rekening harus 6–20 digit (tertulis 4 digit)' },
      { line: 4, column: 'npwp', message: 'NPWP harus 15 atau 16 digit (tertulis 3 digit)' },
      { line: 5, column: 'nip', message: 'NIP 199001012020011001 tidak dikenal di Abdi' },
    ]);
    const err = await unchanged(w.t, () => uploadTo(w.c.adminOpd, IMPORT, { dryRun: 'false' }, file), 422);
    expect(err.error.code).toBe('IMPORT_INVALID');
    expect(err.error.details).toHaveLength(6);
  });

  it('the same date twice for one NIP in the file is reported at the second line', async () => {
    const file = await xlsxOf(HEADER, [
      [w.e.rekan.nip!, 3_100_000, '01/03/2025', '', '', '', ''],
      [w.e.rekan.nip!, 3_150_000, '2025-03-01', '', '', '', ''],
    ]);
    const dry = (await uploadTo(w.c.adminOpd, IMPORT, {}, file)).json();
    expect(dry.errors).toEqual([
      {
        line: 3,
        column: 'berlaku_mulai',
        message: `Gaji pokok NIP ${w.e.rekan.nip} berlaku 01/03/2025 sudah ada di baris 2`,
      },
    ]);
  });

  it('a good file is written in one go (201), audited per change and as an import; again it changes nothing', async () => {
    const file = await xlsxOf(HEADER, [
      [w.e.rekan.nip!, 3_100_000, '01/03/2025', 'Bank BJB', '9988 7766 55', 'Rekan Satu', ''],
      [w.e.atasan.nip!, '4.250.000', '01/01/2026', '', '', '', ''],
      [
        w.e.pegawai.nip!,
        '',
        '',
        'Bank Jabar Banten',
        '0012345678',
        'Pegawai UPTD Puskesmas Curug',
        '123456789012345',
      ],
    ]);
    const res = await uploadTo(w.c.adminOpd, IMPORT, { dryRun: 'false' }, file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      committed: true,
      errors: [],
      counts: { employees: 3, salaries: 2, bankAccounts: 1, unchanged: 1 },
    });
    const importId = res.json().importId;
    const audit = await auditActions(w.t, 'import');
    expect(audit.at(-1)).toMatchObject({ action: 'import.tpp_pay', entityId: importId });
    expect((await auditActions(w.t, 'employee_salary')).at(-1)!.after).toMatchObject({
      source: 'XLSX',
      importId,
      gajiPokok: 4_250_000,
    });
    const again = await unchanged(w.t, () => uploadTo(w.c.adminOpd, IMPORT, { dryRun: 'true' }, file), 200);
    expect(again).toMatchObject({ counts: { salaries: 0, bankAccounts: 0, unchanged: 3 } });
  });

  it('only tpp.run may import', async () => {
    const file = await xlsxOf(HEADER, [[w.e.rekan.nip!, 1, '01/01/2025', '', '', '', '']]);
    await unchanged(w.t, () => uploadTo(w.c.pimpinan, IMPORT, { dryRun: 'false' }, file), 403);
    await unchanged(w.t, () => uploadTo(w.c.pegawai, IMPORT, { dryRun: 'false' }, file), 403);
  });
});

describe('what the runs read', () => {
  it('salariesOn: the gaji in force on the date; bankAccounts: the accounts recorded', async () => {
    const inputs = w.t.services.tpp.inputs;
    const ids = [w.e.pegawai.id, w.e.rekan.id, w.e.other.id];
    expect(await inputs.salariesOn(w.t.db, ids, '2026-01-31')).toEqual(
      new Map([
        [w.e.pegawai.id, 3_200_000],
        [w.e.rekan.id, 3_100_000],
      ]),
    );
    expect((await inputs.salariesOn(w.t.db, ids, '2026-02-01')).get(w.e.pegawai.id)).toBe(3_450_000);
    expect((await inputs.salariesOn(w.t.db, ids, '2025-03-31')).size).toBe(1);
    expect((await inputs.salariesOn(w.t.db, ids, '2025-02-28')).size).toBe(0);
    const banks = await inputs.bankAccounts(w.t.db, ids);
    expect(banks.get(w.e.rekan.id)).toEqual({
      bankName: 'Bank BJB',
      accountNumber: '9988776655',
      accountHolder: 'Rekan Satu',
      npwp: null,
    });
    expect(banks.has(w.e.other.id)).toBe(false);
    expect(await inputs.salariesOn(w.t.db, [], '2026-01-31')).toEqual(new Map());
  });
});
