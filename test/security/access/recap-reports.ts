import { get, post, MONTH, type AccessTable } from '../scope-harness.ts';

/** Who may reach what (test/security/scope-harness.ts explains the codes): Daily statuses, the monthly recap (exports, closing, warnings, charts) and today's attendance. */
export const RECAP_REPORTS_ACCESS: AccessTable = {
  // ── Daily statuses and recap ──
  'GET /api/statuses': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/statuses?employeeId=${x.side[w].employeeId}&from=2026-01-01&to=2026-01-14`),
  },
  'GET /api/recap/employee': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/recap/employee?employeeId=${x.side[w].employeeId}&month=${MONTH}`),
  },
  'GET /api/recap/employee/export': {
    expect: 'AAAIIII',
    req: (x, _r, w) =>
      get(`/api/recap/employee/export?employeeId=${x.side[w].employeeId}&month=${MONTH}&format=csv`),
  },
  'GET /api/recap/units': {
    kind: 'list',
    expect: 'AAAIIID',
    req: () => get(`/api/recap/units?month=${MONTH}&pageSize=200`),
  },
  'GET /api/recap/export': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/export?unitId=${x.side[w].unitId}&month=${MONTH}&format=csv`),
  },
  'POST /api/recap/export-jobs': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => post(`/api/recap/export-jobs?unitId=${x.side[w].unitId}&month=${MONTH}&format=csv`),
  },
  'GET /api/recap/adjustments': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/adjustments?unitId=${x.side[w].unitId}&month=${MONTH}`),
  },
  'GET /api/recap/closing': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/closing?unitId=${x.side[w].unitId}&month=${MONTH}`),
  },
  'POST /api/recap/closing/close': {
    expect: 'AADDIDD',
    req: (x, _r, w) => post('/api/recap/closing/close', { unitId: x.side[w].unitId, month: '2025-12' }),
  },
  'POST /api/recap/closing/queue-missing': {
    expect: 'AADDIDD',
    req: (x, _r, w) => post('/api/recap/closing/queue-missing', { unitId: x.side[w].unitId, month: MONTH }),
  },
  'POST /api/recap/closing/reopen': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post('/api/recap/closing/reopen', {
        unitId: x.side[w].unitId,
        month: '2025-11',
        reason: 'Koreksi data presensi yang terlambat',
      }),
  },
  'GET /api/recap/warnings': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/warnings?unitId=${x.side[w].unitId}&month=${MONTH}`),
  },
  'GET /api/recap/charts/heatmap': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/charts/heatmap?unitId=${x.side[w].unitId}&month=${MONTH}`),
  },
  'GET /api/recap/charts/trend': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/charts/trend?unitId=${x.side[w].unitId}&month=${MONTH}`),
  },
  'GET /api/recap/charts/codes': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/recap/charts/codes?unitId=${x.side[w].unitId}&month=${MONTH}`),
  },

  // ── Kehadiran hari ini (a unit: in attendance.read scope, or holding the atasan's staff) ──
  'GET /api/today': {
    expect: 'AAAIIID',
    req: (x, _r, w) => get(`/api/today?unitId=${x.side[w].unitId}`),
  },
  'GET /api/today/units': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/today/units?parentId=${x.side[w].unitId}`),
  },
  'GET /api/today/export.{format}': {
    expect: 'AAAIIID',
    req: (x, _r, w) => get(`/api/today/export.csv?unitId=${x.side[w].unitId}`),
  },
};
