import type { DisciplineContext } from './discipline-context.ts';

/** PLACEHOLDER: the indications section (filled in by its owner). */
export function createIndicationsSection(ctx: DisciplineContext) {
  void ctx;
  return {
    get: async (_actor: import('../../auth/authz.ts').Actor, _id: string): Promise<unknown> => null,
    scanClosedMonth: async (
      _trx: import('kysely').Transaction<import('../../db/schema.ts').Database>,
      _e: { unitId: string; unitPath: string; month: string; closedAt: Date },
    ): Promise<void> => {},
  };
}
