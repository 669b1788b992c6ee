import type { TppContext } from './tpp-context.ts';

/** TPP inputs (issue 17 point 1): filled in by the inputs helper. */
export function createInputsSection(ctx: TppContext) {
  void ctx;
  return {};
}
export type TppInputsSection = ReturnType<typeof createInputsSection>;
