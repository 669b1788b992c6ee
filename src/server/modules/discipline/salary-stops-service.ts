import type { DisciplineContext } from './discipline-context.ts';

/** PLACEHOLDER: the salary-stops section (filled in by its owner). */
export function createSalaryStopsSection(ctx: DisciplineContext) {
  void ctx;
  return { get: async (_actor: import('../../auth/authz.ts').Actor, _id: string): Promise<unknown> => null };
}
