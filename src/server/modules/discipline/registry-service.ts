import type { DisciplineContext } from './discipline-context.ts';

/** PLACEHOLDER: the registry section (filled in by its owner). */
export function createRegistrySection(ctx: DisciplineContext) {
  void ctx;
  return {};
}
