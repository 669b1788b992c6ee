import type { Locator, Page } from 'playwright-core';

export type PermitKindCode = 'I' | 'S' | 'DL' | 'TGL' | 'TB' | 'DIKLAT' | 'WFH' | 'WFA';

/** What the request form needs; dates as dd/MM/yyyy (as typed by a user). */
export interface PermitRequestInput {
  kind: PermitKindCode;
  /** Only for izin: 'full' (default), 'late' or 'early'. */
  part?: 'full' | 'late' | 'early';
  from: string;
  to?: string;
  reason: string;
  letterNumber?: string;
  letterDate?: string;
  /** Path of the letter / attachment to upload. */
  file?: string;
  destination?: { name: string; lat: number; lon: number; radiusM?: number };
}

const KIND_LABELS: Record<PermitKindCode, string> = {
  I: 'Izin',
  S: 'Sakit',
  DL: 'Dinas luar',
  TGL: 'Tugas luar',
  TB: 'Tugas belajar',
  DIKLAT: 'Diklat / bimtek',
  WFH: 'Kerja dari rumah (WFH)',
  WFA: 'Kerja dari mana saja (WFA)',
};
const PART_LABELS = { full: 'Sehari penuh', late: 'Datang terlambat', early: 'Pulang cepat' } as const;

/** /izin: request form per kind and "Permohonan saya" (state, superior's note, cancel). */
export class IzinPage {
  readonly page: Page;
  readonly form: Locator;
  readonly mine: Locator;

  constructor(page: Page) {
    this.page = page;
    this.form = page.getByTestId('permit-form');
    this.mine = page.getByTestId('permit-item');
  }

  async goto(): Promise<this> {
    await this.page.goto('/izin');
    await this.form.waitFor();
    return this;
  }

  /** Fills and sends the form; resolves when the confirmation shows. */
  async request(input: PermitRequestInput): Promise<void> {
    const f = this.form;
    await f.getByTestId('permit-kind').click();
    await this.page.getByRole('option', { name: KIND_LABELS[input.kind], exact: true }).click();
    if (input.kind === 'I' && input.part && input.part !== 'full')
      await f.getByRole('radio', { name: PART_LABELS[input.part], exact: true }).check();
    const single = input.kind === 'I' && input.part !== undefined && input.part !== 'full';
    await f
      .getByLabel(single ? 'Tanggal' : 'Dari tanggal', { exact: false })
      .first()
      .fill(input.from);
    if (!single) await f.getByLabel('Sampai tanggal', { exact: false }).fill(input.to ?? input.from);
    await f.getByTestId('permit-reason').fill(input.reason);
    if (input.letterNumber) await f.getByTestId('permit-letter-number').fill(input.letterNumber);
    if (input.letterDate) await f.getByLabel('Tanggal surat tugas', { exact: false }).fill(input.letterDate);
    if (input.file) {
      await f.locator('input[type="file"]').setInputFiles(input.file);
      await f.getByText(/Terunggah/).waitFor();
    }
    if (input.destination) {
      await f.getByTestId('permit-destination').fill(input.destination.name);
      await f.getByTestId('permit-lat').fill(String(input.destination.lat));
      await f.getByTestId('permit-lon').fill(String(input.destination.lon));
      if (input.destination.radiusM)
        await f.getByTestId('permit-radius').fill(String(input.destination.radiusM));
    }
    await f.getByTestId('permit-submit').click();
    await this.page.getByText('Permohonan terkirim ke atasan.').waitFor();
  }

  item(permitId: string): Locator {
    return this.page.locator(`[data-testid="permit-item"][data-permit-id="${permitId}"]`);
  }

  /** The state shown on the first (newest) of my requests: DIAJUKAN / DISETUJUI / DITOLAK / DIBATALKAN. */
  async latestStatus(): Promise<string | null> {
    return this.mine.first().getByTestId('request-status').getAttribute('data-status');
  }

  async cancelLatest(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.mine.first().getByTestId('permit-cancel').click();
    await this.mine.first().locator('[data-status="DIBATALKAN"]').waitFor();
  }
}

/** /koreksi: a correction with evidence and "Koreksi saya". */
export class KoreksiPage {
  readonly page: Page;
  readonly form: Locator;
  readonly mine: Locator;

  constructor(page: Page) {
    this.page = page;
    this.form = page.getByTestId('correction-form');
    this.mine = page.getByTestId('correction-item');
  }

  async goto(): Promise<this> {
    await this.page.goto('/koreksi');
    await this.form.waitFor();
    return this;
  }

  /** date dd/MM/yyyy; times HH:mm in the unit's local time; evidence = path of a PDF/image. */
  async request(input: {
    date: string;
    checkIn?: string;
    checkOut?: string;
    reason: string;
    evidence: string;
  }) {
    const f = this.form;
    await f.getByLabel('Tanggal', { exact: false }).first().fill(input.date);
    if (input.checkIn) await f.getByTestId('correction-check-in').fill(input.checkIn);
    if (input.checkOut) await f.getByTestId('correction-check-out').fill(input.checkOut);
    await f.getByTestId('correction-reason').fill(input.reason);
    await f.locator('input[type="file"]').setInputFiles(input.evidence);
    await f.getByText(/Terunggah/).waitFor();
    await f.getByTestId('correction-submit').click();
    await this.page.getByText('Koreksi terkirim ke atasan.').waitFor();
  }

  async latestStatus(): Promise<string | null> {
    return this.mine.first().getByTestId('request-status').getAttribute('data-status');
  }
}

/** /izin/persetujuan: permits and corrections waiting for the superior; approve / reject with a note. */
export class PermitApprovalPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(tab: 'permits' | 'corrections' | 'list' = 'permits'): Promise<this> {
    await this.page.goto('/izin/persetujuan');
    await this.page.getByTestId(`tab-${tab}`).click();
    return this;
  }

  /** Cards waiting in the open tab. */
  items(kind: 'permit' | 'correction' = 'permit'): Locator {
    return this.page.getByTestId(`${kind}-item`);
  }

  /** Approves or rejects the first waiting item of the employee named `who`, then waits until it leaves. */
  async decide(
    who: string,
    decision: 'approve' | 'reject',
    note = '',
    kind: 'permit' | 'correction' = 'permit',
  ): Promise<void> {
    const button = this.page.getByRole('button', {
      name: `${decision === 'approve' ? 'Setujui' : 'Tolak'} permohonan ${who}`,
    });
    const card = this.items(kind).filter({ has: button }).first();
    const id = await card.getAttribute(`data-${kind}-id`);
    await button.first().click();
    const dialog = this.page.getByRole('dialog');
    if (note) await dialog.getByTestId('decision-note').fill(note);
    await dialog.getByTestId('decision-submit').click();
    await this.page
      .locator(`[data-testid="${kind}-item"][data-${kind}-id="${id}"]`)
      .waitFor({ state: 'detached' });
  }
}
