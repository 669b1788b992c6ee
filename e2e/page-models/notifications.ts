import type { Locator, Page } from 'playwright-core';

/** The bell in the header (unread count, latest notifications) and the notification centre /notifikasi. */
export class NotificationCentre {
  readonly page: Page;
  readonly bell: Locator;
  readonly popover: Locator;
  readonly items: Locator;

  constructor(page: Page) {
    this.page = page;
    this.bell = page.getByTestId('notification-bell');
    this.popover = page.getByTestId('notification-popover');
    this.items = page.getByTestId('notification-item');
  }

  /** The unread count on the bell (0 when no badge is shown). */
  async unread(): Promise<number> {
    const badge = this.page.getByTestId('notification-count');
    if ((await badge.count()) === 0 || !(await badge.isVisible())) return 0;
    return Number(await badge.getAttribute('data-count'));
  }

  /** Opens the bell's list and resolves with the text of each notification shown, newest first. */
  async openBell(): Promise<string[]> {
    await this.bell.click();
    await this.popover.waitFor();
    await this.popover.getByTestId('notification-item').first().waitFor();
    return this.popover.getByTestId('notification-item').allInnerTexts();
  }

  /** Clicks the notification with this title in the bell's list (the app opens the item it links to). */
  async follow(title: string): Promise<void> {
    await this.popover.getByTestId('notification-item').filter({ hasText: title }).first().click();
  }
}
