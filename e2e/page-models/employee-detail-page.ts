import type { Locator, Page } from 'playwright-core';

/** /pegawai/:id: the header, the tabs (Data pribadi, Riwayat penempatan, Plt/Plh, Bawahan). */
export class EmployeeDetailPage {
  readonly page: Page;
  readonly nameHeading: Locator;
  readonly placements: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.nameHeading = page.getByTestId('employee-name-heading');
    this.placements = page.getByTestId('placements-timeline').locator('.mantine-Timeline-item');
    this.error = page.getByRole('main').getByRole('alert');
  }

  async goto(id: string): Promise<this> {
    await this.page.goto(`/pegawai/${id}`);
    return this;
  }

  /** The employee id from the current URL. */
  id(): string {
    const match = /\/pegawai\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`Not on an employee page: ${this.page.url()}`);
    return match[1];
  }

  async openTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  field(label: string): Locator {
    return this.page.getByText(label, { exact: true }).locator('..');
  }
}
