import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';

/** TPP simulation (issue 17): filled in by its helper. */
export function createSimulationSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  void ctx;
  void inputs;
  void runs;
  return {};
}
export type TppSimulationSection = ReturnType<typeof createSimulationSection>;
