import type { Download, Locator, Page } from 'playwright-core';
import { waitForTableData } from './data-table.ts';

/** Values for the "Tambah pegawai" form; dates as dd/MM/yyyy, as a user types them. */
export interface NewEmployee {
  nip?: string;
  name: string;
  gender: 'Laki-laki' | 'Perempuan';
  birthDate?: string;
  /** Text typed into the unit picker, then the option containing `unitOption` is chosen. */
  unitSearch: string;
  unitOption: string;
  activeFrom: string;
}

/** /pegawai: search, filters, pagination, export and the "add employee" dialog. */
export class EmployeesPage {
  readonly page: Page;
  readonly searchBox: Locator;
  readonly unitFilter: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly summary: Locator;
  readonly addButton: Locator;
  readonly dialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.searchBox = page.getByRole('searchbox', { name: /^(Cari|Search)$/ });
    this.unitFilter = page.getByRole('main').getByRole('textbox', { name: /^(Unit kerja|Work unit)$/ });
    this.table = page.getByTestId('employee-table');
    // A table row on a desktop, a card on a phone: both carry the row's key.
    this.rows = this.table.locator('[data-row-key]');
    this.summary = page.getByTestId('pagination-summary');
    this.addButton = page.getByRole('button', { name: 'Tambah pegawai' });
    this.dialog = page.getByRole('dialog');
  }

  async goto(query = ''): Promise<this> {
    await this.page.goto(`/pegawai${query}`);
    await this.waitForList();
    return this;
  }

  /** Waits for the table (or its empty state) with no fetch in flight. */
  async waitForList(): Promise<void> {
    await this.table.waitFor();
    await this.table.locator('.mantine-LoadingOverlay-root').waitFor({ state: 'hidden' });
  }

  /** "Menampilkan 1–25 dari 401" → 401. */
  async total(): Promise<number> {
    const text = await this.summary.innerText();
    const match = /(?:dari|of)\s+([\d.,]+)/.exec(text);
    if (!match?.[1]) throw new Error(`No total in "${text}"`);
    return Number(match[1].replace(/[.,]/g, ''));
  }

  async rowNames(): Promise<string[]> {
    return this.table.locator('[data-row-key] a').allInnerTexts();
  }

  /** Runs `action` and waits until the table shows the list fetched with parameters that `accept` takes. */
  private async refetch(action: () => Promise<void>, accept: (params: URLSearchParams) => boolean) {
    await action();
    await waitForTableData(this.table, accept);
  }

  /** Types into the search box and waits until the list follows. */
  async search(q: string): Promise<void> {
    await this.refetch(
      () => this.searchBox.fill(q),
      (params) => (params.get('q') ?? '') === q.trim(),
    );
  }

  /** Picks a unit in the unit filter (a searchable tree select). */
  async filterByUnit(search: string, option: string): Promise<void> {
    await this.unitFilter.click();
    await this.unitFilter.fill(search);
    await this.refetch(
      () => this.page.getByRole('option').filter({ hasText: option }).first().click(),
      (params) => params.has('unitId'),
    );
  }

  async nextPage(): Promise<void> {
    await this.refetch(
      () => this.page.getByRole('button', { name: /^(Halaman berikutnya|Next page)$/ }).click(),
      (params) => params.has('page') && params.get('page') !== '1',
    );
  }

  async openEmployee(name: string): Promise<void> {
    await this.table.getByRole('link', { name, exact: true }).first().click();
    await this.page.waitForURL(/\/pegawai\/[0-9a-f-]{36}/);
  }

  /** Export menu → "Excel (.xlsx)"; resolves with the browser download. */
  async exportXlsx(): Promise<Download> {
    await this.page.getByRole('button', { name: /^(Ekspor|Export)$/ }).click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click(),
    ]);
    return download;
  }

  /** Opens "Tambah pegawai", fills the form and presses "Simpan" (does not wait for the outcome). */
  async addEmployee(e: NewEmployee): Promise<void> {
    if (!(await this.dialog.isVisible())) await this.addButton.click();
    const d = this.dialog;
    await d.getByRole('textbox', { name: 'NIP', exact: true }).fill(e.nip ?? '');
    await d.getByRole('textbox', { name: 'Nama (tanpa gelar)' }).fill(e.name);
    await d.getByRole('radio', { name: e.gender }).check();
    if (e.birthDate !== undefined) await d.getByRole('textbox', { name: 'Tanggal lahir' }).fill(e.birthDate);
    const unit = d.getByRole('textbox', { name: 'Unit kerja' });
    if (!(await unit.inputValue())) {
      await unit.click();
      await unit.fill(e.unitSearch);
      await this.page.getByRole('option').filter({ hasText: e.unitOption }).first().click();
    }
    await d.getByRole('textbox', { name: 'TMT' }).fill(e.activeFrom);
    await d.getByRole('button', { name: 'Simpan' }).click();
  }

  /** The error message Mantine shows under a field of the dialog. */
  fieldError(text: string): Locator {
    return this.dialog.getByText(text, { exact: true });
  }
}
