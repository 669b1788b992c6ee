import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins, type DemoEmployee } from '../src/server/db/seeds/demo-data.ts';
import { chromium } from 'playwright-core';
import {
  apiAs,
  CHROMIUM_ARGS,
  chromiumPath,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import {
  AppShell,
  DashboardPage,
  KioskPages,
  LoginPage,
  PresensiPage,
  ReviewQueuePage,
} from './page-models/index.ts';
import { writeQrVideo } from './attendance-qr-video.ts';

/**
 * Attendance capture in a real Chromium with a fake camera and a fixed geolocation, against the real server
 * with the demo data: checking in at the office, an offline punch queued and synced exactly once, a kiosk
 * QR scanned (and refused when replayed), a flagged punch accepted by the superior in the review queue, and
 * the office geofences on the admin map without map tiles.
 *
 * One server for the file. Every story uses its own employee of UPTD Samsat Ciruas (a fresh browser context
 * is a fresh phone, which registers its own device key), so no story's punch is "too soon" after another's.
 */

const demo = generateDemoData();
const logins = pickDemoLogins(demo);
const UNIT_CODE = 'BAPENDA-SAMSAT-CIRUAS';
const kasi = demo.employees.find((e) => e.positionCode === `${UNIT_CODE}:KASI`)!;
const hasStaff = new Set(demo.employees.map((e) => e.superiorNip).filter(Boolean));
/** Staff of the Kepala Seksi with a NIP and no subordinates of their own. */
const staff: DemoEmployee[] = demo.employees.filter(
  (e) => e.unitCode === UNIT_CODE && e.nip && e.superiorNip === kasi.nip && !hasStaff.has(e.nip),
);
/** Other employees of the unit (staff of the Kepala Subbagian), for stories that need no superior. */
const others: DemoEmployee[] = demo.employees.filter(
  (e) =>
    e.unitCode === UNIT_CODE &&
    e.nip &&
    !hasStaff.has(e.nip) &&
    e.superiorNip !== kasi.nip &&
    e.positionCode !== kasi.positionCode,
);
const adminOpd = logins.adminOpd.find((l) => l.note.includes('lingkup BAPENDA)'))!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;
let admin: APIRequestContext;
let unitId: string;
let office: { name: string; lat: number; lon: number; radiusM: number };

interface PunchPage {
  items: {
    id: string;
    source: string;
    verdict: string;
    effectiveVerdict: string;
    hasPhoto: boolean;
    kind: string;
  }[];
  total: number;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser({ fakeMedia: true })]);
  admin = await apiAs(server.baseUrl, 'admin');
  type Node = { id: string; code: string; children: Node[] };
  const find = (nodes: Node[]): Node | undefined =>
    nodes.find((n) => n.code === UNIT_CODE) ?? find(nodes.flatMap((n) => n.children));
  unitId = find((await (await admin.get('/api/units/tree')).json()) as Node[])!.id;
  const unit = (await (await admin.get(`/api/units/${unitId}`)).json()) as { offices: (typeof office)[] };
  office = unit.offices[0]!;
});

afterAll(async () => {
  await admin?.dispose();
  await browser?.close();
  await server?.stop();
});

/** A phone at a point (default: the office centre) with camera and location allowed. */
function phone(at: { lat: number; lon: number; accuracy?: number } = office): Promise<BrowserContext> {
  return newContext(browser, server.baseUrl, {
    ...PHONE,
    permissions: ['geolocation', 'camera'],
    geolocation: { latitude: at.lat, longitude: at.lon, accuracy: at.accuracy ?? 12 },
  });
}

async function signIn(page: Page, login: string): Promise<void> {
  const form = await new LoginPage(page).goto();
  await form.login(login, 'abdi-demo');
  await page.waitForURL((url) => url.pathname === '/');
  await new DashboardPage(page).heading.waitFor();
}

async function employeeId(nip: string): Promise<string> {
  const res = await admin.get('/api/employees', { params: { q: nip } });
  return ((await res.json()) as { items: { id: string; nip: string | null }[] }).items.find(
    (e) => e.nip === nip,
  )!.id;
}

/** The employee's punches as the server stores them (through the admin API, not the page under test). */
async function punchesById(nip: string): Promise<PunchPage> {
  const id = await employeeId(nip);
  const res = await admin.get('/api/attendance/punches', { params: { employeeId: id, pageSize: 50 } });
  expect(res.status()).toBe(200);
  return (await res.json()) as PunchPage;
}

