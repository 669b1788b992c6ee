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
 * ASN teladan in a real Chromium against the real server (issue 18 point 4): BKD defines a region-wide period
 * with its criteria and makes itself the committee chair (setup through the API); on a 390 px phone BKD opens
 * /teladan, finds the period with its criteria and the ranking computed from the demo province's figures, and
 * nothing overflows the phone's width.
 */

const demo = generateDemoData();
const bkdGrant = demo.roleGrants.find((g) => g.role === 'BKD')!;
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

describe('ASN teladan', () => {
  it('BKD sees a period and its ranking on a phone', { timeout: 180_000 }, async () => {
    const login = bkdGrant.username ?? bkdGrant.nip!;
    const bkd = await apiAs(server.baseUrl, login);
    const month = new Date().toISOString().slice(0, 7);
    const name = `ASN Teladan uji ${Date.now()}`;
    const created = await bkd.post('/api/teladan/periods', {
      data: {
        name,
        year: Number(month.slice(0, 4)),
        fromMonth: month,
        toMonth: month,
        unitIds: [],
        employeeTypes: ['PNS', 'PPPK'],
        legalBasis: 'Keputusan Kepala BKD Nomor 800/1/2026',
        criteria: [
          {
            key: 'tanpa-hukdis',
            label: 'Tanpa hukuman disiplin',
            figure: 'discipline.sanctions',
            kind: 'hard',
            direction: 'lower',
            threshold: 0,
          },
          {
            key: 'usulan',
            label: 'Usulan',
            figure: 'nominations.total',
            kind: 'scored',
            direction: 'higher',
            weight: 1,
          },
        ],
        winnersPerOpd: 1,
        winnersRegion: 1,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await bkd.dispose();

    const phone = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
    await (await new LoginPage(phone).goto()).login(login, DEMO_PASSWORD);
    await phone.waitForURL((url) => url.pathname === '/');
    await phone.goto(`${server.baseUrl}/teladan`);
    await phone.getByRole('heading', { name }).waitFor();
    await phone.getByText('Tanpa hukuman disiplin', { exact: false }).first().waitFor();
    await phone.getByTestId('teladan-ranking').getByText('Daerah #1', { exact: true }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
