import type { DisciplineContext } from './discipline-context.ts';

/** PLACEHOLDER: the cases section (filled in by its owner). */
export function createCasesSection(ctx: DisciplineContext) {
  void ctx;
  return {};
}