describe('check in', () => {
  it('registers the phone, checks in with a photo inside the office fence, and shows the verdict and today’s status', async () => {
    const employee = staff[0]!;
    const context = await phone();
    try {
      const page = await context.newPage();
      await signIn(page, employee.nip!);
      await new AppShell(page).navigateTo('Presensi');
      const presensi = new PresensiPage(page);
      await presensi.root.waitFor();
      expect(await presensi.deviceCard.getAttribute('data-state')).toBe('none');
      await presensi.registerDeviceIfAsked();
      await presensi.waitUntilReady();
      expect(await page.getByTestId('location-text').innerText()).toBe(`Di dalam area ${office.name}`);
      expect(await presensi.punchButton.getAttribute('data-kind')).toBe('IN');
      expect((await presensi.punchButton.innerText()).trim()).toBe('Presensi masuk');

      expect(await presensi.punch()).toBe('ACCEPTED');
      expect(await presensi.result.innerText()).toMatch(/^Presensi masuk diterima pukul \d{2}:\d{2} WIB/);
      await presensi.todayPunches.first().waitFor();
      expect(await presensi.todayPunches.count()).toBe(1);
      expect(await presensi.todayPunches.first().getAttribute('data-verdict')).toBe('ACCEPTED');
      await page.locator('[data-testid="punch-button"][data-kind="OUT"]').waitFor();

      // Today's status on the page is the server's (rules core) status after the punch.
      const own = await apiAs(server.baseUrl, employee.nip!);
      try {
        const today = (await (await own.get('/api/attendance/today')).json()) as {
          status: { code: string; label: string } | null;
        };
        expect(today.status).not.toBeNull();
        await page.locator(`[data-testid="today-status"][data-code="${today.status!.code}"]`).waitFor();
        expect(await page.getByTestId('today-status-label').innerText()).toBe(today.status!.label);
      } finally {
        await own.dispose();
      }

      const stored = await punchesById(employee.nip!);
      expect(stored.total).toBe(1);
      expect(stored.items[0]).toMatchObject({
        kind: 'IN',
        source: 'ONLINE',
        verdict: 'ACCEPTED',
        hasPhoto: true,
      });
      // The phone layout does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await context.close();
    }
  });
});

describe('offline', () => {
  it('queues a punch taken offline on the phone and sends it exactly once when back online', async () => {
    const employee = staff[1]!;
    const context = await phone();
    try {
      const page = await context.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto();
      await presensi.registerDeviceIfAsked();
      await presensi.waitUntilReady();

      await context.setOffline(true);
      await page.locator('[data-testid="connection-badge"][data-online="false"]').waitFor();
      await page.getByTestId('offline-notice').waitFor();
      expect(await presensi.punch()).toBe('QUEUED');
      expect(await presensi.queueStates()).toEqual(['waiting']);
      expect((await punchesById(employee.nip!)).total).toBe(0);

      await context.setOffline(false);
      await page.locator('[data-testid="queue-item"][data-state="sent"]').waitFor({ timeout: 20_000 });
      expect(await presensi.queueStates()).toEqual(['sent']);
      const stored = await punchesById(employee.nip!);
      expect(stored.total).toBe(1);
      expect(stored.items[0]).toMatchObject({ kind: 'IN', source: 'OFFLINE', hasPhoto: true });
      expect(stored.items[0]!.verdict).not.toBe('REJECTED');

      // Nothing is left to send, and a reload (which syncs again) stores nothing twice.
      await page.reload();
      await presensi.root.waitFor();
      await presensi.todayPunches.first().waitFor();
      expect(await page.locator('[data-testid="queue-item"][data-state="waiting"]').count()).toBe(0);
      expect((await punchesById(employee.nip!)).total).toBe(1);

      // Online, but the server cannot reach its database (a standby being promoted): the 503 keeps the punch in
      // the queue, under the same key, and it is sent once the server answers again.
      let refused = 0;
      await page.route('**/api/attendance/punches', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        refused++;
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'DATABASE_UNAVAILABLE', message: 'Basis data tidak dapat dihubungi' },
            requestId: 'e2e',
          }),
        });
      });
      await presensi.waitUntilReady();
      expect(await presensi.punch()).toBe('QUEUED');
      expect(refused).toBeGreaterThan(0);
      expect((await punchesById(employee.nip!)).total).toBe(1);
      await page.unroute('**/api/attendance/punches');
      await page.reload();
      await presensi.root.waitFor();
      await page
        .locator('[data-testid="queue-item"][data-state="sent"]')
        .first()
        .waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await punchesById(employee.nip!)).total).toBe(2);
    } finally {
      await context.close();
    }
  });
});

