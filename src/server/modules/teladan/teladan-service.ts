import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
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
  const awards = createTeladanAwards(ctx);
  return {
    periods: createTeladanPeriods(ctx),
    review: createTeladanReview(ctx),
    awards,
    /**
     * For the notification service: resolves when the reader may still see the item a notification is about (a
     * period under review: its committee or readers in scope; an award: as `awards.list`), else 403/404.
     */
    async canOpen(actor: Actor, entityType: string, id: string): Promise<void> {
      if (entityType === 'teladan_award') return awards.canRead(actor, id);
      if (entityType === 'teladan_period') {
        await ctx.candidateView(actor, await ctx.periodOr404(id));
        return;
      }
      throw notFound('Data');
    },
  };
}
export type TeladanService = ReturnType<typeof createTeladanService>;
