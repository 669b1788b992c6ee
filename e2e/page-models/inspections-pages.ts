import type { Locator, Page } from 'playwright-core';

/** /sidak/:id: an inspection worked from a phone — the roster's marks, a finding, the offline queue. */
export class SidakDetailPage {
  readonly page: Page;
  /** "N catatan menunggu sinkron" while marks or findings wait on the phone. */
  readonly queue: Locator;
  readonly offline: Locator;
  readonly findingNote: Locator;
  readonly saveFinding: Locator;
  readonly pendingFindings: Locator;

  constructor(page: Page) {
    this.page = page;
    this.queue = page.getByTestId('sidak-queue');
    this.offline = page.getByTestId('sidak-offline');
    this.findingNote = page.getByLabel('Uraian temuan');
    this.saveFinding = page.getByRole('button', { name: 'Simpan temuan' });
    this.pendingFindings = page.getByTestId('finding-pending');
  }

  async goto(id: string): Promise<this> {
    await this.page.goto(`/sidak/${id}`);
    await this.page.getByRole('heading', { name: 'Daftar pegawai' }).waitFor();
    return this;
  }

  /** The roster card of an employee. */
  row(employeeId: string): Locator {
    return this.page.getByTestId(`roster-${employeeId}`);
  }

  /** Marks an employee found ("Ada") or not ("Tidak ada") at their post. */
  async mark(name: string, found: boolean): Promise<void> {
    await this.page
      .getByRole('button', { name: `${found ? 'Ada' : 'Tidak ada'}: ${name}`, exact: true })
      .click();
  }

  /** Records a finding with a description (the single unit of the inspection is preselected). */
  async recordFinding(note: string): Promise<void> {
    await this.findingNote.fill(note);
    await this.saveFinding.click();
  }
}