describe('installed app offline', () => {
  it('opens /presensi from the service worker with no network, queues a punch and syncs it later', async () => {
    const employee = staff[4]!;
    const context = await newContext(browser, server.baseUrl, {
      ...PHONE,
      permissions: ['geolocation', 'camera'],
      geolocation: { latitude: office.lat, longitude: office.lon, accuracy: 12 },
      serviceWorkers: 'allow',
    });
    try {
      const page = await context.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto();
      await presensi.registerDeviceIfAsked();
      await presensi.waitUntilReady();
      // The service worker has precached the whole app shell and controls the page.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      // A worker that activated after the page loaded claims it (clientsClaim); when that claim has not reached
      // the page yet on a busy machine, the next load is controlled for certain.
      if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
        await page.reload();
        await presensi.root.waitFor();
      }
      await page.waitForFunction(() => !!navigator.serviceWorker.controller);

      await context.setOffline(true);
      await page.reload();
      await presensi.root.waitFor();
      await page.getByText(/^Data tersimpan dari /).waitFor();
      await presensi.waitUntilReady();
      expect(await presensi.punch()).toBe('QUEUED');
      expect((await punchesById(employee.nip!)).total).toBe(0);

      await context.setOffline(false);
      await page.locator('[data-testid="queue-item"][data-state="sent"]').waitFor({ timeout: 30_000 });
      const stored = await punchesById(employee.nip!);
      expect(stored.total).toBe(1);
      expect(stored.items[0]).toMatchObject({ source: 'OFFLINE', hasPhoto: true });
    } finally {
      await context.close();
    }
  });
});

describe('kiosk QR', () => {
  it('opens a kiosk as admin OPD, accepts its code scanned by an employee, and rejects the same code again', async () => {
    const employee = staff[2]!;
    const kioskContext = await newContext(browser, server.baseUrl);
    const context = await phone();
    try {
      const kioskPage = await kioskContext.newPage();
      await signIn(kioskPage, adminOpd.login);
      const kiosk = new KioskPages(kioskPage);
      await kiosk.open(unitId);
      expect(await kiosk.unitName.innerText()).toBe('UPTD Samsat Ciruas');
      expect(Number(await kiosk.countdown.innerText())).toBeGreaterThan(0);

      const page = await context.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto({ debugQr: true });
      await presensi.registerDeviceIfAsked();
      await presensi.useQrMode();

      const code = await kiosk.currentCode();
      expect(code).toMatch(/^ABDI1\./);
      expect(await presensi.scanCode(code)).toBe('ACCEPTED');
      const stored = await punchesById(employee.nip!);
      expect(stored.total).toBe(1);
      expect(stored.items[0]).toMatchObject({ source: 'QR', verdict: 'ACCEPTED' });

      // The same code again (a photo of the screen passed around, or a second tap) is refused, with the reason.
      expect(await presensi.scanCode(code)).toBe('REJECTED');
      expect(await presensi.resultReasons()).toContain('Kode QR ini sudah dipakai');
      expect((await punchesById(employee.nip!)).total).toBe(2);
    } finally {
      await context.close();
      await kioskContext.close();
    }
  });
});

describe('kiosk QR through the camera', () => {
  it('reads the kiosk code from the live camera with jsQR and punches once', async () => {
    const employee = others[0]!;
    const kioskContext = await newContext(browser, server.baseUrl);
    const video = path.join(os.tmpdir(), `abdi-kiosk-qr-${process.pid}-${Date.now()}.y4m`);
    let cameraBrowser: Browser | undefined;
    try {
      const kioskPage = await kioskContext.newPage();
      await signIn(kioskPage, adminOpd.login);
      const kiosk = new KioskPages(kioskPage);
      await kiosk.open(unitId);
      // The phone's camera "sees" the code the kiosk shows now.
      await writeQrVideo(video, await kiosk.currentCode());
      cameraBrowser = await launchBrowser({ fakeMedia: true, fakeVideoFile: video });
      const context = await newContext(cameraBrowser, server.baseUrl, {
        ...PHONE,
        permissions: ['geolocation', 'camera'],
        geolocation: { latitude: office.lat, longitude: office.lon, accuracy: 12 },
      });
      const page = await context.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto();
      await presensi.registerDeviceIfAsked();
      await presensi.useQrMode();
      const result = page.locator('[data-testid="punch-result"]:not([data-verdict="ERROR"])');
      await result.waitFor({ timeout: 20_000 });
      expect(await result.getAttribute('data-verdict')).toBe('ACCEPTED');
      // The scanner rests after a read: the code still in view is not sent a second time.
      await page.locator('[data-testid="qr-hint"][data-scanning="false"]').waitFor();
      await page.waitForTimeout(1_500);
      const stored = await punchesById(employee.nip!);
      expect(stored.total).toBe(1);
      expect(stored.items[0]).toMatchObject({ source: 'QR', verdict: 'ACCEPTED' });
    } finally {
      await cameraBrowser?.close();
      await kioskContext.close();
      await rm(video, { force: true });
    }
  });
});

