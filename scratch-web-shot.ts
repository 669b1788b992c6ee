import { chromium } from 'playwright-core';
import type { Page, Route } from 'playwright-core';

const BASE = process.env.BASE ?? 'http://localhost:4173';
const MOCK = process.env.MOCK !== '0';
const OUT = '/tmp/shots';

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const me = {
  user: { id: uid(1), username: 'admin', displayName: 'Administrator Sistem', employeeId: uid(100), nip: null, roles: [{ role: 'SUPER_ADMIN', unitId: null, unitName: null }], mustChangePassword: false, locale: 'id' },
  csrfToken: 'tok',
};
const tree = [
  { id: uid(10), code: 'PEMPROV', name: 'Pemerintah Provinsi Banten', kind: 'INSTANSI', timeZone: 'Asia/Jakarta', employeeCount: 1234, children: [
    { id: uid(11), code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'OPD', timeZone: 'Asia/Jakarta', employeeCount: 120, children: [
      { id: uid(13), code: 'BKD-MUT', name: 'Bidang Mutasi dan Promosi', kind: 'BIDANG', timeZone: 'Asia/Jakarta', employeeCount: 22, children: [] } ] },
    { id: uid(12), code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', timeZone: 'Asia/Jakarta', employeeCount: 540, children: [
      { id: uid(14), code: 'PKM-CRS', name: 'UPTD Puskesmas Ciruas', kind: 'PUSKESMAS', timeZone: 'Asia/Makassar', employeeCount: 41, children: [] } ] },
  ] },
];
const employees = Array.from({ length: 25 }, (_, i) => ({
  id: uid(100 + i), nip: `19850312201001${i % 2 ? 2 : 1}${String(i).padStart(3, '0')}`, fullName: `Pegawai Contoh ${i + 1}, S.Kom.`, employeeType: ['PNS', 'PPPK', 'CPNS', 'NON_ASN'][i % 4], golongan: 'III/a',
  unitId: uid(11), unitName: 'Badan Kepegawaian Daerah', positionName: 'Analis SDM Aparatur', active: i !== 3,
}));
const detail = { ...employees[0], frontTitle: null, name: 'Pegawai Contoh 1', backTitle: 'S.Kom.', gender: 'L', birthDate: '1985-03-12', education: 'S1', internalId: null, positionId: null, superiorId: uid(101), superiorName: 'Dr. Budi Santoso', activeFrom: '2010-01-01', activeTo: null, email: 'pegawai1@bantenprov.go.id', phone: '0812345678',
  placements: [ { id: uid(300), unitId: uid(11), unitName: 'Badan Kepegawaian Daerah', positionId: null, positionName: 'Analis SDM Aparatur', superiorId: uid(101), superiorName: 'Dr. Budi Santoso', validFrom: '2019-07-01', validTo: null, decree: '821/123/BKD/2019' },
    { id: uid(301), unitId: uid(12), unitName: 'Dinas Kesehatan', positionId: null, positionName: 'Pengadministrasi Umum', superiorId: null, superiorName: null, validFrom: '2010-01-01', validTo: '2019-06-30', decree: null } ],
  acting: [ { id: uid(400), kind: 'PLH', positionId: uid(500), positionName: 'Kepala Bidang Mutasi', unitName: 'Bidang Mutasi dan Promosi', validFrom: '2024-02-01', validTo: '2024-02-14', reason: 'Kepala bidang cuti' } ],
  subordinateCount: 4 };

