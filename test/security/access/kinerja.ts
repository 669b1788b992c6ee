import { randomUUID } from 'node:crypto';
import { multipart } from '../../helpers/test-app.ts';
import { fileUpload, pdf } from '../../helpers/evidence.ts';
import { BERAKHLAK } from '../../../src/core/performance/performance-rules.ts';
import { nipForms, get, post, put, del, MONTH, upload, type AccessTable } from '../scope-harness.ts';

/** Who may reach what (test/security/scope-harness.ts explains the codes): e-Kinerja: SKP, feedback, evidence, daily reports, supervision, evaluations and objections, unit performance, monthly figures and progress, imports and exports. Needs a world with `kinerja: true`. */
export const KINERJA_ACCESS: AccessTable = {
  // ── e-Kinerja (records of test/helpers/kinerja-activity.ts: the head's SKP, the employee's SKP intervening it,
  // reports, evaluations, feedback, evidence). The pimpinan (head of Dinkes) is the inside employee's atasan
  // pejabat penilai; the atasan is her pejabat penilai. Decisions belong to them only, never to a role. ──
  'GET /api/kinerja/skp/eligibility': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/skp/eligibility?employeeId=${x.side[w].employeeId}`),
  },
  'GET /api/kinerja/skp': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/kinerja/skp?pageSize=200'),
    mark: (x, w) => x.kin[w].skpId,
  },
  'GET /api/kinerja/skp/mine': {
    kind: 'list',
    expect: 'NNNNNNI',
    req: () => get('/api/kinerja/skp/mine'),
    mark: (x, w) => x.kin[w].skpId,
  },
  'GET /api/kinerja/skp/inbox': {
    kind: 'list',
    expect: 'NNNNNIN',
    req: () => get('/api/kinerja/skp/inbox?pageSize=200'),
    mark: (x, w) => x.kin[w].colleagueSkpId,
  },
  'GET /api/kinerja/skp/inbox/count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/kinerja/skp/inbox/count'),
  },
  'GET /api/kinerja/skp/superior-rhk': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get('/api/kinerja/skp/superior-rhk'),
  },
  // The head's SKP: readers in scope, the head (atasan) and the head's penilai (pimpinan); not the staff.
  'GET /api/kinerja/skp/matriks': {
    expect: 'AAAIIID',
    req: (x, _r, w) => get(`/api/kinerja/skp/matriks?skpId=${x.kin[w].headSkpId}`),
  },
  'POST /api/kinerja/skp': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => post('/api/kinerja/skp', { year: 2027 }),
  },
  'GET /api/kinerja/skp/{id}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/skp/${x.kin[w].skpId}`),
  },
  // Own SKP only (approved: 409 for its owner, an authorised answer).
  'PUT /api/kinerja/skp/{id}': {
    expect: 'DDDDDDI',
    req: (x, _r, w) => put(`/api/kinerja/skp/${x.kin[w].skpId}`, { rhk: [] }),
  },
  'POST /api/kinerja/skp/{id}/submit': {
    expect: 'DDDDDDI',
    req: (x, _r, w) => post(`/api/kinerja/skp/${x.kin[w].skpId}/submit`),
  },
  'POST /api/kinerja/skp/{id}/decision': {
    expect: 'DDDDDID',
    req: (x, _r, w) => post(`/api/kinerja/skp/${x.kin[w].skpId}/decision`, { decision: 'APPROVE' }),
  },
  'GET /api/kinerja/skp/{id}/pdf': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/skp/${x.kin[w].skpId}/pdf`),
  },
  'POST /api/kinerja/feedback': {
    expect: 'DDDDDID',
    req: (x, _r, w) =>
      post('/api/kinerja/feedback', { skpId: x.kin[w].skpId, text: 'Teruskan, laporan sudah lengkap' }),
  },
  'GET /api/kinerja/feedback': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/feedback?skpId=${x.kin[w].skpId}`),
  },
  'POST /api/kinerja/evidence': {
    expect: 'DDDDDDI',
    req: (x, _r, w) => {
      const mp = multipart({
        skpId: x.kin[w].skpId,
        rhkId: x.kin[w].rhkId,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-15',
        description: 'Tautan rekap layanan',
        link: `https://example.com/rekap/${x.n()}`,
      });
      return {
        method: 'POST' as const,
        url: '/api/kinerja/evidence',
        payload: mp.payload,
        headers: mp.headers,
      };
    },
  },
  'GET /api/kinerja/evidence': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/evidence?skpId=${x.kin[w].skpId}`),
  },
  'GET /api/kinerja/evidence/{id}/file': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/evidence/${x.kin[w].evidenceId}/file`),
  },

  // Daily reports: written by their owner, verified by the pejabat penilai only.
  'POST /api/kinerja/reports/files': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: (x) =>
      fileUpload('/api/kinerja/reports/files', 'bukti.pdf', pdf(`bukti ${x.n()}`), 'application/pdf'),
  },
  'GET /api/kinerja/reports/options': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get('/api/kinerja/reports/options'),
  },
  // Every employee may report (without an SKP of the date: 400, an authorised answer).
  'POST /api/kinerja/reports': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: async (x, r) => {
      const opts = await x.c[r].get('/api/kinerja/reports/options');
      const rhk = opts.statusCode === 200 ? (opts.json().rhk as { id: string }[]) : [];
      return post('/api/kinerja/reports', {
        clientId: randomUUID(),
        reportDate: '2026-01-15',
        rhkId: rhk[0]?.id ?? randomUUID(),
        activity: 'Rapat koordinasi layanan',
        minutes: 15,
      });
    },
  },
  // An account without an employee record is refused (403) rather than answered an empty month.
  'GET /api/kinerja/reports/mine': {
    kind: 'list',
    expect: 'DNNNNNI',
    req: () => get('/api/kinerja/reports/mine?month=2026-01'),
    mark: (x, w) => x.kin[w].reportId,
  },
  // An account without an employee record has no verification inbox (403, like the supervision page).
  'GET /api/kinerja/reports/inbox': {
    kind: 'list',
    expect: 'DNNNNIN',
    req: () => get('/api/kinerja/reports/inbox?pageSize=200'),
    mark: (x, w) => x.kin[w].reportId,
  },
  'POST /api/kinerja/reports/verify': {
    skip: 'answers 200 with each refused report listed (FORBIDDEN per item): reports.test.ts checks a bulk verify by another head',
  },
  'GET /api/kinerja/reports/{id}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/reports/${x.kin[w].reportId}`),
  },
  // The accepted report: 409 for its owner (an authorised answer), refused to everyone else.
  'PUT /api/kinerja/reports/{id}': {
    expect: 'DDDDDDI',
    req: (x, _r, w) =>
      put(`/api/kinerja/reports/${x.kin[w].acceptedReportId}`, {
        reportDate: '2026-01-14',
        rhkId: x.kin[w].rhkId,
        activity: 'Menyusun laporan layanan (diperbaiki)',
        minutes: 120,
      }),
  },
  'DELETE /api/kinerja/reports/{id}': {
    expect: 'DDDDDDI',
    req: (x, _r, w) => del(`/api/kinerja/reports/${x.kin[w].acceptedReportId}`),
  },
  'POST /api/kinerja/reports/{id}/verify': {
    expect: 'DDDDDID',
    req: (x, _r, w) =>
      post(`/api/kinerja/reports/${x.kin[w].acceptedReportId}/verify`, { decision: 'ACCEPT' }),
  },
  'GET /api/kinerja/reports/{id}/evidence': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/reports/${x.kin[w].reportId}/evidence`),
  },
  // Supervision: readers in scope, the heads of the unit's tree; a plain employee gets an empty page.
  'GET /api/kinerja/supervision': {
    kind: 'list',
    expect: 'AAAIIIN',
    req: () => get('/api/kinerja/supervision?pageSize=200&date=2026-01-15'),
  },
  'GET /api/kinerja/supervision/export.{format}': {
    kind: 'list',
    expect: 'AAAIIIN',
    req: () => get('/api/kinerja/supervision/export.csv?date=2026-01-15'),
    mark: (x, w) => nipForms(x, w),
  },
  'GET /api/kinerja/supervision/export': {
    kind: 'list',
    expect: 'AAAIIIN',
    req: () => get('/api/kinerja/supervision/export?format=csv&date=2026-01-15'),
    mark: (x, w) => nipForms(x, w),
  },

  // Evaluations: started, rated and finalised by the pejabat penilai (atasan); approved, returned and objections
  // decided by the atasan pejabat penilai (pimpinan); objections filed by the employee.
  'GET /api/kinerja/evaluations/periods': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/evaluations/periods?skpId=${x.kin[w].skpId}`),
  },
  'GET /api/kinerja/evaluations': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/kinerja/evaluations?pageSize=200'),
    mark: (x, w) => x.kin[w].draftEvaluationId,
  },
  'GET /api/kinerja/evaluations/inbox': {
    kind: 'list',
    expect: 'NNNNNIN',
    req: () => get('/api/kinerja/evaluations/inbox'),
    mark: (x, w) => x.kin[w].draftEvaluationId,
  },
  // Drafts awaiting the caller's peer feedback: the employee's own draft is never listed, not even to her.
  'GET /api/kinerja/evaluations/peer': {
    kind: 'list',
    expect: 'NNNNNNN',
    req: () => get('/api/kinerja/evaluations/peer'),
    mark: (x, w) => x.kin[w].draftEvaluationId,
  },
  'GET /api/kinerja/evaluations/curve': {
    expect: 'AAAIIID',
    req: (x, _r, w) =>
      get(
        `/api/kinerja/evaluations/curve?unitId=${x.side[w].unitId}&periodStart=2026-01-01&periodEnd=2026-12-31`,
      ),
  },
  'POST /api/kinerja/evaluations': {
    expect: 'DDDDDID',
    req: (x, _r, w) =>
      post('/api/kinerja/evaluations', {
        skpId: x.kin[w].skpId,
        kind: 'PERIODIK',
        periodStart: x.kin[w].nextPeriod,
      }),
  },
  'GET /api/kinerja/evaluations/{id}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/evaluations/${x.kin[w].draftEvaluationId}`),
  },
  'PUT /api/kinerja/evaluations/{id}': {
    expect: 'DDDDDID',
    req: (x, _r, w) =>
      put(`/api/kinerja/evaluations/${x.kin[w].draftEvaluationId}`, { note: 'Catatan penilai' }),
  },
  // Without ratings: 400 for the penilai (authorised), the draft stays a draft.
  'POST /api/kinerja/evaluations/{id}/finalise': {
    expect: 'DDDDDID',
    req: (x, _r, w) => post(`/api/kinerja/evaluations/${x.kin[w].draftEvaluationId}/finalise`),
  },
  // A draft: 409 for the atasan pejabat penilai (authorised), refused to everyone else.
  'POST /api/kinerja/evaluations/{id}/approve': {
    expect: 'DDDIDDD',
    req: (x, _r, w) => post(`/api/kinerja/evaluations/${x.kin[w].draftEvaluationId}/approve`),
  },
  'POST /api/kinerja/evaluations/{id}/return': {
    expect: 'DDDIDDD',
    req: (x, _r, w) =>
      post(`/api/kinerja/evaluations/${x.kin[w].draftEvaluationId}/return`, { note: 'Mohon diperbaiki' }),
  },
  // Peers (same direct superior) and direct subordinates only: none of the seven roles.
  'POST /api/kinerja/evaluations/{id}/peer-feedback': {
    expect: 'DDDDDDD',
    req: (x, _r, w) =>
      post(`/api/kinerja/evaluations/${x.kin[w].draftEvaluationId}/peer-feedback`, {
        ratings: Object.fromEntries(BERAKHLAK.map((v) => [v, 'SESUAI_EKSPEKTASI'])),
      }),
  },
  'POST /api/kinerja/evaluations/{id}/objection': {
    expect: 'DDDDDDI',
    req: (x, _r, w) =>
      post(`/api/kinerja/evaluations/${x.kin[w].approvedEvaluationId}/objection`, {
        reason: 'Predikat belum memperhitungkan seluruh laporan',
      }),
  },
  'GET /api/kinerja/evaluations/{id}/pdf': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/evaluations/${x.kin[w].approvedEvaluationId}/pdf`),
  },
  'POST /api/kinerja/objections/{id}/decide': {
    expect: 'DDDIDDD',
    req: (x, _r, w) =>
      post(`/api/kinerja/objections/${x.kin[w].objectionId}/decide`, {
        decision: 'DITOLAK',
        note: 'Predikat sudah sesuai realisasi',
      }),
  },
  'GET /api/kinerja/unit-performance': {
    kind: 'list',
    expect: 'AAAIIID',
    req: () => get('/api/kinerja/unit-performance?pageSize=200'),
    mark: (x, w) => x.side[w].unitId,
  },
  'PUT /api/kinerja/unit-performance': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      put('/api/kinerja/unit-performance', {
        unitId: x.side[w].unitId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        rating: 'BAIK',
      }),
  },

  // Monthly kinerja figures and progress: readers in scope; a penilai sees the staff's figures.
  'GET /api/kinerja/figures': {
    kind: 'list',
    expect: 'AAAIIID',
    req: () => get(`/api/kinerja/figures?month=${MONTH}&pageSize=200`),
  },
  'GET /api/kinerja/figures/mine': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get(`/api/kinerja/figures/mine?month=${MONTH}`),
  },
  'POST /api/kinerja/figures/build': {
    expect: 'AADDIDD',
    req: (x, _r, w) => post('/api/kinerja/figures/build', { month: MONTH, unitId: x.side[w].unitId }),
  },
  'GET /api/kinerja/figures/{employeeId}/{month}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/kinerja/figures/${x.side[w].employeeId}/${MONTH}`),
  },
  'GET /api/kinerja/progress': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/kinerja/progress?year=2026&unitId=${x.side[w].unitId}`),
  },

  // Interchange: the import needs kinerja.manage over every employee of the file; exports kinerja.read in scope.
  'GET /api/kinerja/import/skp/template': {
    kind: 'plain',
    expect: 'AADDADD',
    req: () => get('/api/kinerja/import/skp/template?format=csv'),
  },
  'GET /api/kinerja/import/skp/columns': {
    kind: 'plain',
    expect: 'AADDADD',
    req: () => get('/api/kinerja/import/skp/columns'),
  },
  // The grantee colleague's 2026 SKP as a draft (re-imported: the draft is replaced).
  'POST /api/kinerja/import/skp': {
    expect: 'AADDIDD',
    rowRefusal: [422],
    req: (x, _r, w) =>
      upload(
        '/api/kinerja/import/skp',
        { dryRun: 'false' },
        {
          name: 'skp.csv',
          content:
            'nip,tahun,periode_mulai,periode_selesai,pendekatan,jenis_rhk,no_rhk,rhk,no_rhk_atasan,indikator,aspek,target_min,satuan\n' +
            `${x.kin[w].importNip},2026,01/01/2026,31/12/2026,Kuantitatif,Utama,1,Terlayaninya administrasi unit,1,Jumlah berkas yang diselesaikan,Kuantitas,12,berkas\n`,
        },
      ),
  },
  'GET /api/kinerja/export/skp': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/kinerja/export/skp?year=2026&format=csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'POST /api/kinerja/export/skp/jobs': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => post('/api/kinerja/export/skp/jobs?year=2026&format=csv'),
  },
  'GET /api/kinerja/export/evaluations': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/kinerja/export/evaluations?year=2026&format=csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'POST /api/kinerja/export/evaluations/jobs': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => post('/api/kinerja/export/evaluations/jobs?year=2026&format=csv'),
  },
};
