import type { Locator, Page } from 'playwright-core';

/** /pengawasan-pemilu: a watch period, an OPD's daily absence list and the head's acknowledgement. */
export class ElectionWatchPage {
  readonly page: Page;
  readonly period: Locator;
  readonly opd: Locator;
  readonly note: Locator;
  readonly confirmButton: Locator;
  /** The acknowledgement's state badge and text ("Dikonfirmasi tepat waktu", "Menunggu konfirmasi" …). */
  readonly ackState: Locator;
  readonly report: Locator;

  constructor(page: Page) {
    this.page = page;
    this.period = page.getByRole('combobox', { name: 'Masa pengawasan' });
    this.opd = page.getByRole('combobox', { name: 'OPD' });
    this.note = page.getByLabel('Catatan (opsional)');
    this.confirmButton = page.getByRole('button', { name: 'Saya telah memeriksa daftar ini' });
    this.ackState = page.getByText(
      /^(Dikonfirmasi tepat waktu|Dikonfirmasi terlambat|Menunggu konfirmasi|Tidak dikonfirmasi)$/,
    );
    this.report = page.getByRole('heading', { name: 'Laporan masa pengawasan' });
  }

  async goto(): Promise<this> {
    await this.page.goto('/pengawasan-pemilu');
    await this.page.getByRole('heading', { name: 'Pengawasan masa pemilu' }).waitFor();
    return this;
  }

  /** The head confirms they checked the day's list, with a note. */
  async acknowledge(note: string): Promise<void> {
    await this.note.fill(note);
    await this.confirmButton.click();
    await this.page.getByText('Dikonfirmasi tepat waktu').waitFor();
  }
}
