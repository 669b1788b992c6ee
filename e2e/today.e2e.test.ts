import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { apiAs, launchBrowser, newContext, startServer, type RunningServer } from './harness.ts';
import { AppShell, LoginPage, PresensiPage } from './page-models/index.ts';
import { TodayPage } from './page-models/today-page.ts';

/**
 * Kehadiran hari ini in a real Chromium on a 390 px phone, against the real server with the demo data and the
 * real clock: the superior keeps the page open while one of their staff checks in on her own phone, and the
 * page shows the punch (and the status the server gives it) without a reload. Whatever the time of day the
 * test runs at, the punch shows: as the check-in inside the windows, else as the day's latest punch.
 */
const demo = generateDemoData();
const UNIT_CODE = 'BAPENDA-SAMSAT-CIRUAS';
const kasi = demo.employees.find((e) => e.positionCode === `${UNIT_CODE}:KASI`)!;
const hasStaff = new Set(demo.employees.map((e) => e.superiorNip).filter(Boolean));
const employee = demo.employees.find(
  (e) => e.unitCode === UNIT_CODE && e.nip && e.superiorNip === kasi.nip && !hasStaff.has(e.nip),
)!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser({ fakeMedia: true })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('today view', () => {
  it('shows a staff member’s punch on the superior’s open page without a reload', async () => {
    const admin = await apiAs(server.baseUrl, 'admin');
    const unit = (await (await admin.get('/api/units/tree')).json()) as {
      id: string;
      code: string;
      children: unknown[];
    }[];
    type Node = { id: string; code: string; children: Node[] };
    const find = (nodes: Node[]): Node | undefined =>
      nodes.find((n) => n.code === UNIT_CODE) ?? find(nodes.flatMap((n) => n.children));
    const unitId = find(unit as Node[])!.id;
    const office = (
      (await (await admin.get(`/api/units/${unitId}`)).json()) as {
        offices: { lat: number; lon: number }[];
      }
    ).offices[0]!;
    const employeeId = (
      (await (await admin.get('/api/employees', { params: { q: employee.nip! } })).json()) as {
        items: { id: string; nip: string | null }[];
      }
    ).items.find((e) => e.nip === employee.nip)!.id;
    await admin.dispose();

    const boss = await newContext(browser, server.baseUrl, PHONE);
    const phone = await newContext(browser, server.baseUrl, {
      ...PHONE,
      permissions: ['geolocation', 'camera'],
      geolocation: { latitude: office.lat, longitude: office.lon, accuracy: 12 },
    });
    try {
      // The superior opens the page and finds their staff member.
      const page = await boss.newPage();
      await new LoginPage(page).goto().then((l) => l.login(kasi.nip!, 'abdi-demo'));
      await page.waitForURL((url) => url.pathname === '/');
      // The page is in the superior's navigation (the 'Presensi' group).
      expect(await new AppShell(page).navLink('Kehadiran hari ini').getAttribute('href')).toBe('/kehadiran');
      const today = await new TodayPage(page).goto();
      await today.person(employeeId).waitFor();
      const before = await today.lastPunchOf(employeeId);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // She checks in on her phone.
      const mine = await phone.newPage();
      await new LoginPage(mine).goto().then((l) => l.login(employee.nip!, 'abdi-demo'));
      await mine.waitForURL((url) => url.pathname === '/');
      const presensi = await new PresensiPage(mine).goto();
      await presensi.registerDeviceIfAsked();
      await presensi.waitUntilReady();
      expect(['ACCEPTED', 'FLAGGED']).toContain(await presensi.punch());

      // The superior's page shows it at its next poll, with the status the server now gives her.
      const shown = await today.waitForNewPunch(employeeId, before);
      expect(Math.abs(Date.now() - Date.parse(shown))).toBeLessThan(5 * 60_000);
      const hhmm = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Jakarta',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(shown));
      expect(await today.person(employeeId).innerText()).toContain(`${hhmm} WIB`);
      const api = await apiAs(server.baseUrl, kasi.nip!);
      try {
        const res = await api.get('/api/today', { params: { q: employee.nip!, pageSize: 5 } });
        const item = ((await res.json()) as { items: { employeeId: string; status: string }[] }).items.find(
          (i) => i.employeeId === employeeId,
        )!;
        expect(await today.statusOf(employeeId)).toBe(item.status);
      } finally {
        await api.dispose();
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await boss.close();
      await phone.close();
    }
  }, 120_000);
});
