import { randomUUID } from 'node:crypto';
import { multipart, type Client } from './test-app.ts';
import { fileUpload, pdf } from './evidence.ts';

/** One employee's e-Kinerja records (clock 2026-01-15), made through the API as their owners would. */
export interface KinerjaSide {
  /** The head's (pejabat penilai's) approved 2026 SKP, its RHK taken from the Perjanjian Kinerja. */
  headSkpId: string;
  headRhkId: string;
  /** The employee's approved 2026 SKP, its RHK intervening the head's. */
  skpId: string;
  rhkId: string;
  indicatorId: string;
  /** A colleague's SKP (under the same head) waiting for the head's decision. */
  colleagueSkpId: string;
  /** A daily report waiting for verification (with a PDF as evidence), and one accepted by the head. */
  reportId: string;
  acceptedReportId: string;
  /** A periodic evaluation the head started (DRAFT, no ratings yet). */
  draftEvaluationId: string;
  /** The annual evaluation: rated, finalised, approved by the head's superior; the employee objected to it. */
  approvedEvaluationId: string;
  objectionId: string;
  /** The head's feedback on the employee's SKP, and the employee's evidence (a PDF) on the RHK. */
  feedbackId: string;
  evidenceId: string;
}

/** Who acts: the employee, their head (pejabat penilai) and the head's superior (atasan pejabat penilai). */
export interface KinerjaPeople {
  employee: Client;
  /** A colleague under the same head. */
  colleague: Client;
  head: Client;
  headOfHead: Client;
}

