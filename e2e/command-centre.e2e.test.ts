import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { CommandCentrePage, LoginPage } from './page-models/index.ts';

/**
 * Ruang Kendali in a real Chromium against the real server with the demo province (issue 18 point 5): the Sekda
 * (PIMPINAN over the province) on a 390 px phone goes from the home page to Ruang Kendali, sees the tiles with the
 * figures the API answers him and the map of the units, follows the attendance tile to the list behind it, and
 * nothing overflows the phone's width.
 */

const demo = generateDemoData();
const sekda = pickDemoLogins(demo).pimpinan[0]!.login;
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

describe('Ruang Kendali', () => {
  it(
    'the Sekda opens it on a phone, sees tiles and map, and follows a tile to its list',
    { timeout: 240_000 },
    async () => {
      const api = await apiAs(server.baseUrl, sekda);
      const res = await api.get('/api/command-centre');
      expect(res.status(), await res.text()).toBe(200);
      const cc = (await res.json()) as {
        today: { total: { total: number }; rows: { unitName: string; link: string }[] };
        map: unknown[];
      };
      await api.dispose();
      expect(cc.today.rows.length).toBeGreaterThan(1);

      const phone = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
      await (await new LoginPage(phone).goto()).login(sekda, DEMO_PASSWORD);
      await phone.waitForURL((url) => url.pathname === '/');
      await phone.getByTestId('home-leaders-command-centre').click();
      await phone.waitForURL((url) => url.pathname === '/ruang-kendali');

      const page = await new CommandCentrePage(phone).waitForTiles();
      for (const id of [
        'cc-trend',
        'cc-lowest',
        'cc-inspections',
        'cc-complaints',
        'cc-discipline',
        'cc-kinerja',
        'cc-tpp',
      ])
        await page.tile(id).waitFor();
      // The figures are the API's: every OPD row, and the total of employees.
      const rows = page.todayTile.getByTestId('cc-today-rows').locator('li');
      expect(await rows.count()).toBe(cc.today.rows.length);
      await page.todayTile.getByText(cc.today.rows[0]!.unitName, { exact: true }).first().waitFor();
      expect(await page.todayTile.getByTestId('cc-today-total').textContent()).toContain(
        cc.today.total.total.toLocaleString('id-ID'),
      );
      // The map with one marker per place.
      if (cc.map.length > 0) {
        await page.map.waitFor();
        expect(Number(await page.map.getAttribute('data-points'))).toBe(cc.map.length);
        expect(await page.map.locator('path.leaflet-interactive').count()).toBe(cc.map.length);
      }
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // A tile's link opens the list behind it.
      await page.openTileList('cc-today');
      await phone.waitForURL((url) => url.pathname === '/kehadiran');
      await phone.getByRole('heading', { name: 'Kehadiran hari ini' }).first().waitFor();
    },
  );
});
