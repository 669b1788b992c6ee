import type { Locator, Page } from 'playwright-core';

/** /organisasi: the unit tree with its filter, and the selected unit's detail. */
export class OrganisationPage {
  readonly page: Page;
  readonly treeFilter: Locator;
  readonly tree: Locator;
  readonly detail: Locator;

  constructor(page: Page) {
    this.page = page;
    this.treeFilter = page.getByRole('textbox', { name: 'Saring unit…' });
    this.tree = page.getByRole('tree');
    this.detail = page.getByTestId('unit-detail');
  }

  async goto(): Promise<this> {
    await this.page.goto('/organisasi');
    await this.tree.waitFor();
    return this;
  }

  /** Filters the tree and selects the unit with that name; waits for its detail card. */
  async selectUnit(name: string): Promise<void> {
    await this.treeFilter.fill(name);
    await this.tree.getByText(name, { exact: true }).first().click();
    await this.detail.getByRole('heading', { name, exact: true }).waitFor();
  }

  async viewEmployees(): Promise<void> {
    await this.detail.getByRole('link', { name: 'Lihat pegawai' }).click();
    await this.page.waitForURL(/\/pegawai\?unitId=/);
  }
}
