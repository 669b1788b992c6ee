import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import { toZoned } from '../src/core/common/zoned-time.ts';
import { formatLetterNumber, parseLetterNumberPattern } from '../src/core/documents/letter-number.ts';
import { testPng } from '../src/server/documents/test-images.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { AppShell, LoginPage } from './page-models/index.ts';
import { DokumenPage } from './page-models/dokumen-page.ts';

/**
 * The document settings page (issue 14 point 4) in a real Chromium on a 390 px phone: BKD sets its unit's
 * letterhead, uploads a logo (a file that only claims to be a PNG is refused with the server's reason), adds a
 * letter-number scheme and sees the number the next letter would get; a pattern without {nomor} is refused with
 * the server's reason next to the field, and nothing is saved.
 */
const bkd = pickDemoLogins(generateDemoData()).bkd[0]!.login;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;
let api: APIRequestContext;
let unitId: string;

type Node = { id: string; code: string; children: Node[] };
const find = (nodes: Node[], code: string): Node | undefined =>
  nodes.find((n) => n.code === code) ??
  find(
    nodes.flatMap((n) => n.children),
    code,
  );

const letterheadOf = async (id: string) => {
  const res = await api.get('/api/documents/letterheads');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Record<string, unknown>[] }).items.find((l) => l.unitId === id);
};
const schemes = async () => {
  const res = await api.get('/api/documents/letter-number-schemes');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { unitId: string; pattern: string; nextNumber: string }[] }).items;
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  api = await apiAs(server.baseUrl, bkd);
  unitId = find((await (await api.get('/api/units/tree')).json()) as Node[], 'BKD')!.id;
});

afterAll(async () => {
  await api?.dispose();
  await browser?.close();
  await server?.stop();
});

describe('kop & penomoran surat', () => {
  it('BKD sets a letterhead and its logo, adds a numbering scheme, and a pattern without {nomor} is refused', async () => {
    const context = await newContext(browser, server.baseUrl, PHONE);
    try {
      const page = await context.newPage();
      await new LoginPage(page).goto().then((l) => l.login(bkd, DEMO_PASSWORD));
      await page.waitForURL((u) => u.pathname === '/');
      // In BKD's navigation (the Administrasi group).
      expect(await new AppShell(page).navLink('Kop & nomor surat').getAttribute('href')).toBe(
        '/pengaturan/dokumen',
      );
      const docs = await new DokumenPage(page).goto();

      // The unit's letterhead: its lines, saved, in the preview and stored.
      await docs.chooseLetterheadUnit('Badan Kepegawaian', 'BKD');
      const address = 'Jl. Syech Nawawi Al-Bantani, KP3B, Serang';
      await docs.saveLetterhead({ regionName: 'Pemerintah Provinsi Banten', address });
      expect(await docs.letterheadPreview.innerText()).toContain('PEMERINTAH PROVINSI BANTEN');
      expect(await docs.letterheadPreview.innerText()).toContain(address);
      expect(await letterheadOf(unitId)).toMatchObject({
        regionName: 'Pemerintah Provinsi Banten',
        address,
        agencyName: null,
        logo: null,
      });

      // A text file named .png is refused from its content (415), with the server's reason; nothing is stored.
      await docs.uploadLogo({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('bukan gambar') });
      await docs.logoError().waitFor();
      expect(await docs.logoError().getAttribute('data-error-code')).toBe('UNSUPPORTED_FILE');
      expect(await docs.logoError().innerText()).toContain('PNG atau JPEG');
      expect(((await letterheadOf(unitId)) as { logo: unknown }).logo).toBeNull();

      // A real PNG is taken, shown, and stored.
      await docs.uploadLogo({ name: 'logo.png', mimeType: 'image/png', buffer: testPng({ size: 16 }) });
      await page.getByText('Logo kop surat disimpan.').waitFor();
      await docs.logoImage.waitFor();
      expect(await docs.logoStatus.innerText()).toBe('Logo tersimpan (PNG)');
      await docs.letterheadPreview.getByTestId('letterhead-preview-logo').waitFor();
      expect(((await letterheadOf(unitId)) as { logo: { type: string } | null }).logo?.type).toBe(
        'image/png',
      );

      // A numbering scheme for BKD's leave letters, with the number the next letter would get.
      await docs.openNumbering();
      expect(await docs.schemeRows.count()).toBe(0);
      await docs.addScheme();
      const pattern = '{kode}/{nomor}/{unit}/{bulan}/{tahun}';
      await docs.fillScheme({
        unit: { search: 'Badan Kepegawaian', code: 'BKD' },
        pattern,
        classificationCode: '800.1.11.4',
        digits: 4,
      });
      const today = toZoned(Date.now(), 'Asia/Jakarta').date;
      const expected = formatLetterNumber(pattern, {
        code: '800.1.11.4',
        unitCode: 'BKD',
        sequence: 1,
        date: today,
        digits: 4,
      });
      await expect.poll(() => docs.preview.innerText()).toBe(expected);
      await docs.submitScheme();
      await page.getByText('Penomoran surat disimpan.').waitFor();
      await docs.schemeRow(unitId).waitFor();
      expect(await docs.schemeRow(unitId).getByTestId('scheme-next').innerText()).toBe(expected);
      expect(await schemes()).toMatchObject([{ unitId, pattern, nextNumber: expected }]);

      // Without {nomor} every letter would get the same number: the server's reason, next to the field.
      await docs.editScheme(unitId);
      await docs.fillScheme({ pattern: '{kode}/{unit}/{tahun}' });
      const reason = parseLetterNumberPattern('{kode}/{unit}/{tahun}');
      expect(reason.ok).toBe(false);
      await docs.submitScheme();
      await docs.patternError.waitFor();
      expect(await docs.patternError.innerText()).toBe(!reason.ok ? reason.problem.message : '');
      expect(await docs.dialog.isVisible()).toBe(true);
      expect(await schemes()).toMatchObject([{ unitId, pattern, nextNumber: expected }]);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await context.close();
    }
  }, 60_000);
});
