import type { Actor } from '../../auth/authz.ts';
import type { CaseRole } from './discipline-context.ts';
import type { SanctionRow, StoredAuthority } from './sanctions-shared.ts';

/**
 * Who may take the steps of the sanctions section, one answer for the routes that take them
 * (sanctions-effects.ts, sanctions-appeals.ts) and for the case view that lists them (cases-view.ts): the reason
 * the caller may not, or null. Source: PP 94/2021 Pasal 38–41; PP 79/2021; regulations.md §1.7, §1.9.
 */
export const SANCTION_STEP_REFUSALS = {
  deliver: 'Penyampaian keputusan dicatat oleh pejabat yang menetapkan, atasan langsung pegawai, atau BKD',
  appeal: 'Upaya administratif hanya dapat diajukan oleh pegawai yang dijatuhi hukuman',
  decideAppeal: 'Putusan upaya administratif dicatat oleh BKD (pengelola disiplin) pada unit ini',
} as const;

/** Delivery: the official who decided (or one the authority names), the direct superior or BKD; never the examinee. */
export function refuseDelivery(
  actor: Actor,
  role: CaseRole,
  s: SanctionRow | null | undefined,
): string | null {
  const auth = s ? (s.authority as unknown as StoredAuthority) : null;
  const isDecider =
    !!actor.employeeId &&
    !!s &&
    (s.decidedByEmployee === actor.employeeId || (auth?.deciderIds ?? []).includes(actor.employeeId));
  return (isDecider || role.superior || role.manager) && !role.examinee
    ? null
    : SANCTION_STEP_REFUSALS.deliver;
}

/** Keberatan/banding: filed by the sanctioned employee only. */
export const refuseAppeal = (role: CaseRole): string | null =>
  role.examinee ? null : SANCTION_STEP_REFUSALS.appeal;

/** The outcome of an upaya administratif: recorded by BKD (discipline.manage), never by the examinee. */
export const refuseAppealDecision = (role: CaseRole): string | null =>
  role.manager && !role.examinee ? null : SANCTION_STEP_REFUSALS.decideAppeal;
