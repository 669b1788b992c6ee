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
import { ComplaintsPage, LacakPage, LaporPage } from './page-models/complaints-pages.ts';

/**
 * Public complaints in a real Chromium against the real server (issue 18 points 2 and 6): a citizen on a 390 px
 * phone, without an account, files a complaint about an OPD and gets a tracking code; BKD routes it to the OPD
 * (setup through the API), the OPD's admin answers it in the app and sees the reporter; the citizen tracks the code
 * and reads the answer. The form's minimum fill time is 0 here (the check itself is tested in complaints.test.ts).
 */

const demo = generateDemoData();
const opdGrant = demo.roleGrants.find(
  (g) => g.role === 'ADMIN_OPD' && g.nip && demo.units.some((u) => u.code === g.unitCode && u.kind === 'OPD'),
)!;
const opd = demo.units.find((u) => u.code === opdGrant.unitCode)!;
const bkdGrant = demo.roleGrants.find((g) => g.role === 'BKD')!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ COMPLAINT_FORM_MIN_SECONDS: '0' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('public complaints', () => {
  it(
    'a citizen files on a phone without an account, an official answers, the citizen tracks it',
    { timeout: 180_000 },
    async () => {
      const title = `Loket tutup saat jam layanan ${Date.now()}`;
      const phone = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
      const lapor = await new LaporPage(phone).goto();
      const code = await lapor.file({
        category: 'Pelayanan unit kerja',
        unit: opd.name,
        title,
        description:
          'Loket pelayanan tutup pukul 10.00 padahal jadwalnya buka sampai 15.00. <script>alert(1)</script>',
        reporterName: 'Siti Warga',
        reporterContact: '0812-0000-1111',
      });
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // BKD routes it to the OPD (setup through the API).
      const bkd = await apiAs(server.baseUrl, bkdGrant.username ?? bkdGrant.nip!);
      const found = await bkd.get(`/api/complaints?q=${encodeURIComponent(title)}`);
      const id = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
      const routed = await bkd.post(`/api/complaints/${id}/route`, {
        data: { handlingUnitId: await unitId(bkd, opd.code) },
      });
      expect(routed.status(), await routed.text()).toBe(200);
      await bkd.dispose();

      // The OPD's admin answers in the app, and sees who reported.
      const desk = await (await newContext(browser, server.baseUrl)).newPage();
      await (await new LoginPage(desk).goto()).login(opdGrant.nip!, DEMO_PASSWORD);
      await desk.waitForURL((url) => url.pathname === '/');
      const complaints = await new ComplaintsPage(desk).open(id);
      await expect.poll(() => complaints.reporter.innerText()).toContain('Siti Warga');
      // Script in the text is shown literally.
      await complaints.detail.getByText('<script>alert(1)</script>', { exact: false }).waitFor();
      await complaints.answerWith('Petugas loket sudah ditegur dan jadwal layanan ditempel di pintu.');

      // The citizen tracks the code on the phone and reads the answer.
      const lacak = await new LacakPage(phone).goto();
      await lacak.track(code.toLowerCase());
      await expect
        .poll(() => lacak.answer.innerText())
        .toBe('Petugas loket sudah ditegur dan jadwal layanan ditempel di pintu.');
      expect(await lacak.result.innerText()).toContain('Dijawab');
      expect(await lacak.result.innerText()).not.toContain('Siti');
    },
  );
});

async function unitId(api: Awaited<ReturnType<typeof apiAs>>, code: string): Promise<string> {
  const form = await api.get('/api/public/complaints/form');
  const units = ((await form.json()) as { units: { id: string; name: string }[] }).units;
  return units.find((u) => u.name === demo.units.find((x) => x.code === code)!.name)!.id;
}
