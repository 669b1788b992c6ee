import type { APIRequestContext, APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import { disciplineDemoStaff } from '../src/server/db/seeds/demo-history.ts';
import { loadRulebookFiles } from '../src/server/modules/rulebooks/rulebook-files.ts';
import { buildCalendar } from '../src/core/calendar/calendar.ts';
import { summonsDeadline } from '../src/core/discipline/deadlines.ts';
import { addDays } from '../src/core/common/local-date.ts';
import { toZoned } from '../src/core/common/zoned-time.ts';
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
  DisciplineCasePage,
  DisciplineDashboardPage,
  DisciplineIndicationPage,
  DisciplineInboxPage,
} from './page-models/discipline-pages.ts';

/**
 * Discipline cases in a real Chromium against the real server on the lived-in demo (issue 16 point 10): the
 * README's atasan finds the indication of his staff member (the demo history gives her a TK streak), opens a case
 * from it, records the telaah, issues summons I — a date before the rulebook's limit is refused with the limit
 * named, the limit itself is accepted — and generates the summons PDF, whose text is read; the staff member then
 * sees her case on a 390 px phone with its next step, without the examiners' documents; the examinee of the demo's
 * decided case sees the BAP but not the team's notes nor the report (LHP); BKD sees the dashboard with its charts
 * and downloads the registry as XLSX. The limit is computed here from the rulebook files with the core (Peraturan
 * BKN 6/2022 reading: the examination at the earliest 7 working days after the letter).
 */
const demo = generateDemoData();
const logins = pickDemoLogins(demo);
const atasan = logins.atasan[0]!;
const staff = disciplineDemoStaff(demo)!;
const bkd = logins.bkd[0]!;
const UNIT_CODE = staff.unitCode;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const TELAAH_NOTE =
  'Rekap kehadiran menunjukkan hari TK berturut-turut tanpa izin; diperiksa oleh atasan langsung.';
const EXAM_PLACE = 'Ruang rapat UPTD Samsat Ciruas';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const apis: APIRequestContext[] = [];
let caseId = '';
let examDate = '';

const ddmmyyyy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

