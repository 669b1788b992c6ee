import type { DisciplineContext } from './discipline-context.ts';

/** PLACEHOLDER: the sanctions section (filled in by its owner). */
export function createSanctionsSection(ctx: DisciplineContext) {
  void ctx;
  return {};
}
