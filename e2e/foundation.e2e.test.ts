import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import {
  AppShell,
  AuditPage,
  DashboardPage,
  EmployeeDetailPage,
  EmployeesPage,
  ImportPage,
  LoginPage,
} from './page-models/index.ts';

/**
 * The foundation user stories in a real Chromium against the real server (`scripts/start.ts`) with the
 * demo data: sign-in, the employee list and detail, adding an employee, importing a file, the audit log,
 * role-based access, session expiry, the language toggle and a phone layout.
 *
 * One server for the file; a fresh browser context (cookies, storage) per test. Tests that write data use
 * NIPs the demo data does not have; the audit story reads the import written by the story before it.
 */

const demo = generateDemoData();
const logins = pickDemoLogins(demo);
const DEMO_EMPLOYEES = demo.employees.length; // 401
const plainPegawai = logins.pegawai[0]!;
const dinkesUnitNames = new Set(
  demo.units.filter((u) => u.code === 'DINKES' || u.parentCode === 'DINKES').map((u) => u.name),
);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  context = await newContext(browser, server.baseUrl);
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

/** Signs in through the login form and waits for the dashboard. */
async function signIn(p: Page, user: string, password = DEMO_PASSWORD): Promise<void> {
  const login = await new LoginPage(p).goto();
  await login.login(user, password);
  await p.waitForURL((url) => url.pathname === '/');
  await new DashboardPage(p).heading.waitFor();
}

describe('sign-in and dashboard', () => {
  it('rejects a wrong password in Indonesian, then lands an admin on the home page with the organisation’s counts', async () => {
    const login = await new LoginPage(page).goto();
    await login.login('admin', 'salah-sandi-123');
    await login.error.waitFor();
    expect(await login.error.innerText()).toContain('NIP/nama pengguna atau kata sandi salah.');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await login.password.inputValue()).toBe('');

    await login.login('admin', DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    const dashboard = new DashboardPage(page);
    // The super admin has no employee record: only the administrator's section, over the whole province.
    expect(await dashboard.sections()).toEqual(['admin']);
    await dashboard.stat('employees').waitFor();
    expect(await dashboard.statValue('employees')).toBe(DEMO_EMPLOYEES);
    expect(await dashboard.statValue('units')).toBe(demo.units.length);
  });
});

