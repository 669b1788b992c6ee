import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import { apiAs, launchBrowser, newContext, startServer, type RunningServer } from './harness.ts';
import { AppShell, DashboardPage, LoginPage } from './page-models/index.ts';

/**
 * The home page of each role and the navigation by task (issue 13, points 4, 5 and 13), in Chromium against the
 * real server with the demo province and the real clock: what each role sees and what it may not, at phone
 * (390×844) and desktop width. Figures are compared with what the API answers the same user, not with fixed
 * numbers, so the tests hold whatever history the demo carries.
 */

const demo = generateDemoData();
const logins = pickDemoLogins(demo);
const pegawai = logins.pegawai[0]!;
const superiorNip = demo.employees.find((e) => e.nip === pegawai.nip)!.superiorNip!;
const adminOpd = demo.roleGrants.find(
  (g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES' && g.nip,
)!.nip!;
const dinkes = demo.units.find((u) => u.code === 'DINKES')!;
const bkd = logins.bkd[0]!.login;
const inspektorat = logins.inspektorat[0]!.login;
const sekda = logins.pimpinan[0]!.login;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const apis: APIRequestContext[] = [];

beforeAll(async () => {
  // The lived-in demo: three months of history, as `npm start` loads it.
  [server, browser] = await Promise.all([startServer({ DEMO_HISTORY: 'true' }), launchBrowser()]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const a of apis) await a.dispose().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function api(login: string): Promise<APIRequestContext> {
  const a = await apiAs(server.baseUrl, login);
  apis.push(a);
  return a;
}

/** A fresh browser (phone or desktop) signed in as `login`, on the home page. */
async function homeAs(login: string, phone = false): Promise<{ page: Page; home: DashboardPage }> {
  const context = await newContext(browser, server.baseUrl, phone ? PHONE : {});
  contexts.push(context);
  const page = await context.newPage();
  await (await new LoginPage(page).goto()).login(login, 'abdi-demo');
  await page.waitForURL((url) => url.pathname === '/');
  const home = new DashboardPage(page);
  await home.waitForSections();
  return { page, home };
}

/** The page itself never scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('home page', () => {
  it('shows a pegawai on a phone her day with the punch button, leave, her requests and their states, her month, and nothing else', async () => {
    // A permit request waiting for the superior: the home page lists it with its state.
    const own = await api(pegawai.login);
    let permitId = '';
    for (let d = 10; d < 30 && !permitId; d++) {
      const date = new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const res = await own.post('/api/permits', {
        data: { kind: 'I', dateFrom: date, dateTo: date, reason: 'Urusan keluarga' },
      });
      if (res.status() === 201) permitId = ((await res.json()) as { id: string }).id;
    }
    expect(permitId).not.toBe('');

    const { page, home } = await homeAs(pegawai.login, true);
    expect(await home.sections()).toEqual(['pegawai']);
    const mine = home.section('pegawai');
    await mine.getByTestId('home-my-today').waitFor();
    expect(['IN', 'OUT']).toContain(await home.punchButton.getAttribute('data-kind'));
    expect(await home.punchButton.getAttribute('href')).toBe('/presensi');
    await mine.getByTestId('home-my-leave').waitFor();
    await mine.getByTestId('home-my-month').waitFor();
    const request = mine.locator(
      '[data-testid="home-my-request"][data-kind="PERMIT"][data-status="DIAJUKAN"]',
    );
    await request.first().waitFor();
    expect(await request.first().textContent()).toContain('Diajukan');
    expect(await home.countOf('home-my-requests-waiting')).toBeGreaterThanOrEqual(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    // The navigation by task, in the drawer: her own pages only.
    const shell = new AppShell(page);
    await shell.openBurger();
    const groups = await shell.navGroups();
    expect(Object.keys(groups)).toEqual([
      'top',
      'presensi',
      'kinerja',
      'disiplin',
      'pengajuan',
      'kompetensi',
      'rekap',
      'tpp',
    ]);
    await shell.navLink('Beranda').click();
    await shell.waitForNav(false);

    // The punch button opens /presensi; the oversight list is not hers.
    await home.punchButton.click();
    await page.waitForURL((url) => url.pathname === '/presensi');
    await page.goto('/pengawasan');
    await shell.forbidden().waitFor();
  });

  it('shows the atasan what waits for her decision, counted like the approval pages, with correction approvals named as such', async () => {
    const boss = await api(superiorNip);
    const inbox = (await (await boss.get('/api/permits/inbox/count')).json()) as {
      permits: number;
      corrections: number;
    };
    const leave = (await (await boss.get('/api/leave/inbox/count')).json()) as { count: number };
    const { page, home } = await homeAs(superiorNip);
    const sections = await home.sections();
    expect(sections.slice(0, 2)).toEqual(['pegawai', 'atasan']);
    expect(inbox.permits).toBeGreaterThanOrEqual(1); // the permit of the test above
    expect(await home.countOf('home-waiting-permits')).toBe(inbox.permits);
    expect(await home.countOf('home-waiting-corrections')).toBe(inbox.corrections);
    expect(await home.countOf('home-waiting-leave')).toBe(leave.count);
    if (await home.section('atasan').getByTestId('home-team-today').count())
      expect(['counts', 'error', 'empty']).toContain(await home.todayState('home-team-today'));

    const shell = new AppShell(page);
    const groups = await shell.navGroups();
    expect(groups.persetujuan).toEqual(
      expect.arrayContaining([
        'Tinjau presensi',
        'Persetujuan cuti',
        'Persetujuan izin',
        'Persetujuan koreksi',
      ]),
    );
    const labels = Object.values(groups).flat();
    for (const hidden of ['Impor', 'Audit', 'Perangkat', 'Layar kios', 'Anomali presensi'])
      expect(labels).not.toContain(hidden);
    // The badge beside "Persetujuan izin" counts the permits waiting, as the home page does.
    expect(await page.getByTestId('permit-count').innerText()).toBe(
      inbox.permits > 99 ? '99+' : String(inbox.permits),
    );

    await home.count('home-waiting-corrections').click();
    await page.waitForURL((url) => url.pathname === '/koreksi/persetujuan');
    await page.locator('[data-testid="tab-corrections"][aria-selected="true"]').waitFor();
  });

  it('shows admin OPD the unit today, its pending work and last month’s closing, and the kiosk screen in the navigation', async () => {
    const admin = await api(adminOpd);
    const devices = (await (
      await admin.get('/api/attendance/devices', {
        params: { status: 'PENDING', unitId: await unitId(admin) },
      })
    ).json()) as { total: number };
    const { page, home } = await homeAs(adminOpd);
    const sections = await home.sections();
    expect(sections).toContain('admin');
    expect(sections).not.toContain('leaders');
    expect(sections).not.toContain('oversight');
    const unit = home.section('admin');
    expect(await unit.getByRole('heading', { level: 3 }).innerText()).toContain(dinkes.name);
    expect(await home.countOf('home-pending-devices')).toBe(devices.total);
    await unit.getByTestId('home-unit-closing').waitFor();
    expect(['counts', 'error', 'empty']).toContain(await home.todayState('home-unit-today'));

    const shell = new AppShell(page);
    const groups = await shell.navGroups();
    expect(groups.presensi).toEqual(expect.arrayContaining(['Layar kios', 'Apel']));
    expect(groups.administrasi).toEqual(expect.arrayContaining(['Pegawai', 'Impor', 'Audit']));
    await shell.navigateTo('Layar kios');
    await page.waitForURL((url) => url.pathname === '/presensi/kios');
  });

  it('ranks the OPDs for BKD (desktop) and the Sekda (phone): today, this month, the trend and the outliers', async () => {
    const { home } = await homeAs(bkd);
    expect(await home.sections()).toContain('leaders');
    const leaders = home.section('leaders');
    for (const card of [
      'home-leaders-today',
      'home-leaders-month',
      'home-leaders-trend',
      'home-leaders-outliers',
    ])
      await leaders.getByTestId(card).waitFor();
    // Today's ranking comes from the today view: a list worst first, or a clear error when it cannot answer.
    await leaders
      .locator(
        '[data-testid="home-leaders-today-ranking"], [data-testid="home-leaders-today-error"], [data-testid="empty-state"]',
      )
      .first()
      .waitFor();
    const shares = await leaders
      .locator('[data-testid="home-leaders-month-ranking"] li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-share')).filter((s) => s !== ''));
    const numbers = shares.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    const phone = await homeAs(sekda, true);
    expect(await phone.home.sections()).toContain('leaders');
    await phone.home.section('leaders').getByTestId('home-leaders-month').waitFor();
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(390);
  });

  it('shows the Inspektorat each kind of anomaly with its count, each linking to its list (cards on a phone)', async () => {
    const insp = await api(inspektorat);
    const { page, home } = await homeAs(inspektorat);
    expect(await home.sections()).toContain('oversight');
    for (const kind of ['flagged', 'rejected', 'outsideFence', 'sharedDevices', 'unitChanges']) {
      const answer = (await (
        await insp.get(`/api/dashboard/anomalies/${kind}`, { params: { pageSize: 1 } })
      ).json()) as {
        total: number;
      };
      expect(await home.countOf(`home-anomaly-${kind}`)).toBe(answer.total);
    }
    await home.count('home-anomaly-rejected').getByRole('link').click();
    await page.waitForURL(
      (url) => url.pathname === '/pengawasan' && url.searchParams.get('jenis') === 'rejected',
    );
    const table = page.getByTestId('anomaly-table');
    await table.waitFor();
    expect(await table.getAttribute('data-for')).toContain('/dashboard/anomalies/rejected');

    const phone = await homeAs(inspektorat, true);
    await phone.page.goto('/pengawasan?jenis=flagged');
    const list = phone.page.getByTestId('anomaly-table');
    await list.waitFor();
    if ((await list.locator('[data-row-key]').count()) > 0)
      expect(await list.getAttribute('data-layout')).toBe('cards');
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(390);
  });
});

describe('phone layouts', () => {
  it('shows the unit recap as cards on a phone and as a table on a desktop, never scrolling the page sideways', async () => {
    const { page } = await homeAs(adminOpd, true);
    await page.goto('/rekap/unit');
    await page.locator('[data-testid="recap-table"], [data-testid="empty-state"]').first().waitFor();
    const table = page.getByTestId('recap-table');
    if (await table.count()) {
      expect(await table.getAttribute('data-layout')).toBe('cards');
      await table.getByTestId('recap-row').first().waitFor();
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    await page.setViewportSize({ width: 1280, height: 800 });
    if (await table.count()) {
      await page.locator('[data-testid="recap-table"][data-layout="table"]').waitFor();
      await table.locator('tbody tr[data-testid="recap-row"]').first().waitFor();
    }
  });
});

/** The unit of admin OPD's grant (Dinas Kesehatan). */
async function unitId(admin: APIRequestContext): Promise<string> {
  const tree = (await (await admin.get('/api/units/tree')).json()) as { id: string; code: string }[];
  return tree.find((u) => u.code === dinkes.code)!.id;
}
