import type { Download, Locator, Page } from 'playwright-core';
import { formatMonthId } from '../../src/core/common/date-text.ts';

/**
 * The TPP pages (issue 17) as their users work them, by test id (Indonesian UI): the runs with the "Hitung TPP" form
 * (admin OPD), a run with its steps and finance downloads (admin OPD, the head of the OPD, BKD, the treasurer), my
 * TPP with an objection to one line (the employee), the objections inbox (the superior, BKD).
 *
 *   const runs = await new TppRunsPage(page).goto();
 *   const runId = await runs.compute('BAPENDA', '2027-02');
 *   const run = new TppRunPage(page);
 *   await run.step('check');                       // confirmed in the dialog; waits for the new status
 *   const file = await run.downloadNominative();   // the XLSX as a Download
 */

/** "Februari 2027" for 2027-02, as the month pickers label it. */
export const monthLabelId = formatMonthId;

/** Fills a TextAreaField by its test id (on the textarea itself, or on a wrapper around it). */
async function fillArea(field: Locator, text: string): Promise<void> {
  const own = (await field.first().evaluate((el) => el.tagName)) === 'TEXTAREA';
  await (own ? field.first() : field.first().locator('textarea').first()).fill(text);
}

/** The status each step leads to (core/tpp/run-machine.ts). */
const STATUS_AFTER = {
  check: 'DIPERIKSA',
  publish: 'DIUMUMKAN',
  approveOpd: 'DISETUJUI_OPD',
  approve: 'DISETUJUI',
  lock: 'DIKUNCI',
} as const;

/** /tpp/proses: the runs in scope, and "Hitung TPP" for admin OPD / BKD. */
export class TppRunsPage {
  readonly page: Page;
  readonly table: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByTestId('tpp-runs-table');
  }

  async goto(): Promise<this> {
    await this.page.goto('/tpp/proses');
    await this.table.waitFor();
    return this;
  }

  /** Computes the month of the unit (picked by its code in the unit tree) and returns the new run's id. */
  async compute(unitCode: string, month: string): Promise<string> {
    const form = this.page.getByTestId('tpp-compute');
    const unit = form.getByTestId('tpp-compute-unit');
    await unit.click();
    await unit.fill(unitCode);
    await this.page
      .getByRole('option')
      .filter({ hasText: `(${unitCode})` })
      .first()
      .click();
    const monthSelect = form.getByTestId('tpp-compute-month');
    if ((await monthSelect.inputValue()) !== monthLabelId(month)) {
      await monthSelect.click();
      await this.page
        .locator('[role=listbox]:visible')
        .getByRole('option', { name: monthLabelId(month), exact: true })
        .click();
    }
    await form.getByTestId('tpp-compute-submit').click();
    await this.page.waitForURL(/\/tpp\/proses\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    return this.page.url().split('/').at(-1)!;
  }

  /** Opens a run by clicking its row. */
  async open(runId: string): Promise<TppRunPage> {
    await this.table.locator(`[data-run-id="${runId}"]`).first().click();
    const run = new TppRunPage(this.page);
    await run.root.waitFor();
    return run;
  }
}

/** /tpp/proses/:id: one run. */
export class TppRunPage {
  readonly page: Page;
  readonly root: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('tpp-run');
  }

  async goto(runId: string): Promise<this> {
    await this.page.goto(`/tpp/proses/${runId}`);
    await this.root.waitFor();
    return this;
  }

  status(): Promise<string | null> {
    return this.root.getAttribute('data-status');
  }

  /** Takes a step: its button, the confirmation, then waits until the page shows the status it leads to. */
  async step(action: keyof typeof STATUS_AFTER): Promise<void> {
    await this.page.getByTestId(`tpp-step-${action}`).click();
    await this.page.getByTestId('tpp-confirm-submit').click();
    await this.page
      .locator(`[data-testid="tpp-run"][data-status="${STATUS_AFTER[action]}"]`)
      .waitFor({ timeout: 30_000 });
  }

  /** The nominative list (XLSX) as the browser downloads it. */
  async downloadNominative(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('tpp-nominative-xlsx').click(),
    ]);
    return download;
  }
}

/** /tpp: my TPP of a month, with an objection to one of its lines. */
export class MyTppPage {
  readonly page: Page;
  readonly line: Locator;

  constructor(page: Page) {
    this.page = page;
    this.line = page.getByTestId('tpp-line');
  }

  async goto(): Promise<this> {
    await this.page.goto('/tpp');
    await this.line.first().waitFor();
    return this;
  }

  /** Objects to a line of the kind (EXCLUSION, KINERJA, DEDUCTION …) with a reason; waits until it is pending. */
  async object(kind: string, reason: string): Promise<void> {
    await this.page.locator(`[data-testid="objection-file-button"][data-kind="${kind}"]`).first().click();
    const form = this.page.getByTestId('objection-form');
    await fillArea(form.getByTestId('objection-reason'), reason);
    await form.getByTestId('objection-submit').click();
    await this.page.getByTestId('objection-pending').first().waitFor();
  }
}

/** /tpp/keberatan: the objections waiting for the signed-in superior / BKD. */
export class ObjectionInboxPage {
  readonly page: Page;
  readonly root: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('tpp-objection-inbox');
  }

  async goto(): Promise<this> {
    await this.page.goto('/tpp/keberatan');
    await this.root.waitFor();
    return this;
  }

  /** Upholds the objection (by id) with a note; returns its item. */
  async uphold(objectionId: string, note: string): Promise<Locator> {
    const item = this.root.locator(`[data-testid="objection"][data-objection-id="${objectionId}"]`).first();
    await item.getByTestId('objection-accept').click();
    await fillArea(this.page.getByTestId('objection-note'), note);
    await this.page.getByTestId('objection-decide-submit').click();
    return item;
  }
}
