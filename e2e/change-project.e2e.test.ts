import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import {
  apiAs,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  startServer,
  type RunningServer,
} from './harness.ts';
import { LoginPage } from './page-models/index.ts';

/**
 * A change project judged a year later, in a real Chromium against the real server (issue 19 points 5, 7 and 8): a
 * Pengawas who finished "PKP Angkatan III" five days ago registers the project on a phone (an empty goal row is
 * refused on the field first); BKD opens it from its tab, assigns an internal assessor (a colleague) and an external
 * one (a lecturer without an account); a rating before the date is refused (409); the test clock jumps to the
 * evaluation date (training end + 12 months); the internal assessor rates both goals on a phone (one with a PDF as
 * evidence), BKD records the lecturer's ratings; the participant sees "Tercapai" and opens the PDF report, which
 * names the project.
 *
 * Hand-worked: goal 1 (4 + 5) / 2 = 4,5; goal 2 (3 + 4) / 2 = 3,5; score 4 ≥ 3,5 → Tercapai.
 */

const demo = generateDemoData();
const bkdGrant = demo.roleGrants.find((g) => g.role === 'BKD')!;
const kindOf = new Map(demo.positions.map((p) => [p.code, p.kind]));
const participant = demo.employees.find(
  (e) => e.nip && e.employeeType === 'PNS' && kindOf.get(e.positionCode) === 'PENGAWAS',
)!;
const assessor = demo.employees.find(
  (e) =>
    e.nip &&
    e.employeeType === 'PNS' &&
    e.nip !== participant.nip &&
    kindOf.get(e.positionCode) === 'PELAKSANA',
)!;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const TITLE = 'Layanan Data Terpadu Satu Pintu';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let server: RunningServer;
let browser: Browser;
let bkdApi: APIRequestContext;
let trainingEnd = '';
let evaluationDate = '';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const ddmmyyyy = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
async function ok<T>(
  res: Promise<{ ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<unknown> }>,
) {
  const r = await res;
  if (!r.ok()) throw new Error(`${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}
async function signedIn(login: string): Promise<Page> {
  const page = await (await newContext(browser, server.baseUrl, PHONE)).newPage();
  await (await new LoginPage(page).goto()).login(login, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}
async function openChangeProjects(page: Page) {
  await page.goto(`${server.baseUrl}/kompetensi`);
  await page.getByRole('tab', { name: 'Proyek perubahan' }).click();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ TEST_CLOCK: 'true' }), launchBrowser()]);
  bkdApi = await apiAs(server.baseUrl, bkdGrant.username ?? bkdGrant.nip!);
  // The participant's PKP, recorded with its certificate (point 4), ended five days ago.
  const end = new Date(Date.now() - 5 * 86_400_000);
  trainingEnd = iso(end);
  const api = await apiAs(server.baseUrl, participant.nip!);
  await ok(
    api.post('/api/competency/training-records', {
      multipart: {
        data: JSON.stringify({
          title: 'PKP Angkatan III',
          provider: 'BPSDM Provinsi Banten',
          startDate: iso(new Date(end.getTime() - 30 * 86_400_000)),
          endDate: trainingEnd,
          jp: 120,
        }),
        certificate: { name: 'sertifikat.pdf', mimeType: 'application/pdf', buffer: PDF },
      },
    }),
  );
  await api.dispose();
  evaluationDate = `${Number(trainingEnd.slice(0, 4)) + 1}${trainingEnd.slice(4)}`;
  if (evaluationDate.endsWith('-02-29')) evaluationDate = evaluationDate.replace('-02-29', '-02-28');
}, 120_000);

afterAll(async () => {
  await bkdApi?.dispose();
  await browser?.close();
  await server?.stop();
});

describe('Change project (proyek perubahan)', () => {
  it('registered, evaluated a year later, its report opened', { timeout: 120_000 }, async () => {
    // 1. The participant registers the project on a phone.
    const phone = await signedIn(participant.nip!);
    await openChangeProjects(phone);
    await phone.getByRole('button', { name: 'Daftarkan proyek perubahan' }).click();
    const form = phone.getByTestId('change-project-form');
    await form.getByLabel('Judul proyek perubahan').fill(TITLE);
    await form
      .getByLabel('Permasalahan')
      .fill('Permintaan data tersebar di tiga bidang dan dijawab 14 hari.');
    await form.getByTestId('goal-row-0').getByLabel('Tujuan').fill('Satu loket data terpadu');
    await form.getByTestId('goal-row-0').getByLabel('Indikator').fill('Loket beroperasi');
    await form.getByTestId('goal-row-0').getByLabel('Target').fill('1 loket');
    await form.getByRole('button', { name: 'Tambah tujuan' }).click();
    await form.getByTestId('milestone-row-0').getByLabel('Tonggak capaian').fill('SK tim proyek');
    await form.getByTestId('milestone-row-0').getByLabel('Tanggal').fill(ddmmyyyy(trainingEnd));
    await form.getByLabel('Manfaat bagi instansi').fill('Perencanaan dinas memakai data yang sama.');
    await form.getByLabel('Manfaat bagi masyarakat').fill('Warga memperoleh data lebih cepat.');
    // The second goal row is still empty: refused on the form, nothing sent.
    await form.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await form.getByText('Isi tujuan, indikator dan target').waitFor();
    await form.getByTestId('goal-row-1').getByLabel('Tujuan').fill('Permintaan dijawab cepat');
    await form.getByTestId('goal-row-1').getByLabel('Indikator').fill('Rata-rata hari jawab');
    await form.getByTestId('goal-row-1').getByLabel('Target').fill('3 hari');
    await form.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await form.waitFor({ state: 'hidden' });
    const card = phone.getByTestId('my-change-projects');
    await card.getByText(TITLE).waitFor();
    await card.getByTestId('change-project-status').getByText('Terdaftar').waitFor();
    await card.getByText(`Dievaluasi pada ${ddmmyyyy(evaluationDate)}`).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const mine = await ok<{ items: { id: string; unitName: string }[] }>(
      (await apiAs(server.baseUrl, participant.nip!)).get('/api/competency/change-projects/mine'),
    );
    const projectId = mine.items[0]!.id;

    // 2. BKD finds it in its tab (the participant's unit, the evaluation year) and assigns the assessors.
    const bkd = await (await newContext(browser, server.baseUrl)).newPage();
    await (await new LoginPage(bkd).goto()).login(bkdGrant.username ?? bkdGrant.nip!, DEMO_PASSWORD);
    await bkd.waitForURL((url) => url.pathname === '/');
    await bkd.goto(`${server.baseUrl}/kompetensi/bkd`);
    await bkd.getByRole('tab', { name: 'Proyek perubahan' }).click();
    const unit = bkd.getByRole('textbox', { name: 'Unit kerja' }).or(bkd.getByPlaceholder('Unit kerja'));
    await unit.first().click();
    await unit.first().fill(mine.items[0]!.unitName);
    await bkd
      .getByRole('option', { name: new RegExp(mine.items[0]!.unitName) })
      .first()
      .click();
    await bkd.getByLabel('Tahun evaluasi').fill(evaluationDate.slice(0, 4));
    const list = bkd.getByTestId('bkd-change-projects');
    await list.getByText(TITLE, { exact: false }).click();
    const editor = bkd.getByTestId('assessors-editor');
    await editor.getByRole('button', { name: 'Tambah penilai internal' }).click();
    await editor.getByTestId('assessor-row-0').getByLabel('Penilai internal (pegawai)').fill(assessor.nip!);
    await bkd
      .getByRole('option', { name: new RegExp(assessor.name) })
      .first()
      .click();
    await editor.getByRole('button', { name: 'Tambah penilai eksternal' }).click();
    await editor
      .getByTestId('assessor-row-1')
      .getByLabel('Nama penilai eksternal')
      .fill('Dr. Rina Wulandari');
    await editor
      .getByTestId('assessor-row-1')
      .getByLabel('Instansi penilai eksternal')
      .fill('Universitas Tirtayasa');
    await editor.getByRole('button', { name: 'Simpan penilai' }).click();
    await bkd
      .getByTestId('change-project')
      .getByText('Dr. Rina Wulandari (Eksternal', { exact: false })
      .waitFor();

    // 3. A rating before the evaluation date is refused with the date.
    const assessorApi = await apiAs(server.baseUrl, assessor.nip!);
    const early = await assessorApi.put(`/api/competency/change-projects/${projectId}/goals/g1/rating`, {
      multipart: { data: JSON.stringify({ score: 4, note: 'Terlalu awal' }) },
    });
    expect(early.status()).toBe(409);
    expect(await early.text()).toContain(ddmmyyyy(evaluationDate));
    await assessorApi.dispose();

    // 4. A year later (test clock), the internal assessor rates both goals on a phone.
    const sa = await apiAs(server.baseUrl, 'admin');
    await ok(sa.post('/api/test/clock', { data: { to: `${evaluationDate}T08:00:00+07:00` } }));
    await sa.dispose();
    const rater = await signedIn(assessor.nip!);
    await openChangeProjects(rater);
    const assigned = rater.getByTestId('assessor-change-projects');
    await assigned.getByText('Menunggu penilaian Anda').waitFor();
    await assigned.getByRole('button', { name: 'Buka' }).click();
    const g1 = rater.getByTestId('rate-g1');
    await g1.getByText('4', { exact: true }).click();
    await g1.getByLabel('Catatan bukti').fill('Loket beroperasi sejak bulan ketiga');
    await g1
      .locator('input[type=file]')
      .setInputFiles({ name: 'foto-loket.pdf', mimeType: 'application/pdf', buffer: PDF });
    await g1.getByRole('button', { name: 'Kirim penilaian' }).click();
    await rater.getByText('Satu loket data terpadu: Sudah Anda nilai: 4').waitFor();
    const g2 = rater.getByTestId('rate-g2');
    await g2.getByText('3', { exact: true }).click();
    await g2.getByLabel('Catatan bukti').fill('Rata-rata jawaban 4 hari');
    await g2.getByRole('button', { name: 'Kirim penilaian' }).click();
    await rater.getByText('Permintaan dijawab cepat: Sudah Anda nilai: 3').waitFor();
    expect(await rater.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // 5. BKD records the external lecturer's ratings (no account): the verdict follows.
    const bkdNow = await apiAs(server.baseUrl, bkdGrant.username ?? bkdGrant.nip!);
    const p = await ok<{ assessorList: { id: string; kind: string }[] }>(
      bkdNow.get(`/api/competency/change-projects/${projectId}`),
    );
    const external = p.assessorList.find((a) => a.kind === 'EXTERNAL')!.id;
    for (const [goal, score] of [
      ['g1', 5],
      ['g2', 4],
    ] as const)
      await ok(
        bkdNow.put(`/api/competency/change-projects/${projectId}/goals/${goal}/rating`, {
          multipart: {
            data: JSON.stringify({ score, note: 'Diverifikasi di lapangan', assessorId: external }),
          },
        }),
      );
    await bkdNow.dispose();

    // 6. The participant sees the result and opens the report.
    const again = await signedIn(participant.nip!);
    await openChangeProjects(again);
    const mineNow = again.getByTestId('my-change-projects');
    await mineNow.getByTestId('change-project-verdict').getByText('Tercapai').waitFor();
    await mineNow.getByText('Tercapai — nilai 4 dari 5').waitFor();
    const href = await mineNow.getByTestId('change-project-report').getAttribute('href');
    const res = await again.request.get(`${server.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.body())), {
      mergePages: true,
    });
    for (const s of [TITLE, participant.name, 'Tercapai', 'Dr. Rina Wulandari']) expect(text).toContain(s);
  });
});