async function mockApi(page: Page) {
  await page.route('**/api/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const p = url.pathname;
    const json = (body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (p === '/api/auth/me') return (page as Page & { loggedIn?: boolean }).loggedIn ? json(me) : json({ error: { code: 'UNAUTHENTICATED', message: 'Belum masuk' }, requestId: 'r' }, 401);
    if (p === '/api/auth/login') {
      const body = route.request().postDataJSON() as { password: string };
      if (body.password !== 'abdi-demo') return json({ error: { code: 'INVALID_CREDENTIALS', message: 'NIP/nama pengguna atau kata sandi salah' }, requestId: 'r' }, 401);
      (page as Page & { loggedIn?: boolean }).loggedIn = true;
      return json(me);
    }
    if (p === '/api/dashboard') return json({ units: 48, employees: 10234, byType: { PNS: 7000, CPNS: 300, PPPK: 2200, PPPK_PARUH_WAKTU: 500, NON_ASN: 234 }, byUnit: [ { unitId: uid(12), unitName: 'Dinas Kesehatan', count: 3400 }, { unitId: uid(11), unitName: 'Badan Kepegawaian Daerah', count: 120 }, { unitId: uid(15), unitName: 'Dinas Pekerjaan Umum dan Penataan Ruang', count: 900 } ], subordinates: 4, auditToday: 17, imports: 3 });
    if (p === '/api/units/tree') return json(tree);
    if (p.startsWith('/api/units/')) return json({ id: uid(11), code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'OPD', parentId: uid(10), timeZone: 'Asia/Jakarta', address: 'Jl. Syekh Nawawi Al-Bantani, KP3B, Serang', offices: [ { id: uid(600), name: 'Kantor BKD KP3B', lat: -6.1203, lon: 106.1605, radiusM: 150 } ] });
    if (p === '/api/positions') return json([ { id: uid(500), code: 'JPT-BKD', name: 'Kepala Badan', kind: 'JPT_PRATAMA', kelasJabatan: 14, unitId: uid(11), isHead: true }, { id: uid(501), code: 'ANL-SDM', name: 'Analis SDM Aparatur', kind: 'PELAKSANA', kelasJabatan: 7, unitId: uid(11), isHead: false } ]);
    if (p === '/api/employees') return json({ items: employees, total: 312, page: Number(url.searchParams.get('page') ?? 1), pageSize: 25 });
    if (p === '/api/employees' || p.startsWith('/api/employees/')) {
      if (route.request().method() === 'POST') return json({ error: { code: 'VALIDATION', message: 'Data tidak valid', details: [ { path: 'nip', message: 'Tanggal lahir dalam NIP tidak valid' } ] }, requestId: 'r' }, 400);
      return json(detail);
    }
    if (p === '/api/imports' && route.request().method() === 'POST') return json({ id: uid(700), kind: 'employees', fileName: 'pegawai.csv', status: 'validated', totalRows: 315, validRows: 312, errors: [ { line: 4, column: 'nip', message: 'NIP harus 18 digit' }, { line: 9, column: 'tanggal_lahir', message: 'Tanggal lahir tidak valid: 31/02/1990' }, { line: 17, column: 'kode_unit', message: 'Unit dengan kode "DINSOS-X" tidak dikenal' } ], createdAt: new Date().toISOString(), createdBy: 'admin', result: null });
    if (p === '/api/imports') return json({ items: [ { id: uid(701), kind: 'units', fileName: 'unit-banten.xlsx', status: 'committed', totalRows: 48, validRows: 48, errors: [], createdAt: '2025-03-14T01:05:00Z', createdBy: 'admin', result: { inserted: 48, updated: 0, skipped: 0 } } ], total: 1, page: 1, pageSize: 25 });
    if (p === '/api/audit/verify') return json({ ok: true, checked: 1520, firstBadId: null, reason: null });
    if (p === '/api/audit') return json({ items: [ { id: 1520, at: '2025-03-14T01:05:00Z', actorId: uid(1), actorName: 'Administrator Sistem', action: 'employee.update', entityType: 'employee', entityId: uid(100), unitId: uid(11), before: { phone: '0811', golongan: 'II/d', name: 'Pegawai Contoh 1' }, after: { phone: '0812345678', golongan: 'III/a', name: 'Pegawai Contoh 1' }, ip: '10.0.0.1', userAgent: 'x', hash: 'ab12cd34ef56' }, { id: 1519, at: '2025-03-14T00:55:00Z', actorId: null, actorName: null, action: 'auth.login', entityType: 'user', entityId: uid(1), unitId: null, before: null, after: { ok: true }, ip: '10.0.0.1', userAgent: 'x', hash: 'ff00' } ], total: 2, page: 1, pageSize: 50 });
    return json({ error: { code: 'NOT_FOUND', message: 'Tidak ditemukan' }, requestId: 'r' }, 404);
  });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const errors: string[] = [];
for (const [label, viewport] of [['desk', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${label} pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${label} console: ${m.text()}`); });
  if (MOCK) await mockApi(page);
  const shot = async (name: string) => { await page.waitForTimeout(700); await page.screenshot({ path: `${OUT}/${label}-${name}.png`, fullPage: true }); };
  await page.goto(`${BASE}/`);
  await page.waitForURL(/login/);
  await page.getByLabel('NIP atau nama pengguna').fill('admin');
  await page.getByLabel('Kata sandi').fill('salah');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('error-state').waitFor();
  await shot('login-error');
  await page.getByLabel('Kata sandi').fill('abdi-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${BASE}/`);
  await page.getByTestId('stat-employees').waitFor();
  await shot('dashboard');
  if (label === 'phone') {
    await page.getByTestId('nav-burger').click();
    await shot('nav-open');
    await page.getByRole('link', { name: 'Organisasi' }).click();
  } else {
    await page.getByRole('link', { name: 'Organisasi' }).click();
  }
  await page.getByTestId('unit-tree').waitFor();
  await shot('organisasi');
  await page.goto(`${BASE}/pegawai`);
  await page.getByTestId('employee-table').waitFor();
  await shot('pegawai');
  if (label === 'desk') {
    await page.getByRole('button', { name: 'Tambah pegawai' }).click();
    await page.getByTestId('employee-nip').fill('198513122010011003');
    await shot('pegawai-add');
    await page.keyboard.press('Escape');
  }
  await page.goto(`${BASE}/pegawai/${uid(100)}`);
  await page.getByTestId('employee-name-heading').waitFor();
  await shot('detail');
  await page.getByRole('tab', { name: 'Riwayat penempatan' }).click();
  await shot('detail-placements');
  await page.goto(`${BASE}/impor`);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from('nip,nama\n1,a\n') });
  await page.getByRole('button', { name: 'Unggah & periksa' }).click();
  await page.getByTestId('import-summary').waitFor();
  await shot('impor');
  await page.goto(`${BASE}/audit`);
  await page.getByTestId('audit-table').waitFor();
  await page.getByTestId('verify-chain').click();
  await page.getByTestId('verify-result').waitFor();
  await page.getByRole('button', { name: 'Tampilkan perubahan' }).first().click();
  await shot('audit');
  await context.setOffline(true);
  await page.waitForTimeout(300);
  await shot('offline');
  await context.close();
}
await browser.close();
console.log(errors.join('\n') || 'no page errors');
