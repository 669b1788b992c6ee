import type { Locator, Page } from 'playwright-core';

/** /impor: choose a file, upload and check, read the row report, then commit. */
export class ImportPage {
  readonly page: Page;
  readonly fileInput: Locator;
  readonly uploadButton: Locator;
  readonly summary: Locator;
  readonly reportRows: Locator;
  readonly commitAllButton: Locator;
  readonly commitValidButton: Locator;
  readonly result: Locator;
  readonly history: Locator;

  constructor(page: Page) {
    this.page = page;
    this.fileInput = page.getByLabel('Berkas', { exact: true });
    this.uploadButton = page.getByRole('button', { name: 'Unggah & periksa' });
    this.summary = page.getByTestId('import-summary');
    this.reportRows = page.getByTestId('import-report').locator('tbody tr');
    this.commitAllButton = page.getByRole('button', { name: 'Impor semua' });
    this.commitValidButton = page.getByRole('button', { name: 'Impor baris valid saja' });
    this.result = page.getByTestId('import-result');
    this.history = page.getByTestId('import-history');
  }

  async goto(): Promise<this> {
    await this.page.goto('/impor');
    await this.uploadButton.waitFor();
    return this;
  }

  async chooseKind(kind: 'Pegawai' | 'Unit kerja'): Promise<void> {
    await this.page.getByTestId('import-kind').getByText(kind, { exact: true }).click();
  }

  /** Chooses an in-memory file and presses "Unggah & periksa"; waits for the row report. */
  async upload(name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.fileInput.setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
    await this.uploadButton.click();
    await this.summary.waitFor();
  }

  /** The row report as { line, column, message } (the report shows only rows with problems). */
  async reportEntries(): Promise<{ line: number; column: string; message: string }[]> {
    const out: { line: number; column: string; message: string }[] = [];
    for (const row of await this.reportRows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
      out.push({ line: Number(cells[0]), column: cells[1] ?? '', message: cells[2] ?? '' });
    }
    return out;
  }

  async commitValidOnly(): Promise<void> {
    await this.commitValidButton.click();
    await this.result.waitFor();
  }
}
