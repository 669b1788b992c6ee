import type { Locator, Page } from 'playwright-core';

/** /presensi/kios (admin opens a kiosk) and /kiosk/:id (the public screen with the rotating QR code). */
export class KioskPages {
  readonly page: Page;
  readonly openButton: Locator;
  readonly qr: Locator;
  readonly countdown: Locator;
  readonly unitName: Locator;

  constructor(page: Page) {
    this.page = page;
    this.openButton = page.getByTestId('open-kiosk');
    this.qr = page.getByTestId('kiosk-qr');
    this.countdown = page.getByTestId('kiosk-countdown');
    this.unitName = page.getByTestId('kiosk-unit');
  }

  /** Opens a kiosk for the unit (pre-selected through the address) and waits for the kiosk screen. */
  async open(unitId: string): Promise<void> {
    await this.page.goto(`/presensi/kios?unitId=${unitId}`);
    await this.openButton.click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/kiosk/'));
    await this.qr.waitFor();
  }

  /** The code the QR element shows now (its `data-code`), waiting while it is blank between two codes. */
  async currentCode(): Promise<string> {
    await this.page.locator('[data-testid="kiosk-qr"]:not([data-code=""])').waitFor();
    return (await this.qr.getAttribute('data-code')) ?? '';
  }
}
