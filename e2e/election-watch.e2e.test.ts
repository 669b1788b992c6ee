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
import { ElectionWatchPage } from './page-models/election-watch-page.ts';

/**
 * The election-period watch in a real Chromium against the real server (issue 18 point 3): BKD declares a Pilkada
 * watch period over one OPD (setup through the API); the head of that OPD, on a 390 px phone, opens
 * /pengawasan-pemilu, finds the period and their OPD, and confirms they checked today's absence list with a note;
 * the page shows it acknowledged on time and nothing overflows the phone's width.
 */

const demo = generateDemoData();
const opd = demo.units.find(
  (u) =>
    u.kind === 'OPD' &&
    demo.positions.some(
      (p) =>
        p.unitCode === u.code && p.isHead && demo.employees.some((e) => e.positionCode === p.code && e.nip),
    ),
)!;
const headPost = demo.positions.find((p) => p.unitCode === opd.code && p.isHead)!;
const head = demo.employees.find((e) => e.positionCode === headPost.code && e.nip)!;
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

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('election-period watch', () => {
  it('the head of an OPD acknowledges the day’s list on a phone', { timeout: 180_000 }, async () => {
    const bkd = await apiAs(server.baseUrl, bkdGrant.username ?? bkdGrant.nip!);
    const tree = (await (await bkd.get('/api/units/tree')).json()) as Node[];
    const unit = find(tree, opd.code)!;
    const name = `Pilkada uji ${Date.now()}`;
    const declared = await bkd.post('/api/election-watch/periods', {
      data: {
        name,
        kind: 'PILKADA',
        legalBasis: 'SE Sekda Nomor 800/1/2026',
        startsOn: isoDay(-10),
        endsOn: isoDay(10),
        unitIds: [unit.id],
      },
    });
    expect(declared.status(), await declared.text()).toBe(201);
    await bkd.dispose();

    const phone = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
    await (await new LoginPage(phone).goto()).login(head.nip!, DEMO_PASSWORD);
    await phone.waitForURL((url) => url.pathname === '/');
    const page = await new ElectionWatchPage(phone).goto();
    await expect.poll(() => page.period.inputValue()).toContain(name);
    await expect.poll(() => page.opd.inputValue()).toContain(opd.name);
    await page.report.waitFor();
    await page.acknowledge('Sudah saya periksa bersama Kasubag Umum.');
    await phone.getByText('“Sudah saya periksa bersama Kasubag Umum.”').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

interface Node {
  id: string;
  code: string;
  children: Node[];
}
function find(nodes: Node[], code: string): Node | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const hit = find(n.children, code);
    if (hit) return hit;
  }
  return undefined;
}
