import { RUN_MONTH, tppRunOf, tppRuns } from '../../helpers/tpp-runs-activity.ts';
import { get, post, type AccessTable, type Ctx, type Req, type Where } from '../scope-harness.ts';

/**
 * Who may reach the TPP finance routes under /api/tpp (part of the `tpp` area: access/tpp.ts): the nominative list
 * of a run (readers of its unit: tpp.read, the finance desk tpp.pay, the head), the bank transfer file (tpp.pay
 * over the unit only: admin OPD of the OPD, BKD; the runs of test/helpers/tpp-runs-activity.ts are published, not
 * approved, so whoever may produce it gets 409 and nothing is written), the recap per OPD (readers, their
 * subtree), the OPD's treasurer (readers read; tpp.run over the unit sets it).
 */

const run = (x: Ctx, w: Where) => tppRunOf(x, w);

/** The OPD names of both sides, for the recap export's marks. */
async function opdNames(x: Ctx) {
  await tppRuns(x);
  for (const w of ['in', 'out'] as const)
    if (!x.cache.has(`tppOpdName:${w}`)) {
      const u = await x.t.db
        .selectFrom('units')
        .select('name')
        .where('id', '=', x.side[w].opdUnitId)
        .executeTakeFirstOrThrow();
      x.cache.set(`tppOpdName:${w}`, u.name);
    }
}

export const TPP_FINANCE_ACCESS: AccessTable = {
  'GET /api/tpp/runs/{id}/nominative': {
    expect: 'AAAIIDD',
    req: async (x, _r, w) => get(`/api/tpp/runs/${await run(x, w)}/nominative?format=xlsx`),
  },
  'POST /api/tpp/runs/{id}/bank-file': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => post(`/api/tpp/runs/${await run(x, w)}/bank-file`),
  },
  'GET /api/tpp/finance/recap': {
    kind: 'list',
    expect: 'AAAIINN',
    req: async (x) => {
      await tppRuns(x);
      return get(`/api/tpp/finance/recap?month=${RUN_MONTH}`);
    },
    mark: (x, w) => x.cache.get(`tppRun:${w}`)!,
  },
  'GET /api/tpp/finance/recap/export': {
    kind: 'list',
    expect: 'AAAIINN',
    req: async (x) => {
      await opdNames(x);
      return get(`/api/tpp/finance/recap/export?month=${RUN_MONTH}&format=csv`);
    },
    mark: (x, w) => x.cache.get(`tppOpdName:${w}`)!,
  },
  // The caller's own treasurer designations (none in this world): everyone signed in gets an answer.
  'GET /api/tpp/finance/treasurer': {
    expect: 'AAAAAAA',
    req: () => get('/api/tpp/finance/treasurer'),
  },
  'GET /api/tpp/treasurers/{unitId}': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/tpp/treasurers/${x.side[w].opdUnitId}`),
  },
  // An upsert of the OPD's treasurer (an employee of the side's OPD).
  'PUT /api/tpp/treasurers/{unitId}': {
    expect: 'AADDIDD',
    req: (x, _r, w): Req => ({
      method: 'PUT',
      url: `/api/tpp/treasurers/${x.side[w].opdUnitId}`,
      payload: { employeeId: x.side[w].employeeId },
    }),
  },
};
