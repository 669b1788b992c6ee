import type { Download, Locator, Page } from 'playwright-core';

/** /rekap (my month) and /rekap/unit (unit recap, exports, early warning, charts, closing). */
export class RecapPage {
  readonly page: Page;
  readonly calendar: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly closingStatus: Locator;

  constructor(page: Page) {
    this.page = page;
    this.calendar = page.getByTestId('recap-calendar');
    this.table = page.getByTestId('recap-table');
    this.rows = page.getByTestId('recap-row');
    this.closingStatus = page.getByTestId('recap-closing-status');
  }

  /** My month (or an employee's, for superiors and admins) as a calendar; month as `YYYY-MM`. */
  async openMyRecap(month?: string, employeeId?: string): Promise<this> {
    const q = new URLSearchParams();
    if (month) q.set('bulan', month);
    if (employeeId) q.set('pegawai', employeeId);
    await this.page.goto(`/rekap${q.size > 0 ? `?${q}` : ''}`);
    await this.page.locator('[data-testid="recap-calendar"], [data-testid="empty-state"]').first().waitFor();
    return this;
  }

  /** The code shown on a day of the calendar (`YYYY-MM-DD`). */
  async codeOn(date: string): Promise<string | null> {
    return this.page.getByTestId(`recap-day-${date}`).getAttribute('data-code');
  }

  /** The reasons of a day, after picking it in the calendar. */
  async reasonsOn(date: string): Promise<string> {
    await this.page.getByTestId(`recap-day-${date}`).click();
    return (await this.page.getByTestId('recap-day-detail').innerText()).trim();
  }

  /** The unit recap for a month (`YYYY-MM`) and unit (defaults to the top of the user's scope). */
  async openUnitRecap(month?: string, unitId?: string): Promise<this> {
    const q = new URLSearchParams();
    if (month) q.set('bulan', month);
    if (unitId) q.set('unit', unitId);
    await this.page.goto(`/rekap/unit${q.size > 0 ? `?${q}` : ''}`);
    await this.page.locator('[data-testid="recap-table"], [data-testid="empty-state"]').first().waitFor();
    return this;
  }

  row(employeeId: string): Locator {
    return this.page.locator(`[data-testid="recap-row"][data-employee-id="${employeeId}"]`);
  }

  /**
   * When the closing card says days are not stored yet, presses "Hitung sekarang" and waits until the status worker
   * has stored them (the card refreshes itself while days are queued) and nothing is pending any more.
   */
  async storeMissingDays(timeoutMs = 120_000): Promise<void> {
    const button = this.page.getByTestId('recap-queue-missing');
    if ((await button.count()) === 0) return;
    const answered = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/recap/closing/queue-missing') && r.request().method() === 'POST',
    );
    await button.click();
    const response = await answered;
    if (!response.ok()) throw new Error(`queueing failed: ${response.status()} ${await response.text()}`);
    await this.page.getByTestId('recap-pending').waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /**
   * Closes the month through the confirmation dialog and waits for "Ditutup oleh … pada …". Throws with the
   * server's answer when the closing is refused (e.g. 409 while requests or queued days are pending).
   */
  async closeMonth(): Promise<string> {
    await this.page.getByTestId('recap-close-month').click();
    const answered = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/recap/closing/close') && r.request().method() === 'POST',
    );
    await this.page.getByRole('dialog').getByTestId('recap-close-confirm').click();
    const response = await answered;
    if (!response.ok())
      throw new Error(`closing the month failed: ${response.status()} ${await response.text()}`);
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
    await this.closingStatus.filter({ hasText: /Ditutup|Closed/ }).waitFor();
    return (await this.closingStatus.innerText()).trim();
  }

  /** Whether a day of the calendar shows "Belum ada data" (before go-live or outside service), not a code. */
  async isNoData(date: string): Promise<boolean> {
    return (await this.page.getByTestId(`recap-day-${date}`).getAttribute('data-no-data')) === 'true';
  }

  /**
   * The labels of what keeps the month from being complete, as the closing card lists them, once it lists any (the
   * card asks the server after the page has shown: call it where something is pending).
   */
  async closingItems(): Promise<string[]> {
    const items = this.page.getByTestId('recap-closing').getByTestId('recap-closing-item');
    await items.first().waitFor();
    return items.allInnerTexts();
  }

  /**
   * Tries to close the month through the dialog (without giving any reason) and returns the refusal shown in
   * the dialog, which stays open. Throws when the month closes.
   */
  async closeRefused(): Promise<string> {
    await this.page.getByTestId('recap-close-month').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('recap-closing-items').waitFor();
    const answered = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/recap/closing/close') && r.request().method() === 'POST',
    );
    await dialog.getByTestId('recap-close-confirm').click();
    const response = await answered;
    if (response.ok()) throw new Error('the month was closed, a refusal was expected');
    return (await dialog.getByTestId('error-state').innerText()).trim();
  }

  /** Reopens the month (BKD / super admin) with a reason. */
  async reopenMonth(reason: string): Promise<void> {
    await this.page.getByTestId('recap-reopen').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('recap-reopen-reason').fill(reason);
    await dialog.getByTestId('recap-reopen-confirm').click();
    await dialog.waitFor({ state: 'detached' });
  }

  private async download(testId: string, format: 'xlsx' | 'pdf' | 'csv'): Promise<Download> {
    await this.page.getByTestId(testId).click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`${testId}-${format}`).click(),
    ]);
    return download;
  }

  /** Downloads the unit recap as XLSX; returns the saved file's path. */
  async downloadXlsx(saveAs?: string): Promise<string> {
    const d = await this.download('recap-unit-download', 'xlsx');
    if (saveAs) {
      await d.saveAs(saveAs);
      return saveAs;
    }
    return (await d.path()) ?? '';
  }

  /** Downloads the unit recap in another format; returns the saved file's path. */
  async downloadUnit(format: 'pdf' | 'csv'): Promise<string> {
    return (await (await this.download('recap-unit-download', format)).path()) ?? '';
  }

  /** Names on the early-warning tab. */
  async warnings(): Promise<string[]> {
    await this.page.getByTestId('recap-tab-warnings').click();
    await this.page.locator('[data-testid="recap-warnings"]').waitFor();
    return this.page.getByTestId('recap-warning').allInnerTexts();
  }
}
