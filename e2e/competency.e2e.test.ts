import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { DEMO_PASSWORD, launchBrowser, newContext, startServer, type RunningServer } from './harness.ts';
import { LoginPage } from './page-models/index.ts';

/**
 * Competency in a real Chromium against the real server (issue 19 points 1–2), on a 390 px phone: BKD opens
 * /kompetensi/bkd, uploads an assessment-centre file (one row per competency) with one bad row, reads the row report,
 * saves the good result only, imports a training record and opens the analytics; the Pengawas assessed then opens /kompetensi and finds their JPM (16 of 18 =
 * 88,89 % → MS for selection, CO for mapping) and their gaps; nothing overflows the phone's width.
 */

const demo = generateDemoData();
const bkdGrant = demo.roleGrants.find((g) => g.role === 'BKD')!;
const kindOf = new Map(demo.positions.map((p) => [p.code, p.kind]));
const pengawas = demo.employees.find(
  (e) => e.nip && e.employeeType === 'PNS' && kindOf.get(e.positionCode) === 'PENGAWAS',
)!;
const other = demo.employees.find((e) => e.nip && e.nip !== pengawas.nip)!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Yesterday as dd/MM/yyyy (the server runs on the real clock). */
function yesterday(): string {
  const d = new Date(Date.now() - 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

describe('Competency', () => {
  it(
    'BKD imports results on a phone; the employee sees their JPM and gaps',
    { timeout: 240_000 },
    async () => {
      const date = yesterday();
      const levels: [string, number][] = [
        ['M.01', 2],
        ['M.02', 2],
        ['M.03', 2],
        ['M.04', 2],
        ['M.05', 2],
        ['M.06', 2],
        ['M.07', 1],
        ['M.08', 1],
        ['SK.01', 2],
      ];
      const csv = [
        'nip,tanggal,metode,asesor,kode_kompetensi,level',
        ...levels.map(
          ([code, level]) =>
            `${pengawas.nip},${date},ASSESSMENT_CENTER,UPT Penilaian Kompetensi,${code},${level}`,
        ),
        `${other.nip},${date},ASSESSMENT_CENTER,UPT Penilaian Kompetensi,M.01,7`,
      ].join('\n');

      const bkdLogin = bkdGrant.username ?? bkdGrant.nip!;
      const bkd = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
      await (await new LoginPage(bkd).goto()).login(bkdLogin, DEMO_PASSWORD);
      await bkd.waitForURL((url) => url.pathname === '/');
      // BKD's home page: the scope's coverage card (one aggregate, GET /api/competency/analytics/summary).
      const scopeCard = bkd.getByTestId('home-competency-scope');
      await scopeCard.getByText('pegawai', { exact: false }).first().waitFor();
      const summary = await bkd.evaluate(async () => {
        const res = await fetch(`/api/competency/analytics/summary?year=${new Date().getFullYear()}`);
        return (await res.json()) as { coveragePercent: number; employees: number };
      });
      expect(summary.employees).toBeGreaterThan(0);
      expect(Number(await scopeCard.locator('[data-value]').getAttribute('data-value'))).toBe(
        summary.coveragePercent,
      );
      await bkd.goto(`${server.baseUrl}/kompetensi/bkd`);
      await bkd.getByRole('tab', { name: 'Impor hasil asesmen' }).click();
      await bkd
        .locator('input[type=file]')
        .setInputFiles({ name: 'asesmen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await bkd.getByRole('button', { name: 'Periksa' }).click();
      const report = bkd.getByTestId('competency-import-report');
      await report.getByText('10 baris, 9 benar, 1 kesalahan').waitFor();
      await report.getByText('Level 7 di luar rentang 1–5').waitFor();
      await bkd.getByRole('button', { name: 'Simpan baris yang benar saja' }).click();
      await report.getByText('Tersimpan: 1').waitFor();
      expect(await bkd.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // Training records from a file (the other employee's, without a certificate: uploaded later, test below).
      await bkd.getByRole('tab', { name: 'Impor riwayat pelatihan' }).click();
      await bkd.locator('input[type=file]').setInputFiles({
        name: 'pelatihan.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            'nip,nama_pelatihan,penyelenggara,tanggal_mulai,tanggal_selesai,jp,biaya',
            `${other.nip},Kursus Tata Naskah Dinas,BPSDM,${date},${date},6,"1.250.000"`,
          ].join('\n'),
        ),
      });
      await bkd.getByRole('button', { name: 'Periksa' }).click();
      await report.getByText('1 baris, 1 benar, 0 kesalahan').waitFor();
      await bkd.getByRole('button', { name: 'Simpan semua' }).click();
      await report.getByText('Tersimpan: 1').waitFor();

      // Analytics across OPDs: the band chart, the gap table naming the assessed person's gaps.
      await bkd.getByRole('tab', { name: 'Analitik' }).click();
      const analytics = bkd.getByTestId('competency-analytics');
      await analytics
        .getByTestId('chart-jpm-bands')
        .locator('.recharts-bar-rectangle path:visible')
        .first()
        .waitFor();
      await analytics.getByTestId('competency-gap-table').getByText('M.07').waitFor();
      expect(await bkd.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      const phone = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
      await (await new LoginPage(phone).goto()).login(pengawas.nip!, DEMO_PASSWORD);
      await phone.waitForURL((url) => url.pathname === '/');
      await phone.goto(`${server.baseUrl}/kompetensi`);
      await phone.getByTestId('competency-profile').waitFor();
      const jpm = phone.getByTestId('competency-jpm');
      await jpm.getByText('88,89% · MS – Memenuhi Syarat').waitFor();
      await jpm.getByText('88,89% · CO – Cukup Optimal').waitFor();
      await phone.getByTestId('competency-gaps').getByText('M.07', { exact: false }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    },
  );

  it(
    'an employee records a training with its certificate on a phone; a file that is not a PDF or image is refused',
    { timeout: 180_000 },
    async () => {
      const phone = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
      await (await new LoginPage(phone).goto()).login(other.nip!, DEMO_PASSWORD);
      await phone.waitForURL((url) => url.pathname === '/');
      await phone.goto(`${server.baseUrl}/kompetensi`);
      const development = phone.getByTestId('competency-development');
      await development.waitFor();
      const before = (await development.getByText(/\d+ dari \d+ JP/).textContent()) ?? '';
      const jpBefore = Number(/(\d+) dari/.exec(before)![1]);

      await development.getByRole('button', { name: 'Catat pelatihan' }).click();
      const dialog = phone.getByRole('dialog', { name: 'Catat pelatihan' });
      await dialog.getByLabel('Nama pelatihan').fill('Pelatihan Pelayanan Publik Prima');
      await dialog.getByLabel('Penyelenggara').fill('BPSDM Provinsi Banten');
      await dialog.getByLabel('Tanggal mulai').fill(yesterday());
      await dialog.getByLabel('Tanggal selesai').fill(yesterday());
      await dialog.getByLabel('Jam pelajaran (JP)').fill('12');
      // A text file named like a PDF: judged by its content, refused (415) under the field; nothing recorded.
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'sertifikat.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('bukan sertifikat, hanya teks'),
      });
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.locator('.mantine-FileInput-error').waitFor();
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'sertifikat.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await development.getByText(`${jpBefore + 12} dari`, { exact: false }).waitFor();
      await development.getByText('Pelatihan Pelayanan Publik Prima', { exact: false }).waitFor();
      await development.getByRole('link', { name: 'Lihat sertifikat' }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // The record BKD imported has no certificate yet: the employee uploads it from the same list.
      const [chooser] = await Promise.all([
        phone.waitForEvent('filechooser'),
        development.getByRole('button', { name: 'Unggah sertifikat' }).click(),
      ]);
      await chooser.setFiles({
        name: 'sertifikat-naskah.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
      await development.getByRole('link', { name: 'Lihat sertifikat' }).nth(1).waitFor();
      await expect(development.getByRole('button', { name: 'Unggah sertifikat' }).count()).resolves.toBe(0);

      // The home page shows the year's hours.
      await phone.goto(`${server.baseUrl}/`);
      await phone
        .getByTestId('home-competency-jp')
        .getByText(`${jpBefore + 12} dari`, { exact: false })
        .waitFor();
    },
  );
});
