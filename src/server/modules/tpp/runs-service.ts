import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';

/** TPP runs (issue 17 points 2–4): filled in by the runs helper. */
export function createRunsSection(ctx: TppContext, inputs: TppInputsSection) {
  void ctx;
  void inputs;
  return {};
}
export type TppRunsSection = ReturnType<typeof createRunsSection>;
