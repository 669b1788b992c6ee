import type { Download, Locator, Page } from 'playwright-core';

/** What the employee types in the request form; dates as dd/MM/yyyy, as a user types them. */
export interface LeaveRequestInput {
  /** Visible option text of the type select, e.g. 'Cuti tahunan'. */
  type: string;
  from: string;
  to: string;
  reason: string;
  address?: string;
  /** A file to attach (path on disk). */
  attachmentPath?: string;
}

/** /cuti: balance card, request form with the live preview, own requests (cancel, letter PDF). */
export class CutiPage {
  readonly page: Page;
  readonly balance: Locator;
  readonly preview: Locator;
  readonly mine: Locator;
  readonly items: Locator;

  constructor(page: Page) {
    this.page = page;
    this.balance = page.getByTestId('leave-balance');
    this.preview = page.getByTestId('leave-preview');
    this.mine = page.getByTestId('leave-mine');
    this.items = page.getByTestId('leave-item');
  }

  async goto(): Promise<this> {
    await this.page.goto('/cuti');
    await this.page.getByTestId('leave-submit').waitFor();
    return this;
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid="leave-item"][data-leave-id="${id}"]`);
  }

  /** The remaining annual-leave days shown on the balance card. */
  async remaining(): Promise<number> {
    return Number(await this.balance.getByTestId('balance-remaining').innerText());
  }

  /**
   * Fills and sends the request form; waits for the preview (working days counted) before sending and for
   * the new request in "my requests". Returns the new request's id.
   */
  async requestLeave(input: LeaveRequestInput): Promise<string> {
    const main = this.page.getByRole('main');
    await main.getByTestId('leave-type').click();
    await this.page.getByRole('option', { name: new RegExp(`^${input.type}`) }).click();
    await main.getByLabel(/^(Mulai tanggal|From)/).fill(input.from);
    await main.getByLabel(/^(Sampai tanggal|To)/).fill(input.to);
    await this.preview.waitFor();
    await main.getByTestId('leave-reason').fill(input.reason);
    if (input.address) await main.getByTestId('leave-address').fill(input.address);
    if (input.attachmentPath) await main.locator('input[type="file"]').setInputFiles(input.attachmentPath);
    const created = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/leave/requests') && r.request().method() === 'POST',
    );
    await this.page.getByTestId('leave-submit').click();
    const response = await created;
    if (response.status() !== 201)
      throw new Error(`leave request failed: ${response.status()} ${await response.text()}`);
    const id = ((await response.json()) as { id: string }).id;
    await this.item(id).waitFor();
    return id;
  }

  /** The state shown on a request (DIAJUKAN, DISETUJUI_ATASAN, DISETUJUI, DITOLAK, DIBATALKAN). */
  async status(id: string): Promise<string | null> {
    return this.item(id).getByTestId('leave-status').getAttribute('data-status');
  }

  async cancel(id: string, reason = ''): Promise<void> {
    await this.item(id).getByTestId('leave-cancel').click();
    const dialog = this.page.getByRole('dialog');
    if (reason) await dialog.getByTestId('leave-cancel-reason').fill(reason);
    await dialog.getByTestId('leave-cancel-submit').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Downloads the leave letter PDF of an approved request. */
  async downloadLetter(id: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.item(id).getByTestId('leave-letter').click();
    return download;
  }
}

/** /cuti/persetujuan: requests waiting for the signed-in superior / PyBMC, approve or reject with a note. */
export class CutiApprovalPage {
  readonly page: Page;
  readonly inbox: Locator;
  readonly empty: Locator;

  constructor(page: Page) {
    this.page = page;
    this.inbox = page.getByTestId('leave-inbox');
    this.empty = page.getByTestId('empty-state');
  }

  async goto(): Promise<this> {
    await this.page.goto('/cuti/persetujuan');
    await this.page.locator('[data-testid="leave-inbox"], [data-testid="empty-state"]').first().waitFor();
    return this;
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid="leave-item"][data-leave-id="${id}"]`);
  }

  /** Approves a request (optional note) and waits until it leaves the inbox. */
  async approve(id: string, note = ''): Promise<void> {
    await this.decide(id, 'leave-approve', note);
  }

  /** Rejects a request with the reason shown to the employee. */
  async reject(id: string, note: string): Promise<void> {
    await this.decide(id, 'leave-reject', note);
  }

  /** As PyBMC: cancels an approved leave from the "granted by me" tab, with the reason shown to the employee. */
  async cancelGranted(id: string, reason: string): Promise<void> {
    await this.page.getByRole('tab', { name: /^(Telah saya setujui|Granted by me)$/ }).click();
    const item = this.item(id);
    await item.getByTestId('leave-cancel').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('leave-note').fill(reason);
    await dialog.getByTestId('leave-decision-submit').click();
    await item.waitFor({ state: 'detached' });
  }

  private async decide(id: string, button: string, note: string): Promise<void> {
    const item = this.item(id);
    await item.getByTestId(button).click();
    const dialog = this.page.getByRole('dialog');
    if (note) await dialog.getByTestId('leave-note').fill(note);
    await dialog.getByTestId('leave-decision-submit').click();
    await item.waitFor({ state: 'detached' });
  }
}
