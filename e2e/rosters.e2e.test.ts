import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { toZoned } from '../src/core/common/zoned-time.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { LoginPage } from './page-models/index.ts';
import { JadwalShiftPage } from './page-models/jadwal-shift-page.ts';

/**
 * The shift roster page in a real Chromium against the real server: admin OPD of Dinkes plans next month's
 * shifts for one employee in the grid, saves, sees them after a reload, puts a cell back to the regular schedule,
 * gets a per-row report for a bad CSV, exports the month, and uses the grid on a phone (sticky first column).
 */
const demo = generateDemoData();
const adminNip = demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!;
const grantNips = new Set(demo.roleGrants.map((g) => g.nip));
const worker = demo.employees.find(
  (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !grantNips.has(e.nip),
)!;
const now = new Date();
const next = new Date(Date.UTC(now.getFullYear(), now.getMonth() + 1, 1));
const month = `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
const day = (n: number) => `${month}-${String(n).padStart(2, '0')}`;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: APIRequestContext;
let unitId: string;
let employeeId: string;

const linesOf = async () => {
  const res = await api.get(`/api/rosters?unitId=${unitId}&month=${month}&q=${worker.nip}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { lines: Record<string, string | null> }[] }).items[0]!.lines;
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  api = await apiAs(server.baseUrl, adminNip);
  const me = (await (await api.get('/api/auth/me')).json()) as {
    user: { roles: { role: string; unitId: string | null }[] };
  };
  unitId = me.user.roles.find((r) => r.role === 'ADMIN_OPD')!.unitId!;
  const list = await api.get(`/api/rosters?unitId=${unitId}&month=${month}&q=${worker.nip}`);
  employeeId = ((await list.json()) as { items: { employeeId: string }[] }).items[0]!.employeeId;
  context = await newContext(browser, server.baseUrl);
  page = await context.newPage();
  const login = await new LoginPage(page).goto();
  await login.login(adminNip, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
});

afterAll(async () => {
  await api?.dispose();
  await browser?.close();
  await server?.stop();
});

describe('jadwal shift page', () => {
  it('plans shifts in the grid, saves them in one request and shows them after a reload', async () => {
    const roster = await new JadwalShiftPage(page).goto(month);
    await roster.searchFor(worker.nip!);
    await roster.setCell(employeeId, day(1), 'PAGI');
    await roster.setCell(employeeId, day(2), 'MALAM');
    await roster.setCell(employeeId, day(3), 'LIBUR');
    await expect.poll(() => roster.saveButton.textContent()).toContain('(3)');
    await roster.save();
    expect(await linesOf()).toEqual({ [day(1)]: 'PAGI', [day(2)]: 'MALAM', [day(3)]: null });

    await page.reload();
    await roster.searchFor(worker.nip!);
    await expect.poll(() => roster.cell(employeeId, day(2)).inputValue()).toBe('MALAM');
    await roster.setCell(employeeId, day(1), '');
    await roster.save();
    expect(await linesOf()).toEqual({ [day(2)]: 'MALAM', [day(3)]: null });
  });

  it('shows the employee their own shifts of the coming week on the Presensi page', async () => {
    const today = toZoned(Date.now(), 'Asia/Jakarta').date;
    const set = await api.put('/api/rosters', {
      data: { lines: [{ employeeId, date: today, shiftCode: 'MALAM' }] },
    });
    expect(set.status()).toBe(200);
    const own = await newContext(browser, server.baseUrl);
    try {
      const p = await own.newPage();
      const login = await new LoginPage(p).goto();
      await login.login(worker.nip!, DEMO_PASSWORD);
      await p.waitForURL((u) => !u.pathname.startsWith('/login'));
      await p.goto('/presensi');
      const card = p.getByTestId('my-roster');
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toContain(`${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
      expect(text).toContain('22:00–07:00');
    } finally {
      await own.close();
      await api.post('/api/rosters/clear', { data: { employeeIds: [employeeId], from: today, to: today } });
    }
  });

  it('reports every bad CSV row with its line and writes nothing', async () => {
    const roster = await new JadwalShiftPage(page).goto(month);
    await roster.importCsv(
      `nip,tanggal,shift\n${worker.nip},04/${month.slice(5)}/${month.slice(0, 4)},PAGI\n123,05/${month.slice(5)}/${month.slice(0, 4)},PAGI\n${worker.nip},${day(6)},SORE\n`,
    );
    await roster.importErrors.waitFor();
    const text = await roster.importErrors.innerText();
    expect(text).toContain('NIP 123 tidak ditemukan');
    expect(text).toContain('Kode shift SORE');
    expect(text).toMatch(/\b3\b[\s\S]*\b4\b/);
    expect(await linesOf()).toEqual({ [day(2)]: 'MALAM', [day(3)]: null });
    await page.keyboard.press('Escape');
  });

  it('exports the month as CSV from the page link', async () => {
    const roster = await new JadwalShiftPage(page).goto(month);
    const href = await roster.exportLink.getAttribute('href');
    expect(href).toContain(`/api/rosters/export.csv?unitId=${unitId}&month=${month}`);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    const csv = await res.text();
    expect(csv).toContain(`${worker.nip},02/${month.slice(5)}/${month.slice(0, 4)},MALAM`);
    expect(csv).toContain(`${worker.nip},03/${month.slice(5)}/${month.slice(0, 4)},LIBUR`);
  });

  it('keeps the employee column in view while the grid scrolls sideways on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const roster = await new JadwalShiftPage(page).goto(month);
    const firstCell = roster.rows.first().locator('td').first();
    const dayCell = roster.rows.first().locator('td').nth(10);
    const [before, dayBefore] = [(await firstCell.boundingBox())!, (await dayCell.boundingBox())!];
    await roster.grid.evaluate((el) => (el.scrollLeft = 600));
    const [after, dayAfter] = [(await firstCell.boundingBox())!, (await dayCell.boundingBox())!];
    expect(await roster.grid.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // The days move left with the scroll; the employee column stays put (within a border's width).
    expect(dayBefore.x - dayAfter.x).toBeGreaterThan(300);
    expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
