import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { createDisciplineContext, type DisciplineDeps } from './discipline-context.ts';
import { createIndicationsSection } from './indications-service.ts';
import { createCasesSection } from './cases-service.ts';
import { createSanctionsSection } from './sanctions-service.ts';
import { createSalaryStopsSection } from './salary-stops-service.ts';
import { createDocumentsSection } from './documents-service.ts';
import { createRegistrySection } from './registry-service.ts';

/**
 * Discipline cases (issue 16; PP 94/2021, Peraturan BKN 6/2022, PP 79/2021, PP 49/2018; regulations.md §1, §2, §8):
 * the module's façade, the only part other modules may use (its type, wired in app.ts). Sections: indications from
 * the recap turned into cases or dismissed; the procedure of a case (telaah, team, summonses, BAP, relief, report);
 * sanctions (decision by the competent official, delivery, effective date, serving, concurrency, upaya
 * administratif, effects for TPP, KGB, promotion and transfer); salary stops after ten consecutive TK days;
 * confidential documents; the registry and dashboards.
 */
export function createDisciplineService(deps: DisciplineDeps) {
  const ctx = createDisciplineContext(deps);
  const indications = createIndicationsSection(ctx);
  const cases = createCasesSection(ctx);
  const sanctions = createSanctionsSection(ctx);
  const salaryStops = createSalaryStopsSection(ctx);
  const documents = createDocumentsSection(ctx);
  const registry = createRegistrySection(ctx);

  /** For the notification service: resolves when the actor may (still) open the item, throws 403/404 otherwise. */
  async function canOpen(actor: Actor, entityType: string, id: string): Promise<unknown> {
    switch (entityType) {
      case 'discipline_case':
        return ctx.loadCase(actor, id);
      case 'discipline_indication':
        return indications.get(actor, id);
      case 'discipline_salary_stop':
        return salaryStops.get(actor, id);
      default:
        throw notFound('Data disiplin');
    }
  }

  return { indications, cases, sanctions, salaryStops, documents, registry, canOpen };
}
export type DisciplineService = ReturnType<typeof createDisciplineService>;
