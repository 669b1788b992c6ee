import {
  listedInputs,
  openExclusion,
  tariffCsv,
  tariffRows,
  tariffTableOf,
} from '../../helpers/tpp-inputs-access.ts';
import { dayAfter, get, post, put, upload, type AccessTable } from '../scope-harness.ts';

/**
 * Who may reach the TPP inputs (tariffs, pagu, gaji and bank accounts, exclusion records) under /api/tpp. Part of
 * the `tpp` area (access/tpp.ts, scope-tpp.test.ts); records made lazily by test/helpers/tpp-inputs-access.ts.
 *
 * Tariff tables are the region's public rules for officials: every TPP reader (tpp.read/run/manage: super admin,
 * BKD, Inspektorat, pimpinan, admin OPD) reads them anywhere; only BKD for the whole region (tpp.manage) writes
 * them. The pagu, pay data and exclusion records are read in the reader's scope; the pagu is set by BKD; pay data
 * and exclusions are recorded by tpp.run over the employee's unit (admin OPD of her OPD, BKD). The employee reads
 * her own pay data (never records it); her superior does not read it.
 */
export const TPP_INPUTS_ACCESS: AccessTable = {
  // ── Tariff tables ──
  'GET /api/tpp/tariff-tables': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => get('/api/tpp/tariff-tables'),
  },
  'POST /api/tpp/tariff-tables': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: (x) =>
      post('/api/tpp/tariff-tables', {
        year: 2027,
        perkadaRef: `Pergub Uji ${x.n()}/2026`,
        rows: tariffRows(),
      }),
  },
  // A dry run: the report, nothing written.
  'POST /api/tpp/tariff-tables/import': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () =>
      upload(
        '/api/tpp/tariff-tables/import',
        { year: '2027', perkadaRef: 'Pergub Uji 2/2026', dryRun: 'true' },
        { name: 'tarif.csv', content: tariffCsv() },
      ),
  },
  'GET /api/tpp/tariff-tables/{id}': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: async (x) => get(`/api/tpp/tariff-tables/${await tariffTableOf(x)}`),
  },
  'GET /api/tpp/tariff-tables/{id}/export': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: async (x) => get(`/api/tpp/tariff-tables/${await tariffTableOf(x)}/export`),
  },

  // ── Pagu per OPD and year ──
  'GET /api/tpp/budgets': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await listedInputs(x);
      return get('/api/tpp/budgets?pageSize=200');
    },
    mark: (x, w) => x.side[w].opdUnitId,
  },
  'PUT /api/tpp/budgets': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      put('/api/tpp/budgets', {
        unitId: x.side[w].opdUnitId,
        year: 2027,
        amount: 6_000_000_000 + x.n(),
        reference: 'DPA 2027',
      }),
  },

  // ── Pay data ──
  'GET /api/tpp/pay': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/tpp/pay?pageSize=200'),
  },
  // A commit: an employee outside the importer's scope is refused row by row (422, nothing written).
  'POST /api/tpp/pay/import': {
    expect: 'AADDIDD',
    rowRefusal: [422],
    req: (x, _r, w) =>
      upload(
        '/api/tpp/pay/import',
        { dryRun: 'false' },
        {
          name: 'gaji.csv',
          content: `nip,gaji_pokok,berlaku_mulai\n${x.side[w].employee.nip},${3_000_000 + x.n()},01/01/2026\n`,
        },
      ),
  },
  'GET /api/tpp/employees/{id}/pay': {
    expect: 'AAAIIDI',
    req: (x, _r, w) => get(`/api/tpp/employees/${x.side[w].employeeId}/pay`),
  },
  'POST /api/tpp/employees/{id}/salaries': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post(`/api/tpp/employees/${x.side[w].employeeId}/salaries`, {
        validFrom: dayAfter(x.n()),
        gajiPokok: 3_000_000,
      }),
  },
  'PUT /api/tpp/employees/{id}/bank-account': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      put(`/api/tpp/employees/${x.side[w].employeeId}/bank-account`, {
        bankName: 'Bank Jabar Banten',
        accountNumber: String(1_000_000_000 + x.n()),
        accountHolder: 'Pegawai Uji',
      }),
  },

  // ── Exclusion records ──
  'GET /api/tpp/exclusions': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await listedInputs(x);
      return get('/api/tpp/exclusions?pageSize=200');
    },
  },
  'GET /api/tpp/exclusions/codes': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => get('/api/tpp/exclusions/codes'),
  },
  'POST /api/tpp/exclusions': {
    expect: 'AADDIDD',
    req: (x, _r, w) => {
      const day = dayAfter(x.n());
      return post('/api/tpp/exclusions', {
        employeeId: x.side[w].employeeId,
        code: 'MPP',
        validFrom: day,
        validTo: day,
        reason: 'Masa persiapan pensiun',
        reference: `SK MPP ${day}`,
      });
    },
  },
  'POST /api/tpp/exclusions/{id}/end': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => {
      const open = await openExclusion(x, w);
      return post(`/api/tpp/exclusions/${open.id}/end`, { validTo: open.validFrom });
    },
  },
};
