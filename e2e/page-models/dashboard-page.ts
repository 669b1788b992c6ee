import type { Locator, Page } from 'playwright-core';

/** The sections of the home page, one per role (`data-testid="home-section-…"`). */
export type HomeSection = 'pegawai' | 'atasan' | 'admin' | 'leaders' | 'oversight';
export const HOME_SECTIONS: readonly HomeSection[] = ['pegawai', 'atasan', 'admin', 'leaders', 'oversight'];

/** `/`: the home page of each role ("Beranda"), a section per role the user holds. */
export class DashboardPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly charts: Locator;
  /** The pegawai's punch button (a link to /presensi; `data-kind` IN or OUT). */
  readonly punchButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: /^(Beranda|Home)$/, level: 2 });
    this.charts = page.locator('.recharts-surface');
    this.punchButton = page.getByTestId('home-punch');
  }

  async goto(): Promise<this> {
    await this.page.goto('/');
    await this.waitForSections();
    return this;
  }

  /** Waits until the home page's answer is shown (its sections, an empty state or an error). */
  async waitForSections(): Promise<void> {
    await this.heading.waitFor();
    await this.page
      .locator('[data-testid^="home-section-"], [data-testid="empty-state"], [data-testid="error-state"]')
      .first()
      .waitFor();
  }

  section(name: HomeSection): Locator {
    return this.page.getByTestId(`home-section-${name}`);
  }

  /** The sections shown, in order (once a section loaded in its own chunk has arrived). */
  async sections(): Promise<HomeSection[]> {
    await this.waitForSections();
    await this.page.getByTestId('home-leaders-loading').waitFor({ state: 'detached' });
    const ids = await this.page
      .locator('[data-testid^="home-section-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace('home-section-', '') as HomeSection);
  }

  /** A count card (`data-count`) by its test id, e.g. `home-waiting-permits` or `home-anomaly-flagged`. */
  count(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async countOf(testId: string): Promise<number> {
    const el = this.count(testId);
    await el.waitFor();
    return Number(await el.getAttribute('data-count'));
  }

  stat(name: 'units' | 'employees'): Locator {
    return this.page.getByTestId(`stat-${name}`);
  }

  /** The number on a stat ("1.234" → 1234). */
  async statValue(name: 'units' | 'employees'): Promise<number> {
    return Number(await this.stat(name).getAttribute('data-value'));
  }

  /**
   * The "who is in today" card of a section (`home-team-today`, `home-unit-today`): resolves to `counts` when it
   * shows the day, `error` when the today view could not answer, `empty` when nobody is in its scope.
   */
  async todayState(testId: string): Promise<'counts' | 'error' | 'empty'> {
    const card = this.page.getByTestId(testId);
    const shown = card
      .locator(
        `[data-testid="${testId}-present"], [data-testid="${testId}-error"], [data-testid="empty-state"]`,
      )
      .first();
    await shown.waitFor();
    const id = await shown.getAttribute('data-testid');
    return id === `${testId}-present` ? 'counts' : id === `${testId}-error` ? 'error' : 'empty';
  }
}
