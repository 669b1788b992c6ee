import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { createTppContext, type TppDeps } from './tpp-context.ts';
import { createInputsSection } from './inputs-service.ts';
import { createRunsSection } from './runs-service.ts';
import { createObjectionsSection } from './objections-service.ts';
import { createFinanceSection } from './finance-service.ts';
import { createSimulationSection } from './simulation-service.ts';
import { createDashboardSection } from './dashboard-service.ts';
import { createCorrectionsSection } from './corrections-service.ts';

/**
 * TPP (issue 17; PP 12/2019 Pasal 58, the region's Perkada; regulations.md §5, §1.10, §10): the module's façade,
 * the only part other modules may use. Sections: inputs (tariffs per year and kelas from the Perkada, the pagu
 * per OPD, gaji and bank accounts, exclusion records) and runs (the monthly run from the closed recap, the
 * kinerja figure and the sanctions in force; every rupiah explained; its lifecycle to the locked list), objections
 * to a line, the finance documents (nominative list, bank file), simulations of a draft rulebook, dashboards,
 * corrections of locked runs (kekurangan / kelebihan bayar paid in the next run).
 */
export function createTppService(deps: TppDeps) {
  const ctx = createTppContext(deps);
  const inputs = createInputsSection(ctx);
  const corrections = createCorrectionsSection(ctx, inputs);
  const runs = createRunsSection(ctx, inputs, {}, corrections);
  const objections = createObjectionsSection(ctx, inputs, runs);
  const finance = createFinanceSection(ctx, inputs, runs);
  const simulation = createSimulationSection(ctx, inputs, runs);
  const dashboard = createDashboardSection(ctx, inputs, runs);

  /** For the notification service: resolves when the actor may (still) open the item, throws 404 otherwise. */
  async function canOpen(actor: Actor, entityType: string, id: string): Promise<unknown> {
    if (entityType === 'tpp_run') return runs.canOpen(actor, id);
    throw notFound('Data TPP');
  }

  return { inputs, runs, objections, finance, simulation, dashboard, corrections, canOpen };
}
export type TppService = ReturnType<typeof createTppService>;
