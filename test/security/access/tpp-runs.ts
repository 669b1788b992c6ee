import type { AccessTable } from '../scope-harness.ts';

/**
 * Who may reach the TPP runs (run, lines, slips, lifecycle) under /api/tpp: filled in with the runs section. Part
 * of the `tpp` area (access/tpp.ts, scope-tpp.test.ts).
 */
export const TPP_RUNS_ACCESS: AccessTable = {};
