import type { Locator, Page } from 'playwright-core';

/**
 * /presensi: device registration, the live camera, location status, the big check-in/out button, the
 * offline queue, the QR mode (with the test-only code input of `?debugQr=1`), today's status and history.
 */
export class PresensiPage {
  readonly page: Page;
  readonly root: Locator;
  readonly deviceCard: Locator;
  readonly registerButton: Locator;
  readonly camera: Locator;
  readonly location: Locator;
  readonly punchButton: Locator;
  /** The outcome of the last punch; `data-verdict` is ACCEPTED, FLAGGED, REJECTED, QUEUED or ERROR. */
  readonly result: Locator;
  readonly connection: Locator;
  readonly queue: Locator;
  readonly queueItems: Locator;
  readonly todayStatus: Locator;
  readonly todayPunches: Locator;
  readonly history: Locator;
  readonly debugQrInput: Locator;
  readonly debugQrSubmit: Locator;
  /** What the server will decide before the punch (`data-verdict`, `data-reasons`), with the next steps. */
  readonly guidance: Locator;
  /** The notice shown over plain HTTP (not localhost). */
  readonly httpsNotice: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('presensi-page');
    this.deviceCard = page.getByTestId('device-card');
    this.registerButton = page.getByTestId('register-device');
    this.camera = page.getByTestId('camera');
    this.location = page.getByTestId('location-status');
    this.punchButton = page.getByTestId('punch-button');
    this.result = page.getByTestId('punch-result');
    this.connection = page.getByTestId('connection-badge');
    this.queue = page.getByTestId('punch-queue');
    this.queueItems = page.getByTestId('queue-item');
    this.todayStatus = page.getByTestId('today-status');
    this.todayPunches = page.getByTestId('today-punches').getByTestId('punch-card');
    this.history = page.getByTestId('punch-history').getByTestId('punch-card');
    this.debugQrInput = page.getByTestId('debug-qr-input');
    this.debugQrSubmit = page.getByTestId('debug-qr-submit');
    this.guidance = page.getByTestId('punch-guidance');
    this.httpsNotice = page.getByTestId('https-notice');
  }

  async goto(options: { debugQr?: boolean } = {}): Promise<this> {
    await this.page.goto(options.debugQr ? '/presensi?debugQr=1' : '/presensi');
    await this.root.waitFor();
    return this;
  }

  /** Registers this browser as the employee's device when the page asks for it. */
  async registerDeviceIfAsked(): Promise<void> {
    await this.page
      .locator('[data-testid="punch-button"], [data-testid="device-card"], [data-testid="mode-switch"]')
      .first()
      .waitFor();
    if (await this.registerButton.isVisible()) {
      await this.registerButton.click();
      await this.page.getByTestId('mode-switch').waitFor();
    }
  }

  /** Waits until the camera runs and a location fix is shown (the button is then enabled). */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="camera"][data-status="ready"]').waitFor();
    await this.page.locator('[data-testid="location-status"][data-status="ready"]').waitFor();
  }

  /** The result of the next attempt (each punch or scan numbers its result with `data-attempt`). */
  private async nextResult(action: () => Promise<void>): Promise<string> {
    const before = Number(await this.page.getByTestId('presensi-body').getAttribute('data-attempts'));
    await action();
    const result = this.page.locator(`[data-testid="punch-result"][data-attempt="${before + 1}"]`);
    await result.waitFor();
    return (await result.getAttribute('data-verdict')) ?? '';
  }

  /** Presses the big button; resolves with the verdict shown (ACCEPTED, FLAGGED, REJECTED, QUEUED, ERROR). */
  async punch(): Promise<string> {
    return this.nextResult(() => this.punchButton.click());
  }

  async useQrMode(): Promise<void> {
    await this.page.getByTestId('mode-switch').getByText('Pindai QR', { exact: true }).click();
    await this.page.getByTestId('qr-hint').waitFor();
  }

  /** Sends a kiosk code through the scanner's own code path (the test input shown with `?debugQr=1`). */
  async scanCode(code: string): Promise<string> {
    await this.debugQrInput.fill(code);
    return this.nextResult(() => this.debugQrSubmit.click());
  }

  /** The `data-state` of every queue row (waiting, sending, retry, auth, sent, failed, duplicate). */
  async queueStates(): Promise<string[]> {
    return this.queueItems.evaluateAll((els) => els.map((el) => el.getAttribute('data-state') ?? ''));
  }

  /** The link of a next step (DINAS_LUAR, CORRECTION) offered by the guidance or the last result. */
  nextStep(step: 'DINAS_LUAR' | 'CORRECTION', within: Locator = this.guidance): Locator {
    return within.getByTestId(`next-step-${step}`);
  }

  /** The reason texts shown with the last result. */
  async resultReasons(): Promise<string[]> {
    return (await this.result.getByTestId('punch-reasons').locator('li').allInnerTexts()).map((s) =>
      s.trim(),
    );
  }
}
