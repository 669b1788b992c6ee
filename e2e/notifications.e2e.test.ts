import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { addDays, isoWeekday } from '../src/core/common/local-date.ts';
import { toZoned } from '../src/core/common/zoned-time.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { IzinPage, LoginPage } from './page-models/index.ts';
import { NotificationCentre } from './page-models/notifications.ts';

/**
 * Notifications in a real Chromium against the real server (issue 13 point 6): a PNS of Puskesmas Curug asks for
 * a day's izin, her superior approves it, and the bell in her header shows one unread notification; following it
 * opens her permits page at the permit, and the count goes back to zero.
 */

const demo = generateDemoData();
const grantNips = new Set(demo.roleGrants.map((g) => g.nip));
const employee = demo.employees.find(
  (e) =>
    e.unitCode === 'DINKES-PKM-CURUG' &&
    e.employeeType === 'PNS' &&
    e.nip &&
    !grantNips.has(e.nip) &&
    !demo.employees.some((x) => x.superiorNip === e.nip),
)!;

/** A weekday three weeks ahead (the server runs on the real clock). */
let day = addDays(toZoned(Date.now(), 'Asia/Jakarta').date, 21);
while (isoWeekday(day) > 5) day = addDays(day, 1);

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(login: string): Promise<Page> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  await (await new LoginPage(page).goto()).login(login, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/');
  // The header's bell: the signed-in shell is up (each role has its own home page below it).
  await new NotificationCentre(page).bell.waitFor();
  return page;
}

describe('notifications', () => {
  it('a decision shows up on the bell with a count and links to the item', { timeout: 120_000 }, async () => {
    const own = await apiAs(server.baseUrl, employee.nip!);
    const superior = await apiAs(server.baseUrl, employee.superiorNip!);
    try {
      const asked = await own.post('/api/permits', {
        data: { kind: 'I', dateFrom: day, dateTo: day, reason: 'Mengurus dokumen keluarga' },
      });
      expect(asked.status(), await asked.text()).toBe(201);
      const permitId = ((await asked.json()) as { id: string }).id;

      const page = await signedIn(employee.nip!);
      const centre = new NotificationCentre(page);
      await centre.bell.waitFor();
      const before = await centre.unread();

      const decided = await superior.post(`/api/permits/${permitId}/decision`, {
        data: { decision: 'APPROVE', note: 'Silakan' },
      });
      expect(decided.status(), await decided.text()).toBe(200);
      // The bell polls; a reload asks at once.
      await page.reload();
      await expect.poll(() => centre.unread(), { timeout: 20_000 }).toBe(before + 1);

      const texts = await centre.openBell();
      expect(texts[0]).toContain('Permohonan izin Anda disetujui');
      expect(texts[0]).toContain('Silakan');
      await centre.follow('Permohonan izin Anda disetujui');
      await page.waitForURL((url) => url.pathname === '/izin' && url.searchParams.get('id') === permitId);
      await new IzinPage(page).item(permitId).waitFor();
      await expect.poll(() => centre.unread(), { timeout: 20_000 }).toBe(before);
    } finally {
      await own.dispose();
      await superior.dispose();
    }
  });
});
