import { LOCKED_MONTH, tppLockedRunOf, tppLockedRuns } from '../../helpers/tpp-corrections-access.ts';
import { get, post, type AccessTable } from '../scope-harness.ts';

/**
 * Who may reach the corrections of locked TPP runs under /api/tpp (part of the `tpp` area: access/tpp.ts). Each
 * side's OPD has a locked run of November 2025 and one open correction of the side's employee
 * (tpp-corrections-access.ts). Previewing and recording: tpp.run over the run's unit (admin OPD of the OPD, BKD,
 * super admin); a reader who may not record gets 403, anyone else 404; a refusal writes nothing. The list: readers
 * of TPP in scope (tpp.read); others get an empty list.
 */
export const TPP_CORRECTIONS_ACCESS: AccessTable = {
  'GET /api/tpp/runs/{id}/corrections/preview': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await tppLockedRunOf(x, w)}/corrections/preview`),
  },
  'POST /api/tpp/runs/{id}/corrections': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => post(`/api/tpp/runs/${await tppLockedRunOf(x, w)}/corrections`, {}),
  },
  'GET /api/tpp/corrections': {
    kind: 'list',
    expect: 'AAAIINN',
    req: async (x) => {
      await tppLockedRuns(x);
      return get(`/api/tpp/corrections?month=${LOCKED_MONTH}&pageSize=200`);
    },
    mark: (x, w) => x.cache.get(`tppCorrection:${w}`)!,
  },
};
