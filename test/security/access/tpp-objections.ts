import { multipart } from '../../helpers/test-app.ts';
import { RUN_MONTH, tppRunOf } from '../../helpers/tpp-runs-activity.ts';
import { tppObjectionOf, tppObjections } from '../../helpers/tpp-objections-access.ts';
import { get, post, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';

/**
 * Who may reach the objections to a published TPP line under /api/tpp (part of the `tpp` area: access/tpp.ts).
 * Each side's OPD has a published run of December 2025 whose window is open (tpp-runs-activity.ts) and two pending
 * objections of the side's employee (tpp-objections-access.ts).
 *
 * Filing: the employee herself on her own line only (the line has a TL1 of 03/12/2025). Deciding: the direct
 * superior (atasan) or BKD (tpp.manage: BKD, super admin); readers of the run may see but not decide (403).
 * Seeing one objection and its evidence: the employee, the deciders, readers of the run and its head. A run's
 * list: readers and the head. The inbox lists what the caller decides.
 */

const objection = (which: 'inbox' | 'decide') => async (x: Ctx, _r: unknown, w: Where) =>
  tppObjectionOf(x, w, which);

export const TPP_OBJECTIONS_ACCESS: AccessTable = {
  'POST /api/tpp/runs/{id}/lines/{employeeId}/objections': {
    expect: 'DDDDDDI',
    req: async (x, _r, w) => ({
      method: 'POST',
      url: `/api/tpp/runs/${await tppRunOf(x, w)}/lines/${x.side[w].employeeId}/objections`,
      ...multipart({ kind: 'DEDUCTION', date: '2025-12-03', code: 'TL1', reason: `Uji ${x.n()}` }),
    }),
  },
  'GET /api/tpp/runs/{id}/objections': {
    expect: 'AAAIIDD',
    req: async (x, _r, w) => {
      await tppObjections(x);
      return get(`/api/tpp/runs/${await tppRunOf(x, w)}/objections`);
    },
  },
  'GET /api/tpp/objections/mine': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: async (x) => {
      await tppObjections(x);
      return get(`/api/tpp/objections/mine?month=${RUN_MONTH}`);
    },
  },
  'GET /api/tpp/objections/inbox': {
    kind: 'list',
    expect: 'AANNNIN',
    req: async (x) => {
      await tppObjections(x);
      return get('/api/tpp/objections/inbox?pageSize=200');
    },
    mark: (x, w) => x.cache.get(`tppObjection:${w}`)!,
  },
  'GET /api/tpp/objections/inbox/count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/tpp/objections/inbox/count'),
  },
  'GET /api/tpp/objections/{id}': {
    expect: 'AAAIIII',
    req: async (x, r, w) => get(`/api/tpp/objections/${await objection('inbox')(x, r, w)}`),
  },
  'GET /api/tpp/objections/{id}/evidence': {
    expect: 'AAAIIII',
    req: async (x, r, w) => get(`/api/tpp/objections/${await objection('decide')(x, r, w)}/evidence`),
  },
  // Rejected (no re-run): the first allowed caller decides, the later ones get 409 (already decided).
  'POST /api/tpp/objections/{id}/decision': {
    expect: 'AADDDID',
    req: async (x, r, w) =>
      post(`/api/tpp/objections/${await objection('decide')(x, r, w)}/decision`, {
        decision: 'DITOLAK',
        note: 'Uji akses',
      }),
  },
};
