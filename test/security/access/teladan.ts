import { sql } from 'kysely';
import { get, post, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';

/**
 * Who may reach ASN teladan (test/security/scope-harness.ts explains the codes): every route under `/api/teladan`
 * (docs/teladan.md). Checked by scope-teladan.test.ts.
 *
 * The inside record is a period over Dinas Kesehatan (the inside side's OPD), the outside one a period over Badan
 * Pendapatan Daerah; the committee of each is the side's colleague, so no role of the table decides or publishes
 * (only committee members do: D for all). Periods and the figure list are announcements everyone signed in reads.
 * Defining periods, committees and public nominations: BKD and the super admin (teladan.manage). The ranking: the
 * readers (teladan.read) whose scope meets the period's units. A nomination: the direct superior only. An award and
 * its certificate: the employee, and readers in scope.
 */

/** The period over the side's OPD (made once per world by the super admin). */
async function periodOf(x: Ctx, w: Where): Promise<string> {
  const key = `teladan-period:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const res = await x.c.superAdmin.post('/api/teladan/periods', {
    name: `Teladan uji ${w}`,
    year: 2025,
    fromMonth: '2025-12',
    toMonth: '2025-12',
    unitIds: [x.side[w].opdUnitId],
    employeeTypes: ['PNS'],
    legalBasis: 'Keputusan Kepala BKD 800/9/2025',
    criteria: [
      {
        key: 'usulan',
        label: 'Usulan',
        figure: 'nominations.total',
        kind: 'scored',
        direction: 'higher',
        weight: 1,
      },
    ],
    winnersPerOpd: 1,
    winnersRegion: 0,
  });
  if (res.statusCode !== 201) throw new Error(`teladan period: ${res.body}`);
  const id = res.json().id as string;
  const committee = await x.c.superAdmin.post(`/api/teladan/periods/${id}/committee`, {
    members: [{ employeeId: x.side[w].colleagueId, role: 'KETUA' }],
  });
  if (committee.statusCode !== 200) throw new Error(`teladan committee: ${committee.body}`);
  x.cache.set(key, id);
  return id;
}

/** An award of the side's employee (stored as publication stores it). */
async function awardOf(x: Ctx, w: Where): Promise<string> {
  const key = `teladan-award:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const periodId = await periodOf(x, w);
  const r = await sql<{ id: string }>`
    insert into teladan_awards (period_id, employee_id, category, opd_id, score, region_rank, opd_rank, letter_number,
                                published_at)
    values (${periodId}::uuid, ${x.side[w].employeeId}::uuid, 'OPD', ${x.side[w].opdUnitId}::uuid, 100, 1, 1,
            '1/TELADAN/2025', now())
    returning id`.execute(x.t.db);
  const id = r.rows[0]!.id;
  x.cache.set(key, id);
  return id;
}

const inPeriod = (suffix: string) => async (x: Ctx, _r: unknown, w: Where) =>
  get(`/api/teladan/periods/${await periodOf(x, w)}${suffix}`);
const postPeriod =
  (suffix: string, body: (x: Ctx, w: Where) => object) => async (x: Ctx, _r: unknown, w: Where) =>
    post(`/api/teladan/periods/${await periodOf(x, w)}${suffix}`, body(x, w));

export const TELADAN_ACCESS: AccessTable = {
  'GET /api/teladan/figures': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/teladan/figures') },
  'GET /api/teladan/periods': {
    kind: 'list',
    expect: 'AAAAAAA',
    req: async (x) => {
      await periodOf(x, 'in');
      await periodOf(x, 'out');
      return get('/api/teladan/periods?pageSize=200');
    },
    mark: (x, w) => x.cache.get(`teladan-period:${w}`) ?? '-',
  },
  'POST /api/teladan/periods': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post('/api/teladan/periods', {
        name: `Teladan baru ${x.n()}`,
        year: 2026,
        fromMonth: '2026-01',
        toMonth: '2026-06',
        unitIds: [x.side[w].opdUnitId],
        employeeTypes: ['PNS'],
        legalBasis: 'Keputusan Kepala BKD 800/1/2026',
        criteria: [
          {
            key: 'usulan',
            label: 'Usulan',
            figure: 'nominations.total',
            kind: 'scored',
            direction: 'higher',
            weight: 1,
          },
        ],
        winnersPerOpd: 1,
        winnersRegion: 0,
      }),
  },
  'GET /api/teladan/periods/{id}': { expect: 'AAAAAAA', req: inPeriod('') },
  'POST /api/teladan/periods/{id}/committee': {
    expect: 'AADDDDD',
    req: postPeriod('/committee', (x, w) => ({
      members: [{ employeeId: x.side[w].colleagueId, role: 'KETUA' }],
    })),
  },
  'GET /api/teladan/periods/{id}/ranking': { expect: 'AAAIIDD', req: inPeriod('/ranking') },
  'GET /api/teladan/periods/{id}/ranking/export.{format}': {
    expect: 'AAAIIDD',
    req: inPeriod('/ranking/export.csv'),
  },
  'POST /api/teladan/periods/{id}/review': { expect: 'AADDDDD', req: postPeriod('/review', () => ({})) },
  'POST /api/teladan/periods/{id}/decisions': {
    expect: 'DDDDDDD',
    req: postPeriod('/decisions', (x, w) => ({ employeeId: x.side[w].employeeId, decision: 'NOT_SELECTED' })),
  },
  'POST /api/teladan/periods/{id}/publish': { expect: 'DDDDDDD', req: postPeriod('/publish', () => ({})) },
  'GET /api/teladan/periods/{id}/nominations': {
    // Readers in scope see the period's nominations; anyone else with an employee record sees only their own.
    expect: 'AAAAAAA',
    req: inPeriod('/nominations'),
  },
  'POST /api/teladan/periods/{id}/nominations': {
    expect: 'DDDDDID',
    req: postPeriod('/nominations', (x, w) => ({
      employeeId: x.side[w].employeeId,
      reason: 'Selalu hadir tepat waktu dan melayani dengan baik',
    })),
  },
  'POST /api/teladan/periods/{id}/public-nominations': {
    expect: 'AADDDDD',
    req: postPeriod('/public-nominations', (x, w) => ({
      employeeId: x.side[w].employeeId,
      reason: 'Pelayanan ramah menurut warga',
      source: 'SP4N-LAPOR!',
      reference: `LPR-${x.n()}`,
    })),
  },
  'GET /api/teladan/awards': {
    expect: 'AAAIIDI',
    req: async (x, _r, w) => {
      await awardOf(x, w);
      return get(`/api/teladan/awards?employeeId=${x.side[w].employeeId}`);
    },
  },
  'GET /api/teladan/awards/{id}/certificate': {
    expect: 'AAAIIDI',
    req: async (x, _r, w) => get(`/api/teladan/awards/${await awardOf(x, w)}/certificate`),
  },
};
