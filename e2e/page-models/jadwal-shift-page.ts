import type { Locator, Page } from 'playwright-core';

/** /presensi/jadwal-shift: the shift roster grid (employees × days), its save, CSV import and export. */
export class JadwalShiftPage {
  readonly page: Page;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly saveButton: Locator;
  readonly importButton: Locator;
  readonly exportLink: Locator;
  readonly importErrors: Locator;
  readonly empty: Locator;

  constructor(page: Page) {
    this.page = page;
    this.grid = page.getByTestId('roster-grid');
    this.rows = page.getByTestId('roster-row');
    this.search = page.getByTestId('roster-search');
    this.saveButton = page.getByTestId('roster-save');
    this.importButton = page.getByTestId('roster-import');
    this.exportLink = page.getByTestId('roster-export');
    this.importErrors = page.getByTestId('roster-import-errors');
    this.empty = page.getByTestId('empty-state');
  }

  /** Opens the page for a month ('YYYY-MM'), optionally a unit id (else the admin's own unit). */
  async goto(month: string, unitId?: string): Promise<this> {
    const params = new URLSearchParams({ bulan: month, ...(unitId ? { unit: unitId } : {}) });
    await this.page.goto(`/presensi/jadwal-shift?${params.toString()}`);
    await this.page.locator('[data-testid="roster-grid"], [data-testid="empty-state"]').first().waitFor();
    return this;
  }

  /** Narrows the grid to employees matching a name or NIP and waits until only matching rows remain. */
  async searchFor(text: string, expectedRows = 1): Promise<void> {
    await this.search.fill(text);
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="roster-row"]').length === n,
      expectedRows,
    );
  }

  cell(employeeId: string, date: string): Locator {
    return this.page.getByTestId(`roster-cell-${employeeId}-${date}`);
  }

  /** Picks a cell's value: a shift code, 'LIBUR', or '' for the regular schedule. */
  async setCell(employeeId: string, date: string, value: string): Promise<void> {
    await this.cell(employeeId, date).selectOption(value);
  }

  /** Saves the changed cells and waits for the confirmation. */
  async save(): Promise<void> {
    await this.saveButton.click();
    await this.page.getByText(/sel jadwal disimpan/).waitFor();
  }

  /** Uploads a CSV through the import dialog; does not wait for the outcome. */
  async importCsv(csv: string, name = 'jadwal.csv'): Promise<void> {
    await this.importButton.click();
    const dialog = this.page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await dialog.getByTestId('roster-import-submit').click();
  }
}
