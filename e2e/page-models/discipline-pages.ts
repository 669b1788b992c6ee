import type { Locator, Page } from 'playwright-core';

/**
 * The discipline pages (issue 16) as a user works them, by role and label (Indonesian UI): the inbox, an
 * indication (open a case / dismiss), the case page (telaah, summons I, documents) and the cases list. A browser
 * test of "the superior opens a case from an indication, goes through telaah, issues summons I and opens its PDF":
 *
 *   const indication = await new DisciplineIndicationPage(page).goto(indicationId);
 *   const caseId = await indication.openCase();
 *   const kasus = new DisciplineCasePage(page);
 *   await kasus.telaah({ examiner: 'Atasan langsung', note: 'TK 3 hari tanpa keterangan.' });
 *   await kasus.waitForState('PEMANGGILAN');
 *   await kasus.summons({ examDate: '12/03/2027', place: 'Ruang rapat Sekretariat' });
 *   await kasus.waitForState('PANGGILAN_I');
 *   const pdf = await kasus.fetchDocument('PANGGILAN_I');   // { status, contentType, body }
 *   const tab = await kasus.openDocument('PANGGILAN_I');     // the PDF in a new tab
 */

/** Picks an option of a Mantine Select by its visible label (keyboard-free: the listbox shown by the click). */
async function pick(page: Page, scope: Locator, label: string | RegExp, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.locator('[role=listbox]:visible').getByRole('option', { name: option, exact: true }).click();
}

/** /disiplin/kotak-masuk: what waits for the signed-in user (items with their due dates, overdue first). */
export class DisciplineInboxPage {
  readonly page: Page;
  readonly root: Locator;
  readonly items: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('discipline-inbox');
    this.items = page.getByTestId('inbox-item');
  }

  async goto(): Promise<this> {
    await this.page.goto('/disiplin/kotak-masuk');
    await this.root.waitFor();
    return this;
  }

  /** An item by the id of its case / indication / salary stop / appeal. */
  item(id: string): Locator {
    return this.page.locator(`[data-testid="inbox-item"][data-id="${id}"]`);
  }

  /** The "Menunggu tindakan Anda" count. */
  async count(): Promise<number> {
    return Number(await this.page.getByTestId('inbox-count').getByTestId('value').innerText());
  }

  async open(id: string): Promise<void> {
    await this.item(id).click();
  }
}

/** /disiplin/indikasi: the list of indications (status "Baru" by default). */
export class DisciplineIndicationListPage {
  readonly page: Page;
  readonly table: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByTestId('indication-table');
  }

  async goto(): Promise<this> {
    await this.page.goto('/disiplin/indikasi');
    await this.table.waitFor();
    return this;
  }

  row(id: string): Locator {
    return this.page.locator(`[data-indication-id="${id}"]`);
  }

  /** The first indication of an employee shown in the list. */
  rowOfEmployee(employeeId: string): Locator {
    return this.page.locator(`[data-employee-id="${employeeId}"]`).first();
  }

  async open(id: string): Promise<DisciplineIndicationPage> {
    await this.row(id).click();
    const detail = new DisciplineIndicationPage(this.page);
    await detail.root.waitFor();
    return detail;
  }
}