describe('review', () => {
  it('flags a punch at the edge of the fence and lets the superior accept it with a note', async () => {
    const employee = staff[3]!;
    // 100 m north of the office centre: 20 m outside an 80 m fence, within the 50 m accuracy → uncertain.
    const edge = { lat: office.lat + 100 / 111_320, lon: office.lon, accuracy: 50 };
    const context = await phone(edge);
    const bossContext = await newContext(browser, server.baseUrl);
    try {
      const page = await context.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto();
      await presensi.registerDeviceIfAsked();
      await presensi.waitUntilReady();
      expect(await page.getByTestId('location-text').innerText()).toMatch(
        new RegExp(`^\\d+ m dari ${office.name}$`),
      );
      expect(await presensi.punch()).toBe('FLAGGED');
      expect(await presensi.resultReasons()).toContain(
        'Lokasi di tepi area kerja dan belum pasti karena akurasi GPS',
      );
      const punchId = (await presensi.result.getAttribute('data-punch-id'))!;

      const boss = await bossContext.newPage();
      await signIn(boss, kasi.nip!);
      const shell = new AppShell(boss);
      await shell.nav.getByRole('link', { name: /^Tinjau presensi/ }).waitFor();
      await boss.getByTestId('review-count').waitFor();
      const countBefore = Number(await boss.getByTestId('review-count').innerText());
      expect(countBefore).toBeGreaterThanOrEqual(1);

      const queue = await new ReviewQueuePage(boss).goto();
      const item = queue.item(punchId);
      await item.waitFor();
      expect(await item.getByTestId('review-employee').innerText()).toContain(employee.name);
      expect(await item.getByTestId('punch-reasons').innerText()).toContain('Lokasi di tepi area kerja');
      await item.getByTestId('show-photo').click();
      await item.getByTestId('punch-photo').waitFor();
      await expect
        .poll(() => item.getByTestId('punch-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);

      // A decision needs a note.
      await item.getByTestId('review-accept').click();
      await boss.getByRole('dialog').getByTestId('review-submit').click();
      await boss.getByText('Catatan keputusan wajib diisi (minimal 3 karakter)').waitFor();
      await boss.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

      await queue.decide(punchId, 'accept', 'Dikonfirmasi hadir di kantor; GPS di teras kurang akurat');
      const bossApi = await apiAs(server.baseUrl, kasi.nip!);
      try {
        const after = (await (await bossApi.get('/api/attendance/reviews/count')).json()) as {
          count: number;
        };
        expect(after.count).toBe(countBefore - 1);
      } finally {
        await bossApi.dispose();
      }

      // The employee sees the decision with the punch.
      await page.reload();
      const card = page.locator(`[data-testid="today-punches"] [data-punch-id="${punchId}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-verdict')).toBe('ACCEPTED');
      expect(await card.getByTestId('punch-review').innerText()).toContain(
        'Dikonfirmasi hadir di kantor; GPS di teras kurang akurat',
      );
    } finally {
      await bossContext.close();
      await context.close();
    }
  });
});

describe('change of phone', () => {
  it('asks for a reason on a second phone, blocks punching while pending, and lets admin OPD approve it', async () => {
    const employee = staff[5]!;
    const first = await phone();
    const second = await phone();
    const adminContext = await newContext(browser, server.baseUrl);
    try {
      const old = await first.newPage();
      await signIn(old, employee.nip!);
      const oldPresensi = await new PresensiPage(old).goto();
      await oldPresensi.registerDeviceIfAsked();
      await oldPresensi.punchButton.waitFor();

      const page = await second.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto();
      await page.locator('[data-testid="device-card"][data-state="other"]').waitFor();
      await presensi.registerButton.click();
      await page.getByText('Alasan wajib diisi (minimal 3 karakter)').waitFor();
      await page.getByLabel(/^Alasan pergantian/).fill('Ponsel lama rusak terkena air');
      await presensi.registerButton.click();
      await page.locator('[data-testid="device-card"][data-state="pending"]').waitFor();
      expect(await presensi.punchButton.count()).toBe(0);
      // Not a dead end: the rulebook refuses punches from a pending phone, and a prefilled correction is offered.
      await page.locator('[data-testid="punch-guidance"][data-reasons="DEVICE_PENDING"]').waitFor();
      expect(await presensi.guidance.getAttribute('data-verdict')).toBe('REJECTED');
      const correction = new URL(
        (await presensi.nextStep('CORRECTION').getAttribute('href'))!,
        server.baseUrl,
      ).searchParams;
      expect(correction.get('kategori')).toBe('GANGGUAN_PERANGKAT');
      expect(correction.get('tanggal')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(correction.get('alasan')).toContain('belum disetujui admin OPD');

      const adminPage = await adminContext.newPage();
      await signIn(adminPage, adminOpd.login);
      await adminPage.goto('/presensi/perangkat');
      // The request waits for admin OPD: the navigation shows it with a count.
      const waiting = adminPage.getByTestId('device-count');
      await waiting.waitFor();
      expect(Number(await waiting.innerText())).toBeGreaterThanOrEqual(1);
      const row = adminPage
        .getByTestId('devices-table')
        .locator('tbody tr')
        .filter({ hasText: employee.name });
      await row.waitFor();
      expect(await row.innerText()).toContain('Ponsel lama rusak terkena air');
      await row.getByTestId('device-approve').click();
      await adminPage.getByRole('dialog').getByTestId('device-decision-submit').click();
      await row.waitFor({ state: 'detached' });

      await page.reload();
      await presensi.waitUntilReady();
      expect(await presensi.punch()).toBe('ACCEPTED');
      // The old phone's binding was revoked by the approval.
      await old.reload();
      await old.locator('[data-testid="device-card"][data-state="rejected"]').waitFor();
    } finally {
      await adminContext.close();
      await second.close();
      await first.close();
    }
  });
});

describe('places', () => {
  it('shows the office geofences on the admin map without map tiles, and saves a polygon drawn on it', async () => {
    const context = await newContext(browser, server.baseUrl);
    try {
      const page = await context.newPage();
      await signIn(page, adminOpd.login);
      await page.goto(`/presensi/lokasi?unitId=${unitId}`);
      await page.getByTestId('office-item').filter({ hasText: office.name }).waitFor();
      const fences = page.locator('[data-testid="fence-map"] path.abdi-fence');
      await fences.first().waitFor();
      expect(await fences.count()).toBe(1);

      // Draw a four-cornered fence by clicking the (tile-less) map, name it and save.
      await page.getByTestId('add-office').click();
      await page.getByTestId('draw-polygon').click();
      const map = page.locator('[data-testid="fence-map"] .leaflet-container');
      const box = (await map.boundingBox())!;
      for (const [dx, dy] of [
        [0.2, 0.2],
        [0.45, 0.2],
        [0.45, 0.45],
        [0.2, 0.45],
      ] as const)
        await page.mouse.click(box.x + box.width * dx, box.y + box.height * dy);
      expect(await page.getByTestId('polygon-count').innerText()).toBe('4 titik poligon');
      await page.getByTestId('draw-polygon').click();
      await page.getByLabel(/^Nama kantor/).fill('Loket Samsat Keliling Uji');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByTestId('office-item').filter({ hasText: 'Loket Samsat Keliling Uji' }).waitFor();
      await expect.poll(() => fences.count()).toBe(2);

      const unit = (await (await admin.get(`/api/units/${unitId}`)).json()) as {
        offices: { name: string; polygon: { lat: number; lon: number }[] | null }[];
      };
      const drawn = unit.offices.find((o) => o.name === 'Loket Samsat Keliling Uji')!;
      expect(drawn.polygon).toHaveLength(4);
    } finally {
      await context.close();
    }
  });
});

describe('punch guidance', () => {
  /** Metres as the page writes them (lib/geolocation formatDistance). */
  const distanceText = (m: number) =>
    m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1).replace('.', ',')} km`;

  /**
   * Makes the employee's next browser a first phone (test setup through the admin API): a demo with history binds
   * a phone to most employees, so any phone of theirs is revoked (a pending change rejected) first.
   */
  async function withoutPhone(employee: DemoEmployee): Promise<DemoEmployee> {
    for (const status of ['ACTIVE', 'PENDING'] as const) {
      const res = await admin.get('/api/attendance/devices', { params: { unitId, status, pageSize: 200 } });
      for (const d of ((await res.json()) as { items: { id: string; nip: string | null }[] }).items) {
        if (d.nip !== employee.nip) continue;
        const decision = status === 'ACTIVE' ? 'REVOKE' : 'REJECT';
        const done = await admin.post(`/api/attendance/devices/${d.id}/decision`, {
          data: { decision, note: 'Uji: ponsel baru' },
        });
        expect(done.status()).toBeLessThan(300);
      }
    }
    return employee;
  }

  it('says before the punch that it will be rejected outside every place, with the distance, and offers a prefilled dinas luar or correction', async () => {
    const employee = await withoutPhone(others[1]!);
    // 1.3 km north of the office centre, with a good fix.
    const context = await phone({ lat: office.lat + 1300 / 111_195, lon: office.lon, accuracy: 15 });
    try {
      const page = await context.newPage();
      await signIn(page, employee.nip!);
      const presensi = await new PresensiPage(page).goto();
      await presensi.registerDeviceIfAsked();
      await presensi.waitUntilReady();
      await page.locator('[data-testid="punch-guidance"][data-verdict="REJECTED"]').waitFor();
      expect(await presensi.guidance.getAttribute('data-reasons')).toBe('OUTSIDE_GEOFENCE');
      const said = await presensi.guidance.locator('[data-reason="OUTSIDE_GEOFENCE"]').innerText();
      const predicted = said.match(/^Anda berada ([\d,]+ k?m) dari (.+), di luar semua lokasi kerja/);
      expect(predicted).not.toBeNull();
      expect(await presensi.punchButton.getAttribute('data-verdict')).toBe('REJECTED');
      expect(await page.getByTestId('punch-button-verdict').innerText()).toBe('akan ditolak');

      // The server judges the punch as predicted, and at the same distance.
      expect(await presensi.punch()).toBe('REJECTED');
      const res = await admin.get('/api/attendance/punches', {
        params: { employeeId: await employeeId(employee.nip!), pageSize: 5 },
      });
      const stored = (
        (await res.json()) as { items: { place: { label: string; distanceM: number } | null }[] }
      ).items[0]!;
      expect(predicted![2]).toBe(stored.place!.label);
      expect(predicted![1]).toBe(distanceText(stored.place!.distanceM));

      // After the refusal the result offers the same next steps, with the fields filled in.
      const correctionHref = await presensi.nextStep('CORRECTION', presensi.result).getAttribute('href');
      await presensi.nextStep('DINAS_LUAR', presensi.result).click();
      await page.waitForURL((url) => url.pathname === '/izin');
      const permit = page.getByTestId('permit-form');
      await permit.waitFor();
      expect(await permit.getByTestId('permit-kind').inputValue()).toBe('Dinas luar');
      expect(Number(await permit.getByTestId('permit-lat').inputValue())).toBeCloseTo(
        office.lat + 1300 / 111_195,
        4,
      );
      expect(await permit.getByLabel('Dari tanggal').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

      await page.goto(correctionHref!);
      const correction = page.getByTestId('correction-form');
      await correction.waitFor();
      expect(await correction.getByTestId('correction-check-in').inputValue()).toMatch(/^\d{2}:\d{2}$/);
      expect(await correction.getByTestId('correction-category').inputValue()).toBe('Lainnya');
      expect(await correction.getByTestId('correction-reason').inputValue()).toContain(
        `dari ${stored.place!.label}, di luar semua lokasi kerja`,
      );
    } finally {
      await context.close();
    }
  });

  it('explains over plain HTTP (not localhost) that presensi needs HTTPS', async () => {
    // The same server under a name that is not localhost: an insecure context, as on a LAN address over HTTP.
    const port = new URL(server.baseUrl).port;
    const insecure = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP abdi.test 127.0.0.1'],
    });
    try {
      const context = await newContext(insecure, `http://abdi.test:${port}`, PHONE);
      const page = await context.newPage();
      await signIn(page, others[2]!.nip!);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      const presensi = await new PresensiPage(page).goto();
      await presensi.httpsNotice.waitFor();
      expect(await presensi.httpsNotice.innerText()).toContain('https://');
      expect(await presensi.httpsNotice.innerText()).toContain('kamera, lokasi, dan kunci perangkat');
      expect(await presensi.punchButton.count()).toBe(0);
    } finally {
      await insecure.close();
    }
  });
});
