import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { LoginPage } from './page-models/index.ts';

/**
 * The candidate list for a vacant position in a real Chromium on a 390 px phone (issue 19 point 6: "just look at the
 * list"). Setup through the API: two results (the demo has none) for two PNS. BKD opens /kompetensi/bkd → Talenta,
 * picks the vacant Kepala Dinas ESDM (JPT Pratama: default level 4 × 9 = Σ 36) and reads the ranked list:
 *   1. all levels 4 → 36 / 36 = 100 % → MS;   2. all levels 3 → 27 / 36 = 75 % → MMS.
 * Nothing overflows the phone's width.
 */

const demo = generateDemoData();
const bkdGrant = demo.roleGrants.find((g) => g.role === 'BKD')!;
const target = demo.positions.find((p) => p.code === 'ESDM:KEPALA')!;
const pns = demo.employees.filter((e) => e.nip && e.employeeType === 'PNS' && e.positionCode !== target.code);
const [first, second] = [pns[3]!, pns[4]!];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const CODES = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Talent', () => {
  it('BKD reads the ranked candidates for a vacant position on a phone', { timeout: 90_000 }, async () => {
    const bkdLogin = bkdGrant.username ?? bkdGrant.nip!;
    const api = await apiAs(server.baseUrl, bkdLogin);
    const assessedOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const [who, level] of [
      [first, 3],
      [second, 4],
    ] as const) {
      const found = await api.get(`/api/employees?q=${who.nip}`);
      const employeeId = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
      const res = await api.post('/api/competency/assessments', {
        data: {
          employeeId,
          assessedOn,
          method: 'ASSESSMENT_CENTER',
          assessor: 'UPT Penilaian Kompetensi',
          levels: CODES.map((code) => ({ code, level })),
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await api.dispose();

    const page = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
    await (await new LoginPage(page).goto()).login(bkdLogin, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`${server.baseUrl}/kompetensi/bkd`);
    await page.getByRole('tab', { name: 'Talenta' }).click();
    const select = page.getByRole('combobox', { name: 'Jabatan', exact: true });
    await select.click();
    await select.fill('Kepala Dinas Energi');
    await page.getByRole('option', { name: /Kepala Dinas Energi dan Sumber Daya Mineral/ }).click();
    const list = page.getByTestId('talent-candidate-list');
    await list.getByText('100% · MS').waitFor();
    await list.getByText('75% · MMS').waitFor();
    const text = (await list.textContent()) ?? '';
    const one = text.indexOf(second.name);
    const two = text.indexOf(first.name);
    expect(one).toBeGreaterThanOrEqual(0);
    expect(two).toBeGreaterThan(one);
    await page.getByTestId('talent-candidates').getByText('2 pegawai dengan hasil asesmen').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
