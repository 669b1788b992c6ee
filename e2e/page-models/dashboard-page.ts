import type { Locator, Page } from 'playwright-core';

/** /: the stat cards and the two charts. */
export class DashboardPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly charts: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: /^(Dasbor|Dashboard)$/, level: 2 });
    this.charts = page.locator('.recharts-surface');
  }

  stat(name: 'units' | 'employees' | 'subordinates' | 'audit' | 'imports'): Locator {
    return this.page.getByTestId(`stat-${name}`);
  }

  /** The number on a stat card ("1.234" → 1234). */
  async statValue(name: 'units' | 'employees' | 'subordinates' | 'audit' | 'imports'): Promise<number> {
    const text = await this.stat(name).locator('p').nth(1).innerText();
    return Number(text.replace(/\D/g, ''));
  }
}
