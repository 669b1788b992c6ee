import type { AccessTable } from '../scope-harness.ts';

/**
 * Who may reach the TPP inputs (tariffs, pagu, gaji and bank accounts, exclusion records) under /api/tpp: filled in
 * with the inputs section. Part of the `tpp` area (access/tpp.ts, scope-tpp.test.ts).
 */
export const TPP_INPUTS_ACCESS: AccessTable = {};
