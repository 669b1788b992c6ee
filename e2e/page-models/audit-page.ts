import type { Locator, Page } from 'playwright-core';
import { waitForTableData } from './data-table.ts';

/** /audit: the audit log table, its filters and the chain verification. */
export class AuditPage {
  readonly page: Page;
  readonly table: Locator;
  readonly rows: Locator;
  readonly verifyButton: Locator;
  readonly verifyResult: Locator;
  readonly searchBox: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByTestId('audit-table');
    // Data rows only (an expanded diff adds a row without a key).
    this.rows = this.table.locator('tbody tr[data-row-key]');
    this.verifyButton = page.getByRole('button', { name: 'Verifikasi rantai' });
    this.verifyResult = page.getByTestId('verify-result');
    this.searchBox = page.getByRole('searchbox', { name: 'Cari' });
  }

  async goto(): Promise<this> {
    await this.page.goto('/audit');
    await this.table.waitFor();
    return this;
  }

  /** The action names (e.g. "import.committed") of the rows on the current page, newest first. */
  async actions(): Promise<string[]> {
    return this.rows
      .locator('[data-action]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-action') ?? ''));
  }

  /** The action labels as shown (e.g. "Impor disimpan"), newest first. */
  async actionLabels(): Promise<string[]> {
    return this.rows.locator('[data-action]').allInnerTexts();
  }

  /** Types into the search box and waits until the table shows the list fetched with it. */
  async search(q: string): Promise<void> {
    await this.searchBox.fill(q);
    await waitForTableData(this.table, (params) => (params.get('q') ?? '') === q.trim());
  }

  /** Presses "Verifikasi rantai" and resolves with the result text and whether the chain is intact. */
  async verifyChain(): Promise<{ ok: boolean; text: string }> {
    await this.verifyButton.click();
    await this.verifyResult.waitFor();
    return {
      ok: (await this.verifyResult.getAttribute('data-ok')) === 'true',
      text: await this.verifyResult.innerText(),
    };
  }
}
