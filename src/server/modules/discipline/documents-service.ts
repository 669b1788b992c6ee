import type { DisciplineContext } from './discipline-context.ts';

/** PLACEHOLDER: the documents section (filled in by its owner). */
export function createDocumentsSection(ctx: DisciplineContext) {
  void ctx;
  return {};
}
