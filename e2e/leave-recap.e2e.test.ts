import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoEmployee } from '../src/server/db/seeds/demo-data.ts';
import { loadRulebookFiles } from '../src/server/modules/rulebooks/rulebook-files.ts';
import { buildCalendar } from '../src/core/calendar/calendar.ts';
import { addDays, eachDay, monthRange } from '../src/core/common/local-date.ts';
import { toZoned } from '../src/core/common/zoned-time.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { CutiApprovalPage, CutiPage, DashboardPage, LoginPage, RecapPage } from './page-models/index.ts';
import { formatDdMmYyyy, formatMonthId } from '../src/core/common/date-text.ts';

/**
 * Leave to monthly recap in a real Chromium against the real server (`scripts/start.ts`) with the demo data:
 * a PNS of UPTD Puskesmas Curug requests two days of annual leave, the Kepala Puskesmas (superior) and the
 * Kepala Dinas Kesehatan (PyBMC, national rulebook OPD_HEAD) approve it, the status worker turns both days
 * into CT on the employee's calendar, the admin OPD of Dinas Kesehatan closes the month and downloads the
 * unit recap as XLSX, which holds the two leave days for the employee and the closing line.
 *
 * The server runs on the real clock (no fixed clock in the config). The rulebook opens a month for closing
 * from day N of the next month (attendance.monthClosing.closeFromDay), so the story uses the latest month that
 * can be closed today, and in it the first two consecutive working days after another working day (read from
 * the national rulebook's calendar, so holidays and cuti bersama are skipped).
 */

const TODAY = toZoned(Date.now(), 'Asia/Jakarta').date;
const NATIONAL = (await loadRulebookFiles('rulebooks')).find(
  (r) =>
    r.meta.region === 'nasional' && r.meta.effectiveFrom <= TODAY && (r.meta.effectiveTo ?? TODAY) >= TODAY,
)!;
const CLOSE_FROM_DAY = NATIONAL.attendance.monthClosing?.closeFromDay ?? 5;
const monthBefore = (m: string) => addDays(`${m}-01`, -1).slice(0, 7);
const MONTH = monthBefore(
  Number(TODAY.slice(8, 10)) >= CLOSE_FROM_DAY ? TODAY.slice(0, 7) : monthBefore(TODAY.slice(0, 7)),
);
const CALENDAR = buildCalendar(NATIONAL.calendar, { unitCode: 'DINKES-PKM-CURUG', zone: 'Asia/Jakarta' });
const MONTH_DAYS = eachDay(monthRange(MONTH).from, monthRange(MONTH).to);
const WORKING = MONTH_DAYS.filter((d) => CALENDAR.dayType(d) === 'working');
const FIRST = WORKING.findIndex(
  (d, i) => i > 0 && WORKING[i + 1] === addDays(d, 1) && WORKING[i - 1] === addDays(d, -1),
);
/** The day before the leave (stays TK) and the two leave days. */
const BEFORE = WORKING[FIRST - 1]!;
const DAYS = [WORKING[FIRST]!, WORKING[FIRST + 1]!];
const MONTH_LABEL = formatMonthId(MONTH);
const STATUS_TIMEOUT_MS = 60_000;

const demo = generateDemoData();
const grantNips = new Set(demo.roleGrants.map((g) => g.nip));
const hasStaff = (e: DemoEmployee) => demo.employees.some((x) => e.nip && x.superiorNip === e.nip);
/** A PNS with enough service for annual leave, no role grant and no staff of their own. */
const employee = demo.employees.find(
  (e) =>
    e.unitCode === 'DINKES-PKM-CURUG' &&
    e.nip &&
    e.employeeType === 'PNS' &&
    e.activeFrom <= '2019-01-01' &&
    !grantNips.has(e.nip) &&
    !hasStaff(e),
)!;
const superior = demo.employees.find((e) => e.nip === employee.superiorNip)!;
/** Another PNS of the same unit, for the opening balance (the story above spends the first one's). */
const colleague = demo.employees.find(
  (e) =>
    e.unitCode === 'DINKES-PKM-CURUG' &&
    e.nip &&
    e.nip !== employee.nip &&
    e.employeeType === 'PNS' &&
    e.activeFrom <= '2019-01-01' &&
    !grantNips.has(e.nip),
)!;
const head = demo.employees.find((e) => e.positionCode === 'DINKES:KEPALA')!;
const adminOpdNip = demo.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!;

let server: RunningServer;
let browser: Browser;
let downloads: string;

