import { createTeladanAwards } from './teladan-awards.ts';
import { createTeladanContext, type TeladanDeps } from './teladan-context.ts';
import { createTeladanPeriods } from './teladan-periods.ts';
import { createTeladanReview } from './teladan-review.ts';

/**
 * ASN teladan (issue 18 point 4; docs/teladan.md): the module's façade, the only part other modules may use (its
 * type, wired in app.ts). Sections: periods (criteria, committee, nominations), review (ranking, decisions,
 * publication) and awards (the employee's record, the certificate). Every write checks the caller's role and
 * scope first, inside the request's transaction, and leaves an audit entry.
 */
export function createTeladanService(deps: TeladanDeps) {
  const ctx = createTeladanContext(deps);
  return {
    periods: createTeladanPeriods(ctx),
    review: createTeladanReview(ctx),
    awards: createTeladanAwards(ctx),
  };
}
export type TeladanService = ReturnType<typeof createTeladanService>;
