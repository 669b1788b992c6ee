import type { DisciplineContext } from './discipline-context.ts';
import { createPybResolver } from './pyb.ts';
import { createSanctionsShared } from './sanctions-shared.ts';
import { createDecisionPart } from './sanctions-decide.ts';
import { createEffectsPart } from './sanctions-effects.ts';
import { createAppealsPart } from './sanctions-appeals.ts';
import { createSiasnPart } from './sanctions-siasn.ts';
import { createDesignationsPart } from './sanctions-designations.ts';

/**
 * The sanctions section of discipline cases (issue 16 points 2 (decision onwards), 3, 5, 7, 8): the competent
 * official (PyB) and the decision; delivery, effective date, serving period and concurrent sanctions; upaya
 * administratif; the employee's record and flags; the sanctions active in a month for TPP; the SIASN-shaped export;
 * the PPK designations of a JF as PyB. Each part in its own file (`sanctions-*.ts`), the PyB resolver in `pyb.ts`.
 * Source: PP 94/2021 Pasal 8, 18–26, 33–41; Peraturan BKN 6/2022 Pasal 49–50, 55 and annex; PP 79/2021;
 * PP 49/2018 Pasal 52–53; regulations.md §1.2, §1.5–1.10, §2.
 */
export function createSanctionsSection(ctx: DisciplineContext) {
  const pyb = createPybResolver(ctx);
  const shared = createSanctionsShared(ctx);
  const decision = createDecisionPart(ctx, shared, pyb);
  const effects = createEffectsPart(ctx, shared);
  const appeals = createAppealsPart(ctx, shared);
  const siasn = createSiasnPart(ctx);
  const designations = createDesignationsPart(ctx);
  return {
    /** The PyB resolver (also used by the cases section for the report to the competent official). */
    pyb,
    competentOfficial: decision.competentOfficial,
    decide: decision.decide,
    deliver: effects.deliver,
    fileAppeal: appeals.file,
    decideAppeal: appeals.decide,
    record: effects.record,
    /** For the competency module's candidate lists (no actor): each employee's record flags today. */
    statusOf: effects.statusOf,
    active: effects.active,
    /** For the TPP module (no actor): the sanctions active in a month per employee, as the core's TppSanction. */
    activeInMonth: effects.activeInMonth,
    /** Cases move to BERLAKU / SELESAI as their sanctions take effect and end (hourly, from app.ts). */
    settle: effects.settle,
    siasnExportSpec: siasn.siasnExportSpec,
    renderer: siasn.renderer,
    designations,
    /** The sanction views of an employee (for the case view and the registry). */
    viewsOfEmployee: shared.viewsOfEmployee,
    sanctionOfCase: shared.sanctionOfCase,
  };
}
export type SanctionsSection = ReturnType<typeof createSanctionsSection>;