describe('employee list', () => {
  it('searches, filters by unit, pages, opens a detail with placements and exports xlsx', async () => {
    await signIn(page, 'admin');
    await new AppShell(page).navigateTo('Pegawai');
    const list = new EmployeesPage(page);
    await list.waitForList();
    expect(await list.total()).toBe(DEMO_EMPLOYEES);
    expect(await list.rows.count()).toBe(25);

    // Search by a name fragment narrows the list to matching names.
    await list.search('Rusmana');
    const found = await list.total();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(DEMO_EMPLOYEES);
    for (const name of await list.rowNames()) expect(name).toContain('Rusmana');

    // A unit filter (Dinas Kesehatan and its sub-units) replaces the search.
    await list.search('');
    await list.filterByUnit('Dinas Kesehatan', '(DINKES)');
    const inUnit = await list.total();
    expect(inUnit).toBeGreaterThan(25);
    expect(inUnit).toBeLessThan(DEMO_EMPLOYEES);
    const units = await list.table.locator('tbody tr td:nth-child(5)').allInnerTexts();
    for (const unit of units) expect(dinkesUnitNames).toContain(unit.trim());

    // The next page shows different people.
    const firstPage = await list.rowNames();
    await list.nextPage();
    expect(await list.summary.innerText()).toMatch(/^Menampilkan 26–/);
    const secondPage = await list.rowNames();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);

    // The export follows the filters and downloads a real workbook.
    const download = await list.exportXlsx();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    expect(header).toContain('NIP');
    expect(header).toContain('Nama');
    expect(sheet.actualRowCount).toBeGreaterThan(1);
    expect(sheet.actualRowCount - 1).toBe(inUnit);

    // The detail page of someone on the list has a placement history.
    const name = secondPage[0]!;
    await list.openEmployee(name);
    const detail = new EmployeeDetailPage(page);
    await detail.nameHeading.waitFor();
    expect(await detail.nameHeading.innerText()).toBe(name);
    await detail.openTab('Riwayat penempatan');
    await detail.placements.first().waitFor();
    expect(await detail.placements.count()).toBeGreaterThanOrEqual(1);
  });

  it('refuses an impossible NIP with an Indonesian field error and creates nothing, then adds a valid employee', async () => {
    await signIn(page, 'admin');
    const list = await new EmployeesPage(page).goto();
    const base = {
      name: 'Rahmat Uji Peramban',
      gender: 'Laki-laki' as const,
      unitSearch: 'Sekretariat Dinas Kesehatan',
      unitOption: '(DINKES-SEK)',
      activeFrom: '01/03/2024',
    };

    // 17 digits.
    await list.addEmployee({ ...base, nip: '19880412202403100' });
    await list.fieldError('NIP harus terdiri dari 18 digit angka').waitFor();
    // 30 February in the embedded birth date.
    await list.addEmployee({ ...base, nip: '198802302024031001' });
    await list.fieldError('Tanggal lahir dalam NIP tidak valid').waitFor();
    expect(
      await list.dialog.getByRole('textbox', { name: 'NIP', exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');

    const api = await apiAs(server.baseUrl, 'admin');
    try {
      const before = (await (await api.get('/api/employees', { params: { q: base.name } })).json()) as {
        total: number;
      };
      expect(before.total).toBe(0);

      await list.addEmployee({ ...base, nip: '198804122024031001' });
      const detail = new EmployeeDetailPage(page);
      await detail.nameHeading.waitFor();
      expect(await detail.nameHeading.innerText()).toContain(base.name);
      expect(await page.getByTestId('employee-detail-nip').innerText()).toContain('19880412 202403 1 001');
      const after = (await (await api.get('/api/employees', { params: { q: base.name } })).json()) as {
        total: number;
      };
      expect(after.total).toBe(1);
    } finally {
      await api.dispose();
    }
  });
});

describe('accounts', () => {
  it('gives a new employee an account with a one-time password, which they must change at first sign-in', async () => {
    const nip = '199203152020122001';
    const api = await apiAs(server.baseUrl, 'admin');
    try {
      type Node = { id: string; code: string; children: Node[] };
      const find = (nodes: Node[]): Node | undefined =>
        nodes.find((n) => n.code === 'DINKES') ?? find(nodes.flatMap((n) => n.children));
      const dinkes = find((await (await api.get('/api/units/tree')).json()) as Node[])!;
      const created = await api.post('/api/employees', {
        data: {
          nip,
          name: 'Wulan Akun Peramban',
          gender: 'P',
          employeeType: 'PNS',
          unitId: dinkes.id,
          activeFrom: '2020-12-01',
        },
      });
      expect(created.status()).toBe(201);
      const employeeId = ((await created.json()) as { id: string }).id;

      await signIn(page, logins.adminOpd.find((l) => l.note.includes('DINKES'))!.login);
      await page.goto(`/pegawai/${employeeId}?tab=akun`);
      await page.getByTestId('no-account').waitFor();
      await page.getByRole('button', { name: 'Buat akun' }).click();
      const temp = (await page.getByTestId('temporary-password').innerText()).trim();
      expect(temp).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
      expect(await page.getByTestId('account-username').innerText()).toBe(nip);
      await page.getByText('Wajib ganti kata sandi').waitFor();

      // The employee signs in with it in their own browser and is sent to change it first.
      const own = await newContext(browser, server.baseUrl);
      try {
        const p = await own.newPage();
        const login = await new LoginPage(p).goto();
        await login.login(nip, temp);
        await p.waitForURL((url) => url.pathname === '/ganti-sandi');
        await p.getByLabel(/^Kata sandi saat ini/).fill(temp);
        await p.getByLabel(/^Kata sandi baru/).fill('kebun-teh-lembang-2026');
        await p.getByLabel(/^Ulangi kata sandi baru/).fill('kebun-teh-lembang-2026');
        await p.getByRole('button', { name: 'Simpan kata sandi' }).click();
        await p.waitForURL((url) => url.pathname === '/');
        await new DashboardPage(p).heading.waitFor();
      } finally {
        await own.close();
      }
      await page.reload();
      await page.getByTestId('account-username').waitFor();
      expect(await page.getByText('Wajib ganti kata sandi').count()).toBe(0);
    } finally {
      await api.dispose();
    }
  });
});

describe('import, then audit', () => {
  const header = 'nip,nama,jenis_kelamin,tanggal_lahir,jenis_pegawai,golongan,kode_unit,tmt';
  const csv = [
    header,
    '196606062024011001,Sutisna Impor Uji,L,06/06/1966,PNS,III/a,DINKES-SEK,01/01/2024',
    '196607072024012002,Siti Baris Rusak,P,07/07/1966,PNS,III/a,TIDAK-ADA,01/01/2024',
    '196608082024011003,Ujang Impor Kedua,L,08/08/1966,PNS,III/b,DINKES-YANKES,02/01/2024',
  ].join('\n');

  it('reports the bad row by line, blocks "Impor semua", imports the valid rows and lists the new employee', async () => {
    await signIn(page, 'admin');
    const importer = await new ImportPage(page).goto();
    await importer.upload('pegawai-uji.csv', csv);

    expect(await importer.summary.innerText()).toBe('2 baris valid, 1 baris bermasalah');
    const report = await importer.reportEntries();
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ line: 3, column: 'kode_unit' });
    expect(report[0]!.message).toContain('Unit TIDAK-ADA tidak ditemukan');
    expect(await importer.commitAllButton.isDisabled()).toBe(true);
    await page.getByText('Perbaiki baris bermasalah dulu, atau impor baris valid saja.').waitFor();

    await importer.commitValidOnly();
    expect(await importer.result.innerText()).toContain(
      'Impor selesai: 2 ditambahkan, 0 diperbarui, 0 tidak berubah, 1 baris bermasalah tidak diimpor.',
    );
    await importer.history.getByText('pegawai-uji.csv').waitFor();

    const list = await new EmployeesPage(page).goto();
    await list.search('Sutisna Impor');
    expect(await list.rowNames()).toEqual(['Sutisna Impor Uji']);
    await list.search('Siti Baris Rusak');
    await page.getByText('Tidak ada pegawai yang cocok dengan filter.').waitFor();
  });

  it('refuses a 50 MB file and a file that is not CSV/XLSX in Indonesian, before anything is uploaded', async () => {
    await signIn(page, 'admin');
    const importer = await new ImportPage(page).goto();
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/imports')) uploads.push(r.url());
    });
    // Playwright passes buffers up to 50 MB only: a 50 MB file goes through a real (sparse) file on disk.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-e2e-'));
    const big = path.join(dir, 'pegawai-besar.csv');
    await writeFile(big, '');
    await truncate(big, 50 * 1024 * 1024);
    await importer.fileInput.setInputFiles(big);
    await page.getByText('Berkas terlalu besar (50,0 MB). Ukuran maksimal 10,0 MB.').waitFor();
    await importer.fileInput.setInputFiles({
      name: 'foto.png',
      mimeType: 'image/png',
      buffer: Buffer.from('x'),
    });
    await page.getByText('Jenis berkas tidak didukung. Gunakan .csv atau .xlsx.').waitFor();
    expect(uploads).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the import in the audit log and verifies the hash chain', async () => {
    await signIn(page, 'admin');
    const audit = await new AuditPage(page).goto();
    await audit.rows.first().waitFor();
    const actions = await audit.actions();
    expect(actions[0]).toBe('auth.login');
    expect(actions).toContain('import.committed');
    expect(actions).toContain('import.validated');
    expect(actions).toContain('employee.created');

    await audit.search('import.committed');
    expect(await audit.actions()).toEqual(['import.committed']);

    const result = await audit.verifyChain();
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/^Rantai audit utuh: [\d.]+ entri diperiksa\.$/);
  });
});

