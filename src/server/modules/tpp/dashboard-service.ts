import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';

/** TPP dashboard (issue 17): filled in by its helper. */
export function createDashboardSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  void ctx;
  void inputs;
  void runs;
  return {};
}
export type TppDashboardSection = ReturnType<typeof createDashboardSection>;