async function ok(res: { statusCode: number; body: string }, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const indicator = (text: string) => ({
  text,
  aspect: 'KUANTITAS' as const,
  targetMin: 12,
  targetMax: null,
  satuan: 'Laporan',
});

/**
 * The kinerja of one employee (clock 2026-01-15): the head's SKP (approved by the head's superior), the employee's
 * SKP intervening it (submitted, approved by the head), two daily reports (one accepted), a draft periodic
 * evaluation, an approved annual one with the employee's objection, the head's feedback and the employee's
 * evidence. The rulebooks must be loaded.
 */
export async function kinerjaActivity(who: KinerjaPeople): Promise<KinerjaSide> {
  const { employee, colleague, head, headOfHead } = who;
  const headSkp = await ok(
    await head.post('/api/kinerja/skp', {
      year: 2026,
      rhk: [
        {
          kind: 'UTAMA',
          text: 'Meningkatnya mutu layanan unit',
          penugasanDari: 'Perjanjian Kinerja 2026',
          indicators: [indicator('Jumlah layanan yang dievaluasi')],
        },
      ],
    }),
    'head SKP',
  );
  const headSkpId = headSkp.skp.id as string;
  const headRhkId = headSkp.skp.rhk[0].id as string;
  await ok(await head.post(`/api/kinerja/skp/${headSkpId}/submit`), 'head SKP submit');
  await ok(
    await headOfHead.post(`/api/kinerja/skp/${headSkpId}/decision`, { decision: 'APPROVE' }),
    'head SKP approval',
  );

  const own = await ok(
    await employee.post('/api/kinerja/skp', {
      year: 2026,
      rhk: [
        {
          kind: 'UTAMA',
          text: 'Tersusunnya laporan layanan bulanan',
          intervenesRhkId: headRhkId,
          indicators: [indicator('Jumlah laporan layanan yang disusun')],
        },
      ],
    }),
    'SKP',
  );
  const skpId = own.skp.id as string;
  const rhkId = own.skp.rhk[0].id as string;
  const indicatorId = own.skp.rhk[0].indicators[0].id as string;
  await ok(await employee.post(`/api/kinerja/skp/${skpId}/submit`), 'SKP submit');
  await ok(await head.post(`/api/kinerja/skp/${skpId}/decision`, { decision: 'APPROVE' }), 'SKP approval');

  const theirs = await ok(
    await colleague.post('/api/kinerja/skp', {
      year: 2026,
      rhk: [
        {
          kind: 'UTAMA',
          text: 'Terlayaninya pasien rawat jalan',
          intervenesRhkId: headRhkId,
          indicators: [indicator('Jumlah pasien yang dilayani')],
        },
      ],
    }),
    'colleague SKP',
  );
  await ok(await colleague.post(`/api/kinerja/skp/${theirs.skp.id}/submit`), 'colleague SKP submit');

  const staged = await ok(
    await employee.request(
      fileUpload('/api/kinerja/reports/files', 'bukti.pdf', pdf('bukti laporan'), 'application/pdf'),
    ),
    'report evidence',
  );
  const report = async (reportDate: string, activity: string, attachmentId?: string) =>
    (
      await ok(
        await employee.post('/api/kinerja/reports', {
          clientId: randomUUID(),
          reportDate,
          rhkId,
          activity,
          quantity: 1,
          satuan: 'Laporan',
          minutes: 120,
          ...(attachmentId ? { attachmentId } : {}),
        }),
        'report',
      )
    ).id as string;
  const acceptedReportId = await report('2026-01-14', 'Menyusun laporan layanan minggu kedua');
  const reportId = await report('2026-01-15', 'Menyusun rekap layanan harian', staged.attachmentId as string);
  await ok(
    await head.post(`/api/kinerja/reports/${acceptedReportId}/verify`, { decision: 'ACCEPT' }),
    'report verification',
  );

  const periods = await ok(await head.get(`/api/kinerja/evaluations/periods?skpId=${skpId}`), 'periods');
  type Period = { kind: string; periodStart: string };
  const periodic = (periods.items as Period[]).find((p) => p.kind === 'PERIODIK')!;
  const annual = (periods.items as Period[]).find((p) => p.kind === 'TAHUNAN')!;
  const draft = await ok(
    await head.post('/api/kinerja/evaluations', {
      skpId,
      kind: 'PERIODIK',
      periodStart: periodic.periodStart,
    }),
    'periodic evaluation',
  );
  const yearly = await ok(
    await head.post('/api/kinerja/evaluations', { skpId, kind: 'TAHUNAN', periodStart: annual.periodStart }),
    'annual evaluation',
  );
  const approvedEvaluationId = yearly.id as string;
  await ok(
    await head.request({
      method: 'PUT',
      url: `/api/kinerja/evaluations/${approvedEvaluationId}`,
      payload: {
        realisation: [{ indicatorId, value: 12 }],
        hasilKerjaRating: 'SESUAI_EKSPEKTASI',
        perilakuRating: 'SESUAI_EKSPEKTASI',
      },
    }),
    'evaluation ratings',
  );
  await ok(await head.post(`/api/kinerja/evaluations/${approvedEvaluationId}/finalise`), 'finalise');
  await ok(await headOfHead.post(`/api/kinerja/evaluations/${approvedEvaluationId}/approve`), 'approve');
  const objected = await ok(
    await employee.post(`/api/kinerja/evaluations/${approvedEvaluationId}/objection`, {
      reason: 'Realisasi laporan layanan belum dihitung seluruhnya',
    }),
    'objection',
  );

  const feedback = await ok(
    await head.post('/api/kinerja/feedback', {
      skpId,
      rhkId,
      text: 'Laporan layanan sudah rapi, pertahankan',
    }),
    'feedback',
  );
  const mp = multipart(
    {
      skpId,
      rhkId,
      periodStart: '2026-01-01',
      periodEnd: '2026-01-15',
      description: 'Rekap layanan minggu kedua',
    },
    { field: 'file', name: 'eviden.pdf', content: pdf('eviden layanan'), type: 'application/pdf' },
  );
  const evidence = await ok(
    await employee.request({
      method: 'POST',
      url: '/api/kinerja/evidence',
      payload: mp.payload,
      headers: mp.headers,
    }),
    'evidence',
  );

  return {
    headSkpId,
    headRhkId,
    colleagueSkpId: theirs.skp.id as string,
    skpId,
    rhkId,
    indicatorId,
    reportId,
    acceptedReportId,
    draftEvaluationId: draft.id as string,
    approvedEvaluationId,
    objectionId: objected.objection.id as string,
    feedbackId: feedback.id as string,
    evidenceId: evidence.id as string,
  };
}
