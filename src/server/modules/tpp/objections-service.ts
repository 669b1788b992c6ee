import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';

/** TPP objections (issue 17): filled in by its helper. */
export function createObjectionsSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  void ctx;
  void inputs;
  void runs;
  return {};
}
export type TppObjectionsSection = ReturnType<typeof createObjectionsSection>;
