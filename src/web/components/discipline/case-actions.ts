import { canTake, type CaseAction } from '../../../core/discipline/case-machine.ts';
import type { CaseActionView, CaseView, SanctionView } from '../../api/discipline.ts';

/** Why a step of the sanctions section is not the caller's (Indonesian, from the page's messages). */
export interface SanctionActionReasons {
  deliver: string;
  appeal: string;
  appealClosed: string;
  appealPending: string;
  decideAppeal: string;
}

/**
 * The case view's `actions` come from the cases section (telaah … decision, ending); the steps of the sanctions
 * section — delivery, upaya administratif, its outcome — are judged here from the view by the same rules the server
 * applies when they are sent (discipline-sanctions.ts): delivery by the decider (the step's holder), the superior
 * or BKD, never the examinee; keberatan/banding by the examinee while its window is open and none is pending; the
 * outcome recorded by BKD (discipline.manage). An action the server already lists is kept as it says.
 *
 * @param view the case as the caller sees it
 * @param employeeId the caller's employee id (null for an account without one)
 * @param sanction the case's sanction from the employee's record (its appeal window), when loaded
 */
export function withSanctionActions(
  view: CaseView,
  employeeId: string | null,
  sanction: SanctionView | null,
  reasons: SanctionActionReasons,
): CaseActionView[] {
  const listed = new Set(view.actions.map((a) => a.action));
  const state = view.case.state;
  const r = view.myRole;
  const holder = view.next?.holder.employees.some((e) => e.id === employeeId) ?? false;
  const pending = view.appeals.some((a) => a.status === 'DIAJUKAN');
  const judge: Record<'deliver' | 'appeal' | 'decideAppeal', () => string | null> = {
    deliver: () => (!r.examinee && (holder || r.superior || r.manager) ? null : reasons.deliver),
    appeal: () => {
      if (!r.examinee) return reasons.appeal;
      if (pending) return reasons.appealPending;
      if (sanction?.appealWindow && !sanction.appealWindow.open) return reasons.appealClosed;
      return null;
    },
    decideAppeal: () => (r.manager ? null : reasons.decideAppeal),
  };
  const extra = (Object.keys(judge) as (keyof typeof judge)[])
    .filter((action) => !listed.has(action) && canTake(state, action as CaseAction))
    .map((action): CaseActionView => {
      const reason = judge[action]();
      return { action, label: action, allowed: reason === null, reason };
    });
  return [...view.actions, ...extra];
}
