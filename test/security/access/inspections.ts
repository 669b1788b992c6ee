import { get, post, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';

/**
 * Who may reach inspections (sidak, test/security/scope-harness.ts explains the codes): every route under
 * `/api/inspections` (docs/inspections.md). Checked by scope-inspections.test.ts.
 *
 * The inside record is an announced inspection of Dinas Kesehatan (the inside side's OPD) planned by the super
 * admin (alone on its team), the outside one of Badan Pendapatan Daerah. Readers (inspections.read: BKD,
 * Inspektorat, pimpinan, admin OPD) see those of their scope; planning is for BKD, the Inspektorat and the super
 * admin; only the team works an inspection. The workflow routes of the team (marks, findings, photos, follow-ups,
 * the discipline case, finishing) are checked per role, team and scope by
 * src/server/modules/inspections/inspections.test.ts, with the database unchanged after each refusal.
 */

const DATE = '2026-01-15';
const WORKFLOW =
  'team workflow: src/server/modules/inspections/inspections.test.ts (role, team, scope, refusals)';

/** The announced inspection of the side's OPD (made once per world by the super admin). */
async function inspectionOf(x: Ctx, w: Where): Promise<string> {
  const key = `inspection:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const res = await x.c.superAdmin.post('/api/inspections', {
    title: `Sidak uji ${w}`,
    kind: 'ANNOUNCED',
    date: DATE,
    unitIds: [x.side[w].opdUnitId],
  });
  if (res.statusCode !== 201) throw new Error(`inspection: ${res.body}`);
  const id = res.json().id as string;
  x.cache.set(key, id);
  return id;
}

const onInspection =
  (suffix: string, method: 'GET' | 'POST' = 'GET') =>
  async (x: Ctx, _r: unknown, w: Where) => {
    const url = `/api/inspections/${await inspectionOf(x, w)}${suffix}`;
    return method === 'GET' ? get(url) : post(url);
  };

export const INSPECTIONS_ACCESS: AccessTable = {
  'GET /api/inspections': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await inspectionOf(x, 'in');
      await inspectionOf(x, 'out');
      return get('/api/inspections?pageSize=200');
    },
    mark: (x, w) => x.cache.get(`inspection:${w}`) ?? '-',
  },
  'GET /api/inspections/export.{format}': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await inspectionOf(x, 'in');
      await inspectionOf(x, 'out');
      return get('/api/inspections/export.csv');
    },
    mark: (_x, w) => `Sidak uji ${w}`,
  },
  'POST /api/inspections': {
    expect: 'AAADDDD',
    req: (x, _r, w) =>
      post('/api/inspections', {
        title: `Sidak rencana ${x.n()}`,
        kind: 'UNANNOUNCED',
        date: '2026-02-02',
        unitIds: [x.side[w].opdUnitId],
      }),
  },
  'GET /api/inspections/{id}': { expect: 'AAAIIDD', req: onInspection('') },
  'GET /api/inspections/{id}/pdf': { expect: 'AAAIIDD', req: onInspection('/pdf') },
  'POST /api/inspections/{id}/start': { expect: 'ADDDDDD', req: onInspection('/start', 'POST') },
  'GET /api/inspections/checklist': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => get('/api/inspections/checklist'),
  },
  'GET /api/inspections/inspectors': {
    kind: 'plain',
    expect: 'AAADDDD',
    req: () => get('/api/inspections/inspectors'),
  },
  'GET /api/inspections/follow-ups/count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/inspections/follow-ups/count'),
  },
  'GET /api/inspections/assignable': {
    expect: 'AAADDDD',
    req: (x, _r, w) => get(`/api/inspections/assignable?unitId=${x.side[w].opdUnitId}`),
  },
  'POST /api/inspections/checklist': { skip: `BKD's checklist: ${WORKFLOW}` },
  'PATCH /api/inspections/checklist/{id}': { skip: `BKD's checklist: ${WORKFLOW}` },
  'GET /api/inspections/follow-ups': { skip: WORKFLOW },
  'GET /api/inspections/findings/{findingId}': { skip: WORKFLOW },
  'POST /api/inspections/findings/{findingId}/follow-up': { skip: WORKFLOW },
  'POST /api/inspections/findings/{findingId}/follow-up/report': { skip: WORKFLOW },
  'POST /api/inspections/findings/{findingId}/follow-up/close': { skip: WORKFLOW },
  'POST /api/inspections/findings/{findingId}/discipline-case': { skip: WORKFLOW },
  'POST /api/inspections/{id}/finish': { skip: WORKFLOW },
  'POST /api/inspections/{id}/cancel': { skip: `ends the shared record: ${WORKFLOW}` },
  'POST /api/inspections/{id}/marks': { skip: WORKFLOW },
  'POST /api/inspections/{id}/findings': { skip: WORKFLOW },
  'POST /api/inspections/{id}/findings/{findingId}/photos': { skip: WORKFLOW },
  'GET /api/inspections/{id}/findings/{findingId}/photos/{photoId}': { skip: WORKFLOW },
};