describe('roles', () => {
  it('gives a plain pegawai only their own pages, by task: presensi, requests, recap; profile in the user menu', async () => {
    const api = await apiAs(server.baseUrl, 'admin');
    let someoneElse: string;
    try {
      const res = (await (await api.get('/api/employees', { params: { q: 'Hakim' } })).json()) as {
        items: { id: string; nip: string | null }[];
      };
      someoneElse = res.items.find((e) => e.nip !== plainPegawai.nip)!.id;
    } finally {
      await api.dispose();
    }

    await signIn(page, plainPegawai.login);
    const shell = new AppShell(page);
    expect(await shell.navGroups()).toEqual({
      top: ['Beranda'],
      presensi: ['Presensi'],
      kinerja: ['Kinerja saya'],
      disiplin: ['Disiplin saya'],
      kompetensi: ['Kompetensi saya'],
      pengajuan: ['Cuti', 'Izin & Tugas', 'Koreksi presensi'],
      rekap: ['Rekap saya'],
      tpp: ['TPP saya'],
    });

    await shell.openProfile();
    const detail = new EmployeeDetailPage(page);
    await detail.nameHeading.waitFor();
    expect(await detail.nameHeading.innerText()).toBe(plainPegawai.name);

    for (const path of ['/audit', '/impor', '/pegawai', '/organisasi']) {
      await page.goto(path);
      await shell.forbidden().waitFor();
    }

    await detail.goto(someoneElse);
    await detail.error.waitFor();
    expect(await detail.error.getAttribute('data-error-code')).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(await detail.nameHeading.count()).toBe(0);
  });
});

