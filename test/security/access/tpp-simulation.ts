import { RUN_MONTH } from '../../helpers/tpp-runs-activity.ts';
import { tppSimulationOf } from '../../helpers/tpp-simulation-access.ts';
import { del, get, post, type AccessTable } from '../scope-harness.ts';

/**
 * Who may reach the TPP simulations and dashboards under /api/tpp (part of the `tpp` area: access/tpp.ts).
 *
 * Simulations (issue 17 point 6): BKD only (tpp.manage: BKD, super admin); every other role — admin OPD,
 * Inspektorat, pimpinan, superior, employee — is refused, for both sides' simulations (test/helpers/
 * tpp-simulation-access.ts). Creating one for December 2025 (not closed) answers 409 to BKD: authorised, nothing
 * written. Dashboards (point 7): readers in scope (tpp.read / run / manage) for the side's OPD; the head of Dinkes
 * (pimpinan) and its admin OPD only inside; the superior and the employee are refused.
 */
const sim =
  (suffix = '') =>
  async (x: Parameters<typeof tppSimulationOf>[0], _r: unknown, w: 'in' | 'out') =>
    get(`/api/tpp/simulations/${await tppSimulationOf(x, w)}${suffix}`);

export const TPP_SIMULATION_ACCESS: AccessTable = {
  'POST /api/tpp/simulations': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post('/api/tpp/simulations', { label: 'Uji akses', month: RUN_MONTH, unitIds: [x.side[w].opdUnitId] }),
  },
  'GET /api/tpp/simulations': { kind: 'plain', expect: 'AADDDDD', req: () => get('/api/tpp/simulations') },
  'GET /api/tpp/simulations/{id}': { expect: 'AADDDDD', req: sim() },
  'GET /api/tpp/simulations/{id}/employees': { expect: 'AADDDDD', req: sim('/employees') },
  'GET /api/tpp/simulations/{id}/export.xlsx': { expect: 'AADDDDD', req: sim('/export.xlsx') },
  'DELETE /api/tpp/simulations/{id}': {
    expect: 'AADDDDD',
    req: async (x, _r, w) => del(`/api/tpp/simulations/${await tppSimulationOf(x, w)}`),
  },
  'GET /api/tpp/dashboard': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/tpp/dashboard?year=2025&unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/tpp/dashboard/export.xlsx': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/tpp/dashboard/export.xlsx?year=2025&unitId=${x.side[w].opdUnitId}`),
  },
};
