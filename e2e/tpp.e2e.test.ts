/* eslint-disable @typescript-eslint/no-explicit-any */
import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, pickDemoLogins } from '../src/server/db/seeds/demo-data.ts';
import { addDays } from '../src/core/common/local-date.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { LoginPage } from './page-models/login-page.ts';
import { MyTppPage, ObjectionInboxPage, TppRunPage, TppRunsPage } from './page-models/tpp-pages.ts';

/**
 * The TPP month in a real Chromium against the real server with the lived-in demo (issue 17 point 9): admin OPD of
 * Bapenda computes a closed month for the OPD in the browser, checks and publishes it; the employee of UPTD Samsat
 * Ciruas (on a 390 px phone) opens My TPP and objects to her exclusion, which admin OPD had entered by mistake
 * (setup, through the API); admin OPD ends the exclusion (the input the objection rests on) and her direct superior
 * upholds the objection in /tpp/keberatan: the re-run changes her line alone (every other line byte-identical, her
 * line's version + 1, the run's totals follow). The test clock (TEST_CLOCK) moves past the objection window; the head
 * of Bapenda approves, BKD approves and locks, all in the browser; the treasurer designated in the setup downloads
 * the nominative XLSX, which is opened and checked against the run's figures.
 */
const demo = generateDemoData();
const logins = pickDemoLogins(demo);
const OPD = 'BAPENDA';
const employee = logins.pegawai[0]!;
const superior = logins.atasan[0]!;
const admin = logins.adminOpd[0]!;
const bkd = logins.bkd[0]!;
const head = demo.employees.find((e) => e.positionCode === `${OPD}:KEPALA`)!;
const hasStaff = new Set(demo.employees.map((e) => e.superiorNip).filter(Boolean));
const adminNips = new Set(logins.adminOpd.map((l) => l.nip));
const treasurer = demo.employees.find(
  (e) =>
    (e.unitCode === OPD || e.unitCode.startsWith(`${OPD}-`)) &&
    e.unitCode !== employee.unitCode &&
    e.nip &&
    e.employeeType === 'PNS' &&
    !hasStaff.has(e.nip) &&
    e.nip !== employee.nip &&
    !adminNips.has(e.nip),
)!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let server: RunningServer;
let browser: Browser;
let adminApi: APIRequestContext;
let opdUnitId: string;
let employeeId: string;
let month: string;
let runId: string;
let exclusionId: string;
let linesBefore: any[];

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

const allLines = async (api: APIRequestContext) =>
  (await ok<{ items: any[] }>(api.get(`/api/tpp/runs/${runId}/lines?pageSize=200`))).items;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ DEMO_HISTORY: 'true', TEST_CLOCK: 'true' }),
    launchBrowser(),
  ]);
  adminApi = await apiAs(server.baseUrl, admin.login);
  opdUnitId = findUnit(await ok<unknown>(adminApi.get('/api/units/tree')), OPD)!;
  const me = await apiAs(server.baseUrl, employee.login);
  employeeId = (await ok<{ user: { employeeId: string } }>(me.get('/api/auth/me'))).user.employeeId;
  await me.dispose();
  // The latest month closed for the OPD (the demo's admins close each month on its closing day).
  const now = new Date();
  const months = [1, 2, 3].map((k) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
    return d.toISOString().slice(0, 7);
  });
  for (const m of months) {
    const c = await ok<{ closing: unknown }>(
      adminApi.get(`/api/recap/closing?unitId=${opdUnitId}&month=${m}`),
    );
    if (c.closing) {
      month = m;
      break;
    }
  }
  expect(month, 'a closed month of the OPD').toBeTruthy();
  // The mistake the objection will rest on: a cuti besar entered for her from the month before.
  const prev = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1));
  exclusionId = (
    await ok<{ id: string }>(
      adminApi.post('/api/tpp/exclusions', {
        data: {
          employeeId,
          code: 'CUTI_BESAR',
          validFrom: prev.toISOString().slice(0, 10),
          reason: 'Cuti besar (tercatat keliru)',
          reference: 'SK 800/99/2026',
        },
      }),
    )
  ).id;
  // The treasurer (bendahara pengeluaran) of the OPD, designated by its admin.
  await ok(
    adminApi.put(`/api/tpp/treasurers/${opdUnitId}`, {
      data: { employeeId: await employeeIdOf(treasurer.nip!), decree: 'SK 900/5/2026' },
    }),
  );
}, 180_000);

/** The id of the unit with the code anywhere in the tree answer. */
function findUnit(node: unknown, code: string): string | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const hit = findUnit(n, code);
      if (hit) return hit;
    }
    return null;
  }
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.code === code && typeof o.id === 'string') return o.id;
    for (const v of Object.values(o)) {
      const hit = typeof v === 'object' ? findUnit(v, code) : null;
      if (hit) return hit;
    }
  }
  return null;
}

async function employeeIdOf(nip: string): Promise<string> {
  const api = await apiAs(server.baseUrl, nip);
  const id = (await ok<{ user: { employeeId: string } }>(api.get('/api/auth/me'))).user.employeeId;
  await api.dispose();
  return id;
}

afterAll(async () => {
  await adminApi?.dispose();
  await browser?.close();
  await server?.stop();
});