describe('session', () => {
  it('sends a user whose session is gone to /login with a notice, returns them after signing in, and logs out', async () => {
    await signIn(page, 'admin');
    const shell = new AppShell(page);
    // The home page has sent everything it asks for (a request still in flight would meet the lost session on /).
    await new DashboardPage(page).sections();
    await page.waitForLoadState('networkidle');
    await context.clearCookies();
    await shell.navigateTo('Pegawai');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('sesi')).toBe('berakhir');
    const login = new LoginPage(page);
    await login.sessionNotice.waitFor();

    await login.login('admin', DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/pegawai');
    await new EmployeesPage(page).waitForList();

    await shell.logout();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('Anda telah keluar.').waitFor();
    await page.goto('/pegawai');
    await page.waitForURL((url) => url.pathname === '/login');
    await login.submitButton.waitFor();
  });
});

describe('language', () => {
  it('switches the navigation to English and back', async () => {
    await signIn(page, 'admin');
    const shell = new AppShell(page);
    expect(await shell.navLabels()).toEqual([
      'Beranda',
      'Kehadiran hari ini',
      'Layar kios',
      'Apel',
      'Staf hari ini',
      'Progres kinerja',
      'Kotak masuk disiplin',
      'Indikasi disiplin',
      'Kasus disiplin',
      'Dasbor disiplin',
      'Penghentian gaji',
      'Penunjukan PyB',
      'Persetujuan cuti',
      'Persetujuan izin',
      'Persetujuan koreksi',
      'Perangkat',
      'Kompetensi (BKD)',
      'Rekap unit',
      'Anomali presensi',
      'Proses TPP',
      'Keberatan TPP',
      'Rekap TPP per OPD',
      'Tarif TPP',
      'Pagu TPP',
      'Data gaji & rekening',
      'Pengecualian TPP',
      'Dasbor TPP',
      'Simulasi TPP',
      'Ruang Kendali',
      'Sidak',
      'Pengaduan',
      'Pengawasan pemilu',
      'ASN teladan',
      'Organisasi',
      'Pegawai',
      'Lokasi kerja',
      'Jadwal shift',
      'Log mesin',
      'Kop & nomor surat',
      'Impor',
      'Impor SKP',
      'Audit',
    ]);
    await shell.setLanguage('EN');
    await shell.navLink('Employees').waitFor();
    expect(await shell.navLabels()).toEqual([
      'Home',
      'Attendance today',
      'Kiosk screen',
      'Apel',
      'Staff today',
      'Performance progress',
      'Discipline inbox',
      'Discipline indications',
      'Discipline cases',
      'Discipline dashboard',
      'Salary stops',
      'PyB designations',
      'Leave approvals',
      'Permit approvals',
      'Correction approvals',
      'Devices',
      'Competencies (BKD)',
      'Unit recap',
      'Attendance anomalies',
      'TPP runs',
      'TPP objections',
      'TPP recap per OPD',
      'TPP tariffs',
      'TPP budget',
      'Salary & bank data',
      'TPP exclusions',
      'TPP dashboard',
      'TPP simulation',
      'Command centre',
      'Inspections',
      'Complaints',
      'Election watch',
      'Exemplary ASN',
      'Organisation',
      'Employees',
      'Work places',
      'Shift roster',
      'Terminal logs',
      'Letterheads & numbers',
      'Import',
      'Import SKP',
      'Audit',
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await shell.navLink('Employees').waitFor();
    await shell.setLanguage('ID');
    await shell.navLink('Pegawai').waitFor();
  });
});

describe('phone', () => {
  it('opens the navigation from the burger and keeps the employee list usable at 390×844', async () => {
    await context.close();
    context = await newContext(browser, server.baseUrl, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    page = await context.newPage();
    await signIn(page, 'admin');
    const shell = new AppShell(page);
    await shell.burger.waitFor();
    expect(await shell.navOnScreen()).toBe(false);
    await shell.openBurger();
    await shell.navLink('Pegawai').click();
    await page.waitForURL((url) => url.pathname === '/pegawai');
    // The drawer closes after navigating.
    await shell.waitForNav(false);

    const list = new EmployeesPage(page);
    await list.waitForList();
    await list.search('Hakim');
    const names = await list.rowNames();
    expect(names.length).toBeGreaterThan(0);
    // No horizontal scrolling of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await list.openEmployee(names[0]!);
    await new EmployeeDetailPage(page).nameHeading.waitFor();
  });
});
