import type { Locator, Page } from 'playwright-core';

/** /kinerja: the employee's report form, the queue on the phone, the month. */
export class KinerjaReportPage {
  readonly page: Page;
  readonly form: Locator;
  readonly queue: Locator;
  readonly queueItems: Locator;

  constructor(page: Page) {
    this.page = page;
    this.form = page.getByTestId('report-form');
    this.queue = page.getByTestId('report-queue');
    this.queueItems = page.getByTestId('report-queue-item');
  }

  async goto(): Promise<this> {
    await this.page.goto('/kinerja/lapor');
    await this.form.getByRole('button', { name: 'Kirim laporan' }).waitFor();
    // The RHK list comes with the day's options (kept on the phone for offline use): wait until it is there.
    const rhk = this.form.getByLabel('Rencana hasil kerja (RHK)');
    for (let i = 0; i < 150 && !(await rhk.isEnabled()); i++) await this.page.waitForTimeout(200);
    return this;
  }

  /** Fills the form (the first RHK) and sends it. */
  async write(activity: string, minutes: number): Promise<void> {
    // By keyboard: the dropdown of a Select on a small screen may still be moving when a click is tried.
    // On a busy machine the keys may reach the list before it opens: try again until the RHK is chosen.
    const rhk = this.form.getByLabel('Rencana hasil kerja (RHK)');
    for (let attempt = 0; attempt < 5 && !(await rhk.inputValue()); attempt++) {
      await rhk.click();
      await this.page.getByRole('option').first().waitFor();
      await rhk.press('ArrowDown');
      await rhk.press('Enter');
      for (let i = 0; i < 30 && !(await rhk.inputValue()); i++) await this.page.waitForTimeout(100);
    }
    if (!(await rhk.inputValue())) throw new Error('The RHK of the report form could not be chosen');
    await this.form.getByLabel('Uraian kegiatan').fill(activity);
    await this.form.getByLabel('Lama (menit)').fill(String(minutes));
    await this.form.getByRole('button', { name: 'Kirim laporan' }).click();
  }
}

/** /kinerja/verifikasi: the superior's inbox of daily reports. */
export class KinerjaInboxPage {
  readonly page: Page;
  readonly reports: Locator;

  constructor(page: Page) {
    this.page = page;
    this.reports = page.getByTestId('inbox-report');
  }

  async goto(): Promise<this> {
    await this.page.goto('/kinerja/verifikasi');
    await this.page.getByTestId('report-inbox').waitFor();
    return this;
  }

  report(id: string): Locator {
    return this.page.locator(`[data-testid="inbox-report"][data-report-id="${id}"]`);
  }

  async accept(id: string): Promise<void> {
    await this.report(id).getByRole('button', { name: 'Terima' }).click();
  }
}

/** /kinerja/staf: a staff member's row. */
export class KinerjaStaffPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(): Promise<this> {
    await this.page.goto('/kinerja/staf');
    await this.page.getByTestId('staff-table').waitFor();
    return this;
  }

  row(employeeId: string): Locator {
    return this.page.locator(`[data-employee-id="${employeeId}"]`);
  }

  async numbers(employeeId: string): Promise<{ pending: number; accepted: number }> {
    const row = this.row(employeeId);
    return {
      pending: Number(await row.getByTestId('staff-pending').innerText()),
      accepted: Number(await row.getByTestId('staff-minutes-accepted').innerText()),
    };
  }
}

/** /kinerja/penilaian/:id: ratings, finalise, approve, PDF. */
export class KinerjaEvaluationPage {
  readonly page: Page;
  readonly root: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('evaluation-page');
  }

  async goto(id: string): Promise<this> {
    await this.page.goto(`/kinerja/penilaian/${id}`);
    await this.root.waitFor();
    return this;
  }

  async rate(label: string, rating: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label }).click();
    await this.page
      .locator('[role=listbox]:visible')
      .getByRole('option', { name: rating, exact: true })
      .click();
  }
}
