import type { AccessTable } from '../scope-harness.ts';
import { TPP_INPUTS_ACCESS } from './tpp-inputs.ts';
import { TPP_RUNS_ACCESS } from './tpp-runs.ts';
import { TPP_OBJECTIONS_ACCESS } from './tpp-objections.ts';
import { TPP_FINANCE_ACCESS } from './tpp-finance.ts';
import { TPP_SIMULATION_ACCESS } from './tpp-simulation.ts';
import { TPP_CORRECTIONS_ACCESS } from './tpp-corrections.ts';

/**
 * The TPP module, every route starting with `/api/tpp` (scope-coverage.test.ts): its inputs and its runs, each in
 * its own table. Employees see only their own slip, the superior their staff's, readers (tpp.read) their subtree;
 * admin OPD runs and checks its OPD (tpp.run); BKD sets tariffs and pagu and approves and locks (tpp.manage).
 */
export const TPP_ACCESS: AccessTable = {
  ...TPP_INPUTS_ACCESS,
  ...TPP_RUNS_ACCESS,
  ...TPP_OBJECTIONS_ACCESS,
  ...TPP_FINANCE_ACCESS,
  ...TPP_SIMULATION_ACCESS,
  ...TPP_CORRECTIONS_ACCESS,
};