/** /disiplin/indikasi/:id: the evidence, what the rules indicate, and "Buka kasus" / "Abaikan" for the superior. */
export class DisciplineIndicationPage {
  readonly page: Page;
  readonly root: Locator;
  readonly headline: Locator;
  readonly evidence: Locator;
  readonly openCaseButton: Locator;
  readonly dismissButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('indication-page');
    this.headline = this.root.getByTestId('indication-summary').getByTestId('indication-headline');
    this.evidence = page.getByTestId('indication-evidence');
    this.openCaseButton = page.getByTestId('indication-actions').getByRole('button', { name: 'Buka kasus' });
    this.dismissButton = page.getByTestId('indication-actions').getByRole('button', { name: 'Abaikan' });
  }

  async goto(id: string): Promise<this> {
    await this.page.goto(`/disiplin/indikasi/${id}`);
    await this.root.waitFor();
    return this;
  }

  /** The indication's status (BARU, DIPROSES, DIABAIKAN, DIGANTIKAN). */
  async status(): Promise<string | null> {
    return this.root.getAttribute('data-status');
  }

  /**
   * "Buka kasus": the dialog (optional summary, expected level), confirmed; the case page opens. Returns the case id.
   */
  async openCase(opts: { summary?: string; level?: 'Ringan' | 'Sedang' | 'Berat' } = {}): Promise<string> {
    await this.openCaseButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Buka kasus disiplin' });
    await dialog.waitFor();
    if (opts.summary) await dialog.getByLabel('Ringkasan').fill(opts.summary);
    if (opts.level) await pick(this.page, dialog, 'Perkiraan tingkat hukuman', opts.level);
    await dialog.getByRole('button', { name: 'Buka kasus' }).click();
    await this.page.waitForURL((url) => /^\/disiplin\/kasus\/[0-9a-f-]{36}$/.test(url.pathname));
    const caseId = new URL(this.page.url()).pathname.split('/').pop()!;
    await new DisciplineCasePage(this.page).root.waitFor();
    return caseId;
  }

  /** "Abaikan" with the required reason (at least 10 characters). */
  async dismiss(reason: string): Promise<void> {
    await this.dismissButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Abaikan indikasi' });
    await dialog.getByLabel('Alasan mengabaikan').fill(reason);
    await dialog.getByRole('button', { name: 'Abaikan indikasi' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}

/** /disiplin/kasus/:id: the case page (state, next step, the step forms open to the user, documents, timeline). */
export class DisciplineCasePage {
  readonly page: Page;
  readonly root: Locator;
  readonly number: Locator;
  readonly stepper: Locator;
  readonly nextStep: Locator;
  readonly actions: Locator;
  readonly documents: Locator;
  readonly timeline: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('case-page');
    this.number = page.getByTestId('case-page-number');
    this.stepper = page.getByTestId('case-stepper');
    this.nextStep = page.getByTestId('next-step');
    this.actions = page.getByTestId('case-actions');
    this.documents = page.getByTestId('case-documents');
    this.timeline = page.getByTestId('case-timeline');
  }

  async goto(id: string): Promise<this> {
    await this.page.goto(`/disiplin/kasus/${id}`);
    await this.root.waitFor();
    return this;
  }

  /** The case's state (TELAAH, PEMANGGILAN, PANGGILAN_I …). */
  async state(): Promise<string | null> {
    return this.root.getAttribute('data-state');
  }

  /** Waits until the page shows the case in `state` (after a step, the page is answered with the new view). */
  async waitForState(state: string, timeoutMs = 20_000): Promise<void> {
    await this.page
      .locator(`[data-testid="case-page"][data-state="${state}"]`)
      .waitFor({ timeout: timeoutMs });
  }

  /** Whether the next step is past its due date (shown in red with "Terlambat"). */
  async nextStepOverdue(): Promise<boolean> {
    return (await this.nextStep.getAttribute('data-overdue')) === 'true';
  }

  /**
   * The form of a step the server says is open to the user (its accordion item opened), by the step's action:
   * `telaah`, `formTeam`, `summon`, `recordAbsence`, `examine`, `relieve`, `report`, `decide`, `deliver`, `appeal`,
   * `decideAppeal`, `end`. The item's heading is the step's label ("Telaah dan penentuan pemeriksa" …).
   */
  async form(action: string): Promise<Locator> {
    const item = this.actions.getByTestId(`action-${action}`);
    const control = item.getByRole('button').first();
    await control.waitFor();
    if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
    const form = item.getByTestId(`action-form-${action}`);
    await form.waitFor();
    return form;
  }

  /** Telaah: the examiner ("Atasan langsung" / "Tim pemeriksa"), optionally the level, and the note. */
  async telaah(input: {
    examiner?: 'Atasan langsung' | 'Tim pemeriksa';
    level?: 'Ringan' | 'Sedang' | 'Berat';
    note: string;
  }): Promise<void> {
    const form = await this.form('telaah');
    if (input.level) await pick(this.page, form, 'Perkiraan tingkat hukuman', input.level);
    if (input.examiner) await form.getByText(input.examiner, { exact: true }).click(); // a segmented control
    await form.getByLabel('Catatan telaah').fill(input.note);
    await form.getByRole('button', { name: 'Simpan telaah' }).click();
  }

  /**
   * Summons I (or II): dates typed as dd/MM/yyyy; the letter number left empty (numbered when the PDF is issued).
   * `lateReason` is filled when the form asks for it (a date past the limit).
   */
  async summons(input: {
    examDate: string;
    place: string;
    letterDate?: string;
    time?: string;
    letterNumber?: string;
    lateReason?: string;
  }): Promise<void> {
    const form = await this.form('summon');
    if (input.letterNumber) await form.getByLabel('Nomor surat').fill(input.letterNumber);
    if (input.letterDate) await form.getByLabel('Tanggal surat').fill(input.letterDate);
    await form.getByLabel('Tanggal pemeriksaan').fill(input.examDate);
    if (input.time) await form.getByLabel('Jam (HH:mm)').fill(input.time);
    await form.getByLabel('Tempat pemeriksaan').fill(input.place);
    const late = form.getByLabel('Alasan melewati batas waktu');
    if (input.lateReason && (await late.isVisible())) await late.fill(input.lateReason);
    await form.getByRole('button', { name: /^Terbitkan panggilan (I|II)$/ }).click();
  }

  /**
   * After the server refused the examination date of a summons (the limit shown in red, `refusedLimit()`): another
   * examination date (dd/MM/yyyy), sent again without a reason for lateness.
   */
  async retrySummonsDate(examDate: string): Promise<void> {
    const form = await this.form('summon');
    await form.getByLabel('Tanggal pemeriksaan').fill(examDate);
    await form.getByRole('button', { name: /^Terbitkan panggilan (I|II)$/ }).click();
  }

  /**
   * After the server refused a date outside the rulebook's limit (the limit shown in red, `refusedLimit()`): the
   * reason for the delay, and the step sent again.
   */
  async giveLateReason(action: string, reason: string): Promise<void> {
    const form = await this.form(action);
    const field = form.getByLabel('Alasan melewati batas waktu');
    await field.waitFor();
    await field.fill(reason);
    await form.locator('button[type=submit]').click();
  }

  /** The limit the server named when it refused a date (its `data-limit-date`, YYYY-MM-DD), once shown. */
  async refusedLimit(): Promise<string | null> {
    const notice = this.actions.getByTestId('refused-limit');
    await notice.waitFor();
    return notice.getAttribute('data-limit-date');
  }

  /** The "reason for lateness" field, shown when a date is past its limit or the server asked for it. */
  lateReasonField(): Locator {
    return this.actions.getByLabel('Alasan melewati batas waktu');
  }

  /** A generated document's row (PANGGILAN_I, PANGGILAN_II, SK_TIM, BAP, LHP, SK_HUKDIS, BA_PENYAMPAIAN). */
  document(kind: string): Locator {
    return this.documents.locator(`[data-testid="generated-document"][data-kind="${kind}"]`);
  }

  /** Waits until the document can be generated (its data exists) and answers its PDF address. */
  async documentHref(kind: string): Promise<string> {
    const row = this.page.locator(
      `[data-testid="generated-document"][data-kind="${kind}"][data-available="true"]`,
    );
    await row.waitFor();
    return (await row.getByRole('link').getAttribute('href'))!;
  }

  /** "Buat PDF" / "Buka PDF": the PDF opens in a new tab; answers that tab once it has loaded. */
  async openDocument(kind: string): Promise<Page> {
    await this.documentHref(kind);
    const [tab] = await Promise.all([
      this.page.context().waitForEvent('page'),
      this.document(kind).getByRole('link').click(),
    ]);
    await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
    return tab;
  }

  /** The PDF as the user's session gets it (status, content type, bytes), to read its text in a test. */
  async fetchDocument(kind: string): Promise<{ status: number; contentType: string; body: Buffer }> {
    const href = await this.documentHref(kind);
    const res = await this.page.request.get(href);
    return { status: res.status(), contentType: res.headers()['content-type'] ?? '', body: await res.body() };
  }

  /** The letter number shown for a generated document once issued. */
  async letterNumber(kind: string): Promise<string> {
    return this.document(kind).getByTestId('letter-number').innerText();
  }

  /** The actions of the timeline, newest first (open, telaah, summon …). */
  async timelineActions(): Promise<string[]> {
    return this.timeline
      .getByTestId('timeline-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
  }
}

/** /disiplin/kasus: the registry of cases with its filters and export. */
export class DisciplineCaseListPage {
  readonly page: Page;
  readonly table: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByTestId('case-table');
  }

  async goto(query = ''): Promise<this> {
    await this.page.goto(`/disiplin/kasus${query}`);
    await this.table.waitFor();
    return this;
  }

  row(caseId: string): Locator {
    return this.page.locator(`[data-case-id="${caseId}"]`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Cari nama, NIP atau nomor kasus' }).fill(text);
  }
}

/** /disiplin/dasbor: the registry and dashboard for BKD, the Inspektorat and the Sekda (figures, charts, exports). */
export class DisciplineDashboardPage {
  readonly page: Page;
  readonly root: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('discipline-dashboard');
  }

  async goto(): Promise<this> {
    await this.page.goto('/disiplin/dasbor');
    await this.root.waitFor();
    return this;
  }

  /** A headline figure (`open`, `overdue`, `in-force`, `share`) as shown. */
  async figure(name: 'open' | 'overdue' | 'in-force' | 'share'): Promise<string> {
    return this.page.getByTestId(`figure-${name}`).getByTestId('value').innerText();
  }

  /** A chart card (`share`, `stages`, `levels`, `age`) once its SVG is drawn. */
  async chart(name: 'share' | 'stages' | 'levels' | 'age'): Promise<Locator> {
    const card = this.page.getByTestId(`chart-${name}`);
    await card.locator('svg.recharts-surface').first().waitFor();
    return card;
  }

  /** "Ekspor" → the per-OPD registry in a format: answers the downloaded file's path. */
  async exportRegistry(format: 'XLSX' | 'CSV'): Promise<string> {
    await this.page.getByTestId('registry-export').click();
    const menu = this.page.getByRole('menu');
    const item = menu.getByRole('menuitem', { name: format, exact: true }).first();
    const [download] = await Promise.all([this.page.waitForEvent('download'), item.click()]);
    return download.path();
  }
}
