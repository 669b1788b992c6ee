import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { createKinerjaContext, type KinerjaDeps } from './kinerja-context.ts';
import { createSkpSection } from './skp-service.ts';
import { createReportsSection } from './reports-service.ts';
import { createEvaluationSection } from './evaluations-service.ts';
import { createFiguresSection } from './figures-service.ts';
import { createInterchangeSection } from './interchange-service.ts';

/**
 * e-Kinerja (issue 15; PermenPANRB 6/2022, regulations.md §6, §5.2, §5.4): the module's façade, the only part
 * other modules may use (its type, wired in app.ts). Sections: SKP with its cascade, daily activity reports and
 * their verification, continuous feedback and evidence, periodic and annual evaluations with objections, the
 * monthly kinerja figure for TPP, and interchange (XLSX import, BKN-shaped export).
 */
export function createKinerjaService(deps: KinerjaDeps) {
  const ctx = createKinerjaContext(deps);
  const skp = createSkpSection(ctx);
  const reports = createReportsSection(ctx);
  const evaluations = createEvaluationSection(ctx);
  const figures = createFiguresSection(ctx);
  const interchange = createInterchangeSection(ctx);

  /** For the notification service: resolves when the actor may (still) open the item, throws 403/404 otherwise. */
  async function canOpen(actor: Actor, entityType: string, id: string): Promise<unknown> {
    switch (entityType) {
      case 'skp':
        return skp.get(actor, id);
      case 'daily_report':
        return reports.get(actor, id);
      case 'evaluation':
      case 'evaluation_objection':
        return evaluations.get(actor, id);
      default:
        throw notFound('Data kinerja');
    }
  }

  return { skp, reports, evaluations, figures, interchange, canOpen };
}
export type KinerjaService = ReturnType<typeof createKinerjaService>;
