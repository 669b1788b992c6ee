import type { AccessTable } from '../scope-harness.ts';

/** Who may reach the TPP objections routes under /api/tpp (part of the `tpp` area: access/tpp.ts). */
export const TPP_OBJECTIONS_ACCESS: AccessTable = {};
