import { get, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';

/**
 * Who may reach Ruang Kendali (test/security/scope-harness.ts explains the codes): every route under
 * `/api/command-centre` (docs/command-centre.md). Each request narrows to the side's OPD (`unitId`): the readers of
 * the whole province (super admin, BKD, Inspektorat) reach both; the pimpinan — PIMPINAN over Dinas Kesehatan and
 * its head — only the inside one; admin OPD, the atasan (head of a UPTD, not of an OPD) and the pegawai nothing.
 * Every route only reads (the harness checks that a refusal stores nothing; the module's test that a read does not).
 */
const at = (path: string) => (x: Ctx, _r: unknown, w: Where) => get(`${path}?unitId=${x.side[w].opdUnitId}`);

export const COMMAND_CENTRE_ACCESS: AccessTable = {
  'GET /api/command-centre': { expect: 'AAAIDDD', req: at('/api/command-centre') },
  'GET /api/command-centre/export.{format}': { expect: 'AAAIDDD', req: at('/api/command-centre/export.csv') },
  'GET /api/command-centre/briefing.pdf': { expect: 'AAAIDDD', req: at('/api/command-centre/briefing.pdf') },
};