async function ok<T>(res: Promise<APIResponse>): Promise<T> {
  const r = await res;
  if (!r.ok()) throw new Error(`${r.url()} → ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

async function api(login: string): Promise<APIRequestContext> {
  const a = await apiAs(server.baseUrl, login);
  apis.push(a);
  return a;
}

async function signedIn(login: string, phone = false): Promise<Page> {
  const context = await newContext(browser, server.baseUrl, phone ? PHONE : {});
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).goto().then((l) => l.login(login, DEMO_PASSWORD));
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

/** The first examination date summons I allows for a letter dated `letter` (the core on the rulebook files). */
async function summonsLimit(letter: string): Promise<string> {
  const national = (await loadRulebookFiles('rulebooks')).find((b) => b.meta.id === 'national')!;
  const calendar = buildCalendar(national.calendar, { unitCode: UNIT_CODE, zone: 'Asia/Jakarta' });
  return summonsDeadline(letter, national.discipline, (d) => calendar.isWorkingDay(d)).date;
}

beforeAll(async () => {
  // The lived-in demo: three months of history (their closings stored the indications) and the discipline demo.
  [server, browser] = await Promise.all([startServer({ DEMO_HISTORY: 'true' }), launchBrowser()]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const a of apis) await a.dispose().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('discipline cases in the browser', () => {
  it('the atasan opens a case from his staff member’s indication, issues summons I and reads its PDF', async () => {
    const boss = await api(atasan.login);
    const list = await ok<{ items: { id: string; nip: string | null; status: string }[] }>(
      boss.get('/api/discipline/indications', { params: { status: 'BARU' } }),
    );
    const indication = list.items.find((i) => i.nip === staff.nip);
    expect(indication, 'the demo history gives the atasan an indication of his staff member').toBeDefined();

    // From the inbox (what waits on him) to the indication, then "Buka kasus".
    const page = await signedIn(atasan.login);
    const inbox = await new DisciplineInboxPage(page).goto();
    await inbox.item(indication!.id).click();
    const detail = new DisciplineIndicationPage(page);
    await detail.root.waitFor();
    expect(await detail.status()).toBe('BARU');
    await expect.poll(() => detail.headline.innerText()).toMatch(/hari TK/);
    caseId = await detail.openCase();

    const kasus = new DisciplineCasePage(page);
    await kasus.waitForState('TELAAH');
    await kasus.telaah({ examiner: 'Atasan langsung', note: TELAAH_NOTE });
    await kasus.waitForState('PEMANGGILAN');

    // Summons I, dated today: an examination date before the limit is refused with the limit named (and the form
    // keeps what was typed); the limit itself is accepted.
    const today = toZoned(Date.now(), 'Asia/Jakarta').date;
    examDate = await summonsLimit(today);
    await kasus.summons({ examDate: ddmmyyyy(addDays(today, 1)), place: EXAM_PLACE, time: '09:00' });
    expect(await kasus.refusedLimit()).toBe(examDate);
    expect(await kasus.state()).toBe('PEMANGGILAN');
    await kasus.retrySummonsDate(ddmmyyyy(examDate));
    await kasus.waitForState('PANGGILAN_I');
    await expect.poll(() => kasus.nextStep.innerText()).toContain(ddmmyyyy(examDate));
    expect(await kasus.timelineActions()).toEqual(expect.arrayContaining(['open', 'telaah', 'summon']));

    // "Buat PDF" opens the summons in a new tab (its number is issued at the first print) …
    const tab = await kasus.openDocument('PANGGILAN_I');
    await tab.close();
    await expect
      .poll(() => kasus.letterNumber('PANGGILAN_I'), { timeout: 20_000 })
      .toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const letterNumber = (await kasus.letterNumber('PANGGILAN_I')).split(' · ')[0]!;
    // … and the same PDF, fetched with the atasan's session, is read back.
    const pdf = await kasus.fetchDocument('PANGGILAN_I');
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toContain('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), {
      mergePages: true,
    });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('SURAT PANGGILAN I');
    expect(flat).toContain('RAHASIA');
    expect(flat).toContain(staff.name);
    expect(flat).toContain(staff.nip!);
    expect(flat).toContain(letterNumber);
    expect(flat).toContain(await kasus.number.innerText());
    expect(flat).toContain(ddmmyyyy(examDate));
    expect(flat).toContain(EXAM_PLACE);

    // The server is still answering (a PDF once hung it on PGlite), and the view was logged.
    expect((await fetch(`${server.baseUrl}/api/health`)).ok).toBe(true);
    const bkdApi = await api(bkd.login);
    const views = await ok<{ items: { kind: string }[] }>(
      bkdApi.get(`/api/discipline/cases/${caseId}/document-views`),
    );
    expect(views.items.filter((v) => v.kind === 'PANGGILAN_I').length).toBeGreaterThanOrEqual(2);
  });

  it('the staff member sees her case and its next step on a phone, not the examiners’ documents', async () => {
    expect(caseId).not.toBe('');
    const page = await signedIn(staff.nip!, true);
    await page.goto('/disiplin');
    const mine = page.locator(`[data-testid="mine-item"][data-id="${caseId}"]`);
    await mine.waitFor();
    await expect.poll(() => mine.innerText()).toMatch(/Panggilan I/);
    await mine.click();
    const kasus = new DisciplineCasePage(page);
    await kasus.waitForState('PANGGILAN_I');
    await expect.poll(() => kasus.nextStep.innerText()).toContain(ddmmyyyy(examDate));
    // Her summons can be opened; the examiners' documents are not listed, and no step is hers to take.
    await kasus.document('PANGGILAN_I').waitFor();
    for (const kind of ['SK_TIM', 'LHP']) expect(await kasus.document(kind).count()).toBe(0);
    expect(await kasus.actions.count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const own = await api(staff.nip!);
    expect((await own.get(`/api/discipline/cases/${caseId}/documents/LHP`)).status()).toBe(404);
    expect((await own.get(`/api/discipline/cases/${caseId}/documents/PANGGILAN_I`)).status()).toBe(200);
  });

  it('the examinee of a decided case sees the BAP but not the team’s notes nor the report (LHP)', async () => {
    const bkdApi = await api(bkd.login);
    const cases = await ok<{ items: { id: string; employee: { nip: string | null }; state: string }[] }>(
      bkdApi.get('/api/discipline/cases', { params: { pageSize: 100 } }),
    );
    const decided = cases.items.find((c) => ['BERLAKU', 'SELESAI', 'MENUNGGU_BERLAKU'].includes(c.state));
    expect(decided, 'the discipline demo holds a decided case').toBeDefined();
    const full = await ok<{ examination: { teamNotes: string | null } | null }>(
      bkdApi.get(`/api/discipline/cases/${decided!.id}`),
    );
    const notes = full.examination?.teamNotes;
    expect(notes, 'BKD reads the team’s notes').toBeTruthy();

    const page = await signedIn(decided!.employee.nip!, true);
    const kasus = await new DisciplineCasePage(page).goto(decided!.id);
    await page.getByTestId('case-examination').waitFor();
    expect(await page.getByTestId('team-notes').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(notes!.slice(0, 40));
    await kasus.document('SK_HUKDIS').waitFor();
    expect(await kasus.document('LHP').count()).toBe(0);
    const own = await api(decided!.employee.nip!);
    const view = await ok<{ examination: { teamNotes: string | null } | null }>(
      own.get(`/api/discipline/cases/${decided!.id}`),
    );
    expect(view.examination?.teamNotes ?? null).toBeNull();
    expect((await own.get(`/api/discipline/cases/${decided!.id}/documents/LHP`)).status()).toBe(404);
  });

  it('BKD sees the dashboard with its charts and downloads the registry as XLSX', async () => {
    const bkdApi = await api(bkd.login);
    const year = Number(toZoned(Date.now(), 'Asia/Jakarta').date.slice(0, 4));
    const registry = await ok<{ total: { casesOpen: number } }>(
      bkdApi.get('/api/discipline/registry', { params: { year } }),
    );
    const page = await signedIn(bkd.login);
    const dash = await new DisciplineDashboardPage(page).goto();
    await dash.chart('share');
    await dash.chart('stages');
    await expect.poll(() => dash.figure('open')).toBe(String(registry.total.casesOpen));

    const file = await dash.exportRegistry('XLSX');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
    const all = cells.join(' | ');
    expect(all).toContain('Badan Pendapatan Daerah');
    expect(sheet.rowCount).toBeGreaterThan(3);
  });
});
