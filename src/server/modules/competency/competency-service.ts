import { createCompetencyContext, type CompetencyDeps } from './competency-context.ts';
import { createCompetencyStandards } from './competency-standards.ts';
import { createCompetencyAssessments } from './competency-assessments.ts';
import { createCompetencyTraining } from './competency-training.ts';
import { createCompetencyRecords } from './competency-records.ts';
import { createCompetencyAnalytics } from './competency-analytics.ts';
import { createCompetencyTalent } from './competency-talent.ts';
import { createCompetencyChangeProjects } from './competency-change-projects.ts';

/**
 * Competency and development (issue 19): the module's façade, the only part other modules may use (its type, wired
 * in app.ts). Sections: standards (dictionary, position standards, their import) and assessments (results, JPM,
 * gaps, who may see them) and training (catalogue, budgets, training needs per OPD) and change projects of leadership training. Every write checks the caller's role and scope first, inside the request's transaction,
 * and leaves an audit entry; every view of another person's results is logged.
 */
export function createCompetencyService(deps: CompetencyDeps) {
  const ctx = createCompetencyContext(deps);
  const records = createCompetencyRecords(ctx);
  return {
    standards: createCompetencyStandards(ctx),
    assessments: createCompetencyAssessments(ctx, records),
    training: createCompetencyTraining(ctx),
    records,
    analytics: createCompetencyAnalytics(ctx),
    talent: createCompetencyTalent(ctx),
    changeProjects: createCompetencyChangeProjects(ctx),
  };
}
export type CompetencyService = ReturnType<typeof createCompetencyService>;
