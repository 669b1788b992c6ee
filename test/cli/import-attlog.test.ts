import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCliDatabase,
  REPO_ROOT,
  runCli,
  runNpmScript,
  type CliDatabase,
  type CliResult,
} from '../helpers/cli.ts';
import { factories } from '../factories/index.ts';
import { main } from '../../scripts/import-attlog.ts';
import { buildServices } from '../../src/server/app.ts';
import { fixedClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/config.ts';

/*
 * `npm run attendance:import` (scripts/import-attlog.ts) on a real ZKTeco attlog file
 * (test/fixtures/attendance/1_attlog.dat) and a CSV export, against a database of its own (a PGlite data
 * directory, or a PostgreSQL database with TEST_DATABASE_URL) holding two employees of two units (test
 * factories); the tool loads the repository's rulebooks itself, as the server does on start. Terminal id 1 is an
 * employee of the Dinas Kesehatan secretariat (WIB), id 2 one of the office in Makassar (WITA); id 999 is nobody.
 * The first case runs the npm script's command line in a child process; the others call the tool's `main` in
 * this process. The tests run in order.
 *
 * 1_attlog.dat: lines 1–4 and 8 are good (line 4 repeats line 3), lines 5 and 9 are id 999, line 6 is
 * 30 February, line 7 is empty.
 */

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/attendance');
const ATTLOG = path.join(FIXTURES, '1_attlog.dat');
const CSV = path.join(FIXTURES, 'export.csv');
/** Bar glyphs of cli-progress (shades_classic). */
const BAR = /\|[\u2588\u2591]+\|/;

let store: CliDatabase;
let dir: string;
const people = { dinkes: '', wita: '' };

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(main, args, { ...store.env, ...env });
const expectStatus = (r: CliResult, status: number) => expect(r.status, r.output).toBe(status);
const punches = () =>
  store.use((h) =>
    h.db
      .selectFrom('punches')
      .select(['employeeId', 'kind', 'occurredAt', 'localDate', 'source', 'terminalSerial', 'verdict'])
      .orderBy('occurredAt')
      .execute(),
  );
const importAudits = () =>
  store.use((h) =>
    h.db
      .selectFrom('auditLog')
      .select(['after', 'userAgent'])
      .where('action', '=', 'attendance.terminal_imported')
      .orderBy('id')
      .execute(),
  );

beforeAll(async () => {
  store = await createCliDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-attlog-'));
  await store.use(async (h) => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir });
    const services = buildServices({ config, db: h.db, clock: fixedClock('2026-01-15T02:00:00Z') });
    const f = factories({ db: h.db, services });
    const province = await f.unit({ code: 'PEMPROV', name: 'Pemerintah Provinsi Banten' });
    const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: province });
    const sekretariat = await f.unit({
      code: 'DINKES-SEK',
      name: 'Sekretariat Dinas Kesehatan',
      parent: dinkes,
    });
    const makassar = await f.unit({
      code: 'SETDA-MKS',
      name: 'Kantor Penghubung Pemerintah Provinsi Banten di Makassar',
      parent: province,
      timeZone: 'Asia/Makassar',
    });
    people.dinkes = (await f.employee({ unit: sekretariat })).id;
    people.wita = (await f.employee({ unit: makassar })).id;
    await h.db
      .insertInto('terminalUsers')
      .values([
        { terminalSerial: null, terminalUserId: '1', employeeId: people.dinkes },
        { terminalSerial: null, terminalUserId: '2', employeeId: people.wita },
      ])
      .execute();
  });
});
afterAll(async () => {
  await store?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A spawned CLI boots Node and its database: on a loaded 2-core runner that alone can take most of the default 30 s.
describe('npm run attendance:import', { timeout: 90_000 }, () => {
  it('--dry-run reports what would be imported and writes nothing (npm script, spawned)', async () => {
    const r = runNpmScript(
      'attendance:import',
      ['--file', ATTLOG, '--serial', 'SN-01', '--dry-run'],
      store.env,
    );
    expectStatus(r, 1);
    expect(r.stdout).toContain(
      'Berkas 1_attlog.dat: 8 baris; 4 akan diimpor, 1 duplikat (sudah ada), 2 baris dengan ID mesin tidak dikenal, 1 baris rusak.',
    );
    expect(r.stdout).toContain('Uji coba (--dry-run): tidak ada data yang ditulis.');
    expect(await punches()).toEqual([]);
    expect(await importAudits()).toEqual([]);
  });

  it('imports the good lines (exit 1: unknown ids and a broken line), listing each with its lines', async () => {
    const r = await cli(['--file', ATTLOG, '--serial', 'SN-01']);
    expectStatus(r, 1);
    expect(r.stdout).toContain(
      'Berkas 1_attlog.dat: 8 baris; 4 diimpor, 1 duplikat (sudah ada), 2 baris dengan ID mesin tidak dikenal, 1 baris rusak.',
    );
    expect(r.stdout).toMatch(/^ {2}ID 999: baris 5, 9$/m);
    expect(r.stdout).toMatch(/^ {2}Baris 6: Tanggal 2026-02-30 tidak ada di kalender$/m);
    // Not a terminal: plain progress lines on stderr, no bar.
    expect(r.stderr).toMatch(/^Memeriksa: 7\/7 baris \(100%\)$/m);
    expect(r.stderr).toMatch(/^Menulis: 4\/4 baris \(100%\)$/m);
    expect(r.output).not.toMatch(BAR);

    const rows = await punches();
    expect(rows.map((p) => [p.employeeId, p.kind, p.occurredAt.toISOString(), p.localDate])).toEqual([
      // 07:45:10 in the WITA office is 23:45:10 UTC the day before.
      [people.wita, 'IN', '2026-01-13T23:45:10.000Z', '2026-01-14'],
      [people.dinkes, 'IN', '2026-01-14T00:31:02.000Z', '2026-01-14'],
      [people.wita, 'OUT', '2026-01-14T08:20:33.000Z', '2026-01-14'],
      [people.dinkes, 'OUT', '2026-01-14T09:02:00.000Z', '2026-01-14'],
    ]);
    expect(rows.every((p) => p.source === 'TERMINAL' && p.terminalSerial === 'SN-01')).toBe(true);
    expect(rows.every((p) => p.verdict === 'ACCEPTED')).toBe(true);
    const [audit] = await importAudits();
    expect(audit).toMatchObject({
      userAgent: 'abdi-cli/attendance-import',
      after: { fileName: '1_attlog.dat', serial: 'SN-01', imported: 4, duplicates: 1, errorLines: 1 },
    });
  });

  it('the same file again adds nothing: every good line is a duplicate', async () => {
    const r = await cli(['--file', ATTLOG, '--serial', 'SN-01']);
    expectStatus(r, 1);
    expect(r.stdout).toContain('0 diimpor, 5 duplikat (sudah ada)');
    expect(await punches()).toHaveLength(4);
  });

  it('a clean CSV export exits 0; --unit reads the terminal clock in that unit zone', async () => {
    const r = await cli(['--file', CSV, '--unit', 'SETDA-MKS']);
    expectStatus(r, 0);
    expect(r.stdout).toContain(
      'zona waktu Kantor Penghubung Pemerintah Provinsi Banten di Makassar (Asia/Makassar)',
    );
    expect(r.stdout).toContain('Berkas export.csv: 2 baris; 2 diimpor, 0 duplikat');
    expect(r.stdout).not.toContain('tidak dikenal atau di luar kewenangan');
    const rows = (await punches()).filter((p) => p.terminalSerial === 'SN-CSV');
    // Both terminal times are read as WITA: 07:29 WITA on the 15th is 23:29 UTC on the 14th (06:29 WIB).
    expect(rows.map((p) => [p.employeeId, p.occurredAt.toISOString(), p.localDate])).toEqual([
      [people.dinkes, '2026-01-14T23:29:00.000Z', '2026-01-15'],
      [people.wita, '2026-01-14T23:40:00.000Z', '2026-01-15'],
    ]);
  });

  it('a file with every line broken: exit 1, each line and reason, nothing written', async () => {
    const file = path.join(dir, 'rusak.dat');
    await writeFile(file, 'garbage\n        1\t2026-01-14 25:00:00\t0\t1\n');
    const before = (await punches()).length;
    const r = await cli(['--file', file]);
    expectStatus(r, 1);
    expect(r.stdout).toMatch(/^ {2}Baris 1: Kolom tidak lengkap/m);
    expect(r.stdout).toMatch(/^ {2}Baris 2: Jam 25:00:00 tidak valid$/m);
    expect(r.stderr).toContain('Berkas ditolak: Tidak ada baris yang dapat dibaca (2 baris rusak)');
    expect((await punches()).length).toBe(before);
  });

  it('usage errors exit 2: no --file, an unknown flag, a missing file, an unknown unit code', async () => {
    const none = await cli([]);
    expectStatus(none, 2);
    expect(none.stderr).toContain('--file wajib diisi');
    expect(none.stderr).toContain('Pemakaian: npm run attendance:import');
    expectStatus(await cli(['--file', ATTLOG, '--verbose']), 2);
    const missing = await cli(['--file', path.join(dir, 'tidak-ada.dat')]);
    expectStatus(missing, 2);
    expect(missing.stderr).toContain('tidak ditemukan');
    const unit = await cli(['--file', ATTLOG, '--unit', 'TIDAK-ADA']);
    expectStatus(unit, 2);
    expect(unit.stderr).toContain('Unit dengan kode TIDAK-ADA tidak ditemukan');
  });

  it('a file over IMPORT_MAX_BYTES exits 4 and writes nothing', async () => {
    const file = path.join(dir, 'besar.dat');
    await writeFile(file, Buffer.alloc(2048, '        1\t2026-01-14 07:00:00\t0\t1\t0\t0\n'));
    const r = await cli(['--file', file], { IMPORT_MAX_BYTES: '2047' });
    expectStatus(r, 4);
    expect(r.stderr).toContain('terlalu besar: 2048 bita; batas IMPORT_MAX_BYTES 2047 bita.');
  });

  it('draws a progress bar when stderr is a terminal', async () => {
    const r = await runCli(main, ['--file', ATTLOG, '--dry-run'], store.env, { tty: true });
    expect(r.status, r.output).toBe(1);
    expect(r.stdout).toMatch(/Memeriksa \|[\u2588\u2591]+\| 7\/7 baris/);
    expect(r.stdout).not.toMatch(/Memeriksa: 7\/7 baris/);
  });
});
