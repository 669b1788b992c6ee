import type { Locator, Page } from 'playwright-core';

/** A file handed to a file input: name, declared type and bytes. */
export interface FileUpload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * /pengaturan/dokumen (BKD): the "Kop surat" tab (a unit's or the region's letterhead, its logo, the preview) and
 * the "Penomoran surat" tab (letter-number schemes as a table, added and changed in a dialog).
 */
export class DokumenPage {
  readonly page: Page;
  readonly letterheadForm: Locator;
  readonly letterheadPreview: Locator;
  readonly logoCard: Locator;
  readonly logoStatus: Locator;
  readonly logoImage: Locator;
  readonly schemeTable: Locator;
  readonly schemeRows: Locator;
  readonly dialog: Locator;
  readonly preview: Locator;
  readonly previewProblem: Locator;
  readonly patternError: Locator;

  constructor(page: Page) {
    this.page = page;
    this.letterheadForm = page.getByTestId('letterhead-form');
    this.letterheadPreview = page.getByTestId('letterhead-preview');
    this.logoCard = page.getByTestId('letterhead-logo');
    this.logoStatus = page.getByTestId('letterhead-logo-status');
    this.logoImage = page.getByTestId('letterhead-logo-image');
    this.schemeTable = page.getByTestId('scheme-table');
    this.schemeRows = page.getByTestId('scheme-row');
    this.dialog = page.getByRole('dialog');
    this.preview = this.dialog.getByTestId('scheme-preview');
    this.previewProblem = this.dialog.getByTestId('scheme-preview-problem');
    this.patternError = this.dialog.getByTestId('scheme-pattern-error');
  }

  /** Opens the letterhead tab (region's letterhead) and waits for its form. */
  async goto(): Promise<this> {
    await this.page.goto('/pengaturan/dokumen');
    await this.letterheadForm.waitFor();
    return this;
  }

  /** Waits until the page is on screen after a client-side navigation. */
  async waitUntilShown(): Promise<this> {
    await this.page.waitForURL((u) => u.pathname === '/pengaturan/dokumen');
    await this.letterheadForm.waitFor();
    return this;
  }

  /** Picks a unit in a searchable unit tree select (its option reads "Name (CODE)"). */
  private async pickUnit(select: Locator, search: string, code: string): Promise<void> {
    await select.click();
    await select.fill(search);
    await this.page
      .getByRole('option')
      .filter({ hasText: `(${code})` })
      .first()
      .click();
  }

  /** The letterhead of a unit instead of the region's; waits for its form. */
  async chooseLetterheadUnit(search: string, code: string): Promise<void> {
    await this.pickUnit(this.page.getByTestId('letterhead-unit'), search, code);
    // The unit's form replaces the region's once the navigation has rendered.
    await this.page.locator('[data-testid="letterhead-form"]:not([data-unit="region"])').waitFor();
  }

  /** Fills the letterhead's lines (only those given) and saves; waits for the confirmation. */
  async saveLetterhead(lines: {
    regionName?: string;
    agencyName?: string;
    address?: string;
    contact?: string;
  }): Promise<void> {
    const f = this.letterheadForm;
    if (lines.regionName !== undefined)
      await f.getByRole('textbox', { name: 'Nama pemerintah daerah' }).fill(lines.regionName);
    if (lines.agencyName !== undefined)
      await f.getByRole('textbox', { name: 'Nama instansi' }).fill(lines.agencyName);
    if (lines.address !== undefined) await f.getByRole('textbox', { name: 'Alamat' }).fill(lines.address);
    if (lines.contact !== undefined) await f.getByRole('textbox', { name: 'Kontak' }).fill(lines.contact);
    await this.page.getByTestId('letterhead-save').click();
    await this.page.getByText('Kop surat disimpan.').waitFor();
  }

  /** Chooses a logo file and uploads it; does not wait for the outcome. */
  async uploadLogo(file: FileUpload): Promise<void> {
    await this.page.getByTestId('letterhead-logo-input').setInputFiles(file);
    await this.page.getByTestId('letterhead-logo-upload').click();
  }

  /** The refusal shown in the logo card (the server's reason). */
  logoError(): Locator {
    return this.logoCard.getByTestId('error-state');
  }

  /** Switches to the letter-number tab and waits for its table (or its empty state). */
  async openNumbering(): Promise<void> {
    await this.page.getByTestId('documents-tab-penomoran').click();
    await this.schemeTable.waitFor();
  }

  /** Opens the dialog for a new scheme. */
  async addScheme(): Promise<void> {
    await this.page.getByTestId('scheme-add').click();
    await this.dialog.getByTestId('scheme-form').waitFor();
  }

  /** Opens the dialog of the scheme shown in the row of a unit. */
  async editScheme(unitId: string): Promise<void> {
    await this.schemeRow(unitId).getByTestId('scheme-edit').click();
    await this.dialog.getByTestId('scheme-form').waitFor();
  }

  schemeRow(unitId: string): Locator {
    return this.page.locator(`[data-testid="scheme-row"][data-unit-id="${unitId}"]`);
  }

  /** Fills the open dialog (only the fields given). */
  async fillScheme(s: {
    unit?: { search: string; code: string };
    pattern?: string;
    classificationCode?: string;
    unitCode?: string;
    digits?: number;
  }): Promise<void> {
    if (s.unit) await this.pickUnit(this.dialog.getByTestId('scheme-unit'), s.unit.search, s.unit.code);
    if (s.pattern !== undefined) await this.dialog.getByTestId('scheme-pattern').fill(s.pattern);
    if (s.classificationCode !== undefined)
      await this.dialog.getByTestId('scheme-classification').fill(s.classificationCode);
    if (s.unitCode !== undefined) await this.dialog.getByTestId('scheme-unit-code').fill(s.unitCode);
    if (s.digits !== undefined) await this.dialog.getByTestId('scheme-digits').fill(String(s.digits));
  }

  /** Saves the dialog; does not wait for the outcome. */
  async submitScheme(): Promise<void> {
    await this.dialog.getByTestId('scheme-save').click();
  }
}
