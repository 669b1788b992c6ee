import { RUN_MONTH, tppRunOf, tppRuns } from '../../helpers/tpp-runs-activity.ts';
import { get, post, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';

/**
 * Who may reach the TPP runs (compute, the run and its lines, one line's explanation and slip, the verification,
 * the lifecycle steps, my TPP, my staff's TPP) under /api/tpp. Part of the `tpp` area (access/tpp.ts,
 * scope-tpp.test.ts); each side's OPD has a published run of December 2025 (test/helpers/tpp-runs-activity.ts).
 *
 * Readers (tpp.read: super admin, BKD, Inspektorat, pimpinan and admin OPD in their scope) see the run and every
 * line; once published, the employee sees her own line and her direct superior (atasan) his staff's — never the
 * run as a whole. Computing, checking and publishing: tpp.run over the unit (admin OPD of the OPD, BKD). Approval
 * for the OPD: its head (pimpinan of Dinkes holds the head post) or their Plt/Plh, never a reader as such.
 * Approval and lock: BKD (tpp.manage). A step out of order (the runs are published; the objection window is open)
 * answers 409 to whoever may take it; a refusal writes nothing.
 */

const run = (x: Ctx, w: Where) => tppRunOf(x, w);
const step = (path: string) => async (x: Ctx, _r: unknown, w: Where) =>
  post(`/api/tpp/runs/${await run(x, w)}/${path}`, {});

export const TPP_RUNS_ACCESS: AccessTable = {
  // December 2025 is not closed (409 to whoever may compute it: nothing written).
  'POST /api/tpp/runs': {
    expect: 'AADDIDD',
    req: (x, _r, w) => post('/api/tpp/runs', { unitId: x.side[w].opdUnitId, month: RUN_MONTH }),
  },
  'GET /api/tpp/runs': {
    kind: 'list',
    expect: 'AAAIINN',
    req: async (x) => {
      await tppRuns(x);
      return get(`/api/tpp/runs?month=${RUN_MONTH}&pageSize=200`);
    },
    mark: (x, w) => x.cache.get(`tppRun:${w}`)!,
  },
  'GET /api/tpp/runs/{id}': {
    expect: 'AAAIIDD',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await run(x, w)}`),
  },
  'GET /api/tpp/runs/{id}/lines': {
    expect: 'AAAIIII',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await run(x, w)}/lines`),
  },
  'GET /api/tpp/runs/{id}/lines/{employeeId}': {
    expect: 'AAAIIII',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await run(x, w)}/lines/${x.side[w].employeeId}`),
  },
  'GET /api/tpp/runs/{id}/lines/{employeeId}/slip.pdf': {
    expect: 'AAAIIII',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await run(x, w)}/lines/${x.side[w].employeeId}/slip.pdf`),
  },
  'GET /api/tpp/runs/{id}/verification': {
    expect: 'AAAIIDD',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await run(x, w)}/verification`),
  },
  'POST /api/tpp/runs/{id}/check': { expect: 'AADDIDD', req: step('check') },
  'POST /api/tpp/runs/{id}/publish': { expect: 'AADDIDD', req: step('publish') },
  'POST /api/tpp/runs/{id}/approve-opd': { expect: 'DDDIDDD', req: step('approve-opd') },
  'POST /api/tpp/runs/{id}/approve': { expect: 'AADDDDD', req: step('approve') },
  'POST /api/tpp/runs/{id}/lock': { expect: 'AADDDDD', req: step('lock') },
  // One's own TPP: everyone may ask (the super admin, without an employee record, gets an empty answer).
  'GET /api/tpp/mine': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: async (x) => {
      await tppRuns(x);
      return get(`/api/tpp/mine?month=${RUN_MONTH}`);
    },
  },
  // One's staff's TPP: only the inside employee's superior finds her line.
  'GET /api/tpp/staff': {
    kind: 'list',
    expect: 'NNNNNIN',
    req: async (x) => {
      await tppRuns(x);
      return get(`/api/tpp/staff?month=${RUN_MONTH}&pageSize=200`);
    },
  },
};
