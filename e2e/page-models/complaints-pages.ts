import type { Locator, Page } from 'playwright-core';

/** /lapor: the public complaint form (no account) and the tracking code it shows once sent. */
export class LaporPage {
  readonly page: Page;
  readonly category: Locator;
  readonly unit: Locator;
  readonly title: Locator;
  readonly description: Locator;
  readonly reporterName: Locator;
  readonly reporterContact: Locator;
  readonly submitButton: Locator;
  /** The tracking code shown after sending. */
  readonly code: Locator;
  readonly trackButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.category = page.getByRole('combobox', { name: /^Jenis pengaduan/ });
    this.unit = page.getByRole('combobox', { name: /^Unit kerja yang diadukan/ });
    this.title = page.getByLabel('Judul singkat');
    this.description = page.getByLabel('Uraian kejadian');
    this.reporterName = page.getByLabel('Nama', { exact: true });
    this.reporterContact = page.getByLabel('Telepon atau surel');
    this.submitButton = page.getByRole('button', { name: 'Kirim pengaduan' });
    this.code = page.getByTestId('tracking-code');
    this.trackButton = page.getByRole('link', { name: 'Lacak pengaduan' });
  }

  async goto(): Promise<this> {
    await this.page.goto('/lapor');
    await this.submitButton.waitFor();
    return this;
  }

  /** Fills the form as a citizen does and sends it; resolves with the tracking code shown. */
  async file(input: {
    category: string;
    unit: string;
    title: string;
    description: string;
    reporterName?: string;
    reporterContact?: string;
  }): Promise<string> {
    await this.category.click();
    await this.page
      .locator('[role=listbox]:visible')
      .getByRole('option', { name: input.category, exact: true })
      .click();
    await this.unit.fill(input.unit);
    await this.page
      .locator('[role=listbox]:visible')
      .getByRole('option', { name: input.unit, exact: true })
      .click();
    await this.title.fill(input.title);
    await this.description.fill(input.description);
    if (input.reporterName) await this.reporterName.fill(input.reporterName);
    if (input.reporterContact) await this.reporterContact.fill(input.reporterContact);
    await this.submitButton.click();
    await this.code.waitFor();
    return (await this.code.innerText()).trim();
  }
}

/** /lapor/lacak: the public tracking page. */
export class LacakPage {
  readonly page: Page;
  readonly code: Locator;
  readonly searchButton: Locator;
  readonly result: Locator;
  readonly answer: Locator;

  constructor(page: Page) {
    this.page = page;
    this.code = page.getByLabel('Kode pelacakan');
    this.searchButton = page.getByRole('button', { name: 'Lihat status' });
    this.result = page.getByTestId('tracking-result');
    this.answer = page.getByTestId('tracking-answer');
  }

  async goto(): Promise<this> {
    await this.page.goto('/lapor/lacak');
    await this.code.waitFor();
    return this;
  }

  /** Types a code and looks it up; resolves when the result card is shown. */
  async track(code: string): Promise<void> {
    await this.code.fill(code);
    await this.searchButton.click();
    await this.result.waitFor();
  }
}

/** /pengaduan: the officials' list and one complaint in its drawer. */
export class ComplaintsPage {
  readonly page: Page;
  readonly detail: Locator;
  readonly answer: Locator;
  readonly sendAnswer: Locator;
  readonly reporter: Locator;

  constructor(page: Page) {
    this.page = page;
    this.detail = page.getByTestId('complaint-detail');
    this.answer = page.getByLabel('Jawaban (dilihat pelapor)');
    this.sendAnswer = page.getByRole('button', { name: 'Kirim jawaban' });
    this.reporter = page.getByTestId('reporter');
  }

  /** Opens one complaint (the notification's link). */
  async open(id: string): Promise<this> {
    await this.page.goto(`/pengaduan?id=${id}`);
    await this.detail.waitFor();
    return this;
  }

  async answerWith(text: string): Promise<void> {
    await this.answer.fill(text);
    await this.sendAnswer.click();
    await this.detail.getByText('Dijawab', { exact: true }).first().waitFor();
  }
}
