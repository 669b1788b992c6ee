import type { Locator, Page } from 'playwright-core';

/** /presensi/tinjau: flagged punches awaiting the superior's (or admin OPD's) decision. */
export class ReviewQueuePage {
  readonly page: Page;
  readonly items: Locator;
  readonly empty: Locator;

  constructor(page: Page) {
    this.page = page;
    this.items = page.getByTestId('review-item');
    this.empty = page.getByTestId('empty-state');
  }

  async goto(): Promise<this> {
    await this.page.goto('/presensi/tinjau');
    await this.page.locator('[data-testid="review-list"], [data-testid="empty-state"]').first().waitFor();
    return this;
  }

  item(punchId: string): Locator {
    return this.page.locator(`[data-testid="review-item"][data-punch-id="${punchId}"]`);
  }

  /** Accepts or rejects a punch with a note through the decision dialog and waits until it leaves the list. */
  async decide(punchId: string, decision: 'accept' | 'reject', note: string): Promise<void> {
    const item = this.item(punchId);
    await item.getByTestId(decision === 'accept' ? 'review-accept' : 'review-reject').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('review-note').fill(note);
    await dialog.getByTestId('review-submit').click();
    await item.waitFor({ state: 'detached' });
  }
}
