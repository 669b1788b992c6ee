import type { Locator, Page } from 'playwright-core';

/** /login: the sign-in form, its error alert and the "session ended" notice. */
export class LoginPage {
  readonly page: Page;
  readonly identifier: Locator;
  readonly password: Locator;
  readonly submitButton: Locator;
  /** The error shown after a failed sign-in (role=alert). */
  readonly error: Locator;
  /** The yellow notice after a session expired (role=status). */
  readonly sessionNotice: Locator;

  constructor(page: Page) {
    this.page = page;
    this.identifier = page.getByLabel('NIP atau nama pengguna');
    this.password = page.getByLabel(/^Kata sandi/);
    this.submitButton = page.getByRole('button', { name: 'Masuk', exact: true });
    this.error = page.getByRole('alert');
    this.sessionNotice = page.getByRole('status').filter({ hasText: 'Sesi Anda telah berakhir' });
  }

  async goto(): Promise<this> {
    await this.page.goto('/login');
    await this.identifier.waitFor();
    return this;
  }

  /** Fills the form and submits; does not wait for the outcome. */
  async login(user: string, password: string): Promise<void> {
    await this.identifier.fill(user);
    await this.password.fill(password);
    await this.submitButton.click();
  }

  async isVisible(): Promise<boolean> {
    return this.submitButton.isVisible();
  }
}
