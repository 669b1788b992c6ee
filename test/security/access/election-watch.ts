import { sql } from 'kysely';
import { get, post, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';

/**
 * Who may reach the election-period watch (test/security/scope-harness.ts explains the codes): every route under
 * `/api/election-watch` (docs/election-watch.md). Checked by scope-election-watch.test.ts.
 *
 * The inside record is a watch period over Dinas Kesehatan (the inside side's OPD), the outside one a period over
 * Badan Pendapatan Daerah; a neutrality report against each side's employee. Readers (electionWatch.read: BKD,
 * Inspektorat, pimpinan, admin OPD) in their scope; the head of Dinkes (the `pimpinan` of this world, PIMPINAN over
 * Dinkes) also by relation, and alone may acknowledge Dinkes' list (the super admin has no employee record: refused).
 * Declaring periods and handling neutrality reports: BKD (electionWatch.write) and the super admin. The direct
 * superior (the head of the UPTD, not of the OPD) and the employee are refused everywhere.
 */

const DATE = '2026-01-14';

/** The watch period over the side's OPD (made once per world by the super admin). */
async function periodOf(x: Ctx, w: Where): Promise<string> {
  const key = `election-watch-period:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const res = await x.c.superAdmin.post('/api/election-watch/periods', {
    name: `Pilkada uji ${w}`,
    kind: 'PILKADA',
    legalBasis: 'SE Sekda 800/1/2026',
    startsOn: '2026-01-01',
    endsOn: '2026-01-31',
    unitIds: [x.side[w].opdUnitId],
    stages: [
      { kind: 'PEMUNGUTAN_SUARA', name: 'Pemungutan suara', startsOn: DATE, endsOn: DATE, keyDate: true },
    ],
  });
  if (res.statusCode !== 201) throw new Error(`election watch period: ${res.body}`);
  const id = res.json().id as string;
  x.cache.set(key, id);
  return id;
}

const report = (x: Ctx, w: Where) => ({
  employeeId: x.side[w].employeeId,
  source: 'BAWASLU',
  referenceNo: `REK/${x.n()}/2026`,
  referenceDate: '2026-01-12',
  conductCode: 'NETRALITAS_ETIKA',
  conductDate: '2026-01-10',
  description: 'Mengunggah ajakan memilih pasangan calon di media sosial.',
});

/** An undecided neutrality report against the side's employee (a new one once a decision used it up). */
async function neutralityOf(x: Ctx, w: Where): Promise<string> {
  const key = `election-watch-neutrality:${w}`;
  const cached = x.cache.get(key);
  if (cached) {
    const r = await sql<{ track: string | null }>`
      select track from election_watch_neutrality where id = ${cached}::uuid`.execute(x.t.db);
    if (r.rows[0] && r.rows[0].track === null) return cached;
  }
  const res = await x.c.superAdmin.post('/api/election-watch/neutrality', report(x, w));
  if (res.statusCode !== 201) throw new Error(`neutrality report: ${res.body}`);
  const id = res.json().id as string;
  x.cache.set(key, id);
  return id;
}

const inPeriod = (suffix: (x: Ctx, w: Where) => string) => async (x: Ctx, _r: unknown, w: Where) =>
  get(`/api/election-watch/periods/${await periodOf(x, w)}${suffix(x, w)}`);

export const ELECTION_WATCH_ACCESS: AccessTable = {
  'GET /api/election-watch/periods': {
    kind: 'list',
    expect: 'AAAIINN',
    req: async (x) => {
      await periodOf(x, 'in');
      await periodOf(x, 'out');
      return get('/api/election-watch/periods?pageSize=200');
    },
    mark: (x, w) => x.cache.get(`election-watch-period:${w}`) ?? '-',
  },
  'GET /api/election-watch/periods/headed': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/election-watch/periods/headed'),
  },
  'POST /api/election-watch/periods': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post('/api/election-watch/periods', {
        name: `Pemilu uji ${x.n()}`,
        kind: 'PEMILU',
        legalBasis: 'SE Sekda 800/2/2026',
        startsOn: '2026-02-01',
        endsOn: '2026-02-28',
        unitIds: [x.side[w].opdUnitId],
      }),
  },
  'GET /api/election-watch/periods/{id}': { expect: 'AAAIIDD', req: inPeriod(() => '') },
  'GET /api/election-watch/periods/{id}/days': {
    expect: 'AAAIIDD',
    req: inPeriod((x, w) => `/days?unitId=${x.side[w].opdUnitId}&date=${DATE}`),
  },
  'POST /api/election-watch/periods/{id}/acknowledgements': {
    expect: 'DDDIDDD',
    req: async (x, _r, w) =>
      post(`/api/election-watch/periods/${await periodOf(x, w)}/acknowledgements`, {
        unitId: x.side[w].opdUnitId,
        date: DATE,
        note: 'Sudah diperiksa',
      }),
  },
  'GET /api/election-watch/periods/{id}/report': {
    expect: 'AAAIIDD',
    req: inPeriod((x, w) => `/report?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/election-watch/periods/{id}/report.pdf': {
    expect: 'AAAIIDD',
    req: inPeriod((x, w) => `/report.pdf?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/election-watch/periods/{id}/report/{format}': {
    expect: 'AAAIIDD',
    req: inPeriod((x, w) => `/report/csv?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/election-watch/periods/{id}/escalations': {
    expect: 'AAAIIDD',
    req: inPeriod((x, w) => `/escalations?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/election-watch/neutrality/conducts': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => get(`/api/election-watch/neutrality/conducts?date=${DATE}`),
  },
  'GET /api/election-watch/neutrality': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await neutralityOf(x, 'in');
      await neutralityOf(x, 'out');
      return get('/api/election-watch/neutrality?pageSize=200');
    },
  },
  'POST /api/election-watch/neutrality': {
    expect: 'AADDDDD',
    req: (x, _r, w) => post('/api/election-watch/neutrality', report(x, w)),
  },
  'GET /api/election-watch/neutrality/{id}': {
    expect: 'AAAIIDD',
    req: async (x, _r, w) => get(`/api/election-watch/neutrality/${await neutralityOf(x, w)}`),
  },
  'POST /api/election-watch/neutrality/{id}/decision': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      post(`/api/election-watch/neutrality/${await neutralityOf(x, w)}/decision`, {
        track: 'ETIKA',
        moralSanction: 'PERNYATAAN_TERTUTUP',
        note: 'Terbukti melanggar kode etik',
      }),
  },
};