beforeAll(async () => {
  [server, browser, downloads] = await Promise.all([
    startServer(),
    launchBrowser(),
    mkdtemp(path.join(os.tmpdir(), 'abdi-e2e-recap-')),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

/** A fresh browser context (its own cookies) signed in through the login form. */
async function signedIn(login: string): Promise<Page> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  const form = await new LoginPage(page).goto();
  await form.login(login, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/');
  await new DashboardPage(page).heading.waitFor();
  return page;
}

/** Reloads the employee's calendar of the month until every leave day shows `code` (the worker runs every 15 s). */
async function waitForCodes(recap: RecapPage, code: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await recap.openMyRecap(MONTH);
        return Promise.all(DAYS.map((d) => recap.codeOn(d)));
      },
      { timeout: STATUS_TIMEOUT_MS, interval: 2_000 },
    )
    .toEqual(DAYS.map(() => code));
}

describe('leave to monthly recap', () => {
  it(
    'requests annual leave, approves it up the chain, shows CT on the calendar, closes the month and exports it',
    { timeout: 180_000 },
    async () => {
      // Four different people: the story must not pass because one account holds two roles.
      expect(new Set([employee.nip, superior.nip, head.nip, adminOpdNip]).size).toBe(4);

      // The employee: calendar before, balance, request.
      const own = await signedIn(employee.nip!);
      const recap = new RecapPage(own);
      await recap.openMyRecap(MONTH);
      // No punches in the demo data: the working days are TK until an approved absence covers them.
      for (const d of DAYS) expect(await recap.codeOn(d)).toBe('TK');
      const cuti = await new CutiPage(own).goto();
      await cuti.balance.getByTestId('balance-remaining').waitFor();
      const remainingBefore = await cuti.remaining();
      const id = await cuti.requestLeave({
        type: 'Cuti tahunan',
        from: formatDdMmYyyy(DAYS[0]!),
        to: formatDdMmYyyy(DAYS[1]!),
        reason: 'Urusan keluarga di luar kota',
        address: 'Jl. Raya Curug No. 1, Tangerang',
      });
      expect(await cuti.status(id)).toBe('DIAJUKAN');

      // The superior, then (when the chain has a second step) the PyBMC.
      const boss = await signedIn(superior.nip!);
      await (await new CutiApprovalPage(boss).goto()).approve(id, 'Disetujui, pekerjaan sudah dialihkan');
      await boss.context().close();
      await own.reload();
      await cuti.item(id).getByTestId('leave-status').waitFor();
      if ((await cuti.status(id)) !== 'DISETUJUI') {
        expect(await cuti.status(id)).toBe('DISETUJUI_ATASAN');
        const pybmc = await signedIn(head.nip!);
        await (await new CutiApprovalPage(pybmc).goto()).approve(id);
        await pybmc.context().close();
        await own.reload();
        await cuti.item(id).getByTestId('leave-status').waitFor();
      }
      expect(await cuti.status(id)).toBe('DISETUJUI');
      // The balance card shows the current year: the leave spends it when it falls in this year.
      if (MONTH.slice(0, 4) === TODAY.slice(0, 4))
        expect(await cuti.remaining()).toBe(remainingBefore - DAYS.length);

      // The day statuses: both days turn into CT, with the leave as the reason.
      await waitForCodes(recap, 'CT');
      expect(await recap.reasonsOn(DAYS[0]!)).toContain('Cuti tahunan (CT) disetujui');
      expect(await recap.codeOn(BEFORE)).toBe('TK');
      await own.context().close();

      // The admin OPD closes the month and downloads the unit recap.
      const admin = await signedIn(adminOpdNip);
      const unit = await new RecapPage(admin).openUnitRecap(MONTH);
      // Since go-live the status worker has stored only the days that ended while it ran: the closing card lists
      // the others as not stored, and "Hitung sekarang" has them stored before the month can close.
      await unit.closingStatus.waitFor();
      await unit.storeMissingDays();
      const closed = await unit.closeMonth();
      expect(closed).toMatch(/Ditutup/);
      const file = await unit.downloadXlsx(path.join(downloads, 'rekap.xlsx'));
      await admin.context().close();

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Rekap')!;
      expect(String(ws.getCell(3, 1).value)).toBe(`Bulan: ${MONTH_LABEL}`);
      expect(String(ws.getCell(4, 1).value)).toMatch(/^Status: ditutup oleh .+ pada \d{2}\/\d{2}\/\d{4}$/);
      const header = (ws.getRow(6).values as unknown[]).map((v) => String(v ?? ''));
      const col = (name: string) => header.indexOf(name);
      expect(col('C')).toBeGreaterThan(0);
      const rows: ExcelJS.Row[] = [];
      ws.eachRow((row, n) => {
        if (
          n > 6 &&
          String(row.getCell(2).value ?? '')
            .replace(/\s/g, '')
            .includes(employee.nip!)
        )
          rows.push(row);
      });
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(Number(row.getCell(col('C')).value)).toBe(DAYS.length);
      // The month's working days from the calendar; no punches in the demo data, so the others are TK.
      expect(Number(row.getCell(col('HK')).value)).toBe(WORKING.length);
      expect(Number(row.getCell(col('H')).value)).toBe(0);
      expect(Number(row.getCell(col('TK')).value)).toBe(WORKING.length - DAYS.length);
    },
  );

  it(
    "sets an employee's opening leave balance from the old system on the employee page (admin OPD)",
    { timeout: 90_000 },
    async () => {
      const admin = await signedIn(adminOpdNip);
      const found = await admin.request.get(`/api/employees?q=${colleague.nip}`);
      expect(found.status()).toBe(200);
      const id = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
      await admin.goto(`/pegawai/${id}?tab=cuti`);
      const card = admin.getByTestId('leave-balance');
      const figure = async (testId: string) => Number(await card.getByTestId(testId).textContent());
      await card.getByTestId('balance-remaining').waitFor();
      const [entitlement, used] = [await figure('balance-entitlement'), await figure('balance-used')];

      const form = admin.getByTestId('leave-opening');
      await form.getByLabel('Sisa cuti tahun lalu (hari)', { exact: true }).fill('4');
      await form.getByLabel('Sudah diambil tahun ini (hari)', { exact: true }).fill('3');
      await form.getByLabel('Catatan (mis. nomor surat atau sumber data)').fill('Rekap cuti SIMPEG lama');
      await form.getByRole('button', { name: 'Simpan saldo awal' }).click();
      await admin.getByText('Saldo awal cuti disimpan.').waitFor();
      // The opening replaces the history before this year: 4 days carried over, 3 more already taken.
      await expect.poll(() => figure('balance-carried')).toBe(4);
      expect(await figure('balance-used')).toBe(used + 3);
      expect(await figure('balance-remaining')).toBe(entitlement + 4 - (used + 3));
      expect(await card.getByTestId('balance-explanation').textContent()).toContain(
        'Saldo awal dari sistem lama',
      );
      await form.getByTestId('leave-opening-stored').waitFor();
      // Out of range: refused in the form, nothing sent.
      await form.getByLabel('Sisa cuti tahun lalu (hari)', { exact: true }).fill('30');
      await form.getByRole('button', { name: 'Simpan saldo awal' }).click();
      await form.getByText('Isi bilangan bulat 0–24').waitFor();
      expect(await figure('balance-carried')).toBe(4);
      await admin.context().close();
    },
  );
});

/*
 * Go-live and closing completeness (issue 13 points 1 and 2). The demo units go live on the first day of their
 * history; the month before it has no data for anyone: its days show "Belum ada data", never TK, reading it stores
 * nothing and it feeds no early warning. A permit left pending in that month keeps it from closing: the dialog
 * lists it and the close is refused with the reason.
 */
describe('go-live and closing completeness', () => {
  let month: string;
  let workingDay: string;
  let dinkesId: string;

  beforeAll(async () => {
    const api = await apiAs(server.baseUrl, employee.nip!);
    const mine = (await (await api.get(`/api/recap/employee?month=${TODAY.slice(0, 7)}`)).json()) as {
      employee: { unitId: string };
    };
    const unit = (await (await api.get(`/api/units/${mine.employee.unitId}`)).json()) as {
      attendanceStart: string;
      parentId: string;
    };
    dinkesId = unit.parentId;
    month = monthBefore(unit.attendanceStart.slice(0, 7));
    workingDay = eachDay(monthRange(month).from, monthRange(month).to).find(
      (d) => CALENDAR.dayType(d) === 'working',
    )!;
    await api.dispose();
  });

  it(
    'a past month before go-live shows "Belum ada data", stores nothing and creates no warning',
    { timeout: 90_000 },
    async () => {
      const own = await signedIn(employee.nip!);
      const recap = await new RecapPage(own).openMyRecap(month);
      await own.getByTestId('recap-no-data').waitFor();
      expect(await recap.isNoData(workingDay)).toBe(true);
      expect(await recap.codeOn(workingDay)).toBe('');
      expect(await own.locator('[data-testid^="recap-day-"][data-code="TK"]').count()).toBe(0);
      expect(await recap.reasonsOn(workingDay)).toContain('Belum ada data');
      // Reading stored nothing.
      const stored = await own.request.get(
        `/api/statuses?from=${monthRange(month).from}&to=${monthRange(month).to}`,
      );
      expect(((await stored.json()) as { items: unknown[] }).items).toEqual([]);
      await own.context().close();

      const admin = await signedIn(adminOpdNip);
      const warnings = await (await new RecapPage(admin).openUnitRecap(month, dinkesId)).warnings();
      expect(warnings.join('\n')).not.toContain(employee.name);
      await admin.context().close();
    },
  );

  it(
    'closing is refused while a request of the month is pending, and the dialog shows it',
    { timeout: 90_000 },
    async () => {
      const api = await apiAs(server.baseUrl, employee.nip!);
      const asked = await api.post('/api/permits', {
        data: { kind: 'I', dateFrom: workingDay, dateTo: workingDay, reason: 'Urusan keluarga' },
      });
      expect(asked.status(), await asked.text()).toBe(201);
      await api.dispose();

      const admin = await signedIn(adminOpdNip);
      const unit = await new RecapPage(admin).openUnitRecap(month, dinkesId);
      const items = await unit.closingItems();
      expect(items.join('\n')).toContain(`Izin I ${formatDdMmYyyy(workingDay)} menunggu keputusan`);
      const refusal = await unit.closeRefused();
      expect(refusal).toContain('belum lengkap: 1 pengajuan menunggu keputusan');
      await admin.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
      expect(await unit.closingStatus.innerText()).not.toMatch(/Ditutup/);
      await admin.context().close();
    },
  );
});
