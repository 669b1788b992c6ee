import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
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
import { LoginPage } from './page-models/login-page.ts';
import {
  KinerjaEvaluationPage,
  KinerjaInboxPage,
  KinerjaReportPage,
  KinerjaStaffPage,
} from './page-models/kinerja-pages.ts';

/**
 * e-Kinerja in a real Chromium against the real server with the demo data (issue 15 point 10): a staff member of
 * UPTD SAMSAT Ciruas writes a daily report on a 390 px phone while offline, sees it waiting on the phone, comes back
 * online and exactly one report is stored; the Kasi (her pejabat penilai) verifies it in the inbox and sees the
 * staff page change; an evaluation is finalised by the Kasi, approved by the Kasi's superior, and its PDF is read.
 * The approved SKP with RHK is made through the SKP routes in the setup (the Kasi's SKP first: the staff RHK
 * intervenes it).
 */
const demo = generateDemoData();
const UNIT_CODE = 'BAPENDA-SAMSAT-CIRUAS';
const kasi = demo.employees.find((e) => e.positionCode === `${UNIT_CODE}:KASI`)!;
const hasStaff = new Set(demo.employees.map((e) => e.superiorNip).filter(Boolean));
const employee = demo.employees.find(
  (e) =>
    e.unitCode === UNIT_CODE &&
    e.nip &&
    e.superiorNip === kasi.nip &&
    !hasStaff.has(e.nip) &&
    ['PNS', 'CPNS', 'PPPK'].includes(e.employeeType),
)!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const YEAR = new Date().getFullYear();

let server: RunningServer;
let browser: Browser;
let kasiApi: APIRequestContext;
let staffApi: APIRequestContext;
let employeeId: string;
let skpId: string;
let reportId: string;
const ACTIVITY = `Menyusun laporan penerimaan PKB harian ${Date.now()}`;
const MINUTES = 150;