describe('a TPP month from the run to the treasurer’s nominative list', () => {
  it('admin OPD computes the closed month in the browser, checks and publishes it', async () => {
    const page = await signedIn(admin.login);
    const runs = await new TppRunsPage(page).goto();
    runId = await runs.compute(OPD, month);
    const run = new TppRunPage(page);
    await run.root.waitFor();
    expect(await run.status()).toBe('DRAFT');
    await run.step('check');
    await run.step('publish');
    linesBefore = await allLines(adminApi);
    expect(linesBefore.find((l) => l.employeeId === employeeId)).toMatchObject({
      excluded: true,
      net: 0,
    });
    await page.context().close();
  });

  it('the employee objects to her exclusion on her phone; the superior upholds it after the input is fixed', async () => {
    const phone = await signedIn(employee.login, true);
    const mine = await new MyTppPage(phone).goto();
    await mine.object('EXCLUSION', 'Saya tidak sedang cuti besar; saya masuk kerja sepanjang bulan.');
    await phone.context().close();

    // Admin OPD ends the exclusion before the month (the input the objection rests on).
    const lastOfPrev = addDays(`${month}-01`, -1);
    await ok(adminApi.post(`/api/tpp/exclusions/${exclusionId}/end`, { data: { validTo: lastOfPrev } }));

    const filed = (await ok<{ items: any[] }>(adminApi.get(`/api/tpp/runs/${runId}/objections`))).items.find(
      (x) => x.employee.id === employeeId,
    );
    // Her direct superior decides (BKD when the org chart gives her superior no say today).
    const superiorApi = await apiAs(server.baseUrl, superior.login);
    const mayDecide = (await ok<any>(superiorApi.get(`/api/tpp/objections/${filed.id}`))).canDecide;
    await superiorApi.dispose();
    const page = await signedIn(mayDecide ? superior.login : bkd.login);
    const inbox = await new ObjectionInboxPage(page).goto();
    const item = await inbox.uphold(filed.id, 'Benar, pengecualian tercatat keliru.');
    await expect
      .poll(async () => (await item.getByTestId('objection-rerun').count()) > 0 || !(await item.isVisible()))
      .toBe(true);
    await page.context().close();

    const objections = await ok<{ items: any[] }>(adminApi.get(`/api/tpp/runs/${runId}/objections`));
    const o = objections.items.find((x) => x.employee.id === employeeId);
    expect(o).toMatchObject({ status: 'DITERIMA', rerun: { changed: true, version: 2 } });

    const after = await allLines(adminApi);
    expect(after.map((l) => l.employeeId)).toEqual(linesBefore.map((l) => l.employeeId));
    for (const [i, l] of after.entries())
      if (l.employeeId !== employeeId) expect(JSON.stringify(l), l.name).toBe(JSON.stringify(linesBefore[i]));
    const mineAfter = after.find((l) => l.employeeId === employeeId)!;
    expect(mineAfter.excluded).toBe(false);
    expect(mineAfter.net).toBeGreaterThan(0);
    expect(mineAfter.net).toBe(o.rerun.netAfter);
    const run = await ok<any>(adminApi.get(`/api/tpp/runs/${runId}`));
    expect(run.totals.amounts.net).toBe(after.reduce((s, l) => s + l.net, 0));
    expect(run.totals.amounts.gross).toBe(after.reduce((s, l) => s + l.gross, 0));
  });

  it('after the window (test clock) the head and BKD approve, BKD locks; the treasurer downloads the XLSX', async () => {
    const run0 = await ok<any>(adminApi.get(`/api/tpp/runs/${runId}`));
    const sa = await apiAs(server.baseUrl, 'admin');
    await ok(
      sa.post('/api/test/clock', { data: { to: `${addDays(run0.objectionUntil, 1)}T08:00:00+07:00` } }),
    );
    await sa.dispose();

    const headPage = await signedIn(head.nip!);
    await new TppRunPage(headPage).goto(runId).then((p) => p.step('approveOpd'));
    await headPage.context().close();

    const bkdPage = await signedIn(bkd.login);
    const bkdRun = await new TppRunPage(bkdPage).goto(runId);
    await bkdRun.step('approve');
    await bkdRun.step('lock');
    await bkdPage.context().close();

    const page = await signedIn(treasurer.nip!);
    await page.getByRole('link', { name: 'Keuangan TPP (bendahara)' }).first().click();
    const runs = new TppRunsPage(page);
    await runs.table.waitFor();
    const run = await runs.open(runId);
    await page.getByTestId('tpp-treasurer-readonly').waitFor();
    expect(await page.getByTestId('tpp-run-actions').count()).toBe(0);
    const download = await run.downloadNominative();
    expect(download.suggestedFilename()).toMatch(/^nominatif-tpp-.*-final\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as any);
    const rows: any[][] = [];
    wb.worksheets[0]!.eachRow({ includeEmpty: true }, (r) => rows.push((r.values as any[]).slice(1)));
    await page.context().close();

    const api = await apiAs(server.baseUrl, admin.login);
    const detail = await ok<any>(api.get(`/api/tpp/runs/${runId}`));
    const lines = await allLines(api);
    await api.dispose();
    const h = rows.findIndex((r) => r[1] === 'NIP');
    const header = rows[h]!;
    const col = (name: string) => header.indexOf(name);
    const mine = lines.find((l) => l.employeeId === employeeId)!;
    const row = rows.find((r) => r[2] === mine.name)!;
    expect(row, 'her row').toBeDefined();
    expect(Number(row[col('TPP bersih')])).toBe(mine.net);
    expect(Number(row[col('TPP bruto')])).toBe(mine.gross);
    expect(Number(row[col('TPP dasar')])).toBe(mine.base);
    const totals = rows.find((r) => r.some((c) => typeof c === 'string' && /^JUMLAH/.test(c)))!;
    expect(Number(totals[col('TPP bersih')])).toBe(detail.totals.amounts.net);
    expect(Number(totals[col('TPP bruto')])).toBe(detail.totals.amounts.gross);
    expect(detail.status).toBe('DIKUNCI');
  });
});
