import type { AccessTable } from '../scope-harness.ts';

/** Who may reach the TPP simulation routes under /api/tpp (part of the `tpp` area: access/tpp.ts). */
export const TPP_SIMULATION_ACCESS: AccessTable = {};