async function ok<T>(res: Promise<APIResponse>): Promise<T> {
  const r = await res;
  if (!r.ok()) throw new Error(`${r.url()} → ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

async function signedIn(login: string, phone = false): Promise<Page> {
  const context = await newContext(browser, server.baseUrl, phone ? PHONE : {});
  const page = await context.newPage();
  await new LoginPage(page).goto().then((l) => l.login(login, DEMO_PASSWORD));
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  kasiApi = await apiAs(server.baseUrl, kasi.nip!);
  staffApi = await apiAs(server.baseUrl, employee.nip!);
  employeeId = (await ok<{ user: { employeeId: string } }>(staffApi.get('/api/auth/me'))).user.employeeId;

  // The Kasi's SKP (structural: assigned from the unit's performance agreement), submitted.
  const boss = await ok<{ skp: { id: string } }>(
    kasiApi.post('/api/kinerja/skp', {
      data: {
        year: YEAR,
        rhk: [
          {
            kind: 'UTAMA',
            text: 'Meningkatnya penerimaan pajak kendaraan bermotor di SAMSAT Ciruas',
            penugasanDari: 'Perjanjian Kinerja Bapenda',
            indicators: [
              { text: 'Realisasi penerimaan PKB', aspect: 'KUANTITAS', targetMin: 100, satuan: 'persen' },
            ],
          },
        ],
      },
    }),
  );
  await ok(kasiApi.post(`/api/kinerja/skp/${boss.skp.id}/submit`, { data: {} }));

  // The staff member's SKP, its RHK intervening the Kasi's, submitted and approved by the Kasi.
  const superior = await ok<{ items: { id: string }[] }>(staffApi.get('/api/kinerja/skp/superior-rhk'));
  const own = await ok<{ skp: { id: string } }>(
    staffApi.post('/api/kinerja/skp', {
      data: {
        year: YEAR,
        rhk: [
          {
            kind: 'UTAMA',
            text: 'Tersusunnya laporan penerimaan PKB harian',
            intervenesRhkId: superior.items[0]!.id,
            indicators: [
              { text: 'Laporan penerimaan', aspect: 'KUANTITAS', targetMin: 240, satuan: 'laporan' },
            ],
          },
        ],
      },
    }),
  );
  skpId = own.skp.id;
  await ok(staffApi.post(`/api/kinerja/skp/${skpId}/submit`, { data: {} }));
  await ok(kasiApi.post(`/api/kinerja/skp/${skpId}/decision`, { data: { decision: 'APPROVE', note: '' } }));
});

afterAll(async () => {
  await kasiApi?.dispose();
  await staffApi?.dispose();
  await browser?.close();
  await server?.stop();
});

describe('e-Kinerja in the browser', () => {
  it('stores a report written offline on a phone exactly once when back online', async () => {
    const page = await signedIn(employee.nip!, true);
    const form = await new KinerjaReportPage(page).goto();
    await page.context().setOffline(true);
    await form.write(ACTIVITY, MINUTES);
    const item = form.queueItems.first();
    await expect.poll(() => item.getAttribute('data-state')).toBe('waiting');
    await expect.poll(() => item.innerText()).toMatch(/menunggu sinkron/i);
    const clientId = (await item.getAttribute('data-client-id'))!;

    await page.context().setOffline(false);
    await form.queue.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('today-reports').getByText(ACTIVITY).waitFor();
    // A reload (the online event again, a fresh queue read) sends nothing more.
    await page.reload();
    await form.form.waitFor();
    const month = new Date().toISOString().slice(0, 7);
    const mine = await ok<{ reports: { id: string; clientId: string; activity: string }[] }>(
      staffApi.get('/api/kinerja/reports/mine', { params: { month } }),
    );
    const stored = mine.reports.filter((r) => r.activity === ACTIVITY);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.clientId).toBe(clientId);
    reportId = stored[0]!.id;
    await page.context().close();
  });

  it('the superior verifies it in the inbox and sees the staff page change', async () => {
    expect(reportId).toBeDefined();
    const page = await signedIn(kasi.nip!);
    const staff = await new KinerjaStaffPage(page).goto();
    await staff.row(employeeId).first().waitFor();
    const before = await staff.numbers(employeeId);
    expect(before.pending).toBeGreaterThanOrEqual(1);

    // What waits on the Kasi is counted on the "Verifikasi" entry of the navigation (loaded after the first screen).
    await expect
      .poll(
        async () =>
          Number(
            (await page
              .getByTestId('kinerja-count')
              .textContent({ timeout: 1_000 })
              .catch(() => '0')) ?? 0,
          ),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThanOrEqual(1);

    const inbox = await new KinerjaInboxPage(page).goto();
    await inbox.report(reportId).waitFor();
    await inbox.accept(reportId);
    await inbox.report(reportId).waitFor({ state: 'detached' });

    await staff.goto();
    await staff.row(employeeId).first().waitFor();
    await expect
      .poll(async () => staff.numbers(employeeId))
      .toEqual({ pending: before.pending - 1, accepted: before.accepted + MINUTES });
    await page.context().close();
  });

  it('an evaluation is finalised, approved and its PDF opened', async () => {
    const periods = await ok<{ items: { kind: string; periodStart: string; canCreate: boolean }[] }>(
      kasiApi.get('/api/kinerja/evaluations/periods', { params: { skpId } }),
    );
    const today = new Date().toISOString().slice(0, 10);
    const period =
      periods.items.filter((p) => p.canCreate && p.kind === 'PERIODIK' && p.periodStart <= today).at(-1) ??
      periods.items.find((p) => p.canCreate)!;

    // The Kasi starts it from the list of the staff's SKP periods ("Mulai penilaian"), which opens the evaluation.
    const page = await signedIn(kasi.nip!);
    await page.goto('/kinerja/verifikasi?tab=penilaian');
    const skpItem = page.locator(`[data-testid="staff-evaluation-skp"][data-skp-id="${skpId}"]`);
    await skpItem.getByRole('button').first().click();
    await skpItem
      .locator(
        `[data-testid="staff-evaluation-period"][data-kind="${period.kind}"][data-period-start="${period.periodStart}"]`,
      )
      .getByTestId('start-evaluation')
      .click();
    await page.waitForURL((url) => /^\/kinerja\/penilaian\/[0-9a-f-]{36}$/.test(url.pathname));
    const created = { id: new URL(page.url()).pathname.split('/').pop()! };
    const evaluation = new KinerjaEvaluationPage(page);
    await evaluation.root.waitFor();
    await evaluation.rate('Rating hasil kerja', 'Sesuai Ekspektasi');
    await evaluation.rate('Rating perilaku kerja', 'Di Atas Ekspektasi');
    await page.getByTestId('curve-check').waitFor();
    await page.getByRole('button', { name: 'Finalkan penilaian' }).click();
    await expect
      .poll(() => evaluation.root.getAttribute('data-status'), { timeout: 20_000 })
      .not.toBe('DRAFT');

    // The atasan pejabat penilai (the Kasi's superior) approves, when Abdi has one.
    if ((await evaluation.root.getAttribute('data-status')) === 'FINAL') {
      const boss = await signedIn(kasi.superiorNip!);
      const view = await new KinerjaEvaluationPage(boss).goto(created.id);
      await boss.getByTestId('evaluation-approval').getByRole('button', { name: 'Setujui' }).click();
      // The approval takes its curve snapshot: on a busy two-core machine it can take a few seconds.
      await expect.poll(() => view.root.getAttribute('data-status'), { timeout: 20_000 }).toBe('APPROVED');
      await boss.context().close();
    }

    await evaluation.goto(created.id);
    const link = page.getByTestId('evaluation-pdf');
    const href = (await link.getAttribute('href'))!;
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.body())), {
      mergePages: true,
    });
    expect(text).toContain(employee.nip!.slice(0, 8));
    expect(text).toMatch(/Baik|BAIK/);
    await page.context().close();
  });
});
