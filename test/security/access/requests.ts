import { fileUpload, pdf } from '../../helpers/evidence.ts';
import { nipForms, get, post, put, dayAfter, fresh, type AccessTable } from '../scope-harness.ts';

/** Who may reach what (test/security/scope-harness.ts explains the codes): Requests of employees: permits, attendance corrections and leave. */
export const REQUESTS_ACCESS: AccessTable = {
  // ── Permits ──
  'POST /api/permits/files': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: (x) => fileUpload('/api/permits/files', 'surat.pdf', pdf(`surat ${x.n()}`), 'application/pdf'),
  },
  'GET /api/permits/inbox/count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/permits/inbox/count'),
  },
  'GET /api/permits/inbox': {
    kind: 'list',
    expect: 'NNNNNIN',
    req: () => get('/api/permits/inbox?pageSize=200'),
    mark: (x, w) => x.side[w].permitId,
  },
  'GET /api/permits/mine': {
    kind: 'list',
    expect: 'NNNNNNI',
    req: () => get('/api/permits/mine?pageSize=200'),
    mark: (x, w) => x.side[w].permitId,
  },
  'GET /api/permits': {
    kind: 'list',
    expect: 'AAADIDD',
    req: () => get('/api/permits?pageSize=200'),
    mark: (x, w) => x.side[w].permitId,
  },
  'POST /api/permits': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: (x) => {
      const d = dayAfter(700 + x.n());
      return post('/api/permits', { kind: 'I', dateFrom: d, dateTo: d, reason: 'Keperluan keluarga' });
    },
  },
  'GET /api/permits/export.{format}': {
    kind: 'list',
    expect: 'AAADIDD',
    req: () => get('/api/permits/export.csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'POST /api/permits/record': {
    expect: 'AADDIDD',
    req: (x, _r, w) => {
      const d = dayAfter(800 + x.n());
      return post('/api/permits/record', {
        kind: 'DIKLAT',
        dateFrom: d,
        dateTo: d,
        reason: 'Diklat teknis',
        letterNumber: `ST/${x.n()}`,
        letterDate: '2026-01-10',
        fileHash: x.side[w].fileHash,
        employeeId: x.side[w].employeeId,
      });
    },
  },
  'GET /api/permits/{id}': {
    expect: 'AAADIII',
    req: (x, _r, w) => get(`/api/permits/${x.side[w].permitId}`),
  },
  'POST /api/permits/{id}/decision': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      post(`/api/permits/${await fresh.permit(x, w)}/decision`, { decision: 'APPROVE', note: '' }),
  },
  'POST /api/permits/{id}/cancel': {
    expect: 'DDDDDDI',
    req: async (x, _r, w) => post(`/api/permits/${await fresh.permit(x, w)}/cancel`, { note: 'Tidak jadi' }),
  },
  'GET /api/permits/{id}/file': {
    expect: 'AAADIII',
    req: (x, _r, w) => get(`/api/permits/${x.side[w].permitId}/file`),
  },

  // ── Corrections ──
  'GET /api/corrections/inbox': {
    kind: 'list',
    expect: 'NNNNNIN',
    req: () => get('/api/corrections/inbox?pageSize=200'),
    mark: (x, w) => x.side[w].correctionId,
  },
  'GET /api/corrections/mine': {
    kind: 'list',
    expect: 'NNNNNNI',
    req: () => get('/api/corrections/mine?pageSize=200'),
    mark: (x, w) => x.side[w].correctionId,
  },
  'GET /api/corrections': {
    kind: 'list',
    expect: 'AAADIDD',
    req: () => get('/api/corrections?pageSize=200'),
    mark: (x, w) => x.side[w].correctionId,
  },
  'POST /api/corrections': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: async (x, r) => {
      const up = await x.c[r].request(
        fileUpload('/api/permits/files', 'bukti.pdf', pdf(`bukti ${x.n()}`), 'application/pdf'),
      );
      return post('/api/corrections', {
        date: '2026-01-13',
        checkOut: '16:02',
        category: 'LUPA_PRESENSI',
        reason: 'Lupa presensi pulang',
        evidenceHash: up.statusCode === 201 ? up.json().hash : 'a'.repeat(64),
      });
    },
  },
  'GET /api/corrections/export.{format}': {
    kind: 'list',
    expect: 'AAADIDD',
    req: () => get('/api/corrections/export.csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'GET /api/corrections/{id}': {
    expect: 'AAADIII',
    req: (x, _r, w) => get(`/api/corrections/${x.side[w].correctionId}`),
  },
  'POST /api/corrections/{id}/decision': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      post(`/api/corrections/${await fresh.correction(x, w)}/decision`, {
        decision: 'REJECT',
        note: 'Tidak sesuai',
      }),
  },
  'POST /api/corrections/{id}/cancel': {
    expect: 'DDDDDDI',
    req: async (x, _r, w) =>
      post(`/api/corrections/${await fresh.correction(x, w)}/cancel`, { note: 'Tidak jadi' }),
  },
  'GET /api/corrections/{id}/evidence': {
    expect: 'AAADIII',
    req: (x, _r, w) => get(`/api/corrections/${x.side[w].correctionId}/evidence`),
  },

  // ── Leave ──
  'GET /api/leave/options': { kind: 'plain', expect: 'DAAAAAA', req: () => get('/api/leave/options') },
  'GET /api/leave/preview': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get('/api/leave/preview?type=CT&from=2026-03-09&to=2026-03-10'),
  },
  'POST /api/leave/requests': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: (x) => {
      const d = dayAfter(100 + x.n());
      return post('/api/leave/requests', { type: 'CT', from: d, to: d, reason: 'Urusan keluarga' });
    },
  },
  'GET /api/leave/requests': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/leave/requests?pageSize=200'),
    mark: (x, w) => x.side[w].leaveId,
  },
  'GET /api/leave/mine': {
    kind: 'list',
    expect: 'NNNNNNI',
    req: () => get('/api/leave/mine'),
    mark: (x, w) => x.side[w].leaveId,
  },
  'GET /api/leave/inbox': {
    kind: 'list',
    expect: 'NNNNNIN',
    req: () => get('/api/leave/inbox'),
    mark: (x, w) => x.side[w].leaveId,
  },
  'GET /api/leave/granted': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/leave/granted') },
  'GET /api/leave/inbox/count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/leave/inbox/count'),
  },
  'GET /api/leave/requests/export.csv': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/leave/requests/export.csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'GET /api/leave/requests/{id}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/leave/requests/${x.side[w].leaveId}`),
  },
  'POST /api/leave/requests/{id}/decision': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      post(`/api/leave/requests/${await fresh.leave(x, w)}/decision`, { decision: 'APPROVE', note: '' }),
  },
  'POST /api/leave/requests/{id}/cancel': {
    expect: 'DDDIDDI',
    req: async (x, _r, w) =>
      post(`/api/leave/requests/${await fresh.leave(x, w)}/cancel`, { reason: 'Tidak jadi' }),
  },
  'GET /api/leave/requests/{id}/attachment': {
    skip: 'needs a request with an attachment: leave.test.ts checks who may open it',
  },
  'GET /api/leave/requests/{id}/letter.pdf': {
    skip: 'needs an approved leave: leave.test.ts checks who may open the letter',
  },
  'GET /api/leave/balance': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/leave/balance?employeeId=${x.side[w].employeeId}&year=2026`),
  },
  'PUT /api/leave/opening-balances': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      put('/api/leave/opening-balances', {
        employeeId: x.side[w].employeeId,
        year: 2026,
        carriedFromPreviousYear: 2,
        carriedFromTwoYearsBefore: 0,
        takenBefore: 0,
      }),
  },
};
