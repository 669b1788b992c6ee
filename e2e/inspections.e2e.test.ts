import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import type { InspectionDetail } from '../src/shared/api/inspections.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { LoginPage } from './page-models/login-page.ts';
import { SidakDetailPage } from './page-models/inspections-pages.ts';

/**
 * Sidak in a real Chromium against the real server with the demo data (issue 18 points 1 and 6): an Inspektorat
 * officer plans and starts an unannounced inspection of UPTD SAMSAT Ciruas, opens it on a 390 px phone, goes offline,
 * marks an employee found and records a finding (both wait on the phone), comes back online, and the server holds
 * exactly one mark and one finding — also after a reload.
 */
const demo = generateDemoData();
const UNIT_CODE = 'BAPENDA-SAMSAT-CIRUAS';
const inspector = demo.roleGrants.find((g) => g.role === 'INSPEKTORAT' && g.unitCode === 'PEMPROV' && g.nip)!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const NOTE = `Papan standar pelayanan tidak dipajang ${Date.now()}`;

let server: RunningServer;
let browser: Browser;
let api: APIRequestContext;
let inspectionId: string;

async function ok<T>(res: Promise<APIResponse>): Promise<T> {
  const r = await res;
  if (!r.ok()) throw new Error(`${r.url()} → ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

type TreeNode = { id: string; code: string; children: TreeNode[] };
const findUnit = (nodes: TreeNode[], code: string): TreeNode | null => {
  for (const n of nodes) {
    if (n.code === code) return n;
    const inner = findUnit(n.children, code);
    if (inner) return inner;
  }
  return null;
};

async function signedIn(login: string): Promise<Page> {
  const context = await newContext(browser, server.baseUrl, PHONE);
  const page = await context.newPage();
  await new LoginPage(page).goto().then((l) => l.login(login, DEMO_PASSWORD));
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  api = await apiAs(server.baseUrl, inspector.nip!);
  const tree = await ok<TreeNode[]>(api.get('/api/units/tree'));
  const unit = findUnit(tree, UNIT_CODE)!;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  inspectionId = (
    await ok<{ id: string }>(
      api.post('/api/inspections', {
        data: { title: 'Sidak SAMSAT Ciruas', kind: 'UNANNOUNCED', date: today, unitIds: [unit.id] },
      }),
    )
  ).id;
  await ok(api.post(`/api/inspections/${inspectionId}/start`));
});

afterAll(async () => {
  await api?.dispose();
  await browser?.close();
  await server?.stop();
});

describe('sidak on a phone', () => {
  it('marks presence and records a finding offline, then syncs each exactly once', async () => {
    const before = await ok<InspectionDetail>(api.get(`/api/inspections/${inspectionId}`));
    expect(before.roster.length).toBeGreaterThan(0);
    const target = before.roster[0]!;
    const page = await signedIn(inspector.nip!);
    const sidak = await new SidakDetailPage(page).goto(inspectionId);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.context().setOffline(true);
    await sidak.offline.waitFor();
    await sidak.mark(target.name, true);
    await sidak.row(target.employeeId).getByText('Menunggu sinkron').waitFor();
    await sidak.recordFinding(NOTE);
    await sidak.pendingFindings.getByText(NOTE).waitFor();
    await expect.poll(() => sidak.queue.innerText()).toMatch(/2 catatan menunggu sinkron/);
    // Nothing reached the server while offline.
    const offline = await ok<InspectionDetail>(api.get(`/api/inspections/${inspectionId}`));
    expect(offline.findings).toHaveLength(0);
    expect(offline.roster.find((r) => r.employeeId === target.employeeId)!.markCount).toBe(0);

    await page.context().setOffline(false);
    await sidak.queue.waitFor({ state: 'detached', timeout: 30_000 });
    await page
      .getByTestId(/^finding-[0-9a-f-]{36}$/)
      .getByText(NOTE)
      .waitFor();
    // A reload (a fresh queue read and the online event again) sends nothing more.
    await page.reload();
    await sidak.row(target.employeeId).waitFor();

    const after = await ok<InspectionDetail>(api.get(`/api/inspections/${inspectionId}`));
    const row = after.roster.find((r) => r.employeeId === target.employeeId)!;
    expect(row.found).toBe(true);
    expect(row.markCount).toBe(1);
    expect(after.roster.filter((r) => r.markCount > 0)).toHaveLength(1);
    expect(after.findings.map((f) => f.note)).toEqual([NOTE]);
    await page.context().close();
  });
});
