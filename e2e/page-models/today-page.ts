import type { Locator, Page } from 'playwright-core';

/** /kehadiran: who is in today — status chips with counts, the per-unit panel, people as cards or a table. */
export class TodayPage {
  readonly page: Page;
  readonly summary: Locator;
  readonly search: Locator;
  readonly units: Locator;
  readonly updated: Locator;

  constructor(page: Page) {
    this.page = page;
    this.summary = page.getByTestId('today-summary');
    this.search = page.getByTestId('today-search');
    this.units = page.getByTestId('today-units');
    this.updated = page.getByTestId('today-updated');
  }

  async goto(query = ''): Promise<this> {
    await this.page.goto(`/kehadiran${query}`);
    await this.summary.waitFor();
    return this;
  }

  /** A person's card (phone layout) or table row (wider screens), whichever is on screen. */
  person(employeeId: string): Locator {
    return this.page
      .locator(
        `[data-testid="today-row"][data-employee-id="${employeeId}"], ` +
          `[data-testid="today-table-row"][data-employee-id="${employeeId}"]`,
      )
      .locator('visible=true');
  }

  /** The status code shown for a person (PRESENT, LATE, NOT_YET_IN …). */
  async statusOf(employeeId: string): Promise<string | null> {
    return this.person(employeeId).getByTestId('today-status').getAttribute('data-status');
  }

  /** The instant of the person's latest punch of the day as the page has it ('' = none). */
  async lastPunchOf(employeeId: string): Promise<string> {
    return (await this.person(employeeId).getAttribute('data-last-punch')) ?? '';
  }

  /** Waits until the person's latest punch on the page is no longer `before` (the page polls on its own). */
  async waitForNewPunch(employeeId: string, before: string, timeoutMs = 40_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = await this.lastPunchOf(employeeId);
      if (now !== before) return now;
      if (Date.now() > deadline)
        throw new Error(`no new punch of ${employeeId} shown within ${timeoutMs} ms`);
      await this.page.waitForTimeout(500);
    }
  }
}
