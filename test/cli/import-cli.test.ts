import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, runNpmScript, type CliDatabase, type CliResult } from '../helpers/cli.ts';
import { main } from '../../scripts/import.ts';
import { composeNip } from '../../src/core/people/nip.ts';
import { EMPLOYEE_COLUMNS, UNIT_COLUMNS } from '../../src/server/modules/imports/import-columns.ts';

/*
 * `npm run import` (scripts/import.ts) on real CSV and XLSX files against a database of its own (a PGlite data
 * directory, or a PostgreSQL database with TEST_DATABASE_URL). The first case runs the npm script's command line
 * in a child process; the others call the tool's `main` in this process (same arguments, environment and exit
 * code, output captured). The tests run in order on one database: units first, then employees placed in them.
 */

type Cells = Record<string, string>;
const UNIT_HEADER = UNIT_COLUMNS.map((c) => c.name);
const EMP_HEADER = EMPLOYEE_COLUMNS.map((c) => c.name);

function csv(header: string[], rows: Cells[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n')}\r\n`;
}
async function xlsx(header: string[], rows: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(header);
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const spaced = (nip: string) =>
  `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;

const NIP = {
  a: composeNip({ birthDate: '1984-02-10', gender: 'L', appointmentMonth: '2009-03', sequence: 801 }),
  b: composeNip({ birthDate: '1991-06-21', gender: 'P', appointmentMonth: '2016-01', sequence: 802 }),
  c: composeNip({
    birthDate: '1993-09-30',
    gender: 'P',
    layout: 'PPPK',
    appointmentYear: 2023,
    sequence: 803,
  }),
  d: composeNip({ birthDate: '1989-12-01', gender: 'L', appointmentMonth: '2014-02', sequence: 804 }),
  e: composeNip({ birthDate: '1995-04-17', gender: 'P', appointmentMonth: '2020-03', sequence: 805 }),
  f: composeNip({ birthDate: '1986-08-08', gender: 'L', appointmentMonth: '2011-05', sequence: 806 }),
  g: composeNip({ birthDate: '1990-01-25', gender: 'P', appointmentMonth: '2015-07', sequence: 807 }),
};

const units: Cells[] = [
  { kode: 'KAB-UJI', nama: 'Pemerintah Kabupaten Uji', jenis: 'INSTANSI', zona_waktu: 'WIB' },
  { kode: 'DINAS-UJI', nama: 'Dinas Uji', jenis: 'OPD', kode_induk: 'KAB-UJI' },
  { kode: 'DINAS-UJI-SEK', nama: 'Sekretariat Dinas Uji', jenis: 'BIDANG', kode_induk: 'DINAS-UJI' },
];
const person = (nip: string, nama: string, gender: 'L' | 'P', extra: Cells = {}): Cells => ({
  nip,
  nama,
  jenis_kelamin: gender,
  jenis_pegawai: 'PNS',
  kode_unit: 'DINAS-UJI-SEK',
  tmt: '01/02/2024',
  ...extra,
});
const employees: Cells[] = [
  person(NIP.a, 'Agus Salim', 'L', { telepon: '081200000801' }),
  person(NIP.b, 'Bunga Citra', 'P'),
  person(NIP.c, 'Citra Dewi', 'P', { jenis_pegawai: 'PPPK', golongan: 'IX', kode_unit: 'DINAS-UJI' }),
];

let store: CliDatabase;
let dir: string;
const files: Record<string, string> = {};

const importCli = (args: string[], env: Record<string, string> = {}) =>
  runCli(main, args, { ...store.env, ...env });
const counts = () =>
  store.use(async (h) => {
    const n = async (table: 'units' | 'employees' | 'placements' | 'importJobs') =>
      (
        await h.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    return { units: await n('units'), employees: await n('employees'), placements: await n('placements') };
  });
const nips = () =>
  store.use(async (h) =>
    (await h.db.selectFrom('employees').select('nip').orderBy('nip').execute()).map((r) => r.nip),
  );
const phoneOf = (nip: string) =>
  store.use(
    async (h) =>
      (await h.db.selectFrom('employees').select('phone').where('nip', '=', nip).executeTakeFirstOrThrow())
        .phone,
  );
/** Bar glyphs of cli-progress (shades_classic). */
const BAR = /\|[\u2588\u2591]+\|/;
const expectOk = (r: CliResult) => expect(r.status, r.output).toBe(0);

beforeAll(async () => {
  store = await createCliDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-import-'));
  const write = async (name: string, content: string | Buffer) => {
    files[name] = path.join(dir, name);
    await writeFile(files[name], content);
  };
  await write('unit.csv', csv(UNIT_HEADER, units));
  await write('pegawai.csv', csv(EMP_HEADER, employees));
  // The same people, NIPs written with spaces and in another order: still the same three people.
  await write(
    'pegawai-ulang.csv',
    csv(
      EMP_HEADER,
      [...employees].reverse().map((e) => ({ ...e, nip: spaced(e.nip!) })),
    ),
  );
  // One known NIP with a new phone number and one new person.
  await write(
    'pegawai.xlsx',
    await xlsx(EMP_HEADER, [
      { ...employees[0]!, telepon: '081299999999' },
      person(NIP.d, 'Dodi Firmansyah', 'L', { golongan: 'III/a' }),
    ]),
  );
  // Line 2 valid, line 3 a NIP of 17 digits, line 4 an unknown unit.
  await write(
    'pegawai-salah.csv',
    csv(EMP_HEADER, [
      person(NIP.e, 'Eka Putri', 'P'),
      person(NIP.f.slice(0, 17), 'Fajar Nugraha', 'L'),
      person(NIP.g, 'Gita Savitri', 'P', { kode_unit: 'TIDAK-ADA' }),
    ]),
  );
  await write('pegawai-baru.csv', csv(EMP_HEADER, [person(NIP.f, 'Fajar Nugraha', 'L')]));
  // Over 1 KB (the smallest IMPORT_MAX_BYTES allowed): 20 sections of the Dinas.
  await write(
    'unit-banyak.csv',
    csv(
      UNIT_HEADER,
      Array.from({ length: 20 }, (_, i) => ({
        kode: `DINAS-UJI-B${i + 1}`,
        nama: `Bidang ${i + 1} Dinas Uji`,
        jenis: 'BIDANG',
        kode_induk: 'DINAS-UJI',
        alamat: `Jl. Uji No. ${i + 1}, Kabupaten Uji`,
      })),
    ),
  );
});
afterAll(async () => {
  await store?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A spawned CLI boots Node and its database: on a loaded 2-core runner that alone can take most of the default 30 s.
describe('npm run import', { timeout: 90_000 }, () => {
  it('imports units from CSV (exit 0), with plain progress lines when stderr is not a terminal (npm script, spawned)', async () => {
    const r = runNpmScript('import', ['--kind', 'units', '--file', files['unit.csv']!], store.env);
    expectOk(r);
    expect(r.stdout).toContain('Berkas unit.csv: 3 baris data, 3 valid, 0 bermasalah.');
    expect(r.stdout).toContain('Selesai: 3 baru, 0 diperbarui, 0 tidak berubah.');
    expect(r.stderr).toMatch(/^Memeriksa: 3\/3 langkah \(100%\)$/m);
    expect(r.stderr).toMatch(/^Menulis: 3\/3 langkah \(100%\)$/m);
    expect(r.output).not.toMatch(BAR);
    expect(await counts()).toMatchObject({ units: 3, employees: 0 });
  });

  it('imports employees from CSV, and a second run of the same people is idempotent on NIP', async () => {
    const first = await importCli(['--kind', 'employees', '--file', files['pegawai.csv']!]);
    expectOk(first);
    expect(first.stdout).toContain('Selesai: 3 baru, 0 diperbarui, 0 tidak berubah.');
    expect(await nips()).toEqual([NIP.a, NIP.b, NIP.c].sort());
    const before = await counts();
    expect(before).toMatchObject({ employees: 3, placements: 3 });

    const again = await importCli(['--kind', 'employees', '--file', files['pegawai-ulang.csv']!]);
    expectOk(again);
    expect(again.stdout).toContain('Selesai: 0 baru, 0 diperbarui, 3 tidak berubah.');
    expect(await counts()).toEqual(before);
  });

  it('imports employees from XLSX: a known NIP is updated, a new one inserted; a rerun changes nothing', async () => {
    const r = await importCli(['--kind', 'employees', '--file', files['pegawai.xlsx']!]);
    expectOk(r);
    expect(r.stdout).toContain('Berkas pegawai.xlsx: 2 baris data, 2 valid, 0 bermasalah.');
    expect(r.stdout).toContain('Selesai: 1 baru, 1 diperbarui, 0 tidak berubah.');
    expect(await phoneOf(NIP.a)).toBe('081299999999');
    expect((await counts()).employees).toBe(4);

    const again = await importCli(['--kind', 'employees', '--file', files['pegawai.xlsx']!]);
    expectOk(again);
    expect(again.stdout).toContain('Selesai: 0 baru, 0 diperbarui, 2 tidak berubah.');
    expect((await counts()).employees).toBe(4);
  });

  it('rejects a file with bad rows: exit 1, each bad line with its reason, nothing written', async () => {
    const before = await counts();
    const r = await importCli(['--kind', 'employees', '--file', files['pegawai-salah.csv']!]);
    expect(r.status, r.output).toBe(1);
    expect(r.stdout).toContain('Berkas pegawai-salah.csv: 3 baris data, 1 valid, 2 bermasalah.');
    expect(r.stdout).toMatch(/^ {2}Baris 3, kolom nip: .*18/m);
    expect(r.stdout).toMatch(/^ {2}Baris 4, kolom kode_unit: .*TIDAK-ADA/m);
    expect(r.stdout).not.toMatch(/Baris 2\b/);
    expect(r.stderr).toContain('Berkas ditolak: tidak ada data yang ditulis.');
    expect(await counts()).toEqual(before);
    expect(await nips()).not.toContain(NIP.e);
  });

  it('--dry-run checks only: exit 0 on a valid file, 1 on a bad one, and writes nothing', async () => {
    const before = await counts();
    const ok = await importCli(['--kind', 'employees', '--file', files['pegawai-baru.csv']!, '--dry-run']);
    expectOk(ok);
    expect(ok.stdout).toContain('Uji coba (--dry-run): tidak ada data yang ditulis.');
    expect(ok.stdout).not.toContain('Selesai:');
    const bad = await importCli(['--kind', 'employees', '--file', files['pegawai-salah.csv']!, '--dry-run']);
    expect(bad.status, bad.output).toBe(1);
    expect(bad.stdout).toContain('Baris 3, kolom nip:');
    expect(await counts()).toEqual(before);
    expect(await nips()).not.toContain(NIP.f);
  });

  it('--valid-only writes the valid rows and skips the bad ones', async () => {
    const before = await counts();
    const r = await importCli(['--kind', 'employees', '--file', files['pegawai-salah.csv']!, '--valid-only']);
    expectOk(r);
    expect(r.stdout).toContain(
      'Selesai: 1 baru, 0 diperbarui, 0 tidak berubah; 2 baris bermasalah dilewati.',
    );
    expect(await counts()).toEqual({
      ...before,
      employees: before.employees + 1,
      placements: before.placements + 1,
    });
    const all = await nips();
    expect(all).toContain(NIP.e);
    expect(all).not.toContain(NIP.g);
    expect(all.some((n) => n?.startsWith(NIP.f.slice(0, 17)))).toBe(false);
  });

  it('draws a progress bar when stderr is a terminal', async () => {
    const r = await runCli(main, ['--kind', 'units', '--file', files['unit.csv']!, '--dry-run'], store.env, {
      tty: true,
    });
    expect(r.status, r.output).toBe(0);
    expect(r.stdout).toMatch(/Memeriksa \|[\u2588\u2591]+\| 3\/3 langkah/);
    expect(r.stdout).not.toMatch(/Memeriksa: 3\/3 langkah/);
  });

  describe('IMPORT_MAX_BYTES', () => {
    it('refuses a file over the limit with exit 4 and a clear message; a file at the limit passes', async () => {
      const file = files['unit-banyak.csv']!;
      const size = (await stat(file)).size;
      expect(size).toBeGreaterThan(1024);
      const before = await counts();
      const over = await importCli(['--kind', 'units', '--file', file], {
        IMPORT_MAX_BYTES: String(size - 1),
      });
      expect(over.status, over.output).toBe(4);
      expect(over.stderr).toContain(
        `Berkas ${file} terlalu besar: ${size} bita; batas IMPORT_MAX_BYTES ${size - 1} bita.`,
      );
      expect(over.stdout).not.toContain('Berkas unit-banyak.csv:');
      expect(await counts()).toEqual(before);

      const at = await importCli(['--kind', 'units', '--file', file, '--dry-run'], {
        IMPORT_MAX_BYTES: String(size),
      });
      expectOk(at);
      expect(at.stdout).toContain('Berkas unit-banyak.csv: 20 baris data, 20 valid, 0 bermasalah.');
    });

    it('refuses a huge file from its size alone, without reading it (a 3 GiB sparse file)', async () => {
      const huge = path.join(dir, 'besar.csv');
      const fh = await open(huge, 'w');
      await fh.truncate(3 * 1024 ** 3);
      await fh.close();
      const before = await counts();
      const started = Date.now();
      const r = await importCli(['--kind', 'employees', '--file', huge]);
      expect(r.status, r.output).toBe(4);
      expect(r.stderr).toContain(
        'terlalu besar: 3072,0 MB (3221225472 bita); batas IMPORT_MAX_BYTES 10,0 MB (10485760 bita).',
      );
      // Reading 3 GiB into memory would fail (larger than a Buffer may be) or take far longer.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await counts()).toEqual(before);
    });
  });
});
